// awk's program text: a lexer and a recursive-descent parser into the tree awk.ts runs. One
// grammar for both flavours (POSIX awk's, as busybox 1.35's editors/awk.c and mawk 1.3.4 read it);
// where they read a program differently the flavour says (busybox takes `**` for `^`, keeps no
// `\q` of an unknown string escape; mawk refuses a scalar used as an array at parse time).

import type { Flavor } from '../types.ts';

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  /** A regular expression literal: as a value it is `$0 ~ /re/`. */
  | { k: 're'; src: string }
  | { k: 'var'; name: string }
  | { k: 'idx'; name: string; subs: Expr[] }
  | { k: 'field'; e: Expr }
  | { k: 'assign'; op: string; target: LValue; e: Expr }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr }
  | { k: 'and' | 'or'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; neg: boolean; a: Expr; re: Expr }
  | { k: 'cmp'; op: string; a: Expr; b: Expr }
  | { k: 'cat'; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'un'; op: string; e: Expr }
  | { k: 'incdec'; pre: boolean; op: '++' | '--'; target: LValue }
  | { k: 'call'; name: string; args: Expr[]; line: number }
  | { k: 'builtin'; name: string; args: Expr[]; line: number }
  | { k: 'getline'; target?: LValue; file?: Expr; cmd?: Expr }
  /** `(a, b)`: only before `in`, or as print's argument list. */
  | { k: 'group'; items: Expr[] };

export type LValue = Extract<Expr, { k: 'var' | 'idx' | 'field' }>;

export interface Redirect {
  op: '>' | '>>' | '|';
  e: Expr;
}

export type Stmt =
  | { k: 'expr'; e: Expr }
  | { k: 'print' | 'printf'; args: Expr[]; redir?: Redirect; line: number }
  | { k: 'if'; c: Expr; t: Stmt; f?: Stmt }
  | { k: 'while'; c: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; c: Expr }
  | { k: 'for'; init?: Expr; c?: Expr; step?: Expr; body: Stmt }
  | { k: 'forin'; v: LValue; arr: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'nextfile' | 'break' | 'continue' }
  | { k: 'exit' | 'return'; e?: Expr }
  | { k: 'delete'; name: string; subs?: Expr[] };

export interface Rule {
  pattern?: Expr;
  /** The end of a range pattern `a, b`. */
  pattern2?: Expr;
  /** No action: print $0. */
  body?: Stmt[];
}

export interface Func {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface Program {
  begin: Stmt[][];
  end: Stmt[][];
  rules: Rule[];
  funcs: Map<string, Func>;
  /** Names used with a subscript (in, for-in, delete, split's target, a[...]) per scope: '' for globals. */
  arrays: Map<string, Set<string>>;
}

/** A syntax error, worded by the flavour (awk.ts prints it with the program's name). */
export class AwkSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export const BUILTINS = new Set([
  'length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'sin', 'cos', 'atan2', 'exp', 'log', 'sqrt', 'int', 'rand',
  'srand', 'tolower', 'toupper', 'system', 'close', 'fflush',
]);
const KEYWORDS = new Set([
  'BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete',
  'in', 'getline', 'print', 'printf',
]);

type TokKind = 'num' | 'str' | 'ere' | 'name' | 'funcname' | 'builtin' | 'kw' | 'op' | 'nl' | 'eof';
interface Tok {
  t: TokKind;
  v: string;
  n?: number;
  line: number;
}

// Longest first.
const OPS = ['**=', '&&', '||', '==', '<=', '>=', '!=', '++', '--', '+=', '-=', '*=', '/=', '%=', '^=', '>>', '!~', '**', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

/**
 * OPS by their first character, each list in OPS's order (longest first where one is a prefix of
 * another): the lexer tries only the few an operator could be, where it tried all 41 at every token.
 */
const OPS_BY_FIRST = new Map<string, string[]>();
for (const op of OPS) {
  const list = OPS_BY_FIRST.get(op[0]);
  if (list === undefined) OPS_BY_FIRST.set(op[0], [op]);
  else list.push(op);
}

// Sticky expressions (lastIndex = the lexer's position): a name or number is matched where it
// starts, without a copy of the rest of the program for each token (`s.slice(pos)`).
const NAME_AT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER_AT = /(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
const HEX_AT = /0[xX][0-9a-fA-F]+/y;

/** Tokens after which `/` divides; before anything else it starts a regular expression. */
function endsOperand(t: Tok | undefined): boolean {
  if (!t) return false;
  if (t.t === 'num' || t.t === 'str' || t.t === 'ere' || t.t === 'name' || t.t === 'builtin') return true;
  return t.t === 'op' && (t.v === ')' || t.v === ']' || t.v === '$' || t.v === '++' || t.v === '--');
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

class Lexer {
  pos = 0;
  line = 1;
  prev: Tok | undefined;
  /** Open parentheses and braces so far (mawk's yyerror says what is missing by them). */
  parens = 0;
  braces = 0;
  constructor(
    readonly src: string,
    readonly flavor: Flavor,
  ) {}

  save(): [number, number, Tok | undefined, number, number] {
    return [this.pos, this.line, this.prev, this.parens, this.braces];
  }
  restore(s: [number, number, Tok | undefined, number, number]): void {
    [this.pos, this.line, this.prev, this.parens, this.braces] = s;
  }

  next(): Tok {
    const t = this.scan();
    this.prev = t;
    if (t.t === 'op') {
      if (t.v === '(') this.parens++;
      else if (t.v === ')') this.parens = Math.max(0, this.parens - 1);
      else if (t.v === '{') this.braces++;
      else if (t.v === '}') this.braces = Math.max(0, this.braces - 1);
    }
    return t;
  }

  private scan(): Tok {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '\\' && s[this.pos + 1] === '\r' && s[this.pos + 2] === '\n') {
        this.pos += 3;
        this.line++;
      } else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else break;
    }
    const line = this.line;
    // mawk's end of file is on the line after the last one
    if (this.pos >= s.length) return { t: 'eof', v: '', line: this.flavor === 'gnu' && !s.endsWith('\n') ? line + 1 : line };
    const c = s[this.pos];
    if (c === '\n') {
      this.pos++;
      this.line++;
      return { t: 'nl', v: '\n', line };
    }
    if (isDigit(c) || (c === '.' && isDigit(s[this.pos + 1]))) {
      let hex: RegExpExecArray | null = null;
      if (this.flavor === 'busybox') {
        HEX_AT.lastIndex = this.pos;
        hex = HEX_AT.exec(s);
      }
      if (hex) {
        this.pos += hex[0].length;
        return { t: 'num', v: hex[0], n: parseInt(hex[0].slice(2), 16), line };
      }
      NUMBER_AT.lastIndex = this.pos;
      const m = NUMBER_AT.exec(s)!;
      this.pos += m[0].length;
      let n = Number(m[0]);
      // busybox reads a number as its strings (my_strtod): 010 is octal, 0x1f hex
      if (this.flavor === 'busybox' && /^0[0-7]+$/.test(m[0])) n = parseInt(m[0], 8);
      return { t: 'num', v: m[0], n, line };
    }
    if (isNameStart(c)) {
      NAME_AT.lastIndex = this.pos;
      const m = NAME_AT.exec(s)!;
      this.pos += m[0].length;
      const w = m[0];
      if (KEYWORDS.has(w)) return { t: 'kw', v: w === 'func' ? 'function' : w, line };
      if (BUILTINS.has(w)) return { t: 'builtin', v: w, line };
      if (s[this.pos] === '(') return { t: 'funcname', v: w, line };
      return { t: 'name', v: w, line };
    }
    if (c === '"') return this.string(line);
    if (c === '/' && !endsOperand(this.prev)) return this.regex(line);
    for (const op of OPS_BY_FIRST.get(c) ?? []) {
      // mawk has no `**`: two multiplications (a syntax error)
      if (op.startsWith('**') && this.flavor === 'gnu') continue;
      if (s.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { t: 'op', v: op, line };
      }
    }
    this.pos++;
    throw new AwkSyntaxError(this.flavor === 'gnu' ? `syntax error at or near ${c}` : 'Unexpected token', line);
  }

  private string(line: number): Tok {
    const s = this.src;
    let out = '';
    let i = this.pos + 1;
    for (;;) {
      if (i >= s.length || s[i] === '\n') {
        throw new AwkSyntaxError(this.flavor === 'gnu' ? `runaway string constant "${s.slice(this.pos + 1, Math.min(i, this.pos + 11))} ...` : 'Unexpected end of string', line);
      }
      const c = s[i];
      if (c === '"') break;
      if (c === '\\' && i + 1 < s.length) {
        const [text, len] = stringEscape(s, i, this.flavor);
        out += text;
        i += len;
        continue;
      }
      out += c;
      i++;
    }
    this.pos = i + 1;
    return { t: 'str', v: out, line };
  }

  private regex(line: number): Tok {
    const s = this.src;
    let out = '';
    let i = this.pos + 1;
    let inBracket = false;
    for (;;) {
      if (i >= s.length || s[i] === '\n') {
        throw new AwkSyntaxError(this.flavor === 'gnu' ? `runaway regular expression /${s.slice(this.pos + 1, Math.min(i, this.pos + 11))} ...` : 'Unexpected end of string', line);
      }
      const c = s[i];
      if (c === '\\' && i + 1 < s.length) {
        if (s[i + 1] === '/') out += '/';
        else out += c + s[i + 1];
        i += 2;
        continue;
      }
      // busybox reads up to the next `/` even inside a bracket; mawk too (a `/` in brackets ends it)
      if (c === '/' && !inBracket) break;
      out += c;
      i++;
    }
    this.pos = i + 1;
    return { t: 'ere', v: out, line };
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** One backslash escape of a string constant at s[i]: its text and how many characters it took. */
export function stringEscape(s: string, i: number, flavor: Flavor): [string, number] {
  const n = s[i + 1];
  if (/[0-7]/.test(n)) {
    const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))!;
    return [String.fromCharCode(parseInt(m[0], 8) & 0xff), 1 + m[0].length];
  }
  // mawk keeps `\/` in a string (it means `/` only in a regular expression) and any unknown one
  if (n === '/' && flavor === 'gnu') return ['\\/', 2];
  if (n in ESCAPES) return [ESCAPES[n], 2];
  return [flavor === 'gnu' ? '\\' + n : n, 2];
}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=', '**=']);
const CONCAT_START = new Set(['$', '!', '(', '++', '--']);

export function parseProgram(src: string, flavor: Flavor): Program {
  return new Parser(src, flavor).program();
}

class Parser {
  private lx: Lexer;
  private tok: Tok;
  /** Inside print's arguments (not in parentheses): `>` is a redirection. */
  private noGt = false;
  /** Inside `for (`...: `in` belongs to the loop. */
  private loops = 0;
  private funcName = '';
  private params: string[] = [];
  private prog: Program = { begin: [], end: [], rules: [], funcs: new Map(), arrays: new Map([['', new Set()]]) };
  private calls: { name: string; line: number }[] = [];
  private scalars = new Map<string, number>();

  constructor(
    src: string,
    private readonly flavor: Flavor,
  ) {
    this.lx = new Lexer(src, flavor);
    this.tok = this.lx.next();
  }

  private get gnu(): boolean {
    return this.flavor === 'gnu';
  }

  /** The token before the current one (busybox words an error by it). */
  private last: Tok | undefined;

  private advance(): Tok {
    const t = this.tok;
    this.last = t;
    this.tok = this.lx.next();
    return t;
  }

  private is(v: string, t: TokKind = 'op'): boolean {
    return this.tok.t === t && this.tok.v === v;
  }

  private error(): never {
    const t = this.tok;
    // busybox's next_token words it by the class of the token before the unexpected one
    const l = this.last;
    if (!this.gnu) throw new AwkSyntaxError(l === undefined || l.t === 'eof' || l.t === 'nl' ? 'Unexpected end of string' : 'Unexpected token', t.line);
    // mawk's yyerror (error.c): a missing ) or } when the token could end what is open
    const shown = t.t === 'eof' ? 'end of file' : t.t === 'nl' ? 'end of line' : t.t === 'ere' ? `/${t.v}/` : t.v;
    if (this.lx.parens > 0 && (t.t === 'eof' || t.t === 'nl' || (t.t === 'op' && (t.v === ';' || t.v === '}')))) {
      throw new AwkSyntaxError(`missing ) near ${shown}`, t.line);
    }
    if (this.lx.braces > 0 && (t.t === 'eof' || (t.t === 'kw' && (t.v === 'BEGIN' || t.v === 'END')))) throw new AwkSyntaxError(`missing } near ${shown}`, t.line);
    throw new AwkSyntaxError(`syntax error at or near ${shown}`, t.line);
  }

  private expect(v: string, t: TokKind = 'op'): Tok {
    if (!this.is(v, t)) this.error();
    return this.advance();
  }

  private skipNl(): void {
    while (this.tok.t === 'nl') this.advance();
  }

  private skipTerms(): void {
    while (this.tok.t === 'nl' || this.is(';')) this.advance();
  }

  program(): Program {
    this.skipTerms();
    while (this.tok.t !== 'eof') {
      if (this.gnu && this.is('}')) {
        const line = this.tok.line;
        this.advance();
        const after: Tok = this.tok;
        const next = after.t === 'eof' || after.t === 'nl' ? 'end of line' : after.v;
        throw new AwkSyntaxError(`extra '}'\nawk: line ${line}: syntax error at or near ${next}`, line);
      }
      this.item();
      this.skipTerms();
    }
    for (const c of this.calls) {
      if (!this.prog.funcs.has(c.name)) {
        throw new AwkSyntaxError(this.gnu ? `function ${c.name} never defined` : 'Call to undefined function', this.gnu ? this.tok.line : c.line);
      }
    }
    return this.prog;
  }

  private item(): void {
    if (this.is('BEGIN', 'kw')) {
      this.advance();
      this.skipNl();
      this.prog.begin.push(this.block());
      return;
    }
    if (this.is('END', 'kw')) {
      this.advance();
      this.skipNl();
      this.prog.end.push(this.block());
      return;
    }
    if (this.is('function', 'kw')) {
      this.advance();
      const nameTok = this.tok;
      if (nameTok.t !== 'name' && nameTok.t !== 'funcname') this.error();
      this.advance();
      if (this.prog.funcs.has(nameTok.v)) throw new AwkSyntaxError(this.gnu ? `function ${nameTok.v} redefined` : 'Duplicate function', nameTok.line);
      this.expect('(');
      const params: string[] = [];
      while (!this.is(')')) {
        if (this.tok.t !== 'name') this.error();
        params.push(this.advance().v);
        if (this.is(',')) {
          this.advance();
          this.skipNl();
        } else if (!this.is(')')) this.error();
      }
      this.advance();
      this.skipNl();
      this.funcName = nameTok.v;
      this.params = params;
      this.prog.arrays.set(nameTok.v, new Set());
      const f: Func = { name: nameTok.v, params, body: [] };
      this.prog.funcs.set(nameTok.v, f);
      f.body = this.block();
      this.funcName = '';
      this.params = [];
      return;
    }
    const rule: Rule = {};
    if (!this.is('{')) {
      rule.pattern = this.expr();
      if (this.is(',')) {
        this.advance();
        this.skipNl();
        rule.pattern2 = this.expr();
      }
    }
    if (this.is('{')) rule.body = this.block();
    // a pattern without an action ends at a newline or `;` (`NR == 1 END { }` is an error)
    else if (!(this.tok.t === 'nl' || this.tok.t === 'eof' || this.is(';'))) this.error();
    this.prog.rules.push(rule);
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    this.skipTerms();
    while (!this.is('}')) {
      if (this.tok.t === 'eof') this.expect('}');
      body.push(this.stmt());
      this.skipTerms();
    }
    this.advance();
    return body;
  }

  /** A simple statement's end: `;` or a newline (taken), `}` or the end (left). */
  private term(): void {
    if (this.is(';') || this.tok.t === 'nl') {
      this.advance();
      return;
    }
    if (this.is('}') || this.tok.t === 'eof') return;
    this.error();
  }

  /** The statement an if, while or for runs: `;` alone is an empty one. */
  private body(): Stmt {
    this.skipNl();
    if (this.is(';')) {
      this.advance();
      return { k: 'block', body: [] };
    }
    return this.stmt();
  }

  private stmt(): Stmt {
    const t = this.tok;
    if (this.is('{')) return { k: 'block', body: this.block() };
    if (t.t === 'kw') {
      switch (t.v) {
        case 'if': {
          this.advance();
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          const then = this.body();
          const saved = this.lx.save();
          const savedTok = this.tok;
          while (this.tok.t === 'nl' || this.is(';')) this.advance();
          if (this.is('else', 'kw')) {
            this.advance();
            return { k: 'if', c, t: then, f: this.body() };
          }
          this.lx.restore(saved);
          this.tok = savedTok;
          return { k: 'if', c, t: then };
        }
        case 'while': {
          this.advance();
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          if (this.is(';')) {
            this.advance();
            return { k: 'while', c, body: { k: 'block', body: [] } };
          }
          this.loops++;
          const body = this.body();
          this.loops--;
          return { k: 'while', c, body };
        }
        case 'do': {
          this.advance();
          this.loops++;
          const body = this.body();
          this.loops--;
          this.skipTerms();
          this.expect('while', 'kw');
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          this.term();
          return { k: 'do', body, c };
        }
        case 'for':
          return this.forStmt();
        case 'break':
        case 'continue':
          this.advance();
          if (this.loops === 0 && !this.gnu) throw new AwkSyntaxError(`'${t.v}' not in a loop`, t.line);
          this.term();
          return { k: t.v };
        case 'next':
        case 'nextfile':
          this.advance();
          this.term();
          return { k: t.v };
        case 'exit':
        case 'return': {
          this.advance();
          let e: Expr | undefined;
          if (!(this.is(';') || this.is('}') || this.tok.t === 'nl' || this.tok.t === 'eof')) e = this.expr();
          this.term();
          return { k: t.v, e };
        }
        case 'delete': {
          this.advance();
          if (this.tok.t !== 'name') this.error();
          const name = this.advance().v;
          this.markArray(name);
          let subs: Expr[] | undefined;
          if (this.is('[')) {
            this.advance();
            subs = this.exprList(']');
          }
          this.term();
          return { k: 'delete', name, subs };
        }
        case 'print':
        case 'printf':
          return this.printStmt();
      }
    }
    if (this.is(';')) {
      this.advance();
      return { k: 'block', body: [] };
    }
    const e = this.expr();
    this.term();
    return { k: 'expr', e };
  }

  private forStmt(): Stmt {
    this.advance();
    this.expect('(');
    // for (NAME in ARRAY)
    if (this.tok.t === 'name') {
      const saved = this.lx.save();
      const savedTok = this.tok;
      const name = this.advance();
      if (this.is('in', 'kw')) {
        this.advance();
        if (this.tok.t === 'name') {
          const arr = this.advance().v;
          if (this.is(')')) {
            this.advance();
            this.markArray(arr);
            this.markScalar(name.v, name.line);
            this.loops++;
            const body = this.body();
            this.loops--;
            return { k: 'forin', v: { k: 'var', name: name.v }, arr, body };
          }
        }
      }
      this.lx.restore(saved);
      this.tok = savedTok;
    }
    const init = this.is(';') ? undefined : this.expr();
    this.expect(';');
    this.skipNl();
    const c = this.is(';') ? undefined : this.expr();
    this.expect(';');
    this.skipNl();
    const step = this.is(')') ? undefined : this.expr();
    this.expect(')');
    if (this.is(';')) {
      this.advance();
      return { k: 'for', init, c, step, body: { k: 'block', body: [] } };
    }
    this.loops++;
    const body = this.body();
    this.loops--;
    return { k: 'for', init, c, step, body };
  }

  private printStmt(): Stmt {
    const t = this.advance();
    let args: Expr[] = [];
    const saved = this.noGt;
    this.noGt = true;
    if (!(this.is(';') || this.is('}') || this.is('>') || this.is('>>') || this.is('|') || this.tok.t === 'nl' || this.tok.t === 'eof')) {
      args = this.exprList(undefined);
    }
    this.noGt = saved;
    if (args.length === 1 && args[0].k === 'group') args = args[0].items;
    let redir: Redirect | undefined;
    if (this.is('>') || this.is('>>') || this.is('|')) {
      const op = this.advance().v as Redirect['op'];
      const s = this.noGt;
      this.noGt = true;
      redir = { op, e: this.ternary() };
      this.noGt = s;
    }
    if (t.v === 'printf' && args.length === 0) this.error();
    this.term();
    return { k: t.v as 'print' | 'printf', args, redir, line: t.line };
  }

  /** Comma-separated expressions, up to `close` (taken) or, without one, while commas follow. */
  private exprList(close: string | undefined): Expr[] {
    const out: Expr[] = [];
    const saved = this.noGt;
    if (close) this.noGt = false;
    if (close && this.is(close)) {
      this.advance();
      this.noGt = saved;
      return out;
    }
    for (;;) {
      out.push(this.expr());
      if (this.is(',')) {
        this.advance();
        this.skipNl();
        continue;
      }
      break;
    }
    if (close) this.expect(close);
    this.noGt = saved;
    return out;
  }

  expr(): Expr {
    return this.ternary();
  }

  private ternary(): Expr {
    const c = this.or();
    if (this.is('?')) {
      this.advance();
      this.skipNl();
      const a = this.ternary();
      this.skipNl();
      this.expect(':');
      this.skipNl();
      const b = this.ternary();
      return { k: 'cond', c, a, b };
    }
    if (this.tok.t === 'op' && ASSIGN_OPS.has(this.tok.v)) {
      if (c.k === 'var' || c.k === 'idx' || c.k === 'field') {
        let op = this.advance().v;
        if (op === '**=') {
          if (this.gnu) this.error();
          op = '^=';
        }
        this.skipNl();
        if (c.k === 'var') this.markScalar(c.name, this.tok.line);
        return { k: 'assign', op, target: c, e: this.ternary() };
      }
    }
    return c;
  }

  private or(): Expr {
    let a = this.and();
    while (this.is('||')) {
      this.advance();
      this.skipNl();
      a = { k: 'or', a, b: this.and() };
    }
    return a;
  }

  private and(): Expr {
    let a = this.inExpr();
    while (this.is('&&')) {
      this.advance();
      this.skipNl();
      a = { k: 'and', a, b: this.inExpr() };
    }
    return a;
  }

  private inExpr(): Expr {
    let a = this.matchExpr();
    while (this.is('in', 'kw')) {
      this.advance();
      if (this.tok.t !== 'name') this.error();
      const name = this.advance().v;
      this.markArray(name);
      a = { k: 'in', subs: a.k === 'group' ? a.items : [a], name };
    }
    return a;
  }

  private matchExpr(): Expr {
    let a = this.rel();
    while (this.is('~') || this.is('!~')) {
      const neg = this.advance().v === '!~';
      a = { k: 'match', neg, a, re: this.rel() };
    }
    return a;
  }

  private rel(): Expr {
    let a = this.pipeGetline();
    for (;;) {
      const v = this.tok.v;
      if (this.tok.t === 'op' && (v === '<' || v === '<=' || v === '!=' || v === '==' || v === '>=' || (v === '>' && !this.noGt))) {
        this.advance();
        a = { k: 'cmp', op: v, a, b: this.pipeGetline() };
      } else return a;
    }
  }

  private pipeGetline(): Expr {
    let a = this.concat();
    while (this.is('|')) {
      const saved = this.lx.save();
      const savedTok = this.tok;
      this.advance();
      if (!this.is('getline', 'kw')) {
        this.lx.restore(saved);
        this.tok = savedTok;
        break;
      }
      this.advance();
      a = { k: 'getline', cmd: a, target: this.optLvalue() };
    }
    return a;
  }

  private startsConcat(): boolean {
    const t = this.tok;
    if (t.t === 'num' || t.t === 'str' || t.t === 'ere' || t.t === 'name' || t.t === 'funcname' || t.t === 'builtin') return true;
    if (t.t === 'kw') return t.v === 'getline';
    // `a !b` is not a concatenation (busybox and mawk read `!` after an operand as an error)
    return t.t === 'op' && CONCAT_START.has(t.v) && t.v !== '!';
  }

  private concat(): Expr {
    let a = this.additive();
    while (this.startsConcat()) {
      if (this.is('in', 'kw')) break;
      a = { k: 'cat', a, b: this.additive() };
    }
    return a;
  }

  private additive(): Expr {
    let a = this.mul();
    while (this.is('+') || this.is('-')) {
      const op = this.advance().v;
      a = { k: 'bin', op, a, b: this.mul() };
    }
    return a;
  }

  private mul(): Expr {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.advance().v;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is('!') || this.is('-') || this.is('+')) {
      const op = this.advance().v;
      return { k: 'un', op, e: this.unary() };
    }
    return this.pow();
  }

  private pow(): Expr {
    const a = this.postfix();
    if (this.is('^') || (this.is('**') && !this.gnu)) {
      this.advance();
      return { k: 'bin', op: '^', a, b: this.powRhs() };
    }
    return a;
  }

  private powRhs(): Expr {
    if (this.is('-') || this.is('+') || this.is('!')) {
      const op = this.advance().v;
      return { k: 'un', op, e: this.powRhs() };
    }
    return this.pow();
  }

  private postfix(): Expr {
    if (this.is('++') || this.is('--')) {
      const op = this.advance().v as '++' | '--';
      const target = this.primary();
      if (target.k !== 'var' && target.k !== 'idx' && target.k !== 'field') this.error();
      return { k: 'incdec', pre: true, op, target };
    }
    const e = this.primary();
    if ((e.k === 'var' || e.k === 'idx' || e.k === 'field') && (this.is('++') || this.is('--'))) {
      const op = this.advance().v as '++' | '--';
      return { k: 'incdec', pre: false, op, target: e };
    }
    return e;
  }

  private optLvalue(): LValue | undefined {
    if (this.tok.t === 'name' || this.is('$')) {
      const e = this.primary();
      if (e.k === 'var' || e.k === 'idx' || e.k === 'field') return e;
      this.error();
    }
    return undefined;
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.t) {
      case 'num':
        this.advance();
        return { k: 'num', v: t.n! };
      case 'str':
        this.advance();
        return { k: 'str', v: t.v };
      case 'ere':
        this.advance();
        return { k: 're', src: t.v };
      case 'name': {
        this.advance();
        if (this.is('[')) {
          this.advance();
          this.markArray(t.v);
          return { k: 'idx', name: t.v, subs: this.exprList(']') };
        }
        return { k: 'var', name: t.v };
      }
      case 'funcname': {
        this.advance();
        this.advance(); // (
        const args = this.exprList(')');
        this.calls.push({ name: t.v, line: t.line });
        return { k: 'call', name: t.v, args, line: t.line };
      }
      case 'builtin': {
        this.advance();
        let args: Expr[] = [];
        if (this.is('(')) {
          this.advance();
          args = this.exprList(')');
        } else if (t.v !== 'length') this.error();
        if (t.v === 'split' && args[1]?.k === 'var') this.markArray(args[1].name);
        return { k: 'builtin', name: t.v, args, line: t.line };
      }
      case 'kw':
        if (t.v === 'getline') {
          this.advance();
          const target = this.optLvalue();
          if (this.is('<')) {
            this.advance();
            return { k: 'getline', target, file: this.postfix() };
          }
          return { k: 'getline', target };
        }
        break;
      case 'op':
        if (t.v === '$') {
          this.advance();
          if (this.is('++') || this.is('--')) return { k: 'field', e: this.postfix() };
          if (this.is('-') || this.is('+') || this.is('!')) {
            const op = this.advance().v;
            return { k: 'field', e: { k: 'un', op, e: this.primary() } };
          }
          return { k: 'field', e: this.primary() };
        }
        if (t.v === '(') {
          this.advance();
          const items = this.exprList(')');
          if (items.length === 0) this.error();
          return items.length === 1 ? items[0] : { k: 'group', items };
        }
        if (t.v === '-' || t.v === '+' || t.v === '!') return this.unary();
        break;
    }
    return this.error();
  }

  private markArray(name: string): void {
    const scope = this.funcName !== '' && this.params.includes(name) ? this.funcName : '';
    if (scope === '' && this.gnu && this.scalars.has(name)) throw new AwkSyntaxError(`illegal reference to variable ${name}`, this.tok.line);
    this.prog.arrays.get(scope)!.add(name);
  }

  private markScalar(name: string, line: number): void {
    const scope = this.funcName !== '' && this.params.includes(name) ? this.funcName : '';
    if (scope !== '') return;
    if (this.gnu && this.prog.arrays.get('')!.has(name)) throw new AwkSyntaxError(`illegal reference to array ${name}`, line);
    this.scalars.set(name, line);
  }
}
