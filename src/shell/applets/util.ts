// Shared helpers for the applets: option parsing, error words, paths, users, modes, times.

import { FsError, STRERROR } from '../../fs/errors.ts';
import { join } from '../../fs/path.ts';
import type { NodeKind } from '../../fs/node.ts';
import type { Stat } from '../../fs/vfs.ts';
import { type AppletContext, type Flavor, ShellLimitError, spendSteps } from '../types.ts';

export type Ctx = AppletContext;

/** Absolute path of an operand, relative to the shell's cwd. */
export function abs(ctx: Ctx, p: string): string {
  if (p === '') throw new FsError('ENOENT', p);
  return join(ctx.cwd, p);
}

/** strerror text of an error thrown by the Vfs; anything else propagates. */
export function errText(e: unknown): string {
  if (e instanceof FsError) return STRERROR[e.code];
  throw e;
}

export function errCode(e: unknown): FsError['code'] {
  if (e instanceof FsError) return e.code;
  throw e;
}

export function isBusybox(ctx: Ctx): boolean {
  return ctx.flavor === 'busybox';
}

/** Write `prog: msg` to stderr. */
export function warn(ctx: Ctx, prog: string, msg: string): void {
  // busybox's bb_error_msg and GNU's error() flush stdout before writing the message
  for (const out of pendingOuts.get(ctx) ?? []) out.flush();
  ctx.stderr(`${prog}: ${msg}\n`);
}

/** The Out buffers of each running applet (warn flushes them first). */
const pendingOuts = new WeakMap<Ctx, Set<Out>>();

/** Throw when a stream would exceed the byte budget. */
export function checkSize(ctx: Ctx, n: number): void {
  if (n > ctx.budget.maxBytes) {
    throw new ShellLimitError(`output exceeds the limit of ${ctx.budget.maxBytes} bytes`);
  }
}

/**
 * One step of the script's step budget, for an applet's own unbounded work (a directory `cp -r`
 * copies): the same budget, and the same refusal, as the interpreter's commands and iterations.
 */
export function spendStep(ctx: Ctx): void {
  spendSteps(ctx.budget);
}

/** checkSize for a count of what a command wrote to stdout: nothing is kept when that is /dev/null. */
export function checkOutput(ctx: Ctx, n: number): void {
  if (!ctx.stdoutDiscarded) checkSize(ctx, n);
}

/**
 * An stdout accumulator that enforces the byte budget (stdio-style buffering: flushed at exit).
 * Output to /dev/null is passed on at once instead: it is not kept, so neither counted nor held
 * (the order of discarded output and stderr messages cannot be seen).
 */
export class Out {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly ctx: Ctx) {
    let set = pendingOuts.get(ctx);
    if (!set) pendingOuts.set(ctx, (set = new Set()));
    set.add(this);
  }
  write(s: string): void {
    if (this.ctx.stdoutDiscarded) {
      this.ctx.stdout(s);
      return;
    }
    this.size += s.length;
    checkSize(this.ctx, this.size);
    this.parts.push(s);
  }
  line(s: string): void {
    this.write(s + '\n');
  }
  flush(): void {
    if (this.parts.length > 0) this.ctx.stdout(this.parts.join(''));
    this.parts = [];
  }
}

// ---------------------------------------------------------------------------------------------
// Option parsing (getopt-like, with permutation as glibc getopt does)

export interface LongOpt {
  /** Key stored in the result (usually the equivalent short letter). */
  key: string;
  arg?: 'required' | 'optional' | 'none';
}

export class Opts {
  readonly values = new Map<string, string[]>();
  operands: string[] = [];
  has(k: string): boolean {
    return this.values.has(k);
  }
  get(k: string): string | undefined {
    const v = this.values.get(k);
    return v === undefined ? undefined : v[v.length - 1];
  }
  all(k: string): string[] {
    return this.values.get(k) ?? [];
  }
  count(k: string): number {
    return this.all(k).length;
  }
  add(k: string, v: string): void {
    const list = this.values.get(k);
    if (list) list.push(v);
    else this.values.set(k, [v]);
  }
  /** Order in which flags were given (for last-one-wins pairs). */
  readonly order: string[] = [];
}

export class UsageError extends Error {}

export interface ParseOptions {
  /** Letters; a letter followed by ':' takes an argument. */
  short: string;
  long?: Record<string, LongOpt>;
  /** Stop at the first operand (no permutation). */
  stopAtOperand?: boolean;
}

/**
 * Parse options. On a bad option prints the getopt message (and GNU's hint) to stderr and
 * returns undefined; the caller exits with its usage status.
 */
export function parseOpts(ctx: Ctx, prog: string, args: string[], spec: ParseOptions): Opts | undefined {
  try {
    return parseOptsOrThrow(args, spec);
  } catch (e) {
    if (e instanceof UsageError) {
      warn(ctx, prog, e.message);
      if (ctx.flavor === 'gnu') ctx.stderr(`Try '${prog} --help' for more information.\n`);
      return undefined;
    }
    throw e;
  }
}

export function parseOptsOrThrow(args: string[], spec: ParseOptions): Opts {
  const takes = new Map<string, boolean>();
  for (let i = 0; i < spec.short.length; i++) {
    const c = spec.short[i];
    if (c === ':') continue;
    takes.set(c, spec.short[i + 1] === ':');
  }
  const opts = new Opts();
  let i = 0;
  while (i < args.length) {
    const a = args[i];
    if (a === '--') {
      opts.operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && spec.long) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      let match: [string, LongOpt] | undefined;
      const exact = spec.long[name];
      if (exact) match = [name, exact];
      else {
        const cands = Object.entries(spec.long).filter(([n]) => n.startsWith(name));
        const keys = new Set(cands.map(([, l]) => l.key));
        if (cands.length === 0) throw new UsageError(`unrecognized option '${a}'`);
        if (keys.size > 1) throw new UsageError(`option '${a}' is ambiguous`);
        match = cands[0];
      }
      const [full, lo] = match;
      const kind = lo.arg ?? 'none';
      if (kind === 'none') {
        if (eq >= 0) throw new UsageError(`option '--${full}' doesn't allow an argument`);
        opts.add(lo.key, '');
      } else if (eq >= 0) {
        opts.add(lo.key, a.slice(eq + 1));
      } else if (kind === 'required') {
        if (i + 1 >= args.length) throw new UsageError(`option '--${full}' requires an argument`);
        opts.add(lo.key, args[++i]);
      } else {
        opts.add(lo.key, '');
      }
      opts.order.push(lo.key);
      i++;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const t = takes.get(c);
        if (t === undefined) throw new UsageError(`invalid option -- '${c}'`);
        if (t) {
          let v = a.slice(j + 1);
          if (v === '') {
            if (i + 1 >= args.length) throw new UsageError(`option requires an argument -- '${c}'`);
            v = args[++i];
          }
          opts.add(c, v);
          opts.order.push(c);
          break;
        }
        opts.add(c, '');
        opts.order.push(c);
      }
      i++;
      continue;
    }
    if (spec.stopAtOperand) {
      opts.operands.push(...args.slice(i));
      break;
    }
    opts.operands.push(a);
    i++;
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Users and groups

export interface DbEntry {
  name: string;
  id: number;
  gid: number;
  home: string;
}

function readDb(ctx: Ctx, path: string): DbEntry[] {
  let text: string;
  try {
    text = ctx.fs.readFile(path);
  } catch {
    return [];
  }
  const out: DbEntry[] = [];
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || f[0] === '') continue;
    const id = Number(f[2]);
    if (!/^\d+$/.test(f[2])) continue;
    out.push({ name: f[0], id, gid: Number(f[3] ?? '0') || 0, home: f[5] ?? '' });
  }
  return out;
}

export function passwd(ctx: Ctx): DbEntry[] {
  const db = readDb(ctx, '/etc/passwd');
  if (ctx.flavor === 'gnu' && !db.some((e) => e.id === 0)) db.push({ name: 'root', id: 0, gid: 0, home: '/root' });
  return db;
}

export function groups(ctx: Ctx): DbEntry[] {
  const db = readDb(ctx, '/etc/group');
  if (ctx.flavor === 'gnu' && !db.some((e) => e.id === 0)) db.push({ name: 'root', id: 0, gid: 0, home: '' });
  return db;
}

export function userName(ctx: Ctx, uid: number): string | undefined {
  return passwd(ctx).find((e) => e.id === uid)?.name;
}

export function groupName(ctx: Ctx, gid: number): string | undefined {
  return groups(ctx).find((e) => e.id === gid)?.name;
}

/** Cached lookups for listing many files. */
export function nameCache(ctx: Ctx): { user(uid: number): string; group(gid: number): string } {
  const pw = passwd(ctx);
  const gr = groups(ctx);
  return {
    user: (uid) => pw.find((e) => e.id === uid)?.name ?? String(uid),
    group: (gid) => gr.find((e) => e.id === gid)?.name ?? String(gid),
  };
}

// ---------------------------------------------------------------------------------------------
// Modes, sizes and times

const TYPE_CHAR: Record<NodeKind, string> = { file: '-', dir: 'd', symlink: 'l', chardev: 'c', socket: 's', fifo: 'p' };

/** `-rwxr-xr-x` as ls -l and stat %A print it. */
export function modeString(kind: NodeKind, mode: number): string {
  const r = (bit: number, c: string): string => (mode & bit ? c : '-');
  const special = (x: boolean, s: boolean, lower: string, upper: string): string =>
    s ? (x ? lower : upper) : x ? 'x' : '-';
  return (
    TYPE_CHAR[kind] +
    r(0o400, 'r') +
    r(0o200, 'w') +
    special((mode & 0o100) !== 0, (mode & 0o4000) !== 0, 's', 'S') +
    r(0o40, 'r') +
    r(0o20, 'w') +
    special((mode & 0o10) !== 0, (mode & 0o2000) !== 0, 's', 'S') +
    r(0o4, 'r') +
    r(0o2, 'w') +
    special((mode & 0o1) !== 0, (mode & 0o1000) !== 0, 't', 'T')
  );
}

/**
 * The first line of busybox's usage texts: the oracle's busybox-static (the base image's
 * /bin/busybox, and Debian 12's busybox on its host) prints this version (recorded:
 * host-mounts/ph-system-files, readlink's usage).
 */
export const BUSYBOX_VERSION = 'BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1)';
/**
 * The first line of a usage text of the busybox that runs (AppletContext.busyboxVersion): the
 * oracle's unless the real busybox:latest's runs (libbb/appletlib.c bb_show_usage: `BusyBox
 * VERSION multi-call binary.`; test/recorded/busybox-latest-real/chroot.txt).
 */
export function busyboxBanner(ctx: { readonly busyboxVersion?: string }): string {
  return `${ctx.busyboxVersion ?? BUSYBOX_VERSION} multi-call binary.\n`;
}

/**
 * Major and minor numbers of the character devices (the kernel's Documentation/admin-guide/devices.txt):
 * devpts' ptmx, which runc's /dev/ptmx links to, is 5,2 (recorded: core/runtime-device-numbers).
 */
export const DEVICE_NUMBERS: Record<string, [number, number]> = {
  null: [1, 3],
  zero: [1, 5],
  full: [1, 7],
  random: [1, 8],
  urandom: [1, 9],
  tty: [5, 0],
  console: [5, 1],
  ptmx: [5, 2],
};

/** st_size as Linux reports it: directories occupy a block (tmpfs: 40 + 20 per entry). */
export function displaySize(ctx: Ctx, path: string, st: Stat): number {
  if (st.kind !== 'dir') return st.size;
  let fstype = '';
  try {
    fstype = ctx.fs.statfs(path).fstype;
  } catch {
    // ignore
  }
  // proc and sysfs directories report size 0 (and so no blocks).
  if (fstype === 'proc' || fstype === 'sysfs') return 0;
  if (fstype === 'tmpfs') {
    let n = 0;
    try {
      n = ctx.fs.readdir(path).length;
    } catch {
      // ignore
    }
    return 40 + 20 * n;
  }
  return 4096;
}

/** 512-byte blocks allocated (4 KiB granularity). */
export function blocks512(ctx: Ctx, path: string, st: Stat): number {
  if (st.kind === 'symlink' || st.kind === 'chardev') return 0;
  if (st.kind === 'dir') {
    return displaySize(ctx, path, st) >= 4096 ? 8 : 0;
  }
  return Math.ceil(st.size / 4096) * 8;
}

/**
 * Hard link count. A file system that knows it reports it in the stat (`nlink`): overlayfs says 1
 * for a merged directory (one present in more than one layer, e.g. `/`, `/etc`, or a directory
 * copied up), which only the union can tell. Otherwise directories have 2 + their subdirectories
 * (ext4 volumes and binds, tmpfs, a directory in one layer only).
 */
export function linkCount(ctx: Ctx, path: string, st: Stat): number {
  if ('nlink' in st && typeof st.nlink === 'number') return st.nlink;
  if (st.kind !== 'dir') return 1;
  let n = 2;
  try {
    for (const name of ctx.fs.readdir(path)) {
      try {
        if (ctx.fs.lstat(join(path, name)).kind === 'dir') n++;
      } catch {
        // ignore
      }
    }
  } catch {
    // ignore
  }
  return n;
}

/**
 * The inode number `stat -c %i` and `ls -i` show: the names of one hard-linked inode share it
 * (derived from the inode's identity in its mount), any other entry gets one from its path.
 */
export function inodeNumber(path: string, st: Stat): number {
  return st.ino !== undefined ? fakeInode(`${st.mount}\0${st.ino}`) : fakeInode(path);
}

/** A stable fake inode number derived from the path. */
export function fakeInode(path: string): number {
  let h = 2166136261;
  for (let i = 0; i < path.length; i++) {
    h ^= path.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return (h % 9000000) + 1000000;
}

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD HH:MM:SS` in UTC. */
export function isoTime(t: number): string {
  const d = new Date(t * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** make_human_readable_str(val, 1, 0) of busybox: `1.0K`, `12.3M`, `512`. */
export function bbHuman(val: number): string {
  if (val === 0) return '0';
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  let u = 0;
  let frac = 0;
  let v = val;
  let fmt = false;
  while (v >= 1024) {
    fmt = true;
    frac = Math.floor((((v % 1024) * 10) + 512) / 1024);
    v = Math.floor(v / 1024);
    u++;
  }
  if (frac >= 10) {
    v++;
    frac = 0;
  }
  return fmt ? `${v}.${frac}${units[u]}` : String(v);
}

/** GNU human_readable with -h (powers of 1024, ceiling, one decimal below 10). */
export function gnuHuman(val: number): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  if (val < 1024) return String(val);
  let u = 0;
  let v = val;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (v < 10) {
    const r = Math.ceil(v * 10 - 1e-9) / 10;
    if (r >= 10) return `10${units[u]}`;
    return `${r.toFixed(1)}${units[u]}`;
  }
  let r = Math.ceil(v - 1e-9);
  if (r >= 1024 && u < units.length - 1) {
    r = 1;
    return `1.0${units[u + 1]}`;
  }
  return `${r}${units[u]}`;
}

/** Compare in C byte order. */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Read an operand (`-` is stdin). Throws FsError. */
export function readInput(ctx: Ctx, operand: string): string {
  if (operand === '-') return ctx.stdin;
  const data = ctx.fs.readFile(abs(ctx, operand));
  return data;
}

/** Split into lines; a final line without newline is kept. */
export function splitLines(data: string): string[] {
  if (data === '') return [];
  const lines = data.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function flavorOf(ctx: Ctx): Flavor {
  return ctx.flavor;
}

/** Parse an octal or symbolic mode (chmod syntax) relative to `old`. Returns undefined when invalid. */
export function parseMode(spec: string, old: number, isDir: boolean, umask = 0o022): number | undefined {
  if (/^[0-7]+$/.test(spec)) {
    const v = parseInt(spec, 8);
    if (v > 0o7777) return undefined;
    // GNU/busybox keep setuid/setgid of directories unless given with 5+ digits; keep it simple.
    return v;
  }
  let mode = old & 0o7777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return undefined;
    const who = m[1];
    let mask = 0;
    if (who === '') mask = 0o7777;
    for (const w of who) {
      if (w === 'u') mask |= 0o4700;
      if (w === 'g') mask |= 0o2070;
      if (w === 'o') mask |= 0o1007;
      if (w === 'a') mask |= 0o7777;
    }
    const ops = m[2].match(/[-+=][rwxXstugo]*/g) ?? [];
    for (const op of ops) {
      const o = op[0];
      let bits = 0;
      for (const p of op.slice(1)) {
        if (p === 'r') bits |= 0o444;
        else if (p === 'w') bits |= 0o222;
        else if (p === 'x') bits |= 0o111;
        else if (p === 'X') {
          if (isDir || (mode & 0o111) !== 0) bits |= 0o111;
        } else if (p === 's') bits |= 0o6000;
        else if (p === 't') bits |= 0o1000;
        else if (p === 'u') bits |= ((mode >> 6) & 7) * 0o111;
        else if (p === 'g') bits |= ((mode >> 3) & 7) * 0o111;
        else if (p === 'o') bits |= (mode & 7) * 0o111;
      }
      let eff = bits & mask;
      if (who === '') eff &= ~umask | 0o7000;
      if (o === '+') mode |= eff;
      else if (o === '-') mode &= ~eff;
      else {
        const clearMask = who === '' ? 0o7777 : mask;
        mode = (mode & ~(clearMask & ~(isDir ? 0o6000 : 0))) | eff;
      }
    }
  }
  return mode;
}

/**
 * How an escape decoder reads octal: `zero` needs `\0NNN` (echo -e), `optional-zero` takes
 * `\0NNN` or `\NNN` (printf %b), `any` takes `\NNN` (a printf format).
 */
export type OctalEscapes = 'zero' | 'optional-zero' | 'any';

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b', '\\': '\\' };

/**
 * Decode backslash escapes as echo -e and printf do; `stop` is set when `\c` ends the output
 * (echo, printf %b; a printf format keeps `\c` as written).
 */
export function decodeEscapes(s: string, octal: OctalEscapes, stopAtC: boolean, hex = true): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[n];
      continue;
    }
    if (n === 'c' && stopAtC) return { text: out, stop: true };
    if (n === 'x' && hex) {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
      if (m) {
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
      } else out += '\\x';
      continue;
    }
    if (n >= '0' && n <= '7' && (octal !== 'zero' || n === '0')) {
      const start = octal !== 'any' && n === '0' ? i + 1 : i;
      const m = /^[0-7]{1,3}/.exec(s.slice(start));
      const digits = m ? m[0] : '';
      out += String.fromCharCode(parseInt(digits || '0', 8) & 0xff);
      i = start + digits.length - 1;
      continue;
    }
    out += '\\' + n;
  }
  return { text: out, stop: false };
}
