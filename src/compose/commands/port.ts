// `docker compose port` (cmd/compose/port.go, pkg/compose/port.go): the first of the service's
// running container's published ports (the daemon's list entry) with that container port and
// protocol, as `IP:PORT`; an exposed port without a binding is `:0` (recorded: compose/up-ports).

import { flagInt, flagString } from '../../docker/args.ts';
import { apiPorts } from '../../network/endpoints.ts';
import { containerNumber, projectContainers } from '../project/containers.ts';
import { projectOrName } from '../project/name.ts';
import { ComposeError } from '../project/env.ts';
import type { ComposeCommand } from './command.ts';

export const portCommand: ComposeCommand = {
  spec: {
    path: 'compose port',
    usage: 'docker compose port [OPTIONS] SERVICE PRIVATE_PORT',
    description: 'Print the public port for a port binding',
    args: { min: 2 },
    flags: [
      { long: 'index', kind: 'int', help: 'Index of the container if service has multiple replicas' },
      { long: 'protocol', kind: 'string', help: 'tcp or udp' },
    ],
  },
  run(env, p) {
    const [service, raw] = p.args as [string, string];
    // PreRunE: strconv.ParseUint(args[1], 10, 16)
    if (!/^\d+$/.test(raw)) throw new ComposeError(`strconv.ParseUint: parsing ${JSON.stringify(raw)}: invalid syntax`);
    if (Number(raw) > 65535) throw new ComposeError(`strconv.ParseUint: parsing ${JSON.stringify(raw)}: value out of range`);
    const port = Number(raw);
    const protocol = (flagString(p, 'protocol') ?? 'tcp').toLowerCase();
    const index = flagInt(p, 'index') ?? 0;
    const { name } = projectOrName(env, [service]);
    // getSpecifiedContainer: running containers of the service (one-off ones too), lowest number first
    const running = projectContainers(env.ctx.st, name, 'include', [service])
      .filter((c) => c.state.status === 'running' && (index <= 0 || containerNumber(c) === index))
      .sort((a, b) => containerNumber(a) - containerNumber(b));
    if (running.length === 0) {
      throw new ComposeError(index > 0 ? `service ${JSON.stringify(service)} is not running container #${index}` : `service ${JSON.stringify(service)} is not running`);
    }
    const c = running[0];
    const ports = apiPorts(c);
    const found = ports.find((x) => x.privatePort === port && x.type === protocol);
    if (!found) {
      // portNotFoundError lists the ports in the daemon's (map) order, which strata cannot match
      const list = ports.map((x) => `${x.publicPort}/${x.type}`).join(', ');
      throw new ComposeError(`no port ${port}/${protocol} for container ${c.name}: ${list}`);
    }
    env.out.stdout(`${found.ip}:${found.publicPort}\n`);
    return 0;
  },
};
