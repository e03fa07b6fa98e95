// docker start: run a created or stopped container again on the same writable layer (with -a,
// attached to its output); tmpfs mounts start empty.

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import { daemonError, errOut, noSuchText, out } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { startContainer } from '../../../container/lifecycle.ts';
import { DaemonError } from '../../../container/errors.ts';

export const start: DockerCommand = {
  spec: {
    path: 'start',
    args: { min: 1 },
    usage: 'docker start [OPTIONS] CONTAINER [CONTAINER...]',
    description: 'Start one or more stopped containers',
    flags: [
      { long: 'attach', short: 'a', kind: 'bool', help: "Attach STDOUT/STDERR and forward signals" },
      { long: 'interactive', short: 'i', kind: 'bool', help: "Attach container's STDIN" },
    ],
  },
  run(ctx, p) {
    const attach = flagBool(p, 'attach');
    if (attach) {
      const c = findContainer(ctx.st, p.args[0] ?? '');
      // The attaching CLI inspects first: 20.10 reports a missing container client-side.
      if (!c) {
        errOut(ctx, noSuchText(ctx, 'container', p.args[0] ?? '') + '\n');
        return 1;
      }
      try {
        const r = startContainer(ctx.st, c, { attached: true, io: ctx.io, stdin: flagBool(p, 'interactive') ? ctx.io.stdin : '', sleep: ctx.sleep }, ctx.events);
        return r.kind === 'running' ? 0 : r.status;
      } catch (e) {
        // Unlike `docker run`, a failed `docker start -a` is a plain daemon error (exit 1).
        if (e instanceof DaemonError) return daemonError(ctx, e.message);
        throw e;
      }
    }
    let failed = false;
    for (const ref of p.args) {
      const c = findContainer(ctx.st, ref);
      if (!c) {
        errOut(ctx, `Error response from daemon: No such container: ${ref}\n`);
        failed = true;
        continue;
      }
      try {
        startContainer(ctx.st, c, { attached: false, io: ctx.io }, ctx.events);
        out(ctx, ref + '\n');
      } catch (e) {
        if (!(e instanceof DaemonError)) throw e;
        errOut(ctx, `Error response from daemon: ${e.message}\n`);
        failed = true;
      }
    }
    if (failed) {
      errOut(ctx, 'Error: failed to start containers: ' + p.args.join(', ') + '\n');
      return 1;
    }
    return 0;
  },
};
