// `docker compose logs` (cmd/formatter/logs.go): each container's log, every line prefixed with
// `<service>-<number>` padded to the longest such name, then ` | `, and the terminal's erase-line
// sequence before it, as compose 2.26 writes even to a pipe (recorded: compose/kill-and-logs).
// Compose reads each container (and its two streams) concurrently; strata prints containers by
// name, each log in the order it was written.

import { flagBool, flagString } from '../../docker/args.ts';
import type { Container, EngineState, LogChunk } from '../../engine/state.ts';
import { serverLogLines, unknownWords } from '../../container/server-log.ts';
import { lines as logEntries } from '../../docker/commands/container/logs.ts';
import { NotSimulated } from '../../engine/not-simulated.ts';
import { byName, containerNumber, projectContainers, serviceOf } from '../project/containers.ts';
import { projectOrName } from '../project/name.ts';
import type { ComposeCommand } from './command.ts';

const ERASE_LINE = '\x1b[2K';

/** The log split into lines (a chunk may hold several lines or part of one). */
function logLines(chunks: LogChunk[]): string[] {
  const text = chunks.map((c) => c.data).join('');
  const out = text.split('\n');
  if (out.at(-1) === '') out.pop();
  return out;
}

/**
 * A catalog server's log as a normal install's holds it (container/server-log.ts), or undefined
 * for any other container's; a line strata does not know is refused by name when --tail keeps it.
 */
function serverLines(st: EngineState, c: Container, tail: number | undefined): string[] | undefined {
  const raw = logEntries(c.logs, c.state.status === 'running');
  let shown = serverLogLines(st, c, raw);
  if (shown.length === raw.length && shown.every((l, i) => l === raw[i])) return undefined;
  if (tail !== undefined) shown = tail === 0 ? [] : shown.slice(-tail);
  if (shown.some((l) => l.unknown !== undefined)) throw new NotSimulated(`strata does not simulate what \`docker compose logs\` prints here: ${unknownWords(shown)}`);
  return shown.map((l) => l.data.replace(/\n$/, ''));
}

export const logsCommand: ComposeCommand = {
  spec: {
    path: 'compose logs',
    usage: 'docker compose logs [OPTIONS] [SERVICE...]',
    description: 'View output from containers',
    args: { min: 0 },
    flags: [
      { long: 'no-log-prefix', kind: 'bool', help: "Don't print prefix in logs" },
      { long: 'no-color', kind: 'bool', help: 'Produce monochrome output' },
      { long: 'tail', short: 'n', kind: 'string', help: 'Number of lines to show from the end of the logs for each container' },
      { long: 'index', kind: 'int', help: 'index of the container if service has multiple replicas' },
      { long: 'follow', short: 'f', kind: 'bool', help: 'Follow log output', refuse: 'following a log until the containers stop is not simulated' },
      { long: 'timestamps', short: 't', kind: 'bool', help: 'Show timestamps', refuse: 'there is no clock' },
      { long: 'since', kind: 'string', help: 'Show logs since timestamp', refuse: 'there is no clock' },
      { long: 'until', kind: 'string', help: 'Show logs before a timestamp', refuse: 'there is no clock' },
    ],
  },
  run(env, p) {
    const { name } = projectOrName(env, p.args);
    const containers = byName(projectContainers(env.ctx.st, name, 'exclude', p.args));
    const label = (c: (typeof containers)[number]): string => `${serviceOf(c)}-${containerNumber(c)}`;
    const width = Math.max(0, ...containers.map((c) => label(c).length)) + 1;
    const tail = flagString(p, 'tail');
    const tailCount = tail !== undefined && tail !== 'all' && /^\d+$/.test(tail) ? Number(tail) : undefined;
    // (every log first: a refused one prints nothing of the others)
    // a container whose driver keeps nothing to read (none): a warning, the others' logs go on
    // (pkg/compose/logs.go at v2.26.1: Can't retrieve logs for ...; recorded: compose/sweep-logging-driver)
    const unreadable = (c: (typeof containers)[number]): boolean => c.hostConfig.LogConfig?.Type === 'none';
    for (const c of containers) if (unreadable(c)) env.warn(`Can't retrieve logs for ${JSON.stringify(c.name)}: Error response from daemon: configured logging driver does not support reading`);
    const logs = containers.filter((c) => !unreadable(c)).map((c) => {
      const lines = serverLines(env.ctx.st, c, tailCount) ?? logLines(c.logs);
      return { c, lines: tailCount === undefined ? lines : tailCount === 0 ? [] : lines.slice(-tailCount) };
    });
    for (const { c, lines } of logs) {
      const prefix = flagBool(p, 'no-log-prefix') ? '' : `${label(c).padEnd(width)} | `;
      for (const l of lines) env.out.stdout(`${ERASE_LINE}${prefix}${l}\n`);
    }
    return 0;
  },
};
