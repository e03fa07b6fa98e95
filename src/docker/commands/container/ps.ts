// docker ps (docker container ls).

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagString } from '../../args.ts';
import { out } from '../../errors.ts';
import { formatRows } from '../../output.ts';
import type { Container, EngineState } from '../../../engine/state.ts';
import type { GoValue } from '../../format/value.ts';
import { tagsOf } from '../../../image/store.ts';

function status(c: Container, now: number): string {
  if (c.state.status === 'created') return 'Created';
  if (c.state.status === 'running') return `Up ${ago(now - c.state.startedAt)}`;
  return `Exited (${c.state.exitCode}) ${ago(now - c.state.finishedAt)} ago`;
}

function ago(seconds: number): string {
  if (seconds < 1) return 'Less than a second';
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const m = Math.round(seconds / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}

function row(st: EngineState, c: Container): GoValue {
  const command = [c.path, ...c.args].join(' ');
  return {
    ID: c.id.slice(0, 12),
    Image: c.config.Image || tagsOf(st, c.imageId)[0] || c.imageId.slice(0, 12),
    Command: `"${command.length > 20 ? command.slice(0, 19) + '…' : command}"`,
    CreatedAt: '',
    RunningFor: ago(st.clock - c.created) + ' ago',
    Ports: '',
    State: c.state.status,
    Status: status(c, st.clock),
    Size: '0B',
    Names: c.name,
    Labels: Object.entries(c.config.Labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    Mounts: c.mounts.map((m) => (m.type === 'volume' ? m.source.slice(0, 15) : m.source)).join(','),
    Networks: 'none',
    Label: (k: string) => c.config.Labels[k] ?? '',
  };
}

const HEADERS = {
  ID: 'CONTAINER ID',
  Image: 'IMAGE',
  Command: 'COMMAND',
  CreatedAt: 'CREATED AT',
  RunningFor: 'CREATED',
  Ports: 'PORTS',
  State: 'STATE',
  Status: 'STATUS',
  Size: 'SIZE',
  Names: 'NAMES',
  Labels: 'LABELS',
  Mounts: 'MOUNTS',
  Networks: 'NETWORKS',
};

export const ps: DockerCommand = {
  spec: {
    path: 'ps',
    usage: 'docker ps [OPTIONS]',
    description: 'List containers',
    flags: [
      { long: 'all', short: 'a', kind: 'bool', help: 'Show all containers (default shows just running)' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Only display container IDs' },
      { long: 'format', kind: 'string', help: 'Format output using a custom template' },
      { long: 'no-trunc', kind: 'bool', help: "Don't truncate output" },
      { long: 'filter', short: 'f', kind: 'list', help: 'Filter output based on conditions provided', refuse: 'ps filters are not simulated yet' },
      { long: 'size', short: 's', kind: 'bool', help: 'Display total file sizes', refuse: 'not yet simulated' },
    ],
  },
  run(ctx, p) {
    // Newest first, like the daemon.
    const list = Object.values(ctx.st.containers)
      .filter((c) => flagBool(p, 'all') || c.state.status === 'running')
      .reverse();
    const rows = list.map((c) => row(ctx.st, c));
    if (flagBool(p, 'quiet')) {
      out(ctx, list.map((c) => (flagBool(p, 'no-trunc') ? c.id : c.id.slice(0, 12)) + '\n').join(''));
      return 0;
    }
    const format = flagString(p, 'format') ?? 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}';
    out(ctx, formatRows(format, rows, HEADERS));
    return 0;
  },
};
