// stat, find, du, df, dd, cmp, md5sum/sha*sum, base64, gzip/gunzip/zcat.

import { base64Decode, base64Encode, byteArray, byteString } from '../../fs/bytes.ts';
import { gunzipBytes, gzipBytes } from '../../archive/gzip.ts';
import { digestHex, type DigestAlgorithm } from '../../fs/digest.ts';
import { FsError, STRERROR } from '../../fs/errors.ts';
import { basename as pathBase, dirname as pathDir, join } from '../../fs/path.ts';
import type { Stat, Vfs } from '../../fs/vfs.ts';
import { type Applet, ShellLimitError, ShellNotSimulated } from '../types.ts';
import {
  type Ctx,
  DEVICE_NUMBERS,
  Out,
  abs,
  bbHuman,
  blocks512,
  checkSize,
  displaySize,
  errCode,
  errText,
  inodeNumber,
  gnuHuman,
  isoTime,
  linkCount,
  modeString,
  parseMode,
  nameCache,
  parseOpts,
  warn,
} from './util.ts';
import { globToRegex } from './glob.ts';
import { removeAll } from './files.ts';

// ---------------------------------------------------------------------------------------------
// stat

function fileType(st: Stat): string {
  switch (st.kind) {
    case 'file':
      return st.size === 0 ? 'regular empty file' : 'regular file';
    case 'dir':
      return 'directory';
    case 'symlink':
      return 'symbolic link';
    case 'chardev':
      return 'character special file';
    case 'socket':
      return 'socket';
    case 'fifo':
      // busybox and GNU stat alike (recorded: fs/fifo-in-writable-layer)
      return 'fifo';
  }
}

function devNumber(mount: string): number {
  let h = 0;
  for (let i = 0; i < mount.length; i++) h = (h * 31 + mount.charCodeAt(i)) >>> 0;
  return mount === '/' ? 0x2d : 0x2e + (h % 200);
}

/** Apply a printf-style width spec (`-10`, `05`) to a value. */
function applyWidth(spec: string, v: string | number): string {
  const m = /^([-#0 +']*)(\d*)(?:\.(\d+))?$/.exec(spec);
  if (!m) return String(v);
  let s = String(v);
  if (m[3] !== undefined && typeof v === 'string') s = s.slice(0, Number(m[3]));
  const w = Number(m[2] || '0');
  if (s.length >= w) return s;
  if (m[1].includes('-')) return s.padEnd(w);
  if (m[1].includes('0') && (typeof v === 'number' || /^\d+$/.test(s))) return s.padStart(w, '0');
  return s.padStart(w);
}

function statFormat(ctx: Ctx, fmt: string, name: string, path: string, st: Stat): string {
  const names = nameCache(ctx);
  const gnu = ctx.flavor === 'gnu';
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const m = /^([-#0 +']*\d*(?:\.\d+)?)([a-zA-Z%])/.exec(fmt.slice(i + 1));
    if (!m) {
      out += '%';
      continue;
    }
    i += m[0].length;
    const spec = m[1];
    const dev = devNumber(st.mount);
    const [maj, min] = st.kind === 'chardev' ? (DEVICE_NUMBERS[st.device ?? 'null'] ?? [0, 0]) : [0, 0];
    let v: string | number;
    switch (m[2]) {
      case '%':
        v = '%';
        break;
      case 'a':
        v = (st.mode & 0o7777).toString(8);
        if (spec.includes('#')) v = '0' + v;
        break;
      case 'A':
        v = modeString(st.kind, st.mode);
        break;
      case 'b':
        v = blocks512(ctx, path, st);
        break;
      case 'B':
        v = 512;
        break;
      case 'd':
        v = dev;
        break;
      case 'D':
        v = dev.toString(16);
        break;
      case 'f':
        v = ((st.kind === 'file' ? 0o100000 : st.kind === 'dir' ? 0o40000 : st.kind === 'symlink' ? 0o120000 : 0o20000) | st.mode).toString(16);
        break;
      case 'F':
        v = fileType(st);
        break;
      case 'g':
        v = st.gid;
        break;
      case 'G': {
        const n = names.group(st.gid);
        v = n === String(st.gid) ? 'UNKNOWN' : n;
        break;
      }
      case 'h':
        v = linkCount(ctx, path, st);
        break;
      case 'i':
        v = inodeNumber(path, st);
        break;
      case 'm':
        v = st.mount;
        break;
      case 'n':
        v = name;
        break;
      case 'N':
        if (st.kind === 'symlink') v = `'${name}' -> '${st.target ?? ''}'`;
        else v = gnu ? `'${name}'` : name;
        break;
      case 'o':
        v = 4096;
        break;
      case 's':
        v = displaySize(ctx, path, st);
        break;
      case 't':
        v = maj.toString(16);
        break;
      case 'T':
        v = min.toString(16);
        break;
      case 'r':
        v = maj * 256 + min;
        break;
      case 'H':
        // GNU %Hd / %Hr: major of device / rdev
        if (fmt[i + 1] === 'd') v = String(Math.floor(dev / 256));
        else if (fmt[i + 1] === 'r') v = String(maj);
        else v = 'H';
        if (fmt[i + 1] === 'd' || fmt[i + 1] === 'r') i++;
        break;
      case 'L':
        if (fmt[i + 1] === 'd') v = String(dev % 256);
        else if (fmt[i + 1] === 'r') v = String(min);
        else v = 'L';
        if (fmt[i + 1] === 'd' || fmt[i + 1] === 'r') i++;
        break;
      case 'u':
        v = st.uid;
        break;
      case 'U': {
        const n = names.user(st.uid);
        v = n === String(st.uid) ? 'UNKNOWN' : n;
        break;
      }
      case 'x':
      case 'y':
      case 'z':
        v = `${isoTime(st.mtime)}.000000000 +0000`;
        break;
      case 'w':
        v = '-';
        break;
      case 'W':
        v = 0;
        break;
      case 'X':
      case 'Y':
      case 'Z':
        v = st.mtime;
        break;
      default:
        v = '?';
    }
    out += applyWidth(spec, v);
  }
  return out;
}

export const stat: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'stat', args, {
    short: 'c:Lft',
    long: { format: { key: 'c', arg: 'required' }, printf: { key: 'P', arg: 'required' }, dereference: { key: 'L' }, terse: { key: 't' } },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  if (opts.operands.length === 0) {
    if (gnu) {
      warn(ctx, 'stat', 'missing operand');
      ctx.stderr("Try 'stat --help' for more information.\n");
    } else ctx.stderr('Usage: stat [-lLft] [-c FMT] FILE...\n');
    return 1;
  }
  const out = new Out(ctx);
  let status = 0;
  for (const f of opts.operands) {
    let st: Stat;
    let p: string;
    try {
      p = abs(ctx, f);
      st = opts.has('L') ? ctx.fs.stat(p) : ctx.fs.lstat(p);
    } catch (e) {
      warn(ctx, 'stat', gnu ? `cannot statx '${f}': ${errText(e)}` : `can't stat '${f}': ${errText(e)}`);
      status = 1;
      continue;
    }
    let fmt = opts.get('c');
    const pf = opts.get('P');
    if (pf !== undefined) {
      out.write(statFormat(ctx, pf.replace(/\\n/g, '\n').replace(/\\t/g, '\t'), f, p, st));
      continue;
    }
    if (fmt === undefined) {
      if (opts.has('t')) fmt = '%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %o';
      else if (gnu) {
        const nameLine = st.kind === 'symlink' ? `  File: ${f} -> ${st.target ?? ''}` : `  File: ${f}`;
        fmt =
          nameLine.replace(/%/g, '%%') +
          '\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n' +
          (st.kind === 'chardev'
            ? 'Device: %Hd,%Ld\tInode: %-10i  Links: %-5h Device type: %Hr,%Lr\n'
            : 'Device: %Hd,%Ld\tInode: %-10i  Links: %h\n') +
          'Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n Birth: -';
      } else {
        fmt =
          '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n' +
          (st.kind === 'chardev'
            ? 'Device: %Dh/%dd\tInode: %-10i  Links: %-5h Device type: %t,%T\n'
            : 'Device: %Dh/%dd\tInode: %-10i  Links: %h\n') +
          'Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z';
      }
    }
    out.line(statFormat(ctx, fmt, f, p, st));
  }
  out.flush();
  return status;
};

// ---------------------------------------------------------------------------------------------
// find

type FindNode =
  | { t: 'and' | 'or'; l: FindNode; r: FindNode }
  | { t: 'not'; e: FindNode }
  | { t: 'true' }
  | { t: 'name'; re: RegExp; path: boolean }
  | { t: 'type'; kind: string }
  | { t: 'print'; nul: boolean }
  | { t: 'exec'; argv: string[]; plus: boolean; id: number }
  | { t: 'delete' }
  | { t: 'empty' }
  | { t: 'size'; cmp: number; n: number; unit: number }
  | { t: 'links'; cmp: number; n: number }
  | { t: 'user'; id: number | string }
  | { t: 'group'; id: number | string }
  | { t: 'perm'; mode: number; how: string }
  | { t: 'prune' }
  | { t: 'quit' }
  | { t: 'newer'; mtime: number }
  | { t: 'mtime'; cmp: number; n: number; unit: number };

class FindError extends Error {}

export const find: Applet = (ctx, args) => {
  const gnu = ctx.flavor === 'gnu';
  let i = 0;
  const paths: string[] = [];
  // -H: follow symlinks named on the command line; -L: follow every symlink; -P: none (default)
  let follow: 'none' | 'cmdline' | 'all' = 'none';
  for (; i < args.length && /^-[HLP]+$/.test(args[i]); i++) {
    for (const c of args[i].slice(1)) follow = c === 'H' ? 'cmdline' : c === 'L' ? 'all' : 'none';
  }
  while (i < args.length && !(args[i].startsWith('-') && args[i].length > 1) && args[i] !== '!' && args[i] !== '(') paths.push(args[i++]);
  if (paths.length === 0) paths.push('.');
  let maxdepth = Infinity;
  let mindepth = 0;
  let hasAction = false;
  let depthFirst = false;
  // -xdev: no descent into a directory of another file system than the starting points' (each
  // mount is its own device here: devNumber); the mount point itself is still tested (busybox
  // find.c fileAction "stops on mountpoints, but AFTER mountpoint itself is processed")
  let xdev = false;
  const startMounts = new Set<string>();
  let execId = 0;
  const toks = args.slice(i);
  let pos = 0;
  const need = (opt: string): string => {
    if (pos >= toks.length) throw new FindError(gnu ? `missing argument to \`${opt}'` : `${opt} requires an argument`);
    return toks[pos++];
  };
  const parsePrimary = (): FindNode => {
    const t = toks[pos++];
    switch (t) {
      case '(':
      case '\\(': {
        const e = parseOr();
        if (toks[pos] !== ')') throw new FindError(gnu ? "invalid expression; I was expecting to find a ')' somewhere but did not see one." : 'unpaired (');
        pos++;
        return e;
      }
      case '!':
      case '-not':
        return { t: 'not', e: parsePrimary() };
      case '-name':
      case '-iname':
        return { t: 'name', re: globToRegex(need(t), t === '-iname'), path: false };
      case '-path':
      case '-wholename':
      case '-ipath':
        return { t: 'name', re: globToRegex(need(t), t === '-ipath', true), path: true };
      case '-type':
        return { t: 'type', kind: need(t) };
      case '-maxdepth':
        maxdepth = Number(need(t));
        return { t: 'true' };
      case '-mindepth':
        mindepth = Number(need(t));
        return { t: 'true' };
      case '-depth':
        depthFirst = true;
        return { t: 'true' };
      case '-follow':
        follow = 'all';
        return { t: 'true' };
      case '-xdev':
      case '-mount':
        xdev = true;
        return { t: 'true' };
      case '-print':
      case '-print0':
        hasAction = true;
        return { t: 'print', nul: t === '-print0' };
      case '-delete':
        hasAction = true;
        depthFirst = true;
        return { t: 'delete' };
      case '-prune':
        return { t: 'prune' };
      case '-quit':
        hasAction = true;
        return { t: 'quit' };
      case '-empty':
        return { t: 'empty' };
      case '-true':
        return { t: 'true' };
      case '-false':
        return { t: 'not', e: { t: 'true' } };
      case '-exec':
      case '-ok': {
        hasAction = true;
        const argv: string[] = [];
        while (pos < toks.length && toks[pos] !== ';' && !(toks[pos] === '+' && argv[argv.length - 1] === '{}')) argv.push(toks[pos++]);
        if (pos >= toks.length) throw new FindError(gnu ? `missing argument to \`${t}'` : `${t} requires an argument`);
        const plus = toks[pos++] === '+';
        return { t: 'exec', argv, plus, id: execId++ };
      }
      case '-size': {
        const v = need(t);
        const m = /^([-+]?)(\d+)([bckwMG]?)$/.exec(v);
        if (!m) throw new FindError(gnu ? `invalid -size type \`${v}'` : `invalid number '${v}'`);
        const unit = { '': 512, b: 512, c: 1, k: 1024, w: 2, M: 1048576, G: 1073741824 }[m[3]] ?? 512;
        return { t: 'size', cmp: m[1] === '+' ? 1 : m[1] === '-' ? -1 : 0, n: Number(m[2]), unit };
      }
      case '-links': {
        const v = need(t);
        const m = /^([-+]?)(\d+)$/.exec(v);
        if (!m) throw new FindError(gnu ? `invalid argument \`${v}' to \`${t}'` : `invalid number '${v}'`);
        return { t: 'links', cmp: m[1] === '+' ? 1 : m[1] === '-' ? -1 : 0, n: Number(m[2]) };
      }
      case '-mtime':
      case '-mmin': {
        const v = need(t);
        const m = /^([-+]?)(\d+)$/.exec(v);
        if (!m) throw new FindError(`invalid argument \`${v}' to \`${t}'`);
        return { t: 'mtime', cmp: m[1] === '+' ? 1 : m[1] === '-' ? -1 : 0, n: Number(m[2]), unit: t === '-mtime' ? 86400 : 60 };
      }
      case '-newer': {
        const f = need(t);
        try {
          return { t: 'newer', mtime: ctx.fs.stat(abs(ctx, f)).mtime };
        } catch (e) {
          throw new FindError(gnu ? `'${f}': ${errText(e)}` : `${f}: ${errText(e)}`);
        }
      }
      case '-user':
      case '-uid': {
        const v = need(t);
        return { t: 'user', id: /^\d+$/.test(v) ? Number(v) : v };
      }
      case '-group':
      case '-gid': {
        const v = need(t);
        return { t: 'group', id: /^\d+$/.test(v) ? Number(v) : v };
      }
      case '-perm': {
        const v = need(t);
        const how = v[0] === '-' || v[0] === '/' ? v[0] : '=';
        // octal or symbolic (`-o=r`, `/u+w`), counted from mode 0 (busybox find.c: bb_parse_mode
        // of what follows the - or /; GNU likewise): recorded users/recursive-owner-tools
        const spec = how === '=' ? v : v.slice(1);
        const mode = parseMode(spec, 0, false, 0);
        if (mode === undefined) throw new FindError(`invalid mode '${spec}'`);
        return { t: 'perm', mode, how };
      }
      default:
        if (t === undefined) throw new FindError(gnu ? 'expected an expression' : 'bad expression');
        throw new FindError(gnu ? `unknown predicate \`${t}'` : `unrecognized: ${t}`);
    }
  };
  const parseAnd = (): FindNode => {
    let l = parsePrimary();
    while (pos < toks.length && toks[pos] !== ')' && toks[pos] !== '-o' && toks[pos] !== '-or' && toks[pos] !== ',') {
      if (toks[pos] === '-a' || toks[pos] === '-and') pos++;
      l = { t: 'and', l, r: parsePrimary() };
    }
    return l;
  };
  const parseOr = (): FindNode => {
    let l = parseAnd();
    while (pos < toks.length && (toks[pos] === '-o' || toks[pos] === '-or')) {
      pos++;
      l = { t: 'or', l, r: parseAnd() };
    }
    return l;
  };
  let expr: FindNode = { t: 'true' };
  try {
    if (toks.length) expr = parseOr();
    if (pos < toks.length) throw new FindError(gnu ? `paths must precede expression: \`${toks[pos]}'` : `unrecognized: ${toks[pos]}`);
  } catch (e) {
    if (e instanceof FindError) {
      warn(ctx, 'find', e.message);
      return 1;
    }
    throw e;
  }
  if (!hasAction) expr = { t: 'and', l: expr, r: { t: 'print', nul: false } };
  const out = new Out(ctx);
  let status = 0;
  const names = nameCache(ctx);
  const pending = new Map<number, { argv: string[]; files: string[] }>();
  let pruned = false;
  let quitting = false;
  const runExec = (argv: string[]): number => {
    out.flush();
    return ctx.run(argv, { stdin: '', stdout: (s) => ctx.stdout(s), stderr: (s) => ctx.stderr(s) });
  };
  const evaluate = (n: FindNode, name: string, path: string, st: Stat): boolean => {
    switch (n.t) {
      case 'and':
        return evaluate(n.l, name, path, st) && evaluate(n.r, name, path, st);
      case 'or':
        return evaluate(n.l, name, path, st) || evaluate(n.r, name, path, st);
      case 'not':
        return !evaluate(n.e, name, path, st);
      case 'true':
        return true;
      case 'name':
        return n.re.test(n.path ? name : pathBase(name) || name);
      case 'type': {
        const k = { f: 'file', d: 'dir', l: 'symlink', c: 'chardev', s: 'socket', p: 'fifo' }[n.kind];
        return st.kind === k;
      }
      case 'print':
        out.write(name + (n.nul ? '\0' : '\n'));
        return true;
      case 'prune':
        pruned = true;
        return true;
      case 'quit':
        quitting = true;
        return true;
      case 'empty':
        if (st.kind === 'file') return st.size === 0;
        if (st.kind === 'dir') return ctx.fs.readdir(path).length === 0;
        return false;
      case 'links': {
        // the hard link count, as stat's %h shows it (hardlinks/sizes probe)
        const links = linkCount(ctx, path, st);
        return n.cmp > 0 ? links > n.n : n.cmp < 0 ? links < n.n : links === n.n;
      }
      case 'size': {
        const units = Math.ceil(st.size / n.unit);
        return n.cmp > 0 ? units > n.n : n.cmp < 0 ? units < n.n : units === n.n;
      }
      case 'mtime': {
        const age = Math.floor((ctx.fs.now() - st.mtime) / n.unit);
        return n.cmp > 0 ? age > n.n : n.cmp < 0 ? age < n.n : age === n.n;
      }
      case 'newer':
        return st.mtime > n.mtime;
      case 'user':
        return typeof n.id === 'number' ? st.uid === n.id : names.user(st.uid) === n.id;
      case 'group':
        return typeof n.id === 'number' ? st.gid === n.id : names.group(st.gid) === n.id;
      case 'perm': {
        const m = st.mode & 0o7777;
        return n.how === '-' ? (m & n.mode) === n.mode : n.how === '/' ? n.mode === 0 || (m & n.mode) !== 0 : m === n.mode;
      }
      case 'delete':
        try {
          if (st.kind === 'dir') ctx.fs.rmdir(path);
          else ctx.fs.unlink(path);
          return true;
        } catch (e) {
          warn(ctx, 'find', gnu ? `cannot delete '${name}': ${errText(e)}` : `${name}: ${errText(e)}`);
          status = 1;
          return false;
        }
      case 'exec': {
        if (n.plus) {
          const p = pending.get(n.id) ?? { argv: n.argv, files: [] };
          p.files.push(name);
          pending.set(n.id, p);
          return true;
        }
        const argv = n.argv.map((a) => a.split('{}').join(name));
        return runExec(argv) === 0;
      }
    }
  };
  const visit = (name: string, path: string, depth: number): void => {
    let st: Stat;
    try {
      st = ctx.fs.lstat(path);
      // a followed symlink is seen as its target (a dangling one stays a link)
      if (st.kind === 'symlink' && (follow === 'all' || (follow === 'cmdline' && depth === 0))) {
        try {
          st = ctx.fs.stat(path);
        } catch {
          // dangling: keep the link
        }
      }
    } catch (e) {
      warn(ctx, 'find', gnu ? `'${name}': ${errText(e)}` : `${name}: ${errText(e)}`);
      status = 1;
      return;
    }
    // command-line symlinks to directories are not followed (-P default)
    pruned = false;
    if (!depthFirst && depth >= mindepth) evaluate(expr, name, path, st);
    if (quitting) return;
    if (depth === 0) startMounts.add(st.mount);
    const skip = pruned || (xdev && st.kind === 'dir' && !startMounts.has(st.mount));
    if (st.kind === 'dir' && depth < maxdepth && !skip) {
      let entries: string[] = [];
      try {
        entries = ctx.fs.readdir(path);
      } catch (e) {
        warn(ctx, 'find', gnu ? `'${name}': ${errText(e)}` : `${name}: ${errText(e)}`);
        status = 1;
      }
      for (const ent of entries) {
        visit(name.endsWith('/') ? name + ent : name + '/' + ent, join(path, ent), depth + 1);
        if (quitting) return;
      }
    }
    if (depthFirst && depth >= mindepth) evaluate(expr, name, path, st);
  };
  for (const p of paths) {
    if (quitting) break;
    let ap: string;
    try {
      ap = abs(ctx, p);
    } catch (e) {
      warn(ctx, 'find', gnu ? `'${p}': ${errText(e)}` : `${p}: ${errText(e)}`);
      status = 1;
      continue;
    }
    visit(p, ap, 0);
  }
  // -quit: GNU find still runs the command lines `-exec ... +` has built; busybox drops them
  if (quitting && !gnu) pending.clear();
  for (const p of pending.values()) {
    const idx = p.argv.indexOf('{}');
    const argv = [...p.argv.slice(0, idx), ...p.files, ...p.argv.slice(idx + 1)];
    if (runExec(argv) !== 0) status = 1;
  }
  out.flush();
  return status;
};

// ---------------------------------------------------------------------------------------------
// du

export const du: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'du', args, {
    short: 'shkamcxLd:b',
    long: { summarize: { key: 's' }, 'human-readable': { key: 'h' }, all: { key: 'a' }, total: { key: 'c' }, 'max-depth': { key: 'd', arg: 'required' }, bytes: { key: 'b' }, 'apparent-size': { key: 'A' } },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  const out = new Out(ctx);
  let status = 0;
  const maxDepth = opts.has('s') ? 0 : opts.has('d') ? Number(opts.get('d')) : Infinity;
  const fmt = (kb512: number, bytes: number): string => {
    if (opts.has('b')) return String(bytes);
    if (opts.has('h')) return gnu ? gnuHuman(kb512 * 512) : bbHuman(kb512 * 512);
    if (opts.has('m')) return String(Math.ceil(kb512 / 2048));
    return String(Math.ceil(kb512 / 2));
  };
  let grand = 0;
  let grandBytes = 0;
  // Both du's count an inode with several links once per run: a name of an inode already
  // counted adds nothing and is not listed (hardlinks/sizes probe).
  const seen = new Set<string>();
  const walk = (name: string, path: string, depth: number, top: boolean): [number, number] => {
    let st: Stat;
    try {
      st = top && opts.has('L') ? ctx.fs.stat(path) : ctx.fs.lstat(path);
    } catch (e) {
      warn(ctx, 'du', gnu ? `cannot access '${name}': ${errText(e)}` : `${name}: ${errText(e)}`);
      status = 1;
      return [0, 0];
    }
    if (st.ino !== undefined && (st.nlink ?? 1) > 1) {
      const key = `${st.mount}\0${st.ino}`;
      if (seen.has(key)) return [0, 0];
      seen.add(key);
    }
    let total = blocks512(ctx, path, st);
    let bytes = st.kind === 'dir' ? displaySize(ctx, path, st) : st.size;
    if (st.kind === 'dir') {
      let entries: string[] = [];
      try {
        entries = ctx.fs.readdir(path);
      } catch (e) {
        warn(ctx, 'du', gnu ? `cannot read directory '${name}': ${errText(e)}` : `${name}: ${errText(e)}`);
        status = 1;
      }
      for (const ent of entries) {
        const [b, y] = walk(name.endsWith('/') ? name + ent : name + '/' + ent, join(path, ent), depth + 1, false);
        total += b;
        bytes += y;
      }
      if (depth <= maxDepth) out.line(`${fmt(total, bytes)}\t${name}`);
    } else if (top || (opts.has('a') && depth <= maxDepth)) {
      out.line(`${fmt(total, bytes)}\t${name}`);
    }
    return [total, bytes];
  };
  const operands = opts.operands.length ? opts.operands : ['.'];
  for (const o of operands) {
    let p: string;
    try {
      p = abs(ctx, o);
    } catch (e) {
      warn(ctx, 'du', gnu ? `cannot access '${o}': ${errText(e)}` : `${o}: ${errText(e)}`);
      status = 1;
      continue;
    }
    const [b, y] = walk(o, p, 0, true);
    grand += b;
    grandBytes += y;
  }
  if (opts.has('c')) out.line(`${fmt(grand, grandBytes)}\ttotal`);
  out.flush();
  return status;
};

// ---------------------------------------------------------------------------------------------
// df

const PSEUDO_FS = new Set(['proc', 'sysfs', 'cgroup', 'cgroup2', 'devpts', 'mqueue', 'securityfs', 'debugfs', 'pstore', 'bpf', 'tracefs', 'configfs', 'fusectl', 'hugetlbfs', 'autofs', 'binfmt_misc']);

export const df: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'df', args, {
    short: 'khPTmaiB:t:',
    long: { 'human-readable': { key: 'h' }, portability: { key: 'P' }, 'print-type': { key: 'T' }, all: { key: 'a' }, type: { key: 't', arg: 'required' }, inodes: { key: 'i' } },
  });
  if (!opts) return 1;
  // inode counts (Inodes, IUsed, IFree) are the file systems' own, not kept: printing the block
  // table under -i, as strata did, answered another question
  if (opts.has('i')) {
    warn(ctx, 'df', 'strata does not simulate inode counts (df -i)');
    return 1;
  }
  const gnu = ctx.flavor === 'gnu';
  let status = 0;
  interface Row {
    device: string;
    fstype: string;
    mountpoint: string;
    capacity: number;
    used: number;
  }
  const rows: Row[] = [];
  if (opts.operands.length === 0) {
    const seen = new Set<string>();
    for (const line of ctx.fs.mounts().split('\n')) {
      const f = line.split(' ');
      if (f.length < 3) continue;
      const [device, mountpoint, fstype] = f;
      if (opts.has('t') && fstype !== opts.get('t')) continue;
      if (gnu && !opts.has('a') && PSEUDO_FS.has(fstype)) continue;
      try {
        const s = ctx.fs.statfs(mountpoint);
        if (gnu && !opts.has('a')) {
          if (seen.has(mountpoint)) {
            // a later mount over the same target hides the earlier one
            const idx = rows.findIndex((r) => r.mountpoint === mountpoint);
            if (idx >= 0) rows.splice(idx, 1);
          }
          seen.add(mountpoint);
        }
        rows.push({ device, fstype, mountpoint, capacity: s.capacity, used: s.used });
      } catch (e) {
        warn(ctx, 'df', `${mountpoint}: ${errText(e)}`);
        status = 1;
      }
    }
  } else {
    for (const o of opts.operands) {
      try {
        const s = ctx.fs.statfs(abs(ctx, o));
        rows.push({ device: s.device, fstype: s.fstype, mountpoint: s.mountpoint, capacity: s.capacity, used: s.used });
      } catch (e) {
        warn(ctx, 'df', gnu ? `${o}: ${errText(e)}` : `${o}: can't find mount point`);
        status = 1;
      }
    }
  }
  const out = new Out(ctx);
  const human = opts.has('h');
  const posix = opts.has('P');
  const showType = opts.has('T');
  const calc = (r: Row): { total: number; used: number; avail: number; pct: number } => {
    const totalB = Math.floor(r.capacity / 4096);
    const usedB = Math.min(totalB, Math.ceil(r.used / 4096));
    const availB = totalB - usedB;
    return { total: totalB, used: usedB, avail: availB, pct: 0 };
  };
  if (!gnu) {
    const hdrUnits = human ? '     Size' : posix ? '1024-blocks' : opts.has('m') ? '1M-blocks' : '1K-blocks';
    out.line(`Filesystem           ${showType ? 'Type       ' : ''}${hdrUnits.padEnd(15)}Used Available ${posix ? 'Capacity' : 'Use%'} Mounted on`);
    const unit = opts.has('m') ? 1024 * 1024 : 1024;
    const scale = (blocks: number): string => (human ? bbHuman(blocks * 4096) : String(Math.floor((blocks * 4096 + unit / 2) / unit)));
    for (const r of rows) {
      const c = calc(r);
      const tot = c.used + c.avail;
      const pct = tot === 0 ? 0 : Math.floor((c.used * 100 + Math.floor(tot / 2)) / tot);
      let line = r.device;
      if (line.length > 20 && !posix) line += '\n' + ' '.repeat(20);
      else line = line.padEnd(20);
      if (showType) {
        const t = ' ' + r.fstype.padEnd(10);
        line += t.length > 11 && !posix ? t + '\n' + ' '.repeat(30) : t;
      }
      line += ' ' + scale(c.total).padStart(9) + ' ' + scale(c.used).padStart(9) + ' ' + scale(c.avail).padStart(9) + ' ' + `${String(pct).padStart(3)}%` + ' ' + r.mountpoint;
      out.line(line);
    }
    out.flush();
    return status;
  }
  const table: string[][] = [];
  const header = ['Filesystem'];
  if (showType) header.push('Type');
  header.push(human ? 'Size' : posix ? '1024-blocks' : opts.has('m') ? '1M-blocks' : '1K-blocks', 'Used', human ? 'Avail' : 'Available', posix ? 'Capacity' : 'Use%', 'Mounted on');
  table.push(header);
  const unit = opts.has('m') ? 1024 * 1024 : 1024;
  const scale = (blocks: number): string => (human ? gnuHuman(blocks * 4096) : String(Math.ceil((blocks * 4096) / unit)));
  for (const r of rows) {
    const c = calc(r);
    const tot = c.used + c.avail;
    const pct = tot === 0 ? '-' : `${Math.ceil((c.used * 100) / tot)}%`;
    const row = [r.device];
    if (showType) row.push(r.fstype);
    row.push(scale(c.total), scale(c.used), scale(c.avail), pct, r.mountpoint);
    table.push(row);
  }
  const ncol = header.length;
  const minW = showType ? [14, 4, 5, 5, 5, 4, 0] : [14, 5, 5, 5, 4, 0];
  const widths: number[] = [];
  for (let c = 0; c < ncol; c++) widths.push(Math.max(minW[c] ?? 0, ...table.map((r) => r[c].length)));
  for (const r of table) {
    const cells = r.map((cell, c) => {
      if (c === ncol - 1) return cell;
      const left = c === 0 || (showType && c === 1);
      return left ? cell.padEnd(widths[c]) : cell.padStart(widths[c]);
    });
    out.line(cells.join(' '));
  }
  out.flush();
  return status;
};

// ---------------------------------------------------------------------------------------------
// dd

function parseSize(v: string): number | undefined {
  const m = /^(\d+)(c|w|b|kB|k|K|KB|KiB|MB|M|MiB|GB|G|GiB|x\d+)?$/.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const mult: Record<string, number> = { c: 1, w: 2, b: 512, kB: 1000, k: 1024, K: 1024, KB: 1000, KiB: 1024, MB: 1e6, M: 1048576, MiB: 1048576, GB: 1e9, G: 1073741824, GiB: 1073741824 };
  return n * (m[2] ? (mult[m[2]] ?? 1) : 1);
}

function siHuman(n: number, base: number, suffix: string): string {
  const units = base === 1000 ? ['', 'k', 'M', 'G', 'T'] : ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let u = 0;
  let v = n;
  while (v >= base && u < units.length - 1) {
    v /= base;
    u++;
  }
  const s = v < 10 ? (Math.round(v * 10) / 10).toFixed(1) : String(Math.round(v));
  return `${s} ${units[u]}${suffix}`;
}

export const dd: Applet = (ctx, args) => {
  const gnu = ctx.flavor === 'gnu';
  let inFile: string | undefined;
  let outFile: string | undefined;
  let ibs = 512;
  let obs = 512;
  let count = Infinity;
  let skip = 0;
  let seek = 0;
  let notrunc = false;
  let statusMode = '';
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq < 0) {
      warn(ctx, 'dd', gnu ? `unrecognized operand '${a}'` : `unknown operand ${a}`);
      return 1;
    }
    const k = a.slice(0, eq);
    const v = a.slice(eq + 1);
    const num = (): number => {
      const n = parseSize(v);
      if (n === undefined) throw new FsError('EINVAL', v);
      return n;
    };
    try {
      switch (k) {
        case 'if':
          inFile = v;
          break;
        case 'of':
          outFile = v;
          break;
        case 'bs':
          ibs = obs = num();
          break;
        case 'ibs':
          ibs = num();
          break;
        case 'obs':
          obs = num();
          break;
        case 'count':
          count = num();
          break;
        case 'skip':
          skip = num();
          break;
        case 'seek':
          seek = num();
          break;
        case 'conv':
          notrunc = v.split(',').includes('notrunc');
          break;
        case 'status':
          statusMode = v;
          break;
        case 'iflag':
        case 'oflag':
          break;
        default:
          warn(ctx, 'dd', gnu ? `unrecognized operand '${a}'` : `unknown operand ${a}`);
          return 1;
      }
    } catch {
      warn(ctx, 'dd', gnu ? `invalid number: '${v}'` : `invalid number '${v}'`);
      return 1;
    }
  }
  void obs;
  const bs = ibs;
  let inFull = 0;
  let inPart = 0;
  let outFull = 0;
  let outPart = 0;
  let total = 0;
  const report = (): void => {
    if (statusMode === 'none') return;
    let s = `${inFull}+${inPart} records in\n${outFull}+${outPart} records out\n`;
    if (statusMode !== 'noxfer') {
      if (gnu) {
        if (total < 1000) s += `${total} byte${total === 1 ? '' : 's'} copied, 0.000100 s, ${total === 0 ? '0.0 kB/s' : siHuman(total * 10000, 1000, 'B/s')}\n`;
        else s += `${total} bytes (${siHuman(total, 1000, 'B')}, ${siHuman(total, 1024, 'B')}) copied, 0.000100 s, ${siHuman(total * 10000, 1000, 'B/s')}\n`;
      } else {
        s += `${total} bytes (${bbHuman(total)}B) copied, 0.000000 seconds, 0B/s\n`;
      }
    }
    ctx.stderr(s);
  };
  const inName = inFile ?? (gnu ? "'standard input'" : 'standard input');
  let source: string | undefined;
  let device = false;
  let inPath = '';
  if (inFile !== undefined) {
    try {
      inPath = abs(ctx, inFile);
      const st = ctx.fs.stat(inPath);
      if (st.kind === 'chardev') device = true;
      else source = ctx.fs.readFile(inPath);
    } catch (e) {
      warn(ctx, 'dd', gnu ? `failed to open '${inFile}': ${errText(e)}` : `can't open '${inFile}': ${errText(e)}`);
      return 1;
    }
  } else source = ctx.stdin;
  void inName;
  let outPath: string | undefined;
  let outDevice = false;
  if (outFile !== undefined) {
    try {
      outPath = abs(ctx, outFile);
      let exists = false;
      try {
        const st = ctx.fs.stat(outPath);
        exists = true;
        if (st.kind === 'chardev') outDevice = true;
      } catch (e) {
        if (errCode(e) !== 'ENOENT') throw e;
      }
      if (!outDevice) {
        if (!exists || (!notrunc && seek === 0)) ctx.fs.writeFile(outPath, '');
        else if (!notrunc) {
          const old = ctx.fs.readFile(outPath);
          ctx.fs.writeFile(outPath, old.slice(0, seek * obs));
        }
      }
    } catch (e) {
      warn(ctx, 'dd', gnu ? `failed to open '${outFile}': ${errText(e)}` : `can't open '${outFile}': ${errText(e)}`);
      return 1;
    }
  }
  let offset = skip * bs;
  let stdoutBuf = '';
  let blocks = 0;
  while (blocks < count) {
    let block: string;
    if (device) block = ctx.fs.readFile(inPath, bs);
    else {
      block = (source ?? '').slice(offset, offset + bs);
      offset += block.length;
    }
    if (block.length === 0) break;
    blocks++;
    if (block.length === bs) inFull++;
    else inPart++;
    if (outPath !== undefined && !outDevice) {
      try {
        ctx.fs.writeFile(outPath, block, { append: true });
      } catch (e) {
        warn(ctx, 'dd', `error writing '${outFile}': ${errText(e)}`);
        if (!gnu) {
          ctx.stderr(`${inFull}+${inPart} records in\n${outFull}+${outPart} records out\n`);
        } else report();
        return 1;
      }
    } else if (outPath === undefined) {
      // stdout is written at the end; /dev/null keeps nothing, so it need not be held or counted
      if (ctx.stdoutDiscarded) ctx.stdout(block);
      else {
        stdoutBuf += block;
        checkSize(ctx, stdoutBuf.length);
      }
    } else if (outDevice) {
      try {
        ctx.fs.writeFile(outPath, block);
      } catch (e) {
        warn(ctx, 'dd', `error writing '${outFile}': ${errText(e)}`);
        if (!gnu) ctx.stderr(`${inFull}+${inPart} records in\n${outFull}+${outPart} records out\n`);
        else report();
        return 1;
      }
    }
    total += block.length;
    if (block.length === bs) outFull++;
    else outPart++;
    if (device && total > ctx.budget.maxBytes * 16 && outDevice) {
      throw new ShellLimitError(`dd: more than ${ctx.budget.maxBytes * 16} bytes copied`);
    }
    if (!device && block.length < bs) break;
  }
  if (stdoutBuf) ctx.stdout(stdoutBuf);
  report();
  return 0;
};

// ---------------------------------------------------------------------------------------------
// cmp

export const cmp: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'cmp', args, { short: 'sl', long: { silent: { key: 's' }, quiet: { key: 's' }, verbose: { key: 'l' } } });
  if (!opts) return 2;
  const gnu = ctx.flavor === 'gnu';
  const [a, b = '-'] = opts.operands;
  if (a === undefined) {
    if (gnu) {
      warn(ctx, 'cmp', "missing operand after 'cmp'");
      ctx.stderr("Try 'cmp --help' for more information.\n");
    } else ctx.stderr('Usage: cmp [-ls] FILE1 [FILE2]\n');
    return 2;
  }
  const read = (f: string): string | undefined => {
    try {
      return f === '-' ? ctx.stdin : ctx.fs.readFile(abs(ctx, f));
    } catch (e) {
      if (!opts.has('s') || gnu) warn(ctx, 'cmp', gnu ? `${f}: ${errText(e)}` : `can't open '${f}': ${errText(e)}`);
      return undefined;
    }
  };
  const da = read(a);
  if (da === undefined) return 2;
  const db = read(b);
  if (db === undefined) return 2;
  let line = 1;
  const n = Math.min(da.length, db.length);
  const out = new Out(ctx);
  let differ = false;
  for (let i = 0; i < n; i++) {
    if (da[i] !== db[i]) {
      differ = true;
      if (opts.has('s')) return 1;
      if (opts.has('l')) {
        out.line(`${gnu ? String(i + 1) : String(i + 1)} ${da.charCodeAt(i).toString(8).padStart(3)} ${db.charCodeAt(i).toString(8).padStart(3)}`);
        continue;
      }
      // diffutils 3.8 (Debian 12) says `char` like busybox (later releases say `byte`)
      out.line(`${a} ${b} differ: char ${i + 1}, line ${line}`);
      out.flush();
      return 1;
    }
    if (da[i] === '\n') line++;
  }
  out.flush();
  if (da.length !== db.length) {
    if (!opts.has('s')) {
      const shorter = da.length < db.length ? a : b;
      if (gnu) {
        if (n === 0) warn(ctx, 'cmp', `EOF on ${shorter} which is empty`);
        else warn(ctx, 'cmp', `EOF on ${shorter} after byte ${n}, line ${line - (da[n - 1] === '\n' ? 1 : 0)}`);
      } else warn(ctx, 'cmp', `EOF on ${shorter}`);
    }
    return 1;
  }
  return differ ? 1 : 0;
};

// ---------------------------------------------------------------------------------------------
// md5sum / sha1sum / sha256sum / sha512sum

function hashApplet(prog: string, algo: DigestAlgorithm): Applet {
  return (ctx, args) => {
    const opts = parseOpts(ctx, prog, args, { short: 'cbtsw', long: { check: { key: 'c' }, status: { key: 's' }, quiet: { key: 'q' } } });
    if (!opts) return 1;
    const gnu = ctx.flavor === 'gnu';
    const files = opts.operands.length ? opts.operands : ['-'];
    const out = new Out(ctx);
    let status = 0;
    const digest = (data: string): string => digestHex(algo, data);
    const read = (f: string): string | undefined => {
      try {
        return f === '-' ? ctx.stdin : ctx.fs.readFile(abs(ctx, f));
      } catch (e) {
        warn(ctx, prog, gnu ? `${f}: ${errText(e)}` : `can't open '${f}': ${errText(e)}`);
        return undefined;
      }
    };
    if (opts.has('c')) {
      let failed = 0;
      for (const f of files) {
        const list = read(f);
        if (list === undefined) {
          status = 1;
          continue;
        }
        for (const line of list.split('\n')) {
          const m = /^([0-9a-fA-F]+) [ *](.*)$/.exec(line);
          if (!m) continue;
          const data = read(m[2]);
          if (data === undefined) {
            if (!opts.has('s')) out.line(`${m[2]}: FAILED open or read`);
            failed++;
            continue;
          }
          const ok = digest(data) === m[1].toLowerCase();
          if (!ok) failed++;
          if (!opts.has('s') && !(ok && opts.has('q'))) out.line(`${m[2]}: ${ok ? 'OK' : 'FAILED'}`);
        }
      }
      out.flush();
      if (failed > 0) {
        if (!opts.has('s')) warn(ctx, prog, `WARNING: ${failed} computed checksum${failed > 1 ? 's' : ''} did NOT match`);
        return 1;
      }
      return status;
    }
    for (const f of files) {
      const data = read(f);
      if (data === undefined) {
        status = 1;
        continue;
      }
      out.line(`${digest(data)}  ${f}`);
    }
    out.flush();
    return status;
  };
}

export const md5sum = hashApplet('md5sum', 'md5');
export const sha1sum = hashApplet('sha1sum', 'sha1');
export const sha256sum = hashApplet('sha256sum', 'sha256');
export const sha512sum = hashApplet('sha512sum', 'sha512');

// ---------------------------------------------------------------------------------------------
// base64

export const base64: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'base64', args, { short: 'dw:i', long: { decode: { key: 'd' }, wrap: { key: 'w', arg: 'required' }, 'ignore-garbage': { key: 'i' } } });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  const f = opts.operands[0] ?? '-';
  let data: string;
  try {
    data = f === '-' ? ctx.stdin : ctx.fs.readFile(abs(ctx, f));
  } catch (e) {
    warn(ctx, 'base64', gnu ? `${f}: ${errText(e)}` : `can't open '${f}': ${errText(e)}`);
    return 1;
  }
  if (opts.has('d')) {
    const clean = data.replace(/[\s]/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || (clean.length % 4 === 1)) {
      const partial = byteString(base64Decode(clean.replace(/[^A-Za-z0-9+/=]/g, '')));
      ctx.stdout(partial);
      warn(ctx, 'base64', gnu ? 'invalid input' : 'invalid input');
      return 1;
    }
    ctx.stdout(byteString(base64Decode(clean)));
    return 0;
  }
  const enc = base64Encode(byteArray(data));
  const w = opts.has('w') ? Number(opts.get('w')) : 76;
  checkSize(ctx, enc.length);
  if (w === 0) {
    ctx.stdout(enc);
    return 0;
  }
  let out = '';
  for (let i = 0; i < enc.length; i += w) out += enc.slice(i, i + w) + '\n';
  ctx.stdout(out);
  return 0;
};

// ---------------------------------------------------------------------------------------------
// gzip / gunzip / zcat

function gzipFamily(prog: 'gzip' | 'gunzip' | 'zcat'): Applet {
  return (ctx, args) => {
    const opts = parseOpts(ctx, prog, args, {
      short: 'cdfkqtvn123456789',
      long: { stdout: { key: 'c' }, decompress: { key: 'd' }, force: { key: 'f' }, keep: { key: 'k' }, test: { key: 't' } },
    });
    if (!opts) return 1;
    const gnu = ctx.flavor === 'gnu';
    const name = gnu && prog !== 'zcat' ? 'gzip' : prog;
    const decompress = prog !== 'gzip' || opts.has('d');
    const toStdout = prog === 'zcat' || opts.has('c');
    const files = opts.operands.length ? opts.operands : ['-'];
    let status = 0;
    for (const f of files) {
      let data: string;
      let p = '';
      try {
        if (f === '-') data = ctx.stdin;
        else {
          p = abs(ctx, f);
          let st = ctx.fs.stat(p);
          if (decompress && st.kind !== 'file' && !f.endsWith('.gz')) {
            p = p + '.gz';
            st = ctx.fs.stat(p);
          }
          if (st.kind === 'dir') {
            warn(ctx, name, gnu ? `${f} is a directory -- ignored` : `${f}: Is a directory`);
            status = gnu ? 2 : 1;
            continue;
          }
          data = ctx.fs.readFile(p);
        }
      } catch (e) {
        warn(ctx, name, gnu ? `${f}: ${errText(e)}` : `can't open '${f}': ${errText(e)}`);
        status = 1;
        continue;
      }
      let result: string;
      if (decompress) {
        if (data.length < 2 || data.charCodeAt(0) !== 0x1f || data.charCodeAt(1) !== 0x8b) {
          warn(ctx, name, gnu ? `${f === '-' ? 'stdin' : f}: not in gzip format` : 'invalid magic');
          status = 1;
          continue;
        }
        try {
          result = gunzipBytes(data);
        } catch (e) {
          // the file budget is the simulation's, not a corrupt stream
          if (e instanceof ShellLimitError) throw e;
          warn(ctx, name, gnu ? `${f}: unexpected end of file` : 'corrupted data');
          status = 1;
          continue;
        }
        if (opts.has('t')) continue;
      } else result = gzipBytes(data);
      checkSize(ctx, result.length);
      if (toStdout || f === '-') {
        ctx.stdout(result);
        continue;
      }
      let dest: string;
      if (decompress) {
        if (!p.endsWith('.gz')) {
          warn(ctx, name, gnu ? `${f}: unknown suffix -- ignored` : `${f}: unknown suffix - ignored`);
          status = gnu ? 2 : 1;
          continue;
        }
        dest = p.slice(0, -3);
      } else {
        if (p.endsWith('.gz')) {
          warn(ctx, name, gnu ? `${f} already has .gz suffix -- unchanged` : `${f}: already has .gz suffix`);
          status = gnu ? 2 : 1;
          continue;
        }
        dest = p + '.gz';
      }
      try {
        if (ctx.fs.exists(dest) && !opts.has('f')) {
          warn(ctx, name, gnu ? `${dest} already exists;\tnot overwritten` : `can't open '${dest}': File exists`);
          status = 1;
          continue;
        }
        const st = ctx.fs.stat(p);
        ctx.fs.writeFile(dest, result, { mode: st.mode });
        ctx.fs.chmod(dest, st.mode);
        ctx.fs.utimes(dest, st.mtime);
        if (!opts.has('k')) removeAll(ctx, p);
      } catch (e) {
        warn(ctx, name, gnu ? `${dest}: ${errText(e)}` : `can't open '${dest}': ${errText(e)}`);
        status = 1;
      }
    }
    return status;
  };
}

export const gzip = gzipFamily('gzip');
export const gunzip = gzipFamily('gunzip');
export const zcat = gzipFamily('zcat');

/**
 * busybox syslogd, as far as the file system shows it: the pid file, and the Unix socket it binds
 * at /dev/log or at what a /dev/log symlink names (how a container test puts a socket in its
 * writable layer: recorded, fs/socket-in-writable-layer). busybox sysklogd/syslogd.c:
 * syslogd_main writes `/var/run/syslogd.pid` (write_pidfile_std_path_and_ext, failures ignored),
 * then create_socket follows /dev/log's symlinks (xmalloc_follow_symlinks: a dangling last target
 * is the address), unlinks that path, binds the socket there (xbind: `syslogd: bind: ERROR`, exit
 * 1) and chmods /dev/log 0666 (through the link); then it reads the socket forever. Its log lines
 * (a timestamp, the hostname, `syslogd started: BusyBox v...`) and the fork without `-n` are not
 * simulated: refused by name.
 */
export const syslogd: Applet = (ctx, args) => {
  if (ctx.flavor === 'gnu') throw new ShellNotSimulated('strata does not simulate syslogd on the host');
  let foreground = false;
  let logFile = '/var/log/messages';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n') foreground = true;
    else if (a === '-O' && i + 1 < args.length) logFile = args[++i];
    else if (a.startsWith('-O') && a.length > 2) logFile = a.slice(2);
    else throw new ShellNotSimulated(`strata simulates syslogd only as \`syslogd -n -O /dev/null\` (not ${a})`);
  }
  if (!foreground) throw new ShellNotSimulated('strata does not simulate syslogd in the background (it forks without -n)');
  if (logFile !== '/dev/null') throw new ShellNotSimulated("strata does not simulate syslogd's log lines: only `-O /dev/null`");
  if (ctx.pid === undefined) throw new ShellNotSimulated("strata does not simulate syslogd's pid file in a child process (its PID): run it with exec");
  try {
    ctx.fs.writeFile('/var/run/syslogd.pid', `${ctx.pid}\n`);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
  }
  const address = followSymlinks(ctx.fs, '/dev/log');
  try {
    ctx.fs.unlink(address);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
  }
  try {
    // bind(2): 0777 less the umask, then chmod through the link
    ctx.fs.mksocket(address, 0o777);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    ctx.stderr(`syslogd: bind: ${STRERROR[e.code]}\n`);
    return 1;
  }
  try {
    ctx.fs.chmod('/dev/log', 0o666);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
  }
  ctx.sleep(Infinity);
  return 0;
};

/**
 * busybox xmalloc_follow_symlinks (libbb/xreadlink.c): `path` with its last component's symlinks
 * followed, a relative target taken from the link's directory; the path itself when it is no
 * symlink or does not exist (a dangling link's target is returned as it is).
 */
function followSymlinks(fs: Vfs, path: string): string {
  let cur = path;
  // MAXSYMLINKS (20) links at most; more: NULL, and syslogd binds `path` itself
  for (let looping = 0; looping <= 20; looping++) {
    let target: string;
    try {
      target = fs.readlink(cur);
    } catch (e) {
      if (e instanceof FsError && (e.code === 'EINVAL' || e.code === 'ENOENT')) return cur;
      throw e;
    }
    cur = target.startsWith('/') ? target : join(pathDir(cur), target);
  }
  return path;
}
