// docker logs: what the main process printed (every run of it, across restarts).

import type { DockerCommand } from '../../command.ts';
import { daemonError } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';

export const logs: DockerCommand = {
  spec: {
    path: 'logs',
    usage: 'docker logs [OPTIONS] CONTAINER',
    description: 'Fetch the logs of a container',
    flags: [
      { long: 'follow', short: 'f', kind: 'bool', help: 'Follow log output', refuse: 'following needs a clock' },
      { long: 'timestamps', short: 't', kind: 'bool', help: 'Show timestamps', refuse: 'there is no clock' },
    ],
  },
  run(ctx, p) {
    const c = findContainer(ctx.st, p.args[0] ?? '');
    if (!c) return daemonError(ctx, `No such container: ${p.args[0]}`);
    ctx.io.stdout(c.logs);
    return 0;
  },
};
