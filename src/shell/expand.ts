// Word expansion: parameters, command substitution, arithmetic, field splitting, pathname
// expansion and quote removal. An expanded word is first a list of fields made of chunks that
// remember whether each character was quoted, because only unquoted characters from unquoted
// expansions split fields and only unquoted glob characters match file names.

import { FsError } from '../fs/errors.ts';
import { join } from '../fs/path.ts';
import type { Vfs } from '../fs/vfs.ts';
import type { List, Word, WordPart } from './ast.ts';
import { ShellLimitError, ShellNotSimulated } from './types.ts';
import { braceExpand, mayBraceExpand } from './braces.ts';
import { PARAM_NAME } from './parser.ts';
import { BoundedMemo, registerMemo } from '../engine/memos.ts';
import { evalDashArith } from './dash-arith.ts';

/** A fatal expansion error (`${X:?}`, bad arithmetic, unset variable under `set -u`). */
export class ExpansionError extends Error {
  constructor(
    readonly ash: string,
    readonly bash: string,
    /**
     * The status a non-interactive bash exits with: 127 for an unset parameter (`set -u`,
     * `${v?}`: subst.c err_unboundvar and parameter_brace_expand_error set 127), else 1. ash
     * exits 2 for every expansion error.
     */
    readonly bashStatus = 1,
    /** dash's words where they are not ash's. */
    readonly dash = ash,
    /** ash names the line its parser has read up to (Shell.parsedTo), not the command's. */
    readonly atParsedLine = false,
  ) {
    super(ash);
    this.name = 'ExpansionError';
  }

  /**
   * Whether bash abandons only the command it is running (DiscardSignal) rather than exit: its
   * fatal expansion errors are the unset-parameter ones (status 127); a bad arithmetic expression
   * (expr.c evalerror) and a bad indirection are not (measured, bash 5.2). ash exits for every one.
   */
  get discards(): boolean {
    return this.bashStatus !== 127;
  }
}

/** What the expander needs from the shell. */
export interface ExpandHost {
  fs: Vfs;
  cwd: string;
  /** A parameter's value (variable, positional or special); undefined when unset. */
  param(name: string): string | undefined;
  positional(): string[];
  setVar(name: string, value: string): void;
  /** Run a command substitution in a subshell and return its captured stdout. */
  commandSubst(body: List): string;
  nounset: boolean;
  /** `set -f`: no pathname expansion. */
  noglob?: boolean;
  /** The byte budget: no word may expand to more (`$x$x$x...` of a large x). */
  maxBytes?: number;
  /** Spend steps of the step budget (pattern matching over long values costs some). */
  spend?: (steps: number) => void;
  /** bash's rules where the shells differ (the host's bash), else busybox ash's. */
  gnu?: boolean;
  /** dash's rules where they differ from busybox ash's (a Debian or Ubuntu image's /bin/sh). */
  dash?: boolean;
}

export interface Chunk {
  text: string;
  quoted: boolean;
}

const DEFAULT_IFS = ' \t\n';
const TILDE = 0x7e;

/** Fields one word may split into (`set -- $(seq 1 500000)` is fine; 5 million ran out of memory). */
const MAX_FIELDS = 500_000;

/**
 * Where expansion puts what it makes: fields of chunks (Fields), or one string (Text, for
 * expandString, which needs neither the fields nor what was quoted).
 */
interface Sink {
  /** Field splitting happens (command arguments, `for` lists); off elsewhere. */
  readonly split: boolean;
  add(text: string, quoted: boolean): void;
  /** Add the result of an unquoted expansion: split on IFS where splitting happens. */
  addSplit(value: string): void;
  /** End the current field (a separate field of `"$@"`). */
  end(): void;
}

/** Builds fields from chunks; `split` is off for contexts without field splitting. */
class Fields implements Sink {
  readonly fields: Chunk[][] = [];
  private cur: Chunk[] | null = null;
  private size = 0;

  constructor(
    readonly split: boolean,
    /** IFS (read only where splitting happens: unused otherwise). */
    private readonly ifs: string,
    private readonly max = Infinity,
  ) {}

  add(text: string, quoted: boolean): void {
    this.size += text.length;
    if (this.size > this.max) throw wordTooLong(this.max);
    (this.cur ??= []).push({ text, quoted });
  }

  end(): void {
    if (this.cur) this.fields.push(this.cur);
    this.cur = null;
    // each field is a few objects: unquoted $x of 10 MB of "y\n" made 5 million and ran out of memory
    if (this.fields.length > MAX_FIELDS) throw tooManyFields();
  }

  addSplit(value: string): void {
    if (!this.split || this.ifs === '') {
      if (value !== '') this.add(value, false);
      return;
    }
    const { pieces, lead, trail } = ifsSplit(value, this.ifs);
    if (lead) this.end();
    pieces.forEach((p, i) => {
      if (i > 0) this.end();
      this.add(p, false);
    });
    if (trail) this.end();
  }
}

/**
 * What Fields without splitting would make, joined as expandString joins it (fields separated by
 * a space, chunks' text run together), built as the string itself: an assignment's or a
 * redirection's word then makes no chunk objects (they were much of a script's garbage).
 */
class Text implements Sink {
  readonly split = false;
  text = '';
  /** A field is open (Fields' `cur`): something was added since the last end. */
  private open = false;
  private fields = 0;
  private size = 0;

  constructor(private readonly max = Infinity) {}

  add(text: string): void {
    this.size += text.length;
    if (this.size > this.max) throw wordTooLong(this.max);
    if (!this.open) {
      this.open = true;
      if (this.fields > 0) this.text += ' ';
    }
    this.text += text;
  }

  end(): void {
    if (this.open) this.fields++;
    this.open = false;
    if (this.fields > MAX_FIELDS) throw tooManyFields();
  }

  addSplit(value: string): void {
    if (value !== '') this.add(value);
  }
}

const wordTooLong = (max: number): ShellLimitError => new ShellLimitError(`a word expanded past the size limit (${max} bytes)`);
const tooManyFields = (): ShellLimitError => new ShellLimitError(`a word split into more than ${MAX_FIELDS} fields`);

/** POSIX field splitting of one value: whitespace delimiters collapse, others delimit each. */
function ifsSplit(v: string, ifs: string): { pieces: string[]; lead: boolean; trail: boolean } {
  const isWs = (c: string): boolean => ifs.includes(c) && DEFAULT_IFS.includes(c);
  const isDelim = (c: string): boolean => ifs.includes(c);
  const n = v.length;
  let i = 0;
  while (i < n && isWs(v[i])) i++;
  const lead = i > 0;
  if (i === n) return { pieces: [], lead, trail: lead };
  const pieces: string[] = [];
  // a piece is a slice of v (adding it a character at a time took 100 ms per megabyte)
  let start = i;
  let trail = false;
  while (i < n) {
    const c = v[i];
    if (!isDelim(c)) {
      i++;
      trail = false;
      continue;
    }
    const cur = v.slice(start, i);
    // One delimiter: whitespace around at most one non-whitespace IFS character.
    if (isWs(c)) {
      while (i < n && isWs(v[i])) i++;
      if (i < n && isDelim(v[i])) i++;
    } else {
      i++;
    }
    while (i < n && isWs(v[i])) i++;
    pieces.push(cur);
    start = i;
    trail = true;
  }
  if (!trail) pieces.push(v.slice(start, n));
  return { pieces, lead, trail };
}

function ifsOf(host: ExpandHost): string {
  return host.param('IFS') ?? DEFAULT_IFS;
}

/** Expand words into fields (splitting and globbing): command arguments, `for` lists. */
export function expandWords(words: Word[], host: ExpandHost, braces = true): string[] {
  const out: string[] = [];
  // bash expands braces first (busybox ash has none); the caller may have done it already (and
  // most commands have no brace to expand: no new array then)
  const all = host.gnu && braces && words.some(mayBraceExpand) ? words.flatMap(braceExpand) : words;
  // (indexed loops in this file's hot paths: they run for every word of every command, mostly
  // before V8 optimizes them, and a for-of there allocates an iterator and a result per step)
  for (let i = 0; i < all.length; i++) {
    const w = all[i];
    const plain = plainField(w) ?? quotedParam(w, host);
    if (plain !== undefined) {
      out.push(plain);
      continue;
    }
    const b = new Fields(true, ifsOf(host), host.maxBytes);
    expandParts(tilde(w.parts, host), host, b, false, false);
    b.end();
    for (const f of b.fields) {
      const matches = hasGlob(f) && !host.noglob ? globExpand(f, host) : undefined;
      if (matches) out.push(...matches);
      else out.push(f.length === 1 ? f[0].text : f.map((c) => c.text).join(''));
    }
  }
  return out;
}

/** Expand to one string without splitting or globbing: assignments, redirection targets, `case`. */
export function expandString(word: Word, host: ExpandHost): string {
  const plain = plainString(word) ?? quotedParam(word, host) ?? bareParam(word, host);
  if (plain !== undefined) return plain;
  // (the text expandChunks's chunks would join to)
  const t = new Text(host.maxBytes);
  expandParts(tilde(word.parts, host), host, t, false, false);
  t.end();
  return t.text;
}

/** Expand without splitting, keeping quoting: patterns (`case`, `${x#pat}`). */
export function expandChunks(word: Word, host: ExpandHost): Chunk[] {
  // (no splitting: IFS is not read)
  const b = new Fields(false, DEFAULT_IFS, host.maxBytes);
  expandParts(tilde(word.parts, host), host, b, false, false);
  b.end();
  const fields = b.fields;
  // nearly always one field (or none): no copy
  if (fields.length <= 1) return fields[0] ?? [];
  // Separate fields (from "$@") are joined by spaces, as in `x="$@"`.
  const joined: Chunk[] = [...fields[0]];
  for (let i = 1; i < fields.length; i++) joined.push({ text: ' ', quoted: true }, ...fields[i]);
  return joined;
}

// Most words of a script expand to their own text: a plain word, '...', "..." without `$`. They
// skip the field machinery (chunk objects, IFS, the glob test), which they would leave unchanged.

/** The one field a word expands to when it is plain text (no expansion, glob or `~`), else undefined. */
function plainField(w: Word): string | undefined {
  if (w.parts.length !== 1) return undefined;
  const p = w.parts[0];
  if (p.kind === 'lit') {
    const t = p.text;
    if (t.charCodeAt(0) === TILDE) return undefined;
    // (one test for the usual word, with no glob character at all)
    if (!/[*?[]/.test(t)) return t;
    if (/[*?]/.test(t)) return undefined;
    return literalBracketText(t) ? t : undefined;
  }
  return quotedText(p);
}

/** A word's expansion as one string (no splitting or globbing) when it is plain text, else undefined. */
function plainString(w: Word): string | undefined {
  if (w.parts.length === 0) return '';
  if (w.parts.length !== 1) return undefined;
  const p = w.parts[0];
  if (p.kind === 'lit') return p.text.startsWith('~') ? undefined : p.text;
  return quotedText(p);
}

/** The text of a quoted part without expansions ('...', \x, "text"), else undefined. */
function quotedText(p: WordPart): string | undefined {
  if ((p.kind === 'sq' && p.ash === undefined) || p.kind === 'esc') return p.text;
  if (p.kind !== 'dq') return undefined;
  let text = '';
  const parts = p.parts;
  for (let i = 0; i < parts.length; i++) {
    const q = parts[i];
    if (q.kind !== 'lit') return undefined;
    text += q.text;
  }
  return text;
}

/**
 * `"$name"` (no operator, not `$@` or `$*`): one field, the value or empty; else undefined.
 * An unset name under `set -u` fails here as it would below.
 */
function quotedParam(w: Word, host: ExpandHost): string | undefined {
  if (w.parts.length !== 1) return undefined;
  const p = w.parts[0];
  if (p.kind !== 'dq' || p.parts.length !== 1) return undefined;
  return simpleParam(p.parts[0], host);
}

/** `$name` where nothing splits or globs (an assignment's value, a redirection target). */
function bareParam(w: Word, host: ExpandHost): string | undefined {
  return w.parts.length === 1 ? simpleParam(w.parts[0], host) : undefined;
}

function simpleParam(p: WordPart, host: ExpandHost): string | undefined {
  if (p.kind !== 'param' || p.op !== undefined || p.indirect || p.name === '@' || p.name === '*') return undefined;
  const value = host.param(p.name);
  if (value === undefined) {
    checkNounset(p.name, host, p.digit);
    return '';
  }
  // past the byte budget: the slow path's refusal
  return value.length > (host.maxBytes ?? Infinity) ? undefined : value;
}

/** `~` or `~/...` at the start of an unquoted word is $HOME. */
function tilde(parts: WordPart[], host: ExpandHost): WordPart[] {
  const first = parts[0];
  if (first?.kind !== 'lit' || first.text.charCodeAt(0) !== TILDE || !/^~(\/|$)/.test(first.text)) return parts;
  const home = host.param('HOME') ?? '/';
  const rest = first.text.slice(1);
  return [{ kind: 'sq', text: home }, ...(rest ? [{ kind: 'lit' as const, text: rest }] : []), ...parts.slice(1)];
}

/** Add the value of an expansion: as quoted text inside double quotes, else split where splitting happens. */
function emit(b: Sink, quoted: boolean, value: string): void {
  if (quoted) b.add(value, true);
  else b.addSplit(value);
}

/** `"$@"` (no operator) is among the parts of a double-quoted string. */
function hasQuotedAt(parts: readonly WordPart[]): boolean {
  for (let i = 0; i < parts.length; i++) {
    const q = parts[i];
    if (q.kind === 'param' && q.name === '@' && !q.op) return true;
  }
  return false;
}

function expandParts(parts: WordPart[], host: ExpandHost, b: Sink, quoted: boolean, splitLits: boolean): void {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    switch (p.kind) {
      case 'lit':
        if (quoted) b.add(p.text, true);
        else if (splitLits) b.addSplit(p.text);
        else b.add(p.text, false);
        break;
      case 'sq':
        b.add(p.ash !== undefined && !host.gnu ? p.ash : p.text, true);
        break;
      case 'esc':
        b.add(p.text, true);
        break;
      case 'dq':
        // "" is an empty field, but "$@" with no parameters is no field at all.
        if (!hasQuotedAt(p.parts)) b.add('', true);
        expandParts(p.parts, host, b, true, false);
        break;
      case 'param':
        expandParam(p, host, b, quoted);
        break;
      case 'length': {
        const v = p.name === '@' || p.name === '*' ? String(host.positional().length) : host.param(p.name);
        if (v === undefined) checkNounset(p.name, host);
        emit(b, quoted, String(p.name === '@' || p.name === '*' ? Number(v) : (v ?? '').length));
        break;
      }
      case 'badsub':
        // (parser.ts badSubstitution: ash's raise_error_syntax, dash's sh_error, bash's report)
        throw new ExpansionError('syntax error: bad substitution', `${p.text}: bad substitution`, 1, 'Bad substitution', true);
      case 'cmdsub':
        emit(b, quoted, host.commandSubst(p.body).replace(/\n+$/, ''));
        break;
      case 'arith':
        emit(b, quoted, String(evalArith(expandString(p.expr, host), host)));
        break;
    }
  }
}

/**
 * bash's `${!name}`: the name held by `name`'s value (subst.c parameter_brace_expand_indir): unset
 * is "invalid indirect expansion", a value that names no parameter "invalid variable name".
 */
function indirectName(name: string, host: ExpandHost): string {
  const target = host.param(name);
  if (target === undefined) throw new ExpansionError('bad substitution', `${name}: invalid indirect expansion`);
  if (PARAM_NAME.exec(target)?.[0] !== target) throw new ExpansionError('bad substitution', `${target}: invalid variable name`);
  return target;
}

/**
 * An offset or length of `${name:off:len}`: bash names the parameter in an error of its own
 * expression (`x: 1+: syntax error ...`, subst.c verify_substring_values; an error inside a `$(( ))`
 * there has its own words), ash does not (measured: bash 5.2, busybox 1.35).
 */
function substringBound(name: string, expr: string, host: ExpandHost): bigint {
  try {
    return evalArith(expr, host);
  } catch (e) {
    if (!(e instanceof ExpansionError)) throw e;
    throw new ExpansionError(e.ash, `${name}: ${e.bash}`, e.bashStatus, e.dash);
  }
}

/** bash's case changes (subst.c, in the C locale: ASCII letters only): `^^` all up, `^` the first, `,,` and `,` down. */
function changeCase(v: string, op: '^^' | '^' | ',,' | ','): string {
  const conv = op[0] === '^' ? (t: string): string => t.replace(/[a-z]/g, (c) => c.toUpperCase()) : (t: string): string => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return op.length === 2 ? conv(v) : conv(v.slice(0, 1)) + v.slice(1);
}

/**
 * set -u's error for an unset parameter. bash names an unbraced positional parameter with its `$`
 * (`$1: unbound variable`, subst.c param_expand's uerror) and every other one by name (`10`,
 * `x`); ash says `1: parameter not set` for both (measured: bash 5.2, busybox 1.35).
 */
function checkNounset(name: string, host: ExpandHost, digit = false): void {
  if (host.nounset) throw new ExpansionError(`${name}: parameter not set`, `${digit ? '$' : ''}${name}: unbound variable`, 127);
}

function expandParam(
  p: WordPart & { kind: 'param' },
  host: ExpandHost,
  b: Sink,
  quoted: boolean,
): void {
  const { op } = p;
  const name = p.indirect ? indirectName(p.name, host) : p.name;
  if ((name === '@' || name === '*') && !op) {
    const ps = host.positional();
    // "$*" joins with the first character of IFS; so does an unquoted $* where no field
    // splitting happens (an assignment, a case word), and there ash treats $@ alike, where bash
    // joins $@ with spaces (recorded: shell/positional-join).
    if ((quoted && name === '*') || (!quoted && !b.split && (name === '*' || !host.gnu))) {
      const ifs = host.param('IFS');
      b.add(ps.join(ifs === undefined ? ' ' : ifs === '' ? '' : ifs[0]), quoted);
      return;
    }
    ps.forEach((v, i) => {
      if (i > 0) b.end();
      if (quoted) b.add(v, true);
      else b.addSplit(v);
    });
    return;
  }
  let value = name === '@' || name === '*' ? (host.positional().length ? host.positional().join(' ') : undefined) : host.param(name);
  if (!op) {
    if (value === undefined) checkNounset(name, host, p.digit);
    else emit(b, quoted, value);
    return;
  }
  const arg = p.arg ?? { parts: [] };
  const colon = op.length === 2 && op[0] === ':';
  const isSet = value !== undefined && (!colon || value !== '');
  switch (op) {
    case '-':
    case ':-':
      if (isSet) emit(b, quoted, value!);
      else expandParts(arg.parts, host, b, quoted, !quoted);
      return;
    case '=':
    case ':=':
      if (!isSet) {
        value = expandString(arg, host);
        host.setVar(name, value);
      }
      emit(b, quoted, value!);
      return;
    case '+':
    case ':+':
      if (isSet) expandParts(arg.parts, host, b, quoted, !quoted);
      return;
    case '?':
    case ':?': {
      if (isSet) return emit(b, quoted, value!);
      const msg = expandString(arg, host) || (colon ? 'parameter null or not set' : 'parameter not set');
      throw new ExpansionError(`${name}: ${msg}`, `${name}: ${msg}`, 127);
    }
    default:
      break;
  }
  if (value === undefined) checkNounset(name, host);
  const v = value ?? '';
  if (op === ':') {
    const len = v.length;
    let off = Number(substringBound(name, expandString(arg, host), host));
    if (off < 0) off = Math.max(0, len + off);
    let count = p.arg2 ? Number(substringBound(name, expandString(p.arg2, host), host)) : len;
    if (count < 0) count = Math.max(0, len - off + count);
    return emit(b, quoted, v.slice(off, off + count));
  }
  if (op === '^^' || op === '^' || op === ',,' || op === ',') {
    if (arg.parts.length > 0) throw new ShellNotSimulated(`strata does not simulate a pattern in \${${p.name}${op}...}`);
    return emit(b, quoted, changeCase(v, op));
  }
  let src = staticSource(arg);
  if (src === undefined) {
    const chunks = expandChunks(arg, host);
    // a pattern with no glob character of its own: `${LR#"$w"}`, `${LR%"${LR#?}"}`, the idioms
    // that take a word or the first character off a string
    const literal = literalPattern(chunks);
    if (literal !== undefined && op !== '/' && op !== '//') return emit(b, quoted, stripLiteral(v, literal, op));
    src = globSource(chunks);
  }
  const spend = host.spend ?? (() => undefined);
  if (op === '/' || op === '//') {
    const repl = p.arg2 ? expandString(p.arg2, host) : '';
    return emit(b, quoted, replacePattern(v, src, repl, op === '//', spend, host.maxBytes ?? Infinity));
  }
  emit(b, quoted, stripPattern(v, src, op, spend));
}

// Matching a glob at a position is one regex match, not a test of every substring (which took
// quadratic time: `${x//y/z}` of a 60 MB x never ended). A glob's regex is a sequence of
// one-character atoms and greedy `[^]*` (no alternation), so the backtracking engine's first
// match from a position is the longest one there, and with lazy stars the shortest.

const lazyStars = (src: string): string => src.replace(/\[\^\]\*(?!\?)/g, '[^]*?');

/**
 * `#`, `##`, `%`, `%%` with a literal pattern: every match has the pattern's length, so the
 * shortest and the longest are the same, and a prefix or suffix compare is the regex match the
 * glob would compile to. Such patterns are as many as the values they are made of (the rest of a
 * line being scanned): compiling a regex for each cost a tenth of a database client stand-in's run.
 */
function stripLiteral(v: string, literal: string, op: string): string {
  if (op === '#' || op === '##') return v.startsWith(literal) ? v.slice(literal.length) : v;
  return v.endsWith(literal) ? v.slice(0, v.length - literal.length) : v;
}

function stripPattern(v: string, src: string, op: string, spend: (steps: number) => void): string {
  if (op === '#' || op === '##') {
    // shortest / longest prefix: the lazy / greedy match anchored at 0
    const m = patternRegExp(op === '#' ? 'shortest-prefix' : 'prefix', src).exec(v);
    return m ? v.slice(m[0].length) : v;
  }
  // without a star every match has the same length, so the shortest suffix is the longest
  const star = /\[\^\]\*/.test(src);
  const re = patternRegExp(op === '%%' || !star ? 'suffix' : 'suffix-at', src);
  if (op === '%%' || !star) {
    // longest suffix: the leftmost position from which the glob matches to the end
    const m = re.exec(v);
    return m ? v.slice(0, m.index) : v;
  }
  // shortest suffix: the rightmost such position, tried from the end; a try can read up to the
  // end, so it costs a step per 4 KiB of that
  for (let i = v.length; i >= 0; i--) {
    spend(1 + Math.floor((v.length - i) / 4096));
    re.lastIndex = i;
    if (re.test(v)) return v.slice(0, i);
  }
  return v;
}

/** `${v/pat/repl}`: the longest match at the leftmost position (every position for `//`). */
function replacePattern(v: string, src: string, repl: string, all: boolean, spend: (steps: number) => void, max: number): string {
  const re = patternRegExp('prefix', src);
  const out: string[] = [];
  let size = 0;
  let from = 0;
  let i = 0;
  while (i < v.length) {
    // a step per 256 positions tried: a long value is replaced in linear time, within budget
    if ((i & 255) === 0) spend(1);
    re.lastIndex = i;
    const m = re.exec(v);
    // an empty match is no match (the glob must consume something)
    if (!m || m[0].length === 0) {
      i++;
      continue;
    }
    out.push(v.slice(from, i), repl);
    size += i - from + repl.length;
    if (size > max) throw new ShellLimitError(`a word expanded past the size limit (${max} bytes)`);
    i += m[0].length;
    from = i;
    if (!all) break;
  }
  out.push(v.slice(from));
  return out.join('');
}

// ---------------------------------------------------------------- patterns

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
};

function escapeRe(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * Regular-expression source (unanchored) for a glob pattern given as chunks. A bracket expression
 * may span chunks (`[A-Za-z_\$]`: the `\$` is a quoted chunk): inside it, a quoted character
 * and one escaped by a backslash are literal members (busybox ash: `[a\-z]` holds `a`, `-`, `z`).
 */
export function globSource(chunks: Chunk[]): string {
  // Without brackets or backslashes every character stands for itself: translate whole chunks
  // (the same source as the per-character walk below, without its objects per character).
  if (!chunks.some((c) => !c.quoted && /[[\\]/.test(c.text))) {
    let re = '';
    for (const c of chunks) re += c.quoted ? escapeRe(c.text) : c.text.replace(/[*?]|[^*?]+/g, (m) => (m === '*' ? '[^]*' : m === '?' ? '[^]' : escapeRe(m)));
    return re;
  }
  const chars: QChar[] = chunks.flatMap((ch) => [...ch.text].map((c) => ({ c, q: ch.quoted })));
  let re = '';
  for (let i = 0; i < chars.length; i++) {
    const { c, q } = chars[i];
    if (q) re += escapeRe(c);
    else if (c === '*') re += '[^]*';
    else if (c === '?') re += '[^]';
    else if (c === '[') {
      const br = bracket(chars, i);
      if (br) {
        re += br.re;
        i = br.end;
      } else re += '\\[';
    } else if (c === '\\' && i + 1 < chars.length) re += escapeRe(chars[++i].c);
    else re += escapeRe(c);
  }
  return re;
}

/** A bracket expression starting at chars[i], or undefined when it is not closed. */
function bracket(chars: QChar[], i: number): { re: string; end: number } | undefined {
  let j = i + 1;
  let neg = false;
  if (chars[j] && !chars[j].q && (chars[j].c === '!' || chars[j].c === '^')) {
    neg = true;
    j++;
  }
  let body = '';
  let first = true;
  // the last member (a character) and where it starts in body: a range out of order (`[z-a]`)
  // holds nothing, as in fnmatch (JavaScript refuses it)
  let last: { c: string; at: number } | undefined;
  while (j < chars.length) {
    const { c, q } = chars[j];
    if (c === ']' && !q && !first) return { re: body === '' ? (neg ? '[^]' : '(?!)') : `[${neg ? '^' : ''}${body}]`, end: j };
    first = false;
    if (c === '-' && !q && last !== undefined && j + 1 < chars.length && !(chars[j + 1].c === ']' && !chars[j + 1].q)) {
      const k = chars[j + 1].c === '\\' && !chars[j + 1].q && j + 2 < chars.length ? j + 2 : j + 1;
      if (chars[k].c < last.c) {
        body = body.slice(0, last.at);
        last = undefined;
        j = k + 1;
        continue;
      }
    }
    const at = body.length;
    if (!q && c === '[' && chars[j + 1]?.c === ':') {
      let k = j + 2;
      while (k + 1 < chars.length && !(chars[k].c === ':' && chars[k + 1].c === ']')) k++;
      const cls = k + 1 < chars.length ? CLASSES[chars.slice(j + 2, k).map((x) => x.c).join('')] : undefined;
      if (cls) {
        body += cls;
        last = undefined;
        j = k + 2;
        continue;
      }
    }
    let member = c;
    if (q || (c === '\\' && j + 1 < chars.length)) {
      member = q ? c : chars[++j].c;
      body += '\\^[]-'.includes(member) ? '\\' + member : member;
    } else body += '\\^[]'.includes(c) ? '\\' + c : c;
    last = c === '-' && !q ? undefined : { c: member, at };
    j++;
  }
  return undefined;
}

/** Does `s` match the glob pattern (a `case` pattern)? */
export function matchPattern(chunks: Chunk[], s: string): boolean {
  return patternMatcher(chunks)(s);
}

/** The test of one `case` pattern: a plain word or `*` needs no regex. */
function patternMatcher(chunks: Chunk[]): (s: string) => boolean {
  const lit = literalPattern(chunks);
  if (lit !== undefined) return (s) => s === lit;
  if (chunks.length === 1 && chunks[0].text === '*') return () => true;
  const re = patternRegExp('whole', globSource(chunks));
  return (s) => re.test(s);
}

/**
 * The test of a `case` pattern word without expansions in it (`';'*`, `[0-9]*|.[0-9]*`), made
 * once per parsed word as staticSource makes a pattern's source: a script's `case` in a loop
 * (the mysql client stand-in's tokenizer) otherwise expands and compiles each pattern again at
 * every turn. Undefined when the word expands (a parameter, a command substitution, a leading `~`).
 */
let staticMatchers = new WeakMap<Word, (s: string) => boolean>();
registerMemo(() => (staticMatchers = new WeakMap()));

export function staticPatternMatcher(word: Word): ((s: string) => boolean) | undefined {
  const known = staticMatchers.get(word);
  if (known !== undefined) return known;
  const chunks = staticChunks(word);
  if (chunks === undefined) return undefined;
  const m = patternMatcher(chunks);
  staticMatchers.set(word, m);
  return m;
}

/** The chunks a word without expansions expands to (as expandChunks gives them), else undefined. */
function staticChunks(word: Word): Chunk[] | undefined {
  const chunks: Chunk[] = [];
  const parts = word.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.kind === 'lit') {
      if (i === 0 && p.text.startsWith('~')) return undefined;
      chunks.push({ text: p.text, quoted: false });
    } else {
      const text = quotedText(p);
      if (text === undefined) return undefined;
      chunks.push({ text, quoted: true });
    }
  }
  return chunks;
}

/** The text of a pattern without unquoted glob characters or backslashes (it matches only itself), else undefined. */
function literalPattern(chunks: Chunk[]): string | undefined {
  let text = '';
  for (const c of chunks) {
    if (!c.quoted && /[*?[\\]/.test(c.text)) return undefined;
    text += c.text;
  }
  return text;
}

/**
 * How a glob's regex source is used: matched at a position (`prefix`, sticky; `shortest-prefix`
 * with lazy stars), at the end (`suffix` from the leftmost position, `suffix-at` from a given
 * one), or against a whole string.
 */
type PatternUse = 'prefix' | 'shortest-prefix' | 'suffix' | 'suffix-at' | 'whole';

function compilePattern(use: PatternUse, src: string): RegExp {
  switch (use) {
    case 'prefix':
      return new RegExp(`(?:${src})`, 'y');
    case 'shortest-prefix':
      return new RegExp(`(?:${lazyStars(src)})`, 'y');
    case 'suffix':
      return new RegExp(`(?:${src})$`);
    case 'suffix-at':
      return new RegExp(`(?:${src})$`, 'y');
    case 'whole':
      return new RegExp(`^(?:${src})$`);
  }
}

/**
 * Compiled pattern regexes by use and glob source. Scripts match the same few patterns over and
 * over (an entrypoint's `case`, `${x#*=}`): compiling them again each time was a large part of
 * expansion. A RegExp is a pure function of its source; a sticky one's lastIndex is reset here.
 * Keyed by the source itself (no key string to build and hash at each use).
 */
const regexCache = new Map<PatternUse, Map<string, RegExp>>();
const REGEX_CACHE_ENTRIES = 256;
registerMemo(() => regexCache.clear());

function patternRegExp(use: PatternUse, src: string): RegExp {
  let byUse = regexCache.get(use);
  if (byUse === undefined) regexCache.set(use, (byUse = new Map()));
  let re = byUse.get(src);
  if (re === undefined) {
    if (byUse.size >= REGEX_CACHE_ENTRIES) byUse.clear();
    re = compilePattern(use, src);
    byUse.set(src, re);
  }
  re.lastIndex = 0;
  return re;
}

/**
 * The glob source of a pattern word without expansions in it (`${x#*=}`, `${s%\"}`), made once
 * per parsed word: parsed scripts are kept and their words never change (see ParsedScript).
 * Undefined when the word expands (a parameter, a command substitution, a leading `~`).
 */
let staticSources = new WeakMap<Word, string>();
registerMemo(() => (staticSources = new WeakMap()));

function staticSource(word: Word): string | undefined {
  const known = staticSources.get(word);
  if (known !== undefined) return known;
  const chunks = staticChunks(word);
  if (chunks === undefined) return undefined;
  const src = globSource(chunks);
  staticSources.set(word, src);
  return src;
}

/**
 * literalBrackets of one unquoted chunk without `*` or `?` (the word `[` of `[ -n "$x" ]`), without
 * making the chunk: no backslash, no `]` after a `[`, and nothing that makes the glob a path's.
 */
function literalBracketText(t: string): boolean {
  if (t.includes('\\')) return false;
  const open = t.indexOf('[');
  if (open >= 0 && t.indexOf(']', open + 1) >= 0) return false;
  return !t.includes('//') && !t.endsWith('/');
}

function hasGlob(field: Chunk[]): boolean {
  // (an indexed loop: it runs for every field of every command that is not plain text)
  for (let i = 0; i < field.length; i++) {
    const c = field[i];
    if (!c.quoted && GLOB_CHAR.test(c.text)) return !literalBrackets(field);
  }
  return false;
}
const GLOB_CHAR = /[*?[]/;

/**
 * A field whose only glob characters are `[`s that no unquoted `]` closes, as the `[` command
 * is. As a pattern it spells one path, itself, so expanding it could only give its own text
 * back; it skips the directory listing (the `[` of every test read the cwd). Not so with a
 * backslash (removed when matching), `//` or a trailing `/` (the match is joined differently).
 */
function literalBrackets(field: Chunk[]): boolean {
  let text = '';
  let opened = false;
  for (const c of field) {
    text += c.text;
    if (c.quoted) continue;
    if (/[*?\\]/.test(c.text)) return false;
    for (const ch of c.text) {
      if (ch === '[') opened = true;
      else if (ch === ']' && opened) return false;
    }
  }
  return !text.includes('//') && !text.endsWith('/');
}

interface QChar {
  c: string;
  q: boolean;
}

/** Characters back into chunks (runs with the same quoting), so bracket expressions stay whole. */
function toChunks(chars: QChar[]): Chunk[] {
  const out: Chunk[] = [];
  for (const { c, q } of chars) {
    const last = out[out.length - 1];
    if (last && last.quoted === q) last.text += c;
    else out.push({ text: c, quoted: q });
  }
  return out;
}

/** Pathname expansion of one field; undefined when nothing matches (the word stays literal). */
function globExpand(field: Chunk[], host: ExpandHost): string[] | undefined {
  const chars: QChar[] = field.flatMap((c) => [...c.text].map((ch) => ({ c: ch, q: c.quoted })));
  const comps: QChar[][] = [[]];
  for (const ch of chars) {
    if (ch.c === '/') comps.push([]);
    else comps[comps.length - 1].push(ch);
  }
  const abs = chars[0]?.c === '/';
  if (abs) comps.shift();
  let trailingSlash = false;
  if (comps.length > 1 && comps[comps.length - 1].length === 0) {
    comps.pop();
    trailingSlash = true;
  }
  const fsPath = (p: string): string => (p === '' ? host.cwd : join(host.cwd, p));
  const kind = (p: string): string | undefined => {
    try {
      return host.fs.stat(fsPath(p)).kind;
    } catch (e) {
      if (e instanceof FsError) return undefined;
      throw e;
    }
  };
  let paths = [abs ? '/' : ''];
  let lastWasLiteral = false;
  comps.forEach((comp, k) => {
    const needDir = k < comps.length - 1 || trailingSlash;
    if (!comp.some((ch) => !ch.q && '*?['.includes(ch.c))) {
      const name = comp.map((ch) => ch.c).join('');
      paths = paths.map((p) => joinDisplay(p, name));
      lastWasLiteral = true;
      return;
    }
    lastWasLiteral = false;
    const re = patternRegExp('whole', globSource(toChunks(comp)));
    const dotOk = comp[0]?.c === '.';
    const next: string[] = [];
    for (const p of paths) {
      let names: string[];
      try {
        names = host.fs.readdir(fsPath(p));
      } catch (e) {
        if (e instanceof FsError) continue;
        throw e;
      }
      for (const n of names) {
        if ((n.startsWith('.') && !dotOk) || !re.test(n)) continue;
        const full = joinDisplay(p, n);
        if (needDir && kind(full) !== 'dir') continue;
        next.push(full);
      }
    }
    paths = next;
  });
  if (lastWasLiteral) {
    paths = paths.filter((p) => {
      try {
        host.fs.lstat(fsPath(p));
        return true;
      } catch (e) {
        if (e instanceof FsError) return false;
        throw e;
      }
    });
  }
  if (paths.length === 0) return undefined;
  paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return trailingSlash ? paths.map((p) => p + '/') : paths;
}

function joinDisplay(prefix: string, name: string): string {
  if (prefix === '') return name;
  return prefix.endsWith('/') ? prefix + name : prefix + '/' + name;
}

// ---------------------------------------------------------------- arithmetic

const BINARY: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<': 7,
  '<=': 7,
  '>': 7,
  '>=': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
  '**': 11,
};
const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);
const TOKEN = /\s*(?:(0[xX][0-9a-fA-F]+|[0-9]+#[0-9A-Za-z@_]*|[0-9]+)|([A-Za-z_][A-Za-z0-9_]*)|(\*\*|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||\+\+|--|[-+*/%&^|]=|[-+*/%<>=!~&^|?:(),]))/y;
/** The increment and decrement operators as the evaluator reads them (see incDec; `#` is in no token). */
const POST_INC = '#++';
const POST_DEC = '#--';
const PRE_INC = '++#';
const PRE_DEC = '--#';
const isName = (t: string | undefined): t is string => t !== undefined && /^[A-Za-z_]/.test(t);

type ArithHost = Pick<ExpandHost, 'param' | 'setVar' | 'gnu' | 'dash'>;

/**
 * Evaluate `$((expr))`: C operators on signed 64-bit integers that wrap around, as busybox ash's
 * and bash's arith_t (long long) do; variables, assignment.
 */
export function evalArith(src: string, host: ArithHost): bigint {
  if (host.dash) return evalDashArith(src, host, dashNumber);
  return new Arith(src, host, []).run();
}

/**
 * One expression being evaluated, and where in it the variable whose value is evaluated next
 * (`name`, its token at `at`) stands: the chain of them is how a variable's value that names
 * itself, directly or through others, is told from one that merely nests.
 */
interface ArithFrame {
  readonly src: string;
  readonly name: string;
  readonly at: number;
}

/** bash's expr.c MAX_EXPR_RECURSION_LEVEL: the expressions pushexp keeps at most. */
const BASH_MAX_EXPR_DEPTH = 1024;
/**
 * How deep a cycle of variables is followed before it is taken for an endless one: a value with
 * side effects (`a='x<3 ? (x++, a) : 0'`) may still end it; a pure one never does, and bash would
 * go down to BASH_MAX_EXPR_DEPTH, deeper than the JS stack goes.
 */
const CYCLE_FOLLOWED = 32;
/**
 * How many values that are expressions (not bare names) are evaluated one inside another: each is
 * a nested evaluator on the JS stack, which ends long before bash's 1024 (a value chain that deep
 * is refused by name rather than crashing).
 */
const NESTED_VALUES = 100;

/** Wrap to a signed 64-bit integer. */
const i64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const bool = (b: boolean): bigint => (b ? 1n : 0n);

// A script's loops evaluate the same few expressions (`$((i + 1))`) over and over: their tokens
// depend on the text alone (variables are read when evaluated), so they are kept.
const tokenMemo = new BoundedMemo<string, Tokens>(1024);

/** An expression's tokens, and where each starts in its text (for bash's error token). */
interface Tokens {
  toks: readonly string[];
  at: readonly number[];
  /**
   * The text from a character no token starts with (`.c` of `*.c`): bash's lexer reads a token
   * only when the parser comes to it, so an error before it (`*` where an operand should be) is
   * the one reported; reached, it is an invalid operator.
   */
  bad?: string;
}

/**
 * `++` and `--` as bash's lexer reads them (expr.c readtok): right after a variable, the variable
 * is incremented after its value is taken (`x++`, `x --`); before a variable (blanks between
 * allowed), before (`--x`, `-- x`); anywhere else two signs (`1--1` is 1 - -1, `--5` is 5,
 * `++(x)` is x). busybox ash's math.c reads them alike.
 */
function incDec(toks: string[], at: number[]): void {
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t !== '++' && t !== '--') continue;
    if (isName(toks[k - 1])) toks[k] = t === '++' ? POST_INC : POST_DEC;
    else if (isName(toks[k + 1])) toks[k] = t === '++' ? PRE_INC : PRE_DEC;
    else {
      toks.splice(k, 1, t[0], t[0]);
      at.splice(k + 1, 0, at[k] + 1);
    }
  }
}
/** Recursions of the evaluator (parens, `a=b=...`, `1?1?...`, `2**2**...`) before a syntax error. */
const MAX_NESTING = 200;

class Arith {
  private readonly toks: readonly string[];
  private readonly at: readonly number[];
  private readonly bad: string | undefined;
  private i = 0;
  private nesting = 0;
  /**
   * bash's noeval (expr.c): inside the side of `&&`, `||` or `?:` that the left or the condition
   * leaves out, the operands are read but not evaluated: no assignment, no `++`, a variable reads
   * as 0 (expr_streval), a division by 0 divides by 1. busybox ash's math.c evaluates both sides
   * (`$((0 && x++))` increments x, `$((0 && 1/0))` fails: both measured, bash 5.2, busybox 1.35).
   */
  private noeval = 0;

  constructor(
    private readonly src: string,
    private readonly host: ArithHost,
    /** The expressions this one's evaluation is nested in, outermost first. */
    private readonly chain: readonly ArithFrame[],
  ) {
    const tokens = tokenMemo.get(src) ?? this.tokenize();
    this.toks = tokens.toks;
    this.at = tokens.at;
    this.bad = tokens.bad;
  }

  /** The tokens of `src`, remembered (tokenMemo), up to a character none starts with (Tokens.bad). */
  private tokenize(): Tokens {
    const toks: string[] = [];
    const at: number[] = [];
    const src = this.src;
    let bad: string | undefined;
    TOKEN.lastIndex = 0;
    while (src.slice(TOKEN.lastIndex).trim() !== '') {
      const from = TOKEN.lastIndex;
      const m = TOKEN.exec(src);
      if (!m) {
        bad = src.slice(from).trimStart();
        break;
      }
      const t = m[0].trim();
      toks.push(t);
      at.push(m.index + m[0].length - t.length);
    }
    incDec(toks, at);
    const tokens = bad === undefined ? { toks, at } : { toks, at, bad };
    tokenMemo.set(src, tokens);
    return tokens;
  }

  run(): bigint {
    if (this.toks.length === 0 && this.bad === undefined) return 0n;
    const v = this.comma();
    if (this.bad !== undefined && this.i >= this.toks.length) throw this.syntax(this.bad);
    // bash expr.c: a token where an operator should come ends the expression too soon
    if (this.i < this.toks.length) throw this.strayColon(this.syntax(this.tailFrom(this.i), 'syntax error in expression'));
    return v;
  }

  /**
   * busybox's words for a `:` with no `?` before it, where the expression stopped (math.c reduces
   * TOK_CONDITIONAL_SEP only with a TOK_CONDITIONAL under it: "malformed ?: operator"). It reduces
   * the `:` when the whole expression has read well, so the rest must read as expressions joined by
   * `:` up to the end (or `close`); else the syntax error stands (measured, busybox 1.35: `a:b`,
   * `1:2:3`, `1,2:3`, `(1:2)` are malformed, `5:`, `1:2:` and `1:2+` syntax errors). bash's words
   * do not change.
   */
  private strayColon(e: ExpansionError, close?: string): ExpansionError {
    if (this.host.gnu === true || this.toks[this.i] !== ':') return e;
    const at = this.i;
    try {
      // each `:` taken as one more binary operator: the whole must read to the end
      do {
        this.i++;
        this.skipping(true, () => this.comma());
      } while (this.toks[this.i] === ':');
      const done = close === undefined ? this.i === this.toks.length && this.bad === undefined : this.toks[this.i] === close;
      return done ? new ExpansionError('malformed ?: operator', e.bash, e.bashStatus) : e;
    } catch (x) {
      if (x instanceof ExpansionError) return e;
      throw x;
    } finally {
      this.i = at;
    }
  }

  /**
   * bash's words (expr.c evalerror): `invalid arithmetic operator` unless told otherwise, after
   * the expression as written (leading blanks dropped, trailing kept), with the text from the
   * token it stopped at to the end.
   */
  private syntax(tok: string, bash = 'syntax error: invalid arithmetic operator'): ExpansionError {
    return new ExpansionError('arithmetic syntax error', `${this.src.trimStart()}: ${bash} (error token is "${tok}")`);
  }

  /** The text of the expression from its k-th token on (for bash's error token). */
  private tailFrom(k: number): string {
    return k >= 0 && k < this.at.length ? this.src.slice(this.at[k]) : '';
  }

  private peek(): string | undefined {
    return this.toks[this.i];
  }

  /** `a, b`: each evaluated in turn, the value the last one's (bash expr.c expcomma; ash too). */
  private comma(): bigint {
    let v = this.assign();
    while (this.peek() === ',') {
      this.i++;
      v = this.deeper(() => this.assign());
    }
    return v;
  }

  private assign(): bigint {
    const name = this.peek();
    const op = this.toks[this.i + 1];
    if (name !== undefined && /^[A-Za-z_]/.test(name) && op !== undefined && ASSIGN_OPS.has(op)) {
      this.i += 2;
      const at = this.i;
      const rhs = this.deeper(() => this.assign());
      const v = op === '=' ? rhs : this.binop(op.slice(0, -1), this.variable(name, at - 2), rhs, at);
      if (this.noeval === 0) this.host.setVar(name, String(v));
      return v;
    }
    return this.ternary();
  }

  private ternary(): bigint {
    const c = this.binary(1);
    if (this.peek() !== '?') return c;
    this.i++;
    // bash's own words for a conditional cut short (expr.c expcond)
    if (this.peek() === undefined || this.peek() === ':') throw this.syntax(this.tailFrom(this.i - (this.peek() === ':' ? 0 : 1)), 'expression expected');
    // bash reads a comma expression between ? and : (expcond's EXP_HIGHEST); ash's math.c one
    // assignment, so its comma there leaves the ?: without its colon
    const a = this.skipping(this.shortCircuits && c === 0n, () => this.deeper(() => (this.host.gnu ? this.comma() : this.assign())));
    if (this.peek() !== ':') {
      const e = this.syntax(this.tailFrom(this.i - 1), "`:' expected for conditional expression");
      throw new ExpansionError('malformed ?: operator', e.bash);
    }
    this.i++;
    if (this.peek() === undefined) throw this.syntax(this.tailFrom(this.i - 1), 'expression expected');
    const b = this.skipping(this.shortCircuits && c !== 0n, () => this.deeper(() => this.assign()));
    return c !== 0n ? a : b;
  }

  /**
   * The side of `&&`, `||`, `?:` left out is not evaluated: its assignments and variables' values
   * untouched (bash's noeval; dash's too, in dash-arith.ts); busybox's math.c evaluates both sides.
   * Checked against bash 5.2 and busybox 1.35.
   */
  private get shortCircuits(): boolean {
    return this.host.gnu === true;
  }

  /** `fn` in bash's or dash's noeval when `skip` (the side of `&&`, `||`, `?:` left out). */
  private skipping<T>(skip: boolean, fn: () => T): T {
    if (!skip) return fn();
    this.noeval++;
    try {
      return fn();
    } finally {
      this.noeval--;
    }
  }

  private binary(min: number): bigint {
    let left = this.unary();
    for (;;) {
      const op = this.peek();
      const prec = op === undefined ? undefined : BINARY[op];
      if (prec === undefined || prec < min) return left;
      this.i++;
      const at = this.i;
      // deeper(), without a closure per operator (the hot path of a script's loop counters)
      if (++this.nesting > MAX_NESTING) throw this.syntax('(');
      const skip = this.shortCircuits && ((op === '&&' && left === 0n) || (op === '||' && left !== 0n));
      if (skip) this.noeval++;
      let right: bigint;
      try {
        right = this.binary(op === '**' ? prec : prec + 1);
      } finally {
        this.nesting--;
        if (skip) this.noeval--;
      }
      left = this.binop(op!, left, right, at);
    }
  }

  /** `a op b`; `at`: the index of b's first token (bash's error token of a division by 0 is the text from there). */
  private binop(op: string, a: bigint, b: bigint, at: number): bigint {
    switch (op) {
      case '||': return bool(a !== 0n || b !== 0n);
      case '&&': return bool(a !== 0n && b !== 0n);
      case '|': return a | b;
      case '^': return a ^ b;
      case '&': return a & b;
      case '==': return bool(a === b);
      case '!=': return bool(a !== b);
      case '<': return bool(a < b);
      case '<=': return bool(a <= b);
      case '>': return bool(a > b);
      case '>=': return bool(a >= b);
      // x86-64 takes the shift count modulo 64
      case '<<': return i64(a << BigInt.asUintN(6, b));
      case '>>': return a >> BigInt.asUintN(6, b);
      case '+': return i64(a + b);
      case '-': return i64(a - b);
      case '*': return i64(a * b);
      case '**':
        // bash names the text from the token it looks at next (`2 ** -1 + 3` -> "+ 3"), at the
        // end from the exponent's last one (`2 ** -1 ` -> "1 ")
        if (b < 0n) throw new ExpansionError('exponent less than 0', `${this.src.trimStart()}: exponent less than 0 (error token is "${this.tailFrom(this.i < this.toks.length ? this.i : this.i - 1)}")`);
        return powWrap(a, b);
      default:
        // bash: `1 / 0 + 5 : division by 0 (error token is "0 + 5 ")`, the text as written from the divisor
        if (b === 0n && this.noeval > 0) return a;
        if (b === 0n) throw new ExpansionError('divide by zero', `${this.src.trimStart()}: division by 0 (error token is "${this.tailFrom(at)}")`);
        // BigInt division truncates toward zero, like C's
        return i64(op === '/' ? a / b : a % b);
    }
  }

  /**
   * Every recursion of the evaluator goes through here or `unary`: nesting past the limit (parens,
   * `a=b=...`, `1?1?...`, `2**2**...`) is refused before the JS stack runs out.
   */
  private deeper<T>(fn: () => T): T {
    if (++this.nesting > MAX_NESTING) throw this.syntax('(');
    try {
      return fn();
    } finally {
      this.nesting--;
    }
  }

  private unary(): bigint {
    if (++this.nesting > MAX_NESTING) throw this.syntax('(');
    try {
      return this.unaryBody();
    } finally {
      this.nesting--;
    }
  }

  private unaryBody(): bigint {
    const t = this.toks[this.i++];
    if (t === undefined && this.bad !== undefined) throw this.syntax(this.bad, 'syntax error: operand expected');
    // the text ran out where an operand should be: bash names the token read last (`1 +`: "+")
    if (t === undefined) throw this.syntax(this.tailFrom(this.i - 2), 'syntax error: operand expected');
    if (t === '-') return i64(-this.unary());
    if (t === '+') return this.unary();
    if (t === '!') return bool(this.unary() === 0n);
    if (t === '~') return ~this.unary();
    if (t === '(') {
      const v = this.comma();
      if (this.toks[this.i] !== ')') {
        // bash (expr.c exp0): "missing `)'" at a token that is not one, from it to the end; the text
        // it could not read at all is an operator it does not know
        const t = this.toks[this.i];
        throw this.strayColon(t === undefined ? this.syntax(this.bad ?? '') : this.syntax(this.tailFrom(this.i), "missing `)'"), ')');
      }
      this.i++;
      return v;
    }
    if (/^[0-9]/.test(t)) return parseNumber(t, this.host.gnu === true, (words) => this.syntax(t, words));
    if (t === PRE_INC || t === PRE_DEC) {
      // (incDec made it one only before a name)
      const name = this.toks[this.i++];
      const v = i64(this.variable(name, this.i - 1) + (t === PRE_INC ? 1n : -1n));
      if (this.noeval === 0) this.host.setVar(name, String(v));
      return v;
    }
    if (isName(t)) {
      const post = this.peek();
      if (post !== POST_INC && post !== POST_DEC) return this.variable(t, this.i - 1);
      this.i++;
      const v = this.variable(t, this.i - 2);
      if (this.noeval === 0) this.host.setVar(t, String(i64(v + (post === POST_INC ? 1n : -1n))));
      return v;
    }
    // an operator where an operand should be: bash names the text from it on (`* 1`, `( )`: ")")
    throw this.syntax(this.tailFrom(this.i - 1), 'syntax error: operand expected');
  }

  /**
   * A variable's value (its token the k-th); non-numeric values are evaluated as expressions, as
   * bash and ash do. A value that leads back to a variable being evaluated already recurses:
   * busybox refuses at once (math.c arith_lookup_val keeps the names being evaluated:
   * `expression recursion loop detected`); bash goes on until pushexp refuses the 1024th
   * expression (expr.c: `EXPR: expression recursion level exceeded (error token is "TOKEN")`,
   * EXPR the expression at depth 1023 and TOKEN its text from the variable on). Both measured:
   * bash 5.2, busybox 1.35 (test/shell/arith-recursion.test.ts).
   */
  private variable(name: string, k: number): bigint {
    if (this.noeval > 0) return 0n;
    const chain = [...this.chain];
    let frame: ArithFrame = { src: this.src, name, at: this.at[k] ?? 0 };
    // A value that is a bare name is followed here, not by a nested Arith, so that a long chain of
    // them (v0=v1, v1=v2, ...) costs no JS stack: bash follows 1023, busybox any number.
    for (;;) {
      const v = (this.host.param(frame.name) ?? '').trim();
      if (v === '') return 0n;
      // a decimal needs no parse; `010` is octal 8 and `09` an error, as in the expression itself
      if (/^-?(?:0|[1-9][0-9]*)$/.test(v)) return i64(BigInt(v));
      let j = chain.length - 1;
      while (j >= 0 && chain[j].name !== frame.name) j--;
      chain.push(frame);
      if (j >= 0 && (!this.host.gnu || chain.length > CYCLE_FOLLOWED)) throw recursion(chain, j);
      // pushexp refuses the expression after the 1023rd (chain holds the ones before it)
      if (this.host.gnu && chain.length >= BASH_MAX_EXPR_DEPTH) throw recursionError(frame);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(v)) {
        if (chain.length > NESTED_VALUES) throw new ShellNotSimulated(`strata does not simulate arithmetic through more than ${NESTED_VALUES} variables whose values are expressions`);
        return new Arith(v, this.host, chain).run();
      }
      frame = { src: v, name: v, at: 0 };
    }
  }

}

/**
 * The error of an endless recursion: `chain[j]` and the last frame name the same variable, so the
 * expressions from j + 1 on repeat with period `chain.length - 1 - j` (the values are evaluated
 * alike each time round), and bash's expression at depth BASH_MAX_EXPR_DEPTH - 1 is found by it.
 */
function recursion(chain: readonly ArithFrame[], j: number): ExpansionError {
  const period = chain.length - 1 - j;
  return recursionError(chain[j + 1 + ((BASH_MAX_EXPR_DEPTH - 1 - (j + 1)) % period)]);
}

/** bash's words for the expression at depth 1023 (`f`), busybox's for a name come round again. */
function recursionError(f: ArithFrame): ExpansionError {
  return new ExpansionError(
    'expression recursion loop detected',
    `${f.src.trimStart()}: expression recursion level exceeded (error token is "${f.src.slice(f.at)}")`,
  );
}

/**
 * A variable's value in dash's arithmetic: a number, never an expression (dash 0.5.12
 * arith_yylex/lookupvarint: atomax(value, 0), strtoimax in base 0: blanks, a sign, 0x hex, 0 octal,
 * blanks after); anything else, or a number out of range, is `Illegal number: VALUE` (badnum).
 * Checked against this host's dash 0.5.12.
 */
function dashNumber(value: string): bigint {
  const m = /^[ \t\n\v\f\r]*(?:([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)[ \t\n\v\f\r]*)?$/.exec(value);
  if (m === null) throw new ExpansionError(`Illegal number: ${value}`, `Illegal number: ${value}`);
  if (m[2] === undefined) return 0n;
  const digits = m[2];
  const magnitude = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits[0] === '0' ? BigInt('0o' + digits.slice(1)) : BigInt(digits);
  const v = m[1] === '-' ? -magnitude : magnitude;
  if (v !== BigInt.asIntN(64, v)) throw new ExpansionError(`Illegal number: ${value}`, `Illegal number: ${value}`);
  return v;
}

/**
 * A number as bash's expr.c strlong reads it: 0x hex, 0 octal, BASE#DIGITS for a base of 2 to
 * 64 (digits 0-9, a-z, A-Z, @, _; up to base 36 a letter's case does not matter), else decimal.
 * `fail` gets bash's words; busybox ash has one message for all, and reads `BASE#` as 0.
 */
function parseNumber(t: string, gnu: boolean, fail: (bashWords: string) => Error): bigint {
  const hash = t.indexOf('#');
  if (hash > 0) {
    const base = Number(t.slice(0, hash));
    if (base < 2 || base > 64) throw fail('invalid arithmetic base');
    const digits = t.slice(hash + 1);
    if (digits === '' && gnu) throw fail('invalid integer constant');
    let v = 0n;
    for (const ch of digits) {
      const d = digitValue(ch, base);
      if (d >= base) throw fail('value too great for base');
      v = i64(v * BigInt(base) + BigInt(d));
    }
    return v;
  }
  if (/^0[xX]/.test(t)) return i64(BigInt(t));
  if (t.length > 1 && t[0] === '0') {
    if (!/^[0-7]+$/.test(t)) throw fail('value too great for base');
    return i64(BigInt('0o' + t.slice(1)));
  }
  return i64(BigInt(t));
}

/** A digit's value in BASE#DIGITS (bash expr.c strlong). */
function digitValue(ch: string, base: number): number {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 97 + 10;
  if (c >= 65 && c <= 90) return c - 65 + (base <= 36 ? 10 : 36);
  return ch === '@' ? 62 : 63;
}

/** a ** b with 64-bit wrap-around at every step (square and multiply), b >= 0. */
function powWrap(a: bigint, b: bigint): bigint {
  let result = 1n;
  let base = i64(a);
  let e = b;
  while (e > 0n) {
    if (e & 1n) result = i64(result * base);
    base = i64(base * base);
    e >>= 1n;
  }
  return result;
}
