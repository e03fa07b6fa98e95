// docker create: create a container (volumes are created and filled now) without starting it.

import type { DockerCommand } from '../../command.ts';
import { out } from '../../errors.ts';
import { CREATE_FLAGS } from './options.ts';
import { createFromCli } from './create-common.ts';
import { platformProblem, printWarnings } from './create-checks.ts';

const USAGE = 'docker create [OPTIONS] IMAGE [COMMAND] [ARG...]';

export const create: DockerCommand = {
  spec: { path: 'create', args: { min: 1 }, usage: USAGE, description: 'Create a new container', interspersed: false, flags: CREATE_FLAGS },
  run(ctx, p) {
    const c = createFromCli(ctx, p, 'create', USAGE, false, () => platformProblem(ctx, p, 'create'));
    if (typeof c === 'number') return c;
    printWarnings(ctx, c);
    out(ctx, c.id + '\n');
    return 0;
  },
};
