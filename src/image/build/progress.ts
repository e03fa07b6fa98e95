// BuildKit's progress display on a terminal (`docker build` on the 26.1 profile, buildx 0.13.1 with
// the docker driver, without -q or --progress): the screen the reader sees once the build ended.
//
// buildx draws BuildKit's tty display (moby/buildkit v0.13.1 util/progress/progressui/display.go,
// ttyDisplay.print): while the build runs it redraws a frame every 100-150 ms, and when it ends
// it draws the last frame with every line (`print(..., all=true)`: no wrapHeight, so a build of
// more lines than the terminal has scrolls), then the failed steps' logs (trace.printErrorLogs).
// A page shows that last frame (recorded on a pseudo-terminal: test/pages/pty/buildkit-*.json):
//
//   [+] Building 0.6s (8/8) FINISHED                                 docker:default
//    => [internal] load build definition from Dockerfile                       0.0s
//    => => transferring dockerfile: 109B                                       0.0s
//    ...
//
// - the header: `[+] Building %.1fs (%d/%d) FINISHED`, FINISHED when every vertex the build
//   knows of completed, padded so that the builder's name (`docker:default`, buildx's
//   WithDesc) ends at the terminal's width minus one (display.go align);
// - one line per vertex in the order they started, ` => ` and its name (`CACHED `, `ERROR `
//   before it), then each of its statuses (` => => transferring context: 42B`), the duration
//   right-aligned (` %3.1fs`, below 0.05 s: 0.0); a name longer than the line has room for is cut
//   (`writing image sha256:` and 45 of the ID's 64 digits at 80 columns);
// - a RUN's output is shown below its line while it runs and gone from the last frame; a failed
//   step's output comes after the frame, each line after the seconds since the step started
//   (`0.277 one`), between `------` lines, then buildx's Dockerfile excerpt and error.
// Durations vary from run to run: a page matches them loosely (src/pages/timings.ts); strata
// writes plausible fixed ones.
//
// The sizes of the transfers are BuildKit's count of the bytes it received from the client
// (tonistiigi/fsutil receive.go: the protobuf size of every packet), computed below from the files.

import type { Vfs } from '../../fs/vfs.ts';
import type { DockerIgnore } from './context.ts';
import { TERMINAL_COLUMNS } from '../../engine/terminal.ts';

/** buildx's description of the builder in the header: the default builder, docker driver. */
const BUILDER = 'docker:default';

/** One vertex of the display: a line, and its statuses below it. */
export interface DisplayVertex {
  name: string;
  cached?: boolean;
  error?: boolean;
  canceled?: boolean;
  /** Seconds (strata's plausible value; the real one varies). */
  seconds: number;
  /** Status lines: their name (`transferring context:`) and value (`42B`, '' for none). */
  statuses?: { id: string; value: string }[];
  /** A step's cache key (builder.ts: the same in two builds is one cache record), and whether it reads the build context. */
  key?: string;
  readsContext?: boolean;
}

export interface BuildDisplay {
  /** The vertices that started, in that order. */
  vertices: DisplayVertex[];
  /** Vertices the build knew of that never started (the steps after a failed one). */
  pending: number;
  /** A failed step: its name and the lines it printed. */
  failed?: { name: string; logs: string[] };
}

/** Go's `%-*s %s`: `l` padded to `w - len(r) - 1`, a space, `r` (display.go align). */
function align(l: string, r: string, w: number): string {
  return l.padEnd(w - r.length - 1) + ' ' + r;
}

/** ` %3.1fs`: the duration column, 0.0 below 0.05 s. */
function timer(seconds: number): string {
  return ` ${(seconds < 0.05 ? 0 : seconds).toFixed(1)}s`;
}

/** One line of the display (display.go print's loop body), without its newline. */
function jobLine(name: string, status: string, seconds: number, width: number): string | undefined {
  const pfx = ' => ';
  // (Go counts the timer with its "\n")
  const t = timer(seconds);
  let left = width - pfx.length - (t.length + 1) - 1;
  let showStatus = false;
  if (status !== '' && left + status.length > 20) {
    showStatus = true;
    left -= status.length + 1;
  }
  // too small a screen to show it
  if (left < 12) return undefined;
  const out = pfx + name.slice(0, left) + (showStatus ? ' ' + status : '');
  return align(out, t, width - 1);
}

/** The last frame and what follows it, as the terminal shows them: lines, each ending in "\n". */
export function renderBuildDisplay(d: BuildDisplay, width = TERMINAL_COLUMNS): string {
  const lines: string[] = [];
  let total = 0;
  for (const v of d.vertices) {
    const name = `${v.error ? 'ERROR ' : ''}${v.canceled ? 'CANCELED ' : ''}${v.cached ? 'CACHED ' : ''}${v.name}`.replace(/\t/g, ' ');
    const l = jobLine(name, '', v.seconds, width);
    if (l !== undefined) lines.push(l);
    for (const s of v.statuses ?? []) {
      const sl = jobLine(`=> ${s.id}`, s.value, 0, width);
      if (sl !== undefined) lines.push(sl);
    }
    total += v.seconds;
  }
  const completed = d.vertices.length;
  const known = completed + d.pending;
  const header = `[+] Building ${total.toFixed(1)}s (${completed}/${known}) ${completed > 0 && completed === known ? 'FINISHED' : ''}`;
  let out = align(header, BUILDER, width - 1) + '\n' + lines.map((l) => l + '\n').join('');
  if (d.failed) {
    // trace.printErrorLogs: the step's name, its output lines as the tty display kept them
    out += `------\n > ${d.failed.name}:\n` + d.failed.logs.map((l) => l + '\n').join('') + '------\n';
  }
  return out;
}

/**
 * A failed step's output as printErrorLogs shows it: each line after the seconds since the step
 * started (`%.3f` below 10 s). The times are strata's: a few milliseconds apart, as recorded.
 */
export function errorLogLines(output: string): string[] {
  if (output === '') return [];
  const parts = output.split('\n');
  // (a last line without its newline is shown too: display.go split keeps it as a partial line)
  if (parts.at(-1) === '') parts.pop();
  return parts.map((l, k) => `${(0.25 + 0.002 * k).toFixed(3)} ${l.replace(/\r$/, '')}`);
}

/** tonistiigi/units `%.2f`: bytes below 1000 as `NB`, then `1.23kB`, `12.00MB` (decimal units). */
export function transferSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let base = 1;
  while (i < units.length - 1 && bytes >= base * 1000) {
    base *= 1000;
    i++;
  }
  return i === 0 ? `${bytes}B` : `${(bytes / base).toFixed(2)}${units[i]}`;
}

// --------------------------------------------------------------------------- the transfers' sizes

/** The size of a protobuf varint. */
function varintLen(n: number): number {
  let len = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

/** A field of the message: its tag (fields 1-15: one byte) and value, absent when zero. */
const intField = (n: number): number => (n === 0 ? 0 : 1 + varintLen(n));
const bytesField = (len: number): number => (len === 0 ? 0 : 1 + varintLen(len) + len);

/** What fsutil sends for one entry (types.Stat, fsutil stat.go mkstat / stat_unix.go setUnixOpt). */
export interface SentEntry {
  /** Relative to the transferred directory, `/`-separated. */
  path: string;
  /** Go's os.FileMode: permissions, ModeDir 1<<31, ModeSymlink 1<<27, setuid 1<<23, setgid 1<<22, sticky 1<<20. */
  mode: number;
  uid: number;
  gid: number;
  /** Regular files and symlinks (a directory's is not sent). */
  size: number;
  /** Nanoseconds. */
  modTime: number;
  linkname: string;
  /** A regular file's content length (what its DATA packets carry). */
  data?: number;
}

/** Go's os.FileMode of a simulated file. */
function goMode(kind: string, mode: number): number {
  let m = mode & 0o777;
  if (mode & 0o4000) m += 2 ** 23;
  if (mode & 0o2000) m += 2 ** 22;
  if (mode & 0o1000) m += 2 ** 20;
  if (kind === 'dir') m += 2 ** 31;
  if (kind === 'symlink') m += 2 ** 27;
  return m;
}

/** The entry fsutil's walker stats for a host path (undefined for what strata does not send: devices, sockets). */
export function sentEntry(fs: Vfs, abs: string, rel: string): SentEntry | undefined {
  const s = fs.lstat(abs);
  if (s.kind !== 'file' && s.kind !== 'dir' && s.kind !== 'symlink') return undefined;
  const linkname = s.kind === 'symlink' ? (s.target ?? '') : '';
  return {
    path: rel,
    mode: goMode(s.kind, s.mode),
    uid: s.uid,
    gid: s.gid,
    size: s.kind === 'dir' ? 0 : s.kind === 'symlink' ? linkname.length : s.size,
    modTime: s.mtime * 1e9,
    linkname,
    ...(s.kind === 'file' ? { data: s.size } : {}),
  };
}

/** A STAT packet's size: the Stat message (path 1, mode 2, uid 3, gid 4, size 5, modTime 6, linkname 7) in field 2. */
function statPacket(e: SentEntry): number {
  const stat = bytesField(e.path.length) + intField(e.mode) + intField(e.uid) + intField(e.gid) + intField(e.size) + intField(e.modTime) + bytesField(e.linkname.length);
  return 1 + varintLen(stat) + stat;
}

/** DATA packets (type 2, ID 3, data 4): fsutil send.go copies a file in 32 KiB writes, then an empty one ends it. */
function dataPackets(id: number, length: number): number {
  const header = 2 + intField(id);
  let n = header;
  for (let left = length; left > 0; left -= 32768) n += header + bytesField(Math.min(left, 32768));
  return n;
}

/** A fingerprint of what fsutil's receiver compares to tell a file it holds from a changed one. */
export function entryFingerprint(e: SentEntry): string {
  return [e.mode, e.uid, e.gid, e.size, e.modTime, e.linkname].join(':');
}

/**
 * The bytes a transfer reports: a STAT packet per entry in walk order (each numbered, directories
 * too), the empty STAT that ends the walk (0 bytes: its type is 0), DATA for each regular file the
 * receiver asked for (all of them, but those it holds unchanged from the last transfer of the same
 * source: `held`), and FIN (2 bytes).
 */
export function transferBytes(entries: readonly SentEntry[], held?: Readonly<Record<string, string>>): number {
  let n = 2;
  entries.forEach((e, id) => {
    n += statPacket(e);
    if (e.data !== undefined && held?.[e.path] !== entryFingerprint(e)) n += dataPackets(id, e.data);
  });
  return n;
}

/**
 * The entries of a context directory fsutil's filtered walk sends (fsutil filter.go filterFS.Walk):
 * in lexical order, a directory before what it holds; `include` (the COPY and ADD sources,
 * dockerfile2llb's FollowPaths; undefined: everything) keeps a path that one names or that lies
 * below one, and the directories above it; .dockerignore's patterns leave out what they match (a
 * directory whole, unless an exception pattern reaches into it). Undefined when strata cannot
 * tell (a pattern in a source, a device).
 */
export function contextEntries(fs: Vfs, dir: string, include: readonly string[] | undefined, ignore: DockerIgnore): SentEntry[] | undefined {
  const out: SentEntry[] = [];
  const sent = new Set<string>();
  let unknown = false;
  const includes = (rel: string): boolean => include === undefined || include.some((p) => rel === p || rel.startsWith(`${p}/`));
  const reaches = (rel: string): boolean => include === undefined || include.some((p) => p.startsWith(`${rel}/`));
  const walk = (abs: string, rel: string, parents: string[]): void => {
    const names = [...fs.readdir(abs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const childAbs = `${abs === '/' ? '' : abs}/${name}`;
      const kind = fs.lstat(childAbs).kind;
      const excluded = ignore.hides(childRel);
      const wanted = includes(childRel) && !excluded;
      if (wanted) {
        // the directories above it that were not sent yet
        for (const p of parents) {
          if (sent.has(p)) continue;
          const pe = sentEntry(fs, `${dir === '/' ? '' : dir}/${p}`, p);
          if (pe) out.push(pe);
          sent.add(p);
        }
        const e = sentEntry(fs, childAbs, childRel);
        if (!e) unknown = true;
        else out.push(e);
        sent.add(childRel);
      }
      if (kind === 'dir' && (!excluded || ignore.walksInto(childRel)) && (includes(childRel) || reaches(childRel))) walk(childAbs, childRel, [...parents, childRel]);
    }
  };
  if (include?.some((p) => /[*?[\]\\]/.test(p))) return undefined;
  walk(dir, '', []);
  return unknown ? undefined : out;
}

/** The reference BuildKit names a base image by: `docker.io/library/busybox:latest`. */
export function fullReference(ref: string): string | undefined {
  if (ref.includes('@')) return undefined;
  const slash = ref.indexOf('/');
  const first = slash < 0 ? '' : ref.slice(0, slash);
  const domain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let name = domain ? ref : `docker.io/${slash < 0 ? 'library/' : ''}${ref}`;
  const last = name.slice(name.lastIndexOf('/') + 1);
  if (!last.includes(':')) name += ':latest';
  return name;
}

/** The name `naming to` shows for a `-t` name: the domain added, the tag as given (recorded: `docker.io/library/app`). */
export function namedReference(tag: string): string {
  const slash = tag.indexOf('/');
  const first = slash < 0 ? '' : tag.slice(0, slash);
  const domain = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  return domain ? tag : `docker.io/${slash < 0 ? 'library/' : ''}${tag}`;
}

// --------------------------------------------------------------------------- what a build shows

/** The instructions that are vertices of the display (dockerfile2llb: the others change the config only). */
export const VERTEX_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/** A BuildKit build as its display shows it, filled by builder.ts as the build goes. */
export interface BuildTrace {
  /**
   * How far the build got: `parse`, reading the Dockerfile (a failure shows only the load of the
   * build definition); `convert`, its stages (a failure there is not recorded on a terminal);
   * `steps`, the steps ran.
   */
  phase: 'parse' | 'convert' | 'steps';
  /** A build whose display strata does not simulate, in words (a shape not recorded). */
  unsupported?: string;
  /** The base image's reference as BuildKit names it (`docker.io/library/busybox:latest`). */
  baseRef?: string;
  /** The base image's ID. */
  baseImage?: string;
  /** The build cache held the base image before this build (a record of it: cache.ts). */
  baseCached?: boolean;
  /** dockerfile2llb's step count of the stage: its FROM and each RUN, COPY, ADD and WORKDIR. */
  total: number;
  /** The stages that ran, in the order strata ran them (each after those it reads; the target last). */
  stages: TraceStage[];
  /**
   * The steps that ran (or were cached), stage after stage: the name the display shows, the cache
   * key and the layer made, the stage (its index in `stages`), the stages a `COPY --from` reads,
   * and whether it reads the build context (a COPY or ADD without --from).
   */
  steps: TraceStep[];
  /** The step running (its name), for a failure. */
  current?: string;
  /** The stage of the step running (its index in `stages`), and the seconds it slept so far. */
  currentStage?: number;
  currentSlept?: number;
  /** A step that failed: its name, what it printed, its stage (index in `stages`) and the seconds it slept. */
  failed?: { name: string; output: string; stage?: number; slept?: number };
  /** A RUN of another stage that failed after `failed` did, beside it (BuildKit cancels it). */
  otherFailed?: { name: string; stage: number; slept: number };
  /** The context's transfer (`[internal] load build context`), when a COPY or ADD reads it. */
  context?: { bytes: number; firstStepReads: boolean };
}

/** A stage of the build as the display shows it. */
export interface TraceStage {
  /** Its index among the Dockerfile's stages. */
  index: number;
  /**
   * The name its steps are prefixed with once the Dockerfile has several stages (dockerfile2llb
   * toDispatchState: the `AS` name, else `stage-N`; cleared when there is one stage), even when the
   * target needs only this one (recorded: buildkit-ms-par-target-a).
   */
  label?: string;
  /** The image it starts from, as BuildKit names it; undefined when it starts from a stage. */
  baseRef?: string;
  /** The stage it starts from (its index in BuildTrace.stages). */
  baseStage?: number;
  /** The stage BuildKit adds for an image a `COPY --from` names (builder.ts imageSourceStage): a FROM line without a stage name, no steps. */
  implicit?: boolean;
  /** It starts `FROM scratch`: no FROM vertex, none in its count. */
  scratch?: boolean;
  /** The image it starts from (its ID; a stage's: that stage's), '' for none. */
  baseImage: string;
  /** The build cache held its base image before this build. */
  baseCached: boolean;
  /** Its step count: 1 for a FROM of an image, and each RUN, COPY, ADD and WORKDIR. */
  total: number;
}

export interface TraceStep {
  name: string;
  cached: boolean;
  key: string;
  layer: string;
  stage: number;
  from: number[];
  readsContext: boolean;
  /** The seconds a RUN slept (`sleep 2`): how long it ran, beside stepSeconds. */
  slept?: number;
}

export function newBuildTrace(): BuildTrace {
  return { phase: 'parse', total: 0, stages: [], steps: [] };
}

/** prefixCommand's `[build 2/3] `: the stage's label (several stages only), the index padded to the width of the total. */
export function stepPrefix(label: string | undefined, index: number, total: number): string {
  return `[${label === undefined ? '' : `${label} `}${String(index).padStart(Math.floor(1 + Math.log10(total)))}/${total}] `;
}

/**
 * A step's name in the display: dockerfile2llb's `uppercaseCmd(processCmdEnv(shlex, c.String(),
 * env))`, after prefixCommand's `[i/n] ` (the index padded to the width of n). processCmdEnv reads
 * the instruction as written as one shell word (buildkit frontend/dockerfile/shell/lex.go
 * processStopOn): a `\` outside quotes keeps the character after it (the `\` goes), inside
 * double quotes only before `"`, `$` and `\`, inside single quotes never; variables expand. A RUN
 * keeps its quotes and the variables the environment lacks (RawQuotes, SkipUnsetEnv); COPY, ADD
 * and WORKDIR lose their quotes and an unset variable is empty. A word that does not lex (a quote
 * left open) is the instruction as written. Undefined when strata cannot tell (`${...}` with a
 * modifier).
 */
export function vertexName(original: string, env: Readonly<Record<string, string>>, run: boolean, index: number, total: number, label?: string): string | undefined {
  const named = (text: string): string => {
    const sp = text.indexOf(' ');
    const upper = sp < 0 ? text.toUpperCase() : text.slice(0, sp).toUpperCase() + text.slice(sp);
    return `${stepPrefix(label, index, total)}${upper}`;
  };
  let out = '';
  let quote = '';
  for (let i = 0; i < original.length; i++) {
    const ch = original[i];
    if (quote === "'") {
      if (ch === "'") quote = '';
      if (ch !== "'" || run) out += ch;
      continue;
    }
    if (ch === '\\') {
      const next = original[i + 1];
      // (at the end: dropped outside quotes; inside double quotes the quote is left open)
      if (next === undefined) {
        if (quote === '"') return named(original);
        break;
      }
      if (quote === '"' && next !== '"' && next !== '$' && next !== '\\') out += ch;
      else {
        out += next;
        i++;
      }
      continue;
    }
    if ((ch === "'" && quote === '') || ch === '"') {
      quote = quote === ch ? '' : ch;
      if (run) out += ch;
      continue;
    }
    if (ch === '$') {
      const m = /^\$(?:([A-Za-z_][A-Za-z0-9_]*|[0-9]+)|\{([A-Za-z_][A-Za-z0-9_]*)\})/.exec(original.slice(i));
      if (!m) {
        if (original[i + 1] === '{') return undefined;
        out += ch;
        continue;
      }
      const name = m[1] ?? m[2];
      const value = env[name];
      out += value !== undefined ? value : run ? m[0] : '';
      i += m[0].length - 1;
      continue;
    }
    out += ch;
  }
  return named(quote === '' ? out : original);
}

/** The files a transfer of the Dockerfile or .dockerignore sends: the one file, whole, every time (recorded). */
export function fileTransfer(fs: Vfs, path: string | undefined): number {
  if (path === undefined || !fs.exists(path) || fs.stat(path).kind !== 'file') return transferBytes([]);
  const e = sentEntry(fs, path, path.slice(path.lastIndexOf('/') + 1));
  return transferBytes(e ? [e] : []);
}

/**
 * The transfer of a Dockerfile read from stdin: buildx writes it to a file `Dockerfile` of a
 * directory of its own (owned by the CLI's user, a time of now: 9 bytes of nanoseconds, as any),
 * which it sends as a Dockerfile of the context's (recorded: buildkit-build-stdin, 93B for 56).
 */
export function stdinTransfer(bytes: number, uid: number, gid: number): number {
  return transferBytes([{ path: 'Dockerfile', mode: 0o600, uid, gid, size: bytes, modTime: 1.7e18, linkname: '', data: bytes }]);
}

/** strata's durations of a step that ran (plausible; the real ones vary and a page matches them loosely). */
function stepSeconds(name: string): number {
  const kind = name.slice(name.indexOf('] ') + 2).split(' ')[0];
  return kind === 'RUN' ? 0.3 : kind === 'WORKDIR' ? 0 : 0.1;
}

/**
 * The FROMs' vertices and the steps', in the order the display lists them: the order they started
 * (ttyDisplay lists a vertex when its first status says it started: display.go trace.update).
 *
 * BuildKit solves the steps as a graph (solver/scheduler.go): a step starts once its inputs are
 * done, the step before it in its stage (or the stage's base: the FROM, or the last step of the
 * stage it starts from) and the stages a `COPY --from` reads. So the stages run side by side:
 * two stages' first steps start together after their common FROM (recorded: buildkit-ms-par*),
 * and which of steps started at the same time comes first depends on timing. strata times each
 * step (stepSeconds; a cached one takes no time) and lists steps started together in the order
 * the solver walks the graph from the target: depth first, each step's inputs in the order of its
 * LLB op (the step below it, then what a COPY copies from), a step after its inputs. A build
 * found whole in the cache lists its steps in that walk's order (recorded: buildkit-ms-par-cached,
 * `CACHED [a 2/2]`, the COPY from it, then `CACHED [b 2/2]`).
 *
 * The stages that start from the same image share one FROM (one LLB op, one digest), whose name
 * is that of the stage marshalled last (client/llb/state.go marshal: mergeMetadata overwrites the
 * description of a digest seen before), walking each op's inputs first; a FileOp's inputs come
 * from a Go map (client/llb/fileop.go FileOp.Inputs), so which stage names it varies from run to
 * run (recorded: buildkit-ms-par-a says `[a 1/2]` where -par says `[b 1/2]`; src/pages/build-order.ts
 * matches either).
 */
function stepVertices(trace: BuildTrace): { froms: DisplayVertex[]; steps: DisplayVertex[]; done: number[]; pending: number } | string {
  const { stages } = trace;
  const { steps, failedNode, byStage, last, inputs, start, end, seconds } = timedSteps(trace);
  const rank = new Map<number, number>();
  /** The stage each base image's FROM is named after: the last marshalled of those starting from it. */
  const fromName = new Map<string, number>();
  const walk = (node: number): void => {
    if (rank.has(node)) return;
    for (const i of inputs(node)) walk(i);
    rank.set(node, rank.size);
    if (node < 0) fromName.set(stages[-1 - node].baseRef ?? '', -1 - node);
  };
  // From the target: the last stage that ran, the implicit stages coming after it. A failed
  // build as the walk from its target would reach its steps: the stages that never started first
  // (from the target, a stage's own FROM comes before what it copies from), then the failed step,
  // then each stage's last step as the stages ran.
  if (failedNode === undefined) walk(last(stages.findLastIndex((t) => t.implicit !== true))!);
  else {
    const idle = [...stages.keys()].filter((i) => byStage[i].length === 0 && stages[i].baseStage === undefined && stages[i].scratch !== true && stages[i].implicit !== true);
    for (const i of [...idle].reverse()) walk(-1 - i);
    walk(failedNode);
    for (const i of stages.keys()) {
      const l = last(i);
      if (l !== undefined) walk(l);
    }
  }
  const nodes = [...rank.keys()].filter((n) => n >= 0);
  for (const n of nodes) end(n);
  nodes.sort((a, b) => start.get(a)! - start.get(b)! || rank.get(a)! - rank.get(b)!);
  // When a step fails, BuildKit cancels the steps still running (`CANCELED`, counted as done) and
  // starts no other (they stay in the header's count of steps the build knows of: `(5/7)`;
  // recorded: buildkit-pb-fail-*). Which steps ran beside the failed one depends on how long each
  // took: strata's durations (stepSeconds, and what the step slept) are plausible, not measured,
  // so a step ending or starting within TIE seconds of the failure could go either way: refused.
  const outcome = new Map<number, 'done' | 'canceled' | 'unstarted'>();
  if (failedNode !== undefined) {
    const failedAt = end(failedNode);
    for (const n of nodes) {
      if (n === failedNode) continue;
      const [s, e] = [start.get(n)!, end(n)];
      if (Math.abs(s - failedAt) < TIE || Math.abs(e - failedAt) < TIE) return 'a step that ends or starts about when the failed one ends (whether BuildKit finishes it, cancels it or starts it depends on timing)';
      outcome.set(n, e < failedAt ? 'done' : s < failedAt ? 'canceled' : 'unstarted');
    }
  }
  const shown = nodes.filter((n) => outcome.get(n) !== 'unstarted');
  // The base image is loaded into the build cache the first time; later, from it, when a step on
  // it needs it (it runs): `CACHED`. When that step is cached, the FROM is only resolved
  // (recorded: buildkit-build-t-app-cached, -argx-changed, -fromonly, buildkit-ms-par-target-a).
  // One FROM per base image, all resolved as the build starts; strata lists them in the order of
  // the Dockerfile's stages (recorded: buildkit-ms-bases-*, where the order of two images' lines,
  // FROM and `load metadata`, varies from run to run).
  // An image a COPY --from names (an implicit stage: builder.ts imageSourceStage) is needed when
  // a COPY from it runs. Its FROM line came before the stage's in the two builds recorded
  // (buildkit-pb-copy-image, -cached); src/pages/build-order.ts takes either order on a page.
  const implicitFirst = (ref: string): number => (stages.some((t) => t.implicit === true && t.baseRef === ref) ? 0 : 1);
  const froms = baseRefs(trace)
    .sort((x, y) => implicitFirst(x) - implicitFirst(y))
    .map((ref) => {
      const onImage = stages.flatMap((t, i) => (t.baseStage === undefined && t.baseRef === ref ? [i] : []));
      const named = stages[fromName.get(ref) ?? onImage[0]];
      const needsBase = onImage.some((i) => {
        if (stages[i].implicit === true) return steps.some((s) => s.from.includes(i) && !s.cached);
        const first = byStage[i][0];
        return first === undefined || !steps[first].cached;
      });
      return { name: `${named.implicit === true ? '' : stepPrefix(named.label, 1, named.total)}FROM ${ref}`, seconds: 0, cached: named.baseCached && needsBase, image: named.baseImage };
    });
  // One image under two names, held by the build cache: BuildKit keys an image's source by the
  // image, so the two FROMs are one cache record, and only one of them showed CACHED where both
  // were needed (recorded: buildkit-pb-copy-image-changed, busybox tagged mybase:1): which one is
  // not simulated.
  if (froms.some((f) => f.cached) && new Set(froms.map((f) => f.image)).size < froms.length) return 'one image under two names, from the build cache (which of its FROM lines shows CACHED)';
  const vertices = shown.map((n): DisplayVertex => {
    const s = steps[n];
    if (n === failedNode) return { name: s.name, error: true, seconds: seconds(n) };
    if (outcome.get(n) === 'canceled') return { name: s.name, canceled: true, seconds: end(failedNode!) - start.get(n)! };
    return { name: s.name, cached: s.cached, seconds: seconds(n), ...(s.key !== undefined ? { key: s.key, readsContext: s.readsContext === true } : {}) };
  });
  // the steps the build knows of: every stage's (its count, less its FROM of an image)
  const known = stages.reduce((k, t) => k + (t.implicit === true ? 0 : t.total - (t.baseRef !== undefined ? 1 : 0)), 0);
  // (the other failed step is no step of the trace: never done, canceled or never started)
  const done = shown.filter((n) => n !== failedNode && n < trace.steps.length && outcome.get(n) !== 'canceled');
  return { froms: froms.map(({ image: _, ...f }) => f), steps: vertices, done, pending: failedNode === undefined ? 0 : Math.max(0, known - shown.length) };
}

/** Two times closer than this are a tie: strata's durations are plausible, not measured. */
const TIE = 0.1;

/**
 * The steps of a build as a graph, timed: a node is a step's index in `steps` (the trace's, then
 * the failed step and the other failed step, each the last of its stage), or -1 - i for stage
 * i's FROM of an image (one op per stage, one digest). A step starts once its inputs are done:
 * the step below it in its stage (or the stage's base: its FROM, or the last step of the stage it
 * starts from) and the stages a `COPY --from` reads; it takes stepSeconds, and what it slept.
 */
function timedSteps(trace: BuildTrace) {
  const { stages, failed, otherFailed } = trace;
  const steps: TraceStepTimed[] = [...trace.steps];
  const failedNode = failed?.stage === undefined ? undefined : steps.push({ name: failed.name, cached: false, stage: failed.stage, from: [], slept: failed.slept ?? 0 }) - 1;
  const otherNode = otherFailed === undefined ? undefined : steps.push({ name: otherFailed.name, cached: false, stage: otherFailed.stage, from: [], slept: otherFailed.slept }) - 1;
  const byStage = stages.map((_, i) => steps.flatMap((s, k) => (s.stage === i ? [k] : [])));
  // (undefined for a `FROM scratch` stage without steps: buildDisplay refuses it)
  const last = (i: number): number | undefined => {
    const own = byStage[i].at(-1);
    if (own !== undefined) return own;
    const b = stages[i].baseStage;
    return b !== undefined ? last(b) : stages[i].scratch === true ? undefined : -1 - i;
  };
  const inputs = (node: number): number[] => {
    if (node < 0) return [];
    const s = steps[node];
    const mine = byStage[s.stage];
    const at = mine.indexOf(node);
    const t = stages[s.stage];
    const below = at > 0 ? mine[at - 1] : t.baseStage !== undefined ? last(t.baseStage) : t.scratch === true ? undefined : -1 - s.stage;
    return [below, ...s.from.map(last)].filter((n): n is number => n !== undefined);
  };
  const start = new Map<number, number>();
  const seconds = (node: number): number => (steps[node].cached ? 0 : stepSeconds(steps[node].name) + (steps[node].slept ?? 0));
  const end = (node: number): number => {
    if (node < 0) return 0;
    const known = start.get(node);
    const begin = known ?? Math.max(0, ...inputs(node).map(end));
    start.set(node, begin);
    return begin + seconds(node);
  };
  return { steps, failedNode, otherNode, byStage, last, inputs, start, end, seconds };
}

/**
 * Two RUNs of two stages failed (strata ran one stage, then the other): which failure BuildKit
 * reports, the one that ended first (the solve stops there, the other RUN is canceled; recorded:
 * test/pages/pty/buildkit-pb2-two-fail-*.json, the failure of the second stage when the first's
 * RUN sleeps longer), by strata's step times; `tie` when they end about together.
 */
export function firstFailure(trace: BuildTrace, mine: { name: string; output: string; stage: number; slept: number }, other: { name: string; stage: number; slept: number }): 'mine' | 'other' | 'tie' {
  const { failedNode, otherNode, end } = timedSteps({ ...trace, failed: mine, otherFailed: other });
  const [a, b] = [end(failedNode!), end(otherNode!)];
  return Math.abs(a - b) < TIE ? 'tie' : a < b ? 'mine' : 'other';
}

/** A step as stepVertices times it (TraceStep, or the failed step). */
interface TraceStepTimed {
  name: string;
  cached: boolean;
  stage: number;
  from: number[];
  slept?: number;
  key?: string;
  readsContext?: boolean;
}

/** The steps of a failed build that finished before the failure (their indices in trace.steps): what BuildKit keeps. */
export function finishedSteps(trace: BuildTrace): number[] | undefined {
  const r = stepVertices(trace);
  return typeof r === 'string' ? undefined : r.done;
}

/** The images the stages start from, each once, in the order of the Dockerfile's stages. */
function baseRefs(trace: BuildTrace): string[] {
  const refs = [...trace.stages].sort((x, y) => x.index - y.index).flatMap((t) => (t.baseStage === undefined && t.baseRef !== undefined ? [t.baseRef] : []));
  return [...new Set(refs)];
}

/** The display of a build that ended, from its trace; undefined with the reason when strata does not simulate it. */
export function buildDisplay(
  trace: BuildTrace,
  r: { dockerfileName: string; dockerfileBytes: number; ignoreBytes: number; image?: { id: string; tags: readonly string[] } },
): BuildDisplay | string {
  // (`-f`: the file's base name, recorded: buildkit-build-f)
  const definition: DisplayVertex = { name: `[internal] load build definition from ${r.dockerfileName}`, seconds: 0, statuses: [{ id: 'transferring dockerfile:', value: transferSize(r.dockerfileBytes) }] };
  if (trace.unsupported !== undefined) return trace.unsupported;
  if (trace.phase === 'parse' && r.image === undefined) return { vertices: [definition], pending: 0 };
  if (trace.phase !== 'steps' || trace.stages.length === 0) return 'a build that fails before its steps run';
  if (r.image === undefined && trace.failed === undefined) return 'a build that fails other than by a RUN step';
  const vertices: DisplayVertex[] = [
    definition,
    // (BuildKit resolves every reachable stage's image: a line each)
    ...baseRefs(trace).map((ref) => ({ name: `[internal] load metadata for ${ref}`, seconds: 0 })),
    { name: '[internal] load .dockerignore', seconds: 0, statuses: [{ id: 'transferring context:', value: transferSize(r.ignoreBytes) }] },
  ];
  // (what BuildKit exports for a stage of no vertex is not recorded)
  if (trace.stages.some((t, i) => t.scratch === true && !trace.steps.some((s) => s.stage === i))) return '`FROM scratch` without a step that makes a layer';
  // (one op in BuildKit, one line: not recorded)
  if (new Set(trace.steps.map((s) => s.key)).size !== trace.steps.length) return 'the same step in two stages';
  const timed = stepVertices(trace);
  if (typeof timed === 'string') return timed;
  const { froms, steps } = timed;
  const context: DisplayVertex | undefined = trace.context && { name: '[internal] load build context', seconds: 0, statuses: [{ id: 'transferring context:', value: transferSize(trace.context.bytes) }] };
  // The context's transfer starts as the solver reaches the first step that reads it: before the
  // FROM when that is a stage's first step (recorded three times on one stage, and on two:
  // buildkit-ms-par*), else after it. (When it starts beside a RUN varies from run to run:
  // src/pages/timings.ts lets its lines move.)
  if (context && trace.context?.firstStepReads) vertices.push(context, ...froms);
  else vertices.push(...froms, ...(context ? [context] : []));
  vertices.push(...steps);
  if (trace.failed) return { vertices, pending: timed.pending, failed: { name: trace.failed.name, logs: errorLogLines(trace.failed.output) } };
  const image = r.image!;
  vertices.push({
    name: 'exporting to image',
    seconds: 0.1,
    statuses: [{ id: 'exporting layers', value: '' }, { id: `writing image sha256:${image.id}`, value: '' }, ...image.tags.map((t) => ({ id: `naming to ${namedReference(t)}`, value: '' }))],
  });
  return { vertices, pending: 0 };
}

/**
 * The display of a build compose ran for a service (pkg/compose/build_buildkit.go at v2.26.1:
 * buildx's build.Build with `progress.WithPrefix(p, service, true)`): every vertex's name gets the
 * service's name, inside its brackets when it has some (`[web internal] load ...`, `[web 1/2] FROM
 * ...`), else before it (`[web] exporting to image`) (docker/buildx v0.13.1 util/progress/
 * multiwriter.go addPrefix); the statuses keep theirs (recorded: test/pages/pty/compose-build*.json).
 */
export function withServicePrefix(d: BuildDisplay, service: string): BuildDisplay {
  const prefix = (name: string): string => (name.startsWith('[') ? `[${service} ${name.slice(1)}` : `[${service}] ${name}`);
  return { ...d, vertices: d.vertices.map((v) => ({ ...v, name: prefix(v.name) })), ...(d.failed ? { failed: { ...d.failed, name: prefix(d.failed.name) } } : {}) };
}

/** What the context's transfer sends and BuildKit keeps of it (`held`: what it kept from the last one). */
export function contextTransfer(fs: Vfs, dir: string, include: readonly string[] | undefined, ignore: DockerIgnore, held: Readonly<Record<string, string>> | undefined): { bytes: number; kept: Record<string, string> } | undefined {
  const entries = contextEntries(fs, dir, include, ignore);
  if (entries === undefined) return undefined;
  return { bytes: transferBytes(entries, held), kept: Object.fromEntries(entries.map((e) => [e.path, entryFingerprint(e)])) };
}

/**
 * Several services' builds on compose's one display (pkg/compose/build.go at v2.26.1: the
 * services built side by side, `InDependencyOrder`, all on one xprogress printer): their vertices
 * as they started, each named after its service, and a vertex two builds share (the same
 * digest: an image's `load metadata` and FROM) once, named after one of them (docker/buildx
 * v0.13.1 util/progress/multiwriter.go; recorded: test/pages/pty/compose-pb-two-*.json). Which
 * started first varies from run to run (src/pages/service-order.ts takes any order the builds can
 * show); strata's: the loads of the definitions, then the metadata, the .dockerignore files, the
 * FROMs (the contexts read by a first step before them), the steps by when they start (each
 * service's one after the other), the exports.
 *
 * Steps, as strata built the services one after the other (`builds` in that order), compared by
 * their cache keys. BuildKit solves the builds at once (solver/jobs.go): the same step on the same
 * input is one op, one digest, one vertex of both builds (no context read before it: recorded,
 * compose-pb2-samerun-*, -samefirst-*); a step below a context's transfer has a digest of its
 * own build (each build transfers its context: its own `load build context` line), and the
 * solver merges two such edges of one cache key into one (scheduler.go mergeTo): one vertex runs
 * for both, and the other build's is known but never started, counted in the header alone
 * (`(11/12)`, no FINISHED; compose-pb-shared-*, compose-pb2-sharedrun-*, cached too). The line is
 * named after either service (src/pages/service-order.ts), strata's after the first; cached as the
 * first build found it. Undefined with the reason when not simulated.
 */
export function mergedServiceDisplays(builds: readonly { service: string; display: BuildDisplay; network?: string; context?: string }[]): BuildDisplay | string {
  const kinds = builds.map(({ display }) => display.vertices.map((v) => vertexKind(v.name)));
  if (kinds.some((ks) => ks.some((k) => k.kind === 'step' && /^\[[^\]\d]/.test(k.text)))) return 'several services built by one command, one of them of several stages';
  if (kinds.some((ks) => ks.some((k) => k.kind === 'from' && !/^\[\d/.test(k.text)))) return 'several services built by one command, one of them copying from an image';
  /** Each build's steps that are another's vertex (by vertex index): the vertex they are. */
  const sameAs = builds.map(() => new Map<number, DisplayVertex>());
  const first = new Map<string, { b: number; v: DisplayVertex; local: boolean }>();
  let merged = 0;
  /** The first step that reads a context, by what it does and the step below it: its build. */
  const firstReads = new Map<string, number>();
  for (const [b, x] of builds.entries()) {
    let local = false;
    let below = kinds[b].find((k) => k.kind === 'from')?.ref ?? '';
    for (const [i, v] of x.display.vertices.entries()) {
      if (kinds[b][i].kind !== 'step') continue;
      if (v.key === undefined) return 'several services built by one command, a step strata did not trace';
      if (!local && v.readsContext === true) {
        // (the same COPY of two contexts on one input: whether their files make one cache record,
        // and so one vertex, is not recorded)
        const what = `${below}\n${kinds[b][i].text.replace(/^\[[^\]]*\] /, '')}`;
        const other = firstReads.get(what);
        if (other !== undefined && builds[other].context !== x.context) return 'several services built by one command from two contexts of the same files';
        firstReads.set(what, b);
      }
      below = v.key;
      local ||= v.readsContext === true;
      const seen = first.get(v.key);
      if (seen === undefined || seen.b === b) {
        first.set(v.key, { b, v, local });
        continue;
      }
      const numbered = (k: VertexKind): string => /^\[[^\]]*\]/.exec(k.text)?.[0] ?? '';
      const seenKind = vertexKind(seen.v.name);
      if (numbered(seenKind) !== numbered(kinds[b][i])) return 'several services built by one command whose same step has another number in each build (which the line shows)';
      if (builds[seen.b].network !== x.network) return 'several services built by one command whose same step runs on two networks';
      if (local || seen.local) {
        if (builds[seen.b].context !== x.context) return 'several services built by one command from two contexts of the same files';
        merged++;
      }
      sameAs[b].set(i, seen.v);
    }
  }
  const out: DisplayVertex[] = [];
  const named = (b: number, v: DisplayVertex): DisplayVertex => withServicePrefix({ vertices: [v], pending: 0 }, builds[b].service).vertices[0];
  const each = (kind: VertexKind['kind'], pick: (b: number, i: number) => boolean = () => true, once?: Set<string>): void => {
    builds.forEach((x, b) =>
      x.display.vertices.forEach((v, i) => {
        const k = kinds[b][i];
        if (k.kind !== kind || !pick(b, i)) return;
        if (once) {
          if (once.has(k.ref ?? '')) return;
          once.add(k.ref ?? '');
        }
        out.push(named(b, v));
      }),
    );
  };
  const fromAt = (b: number): number => kinds[b].findIndex((k) => k.kind === 'from');
  each('definition');
  each('metadata', undefined, new Set());
  each('ignore');
  each('context', (b, i) => fromAt(b) < 0 || i < fromAt(b));
  each('from', undefined, new Set());
  each('context', (b, i) => fromAt(b) >= 0 && i > fromAt(b));
  // the steps by when they start: each service's in turn (its display's seconds; a step that is
  // another build's vertex takes that one's)
  const steps = builds.flatMap((x, b) => {
    let at = 0;
    return x.display.vertices.flatMap((v, i) => {
      if (kinds[b][i].kind !== 'step') return [];
      const other = sameAs[b].get(i);
      const s = { b, v, at };
      at += (other ?? v).seconds;
      return other === undefined ? [s] : [];
    });
  });
  steps.sort((x, y) => x.at - y.at || x.b - y.b);
  out.push(...steps.map((s) => named(s.b, s.v)));
  each('export');
  return { vertices: out, pending: merged };
}

interface VertexKind {
  kind: 'definition' | 'metadata' | 'ignore' | 'context' | 'from' | 'step' | 'export';
  text: string;
  ref?: string;
}

/** What a vertex of one build's display is, by its name (before compose's service prefix). */
function vertexKind(text: string): VertexKind {
  if (text.startsWith('[internal] load build definition')) return { kind: 'definition', text };
  if (text.startsWith('[internal] load metadata for ')) return { kind: 'metadata', text, ref: text.slice('[internal] load metadata for '.length) };
  if (text === '[internal] load .dockerignore') return { kind: 'ignore', text };
  if (text === '[internal] load build context') return { kind: 'context', text };
  if (text === 'exporting to image') return { kind: 'export', text };
  const from = /^(?:\[[^\]]*\] )?FROM (\S+)$/.exec(text);
  if (from) return { kind: 'from', text, ref: from[1] };
  return { kind: 'step', text };
}
