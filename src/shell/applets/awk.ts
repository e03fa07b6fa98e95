// awk: the container's is busybox 1.35's (editors/awk.c, built without math: `^`, sqrt, sin, ...
// are "Math support is not compiled in"), the host's is Debian's mawk 1.3.4 20200120 (as `awk`,
// it names itself awk). Program text: awk-parse.ts; arrays and their for-in order: awk-array.ts.
// Where the two differ, each does as the real one (checked by running both; see the tests):
//  - a number as a string: an integral value is printed as an integer, by mawk only within
//    ±2147483647 (its Int), by busybox within a long long; others by CONVFMT/OFMT ("%.6g");
//  - numbers in strings: busybox reads 0x1A and 010 (octal) in input and program as numbers;
//    mawk's strtod reads hex in a conversion, and a field is a number only when it looks like one;
//  - errors: busybox `awk: cmd. line:N: MSG` (exit 1, its output flushed first), mawk
//    `awk: line N: MSG` when reading the program and `awk: run time error: MSG` with the record's
//    place (exit 2, its output after); division by zero is an error to busybox, inf to mawk;
//  - output: mawk writes /dev/stderr at once, busybox buffers it as a file (after stdout);
//    at the end mawk's output pipes (`print | "sort"`) run before its stdout is written, busybox's after.
// rand() and srand() are refused: their values depend on the time or a generator strata has not.

import { FsError, STRERROR } from '../../fs/errors.ts';
import { type Applet, type Flavor, ShellNotSimulated } from '../types.ts';
import { type Ctx, abs, busyboxBanner, checkOutput, spendStep } from './util.ts';
import { DOUBLE, type FloatValue, formatE, formatF, formatG, fromNumber } from './floatfmt.ts';
import { RegexError, ereToJs } from './regex.ts';
import { type AwkArray, BbArray, type Key, MawkArray, dToI } from './awk-array.ts';
import { AwkSyntaxError, type Expr, type Func, type LValue, type Program, type Stmt, parseProgram, stringEscape } from './awk-parse.ts';
import { BoundedMemo } from '../../engine/memos.ts';

/** A value: 0 uninitialised, 1 number, 2 string, 3 string that reads as a number (input). */
interface Cell {
  t: 0 | 1 | 2 | 3;
  n: number;
  s: string;
}

const UNINIT: Cell = { t: 0, n: 0, s: '' };
const EMPTY: Cell = { t: 2, n: 0, s: '' };
const num = (n: number): Cell => ({ t: 1, n, s: '' });
const strCell = (s: string): Cell => ({ t: 2, n: 0, s });

class Holder {
  c: Cell = UNINIT;
}

/** A variable: a scalar, or an array once used as one. */
class Var {
  c: Cell = UNINIT;
  a?: AwkArray<Holder>;
}

/** A fatal error while running: awk.ts words it per flavour. */
class AwkRuntimeError extends Error {
  constructor(
    message: string,
    /** A file that could not be opened: worded without mawk's "run time error". */
    readonly open = false,
    /** What printf had written before it failed (mawk writes as it goes). */
    readonly partial = '',
  ) {
    super(message);
  }
}
class NextSignal {}
class NextFileSignal {}
class ExitSignal {}
class BreakSignal {}
class ContinueSignal {}
class ReturnSignal {
  constructor(readonly value: Cell) {}
}

const MAX_INT = 2147483647;

// ---------------------------------------------------------------------------------------------
// Numbers and strings

/** strtod's prefix of s from i: the value and where it stopped (i when nothing was read). */
function strtod(s: string, i: number): [number, number] {
  let j = i;
  while (j < s.length && ' \t\n\v\f\r'.includes(s[j])) j++;
  const m = /^[+-]?(?:0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan)/i.exec(s.slice(j));
  if (!m) return [0, i];
  let t = m[0];
  const neg = t[0] === '-';
  if (t[0] === '+' || t[0] === '-') t = t.slice(1);
  let v: number;
  if (/^0x/i.test(t)) {
    const hm = /^0x([0-9a-f]*)\.?([0-9a-f]*)(?:p([+-]?[0-9]+))?$/i.exec(t)!;
    v = parseInt(hm[1] || '0', 16) + (hm[2] ? parseInt(hm[2], 16) / 16 ** hm[2].length : 0);
    if (hm[3]) v *= 2 ** Number(hm[3]);
  } else if (/^inf/i.test(t)) v = Infinity;
  else if (/^nan/i.test(t)) v = NaN;
  else v = Number(t);
  return [neg ? -v : v, j + m[0].length];
}

/** busybox's my_strtod: 0x.. is hex and 0NNN octal (whole numbers), else strtod. */
function bbStrtod(s: string, i: number): [number, number] {
  if (s[i] === '0') {
    const c = (s[i + 1] ?? '').toLowerCase();
    if (c === 'x' || /[0-9]/.test(c)) {
      const m = c === 'x' ? /^0x[0-9a-f]*/i.exec(s.slice(i)) : /^0[0-7]*/.exec(s.slice(i));
      const text = m![0];
      if (c === 'x') return text.length > 2 ? [parseInt(text.slice(2), 16), i + text.length] : [0, i + 1];
      const after = s[i + text.length] ?? '';
      if (!/[0-9.]/.test(after)) return [parseInt(text, 8), i + text.length];
    }
  }
  return strtod(s, i);
}

/** `%d`-style text of an integral double (exact for every double). */
function intText(n: number): string {
  return Math.abs(n) < 1e21 ? n.toFixed(0).replace(/^-0$/, '0') : BigInt(n).toString();
}

// ---------------------------------------------------------------------------------------------
// printf

interface Spec {
  flags: string;
  width?: number;
  prec?: number;
  conv: string;
}

function pad(s: string, width: number | undefined, flags: string, numeric: boolean): string {
  if (width === undefined || s.length >= width) return s;
  if (flags.includes('-')) return s + ' '.repeat(width - s.length);
  if (numeric && flags.includes('0')) {
    const prefix = /^[-+ ]?0[xX]/.test(s) ? s.slice(0, /^[-+ ]/.test(s) ? 3 : 2) : /^[-+ ]/.test(s) ? s[0] : '';
    return prefix + '0'.repeat(width - s.length) + s.slice(prefix.length);
  }
  return ' '.repeat(width - s.length) + s;
}

function signed(s: string, flags: string): string {
  if (s.startsWith('-')) return s;
  return flags.includes('+') ? '+' + s : flags.includes(' ') ? ' ' + s : s;
}

/** One conversion of C's printf with a number or string already chosen for it. */
function convert(spec: Spec, v: { n?: number; big?: bigint; s?: string }, negativeNan = false): string {
  const { flags, prec, conv } = spec;
  switch (conv) {
    case 's': {
      const s = v.s ?? '';
      return pad(prec !== undefined ? s.slice(0, prec) : s, spec.width, flags, false);
    }
    case 'c':
      return pad(v.s ?? '', spec.width, flags, false);
    case 'd':
    case 'i': {
      const b = v.big ?? 0n;
      let digits = (b < 0n ? -b : b).toString();
      if (prec !== undefined) digits = prec === 0 && b === 0n ? '' : digits.padStart(prec, '0');
      const s = signed((b < 0n ? '-' : '') + digits, flags);
      return pad(s, spec.width, prec === undefined ? flags : flags.replace('0', ''), true);
    }
    case 'o':
    case 'x':
    case 'X':
    case 'u': {
      const b = v.big ?? 0n;
      let digits = b.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
      if (conv === 'X') digits = digits.toUpperCase();
      if (prec !== undefined) digits = prec === 0 && b === 0n ? '' : digits.padStart(prec, '0');
      if (flags.includes('#')) {
        if (conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
        if ((conv === 'x' || conv === 'X') && b !== 0n) digits = (conv === 'x' ? '0x' : '0X') + digits;
      }
      return pad(digits, spec.width, prec === undefined ? flags : flags.replace('0', ''), true);
    }
    default: {
      const n = v.n ?? 0;
      const fv: FloatValue = Number.isNaN(n) ? { kind: 'nan', neg: negativeNan } : fromNumber(n, DOUBLE);
      const p = prec ?? 6;
      const alt = flags.includes('#');
      const upper = conv === 'E' || conv === 'G' || conv === 'F';
      const text = conv === 'f' || conv === 'F' ? formatF(fv, p, alt, upper) : conv === 'e' || conv === 'E' ? formatE(fv, p, alt, upper) : formatG(fv, p, alt, upper);
      const finite = fv.kind === 'finite';
      return pad(signed(text, flags), spec.width, finite ? flags : flags.replace('0', ''), finite);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The interpreter

interface InStream {
  data: string;
  pos: number;
}

interface OutStream {
  kind: 'file' | 'pipe' | 'stderr';
  parts: string[];
  path?: string;
}

class Awk {
  readonly gnu: boolean;
  private globals = new Map<string, Var>();
  private frame: Map<string, Var> | undefined;
  private record = '';
  private recordFs = ' ';
  private fields: Cell[] | undefined;
  private nf = 0;
  /**
   * busybox's field variables past NF: one that held a value once (in an earlier record, or set)
   * was cleared to a set empty string, one never reached is unset (split_f0, fsrealloc, clrvar).
   */
  private bbNfields = 0;
  private bbDirty: boolean[] = [];
  private out: string[] = [];
  private outSize = 0;
  private outputs = new Map<string, OutStream>();
  private inputs = new Map<string, InStream>();
  private regexCache = new Map<string, RegExp>();
  private ranges = new Map<number, boolean>();
  private exitCode = 0;
  private exiting = false;
  /** The line of the statement being run (busybox's error messages). */
  line = 1;
  // main input
  private operands: string[] = [];
  private opIndex = 0;
  private current: InStream | undefined;
  private usedFile = false;
  private inEnd = false;

  constructor(
    readonly ctx: Ctx,
    readonly prog: Program,
    readonly progName: string,
  ) {
    this.gnu = ctx.flavor === 'gnu';
    const init: [string, string][] = [
      ['FS', ' '], ['OFS', ' '], ['ORS', '\n'], ['RS', '\n'], ['SUBSEP', '\x1c'], ['CONVFMT', '%.6g'], ['OFMT', '%.6g'], ['FILENAME', ''],
    ];
    for (const [k, v] of init) this.global(k).c = strCell(v);
    for (const k of ['NR', 'FNR', 'RSTART', 'RLENGTH']) this.global(k).c = num(k === 'RLENGTH' ? -1 : 0);
    this.global('RLENGTH').c = num(-1);
    this.global('RSTART').c = num(0);
    const env = this.arrayOf('ENVIRON');
    for (const [k, v] of Object.entries(ctx.env)) env.get({ str: k }, true)!.c = this.user(v);
  }

  // ----- values

  toNum(c: Cell): number {
    if (c.t === 1 || c.t === 3) return c.n;
    if (c.t === 0 || c.s === '') return 0;
    return (this.gnu ? strtod(c.s, 0) : bbStrtod(c.s, 0))[0];
  }

  /** A number as a string by `fmt` (CONVFMT or OFMT), integral ones as integers. */
  numStr(n: number, fmt: string): string {
    if (this.gnu) {
      const i = dToI(n);
      if (i === n) return String(i);
    } else if (Number.isFinite(n) && Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63) return intText(n);
    return this.format(fmt, [num(n)], 'sprintf');
  }

  toStr(c: Cell): string {
    return c.t === 1 ? this.numStr(c.n, this.getStr('CONVFMT')) : c.s;
  }

  /** Output text of a value: numbers by OFMT. */
  outStr(c: Cell): string {
    return c.t === 1 ? this.numStr(c.n, this.getStr('OFMT')) : c.s;
  }

  truthy(c: Cell): boolean {
    if (c.t === 1 || c.t === 3) return c.n !== 0;
    return c.s !== '';
  }

  /** A string from input (a field, getline, -v, ARGV, ENVIRON): a number when it reads as one. */
  user(s: string): Cell {
    if (this.gnu) {
      // mawk's check_strnum: after blanks, starts with a digit, sign or dot, ends with a digit or dot
      const t = s.replace(/^[ \t\n]+/, '').replace(/[ \t\n]+$/, '');
      if (t === '' || !/[0-9.]$/.test(t) || !/^[0-9+\-.]/.test(t)) return strCell(s);
      const [v, end] = strtod(t, 0);
      return end === t.length ? { t: 3, n: v, s } : strCell(s);
    }
    if (s === '') return strCell(s);
    const [v, end] = bbStrtod(s, 0);
    if (end === 0 && !/^[ \t]/.test(s)) return strCell(s);
    return /^[ \t]*$/.test(s.slice(end)) && end > 0 ? { t: 3, n: v, s } : strCell(s);
  }

  // ----- variables

  global(name: string): Var {
    let v = this.globals.get(name);
    if (!v) this.globals.set(name, (v = new Var()));
    return v;
  }

  lookup(name: string): Var {
    return this.frame?.get(name) ?? this.global(name);
  }

  getStr(name: string): string {
    return this.toStr(this.global(name).c);
  }

  getVar(name: string): Cell {
    if (name === 'NF' && !this.frame?.has(name)) {
      this.split();
      return num(this.nf);
    }
    const v = this.lookup(name);
    return v.a ? UNINIT : v.c;
  }

  setVar(name: string, c: Cell): void {
    if (name === 'NF' && !this.frame?.has(name)) {
      this.setNf(this.toNum(c));
      return;
    }
    this.lookup(name).c = c.t === 0 ? UNINIT : c;
  }

  newArray(): AwkArray<Holder> {
    return this.gnu
      ? new MawkArray<Holder>((n) => this.format(this.getStr('CONVFMT'), [num(n)], 'sprintf'), () => new Holder())
      : new BbArray<Holder>((k) => ('num' in k ? this.numStr(k.num, this.getStr('CONVFMT')) : k.str), () => new Holder());
  }

  arrayOf(name: string): AwkArray<Holder> {
    const v = this.lookup(name);
    if (!v.a) {
      if (v.c.t !== 0 && this.gnu) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
      v.a = this.newArray();
    }
    return v.a;
  }

  key(subs: Expr[]): Key {
    if (subs.length === 1) {
      const c = this.eval(subs[0]);
      if (this.gnu && c.t === 1) return { num: c.n };
      return { str: this.toStr(c) };
    }
    return { str: subs.map((e) => this.toStr(this.eval(e))).join(this.getStr('SUBSEP')) };
  }

  // ----- records and fields

  setRecord(s: string): void {
    this.record = s;
    this.recordFs = this.getStr('FS');
    this.fields = undefined;
  }

  private split(): Cell[] {
    if (!this.fields) {
      const parts = this.splitText(this.record, this.recordFs, this.getStr('RS') === '');
      this.fields = parts.map((p) => this.user(p));
      this.nf = parts.length;
      if (!this.gnu) {
        for (let i = 1; i <= Math.max(this.bbNfields, parts.length); i++) this.bbDirty[i] = true;
        this.bbNfields = parts.length;
      }
    }
    return this.fields;
  }

  /** Field splitting of s by fs (" ": blanks; one other character: itself; longer: an ERE). */
  splitText(s: string, fs: string, paragraph: boolean): string[] {
    if (s === '') return [];
    if (fs === ' ') return s.split(/[ \t\n]+/).filter((p) => p !== '');
    if (fs === '') return s.split('');
    let re: RegExp;
    if (fs.length === 1 && fs !== '\\') {
      if (fs === '\t' || !paragraph) return paragraph ? s.split(/[\t\n]/) : s.split(fs === '\t' ? '\t' : fs);
      re = new RegExp(`[${fs.replace(/[\]\\^-]/g, '\\$&')}\\n]`);
    } else re = this.regex(fs);
    if (paragraph && fs.length > 1) re = new RegExp(`(?:${re.source})|\\n`, re.flags);
    return this.splitRe(s, re);
  }

  getField(i: number): Cell {
    if (i === 0) return this.user(this.record);
    const f = this.split();
    if (i <= this.nf) return f[i - 1];
    // past NF: mawk's is the empty string; busybox's see bbDirty
    if (this.gnu) return EMPTY;
    this.bbNfields = Math.max(this.bbNfields, i);
    return this.bbDirty[i] ? EMPTY : UNINIT;
  }

  fieldIndex(c: Cell): number {
    const n = this.toNum(c);
    if (n < 0 || Number.isNaN(n)) throw new AwkRuntimeError(this.gnu ? `negative field index $${this.numStr(n, '%.6g')}` : 'Access to negative field');
    return Math.trunc(n);
  }

  setField(i: number, c: Cell): void {
    if (i === 0) {
      this.setRecord(this.toStr(c));
      return;
    }
    const f = this.split();
    while (f.length < i) f.push(UNINIT);
    f[i - 1] = c;
    this.bbDirty[i] = true;
    this.nf = Math.max(this.nf, i);
    this.rebuild();
  }

  private setNf(n: number): void {
    const f = this.split();
    const k = Math.trunc(n);
    if (k < 0) throw new AwkRuntimeError(this.gnu ? `NF set to negative value` : 'NF set to negative value');
    while (f.length < k) f.push(UNINIT);
    f.length = k;
    this.nf = k;
    this.rebuild();
  }

  private rebuild(): void {
    const ofs = this.getStr('OFS');
    this.record = this.split()
      .slice(0, this.nf)
      .map((c) => this.toStr(c))
      .join(ofs);
  }

  // ----- regular expressions

  regex(src: string): RegExp {
    let re = this.regexCache.get(src);
    if (re) return re;
    const key = `${this.gnu ? 'gnu' : 'busybox'}\0${src}`;
    re = REGEXES.get(key);
    if (re) {
      this.regexCache.set(src, re);
      return re;
    }
    let text = '';
    for (let i = 0; i < src.length; i++) {
      const c = src[i];
      if (c === '\\' && i + 1 < src.length) {
        const n = src[i + 1];
        if ('ntrfvab/"'.includes(n) || /[0-7]/.test(n)) {
          const [lit, len] = stringEscape(src, i, 'busybox');
          text += /[\\^$.[\]|()*+?{}]/.test(lit) ? '\\' + lit : lit;
          i += len - 1;
          continue;
        }
        text += c + n;
        i++;
        continue;
      }
      // mawk 1.3.4 20200120 reads braces as themselves (no intervals)
      if (this.gnu && (c === '{' || c === '}')) {
        text += '\\' + c;
        continue;
      }
      text += c;
    }
    try {
      re = new RegExp(ereToJs(text), 's');
    } catch (e) {
      const msg = e instanceof RegexError ? e.message : 'Invalid regular expression';
      throw new AwkRuntimeError(this.gnu ? `regular expression compile failed (${msg})\n${src}` : `bad regex '${src}': ${msg}`);
    }
    this.regexCache.set(src, re);
    REGEXES.set(key, re);
    return re;
  }

  /** The regular expression of a `~` operand, a split separator or sub's first argument. */
  regexOf(e: Expr): RegExp {
    return e.k === 're' ? this.regex(e.src) : this.regex(this.toStr(this.eval(e)));
  }

  // ----- output

  write(s: string): void {
    this.outSize += s.length;
    checkOutput(this.ctx, this.outSize);
    this.out.push(s);
  }

  flush(): void {
    if (this.out.length > 0) this.ctx.stdout(this.out.join(''));
    this.out = [];
  }

  private stream(op: '>' | '>>' | '|', name: string): OutStream | undefined {
    if (name === '/dev/stdout' || name === '-') return undefined;
    let s = this.outputs.get(name);
    if (s) return s;
    if (op === '|') {
      // mawk flushes its output before it starts the command (files.c get_pipe forks)
      this.flush();
      s = { kind: 'pipe', parts: [] };
    }
    else if (name === '/dev/stderr' && this.gnu) s = { kind: 'stderr', parts: [] };
    else {
      const path = name === '/dev/stderr' ? undefined : this.openPath(name);
      s = { kind: path === undefined ? 'stderr' : 'file', parts: [], path };
      if (path !== undefined) {
        try {
          if (op === '>') this.ctx.fs.writeFile(path, '');
          else this.ctx.fs.writeFile(path, '', { append: true });
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          throw new AwkRuntimeError(this.gnu ? `cannot open "${name}" for output (${STRERROR[e.code]})` : `can't open '${name}': ${STRERROR[e.code]}`, true);
        }
      }
    }
    this.outputs.set(name, s);
    return s;
  }

  private openPath(name: string): string {
    try {
      return abs(this.ctx, name);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      throw new AwkRuntimeError(this.gnu ? `cannot open "${name}" for output` : `can't open '${name}': ${STRERROR[e.code]}`);
    }
  }

  /** print's and printf's output; busybox flushes its stream after each (fflush(F) in OC_PRINT). */
  emit(redir: { op: '>' | '>>' | '|'; e: Expr } | undefined, text: string): void {
    const s = redir ? this.stream(redir.op, this.toStr(this.eval(redir.e))) : undefined;
    if (!s) {
      this.write(text);
      if (!this.gnu) this.flush();
    } else if (s.kind === 'stderr' && this.gnu) this.ctx.stderr(text);
    else {
      s.parts.push(text);
      checkOutput(this.ctx, s.parts.reduce((a, p) => a + p.length, 0));
      if (!this.gnu) this.flushStream(s);
    }
  }

  private closeStream(name: string, s: OutStream): number {
    this.outputs.delete(name);
    const data = s.parts.join('');
    s.parts = [];
    if (s.kind === 'stderr') {
      if (data !== '') this.ctx.stderr(data);
      return 0;
    }
    if (s.kind === 'file') {
      if (data !== '') this.ctx.fs.writeFile(s.path!, data, { append: true });
      return 0;
    }
    return this.ctx.run(['sh', '-c', name], { stdin: data, stdout: (t) => this.ctx.stdout(t), stderr: (t) => this.ctx.stderr(t) });
  }

  private flushStream(s: OutStream): void {
    if (s.kind === 'pipe') return;
    const data = s.parts.join('');
    s.parts = [];
    if (data === '') return;
    if (s.kind === 'stderr') this.ctx.stderr(data);
    else this.ctx.fs.writeFile(s.path!, data, { append: true });
  }

  /** At the end: every file written, then stdout and the pipes (mawk: pipes first). */
  finish(): void {
    for (const s of this.outputs.values()) if (s.kind !== 'pipe') this.flushStream(s);
    if (!this.gnu) this.flush();
    for (const [name, s] of [...this.outputs]) this.closeStream(name, s);
    this.flush();
  }

  close(name: string): number {
    const s = this.outputs.get(name);
    if (s) return this.closeStream(name, s);
    if (this.inputs.delete(name)) return 0;
    return -1;
  }

  runCommand(cmd: string, stdin: string, stdout: (s: string) => void): number {
    return this.ctx.run(['sh', '-c', cmd], { stdin, stdout, stderr: (t) => this.ctx.stderr(t) });
  }

  // ----- input

  /** The next record of `s` by RS, or undefined at its end. */
  readRecord(s: InStream): string | undefined {
    const rs = this.getStr('RS');
    const d = s.data;
    if (rs === '') {
      let p = s.pos;
      while (d[p] === '\n') p++;
      if (p >= d.length) {
        s.pos = d.length;
        return undefined;
      }
      const m = /\n\n+/g;
      m.lastIndex = p;
      const r = m.exec(d);
      if (!r) {
        s.pos = d.length;
        return d.slice(p).replace(/\n+$/, '');
      }
      s.pos = r.index + r[0].length;
      return d.slice(p, r.index);
    }
    if (s.pos >= d.length) return undefined;
    if (rs.length === 1) {
      const i = d.indexOf(rs, s.pos);
      const rec = d.slice(s.pos, i < 0 ? d.length : i);
      s.pos = i < 0 ? d.length : i + 1;
      return rec;
    }
    const re = new RegExp(this.regex(rs).source, 'gs');
    re.lastIndex = s.pos;
    let r: RegExpExecArray | null;
    while ((r = re.exec(d)) !== null && r[0] === '') re.lastIndex++;
    const rec = d.slice(s.pos, r ? r.index : d.length);
    s.pos = r ? r.index + r[0].length : d.length;
    return rec;
  }

  /** The next record of the main input (files and assignments of the operands, or stdin). */
  nextMain(): string | undefined {
    for (;;) {
      if (this.current) {
        const rec = this.readRecord(this.current);
        if (rec !== undefined) return rec;
        this.current = undefined;
      }
      if (!this.openNext()) return undefined;
    }
  }

  private openNext(): boolean {
    const argv = this.arrayOf('ARGV');
    const argc = Math.trunc(this.toNum(this.global('ARGC').c));
    while (this.opIndex < argc) {
      const i = this.opIndex++;
      const h = argv.get({ str: String(i) }, false);
      if (i === 0 || !h) continue;
      const arg = this.toStr(h.c);
      if (arg === '') continue;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(arg);
      if (m) {
        this.assignOperand(m[1], m[2]);
        continue;
      }
      this.usedFile = true;
      this.global('FILENAME').c = strCell(arg);
      this.global('FNR').c = num(0);
      let data: string;
      if (arg === '-' || (arg === '/dev/stdin' && this.gnu)) data = this.stdin();
      else {
        try {
          data = this.ctx.fs.readFile(abs(this.ctx, arg));
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          if (e.code === 'EISDIR') throw this.readError();
          throw new AwkRuntimeError(this.gnu ? `cannot open ${arg} (${STRERROR[e.code]})` : `${arg}: ${STRERROR[e.code]}`, true);
        }
      }
      this.current = { data, pos: 0 };
      return true;
    }
    if (!this.usedFile) {
      this.usedFile = true;
      this.global('FILENAME').c = strCell('-');
      this.current = { data: this.stdin(), pos: 0 };
      return true;
    }
    return false;
  }

  /** Standard input; a directory there (`awk ... < dir`) fails the first read. */
  private stdin(): string {
    if (this.ctx.stdinIsDirectory) throw this.readError();
    return this.ctx.stdin;
  }

  /** read(2) of a directory: mawk's FINgets error, busybox's syntax_error(strerror(errno)). */
  private readError(): AwkRuntimeError {
    return this.gnu ? new AwkRuntimeError('read error (Is a directory)', true) : new AwkRuntimeError('Is a directory');
  }

  assignOperand(name: string, value: string): void {
    this.setVar(name, this.user(unescape(value, this.ctx.flavor)));
  }

  private countRecord(): void {
    this.global('NR').c = num(this.toNum(this.global('NR').c) + 1);
    this.global('FNR').c = num(this.toNum(this.global('FNR').c) + 1);
  }

  // ----- running

  run(): number {
    try {
      try {
        for (const b of this.prog.begin) this.execBlock(b);
        if (this.prog.rules.length > 0 || this.prog.end.length > 0) this.mainLoop();
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
      }
      if (!this.exiting || !this.inEnd) {
        this.inEnd = true;
        try {
          for (const b of this.prog.end) this.execBlock(b);
        } catch (e) {
          if (!(e instanceof ExitSignal)) throw e;
        }
      }
    } catch (e) {
      if (e instanceof NextSignal || e instanceof NextFileSignal) {
        // `next` outside a rule: both refuse it when reading the program; not reached here
      } else throw e;
    }
    this.finish();
    return this.exitCode;
  }

  private mainLoop(): void {
    for (;;) {
      const rec = this.nextMain();
      if (rec === undefined) return;
      spendStep(this.ctx);
      this.setRecord(rec);
      this.countRecord();
      try {
        this.prog.rules.forEach((rule, i) => {
          if (!this.matches(i, rule)) return;
          if (rule.body) this.execBlock(rule.body);
          else this.write(this.record + this.getStr('ORS'));
        });
      } catch (e) {
        if (e instanceof NextSignal) continue;
        if (e instanceof NextFileSignal) {
          this.current = undefined;
          continue;
        }
        throw e;
      }
    }
  }

  private matches(i: number, rule: Program['rules'][number]): boolean {
    if (!rule.pattern) return true;
    if (!rule.pattern2) return this.truthy(this.eval(rule.pattern));
    if (this.ranges.get(i)) {
      if (this.truthy(this.eval(rule.pattern2))) this.ranges.set(i, false);
      return true;
    }
    if (!this.truthy(this.eval(rule.pattern))) return false;
    this.ranges.set(i, !this.truthy(this.eval(rule.pattern2)));
    return true;
  }

  execBlock(body: Stmt[]): void {
    for (const s of body) this.exec(s);
  }

  exec(s: Stmt): void {
    switch (s.k) {
      case 'expr':
        this.eval(s.e);
        return;
      case 'print': {
        if ('line' in s) this.line = s.line;
        if (s.args.length === 0) {
          this.emit(s.redir, this.record + this.getStr('ORS'));
          return;
        }
        if (this.gnu) {
          const vals = s.args.map((a) => this.outStr(this.eval(a)));
          this.emit(s.redir, vals.join(this.getStr('OFS')) + this.getStr('ORS'));
          return;
        }
        // busybox writes each argument as it goes (an error in the next one leaves it written)
        const parts: string[] = [];
        try {
          s.args.forEach((a, i) => {
            if (i > 0) parts.push(this.getStr('OFS'));
            parts.push(this.outStr(this.eval(a)));
          });
        } catch (e) {
          if (!s.redir) this.write(parts.join(''));
          throw e;
        }
        this.emit(s.redir, parts.join('') + this.getStr('ORS'));
        return;
      }
      case 'printf': {
        this.line = s.line;
        const vals = s.args.map((a) => this.eval(a));
        let text: string;
        try {
          text = this.format(this.toStr(vals[0]), vals.slice(1), 'printf');
        } catch (e) {
          if (e instanceof AwkRuntimeError && e.partial !== '' && !s.redir) this.write(e.partial);
          throw e;
        }
        this.emit(s.redir, text);
        return;
      }
      case 'if':
        if (this.truthy(this.eval(s.c))) this.exec(s.t);
        else if (s.f) this.exec(s.f);
        return;
      case 'while':
        while (this.truthy(this.eval(s.c))) {
          spendStep(this.ctx);
          if (this.loopBody(s.body)) break;
        }
        return;
      case 'do':
        do {
          spendStep(this.ctx);
          if (this.loopBody(s.body)) break;
        } while (this.truthy(this.eval(s.c)));
        return;
      case 'for':
        if (s.init) this.eval(s.init);
        while (!s.c || this.truthy(this.eval(s.c))) {
          spendStep(this.ctx);
          if (this.loopBody(s.body)) break;
          if (s.step) this.eval(s.step);
        }
        return;
      case 'forin': {
        const keys = this.arrayOf(s.arr).keys();
        for (const k of keys) {
          spendStep(this.ctx);
          this.assign(s.v, strCell(k));
          if (this.loopBody(s.body)) break;
        }
        return;
      }
      case 'block':
        this.execBlock(s.body);
        return;
      case 'next':
        if (this.inEnd || this.prog.rules.length === 0) throw new AwkRuntimeError(this.gnu ? 'improper use of next' : 'next used in BEGIN or END');
        throw new NextSignal();
      case 'nextfile':
        throw new NextFileSignal();
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'exit':
        if (s.e) this.exitCode = Math.trunc(this.toNum(this.eval(s.e))) & 0xff;
        this.exiting = true;
        throw new ExitSignal();
      case 'return':
        throw new ReturnSignal(s.e ? this.eval(s.e) : UNINIT);
      case 'delete': {
        const a = this.arrayOf(s.name);
        if (s.subs) a.remove(this.key(s.subs));
        else a.clear();
        return;
      }
    }
  }

  /** Run a loop's body: true when it breaks. */
  private loopBody(body: Stmt): boolean {
    try {
      this.exec(body);
    } catch (e) {
      if (e instanceof BreakSignal) return true;
      if (e instanceof ContinueSignal) return false;
      throw e;
    }
    return false;
  }

  // ----- expressions

  assign(t: LValue, c: Cell): Cell {
    if (t.k === 'var') this.setVar(t.name, c);
    else if (t.k === 'idx') this.arrayOf(t.name).get(this.key(t.subs), true)!.c = c;
    else this.setField(this.fieldIndex(this.eval(t.e)), c);
    return c;
  }

  private lvalueCell(t: LValue): Cell {
    if (t.k === 'var') return this.getVar(t.name);
    if (t.k === 'idx') return this.arrayOf(t.name).get(this.key(t.subs), true)!.c;
    return this.getField(this.fieldIndex(this.eval(t.e)));
  }

  /** An lvalue's place, evaluated once (`$(i++) += 1` takes one i). */
  private place(t: LValue): { get(): Cell; set(c: Cell): void } {
    if (t.k === 'var') return { get: () => this.getVar(t.name), set: (c) => this.setVar(t.name, c) };
    if (t.k === 'idx') {
      const h = this.arrayOf(t.name).get(this.key(t.subs), true)!;
      return { get: () => h.c, set: (c) => (h.c = c) };
    }
    const i = this.fieldIndex(this.eval(t.e));
    return { get: () => this.getField(i), set: (c) => this.setField(i, c) };
  }

  arith(op: string, a: number, b: number): number {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0 && !this.gnu) throw new AwkRuntimeError('Division by zero');
        return a / b;
      case '%':
        if (b === 0 && !this.gnu) throw new AwkRuntimeError('Division by zero');
        return a % b;
      default:
        if (!this.gnu) throw new AwkRuntimeError('Math support is not compiled in');
        return Math.pow(a, b);
    }
  }

  compare(op: string, a: Cell, b: Cell): boolean {
    let d: number;
    if (a.t !== 2 && b.t !== 2) d = this.toNum(a) - this.toNum(b);
    else {
      const x = this.toStr(a);
      const y = this.toStr(b);
      d = x < y ? -1 : x > y ? 1 : 0;
    }
    switch (op) {
      case '<':
        return d < 0;
      case '<=':
        return d <= 0;
      case '>':
        return d > 0;
      case '>=':
        return d >= 0;
      case '==':
        return d === 0;
      default:
        return d !== 0;
    }
  }

  eval(e: Expr): Cell {
    switch (e.k) {
      case 'num':
        return num(e.v);
      case 'str':
        return strCell(e.v);
      case 're':
        return num(this.regex(e.src).test(this.record) ? 1 : 0);
      case 'group':
        throw new AwkRuntimeError(this.gnu ? 'syntax error' : 'Unexpected token');
      case 'var':
        return this.getVar(e.name);
      case 'idx':
        return this.arrayOf(e.name).get(this.key(e.subs), true)!.c;
      case 'field':
        return this.getField(this.fieldIndex(this.eval(e.e)));
      case 'assign': {
        if (e.op === '=') {
          // the target's place first for a field or element, then the value (as both do)
          const v = this.eval(e.e);
          return this.assign(e.target, v.t === 0 ? UNINIT : v);
        }
        const p = this.place(e.target);
        const b = this.toNum(this.eval(e.e));
        const r = num(this.arith(e.op[0], this.toNum(p.get()), b));
        p.set(r);
        return r;
      }
      case 'cond':
        return this.truthy(this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'and':
        return num(this.truthy(this.eval(e.a)) && this.truthy(this.eval(e.b)) ? 1 : 0);
      case 'or':
        return num(this.truthy(this.eval(e.a)) || this.truthy(this.eval(e.b)) ? 1 : 0);
      case 'in': {
        const a = this.arrayOf(e.name);
        return num(a.get(this.key(e.subs), false) !== undefined ? 1 : 0);
      }
      case 'match': {
        const s = this.toStr(this.eval(e.a));
        const hit = this.regexOf(e.re).test(s);
        return num(hit !== e.neg ? 1 : 0);
      }
      case 'cmp':
        return num(this.compare(e.op, this.eval(e.a), this.eval(e.b)) ? 1 : 0);
      case 'cat': {
        const a = this.toStr(this.eval(e.a));
        return strCell(a + this.toStr(this.eval(e.b)));
      }
      case 'bin': {
        const a = this.toNum(this.eval(e.a));
        return num(this.arith(e.op, a, this.toNum(this.eval(e.b))));
      }
      case 'un': {
        const v = this.eval(e.e);
        if (e.op === '!') return num(this.truthy(v) ? 0 : 1);
        return num(e.op === '-' ? -this.toNum(v) : this.toNum(v));
      }
      case 'incdec': {
        const p = this.place(e.target);
        const old = this.toNum(p.get());
        const r = old + (e.op === '++' ? 1 : -1);
        p.set(num(r));
        return num(e.pre ? r : old);
      }
      case 'call':
        return this.call(this.prog.funcs.get(e.name)!, e.args);
      case 'builtin':
        this.line = e.line;
        return this.builtin(e.name, e.args);
      case 'getline':
        return this.getline(e);
    }
  }

  private call(f: Func, args: Expr[]): Cell {
    spendStep(this.ctx);
    if (args.length > f.params.length) throw new AwkRuntimeError(this.gnu ? `too many arguments in call to ${f.name}` : 'Too many arguments');
    const arrays = this.prog.arrays.get(f.name) ?? new Set<string>();
    const frame = new Map<string, Var>();
    f.params.forEach((p, i) => {
      const a = args[i];
      if (a === undefined) {
        frame.set(p, new Var());
        return;
      }
      if (a.k === 'var') {
        const v = this.lookup(a.name);
        if (v.a || (arrays.has(p) && v.c.t === 0)) {
          frame.set(p, v);
          return;
        }
      }
      const nv = new Var();
      nv.c = this.eval(a);
      frame.set(p, nv);
    });
    const saved = this.frame;
    this.frame = frame;
    try {
      this.execBlock(f.body);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.value;
      throw e;
    } finally {
      this.frame = saved;
    }
    return UNINIT;
  }

  private getline(e: Extract<Expr, { k: 'getline' }>): Cell {
    let rec: string | undefined;
    if (e.cmd) {
      const cmd = this.toStr(this.eval(e.cmd));
      let s = this.inputs.get(cmd);
      if (!s) {
        this.flush();
        for (const o of this.outputs.values()) this.flushStream(o);
        let data = '';
        this.runCommand(cmd, '', (t) => (data += t));
        s = { data, pos: 0 };
        this.inputs.set(cmd, s);
      }
      // neither counts NR for `cmd | getline` (POSIX would)
      rec = this.readRecord(s);
      if (rec === undefined) return num(0);
    } else if (e.file) {
      const name = this.toStr(this.eval(e.file));
      let s = this.inputs.get(name);
      if (!s) {
        let data: string;
        if (name === '-' || name === '/dev/stdin') data = this.ctx.stdin;
        else {
          try {
            const o = this.outputs.get(name);
            if (o) this.flushStream(o);
            data = this.ctx.fs.readFile(abs(this.ctx, name));
          } catch (err) {
            if (!(err instanceof FsError)) throw err;
            return num(-1);
          }
        }
        s = { data, pos: 0 };
        this.inputs.set(name, s);
      }
      rec = this.readRecord(s);
      if (rec === undefined) return num(0);
    } else {
      rec = this.nextMain();
      if (rec === undefined) return num(0);
      this.countRecord();
    }
    if (e.target) this.assign(e.target, this.user(rec));
    else this.setRecord(rec);
    return num(1);
  }

  // ----- builtins

  private builtin(name: string, args: Expr[]): Cell {
    const n = (i: number): number => this.toNum(this.eval(args[i]));
    const s = (i: number): string => this.toStr(this.eval(args[i]));
    const need = (k: number): void => {
      if (args.length < k) throw new AwkRuntimeError(this.gnu ? `wrong number of arguments in call to ${name}` : 'Too few arguments');
    };
    switch (name) {
      case 'length': {
        if (args.length === 0) return num(this.record.length);
        const a = args[0];
        if (a.k === 'var') {
          const v = this.lookup(a.name);
          if (v.a) return num(v.a.size);
        }
        return num(s(0).length);
      }
      case 'substr': {
        need(2);
        const str = s(0);
        const len = str.length;
        if (this.gnu) {
          if (len === 0) return strCell('');
          let cnt = args.length > 2 ? dToIntC(n(2)) : len;
          let i = dToIntC(n(1)) - 1;
          if (args.length === 2) cnt = len;
          if (i > len) cnt = 0;
          if (i < 0) {
            cnt -= i + 1;
            i = 0;
          }
          if (cnt > len - i) cnt = len - i;
          return strCell(cnt <= 0 ? '' : str.slice(i, i + cnt));
        }
        let i = cInt(n(1) - 1);
        if (i > len) i = len;
        if (i < 0) i = 0;
        let cnt = args.length > 2 ? cInt(n(2)) : len - i;
        if (cnt < 0) cnt = 0;
        return strCell(str.slice(i, i + cnt));
      }
      case 'index': {
        need(2);
        const a = s(0);
        const b = s(1);
        if (b === '' && !this.gnu) return num(0);
        return num(a.indexOf(b) + 1);
      }
      case 'split': {
        need(2);
        const str = s(0);
        const target = args[1];
        if (target.k !== 'var') throw new AwkRuntimeError(this.gnu ? 'split: second argument is not an array' : 'Not an array');
        let parts: string[];
        if (args.length > 2) {
          const sep = args[2];
          if (sep.k === 're') parts = this.splitRe(str, this.regex(sep.src));
          else parts = this.splitText(str, this.toStr(this.eval(sep)), false);
        } else parts = this.splitText(str, this.getStr('FS'), false);
        const arr = this.arrayOf(target.name);
        arr.load(
          parts.map((p) => {
            const h = new Holder();
            h.c = this.user(p);
            return h;
          }),
        );
        return num(parts.length);
      }
      case 'sub':
      case 'gsub': {
        need(2);
        const re = this.regexOf(args[0]);
        const repl = s(1);
        const target: LValue = args.length > 2 ? (args[2] as LValue) : { k: 'field', e: { k: 'num', v: 0 } };
        if (target.k !== 'var' && target.k !== 'idx' && target.k !== 'field') {
          throw new AwkRuntimeError(this.gnu ? `${name}: third argument is not a variable` : 'Unexpected token');
        }
        const p = this.place(target);
        const text = this.toStr(p.get());
        const [result, count] = substitute(text, re, repl, name === 'gsub');
        if (count > 0) p.set(strCell(result));
        return num(count);
      }
      case 'match': {
        need(2);
        const str = s(0);
        const m = this.regexOf(args[1]).exec(str);
        const start = m ? m.index + 1 : 0;
        this.global('RSTART').c = num(start);
        this.global('RLENGTH').c = num(m ? m[0].length : -1);
        return num(start);
      }
      case 'sprintf': {
        if (args.length === 0) throw new AwkRuntimeError(this.gnu ? 'wrong number of arguments in call to sprintf' : 'Too few arguments');
        const vals = args.map((a) => this.eval(a));
        return strCell(this.format(this.toStr(vals[0]), vals.slice(1), 'sprintf'));
      }
      case 'int':
        need(1);
        return num(Math.trunc(n(0)));
      case 'tolower':
        need(1);
        return strCell(s(0).replace(/[A-Z]+/g, (x) => x.toLowerCase()));
      case 'toupper':
        need(1);
        return strCell(s(0).replace(/[a-z]+/g, (x) => x.toUpperCase()));
      case 'sin':
      case 'cos':
      case 'exp':
      case 'log':
      case 'sqrt':
      case 'atan2': {
        if (!this.gnu) throw new AwkRuntimeError('Math support is not compiled in');
        need(name === 'atan2' ? 2 : 1);
        if (name === 'atan2') return num(Math.atan2(n(0), n(1)));
        const x = n(0);
        return num(name === 'sin' ? Math.sin(x) : name === 'cos' ? Math.cos(x) : name === 'exp' ? Math.exp(x) : name === 'log' ? Math.log(x) : Math.sqrt(x));
      }
      case 'rand':
      case 'srand':
        throw new ShellNotSimulated(`strata does not simulate awk's ${name}() (its numbers come from the time or a generator strata has not)`);
      case 'system': {
        need(1);
        const cmd = s(0);
        this.flush();
        for (const o of this.outputs.values()) this.flushStream(o);
        return num(this.runCommand(cmd, '', (t) => this.ctx.stdout(t)));
      }
      case 'close':
        need(1);
        return num(this.close(s(0)));
      case 'fflush':
        this.flush();
        for (const o of this.outputs.values()) this.flushStream(o);
        return num(0);
    }
    throw new AwkRuntimeError(`unknown function ${name}`);
  }

  /** str's pieces between the matches of re (an empty match separates nothing). */
  private splitRe(str: string, re: RegExp): string[] {
    if (str === '') return [];
    const out: string[] = [];
    const g = globalRegex(re);
    let start = 0;
    let m: RegExpExecArray | null;
    while ((m = g.exec(str)) !== null) {
      if (m[0] === '') {
        g.lastIndex++;
        continue;
      }
      out.push(str.slice(start, m.index));
      start = m.index + m[0].length;
    }
    out.push(str.slice(start));
    return out;
  }

  // ----- printf

  format(fmt: string, args: Cell[], who: 'printf' | 'sprintf'): string {
    let out = '';
    let ai = 0;
    let i = 0;
    while (i < fmt.length) {
      const c = fmt[i];
      if (c !== '%') {
        out += c;
        i++;
        continue;
      }
      if (fmt[i + 1] === '%') {
        out += '%';
        i += 2;
        continue;
      }
      const start = i;
      i++;
      if (!this.gnu) {
        // busybox: the conversion is the first letter after '%'
        while (i < fmt.length && !/[A-Za-z]/.test(fmt[i])) {
          if (fmt[i] === '*') throw new AwkRuntimeError('%*x formats are not supported');
          i++;
        }
        if (i >= fmt.length) {
          out += fmt.slice(start);
          break;
        }
      }
      const m = /^([-+ #0']*)(\*|[0-9]+)?(?:\.(\*|[0-9]*))?([lh]?)(.?)/.exec(fmt.slice(start + 1))!;
      let [, flags, w, p] = m;
      const conv = m[5];
      const nextArg = (): Cell | undefined => args[ai++];
      const lack = (): never => {
        throw new AwkRuntimeError(`not enough arguments passed to ${who}("${fmt}")`, false, out);
      };
      let width: number | undefined;
      let prec: number | undefined;
      if (w === '*') {
        const a = nextArg() ?? lack();
        const v = dToIntC(this.toNum(a));
        if (v < 0) flags += '-';
        width = Math.abs(v);
      } else if (w !== undefined) width = Number(w);
      if (p === '*') {
        const a = nextArg() ?? lack();
        const v = dToIntC(this.toNum(a));
        prec = v < 0 ? undefined : v;
      } else if (p !== undefined) prec = p === '' ? 0 : Number(p);
      i = start + 1 + m[0].length;
      if (!this.gnu && m[4] !== '') throw new AwkRuntimeError('Invalid format specifier');
      if (!'cdiouxXeEfFgGs'.includes(conv) || conv === '' || (this.gnu && conv === 'F')) {
        if (this.gnu) {
          const count = fmt.slice(0, start + 1).split('%').length - 1;
          throw new AwkRuntimeError(`improper conversion(number ${count}) in ${who}("${fmt}")`);
        }
        throw new AwkRuntimeError('Invalid format specifier');
      }
      let a = nextArg();
      if (a === undefined) {
        if (this.gnu) lack();
        a = UNINIT;
      }
      const spec: Spec = { flags, width, prec, conv };
      switch (conv) {
        case 's':
          out += convert(spec, { s: this.toStr(a) });
          break;
        case 'c': {
          let code: number | undefined;
          if (this.gnu) code = a.t === 1 || a.t === 3 ? dToI(a.n) : a.t === 0 ? 0 : undefined;
          else code = a.t !== 2 ? Math.trunc(this.toNum(a)) : undefined;
          const ch = code !== undefined ? String.fromCharCode(code & 0xff) : a.s === '' ? '\0' : a.s[0];
          out += convert(spec, { s: ch });
          break;
        }
        case 'd':
        case 'i': {
          const v = this.toNum(a);
          out += convert(spec, { big: BigInt(this.gnu ? dToI(Number.isNaN(v) ? -MAX_INT : v) : cInt(v)) });
          break;
        }
        case 'o':
        case 'x':
        case 'X':
        case 'u': {
          const v = this.toNum(a);
          let u: number;
          if (this.gnu) u = v >= 4294967295 ? 4294967295 : v > 0 ? Math.trunc(v) : 0;
          else u = cInt(v) >>> 0;
          out += convert(spec, { big: BigInt(u) });
          break;
        }
        default:
          // x86's arithmetic makes a NaN with the sign bit set (mawk prints 0/0 as -nan); a
          // JavaScript NaN keeps no sign, so every NaN is that one here (busybox's only come
          // from reading "nan", its 0/0 is an error)
          out += convert(spec, { n: this.toNum(a) }, this.gnu);
      }
    }
    return out;
  }
}

/** C's (int) of a double as x86 does it: out of range (and NaN) is INT_MIN. */
function cInt(d: number): number {
  const t = Math.trunc(d);
  return t >= -2147483648 && t <= 2147483647 ? t : -2147483648;
}

/** mawk's d_to_i: clamped to int. */
function dToIntC(d: number): number {
  if (d >= MAX_INT) return MAX_INT;
  if (d > -MAX_INT) return Math.trunc(d);
  return -MAX_INT;
}

/** sub/gsub: `&` is the match, `\&` a literal `&`, `\\` a backslash. */
function substitute(text: string, re: RegExp, repl: string, global: boolean): [string, number] {
  const expand = (m: string): string => {
    let r = '';
    for (let i = 0; i < repl.length; i++) {
      const c = repl[i];
      if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) {
        r += repl[++i];
      } else if (c === '&') r += m;
      else r += c;
    }
    return r;
  };
  const g = globalRegex(re);
  let out = '';
  let count = 0;
  let pos = 0;
  let lastMatchEnd = -1;
  while (pos <= text.length) {
    g.lastIndex = pos;
    const m = g.exec(text);
    if (!m) break;
    if (m[0] === '' && m.index === lastMatchEnd) {
      // an empty match right after a match: take one character and go on
      if (m.index >= text.length) break;
      out += text.slice(pos, m.index + 1);
      pos = m.index + 1;
      continue;
    }
    out += text.slice(pos, m.index) + expand(m[0]);
    count++;
    if (m[0] === '') {
      if (m.index < text.length) out += text[m.index];
      pos = m.index + 1;
    } else pos = m.index + m[0].length;
    lastMatchEnd = m.index + m[0].length;
    if (!global) break;
  }
  if (pos < text.length) out += text.slice(pos);
  return [out, count];
}

/** Escapes in a -v or operand assignment's value, as in a string constant. */
function unescape(v: string, flavor: Ctx['flavor']): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '\\' && i + 1 < v.length) {
      const [t, len] = stringEscape(v, i, flavor);
      out += t;
      i += len - 1;
    } else out += v[i];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The applet

const BB_USAGE =
  'BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n\n' +
  '\t-v VAR=VAL\tSet variable\n\t-F SEP\t\tUse SEP as field separator\n\t-f FILE\t\tRead program from FILE\n\t-e AWK_PROGRAM\n';

/** The usage text of the busybox that runs: 1.38's (the real busybox:latest, util.ts busyboxBanner) names -E with -f. */
function bbUsage(ctx: { readonly busyboxVersion?: string }): string {
  if (ctx.busyboxVersion === undefined) return BB_USAGE;
  return busyboxBanner(ctx) + BB_USAGE.slice(BB_USAGE.indexOf('\n') + 1).replace('\t-f FILE\t\t', '\t-f/-E FILE\t');
}

const MAWK_USAGE = `Usage: mawk [Options] [Program] [file ...]

Program:
    The -f option value is the name of a file containing program text.
    If no -f option is given, a "--" ends option processing; the following
    parameters are the program text.

Options:
    -f program-file  Program  text is read from file instead of from the
                     command-line.  Multiple -f options are accepted.
    -F value         sets the field separator, FS, to value.
    -v var=value     assigns value to program variable var.
    --               unambiguous end of options.

    Implementation-specific options are prefixed with "-W".  They can be
    abbreviated:

    -W version       show version information and exit.
    -W dump          show assembler-like listing of program and exit.
    -W help          show this message and exit.
    -W interactive   set unbuffered output, line-buffered input.
    -W exec file     use file as program as well as last option.
    -W random=number set initial random seed.
    -W sprintf=number adjust size of sprintf buffer.
    -W posix_space   do not consider "\\n" a space.
    -W usage         show this message and exit.
`;

/**
 * Parsed programs by flavour and text. A stand-in runs the same program again and again (the mysql
 * stand-in's mysqld reads its option files with one at every start, catalog/mysql/files/mysqld),
 * and parsing its 3 kB took longer than running it; a run never changes its Program (the interpreter
 * keeps its state in Awk), so one parse serves every run. A syntax error is not kept.
 */
const PROGRAMS = new BoundedMemo<string, Program>(64);

/**
 * Compiled regular expressions by flavour and awk text (Awk.regex). Each run of awk is a new Awk,
 * and a stand-in runs the same program again and again (mysqld's option-file reader, eight runs a
 * page): translating and compiling its dozen regular expressions at every run was about a sixth of
 * the run. They are never global or sticky, so no use leaves state in them (a `g` copy is made for
 * that: globalRegex); a text that does not compile is not kept.
 */
const REGEXES = new BoundedMemo<string, RegExp>(256);

/**
 * The `g` copy of one of Awk.regex's (or splitText's) expressions, made once: its users set
 * lastIndex before each exec and run no other code between, so one copy serves every use.
 */
const GLOBAL_COPIES = new WeakMap<RegExp, RegExp>();
function globalRegex(re: RegExp): RegExp {
  let g = GLOBAL_COPIES.get(re);
  if (g === undefined) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    GLOBAL_COPIES.set(re, g);
  }
  g.lastIndex = 0;
  return g;
}
function parsedProgram(src: string, flavor: Flavor): Program {
  const key = `${flavor}\0${src}`;
  let prog = PROGRAMS.get(key);
  if (prog === undefined) {
    prog = parseProgram(src, flavor);
    PROGRAMS.set(key, prog);
  }
  return prog;
}

export const awk: Applet = (ctx, args) => {
  const gnu = ctx.flavor === 'gnu';
  // mawk names itself by argv[0] (Debian's awk is a link to it)
  const me = gnu ? (ctx.name.split('/').pop() ?? 'awk') : 'awk';
  const fail = (msg: string, code: number): number => {
    ctx.stderr(`${me}: ${msg}\n`);
    return code;
  };
  let fs: string | undefined;
  const assigns: string[] = [];
  const progFiles: string[] = [];
  const progTexts: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const opt = a[1];
    if ('Fvf'.includes(opt) || (opt === 'e' && !gnu) || opt === 'W') {
      let val = a.slice(2);
      if (val === '') {
        if (i + 1 >= args.length) {
          if (gnu) return fail(`option requires an argument -- ${opt}`, 2);
          ctx.stderr(`awk: option requires an argument -- '${opt}'\n${bbUsage(ctx)}`);
          return 1;
        }
        val = args[++i];
      }
      if (opt === 'F') fs = val;
      else if (opt === 'v') assigns.push(val);
      else if (opt === 'f') progFiles.push(val);
      else if (opt === 'e') progTexts.push(val);
      else if (gnu && val.startsWith('v')) {
        ctx.stdout('mawk 1.3.4 20200120\nCopyright 2008-2019,2020, Thomas E. Dickey\nCopyright 1991-1996,2014, Michael D. Brennan\n\n');
        return 0;
      }
      continue;
    }
    if (gnu) return fail(`not an option: ${a}`, 2);
    ctx.stderr(`awk: invalid option -- '${opt}'\n${bbUsage(ctx)}`);
    return 1;
  }
  let src: string;
  let progName = 'cmd. line';
  if (progFiles.length > 0 || progTexts.length > 0) {
    const texts: string[] = [];
    for (const f of progFiles) {
      try {
        texts.push(f === '-' ? ctx.stdin : ctx.fs.readFile(abs(ctx, f)));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        if (gnu) return fail(`couldn't open file ${f}: ${STRERROR[e.code]}`, 2);
        return fail(`can't open '${f}': ${STRERROR[e.code]}`, 1);
      }
      progName = f;
    }
    if (progTexts.length > 0) progName = 'cmd. line';
    src = [...texts, ...progTexts].join('\n');
  } else {
    if (i >= args.length) {
      if (gnu) {
        ctx.stderr(MAWK_USAGE);
        return 0;
      }
      ctx.stderr(bbUsage(ctx));
      return 1;
    }
    src = args[i++];
  }
  let prog: Program;
  try {
    prog = parsedProgram(src, ctx.flavor);
  } catch (e) {
    if (!(e instanceof AwkSyntaxError)) throw e;
    if (gnu) {
      ctx.stderr(`${me}: line ${e.line}: ${e.message.replace('\nawk: ', `\n${me}: `)}\n`);
      return 2;
    }
    return fail(`${progName}:${e.line}: ${e.message}`, 1);
  }
  const awkCtx = ctx;
  const state = new Awk(awkCtx, prog, progName);
  const operands = args.slice(i);
  const argv = state.arrayOf('ARGV');
  argv.get({ str: '0' }, true)!.c = strCell(gnu ? me : 'awk');
  operands.forEach((op, k) => (argv.get({ str: String(k + 1) }, true)!.c = state.user(op)));
  state.global('ARGC').c = num(operands.length + 1);
  try {
    if (fs !== undefined) state.global('FS').c = strCell(fs === 't' && gnu ? '\t' : unescape(fs, ctx.flavor));
    for (const a of assigns) {
      const eq = a.indexOf('=');
      if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(a.slice(0, eq))) {
        if (gnu) return fail(`improper assignment: -v ${a}`, 2);
        ctx.stderr(bbUsage(ctx));
        return 1;
      }
      state.assignOperand(a.slice(0, eq), a.slice(eq + 1));
    }
    return state.run();
  } catch (e) {
    if (!(e instanceof AwkRuntimeError)) throw e;
    if (gnu) {
      // mawk: the message at once, its buffered output at the exit
      const nr = state.toStr(state.global('NR').c);
      const fnr = state.toStr(state.global('FNR').c);
      const file = state.getStr('FILENAME');
      if (e.open) ctx.stderr(`${me}: ${e.message}\n`);
      else ctx.stderr(`${me}: run time error: ${e.message}\n\tFILENAME="${file}" FNR=${fnr} NR=${nr}\n`);
      state.flush();
      return 2;
    }
    state.flush();
    if (e.open) ctx.stderr(`awk: ${e.message}\n`);
    else ctx.stderr(`awk: ${progName}:${state.line}: ${e.message}\n`);
    return 1;
  }
};
