// Tokenizer and recursive-descent parser for the POSIX sh subset. Lexing is done on demand with
// one token of lookahead because sh tokenizing depends on the parser: `$(...)` is parsed by a
// nested call into the parser on the same input, and here-document bodies are read when the
// lexer reaches the end of the line holding their `<<`.

import type {
  AndOr,
  Assignment,
  CaseItem,
  Command,
  CompoundCommand,
  CondExpr,
  FunctionDef,
  HereDoc,
  List,
  ParamOp,
  Pipeline,
  RedirOp,
  Redirect,
  SimpleCommand,
  Word,
  WordPart,
} from './ast.ts';
import { ShellLimitError, ShellNotSimulated } from './types.ts';

/**
 * A syntax error, worded both ways: `ash` is the text after busybox's `syntax error: `, `bash`
 * the full bash message after its `-c: line N: ` prefix.
 */
export class ParseError extends Error {
  constructor(
    readonly ash: string,
    readonly bash: string,
    readonly line: number,
    /** Source line bash quotes on a second line for "unexpected token" errors. */
    readonly sourceLine?: string,
    /** Or another second line of bash's, after its prefix (`` syntax error: `((i=0))' ``). */
    readonly bashNote?: string,
    /** The line bash names where it is not `line`: where an unclosed quote or `${` began. */
    readonly bashLine?: number,
  ) {
    super(`syntax error: ${ash}`);
    this.name = 'ParseError';
  }
}

/**
 * A syntax error inside bash's `[[ ... ]]` (parse.y cond_term, cond_error): its messages, each
 * with its line (none for `[[ ]]`; an error inside parentheses adds "expected `)'"), printed
 * without bash's "syntax error" framing and the source line. The lexer then gives yacc -1, which
 * it reads as the end of the input: bash stops with the status of the last command
 * (`keepsStatus`), except for an error at the very end of the text, which exits 2.
 */
export class CondParseError extends ParseError {
  constructor(
    readonly messages: readonly { line: number; text: string }[],
    line: number,
    readonly keepsStatus: boolean,
  ) {
    super(messages[0]?.text ?? '', messages[0]?.text ?? '', line);
    this.name = 'CondParseError';
  }
}

/** A token inside `[[ ... ]]`: `end` is `]]`; `last`, a newline with nothing after it. */
type CondToken =
  | { kind: 'word'; word: Word; raw: string; line: number }
  | { kind: 'op'; op: string; line: number }
  | { kind: 'newline'; line: number; last: boolean }
  | { kind: 'end'; line: number }
  | { kind: 'eof'; line: number };

/** ash's special builtins: no function may take their names (ash.c simplecmd, "bad function name"). */
const ASH_SPECIAL_BUILTINS = new Set(['break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'trap', 'unset', '.', ':']);

/** bash's unary `[[` operators (test.c test_unop). */
const COND_UNARY = new Set([...'abcdefghknoprstuvwxzGLOSNR'].map((c) => `-${c}`));
/** bash's binary ones written as words (test.c test_binop; `<` `>` are tokens, `=~` apart). */
const COND_BINARY = new Set(['=', '==', '!=', '-nt', '-ot', '-ef', '-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

type Token =
  | { kind: 'word'; word: Word; raw: string; line: number }
  | { kind: 'op'; op: string; fd?: number; line: number }
  | { kind: 'newline'; line: number }
  | { kind: 'eof'; line: number };

// `&>` (both to a file) is bash's and busybox ash's (its bash compatibility), never POSIX sh's
const OPERATORS = ['<<-', '&&', '||', ';;', '<<', '>>', '<&', '>&', '<>', '>|', '&>', ';', '&', '|', '(', ')', '<', '>'];
/** Characters readWord handles one by one (besides its stop characters). */
const WORD_SPECIAL = new Set(['\\', "'", '"', '$', '`', '\n']);
/** Characters readQuoted handles one by one (besides its closing character). */
const QUOTED_SPECIAL = new Set(['\\', '$', '`', '\n']);
const TWO_CHAR_OPERATORS = new Set(OPERATORS.filter((o) => o.length === 2));
const REDIR_OPS = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '&>', '<<', '<<-', '<<<', '&>>']);
const META = ' \t\n;&|<>()';
/** Reserved words that end a list (the enclosing construct decides whether they fit). */
const CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const RESERVED = new Set([...CLOSERS, 'if', 'while', 'until', 'for', 'case', '{', '!', 'in']);
/** Nesting limit so a pathological script hits a clear error, not the JS stack. */
const MAX_NESTING = 300;

/** A parameter's name at the start of a text: a variable's, a positional's digits, or a special one. */
export const PARAM_NAME = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#@*$!-])/;

export function isName(s: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);
}

/** Parse a whole script (used by tests and fuzzing; the interpreter parses command by command). */
export function parse(src: string, bash = false): List {
  return new Parser(src, 1, bash).parseProgram();
}

export class Parser {
  private pos = 0;
  private line: number;
  private peeked: Token | undefined;
  private pending: HereDoc[] = [];
  private depth = 0;
  /** Double quotes open around the word being read (not counting those outside a `$(`). */
  private dq = 0;
  /** A here-document body ran to the end of the text without its delimiter line (bash warns; an interactive shell asks for more). */
  private heredocOpen = false;
  /** Those here-documents, in order: the one the text ended in, and any after it on its line. */
  private readonly openHeredocs: HereDoc[] = [];

  constructor(
    private readonly src: string,
    startLine = 1,
    /**
     * bash's grammar where it differs from ash's: `(( expr ))` and `for (( ;; ))` are arithmetic
     * (ash reads `((` as two subshells, and refuses the for loop).
     */
    private readonly bash = false,
  ) {
    this.line = startLine;
  }

  /** The source not parsed yet, and its first line's number (between commands). */
  remaining(): { source: string; line: number } {
    const { pos, line } = this.position();
    return { source: this.src.slice(pos), line };
  }

  /** Where parsing stands between commands: an offset into the source and its line. */
  position(): { pos: number; line: number } {
    return { pos: this.peeked === undefined ? this.pos : this.src.length, line: this.line };
  }

  // ---------------------------------------------------------------- grammar

  parseProgram(): List {
    const items: AndOr[] = [];
    for (let chunk = this.nextCommand(); chunk; chunk = this.nextCommand()) items.push(...chunk.items);
    return { items };
  }

  /** Whether a here-document read so far ended with the text instead of its delimiter line. */
  get unterminatedHeredoc(): boolean {
    return this.heredocOpen;
  }

  /** The delimiters the text still waits for, in order (see unterminatedHeredoc). */
  get awaitedDelimiters(): readonly { delimiter: string; stripTabs: boolean }[] {
    return this.openHeredocs.map((h) => ({ delimiter: h.delimiter, stripTabs: h.stripTabs }));
  }

  /**
   * The next complete command (everything up to an unescaped newline), or null at the end. Shells
   * parse and run one such line at a time, so an error further down does not stop earlier lines.
   */
  nextCommand(): List | null {
    this.skipNewlines();
    if (this.peek().kind === 'eof') return null;
    const items: AndOr[] = [];
    for (;;) {
      const t = this.peek();
      if (this.endsList(t)) throw this.unexpected(t);
      const ao = this.parseAndOr();
      items.push(ao);
      const s = this.peek();
      if (s.kind === 'op' && (s.op === ';' || s.op === '&')) {
        this.next();
        if (s.op === '&') ao.background = true;
        const after = this.peek();
        if (after.kind === 'newline') {
          this.next();
          break;
        }
        if (after.kind === 'eof') break;
        continue;
      }
      if (s.kind === 'newline') {
        this.next();
        break;
      }
      if (s.kind === 'eof') break;
      throw this.unexpected(s);
    }
    return { items };
  }

  private endsList(t: Token): boolean {
    if (t.kind === 'eof') return true;
    if (t.kind === 'op') return t.op === ')' || t.op === ';;';
    return t.kind === 'word' && this.isKeyword(t) && CLOSERS.has(t.raw);
  }

  /** A compound list: and-or lists separated by `;`, `&` or newlines, up to a closer. */
  private parseList(): List {
    const items: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.endsList(this.peek())) break;
      const ao = this.parseAndOr();
      items.push(ao);
      const s = this.peek();
      if (s.kind === 'op' && (s.op === ';' || s.op === '&')) {
        this.next();
        if (s.op === '&') ao.background = true;
        continue;
      }
      if (s.kind === 'newline') continue;
      break;
    }
    return { items };
  }

  /**
   * A list that must hold at least one command (bodies of if/while/{ }...). An empty one at the end
   * of the text names the word that would follow it, as busybox ash and dash do (`if` alone:
   * `unexpected end of file (expecting "then")`; checked against both on the recorder's host).
   */
  private parseBody(follow: string): List {
    const list = this.parseList();
    if (list.items.length === 0) {
      const t = this.peek();
      throw this.unexpected(t, t.kind === 'eof' ? follow : undefined);
    }
    return list;
  }

  private parseAndOr(): AndOr {
    const head = this.parsePipeline();
    const tail: AndOr['tail'] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.next();
      this.skipNewlines();
      tail.push({ op: t.op, pipeline: this.parsePipeline() });
    }
    return { head, tail, background: false };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    const first = this.peek();
    if (first.kind === 'word' && this.isKeyword(first) && first.raw === '!') {
      this.next();
      negated = true;
    }
    const commands = [this.parseCommand()];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '|' && t.op !== '|&')) break;
      // bash: `a |& b` is `a 2>&1 | b`, its stderr joined to the pipe after a's own redirections
      const last = commands[commands.length - 1];
      if (t.op === '|&' && last.kind !== 'function') last.redirs.push({ fd: 2, op: '>&', target: { parts: [{ kind: 'lit', text: '1' }] } });
      this.next();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { negated, commands };
  }

  private parseCommand(): Command {
    if (++this.depth > MAX_NESTING) throw new ShellLimitError('script nesting too deep');
    try {
      const t = this.peek();
      if (t.kind === 'op' && t.op === '(') return (this.bash && this.arithCommand(t.line)) || this.parseCompound();
      // `function NAME [()] BODY`: bash's and busybox ash's (bash compatibility) other form
      if (t.kind === 'word' && t.raw === 'function' && isPlain(t.word)) return this.parseFunctionKeyword();
      if (this.bash && t.kind === 'word' && t.raw === '[[' && isPlain(t.word)) return this.parseCond();
      if (t.kind === 'word' && this.isKeyword(t)) {
        if (['if', 'while', 'until', 'for', 'case', '{'].includes(t.raw)) return this.parseCompound();
        if (RESERVED.has(t.raw) && t.raw !== 'in') throw this.unexpected(t);
      }
      return this.parseSimple();
    } finally {
      this.depth--;
    }
  }

  private parseCompound(): CompoundCommand {
    const t = this.next();
    const line = t.line;
    let cmd: CompoundCommand;
    if (t.kind === 'op' && t.op === '(') {
      const body = this.parseBody(")");
      this.expectOp(')');
      cmd = { kind: 'subshell', body, redirs: [], line };
    } else if (t.kind === 'word' && t.raw === '{') {
      const body = this.parseBody('}');
      this.expectWord('}');
      cmd = { kind: 'brace', body, redirs: [], line };
    } else if (t.kind === 'word' && t.raw === 'if') {
      const firstCond = this.parseBody('then');
      this.expectWord('then');
      const clauses = [{ cond: firstCond, body: this.parseBody('fi') }];
      let elseBody: List | undefined;
      for (;;) {
        const k = this.next();
        if (k.kind === 'word' && this.isKeyword(k) && k.raw === 'elif') {
          const cond = this.parseBody('then');
          this.expectWord('then');
          clauses.push({ cond, body: this.parseBody('fi') });
        } else if (k.kind === 'word' && this.isKeyword(k) && k.raw === 'else') {
          elseBody = this.parseBody('fi');
          this.expectWord('fi');
          break;
        } else if (k.kind === 'word' && this.isKeyword(k) && k.raw === 'fi') {
          break;
        } else {
          throw this.unexpected(k, 'fi');
        }
      }
      cmd = { kind: 'if', clauses, elseBody, redirs: [], line };
    } else if (t.kind === 'word' && (t.raw === 'while' || t.raw === 'until')) {
      const cond = this.parseBody('do');
      this.expectWord('do');
      const body = this.parseBody('done');
      this.expectWord('done');
      cmd = { kind: 'loop', until: t.raw === 'until', cond, body, redirs: [], line };
    } else if (t.kind === 'word' && t.raw === 'for') {
      cmd = this.parseFor(line);
    } else {
      cmd = this.parseCase(line);
    }
    cmd.redirs = this.parseRedirects();
    return cmd;
  }

  /**
   * bash's `(( expr ))` at the `(` just read, when a second `(` follows at once and the text has
   * the matching `))`; undefined (nothing read) otherwise: then it is two subshells, as in ash.
   */
  private arithCommand(line: number): CompoundCommand | undefined {
    const end = this.peeked !== undefined && this.src[this.pos] === '(' ? this.arithEnd(this.pos + 1) : undefined;
    if (end === undefined) return undefined;
    this.peeked = undefined;
    const expr = this.arithWord(this.pos + 1, end);
    const cmd: CompoundCommand = { kind: 'arith', expr, redirs: [], line };
    cmd.redirs = this.parseRedirects();
    return cmd;
  }

  /** Where the `))` closing an arithmetic text from `start` is (parentheses nest, quotes hide them), or undefined. */
  private arithEnd(start: number): number | undefined {
    const src = this.src;
    let depth = 0;
    for (let i = start; i < src.length; i++) {
      const c = src[i];
      if (c === "'" || c === '"') {
        const close = src.indexOf(c, i + 1);
        if (close < 0) return undefined;
        i = close;
      } else if (c === '\\') i++;
      else if (c === '(') depth++;
      else if (c === ')') {
        if (depth > 0) depth--;
        else return src[i + 1] === ')' ? i : undefined;
      }
    }
    return undefined;
  }

  /** The arithmetic text from `start` to `end` as a word (expanded like a double-quoted one); reads past its `))`. */
  private arithWord(start: number, end: number): Word {
    const word = this.arithWordAt(start, end);
    this.line += countNewlines(this.src.slice(start, end));
    this.pos = end + 2;
    return word;
  }

  /**
   * An arithmetic text's parts: bash removes its double quotes (`$(( "$x" * 2 ))` is 10 for x=5,
   * `(( "1" + 2 ))` true), where ash keeps them and fails ("arithmetic syntax error").
   */
  private arithParts(parts: WordPart[]): WordPart[] {
    if (!this.bash) return parts;
    return parts.map((p) => (p.kind === 'lit' && p.text.includes('"') ? { kind: 'lit', text: p.text.replace(/"/g, '') } : p));
  }

  /** bash's `for (( init; cond; step ))` after `for`, its `(` read: the three expressions, then the body. */
  private parseArithFor(line: number): CompoundCommand {
    const open = this.pos - 1;
    const end = this.arithEnd(this.pos + 1);
    if (end === undefined) throw this.unterminated('((');
    // the three expressions: split at the `;`s outside parentheses and quotes
    const cuts: number[] = [];
    let depth = 0;
    for (let i = this.pos + 1; i < end; i++) {
      const c = this.src[i];
      if (c === "'" || c === '"') i = this.src.indexOf(c, i + 1);
      else if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (c === ';' && depth === 0) cuts.push(i);
    }
    if (cuts.length !== 2) {
      // bash: parse.y parse_arith_cmd's caller (`;' unexpected past three, too few: "arithmetic expression required")
      const note = `syntax error: \`${this.src.slice(open, end + 2)}'`;
      throw new ParseError(
        'bad for loop variable',
        cuts.length > 2 ? "syntax error: `;' unexpected" : 'syntax error: arithmetic expression required',
        this.line,
        undefined,
        note,
      );
    }
    const first = this.pos + 1;
    const init = this.arithWordAt(first, cuts[0]);
    const cond = this.arithWordAt(cuts[0] + 1, cuts[1]);
    const step = this.arithWordAt(cuts[1] + 1, end);
    this.line += countNewlines(this.src.slice(first, end));
    this.pos = end + 2;
    this.peeked = undefined;
    const s = this.peek();
    if (s.kind === 'op' && s.op === ';') this.next();
    this.skipNewlines();
    const k = this.peek();
    let body: List;
    if (k.kind === 'word' && this.isKeyword(k) && k.raw === '{') {
      this.next();
      body = this.parseBody('}');
      this.expectWord('}');
    } else {
      this.expectWord('do');
      body = this.parseBody('done');
      this.expectWord('done');
    }
    return { kind: 'cfor', init, cond, step, body, redirs: [], line };
  }

  /** The arithmetic text from `start` to `end` as a word, without moving. */
  private arithWordAt(start: number, end: number): Word {
    const text = this.src.slice(start, end);
    return { parts: this.arithParts(this.child(text, this.line).readQuoted(text.length, '$`\\')) };
  }

  private parseFor(line: number): CompoundCommand {
    if (this.bash) {
      const t = this.peek();
      if (t.kind === 'op' && t.op === '(' && this.src[this.pos] === '(') return this.parseArithFor(line);
    }
    const nameTok = this.next();
    if (nameTok.kind !== 'word' || !isName(nameTok.raw)) {
      // ash's words for any name it cannot take (busybox `for (( ;; ))` too)
      const u = this.unexpected(nameTok);
      throw new ParseError('bad for loop variable', u.bash, u.line, u.sourceLine);
    }
    let words: Word[] | undefined;
    const s = this.peek();
    if (s.kind === 'op' && s.op === ';') {
      this.next();
    } else {
      this.skipNewlines();
      const k = this.peek();
      if (k.kind === 'word' && this.isKeyword(k) && k.raw === 'in') {
        this.next();
        words = [];
        for (let w = this.peek(); w.kind === 'word'; w = this.peek()) words.push((this.next() as { word: Word }).word);
        const sep = this.next();
        if (!(sep.kind === 'newline' || (sep.kind === 'op' && sep.op === ';'))) throw this.unexpected(sep, 'do');
      }
    }
    this.skipNewlines();
    this.expectWord('do');
    const body = this.parseBody('done');
    this.expectWord('done');
    return { kind: 'for', name: nameTok.raw, words, body, redirs: [], line };
  }

  private parseCase(line: number): CompoundCommand {
    const wordTok = this.next();
    if (wordTok.kind !== 'word') throw this.unexpected(wordTok);
    this.skipNewlines();
    this.expectWord('in');
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'word' && this.isKeyword(t) && t.raw === 'esac') {
        this.next();
        break;
      }
      if (t.kind === 'op' && t.op === '(') this.next();
      const patterns: Word[] = [];
      for (;;) {
        const p = this.next();
        if (p.kind !== 'word') throw this.unexpected(p, p.kind === 'eof' ? ')' : undefined);
        patterns.push(p.word);
        const sep = this.next();
        if (sep.kind === 'op' && sep.op === ')') break;
        if (!(sep.kind === 'op' && sep.op === '|')) throw this.unexpected(sep, ')');
      }
      const body = this.parseList();
      items.push({ patterns, body });
      const end = this.next();
      if (end.kind === 'op' && end.op === ';;') continue;
      if (end.kind === 'word' && this.isKeyword(end) && end.raw === 'esac') break;
      throw this.unexpected(end, end.kind === 'eof' ? ';;' : 'esac');
    }
    return { kind: 'case', word: wordTok.word, items, redirs: [], line };
  }

  private parseSimple(): SimpleCommand | FunctionDef {
    const line = this.peek().line;
    // dash and ash: the line the parser stands on when simplecmd starts, past the command's first
    // token, which it read to see it is no reserved word (dash src/parser.c simplecmd's savelinno
    // = plinno, busybox shell/ash.c the same): `x='1<newline>' nosuch` is line 2
    const firstEnd = this.line;
    // bash's line of a simple command (its errors, an eval's first line): make_bare_simple_command
    // takes the lexer's line_number when the grammar reduces the first element, which for a
    // command word is only after the token that follows it was read (a word may begin a function
    // definition: parse.y needs the lookahead), for an assignment or a redirection at once
    // (bminor/bash@bash-5.2 parse.y simple_command, make_cmd.c make_bare_simple_command). So
    // `nosuch 'a<newline>b'` and `eval 'true<newline>nosuch'` count from line 2, `x=1 \<newline>
    // nosuch` from 1 (measured, bash 5.2.15: test/recorded/shell-fidelity)
    let bashLine: number | undefined;
    const assigns: Assignment[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    // busybox ash (BASH_TEST2, ash.c simplecmd): after a plain word `[[` anywhere in a simple
    // command and up to a plain `]]`, `&&` and `||` are words passed to the command, for its
    // `[[` builtin; `<`, `>`, `(` and `)` stay the shell's (bash reads `[[ ... ]]` itself)
    let brackets = false;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && REDIR_OPS.has(t.op)) {
        redirs.push(this.parseRedirect());
        // (the lexer stands at the end of the redirection's word)
        bashLine ??= this.line;
        continue;
      }
      if (brackets && t.kind === 'op' && (t.op === '&&' || t.op === '||') && t.fd === undefined) {
        this.next();
        words.push({ parts: [{ kind: 'lit', text: t.op }] });
        continue;
      }
      if (t.kind !== 'word') break;
      this.next();
      if (!this.bash && isPlain(t.word)) {
        if (t.raw === '[[') brackets = true;
        else if (t.raw === ']]') brackets = false;
      }
      if (words.length === 0) {
        const a = asAssignment(t.word, this.bash);
        if (a) {
          bashLine ??= this.line;
          const after = this.peek();
          if (this.bash && a.value.parts.length === 0 && after.kind === 'op' && after.op === '(' && this.src[this.pos - 2] === '=') {
            throw new ShellNotSimulated(`strata does not simulate bash arrays (${a.name}=(...))`);
          }
          assigns.push(a);
          continue;
        }
      }
      words.push(t.word);
      const after = this.peek();
      // (the line the lexer stands on past that token: a newline's own, as bash counts it once read)
      bashLine ??= after.kind === 'newline' ? after.line : this.line;
      if (words.length === 1 && assigns.length === 0 && redirs.length === 0 && after.kind === 'op' && after.op === '(') {
        if (!this.bash) {
          // ash (simplecmd): the `)` first, then the name (`echo ( a )`: expecting ")")
          this.next();
          this.expectOp(')');
          if (!isPlain(t.word) || !isName(t.raw) || ASH_SPECIAL_BUILTINS.has(t.raw)) throw new ParseError('bad function name', 'bad function name', line);
          return this.functionBody(t.raw, line);
        }
        if (!isPlain(t.word) || !isName(t.raw)) throw this.unexpected(after);
        return this.parseFunction(t.raw, line);
      }
    }
    if (assigns.length === 0 && words.length === 0 && redirs.length === 0) throw this.unexpected(this.peek());
    return { kind: 'simple', assigns, words, redirs, line: this.bash ? (bashLine ?? line) : firstEnd };
  }

  /** After `function`: the name, `()` if written, then the body as after `name()`. */
  private parseFunctionKeyword(): FunctionDef {
    const line = this.next().line;
    const t = this.next();
    if (t.kind !== 'word' || !isPlain(t.word) || !isName(t.raw)) throw this.unexpected(t);
    const after = this.peek();
    // (bash: `function f (( $1 > 2 ))` has an arithmetic body, no `()`)
    if (after.kind === 'op' && after.op === '(' && !(this.bash && this.src[this.pos] === '(')) return this.parseFunction(t.raw, line);
    return this.functionBody(t.raw, line);
  }

  private parseFunction(name: string, line: number): FunctionDef {
    this.next(); // (
    this.expectOp(')');
    return this.functionBody(name, line);
  }

  private functionBody(name: string, line: number): FunctionDef {
    this.skipNewlines();
    const t = this.peek();
    // ash's body is any command (ash.c simplecmd: parse_command), `f() echo hi` too: a simple
    // one is kept as the only command of a `{ }` body, which runs the same
    if (!this.bash && !(t.kind === 'op' && t.op === '(') && !(t.kind === 'word' && this.isKeyword(t))) {
      const only = this.parseCommand();
      return { kind: 'function', name, body: { kind: 'brace', body: { items: [{ head: { negated: false, commands: [only] }, tail: [], background: false }] }, redirs: [], line }, line };
    }
    const compound =
      (t.kind === 'op' && t.op === '(') ||
      (t.kind === 'word' && this.isKeyword(t) && ['if', 'while', 'until', 'for', 'case', '{'].includes(t.raw)) ||
      (this.bash && t.kind === 'word' && t.raw === '[[' && isPlain(t.word));
    if (!compound) throw this.unexpected(t);
    if (t.kind === 'word' && t.raw === '[[') return { kind: 'function', name, body: this.parseCond(), line };
    // bash: `f() (( $1 > 2 ))` is an arithmetic body
    const body = (t.kind === 'op' && this.bash && this.arithCommand(t.line)) || this.parseCompound();
    return { kind: 'function', name, body, line };
  }

  private parseRedirects(): Redirect[] {
    const redirs: Redirect[] = [];
    for (let t = this.peek(); t.kind === 'op' && REDIR_OPS.has(t.op); t = this.peek()) redirs.push(this.parseRedirect());
    return redirs;
  }

  private parseRedirect(): Redirect {
    const t = this.next() as { op: string; fd?: number };
    const op = t.op as RedirOp;
    const target = this.next();
    if (target.kind !== 'word') throw this.unexpected(target);
    const r: Redirect = { fd: t.fd, op, target: target.word };
    if (op === '<<' || op === '<<-') {
      const heredoc: HereDoc = {
        delimiter: target.raw.replace(/\\(.)|['"]/gs, '$1'),
        quoted: /['"\\]/.test(target.raw),
        stripTabs: op === '<<-',
        body: { parts: [] },
      };
      this.pending.push(heredoc);
      r.heredoc = heredoc;
    }
    return r;
  }

  // ---------------------------------------------------------------- bash's [[ ... ]]

  /** The current token inside `[[ ... ]]` (bash's cond_token). */
  private condTok: CondToken = { kind: 'eof', line: 0 };
  /** Whether the newline bash reads at the end of a text without one was read. */
  private condFinalNewline = false;

  /** `[[ expr ]]` at the `[[` token peeked, and its redirections. */
  private parseCond(): CompoundCommand {
    const line = this.next().line;
    const expr = this.condOr();
    const t = this.condTok;
    if (t.kind !== 'end') {
      if (t.kind === 'eof') throw this.condError([{ line, text: "unexpected EOF while looking for `]]'" }], t);
      const etext = condText(t);
      throw this.condError([{ line, text: `syntax error in conditional expression${etext === undefined ? '' : `: unexpected token \`${etext}'`}` }], t);
    }
    const cmd: CompoundCommand = { kind: 'cond', expr, redirs: [], line };
    cmd.redirs = this.parseRedirects();
    return cmd;
  }

  private condError(messages: { line: number; text: string }[], at: CondToken): CondParseError {
    const atEnd = at.kind === 'eof' || (at.kind === 'newline' && at.last);
    return new CondParseError(messages, messages[0]?.line ?? at.line, !atEnd);
  }

  private condOr(): CondExpr {
    const left = this.condAnd();
    if (this.condTok.kind === 'op' && this.condTok.op === '||') return { kind: 'or', left, right: this.condOr() };
    return left;
  }

  private condAnd(): CondExpr {
    const left = this.condTerm();
    if (this.condTok.kind === 'op' && this.condTok.op === '&&') return { kind: 'and', left, right: this.condAnd() };
    return left;
  }

  private condSkipNewlines(): CondToken {
    do this.condTok = this.condLex();
    while (this.condTok.kind === 'newline');
    return this.condTok;
  }

  /** parse.y cond_term, its messages word for word. */
  private condTerm(): CondExpr {
    if (++this.depth > MAX_NESTING) throw new ShellLimitError('script nesting too deep');
    try {
      const tok = this.condSkipNewlines();
      if (tok.kind === 'end') throw this.condError([], tok);
      if (tok.kind === 'op' && tok.op === '(') {
        let term: CondExpr;
        try {
          term = this.condOr();
        } catch (e) {
          if (!(e instanceof CondParseError)) throw e;
          throw new CondParseError([...e.messages, { line: tok.line, text: "expected `)'" }], e.line, e.keepsStatus);
        }
        const close = this.condTok;
        if (!(close.kind === 'op' && close.op === ')')) {
          const etext = condText(close);
          throw this.condError([{ line: tok.line, text: etext === undefined ? "expected `)'" : `unexpected token \`${etext}', expected \`)'` }], close);
        }
        this.condSkipNewlines();
        return { kind: 'group', expr: term };
      }
      if (tok.kind === 'word' && tok.raw === '!') return { kind: 'not', expr: this.condTerm() };
      if (tok.kind === 'word' && COND_UNARY.has(tok.raw)) {
        const arg = this.condLex();
        if (arg.kind !== 'word') {
          const etext = condText(arg);
          throw this.condError([{ line: arg.line, text: etext === undefined ? 'unexpected argument to conditional unary operator' : `unexpected argument \`${etext}' to conditional unary operator` }], arg);
        }
        this.condSkipNewlines();
        return { kind: 'unary', op: tok.raw, arg: arg.word };
      }
      if (tok.kind === 'word') {
        const opTok = this.condLex();
        let op: string;
        if (opTok.kind === 'word' && (COND_BINARY.has(opTok.raw) || opTok.raw === '=~')) op = opTok.raw;
        else if (opTok.kind === 'op' && (opTok.op === '<' || opTok.op === '>')) op = opTok.op;
        else if (opTok.kind === 'end' || (opTok.kind === 'op' && (opTok.op === '&&' || opTok.op === '||' || opTok.op === ')'))) {
          // `[[ x ]]` is `[[ -n x ]]`, as with test
          this.condTok = opTok;
          return { kind: 'unary', op: '-n', arg: tok.word };
        } else {
          const etext = condText(opTok);
          throw this.condError([{ line: opTok.line, text: etext === undefined ? 'conditional binary operator expected' : `unexpected token \`${etext}', conditional binary operator expected` }], opTok);
        }
        const rhs = this.condLex(op === '=~' ? 'regex' : op === '==' || op === '=' || op === '!=' ? 'pattern' : 'word');
        if (rhs.kind !== 'word') {
          const etext = condText(rhs);
          throw this.condError([{ line: rhs.line, text: etext === undefined ? 'unexpected argument to conditional binary operator' : `unexpected argument \`${etext}' to conditional binary operator` }], rhs);
        }
        this.condSkipNewlines();
        return { kind: 'binary', op, left: tok.word, right: rhs.word };
      }
      const etext = condText(tok);
      throw this.condError([{ line: tok.line, text: `unexpected token \`${etext}' in conditional command` }], tok);
    } finally {
      this.depth--;
    }
  }

  /**
   * The next token inside `[[ ... ]]`: `<` `>` `(` `)` `&&` `||` are operators there, not
   * redirections or subshells. The right side of `=~` (`regex`) takes `|` and parenthesized text
   * (spaces too) into its word; that of `==` (`pattern`) would read bash's extended patterns, which
   * strata has not.
   */
  private condLex(mode: 'word' | 'pattern' | 'regex' = 'word'): CondToken {
    const src = this.src;
    this.skipBlanks();
    const line = this.line;
    if (this.pos >= src.length) {
      // bash reads a newline at the end of its input's last line too
      if (!this.condFinalNewline && !src.endsWith('\n')) {
        this.condFinalNewline = true;
        this.line++;
        return { kind: 'newline', line, last: true };
      }
      return { kind: 'eof', line };
    }
    const c = src[this.pos];
    if (c === '\n') {
      this.pos++;
      this.line++;
      this.readHeredocs();
      return { kind: 'newline', line, last: this.pos >= src.length };
    }
    if (';&|<>()'.includes(c) && !(mode === 'regex' && (c === '(' || c === '|'))) return { kind: 'op', op: this.lexOp(), line };
    const start = this.pos;
    let parts: WordPart[];
    if (mode === 'regex') parts = this.readRegexWord(line);
    else {
      parts = this.readWord((ch) => META.includes(ch));
      const last = parts[parts.length - 1];
      if (mode === 'pattern' && src[this.pos] === '(' && last?.kind === 'lit' && /[@!+*?]$/.test(last.text)) {
        throw new ShellNotSimulated(`strata does not simulate bash's extended patterns (${last.text[last.text.length - 1]}(...)) in [[ ... ]]`);
      }
    }
    const raw = src.slice(start, this.pos);
    const word = { parts };
    if (raw === ']]' && isPlain(word)) return { kind: 'end', line };
    return { kind: 'word', word, raw, line };
  }

  /** The right side of `=~`: a word in which `|` and text in parentheses are the regex's (parse.y read_token_word, PST_REGEXP). */
  private readRegexWord(line: number): WordPart[] {
    const parts: WordPart[] = [];
    let depth = 0;
    for (;;) {
      parts.push(...this.readWord((ch) => ch === '(' || ch === ')' || (depth === 0 && ch !== '|' && META.includes(ch))));
      const c = this.src[this.pos];
      if (c === '(') depth++;
      else if (c === ')' && depth > 0) depth--;
      else if (c === undefined && depth > 0) {
        throw new CondParseError(
          [
            { line, text: "unexpected EOF while looking for matching `)'" },
            { line: this.line + 1, text: 'unexpected argument to conditional binary operator' },
          ],
          line,
          false,
        );
      } else break;
      parts.push({ kind: 'lit', text: c });
      this.pos++;
    }
    return parts;
  }

  // ---------------------------------------------------------------- token helpers

  private peek(): Token {
    return (this.peeked ??= this.lex());
  }

  private next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.next();
  }

  /** A reserved word is only recognized when written plainly (no quotes or expansions). */
  private isKeyword(t: Token & { kind: 'word' }): boolean {
    return RESERVED.has(t.raw) && isPlain(t.word);
  }

  private expectWord(kw: string): void {
    const t = this.next();
    if (!(t.kind === 'word' && this.isKeyword(t) && t.raw === kw)) throw this.unexpected(t, kw);
  }

  private expectOp(op: string): void {
    const t = this.next();
    if (!(t.kind === 'op' && t.op === op)) throw this.unexpected(t, op);
  }

  private unexpected(t: Token, expecting?: string): ParseError {
    const exp = expecting ? ` (expecting "${expecting}")` : '';
    if (t.kind === 'eof') return new ParseError(`unexpected end of file${exp}`, 'syntax error: unexpected end of file', t.line);
    let ash: string;
    let text: string;
    if (t.kind === 'newline') {
      ash = 'newline';
      text = 'newline';
    } else if (t.kind === 'op') {
      ash = REDIR_OPS.has(t.op) ? 'redirection' : `"${t.op}"`;
      text = t.op;
    } else {
      ash = this.isKeyword(t) ? `"${t.raw}"` : 'word';
      text = t.raw;
    }
    return new ParseError(
      `unexpected ${ash}${exp}`,
      `syntax error near unexpected token \`${text}'`,
      t.line,
      this.src.split('\n')[t.line - 1] ?? '',
    );
  }

  // ---------------------------------------------------------------- lexer

  /** Past blanks, `\`-newline continuations and a comment to the end of its line: what precedes a token. */
  private skipBlanks(): void {
    const src = this.src;
    for (;;) {
      const c = src[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
      } else break;
    }
  }

  private lex(): Token {
    const src = this.src;
    this.skipBlanks();
    const line = this.line;
    if (this.pos >= src.length) {
      this.readHeredocs();
      return { kind: 'eof', line };
    }
    if (src[this.pos] === '\n') {
      this.pos++;
      this.line++;
      this.readHeredocs();
      return { kind: 'newline', line };
    }
    // an IO number (`2>`) starts with a digit: only then the regex and its slice
    const c0 = src.charCodeAt(this.pos);
    const io = c0 >= 48 && c0 <= 57 ? /^[0-9]+(?=[<>])/.exec(src.slice(this.pos, this.pos + 12)) : null;
    if (io) {
      this.pos += io[0].length;
      return { kind: 'op', op: this.lexOp(), fd: Number(io[0]), line };
    }
    if (';&|<>()'.includes(src[this.pos])) return { kind: 'op', op: this.lexOp(), line };
    const start = this.pos;
    const parts = this.readWord((ch) => META.includes(ch));
    return { kind: 'word', word: { parts }, raw: src.slice(start, this.pos), line };
  }

  /** The longest operator at pos (OPERATORS' order: `<<-`, then two characters, then one). */
  private lexOp(): string {
    const src = this.src;
    // bash's own: `<<<` (a here-string), `&>>` (both outputs appended), `|&` (`2>&1 |`); ash reads
    // `<<` `<`, `&>` `>` (both syntax errors there) and `|` `&`
    if (this.bash) {
      const three = src.slice(this.pos, this.pos + 3);
      const op = three === '<<<' || three === '&>>' ? three : three.startsWith('|&') ? '|&' : undefined;
      if (op !== undefined) {
        this.pos += op.length;
        return op;
      }
    }
    const two = src.slice(this.pos, this.pos + 2);
    const op = src.startsWith('<<-', this.pos) ? '<<-' : TWO_CHAR_OPERATORS.has(two) ? two : src[this.pos];
    this.pos += op.length;
    return op;
  }

  /** Read here-document bodies pending on the line just ended. */
  private readHeredocs(): void {
    for (const h of this.pending.splice(0)) {
      const startLine = this.line;
      let body = '';
      let closed = false;
      while (this.pos < this.src.length) {
        const nl = this.src.indexOf('\n', this.pos);
        const end = nl < 0 ? this.src.length : nl;
        let text = this.src.slice(this.pos, end);
        this.pos = nl < 0 ? end : nl + 1;
        this.line++;
        if (h.stripTabs) text = text.replace(/^\t+/, '');
        if (text === h.delimiter) {
          closed = true;
          break;
        }
        body += text + '\n';
      }
      if (!closed) {
        this.heredocOpen = true;
        this.openHeredocs.push(h);
      }
      h.body = h.quoted ? { parts: [{ kind: 'sq', text: body }] } : { parts: this.child(body, startLine).readQuoted(body.length, '$`\\') };
    }
  }

  /**
   * Read an unquoted word until `stop` says a character ends it. Used for tokens (stop at
   * metacharacters) and for the argument of `${name op arg}` (stop at `}`).
   */
  private readWord(stop: (c: string) => boolean): WordPart[] {
    const src = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = (): void => {
      if (lit) parts.push({ kind: 'lit', text: lit });
      lit = '';
    };
    while (this.pos < src.length) {
      const c = src[this.pos];
      if (stop(c)) break;
      if (c === '\\') {
        const n = src[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
        } else if (n === undefined) {
          lit += '\\';
          this.pos++;
        } else {
          flush();
          parts.push({ kind: 'esc', text: n });
          this.pos += 2;
        }
      } else if (c === "'") {
        flush();
        const end = src.indexOf("'", this.pos + 1);
        if (end < 0) throw this.unterminated("'", this.line);
        const text = src.slice(this.pos + 1, end);
        this.line += countNewlines(text);
        parts.push({ kind: 'sq', text });
        this.pos = end + 1;
      } else if (c === '"') {
        flush();
        const opened = this.line;
        this.pos++;
        this.dq++;
        const inner = this.readQuoted(src.length, '$`"\\', '"');
        this.dq--;
        if (src[this.pos] !== '"') throw this.unterminated('"', opened);
        this.pos++;
        parts.push({ kind: 'dq', parts: inner });
      } else if (c === '$' && src[this.pos + 1] === "'") {
        // $'...' (bash, and busybox ash's bash compatibility): quoted, with C escapes decoded;
        // inside double quotes and here-documents it is no quote at all (readQuoted)
        flush();
        parts.push(this.readAnsiC());
      } else if (c === '$' || c === '`') {
        const p = c === '$' ? this.readDollar() : this.readBacktick(false);
        if (p) {
          flush();
          parts.push(p);
        } else {
          lit += c;
          this.pos++;
        }
      } else if (c === '\n') {
        this.line++;
        lit += c;
        this.pos++;
      } else {
        // a run of ordinary characters at once: adding them one at a time made a cold parse cost
        // about a microsecond per character (70 ms for the postgres stand-in)
        let j = this.pos + 1;
        while (j < src.length && !WORD_SPECIAL.has(src[j]) && !stop(src[j])) j++;
        lit += src.slice(this.pos, j);
        this.pos = j;
      }
    }
    flush();
    return parts;
  }

  /**
   * Read double-quote-like text up to `end` or the `close` character: only `$`, backquotes and
   * backslash before one of `escapable` are special. Used for "...", here-document bodies and
   * arithmetic expressions. Returned `lit` parts are quoted text.
   */
  readQuoted(end: number, escapable: string, close?: string): WordPart[] {
    const src = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    while (this.pos < end) {
      const c = src[this.pos];
      if (c === close) break;
      if (c === '\\' && this.pos + 1 < end) {
        const n = src[this.pos + 1];
        if (n === '\n') {
          this.line++;
          this.pos += 2;
        } else if (escapable.includes(n)) {
          lit += n;
          this.pos += 2;
        } else {
          lit += '\\';
          this.pos++;
        }
        continue;
      }
      if (c === '$' || c === '`') {
        const p = c === '$' ? this.readDollar() : this.readBacktick(true);
        if (p) {
          if (lit) parts.push({ kind: 'lit', text: lit });
          lit = '';
          parts.push(p);
          continue;
        }
      }
      if (c === '\n' || c === '$' || c === '`') {
        if (c === '\n') this.line++;
        lit += c;
        this.pos++;
        continue;
      }
      // a run of ordinary characters at once (see readWord)
      let j = this.pos + 1;
      while (j < end && src[j] !== close && !QUOTED_SPECIAL.has(src[j])) j++;
      lit += src.slice(this.pos, j);
      this.pos = j;
    }
    if (lit) parts.push({ kind: 'lit', text: lit });
    return parts;
  }

  /**
   * At `$'`: the ANSI-C quote up to its closing `'` (a backslash escapes the next character, so
   * `\'` does not close it), as the 'sq' part bash reads, with what busybox ash reads when that
   * differs (decodeAnsiC).
   */
  private readAnsiC(): WordPart {
    const src = this.src;
    let i = this.pos + 2;
    while (i < src.length && src[i] !== "'") i += src[i] === '\\' ? 2 : 1;
    if (i >= src.length) throw this.unterminated("'");
    const raw = src.slice(this.pos + 2, i);
    this.line += countNewlines(raw);
    this.pos = i + 1;
    const text = decodeAnsiC(raw, true);
    const ash = decodeAnsiC(raw, false);
    return ash === text ? { kind: 'sq', text } : { kind: 'sq', text, ash };
  }

  /** At a `$`: the expansion it starts, or undefined (and no progress) for a literal `$`. */
  private readDollar(): WordPart | undefined {
    const src = this.src;
    const n = src[this.pos + 1];
    if (n === '{') return this.readBraceParam();
    if (n === '(') return src[this.pos + 2] === '(' ? this.readArith() : this.readCmdSub();
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(this.pos + 1, this.pos + 256))!;
      this.pos += 1 + m[0].length;
      return { kind: 'param', name: m[0] };
    }
    if (n !== undefined && /[0-9?#@*$!-]/.test(n)) {
      this.pos += 2;
      return /[0-9]/.test(n) ? { kind: 'param', name: n, digit: true } : { kind: 'param', name: n };
    }
    return undefined;
  }

  private readCmdSub(): WordPart {
    this.pos += 2;
    if (++this.depth > MAX_NESTING) throw new ShellLimitError('script nesting too deep');
    const dq = this.dq;
    this.dq = 0;
    // The nested parse starts with no lookahead token (we are in the middle of lexing one).
    const body = this.parseList();
    this.depth--;
    this.dq = dq;
    this.expectOp(')');
    return { kind: 'cmdsub', body };
  }

  private readArith(): WordPart {
    const src = this.src;
    const start = this.pos + 3;
    let depth = 0;
    let i = start;
    for (; i < src.length; i++) {
      const c = src[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) break;
        depth--;
      }
    }
    if (i >= src.length || src[i + 1] !== ')') {
      // ash and dash (parser.c readtoken1: a `)` outside parentheses not followed by another, or
      // the end of the text, in ARISYNTAX) say synerror("Missing '))'"), busybox in lower case
      const e = this.unterminated('((');
      throw new ParseError("missing '))'", e.bash, e.line);
    }
    const line = this.line;
    const expr = this.arithParts(this.child(src.slice(start, i), line).readQuoted(i - start, '$`\\'));
    this.line += countNewlines(src.slice(start, i));
    this.pos = i + 2;
    return { kind: 'arith', expr: { parts: expr } };
  }

  private readBacktick(inDq: boolean): WordPart {
    const src = this.src;
    const line = this.line;
    let text = '';
    let i = this.pos + 1;
    for (; i < src.length && src[i] !== '`'; i++) {
      if (src[i] === '\\' && i + 1 < src.length && ('$`\\'.includes(src[i + 1]) || (inDq && src[i + 1] === '"'))) i++;
      text += src[i];
    }
    if (i >= src.length) throw this.unterminated('`');
    this.line += countNewlines(src.slice(this.pos, i));
    this.pos = i + 1;
    return { kind: 'cmdsub', body: this.child(text, line).parseProgram() };
  }

  /**
   * A parser for text nested in this one (backquotes, arithmetic, here-document bodies): one
   * level deeper, so nesting through fresh parsers counts against the same limit.
   */
  private child(text: string, line: number): Parser {
    const inner = new Parser(text, line, this.bash);
    inner.depth = this.depth + 1;
    if (inner.depth > MAX_NESTING) throw new ShellLimitError('script nesting too deep');
    return inner;
  }

  private readBraceParam(): WordPart {
    // `${x:-${x:-...}}` recurses here once per level (the expander does too).
    if (++this.depth > MAX_NESTING) throw new ShellLimitError('script nesting too deep');
    try {
      return this.readBraceParamBody();
    } finally {
      this.depth--;
    }
  }

  private readBraceParamBody(): WordPart {
    const src = this.src;
    const start = this.pos;
    const opened = this.line;
    this.pos += 2;
    // ${#name} is the length; ${#} alone is the parameter `#`.
    if (src[this.pos] === '#' && src[this.pos + 1] !== '}') {
      this.pos++;
      const name = this.readParamName();
      if (!name || src[this.pos] !== '}') return this.badSubstitution(start, opened, false);
      this.pos++;
      return { kind: 'length', name };
    }
    // bash: `${!name}` names the parameter to expand (`${!}` alone is `$!`)
    const indirect = this.bash && src[this.pos] === '!' && src[this.pos + 1] !== '}';
    if (indirect) this.pos++;
    const name = this.readParamName();
    if (!name) return this.badSubstitution(start, opened, src[this.pos] !== '}');
    const c = src[this.pos];
    if (this.bash) this.refuseBashOnly(name, indirect);
    if (c === '}') {
      this.pos++;
      return indirect ? { kind: 'param', name, indirect } : { kind: 'param', name };
    }
    let op: ParamOp;
    let arg: Word;
    let arg2: Word | undefined;
    const two = src.slice(this.pos, this.pos + 2);
    if ([':-', ':=', ':+', ':?', '##', '%%', '//'].includes(two) || (this.bash && (two === '^^' || two === ',,'))) {
      op = two as ParamOp;
      this.pos += 2;
    } else if ('-=+?#%/:'.includes(c) || (this.bash && (c === '^' || c === ','))) {
      op = c as ParamOp;
      this.pos++;
    } else {
      return this.badSubstitution(start, opened, true);
    }
    if (op === '/' || op === '//' || op === ':') {
      // Pattern (or offset) ends at the next separator; the replacement (or length) is optional.
      const sep = op === ':' ? ':' : '/';
      arg = { parts: this.readWord((ch) => ch === '}' || ch === sep) };
      if (src[this.pos] === sep) {
        this.pos++;
        arg2 = { parts: this.readWord((ch) => ch === '}') };
      }
    } else {
      arg = { parts: this.readWord((ch) => ch === '}') };
    }
    if (src[this.pos] !== '}') throw this.unterminated('{', opened);
    this.pos++;
    return indirect ? { kind: 'param', name, op, arg, arg2, indirect } : { kind: 'param', name, op, arg, arg2 };
  }

  /**
   * bash's forms of `${...}` strata does not simulate, at the text after the name: arrays
   * (`${a[1]}`, `${a[@]}`) and the names of variables (`${!prefix*}`, `${!prefix@}`). bash
   * answers them; "bad substitution" would be a wrong answer, so the line is refused by name.
   */
  private refuseBashOnly(name: string, indirect: boolean): void {
    const c = this.src[this.pos];
    if (c === '[') throw new ShellNotSimulated(`strata does not simulate bash arrays (\${${indirect ? '!' : ''}${name}[...]})`);
    if (indirect && (c === '*' || c === '@') && this.src[this.pos + 1] === '}') throw new ShellNotSimulated(`strata does not simulate \${!${name}${c}} (the names of variables)`);
  }

  private readParamName(): string {
    const rest = this.src.slice(this.pos, this.pos + 256);
    const m = PARAM_NAME.exec(rest);
    if (!m) return '';
    this.pos += m[0].length;
    return m[0];
  }

  /**
   * A `${` whose name or operator no shell knows (`${x y}`, `${}`, `${#x y}`): the shells read on
   * to its `}` as through an operator's word and fail only when it is expanded (`bad substitution`,
   * after the commands before it ran; not at all in a branch never expanded, `${x:+${y z}}`), or
   * at the end of the text without a `}`: busybox ash parser `parsesub` (subtype 0, `badsub:`) and
   * `readtoken1`'s `missing '}'`, expanded by `varvalue`'s raise_error_syntax("bad substitution")
   * (mirror/busybox@1_35_0 shell/ash.c); dash 0.5.12 the same (`Bad substitution`); bash reads
   * the pair whole (parse.y parse_matched_pair) and names it in its message (subst.c
   * parameter_brace_expand: `${x y}: bad substitution`). Recorded on both engines:
   * shell/ash-bad-substitution.
   */
  private badSubstitution(start: number, opened: number, drops: boolean): WordPart {
    // ash and dash drop the character that is neither a name's nor an operator's without looking
    // at it (parsesub reads it and does not push it back): a quote there opens nothing, a
    // backslash escapes nothing and a newline is not counted (`${x"}` is a bad substitution,
    // `${x\n` at the end of a script says `missing '}'` on the line of the `${`; measured with
    // busybox 1.35 and dash 0.5.12)
    if (drops && !this.bash && this.pos < this.src.length) this.pos++;
    this.readWord((ch) => ch === '}');
    // (at the end of the text ash and dash first check for open double quotes: readtoken1)
    if (this.src[this.pos] !== '}') throw this.unterminated(this.dq > 0 && !this.bash ? '"' : '{', opened);
    this.pos++;
    return { kind: 'badsub', text: this.src.slice(start, this.pos) };
  }

  /** `bashLine`: where the quote or `${` began (bash's parse_matched_pair names start_lineno; ash the line it read to). */
  private unterminated(what: string, bashLine?: number): ParseError {
    // (ash and dash: readtoken1's `missing '}'` for a `${` without its `}`)
    const ash = what === '`' ? 'EOF in backquote substitution' : what === '{' ? "missing '}'" : 'unterminated quoted string';
    const close = what === '{' ? '}' : what === '((' ? ')' : what;
    return new ParseError(ash, `unexpected EOF while looking for matching \`${close}'`, this.line, undefined, undefined, bashLine);
  }
}

/** `NAME=...` with the name and `=` written plainly. */
/** `NAME=value`, and in bash `NAME+=value` (appended to the variable's value; in ash it is a command name). */
function asAssignment(word: Word, bash: boolean): Assignment | undefined {
  const first = word.parts[0];
  if (first?.kind !== 'lit') return undefined;
  const m = (bash ? /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/ : /^([A-Za-z_][A-Za-z0-9_]*)()=/).exec(first.text);
  if (!m) return undefined;
  const rest = first.text.slice(m[0].length);
  const parts: WordPart[] = rest ? [{ kind: 'lit', text: rest }, ...word.parts.slice(1)] : word.parts.slice(1);
  return m[2] === '+' ? { name: m[1], value: { parts }, append: true } : { name: m[1], value: { parts } };
}

/** What bash's error_token_from_token says of a token inside `[[` (nothing for a word, in 5.2). */
function condText(t: CondToken): string | undefined {
  switch (t.kind) {
    case 'op':
      return t.op;
    case 'newline':
      return 'newline';
    case 'end':
      return ']]';
    case 'eof':
      return 'EOF';
    case 'word':
      return undefined;
  }
}

function isPlain(word: Word): boolean {
  return word.parts.length === 1 && word.parts[0].kind === 'lit';
}

/** The one-character escapes of `$'...'`: bash's (lib/sh/strtrans.c ansicstr) and busybox ash's (libbb/process_escape_sequence.c, which has no \e, \E or \?). */
const ANSI_C_BASH: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
const ANSI_C_ASH: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/**
 * The text of `$'raw'`: \NNN octal (up to 3 digits) and \xHH (up to 2) in both shells; bash
 * also \uHHHH and \UHHHHHHHH (in the host's C locale: see below) and \cX (control X). Any other escape stays as
 * written, backslash included. A NUL ends bash's text (its strings are C's); busybox drops it.
 * Checked against both: test/shell/bash-compat.test.ts.
 */
function decodeAnsiC(raw: string, bash: boolean): string {
  const table = bash ? ANSI_C_BASH : ANSI_C_ASH;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      i++;
      continue;
    }
    const e = raw[i + 1];
    i += 2;
    const simple = Object.hasOwn(table, e) ? table[e] : undefined;
    if (simple !== undefined) out += simple;
    else if (e >= '0' && e <= '7') {
      const m = /^[0-7]{0,2}/.exec(raw.slice(i, i + 2))![0];
      out += String.fromCharCode(parseInt(e + m, 8) & 0xff);
      i += m.length;
    } else if (e === 'x' || (bash && (e === 'u' || e === 'U'))) {
      const m = new RegExp(`^[0-9a-fA-F]{1,${e === 'x' ? 2 : e === 'u' ? 4 : 8}}`).exec(raw.slice(i, i + 8))?.[0];
      if (m === undefined) out += '\\' + e;
      else {
        const n = parseInt(m, 16);
        // \u and \U in the simulated host's C locale (bash lib/sh/unicode.c u32cconv): ASCII is
        // the character, anything else the escape again, in upper-case hex of a fixed width
        if (e === 'x' || n < 0x80) out += String.fromCharCode(n);
        else out += n <= 0xffff ? `\\u${n.toString(16).toUpperCase().padStart(4, '0')}` : `\\U${n.toString(16).toUpperCase().padStart(8, '0')}`;
        i += m.length;
      }
    } else if (bash && e === 'c' && i < raw.length) {
      out += String.fromCharCode(raw.charCodeAt(i) & 0x1f);
      i++;
    } else out += '\\' + e;
  }
  if (bash) {
    const nul = out.indexOf('\0');
    return nul < 0 ? out : out.slice(0, nul);
  }
  return out.replaceAll('\0', '');
}

function countNewlines(s: string): number {
  let n = 0;
  for (const c of s) if (c === '\n') n++;
  return n;
}

/** How a shell prints a syntax error; `prefix` is e.g. `sh` or `bash: -c: line 1`. */
export function formatParseError(e: ParseError, bashStyle: boolean, prefix: string): string {
  if (!bashStyle) return `${prefix}: syntax error: ${e.ash}\n`;
  let out = `${prefix}: ${e.bash}\n`;
  if (e.sourceLine !== undefined) out += `${prefix}: \`${e.sourceLine}'\n`;
  else if (e.bashNote !== undefined) out += `${prefix}: ${e.bashNote}\n`;
  return out;
}
