// docker ps (docker container ls): the daemon's list (newest first, filters, limit) and the
// CLI's container formatter (quoted, truncated .Command; .Size as "RW (virtual ROOTFS)").

import { unfollowedRefusal } from '../../../container/unfollowed.ts';
import { badFilterFormat, parseFilterFlags, type FilterArgs } from '../../filters.ts';
import { findImage } from '../../../image/store.ts';
import type { DockerCommand } from '../../command.ts';
import type { DockerContext } from '../../context.ts';
import { flagBool, flagList, flagString } from '../../args.ts';
import { daemonError, errOut, flagError, out, refusal } from '../../errors.ts';
import { daemonText, type EngineProfile } from '../../../engine/profile.ts';
import { displayablePorts } from '../../../network/ports.ts';
import { apiPorts } from '../../../network/endpoints.ts';
import { knownTreeSize, treeSize } from '../../../fs/node.ts';
import { humanDuration, humanSizeWithPrecision } from '../../format/units.ts';
import { asFormatterContext } from '../../format/json.ts';
import { goTimeString } from '../../views/time.ts';
import { formatRows, templateOptions } from '../../output.ts';
import type { Container, EngineState } from '../../../engine/state.ts';
import { NIL_PTR, goType, type GoValue } from '../../format/value.ts';
import { Template, TemplateError } from '../../format/template.ts';
import { ellipsis } from '../../format/display.ts';
import { quote } from '../../format/fmt.ts';
import { shownSize } from '../../../image/real.ts';
import { sureCommand } from '../../sure.ts';
import { containerList } from '../../../container/registry.ts';
import { tablePeek, tableValues } from '../../../engine/table.ts';
import { healthStatus } from '../../../container/health.ts';

/** moby container.State.String: how long it has been up, or since it exited, in units.HumanDuration. */
export function status(st: EngineState, c: Container): string {
  const now = st.clock;
  if (c.state.status === 'created') return 'Created';
  if (c.state.status === 'running') {
    // Health.String: `health: starting`, or the status as it is
    const health = c.state.paused ? undefined : healthStatus(st, c);
    return `Up ${humanDuration(now - c.state.startedAt)}${c.state.paused ? ' (Paused)' : health === 'starting' ? ' (health: starting)' : health ? ` (${health})` : ''}`;
  }
  return `Exited (${c.state.exitCode}) ${humanDuration(now - c.state.finishedAt)} ago`;
}

/** The daemon's list Command: Path, then the args, each one holding a space in single quotes. */
export function commandLine(c: Container): string {
  if (c.args.length === 0) return c.path;
  return `${c.path} ${c.args.map((a) => (a.includes(' ') ? `'${a}'` : a)).join(' ')}`;
}

/** `.Size`: the writable layer's bytes, and with the image's the whole root file system. */
function sizeText(st: EngineState, c: Container, computed: boolean): string {
  if (!computed) return '0B';
  const rw = knownTreeSize(c.upper, `the writable layer of container ${c.name}`);
  const image = tablePeek(st.images, c.imageId);
  const rootFs = rw + (image ? shownSize(st, image) : 0);
  const srw = humanSizeWithPrecision(rw, 3);
  return rootFs > 0 ? `${srw} (virtual ${humanSizeWithPrecision(rootFs, 3)})` : srw;
}

/** stringid.TruncateID: the part after a `sha256:`-style prefix, cut to 12 characters. */
function truncateId(id: string): string {
  const bare = id.slice(id.indexOf(':') + 1);
  return bare.length > 12 ? bare.slice(0, 12) : bare;
}

/** The CLI's ContainerContext over the daemon's list entry (also `docker system df -v`'s rows). */
export function containerRow(st: EngineState, c: Container, opts: { trunc: boolean; size: boolean }, profile: EngineProfile): GoValue {
  const command = commandLine(c);
  return asFormatterContext(goType({
    ID: opts.trunc ? c.id.slice(0, 12) : c.id,
    // The name the container was created with, while it still means this image; else the ID.
    // docker/cli ContainerContext.Image: a name that is the image's ID (a build step's container,
    // `docker run <ID>`) is cut to 12 like the ID (stringid.TruncateID; recorded:
    // builds/env-path-idioms).
    Image: findImage(st, c.config.Image)?.id === c.imageId ? (opts.trunc && truncateId(c.config.Image) === c.imageId.slice(0, 12) ? c.imageId.slice(0, 12) : c.config.Image) : c.imageId.slice(0, 12),
    // docker/cli formatter ContainerContext.Command: Ellipsis(command, 20) unless --no-trunc, then strconv.Quote.
    Command: quote(opts.trunc ? ellipsis(command, 20) : command),
    // ContainerContext.CreatedAt: time.Unix(Created, 0).String(); RunningFor: HumanDuration ago
    CreatedAt: goTimeString(c.created),
    RunningFor: humanDuration(st.clock - c.created) + ' ago',
    Ports: displayablePorts(apiPorts(c), profile.client),
    State: c.state.paused ? 'paused' : c.state.status,
    // read when a template asks
    get Status(): string {
      return status(st, c);
    },
    Size: sizeText(st, c, opts.size),
    Names: c.name,
    Labels: Object.entries(c.config.Labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    // docker/cli formatter ContainerContext.Mounts: each mount point's volume name, else its
    // source (a --mount tmpfs has none), each cut by Ellipsis(name, 15) unless --no-trunc.
    // --tmpfs mounts are no mount points (recorded: ps/mounts-ellipsis).
    Mounts: c.mounts
      .filter((m) => m.origin !== 'tmpfs-flag')
      .map((m) => (opts.trunc ? ellipsis(m.source, 15) : m.source))
      .join(','),
    // The CLI joins the map's keys in Go's random order; strata sorts them.
    Networks: Object.keys(c.networks ?? {}).sort().join(','),
    LocalVolumes: localVolumes(c),
    // 28.2: the image manifest's platform, which an API 1.45 daemon does not send (a nil pointer)
    ...(profile.client === '28.2' ? { Platform: NIL_PTR } : {}),
    Label: (k: string) => c.config.Labels[k] ?? '',
  }, CONTAINER_CONTEXT));
}

/** ContainerContext.LocalVolumes: how many of its mounts are volumes of the `local` driver. */
export function localVolumes(c: Container): string {
  return String(c.mounts.filter((m) => m.type === 'volume').length);
}

/** The Go type templates name in their errors (docker/cli formatter.ContainerContext). */
const CONTAINER_CONTEXT = '*formatter.ContainerContext';

/**
 * docker/cli container/list.go buildContainerListOptions: a --format is parsed, then executed
 * once against an empty ContainerContext (to see whether it uses .Size) before any container is
 * listed, so a template that fails on empty values fails the command even when real rows would
 * not (`slice .Mounts 14`), and with no containers at all. Its words: `failed to parse
 * template: ...` / `failed to execute template: ...`, exit 1. That run also decides whether
 * sizes are asked for: the context notes each call of its Size method (FieldsUsed), which `.Size`
 * makes, and so does `{{json .}}`, which calls every method (recorded: inspect/format-json-rows).
 */
function validateTemplate(given: string, profile: EngineProfile): { error: string } | { usesSize: boolean } {
  let tmpl: Template;
  try {
    // The format as given: `table` and the two-character `\t` are still text here.
    tmpl = Template.parse(given);
  } catch (e) {
    if (e instanceof TemplateError) return { error: `failed to parse template: ${e.message}` };
    throw e;
  }
  let usesSize = false;
  try {
    tmpl.execute(emptyRow(profile, () => (usesSize = true)), templateOptions(profile.client));
  } catch (e) {
    if (e instanceof TemplateError) return { error: `failed to execute template: ${e.message}` };
    throw e;
  }
  return { usesSize };
}

/** formatter.NewContainerContext(): the zero container (its Command is strconv.Quote("")). */
function emptyRow(profile: EngineProfile, sizeUsed: () => void): GoValue {
  const row = {
    ID: '',
    Image: '',
    Command: '""',
    CreatedAt: '',
    RunningFor: '',
    Ports: '',
    State: '',
    Status: '',
    get Size(): string {
      sizeUsed();
      return '0B';
    },
    Names: '',
    Labels: '',
    Mounts: '',
    Networks: '',
    LocalVolumes: '0',
    ...(profile.client === '28.2' ? { Platform: NIL_PTR } : {}),
    Label: (_k: string) => '',
  };
  return asFormatterContext(goType(row, CONTAINER_CONTEXT));
}

export const PS_HEADERS = {
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
  LocalVolumes: 'LOCAL VOLUMES',
  Platform: 'PLATFORM',
};

/** The keys the daemon's ps filter accepts (acceptedPsFilterTags). */
const ACCEPTED = ['ancestor', 'before', 'exited', 'health', 'id', 'label', 'name', 'status', 'since', 'volume', 'network', 'publish', 'expose', 'isolation', 'is-task'];
const SIMULATED = ['ancestor', 'exited', 'health', 'id', 'label', 'name', 'status', 'volume', 'network'];
/** container.IsValidHealthString */
const HEALTH_VALUES = ['starting', 'healthy', 'unhealthy', 'none'];
const STATES = ['paused', 'restarting', 'running', 'removing', 'dead', 'created', 'exited'];

type Filters = FilterArgs;

/** Go's regexp.MatchString for the filter patterns people write (RE2 and JS agree on them). */
function matches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern).test(text);
  } catch {
    return false;
  }
}

/** filters.MatchKVList: `key` needs the label, `key=value` its value too. */
function labelMatch(values: string[], labels: Record<string, string>): boolean {
  return values.every((v) => {
    const i = v.indexOf('=');
    if (i < 0) return Object.prototype.hasOwnProperty.call(labels, v);
    const k = v.slice(0, i);
    return Object.prototype.hasOwnProperty.call(labels, k) && labels[k] === v.slice(i + 1);
  });
}

/**
 * moby daemon/list.go: each `ancestor` value names an image (one that does not exist is skipped
 * with a daemon-side warning), and its descendants by Parent join it (populateImageFilterByParents;
 * only the legacy builder and commit record parents, BuildKit images have none: recorded
 * ps/ps-ancestor). A container matches when its image is in the set; an empty set matches none.
 */
function ancestorImages(st: EngineState, values: string[]): Set<string> {
  const set = new Set<string>();
  const images = tableValues(st.images);
  const add = (id: string): void => {
    if (set.has(id)) return;
    set.add(id);
    for (const child of images) if (child.parent === id) add(child.id);
  };
  for (const v of values) {
    const img = findImage(st, v);
    if (img) add(img.id);
  }
  return set;
}

function included(st: EngineState, c: Container, f: Filters, ancestors: Set<string> | undefined): boolean {
  if (ancestors !== undefined && !ancestors.has(c.imageId)) return false;
  const any = (key: string, test: (v: string) => boolean): boolean => {
    const values = f.get(key);
    return values === undefined || values.some(test);
  };
  if (!any('name', (v) => matches(v, `/${c.name}`) || matches(v, c.name))) return false;
  if (!any('id', (v) => matches(v, c.id))) return false;
  // a paused container's state is `paused`, not `running` (moby container.State.StateString)
  if (!any('status', (v) => v === (c.state.paused ? 'paused' : c.state.status))) return false;
  // the snapshot's Health: the monitor's status, `none` without one (daemon/list.go)
  if (f.has('health') && !any('health', (v) => v === (healthStatus(st, c) ?? 'none'))) return false;
  // An exit code only counts for a container that ran and stopped (StartedAt set).
  if (!any('exited', (v) => Number(v) === c.state.exitCode && c.state.status === 'exited' && c.state.startedAt > 0)) return false;
  const labels = f.get('label');
  if (labels !== undefined && !labelMatch(labels, c.config.Labels)) return false;
  // Mount points (volumes, binds, --mount tmpfs; not --tmpfs) by name, bind source or destination.
  const mounts = c.mounts.filter((m) => m.origin !== 'tmpfs-flag');
  if (!any('volume', (v) => mounts.some((m) => m.destination === v || (m.type !== 'tmpfs' && m.source === v)))) return false;
  // A network by its name, or a prefix of the ID the endpoint got at its first start (daemon/list.go).
  const nets = Object.entries(c.networks ?? {});
  if (!any('network', (v) => nets.some(([name, ep]) => name === v || (ep.networkId !== '' && ep.networkId.startsWith(v))))) return false;
  return true;
}

/** docker/cli formatter.DefaultQuietFormat. */
const QUIET_FORMAT = '{{.ID}}';

/**
 * docker/cli formatter.NewContainerFormat: the format `docker ps` runs. `table` (and no format)
 * is the default table, `raw` a key: value block per container; with -q those become the IDs,
 * and so does any other format for the 28.2 client, where the 20.10 client runs it as given.
 */
function containerFormat(given: string, quiet: boolean, size: boolean, client: '20.10' | '28.2'): string {
  switch (given) {
    case '':
    case 'table':
      if (quiet) return QUIET_FORMAT;
      return 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}' + (size ? '\t{{.Size}}' : '');
    case 'raw':
      if (quiet) return 'container_id: {{.ID}}';
      return (
        'container_id: {{.ID}}\nimage: {{.Image}}\ncommand: {{.Command}}\ncreated_at: {{.CreatedAt}}\nstate: {{- pad .State 1 0}}\n' +
        'status: {{- pad .Status 1 0}}\nnames: {{.Names}}\nlabels: {{- pad .Labels 1 0}}\nports: {{- pad .Ports 1 0}}\n' +
        (size ? 'size: {{.Size}}\\n' : '')
      );
    default:
      return quiet && client === '28.2' ? QUIET_FORMAT : given;
  }
}

export const ps: DockerCommand = {
  spec: {
    path: 'ps',
    args: { min: 0, max: 0 },
    usage: 'docker ps [OPTIONS]',
    description: 'List containers',
    flags: [
      { long: 'all', short: 'a', kind: 'bool', help: 'Show all containers (default shows just running)' },
      { long: 'filter', short: 'f', kind: 'list', help: 'Filter output based on conditions provided' },
      { long: 'format', kind: 'string', help: 'Format output using a custom template' },
      { long: 'last', short: 'n', kind: 'int', help: 'Show n last created containers (includes all states)' },
      { long: 'latest', short: 'l', kind: 'bool', help: 'Show the latest created container (includes all states)' },
      { long: 'no-trunc', kind: 'bool', help: "Don't truncate output" },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Only display container IDs' },
      { long: 'size', short: 's', kind: 'bool', help: 'Display total file sizes' },
    ],
  },
  run(ctx, p) {
    // a container of a pulled catalog image: its virtual size is the real image's, known or not (image/real.ts)
    return sureCommand(ctx, 'docker ps', (c) => listContainers(c, p));
  },
};

function listContainers(ctx: DockerContext, p: Parameters<DockerCommand['run']>[1]): number {
  {
    const filters: Filters | { badFormat: string } = parseFilterFlags(flagList(p, 'filter'));
    if ('badFormat' in filters) return flagError(ctx, badFilterFormat(filters.badFormat), 'ps', 'docker ps [OPTIONS]');
    for (const [key, values] of filters) {
      if (!ACCEPTED.includes(key)) return daemonError(ctx, daemonText(ctx.profile, `Invalid filter '${key}'`));
      if (!SIMULATED.includes(key)) {
        return refusal(ctx, `strata does not simulate docker ps --filter ${key}`);
      }
      for (const v of values) {
        if (key === 'health' && !HEALTH_VALUES.includes(v)) return refusal(ctx, `strata does not simulate docker ps --filter health=${v}: the daemon's words for a value it does not know are not recorded`);
        if (key === 'status' && !STATES.includes(v)) return daemonError(ctx, daemonText(ctx.profile, `Invalid filter 'status=${v}'`));
        if (key === 'exited' && !/^[+-]?\d+$/.test(v)) {
          // The daemons that lower-case their messages (25.0+) also wrap this one as an invalid filter.
          const atoi = `strconv.Atoi: parsing ${quote(v)}: invalid syntax`;
          return daemonError(ctx, ctx.profile.lowercaseErrors ? `invalid filter 'exited=${v}': ${atoi}` : atoi);
        }
      }
    }
    const lastFlag = flagString(p, 'last');
    let limit = lastFlag === undefined ? -1 : Number(lastFlag);
    if (flagBool(p, 'latest')) limit = 1;
    // A status filter or a positive limit lists stopped containers too (daemon foldFilter).
    const all = flagBool(p, 'all') || filters.has('status') || limit > 0;
    const ancestorValues = filters.get('ancestor');
    const ancestors = ancestorValues === undefined ? undefined : ancestorImages(ctx.st, ancestorValues);
    // A container the daemon keeps restarting is `restarting` or `running` at the moment, with a
    // RestartCount that depends on timing (container/restart.ts): a listing that could hold it is refused.
    const withoutStatus: Filters = new Map([...filters].filter(([k]) => k !== 'status' && k !== 'exited' && k !== 'health'));
    const looping = containerList(ctx.st).find((c) => c.unfollowed !== undefined && included(ctx.st, c, withoutStatus, ancestors));
    if (looping !== undefined) throw unfollowedRefusal(looping);
    const list = containerList(ctx.st)
      .reverse()
      .filter((c) => all || c.state.status === 'running')
      .filter((c) => included(ctx.st, c, filters, ancestors))
      .slice(0, limit > 0 ? limit : undefined);
    const trunc = !flagBool(p, 'no-trunc');
    const quiet = flagBool(p, 'quiet');
    const given = flagString(p, 'format') ?? '';
    // The 28.2 client warns before anything else and lists IDs (container/list.go runPs); the
    // 20.10 client lets a custom format win over -q (recorded: inspect/list-format-keys)
    if (given !== '' && quiet && ctx.profile.client === '28.2') errOut(ctx, 'WARNING: Ignoring custom format, because both --format and --quiet are set.\n');
    // buildContainerListOptions validates a given format; the 20.10 client only without -s
    const validate = given !== '' && (ctx.profile.client === '28.2' || p.flags['size'] !== true);
    const checked = validate ? validateTemplate(given, ctx.profile) : { usesSize: false };
    if ('error' in checked) {
      errOut(ctx, `${checked.error}\n`);
      return 1;
    }
    // Sizes are computed for -s and for a template that uses .Size; the 28.2 client honours an
    // explicit --size=false there and asks for none with -q, the 20.10 client computes them anyway
    // (ps-command-size).
    const size = p.flags['size'] === true || (checked.usesSize && (ctx.profile.client === '20.10' || (p.flags['size'] === undefined && !quiet)));
    const format = containerFormat(given, quiet, size, ctx.profile.client);
    if (format === QUIET_FORMAT) {
      out(ctx, list.map((c) => (trunc ? c.id.slice(0, 12) : c.id) + '\n').join(''));
      return 0;
    }
    const rows = list.map((c) => containerRow(ctx.st, c, { trunc, size }, ctx.profile));
    out(ctx, formatRows(format, rows, PS_HEADERS, ctx.profile.client));
    return 0;
  }
}
