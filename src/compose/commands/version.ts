// `docker compose version` (compose cmd/compose/version.go: `Docker Compose version` and
// internal.Version; --short drops its `v`). A normal install's plugin (Docker's packages, built
// with compose's Makefile: `VERSION ?= $(git describe --match 'v[0-9]*' ...)`) is `v2.26.1`; the
// oracle's is Debian trixie's package, which sets `2.26.1-4` (recorded:
// compose/unknown-subcommand-and-version), shown with the oracle's stand-ins (busyboxStandIns).

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
    const release = env.ctx.profile.compose ?? '';
    const v = env.ctx.st.busyboxStandIns === true ? `${release}-4` : `v${release}`;
    if (flagBool(p, 'short')) env.out.stdout(`${v.replace(/^v/, '')}\n`);
    else if (flagString(p, 'format') === 'json') env.out.stdout(`{"version":"${v}"}\n`);
    else env.out.stdout(`Docker Compose version ${v}\n`);
    return 0;
  },
};
