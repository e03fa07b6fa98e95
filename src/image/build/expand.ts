// The Dockerfile shell lexer: variable expansion and quote removal in instruction arguments.
// Two versions of one Go package, github.com/moby/buildkit frontend/dockerfile/shell/lex.go:
// - 'buildkit': BuildKit v0.13.2 (what dockerd 26.1.5 vendors, moby vendor.mod), which knows
//   `${A-x}`, `${A+x}`, `${A?x}` with and without the colon, `${A#pat}`, `${A%pat}` (and the
//   doubled greedy forms), `${A/pat/repl}` and `${A//pat/repl}`;
// - 'legacy': the copy Docker 20.10.24's builder vendors (buildkit eeb7b65, v0.8.4-dev), which
//   knows only `${A}`, `${A?x}` and the colon forms `${A:-x}`, `${A:+x}`, `${A:?x}`; anything else
//   after the name is `missing ':' in substitution`.
// Errors are Go's words, wrapped as `failed to process "WORD": ...` (shellWord.process, %q);
// recorded on both engines: builds/expand-errors, builds/expand-instructions; on 26.1
// builds/expand-pattern-runes (patterns match runes, `//` expands `$0` in the replacement).
//
// Strings here are byte strings (a Dockerfile is bytes): the lexer reads them rune by rune as
// text/scanner does and writes bytes back unchanged.

import { decodeRune } from '../../fs/utf8.ts';
import { quote } from '../../docker/format/fmt.ts';
import { Refusal, StepFailure } from './failures.ts';
import type { EscapeToken, Instruction } from './dockerfile.ts';

export type LexDialect = 'legacy' | 'buildkit';

/** An expansion the builder refuses; `message` is the whole text Docker prints after its prefix. */
export class LexError extends Error {}

/** A word Docker's lexer cannot take without crashing (a Go panic): strata does not guess. */
export class LexPanic extends Error {}

/** text/scanner's EOF. */
const EOF = -1;
/** string(rune(-1)) in Go: the replacement character, as UTF-8 bytes. */
const RUNE_ERROR_BYTES = '\xef\xbf\xbd';

/** One rune: its code point and its bytes. */
interface Rune {
  cp: number;
  text: string;
}

/** The runes of a byte string, as text/scanner reads them. */
function runesOf(text: string): Rune[] {
  const runes: Rune[] = [];
  for (let i = 0; i < text.length; ) {
    const { cp, size } = decodeRune(text, i);
    runes.push({ cp, text: text.slice(i, i + size) });
    i += size;
  }
  return runes;
}

class Scanner {
  private readonly runes: Rune[];
  private pos = 0;
  constructor(text: string) {
    this.runes = runesOf(text);
  }
  peek(): number {
    return this.pos < this.runes.length ? this.runes[this.pos].cp : EOF;
  }
  /** The next rune; at the end, EOF (whose text is Go's string(rune(-1))). */
  next(): Rune {
    if (this.pos >= this.runes.length) return { cp: EOF, text: RUNE_ERROR_BYTES };
    return this.runes[this.pos++];
  }
}

const cp = (ch: string): number => ch.charCodeAt(0);

// Go's unicode.IsSpace (JavaScript's \s lacks U+0085 and has U+FEFF), IsLetter and IsDigit, of
// a rune (never EOF).
const isSpace = (c: number): boolean => c === 0x85 || (/\s/u.test(String.fromCodePoint(c)) && c !== 0xfeff);
const isLetter = (c: number): boolean => /\p{L}/u.test(String.fromCodePoint(c));
const isDigit = (c: number): boolean => /\p{Nd}/u.test(String.fromCodePoint(c));

/**
 * The words of ProcessWords (wordsStruct): split on unquoted spaces after expansion. (Go's
 * inWord flag is left out: it is set whenever the word is not empty, and a space ends only a
 * word that is not empty, so an empty quoted string makes no word.)
 */
class Words {
  word = '';
  words: string[] = [];
  addChar(r: Rune): void {
    if (!isSpace(r.cp)) this.word += r.text;
    else if (this.word.length !== 0) {
      this.words.push(this.word);
      this.word = '';
    }
  }
  addString(s: string): void {
    const sc = new Scanner(s);
    while (sc.peek() !== EOF) this.addChar(sc.next());
  }
  getWords(): string[] {
    return this.word.length > 0 ? [...this.words, this.word] : this.words;
  }
}

class ShellWord {
  private readonly sc: Scanner;
  private rawEscapes = false;
  /** The file's escape character (shell.NewLex(escapeToken)): `\`, or `` ` `` after `# escape=`. */
  private readonly esc: number;
  constructor(
    word: string,
    private readonly env: Readonly<Record<string, string>>,
    private readonly legacy: boolean,
    escape: EscapeToken,
  ) {
    this.sc = new Scanner(word);
    this.esc = cp(escape);
  }

  private getEnv(name: string): string | undefined {
    // EqualEnvKeys is plain equality on Linux (equal_env_unix.go).
    return Object.prototype.hasOwnProperty.call(this.env, name) ? this.env[name] : undefined;
  }

  processStopOn(stopChar: number, rawEscapes: boolean): { word: string; words: string[] } {
    let result = '';
    const words = new Words();
    const saved = this.rawEscapes;
    // BuildKit sets rawEscapes for the stretch ('#', '%', '/' patterns); 20.10 has none (its
    // modifiers all pass false)
    this.rawEscapes = rawEscapes;
    try {
      while (this.sc.peek() !== EOF) {
        const ch = this.sc.peek();
        if (ch === stopChar) {
          this.sc.next();
          return { word: result, words: words.getWords() };
        }
        if (ch === cp('$') || ch === cp("'") || ch === cp('"')) {
          const tmp = ch === cp('$') ? this.processDollar() : ch === cp("'") ? this.processSingleQuote() : this.processDoubleQuote();
          result += tmp;
          if (ch === cp('$')) words.addString(tmp);
          else words.word += tmp;
          continue;
        }
        let r = this.sc.next();
        if (r.cp === this.esc) {
          if (this.rawEscapes) {
            words.word += r.text;
            result += r.text;
          }
          // `\` escapes the next character, except at the end of the word
          r = this.sc.next();
          if (r.cp === EOF) break;
          words.word += r.text;
        } else words.addChar(r);
        result += r.text;
      }
    } finally {
      this.rawEscapes = saved;
    }
    if (stopChar !== EOF) throw new LexError(`unexpected end of statement while looking for matching ${String.fromCodePoint(stopChar)}`);
    return { word: result, words: words.getWords() };
  }

  private processSingleQuote(): string {
    let result = '';
    this.sc.next();
    for (;;) {
      const r = this.sc.next();
      if (r.cp === EOF) throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (r.cp === cp("'")) return result;
      result += r.text;
    }
  }

  private processDoubleQuote(): string {
    let result = '';
    this.sc.next();
    for (;;) {
      const ch = this.sc.peek();
      if (ch === EOF) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (ch === cp('"')) {
        this.sc.next();
        return result;
      }
      if (ch === cp('$')) {
        result += this.processDollar();
        continue;
      }
      let r = this.sc.next();
      if (r.cp === this.esc) {
        if (this.rawEscapes) result += r.text;
        const after = this.sc.peek();
        // it escapes only `"`, `$` and itself (Go drops one at the end of the word, where the
        // quote is missing anyway)
        if (after === cp('"') || after === cp('$') || after === this.esc) r = this.sc.next();
      }
      result += r.text;
    }
  }

  private processName(): string {
    let name = '';
    while (this.sc.peek() !== EOF) {
      const ch = this.sc.peek();
      if (name.length === 0 && isDigit(ch)) {
        while (this.sc.peek() !== EOF && isDigit(this.sc.peek())) name += this.sc.next().text;
        return name;
      }
      if (name.length === 0 && '@*#?-$!0'.includes(String.fromCodePoint(ch))) return this.sc.next().text;
      if (!isLetter(ch) && !isDigit(ch) && ch !== cp('_')) break;
      name += this.sc.next().text;
    }
    return name;
  }

  /** processStopOn('}') inside `${...}`: a missing `}` says so. */
  private untilBrace(rawEscapes: boolean): string {
    try {
      return this.processStopOn(cp('}'), rawEscapes).word;
    } catch (e) {
      if (e instanceof LexError && this.sc.peek() === EOF) throw new LexError("syntax error: missing '}'");
      throw e;
    }
  }

  private processDollar(): string {
    this.sc.next();
    if (this.sc.peek() !== cp('{')) {
      const name = this.processName();
      if (name === '') return '$';
      return this.getEnv(name) ?? '';
    }
    this.sc.next();
    const first = this.sc.peek();
    if (first === EOF) throw new LexError("syntax error: missing '}'");
    if (first === cp('{') || first === cp('}') || first === cp(':')) throw new LexError('syntax error: bad substitution');
    const name = this.processName();
    return this.legacy ? this.legacyModifier(name) : this.buildkitModifier(name);
  }

  /** 20.10's vendored processDollar after the name. */
  private legacyModifier(name: string): string {
    const ch = this.sc.next();
    if (ch.cp === cp('}')) return this.getEnv(name) ?? '';
    if (ch.cp === cp('?')) {
      const word = this.untilBrace(false);
      const value = this.getEnv(name);
      if (value === undefined) throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
      return value;
    }
    if (ch.cp !== cp(':')) throw new LexError("missing ':' in substitution");
    const modifier = this.sc.next();
    const word = this.untilBrace(false);
    const value = this.getEnv(name);
    const current = value ?? '';
    switch (modifier.text) {
      case '+':
        return current !== '' ? word : current;
      case '-':
        return current === '' ? word : current;
      case '?':
        if (value === undefined) throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
        if (current === '') throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
        return current;
      default:
        // %c of the rune (EOF cannot get here: untilBrace failed first)
        throw new LexError(`unsupported modifier (${modifier.text}) in substitution`);
    }
  }

  /** BuildKit v0.13.2's processDollar after the name. */
  private buildkitModifier(name: string): string {
    let ch = this.sc.next();
    let chs = ch.text;
    let nullIsUnset = false;
    if (ch.cp === cp('}')) return this.getEnv(name) ?? '';
    if (ch.cp === cp('/')) return this.replace(name);
    if (ch.cp === cp(':')) {
      nullIsUnset = true;
      ch = this.sc.next();
      chs += ch.text;
    } else if (!'+-?#%'.includes(ch.text)) {
      // (EOF's text is U+FFFD's bytes: `${A` ends here)
      throw new LexError(`unsupported modifier (${chs}) in substitution`);
    }
    let word = this.untilBrace(ch.cp === cp('#') || ch.cp === cp('%'));
    const value = this.getEnv(name);
    const set = value !== undefined;
    const current = value ?? '';
    switch (ch.text) {
      case '-':
        return !set || (nullIsUnset && current === '') ? word : current;
      case '+':
        return !set || (nullIsUnset && current === '') ? '' : word;
      case '?':
        if (!set) throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
        if (nullIsUnset && current === '') throw new LexError(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
        return current;
      case '%':
      case '#': {
        // Go indexes word[0] here: an empty pattern panics the frontend
        if (word === '') throw new LexPanic(`\${${name}${chs}}`);
        let greedy = false;
        if (word[0] === ch.text) {
          greedy = true;
          word = word.slice(1);
        }
        return ch.text === '%' ? trimSuffix(word, current, greedy) : trimPrefix(word, current, greedy);
      }
    }
    throw new LexError(`unsupported modifier (${chs}) in substitution`);
  }

  /** `${name/pattern/replacement}` and `${name//pattern/replacement}`. */
  private replace(name: string): string {
    const all = this.sc.peek() === cp('/');
    if (all) this.sc.next();
    let pattern: string;
    try {
      pattern = this.processStopOn(cp('/'), true).word;
    } catch (e) {
      if (e instanceof LexError && this.sc.peek() === EOF) throw new LexError("syntax error: missing '/' in ${}");
      throw e;
    }
    const replacement = this.untilBrace(true);
    const value = this.getEnv(name) ?? '';
    const re = shellPattern(pattern, true, false, pattern);
    // ReplaceAllString expands the replacement as a template (`$0` is the match; recorded:
    // builds/expand-pattern-runes); one replacement is plain text
    if (all) return value.replace(new RegExp(re.source, 'g'), (match) => expandTemplate(replacement, match));
    const m = re.exec(value);
    return m ? value.slice(0, m.index) + replacement + value.slice(m.index + m[0].length) : value;
  }
}

/**
 * Go's regexp `.` on the byte string: one UTF-8 sequence (utf8.go's accepted ranges) or one byte
 * of an invalid one, but not a newline.
 */
const RUNE = '(?:[\\x00-\\x09\\x0b-\\x7f]|[\\xc2-\\xdf][\\x80-\\xbf]|\\xe0[\\xa0-\\xbf][\\x80-\\xbf]|[\\xe1-\\xec\\xee\\xef][\\x80-\\xbf]{2}|\\xed[\\x80-\\x9f][\\x80-\\xbf]|\\xf0[\\x90-\\xbf][\\x80-\\xbf]{2}|[\\xf1-\\xf3][\\x80-\\xbf]{3}|\\xf4[\\x80-\\x8f][\\x80-\\xbf]{2}|[\\x80-\\xff])';

/**
 * convertShellPatternToRegex: `*` any string (shortest unless greedy), `?` one character, `\`
 * escapes `*`, `?` and itself (and is dropped before `}` and `/`), everything else literal.
 * Characters are runes, as Go's regexp reads them (recorded: builds/expand-pattern-runes).
 */
function shellPattern(pattern: string, greedy: boolean, anchored: boolean, shown: string): RegExp {
  const sc = new Scanner(pattern);
  let out = anchored ? '^' : '';
  const star = greedy ? `${RUNE}*` : `${RUNE}*?`;
  while (sc.peek() !== EOF) {
    let tok = sc.next();
    if (tok.cp === cp('*')) {
      out += star;
      continue;
    }
    if (tok.cp === cp('?')) {
      out += RUNE;
      continue;
    }
    if (tok.cp === cp('\\')) {
      if (sc.peek() === cp('}') || sc.peek() === cp('/')) continue;
      out += '\\';
      tok = sc.next();
      if (tok.cp !== cp('*') && tok.cp !== cp('?') && tok.cp !== cp('\\')) {
        throw new LexError(`invalid pattern (${shown}) in substitution: invalid escape '\\${tok.text}'`);
      }
    } else if ('[]{}.+()|^$'.includes(tok.text)) out += '\\';
    // (a multi-byte rune is its bytes in a row: no quantifier ever follows a literal)
    out += tok.text;
  }
  return new RegExp(out);
}

/**
 * Regexp.Expand of a replacement for one match of a pattern without groups: `$$` is `$`, `$0`
 * or `${0}` the match, any other name (letters, digits, `_`) nothing, and a `$` without one
 * stays.
 */
function expandTemplate(template: string, match: string): string {
  const rs = runesOf(template);
  let out = '';
  for (let i = 0; i < rs.length; i++) {
    if (rs[i].cp !== cp('$')) {
      out += rs[i].text;
      continue;
    }
    if (rs[i + 1]?.cp === cp('$')) {
      out += '$';
      i++;
      continue;
    }
    const braced = rs[i + 1]?.cp === cp('{');
    let j = braced ? i + 2 : i + 1;
    let name = '';
    while (j < rs.length && (isLetter(rs[j].cp) || isDigit(rs[j].cp) || rs[j].cp === cp('_'))) name += rs[j++].text;
    if (name === '' || (braced && rs[j]?.cp !== cp('}'))) {
      out += '$';
      continue;
    }
    if (name === '0') out += match;
    i = braced ? j : j - 1;
  }
  return out;
}

function trimPrefix(word: string, value: string, greedy: boolean): string {
  const re = shellPattern(word, greedy, true, word);
  const m = re.exec(value);
  return m ? value.slice(m.index + m[0].length) : value;
}

/** reversePattern: reverse, keeping each `\x` escape in front of its character. */
function reversePattern(pattern: string): string {
  const runes = runesOf(pattern).map((r) => r.text);
  const out: string[] = new Array<string>(runes.length);
  const last = runes.length - 1;
  for (let i = 0; i <= last; ) {
    const at = last - i;
    if (runes[i] === '\\' && i !== last) {
      out[at - 1] = runes[i];
      out[at] = runes[i + 1];
      i += 2;
    } else {
      out[at] = runes[i];
      i++;
    }
  }
  return out.join('');
}

function trimSuffix(pattern: string, word: string, greedy: boolean): string {
  const reversed = runesOf(word).map((r) => r.text).reverse().join('');
  const trimmed = trimPrefix(reversePattern(pattern), reversed, greedy);
  return runesOf(trimmed).map((r) => r.text).reverse().join('');
}

/** ProcessWords' word and words; a LexError names the word. */
function processWord(word: string, env: Readonly<Record<string, string>>, legacy: boolean, escape: EscapeToken = '\\'): { word: string; words: string[] } {
  try {
    return new ShellWord(word, env, legacy, escape).processStopOn(EOF, false);
  } catch (e) {
    if (e instanceof LexError) throw new LexError(`failed to process ${quote(word)}: ${e.message}`);
    throw e;
  }
}

/**
 * Shell.ProcessWord: `word` expanded against `env`, quotes removed. Throws LexError, and Refusal
 * for a word that crashes Docker's lexer (a meta ARG's value, a FROM line's image or platform:
 * BuildKit expands them all before any step, so a LexPanic there was an internal error).
 */
export function lexWord(word: string, env: Readonly<Record<string, string>>, dialect: LexDialect, escape: EscapeToken = '\\'): string {
  return guarded(undefined, () => processWord(word, env, dialect === 'legacy', escape).word);
}

/** Shell.ProcessWords: the expansion split into words on unquoted whitespace (EXPOSE). */
export function lexWords(word: string, env: Readonly<Record<string, string>>, dialect: LexDialect): string[] {
  return processWord(word, env, dialect === 'legacy').words;
}

/** Expands a word for a build step; a bad one fails the step in Docker's words. */
export type StepExpander = (word: string) => string;

/**
 * The expander of one instruction: `env` is the step's environment, `legacy` picks the legacy
 * builder's lexer. An error fails the step (both builders print the lexer's words: at the step
 * in the legacy log, after `failed to solve: ` in BuildKit's).
 */
export function stepExpander(ins: Instruction, env: Readonly<Record<string, string>>, legacy: boolean): StepExpander {
  return (word) => guarded(ins, () => processWord(word, env, legacy, ins.escape).word);
}

/** ProcessWords for a build step (EXPOSE), with stepExpander's errors. */
export function stepWordsExpander(ins: Instruction, env: Readonly<Record<string, string>>, legacy: boolean): (word: string) => string[] {
  return (word) => guarded(ins, () => processWord(word, env, legacy, ins.escape).words);
}

/** `f`'s LexPanic as a Refusal; with `ins`, its LexError as that step's failure. */
function guarded<T>(ins: Instruction | undefined, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LexError && ins !== undefined) throw new StepFailure(ins, e.message, e.message, 1);
    if (e instanceof LexPanic) throw new Refusal(`strata does not simulate \`${e.message}\`: an empty pattern crashes Docker's lexer (a Go panic)`);
    throw e;
  }
}
