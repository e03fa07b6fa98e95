// Go text/template (lexer, parser, executor) for the value model in value.ts, with docker/cli's
// template functions (json, split, join, title, lower, upper, pad, truncate).
//
// Supported: text and actions, `{{- -}}` trimming, comments, fields and chains (`.A.B`,
// `$x.A`, `(pipe).A`), methods with arguments, pipelines, variables (`$x := …`, `$x = …`, `$`),
// if / else if / else with / else, with, range (slices, maps in key order, ints; one or two
// variables; else; break; continue), literals (strings, raw strings, chars, numbers, bools,
// nil), the builtins and, or, not, len, index, slice, print, printf, println, eq, ne, lt,
// le, gt, ge, html, js, urlquery, call, and define / template / block (Go's treeSet).
//
// Strings are Go strings: byte strings (one char per byte, fs/bytes.ts), the template text
// included, so `len` counts bytes, `index` and `slice` work on bytes, `printf "%x"` hex-dumps
// them; only lexing, quoting, `json` and the case functions decode UTF-8 (fs/utf8.ts).
//
// Errors carry Go's messages: parse errors `template: :1: function "foo" not defined`,
// execution errors `template: :1:2: executing "" at <.Nope>: can't evaluate field Nope in type …`.

import { formatValue, quote, sprint, sprintf, sprintln } from './fmt.ts';
import { goJson } from './json.ts';
import { BoundedMemo } from '../../engine/memos.ts';
import { NotSimulated } from '../../engine/not-simulated.ts';
import { RUNE_ERROR, decodeRune, encodeRune, mapRunes, runeCount, runes } from '../../fs/utf8.ts';
import {
  GoFloat,
  GoNil,
  type GoMap,
  type GoValue,
  compareStrings,
  isTrue,
  kindOf,
  mapMethod,
  numberOf,
  sortedEntries,
  stringValue,
  structMember,
  typeName,
  zeroElem,
} from './value.ts';

/** A value during execution: a GoValue, or `undefined` for Go's invalid reflect.Value. */
export type Value = GoValue | undefined;

/** A template function.  `call` receives evaluated arguments; throwing an Error is Go's error return. */
export interface FuncDef {
  /** Minimum and maximum argument counts (max = Infinity for variadic). */
  min: number;
  max: number;
  call: (args: Value[]) => Value;
}

export type FuncMap = Record<string, FuncDef>;

/** Define a template function from a JS function; its arity is fixed at `fn.length` unless given. */
export function func(fn: (...args: never[]) => unknown, min = fn.length, max = min): FuncDef {
  return { min, max, call: (args) => (fn as (...a: Value[]) => Value)(...args) };
}

/** How a template executes (Go's tmpl.Option), and what kind of data it runs over. */
export interface ExecOptions {
  /** `missingkey=error`: a missing map key fails the execution. */
  missingKeyError?: boolean;
  /** The data is JSON decoded into `any` (maps and slices of interface {}), not typed structs. */
  untyped?: boolean;
  /**
   * The 20.10 client's text/template (Go 1.19, Debian's docker.io build) rather than the 28.2
   * client's (Go 1.24): no range over an int (Go 1.22), and `call` errors without the callee's
   * name (recorded: inspect/template-go-releases).
   */
  legacyGo?: boolean;
}

export class TemplateError extends Error {
  /** Output written before an execution error (Go's Execute leaves it in the writer). */
  partial = '';
}

// ---------------------------------------------------------------------------------------------
// Lexer

type TokType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'string'
  | 'rawString'
  | 'char'
  | 'number'
  | 'bool'
  | 'nil'
  | 'dot'
  | 'field'
  | 'variable'
  | 'identifier'
  | 'keyword'
  | 'pipe'
  | 'leftParen'
  | 'rightParen'
  | 'declare'
  | 'assign'
  | 'charItem'
  | 'eof'
  | 'error';

interface Tok {
  type: TokType;
  val: string;
  pos: number;
  line: number;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/** The byte length of the letter, digit or `_` at p (Go's lexer isAlphaNumeric), 0 if none. */
function alnumAt(s: string, p: number): number {
  if (p >= s.length) return 0;
  const { cp, size } = decodeRune(s, p);
  if (cp === RUNE_ERROR && size === 1) return 0;
  return cp === 0x5f || /^[\p{L}\p{Nd}]$/u.test(String.fromCodePoint(cp)) ? size : 0;
}

/** Advance p over letters, digits and `_`. */
function skipAlnum(s: string, p: number): number {
  for (let k = alnumAt(s, p); k > 0; k = alnumAt(s, p)) p += k;
  return p;
}

function tokString(t: Tok): string {
  if (t.type === 'eof') return 'EOF';
  if (t.type === 'error') return t.val;
  if (t.type === 'keyword') return `<${t.val}>`;
  const chars = [...runes(t.val)].map((r) => r.bytes);
  if (chars.length > 10) return quote(chars.slice(0, 10).join('')) + '...';
  return quote(t.val);
}

function lex(input: string): Tok[] {
  const toks: Tok[] = [];
  const lineAt = (pos: number): number => {
    let n = 1;
    for (let i = 0; i < pos; i++) if (input.charCodeAt(i) === 10) n++;
    return n;
  };
  const emit = (type: TokType, val: string, pos: number): void => {
    toks.push({ type, val, pos, line: lineAt(pos) });
  };
  let pos = 0;
  const n = input.length;
  let trimNext = false;
  outer: while (pos < n) {
    if (trimNext) {
      while (pos < n && isSpace(input[pos])) pos++;
      trimNext = false;
      if (pos >= n) break;
    }
    const i = input.indexOf('{{', pos);
    const end = i < 0 ? n : i;
    const trimLeft = i >= 0 && input[i + 2] === '-' && isSpace(input[i + 3]);
    let text = input.slice(pos, end);
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
    if (text.length > 0) emit('text', text, pos);
    if (i < 0) break;
    let p = i + 2 + (trimLeft ? 2 : 0);
    // comment
    if (input.startsWith('/*', p)) {
      const close = input.indexOf('*/', p + 2);
      if (close < 0) {
        emit('error', 'unclosed comment', p);
        break;
      }
      let q = close + 2;
      let trimRight = false;
      if (isSpace(input[q]) && input[q + 1] === '-' && input.startsWith('}}', q + 2)) {
        trimRight = true;
        q += 2;
      }
      if (!input.startsWith('}}', q)) {
        emit('error', 'comment ends before closing delimiter', q);
        break;
      }
      pos = q + 2;
      trimNext = trimRight;
      continue;
    }
    emit('leftDelim', '{{', i);
    let depth = 0;
    for (;;) {
      // right delimiter?
      if (isSpace(input[p]) && input[p + 1] === '-' && input.startsWith('}}', p + 2)) {
        if (depth > 0) {
          emit('error', 'unclosed left paren', p);
          break outer;
        }
        emit('rightDelim', '}}', p + 2);
        pos = p + 4;
        trimNext = true;
        continue outer;
      }
      if (input.startsWith('}}', p)) {
        if (depth > 0) {
          emit('error', 'unclosed left paren', p);
          break outer;
        }
        emit('rightDelim', '}}', p);
        pos = p + 2;
        continue outer;
      }
      if (p >= n) {
        emit('error', 'unclosed action', p);
        break outer;
      }
      const c = input[p];
      const start = p;
      if (isSpace(c)) {
        while (p < n && isSpace(input[p])) p++;
        // keep the space before a trim-marked right delimiter for the delimiter check
        if (input[p] === '-' && input.startsWith('}}', p + 1)) {
          p--;
          if (p === start) continue;
        }
        emit('space', input.slice(start, p), start);
        continue;
      }
      switch (c) {
        case '=':
          emit('assign', '=', p++);
          continue;
        case ':':
          if (input[p + 1] !== '=') {
            emit('error', 'expected :=', p);
            break outer;
          }
          emit('declare', ':=', p);
          p += 2;
          continue;
        case '|':
          emit('pipe', '|', p++);
          continue;
        case '(':
          depth++;
          emit('leftParen', '(', p++);
          continue;
        case ')':
          depth--;
          if (depth < 0) {
            emit('error', 'unexpected right paren', p);
            break outer;
          }
          emit('rightParen', ')', p++);
          continue;
        case '"': {
          p++;
          for (;;) {
            const d = input[p];
            if (d === '\\' && p + 1 < n && input[p + 1] !== '\n') {
              p += 2;
              continue;
            }
            if (d === undefined || d === '\n') {
              emit('error', 'unterminated quoted string', start);
              break outer;
            }
            p++;
            if (d === '"') break;
          }
          emit('string', input.slice(start, p), start);
          continue;
        }
        case '`': {
          const close = input.indexOf('`', p + 1);
          if (close < 0) {
            emit('error', 'unterminated raw quoted string', start);
            break outer;
          }
          p = close + 1;
          emit('rawString', input.slice(start, p), start);
          continue;
        }
        case "'": {
          p++;
          for (;;) {
            const d = input[p];
            if (d === '\\' && p + 1 < n && input[p + 1] !== '\n') {
              p += 2;
              continue;
            }
            if (d === undefined || d === '\n') {
              emit('error', 'unterminated character constant', start);
              break outer;
            }
            p++;
            if (d === "'") break;
          }
          emit('char', input.slice(start, p), start);
          continue;
        }
        case '$':
        case '.': {
          if (c === '.' && /[0-9]/.test(input[p + 1] ?? '')) break; // a number like .5
          p = skipAlnum(input, p + 1);
          if (p === start + 1) {
            emit(c === '.' ? 'dot' : 'variable', c, start);
          } else {
            if (!atTerminator(input, p)) {
              emit('error', `bad character ${goRune(input, p)}`, p);
              break outer;
            }
            emit(c === '.' ? 'field' : 'variable', input.slice(start, p), start);
          }
          continue;
        }
        default:
          break;
      }
      if (c === '+' || c === '-' || c === '.' || (c >= '0' && c <= '9')) {
        const m = /^[+-]?(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[oObB][0-9_]+|[0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?)i?/.exec(
          input.slice(p),
        );
        const text = m === null ? '' : m[0];
        p += text.length;
        if (text === '' || text === '+' || text === '-' || alnumAt(input, p) > 0) {
          emit('error', `bad number syntax: "${input.slice(start, p + 1)}"`, start);
          break outer;
        }
        emit('number', text, start);
        continue;
      }
      if (alnumAt(input, p) > 0) {
        p = skipAlnum(input, p);
        if (!atTerminator(input, p)) {
          emit('error', `bad character ${goRune(input, p)}`, p);
          break outer;
        }
        const word = input.slice(start, p);
        if (KEYWORDS.has(word)) emit('keyword', word, start);
        else if (word === 'true' || word === 'false') emit('bool', word, start);
        else if (word === 'nil') emit('nil', word, start);
        else emit('identifier', word, start);
        continue;
      }
      const cp = input.charCodeAt(p);
      if (cp < 0x80 && cp >= 0x20) {
        emit('charItem', c, p++);
        continue;
      }
      emit('error', `unrecognized character in action: ${goRune(input, p)}`, p);
      break outer;
    }
  }
  toks.push({ type: 'eof', val: '', pos: n, line: lineAt(n) });
  return toks;
}

/** fmt's %#U of the rune at p: `U+20AC '€'`. */
function goRune(s: string, p: number): string {
  if (p >= s.length) return 'U+FFFD';
  const { cp } = decodeRune(s, p);
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0') + " '" + encodeRune(cp) + "'";
}

function atTerminator(s: string, p: number): boolean {
  const c = s[p];
  if (c === undefined || isSpace(c)) return true;
  if ('.,|:()'.includes(c)) return true;
  return s.startsWith('}}', p);
}

// ---------------------------------------------------------------------------------------------
// Parse tree

type ArgNode =
  | { kind: 'field'; pos: number; ident: string[] }
  | { kind: 'variable'; pos: number; ident: string[] }
  | { kind: 'chain'; pos: number; node: ArgNode; field: string[] }
  | { kind: 'identifier'; pos: number; name: string }
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'bool'; pos: number; value: boolean }
  | { kind: 'number'; pos: number; text: string; value: Value }
  | { kind: 'string'; pos: number; quoted: string; text: string }
  | PipeNode;

interface PipeNode {
  kind: 'pipe';
  pos: number;
  isAssign: boolean;
  decl: { pos: number; name: string }[];
  cmds: CommandNode[];
}

interface CommandNode {
  pos: number;
  args: ArgNode[];
}

interface ControlNode {
  kind: 'if' | 'with' | 'range';
  pos: number;
  pipe: PipeNode;
  list: Node[];
  elseList: Node[] | null;
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pos: number; pipe: PipeNode }
  | ControlNode
  | { kind: 'break' | 'continue'; pos: number }
  | { kind: 'template'; pos: number; name: string; pipe: PipeNode | null };

type Ctl = { kind: 'end'; pos: number } | { kind: 'else'; pos: number };

function argString(n: ArgNode): string {
  switch (n.kind) {
    case 'field':
      return '.' + n.ident.join('.');
    case 'variable':
      return n.ident.join('.');
    case 'chain': {
      const inner = n.node.kind === 'pipe' ? '(' + pipeString(n.node) + ')' : argString(n.node);
      return inner + '.' + n.field.join('.');
    }
    case 'identifier':
      return n.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return n.value ? 'true' : 'false';
    case 'number':
      return n.text;
    case 'string':
      return n.quoted;
    case 'pipe':
      return pipeString(n);
  }
}

function commandString(c: CommandNode): string {
  return c.args.map((a) => (a.kind === 'pipe' ? '(' + pipeString(a) + ')' : argString(a))).join(' ');
}

function pipeString(p: PipeNode): string {
  let s = '';
  if (p.decl.length > 0) s = p.decl.map((d) => d.name).join(', ') + (p.isAssign ? ' = ' : ' := ');
  return s + p.cmds.map(commandString).join(' | ');
}

function unquote(quoted: string): string {
  const q = quoted[0];
  if (q === '`') return quoted.slice(1, -1).replace(/\r/g, '');
  // strconv.Unquote over bytes: \x and octal escapes are single bytes, \u and \U runes in
  // UTF-8, and an invalid byte in the literal becomes U+FFFD (UnquoteChar decodes it).
  const body = quoted.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') {
      if (c === q) throw new Error('invalid syntax');
      const { cp, size } = decodeRune(body, i);
      out += cp === RUNE_ERROR && size === 1 ? encodeRune(cp) : body.slice(i, i + size);
      i += size - 1;
      continue;
    }
    const e = body[++i];
    switch (e) {
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
        out += '\\';
        break;
      case "'":
      case '"':
        if (e !== q) throw new Error('invalid syntax');
        out += e;
        break;
      case 'x':
      case 'u':
      case 'U': {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + len);
        if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(hex)) throw new Error('invalid syntax');
        const v = parseInt(hex, 16);
        if (e === 'x') out += String.fromCharCode(v);
        else {
          if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new Error('invalid syntax');
          out += encodeRune(v);
        }
        i += len;
        break;
      }
      default:
        if (e !== undefined && e >= '0' && e <= '7') {
          const oct = body.slice(i, i + 3);
          if (!/^[0-7]{3}$/.test(oct)) throw new Error('invalid syntax');
          const v = parseInt(oct, 8);
          if (v > 255) throw new Error('invalid syntax');
          out += String.fromCharCode(v);
          i += 2;
          break;
        }
        throw new Error('invalid syntax');
    }
  }
  return out;
}

function parseNumber(tok: Tok): Value {
  if (tok.type === 'char') {
    // A \x or octal escape in a character constant is the rune of that value, not a byte.
    const byteEscape = /^'\\(x[0-9a-fA-F]{2}|[0-7]{3})'$/.exec(tok.val);
    if (byteEscape !== null) return parseInt(byteEscape[1].replace(/^x/, ''), byteEscape[1][0] === 'x' ? 16 : 8);
    const s = unquote(tok.val);
    if (s.length === 0 || runeCount(s) !== 1) throw new Error(`malformed character constant: ${tok.val}`);
    return decodeRune(s, 0).cp;
  }
  const text = tok.val;
  if (text.endsWith('i')) throw new Error(`complex numbers are not supported: ${text}`);
  const clean = text.replace(/_/g, '');
  const neg = clean.startsWith('-');
  const body = clean.replace(/^[+-]/, '');
  const isHex = /^0[xX]/.test(body);
  if (/^0[xX][0-9a-fA-F]+$/.test(body) || /^0[oO][0-7]+$/.test(body) || /^0[bB][01]+$/.test(body)) {
    const v = Number(body.toLowerCase().replace(/^0o/, '0o'));
    return neg ? -v : v;
  }
  if (/^[0-9]+$/.test(body)) {
    // Go: a leading 0 means octal
    const v = body.length > 1 && body[0] === '0' ? parseInt(body, 8) : Number(body);
    if (body.length > 1 && body[0] === '0' && /[89]/.test(body)) throw new Error(`illegal number syntax: "${text}"`);
    return neg ? -v : v;
  }
  if (!isHex && /^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(body)) {
    const v = Number(body);
    const f = neg ? -v : v;
    // Go: a float constant with an integral value is still a float64 when written with . e E
    return new GoFloat(f);
  }
  throw new Error(`illegal number syntax: "${text}"`);
}

/** parse.IsEmptyTree: nothing but blank text (comments leave no node here). */
function isEmptyTree(list: Node[]): boolean {
  return list.every((n) => n.kind === 'text' && n.text.trim() === '');
}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  /** Go's treeSet: the templates {{define}} and {{block}} add, by name. */
  readonly defs = new Map<string, Node[]>();

  constructor(
    private readonly toks: Tok[],
    private readonly funcs: FuncMap,
  ) {}

  private next(): Tok {
    return this.toks[this.i++] ?? this.toks[this.toks.length - 1];
  }
  private peek(): Tok {
    return this.toks[this.i] ?? this.toks[this.toks.length - 1];
  }
  private backup(n = 1): void {
    this.i -= n;
  }
  private nextNonSpace(): Tok {
    let t = this.next();
    while (t.type === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Tok {
    const save = this.i;
    const t = this.nextNonSpace();
    this.i = save;
    return t;
  }

  private line = 1;
  private errorf(msg: string, line = this.line): never {
    throw new TemplateError(`template: :${line}: ${msg}`);
  }
  private unexpected(t: Tok, context: string): never {
    this.line = t.line;
    if (t.type === 'error') this.errorf(t.val);
    this.errorf(`unexpected ${tokString(t)} in ${context}`);
  }
  private expect(type: TokType, context: string): Tok {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }

  parse(): Node[] {
    const root: Node[] = [];
    while (this.peek().type !== 'eof') {
      // parse.(*Tree).parse: `{{define` is only seen at the top level (anywhere else it is a
      // keyword where a command should be: `unexpected <define> in command`)
      if (this.peek().type === 'leftDelim') {
        const save = this.i;
        this.next();
        if (this.nextNonSpace().type === 'keyword' && this.toks[this.i - 1].val === 'define') {
          this.parseDefinition();
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected {{${n.kind}}}`);
      root.push(n);
    }
    // the main template is added last, named "" (docker parses `template.New("")`)
    this.addTree('', root);
    return root;
  }

  /** parse.(*Tree).parseDefinition: `{{define "name"}}` … `{{end}}`, its own variables. */
  private parseDefinition(): void {
    const context = 'define clause';
    const { text } = this.templateName(context);
    this.expect('rightDelim', context);
    this.addTree(text, this.subTree(context));
  }

  /** The (raw) string that names a template in `{{define}}`, `{{template}}`, `{{block}}`: its text and place. */
  private templateName(context: string): { text: string; pos: number } {
    const name = this.nextNonSpace();
    if (name.type !== 'string' && name.type !== 'rawString') this.unexpected(name, context);
    try {
      return { text: unquote(name.val), pos: name.pos };
    } catch (e) {
      this.errorf((e as Error).message);
    }
  }

  /** A new tree's item list (startParse: only `$` defined, outside any range), up to {{end}}. */
  private subTree(context: string): Node[] {
    const vars = this.vars;
    const depth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    try {
      const [list, end] = this.itemList();
      if (end.kind !== 'end') this.errorf(`unexpected {{${end.kind}}} in ${context}`);
      return list;
    } finally {
      this.vars = vars;
      this.rangeDepth = depth;
    }
  }

  /** parse.(*Tree).add: an empty tree never replaces one, two non-empty ones clash. */
  private addTree(name: string, root: Node[]): void {
    const old = this.defs.get(name);
    if (old === undefined || isEmptyTree(old)) {
      this.defs.set(name, root);
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${quote(name)}`);
  }

  private textOrAction(): Node | Ctl {
    const t = this.nextNonSpace();
    this.line = t.line;
    if (t.type === 'text') return { kind: 'text', text: t.val };
    if (t.type === 'leftDelim') return this.action();
    this.unexpected(t, 'input');
  }

  private itemList(): [Node[], Ctl] {
    const list: Node[] = [];
    while (this.peekNonSpace().type !== 'eof') {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      list.push(n);
    }
    const t = this.peek();
    this.line = t.line;
    this.errorf('unexpected EOF');
  }

  private action(): Node | Ctl {
    const t = this.nextNonSpace();
    this.line = t.line;
    if (t.type === 'keyword') {
      switch (t.val) {
        case 'break':
        case 'continue': {
          const d = this.nextNonSpace();
          if (d.type !== 'rightDelim') this.unexpected(d, `{{${t.val}}}`);
          if (this.rangeDepth === 0) this.errorf(`{{${t.val}}} outside {{range}}`);
          return { kind: t.val, pos: t.pos };
        }
        case 'else': {
          const p = this.peekNonSpace();
          if (p.type === 'keyword' && (p.val === 'if' || p.val === 'with')) return { kind: 'else', pos: p.pos };
          const d = this.expect('rightDelim', 'else');
          return { kind: 'else', pos: d.pos };
        }
        case 'end':
          return { kind: 'end', pos: this.expect('rightDelim', 'end').pos };
        case 'if':
        case 'with':
        case 'range':
          return this.control(t.val);
        case 'template':
        case 'block': {
          // parse.templateControl / blockControl: a (raw) string name, then a pipeline
          // (optional for template); a block's body is a new template of that name, added like
          // a {{define}}, and the block runs it at once (recorded: inspect/template-define-block)
          const context = `${t.val} clause`;
          const { text, pos } = this.templateName(context);
          let pipe: PipeNode | null = null;
          if (t.val === 'block') {
            pipe = this.pipeline(context, 'rightDelim');
            this.addTree(text, this.subTree(context));
          } else if (this.nextNonSpace().type !== 'rightDelim') {
            this.backup();
            pipe = this.pipeline(context, 'rightDelim');
          }
          return { kind: 'template', pos, name: text, pipe };
        }
        default:
          // `define` below the top level: parse.action's default case reads a pipeline, whose
          // first token is that keyword
          this.unexpected(t, 'command');
      }
    }
    if (t.type === 'error') this.unexpected(t, 'command');
    this.backup();
    const first = this.peekNonSpace();
    const pipe = this.pipeline('command', 'rightDelim');
    return { kind: 'action', pos: first.pos, pipe };
  }

  private control(context: 'if' | 'with' | 'range'): Node {
    const nvars = this.vars.length;
    try {
      const pipe = this.pipeline(context, 'rightDelim');
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: Node[] | null = null;
      if (next.kind === 'else') {
        const p = this.peekNonSpace();
        if ((context === 'if' && p.type === 'keyword' && p.val === 'if') || (context === 'with' && p.type === 'keyword' && p.val === 'with')) {
          this.nextNonSpace();
          elseList = [this.control(context)];
        } else {
          [elseList, next] = this.itemList();
          if (next.kind !== 'end') this.errorf(`expected end; found {{${next.kind}}}`);
        }
      }
      return { kind: context, pos: pipe.pos, pipe, list, elseList };
    } finally {
      this.vars.length = nvars;
    }
  }

  private pipeline(context: string, end: TokType): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { kind: 'pipe', pos: first.pos, isAssign: false, decl: [], cmds: [] };
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      const save = this.i;
      this.nextNonSpace();
      const after = this.peekNonSpace();
      if (after.type === 'assign' || after.type === 'declare') {
        this.nextNonSpace();
        pipe.isAssign = after.type === 'assign';
        pipe.decl.push({ pos: v.pos, name: v.val });
        this.vars.push(v.val);
        break;
      }
      if (after.type === 'charItem' && after.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ pos: v.pos, name: v.val });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace();
          if (p.type === 'variable' || p.type === 'rightDelim' || p.type === 'rightParen') continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      this.i = save;
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      this.line = t.line;
      if (t.type === end) {
        if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, i) => {
          const k = c.args[0].kind;
          if (k === 'bool' || k === 'dot' || k === 'nil' || k === 'number' || k === 'string') {
            this.errorf(`non executable command in pipeline stage ${i + 2}`);
          }
        });
        return pipe;
      }
      switch (t.type) {
        case 'bool':
        case 'char':
        case 'dot':
        case 'field':
        case 'identifier':
        case 'number':
        case 'nil':
        case 'rawString':
        case 'string':
        case 'variable':
        case 'leftParen':
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const op = this.operand();
      if (op !== null) cmd.args.push(op);
      const t = this.next();
      if (t.type === 'space') continue;
      if (t.type === 'rightDelim' || t.type === 'rightParen') this.backup();
      else if (t.type !== 'pipe') this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | null {
    const node = this.term();
    if (node === null) return null;
    if (this.peek().type !== 'field') return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().val.slice(1));
    switch (node.kind) {
      case 'field':
        return { kind: 'field', pos, ident: [...node.ident, ...fields] };
      case 'variable':
        return { kind: 'variable', pos, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        this.errorf(`unexpected . after term ${quote(argString(node))}`);
      default:
        return { kind: 'chain', pos, node, field: fields };
    }
  }

  private term(): ArgNode | null {
    const t = this.nextNonSpace();
    this.line = t.line;
    switch (t.type) {
      case 'identifier':
        if (!Object.prototype.hasOwnProperty.call(this.funcs, t.val) && !Object.prototype.hasOwnProperty.call(BUILTINS, t.val)) {
          this.errorf(`function ${quote(t.val)} not defined`);
        }
        return { kind: 'identifier', pos: t.pos, name: t.val };
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'nil':
        return { kind: 'nil', pos: t.pos };
      case 'variable': {
        const name = t.val;
        if (!this.vars.includes(name)) this.errorf(`undefined variable ${quote(name)}`);
        return { kind: 'variable', pos: t.pos, ident: [name] };
      }
      case 'field':
        return { kind: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case 'bool':
        return { kind: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'char':
      case 'number': {
        let value: Value;
        try {
          value = parseNumber(t);
        } catch (e) {
          this.errorf((e as Error).message);
        }
        return { kind: 'number', pos: t.pos, text: t.val, value };
      }
      case 'leftParen':
        return this.pipeline('parenthesized pipeline', 'rightParen');
      case 'string':
      case 'rawString': {
        let text: string;
        try {
          text = unquote(t.val);
        } catch (e) {
          this.errorf((e as Error).message);
        }
        return { kind: 'string', pos: t.pos, quoted: t.val, text };
      }
      default:
        this.backup();
        return null;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Builtin functions

const MISSING: unique symbol = Symbol('missing');
type Final = Value | typeof MISSING;

class BreakSignal {}
class ContinueSignal {}

/**
 * Go's validateType for a parameter of a concrete type. An argument that is a field, a map
 * element or a variable keeps its static type: a JSON null read that way is a nil interface {}
 * (null here), which no concrete type accepts (`got interface {}`), where the invalid value
 * (undefined: a pipeline's result, a missing key) is `invalid value`, or the zero value of a type
 * that can be nil (recorded: inspect/template-raw-nil).
 */
function wrongType(v: Value, what: string): ArgTypeError {
  return new ArgTypeError(`wrong type for value; expected ${what}; got ${v === null ? 'interface {}' : typeName(v)}`, v, what);
}

function wantString(v: Value, what = 'string'): string {
  if (typeof v === 'string') return v;
  if (v === undefined) throw new ArgTypeError(`invalid value; expected ${what}`, v, what);
  throw wrongType(v, what);
}

function wantInt(v: Value): number {
  if (kindOf(v) === 'int') return numberOf(v);
  if (v === undefined) throw new ArgTypeError('invalid value; expected int', v, 'int');
  throw wrongType(v, 'int');
}

function wantStrings(v: Value): string[] {
  if (v === undefined || (v instanceof GoNil && v.kind === 'slice')) return [];
  // A slice typed []interface {} (decoded JSON) is not a []string, whatever it holds.
  if (Array.isArray(v) && typeName(v) === '[]string') return v as string[];
  throw wrongType(v, '[]string');
}

/**
 * An argument type mismatch: reported without the `error calling` prefix, like Go, and where Go's
 * evalArg reports it (evalCall below): at the argument, with the value that failed and the type
 * the parameter wanted.
 */
class ArgTypeError extends Error {
  constructor(
    message: string,
    readonly value: Value,
    readonly expected: string,
  ) {
    super(message);
  }
}

function indirectNil(v: Value): Value {
  return v === null ? undefined : v;
}

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'other' | 'invalid';

function basicKind(v: Value): BasicKind {
  switch (kindOf(v)) {
    case 'invalid':
      return 'invalid';
    case 'bool':
      return 'bool';
    case 'int':
      return 'int';
    case 'float':
      return 'float';
    case 'string':
      return 'string';
    default:
      return 'other';
  }
}

function nonBasic(k: BasicKind): boolean {
  return k === 'other' || k === 'invalid';
}

function isNilValue(v: Value): boolean {
  return v === undefined || v === null || v instanceof GoNil;
}

function eq(args: Value[]): Value {
  const a = indirectNil(args[0]);
  if (args.length < 2) throw new Error('missing argument for comparison');
  const k1 = basicKind(a);
  for (const raw of args.slice(1)) {
    const b = indirectNil(raw);
    const k2 = basicKind(b);
    let truth = false;
    // Go's basicKind has one kind for everything that is not a bool, number or string: a map, a
    // slice, a struct, a pointer and nil alike, so a nil map equals nil (recorded:
    // inspect/template-raw-nil).
    if (k1 !== k2 && !(nonBasic(k1) && nonBasic(k2))) {
      if (a !== undefined && b !== undefined) throw new Error('incompatible types for comparison');
    } else if (k1 === 'string') {
      truth = stringValue(a) === stringValue(b);
    } else if (k1 === 'bool') {
      truth = a === b;
    } else if (k1 === 'int' || k1 === 'float') {
      truth = numberOf(a) === numberOf(b);
    } else if (k1 === 'invalid' && k2 === 'invalid') {
      truth = true;
    } else if (isNilValue(a) || isNilValue(b)) {
      truth = isNilValue(a) === isNilValue(b);
    } else {
      if (Array.isArray(a) || a instanceof Map || typeof a === 'function') {
        throw new Error(`non-comparable type ${formatValue(a)}: ${typeName(a)}`);
      }
      truth = a === b;
    }
    if (truth) return true;
  }
  return false;
}

function lt(a0: Value, b0: Value): boolean {
  const a = indirectNil(a0);
  const b = indirectNil(b0);
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'other' || k1 === 'invalid' || k2 === 'other' || k2 === 'invalid') throw new Error('invalid type for comparison');
  if (k1 !== k2) throw new Error('incompatible types for comparison');
  if (k1 === 'bool') throw new Error('invalid type for comparison');
  if (k1 === 'string') return compareStrings(stringValue(a), stringValue(b)) < 0;
  return numberOf(a) < numberOf(b);
}

function indexArg(v: Value, cap: number): number {
  const i = indirectNil(v);
  if (i === undefined) throw new Error('cannot index slice/array with nil');
  if (kindOf(i) !== 'int') throw new Error(`cannot index slice/array with type ${typeName(i)}`);
  const x = numberOf(i);
  if (x < 0 || x > cap) throw new Error(`index out of range: ${x}`);
  return x;
}

function indexFn(args: Value[]): Value {
  let item = indirectNil(args[0]);
  if (item === undefined) throw new Error('index of untyped nil');
  for (const idx of args.slice(1)) {
    if (item instanceof GoNil && item.kind === 'pointer') throw new Error('index of nil pointer');
    const k = kindOf(item);
    if (k === 'slice' || k === 'string' || k === 'bytes' || (item instanceof GoNil && item.kind === 'slice')) {
      const len: number = k === 'nil' ? 0 : (item as ArrayLike<unknown>).length;
      const x = indexArg(idx, len);
      if (x === len) throw new Error('reflect: slice index out of range');
      if (k === 'string') item = stringValue(item).charCodeAt(x);
      else item = (item as ArrayLike<Value>)[x];
    } else if (k === 'map' || (item instanceof GoNil && item.kind === 'map')) {
      const key = indirectNil(idx);
      if (typeof key !== 'string') {
        if (key === undefined) throw new Error('value is nil; should be of type string');
        throw new Error(`value has type ${typeName(key)}; should be string`);
      }
      if (item instanceof GoNil) item = '';
      else {
        const m = item as GoMap;
        item = m.has(key) ? m.get(key)! : zeroElem(m);
      }
    } else {
      throw new Error(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function sliceFn(args: Value[]): Value {
  const item = indirectNil(args[0]);
  if (item === undefined) throw new Error('slice of untyped nil');
  if (args.length > 4) throw new Error(`too many slice indexes: ${args.length - 1}`);
  const k = kindOf(item);
  if (k === 'string') {
    if (args.length === 4) throw new Error('cannot 3-index slice a string');
    const str = stringValue(item);
    const idx = [0, str.length];
    args.slice(1).forEach((a, i) => (idx[i] = indexArg(a, str.length)));
    if (idx[0] > idx[1]) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
    return str.slice(idx[0], idx[1]);
  }
  if (k === 'slice') {
    const arr = item as Value[];
    const idx = [0, arr.length, arr.length];
    args.slice(1).forEach((a, i) => (idx[i] = indexArg(a, arr.length)));
    if (idx[0] > idx[1]) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
    if (args.length === 4 && idx[1] > idx[2]) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
    return arr.slice(idx[0], idx[1]) as GoValue[];
  }
  throw new Error(`can't slice item of type ${typeName(item)}`);
}

function lenFn(args: Value[]): Value {
  // Go's length: indirect() stops at a nil pointer or a nil interface {} (a JSON null read as a
  // field); the invalid value has no Type, and asking for it panics (recovered as the error).
  if (args[0] === null) throw new Error('len of nil pointer');
  if (args[0] === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  const v = args[0];
  if (v instanceof GoNil) {
    if (v.kind === 'pointer') throw new Error('len of nil pointer');
    return 0;
  }
  switch (kindOf(v)) {
    case 'string':
      return stringValue(v).length;
    case 'slice':
    case 'bytes':
      return (v as ArrayLike<unknown>).length;
    case 'map':
      return (v as GoMap).size;
    default:
      throw new Error(`len of type ${typeName(v)}`);
  }
}

function evalArgsString(args: Value[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined ? null : a)));
}

function htmlEscape(s: string): string {
  return s.replace(/[<>&'"\0]/g, (c) => {
    switch (c) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case "'":
        return '&#39;';
      case '"':
        return '&#34;';
      default:
        return '\xef\xbf\xbd'; // U+FFFD
    }
  });
}

/** text/template JSEscape (funcs.go), over bytes. */
function jsEscape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x5c:
        out += '\\\\';
        continue;
      case 0x27:
        out += "\\'";
        continue;
      case 0x22:
        out += '\\"';
        continue;
      case 0x3c:
        out += '\\u003C';
        continue;
      case 0x3e:
        out += '\\u003E';
        continue;
      case 0x26:
        out += '\\u0026';
        continue;
      case 0x3d:
        out += '\\u003D';
        continue;
    }
    if (c < 0x20) {
      out += '\\u00' + c.toString(16).toUpperCase().padStart(2, '0');
    } else if (c < 0x80) {
      out += s[i];
    } else {
      // A rune kept as its bytes when unicode.IsPrint (U+FFFD of an invalid byte is), else \uXXXX.
      const { cp, size } = decodeRune(s, i);
      if (/^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(String.fromCodePoint(cp))) out += s.slice(i, i + size);
      else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
      i += size - 1;
    }
  }
  return out;
}

function urlQueryEscape(s: string): string {
  let out = '';
  for (const c of s) {
    const b = c.charCodeAt(0);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Go's text/template builtins.  `and`/`or` are evaluated lazily by the executor. */
const BUILTINS: FuncMap = {
  and: { min: 1, max: Infinity, call: (args) => args.find((a) => !isTrue(a)) ?? args[args.length - 1] },
  or: { min: 1, max: Infinity, call: (args) => args.find((a) => isTrue(a)) ?? args[args.length - 1] },
  not: { min: 1, max: 1, call: (args) => !isTrue(args[0]) },
  len: { min: 1, max: 1, call: lenFn },
  index: { min: 1, max: Infinity, call: indexFn },
  slice: { min: 1, max: Infinity, call: sliceFn },
  print: { min: 0, max: Infinity, call: (args) => sprint(args.map((a) => (a === undefined ? null : a))) },
  println: { min: 0, max: Infinity, call: (args) => sprintln(args.map((a) => (a === undefined ? null : a))) },
  printf: {
    min: 1,
    max: Infinity,
    call: (args) => sprintf(wantString(args[0]), args.slice(1).map((a) => (a === undefined ? null : a))),
  },
  eq: { min: 1, max: Infinity, call: eq },
  ne: { min: 2, max: 2, call: (args) => !eq(args) },
  lt: { min: 2, max: 2, call: (args) => lt(args[0], args[1]) },
  le: { min: 2, max: 2, call: (args) => lt(args[0], args[1]) || (eq(args) as boolean) },
  gt: { min: 2, max: 2, call: (args) => !(lt(args[0], args[1]) || (eq(args) as boolean)) },
  ge: { min: 2, max: 2, call: (args) => !lt(args[0], args[1]) },
  html: { min: 0, max: Infinity, call: (args) => htmlEscape(evalArgsString(args)) },
  js: { min: 0, max: Infinity, call: (args) => jsEscape(evalArgsString(args)) },
  urlquery: { min: 0, max: Infinity, call: (args) => urlQueryEscape(evalArgsString(args)) },
  call: { min: 1, max: Infinity, call: (args) => callFunction(args, undefined) },
};

/**
 * funcs.go call. From Go 1.21 evalCall passes the callee's name (the first argument's node text,
 * or a piped-in string itself) and the error names it: `non-function .Name of type string`.
 */
function callFunction(args: Value[], calleeName: string | undefined): Value {
  const fn = indirectNil(args[0]);
  if (fn === undefined) throw new Error('call of nil');
  if (typeof fn !== 'function') throw new Error(`non-function ${calleeName === undefined ? '' : calleeName + ' '}of type ${typeName(fn)}`);
  return (fn as (...a: Value[]) => Value)(...args.slice(1));
}

/** unicode.ToUpper / ToLower / ToTitle: the simple one-rune mapping (JS's may give several). */
function caseRune(cp: number, upper: boolean): number {
  const ch = String.fromCodePoint(cp);
  const m = upper ? ch.toUpperCase() : ch.toLowerCase();
  const cps = [...m];
  return cps.length === 1 ? cps[0].codePointAt(0)! : cp;
}

/** strings.ToUpper / ToLower: ASCII in place, anything else through strings.Map. */
function changeCase(s: string, upper: boolean): string {
  if (/^[\x00-\x7f]*$/.test(s)) return upper ? s.toUpperCase() : s.toLowerCase();
  return mapRunes(s, (cp) => caseRune(cp, upper));
}

/** strings.Title: upper-case the first letter of each word (Go's isSeparator rules). */
export function goTitle(s: string): string {
  let prev = 0x20;
  return mapRunes(s, (cp) => {
    const out = isSeparator(prev) ? caseRune(cp, true) : cp;
    prev = cp;
    return out;
  });
}

function isSeparator(cp: number): boolean {
  if (cp <= 0x7f) return !/[0-9A-Za-z_]/.test(String.fromCharCode(cp));
  const ch = String.fromCodePoint(cp);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

/** docker/cli templates.basicFunctions. */
export const DOCKER_FUNCS: FuncMap = {
  json: {
    min: 1,
    max: 1,
    call: (args) => {
      try {
        return goJson(args[0] === undefined ? null : args[0], { escapeHTML: false }).trim();
      } catch (e) {
        // Docker's json drops json.Marshal's error; a value strata refuses to show stays refused.
        if (e instanceof NotSimulated) throw e;
        return '';
      }
    },
  },
  split: {
    min: 2,
    max: 2,
    call: (args) => {
      const s = wantString(args[0]);
      const sep = wantString(args[1]);
      return sep === '' ? [...runes(s)].map((r) => r.bytes) : s.split(sep);
    },
  },
  join: { min: 2, max: 2, call: (args) => wantStrings(args[0]).join(wantString(args[1])) },
  title: { min: 1, max: 1, call: (args) => goTitle(wantString(args[0])) },
  lower: { min: 1, max: 1, call: (args) => changeCase(wantString(args[0]), false) },
  upper: { min: 1, max: 1, call: (args) => changeCase(wantString(args[0]), true) },
  pad: {
    min: 3,
    max: 3,
    call: (args) => {
      const s = wantString(args[0]);
      const prefix = wantInt(args[1]);
      const suffix = wantInt(args[2]);
      if (s === '') return s;
      if (prefix < 0 || suffix < 0) throw new Error('strings: negative Repeat count');
      return ' '.repeat(prefix) + s + ' '.repeat(suffix);
    },
  },
  truncate: {
    min: 2,
    max: 2,
    call: (args) => {
      const s = wantString(args[0]);
      const length = wantInt(args[1]);
      // docker/cli templates.truncateWithLength: source[:length], bytes.
      if (s.length < length) return s;
      if (length < 0) throw new Error(`runtime error: slice bounds out of range [:${length}]`);
      return s.slice(0, length);
    },
  },
};

/** docker/cli templates.HeaderFunctions: used when rendering a table header. */
export const HEADER_FUNCS: FuncMap = {
  json: { min: 1, max: 1, call: (args) => wantString(args[0]) },
  split: { min: 2, max: 2, call: (args) => (wantString(args[1]), wantString(args[0])) },
  join: { min: 2, max: 2, call: (args) => (wantString(args[1]), wantString(args[0])) },
  title: { min: 1, max: 1, call: (args) => wantString(args[0]) },
  lower: { min: 1, max: 1, call: (args) => wantString(args[0]) },
  upper: { min: 1, max: 1, call: (args) => wantString(args[0]) },
  truncate: { min: 2, max: 2, call: (args) => (wantInt(args[1]), wantString(args[0])) },
};

// ---------------------------------------------------------------------------------------------
// Executor

/**
 * exec.go's maxExecDepth is 100000 nested {{template}} calls; JavaScript's stack ends far sooner,
 * so a call this deep (only an endless recursion gets there) fails with Go's message at once.
 */
const MAX_TEMPLATE_DEPTH = 1000;

class State {
  out = '';
  node: { pos: number; str: string } | null = null;
  vars: { name: string; value: Value }[] = [];
  /** The template being executed (`executing "t"` in errors): "" is the format itself. */
  name = '';
  depth = 0;

  constructor(
    readonly text: string,
    readonly funcs: FuncMap,
    readonly options: ExecOptions = {},
    readonly defs: ReadonlyMap<string, Node[]> = new Map(),
  ) {}

  at(pos: number, str: string): void {
    this.node = { pos, str };
  }

  errorf(msg: string): never {
    if (this.node === null) throw new TemplateError(`template: : ${msg}`);
    const before = this.text.slice(0, this.node.pos);
    const nl = before.lastIndexOf('\n');
    const col = (nl < 0 ? before : before.slice(nl + 1)).length;
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    throw new TemplateError(`template: :${line}:${col}: executing ${quote(this.name)} at <${this.node.str}>: ${msg}`);
  }

  varValue(name: string): Value {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }

  setVar(name: string, value: Value): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  walkList(dot: Value, list: Node[]): void {
    for (const n of list) this.walk(dot, n);
  }

  walk(dot: Value, node: Node): void {
    switch (node.kind) {
      case 'text':
        this.out += node.text;
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node.pos, pipeString(node.pipe), val);
        return;
      }
      case 'if':
      case 'with':
      case 'range':
        if (node.kind === 'range') {
          this.walkRange(dot, node);
          return;
        }
      {
        const mark = this.vars.length;
        const val = this.evalPipeline(dot, node.pipe);
        if (isTrue(val)) {
          this.walkList(node.kind === 'with' ? val : dot, node.list);
        } else if (node.elseList !== null) {
          this.walkList(dot, node.elseList);
        }
        this.vars.length = mark;
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
    }
  }

  /**
   * exec.go walkTemplate: s.at(t); the lookup fails before the pipeline runs; the pipeline's
   * value is the called template's dot and `$`, and it sees no other variable.
   */
  walkTemplate(dot: Value, node: Extract<Node, { kind: 'template' }>): void {
    this.at(node.pos, `{{template ${quote(node.name)}${node.pipe === null ? '' : ' ' + pipeString(node.pipe)}}}`);
    const body = this.defs.get(node.name);
    if (body === undefined) this.errorf(`template ${quote(node.name)} not defined`);
    if (this.depth >= MAX_TEMPLATE_DEPTH) this.errorf('exceeded maximum template depth (100000)');
    const value = node.pipe === null ? undefined : this.evalPipeline(dot, node.pipe);
    const saved = { vars: this.vars, name: this.name };
    this.vars = [{ name: '$', value }];
    this.name = node.name;
    this.depth++;
    try {
      this.walkList(value, body);
    } finally {
      this.depth--;
      this.vars = saved.vars;
      this.name = saved.name;
    }
  }

  walkRange(dot: Value, r: ControlNode): void {
    this.at(r.pos, 'range ' + pipeString(r.pipe));
    const outer = this.vars.length;
    let val = this.evalPipeline(dot, r.pipe);
    if (val === null) val = undefined;
    const mark = this.vars.length;
    const decl = r.pipe.decl;
    const one = (index: Value, elem: Value): boolean => {
      if (decl.length > 0) {
        if (r.pipe.isAssign) {
          this.setVar(decl[0].name, decl.length > 1 ? index : elem);
        } else {
          this.vars[this.vars.length - 1].value = elem;
        }
      }
      if (decl.length > 1) {
        if (r.pipe.isAssign) this.setVar(decl[1].name, elem);
        else this.vars[this.vars.length - 2].value = index;
      }
      try {
        this.walkList(elem, r.list);
      } catch (e) {
        if (e instanceof BreakSignal) return false;
        if (!(e instanceof ContinueSignal)) throw e;
      } finally {
        this.vars.length = mark;
      }
      return true;
    };
    let ran = false;
    const k = kindOf(val);
    if (k === 'slice' || k === 'bytes') {
      const arr = val as ArrayLike<Value>;
      for (let i = 0; i < arr.length; i++) {
        ran = true;
        if (!one(i, arr[i])) break;
      }
    } else if (k === 'map') {
      for (const [key, v] of sortedEntries(val as GoMap)) {
        ran = true;
        if (!one(key, v)) break;
      }
    } else if (k === 'int' && this.options.legacyGo !== true) {
      // exec.go walkRange: its errors name the node evalPipeline met last (`at <3>`)
      if (decl.length > 1) this.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`);
      for (let i = 0; i < (val as number); i++) {
        ran = true;
        if (!one(i, i)) break;
      }
    } else if (k === 'invalid' || k === 'nil') {
      // a nil map or slice: no iterations, not an error
      if (val instanceof GoNil && val.kind === 'pointer') this.errorf(`range can't iterate over ${formatValue(val)}`);
    } else {
      this.errorf(`range can't iterate over ${formatValue(val)}`);
    }
    if (!ran && r.elseList !== null) this.walkList(dot, r.elseList);
    this.vars.length = outer;
  }

  printValue(pos: number, str: string, v: Value): void {
    if (typeof v === 'function') {
      this.at(pos, str);
      this.errorf(`can't print ${str} of type ${typeName(v)}`);
    }
    this.out += v === undefined || v === null ? '<no value>' : formatValue(v);
  }

  evalPipeline(dot: Value, pipe: PipeNode): Value {
    this.at(pipe.pos, pipeString(pipe));
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // an interface holding nil digs down to the invalid value
      if (value === null) value = undefined;
    }
    const result = value === MISSING ? undefined : value;
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d.name, result);
      else this.vars.push({ name: d.name, value: result });
    }
    return result;
  }

  notAFunction(args: ArgNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${argString(args[0])}`);
  }

  evalCommand(dot: Value, cmd: CommandNode, final: Final): Value {
    const first = cmd.args[0];
    switch (first.kind) {
      case 'field':
        this.at(first.pos, argString(first));
        return this.evalFieldChain(dot, dot, first.pos, argString(first), first.ident, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, { pos: cmd.pos, str: commandString(cmd) }, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
      default:
        break;
    }
    this.at(first.pos, argString(first));
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        this.errorf('nil is not a command');
      case 'number':
        return first.value;
      case 'string':
        return first.text;
    }
  }

  evalChain(dot: Value, chain: Extract<ArgNode, { kind: 'chain' }>, args: ArgNode[], final: Final): Value {
    this.at(chain.pos, argString(chain));
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${argString(chain)}`);
    const recv = this.evalArg(dot, chain.node);
    // evalPipeline unwraps an interface{} result to its dynamic value, so a field of a
    // parenthesized pipeline's result names the concrete type (`in type string`).
    return this.evalFieldChain(dot, recv, chain.pos, argString(chain), chain.field, args, final, chain.node.kind === 'pipe');
  }

  evalVariable(dot: Value, v: Extract<ArgNode, { kind: 'variable' }>, args: ArgNode[], final: Final): Value {
    this.at(v.pos, argString(v));
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v.pos, argString(v), v.ident.slice(1), args, final);
  }

  evalFieldChain(
    dot: Value,
    receiver: Value,
    pos: number,
    str: string,
    ident: string[],
    args: ArgNode[] | null,
    final: Final,
    concreteReceiver = false,
  ): Value {
    let r = receiver;
    for (let i = 0; i < ident.length - 1; i++) r = this.evalField(dot, ident[i], pos, str, null, MISSING, r, concreteReceiver && i === 0);
    return this.evalField(dot, ident[ident.length - 1], pos, str, args, final, r, concreteReceiver && ident.length === 1);
  }

  evalField(dot: Value, name: string, pos: number, str: string, args: ArgNode[] | null, final: Final, receiver: Value, concreteReceiver = false): Value {
    if (receiver === undefined) {
      // Go's evalField: with missingkey=error (the raw inspect fallback) the invalid value is
      // treated as a missing map key.
      if (this.options.missingKeyError === true) this.errorf(`nil data; no entry for key ${quote(name)}`);
      return undefined;
    }
    // No s.at here (Go's evalField): errors name the node last set, which for a chain
    // `(index .Mounts 0).Nope` is the pipeline's last argument, `0` (recorded: inspect/template-actions).
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    const k = kindOf(receiver);
    if (k === 'struct') {
      const member = structMember(receiver as object, name);
      if (typeof member === 'function') {
        return this.evalCall(dot, member as (...a: Value[]) => Value, receiver, name, pos, str, args, final, member.length, member.length);
      }
      if (member !== undefined || Object.prototype.hasOwnProperty.call(receiver, name)) {
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return member as Value;
      }
    } else if (k === 'map') {
      const method = mapMethod(receiver as GoMap, name);
      if (method !== undefined) {
        return this.evalCall(dot, method as (...a: Value[]) => Value, receiver, name, pos, str, args, final, method.length, method.length);
      }
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      const m = receiver as GoMap;
      if (m.has(name)) return m.get(name);
      // Go text/template exec.go evalField: Option("missingkey=error") turns a missing map key
      // into an error instead of the invalid value (`<no value>`).
      if (this.options.missingKeyError === true) this.errorf(`map has no entry for key ${quote(name)}`);
      return undefined;
    } else if (receiver instanceof GoNil) {
      if (receiver.kind === 'map') {
        if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
        return undefined;
      }
      if (receiver.kind === 'pointer') this.errorf(`nil pointer evaluating ${typeName(receiver)}.${name}`);
    }
    // Values decoded from JSON into `any` are map or slice elements of type interface {}: Go
    // names that static type, not the dynamic one (exec.go evalField reports receiver.Type()),
    // unless a pipeline just unwrapped it (concreteReceiver).
    this.errorf(`can't evaluate field ${name} in type ${this.options.untyped === true && !concreteReceiver ? 'interface {}' : typeName(receiver)}`);
  }

  evalFunction(
    dot: Value,
    node: Extract<ArgNode, { kind: 'identifier' }>,
    cmd: { pos: number; str: string },
    args: ArgNode[],
    final: Final,
  ): Value {
    this.at(node.pos, node.name);
    const name = node.name;
    const def = Object.prototype.hasOwnProperty.call(this.funcs, name) ? this.funcs[name] : BUILTINS[name];
    if (def === undefined) this.errorf(`${quote(name)} is not a defined function`);
    const isBuiltin = !Object.prototype.hasOwnProperty.call(this.funcs, name);
    if (isBuiltin && (name === 'and' || name === 'or')) {
      const rest = args.slice(1);
      const numIn = rest.length + (final === MISSING ? 0 : 1);
      if (numIn < 1) this.errorf(`wrong number of args for ${name}: want at least 1 got ${numIn}`);
      let v: Value = undefined;
      for (const a of rest) {
        v = this.evalArg(dot, a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    if (isBuiltin && name === 'call' && this.options.legacyGo !== true) {
      // exec.go evalCall (Go 1.21+): the argument node's String() (a parenthesized pipeline
      // without its parentheses); reflect.Value.String() of a piped-in value: the string itself,
      // `<T Value>` for any other kind
      const callee = args.length > 1 ? argString(args[1]) : typeof final === 'string' ? final : `<${typeName(final === MISSING ? undefined : final)} Value>`;
      return this.evalCall(dot, (argv: Value[]) => callFunction(argv, callee), null, name, node.pos, name, args, final, def.min, def.max, cmd);
    }
    return this.evalCall(dot, def.call, null, name, node.pos, name, args, final, def.min, def.max, cmd);
  }

  evalCall(
    dot: Value,
    fn: ((...a: Value[]) => Value) | ((args: Value[]) => Value),
    self: Value,
    name: string,
    pos: number,
    str: string,
    args: ArgNode[] | null,
    final: Final,
    min: number,
    max: number,
    builtinCmd: { pos: number; str: string } | null = null,
  ): Value {
    const argArray = builtinCmd !== null;
    const rest = args === null ? [] : args.slice(1);
    const numIn = rest.length + (final === MISSING ? 0 : 1);
    if (numIn < min || numIn > max) {
      this.at(pos, str);
      if (max === Infinity) this.errorf(`wrong number of args for ${name}: want at least ${min} got ${numIn}`);
      this.errorf(`wrong number of args for ${name}: want ${min} got ${numIn}`);
    }
    // Where each argument left the error location: Go checks an argument's type right after
    // evaluating it (evalArg), so a mismatch names the field at the end of a chain, or the last
    // node a parenthesized pipeline evaluated.
    const argAt: ({ pos: number; str: string } | null)[] = [];
    const argv: Value[] = rest.map((a) => {
      const v = this.evalArg(dot, a);
      argAt.push(this.node);
      return v;
    });
    if (final !== MISSING) argv.push(final);
    // Go's evalCall names the call node only when the call fails; a success leaves the node
    // the last argument set, which a field chain on the result reports.
    try {
      const result = argArray
        ? (fn as (args: Value[]) => Value)(argv)
        : (fn as (...a: Value[]) => Value).apply(self, argv.map((a) => (a === undefined ? null : a)));
      return result === undefined ? undefined : result;
    } catch (e) {
      // A refusal from inside a function (json of a value strata does not show) is not Go's error.
      if (e instanceof TemplateError || e instanceof NotSimulated) throw e;
      this.at(pos, str);
      if (e instanceof ArgTypeError) {
        // A piped final value is checked at the call (evalCall's validateType of final).
        const i = argv.findIndex((a) => a === e.value || (a == null && e.value == null));
        const n = i >= 0 && i < rest.length ? rest[i] : undefined;
        if (n !== undefined && (n.kind === 'number' || n.kind === 'bool' || n.kind === 'string')) {
          // A constant is never converted: evalString / evalInteger refuse the node itself.
          this.at(n.pos, argString(n));
          if (e.expected === 'string') this.errorf(`expected string; found ${argString(n)}`);
          if (e.expected === 'int') this.errorf(`expected integer; found ${argString(n)}`);
          // evalArg converts constants to kinds it knows; a slice or a map parameter is none of them
          this.errorf(`can't handle ${argString(n)} for arg of type ${e.expected}`);
        } else if (n !== undefined) {
          this.node = argAt[i];
        }
        this.errorf(e.message);
      }
      if (builtinCmd !== null) this.at(builtinCmd.pos, builtinCmd.str);
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  evalArg(dot: Value, n: ArgNode): Value {
    this.at(n.pos, argString(n));
    switch (n.kind) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'field':
        return this.evalFieldChain(dot, dot, n.pos, argString(n), n.ident, [n], MISSING);
      case 'variable':
        return this.evalVariable(dot, n, [n], MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n);
      case 'identifier':
        return this.evalFunction(dot, n, { pos: n.pos, str: n.name }, [n], MISSING);
      case 'chain':
        return this.evalChain(dot, n, [n], MISSING);
      case 'bool':
        return n.value;
      case 'number':
        return n.value;
      case 'string':
        return n.text;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Public API

/** Templates parsed with Docker's functions, by text (Template.parse); a parse error is not kept. */
const parsedTemplates = new BoundedMemo<string, Template>(256);

export class Template {
  private constructor(
    private readonly text: string,
    private readonly root: Node[],
    private readonly funcs: FuncMap,
    private readonly defs: ReadonlyMap<string, Node[]>,
  ) {}

  /**
   * Parse `text`; functions are checked against the builtins plus `funcs` (Docker's by default).
   * Memoized by text for Docker's function set: the same few formats (`docker ps`'s table, a scenario's
   * `-f`) are parsed at every command, and lexing was a tenth of `docker ps`'s cost. A parsed
   * template is never changed by executing it (State keeps everything that changes).
   */
  static parse(text: string, funcs: FuncMap = DOCKER_FUNCS): Template {
    const memo = funcs === DOCKER_FUNCS;
    const known = memo ? parsedTemplates.get(text) : undefined;
    if (known !== undefined) return known;
    const parser = new Parser(lex(text), funcs);
    const t = new Template(text, parser.parse(), funcs, parser.defs);
    if (memo) parsedTemplates.set(text, t);
    return t;
  }

  /** The same template with some functions replaced (Go's tmpl.Funcs after parsing). */
  withFuncs(overrides: FuncMap): Template {
    return new Template(this.text, this.root, { ...this.funcs, ...overrides }, this.defs);
  }

  /** Execute against `data`; throws TemplateError (with `.partial` output) on failure. */
  execute(data: unknown, options: ExecOptions = {}): string {
    const state = new State(this.text, this.funcs, options, this.defs);
    const dot = data as Value;
    state.vars.push({ name: '$', value: dot });
    try {
      state.walkList(dot, this.defs.get('') ?? this.root);
    } catch (e) {
      if (e instanceof TemplateError) {
        e.partial = state.out;
        throw e;
      }
      throw e;
    }
    return state.out;
  }
}

/** Parse and execute in one go (Docker's function set). */
export function executeTemplate(text: string, data: unknown, funcs: FuncMap = DOCKER_FUNCS): string {
  return Template.parse(text, funcs).execute(data);
}

/**
 * docker/cli formatter preFormat: a `table` prefix is stripped (and reported), then spaces are
 * trimmed from both ends and the two-character escapes `\t` and `\n` become tab and newline.
 * The format `json` becomes `{{json .}}` for clients from 23.0 (formatter.JSONFormat); the 20.10
 * client has no such shortcut and prints the word `json` for each row (`jsonShortcut` false).
 */
export function parseDockerFormat(format: string, jsonShortcut = true): { table: boolean; template: string } {
  const table = format.startsWith('table');
  let t = format;
  if (table) t = t.slice('table'.length);
  else if (format === 'json' && jsonShortcut) t = '{{json .}}';
  t = t.replace(/^ +| +$/g, '');
  t = t.replace(/\\t|\\n/g, (m) => (m === '\\t' ? '\t' : '\n'));
  return { table, template: t };
}
