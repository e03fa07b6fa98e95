// bc: GNU bc 1.07.1 on the host, busybox 1.35's (Gavin Howard's) in containers, for what
// tutorials pipe into it: arithmetic on decimal numbers of any length with `scale`, variables
// (`x = 5`, `+=`, `++`), comparisons, `sqrt`, `length`, `scale()`, `obase`, strings, `-l` (scale 20),
// `quit`. Both print the same for these; their errors differ (GNU's go on, busybox's exit 1).
// Refused by name: `if`, `while`, `for`, `define`, arrays, ibase, and the math library's functions;
// and GNU's divide by zero, whose message names an address in its compiled program.

import { type Applet, ShellNotSimulated } from '../types.ts';
import { Out, abs } from './util.ts';
import { FsError, STRERROR } from '../../fs/errors.ts';

/** v / 10^scale. */
interface Num {
  v: bigint;
  s: number;
}

const TEN = (n: number): bigint => 10n ** BigInt(n);
const rescale = (a: Num, s: number): bigint => (s >= a.s ? a.v * TEN(s - a.s) : a.v / TEN(a.s - s));
const n0: Num = { v: 0n, s: 0 };

class BcError extends Error {}

function parseNum(t: string): Num {
  const [i, f = ''] = t.split('.');
  return { v: BigInt((i || '0') + f), s: f.length };
}

function div(a: Num, b: Num, scale: number): Num {
  if (b.v === 0n) throw new BcError('divide by zero');
  // (a.v/10^a.s) / (b.v/10^b.s) at `scale` digits, truncated
  const num = a.v * TEN(scale + b.s);
  const den = b.v * TEN(a.s);
  return { v: num / den, s: scale };
}

function mul(a: Num, b: Num, scale: number): Num {
  const full = { v: a.v * b.v, s: a.s + b.s };
  const s = Math.min(a.s + b.s, Math.max(scale, a.s, b.s));
  return { v: rescale(full, s), s };
}

function cmp(a: Num, b: Num): number {
  const s = Math.max(a.s, b.s);
  const x = rescale(a, s);
  const y = rescale(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

function sqrt(a: Num, scale: number): Num {
  if (a.v < 0n) throw new BcError('square root of negative number');
  const s = Math.max(scale, a.s);
  // floor(sqrt(a * 10^(2s)))
  const n = rescale(a, 2 * s);
  if (n === 0n) return { v: 0n, s };
  let x = BigInt(Math.floor(Math.sqrt(Number(n)))) || 1n;
  for (;;) {
    const y = (x + n / x) / 2n;
    if (y >= x && x * x <= n && (x + 1n) * (x + 1n) > n) break;
    x = y;
  }
  while (x * x > n) x--;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return { v: x, s };
}

function pow(a: Num, e: Num, scale: number): Num {
  if (e.s > 0 && rescale(e, 0) * TEN(e.s) !== e.v) throw new BcError('non-zero scale in exponent');
  let k = rescale(e, 0);
  const neg = k < 0n;
  if (neg) k = -k;
  let r: Num = { v: 1n, s: 0 };
  const exact = { v: a.v ** k, s: a.s * Number(k) };
  if (neg) return div({ v: 1n, s: 0 }, exact, scale);
  const s = Math.min(a.s * Number(k), Math.max(scale, a.s));
  r = { v: rescale(exact, s), s };
  return r;
}

/** A number as bc prints it: no leading 0 before the point, lines of 70 with `\`. */
function show(a: Num, obase: number): string {
  let text: string;
  const neg = a.v < 0n;
  const m = neg ? -a.v : a.v;
  // zero is 0 at any scale
  if (m === 0n) return '0';
  if (obase === 10) {
    const digits = m.toString().padStart(a.s + 1, '0');
    const int = digits.slice(0, digits.length - a.s).replace(/^0+(?=.)/, '');
    const frac = digits.slice(digits.length - a.s);
    text = (int === '0' && a.s > 0 ? '' : int) + (a.s > 0 ? '.' + frac : '');
  } else {
    if (a.s > 0 || obase > 16 || obase < 2) throw new ShellNotSimulated(`strata does not simulate bc's obase=${obase} for this number`);
    text = (m / TEN(a.s)).toString(obase).toUpperCase();
  }
  if (neg && m !== 0n) text = '-' + text;
  if (text === '') text = '0';
  const lines: string[] = [];
  // BC_LINE_LENGTH 70: 68 characters and a backslash a line
  while (text.length > 69) {
    lines.push(text.slice(0, 68) + '\\');
    text = text.slice(68);
  }
  lines.push(text);
  return lines.join('\n');
}

type Tok = { t: 'num' | 'name' | 'op' | 'str' | 'nl' | 'eof'; v: string; line: number };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
    } else if (c === '/' && src[i + 1] === '*') {
      const e = src.indexOf('*/', i + 2);
      const end = e < 0 ? src.length : e + 2;
      line += src.slice(i, end).split('\n').length - 1;
      i = end;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '\n' || c === ';') {
      out.push({ t: 'nl', v: c, line });
      if (c === '\n') line++;
      i++;
    } else if (/[0-9.]/.test(c)) {
      const m = /^(?:[0-9A-F]+\.?[0-9A-F]*|\.[0-9A-F]+)/.exec(src.slice(i))!;
      if (/[A-F]/.test(m[0])) throw new ShellNotSimulated('strata does not simulate bc numbers with hex digits');
      out.push({ t: 'num', v: m[0], line });
      i += m[0].length;
    } else if (/[a-z_]/.test(c)) {
      const m = /^[a-z_][a-z0-9_]*/.exec(src.slice(i))!;
      out.push({ t: 'name', v: m[0], line });
      i += m[0].length;
    } else if (c === '"') {
      const e = src.indexOf('"', i + 1);
      if (e < 0) throw new BcError('string end could not be found');
      const s = src.slice(i + 1, e);
      line += s.split('\n').length - 1;
      out.push({ t: 'str', v: s, line });
      i = e + 1;
    } else {
      const m = /^(?:\+\+|--|[-+*/%^=!<>]=|&&|\|\||[-+*/%^=<>!(),{}[\]])/.exec(src.slice(i));
      if (!m) throw new BcError(`bad character '${c}'`);
      out.push({ t: 'op', v: m[0], line });
      i += m[0].length;
    }
  }
  out.push({ t: 'eof', v: '', line: line + 1 });
  return out;
}

const UNSUPPORTED = new Set(['if', 'else', 'while', 'for', 'define', 'return', 'break', 'continue', 'ibase', 'halt', 'auto', 'limits', 'print', 'read']);

class Bc {
  vars = new Map<string, Num>();
  scale = 0;
  obase = 10;
  toks: Tok[] = [];
  p = 0;
  constructor(readonly out: Out) {}

  get(name: string): Num {
    if (name === 'scale') return { v: BigInt(this.scale), s: 0 };
    if (name === 'obase') return { v: BigInt(this.obase), s: 0 };
    return this.vars.get(name) ?? n0;
  }

  set(name: string, v: Num): void {
    if (name === 'scale' || name === 'obase') {
      const n = Number(rescale(v, 0));
      if (name === 'scale') this.scale = Math.max(0, n);
      else this.obase = n;
      return;
    }
    this.vars.set(name, v);
  }

  peek(): Tok {
    return this.toks[this.p];
  }
  is(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }

  /** Run the statements of `src`; false stops at `quit`. */
  run(src: string): boolean {
    this.toks = lex(src);
    this.p = 0;
    for (;;) {
      const t = this.peek();
      if (t.t === 'eof') return true;
      if (t.t === 'nl') {
        this.p++;
        continue;
      }
      if (t.t === 'name' && t.v === 'quit') return false;
      if (t.t === 'str') {
        this.p++;
        this.out.write(t.v);
        continue;
      }
      this.statement();
    }
  }

  statement(): void {
    const t = this.peek();
    if (t.t === 'name' && UNSUPPORTED.has(t.v) && !(this.toks[this.p + 1]?.t === 'op' && /^[-+*/%^]?=$|^\+\+$|^--$/.test(this.toks[this.p + 1].v))) {
      throw new ShellNotSimulated(`strata does not simulate bc's ${t.v}`);
    }
    const assigns = t.t === 'name' && this.toks[this.p + 1]?.t === 'op' && /^[-+*/%^]?=$/.test(this.toks[this.p + 1].v);
    const v = this.expr();
    const end = this.peek();
    if (end.t !== 'nl' && end.t !== 'eof') throw new BcError('syntax');
    if (!assigns) this.out.write(show(v, this.obase) + '\n');
  }

  expr(): Num {
    const t = this.peek();
    const next = this.toks[this.p + 1];
    if (t.t === 'name' && next?.t === 'op' && /^[-+*/%^]?=$/.test(next.v)) {
      this.p += 2;
      const rhs = this.expr();
      const v = next.v === '=' ? rhs : this.binary(next.v[0], this.get(t.v), rhs);
      this.set(t.v, v);
      return this.get(t.v);
    }
    return this.or();
  }

  or(): Num {
    let a = this.and();
    while (this.is('||')) {
      this.p++;
      const b = this.and();
      a = { v: a.v !== 0n || b.v !== 0n ? 1n : 0n, s: 0 };
    }
    return a;
  }

  and(): Num {
    let a = this.rel();
    while (this.is('&&')) {
      this.p++;
      const b = this.rel();
      a = { v: a.v !== 0n && b.v !== 0n ? 1n : 0n, s: 0 };
    }
    return a;
  }

  rel(): Num {
    const a = this.add();
    const t = this.peek();
    if (t.t === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(t.v)) {
      this.p++;
      const c = cmp(a, this.add());
      const r = { '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0, '==': c === 0, '!=': c !== 0 }[t.v]!;
      return { v: r ? 1n : 0n, s: 0 };
    }
    return a;
  }

  binary(op: string, a: Num, b: Num): Num {
    switch (op) {
      case '+':
      case '-': {
        const s = Math.max(a.s, b.s);
        const x = rescale(a, s);
        const y = rescale(b, s);
        return { v: op === '+' ? x + y : x - y, s };
      }
      case '*':
        return mul(a, b, this.scale);
      case '/':
        return div(a, b, this.scale);
      case '%': {
        if (b.v === 0n) throw new BcError('divide by zero');
        const q = div(a, b, this.scale);
        const qb = mul(q, b, this.scale + b.s);
        const s = Math.max(this.scale + b.s, a.s);
        return { v: rescale(a, s) - rescale(qb, s), s };
      }
      default:
        return pow(a, b, this.scale);
    }
  }

  add(): Num {
    let a = this.mulExpr();
    while (this.is('+') || this.is('-')) {
      const op = this.toks[this.p++].v;
      a = this.binary(op, a, this.mulExpr());
    }
    return a;
  }

  mulExpr(): Num {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.toks[this.p++].v;
      a = this.binary(op, a, this.unary());
    }
    return a;
  }

  unary(): Num {
    if (this.is('-')) {
      this.p++;
      const a = this.unary();
      return { v: -a.v, s: a.s };
    }
    if (this.is('!')) {
      this.p++;
      return { v: this.unary().v === 0n ? 1n : 0n, s: 0 };
    }
    return this.powExpr();
  }

  powExpr(): Num {
    const a = this.postfix();
    if (this.is('^')) {
      this.p++;
      return this.binary('^', a, this.unary());
    }
    return a;
  }

  postfix(): Num {
    const t = this.peek();
    if ((t.v === '++' || t.v === '--') && t.t === 'op') {
      this.p++;
      const n = this.peek();
      if (n.t !== 'name') throw new BcError('syntax');
      this.p++;
      const v = this.binary(t.v[0], this.get(n.v), { v: 1n, s: 0 });
      this.set(n.v, v);
      return this.get(n.v);
    }
    if (t.t === 'name') {
      const n = this.toks[this.p + 1];
      if (n?.t === 'op' && (n.v === '++' || n.v === '--')) {
        this.p += 2;
        const old = this.get(t.v);
        this.set(t.v, this.binary(n.v[0], old, { v: 1n, s: 0 }));
        return old;
      }
    }
    return this.primary();
  }

  primary(): Num {
    const t = this.toks[this.p++];
    if (t.t === 'num') return parseNum(t.v);
    if (t.t === 'op' && t.v === '(') {
      const v = this.expr();
      if (!this.is(')')) throw new BcError('syntax');
      this.p++;
      return v;
    }
    if (t.t === 'name') {
      if (UNSUPPORTED.has(t.v) || this.is('[')) throw new ShellNotSimulated(`strata does not simulate bc's ${t.v}${this.is('[') ? '[]' : ''}`);
      if (['sqrt', 'length', 'scale'].includes(t.v) && this.is('(')) {
        this.p++;
        const a = this.expr();
        if (!this.is(')')) throw new BcError('syntax');
        this.p++;
        if (t.v === 'sqrt') return sqrt(a, this.scale);
        if (t.v === 'scale') return { v: BigInt(a.s), s: 0 };
        const digits = (a.v < 0n ? -a.v : a.v).toString().replace(/^0+/, '');
        return { v: BigInt(Math.max(a.v === 0n ? (a.s > 0 ? a.s : 1) : Math.max(digits.length, a.s), 1)), s: 0 };
      }
      if (this.is('(')) {
        if (!this.toks.slice(this.p).some((x) => x.t === 'op' && x.v === ')')) throw new BcError('syntax');
        throw new ShellNotSimulated(`strata does not simulate bc's functions (${t.v})`);
      }
      return this.get(t.v);
    }
    this.p--;
    throw new BcError('syntax');
  }
}

export const bc: Applet = (ctx, args) => {
  const gnu = ctx.flavor === 'gnu';
  const files: string[] = [];
  let mathlib = false;
  for (const a of args) {
    if (a === '-l' || a === '--mathlib') mathlib = true;
    else if (a === '-q' || a === '--quiet' || a === '-s' || a === '-w') continue;
    else if (a.startsWith('-') && a !== '-') throw new ShellNotSimulated(`strata does not simulate bc ${a}`);
    else files.push(a);
  }
  const out = new Out(ctx);
  const state = new Bc(out);
  if (mathlib) state.scale = 20;
  const inputs: [string, string][] = [];
  for (const f of files) {
    try {
      inputs.push([f, ctx.fs.readFile(abs(ctx, f))]);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      out.flush();
      ctx.stderr(gnu ? `File ${f} is unavailable.\n` : `bc: can't open '${f}': ${STRERROR[e.code]}\n`);
      return 1;
    }
  }
  inputs.push(['-', ctx.stdin]);
  for (const [, text] of inputs) {
    // bc reads and runs a statement at a time; an error ends the line for GNU, bc for busybox
    const lines = text.split('\n');
    let lineNo = 0;
    for (const line of lines) {
      lineNo++;
      try {
        if (!state.run(line)) {
          out.flush();
          return 0;
        }
      } catch (e) {
        if (!(e instanceof BcError)) throw e;
        out.flush();
        if (gnu) {
          if (e.message === 'divide by zero') throw new ShellNotSimulated("strata does not simulate GNU bc's divide by zero (its message names an address in the compiled program)");
          // GNU reads the line's newline before it finds the error
          ctx.stderr(`(standard_in) ${lineNo < lines.length ? lineNo + 1 : lineNo}: syntax error\n`);
          continue;
        }
        ctx.stderr(e.message === 'syntax' ? "bc: bad expression at ''\n" : `bc: ${e.message}\n`);
        return 1;
      }
    }
  }
  out.flush();
  return 0;
};
