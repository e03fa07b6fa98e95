// Small applets: echo, printf, true, false, pwd, basename, dirname, hostname, whoami, id, uname,
// nproc, sleep, yes, seq, env, which, date, mktemp, expr, xargs.

import { ShellLimitError, ShellNotSimulated, type Applet } from '../types.ts';
import {
  DAYS,
  MONTHS,
  abs,
  checkOutput,
  decodeEscapes,
  groups,
  pad2,
  parseOpts,
  passwd,
  warn,
  type Ctx,
} from './util.ts';
import { basename as pathBase, dirname as pathDir } from '../../fs/path.ts';
import { STRERROR, type Errno } from '../../fs/errors.ts';

export const KERNEL_RELEASE = '6.8.0-1021-azure';
export const KERNEL_VERSION = '#25-Ubuntu SMP Wed Jan 15 20:45:09 UTC 2025';
export const MACHINE = 'x86_64';

export const echo: Applet = (ctx, args) => {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = '';
  const rest = args.slice(i);
  for (let j = 0; j < rest.length; j++) {
    let s = rest[j];
    if (escapes) {
      const r = decodeEscapes(s, 'zero', true);
      text += (j > 0 ? ' ' : '') + r.text;
      if (r.stop) {
        ctx.stdout(text);
        return 0;
      }
      continue;
    }
    text += (j > 0 ? ' ' : '') + s;
    s = '';
  }
  ctx.stdout(newline ? text + '\n' : text);
  return 0;
};

/**
 * dash's builtin echo (dash 0.5.12 bltin/printf.c echocmd): `-n` only as the first argument, no
 * other option, and every argument's escapes decoded as printf's %b does (conv_escape_str: `\c`
 * ends the output, `\0NNN` and `\NNN` are octal, no `\x`): `echo -e 'a\tb'` prints `-e a<TAB>b`.
 */
export const dashEcho: Applet = (ctx, args) => {
  const newline = args[0] !== '-n';
  let text = '';
  for (const [j, a] of (newline ? args : args.slice(1)).entries()) {
    const r = decodeEscapes(a, 'optional-zero', true, false);
    text += (j > 0 ? ' ' : '') + r.text;
    if (r.stop) {
      ctx.stdout(text);
      return 0;
    }
  }
  ctx.stdout(newline ? text + '\n' : text);
  return 0;
};

export const trueApplet: Applet = () => 0;
export const falseApplet: Applet = () => 1;

export const pwd: Applet = (ctx) => {
  ctx.stdout(ctx.cwd + '\n');
  return 0;
};

export const basename: Applet = (ctx, args) => {
  const a = args[0] === '--' ? args.slice(1) : args;
  if (a.length === 0) {
    if (ctx.flavor === 'gnu') {
      warn(ctx, 'basename', 'missing operand');
      ctx.stderr("Try 'basename --help' for more information.\n");
    } else ctx.stderr('Usage: basename FILE [SUFFIX]\n');
    return 1;
  }
  let b = pathBase(a[0]);
  if (a[0] === '') b = '';
  if (a[1] !== undefined && b !== a[1] && b.endsWith(a[1])) b = b.slice(0, -a[1].length);
  ctx.stdout(b + '\n');
  return 0;
};

export const dirname: Applet = (ctx, args) => {
  const a = args[0] === '--' ? args.slice(1) : args;
  if (a.length === 0) {
    if (ctx.flavor === 'gnu') {
      warn(ctx, 'dirname', 'missing operand');
      ctx.stderr("Try 'dirname --help' for more information.\n");
    } else ctx.stderr('Usage: dirname FILENAME\n');
    return 1;
  }
  let out = '';
  for (const p of a) {
    let d = pathDir(p);
    if (/^\/+$/.test(p)) d = '/';
    else d = d.replace(/\/+$/, '') || '/';
    out += d + '\n';
  }
  ctx.stdout(out);
  return 0;
};

/**
 * gethostbyname(name) as the static busybox does it, with only /etc/hosts to ask (static glibc's
 * files lookup): the first line naming the host; its first name is h_name, its address the one
 * address. A container without a network (or the oracle's bridge-less sandbox) has none
 * (recorded: core/hostname-lookup).
 */
function lookupHost(ctx: Ctx, name: string): { canonical: string; addr: string } | undefined {
  let hosts = '';
  try {
    hosts = ctx.fs.readFile('/etc/hosts');
  } catch {
    // no /etc/hosts: nothing to find
  }
  for (const raw of hosts.split('\n')) {
    const [addr, ...names] = raw.replace(/#.*/, '').trim().split(/\s+/);
    if (addr && /^\d+\.\d+\.\d+\.\d+$/.test(addr) && names.includes(name)) return { canonical: names[0], addr };
  }
  return undefined;
}

/**
 * busybox hostname.c (getopt32 "dfisF:v"): -d, -f and -i look the host name up (xgethostbyname,
 * which dies with `Host name lookup failure`): -f prints h_name, -d what follows its first dot
 * (nothing without one), -i its address followed by a space; -s alone cuts the name at its first
 * dot without a lookup. dnsdomainname is hostname -d under its own name (recorded:
 * compose/domainname, core/run-domainname: the domain name of --domainname is found through the
 * network's /etc/hosts line `<ip>\tweb.example.com web`, never read from the kernel).
 */
function busyboxHostname(ctx: Ctx, prog: 'hostname' | 'dnsdomainname', args: string[]): number {
  const opts = parseOpts(ctx, prog, args, { short: 'dfisF:v', long: { domain: { key: 'd' }, fqdn: { key: 'f' }, file: { key: 'F' } } });
  if (!opts) return 1;
  const name = ctx.hostname;
  const has = (k: string): boolean => prog === 'dnsdomainname' ? k === 'd' : opts.has(k);
  if (has('d') || has('f') || has('i')) {
    const hp = lookupHost(ctx, name);
    if (!hp) {
      ctx.stderr(`${prog}: ${name}: Host name lookup failure\n`);
      return 1;
    }
    const dot = hp.canonical.indexOf('.');
    if (has('f')) ctx.stdout(`${hp.canonical}\n`);
    else if (has('s')) ctx.stdout(`${dot < 0 ? hp.canonical : hp.canonical.slice(0, dot)}\n`);
    else if (has('d')) {
      if (dot >= 0) ctx.stdout(`${hp.canonical.slice(dot + 1)}\n`);
    } else ctx.stdout(`${hp.addr} \n`);
    return 0;
  }
  if (has('s')) {
    ctx.stdout(`${name.split('.')[0]}\n`);
    return 0;
  }
  if (has('F') || opts.operands.length > 0) throw new ShellNotSimulated(`strata does not simulate setting the host name (${prog} ${args.join(' ')})`);
  ctx.stdout(name + '\n');
  return 0;
}

export const hostname: Applet = (ctx, args) => {
  if (ctx.flavor === 'busybox') return busyboxHostname(ctx, 'hostname', args);
  ctx.stdout(ctx.hostname + '\n');
  return 0;
};

/** busybox dnsdomainname (hostname.c): `hostname -d`. */
export const dnsdomainname: Applet = (ctx, args) => {
  if (ctx.flavor !== 'busybox') throw new ShellNotSimulated("strata does not simulate the hostname package's dnsdomainname");
  return busyboxHostname(ctx, 'dnsdomainname', args);
};

export const whoami: Applet = (ctx) => {
  const uid = ctx.fs.uid;
  const name = passwd(ctx).find((e) => e.id === uid)?.name;
  if (name === undefined) {
    warn(ctx, 'whoami', ctx.flavor === 'gnu' ? `cannot find name for user ID ${uid}` : `unknown uid ${uid}`);
    return 1;
  }
  ctx.stdout(name + '\n');
  return 0;
};

export const id: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'id', args, { short: 'ugGnr' });
  if (!opts) return 1;
  const pw = passwd(ctx);
  const gr = groups(ctx);
  let uid = ctx.fs.uid;
  let gid = ctx.fs.gid;
  let userNameStr: string | undefined = pw.find((e) => e.id === uid)?.name;
  if (opts.operands.length > 0) {
    const who = opts.operands[0];
    const ent = pw.find((e) => e.name === who) ?? (/^\d+$/.test(who) ? pw.find((e) => e.id === Number(who)) : undefined);
    if (!ent) {
      warn(ctx, 'id', ctx.flavor === 'gnu' ? `'${who}': no such user` : `unknown user ${who}`);
      return 1;
    }
    uid = ent.id;
    gid = ent.gid;
    userNameStr = ent.name;
  }
  const gname = (g: number): string | undefined => gr.find((e) => e.id === g)?.name;
  // `id USER` asks getgrouplist(3): the user's gid, then the groups whose member list names it,
  // in /etc/group's order. Without an operand, getgroups(2): the list the runtime set when the
  // process started (moby's getUser puts the primary gid in it, runc's GetExecUser the memberships,
  // --group-add the rest; container/user.ts resolveUser), which the kernel keeps sorted
  // (groups_sort) and /etc/group edited later does not change (recorded: users/sw-passwd-lookups,
  // mounts/group-add). `id -G` prints the gid first, then the others.
  let all: number[];
  if (opts.operands.length > 0) {
    all = [gid];
    let text = '';
    try {
      text = ctx.fs.readFile('/etc/group');
    } catch {
      text = '';
    }
    for (const line of text.split('\n')) {
      const f = line.split(':');
      if (f.length < 4) continue;
      const g = Number(f[2]);
      // musl (Alpine) keeps a group the list has already, glibc drops it (BusyboxBuild.musl)
      if (f[3].split(',').includes(userNameStr!) && (ctx.musl === true || !all.includes(g))) all.push(g);
    }
  } else all = [...new Set([gid, ...(ctx.fs.groups ?? [])])].sort((a, b) => a - b);
  const supplementary = [gid, ...all.filter((g) => g !== gid)];
  const n = opts.has('n');
  const show = (v: number, name: string | undefined): string => (n ? (name ?? String(v)) : String(v));
  if (opts.has('u')) {
    ctx.stdout(show(uid, userNameStr) + '\n');
    return 0;
  }
  if (opts.has('g')) {
    ctx.stdout(show(gid, gname(gid)) + '\n');
    return 0;
  }
  if (opts.has('G')) {
    ctx.stdout(supplementary.map((g) => show(g, gname(g))).join(' ') + '\n');
    return 0;
  }
  const fmt = (v: number, name: string | undefined): string => (name === undefined ? String(v) : `${v}(${name})`);
  const line =
    `uid=${fmt(uid, userNameStr)} gid=${fmt(gid, gname(gid))}` +
    ` groups=${all.map((g) => fmt(g, gname(g))).join(',')}`;
  ctx.stdout(line + '\n');
  return 0;
};

export const uname: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'uname', args, {
    short: 'asnrvmpio',
    long: {
      all: { key: 'a' },
      'kernel-name': { key: 's' },
      'nodename': { key: 'n' },
      'kernel-release': { key: 'r' },
      'kernel-version': { key: 'v' },
      machine: { key: 'm' },
      processor: { key: 'p' },
      'hardware-platform': { key: 'i' },
      'operating-system': { key: 'o' },
    },
  });
  if (!opts) return 1;
  const parts: string[] = [];
  const all = opts.has('a');
  const gnu = ctx.flavor === 'gnu';
  const any = ['s', 'n', 'r', 'v', 'm', 'p', 'i', 'o'].some((k) => opts.has(k));
  if (opts.has('s') || all || !any) parts.push('Linux');
  if (opts.has('n') || all) parts.push(ctx.hostname);
  if (opts.has('r') || all) parts.push(KERNEL_RELEASE);
  if (opts.has('v') || all) parts.push(KERNEL_VERSION);
  if (opts.has('m') || all) parts.push(MACHINE);
  if (opts.has('p') || (all && !gnu)) parts.push(gnu ? 'unknown' : 'unknown');
  if (opts.has('i')) parts.push('unknown');
  if (opts.has('o') || all) parts.push('GNU/Linux');
  if (gnu && all) {
    // GNU omits "unknown" processor / platform with -a
    const idx = parts.indexOf('unknown');
    if (idx >= 0) parts.splice(idx, 1);
  }
  ctx.stdout(parts.join(' ') + '\n');
  return 0;
};

export const nproc: Applet = (ctx) => {
  ctx.stdout('2\n');
  return 0;
};

function parseDuration(s: string): number | undefined {
  const m = /^(\d+\.?\d*|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]] ?? 1;
  return Number(m[1]) * mult;
}

export const sleep: Applet = (ctx, args) => {
  const a = args[0] === '--' ? args.slice(1) : args;
  if (a.length === 0) {
    if (ctx.flavor === 'gnu') {
      warn(ctx, 'sleep', 'missing operand');
      ctx.stderr("Try 'sleep --help' for more information.\n");
    } else ctx.stderr('Usage: sleep [N]...\n');
    return 1;
  }
  let total = 0;
  for (const s of a) {
    if (s === 'inf' || s === 'infinity') {
      total = Infinity;
      continue;
    }
    const d = parseDuration(s);
    if (d === undefined) {
      if (ctx.flavor === 'gnu') {
        warn(ctx, 'sleep', `invalid time interval '${s}'`);
        ctx.stderr("Try 'sleep --help' for more information.\n");
      } else warn(ctx, 'sleep', `invalid number '${s}'`);
      return 1;
    }
    total += d;
  }
  ctx.sleep(total);
  return 0;
};

/** The buffer size of stdio on a pipe: programs write in blocks of this size. */
const STDIO_BLOCK = 4096;

export const yes: Applet = (ctx, args) => {
  const line = (args.length ? args.join(' ') : 'y') + '\n';
  const max = ctx.budget.maxBytes;
  const reps = Math.max(1, Math.floor(max / line.length));
  const chunkReps = Math.max(1, Math.floor(65536 / line.length));
  const chunk = line.repeat(Math.min(chunkReps, reps));
  let written = 0;
  // to /dev/null nothing is kept: it goes on until the step budget (charged by the shell) ends it
  while (ctx.stdoutDiscarded || written + chunk.length <= max) {
    ctx.stdout(chunk);
    written += chunk.length;
  }
  throw new ShellLimitError(`yes: output exceeds the limit of ${max} bytes`);
};

function fmtSeqNum(v: number, decimals: number): string {
  return decimals > 0 ? v.toFixed(decimals) : String(Math.round(v));
}

export const seq: Applet = (ctx, args) => {
  let sep = '\n';
  let width = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-s') sep = args[++i] ?? '';
    else if (a.startsWith('-s') && a.length > 2) sep = a.slice(2);
    else if (a === '-w') width = true;
    else if (a === '--') rest.push(...args.slice(i + 1)), (i = args.length);
    else rest.push(a);
  }
  if (rest.length === 0 || rest.length > 3) {
    if (ctx.flavor === 'gnu') {
      warn(ctx, 'seq', rest.length === 0 ? 'missing operand' : `extra operand '${rest[3]}'`);
      ctx.stderr("Try 'seq --help' for more information.\n");
    } else ctx.stderr('Usage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n');
    return 1;
  }
  const nums: number[] = [];
  let decimals = 0;
  for (const r of rest) {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(r)) {
      if (ctx.flavor === 'gnu') {
        warn(ctx, 'seq', `invalid floating point argument: '${r}'`);
        ctx.stderr("Try 'seq --help' for more information.\n");
      } else warn(ctx, 'seq', `invalid number '${r}'`);
      return 1;
    }
    const dot = r.indexOf('.');
    if (dot >= 0 && !/[eE]/.test(r)) decimals = Math.max(decimals, r.length - dot - 1);
    nums.push(Number(r));
  }
  const first = rest.length >= 2 ? nums[0] : 1;
  const inc = rest.length === 3 ? nums[1] : 1;
  const last = nums[nums.length - 1];
  if (inc === 0) {
    warn(ctx, 'seq', ctx.flavor === 'gnu' ? `invalid Zero increment value: '${rest[1]}'` : 'increment must not be 0');
    return 1;
  }
  // Written in stdio-sized blocks as it goes, so a reader that stops early (`seq 1 1000000000 |
  // head -1`) breaks the pipe instead of seq building its whole output first.
  let block = '';
  let size = 0;
  const wd = width ? Math.max(fmtSeqNum(first, decimals).length, fmtSeqNum(last, decimals).length) : 0;
  for (let k = 0; ; k++) {
    const v = first + k * inc;
    if (inc > 0 ? v > last + 1e-10 : v < last - 1e-10) break;
    let s = fmtSeqNum(v, decimals);
    if (width) s = s.startsWith('-') ? '-' + s.slice(1).padStart(wd - 1, '0') : s.padStart(wd, '0');
    block += (k === 0 ? '' : sep) + s;
    size += s.length + sep.length;
    checkOutput(ctx, size);
    if (block.length >= STDIO_BLOCK) {
      ctx.stdout(block);
      block = '';
    }
  }
  if (size > 0) ctx.stdout(block + '\n');
  return 0;
};

export const env: Applet = (ctx, args) => {
  let i = 0;
  let clear = false;
  const unset: string[] = [];
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '-i' || a === '-' || a === '--ignore-environment') clear = true;
    else if (a === '-u') unset.push(args[++i] ?? '');
    else if (a === '--') {
      i++;
      break;
    } else break;
  }
  const vars: Record<string, string> = clear ? {} : { ...ctx.env };
  for (const u of unset) delete vars[u];
  for (; i < args.length && /^[^=]+=/.test(args[i]); i++) {
    const eq = args[i].indexOf('=');
    vars[args[i].slice(0, eq)] = args[i].slice(eq + 1);
  }
  if (i >= args.length) {
    ctx.stdout(
      Object.entries(vars)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    );
    return 0;
  }
  // the command runs with the modified environment
  return ctx.run(args.slice(i), ctx, vars);
};

/** Names which `which` may report for applets even when no file exists for them. */
let knownCommands: () => string[] = () => [];
export function setKnownCommands(f: () => string[]): void {
  knownCommands = f;
}

/** Programs the host's environment provides beyond the applets (engine.ts: network/http/tools.ts), in /usr/bin on Debian. */
const HOST_PROGRAMS = ['curl', 'wget'];

export const which: Applet = (ctx, args) => {
  const path = ctx.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  let status = 0;
  let out = '';
  const names = args.filter((a) => a !== '-a');
  for (const name of names) {
    let found: string | undefined;
    if (name.includes('/')) {
      try {
        if (ctx.fs.stat(abs(ctx, name)).kind === 'file') found = name;
      } catch {
        // not found
      }
    } else {
      for (const d of path.split(':')) {
        const p = (d === '' ? '.' : d) + '/' + name;
        try {
          const st = ctx.fs.stat(abs(ctx, p));
          if (st.kind === 'file' && (st.mode & 0o111) !== 0) {
            found = p;
            break;
          }
        } catch {
          // keep looking
        }
      }
      if (found === undefined && (knownCommands().includes(name) || (ctx.flavor === 'gnu' && HOST_PROGRAMS.includes(name)))) {
        found = ctx.flavor === 'busybox' ? `/bin/${name}` : `/usr/bin/${name}`;
      }
    }
    if (found === undefined) status = 1;
    else out += found + '\n';
  }
  ctx.stdout(out);
  return status;
};

/** strftime for the formats scripts use (UTC). */
export function strftime(fmt: string, t: number): string {
  const d = new Date(t * 1000);
  const Y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const wd = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, mo, day) - Date.UTC(Y, 0, 1)) / 86400000) + 1;
  const longDays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const longMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    const f = fmt[++i];
    switch (f) {
      case 'Y': out += String(Y); break;
      case 'y': out += pad2(Y % 100); break;
      case 'C': out += pad2(Math.floor(Y / 100)); break;
      case 'm': out += pad2(mo + 1); break;
      case 'd': out += pad2(day); break;
      case 'e': out += String(day).padStart(2, ' '); break;
      case 'H': out += pad2(H); break;
      case 'I': out += pad2(H % 12 === 0 ? 12 : H % 12); break;
      case 'M': out += pad2(M); break;
      case 'S': out += pad2(S); break;
      case 'p': out += H < 12 ? 'AM' : 'PM'; break;
      case 's': out += String(Math.floor(t)); break;
      case 'N': out += '000000000'; break;
      case 'a': out += DAYS[wd]; break;
      case 'A': out += longDays[wd]; break;
      case 'b': case 'h': out += MONTHS[mo]; break;
      case 'B': out += longMonths[mo]; break;
      case 'j': out += String(yday).padStart(3, '0'); break;
      case 'u': out += String(wd === 0 ? 7 : wd); break;
      case 'w': out += String(wd); break;
      case 'Z': out += 'UTC'; break;
      case 'z': out += '+0000'; break;
      case 'F': out += `${Y}-${pad2(mo + 1)}-${pad2(day)}`; break;
      case 'T': out += `${pad2(H)}:${pad2(M)}:${pad2(S)}`; break;
      case 'R': out += `${pad2(H)}:${pad2(M)}`; break;
      case 'D': out += `${pad2(mo + 1)}/${pad2(day)}/${pad2(Y % 100)}`; break;
      case 'c': out += `${DAYS[wd]} ${MONTHS[mo]} ${String(day).padStart(2, ' ')} ${pad2(H)}:${pad2(M)}:${pad2(S)} ${Y}`; break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case '%': out += '%'; break;
      default: out += '%' + f;
    }
  }
  return out;
}

export const date: Applet = (ctx, args) => {
  let t = ctx.fs.now();
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-u' || a === '--utc' || a === '-R') {
      if (a === '-R') fmt = '%a, %d %b %Y %H:%M:%S %z';
      continue;
    }
    if (a === '-I' || a === '--iso-8601') {
      fmt = '%Y-%m-%d';
      continue;
    }
    if (a === '-d' || a.startsWith('--date=') || (a.startsWith('-d') && a.length > 2)) {
      const v = a === '-d' ? (args[++i] ?? '') : a.startsWith('-d') ? a.slice(2) : a.slice(7);
      if (v.startsWith('@') && /^@-?\d+$/.test(v)) t = Number(v.slice(1));
      else {
        const ms = Date.parse(v.includes('T') || /[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : v + 'Z');
        if (Number.isNaN(ms)) {
          warn(ctx, 'date', ctx.flavor === 'gnu' ? `invalid date '${v}'` : `invalid date '${v}'`);
          return 1;
        }
        t = Math.floor(ms / 1000);
      }
      continue;
    }
    if (a.startsWith('+')) {
      fmt = a.slice(1);
      continue;
    }
    warn(ctx, 'date', `invalid date '${a}'`);
    return 1;
  }
  ctx.stdout(strftime(fmt, t) + '\n');
  return 0;
};

const MKTEMP_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * The random part of a temporary file's name (mkstemp's XXXXXX). Real mktemp draws it at random;
 * here it is a function of the clock and the attempt, so a replay names the same files whatever
 * the process ran before (no module state), and a name already taken moves on to the next
 * attempt, as mkstemp's retry loop does.
 */
export function tempSuffix(ctx: Ctx, length: number, attempt: number): string {
  let seed = ctx.fs.now() + attempt * 7919;
  let suffix = '';
  for (let k = 0; k < length; k++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    suffix += MKTEMP_CHARS[seed % MKTEMP_CHARS.length];
  }
  return suffix;
}

export const mktemp: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'mktemp', args, {
    short: 'dqup:t',
    long: { directory: { key: 'd' }, quiet: { key: 'q' }, 'dry-run': { key: 'u' }, tmpdir: { key: 'p', arg: 'optional' } },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  let template = opts.operands[0];
  let dir: string | undefined = opts.get('p') || undefined;
  if (template === undefined) {
    template = gnu ? 'tmp.XXXXXXXXXX' : 'tmp.XXXXXX';
    dir ??= ctx.env.TMPDIR || '/tmp';
  } else if (opts.has('t') || opts.has('p')) {
    dir ??= ctx.env.TMPDIR || '/tmp';
  }
  const m = /X{3,}$/.exec(template);
  if (!m) {
    warn(ctx, 'mktemp', gnu ? `too few X's in template '${template}'` : `Invalid argument`);
    return 1;
  }
  const base = template.slice(0, m.index);
  for (let attempt = 0; attempt < 1000; attempt++) {
    const suffix = tempSuffix(ctx, m[0].length, attempt);
    const name = (dir !== undefined ? dir.replace(/\/+$/, '') + '/' : '') + base + suffix;
    const p = abs(ctx, name);
    if (ctx.fs.exists(p)) continue;
    try {
      if (!opts.has('u')) {
        if (opts.has('d')) ctx.fs.mkdir(p, 0o700);
        else {
          ctx.fs.writeFile(p, '', { exclusive: true, mode: 0o600 });
          ctx.fs.chmod(p, 0o600);
        }
        if (opts.has('d')) ctx.fs.chmod(p, 0o700);
      }
    } catch (e) {
      if (!opts.has('q')) {
        const text = e instanceof Error && 'code' in e ? errName(e) : String(e);
        warn(ctx, 'mktemp', gnu ? `failed to create ${opts.has('d') ? 'directory' : 'file'} via template '${name.slice(0, name.length - suffix.length)}${m[0]}': ${text}` : `(null): ${text}`);
      }
      return 1;
    }
    ctx.stdout(name + '\n');
    return 0;
  }
  return 1;
};

function errName(e: Error & { code?: unknown }): string {
  return STRERROR[e.code as Errno] ?? String(e.message);
}

// ---------------------------------------------------------------------------------------------
// expr

class ExprError extends Error {
  constructor(readonly msg: string, readonly status = 2) {
    super(msg);
  }
}

type ExprVal = string | number;

function isInt(v: ExprVal): boolean {
  return typeof v === 'number' || /^[-+]?\d+$/.test(v);
}
function toInt(v: ExprVal, gnu: boolean): number {
  if (!isInt(v)) throw new ExprError(gnu ? 'non-integer argument' : 'non-numeric argument');
  return typeof v === 'number' ? v : Number(v);
}
function truthy(v: ExprVal): boolean {
  if (typeof v === 'number') return v !== 0;
  return v !== '' && !/^-?0+$/.test(v);
}

export const expr: Applet = (ctx, args) => {
  const gnu = ctx.flavor === 'gnu';
  let pos = 0;
  const peek = (): string | undefined => args[pos];
  const next = (): string => {
    if (pos >= args.length) throw new ExprError('syntax error');
    return args[pos++];
  };
  const parseOr = (): ExprVal => {
    let l = parseAnd();
    while (peek() === '|') {
      pos++;
      const r = parseAnd();
      l = truthy(l) ? l : truthy(r) ? r : 0;
    }
    return l;
  };
  const parseAnd = (): ExprVal => {
    let l = parseCmp();
    while (peek() === '&') {
      pos++;
      const r = parseCmp();
      l = truthy(l) && truthy(r) ? l : 0;
    }
    return l;
  };
  const parseCmp = (): ExprVal => {
    let l = parseAdd();
    for (;;) {
      const op = peek();
      if (op === undefined || !['=', '==', '!=', '<', '<=', '>', '>='].includes(op)) return l;
      pos++;
      const r = parseAdd();
      let c: number;
      if (isInt(l) && isInt(r)) c = Number(l) - Number(r);
      else c = String(l) < String(r) ? -1 : String(l) > String(r) ? 1 : 0;
      const res =
        op === '=' || op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
      l = res ? 1 : 0;
    }
  };
  const parseAdd = (): ExprVal => {
    let l = parseMul();
    for (;;) {
      const op = peek();
      if (op !== '+' && op !== '-') return l;
      pos++;
      const r = parseMul();
      l = op === '+' ? toInt(l, gnu) + toInt(r, gnu) : toInt(l, gnu) - toInt(r, gnu);
    }
  };
  const parseMul = (): ExprVal => {
    let l = parseMatch();
    for (;;) {
      const op = peek();
      if (op !== '*' && op !== '/' && op !== '%') return l;
      pos++;
      const r = parseMatch();
      const a = toInt(l, gnu);
      const b = toInt(r, gnu);
      if (op !== '*' && b === 0) throw new ExprError('division by zero');
      l = op === '*' ? a * b : op === '/' ? Math.trunc(a / b) : a % b;
    }
  };
  const match = (s: string, re: string): ExprVal => {
    const { regexFromBre } = reHelpers;
    const rx = new RegExp('^(?:' + regexFromBre(re) + ')');
    const m = rx.exec(s);
    if (/\\\(/.test(re)) return m && m[1] !== undefined ? m[1] : '';
    return m ? m[0].length : 0;
  };
  const parseMatch = (): ExprVal => {
    let l = parsePrimary();
    while (peek() === ':') {
      pos++;
      const r = parsePrimary();
      l = match(String(l), String(r));
    }
    return l;
  };
  const parsePrimary = (): ExprVal => {
    const t = next();
    if (t === '(') {
      const v = parseOr();
      if (next() !== ')') throw new ExprError('syntax error');
      return v;
    }
    if (t === 'length' && pos < args.length) return next().length;
    if (t === 'match' && pos + 1 < args.length) {
      const s = next();
      return match(s, next());
    }
    if (t === 'substr' && pos + 2 < args.length) {
      const s = next();
      const p = toInt(next(), gnu);
      const n = toInt(next(), gnu);
      if (p < 1 || n < 1) return '';
      return s.slice(p - 1, p - 1 + n);
    }
    if (t === 'index' && pos + 1 < args.length) {
      const s = next();
      const chars = next();
      let best = 0;
      for (let i = 0; i < s.length; i++) {
        if (chars.includes(s[i])) {
          best = i + 1;
          break;
        }
      }
      return best;
    }
    if (t === '+' && pos < args.length) return next();
    return t;
  };
  try {
    if (args.length === 0) throw new ExprError(gnu ? 'missing operand' : 'too few arguments');
    const v = parseOr();
    if (pos < args.length) throw new ExprError(gnu ? `syntax error: unexpected argument '${args[pos]}'` : 'syntax error');
    const s = typeof v === 'number' ? String(v) : isInt(v) && gnu ? String(Number(v)) : v;
    ctx.stdout(s + '\n');
    return truthy(v) ? 0 : 1;
  } catch (e) {
    if (e instanceof ExprError) {
      warn(ctx, 'expr', e.msg);
      if (gnu && e.msg === 'missing operand') ctx.stderr("Try 'expr --help' for more information.\n");
      return e.status;
    }
    throw e;
  }
};

/** Late-bound regex helpers (grep.ts provides them) to avoid an import cycle at load time. */
export const reHelpers: { regexFromBre: (re: string) => string } = { regexFromBre: (re) => re };

// ---------------------------------------------------------------------------------------------
// xargs

function splitXargsInput(input: string, nul: boolean): string[] {
  if (nul) return input.split('\0').filter((s) => s !== '');
  const words: string[] = [];
  let cur = '';
  let have = false;
  let quote: string | undefined;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      have = true;
    } else if (c === '\\' && i + 1 < input.length) {
      cur += input[++i];
      have = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (have) words.push(cur);
      cur = '';
      have = false;
    } else {
      cur += c;
      have = true;
    }
  }
  if (have) words.push(cur);
  return words;
}

export const xargs: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'xargs', args, {
    short: 'n:I:0rtL:d:',
    long: { 'max-args': { key: 'n', arg: 'required' }, null: { key: '0' }, 'no-run-if-empty': { key: 'r' } },
    stopAtOperand: true,
  });
  if (!opts) return 1;
  const cmd = opts.operands.length ? opts.operands : ['echo'];
  let words: string[];
  const delim = opts.get('d');
  if (delim !== undefined) {
    const d = delim === '\\n' ? '\n' : delim;
    words = ctx.stdin.split(d);
    if (words[words.length - 1] === '' || (d !== '\n' && words[words.length - 1] === '\n')) words.pop();
  } else if (opts.has('I')) {
    words = ctx.stdin.split('\n').filter((l) => l.trim() !== '').map((l) => l.replace(/^\s+/, ''));
  } else words = splitXargsInput(ctx.stdin, opts.has('0'));
  const batches: string[][] = [];
  const repl = opts.get('I');
  if (repl !== undefined) {
    for (const w of words) batches.push(cmd.map((c) => c.split(repl).join(w)));
  } else {
    const n = Number(opts.get('n') ?? opts.get('L') ?? '0');
    if (words.length === 0) {
      if (!opts.has('r') && ctx.flavor === 'gnu') batches.push([...cmd]);
      else if (!opts.has('r')) batches.push([...cmd]);
    } else if (n > 0) {
      for (let i = 0; i < words.length; i += n) batches.push([...cmd, ...words.slice(i, i + n)]);
    } else batches.push([...cmd, ...words]);
  }
  let status = 0;
  for (const argv of batches) {
    if (opts.has('t')) ctx.stderr(argv.join(' ') + '\n');
    const st = ctx.run(argv, { stdin: '', stdout: (s) => ctx.stdout(s), stderr: (s) => ctx.stderr(s) });
    if (st === 127 || st === 126) return st;
    if (st === 255) {
      warn(ctx, 'xargs', `${argv[0]}: exited with status 255; aborting`);
      return 124;
    }
    if (st !== 0) status = 123;
  }
  return status;
};
