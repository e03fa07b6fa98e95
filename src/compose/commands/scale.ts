// `docker compose scale SERVICE=REPLICAS...` (cmd/compose/scale.go, pkg/compose/scale.go at
// v2.26.1): the services' scale set (SetScale), then create and start them as up does.

import { flagBool } from '../../docker/args.ts';
import { load } from '../cli.ts';
import { withSelectedServices } from '../model/project.ts';
import { up } from '../project/up.ts';
import { ComposeError } from '../project/env.ts';
import type { ComposeCommand } from './command.ts';

export const scaleCommand: ComposeCommand = {
  spec: {
    path: 'compose scale',
    usage: 'docker compose scale [SERVICE=REPLICAS...]',
    description: 'Scale services ',
    args: { min: 0 },
    flags: [{ long: 'no-deps', kind: 'bool', help: "Don't start linked services" }],
  },
  run(env, p) {
    // cobra.MinimumNArgs(1), not docker/cli's RequiresMinArgs (recorded: compose/scale-command)
    if (p.args.length === 0) throw new ComposeError('requires at least 1 arg(s), only received 0');
    // parseServicesReplicasArgs
    const tuples = new Map<string, number>();
    for (const arg of p.args) {
      const i = arg.indexOf('=');
      const key = i < 0 ? '' : arg.slice(0, i);
      const val = i < 0 ? '' : arg.slice(i + 1);
      if (i < 0 || key === '' || val === '') throw new ComposeError(`invalid scale specifier: ${arg}`);
      if (!/^[+-]?\d+$/.test(val)) throw new ComposeError(`invalid scale specifier: can't parse replica value as int: ${arg}`);
      tuples.set(key, Number(val));
    }
    const services = [...tuples.keys()];
    const loaded = load(env, { services });
    for (const s of services) if (!(s in loaded.services)) throw new ComposeError(`no such service: ${s}`);
    const project = flagBool(p, 'no-deps') ? withSelectedServices(loaded, services, true) : loaded;
    for (const [name, n] of tuples) {
      const s = project.services[name];
      project.services[name] = { ...s, scale: n, ...(s.deploy ? { deploy: { ...s.deploy, replicas: n } } : {}) };
    }
    up(env, project, { recreate: 'diverged', renewAnonVolumes: false, build: false, noBuild: false, removeOrphans: false, start: true, services });
    return 0;
  },
};
