// docker volume rm: in use (by any container, even stopped) is an error, -f does not override it;
// -f only makes a missing volume a silent success.

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import { errOut, out } from '../../errors.ts';
import { volumeUsers } from '../../../volume/store.ts';
import { treeSize } from '../../../fs/node.ts';
import { tableDelete, tableGet } from '../../../engine/table.ts';
import { settled } from '../../../engine/events.ts';

export const volumeRm: DockerCommand = {
  spec: {
    path: 'volume rm',
    args: { min: 1 },
    usage: 'docker volume rm [OPTIONS] VOLUME [VOLUME...]',
    description: 'Remove one or more volumes',
    flags: [{ long: 'force', short: 'f', kind: 'bool', help: 'Force the removal of one or more volumes' }],
  },
  run(ctx, p) {
    const errors: string[] = [];
    for (const name of p.args) {
      const v = tableGet(ctx.st.volumes, name);
      if (!v) {
        if (flagBool(p, 'force')) out(ctx, name + '\n');
        else errors.push(ctx.profile.client === '20.10' ? `Error: No such volume: ${name}` : `Error response from daemon: get ${name}: no such volume`);
        continue;
      }
      const users = volumeUsers(ctx.st, name);
      if (users.length > 0) {
        errors.push(`Error response from daemon: remove ${name}: volume is in use - [${users.map((c) => c.id).join(', ')}]`);
        continue;
      }
      ctx.events.push({ type: 'volume-removed', volume: name, bytes: treeSize(v.data), by: 'volume-rm', data: settled(v.data) });
      tableDelete(ctx.st.volumes, name);
      out(ctx, name + '\n');
    }
    for (const e of errors) errOut(ctx, e + '\n');
    return errors.length > 0 ? 1 : 0;
  },
};
