// The syntax tree of the POSIX sh subset the interpreter runs. Words keep their quoting so the
// expander can tell which characters are subject to field splitting and pathname expansion.

/** One piece of a word. Inside a `dq` part, `lit` text is quoted. */
export type WordPart =
  /** Literal text as written (unquoted at top level). */
  | { kind: 'lit'; text: string }
  /** '...' */
  /** `ash`: for `$'...'`, busybox ash's text where it decodes the escapes otherwise than bash */
  | { kind: 'sq'; text: string; ash?: string }
  /** A backslash-escaped character outside double quotes. */
  | { kind: 'esc'; text: string }
  /** "..." */
  | { kind: 'dq'; parts: WordPart[] }
  /** $name, ${name}, ${name<op>arg} */
  /** `indirect`: bash's `${!name...}`, the parameter named by name's value */
  // digit: an unbraced positional parameter (`$1`), which bash's set -u names `$1` (subst.c param_expand)
  | { kind: 'param'; name: string; op?: ParamOp; arg?: Word; arg2?: Word; indirect?: true; digit?: true }
  /** ${#name} */
  | { kind: 'length'; name: string }
  /** A `${...}` no shell can expand (`${x y}`), an error only when expanded; `text`: as written. */
  | { kind: 'badsub'; text: string }
  /** $(...) and `...` */
  | { kind: 'cmdsub'; body: List }
  /** $((...)): the expression text, itself expanded like a double-quoted word first. */
  | { kind: 'arith'; expr: Word };

/**
 * `:-` `-` `:=` `=` `:+` `+` `:?` `?` use/assign/alternative/error; `#` `##` `%` `%%` strip a
 * prefix/suffix pattern; `/` `//` replace (arg2 = replacement); `:` substring (arg = offset,
 * arg2 = optional length).
 */
/** `^^ ^ ,, ,` (case) are bash's only: its parser reads them. */
export type ParamOp = '-' | ':-' | '=' | ':=' | '+' | ':+' | '?' | ':?' | '#' | '##' | '%' | '%%' | '/' | '//' | ':' | '^^' | '^' | ',,' | ',';

export interface Word {
  parts: WordPart[];
}

export interface List {
  items: AndOr[];
}

export interface AndOr {
  head: Pipeline;
  tail: { op: '&&' | '||'; pipeline: Pipeline }[];
  /** Ended with `&`: the interpreter runs it in the foreground anyway. */
  background: boolean;
}

export interface Pipeline {
  negated: boolean;
  commands: Command[];
}

export type Command = SimpleCommand | CompoundCommand | FunctionDef;

export interface SimpleCommand {
  kind: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirs: Redirect[];
  line: number;
}

export interface Assignment {
  name: string;
  value: Word;
  /** bash's `NAME+=value`: the value is appended to the variable's */
  append?: true;
}

/** `<<<` (a here-string) and `&>>` are bash's only: its parser reads them (Parser's `bash`). */
export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redirect {
  /** Explicit fd number (`2>`); otherwise 0 for input ops and 1 for output ops. */
  fd?: number;
  op: RedirOp;
  /** File name or fd word; for here-documents the delimiter as written. */
  target: Word;
  heredoc?: HereDoc;
}

export interface HereDoc {
  delimiter: string;
  /** Delimiter was quoted: the body is taken literally. */
  quoted: boolean;
  /** `<<-`: leading tabs were stripped from body lines. */
  stripTabs: boolean;
  /** Filled in when the parser reaches the end of the line holding the `<<`. */
  body: Word;
}

export type CompoundBody =
  | { kind: 'brace'; body: List }
  | { kind: 'subshell'; body: List }
  | { kind: 'if'; clauses: { cond: List; body: List }[]; elseBody?: List }
  | { kind: 'for'; name: string; words?: Word[]; body: List }
  | { kind: 'loop'; until: boolean; cond: List; body: List }
  | { kind: 'case'; word: Word; items: CaseItem[] }
  /** bash's `(( expr ))`: the expression, expanded like a double-quoted word first (ash reads two subshells). */
  | { kind: 'arith'; expr: Word }
  /** bash's `for (( init; cond; step ))`: the three expressions, each possibly empty. */
  | { kind: 'cfor'; init: Word; cond: Word; step: Word; body: List }
  /** bash's `[[ expr ]]` (busybox ash has a `[[` builtin instead: a simple command). */
  | { kind: 'cond'; expr: CondExpr };

/**
 * The expression of bash's `[[ ... ]]` as its parser reads it (parse.y cond_term): operators are
 * the words written unquoted; `[[ x ]]` is `-n x`. Operands are expanded without field splitting
 * or pathname expansion; the right side of `==` `=` `!=` is a pattern, of `=~` a regex.
 */
export type CondExpr =
  | { kind: 'and' | 'or'; left: CondExpr; right: CondExpr }
  | { kind: 'not'; expr: CondExpr }
  /** `( expr )`: as expr, but `! ( ... )` negates the group (set -x then shows no `!`). */
  | { kind: 'group'; expr: CondExpr }
  | { kind: 'unary'; op: string; arg: Word }
  | { kind: 'binary'; op: string; left: Word; right: Word };

export type CompoundCommand = CompoundBody & { redirs: Redirect[]; line: number };

export interface CaseItem {
  patterns: Word[];
  body: List;
}

export interface FunctionDef {
  kind: 'function';
  name: string;
  body: CompoundCommand;
  line: number;
}

/**
 * A function as a shell keeps it once its definition has run. A shell waiting in a container keeps
 * its functions in the engine's state (WaitingShell), and immer, finalizing a command's state,
 * walks every plain object it finds unfrozen and freezes it: for postgres' stand-in that was
 * ~37,000 nodes of its functions' bodies at its first start in a process, and freezing them
 * ourselves (freezeTree) was the same walk, ~10% of checking the postgres tutorial page. An
 * instance of a class is not draftable (immer's isDraftable: plain objects, arrays, Maps, Sets),
 * so immer neither walks nor freezes what it holds: the body stays the parse's tree, shared by
 * every run of the script's text and never changed (the interpreter only reads a parse).
 */
export class DefinedFunction implements FunctionDef {
  readonly kind = 'function';
  constructor(
    readonly name: string,
    readonly body: CompoundCommand,
    readonly line: number,
  ) {
    Object.freeze(this);
  }
}

/**
 * A function definition read back from a script parsed before (src/cli/scripts.ts) whose body is
 * decoded at the function's first call, not when its definition runs: a client stand-in defines
 * every function it has (the mysql one, ~560 KB of stored bodies; postgres' as many) and a page's
 * runs call about three quarters of them: decoding the rest cost every check of such a page
 * (valgrind: the postgres tutorial page 1.575 G -> 1.538 G instructions, the mysql one 1.886 G ->
 * 1.863 G). Its definition keeps it as it is (it is not draftable either, see
 * DefinedFunction); the body, once decoded, is the same object at every call. The memo lives in a
 * closure, so that freezing the instance (freezeTree, where a sleep keeps the rest of a script)
 * leaves it working.
 */
export class LazyFunctionDef implements FunctionDef {
  readonly kind = 'function';
  private readonly decoded: () => CompoundCommand;
  constructor(
    readonly name: string,
    readonly line: number,
    decode: () => CompoundCommand,
  ) {
    let body: CompoundCommand | undefined;
    this.decoded = () => (body ??= decode());
    Object.freeze(this);
  }

  get body(): CompoundCommand {
    return this.decoded();
  }
}

/**
 * Freeze a parsed tree, every node below it, as the engine's state holds it: what is left of a
 * script where its shell sleeps or waits (WaitingShell's rest and frames; a frozen root stops
 * immer's walk, see DefinedFunction). Only what enters the state: freezing every command as it
 * was parsed, most of which never reach the state, cost the mysql tutorial page more than it saved.
 */
export function freezeTree<T>(node: T): T {
  if (typeof node === 'object' && node !== null && !Object.isFrozen(node)) {
    for (const child of Object.values(node)) freezeTree(child);
    Object.freeze(node);
  }
  return node;
}
