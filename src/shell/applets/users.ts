// busybox's adduser, addgroup, deluser and delgroup, as the busybox of an Alpine image has them
// (mirror/busybox@1_36_1 loginutils/adduser.c, addgroup.c, deluser.c and libbb/update_passwd.c,
// bb_pwd.c, die_if_bad_username.c, get_shell_name.c: the same in 1.37.0 for what is simulated
// here; Alpine's build options and patches: UsersBuild below). The oracle's busybox (Debian's
// busybox-static 1.35) has none of them (`busybox adduser` says `adduser: applet not found`), so
// the ground truth is Alpine's own busybox run in a chroot of its minirootfs:
// test/recorded/busybox-adduser/ (record.sh, cases.txt, alpine-3.19.4.txt).
//
// What they do, in busybox's words:
// - adduser USER: the first free uid from 1000 (from 100 to 999 with -S) whose number is no
//   group's either, a group of the user's name with that number unless -G (-S: `nogroup`), the
//   line `USER:x:UID:GID:Linux User,,,:/home/USER:SHELL` appended to /etc/passwd (SHELL: $SHELL,
//   else the caller's own login shell: root's `/bin/ash` before Alpine 3.20; -S: `/sbin/nologin`),
//   `USER:!:DAYS:0:99999:7:::` to /etc/shadow (DAYS: days since the epoch, by strata's clock), the
//   user added to its -G group's members, the home made 2755 and owned by the user with
//   /etc/skel copied into it; without -D (-S implies it) it then runs `passwd USER`;
// - addgroup GROUP: the first free gid from 1000 (-S: from 100), `GROUP:x:GID:` in /etc/group;
//   addgroup USER GROUP (and adduser USER GROUP): USER appended to GROUP's member list;
// - deluser USER: its lines in /etc/passwd and /etc/shadow removed, USER taken out of every
//   group's members, and the group of its name removed; delgroup GROUP; delgroup USER GROUP.
// Each file is rewritten whole (update_passwd): FILE- becomes a hard link of the old one, the new
// one is written as FILE+ with the old one's mode and owner and renamed over FILE.

import type { Applet, AppletContext } from '../types.ts';
import type { Stat } from '../../fs/vfs.ts';
import { FsError, STRERROR, ShellNotSimulated } from '../../fs/errors.ts';
import { dirname, join } from '../../fs/path.ts';
import { busyboxBanner, errCode, warn } from './util.ts';
import { removeAll } from './files.ts';

/**
 * The build options of a busybox's login utilities (loginutils/adduser.c `//config:` lines) and
 * the distribution's patches to them.
 */
export interface UsersBuild {
  /** CONFIG_LAST_ID: the largest uid or gid adduser and addgroup take or give. */
  readonly lastId: number;
  /** CONFIG_FIRST_SYSTEM_ID and CONFIG_LAST_SYSTEM_ID: the range of -S; normal ids start after it. */
  readonly firstSystemId: number;
  readonly lastSystemId: number;
  /** CONFIG_FEATURE_CHECK_NAMES: die_if_bad_username. */
  readonly checkNames: boolean;
  /** The shell of a system user without -s: upstream `/bin/false`. */
  readonly systemShell: string;
  /** The GECOS field without -g. */
  readonly gecos: string;
  /** The C library: its getopt_long's words (and, with musl, its getpwnam's parser unless bbPwd). */
  readonly libc: 'musl' | 'glibc';
  /** CONFIG_USE_BB_PWD_GRP: busybox's own parser of /etc/passwd and /etc/group (libpwdgrp/pwd_grp.c). */
  readonly bbPwd: boolean;
}

/**
 * Alpine's busybox (alpinelinux/aports main/busybox/busyboxconfig: CONFIG_LAST_ID=256000,
 * FIRST_SYSTEM_ID=100, LAST_SYSTEM_ID=999, FEATURE_CHECK_NAMES=y, FEATURE_SHADOWPASSWDS=y,
 * FEATURE_ADDUSER_TO_GROUP=y, FEATURE_DEL_USER_FROM_GROUP=y, LONG_OPTS=y; its patch
 * 0002-adduser-default-to-sbin-nologin-as-shell-for-system-.patch makes -S's shell
 * `/sbin/nologin`). Observed in Alpine 3.19.4 (BusyBox 1.36.1): `adduser -D -u 256001 b` says
 * `number 256001 is not in 0..256000 range` (test/recorded/busybox-adduser).
 */
export const ALPINE_USERS: UsersBuild = {
  lastId: 256000,
  firstSystemId: 100,
  lastSystemId: 999,
  checkNames: true,
  systemShell: '/sbin/nologin',
  gecos: 'Linux User,,,',
  libc: 'musl',
  bbPwd: false,
};

/**
 * The real busybox:latest's (docker-library/busybox: BusyBox 1.38.0, `make defconfig` on glibc):
 * the defaults of loginutils/adduser.c's `//config:` lines (LAST_ID 60000, FIRST_SYSTEM_ID 100,
 * LAST_SYSTEM_ID 999, FEATURE_CHECK_NAMES off), upstream's `/bin/false`, USE_BB_PWD_GRP on, and an
 * empty GECOS, as its binary writes (1.37.0 still wrote `Linux User,,,`: its `latest-1` build, run
 * in a chroot). Recorded: test/recorded/busybox-adduser/busybox-1.38.0.txt.
 */
export const DEFCONFIG_1_38_USERS: UsersBuild = {
  lastId: 60000,
  firstSystemId: 100,
  lastSystemId: 999,
  checkNames: false,
  systemShell: '/bin/false',
  gecos: '',
  libc: 'glibc',
  bbPwd: true,
};

export const USER_APPLETS: ReadonlySet<string> = new Set(['adduser', 'addgroup', 'deluser', 'delgroup']);

/** The applet of that name with these build options, or undefined for another name. */
export function usersApplet(name: string, build: UsersBuild): Applet | undefined {
  switch (name) {
    case 'adduser':
      return (ctx, args) => guarded(ctx, () => adduser(ctx, args, build));
    case 'addgroup':
      return (ctx, args) => guarded(ctx, () => addgroup(ctx, args, build));
    case 'deluser':
    case 'delgroup':
      return (ctx, args) => guarded(ctx, () => deluser(ctx, args, name, build));
    default:
      return undefined;
  }
}

/** bb_error_msg_and_die and bb_show_usage: the applet ends with this status. */
class Die {
  constructor(readonly status: number) {}
}

function guarded(ctx: AppletContext, run: () => number): number {
  try {
    return run();
  } catch (e) {
    if (e instanceof Die) return e.status;
    throw e;
  }
}

function die(ctx: AppletContext, prog: string, msg: string): never {
  warn(ctx, prog, msg);
  throw new Die(1);
}

// ---------------------------------------------------------------------------------------------
// usage texts (the `//usage:` lines of each applet; bb_show_usage prints them on stderr, exit 1)

const USAGE: Record<string, string> = {
  adduser:
    'Usage: adduser [OPTIONS] USER [GROUP]\n\nCreate new user, or add USER to GROUP\n\n' +
    '\t-h DIR\t\tHome directory\n\t-g GECOS\tGECOS field\n\t-s SHELL\tLogin shell\n\t-G GRP\t\tGroup\n' +
    "\t-S\t\tCreate a system user\n\t-D\t\tDon't assign a password\n\t-H\t\tDon't create home directory\n" +
    '\t-u UID\t\tUser id\n\t-k SKEL\t\tSkeleton directory (/etc/skel)\n',
  addgroup: 'Usage: addgroup [-g GID] [-S] [USER] GROUP\n\nAdd a group or add a user to a group\n\n\t-g GID\tGroup id\n\t-S\tCreate a system group\n',
  deluser: 'Usage: deluser [--remove-home] USER\n\nDelete USER from the system\n',
  delgroup: 'Usage: delgroup [USER] GROUP\n\nDelete group GROUP from the system or user USER from group GROUP\n',
};

function usage(ctx: AppletContext, prog: string): never {
  ctx.stderr(`${busyboxBanner(ctx)}\n${USAGE[prog]}`);
  throw new Die(1);
}

// ---------------------------------------------------------------------------------------------
// options: busybox's getopt32long over musl's getopt_long (which permutes: `adduser -S app -G app`)

interface Parsed {
  /** Each option's letter, with its argument (the last one given wins). */
  opts: Map<string, string>;
  operands: string[];
}

/** The C library's getopt_long errors (musl src/misc/getopt.c, getopt_long.c; glibc posix/getopt.c). */
const GETOPT_WORDS = {
  musl: {
    needsArg: (c: string) => `option requires an argument: ${c}`,
    unknown: (c: string) => `unrecognized option: ${c}`,
    longNeedsArg: (l: string) => `option requires an argument: ${l}`,
    longUnknown: (l: string) => `unrecognized option: ${l}`,
    longNoArg: (l: string) => `option does not take an argument: ${l}`,
    ambiguous: (l: string) => `option is ambiguous: ${l}`,
  },
  glibc: {
    needsArg: (c: string) => `option requires an argument -- '${c}'`,
    unknown: (c: string) => `invalid option -- '${c}'`,
    longNeedsArg: (l: string) => `option '--${l}' requires an argument`,
    longUnknown: (l: string) => `unrecognized option '--${l}'`,
    longNoArg: (l: string) => `option '--${l}' doesn't allow an argument`,
    ambiguous: (l: string, all: string[]) => `option '--${l}' is ambiguous; possibilities:${all.map((a) => ` '--${a}'`).join('')}`,
  },
};

/**
 * `short`: getopt's string (`h:g:s:`); `long`: long name → letter, in the table's order. An
 * error is the C library's words, then the usage.
 */
function getopt(ctx: AppletContext, prog: string, args: string[], short: string, long: Record<string, string>, libc: UsersBuild['libc']): Parsed {
  const words = GETOPT_WORDS[libc];
  const fail = (msg: string): never => {
    warn(ctx, prog, msg);
    return usage(ctx, prog);
  };
  const takesArg = new Map<string, boolean>();
  for (let i = 0; i < short.length; i++) if (short[i] !== ':') takesArg.set(short[i], short[i + 1] === ':');
  const opts = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const names = Object.prototype.hasOwnProperty.call(long, key) ? [key] : Object.keys(long).filter((k) => k.startsWith(key));
      if (names.length === 0) fail(words.longUnknown(key));
      // glibc takes an abbreviation of two names of one meaning (--disabled-password,
      // --empty-password) as that option; musl calls any two names ambiguous
      if ((libc === 'musl' ? names.length : new Set(names.map((k) => long[k])).size) > 1) fail(words.ambiguous(key, names));
      const name = names[0];
      const c = long[name];
      if (takesArg.get(c) === true) {
        if (eq >= 0) opts.set(c, a.slice(eq + 1));
        else if (i + 1 < args.length) opts.set(c, args[++i]);
        else fail(words.longNeedsArg(name));
      } else if (eq >= 0) fail(words.longNoArg(name));
      else opts.set(c, '');
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      const arg = takesArg.get(c);
      if (arg === undefined) fail(words.unknown(c));
      if (!arg) {
        opts.set(c, '');
        continue;
      }
      if (j + 1 < a.length) opts.set(c, a.slice(j + 1));
      else if (i + 1 < args.length) opts.set(c, args[++i]);
      else fail(words.needsArg(c));
      break;
    }
  }
  return { opts, operands };
}

/** xatou_range: a decimal number in [0, max] (libbb/xatonum_template.c words). */
function xatouRange(ctx: AppletContext, prog: string, s: string, max: number): number {
  if (!/^\d+$/.test(s)) die(ctx, prog, `invalid number '${s}'`);
  const n = Number(s);
  if (n > max) die(ctx, prog, `number ${s} is not in 0..${max} range`);
  return n;
}

/** die_if_bad_username (CONFIG_FEATURE_CHECK_NAMES): letters, digits, `_`, and `-` `.` but first, `$` last. */
function dieIfBadUsername(ctx: AppletContext, prog: string, name: string): void {
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (i > 0 && (ch === '-' || ch === '.' || (ch === '$' && i === name.length - 1))) continue;
    if (/^[A-Za-z0-9_]$/.test(ch)) continue;
    die(ctx, prog, `illegal character with code ${name.charCodeAt(i)} at position ${i}`);
  }
  // LOGIN_NAME_MAX (256) counts the terminating NUL
  if (name.length >= 256) die(ctx, prog, 'name is too long');
}

/**
 * strerror(3): glibc's words (STRERROR), or musl's where they differ (musl src/errno/__strerror.h)
 * for a busybox on musl (AppletContext.musl).
 */
function strerror(ctx: AppletContext, code: FsError['code']): string {
  const musl: Partial<Record<FsError['code'], string>> = { EXDEV: 'Cross-device link', EBUSY: 'Resource busy' };
  return (ctx.musl === true ? musl[code] : undefined) ?? STRERROR[code];
}

function requireRoot(ctx: AppletContext, prog: string): void {
  if (ctx.fs.uid !== 0) die(ctx, prog, 'permission denied (are you root?)');
}

// ---------------------------------------------------------------------------------------------
// the databases, read again at every lookup, as the C library (or busybox's own) reads them

interface PwEnt {
  name: string;
  uid: number;
  gid: number;
  dir: string;
  shell: string;
}
interface GrEnt {
  name: string;
  gid: number;
  members: string[];
}

function readLines(ctx: AppletContext, path: string): string[] {
  let text: string;
  try {
    text = ctx.fs.readFile(path);
  } catch (e) {
    if (e instanceof FsError) return [];
    throw e;
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A number field: musl's atou wants digits only (none: 0), busybox's bb_strtou at least one. */
function idField(s: string, bb: boolean): number | undefined {
  return (bb ? /^\d+$/ : /^\d*$/).test(s) ? (s === '' ? 0 : Number(s)) : undefined;
}

/** One line as a record: its fields, or why not ('skip': musl passes it silently; 'bad': busybox says so). */
function fieldsOf(line: string, n: number, bb: boolean): string[] | 'skip' | 'bad' {
  if (!bb) {
    // musl __getpwent_a / __getgrent_a: the first n-1 colons end the fields, the last takes the rest
    const f = line.split(':');
    if (f.length < n) return 'skip';
    return [...f.slice(0, n - 1), f.slice(n - 1).join(':')];
  }
  // libpwdgrp/pwd_grp.c parse_common: empty and `#` lines skipped, exactly n fields, blanks around each dropped
  if (line === '' || line.startsWith('#')) return 'skip';
  const f = line.split(':').map((x) => x.replace(/^[ \t]+|[ \t]+$/g, ''));
  return f.length === n ? f : 'bad';
}

/**
 * getpwnam, getpwuid, getgrnam, getgrgid and a getpwent loop of one applet run: musl's (Alpine), or
 * busybox's own (CONFIG_USE_BB_PWD_GRP: the real busybox:latest), which says `FILE: bad record` of
 * each line with a wrong number of fields it passes and compares the key as text.
 */
class Db {
  constructor(
    private readonly ctx: AppletContext,
    private readonly prog: string,
    private readonly bb: boolean,
  ) {}

  private scan<T>(file: string, n: number, keyPos: number, key: string | ((f: string[]) => boolean), convert: (f: string[]) => T | undefined): T | undefined {
    for (const line of readLines(this.ctx, file)) {
      const f = fieldsOf(line, n, this.bb);
      if (f === 'skip') continue;
      if (f === 'bad') {
        warn(this.ctx, this.prog, `${file}: bad record`);
        continue;
      }
      if (typeof key === 'string') {
        if (this.bb) {
          // the key as text; a record that then does not convert is no user (convert_to_struct)
          if (f[keyPos] === key) return convert(f);
          continue;
        }
        const rec = convert(f);
        if (rec !== undefined && (keyPos === 0 ? f[0] === key : String(idField(f[keyPos], false)) === key)) return rec;
        continue;
      }
      const rec = convert(f);
      // busybox's getpwent stops at a record that does not convert
      if (rec === undefined) {
        if (this.bb) return undefined;
        continue;
      }
      if (key(f)) return rec;
    }
    return undefined;
  }

  private pw = (f: string[]): PwEnt | undefined => {
    const uid = idField(f[2], this.bb);
    const gid = idField(f[3], this.bb);
    if (uid === undefined || gid === undefined || (this.bb && f[0] === '')) return undefined;
    return { name: f[0], uid, gid, dir: f[5], shell: f[6] };
  };

  private gr = (f: string[]): GrEnt | undefined => {
    const gid = idField(f[2], this.bb);
    if (gid === undefined || (this.bb && f[0] === '')) return undefined;
    const members = f[3] === '' ? [] : f[3].split(',');
    return { name: f[0], gid, members: this.bb ? members.map((m) => m.trim()).filter((m) => m !== '') : members };
  };

  getpwnam = (name: string): PwEnt | undefined => this.scan('/etc/passwd', 7, 0, name, this.pw);
  getpwuid = (uid: number): PwEnt | undefined => this.scan('/etc/passwd', 7, 2, String(uid), this.pw);
  getgrnam = (name: string): GrEnt | undefined => this.scan('/etc/group', 4, 0, name, this.gr);
  getgrgid = (gid: number): GrEnt | undefined => this.scan('/etc/group', 4, 2, String(gid), this.gr);
  /** The first user (getpwent order) whose primary group is `gid`. */
  userOfGroup = (gid: number): PwEnt | undefined => this.scan('/etc/passwd', 7, -1, (f) => this.pw(f)?.gid === gid, this.pw);
}

// ---------------------------------------------------------------------------------------------
// update_passwd (libbb/update_passwd.c)

/**
 * Rewrite `filename` (symlinks followed): `name` with `newPasswd` adds or replaces its line (the
 * add applets: `a`), `name` alone deletes it, `name` with `member` adds (`a`) or deletes (`d`) a
 * member of group `name`, `member` alone deletes it from every group. Returns the lines changed,
 * or -1 (after busybox's message); a missing shadow file is no error (0).
 */
function updatePasswd(ctx: AppletContext, prog: string, file: string, name: string | null, newPasswd: string | null, member: string | null): number {
  const filename = followSymlinks(ctx, file);
  const shadow = file.includes('shadow');
  let old: string;
  let st: Stat;
  try {
    st = ctx.fs.stat(filename);
    if (st.kind === 'dir') throw new FsError('EISDIR', filename);
    old = ctx.fs.readFile(filename);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    if (shadow) return 0;
    warn(ctx, prog, `can't open '${filename}': ${strerror(ctx, errCode(e))}`);
    return -1;
  }
  const plus = `${filename}+`;
  try {
    ctx.fs.writeFile(plus, '', { exclusive: true, mode: 0o600 });
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    // (busybox retries for 3 s while another update holds it)
    warn(ctx, prog, `can't create '${plus}': ${strerror(ctx, errCode(e))}`);
    return -1;
  }
  try {
    ctx.fs.chmod(plus, st.mode & 0o777);
    ctx.fs.chown(plus, st.uid, st.gid);
  } catch (e) {
    // ignored, as fchmod's and fchown's errors are
    if (!(e instanceof FsError)) throw e;
  }
  const backup = `${filename}-`;
  try {
    try {
      ctx.fs.unlink(backup);
    } catch (e) {
      if (!(e instanceof FsError) || e.code !== 'ENOENT') throw e;
    }
    ctx.fs.link(filename, backup);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    warn(ctx, prog, `warning: can't create backup copy '${backup}': ${strerror(ctx, errCode(e))}`);
  }
  const adding = prog[0] === 'a';
  const nameColon = `${name ?? ''}:`;
  const lines = old.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const out: string[] = [];
  let changed = 0;
  for (const line of lines) {
    if (name === null && member !== null) {
      // delete member from all groups: the list after the last ':'
      const colon = line.lastIndexOf(':');
      if (colon < 0) {
        out.push(line);
        continue;
      }
      const list = line.slice(colon + 1).split(',');
      const kept = list.filter((m) => m !== member);
      changed += list.length - kept.length;
      out.push(line.slice(0, colon + 1) + kept.join(','));
      continue;
    }
    if (!line.startsWith(nameColon)) {
      out.push(line);
      continue;
    }
    if (member !== null) {
      if (adding) {
        out.push(`${line}${line.endsWith(':') ? '' : ','}${member}`);
        changed++;
      } else {
        const colon = line.lastIndexOf(':');
        const list = line.slice(colon + 1).split(',');
        const kept = list.filter((m) => m !== member);
        changed += list.length - kept.length;
        out.push(line.slice(0, colon + 1) + kept.join(','));
      }
    }
    // else: a user or group line to delete or to replace (added again below): skipped
  }
  if (changed === 0) {
    if (member !== null) warn(ctx, prog, `can't find ${adding ? name : member} in ${filename}`);
    if (adding && member === null) {
      out.push(`${nameColon}${newPasswd ?? ''}`);
      changed++;
    }
  }
  try {
    ctx.fs.writeFile(plus, out.map((l) => `${l}\n`).join(''));
    ctx.fs.rename(plus, filename);
  } catch (e) {
    // (a bind-mounted /etc/passwd cannot be renamed over): bb_perror_nomsg, FILE+ removed
    if (!(e instanceof FsError)) throw e;
    warn(ctx, prog, strerror(ctx, e.code));
    try {
      ctx.fs.unlink(plus);
    } catch (e2) {
      if (!(e2 instanceof FsError)) throw e2;
    }
    return -1;
  }
  return changed;
}

/** xmalloc_follow_symlinks: the file a chain of symlinks ends at (which may not exist). */
function followSymlinks(ctx: AppletContext, path: string): string {
  let p = path;
  for (let i = 0; i < 40; i++) {
    const st = ctx.fs.lstatIfAny(p);
    if (st?.kind !== 'symlink') return p;
    p = join(dirname(p), ctx.fs.readlink(p));
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// adduser

const ADDUSER_LONG: Record<string, string> = {
  home: 'h',
  gecos: 'g',
  shell: 's',
  ingroup: 'G',
  'disabled-password': 'D',
  'empty-password': 'D',
  system: 'S',
  'no-create-home': 'H',
  uid: 'u',
  skel: 'k',
};

function adduser(ctx: AppletContext, args: string[], build: UsersBuild): number {
  const prog = 'adduser';
  requireRoot(ctx, prog);
  const db = new Db(ctx, prog, build.bbPwd);
  // get_shell_name: $SHELL, else the caller's login shell, else /bin/sh
  const own = db.getpwuid(ctx.fs.uid)?.shell;
  let shell = ctx.env.SHELL || own || '/bin/sh';
  const { opts, operands } = getopt(ctx, prog, args, 'h:g:s:G:DSHu:k:', ADDUSER_LONG, build.libc);
  // "-1:?2:SD": one or two operands; -S sets -D
  if (operands.length < 1 || operands.length > 2) usage(ctx, prog);
  if (opts.has('S')) opts.set('D', '');
  let uid = opts.has('u') ? xatouRange(ctx, prog, opts.get('u')!, build.lastId) : -1;
  const name = operands[0];
  if (opts.size === 0 && operands.length === 2) return addgroupWrapper(ctx, build, name, operands[1], 0);
  if (build.checkNames) dieIfBadUsername(ctx, prog, name);
  const dir = opts.get('h') ?? `/home/${name}`;
  const gecos = opts.get('g') ?? build.gecos;
  if (opts.has('s')) shell = opts.get('s')!;
  let usegroup = opts.get('G');
  if (opts.has('S')) {
    usegroup ??= 'nogroup';
    if (!opts.has('s')) shell = build.systemShell;
  }
  let gid = -1;
  if (usegroup !== undefined) {
    const g = db.getgrnam(usegroup);
    if (g === undefined) die(ctx, prog, `unknown group ${usegroup}`);
    gid = g.gid;
  }

  // passwd_study: the name is free, then the first free uid (and, without -G, gid) of the range
  if (db.getpwnam(name) !== undefined) die(ctx, prog, `user '${name}' in use`);
  let max = build.lastId;
  if (uid < 0) {
    if (opts.has('S')) {
      uid = build.firstSystemId;
      max = build.lastSystemId;
    } else uid = build.lastSystemId + 1;
  }
  while (db.getpwuid(uid) !== undefined || (gid === -1 && db.getgrgid(uid) !== undefined)) {
    if (opts.has('u')) die(ctx, prog, `uid '${uid}' in use`);
    if (uid === max) die(ctx, prog, 'no uids left');
    uid++;
  }
  if (gid === -1) {
    gid = uid;
    if (db.getgrnam(name) !== undefined) die(ctx, prog, `group '${name}' in use`);
  }

  if (updatePasswd(ctx, prog, '/etc/passwd', name, `x:${uid}:${gid}:${gecos}:${dir}:${shell}`, null) < 0) return 1;
  // the shadow's last change: days since the epoch (errors ignored: no shadow file, no shadow)
  const days = Math.floor(ctx.fs.now() / 86400);
  updatePasswd(ctx, prog, '/etc/shadow', name, `!:${days}:0:99999:7:::`, null);
  addgroupWrapper(ctx, build, name, usegroup, gid);

  if (!opts.has('H')) makeHome(ctx, prog, dir, uid, gid, opts.get('k'));
  if (!opts.has('D')) return passwd(ctx, name);
  return 0;
}

/** addgroup_wrapper: `addgroup -- USER GROUP`, or `addgroup --gid GID -- USER`; its status is not looked at by adduser. */
function addgroupWrapper(ctx: AppletContext, build: UsersBuild, user: string, group: string | undefined, gid: number): number {
  const argv = group !== undefined ? ['--', user, group] : ['--gid', String(gid), '--', user];
  return guarded(ctx, () => addgroup(ctx, argv, build));
}

/**
 * The home: made 0755 under umask 0, /etc/skel (or -k's) copied into a new one (errors said only
 * with -k) and everything chowned to the user; then, new or not, owned by the user and 2755. Any
 * failure there is `adduser: DIR: ERROR` and adduser goes on.
 */
function makeHome(ctx: AppletContext, prog: string, dir: string, uid: number, gid: number, skelOpt: string | undefined): void {
  const fs = ctx.fs.withUmask(0);
  let err: FsError | undefined;
  let made = false;
  try {
    fs.mkdir(dir, 0o755);
    made = true;
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    if (e.code !== 'EEXIST') err = e;
  }
  if (made) {
    const skel = skelOpt ?? '/etc/skel';
    const st = fs.statIfAny(skel);
    if (st === undefined) {
      if (skelOpt !== undefined) warn(ctx, prog, `can't stat '${skel}': ${strerror(ctx, 'ENOENT')}`);
    } else if (st.kind === 'dir') {
      for (const n of fs.readdir(skel).sort()) copyTree(ctx, fs, join(skel, n), join(dir, n));
    } else throw new ShellNotSimulated(`strata does not simulate adduser's skeleton ${skel} that is not a directory`);
    chownTree(fs, dir, uid, gid);
  }
  if (err === undefined) {
    try {
      fs.chown(dir, uid, gid);
      fs.chmod(dir, 0o2755);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      err = e;
    }
  }
  if (err !== undefined) warn(ctx, prog, `${dir}: ${strerror(ctx, err.code)}`);
}

/** copy_file(FILEUTILS_RECUR) under umask 0: the source's modes, symlinks as symlinks. */
function copyTree(ctx: AppletContext, fs: AppletContext['fs'], src: string, dst: string): void {
  const st = fs.lstat(src);
  if (st.kind === 'dir') {
    fs.mkdir(dst, st.mode & 0o7777);
    for (const n of fs.readdir(src).sort()) copyTree(ctx, fs, join(src, n), join(dst, n));
  } else if (st.kind === 'symlink') fs.symlink(fs.readlink(src), dst);
  else if (st.kind === 'file') fs.writeFile(dst, fs.readFile(src), { mode: st.mode & 0o7777 });
  else throw new ShellNotSimulated(`strata does not simulate adduser copying ${src} (a ${st.kind}) from its skeleton`);
}

/** `chown -R UID:GID DIR`, as adduser runs it (chown_main). */
function chownTree(fs: AppletContext['fs'], p: string, uid: number, gid: number): void {
  const st = fs.lstat(p);
  if (st.kind === 'symlink') return;
  fs.chown(p, uid, gid);
  if (st.kind === 'dir') for (const n of fs.readdir(p)) chownTree(fs, join(p, n), uid, gid);
}

/**
 * passwd_wrapper: adduser becomes `passwd -- USER`, which asks for the new password on stdin. A
 * stdin that ends at once (a Dockerfile RUN's, `< /dev/null`) leaves it unchanged: exit 1
 * (recorded). Setting one (a random salt's hash) is not simulated.
 */
function passwd(ctx: AppletContext, user: string): number {
  if (ctx.stdinOpen === true || ctx.keyboard !== undefined || ctx.stdin !== '') {
    throw new ShellNotSimulated(`strata does not simulate setting a password (adduser without -D runs passwd ${user}): use adduser -D`);
  }
  ctx.stdout(`Changing password for ${user}\nNew password: \n`);
  warn(ctx, 'passwd', `password for ${user} is unchanged`);
  return 1;
}

// ---------------------------------------------------------------------------------------------
// addgroup

function addgroup(ctx: AppletContext, args: string[], build: UsersBuild): number {
  const prog = 'addgroup';
  requireRoot(ctx, prog);
  const db = new Db(ctx, prog, build.bbPwd);
  const { opts, operands } = getopt(ctx, prog, args, 'g:S', { gid: 'g', system: 'S' }, build.libc);
  if (operands.length < 1 || operands.length > 2) usage(ctx, prog);
  if (operands.length === 2) {
    // addgroup USER GROUP: -g makes no sense there
    if (opts.has('g')) usage(ctx, prog);
    const [user, group] = operands;
    if (db.getpwnam(user) === undefined) die(ctx, prog, `unknown user ${user}`);
    const gr = db.getgrnam(group);
    if (gr === undefined) die(ctx, prog, `unknown group ${group}`);
    if (gr.members.includes(user)) return 0;
    if (updatePasswd(ctx, prog, '/etc/group', group, null, user) < 0) return 1;
    updatePasswd(ctx, prog, '/etc/gshadow', group, null, user);
    return 0;
  }
  const name = operands[0];
  if (build.checkNames) dieIfBadUsername(ctx, prog, name);
  let gid = xatouRange(ctx, prog, opts.get('g') ?? '0', build.lastId);
  // xgroup_study
  if (db.getgrnam(name) !== undefined) die(ctx, prog, `group '${name}' in use`);
  let max = build.lastId;
  if (!opts.has('g')) {
    if (opts.has('S')) {
      gid = build.firstSystemId;
      max = build.lastSystemId;
    } else gid = build.lastSystemId + 1;
  }
  while (db.getgrgid(gid) !== undefined) {
    if (opts.has('g')) die(ctx, prog, `gid '${gid}' in use`);
    if (gid === max) die(ctx, prog, 'no gids left');
    gid++;
  }
  if (updatePasswd(ctx, prog, '/etc/group', name, `x:${gid}:`, null) < 0) return 1;
  updatePasswd(ctx, prog, '/etc/gshadow', name, '!::', null);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// deluser, delgroup (one main: deluser.c)

function deluser(ctx: AppletContext, args: string[], prog: 'deluser' | 'delgroup', build: UsersBuild): number {
  const db = new Db(ctx, prog, build.bbPwd);
  let argv = args;
  let removeHome = false;
  if (prog === 'deluser') {
    // getopt32long(argv, "", "remove-home\0"): the only option; its bit skips one argument
    const { opts, operands } = getopt(ctx, prog, args, '', { 'remove-home': 'r' }, build.libc);
    removeHome = opts.has('r');
    argv = operands;
  }
  requireRoot(ctx, prog);
  let doDeluser: number = prog === 'deluser' ? 1 : 0;
  let name: string;
  let member: string | null = null;
  if (argv.length === 2 && doDeluser === 0) {
    member = argv[0];
    name = argv[1];
  } else if (argv.length === 1) name = argv[0];
  else usage(ctx, prog);

  let pfile: string;
  let sfile: string;
  if (doDeluser === 1) {
    const pw = db.getpwnam(name);
    if (pw === undefined) die(ctx, prog, `unknown user ${name}`);
    pfile = '/etc/passwd';
    sfile = '/etc/shadow';
    if (removeHome && ctx.fs.statIfAny(pw.dir)?.kind === 'dir') {
      try {
        removeAll(ctx, pw.dir);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        warn(ctx, prog, `can't remove '${pw.dir}': ${strerror(ctx, e.code)}`);
      }
    }
  } else {
    const files = delgroupFiles(ctx, db, prog, name, member, doDeluser);
    if (files === undefined) return 0;
    [pfile, sfile] = files;
  }
  for (;;) {
    if (updatePasswd(ctx, prog, pfile, name, null, member) === -1) return 1;
    if (updatePasswd(ctx, prog, sfile, name, null, member) === -1) return 1;
    if (doDeluser !== 1) return 0;
    // deluser USER: out of every group, then `delgroup USER` (if there is such a group)
    if (updatePasswd(ctx, prog, '/etc/group', null, null, name) === -1) return 1;
    doDeluser = -1;
    const files = delgroupFiles(ctx, db, prog, name, member, doDeluser);
    if (files === undefined) return 0;
    [pfile, sfile] = files;
  }
}

/** The do_delgroup part: the group must exist (after deluser: may not) and be nobody's primary group. */
function delgroupFiles(ctx: AppletContext, db: Db, prog: string, name: string, member: string | null, doDeluser: number): [string, string] | undefined {
  const gr = db.getgrnam(name);
  if (gr === undefined) {
    if (doDeluser < 0) return undefined;
    die(ctx, prog, `unknown group ${name}`);
  }
  if (member === null) {
    const pw = db.userOfGroup(gr.gid);
    if (pw !== undefined) die(ctx, prog, `'${pw.name}' still has '${name}' as their primary group!`);
  }
  return ['/etc/group', '/etc/gshadow'];
}
