// File applets: cat, mkdir, rm, rmdir, touch, cp, mv, ln, chmod, chown, readlink, realpath, tee.

import { FsError, STRERROR } from '../../fs/errors.ts';
import { ENDLESS_DEVICES } from '../../fs/namespace.ts';
import { placeholderListingRefusal } from '../../fs/node.ts';
import { basename as pathBase, dirname as pathDir, join, normalize } from '../../fs/path.ts';
import type { Stat } from '../../fs/vfs.ts';
import { type Applet, ShellNotSimulated } from '../types.ts';
import { busyboxDate } from './datestr.ts';
import {
  busyboxBanner,
  type Ctx,
  Out,
  abs,
  checkOutput,
  errCode,
  errText,
  groups,
  parseMode,
  parseOpts,
  passwd,
  spendStep,
  warn,
} from './util.ts';

// ---------------------------------------------------------------------------------------------
// cat

/** cat's read size. */
const ENDLESS_READ = 65536;

export const cat: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'cat', args, { short: 'nbveEtTAsu', long: { number: { key: 'n' } } });
  if (!opts) return 1;
  const files = opts.operands.length ? opts.operands : ['-'];
  const gnu = ctx.flavor === 'gnu';
  let status = 0;
  let lineNo = 0;
  let total = 0;
  let previousBlank = false;
  for (const f of files) {
    let data: string;
    try {
      if (f === '-') data = ctx.stdin;
      else {
        const p = abs(ctx, f);
        const st = ctx.fs.stat(p);
        if (st.kind === 'dir') {
          warn(ctx, 'cat', gnu ? `${f}: Is a directory` : 'read error: Is a directory');
          status = 1;
          continue;
        }
        if (st.kind === 'chardev' && st.device !== undefined && ENDLESS_DEVICES.has(st.device) && !opts.has('n') && !opts.has('b')) {
          // never reaches end of file: copies until the reader goes away (BrokenPipe) or the limit
          for (;;) {
            const chunk = ctx.fs.readFile(p, ENDLESS_READ);
            total += chunk.length;
            checkOutput(ctx, total);
            ctx.stdout(chunk);
          }
        }
        data = ctx.fs.readFile(p);
      }
    } catch (e) {
      warn(ctx, 'cat', gnu ? `${f}: ${errText(e)}` : `can't open '${f}': ${errText(e)}`);
      status = 1;
      continue;
    }
    // -v/-e/-t/-A show control and high bytes as ^X and M-X, -E/-e/-A a `$` at each line's end,
    // -T/-t/-A tabs as ^I, -s squeezes repeated empty lines (GNU coreutils cat.c; BusyBox catv).
    const visible = opts.has('v') || opts.has('e') || opts.has('t') || opts.has('A');
    const ends = opts.has('E') || opts.has('e') || opts.has('A');
    const tabs = opts.has('T') || opts.has('t') || opts.has('A');
    if (opts.has('n') || opts.has('b') || visible || ends || tabs || opts.has('s')) {
      const onlyNonBlank = opts.has('b');
      const numbered = opts.has('n') || onlyNonBlank;
      const parts = data.split('\n');
      let outText = '';
      for (let i = 0; i < parts.length; i++) {
        const last = i === parts.length - 1;
        if (last && parts[i] === '') break;
        const blank = parts[i] === '';
        if (opts.has('s') && blank && previousBlank) continue;
        previousBlank = blank;
        let line = visible || tabs ? catVisible(parts[i], visible, tabs) : parts[i];
        // GNU cat 9.1 shows a CR that ends a line as ^M with -E alone (coreutils NEWS 9.1:
        // `cat --show-ends` shows \r\n as ^M$; recorded: shell/cat-show-nonprinting)
        if (ends && !visible && gnu && !last && line.endsWith('\r')) line = line.slice(0, -1) + '^M';
        const number = numbered && !(onlyNonBlank && blank) ? `${String(++lineNo).padStart(6, ' ')}\t` : '';
        outText += number + line + (last ? '' : ends ? '$\n' : '\n');
      }
      data = outText;
    }
    total += data.length;
    checkOutput(ctx, total);
    if (data !== '') ctx.stdout(data);
  }
  return status;
};

/** cat -v's (and -T's) rendering of one line's bytes. */
function catVisible(line: string, visible: boolean, tabs: boolean): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    let c = line.charCodeAt(i);
    if (c === 9) {
      out += tabs ? '^I' : '\t';
      continue;
    }
    if (!visible) {
      out += line[i];
      continue;
    }
    if (c >= 128) {
      out += 'M-';
      c -= 128;
    }
    out += c < 32 ? '^' + String.fromCharCode(c + 64) : c === 127 ? '^?' : String.fromCharCode(c);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// mkdir

export const mkdir: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'mkdir', args, {
    short: 'pm:v',
    long: { parents: { key: 'p' }, mode: { key: 'm', arg: 'required' }, verbose: { key: 'v' } },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  if (opts.operands.length === 0) {
    if (gnu) {
      warn(ctx, 'mkdir', 'missing operand');
      ctx.stderr("Try 'mkdir --help' for more information.\n");
    } else ctx.stderr('Usage: mkdir [-m MODE] [-p] DIRECTORY...\n');
    return 1;
  }
  let mode: number | undefined;
  const ms = opts.get('m');
  if (ms !== undefined) {
    mode = parseMode(ms, 0o777, true, 0);
    if (mode === undefined) {
      warn(ctx, 'mkdir', gnu ? 'invalid mode' + ` '${ms}'` : `invalid mode '${ms}'`);
      return 1;
    }
  }
  const out = new Out(ctx);
  let status = 0;
  const fail = (name: string, e: unknown): void => {
    warn(ctx, 'mkdir', `${gnu ? 'cannot' : "can't"} create directory '${name}': ${errText(e)}`);
    status = 1;
  };
  for (const d of opts.operands) {
    let p: string;
    try {
      p = abs(ctx, d);
    } catch (e) {
      fail(d, e);
      continue;
    }
    if (opts.has('p')) {
      // create each missing component
      const parts = d.split('/');
      let prefix = d.startsWith('/') ? '' : '';
      let failed = false;
      for (let i = 0; i < parts.length; i++) {
        if (parts[i] === '' && i > 0) continue;
        prefix = i === 0 ? parts[0] : prefix + '/' + parts[i];
        if (prefix === '') continue;
        const last = parts.slice(i + 1).every((x) => x === '' || x === '.');
        const pp = abs(ctx, prefix);
        // (statIfAny: a missing component, the usual case, throws nothing)
        let st: Stat | undefined;
        try {
          st = ctx.fs.statIfAny(pp);
        } catch (e) {
          fail(d, e);
          failed = true;
          break;
        }
        if (st !== undefined) {
          if (st.kind !== 'dir') {
            fail(gnu && !last ? prefix : d, new FsError(last ? 'EEXIST' : 'ENOTDIR', pp));
            failed = true;
            break;
          }
          continue;
        }
        try {
          ctx.fs.mkdir(pp, last && mode !== undefined ? mode : 0o777);
          if (last && mode !== undefined) ctx.fs.chmod(pp, mode);
          if (opts.has('v')) out.line(gnu ? `mkdir: created directory '${prefix}'` : `created directory: '${prefix}'`);
        } catch (e) {
          fail(gnu ? prefix : d, e);
          failed = true;
          break;
        }
      }
      void failed;
      continue;
    }
    try {
      ctx.fs.mkdir(p, mode ?? 0o777);
      if (mode !== undefined) ctx.fs.chmod(p, mode);
      if (opts.has('v')) out.line(gnu ? `mkdir: created directory '${d}'` : `created directory: '${d}'`);
    } catch (e) {
      fail(d, e);
    }
  }
  out.flush();
  return status;
};

// ---------------------------------------------------------------------------------------------
// rm

export const rm: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'rm', args, {
    short: 'fiRrvd',
    long: {
      force: { key: 'f' },
      recursive: { key: 'r' },
      verbose: { key: 'v' },
      dir: { key: 'd' },
      'no-preserve-root': { key: 'N' },
      'preserve-root': { key: 'P' },
    },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  const force = opts.has('f');
  const recursive = opts.has('r') || opts.has('R');
  const out = new Out(ctx);
  if (opts.operands.length === 0) {
    if (force) return 0;
    if (gnu) {
      warn(ctx, 'rm', 'missing operand');
      ctx.stderr("Try 'rm --help' for more information.\n");
    } else ctx.stderr('Usage: rm [-irf] FILE...\n');
    return 1;
  }
  const cannot = (name: string, e: unknown): void => {
    warn(ctx, 'rm', `${gnu ? 'cannot' : "can't"} remove '${name}': ${errText(e)}`);
  };
  const removeTree = (name: string, p: string): boolean => {
    let st;
    try {
      st = ctx.fs.lstat(p);
    } catch (e) {
      if (errCode(e) === 'ENOENT') {
        if (force) return true;
        cannot(name, e);
        return false;
      }
      warn(ctx, 'rm', gnu ? `cannot remove '${name}': ${errText(e)}` : `can't stat '${name}': ${errText(e)}`);
      return false;
    }
    if (st.kind === 'dir') {
      if (!recursive) {
        if (opts.has('d')) {
          try {
            ctx.fs.rmdir(p);
            return true;
          } catch (e) {
            cannot(name, e);
            return false;
          }
        }
        if (gnu) warn(ctx, 'rm', `cannot remove '${name}': Is a directory`);
        else warn(ctx, 'rm', `'${name}' is a directory`);
        return false;
      }
      let ok = true;
      let entries: string[] = [];
      try {
        // (without -v or -i no name is printed: a server's directory whose names strata does not
        // all know can go whole, Vfs.entriesToRemove)
        entries = !opts.has('v') && !opts.has('i') && ctx.fs.entriesToRemove !== undefined ? ctx.fs.entriesToRemove(p) : ctx.fs.readdir(p);
      } catch (e) {
        cannot(name, e);
        return false;
      }
      for (const ent of entries) {
        const childName = name.endsWith('/') ? name + ent : name + '/' + ent;
        if (!removeTree(childName, join(p, ent))) ok = false;
      }
      if (!ok) return false;
      try {
        ctx.fs.rmdir(p);
        if (opts.has('v')) out.line(gnu ? `removed directory '${name}'` : `removed directory: '${name}'`);
      } catch (e) {
        cannot(name, e);
        return false;
      }
      return true;
    }
    try {
      ctx.fs.unlink(p);
      if (opts.has('v')) out.line(`removed '${name}'`);
    } catch (e) {
      cannot(name, e);
      return false;
    }
    return true;
  };
  let status = 0;
  for (const operand of opts.operands) {
    // busybox rm takes each operand without its trailing slashes (rm_main:
    // bb_get_last_path_component_strip), so `rm /app/` removes the link /app; GNU rm keeps them:
    // `rm -r link/` empties the directory and then fails on the link (fs/trailing-slash)
    const f = gnu ? operand : stripSlashes(operand);
    const base = pathBase(f);
    if (base === '.' || base === '..') {
      if (gnu) warn(ctx, 'rm', `refusing to remove '.' or '..' directory: skipping '${f}'`);
      else warn(ctx, 'rm', "can't remove '.' or '..'");
      status = 1;
      continue;
    }
    let p: string;
    try {
      p = abs(ctx, f);
    } catch (e) {
      if (!force) {
        cannot(f, e);
        status = 1;
      }
      continue;
    }
    if (gnu && recursive && p.replace(/\/+$/, '') === '' && !opts.has('N')) {
      warn(ctx, 'rm', `it is dangerous to operate recursively on '/'`);
      warn(ctx, 'rm', 'use --no-preserve-root to override this failsafe');
      status = 1;
      continue;
    }
    if (!removeTree(f, p)) status = 1;
  }
  out.flush();
  return status;
};

// ---------------------------------------------------------------------------------------------
// rmdir

export const rmdir: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'rmdir', args, {
    short: 'pv',
    long: { parents: { key: 'p' }, verbose: { key: 'v' }, 'ignore-fail-on-non-empty': { key: 'I' } },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  if (opts.operands.length === 0) {
    if (gnu) {
      warn(ctx, 'rmdir', 'missing operand');
      ctx.stderr("Try 'rmdir --help' for more information.\n");
    } else ctx.stderr('Usage: rmdir [-p] DIRECTORY...\n');
    return 1;
  }
  let status = 0;
  for (const d of opts.operands) {
    let cur = d;
    for (;;) {
      try {
        ctx.fs.rmdir(abs(ctx, cur));
      } catch (e) {
        if (!(opts.has('I') && errCode(e) === 'ENOTEMPTY')) {
          warn(ctx, 'rmdir', gnu ? `failed to remove '${cur}': ${errText(e)}` : `'${cur}': ${errText(e)}`);
          status = 1;
        }
        break;
      }
      if (!opts.has('p')) break;
      const parent = pathDir(cur.replace(/\/+$/, ''));
      if (parent === '.' || parent === '/' || parent === cur) break;
      cur = parent;
    }
  }
  return status;
};

// ---------------------------------------------------------------------------------------------
// touch

export const touch: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'touch', args, {
    short: 'cd:t:r:amh',
    long: {
      'no-create': { key: 'c' },
      date: { key: 'd', arg: 'required' },
      reference: { key: 'r', arg: 'required' },
      'no-dereference': { key: 'h' },
    },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  if (opts.operands.length === 0) {
    if (gnu) {
      warn(ctx, 'touch', 'missing file operand');
      ctx.stderr("Try 'touch --help' for more information.\n");
    } else ctx.stderr('Usage: touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE...\n');
    return 1;
  }
  let time = ctx.fs.now();
  const d = opts.get('d');
  const t = opts.get('t');
  // without a date, touch asks for the current time (utimensat with NULL times), which anyone who
  // may write the file may set; a date needs its owner
  const now = d === undefined && t === undefined && opts.get('r') === undefined;
  if (!gnu && (d !== undefined || t !== undefined)) {
    // busybox: -d and -t are one DATE argument (the last given), parsed by parse_datestr
    const date = opts.get(opts.order.findLast((k) => k === 'd' || k === 't') ?? 'd')!;
    const at = busyboxDate(date, time);
    if (at === undefined) {
      warn(ctx, 'touch', `invalid date '${date}'`);
      return 1;
    }
    time = at;
  } else if (d !== undefined) {
    const ms = /^@\d+$/.test(d) ? Number(d.slice(1)) * 1000 : Date.parse(/[zZ]$|[+-]\d\d:?\d\d$/.test(d) ? d : d.replace(' ', 'T') + 'Z');
    if (Number.isNaN(ms)) {
      // coreutils touch.c: die (EXIT_FAILURE, 0, _("invalid date format %s"), quote (flex_date))
      warn(ctx, 'touch', `invalid date format '${d}'`);
      return 1;
    }
    time = Math.floor(ms / 1000);
  }
  if (gnu && t !== undefined) {
    const m = /^(?:(\d\d)?(\d\d))?(\d\d)(\d\d)(\d\d)(\d\d)(?:\.(\d\d))?$/.exec(t);
    if (m) {
      const year = m[2] !== undefined ? Number((m[1] ?? '20') + m[2]) : new Date(time * 1000).getUTCFullYear();
      time = Math.floor(Date.UTC(year, Number(m[3]) - 1, Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7] ?? '0')) / 1000);
    }
  }
  // -h sets a symlink's own time (lutimes; coreutils touch.c AT_SYMLINK_NOFOLLOW, busybox touch.c
  // OPT_h). GNU then creates nothing and reads the -r file unfollowed too; busybox still creates a
  // missing file and follows -r (xstat).
  const noDeref = opts.has('h');
  const r = opts.get('r');
  if (r !== undefined) {
    try {
      time = (gnu && noDeref ? ctx.fs.lstat(abs(ctx, r)) : ctx.fs.stat(abs(ctx, r))).mtime;
    } catch (e) {
      warn(ctx, 'touch', gnu ? `failed to get attributes of '${r}': ${errText(e)}` : `${r}: ${errText(e)}`);
      return 1;
    }
  }
  let status = 0;
  for (const f of opts.operands) {
    try {
      const p = abs(ctx, f);
      if (noDeref ? entryExists(ctx, p) : ctx.fs.exists(p)) ctx.fs.utimes(p, time, { noFollow: noDeref, now });
      else {
        if (opts.has('c')) continue;
        if (gnu && noDeref) {
          warn(ctx, 'touch', `setting times of '${f}': No such file or directory`);
          status = 1;
          continue;
        }
        ctx.fs.writeFile(p, '', { mode: 0o666 });
        ctx.fs.utimes(p, time);
      }
    } catch (e) {
      // GNU names the open (O_CREAT) when that failed too, else the utimensat that followed it
      const gnuText = errCode(e) === 'EPERM' ? `setting times of '${f}'` : `cannot touch '${f}'`;
      warn(ctx, 'touch', gnu ? `${gnuText}: ${errText(e)}` : `${f}: ${errText(e)}`);
      status = 1;
    }
  }
  return status;
};

/** Whether `p` names an entry, a dangling symlink included (lstat succeeds). */
function entryExists(ctx: Ctx, p: string): boolean {
  try {
    ctx.fs.lstat(p);
    return true;
  } catch (e) {
    if (e instanceof FsError) return false;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// cp / mv

interface CopyOptions {
  recursive: boolean;
  /** Follow symlinks in the source (cp without -r, or -L). */
  deref: boolean;
  preserveMode: boolean;
  preserveOwner: boolean;
  preserveTime: boolean;
  noClobber?: boolean;
  /** -f: busybox replaces an existing name with a copied symlink or device only when forced. */
  force?: boolean;
  /** -l: hard-link files instead of copying them (directories are still made). */
  link?: boolean;
  verbose?: (src: string, dst: string) => void;
}

/**
 * What one `cp` (or a cross-device `mv`) remembers while it copies, to notice a directory copied
 * into its own subtree (`cp -r . sub`, `cp -r .. x` from below): without it the copy would find
 * the directory it just made, copy it, find that copy, and so on. Both tools remember the
 * directories they made (by device and inode; here by real path, as a directory has only one)
 * and refuse a source directory that is one of them:
 * - busybox (libbb/copy_file.c) remembers every destination directory it copies into, made or
 *   already there, and says `recursion detected, omitting directory 'SRC'` with the source as the
 *   recursion reached it (`./sub`), then goes on with the rest;
 * - GNU (copy.c) remembers the first directory it made for each operand, says `cannot copy a
 *   directory, 'SRC', into itself, 'DST'` with the operands, and stops copying that operand.
 * Either way the operand fails (exit status 1).
 */
interface CopyWalk {
  /** Real paths of the remembered destination directories, for the whole command. */
  made: Set<string>;
  /** The operands being copied (GNU's message names them). */
  topSrc: string;
  topDst: string;
  /** GNU: a directory was made for this operand (only the first one is remembered). */
  madeOne: boolean;
  /** GNU: the operand's directory was found inside its own copy; the whole operand stops. */
  intoSelf: boolean;
  /**
   * Hard links kept in the copy, for the whole command: the first copy of each source inode
   * (mount and inode), which its other names become links to. busybox does it for every
   * recursive copy, GNU for -a or -d (--preserve=links); hardlinks/volume-copy-on-mount probe.
   */
  links?: Map<string, string>;
}

/** A walk for one operand of a command whose remembered directories are `made`. */
function copyWalk(made: Set<string>, src: string, dst: string, links?: Map<string, string>): CopyWalk {
  return { made, topSrc: src, topDst: dst, madeOne: false, intoSelf: false, links };
}

function realpathOf(ctx: Ctx, p: string): string | undefined {
  try {
    return ctx.fs.realpath(p);
  } catch (e) {
    if (e instanceof FsError) return undefined;
    throw e;
  }
}

/** Copy src to dst (both as named on the command line, for messages). Returns success. */
function copyTree(ctx: Ctx, prog: string, src: string, dst: string, o: CopyOptions, walk: CopyWalk): boolean {
  const gnu = ctx.flavor === 'gnu';
  const sp = abs(ctx, src);
  const dp = abs(ctx, dst);
  let st;
  try {
    st = o.deref ? ctx.fs.stat(sp) : ctx.fs.lstat(sp);
  } catch (e) {
    warn(ctx, prog, `${gnu ? 'cannot' : "can't"} stat '${src}': ${errText(e)}`);
    return false;
  }
  // The destination is stat'd next, and any failure but ENOENT ends the copy (`cp f1 file/x`:
  // "Not a directory"): busybox's copy_file lstats it; GNU's copy_internal stats it for a regular
  // file (written through a symlink) and lstats it otherwise
  try {
    if (gnu && st.kind === 'file') ctx.fs.stat(dp);
    else ctx.fs.lstat(dp);
  } catch (e) {
    if (e instanceof FsError && e.code !== 'ENOENT') {
      warn(ctx, prog, `${gnu ? 'cannot' : "can't"} stat '${dst}': ${errText(e)}`);
      return false;
    }
  }
  let dstSt;
  try {
    dstSt = ctx.fs.stat(dp);
  } catch {
    dstSt = undefined;
  }
  if (dstSt && st.kind !== 'symlink') {
    try {
      if (ctx.fs.realpath(sp) === ctx.fs.realpath(dp)) {
        warn(ctx, prog, `'${src}' and '${dst}' are the same file`);
        return false;
      }
    } catch {
      // ignore
    }
  }
  const finish = (): boolean => {
    let ok = true;
    let mode = st.mode;
    try {
      if (o.preserveOwner && st.kind !== 'symlink') ctx.fs.chown(dp, st.uid, st.gid);
      else if (o.preserveOwner) ctx.fs.chown(dp, st.uid, st.gid, true);
    } catch (e) {
      // busybox copy_file complains whoever runs it and goes on with its status unchanged, the
      // set-ID bits left out of the mode it sets next (libbb/copy_file.c preserve_mode_ugid_time;
      // recorded: users/sw-owner-tools, `cp -p` as nobody); GNU's chown_failure_ok is silent
      // for a user without the privilege and fails for root.
      if (!gnu) {
        warn(ctx, prog, `can't preserve ownership of '${dst}': ${errText(e)}`);
        mode &= ~0o6000;
      } else if (ctx.fs.uid === 0) {
        warn(ctx, prog, `failed to preserve ownership for '${dst}': ${errText(e)}`);
        ok = false;
      }
    }
    if (st.kind === 'symlink') {
      // GNU keeps a symlink's own time (copy.c: utimens with AT_SYMLINK_NOFOLLOW); busybox's
      // copy_file only lchowns it, so the copy's time is now (recorded: shell/symlink-times)
      if (gnu && o.preserveTime) ctx.fs.utimes(dp, st.mtime, { noFollow: true });
      return ok;
    }
    try {
      if (o.preserveMode) ctx.fs.chmod(dp, mode);
      if (o.preserveTime) ctx.fs.utimes(dp, st.mtime);
    } catch (e) {
      warn(ctx, prog, gnu ? `preserving permissions for '${dst}': ${errText(e)}` : `can't preserve permissions of '${dst}': ${errText(e)}`);
      ok = false;
    }
    return ok;
  };
  if (st.kind === 'dir') {
    if (!o.recursive) {
      warn(ctx, prog, gnu ? `-r not specified; omitting directory '${src}'` : `omitting directory '${src}'`);
      return false;
    }
    const real = realpathOf(ctx, sp);
    if (real !== undefined && walk.made.has(real)) {
      if (gnu) {
        warn(ctx, prog, `cannot copy a directory, '${walk.topSrc}', into itself, '${walk.topDst}'`);
        walk.intoSelf = true;
      } else warn(ctx, prog, `recursion detected, omitting directory '${src}'`);
      return false;
    }
    // a directory copied is a step of the script, like a loop iteration: a copy that still ran
    // away would end on the step budget instead of never returning
    spendStep(ctx);
    if (dstSt === undefined) {
      try {
        ctx.fs.mkdir(dp, st.mode | 0o700);
      } catch (e) {
        warn(ctx, prog, `${gnu ? 'cannot' : "can't"} create directory '${dst}': ${errText(e)}`);
        return false;
      }
      if (gnu && !walk.madeOne) {
        walk.madeOne = true;
        const made = realpathOf(ctx, dp);
        if (made !== undefined) walk.made.add(made);
      }
    } else if (dstSt.kind !== 'dir') {
      warn(ctx, prog, gnu ? `cannot overwrite non-directory '${dst}' with directory '${src}'` : `target '${dst}' is not a directory`);
      return false;
    }
    if (!gnu) {
      const made = realpathOf(ctx, dp);
      if (made !== undefined) walk.made.add(made);
    }
    // -v: GNU names a directory before its entries; busybox's copy_file prints at verb_and_exit,
    // after the entries and the preserved status (mirror/busybox@1_35_0:libbb/copy_file.c;
    // recorded: archive/backup-cp-a-two-volumes)
    if (gnu) o.verbose?.(src, dst);
    let ok = true;
    let names: string[] = [];
    let incomplete = false;
    try {
      ({ names, incomplete } = ctx.fs.entriesToCopy(sp));
    } catch (e) {
      warn(ctx, prog, `${gnu ? 'cannot' : "can't"} open '${src}': ${errText(e)}`);
      return false;
    }
    // A server's directory whose names strata does not all know (DirNode.placeholder): the copy
    // reads them all (Vfs.entriesToCopy), so its directory holds them too, marked as the source is.
    // Only where nothing shows their names (-v would print each) and none can meet a name already
    // there (a directory the copy made, or found empty).
    if (incomplete) {
      if (o.verbose !== undefined || (dstSt !== undefined && ctx.fs.readdir(dp).length > 0)) throw placeholderListingRefusal(sp);
      ctx.fs.markCopyIncomplete(dp);
    }
    for (const n of names) {
      const s2 = src.endsWith('/') ? src + n : src + '/' + n;
      const d2 = dst.endsWith('/') ? dst + n : dst + '/' + n;
      if (!copyTree(ctx, prog, s2, d2, { ...o, deref: false }, walk)) ok = false;
      // GNU stops the operand here, at every level (its directories still get their modes)
      if (walk.intoSelf) break;
    }
    // without -p, a new directory gets the source mode minus umask
    if (dstSt === undefined && !o.preserveMode) {
      try {
        ctx.fs.chmod(dp, st.mode & ~ctx.fs.umask);
      } catch {
        // ignore
      }
    }
    const done = finish();
    if (!gnu) o.verbose?.(src, dst);
    return done && ok;
  }
  if (o.noClobber && dstSt) return true;
  if (o.link) return linkInstead(ctx, prog, sp, dp, src, dst, o);
  // busybox copy_file: a symlink or a special file copied onto a name that exists (lstat) goes
  // through ask_and_unlink, which refuses without -f: `can't create 'DST': File exists`
  // (recorded: shell/symlink-times)
  if (!gnu && !o.force && (st.kind === 'symlink' || ((st.kind === 'chardev' || st.kind === 'socket' || st.kind === 'fifo') && o.recursive)) && entryExists(ctx, dp)) {
    warn(ctx, prog, `can't create '${dst}': File exists`);
    return false;
  }
  if (st.kind === 'symlink') {
    try {
      try {
        ctx.fs.lstat(dp);
        ctx.fs.unlink(dp);
      } catch (e) {
        if (!(e instanceof FsError) || e.code !== 'ENOENT') throw e;
      }
      ctx.fs.symlink(st.target ?? '', dp);
    } catch (e) {
      warn(ctx, prog, gnu ? `cannot create symbolic link '${dst}': ${errText(e)}` : `can't create symlink '${dst}' to '${st.target ?? ''}': ${errText(e)}`);
      return false;
    }
    o.verbose?.(src, dst);
    return finish();
  }
  if (st.kind === 'chardev' && o.recursive && st.device !== undefined) {
    // a recursive copy makes a new device node (GNU cp -R, busybox cp -r); reading the device
    // instead would copy /dev/zero forever
    try {
      if (dstSt) ctx.fs.unlink(dp);
      ctx.fs.mknod(dp, st.device, st.mode);
    } catch (e) {
      warn(ctx, prog, gnu ? `cannot create special file '${dst}': ${errText(e)}` : `can't create '${dst}': ${errText(e)}`);
      return false;
    }
    o.verbose?.(src, dst);
    return finish();
  }
  if ((st.kind === 'socket' || st.kind === 'fifo') && o.recursive) {
    // likewise a socket or a FIFO: mknod(2) of S_IFSOCK or S_IFIFO (busybox copy_file, GNU cp
    // copy_internal), where a plain cp opens it: ENXIO for a socket, a wait for a writer for a
    // FIFO (refused by name) (recorded: fs/socket-in-writable-layer, fs/fifo-in-writable-layer)
    try {
      if (dstSt) ctx.fs.unlink(dp);
      if (st.kind === 'fifo') ctx.fs.mkfifo(dp, st.mode);
      else ctx.fs.mksocket(dp, st.mode);
    } catch (e) {
      warn(ctx, prog, gnu ? `cannot create special file '${dst}': ${errText(e)}` : `can't create '${dst}': ${errText(e)}`);
      return false;
    }
    o.verbose?.(src, dst);
    return finish();
  }
  const inode = st.ino !== undefined && (st.nlink ?? 1) > 1 && walk.links !== undefined ? `${st.mount}\0${st.ino}` : undefined;
  const first = inode === undefined ? undefined : walk.links?.get(inode);
  if (first !== undefined && dstSt?.kind !== 'dir') {
    try {
      if (dstSt) ctx.fs.unlink(dp);
      ctx.fs.link(first, dp);
      // busybox's copy_file returns right after this link(), before verb_and_exit: no -v line
      if (gnu) o.verbose?.(src, dst);
      return true;
    } catch {
      // another file system, or the first copy is gone: copy the content instead
    }
  }
  // a placeholder of a server's file (FileNode.placeholder) is copied unread: the copy is one too
  let data: string;
  let placeholder: boolean;
  let placeholderId: string | undefined;
  try {
    ({ data, placeholder, placeholderId } = ctx.fs.readToCopy(sp));
  } catch (e) {
    // GNU copy.c copy_reg: `cannot open %s for reading` (recorded: host-mounts/ph-docker-socket-copies)
    warn(ctx, prog, gnu ? `cannot open '${src}' for reading: ${errText(e)}` : `can't open '${src}': ${errText(e)}`);
    return false;
  }
  if (dstSt?.kind === 'dir') {
    warn(ctx, prog, gnu ? `cannot overwrite directory '${dst}' with non-directory` : `can't create '${dst}': Is a directory`);
    return false;
  }
  try {
    ctx.fs.writeFile(dp, data, { mode: st.mode & 0o777, placeholder, placeholderId });
  } catch (e) {
    const code = e instanceof FsError ? e.code : undefined;
    if (code === 'ENOSPC') {
      // busybox's bb_copyfd: bb_msg_write_error (recorded: mounts/tmpfs-full-messages)
      warn(ctx, prog, gnu ? `error writing '${dst}': ${errText(e)}` : `write error: ${errText(e)}`);
    } else warn(ctx, prog, gnu ? `cannot create regular file '${dst}': ${errText(e)}` : `can't create '${dst}': ${errText(e)}`);
    return false;
  }
  if (inode !== undefined) walk.links?.set(inode, dp);
  o.verbose?.(src, dst);
  return finish();
}

/**
 * `cp -l`: link(2) the source's name instead of copying (busybox copy_file make_links, GNU
 * copy.c create_hard_link): a name in the way is replaced only with -f (hardlinks/link-protections).
 */
function linkInstead(ctx: Ctx, prog: string, sp: string, dp: string, src: string, dst: string, o: CopyOptions): boolean {
  const gnu = ctx.flavor === 'gnu';
  const fail = (e: unknown): boolean => {
    if (!(e instanceof FsError)) throw e;
    warn(ctx, prog, gnu ? `cannot create hard link '${dst}' to '${src}': ${errText(e)}` : `can't create '${dst}': ${errText(e)}`);
    return false;
  };
  try {
    ctx.fs.link(sp, dp);
  } catch (e) {
    if (!(e instanceof FsError) || e.code !== 'EEXIST' || !o.force) return fail(e);
    try {
      ctx.fs.unlink(dp);
      ctx.fs.link(sp, dp);
    } catch (e2) {
      if (!(e2 instanceof FsError)) throw e2;
      warn(ctx, prog, gnu ? `cannot create hard link '${dst}' to '${src}': ${errText(e2)}` : `can't create link '${dst}': ${errText(e2)}`);
      return false;
    }
  }
  o.verbose?.(src, dst);
  return true;
}

function isDir(ctx: Ctx, name: string): boolean {
  try {
    return ctx.fs.stat(abs(ctx, name)).kind === 'dir';
  } catch {
    return false;
  }
}

function joinName(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : dir + '/' + name;
}

/**
 * busybox cp with two operands (coreutils/cp.c): the copy is made onto DEST itself only when
 * neither operand is a directory, or when a directory is copied recursively to a DEST that does
 * not exist; otherwise into DEST/NAME, whatever DEST is. So `cp dir file` fails on `file/dir`
 * (copy_file's lstat: "can't stat 'file/dir': Not a directory") where GNU says it omits the
 * directory. Either operand failing its stat for another reason than ENOENT ends cp first
 * (libbb's cp_mv_stat2, with FEATURE_VERBOSE_CP_MESSAGE's words for ENOTDIR): undefined then.
 */
function busyboxCopiesInto(ctx: Ctx, src: string, dest: string, o: CopyOptions): boolean | undefined {
  const kindOf = (name: string, follow: boolean): string | null | undefined => {
    try {
      return (follow ? ctx.fs.stat(abs(ctx, name)) : ctx.fs.lstat(abs(ctx, name))).kind;
    } catch (e) {
      if (!(e instanceof FsError) || e.code === 'ENOENT') return null;
      warn(ctx, 'cp', `can't stat '${name}': ${e.code === 'ENOTDIR' ? 'Path has non-directory component' : errText(e)}`);
      return undefined;
    }
  };
  const srcKind = kindOf(src, o.deref);
  if (srcKind === undefined) return undefined;
  const destKind = kindOf(dest, true);
  if (destKind === undefined) return undefined;
  if (srcKind !== 'dir' && destKind !== 'dir') return false;
  return !(o.recursive && srcKind === 'dir' && destKind === null);
}

export const cp: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'cp', args, {
    short: 'rRapfdPLHvniTl',
    long: {
      link: { key: 'l' },
      recursive: { key: 'r' },
      archive: { key: 'a' },
      force: { key: 'f' },
      verbose: { key: 'v' },
      'no-clobber': { key: 'n' },
      'no-dereference': { key: 'P' },
      dereference: { key: 'L' },
      preserve: { key: 'p', arg: 'optional' },
      'no-target-directory': { key: 'T' },
    },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  const ops = opts.operands;
  if (ops.length < 2) {
    if (gnu) {
      warn(ctx, 'cp', ops.length === 0 ? 'missing file operand' : `missing destination file operand after '${ops[0]}'`);
      ctx.stderr("Try 'cp --help' for more information.\n");
    } else ctx.stderr('Usage: cp [-arPLHpfinlsTu] SOURCE DEST\n');
    return 1;
  }
  const archive = opts.has('a');
  const recursive = archive || opts.has('r') || opts.has('R');
  const preserve = archive || opts.has('p');
  const out = new Out(ctx);
  const o: CopyOptions = {
    recursive,
    deref: opts.has('L') || (!recursive && !opts.has('P') && !opts.has('d')),
    preserveMode: preserve,
    preserveOwner: preserve,
    preserveTime: preserve,
    noClobber: opts.has('n'),
    force: opts.has('f'),
    link: opts.has('l'),
    verbose: opts.has('v') ? (s, d) => out.line(`'${s}' -> '${d}'`) : undefined,
  };
  const dest = ops[ops.length - 1];
  const sources = ops.slice(0, -1);
  const into = opts.has('T') ? false : gnu || sources.length > 1 ? isDir(ctx, dest) : busyboxCopiesInto(ctx, sources[0], dest, o);
  if (into === undefined) return 1;
  const destIsDir = into;
  if (sources.length > 1 && !destIsDir) {
    warn(ctx, 'cp', `target '${dest}' is not a directory`);
    return 1;
  }
  let status = 0;
  const made = new Set<string>();
  const links = (gnu ? archive || opts.has('d') : recursive) ? new Map<string, string>() : undefined;
  for (const s of sources) {
    const d = destIsDir ? joinName(dest, pathBase(s)) : dest;
    // the top-level operand is followed unless -P/-d (-a implies -d)
    const top = { ...o, deref: o.deref || (!archive && !opts.has('P') && !opts.has('d') && opts.has('H')) };
    if (!copyTree(ctx, 'cp', s, d, top, copyWalk(made, s, d, links))) status = 1;
  }
  out.flush();
  return status;
};


/** Why lstat of a path fails (undefined when it does not). */
function lstatError(ctx: Ctx, p: string): FsError['code'] | undefined {
  try {
    ctx.fs.lstat(p);
    return undefined;
  } catch (e) {
    return errCode(e);
  }
}

/** What a path is, not following a final symlink (undefined when it cannot be looked at). */
function lstatKind(ctx: Ctx, p: string): string | undefined {
  try {
    return ctx.fs.lstat(p).kind;
  } catch {
    return undefined;
  }
}

/**
 * mv's words for a directory onto a non-directory or the reverse (coreutils copy.c
 * copy_internal; busybox mv), given what each side is; undefined when that is no clash (or no
 * destination).
 */
function overwriteClash(gnu: boolean, s: string, d: string, src: string | undefined, dst: string | undefined): string | undefined {
  if (dst === undefined) return undefined;
  if (dst === 'dir' && src !== 'dir') return gnu ? `cannot overwrite directory '${d}' with non-directory` : "can't overwrite directory with non-directory";
  if (dst !== 'dir' && src === 'dir') return gnu ? `cannot overwrite non-directory '${d}' with directory '${s}'` : "can't overwrite non-directory with directory";
  return undefined;
}

export const mv: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'mv', args, {
    short: 'fivnT',
    long: { force: { key: 'f' }, verbose: { key: 'v' }, 'no-clobber': { key: 'n' }, 'no-target-directory': { key: 'T' } },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  const ops = opts.operands;
  if (ops.length < 2) {
    if (gnu) {
      warn(ctx, 'mv', ops.length === 0 ? 'missing file operand' : `missing destination file operand after '${ops[0]}'`);
      ctx.stderr("Try 'mv --help' for more information.\n");
    } else ctx.stderr('Usage: mv [-fin] SOURCE DEST\n');
    return 1;
  }
  const dest = ops[ops.length - 1];
  const sources = ops.slice(0, -1);
  const destIsDir = !opts.has('T') && isDir(ctx, dest);
  if (sources.length > 1 && !destIsDir) {
    warn(ctx, 'mv', `target '${dest}' is not a directory`);
    return 1;
  }
  const out = new Out(ctx);
  let status = 0;
  for (const s of sources) {
    const d = destIsDir ? joinName(dest, pathBase(s)) : dest;
    let sp: string;
    let dp: string;
    try {
      sp = abs(ctx, s);
      dp = abs(ctx, d);
      if (gnu) ctx.fs.lstat(sp);
    } catch (e) {
      warn(ctx, 'mv', gnu ? `cannot stat '${s}': ${errText(e)}` : `can't rename '${s}': ${errText(e)}`);
      status = 1;
      continue;
    }
    if (opts.has('n') && ctx.fs.exists(dp)) continue;
    // GNU mv refuses to move a file onto itself (`mv d/f d`); busybox's rename(2) just succeeds.
    if (gnu && normalize(sp) === normalize(dp)) {
      warn(ctx, 'mv', `'${s}' and '${d}' are the same file`);
      status = 1;
      continue;
    }
    try {
      ctx.fs.rename(sp, dp);
      if (opts.has('v')) out.line(gnu ? `renamed '${s}' -> '${d}'` : `'${s}' -> '${d}'`);
      continue;
    } catch (e) {
      const code = errCode(e);
      // coreutils copy.c copy_internal: after a rename that failed other than with EEXIST, GNU mv
      // stats the destination, and a failure other than ENOENT is what it reports (`mv f file/x`:
      // cannot stat 'file/x': Not a directory; found by the shell differential test)
      if (gnu) {
        const miss = lstatError(ctx, dp);
        if (miss !== undefined && miss !== 'ENOENT') {
          warn(ctx, 'mv', `cannot stat '${d}': ${STRERROR[miss]}`);
          status = 1;
          continue;
        }
      }
      if (code !== 'EXDEV') {
        if (gnu) {
          // coreutils copy.c (copy_internal, after rename's EEXIST/ENOTDIR/EISDIR): one side a
          // directory and the other not is said as such, not as rename's errno
          const clash = code === 'ENOTDIR' || code === 'EISDIR' ? overwriteClash(true, s, d, lstatKind(ctx, sp), lstatKind(ctx, dp)) : undefined;
          if (clash !== undefined) warn(ctx, 'mv', clash);
          else if (code === 'EINVAL') warn(ctx, 'mv', `cannot move '${s}' to a subdirectory of itself, '${d}'`);
          else warn(ctx, 'mv', `cannot move '${s}' to '${d}': ${errText(e)}`);
        } else warn(ctx, 'mv', `can't rename '${s}': ${errText(e)}`);
        status = 1;
        continue;
      }
    }
    // Cross-device: copy preserving everything, then remove the source.
    let srcSt;
    try {
      srcSt = ctx.fs.lstat(sp);
    } catch (e) {
      warn(ctx, 'mv', `${gnu ? 'cannot stat' : "can't rename"} '${s}': ${errText(e)}`);
      status = 1;
      continue;
    }
    let dstSt;
    try {
      dstSt = ctx.fs.lstat(dp);
    } catch {
      dstSt = undefined;
    }
    if (dstSt) {
      const clash = overwriteClash(gnu, s, d, srcSt.kind, dstSt.kind);
      if (clash !== undefined) {
        warn(ctx, 'mv', clash);
        status = 1;
        continue;
      }
      try {
        if (dstSt.kind === 'dir') removeAll(ctx, dp);
        else ctx.fs.unlink(dp);
      } catch (e) {
        warn(ctx, 'mv', `${gnu ? 'cannot' : "can't"} remove '${d}': ${errText(e)}`);
        status = 1;
        continue;
      }
    }
    const ok = copyTree(ctx, 'mv', s, d, { recursive: true, deref: false, preserveMode: true, preserveOwner: true, preserveTime: true }, copyWalk(new Set(), s, d));
    if (!ok) {
      status = 1;
      continue;
    }
    try {
      removeAll(ctx, sp);
    } catch (e) {
      warn(ctx, 'mv', `${gnu ? 'cannot' : "can't"} remove '${s}': ${errText(e)}`);
      status = 1;
      continue;
    }
    if (opts.has('v')) out.line(gnu ? `copied '${s}' -> '${d}'\nremoved '${s}'` : `'${s}' -> '${d}'`);
  }
  out.flush();
  return status;
};

/**
 * rm -rf without messages; throws the first error. A server's directory whose names strata does
 * not all know goes whole where every removal succeeds (Vfs.entriesToRemove, as rm -r).
 */
export function removeAll(ctx: Ctx, p: string): void {
  const st = ctx.fs.lstat(p);
  if (st.kind === 'dir') {
    for (const n of ctx.fs.entriesToRemove !== undefined ? ctx.fs.entriesToRemove(p) : ctx.fs.readdir(p)) removeAll(ctx, join(p, n));
    ctx.fs.rmdir(p);
  } else ctx.fs.unlink(p);
}

// ---------------------------------------------------------------------------------------------
// ln

export const ln: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'ln', args, {
    short: 'sfnvT',
    long: { symbolic: { key: 's' }, force: { key: 'f' }, 'no-dereference': { key: 'n' }, verbose: { key: 'v' } },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  const ops = opts.operands;
  if (ops.length === 0) {
    if (gnu) {
      warn(ctx, 'ln', 'missing file operand');
      ctx.stderr("Try 'ln --help' for more information.\n");
    } else ctx.stderr('Usage: ln [-sfnbtv] [-S SUF] TARGET... LINK|DIR\n');
    return 1;
  }
  let targets: string[];
  let dest: string;
  if (ops.length === 1) {
    targets = ops;
    dest = '.';
  } else {
    targets = ops.slice(0, -1);
    dest = ops[ops.length - 1];
  }
  const destIsDir = (() => {
    try {
      const p = abs(ctx, dest);
      const st = opts.has('n') ? ctx.fs.lstat(p) : ctx.fs.stat(p);
      return st.kind === 'dir';
    } catch {
      return false;
    }
  })();
  if (targets.length > 1 && !destIsDir) {
    warn(ctx, 'ln', `target '${dest}' is not a directory`);
    return 1;
  }
  const out = new Out(ctx);
  let status = 0;
  for (const t of targets) {
    const link = destIsDir || ops.length === 1 ? joinName(dest === '.' && ops.length === 1 ? '.' : dest, pathBase(t)) : dest;
    const shown = ops.length === 1 ? pathBase(t) : link;
    const lp = abs(ctx, link);
    if (!opts.has('s')) {
      try {
        ctx.fs.stat(abs(ctx, t));
      } catch (e) {
        warn(ctx, 'ln', gnu ? `failed to access '${t}': ${errText(e)}` : `${t}: ${errText(e)}`);
        status = 1;
        continue;
      }
    }
    if (opts.has('f')) {
      try {
        const st = ctx.fs.lstat(lp);
        if (st.kind !== 'dir') ctx.fs.unlink(lp);
      } catch {
        // absent
      }
    }
    try {
      if (opts.has('s')) ctx.fs.symlink(t, lp);
      else {
        // link(2): one inode, one more name (names-share-inode probe: the count, a write seen
        // through every name, EXDEV across mounts).
        const tp = abs(ctx, t);
        const st = ctx.fs.stat(tp);
        if (st.kind === 'dir') {
          warn(ctx, 'ln', gnu ? `${t}: hard link not allowed for directory` : `${shown}: Operation not permitted`);
          status = 1;
          continue;
        }
        if (ctx.fs.exists(lp) || isLink(ctx, lp)) throw new FsError('EEXIST', lp);
        ctx.fs.link(tp, lp);
      }
      if (opts.has('v')) out.line(gnu ? `'${shown}' -> '${t}'` : `'${shown}' -> '${t}'`);
    } catch (e) {
      if (gnu) {
        warn(ctx, 'ln', opts.has('s') ? `failed to create symbolic link '${shown}': ${errText(e)}` : `failed to create hard link '${shown}' => '${t}': ${errText(e)}`);
      } else warn(ctx, 'ln', `${shown}: ${errText(e)}`);
      status = 1;
    }
  }
  out.flush();
  return status;
};

function isLink(ctx: Ctx, p: string): boolean {
  try {
    return ctx.fs.lstat(p).kind === 'symlink';
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// chmod / chown

/**
 * Visit `p` and, recursively, what it holds. `visit` answers the error it printed, if any. GNU
 * visits a directory before its entries and descends whatever happened. busybox walks with
 * libbb's recursive_action: chmod visits a directory first (`pre`) and does not descend into one
 * it failed on, chown after its entries (`post`, ACTION_DEPTHFIRST); a directory whose action
 * failed, or that cannot be opened, is reported once more by recursive_action itself
 * (done_nak_warn: `bb_simple_perror_msg(fileName)`), so `chown -R` by a user prints a directory
 * it does not own twice (recorded: users/recursive-owner-tools).
 */
function walk(ctx: Ctx, name: string, p: string, visit: (name: string, p: string) => FsError | undefined, recursive: boolean, prog: string, order: 'pre' | 'post'): void {
  const busybox = ctx.flavor !== 'gnu';
  let st;
  try {
    st = ctx.fs.lstat(p);
  } catch {
    st = undefined;
  }
  if (!recursive || st?.kind !== 'dir') {
    visit(name, p);
    return;
  }
  const nak = (e: FsError) => warn(ctx, prog, `${name}: ${errText(e)}`);
  if (!busybox || order === 'pre') {
    const failed = visit(name, p);
    if (failed && busybox) return nak(failed);
  }
  let names: string[] = [];
  try {
    names = ctx.fs.readdir(p);
  } catch (e) {
    if (busybox && e instanceof FsError) nak(e);
    return;
  }
  for (const n of names) walk(ctx, joinName(name, n), join(p, n), visit, recursive, prog, order);
  if (busybox && order === 'post') {
    const failed = visit(name, p);
    if (failed) nak(failed);
  }
}

export const chmod: Applet = (ctx, argsIn) => {
  const gnu = ctx.flavor === 'gnu';
  // Modes like -w or -x look like options: take the first non -R/-v/-f word as the mode.
  let recursive = false;
  let verbose = false;
  let quiet = false;
  const rest: string[] = [];
  let mode: string | undefined;
  for (let i = 0; i < argsIn.length; i++) {
    const a = argsIn[i];
    if (a === '--') {
      rest.push(...argsIn.slice(i + 1));
      break;
    }
    if (/^-[Rvfc]+$/.test(a)) {
      if (a.includes('R')) recursive = true;
      if (a.includes('v')) verbose = true;
      if (a.includes('f')) quiet = true;
      continue;
    }
    if (a === '--recursive') {
      recursive = true;
      continue;
    }
    if (mode === undefined && rest.length === 0) mode = a;
    else rest.push(a);
  }
  if (mode === undefined && rest.length > 0) mode = rest.shift();
  if (mode === undefined || rest.length === 0) {
    if (gnu) {
      warn(ctx, 'chmod', mode === undefined ? 'missing operand' : `missing operand after '${mode}'`);
      ctx.stderr("Try 'chmod --help' for more information.\n");
    } else ctx.stderr('Usage: chmod [-Rcvf] MODE[,MODE]... FILE...\n');
    return 1;
  }
  if (parseMode(mode, 0, false) === undefined) {
    if (gnu) {
      warn(ctx, 'chmod', `invalid mode: '${mode}'`);
      ctx.stderr("Try 'chmod --help' for more information.\n");
    } else warn(ctx, 'chmod', `invalid mode '${mode}'`);
    return 1;
  }
  const out = new Out(ctx);
  let status = 0;
  const m = mode;
  for (const f of rest) {
    let p: string;
    try {
      p = abs(ctx, f);
      ctx.fs.stat(p);
    } catch (e) {
      if (!quiet) warn(ctx, 'chmod', gnu ? `cannot access '${f}': ${errText(e)}` : `${f}: ${errText(e)}`);
      status = 1;
      continue;
    }
    walk(
      ctx,
      f,
      p,
      (name, path) => {
        try {
          const st = ctx.fs.lstat(path);
          if (st.kind === 'symlink' && name !== f) return undefined;
          const target = st.kind === 'symlink' ? ctx.fs.stat(path) : st;
          const nm = parseMode(m, target.mode, target.kind === 'dir', ctx.fs.umask) ?? target.mode;
          ctx.fs.chmod(path, nm);
          if (verbose) out.line(`mode of '${name}' changed to ${nm.toString(8).padStart(4, '0')}`);
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          if (!quiet) warn(ctx, 'chmod', gnu ? `changing permissions of '${name}': ${errText(e)}` : `${name}: ${errText(e)}`);
          status = 1;
          return e;
        }
        return undefined;
      },
      recursive,
      'chmod',
      'pre',
    );
  }
  out.flush();
  return status;
};

function chownLike(ctx: Ctx, args: string[], prog: 'chown' | 'chgrp'): number {
  const opts = parseOpts(ctx, prog, args, {
    short: 'RhvcfHLP',
    long: { recursive: { key: 'R' }, 'no-dereference': { key: 'h' }, verbose: { key: 'v' } },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  if (opts.operands.length < 2) {
    if (gnu) {
      warn(ctx, prog, opts.operands.length === 0 ? 'missing operand' : `missing operand after '${opts.operands[0]}'`);
      ctx.stderr(`Try '${prog} --help' for more information.\n`);
    } else ctx.stderr(`Usage: ${prog} [-RhLHPcvf]... ${prog === 'chown' ? 'USER[:[GRP]]' : 'GROUP'} FILE...\n`);
    return 1;
  }
  const spec = opts.operands[0];
  const pw = passwd(ctx);
  const gr = groups(ctx);
  let uid: number | undefined;
  let gid: number | undefined;
  let userPart: string;
  let groupPart: string | undefined;
  if (prog === 'chgrp') {
    userPart = '';
    groupPart = spec;
  } else {
    const sep = spec.search(/[:.]/);
    if (sep >= 0 && (spec[sep] === ':' || !pw.some((e) => e.name === spec))) {
      userPart = spec.slice(0, sep);
      groupPart = spec.slice(sep + 1);
    } else userPart = spec;
  }
  if (userPart !== '') {
    const ent = pw.find((e) => e.name === userPart);
    if (ent) uid = ent.id;
    else if (/^\d+$/.test(userPart)) uid = Number(userPart);
    else {
      warn(ctx, prog, gnu ? `invalid user: '${spec}'` : `unknown user ${userPart}`);
      return 1;
    }
    if (groupPart === '') gid = ent?.gid ?? uid;
  }
  if (groupPart !== undefined && groupPart !== '') {
    const ent = gr.find((e) => e.name === groupPart);
    if (ent) gid = ent.id;
    else if (/^\d+$/.test(groupPart)) gid = Number(groupPart);
    else {
      warn(ctx, prog, gnu ? (prog === 'chgrp' ? `invalid group: '${groupPart}'` : `invalid group: '${spec}'`) : `unknown group ${groupPart}`);
      return 1;
    }
  }
  const noFollow = opts.has('h') || opts.has('R');
  const out = new Out(ctx);
  let status = 0;
  for (const f of opts.operands.slice(1)) {
    let p: string;
    try {
      p = abs(ctx, f);
      ctx.fs.lstat(p);
    } catch (e) {
      warn(ctx, prog, gnu ? `cannot access '${f}': ${errText(e)}` : `${f}: ${errText(e)}`);
      status = 1;
      continue;
    }
    walk(
      ctx,
      f,
      p,
      (name, path) => {
        try {
          // A symlink operand is followed unless -h, or -R without -H or -L: busybox chown.c
          // then takes lchown and recursive_action no ACTION_FOLLOWLINKS_L0, so the link itself
          // changes and nothing under its target (GNU's -R defaults to -P alike; recorded:
          // users/sw-owner-tools; `ld/` with a slash resolves to the directory and recurses).
          const isTopLink = name === f && !opts.has('h') && !(opts.has('R') && !opts.has('H') && !opts.has('L'));
          const st = isTopLink ? ctx.fs.stat(path) : ctx.fs.lstat(path);
          ctx.fs.chown(path, uid ?? st.uid, gid ?? st.gid, isTopLink ? false : noFollow, true);
          if (opts.has('v')) out.line(`changed ownership of '${name}' to ${uid ?? st.uid}:${gid ?? st.gid}`);
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          warn(ctx, prog, gnu ? `changing ${prog === 'chgrp' ? 'group' : 'ownership'} of '${name}': ${errText(e)}` : `${name}: ${errText(e)}`);
          status = 1;
          return e;
        }
        return undefined;
      },
      opts.has('R'),
      prog,
      'post',
    );
  }
  out.flush();
  return status;
}

export const chown: Applet = (ctx, args) => chownLike(ctx, args, 'chown');
export const chgrp: Applet = (ctx, args) => chownLike(ctx, args, 'chgrp');

// ---------------------------------------------------------------------------------------------
// readlink / realpath

/** Canonicalize like readlink -f: every part but the last must resolve; the last may be missing. */
export function canonicalize(ctx: Ctx, path: string, mustExist: boolean): string {
  const p = abs(ctx, path);
  try {
    return ctx.fs.realpath(p);
  } catch (e) {
    if (mustExist || errCode(e) !== 'ENOENT') throw e;
    const parent = pathDir(p);
    const base = pathBase(p);
    const rp = ctx.fs.realpath(parent);
    if (ctx.fs.stat(rp).kind !== 'dir') throw new FsError('ENOTDIR', p);
    return rp === '/' ? '/' + base : rp + '/' + base;
  }
}

export const readlink: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'readlink', args, {
    short: 'fenqsvz',
    long: { canonicalize: { key: 'f' }, 'canonicalize-existing': { key: 'e' }, 'no-newline': { key: 'n' } },
  });
  if (!opts) return 1;
  // busybox's readlink takes exactly one FILE (coreutils/readlink.c getopt32 "=1"): else its usage
  if (ctx.flavor !== 'gnu' && opts.operands.length !== 1) {
    // 1.38 lists -n before -f (test/recorded/busybox-latest-real: the real busybox:latest's)
    const [f, n] = ['\t-f\tCanonicalize by following all symlinks\n', "\t-n\tDon't add newline\n"];
    ctx.stderr(`${busyboxBanner(ctx)}\nUsage: readlink [-fnv] FILE\n\nDisplay the value of a symlink\n\n${ctx.busyboxVersion === undefined ? f + n : n + f}\t-v\tVerbose\n`);
    return 1;
  }
  const out = new Out(ctx);
  let status = 0;
  const nl = opts.has('n') ? '' : '\n';
  for (const f of opts.operands) {
    try {
      if (opts.has('f') || opts.has('e')) out.write(canonicalize(ctx, f, opts.has('e')) + nl);
      else out.write(ctx.fs.readlink(abs(ctx, f)) + nl);
    } catch (e) {
      if (opts.has('v')) warn(ctx, 'readlink', `${f}: ${errText(e)}`);
      status = 1;
    }
  }
  out.flush();
  return status;
};

export const realpath: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'realpath', args, { short: 'eqms', long: { 'canonicalize-existing': { key: 'e' } } });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  if (opts.operands.length === 0) {
    if (gnu) {
      warn(ctx, 'realpath', 'missing operand');
      ctx.stderr("Try 'realpath --help' for more information.\n");
    } else ctx.stderr('Usage: realpath FILE...\n');
    return 1;
  }
  const out = new Out(ctx);
  let status = 0;
  for (const f of opts.operands) {
    try {
      out.line(canonicalize(ctx, f, opts.has('e')));
    } catch (e) {
      warn(ctx, 'realpath', gnu ? `${f}: ${errText(e)}` : `${f}: ${errText(e)}`);
      status = 1;
    }
  }
  out.flush();
  return status;
};

// ---------------------------------------------------------------------------------------------
// tee

export const tee: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'tee', args, { short: 'ai', long: { append: { key: 'a' } } });
  if (!opts) return 1;
  const data = ctx.stdin;
  let status = 0;
  for (const f of opts.operands) {
    if (f === '-' && ctx.flavor === 'busybox') {
      ctx.stdout(data);
      continue;
    }
    try {
      ctx.fs.writeFile(abs(ctx, f), data, { append: opts.has('a') });
    } catch (e) {
      // busybox writes through stdio and checks ferror, which keeps no errno: libbb's
      // die_if_ferror says `I/O error` (recorded: mounts/tmpfs-full-messages)
      const full = ctx.flavor === 'busybox' && e instanceof FsError && e.code === 'ENOSPC';
      warn(ctx, 'tee', `${f}: ${full ? 'I/O error' : errText(e)}`);
      status = 1;
    }
  }
  ctx.stdout(data);
  return status;
};

/** libbb bb_get_last_path_component_strip's side effect: trailing slashes cut, but a leading one kept (`///` is `/`). */
function stripSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}

// mkfifo and mknod: named pipes (fs/node.ts FifoNode) are made as the kernel makes them, mode 0666
// less the umask; `-m MODE` sets the mode whatever the umask (busybox libbb/getopt_mk_fifo_nod.c
// sets umask(0) for it, coreutils src/mkfifo.c and src/mknod.c chmod the node after). Device nodes
// (`mknod NAME b|c|u MAJOR MINOR`) stay refused by name: strata's file systems have only the
// standard character devices. A name that cannot be made: busybox `mkfifo: NAME: File exists`
// (bb_simple_perror_msg) and GNU `mkfifo: cannot create fifo 'NAME': File exists`; mknod
// `mknod: NAME: File exists` in both (recorded: fs/fifo-in-writable-layer; GNU: coreutils 9.1).
const SPECIAL_USAGE: Record<string, string> = {
  mkfifo: 'Usage: mkfifo [-m MODE] NAME\n\nCreate named pipe\n\n\t-m MODE\tMode (default a=rw)\n',
  mknod:
    'Usage: mknod [-m MODE] NAME TYPE [MAJOR MINOR]\n\nCreate a special file (block, character, or pipe)\n\n\t-m MODE\tCreation mode (default a=rw)\nTYPE:\n\tb\tBlock device\n\tc or u\tCharacter device\n\tp\tNamed pipe (MAJOR MINOR must be omitted)\n',
};

function specialFile(name: 'mkfifo' | 'mknod'): Applet {
  return (ctx, args) => {
    const gnu = ctx.flavor === 'gnu';
    let ms: string | undefined;
    const operands: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (operands.length > 0 || a === '-' || !a.startsWith('-')) operands.push(a);
      else if (a === '--') operands.push(...args.slice(i + 1)), (i = args.length);
      else if (a === '-m' || (gnu && a === '--mode')) ms = args[++i];
      else if (a.startsWith('-m')) ms = a.slice(2);
      else if (gnu && a.startsWith('--mode=')) ms = a.slice('--mode='.length);
      else throw new ShellNotSimulated(`strata does not simulate ${name} ${a}`);
    }
    const usage = (): number => {
      if (gnu) ctx.stderr(`${name}: missing operand\nTry '${name} --help' for more information.\n`);
      else ctx.stderr(`${busyboxBanner(ctx)}\n${SPECIAL_USAGE[name]}`);
      return 1;
    };
    if (operands.length === 0 || ms === undefined && args.includes('-m')) return usage();
    let mode: number | undefined;
    if (ms !== undefined) {
      mode = parseMode(ms, 0o666, false, 0);
      if (mode === undefined) {
        if (!gnu) throw new ShellNotSimulated(`strata does not simulate busybox ${name} with an invalid mode (${ms})`);
        warn(ctx, name, 'invalid mode');
        return 1;
      }
    }
    const make = (path: string): boolean => {
      try {
        const p = abs(ctx, path);
        ctx.fs.mkfifo(p, mode ?? 0o666);
        if (mode !== undefined) ctx.fs.chmod(p, mode);
        return true;
      } catch (e) {
        const why = errText(e);
        warn(ctx, name, name === 'mkfifo' && gnu ? `cannot create fifo '${path}': ${why}` : `${path}: ${why}`);
        return false;
      }
    };
    if (name === 'mkfifo') {
      let status = 0;
      for (const path of operands) if (!make(path)) status = 1;
      return status;
    }
    // mknod NAME TYPE [MAJOR MINOR]: only a named pipe, which takes no numbers
    const [path, type, ...numbers] = operands;
    if (type === 'p' && numbers.length === 0) return make(path) ? 0 : 1;
    if (type === undefined || (type === 'p' && numbers.length > 0)) return usage();
    throw new ShellNotSimulated('strata does not simulate mknod of a device node: its file systems have no device nodes of their own');
  };
}

export const mkfifo = specialFile('mkfifo');
export const mknod = specialFile('mknod');
