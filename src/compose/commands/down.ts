// `docker compose down` (cmd/compose/down.go): the project by name when -p alone is given.

import { flagBool, flagInt, flagString } from '../../docker/args.ts';
import { down } from '../project/down.ts';
import { projectOrName } from '../project/name.ts';
import { ComposeError } from '../project/env.ts';
import { quote } from '../../docker/format/fmt.ts';
import type { ComposeCommand } from './command.ts';

export const downCommand: ComposeCommand = {
  spec: {
    path: 'compose down',
    usage: 'docker compose down [OPTIONS] [SERVICES]',
    description: 'Stop and remove containers, networks',
    args: { min: 0 },
    flags: [
      { long: 'volumes', short: 'v', kind: 'bool', help: 'Remove named volumes declared in the "volumes" section of the Compose file and anonymous volumes attached to containers' },
      { long: 'remove-orphans', kind: 'bool', help: 'Remove containers for services not defined in the Compose file' },
      { long: 'rmi', kind: 'string', help: 'Remove images used by services. "local" remove only images that don\'t have a custom tag ("local"|"all")' },
      { long: 'timeout', short: 't', kind: 'int', help: 'Specify a shutdown timeout in seconds' },
    ],
  },
  run(env, p) {
    const rmi = flagString(p, 'rmi') || undefined; // `--rmi ''` is no --rmi (`if opts.images != ""`)
    // cmd/compose/down.go PreRunE: `fmt.Errorf("invalid value for --rmi: %q", opts.images)`, the
    // value Go-quoted (recorded: compose/down-rmi-all, `invalid value for --rmi: "bogus"`)
    if (rmi !== undefined && rmi !== 'local' && rmi !== 'all') throw new ComposeError(`invalid value for --rmi: ${quote(rmi)}`);
    const { project, name } = projectOrName(env, p.args, true);
    down(env, name, project, { services: p.args, volumes: flagBool(p, 'volumes'), removeOrphans: flagBool(p, 'remove-orphans'), images: rmi as 'local' | 'all' | undefined, timeout: flagInt(p, 'timeout') });
    return 0;
  },
};
