// busybox's `ps` in a container (procps/ps.c of busybox 1.35, ENABLE_DESKTOP as Debian's
// busybox-static builds it: the oracle's busybox). It lists the container's processes from
// strata's table of them (src/container/processes.ts), as /proc shows them to ps:
// - `PID   USER     COMMAND` by default (DEFAULT_O_STR "pid,user,args": Debian's configuration has no
//   FEATURE_PS_TIME, which adds TIME after USER in Docker Hub's busybox and alpine's: docs/compat.md);
// - `-o COL,COL` picks columns (out_spec: pid and ppid 5 wide, user and group 8, comm 16, args the
//   rest), each padded to its width plus one space but the last; -a -A -d -e -f -l -T -Z are
//   accepted and change nothing here (ps_main's "Zo:*aAdefl" plus T), other words are ignored.
// Recorded: shell/ps-busybox (both engines).
//
// What it lists truthfully is narrow: ps run by Docker itself (`docker run IMAGE ps`, `docker exec
// C ps`), in a container whose other processes are each one program Docker started (a bare
// `sleep`, `tail`, `cat`, a shell reading its stdin), whose /proc/PID/cmdline is its argv and whose
// comm is its name. A process a shell started (a job, a script's child, the shell's own ps) has a
// comm and a cmdline that depend on how busybox's shell ran it (in place, forked, re-executed as
// /proc/self/exe: `{ps} sh -c ...` on the oracle), and memory, states and terminals strata does
// not have: those are refused by name.

import { basename } from '../fs/path.ts';
import { databaseRows } from '../fs/database.ts';
import type { Vfs } from '../fs/vfs.ts';
import { ShellNotSimulated, type Applet, type Flavor } from '../shell/types.ts';
import { busyboxBanner } from '../shell/applets/util.ts';
import type { Container } from '../engine/state.ts';
import { followedProcs } from './processes.ts';
import { knownMainUser } from './runtime-fs.ts';
import type { EngineState } from '../engine/state.ts';
import { containerWebApplets } from '../network/http/tools.ts';

/**
 * The programs a process of container `c` finds beyond the shell's applets, in a busybox system:
 * busybox's wget (network/http/tools.ts) and ps. A Debian-, Ubuntu- or Oracle Linux-based image's
 * ps is procps' and its wget GNU Wget (userland.ts), whose words strata does not simulate: refused
 * by name. Which system it is, the process's environment says (flavor `gnu`: process.ts
 * processShellEnv read the image's marker once).
 */
export function containerApplets(st: EngineState, c: Container, self: PsSelf): (name: string, flavor: Flavor) => Applet | undefined {
  const web = containerWebApplets(st, c);
  const ps = busyboxPs(c, self, () => knownMainUser(st, c));
  // the wget of an image built on Debian is GNU Wget (buildpack-deps' python and node), whose
  // words strata does not simulate in a container: refused by name, not busybox's words
  return (name, flavor) => (flavor === 'gnu' ? (name === 'wget' ? gnuWgetRefused : undefined) : name === 'ps' ? ps : web(name));
}

const gnuWgetRefused: Applet = () => refuse("the image's GNU Wget in a container (busybox's wget is simulated in busybox and alpine images)");

/** The process ps runs as: its PID in the container, the argv Docker started it with, its ids. */
export interface PsSelf {
  pid: number;
  argv: string[];
  uid: number;
  gid: number;
}

/** A row of ps: what /proc says of one process. */
interface Row {
  pid: number;
  ppid: number;
  uid: number;
  gid: number;
  argv: string[];
}

/** busybox ps's columns (out_spec), in its order: name, width, header; `undefined` values are not simulated. */
const COLUMNS: readonly { name: string; width: number; header: string; value?: (r: Row, fs: Vfs) => string; right?: true }[] = [
  { name: 'user', width: 8, header: 'USER', value: (r, fs) => nameOf(fs, '/etc/passwd', r.uid) },
  { name: 'group', width: 8, header: 'GROUP', value: (r, fs) => nameOf(fs, '/etc/group', r.gid) },
  // the kernel's comm: the name the program was started by, at most 15 bytes
  { name: 'comm', width: 16, header: 'COMMAND', value: (r) => basename(r.argv[0] ?? '').slice(0, 15) },
  { name: 'args', width: 2048, header: 'COMMAND', value: (r) => r.argv.join(' ') },
  { name: 'pid', width: 5, header: 'PID', value: (r) => String(r.pid), right: true },
  { name: 'ppid', width: 5, header: 'PPID', value: (r) => String(r.ppid), right: true },
  { name: 'pgid', width: 5, header: 'PGID' },
  { name: 'nice', width: 5, header: 'NI', value: () => '0', right: true },
  { name: 'rgroup', width: 8, header: 'RGROUP', value: (r, fs) => nameOf(fs, '/etc/group', r.gid) },
  { name: 'ruser', width: 8, header: 'RUSER', value: (r, fs) => nameOf(fs, '/etc/passwd', r.uid) },
  { name: 'tty', width: 6, header: 'TT' },
  { name: 'vsz', width: 4, header: 'VSZ' },
  { name: 'sid', width: 5, header: 'SID' },
  { name: 'stat', width: 4, header: 'STAT' },
  { name: 'rss', width: 4, header: 'RSS' },
];

/** The name of a uid or gid in the container's file (busybox's get_cached_username), else the number. */
function nameOf(fs: Vfs, file: string, id: number): string {
  return databaseRows(fs, file).find((r) => r[2] === String(id))?.[0] ?? String(id);
}

const usage = (ctx: { readonly busyboxVersion?: string }): string => `${busyboxBanner(ctx)}\nUsage: ps [-o COL1,COL2=HEADER] [-T]\n\nShow list of processes\n\n\t-o COL1,COL2=HEADER\tSelect columns for display\n\t-T\t\t\tShow threads\n`;

const refuse = (what: string): never => {
  throw new ShellNotSimulated(`strata does not simulate ${what}`);
};

/**
 * The `ps` applet of a process of container `c` (its processes as strata keeps them: main, `docker
 * exec -d` ones), run as `self`; `mainIds` gives the main process's ids (undefined: not known).
 */
export function busyboxPs(c: Container, self: PsSelf, mainIds: () => { uid: number; gid: number } | undefined): Applet {
  return (ctx, args) => {
    // the options, as getopt32 reads them ("Zo:*aAdefl" + T)
    const specs: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--help') {
        ctx.stdout(usage(ctx));
        return 0;
      }
      if (a === '--') break;
      if (a.startsWith('--')) return refuse(`\`ps ${a}\` (busybox's ps has no long options)`);
      if (!a.startsWith('-') || a === '-') continue;
      for (let k = 1; k < a.length; k++) {
        const f = a[k];
        if (f === 'o') {
          const v = k + 1 < a.length ? a.slice(k + 1) : args[++i];
          if (v === undefined) {
            ctx.stderr(`ps: option requires an argument -- 'o'\n${usage(ctx)}`);
            return 1;
          }
          specs.push(v);
          break;
        }
        if (!'ZaAdeflT'.includes(f)) {
          ctx.stderr(`ps: invalid option -- '${f}'\n${usage(ctx)}`);
          return 1;
        }
      }
    }
    const columns: (typeof COLUMNS)[number][] = [];
    for (const spec of specs.length > 0 ? specs : ['pid,user,args']) {
      if (spec.includes('=')) return refuse(`\`ps -o ${spec}\` (a column's own header)`);
      for (const name of spec.split(',')) {
        // find_out_spec compares the first 6 characters
        const col = COLUMNS.find((x) => x.name.slice(0, 6) === name.slice(0, 6));
        if (!col) {
          ctx.stderr(`ps: bad -o argument '${name}', supported arguments: ${COLUMNS.map((x) => x.name).join(',')}\n`);
          return 1;
        }
        if (!col.value) return refuse(`\`ps -o ${col.name}\`: strata keeps no ${col.header} of a container's processes`);
        columns.push(col);
      }
    }
    if (ctx.isatty?.(1)) return refuse('`ps` on a terminal (busybox cuts its lines at the terminal\'s width)');
    const rows = processRows(c, self, self.pid === 1 ? undefined : mainIds());
    const line = (cells: string[]): string => cells.map((v, k) => (k === cells.length - 1 ? v : v.padEnd(columns[k].width + 1))).join('');
    const fit = (v: string, k: number): string => {
      const col = columns[k];
      const s = v.slice(0, col.width);
      return col.right === true ? s.padStart(col.width) : s;
    };
    let text = `${line(columns.map((col) => col.header))}\n`;
    for (const r of rows) text += `${line(columns.map((col, k) => fit(col.value!(r, ctx.fs), k)))}\n`;
    ctx.stdout(text);
    return 0;
  };
}

/** The container's processes in PID order, or a refusal when strata does not know them as ps would show them. */
function processRows(c: Container, self: PsSelf, main: { uid: number; gid: number } | undefined): Row[] {
  const what = `\`${self.argv.join(' ')}\` in ${c.name.replace(/^\//, '')}`;
  if (basename(self.argv[0] ?? '') !== 'ps') return refuse(`${what}: ps started by a shell or another program (its command line and name depend on how busybox's shell ran it)`);
  if (c.hostConfig.Init === true) return refuse(`${what}: the processes of a container with --init`);
  const rows: Row[] = [{ pid: self.pid, ppid: 0, uid: self.uid, gid: self.gid, argv: self.argv }];
  // each other process: one program Docker started, alone (no child or job of its own)
  const alone = (p: Parameters<typeof followedProcs>[0], n: number): boolean => {
    const me = { n, uid: 0, started: 0, argv: p.argv };
    const procs = followedProcs(p, me);
    return procs !== undefined && procs.length === 1 && procs[0] === me && p.sleeping === undefined && p.waiting === undefined;
  };
  if (self.pid !== 1) {
    const argv = c.execArgv ?? [c.path, ...c.args];
    const ok = c.execArgv === undefined && main !== undefined && alone({ argv, waiting: c.waiting, sleeping: c.sleeping, sleepPid: c.sleepPid, ...(c.jobPids ? { jobPids: c.jobPids } : {}), ...(c.execJobs ? { execJobs: c.execJobs } : {}) }, 0);
    if (!ok || main === undefined) return refuse(`${what}: its main process (${c.path}) runs a script or children strata does not follow`);
    rows.push({ pid: 1, ppid: 0, uid: main.uid, gid: main.gid, argv });
  }
  for (const x of c.execs ?? []) {
    if (x.pid === self.pid) continue;
    if (x.execArgv !== undefined || !alone({ ...x, argv: x.argv }, x.pid)) return refuse(`${what}: its exec (${x.argv.join(' ')}) runs a script or children strata does not follow`);
    rows.push({ pid: x.pid, ppid: 0, uid: x.uid, gid: x.gid, argv: x.argv });
  }
  return rows.sort((a, b) => a.pid - b.pid);
}
