// ls: one name per line when stdout is not a terminal, -a -A -l -1 -R -d -F -n -h -i -s -r -t -S.
// On a terminal (`docker run -it`, a page's session) ls lists in columns: see terminalColumns.

import type { Stat } from '../../fs/vfs.ts';
import { join } from '../../fs/path.ts';
import { TERMINAL_COLUMNS } from '../../engine/terminal.ts';
import { type Applet, ShellNotSimulated } from '../types.ts';
import {
  type Ctx,
  DEVICE_NUMBERS,
  MONTHS,
  Out,
  abs,
  bbHuman,
  blocks512,
  byteCompare,
  displaySize,
  errText,
  inodeNumber,
  gnuHuman,
  linkCount,
  modeString,
  nameCache,
  pad2,
  parseOpts,
  warn,
} from './util.ts';

interface Entry {
  /** Name as displayed (operand text, or entry name inside a directory). */
  name: string;
  /** Path for headers and recursion (`dir/name`). */
  full: string;
  /** Absolute path. */
  path: string;
  st: Stat;
  /** For symlinks: the stat of the target (when it resolves). */
  target?: Stat;
}

function lsTime(ctx: Ctx, t: number, full: boolean): string {
  const now = ctx.fs.now();
  const d = new Date(t * 1000);
  if (full) {
    // --full-time: busybox strftime "%Y-%m-%d %H:%M:%S %z", no fractional seconds
    // (mirror/busybox@1_35_0:coreutils/ls.c display_single); GNU adds nanoseconds
    // (`2009-07-13 17:49:27.000000000 +0200`, quoted there). The engines run in UTC.
    const day = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
    const clock = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
    const ns = ctx.flavor === 'busybox' ? '' : '.' + String(Math.round((t - Math.floor(t)) * 1e9)).padStart(9, '0');
    return `${day} ${clock}${ns} +0000`;
  }
  const mon = MONTHS[d.getUTCMonth()];
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const age = now - t;
  const recent = ctx.flavor === 'busybox' ? age < (3600 * 24 * 365) / 2 && age > -15 * 60 : age < 31556952 / 2 && age >= -1;
  if (recent) return `${mon} ${day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  return `${mon} ${day}  ${d.getUTCFullYear()}`;
}

function indicator(st: Stat, target?: Stat): string {
  void target;
  if (st.kind === 'dir') return '/';
  if (st.kind === 'symlink') return '@';
  // busybox ls.c append_char and GNU ls alike (recorded: fs/fifo-in-writable-layer)
  if (st.kind === 'fifo') return '|';
  if (st.kind === 'file' && (st.mode & 0o111) !== 0) return '*';
  return '';
}

export const ls: Applet = (ctx, args) => {
  const gnu = ctx.flavor === 'gnu';
  const opts = parseOpts(ctx, 'ls', args, {
    short: 'aAlR1dFnhiserStrLHCxpgo',
    long: {
      all: { key: 'a' },
      'almost-all': { key: 'A' },
      recursive: { key: 'R' },
      directory: { key: 'd' },
      classify: { key: 'F' },
      'human-readable': { key: 'h' },
      inode: { key: 'i' },
      reverse: { key: 'r' },
      'numeric-uid-gid': { key: 'n' },
      dereference: { key: 'L' },
      color: { key: 'COLOR', arg: 'optional' },
      'full-time': { key: 'FULL' },
      'group-directories-first': { key: 'GDF' },
    },
  });
  if (!opts) return 2;
  // --full-time implies -l in both (busybox ls.c's getopt32 ":\xff""l")
  const fullTime = opts.has('FULL');
  const long = opts.has('l') || opts.has('n') || opts.has('g') || opts.has('o') || fullTime;
  const all = opts.has('a');
  const almost = opts.has('A') && !all;
  const recursive = opts.has('R') && !opts.has('d');
  const classify = opts.has('F');
  const slashDirs = opts.has('p');
  const human = opts.has('h');
  const numeric = opts.has('n');
  const showInode = opts.has('i');
  const showBlocks = opts.has('s');
  const reverse = opts.has('r');
  const byTime = opts.has('t');
  const bySize = opts.has('S');
  const deref = opts.has('L');
  const names = nameCache(ctx);
  const out = new Out(ctx);
  let status = 0;

  const statEntry = (name: string, full: string, path: string, follow: boolean): Entry | undefined => {
    let st: Stat;
    try {
      st = follow ? ctx.fs.stat(path) : ctx.fs.lstat(path);
    } catch (e) {
      // -L follows every link: a dangling one or a loop (ELOOP) is a stat failure like any
      // other, reported by the caller (GNU's DEREF_ALWAYS, busybox's my_stat)
      if (follow && !deref) {
        // a dangling symlink named on the command line: list the link itself
        try {
          st = ctx.fs.lstat(path);
        } catch {
          throw e;
        }
      } else throw e;
    }
    let target: Stat | undefined;
    if (st.kind === 'symlink') {
      try {
        target = ctx.fs.stat(path);
      } catch {
        target = undefined;
      }
    }
    return { name, full, path, st, target };
  };

  const sortEntries = (list: Entry[]): Entry[] => {
    const sorted = [...list].sort((a, b) => {
      if (byTime && a.st.mtime !== b.st.mtime) return b.st.mtime - a.st.mtime;
      if (bySize && a.st.size !== b.st.size) return b.st.size - a.st.size;
      return byteCompare(a.name, b.name);
    });
    if (reverse) sorted.reverse();
    return sorted;
  };

  const fmtLong = (list: Entry[]): string[] => {
    const rows = list.map((e) => {
      const st = e.st;
      const mode = modeString(st.kind, st.mode);
      const nlink = String(linkCount(ctx, e.path, st));
      const owner = numeric ? String(st.uid) : names.user(st.uid);
      const group = numeric ? String(st.gid) : names.group(st.gid);
      let size: string;
      if (st.kind === 'chardev') {
        const [maj, min] = DEVICE_NUMBERS[st.device ?? 'null'] ?? [0, 0];
        size = gnu ? `${maj}, ${min}` : `${String(maj).padStart(4)}, ${String(min).padStart(3)}`;
      } else {
        const sz = displaySize(ctx, e.path, st);
        size = human ? (gnu ? gnuHuman(sz) : bbHuman(sz)) : String(sz);
      }
      let name = e.name;
      if (st.kind === 'symlink') {
        name += ' -> ' + (st.target ?? '');
        if (classify && e.target) name += indicator(e.target);
      } else if (classify) name += indicator(st);
      else if (slashDirs && st.kind === 'dir') name += '/';
      return { mode, nlink, owner, group, size, time: lsTime(ctx, st.mtime, fullTime), name, ino: String(inodeNumber(e.path, e.st)), blocks: String(Math.ceil(blocks512(ctx, e.path, st) / 2)) };
    });
    if (!gnu) {
      return rows.map((r) => {
        let line = '';
        if (showInode) line += r.ino.padStart(7) + ' ';
        if (showBlocks) line += r.blocks.padStart(6) + ' ';
        line += r.mode.padEnd(10) + ' ' + r.nlink.padStart(4) + ' ';
        if (numeric) line += opts.has('g') ? r.group.padEnd(8) + ' ' : r.owner.padEnd(8) + ' ' + r.group.padEnd(8) + ' ';
        else if (opts.has('g')) line += r.group.slice(0, 8).padEnd(8) + ' ';
        else line += r.owner.slice(0, 8).padEnd(8) + ' ' + r.group.slice(0, 8).padEnd(8) + ' ';
        line += (human ? r.size.padStart(5) : r.size.padStart(9)) + ' ' + r.time + ' ' + r.name;
        return line;
      });
    }
    const w = (k: 'nlink' | 'owner' | 'group' | 'size' | 'ino' | 'blocks'): number => Math.max(0, ...rows.map((r) => r[k].length));
    const wn = w('nlink');
    const wo = w('owner');
    const wg = w('group');
    const ws = w('size');
    const wi = w('ino');
    const wb = w('blocks');
    return rows.map((r) => {
      let line = '';
      if (showInode) line += r.ino.padStart(wi) + ' ';
      if (showBlocks) line += r.blocks.padStart(wb) + ' ';
      line += r.mode + ' ' + r.nlink.padStart(wn) + ' ';
      if (!opts.has('g')) line += r.owner.padEnd(wo) + ' ';
      if (!opts.has('o')) line += r.group.padEnd(wg) + ' ';
      line += r.size.padStart(ws) + ' ' + r.time + ' ' + r.name;
      return line;
    });
  };

  const display = (list: Entry[]): void => {
    const sorted = sortEntries(list);
    if (long) {
      for (const l of fmtLong(sorted)) out.line(l);
      return;
    }
    if (ctx.isatty?.(1) === true && !opts.has('1')) {
      for (const l of terminalColumns(gnu, showInode || showBlocks, sorted.map((e) => e.name + (classify ? indicator(e.st) : slashDirs && e.st.kind === 'dir' ? '/' : '')))) out.line(l);
      return;
    }
    const inoW = gnu ? Math.max(0, ...sorted.map((e) => String(inodeNumber(e.path, e.st)).length)) : 7;
    // (only with -s: a placeholder file's size is not known, fs/node.ts, and `ls` of names needs none)
    const blkW = gnu && showBlocks ? Math.max(0, ...sorted.map((e) => String(Math.ceil(blocks512(ctx, e.path, e.st) / 2)).length)) : 6;
    for (const e of sorted) {
      let line = '';
      if (showInode) line += String(inodeNumber(e.path, e.st)).padStart(inoW) + ' ';
      if (showBlocks) line += String(Math.ceil(blocks512(ctx, e.path, e.st) / 2)).padStart(blkW) + ' ';
      line += e.name;
      if (classify) line += indicator(e.st);
      else if (slashDirs && e.st.kind === 'dir') line += '/';
      out.line(line);
    }
  };

  const totalLine = (list: Entry[]): string => {
    let blocks = 0;
    for (const e of list) blocks += blocks512(ctx, e.path, e.st);
    if (gnu) {
      const k = Math.ceil(blocks / 2);
      return `total ${human ? gnuHuman(k * 1024) : k}`;
    }
    const k = (blocks + 1) >> 1;
    return `total ${human ? bbHumanNoFrac(k * 1024) : k}`;
  };

  const scanDir = (dirEntry: Entry): Entry[] | undefined => {
    let list: string[];
    try {
      list = ctx.fs.readdir(dirEntry.path);
    } catch (e) {
      warn(ctx, 'ls', gnu ? `cannot open directory '${dirEntry.full}': ${errText(e)}` : `can't open '${dirEntry.full}': ${errText(e)}`);
      status = gnu ? 2 : 1;
      return undefined;
    }
    const names2 = all ? ['.', '..', ...list] : list;
    const entries: Entry[] = [];
    for (const n of names2) {
      if (!all && !almost && n.startsWith('.')) continue;
      const full = dirEntry.full.endsWith('/') ? dirEntry.full + n : dirEntry.full + '/' + n;
      const path = n === '.' ? dirEntry.path : n === '..' ? join(dirEntry.path, '..') : join(dirEntry.path, n);
      try {
        const e = statEntry(n, full, path, deref);
        if (e) entries.push(e);
      } catch (err) {
        warn(ctx, 'ls', gnu ? `cannot access '${full}': ${errText(err)}` : `${full}: ${errText(err)}`);
        status = gnu ? 1 : 1;
      }
    }
    return entries;
  };

  const operands = opts.operands.length ? opts.operands : ['.'];
  const showDirname = operands.length > 1;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const o of operands) {
    const followTop = deref || opts.has('H') || (!long && !classify && !showInode && !showBlocks) || o.endsWith('/');
    let e: Entry | undefined;
    try {
      e = statEntry(o, o, abs(ctx, o), followTop);
    } catch (err) {
      warn(ctx, 'ls', gnu ? `cannot access '${o}': ${errText(err)}` : `${o}: ${errText(err)}`);
      status = gnu ? 2 : 1;
      continue;
    }
    if (!e) continue;
    let isDirLike = e.st.kind === 'dir';
    if (!isDirLike && e.st.kind === 'symlink' && e.target?.kind === 'dir' && gnu && long === false) isDirLike = true;
    if (opts.has('d') || !isDirLike) files.push(e);
    else dirs.push(e);
  }
  if (files.length) display(files);
  let first = files.length === 0;
  const recur = (list: Entry[]): void => {
    for (const d of sortEntries(list)) {
      if (showDirname || recursive) {
        if (!first) out.write('\n');
        first = false;
        out.line(`${d.full}:`);
      }
      const entries = scanDir(d);
      if (entries === undefined) continue;
      if (long || showBlocks) out.line(totalLine(entries));
      if (entries.length === 0) continue;
      display(entries);
      if (recursive) {
        const subs = entries.filter((e) => e.st.kind === 'dir' && e.name !== '.' && e.name !== '..');
        if (subs.length) recur(subs);
      }
    }
  };
  recur(dirs);
  out.flush();
  return status;
};

/**
 * The names as ls lists them on a terminal (-C, its default there). GNU's, filled down the columns
 * (coreutils 9.1 ls.c calculate_columns, print_many_per_line): of the counts of columns up to
 * the line's width / 3, the most whose widths fit, each column as wide as its longest name plus 2
 * (the last without), at least 3, a line's total under the terminal's width; each name is padded
 * to its column's width with tabs where a tab stop (every 8) is reached and spaces after it
 * (ls.c indent). Recorded: test/pages/pty/bash-debian-ls.json. Names GNU quotes on a terminal (a
 * space, a quote, `~` ...: its shell-escape quoting, which also shifts the others), and -i and -s
 * in columns, are not simulated.
 *
 * busybox's (1.35 ls.c display_files): every column as wide as the longest name plus 2, as many
 * as fit in the terminal's width, filled down the columns, names padded with spaces, the last of
 * a row not. Recorded: test/pages/pty/ash-run-it-sh-ls.json. Its names with characters it shows
 * as `?` (not printable), and -i and -s in columns, are not simulated.
 */
function terminalColumns(gnu: boolean, numbered: boolean, names: string[]): string[] {
  const shown = gnu ? /^[A-Za-z0-9._+,/@%:=-]+$/ : /^[\x20-\x7e]+$/;
  if (numbered || !names.every((n) => shown.test(n))) {
    throw new ShellNotSimulated(`strata does not simulate ${gnu ? 'GNU' : 'busybox'} ls's columns on a terminal for these names: use ls -1 or ls -l`);
  }
  if (!gnu) {
    const width = Math.max(...names.map((n) => n.length)) + 2;
    const cols = Math.floor(TERMINAL_COLUMNS / width);
    const rows = cols > 1 ? Math.ceil(names.length / cols) : names.length;
    const lines: string[] = [];
    for (let row = 0; row < rows; row++) {
      const cells: string[] = [];
      for (let f = row; f < names.length; f += rows) cells.push(names[f]);
      lines.push(cells.map((c, k) => (k < cells.length - 1 ? c.padEnd(width) : c)).join(''));
    }
    return lines;
  }
  const MIN = 3;
  const n = names.length;
  const maxIdx = Math.floor(TERMINAL_COLUMNS / MIN) + (TERMINAL_COLUMNS % MIN !== 0 ? 1 : 0);
  const maxCols = maxIdx < n ? maxIdx : n;
  const layouts = Array.from({ length: maxCols }, (_, i) => ({ valid: true, lineLen: (i + 1) * MIN, widths: new Array<number>(i + 1).fill(MIN) }));
  names.forEach((name, f) => {
    layouts.forEach((c, i) => {
      if (!c.valid) return;
      const idx = Math.floor(f / Math.floor((n + i) / (i + 1)));
      const real = name.length + (idx === i ? 0 : 2);
      if (c.widths[idx] >= real) return;
      c.lineLen += real - c.widths[idx];
      c.widths[idx] = real;
      c.valid = c.lineLen < TERMINAL_COLUMNS;
    });
  });
  let cols = maxCols;
  while (cols > 1 && !layouts[cols - 1].valid) cols--;
  const widths = layouts[cols - 1].widths;
  const rows = Math.ceil(n / cols);
  const indent = (from: number, to: number): string => {
    let pad = '';
    while (from < to) {
      if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
        pad += '\t';
        from += 8 - (from % 8);
      } else {
        pad += ' ';
        from++;
      }
    }
    return pad;
  };
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    let line = '';
    let pos = 0;
    for (let f = row, col = 0; ; col++) {
      line += names[f];
      const end = pos + names[f].length;
      f += rows;
      if (f >= n) break;
      line += indent(end, pos + widths[col]);
      pos += widths[col];
    }
    lines.push(line);
  }
  return lines;
}

function bbHumanNoFrac(val: number): string {
  if (val === 0) return '0';
  const units = ['', 'K', 'M', 'G', 'T', 'P'];
  let u = 0;
  let v = val;
  let frac = 0;
  while (v >= 1024) {
    frac = Math.floor((((v % 1024) * 10) + 512) / 1024);
    v = Math.floor(v / 1024);
    u++;
  }
  if (frac >= 10) {
    v++;
    frac = 0;
  }
  if (frac >= 5) v++;
  return `${v}${units[u]}`;
}
