// docker port (docker container port): the published ports of a running container, from its
// NetworkSettings.Ports (docker/cli cli/command/container/port.go). The 20.10 CLI prints
// `IP:PORT` (`:::8080`) and walks the map in Go's random order; the 28.2 CLI joins with
// net.JoinHostPort (`[::]:8080`) and sorts the lines naturally. Strata sorts for both.

import type { DockerCommand } from '../../command.ts';
import { errOut, noSuchText, out } from '../../errors.ts';
import { peekFindContainer } from '../../../container/lookup.ts';
import { joinHostPort, parsePortRange } from '../../../network/ports.ts';
import { naturalCompare } from '../volume/ls.ts';
import type { Container } from '../../../engine/state.ts';

/** NetworkSettings.Ports as `80/tcp` → bindings (only a running container has any). */
function publishedPorts(c: Container): Map<string, { ip: string; port: number }[]> {
  const ports = new Map<string, { ip: string; port: number }[]>();
  if (c.state.status !== 'running') return ports;
  for (const m of c.ports ?? []) ports.set(m.port, [...(ports.get(m.port) ?? []), { ip: m.hostIp, port: m.hostPort }]);
  return ports;
}

export const port: DockerCommand = {
  spec: {
    path: 'port',
    args: { min: 1, max: 2 },
    usage: 'docker port CONTAINER [PRIVATE_PORT[/PROTO]]',
    description: 'List port mappings or a specific mapping for the container',
    flags: [],
  },
  run(ctx, p) {
    const [ref, wanted] = p.args as [string, string | undefined];
    const c = peekFindContainer(ctx.st, ref);
    if (!c) {
      errOut(ctx, noSuchText(ctx, 'container', ref) + '\n');
      return 1;
    }
    const client = ctx.profile.client;
    const ports = publishedPorts(c);
    if (wanted !== undefined) {
      let key: string;
      if (client === '20.10') {
        // nat.NewPort(proto, port): the number is parsed (and so normalized) first.
        const slash = wanted.indexOf('/');
        const num = slash >= 0 && slash < wanted.length - 1 ? wanted.slice(0, slash) : wanted.replace(/\/$/, '');
        const proto = slash >= 0 && slash < wanted.length - 1 ? wanted.slice(slash + 1) : 'tcp';
        const r = parsePortRange(num, '20.10');
        if ('error' in r) {
          errOut(ctx, r.error + '\n');
          return 1;
        }
        key = r.start === r.end ? `${r.start}/${proto}` : `${r.start}-${r.end}/${proto}`;
        const frontends = ports.get(key);
        if (!frontends) {
          errOut(ctx, `Error: No public port '${num}/${proto}' published for ${ref}\n`);
          return 1;
        }
        out(ctx, frontends.map((f) => `${joinHostPort(f.ip, f.port, client)}\n`).join(''));
        return 0;
      }
      const [num, protoGiven] = wanted.includes('/') ? [wanted.slice(0, wanted.indexOf('/')), wanted.slice(wanted.indexOf('/') + 1)] : [wanted, ''];
      const r = !/^\d+$/.test(num) ? 'invalid syntax' : Number(num) > 65535 ? 'value out of range' : undefined;
      if (r !== undefined) {
        errOut(ctx, `Error: invalid port (${num}): strconv.ParseUint: parsing "${num}": ${r}\n`);
        return 1;
      }
      const frontends = ports.get(`${num}/${protoGiven === '' ? 'tcp' : protoGiven}`);
      if (!frontends || frontends.length === 0) {
        errOut(ctx, `Error: No public port '${wanted}' published for ${ref}\n`);
        return 1;
      }
      const lines = frontends.map((f) => joinHostPort(f.ip, f.port, client)).sort(naturalCompare);
      out(ctx, lines.join('\n') + '\n');
      return 0;
    }
    const lines: string[] = [];
    for (const [from, frontends] of ports) for (const f of frontends) lines.push(`${from} -> ${joinHostPort(f.ip, f.port, client)}`);
    if (lines.length > 0) out(ctx, lines.sort(naturalCompare).join('\n') + '\n');
    return 0;
  },
};
