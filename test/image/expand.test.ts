// The Dockerfile shell lexer in its two versions (src/image/build/expand.ts), on the rules of
// moby/buildkit frontend/dockerfile/shell/lex.go that the recordings (builds/expand-errors,
// builds/expand-instructions) do not reach: escapes inside patterns, ProcessWords' splitting,
// special parameters, the patterns' wildcards. Each expectation follows from lex.go (v0.13.2 for
// 'buildkit', moby v20.10.24's vendored copy for 'legacy').

import { describe, expect, it } from 'vitest';
import { LexError, lexWord, lexWords, stepExpander } from '../../src/image/build/expand.ts';
import { parseDockerfile } from '../../src/image/build/dockerfile.ts';
import { Refusal, StepFailure } from '../../src/image/build/failures.ts';

const env = { A: 'set', E: '', P: 'a/b/c.d/e.f', S: 'x  y' };
const bk = (w: string): string => lexWord(w, env, 'buildkit');
const legacy = (w: string): string => lexWord(w, env, 'legacy');
const error = (w: string, dialect: 'buildkit' | 'legacy' = 'buildkit'): string => {
  try {
    return `value ${lexWord(w, env, dialect)}`;
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
};

describe('lexWord', () => {
  it('removes quotes and escapes: single quotes keep everything, double quotes expand and unescape only " $ \\', () => {
    expect(bk(`'$A \\x'"$A \\x \\$A \\\\"\\$A\\ b`)).toBe('$A \\xset \\x $A \\$A b');
    expect(legacy(`'$A \\x'"$A \\x \\$A \\\\"\\$A\\ b`)).toBe('$A \\xset \\x $A \\$A b');
    // a `\` at the very end is dropped, inside double quotes too (then the quote is missing)
    expect(bk('a\\')).toBe('a');
    expect(error('"a\\')).toBe('LexError: failed to process "\\"a\\\\": unexpected end of statement while looking for matching double-quote');
  });

  it('reads $NAME up to the first character that is not a letter, digit or _; digits alone; one special parameter', () => {
    expect(bk('$A_x-$A.$12x$#$?$-$!$0$*')).toBe('-set.x');
    expect(bk('$ $/')).toBe('$ $/');
    expect(bk('${#}${12}')).toBe('');
  });

  it('takes the modifier word up to }, with its own quotes and variables', () => {
    expect(bk('${U:-"}"}')).toBe('}');
    expect(bk("${U:-'$A'}${A:+\"$A $A\"}")).toBe('$Aset set');
    expect(bk('${U:-a\\}b}')).toBe('a}b');
    expect(legacy('${U:-a\\}b}')).toBe('a}b');
  });

  it('matches # and % patterns: * shortest or (doubled) longest, ? one character, escapes in the pattern', () => {
    expect(bk('${P#*/}|${P##*/}|${P%/*}|${P%%/*}')).toBe('b/c.d/e.f|e.f|a/b/c.d|a');
    expect(bk('${P#a?b}|${P%.?}|${P#x*}')).toBe('/c.d/e.f|a/b/c.d/e|a/b/c.d/e.f');
    expect(lexWord('${V#\\*}|${V%\\?}', { V: '*v?' }, 'buildkit')).toBe('v?|*v');
    expect(lexWord('${V#(.)}', { V: '(.)x' }, 'buildkit')).toBe('x');
    expect(error('${P#\\a}')).toBe("LexError: failed to process \"${P#\\\\a}\": invalid pattern (\\a) in substitution: invalid escape '\\a'");
  });

  it('replaces the first (/) or every (//) match; a missing / or } says so', () => {
    expect(bk('${P/\\//_}|${P//\\//_}|${P//./}')).toBe('a_b/c.d/e.f|a_b_c.d_e.f|a/b/cd/ef');
    expect(bk('${P/b*e/X}')).toBe('a/X.f');
    expect(error('${P/a')).toBe("LexError: failed to process \"${P/a\": syntax error: missing '/' in ${}");
    expect(error('${P/a/b')).toBe("LexError: failed to process \"${P/a/b\": syntax error: missing '}'");
  });

  it('an empty # or % pattern would crash Docker (a Go panic): refused', () => {
    expect(() => bk('${A#}')).toThrow(Refusal);
    expect(() => bk('${A#}')).toThrow("strata does not simulate `${A#}`: an empty pattern crashes Docker's lexer (a Go panic)");
    expect(bk('${A%%}')).toBe('set');
  });

  it("the legacy lexer's ? without a colon, and its modifiers", () => {
    expect(legacy('${A?}${E?}')).toBe('set');
    expect(error('${U?gone}', 'legacy')).toBe('LexError: failed to process "${U?gone}": U: gone');
    expect(error('${A:%x}', 'legacy')).toBe('LexError: failed to process "${A:%x}": unsupported modifier (%) in substitution');
    expect(error('${A:%x}')).toBe('value set');
  });

  it('throws LexError only for the word it was given', () => {
    expect(() => bk('${}')).toThrow(LexError);
    expect(bk('')).toBe('');
  });
});

describe('lexWords', () => {
  it('splits the expansion on unquoted whitespace, quoted parts stay whole', () => {
    expect(lexWords('$S "$S" a\\ b ${U:-p q}', env, 'buildkit')).toEqual(['x', 'y', 'x  y', 'a b', 'p', 'q']);
    expect(lexWords('  ', env, 'legacy')).toEqual([]);
    // each with its own lexer: 20.10's has no ${A-x}
    expect(lexWords('${A-x} b', env, 'buildkit')).toEqual(['set', 'b']);
    expect(() => lexWords('${A-x} b', env, 'legacy')).toThrow("missing ':' in substitution");
  });
});

describe('what only lex.go says (each expectation from v0.13.2, and the 20.10 copy for legacy)', () => {
  it('a name of digits is read whole and looked up; a name goes on over digits after a letter', () => {
    expect(lexWord('a$12|$A1b', { '12': 't', '1': 'o', A1b: 'v', A1: 'w' }, 'buildkit')).toBe('at|v');
    expect(lexWord('${12}$1', { '12': 't', '1': 'o' }, 'legacy')).toBe('to');
  });

  it('inside double quotes \\" is a quote; outside a # pattern the escapes are taken out again', () => {
    expect(bk('"a\\"b"')).toBe('a"b');
    // processStopOn puts rawEscapes back when the pattern ends
    expect(lexWord('${V#x}\\$V', { V: 'xy' }, 'buildkit')).toBe('y$V');
  });

  it('a # pattern keeps its escapes, in double quotes too: "\\*" is an escaped backslash and a wildcard', () => {
    expect(lexWord('${V#"x\\*"}', { V: 'x*y' }, 'buildkit')).toBe('x*y');
    expect(lexWord('${V#"x\\*"}', { V: 'x\\abc' }, 'buildkit')).toBe('abc');
    expect(lexWord('${V#a\\\\}', { V: 'a\\b' }, 'buildkit')).toBe('b');
    // `\}` is a } of the pattern, the escape dropped
    expect(lexWord('${V#\\}}', { V: '}x' }, 'buildkit')).toBe('x');
  });

  it('# and % patterns are anchored; a / pattern is found anywhere, its * greedy, its escapes kept, and so are the replacement\'s', () => {
    expect(lexWord('${V#b}|${V%b}', { V: 'abc' }, 'buildkit')).toBe('abc|abc');
    expect(lexWord('${V/b*e/X}', { V: 'abeeb' }, 'buildkit')).toBe('aXb');
    expect(lexWord('${V/\\*/x}', { V: 'a*b' }, 'buildkit')).toBe('axb');
    expect(lexWord('${V/x/a\\b}', { V: 'x' }, 'buildkit')).toBe('a\\b');
  });

  it('// expands $0, ${0} and $$ in the replacement (Regexp.Expand): any other name is nothing, a $ without a name stays', () => {
    // (a `$` the lexer leaves comes from a variable: `\$` keeps its backslash in a pattern's words)
    expect(lexWord('${V//b/$R}', { V: 'ab', R: '$0${0}$$$1$0x${0$}' }, 'buildkit')).toBe('abb$${0$}');
    expect(lexWord('${V/b/$R}', { V: 'ab', R: '$0' }, 'buildkit')).toBe('a$0');
  });

  it('a % pattern keeps its escapes too; an unset variable trims to nothing; an error inside a / pattern is its own; $0_ and a last $ in a template', () => {
    expect(lexWord('${V%\\*}|${U%x}|${U#x}', { V: 'ab*' }, 'buildkit')).toBe('ab||');
    expect(error('${P/${A!}/x}')).toBe('LexError: failed to process "${P/${A!}/x}": unsupported modifier (!) in substitution');
    expect(lexWord('${V//b/$R}', { V: 'ab', R: '[$0_]$' }, 'buildkit')).toBe('a[]$');
  });

  it('a % pattern ending in a lone backslash (from a variable) is an invalid escape once reversed', () => {
    expect(() => lexWord('${V%$X}', { V: 'ba', X: 'a\\' }, 'buildkit')).toThrow("invalid pattern (\\a) in substitution: invalid escape '\\a'");
  });

  it('${ at the end is a missing }, ${{ a bad substitution', () => {
    expect(error('${')).toBe('LexError: failed to process "${": syntax error: missing \'}\'');
    expect(error('${{A}}', 'legacy')).toBe('LexError: failed to process "${{A}}": syntax error: bad substitution');
  });

  it("the legacy lexer: ${U}, ${U?}, no - without a colon, and a modifier's word without raw escapes", () => {
    expect(legacy('${U}x${A}')).toBe('xset');
    expect(error('${U?}', 'legacy')).toBe('LexError: failed to process "${U?}": U: is not allowed to be unset');
    expect(error('${A-x}', 'legacy')).toBe('LexError: failed to process "${A-x}": missing \':\' in substitution');
    expect(error('${U?a\\b}', 'legacy')).toBe('LexError: failed to process "${U?a\\\\b}": U: ab');
    expect(error('${U:?a\\b}', 'legacy')).toBe('LexError: failed to process "${U:?a\\\\b}": U: ab');
    expect(legacy('${A:+x}|${E:+x}|${U:+x}|${A:-x}|${E:-x}|${U:-x}')).toBe('x|||set|x|x');
    expect(error('${E:?}', 'legacy')).toBe('LexError: failed to process "${E:?}": E: is not allowed to be empty');
    expect(error('${U:?}', 'legacy')).toBe('LexError: failed to process "${U:?}": U: is not allowed to be unset');
    expect(error('${E:?gone}', 'legacy')).toBe('LexError: failed to process "${E:?gone}": E: gone');
  });

  it("BuildKit's ? without a colon takes an empty value; with one it does not", () => {
    expect(bk('${E?}|${E?x}')).toBe('|');
    expect(error('${E:?}')).toBe('LexError: failed to process "${E:?}": E: is not allowed to be empty');
    expect(error('${U?x}')).toBe('LexError: failed to process "${U?x}": U: x');
    expect(error('${E:?x}')).toBe('LexError: failed to process "${E:?x}": E: x');
    expect(bk('${A-x}|${E-x}|${U-x}|${A+x}|${E+x}|${U+x}')).toBe('set||x|x|x|');
    expect(bk('${E:+x}|${A:+x}')).toBe('|x');
  });
});

describe('lexWords: what separates words', () => {
  it('U+0085 separates words as unicode.IsSpace says; U+FEFF (a space to JavaScript) does not; an empty quoted string makes no word', () => {
    expect(lexWords('a${N}b', { N: '\xc2\x85' }, 'buildkit')).toEqual(['a', 'b']);
    expect(lexWords('a${N}b', { N: '\xef\xbb\xbf' }, 'buildkit')).toEqual(['a\xef\xbb\xbfb']);
    expect(lexWords('"" a \'\'', env, 'buildkit')).toEqual(['a']);
  });
});

describe('stepExpander', () => {
  const [ins] = parseDockerfile('ENV X=1\n');
  it("fails the step with the lexer's words, and refuses by name what would crash Docker's lexer", () => {
    const x = stepExpander(ins, env, false);
    expect(x('${A%%t}')).toBe('se');
    expect(() => x('${A:?}${U:?}')).toThrow(StepFailure);
    expect(() => x('${U:?}')).toThrow('failed to process "${U:?}": U: is not allowed to be unset');
    expect(() => x('${A#}')).toThrow(Refusal);
    expect(() => x('${A#}')).toThrow("strata does not simulate `${A#}`: an empty pattern crashes Docker's lexer (a Go panic)");
    expect(() => stepExpander(ins, env, true)('${A-x}')).toThrow("failed to process \"${A-x}\": missing ':' in substitution");
  });
});
