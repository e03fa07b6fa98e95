// `docker compose version`: the oracle's plugin is Debian trixie's 2.26.1-4 package.

import { flagBool, flagString } from '../../docker/args.ts';
import type { ComposeCommand } from './command.ts';

export const versionCommand: ComposeCommand = {
  spec: {
    path: 'compose version',
    usage: 'docker compose version [OPTIONS]',
    description: 'Show the Docker Compose version information',
    args: { min: 0, max: 0 },
    flags: [
      { long: 'format', short: 'f', kind: 'string', help: 'Format the output. Values: [pretty | json]. (Default: pretty)' },
      { long: 'short', kind: 'bool', help: 'Shows only Compose\'s version number' },
    ],
  },
  run(env, p) {
    const v = `${env.ctx.profile.compose ?? ''}-4`;
    if (flagBool(p, 'short')) env.out.stdout(`${v}\n`);
    else if (flagString(p, 'format') === 'json') env.out.stdout(`{"version":"${v}"}\n`);
    else env.out.stdout(`Docker Compose version ${v}\n`);
    return 0;
  },
};
