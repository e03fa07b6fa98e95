// docker stats (docker container stats) with --no-stream and a format that shows which containers
// it watches: .Name, .ID, .Container (tutorials print `docker stats --no-stream --format
// '{{.Name}}'` or a table of names). The usage columns (CPU, memory, network and block I/O, PIDs)
// are what the kernel measured at that moment: they differ on every run and machine, so a format
// that uses one of them (the default table does) is refused by name; so is the live stream
// (without --no-stream the CLI redraws the screen every 500 ms until interrupted).
//
// docker/cli cli/command/container/stats.go runStats: without names, the containers of
// ContainerList (running ones; all with -a), newest first, .Container their ID's first 12 hex; with
// names, those containers in the order given, .Container the name as typed, any state (a stopped
// one has a row too); a name the daemon does not know fails the whole command with the
// ContainerStats error (`Error response from daemon: No such container: X`, exit 1) and no rows.
// formatter_stats.go: .Name is the API's name without its leading `/`, .ID truncated to 12 unless
// --no-trunc, headers CONTAINER, NAME, CONTAINER ID. Recorded on both engines:
// tutorials/pt-stats-names, tutorials/pt-ps-format-table.

import { unfollowedRefusal } from '../../../container/unfollowed.ts';
import type { DockerCommand } from '../../command.ts';
import { flagBool, flagString } from '../../args.ts';
import { daemonError, out, refusal } from '../../errors.ts';
import { formatRows } from '../../output.ts';
import { asFormatterContext } from '../../format/json.ts';
import { goType, type GoValue } from '../../format/value.ts';
import { peekFindContainer } from '../../../container/lookup.ts';
import { containerList } from '../../../container/registry.ts';
import { NotSimulated } from '../../../engine/not-simulated.ts';
import type { Container } from '../../../engine/state.ts';

/** docker/cli formatter_stats.go defaultStatsTableFormat (Linux). */
const DEFAULT_TABLE = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';

/** formatter_stats.go statsFormatWrite's header context. */
const STATS_HEADERS = {
  Container: 'CONTAINER',
  Name: 'NAME',
  ID: 'CONTAINER ID',
  CPUPerc: 'CPU %',
  MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %',
  NetIO: 'NET I/O',
  BlockIO: 'BLOCK I/O',
  PIDs: 'PIDS',
};

/** The usage columns: measured by the kernel at that moment, never the same twice. */
const USAGE_FIELDS = ['CPUPerc', 'MemUsage', 'MemPerc', 'NetIO', 'BlockIO', 'PIDs'] as const;

function statsRow(c: Container, container: string, trunc: boolean): GoValue {
  const row: Record<string, unknown> = {
    Container: container,
    // the stats API's name is the container's `/name`; Name() drops the slash
    Name: c.name,
    ID: trunc ? c.id.slice(0, 12) : c.id,
  };
  for (const field of USAGE_FIELDS) {
    Object.defineProperty(row, field, {
      enumerable: true,
      get(): string {
        throw new NotSimulated(`strata does not simulate docker stats' ${STATS_HEADERS[field]} column: resource usage is measured by the kernel and differs on every run (a format of .Name, .ID and .Container is simulated)`);
      },
    });
  }
  return asFormatterContext(goType(row as Record<string, GoValue>, '*container.statsContext'));
}

export const stats: DockerCommand = {
  spec: {
    path: 'stats',
    args: { min: 0 },
    usage: 'docker stats [OPTIONS] [CONTAINER...]',
    description: 'Display a live stream of container(s) resource usage statistics',
    flags: [
      { long: 'all', short: 'a', kind: 'bool', help: 'Show all containers (default shows just running)' },
      { long: 'format', kind: 'string', help: 'Format output using a custom template' },
      { long: 'no-stream', kind: 'bool', help: 'Disable streaming stats and only pull the first result' },
      { long: 'no-trunc', kind: 'bool', help: 'Do not truncate output' },
    ],
  },
  run(ctx, p) {
    if (!flagBool(p, 'no-stream')) {
      return refusal(ctx, 'strata does not simulate the live stream of docker stats (it redraws until interrupted); --no-stream with a format of .Name, .ID or .Container is simulated');
    }
    const trunc = !flagBool(p, 'no-trunc');
    const given = flagString(p, 'format') ?? '';
    const format = given === '' || given === 'table' ? DEFAULT_TABLE : given;
    let rows: GoValue[];
    if (p.args.length === 0) {
      const all = flagBool(p, 'all');
      // running or restarting at the moment: it depends on timing (container/restart.ts)
      const looping = containerList(ctx.st).find((c) => c.unfollowed !== undefined);
      if (looping !== undefined) throw unfollowedRefusal(looping);
      rows = containerList(ctx.st)
        .reverse()
        .filter((c) => all || c.state.status === 'running')
        .map((c) => statsRow(c, c.id.slice(0, 12), trunc));
    } else {
      const found: Container[] = [];
      for (const ref of p.args) {
        const c = peekFindContainer(ctx.st, ref);
        if (!c) return daemonError(ctx, `No such container: ${ref}`);
        found.push(c);
      }
      // cStats.add keeps the first of a name given twice
      const seen = new Set<string>();
      rows = [];
      p.args.forEach((ref, i) => {
        if (seen.has(ref)) return;
        seen.add(ref);
        rows.push(statsRow(found[i]!, ref, trunc));
      });
    }
    out(ctx, formatRows(format, rows, STATS_HEADERS, ctx.profile.client));
    return 0;
  },
};
