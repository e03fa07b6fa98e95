// The Dockerfile shell lexer: variable expansion and quote removal in instruction arguments.
// Two versions of one Go package, github.com/moby/buildkit frontend/dockerfile/shell/lex.go:
// - 'buildkit': BuildKit v0.13.2 (what dockerd 26.1.5 vendors, moby vendor.mod), which knows
//   `${A-x}`, `${A+x}`, `${A?x}` with and without the colon, `${A#pat}`, `${A%pat}` (and the
//   doubled greedy forms), `${A/pat/repl}` and `${A//pat/repl}`;
// - 'legacy': the copy Docker 20.10.24's builder vendors (buildkit eeb7b65, v0.8.4-dev), which
//   knows only `${A}`, `${A?x}` and the colon forms `${A:-x}`, `${A:+x}`, `${A:?x}`; anything else
//   after the name is `missing ':' in substitution`.
// Errors are Go's words, wrapped as `failed to process "WORD": ...` (shellWord.process, %q);
// recorded on both engines: builds/expand-errors, builds/expand-instructions.
//
// Strings here are byte strings (a Dockerfile is bytes): the lexer reads them rune by rune as
// text/scanner does and writes bytes back unchanged.

import { decodeRune } from '../../fs/utf8.ts';
import { quote } from '../../docker/format/fmt.ts';
import { Refusal, StepFailure } from './failures.ts';
import type { Instruction } from './dockerfile.ts';

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

class Scanner {
  private readonly runes: Rune[] = [];
  private pos = 0;
  constructor(text: string) {
    for (let i = 0; i < text.length; ) {
      const { cp, size } = decodeRune(text, i);
      this.runes.push({ cp, text: text.slice(i, i + size) });
      i += size;
    }
  }
  peek(): number {
    return this.pos < this.runes.length ? this.runes[this.pos].cp : EOF;
  }
  /** The next rune; at the end, EOF (whose text is Go's string(rune(-1))). */
  next(): Rune {
    if (this.pos >= this.runes.length) return { cp: EOF, text: RUNE_ERROR_BYTES };
    return this.runes[this.pos++];
  }
  /** The runes' texts from here on. */
  all(): string[] {
    return this.runes.slice(this.pos).map((r) => r.text);
  }
}

const cp = (ch: string): number => ch.charCodeAt(0);

// Go's unicode.IsSpace, IsLetter and IsDigit.
const isSpace = (c: number): boolean => c === 0x85 || c === 0xa0 || (c >= 0 && /^\s$/u.test(String.fromCodePoint(c)) && c !== 0xfeff);
const isLetter = (c: number): boolean => c >= 0 && /^\p{L}$/u.test(String.fromCodePoint(c));
const isDigit = (c: number): boolean => c >= 0 && /^\p{Nd}$/u.test(String.fromCodePoint(c));

/** The words of ProcessWords (wordsStruct): split on unquoted spaces after expansion. */
class Words {
  word = '';
  words: string[] = [];
  inWord = false;
  addChar(r: Rune): void {
    if (isSpace(r.cp) && this.inWord) {
      if (this.word.length !== 0) {
        this.words.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    } else if (!isSpace(r.cp)) this.addRawChar(r.text);
  }
  addRawChar(text: string): void {
    this.word += text;
    this.inWord = true;
  }
  addString(s: string): void {
    const sc = new Scanner(s);
    while (sc.peek() !== EOF) this.addChar(sc.next());
  }
  getWords(): string[] {
    if (this.word.length > 0) {
      this.words.push(this.word);
      this.word = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class ShellWord {
  private readonly sc: Scanner;
  private rawEscapes = false;
  constructor(
    word: string,
    private readonly env: Readonly<Record<string, string>>,
    private readonly dialect: LexDialect,
  ) {
    this.sc = new Scanner(word);
  }

  private getEnv(name: string): string | undefined {
    // EqualEnvKeys is plain equality on Linux (equal_env_unix.go).
    return Object.prototype.hasOwnProperty.call(this.env, name) ? this.env[name] : undefined;
  }

  processStopOn(stopChar: number, rawEscapes: boolean): { word: string; words: string[] } {
    let result = '';
    const words = new Words();
    const saved = this.rawEscapes;
    // BuildKit sets rawEscapes for the stretch ('#', '%', '/' patterns); 20.10 has none.
    if (this.dialect === 'buildkit') this.rawEscapes = rawEscapes;
    try {
      while (this.sc.peek() !== EOF) {
        const ch = this.sc.peek();
        if (stopChar !== EOF && ch === stopChar) {
          this.sc.next();
          return { word: result, words: words.getWords() };
        }
        if (ch === cp('$') || ch === cp("'") || ch === cp('"')) {
          const tmp = ch === cp('$') ? this.processDollar() : ch === cp("'") ? this.processSingleQuote() : this.processDoubleQuote();
          result += tmp;
          if (ch === cp('$')) words.addString(tmp);
          else {
            words.word += tmp;
            words.inWord = true;
          }
          continue;
        }
        let r = this.sc.next();
        if (r.cp === cp('\\')) {
          if (this.rawEscapes) {
            words.addRawChar(r.text);
            result += r.text;
          }
          // `\` escapes the next character, except at the end of the word
          r = this.sc.next();
          if (r.cp === EOF) break;
          words.addRawChar(r.text);
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
      if (r.cp === cp('\\')) {
        if (this.dialect === 'buildkit' && this.rawEscapes) result += r.text;
        const after = this.sc.peek();
        // a `\` at the end of the word is dropped; it escapes only `"`, `$` and itself
        if (after === EOF) continue;
        if (after === cp('"') || after === cp('$') || after === cp('\\')) r = this.sc.next();
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
    return this.dialect === 'legacy' ? this.legacyModifier(name) : this.buildkitModifier(name);
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
    } else if (!'+-?#%'.includes(ch.text) || ch.cp === EOF) {
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
        if (ch.cp === EOF) break;
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
    if (all) return value.replace(new RegExp(re.source, 'gu'), () => replacement);
    const m = re.exec(value);
    return m ? value.slice(0, m.index) + replacement + value.slice(m.index + m[0].length) : value;
  }
}

/**
 * convertShellPatternToRegex: `*` any string (shortest unless greedy), `?` one character, `\`
 * escapes `*`, `?` and itself (and is dropped before `}` and `/`), everything else literal.
 */
function shellPattern(pattern: string, greedy: boolean, anchored: boolean, shown: string): RegExp {
  const sc = new Scanner(pattern);
  let out = anchored ? '^' : '';
  const star = greedy ? '.*' : '.*?';
  while (sc.peek() !== EOF) {
    let tok = sc.next();
    if (tok.cp === cp('*')) {
      out += star;
      continue;
    }
    if (tok.cp === cp('?')) {
      out += '.';
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
    // the regular expression runs on the byte string: a multi-byte rune is matched as its bytes
    out += tok.text.length > 1 ? `(?:${tok.text})` : tok.text;
  }
  return new RegExp(out, 'u');
}

function trimPrefix(word: string, value: string, greedy: boolean): string {
  const re = shellPattern(word, greedy, true, word);
  const m = re.exec(value);
  return m ? value.slice(m.index + m[0].length) : value;
}

/** reversePattern: reverse, keeping each `\x` escape in front of its character. */
function reversePattern(pattern: string): string {
  const runes = new Scanner(pattern).all();
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
  const reversed = new Scanner(word).all().reverse().join('');
  const trimmed = trimPrefix(reversePattern(pattern), reversed, greedy);
  return new Scanner(trimmed).all().reverse().join('');
}

function run<T>(word: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LexError) throw new LexError(`failed to process ${quote(word)}: ${e.message}`);
    throw e;
  }
}

/** Shell.ProcessWord: `word` expanded against `env`, quotes removed. Throws LexError. */
export function lexWord(word: string, env: Readonly<Record<string, string>>, dialect: LexDialect): string {
  return run(word, () => new ShellWord(word, env, dialect).processStopOn(EOF, false).word);
}

/** Shell.ProcessWords: the expansion split into words on unquoted whitespace (EXPOSE). */
export function lexWords(word: string, env: Readonly<Record<string, string>>, dialect: LexDialect): string[] {
  return run(word, () => new ShellWord(word, env, dialect).processStopOn(EOF, false).words);
}

/** Expands a word for a build step; a bad one fails the step in Docker's words. */
export type StepExpander = (word: string) => string;

/**
 * The expander of one instruction: `env` is the step's environment, `legacy` picks the legacy
 * builder's lexer. An error fails the step (both builders print the lexer's words: at the step
 * in the legacy log, after `failed to solve: ` in BuildKit's).
 */
export function stepExpander(ins: Instruction, env: Readonly<Record<string, string>>, legacy: boolean): StepExpander {
  return (word) => guarded(ins, () => lexWord(word, env, legacy ? 'legacy' : 'buildkit'));
}

/** ProcessWords for a build step (EXPOSE), with stepExpander's errors. */
export function stepWordsExpander(ins: Instruction, env: Readonly<Record<string, string>>, legacy: boolean): (word: string) => string[] {
  return (word) => guarded(ins, () => lexWords(word, env, legacy ? 'legacy' : 'buildkit'));
}

function guarded<T>(ins: Instruction, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LexError) throw new StepFailure(ins, e.message, e.message, 1);
    if (e instanceof LexPanic) throw new Refusal(`strata does not simulate \`${e.message}\`: an empty pattern crashes Docker's lexer (a Go panic)`);
    throw e;
  }
}
