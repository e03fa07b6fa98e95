// Text filters: wc, head, tail, sort, uniq, cut, tr.

import type { Applet } from '../types.ts';
import { ENDLESS_DEVICES } from '../../fs/namespace.ts';
import { busyboxBanner, type Ctx, Opts, Out, abs, byteCompare, errCode, errText, parseOpts, parseOptsOrThrow, spendStep, warn } from './util.ts';

interface Src {
  name: string;
  data: string;
  regular: boolean;
}

/** Read operands (or stdin); reports errors in each tool's words. */
function readAll(ctx: Ctx, prog: string, operands: string[], openMsg: (f: string, e: unknown) => string): { srcs: (Src | undefined)[]; failed: boolean } {
  const list = operands.length ? operands : ['-'];
  let failed = false;
  const srcs = list.map((f): Src | undefined => {
    if (f === '-') return { name: f, data: ctx.stdin, regular: false };
    try {
      const p = abs(ctx, f);
      const st = ctx.fs.stat(p);
      if (st.kind === 'dir') {
        warn(ctx, prog, ctx.flavor === 'gnu' ? `${f}: Is a directory` : `read error: Is a directory`);
        failed = true;
        return undefined;
      }
      return { name: f, data: ctx.fs.readFile(p), regular: st.kind === 'file' };
    } catch (e) {
      warn(ctx, prog, openMsg(f, e));
      failed = true;
      return undefined;
    }
  });
  return { srcs, failed };
}

// ---------------------------------------------------------------------------------------------
// wc

export const wc: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'wc', args, {
    short: 'lwcmL',
    long: { lines: { key: 'l' }, words: { key: 'w' }, bytes: { key: 'c' }, chars: { key: 'm' }, 'max-line-length': { key: 'L' } },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  let kinds = ['l', 'w', 'm', 'c', 'L'].filter((k) => opts.has(k));
  if (kinds.length === 0) kinds = ['l', 'w', 'c'];
  const list = opts.operands.length ? opts.operands : ['-'];
  const named = opts.operands.length > 0;
  const counts: { name: string; v: Record<string, number> }[] = [];
  let status = 0;
  let anyIrregular = false;
  let regularSize = 0;
  for (const f of list) {
    let data: string;
    if (f === '-') {
      data = ctx.stdin;
      anyIrregular = true;
    } else {
      try {
        const p = abs(ctx, f);
        const st = ctx.fs.stat(p);
        if (st.kind === 'dir') {
          warn(ctx, 'wc', gnu ? `${f}: Is a directory` : `read error: Is a directory`);
          status = 1;
          counts.push({ name: f, v: { l: 0, w: 0, c: 0, m: 0, L: 0 } });
          continue;
        }
        data = ctx.fs.readFile(p);
        if (st.kind === 'file') regularSize += data.length;
        else anyIrregular = true;
      } catch (e) {
        warn(ctx, 'wc', `${f}: ${errText(e)}`);
        status = 1;
        continue;
      }
    }
    let lines = 0;
    let words = 0;
    let inWord = false;
    let maxLen = 0;
    let cur = 0;
    // `wc -c` of a 2 MB `docker export` reads no byte: the counts it prints need none
    const scan = kinds.some((k) => k === 'l' || k === 'w' || k === 'L');
    for (let i = 0; scan && i < data.length; i++) {
      const ch = data.charCodeAt(i);
      if (ch === 10) {
        lines++;
        if (cur > maxLen) maxLen = cur;
        cur = 0;
      } else if (ch === 9) cur = (cur | 7) + 1;
      else cur++;
      const space = ch === 32 || (ch >= 9 && ch <= 13);
      if (space) {
        if (inWord) words++;
        inWord = false;
      } else if (ch > 32 && ch < 127) inWord = true;
      else if (ch >= 128 || ch < 32) {
        // non-printable bytes neither start nor end words in the C locale (GNU counts them in)
        if (gnu) inWord = true;
      }
    }
    if (inWord) words++;
    if (cur > maxLen) maxLen = cur;
    counts.push({ name: f, v: { l: lines, w: words, c: data.length, m: data.length, L: maxLen } });
  }
  const total: Record<string, number> = { l: 0, w: 0, c: 0, m: 0, L: 0 };
  for (const c of counts) for (const k of Object.keys(total)) total[k] = k === 'L' ? Math.max(total[k], c.v[k]) : total[k] + c.v[k];
  const out = new Out(ctx);
  if (gnu) {
    let width: number;
    if (kinds.length === 1 && list.length === 1) width = 1;
    else {
      width = Math.max(anyIrregular ? 7 : 1, String(regularSize).length);
    }
    const fmt = (v: Record<string, number>, name: string | undefined): string =>
      kinds.map((k) => String(v[k]).padStart(width)).join(' ') + (name !== undefined ? ' ' + name : '');
    for (const c of counts) out.line(fmt(c.v, named ? c.name : undefined));
    if (list.length > 1) out.line(fmt(total, 'total'));
  } else {
    const single = list.length <= 1 && kinds.length === 1;
    const fmt = (v: Record<string, number>, name: string | undefined): string =>
      kinds.map((k, i) => (single && i === 0 ? String(v[k]) : String(v[k]).padStart(9))).join(' ') + (name !== undefined ? ' ' + name : '');
    for (const c of counts) out.line(fmt(c.v, named ? c.name : undefined));
    if (list.length > 1) out.line(fmt(total, 'total'));
  }
  out.flush();
  return status;
};

// ---------------------------------------------------------------------------------------------
// head / tail

function headTailArgs(args: string[]): string[] {
  // -5 → -n 5 ; +5 (tail) handled by caller
  return args.map((a) => (/^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
}

function nthNewline(data: string, n: number): number {
  let pos = -1;
  for (let k = 0; k < n; k++) {
    pos = data.indexOf('\n', pos + 1);
    if (pos < 0) return data.length;
  }
  return pos + 1;
}

function parseCount(v: string): number | undefined {
  const m = /^(\d+)(b|kB|k|K|KB|MB|M|GB|G)?$/.exec(v);
  if (!m) return undefined;
  const mult: Record<string, number> = { b: 512, kB: 1000, k: 1024, K: 1024, KB: 1000, MB: 1e6, M: 1048576, GB: 1e9, G: 1073741824 };
  return Number(m[1]) * (m[2] ? mult[m[2]] : 1);
}

const HEAD_SPEC = {
  short: 'n:c:qv',
  long: { lines: { key: 'n', arg: 'required' }, bytes: { key: 'c', arg: 'required' }, quiet: { key: 'q' }, verbose: { key: 'v' } },
} as const;

/** What `head ARGS` will print: shared by head itself and its stdin demand. */
interface HeadPlan {
  lines: number;
  bytes: number | undefined;
  /** `-n -N` / `-c -N`: all but the last N. */
  allBut: boolean;
  /** The invalid count option, when there is one. */
  bad?: { key: 'n' | 'c'; value: string };
}

function headPlan(opts: Opts): HeadPlan {
  const plan: HeadPlan = { lines: 10, bytes: undefined, allBut: false };
  for (const k of opts.order) {
    if (k !== 'n' && k !== 'c') continue;
    const v = opts.get(k) ?? '';
    let s = v;
    plan.allBut = s.startsWith('-');
    if (plan.allBut) s = s.slice(1);
    const n = parseCount(s);
    if (n === undefined) return { ...plan, bad: { key: k, value: v } };
    if (k === 'n') {
      plan.lines = n;
      plan.bytes = undefined;
    } else plan.bytes = n;
  }
  return plan;
}

/**
 * What head reads of a file: all of it, except from a device that never ends (/dev/zero,
 * /dev/urandom), where it reads what it prints: `bytes` bytes, or up to the `lines`th newline,
 * within the byte budget (beyond it, or for `-c -N`, the device is read forever: the budget's
 * refusal).
 */
function readHead(ctx: Ctx, path: string, bytes: number | undefined, lines: number | undefined): string {
  const st = ctx.fs.stat(path);
  if (st.kind !== 'chardev' || !ENDLESS_DEVICES.has(st.device ?? '')) return ctx.fs.readFile(path);
  const max = ctx.budget.maxBytes;
  if (bytes !== undefined) return ctx.fs.readFile(path, Math.min(bytes, max + 1));
  if (lines === undefined) return ctx.fs.readFile(path);
  for (let want = 4096; ; want *= 2) {
    const data = ctx.fs.readFile(path, Math.min(want, max + 1));
    let pos = -1;
    let k = 0;
    while (k < lines && (pos = data.indexOf('\n', pos + 1)) !== -1) k++;
    if (k === lines) return data.slice(0, pos + 1);
    if (data.length > max) return data;
  }
}

export const head: Applet = (ctx, argsIn) => {
  const opts = parseOpts(ctx, 'head', headTailArgs(argsIn), HEAD_SPEC);
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  const { lines, bytes, allBut, bad } = headPlan(opts);
  if (bad) {
    warn(ctx, 'head', gnu ? `invalid number of ${bad.key === 'n' ? 'lines' : 'bytes'}: '${bad.value}'` : `invalid number '${bad.value}'`);
    return 1;
  }
  const list = opts.operands.length ? opts.operands : ['-'];
  const headers = (list.length > 1 && !opts.has('q')) || opts.has('v');
  let status = 0;
  const out = new Out(ctx);
  let first = true;
  // -n 0 / -c 0: GNU and busybox head open the input and read nothing, so a directory (`< d`,
  // `head -n 0 d`) is no error (found by the shell differential test)
  const readsNothing = !allBut && (bytes !== undefined ? bytes === 0 : lines === 0);
  for (const f of list) {
    let data: string;
    try {
      if (readsNothing) {
        if (f !== '-') ctx.fs.stat(abs(ctx, f));
        data = '';
      } else data = f === '-' ? ctx.stdin : readHead(ctx, abs(ctx, f), bytes, allBut ? undefined : lines);
    } catch (e) {
      // busybox reports through perror (`head: FILE: MSG`), unlike its tail
      warn(ctx, 'head', gnu ? `cannot open '${f}' for reading: ${errText(e)}` : `${f}: ${errText(e)}`);
      status = 1;
      continue;
    }
    if (headers) {
      out.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    }
    first = false;
    if (bytes !== undefined) out.write(allBut ? data.slice(0, Math.max(0, data.length - bytes)) : data.slice(0, bytes));
    else if (allBut) {
      const parts = data.split('\n');
      const trailing = data.endsWith('\n');
      if (trailing) parts.pop();
      const keep = parts.slice(0, Math.max(0, parts.length - lines));
      out.write(keep.map((l) => l + '\n').join(''));
    } else out.write(data.slice(0, nthNewline(data, lines)));
  }
  out.flush();
  return status;
};

// `head [-n N | -c N]` reading only stdin consumes N lines or N bytes, then exits; with file
// operands, a bad count or `-N` from the end it may read everything.
head.stdinDemand = (args) => {
  let opts: Opts;
  try {
    opts = parseOptsOrThrow(headTailArgs([...args]), HEAD_SPEC);
  } catch {
    return undefined;
  }
  if (opts.operands.some((o) => o !== '-') || opts.operands.length > 1) return undefined;
  const plan = headPlan(opts);
  if (plan.bad || plan.allBut) return undefined;
  let left = plan.bytes ?? plan.lines;
  const byBytes = plan.bytes !== undefined;
  return {
    satisfiedBy(chunk: string): boolean {
      if (left <= 0) return true;
      if (byBytes) left -= chunk.length;
      else for (let i = chunk.indexOf('\n'); i !== -1 && left > 0; i = chunk.indexOf('\n', i + 1)) left--;
      return left <= 0;
    },
  };
};

export const tail: Applet = (ctx, argsIn) => {
  const gnu = ctx.flavor === 'gnu';
  const pre = argsIn.map((a, i) => (i === 0 && /^\+\d+$/.test(a) ? `-n+${a.slice(1)}` : a));
  const opts = parseOpts(ctx, 'tail', headTailArgs(pre), {
    short: 'n:c:qvfFs:',
    long: { lines: { key: 'n', arg: 'required' }, bytes: { key: 'c', arg: 'required' }, quiet: { key: 'q' }, verbose: { key: 'v' }, follow: { key: 'f', arg: 'optional' } },
  });
  if (!opts) return 1;
  let count = 10;
  let fromStart = false;
  let byBytes = false;
  for (const k of opts.order) {
    if (k !== 'n' && k !== 'c') continue;
    const v = opts.get(k) ?? '';
    let s = v;
    fromStart = s.startsWith('+');
    if (s.startsWith('+') || s.startsWith('-')) s = s.slice(1);
    const n = parseCount(s);
    if (n === undefined) {
      warn(ctx, 'tail', gnu ? `invalid number of ${k === 'n' ? 'lines' : 'bytes'}: '${v}'` : `invalid number '${v}'`);
      return 1;
    }
    count = n;
    byBytes = k === 'c';
  }
  const list = opts.operands.length ? opts.operands : ['-'];
  let status = 0;
  // busybox opens every file before printing (errors first; headers count the opened files, and
  // none opened is fatal: `tail: no files`); coreutils goes file by file
  const opened: { f: string; data: string | undefined }[] = [];
  const open = (f: string): string | undefined => {
    try {
      return f === '-' ? ctx.stdin : ctx.fs.readFile(abs(ctx, f));
    } catch (e) {
      warn(ctx, 'tail', gnu ? `cannot open '${f}' for reading: ${errText(e)}` : `can't open '${f}': ${errText(e)}`);
      status = 1;
      return undefined;
    }
  };
  if (!gnu) {
    for (const f of list) {
      const data = open(f);
      if (data !== undefined) opened.push({ f, data });
    }
    if (opened.length === 0) {
      warn(ctx, 'tail', 'no files');
      return 1;
    }
  } else for (const f of list) opened.push({ f, data: undefined });
  const headers = ((gnu ? list.length : opened.length) > 1 && !opts.has('q')) || opts.has('v');
  const out = new Out(ctx);
  let first = true;
  for (const { f, data: pre } of opened) {
    const data = gnu ? open(f) : pre;
    if (data === undefined) continue;
    if (headers) out.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    first = false;
    if (byBytes) {
      out.write(fromStart ? data.slice(Math.max(0, count - 1)) : count === 0 ? '' : data.slice(-count));
      continue;
    }
    if (fromStart) {
      out.write(data.slice(nthNewline(data, Math.max(0, count - 1))));
      continue;
    }
    if (count === 0) continue;
    // find the start of the last `count` lines
    let end = data.length;
    if (data.endsWith('\n')) end--;
    let pos = end;
    let n = 0;
    while (pos > 0) {
      const nl = data.lastIndexOf('\n', pos - 1);
      n++;
      if (n === count) {
        pos = nl + 1;
        break;
      }
      if (nl < 0) {
        pos = 0;
        break;
      }
      pos = nl;
    }
    out.write(data.slice(pos));
  }
  out.flush();
  if (opts.has('f') || opts.has('F')) ctx.sleep(Infinity);
  return status;
};

// ---------------------------------------------------------------------------------------------
// sort

interface SortKey {
  f1: number;
  c1: number;
  f2: number;
  c2: number;
  numeric: boolean;
  reverse: boolean;
  fold: boolean;
  blanks: boolean;
  human: boolean;
  general: boolean;
  version: boolean;
  hasOwn: boolean;
}

function parseKey(spec: string, global: SortKey): SortKey | undefined {
  const m = /^(\d+)(?:\.(\d+))?([bdfgiMhnRrV]*)(?:,(\d+)(?:\.(\d+))?([bdfgiMhnRrV]*))?$/.exec(spec);
  if (!m) return undefined;
  const flags = (m[3] ?? '') + (m[6] ?? '');
  const k: SortKey = {
    f1: Number(m[1]),
    c1: m[2] ? Number(m[2]) : 1,
    f2: m[4] ? Number(m[4]) : Infinity,
    c2: m[5] ? Number(m[5]) : 0,
    numeric: flags.includes('n'),
    reverse: flags.includes('r'),
    fold: flags.includes('f'),
    blanks: flags.includes('b'),
    human: flags.includes('h'),
    general: flags.includes('g'),
    version: flags.includes('V'),
    hasOwn: flags.replace(/b/g, '') !== '',
  };
  if (!k.hasOwn) {
    k.numeric = global.numeric;
    k.reverse = global.reverse;
    k.fold = global.fold;
    k.human = global.human;
    k.general = global.general;
    k.version = global.version;
    k.blanks = k.blanks || global.blanks;
  }
  return k;
}

function fieldsOf(line: string, sep: string | undefined): { start: number; end: number }[] {
  const res: { start: number; end: number }[] = [];
  if (sep !== undefined) {
    let s = 0;
    for (;;) {
      const i = line.indexOf(sep, s);
      if (i < 0) {
        res.push({ start: s, end: line.length });
        break;
      }
      res.push({ start: s, end: i });
      s = i + sep.length;
    }
    return res;
  }
  // blank-separated: a field includes its leading blanks
  let i = 0;
  while (i < line.length) {
    const start = i;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
    res.push({ start, end: i });
  }
  if (res.length === 0) res.push({ start: 0, end: 0 });
  return res;
}

function keyText(line: string, k: SortKey, sep: string | undefined): string {
  const fields = fieldsOf(line, sep);
  const f1 = fields[k.f1 - 1];
  if (!f1) return '';
  let startPos = f1.start;
  if (k.blanks) while (startPos < f1.end && (line[startPos] === ' ' || line[startPos] === '\t')) startPos++;
  startPos = Math.min(startPos + k.c1 - 1, k.f2 === Infinity ? line.length : line.length);
  let endPos = line.length;
  if (k.f2 !== Infinity) {
    const f2 = fields[k.f2 - 1];
    if (f2) {
      if (k.c2 === 0) endPos = f2.end;
      else {
        let s = f2.start;
        if (k.blanks) while (s < f2.end && (line[s] === ' ' || line[s] === '\t')) s++;
        endPos = Math.min(s + k.c2, line.length);
      }
    }
  }
  return endPos > startPos ? line.slice(startPos, endPos) : '';
}

function numPrefix(s: string): number {
  const m = /^\s*(-?(\d+\.?\d*|\.\d+))/.exec(s);
  return m ? Number(m[1]) : 0;
}

function humanValue(s: string): number {
  const m = /^\s*(-?(\d+\.?\d*|\.\d+))([KMGTPE]?)/.exec(s);
  if (!m) return 0;
  const idx = ' KMGTPE'.indexOf(m[3] || ' ');
  return Number(m[1]) * Math.pow(1024, Math.max(0, idx));
}

function versionCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = Number(x) - Number(y);
      if (d !== 0) return d;
    } else {
      const c = byteCompare(x, y);
      if (c !== 0) return c;
    }
  }
  return 0;
}

function compareBy(a: string, b: string, k: SortKey): number {
  let x = a;
  let y = b;
  if (k.blanks) {
    x = x.replace(/^[ \t]+/, '');
    y = y.replace(/^[ \t]+/, '');
  }
  let c: number;
  if (k.numeric || k.general) c = numPrefix(x) - numPrefix(y);
  else if (k.human) c = humanValue(x) - humanValue(y);
  else if (k.version) c = versionCompare(x, y);
  else if (k.fold) c = byteCompare(x.toUpperCase(), y.toUpperCase());
  else c = byteCompare(x, y);
  return k.reverse ? -c : c;
}

export const sort: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'sort', args, {
    short: 'rnuk:t:fbo:sghVcCzmMRd',
    long: {
      reverse: { key: 'r' },
      'numeric-sort': { key: 'n' },
      unique: { key: 'u' },
      key: { key: 'k', arg: 'required' },
      'field-separator': { key: 't', arg: 'required' },
      'ignore-case': { key: 'f' },
      'ignore-leading-blanks': { key: 'b' },
      output: { key: 'o', arg: 'required' },
      stable: { key: 's' },
      'human-numeric-sort': { key: 'h' },
      'version-sort': { key: 'V' },
      'general-numeric-sort': { key: 'g' },
      check: { key: 'c' },
    },
  });
  if (!opts) return 2;
  const gnu = ctx.flavor === 'gnu';
  const global: SortKey = {
    f1: 1, c1: 1, f2: Infinity, c2: 0,
    numeric: opts.has('n'), reverse: opts.has('r'), fold: opts.has('f'), blanks: opts.has('b'),
    human: opts.has('h'), general: opts.has('g'), version: opts.has('V'), hasOwn: true,
  };
  const keys: SortKey[] = [];
  for (const ks of opts.all('k')) {
    const k = parseKey(ks, global);
    if (!k) {
      warn(ctx, 'sort', gnu ? `invalid number at field start: invalid count at start of '${ks}'` : `invalid number '${ks}'`);
      return 2;
    }
    keys.push(k);
  }
  const sep = opts.get('t');
  const { srcs, failed } = readAll(ctx, 'sort', opts.operands, (f, e) => (gnu ? `cannot read: ${f}: ${errText(e)}` : `${f}: ${errText(e)}`));
  if (failed) return 2;
  const lines: string[] = [];
  for (const s of srcs) {
    if (!s) continue;
    const l = s.data.split('\n');
    if (l[l.length - 1] === '') l.pop();
    lines.push(...l);
  }
  const cmpLines = (a: string, b: string): number => {
    if (keys.length === 0) {
      const c = compareBy(a, b, global);
      if (c !== 0 || opts.has('s') || opts.has('u')) return c;
      if (!global.numeric && !global.fold && !global.human && !global.general && !global.version && !global.blanks) return c;
      const last = byteCompare(a, b);
      return global.reverse ? -last : last;
    }
    for (const k of keys) {
      const c = compareBy(keyText(a, k, sep), keyText(b, k, sep), k);
      if (c !== 0) return c;
    }
    if (opts.has('s') || opts.has('u')) return 0;
    const last = byteCompare(a, b);
    return global.reverse ? -last : last;
  };
  if (opts.has('c') || opts.has('C')) {
    for (let i = 1; i < lines.length; i++) {
      const c = cmpLines(lines[i - 1], lines[i]);
      if (c > 0 || (opts.has('u') && c === 0)) {
        if (opts.has('c')) {
          const name = opts.operands[0] ?? '-';
          ctx.stderr(gnu ? `sort: ${name}:${i + 1}: disorder: ${lines[i]}\n` : `sort: ${name}:${i + 1}: disorder: ${lines[i]}\n`);
        }
        return 1;
      }
    }
    return 0;
  }
  // busybox sorts with its last-resort whole-line comparison on also under -u, and only the dedupe
  // after it compares keys alone (coreutils/sort.c sets FLAG_no_tie_break after the sort): of
  // lines with equal keys it keeps the smallest line, where GNU keeps the first in input order
  // (found by the shell differential test: `sort -u -t: -k2` kept "Apple 1" over "").
  const tieBreak = !gnu && opts.has('u') && !opts.has('s');
  const sortCmp = (a: string, b: string): number => {
    const c = cmpLines(a, b);
    if (c !== 0 || !tieBreak) return c;
    const last = byteCompare(a, b);
    return global.reverse ? -last : last;
  };
  const sorted = lines.map((l, i) => ({ l, i })).sort((a, b) => sortCmp(a.l, b.l) || a.i - b.i).map((x) => x.l);
  let result = sorted;
  if (opts.has('u')) {
    result = [];
    for (const l of sorted) {
      if (result.length === 0 || cmpLines(result[result.length - 1], l) !== 0) result.push(l);
    }
  }
  const text = result.map((l) => l + '\n').join('');
  const o = opts.get('o');
  if (o !== undefined) {
    try {
      ctx.fs.writeFile(abs(ctx, o), text);
    } catch (e) {
      warn(ctx, 'sort', gnu ? `open failed: ${o}: ${errText(e)}` : `can't open '${o}': ${errText(e)}`);
      return 2;
    }
    return 0;
  }
  const out = new Out(ctx);
  out.write(text);
  out.flush();
  return 0;
};

// ---------------------------------------------------------------------------------------------
// uniq

export const uniq: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'uniq', args, {
    short: 'cduif:s:w:',
    long: { count: { key: 'c' }, repeated: { key: 'd' }, unique: { key: 'u' }, 'ignore-case': { key: 'i' }, 'skip-fields': { key: 'f', arg: 'required' }, 'skip-chars': { key: 's', arg: 'required' }, 'check-chars': { key: 'w', arg: 'required' } },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  const [input = '-', output] = opts.operands;
  let data: string;
  try {
    data = input === '-' ? ctx.stdin : ctx.fs.readFile(abs(ctx, input));
  } catch (e) {
    warn(ctx, 'uniq', gnu ? `${input}: ${errText(e)}` : `can't open '${input}': ${errText(e)}`);
    return 1;
  }
  const lines = data.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const skipF = Number(opts.get('f') ?? '0');
  const skipC = Number(opts.get('s') ?? '0');
  const width = opts.has('w') ? Number(opts.get('w')) : Infinity;
  const keyOf = (l: string): string => {
    let s = l;
    for (let i = 0; i < skipF; i++) s = s.replace(/^[ \t]*[^ \t]*/, '');
    s = s.slice(skipC);
    if (width !== Infinity) s = s.slice(0, width);
    return opts.has('i') ? s.toLowerCase() : s;
  };
  let text = '';
  let i = 0;
  while (i < lines.length) {
    let j = i + 1;
    const k = keyOf(lines[i]);
    while (j < lines.length && keyOf(lines[j]) === k) j++;
    const n = j - i;
    const show = opts.has('d') ? n > 1 : opts.has('u') ? n === 1 : true;
    if (show && !(opts.has('d') && opts.has('u'))) text += (opts.has('c') ? `${String(n).padStart(7)} ` : '') + lines[i] + '\n';
    i = j;
  }
  if (output !== undefined) {
    try {
      ctx.fs.writeFile(abs(ctx, output), text);
    } catch (e) {
      warn(ctx, 'uniq', `${output}: ${errText(e)}`);
      return 1;
    }
    return 0;
  }
  const out = new Out(ctx);
  out.write(text);
  out.flush();
  return 0;
};

// ---------------------------------------------------------------------------------------------
// cut

function parseList(spec: string): { from: number; to: number }[] | undefined {
  const ranges: { from: number; to: number }[] = [];
  for (const part of spec.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '') || part === '') return undefined;
    const from = m[1] === '' ? 1 : Number(m[1]);
    const to = m[2] === '' ? from : m[3] === '' ? Infinity : Number(m[3]);
    if (from === 0) return undefined;
    ranges.push({ from, to });
  }
  return ranges;
}

/**
 * The fields busybox's cut prints (recorded: shell/bb-cut-fields-past-end): the list sorted, and
 * overlapping ranges merged (`-f1,1` is one field, `-f1-2,2-3` three), each range's fields as far
 * as the line has them; but a single field the line does not reach is printed empty, with its
 * delimiter (`-f2,9` of `a b c` is `b ` and `-f5,9` one delimiter, where `-f4-6` prints nothing).
 */
function busyboxFields(fields: readonly string[], ranges: readonly { from: number; to: number }[]): string[] {
  const merged: { from: number; to: number }[] = [];
  for (const r of [...ranges].sort((a, b) => a.from - b.from)) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else merged.push({ ...r });
  }
  const out: string[] = [];
  for (const r of merged) {
    if (r.from > fields.length) {
      if (r.from === r.to) out.push('');
      continue;
    }
    for (let n = r.from; n <= Math.min(r.to, fields.length); n++) out.push(fields[n - 1]);
  }
  return out;
}

export const cut: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'cut', args, {
    short: 'd:f:c:b:sn',
    long: { delimiter: { key: 'd', arg: 'required' }, fields: { key: 'f', arg: 'required' }, characters: { key: 'c', arg: 'required' }, bytes: { key: 'b', arg: 'required' }, 'only-delimited': { key: 's' }, complement: { key: 'C' }, 'output-delimiter': { key: 'O', arg: 'required' } },
  });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  const mode = opts.has('f') ? 'f' : opts.has('c') ? 'c' : opts.has('b') ? 'b' : undefined;
  if (!mode) {
    if (gnu) {
      warn(ctx, 'cut', 'you must specify a list of bytes, characters, or fields');
      ctx.stderr("Try 'cut --help' for more information.\n");
    } else warn(ctx, 'cut', 'expected a list of bytes, characters, or fields');
    return 1;
  }
  const spec = opts.get(mode) ?? '';
  const ranges = parseList(spec);
  if (!ranges) {
    if (gnu) {
      warn(ctx, 'cut', spec.includes('0') ? 'fields and positions are numbered from 1' : 'invalid field range');
      ctx.stderr("Try 'cut --help' for more information.\n");
    } else warn(ctx, 'cut', `invalid range '${spec}'`);
    return 1;
  }
  const delim = opts.get('d') ?? '\t';
  if (delim.length !== 1) {
    warn(ctx, 'cut', gnu ? 'the delimiter must be a single character' : 'the delimiter must be a single character');
    if (gnu) ctx.stderr("Try 'cut --help' for more information.\n");
    return 1;
  }
  const outDelim = opts.get('O') ?? delim;
  const complement = opts.has('C');
  const inList = (n: number): boolean => ranges.some((r) => n >= r.from && n <= r.to) !== complement;
  const { srcs, failed } = readAll(ctx, 'cut', opts.operands, (f, e) => `${f}: ${errText(e)}`);
  const out = new Out(ctx);
  for (const s of srcs) {
    if (!s) continue;
    const lines = s.data.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const line of lines) {
      if (mode === 'f') {
        if (!line.includes(delim)) {
          if (!opts.has('s')) out.line(line);
          continue;
        }
        const fields = line.split(delim);
        out.line((gnu || complement ? fields.filter((_, i) => inList(i + 1)) : busyboxFields(fields, ranges)).join(outDelim));
      } else {
        let r = '';
        for (let i = 0; i < line.length; i++) if (inList(i + 1)) r += line[i];
        out.line(r);
      }
    }
  }
  out.flush();
  return failed ? 1 : 0;
};

// ---------------------------------------------------------------------------------------------
// tr

const TR_CLASSES: Record<string, () => string> = {
  upper: () => range(65, 90),
  lower: () => range(97, 122),
  digit: () => range(48, 57),
  alpha: () => range(65, 90) + range(97, 122),
  alnum: () => range(48, 57) + range(65, 90) + range(97, 122),
  space: () => ' \t\n\r\f\v',
  blank: () => ' \t',
  punct: () => Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).filter((c) => !/[0-9A-Za-z]/.test(c)).join(''),
  xdigit: () => range(48, 57) + range(65, 70) + range(97, 102),
  cntrl: () => range(0, 31) + '\x7f',
  print: () => range(32, 126),
  graph: () => range(33, 126),
};

function range(a: number, b: number): string {
  let s = '';
  for (let i = a; i <= b; i++) s += String.fromCharCode(i);
  return s;
}

function expandSet(spec: string): string {
  // first decode escapes into a list of tokens (char or class)
  let out = '';
  let i = 0;
  const readChar = (): string => {
    const c = spec[i];
    if (c === '\\' && i + 1 < spec.length) {
      const n = spec[i + 1];
      const m = /^[0-7]{1,3}/.exec(spec.slice(i + 1));
      if (m) {
        i += 1 + m[0].length;
        return String.fromCharCode(parseInt(m[0], 8) & 0xff);
      }
      i += 2;
      const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
      return map[n] ?? n;
    }
    i++;
    return c;
  };
  while (i < spec.length) {
    if (spec[i] === '[' && spec[i + 1] === ':') {
      const close = spec.indexOf(':]', i + 2);
      if (close > 0 && TR_CLASSES[spec.slice(i + 2, close)]) {
        out += TR_CLASSES[spec.slice(i + 2, close)]();
        i = close + 2;
        continue;
      }
    }
    if (spec[i] === '[' && /^\[.\*\d*\]/.test(spec.slice(i))) {
      const m = /^\[(.)\*(\d*)\]/.exec(spec.slice(i))!;
      out += m[1].repeat(m[2] === '' ? 1 : Number(m[2]));
      i += m[0].length;
      continue;
    }
    const c = readChar();
    if (spec[i] === '-' && i + 1 < spec.length) {
      i++;
      const d = readChar();
      out += range(c.charCodeAt(0), d.charCodeAt(0));
      continue;
    }
    out += c;
  }
  return out;
}

export const tr: Applet = (ctx, args) => {
  const opts = parseOpts(ctx, 'tr', args, { short: 'dscCt', long: { delete: { key: 'd' }, 'squeeze-repeats': { key: 's' }, complement: { key: 'c' } } });
  if (!opts) return 1;
  const gnu = ctx.flavor === 'gnu';
  const [s1, s2] = opts.operands;
  const del = opts.has('d');
  const squeeze = opts.has('s');
  const comp = opts.has('c') || opts.has('C');
  if (s1 === undefined || (!del && !squeeze && s2 === undefined)) {
    if (gnu) {
      warn(ctx, 'tr', s1 === undefined ? 'missing operand' : `missing operand after '${s1}'`);
      ctx.stderr("Try 'tr --help' for more information.\n");
    } else ctx.stderr('Usage: tr [-cds] STRING1 [STRING2]\n');
    return 1;
  }
  let set1 = expandSet(s1);
  if (comp) {
    const all = range(0, 255);
    set1 = [...all].filter((c) => !set1.includes(c)).join('');
  }
  const set2 = s2 !== undefined ? expandSet(s2) : '';
  const in1 = new Set(set1);
  const map = new Map<string, string>();
  if (!del && s2 !== undefined && set2.length > 0) {
    for (let i = 0; i < set1.length; i++) map.set(set1[i], set2[Math.min(i, set2.length - 1)]);
  }
  const squeezeSet = new Set(del || s2 === undefined ? (del ? set2 : set1) : set2);
  let out = '';
  let last = '';
  const data = ctx.stdin;
  for (let i = 0; i < data.length; i++) {
    let c = data[i];
    if (del && in1.has(c)) continue;
    if (!del) c = map.get(c) ?? c;
    if (squeeze && c === last && squeezeSet.has(c)) continue;
    out += c;
    last = c;
  }
  ctx.stdout(out);
  return 0;
};

// ---------------------------------------------------------------------------------------------
// rev, tac

/** Read FILE or stdin (`-`), reporting a failure the way PROG words it; undefined on failure. */
function readInput(ctx: Ctx, prog: 'rev' | 'tac', f: string): string | undefined {
  try {
    return f === '-' ? ctx.stdin : ctx.fs.readFile(abs(ctx, f));
  } catch (e) {
    const why = errText(e);
    // busybox: perror (`rev: FILE: MSG`); util-linux rev and coreutils tac word it themselves
    if (ctx.flavor !== 'gnu') warn(ctx, prog, `${f}: ${why}`);
    else warn(ctx, prog, prog === 'rev' ? `cannot open ${f}: ${why}` : `failed to open '${f}' for reading: ${why}`);
    return undefined;
  }
}

/** Each line reversed (bytes; the newline stays at the end, a last line without one gets none). */
export const rev: Applet = (ctx, args) => {
  let status = 0;
  let out = '';
  for (const f of args.length ? args : ['-']) {
    const data = readInput(ctx, 'rev', f);
    if (data === undefined) {
      status = 1;
      continue;
    }
    out += data.split('\n').map((l) => [...l].reverse().join('')).join('\n');
  }
  if (out !== '') ctx.stdout(out);
  return status;
};

/**
 * Lines in reverse order; a last line without newline is printed as is (`a\nb` → `ba\n`). busybox
 * reverses all files as one stream, coreutils each file on its own.
 */
export const tac: Applet = (ctx, args) => {
  let status = 0;
  const linesOf = (data: string): string[] => data.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  let out = '';
  const all: string[] = [];
  for (const f of args.length ? args : ['-']) {
    const data = readInput(ctx, 'tac', f);
    if (data === undefined) {
      status = 1;
      continue;
    }
    if (ctx.flavor === 'gnu') out += linesOf(data).reverse().join('');
    else all.push(...linesOf(data));
  }
  if (ctx.flavor !== 'gnu') out = all.reverse().join('');
  if (out !== '') ctx.stdout(out);
  return status;
};

// ---------------------------------------------------------------------------------------------
// paste: corresponding lines of each file joined by delimiters (or, -s, each file's lines on one
// line). GNU (coreutils paste.c) prints an empty field for a file that ran out and ends every
// output line with a newline; busybox (coreutils/paste.c paste_files) skips a file that ran out,
// delimiter and all, and prints the newline only after the last file's line, so a last file
// shorter than the others leaves the line unended. `-` is stdin, shared when named twice.

/** The delimiter list after paste's escapes (`\n` `\t` `\\` `\0` empty); undefined after an error. */
function pasteDelims(ctx: Ctx, list: string): string[] | undefined {
  const gnu = ctx.flavor === 'gnu';
  if (!gnu && list === '') {
    warn(ctx, 'paste', "-d '' is not supported");
    return undefined;
  }
  const out: string[] = [];
  const named: Record<string, string> = { n: '\n', t: '\t', '\\': '\\', '0': '', b: '\b', f: '\f', r: '\r', v: '\v' };
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c !== '\\') {
      out.push(c);
      continue;
    }
    if (i + 1 >= list.length) {
      if (gnu) {
        warn(ctx, 'paste', `delimiter list ends with an unescaped backslash: ${list}`);
        return undefined;
      }
      out.push('\\');
      continue;
    }
    const n = list[++i];
    if (named[n] !== undefined) out.push(named[n]);
    // busybox keeps an escape it does not know (`\z` is `\` and `z`); GNU takes the character
    else if (gnu) out.push(n);
    else out.push('\\', n);
  }
  return gnu && list === '' ? [''] : out;
}

export const paste: Applet = (ctx, argsIn) => {
  const gnu = ctx.flavor === 'gnu';
  // (busybox has no long options)
  const opts = parseOpts(ctx, 'paste', argsIn, { short: 'd:s', long: gnu ? { delimiters: { key: 'd', arg: 'required' }, serial: { key: 's' } } : {} });
  if (!opts) {
    if (!gnu) ctx.stderr(busyboxBanner(ctx) + '\nUsage: paste [-d LIST] [-s] [FILE]...\n\nPaste lines from each input file, separated with tab\n\n\t-d LIST\tUse delimiters from LIST, not tab\n\t-s      Serial: one file at a time\n');
    return 1;
  }
  const d = opts.values.get('d');
  const delims = d === undefined ? ['\t'] : pasteDelims(ctx, d[d.length - 1]);
  if (delims === undefined) return 1;
  const names = opts.operands.length > 0 ? opts.operands : ['-'];
  const out = new Out(ctx);
  let stdinLines: string[] | undefined;
  const stdinCursor = { i: 0 };
  // A directory opens, and its first read fails with EISDIR: GNU reports it where it reads (after
  // flushing what it wrote, as error() does) and goes on as at the file's end; busybox's
  // xmalloc_fgetline takes the error for the end without a word (both observed by the shell
  // differential test, Debian 12).
  const open = (f: string): { lines: string[]; cursor: { i: number }; readError?: string } | undefined => {
    if (f === '-') {
      stdinLines ??= splitPasteLines(ctx.stdin);
      return { lines: stdinLines, cursor: stdinCursor, readError: gnu && ctx.stdinIsDirectory ? '-: Is a directory' : undefined };
    }
    try {
      return { lines: splitPasteLines(ctx.fs.readFile(abs(ctx, f))), cursor: { i: 0 } };
    } catch (e) {
      if (errCode(e) === 'EISDIR') return { lines: [], cursor: { i: 0 }, readError: gnu ? `${f}: ${errText(e)}` : undefined };
      warn(ctx, 'paste', `${f}: ${errText(e)}`);
      return undefined;
    }
  };
  let status = 0;
  const readFailed = (input: { readError?: string }): void => {
    if (input.readError === undefined) return;
    out.flush();
    warn(ctx, 'paste', input.readError);
    status = 1;
  };
  if (opts.has('s')) {
    // GNU goes on past a file it cannot open; busybox opens them all first and dies
    const opened: (ReturnType<typeof open> | string)[] = [];
    for (const f of names) {
      if (gnu) opened.push(f);
      else {
        const input = open(f);
        if (input === undefined) return 1;
        opened.push(input);
      }
    }
    for (const f of opened) {
      const input = typeof f === 'string' ? open(f) : f;
      if (input === undefined) {
        status = 1;
        continue;
      }
      const lines = input.lines.slice(input.cursor.i);
      input.cursor.i = input.lines.length;
      if (lines.length === 0) {
        if (gnu) out.write('\n');
        readFailed(input);
        continue;
      }
      let text = lines[0];
      for (let k = 1; k < lines.length; k++) text += delims[(k - 1) % delims.length] + lines[k];
      out.write(text + '\n');
    }
    out.flush();
    return status;
  }
  // every file is opened first: the first that cannot be stops paste before any output
  const inputs: NonNullable<ReturnType<typeof open>>[] = [];
  for (const f of names) {
    const input = open(f);
    if (input === undefined) return 1;
    inputs.push(input);
  }
  const active = inputs.map(() => true);
  for (;;) {
    if (!active.some((a) => a)) break;
    let line = '';
    // GNU writes a field and its delimiter as it reads them, and keeps the delimiters of files that
    // ended until a later field comes: `line` up to `written` is what it has written this round
    let written = 0;
    let any = false;
    let di = 0;
    for (let k = 0; k < inputs.length; k++) {
      const input = inputs[k];
      const has = active[k] && input.cursor.i < input.lines.length;
      if (!has && active[k]) {
        active[k] = false;
        if (input.readError !== undefined) {
          out.write(line.slice(0, written));
          line = line.slice(written);
          written = 0;
          readFailed(input);
        }
      }
      if (has) {
        line += input.lines[input.cursor.i++];
        any = true;
      } else if (!gnu) continue;
      const last = k === inputs.length - 1;
      const delim = last ? '\n' : delims[di++ % delims.length];
      line += delim;
      if (has) written = line.length;
    }
    // GNU stops once a round reads nothing; busybox's round after the last prints nothing anyway
    if (!any) break;
    out.write(line);
    spendStep(ctx);
  }
  out.flush();
  return status;
};

/** A file's lines without their newlines (a last line without one is a line too). */
function splitPasteLines(data: string): string[] {
  if (data === '') return [];
  const lines = data.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
