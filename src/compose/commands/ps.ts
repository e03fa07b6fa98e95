// `docker compose ps` (cmd/compose/ps.go, formatter/container.go): the project's containers
// (one-off ones too), running only unless -a, sorted by name; compose's own table and fields.

import { flagBool, flagList, flagString } from '../../docker/args.ts';
import { formatRows } from '../../docker/output.ts';
import { commandLine, localVolumes, status as psStatus } from '../../docker/commands/container/ps.ts';
import { apiPorts } from '../../network/endpoints.ts';
import { displayablePorts } from '../../network/ports.ts';
import { humanDuration } from '../../docker/format/units.ts';
import type { Container, EngineState } from '../../engine/state.ts';
import { healthStatus } from '../../container/health.ts';
import { byName, projectContainers, serviceOf, LABEL } from '../project/containers.ts';
import { projectOrName } from '../project/name.ts';
import { ComposeError } from '../project/env.ts';
import type { ComposeCommand } from './command.ts';
import { ellipsis } from '../../docker/format/display.ts';

const HEADERS = { Name: 'NAME', Image: 'IMAGE', Command: 'COMMAND', Service: 'SERVICE', RunningFor: 'CREATED', Status: 'STATUS', Ports: 'PORTS', ID: 'CONTAINER ID', State: 'STATE', Project: 'PROJECT', ExitCode: 'EXIT CODE', Health: 'HEALTH', CreatedAt: 'CREATED AT', Names: 'NAMES', Labels: 'LABELS', Mounts: 'MOUNTS', Networks: 'NETWORKS', LocalVolumes: 'LOCAL VOLUMES', Size: 'SIZE' };

const TABLE = 'table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}';

function quoted(s: string, width: number): string {
  return `"${ellipsis(s, width)}"`;
}

/**
 * The summary's Publishers (pkg/compose/ps.go): the daemon's list entry's ports, sorted by
 * container port (sort.Slice, an insertion sort that keeps the daemon's order otherwise for so
 * few); nil when there are none (`null` in JSON).
 */
export function publishers(c: Container): { URL: string; TargetPort: number; PublishedPort: number; Protocol: string }[] | null {
  const ports = apiPorts(c).sort((a, b) => a.privatePort - b.privatePort);
  if (ports.length === 0) return null;
  return ports.map((p) => ({ URL: p.ip, TargetPort: p.privatePort, PublishedPort: p.publicPort, Protocol: p.type }));
}

/** compose's ContainerSummary as its formatter shows it. */
function row(st: EngineState, now: number, c: Container): Record<string, unknown> {
  const pubs = publishers(c);
  const mounts = c.mounts.filter((m) => m.type === 'volume').map((m) => m.source);
  return {
    ID: c.id.slice(0, 12),
    Name: c.name,
    Names: c.name,
    Image: c.config.Image,
    Command: quoted(commandLine(c), 20),
    Project: c.config.Labels[LABEL.project] ?? '',
    Service: serviceOf(c),
    // the summary's State, as docker ps's: a paused container is `paused` (recorded: compose/images-pause)
    State: c.state.paused ? 'paused' : c.state.status,
    Status: psStatus(st, c),
    // compose ps: inspect's State.Health status, for a running container only
    Health: c.state.status === 'running' ? (healthStatus(st, c) ?? '') : '',
    ExitCode: c.state.status === 'running' || c.state.status === 'created' ? 0 : c.state.exitCode,
    RunningFor: `${humanDuration(now - c.created)} ago`,
    // formatter.DisplayablePorts as the docker/cli compose vendors prints it (`:::8080->80/tcp`;
    // recorded: compose/up-ports)
    Ports: displayablePorts((pubs ?? []).map((x) => ({ ip: x.URL, privatePort: x.TargetPort, publicPort: x.PublishedPort, type: x.Protocol })), '20.10'),
    Publishers: pubs,
    LocalVolumes: localVolumes(c),
    Mounts: mounts.join(','),
    Networks: Object.keys(c.networks ?? {}).join(','),
    Labels: Object.entries(c.config.Labels).map(([k, v]) => `${k}=${v}`).join(','),
    Size: '0B',
  };
}

export const psCommand: ComposeCommand = {
  spec: {
    path: 'compose ps',
    usage: 'docker compose ps [OPTIONS] [SERVICE...]',
    description: 'List containers',
    args: { min: 0 },
    flags: [
      { long: 'all', short: 'a', kind: 'bool', help: 'Show all stopped containers (including those created by the run command)' },
      { long: 'format', kind: 'string', help: 'Format output using a custom template' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Only display IDs' },
      { long: 'services', kind: 'bool', help: 'Display services' },
      { long: 'status', kind: 'list', help: 'Filter services by status. Values: [paused | restarting | removing | running | dead | created | exited]' },
      { long: 'filter', kind: 'list', help: 'Filter services by a property (supported filters: status).' },
      { long: 'orphans', kind: 'bool', help: 'Include orphaned services (not declared by project)' },
      { long: 'no-trunc', kind: 'bool', help: "Don't truncate output" },
    ],
  },
  run(env, p) {
    const { name } = projectOrName(env, p.args);
    const statuses = [...flagList(p, 'status'), ...flagList(p, 'filter').map((f) => {
      const [k, v] = f.split('=');
      if (k !== 'status') throw new ComposeError(`no such filter: ${k}`);
      return v ?? '';
    })];
    const all = flagBool(p, 'all') || statuses.length > 0;
    let list = byName(projectContainers(env.ctx.st, name, 'include', p.args)).filter((c) => all || c.state.status === 'running');
    if (statuses.length > 0) list = list.filter((c) => statuses.includes(c.state.paused ? 'paused' : c.state.status));
    if (flagBool(p, 'services')) {
      for (const s of [...new Set(list.map(serviceOf))]) env.out.stdout(`${s}\n`);
      return 0;
    }
    if (flagBool(p, 'quiet')) {
      for (const c of list) env.out.stdout(`${c.id}\n`);
      return 0;
    }
    const format = flagString(p, 'format') ?? 'table';
    const now = env.ctx.st.clock;
    if (format === 'json') {
      env.out.stdout(list.map((c) => JSON.stringify(row(env.ctx.st, now, c))).join('\n') + (list.length > 0 ? '\n' : ''));
      return 0;
    }
    const template = format === 'table' ? TABLE : format;
    env.out.stdout(formatRows(template, list.map((c) => row(env.ctx.st, now, c)) as never[], HEADERS, '28.2'));
    return 0;
  },
};
