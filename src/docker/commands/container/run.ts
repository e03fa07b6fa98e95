// docker run: create a container and start it. Without -d the CLI attaches, the main process
// runs to its end and `docker run` exits with its status; with -d it prints the ID and the
// process runs until it would block (a long sleep), leaving the container running.

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import { out, runError } from '../../errors.ts';
import { CREATE_FLAGS } from './options.ts';
import { createFromCli } from './create-common.ts';
import { platformProblem, printWarnings, ttyProblem } from './create-checks.ts';
import { startContainer } from '../../../container/lifecycle.ts';
import { DaemonError } from '../../../container/errors.ts';

const USAGE = 'docker run [OPTIONS] IMAGE [COMMAND] [ARG...]';

export const run: DockerCommand = {
  spec: {
    path: 'run',
    args: { min: 1 },
    usage: USAGE,
    description: 'Create and run a new container from an image',
    legacyDescription: 'Run a command in a new container',
    interspersed: false,
    flags: [
      ...CREATE_FLAGS,
      { long: 'detach', short: 'd', kind: 'bool', help: 'Run container in background and print container ID' },
      { long: 'rm', kind: 'bool', help: 'Automatically remove the container and its associated anonymous volumes when it exits' },
    ],
  },
  run(ctx, p) {
    const detach = flagBool(p, 'detach');
    const c = createFromCli(ctx, p, 'run', USAGE, flagBool(p, 'rm'), () => ttyProblem(ctx, p, detach) ?? platformProblem(ctx, p, 'run'));
    if (typeof c === 'number') return c;
    printWarnings(ctx, c);
    if (detach) out(ctx, c.id + '\n');
    try {
      // `-i` attaches the CLI's stdin to the main process (a detached one gets none here).
      const attachStdin = !detach && flagBool(p, 'interactive');
      // on the reader's terminal, the process reads what they type as they type it
      const keyboard = attachStdin ? ctx.io.keyboard : undefined;
      const stdin = attachStdin && !keyboard ? ctx.io.stdin : '';
      const r = startContainer(ctx.st, c, { attached: !detach, io: ctx.io, stdin, ...(keyboard ? { keyboard } : {}), sleep: ctx.sleep }, ctx.events);
      if (detach) return 0;
      return r.kind === 'running' ? 0 : r.status;
    } catch (e) {
      if (e instanceof DaemonError) return runError(ctx, e.message, 'run', { startFailed: true });
      throw e;
    }
  },
};
