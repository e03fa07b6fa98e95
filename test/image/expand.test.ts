// The Dockerfile shell lexer in its two versions (src/image/build/expand.ts), on the rules of
// moby/buildkit frontend/dockerfile/shell/lex.go that the recordings (builds/expand-errors,
// builds/expand-instructions) do not reach: escapes inside patterns, ProcessWords' splitting,
// special parameters, the patterns' wildcards. Each expectation follows from lex.go (v0.13.2 for
// 'buildkit', moby v20.10.24's vendored copy for 'legacy').

import { describe, expect, it } from 'vitest';
import { LexError, LexPanic, lexWord, lexWords } from '../../src/image/build/expand.ts';

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
    expect(() => bk('${A#}')).toThrow(LexPanic);
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
  });
});
