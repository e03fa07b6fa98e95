// docker rename: a new name for a container (daemon ContainerRename). The CLI prints the
// daemon's error and then its own `Error: failed to rename container named OLD`.

import type { DockerCommand } from '../../command.ts';
import { errOut } from '../../errors.ts';
import { bareName, CONTAINER_NAME_RE, findContainer } from '../../../container/lookup.ts';
import { containerIdByName, renameContainer } from '../../../container/registry.ts';
import { DaemonError } from '../../../container/errors.ts';
import { renameSandbox } from '../../../network/endpoints.ts';

export const rename: DockerCommand = {
  spec: {
    path: 'rename',
    args: { min: 2, max: 2 },
    usage: 'docker rename CONTAINER NEW_NAME',
    description: 'Rename a container',
    flags: [],
  },
  run(ctx, p) {
    const oldName = p.args[0].trim();
    const newName = p.args[1].trim();
    if (oldName === '' || newName === '') {
      errOut(ctx, 'Error: Neither old nor new names may be empty\n');
      return 1;
    }
    const failed = (msg: string): number => {
      errOut(ctx, `Error response from daemon: ${msg}\nError: failed to rename container named ${oldName}\n`);
      return 1;
    };
    const c = findContainer(ctx.st, oldName);
    if (!c) return failed(`No such container: ${oldName}`);
    const bare = bareName(newName);
    // Both daemons keep these two messages capitalized (lifecycle-wait-rename).
    if (bare === c.name) return failed('Renaming a container with the same name as its current name');
    if (!CONTAINER_NAME_RE.test(bare)) return failed(`Error when allocating new name: Invalid container name (/${bare}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
    const clash = containerIdByName(ctx.st, bare);
    if (clash !== undefined) {
      return failed(
        `Error when allocating new name: Conflict. The container name "/${bare}" is already in use by container "${clash}". You have to remove (or rename) that container to be able to reuse that name.`,
      );
    }
    // A running container's network sandbox is renamed too (network/endpoints.ts renameSandbox).
    try {
      renameSandbox(ctx.st, c, ctx.profile);
    } catch (e) {
      if (e instanceof DaemonError) return failed(e.message);
      throw e;
    }
    renameContainer(ctx.st, c, bare);
    return 0;
  },
};
