// The Dockerfile parser and word lexer as the Dockerfile reference describes them: keywords in
// any case, comments and blank lines skipped, `\` continuations (comment lines inside them
// dropped), the exec form only for a JSON array of strings, CRLF line ends; the shell lexer's
// quoting and ${VAR-x} / ${VAR:-x} / ${VAR+x} / ${VAR:+x} forms (moby/buildkit shell.Lex).

import { describe, expect, it } from 'vitest';
import { DockerfileError, parseDockerfile, parseKeyValues, processWord, splitFlags, splitWords } from '../../src/image/build/dockerfile.ts';

describe('parseDockerfile', () => {
  it('reads keywords in any case, skips comments and blank lines, joins continuations', () => {
    const text = '# syntax comment\n\nfrom busybox\r\nRUN echo a \\\n  # a comment inside\n  && echo b\n  \tCmd ["sh", "-c", "x"]\nENV A=1 \\\n    B=2\n';
    const ins = parseDockerfile(text);
    expect(ins.map((i) => [i.cmd, i.rest, i.line])).toEqual([
      ['FROM', 'busybox', 3],
      ['RUN', 'echo a   && echo b', 4],
      ['CMD', '["sh", "-c", "x"]', 7],
      ['ENV', 'A=1     B=2', 8],
    ]);
    expect(ins[2].json).toEqual(['sh', '-c', 'x']);
    expect(ins[1].json).toBeUndefined();
    expect(ins[1].original).toBe('RUN echo a   && echo b');
  });

  it('takes the exec form only for a JSON array of strings', () => {
    const [a, b, c, d] = parseDockerfile('CMD ["a", 1]\nCMD [not json\nCMD []\nENTRYPOINT ["x"] trailing\n');
    expect(a.json).toBeUndefined();
    expect(b.json).toBeUndefined();
    expect(c.json).toEqual([]);
    expect(d.json).toBeUndefined();
  });

  it('names an unknown instruction as written, with its line; knows the ones strata refuses', () => {
    try {
      parseDockerfile('FROM busybox\n\nfrobnicate x\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DockerfileError);
      expect((e as DockerfileError).line).toBe(3);
      expect((e as DockerfileError).word).toBe('frobnicate');
      expect((e as Error).message).toBe('unknown instruction: frobnicate');
    }
    expect(parseDockerfile('shell ["/bin/bash", "-c"]\nHEALTHCHECK NONE\nonbuild RUN x\n').map((i) => i.cmd)).toEqual(['SHELL', 'HEALTHCHECK', 'ONBUILD']);
  });

  it('drops an empty or blank line inside a continuation and marks the instruction (recorded: builds/empty-continuation-line, empty-continuation-log)', () => {
    const ins = parseDockerfile('FROM busybox\nRUN echo a \\\n\n  && echo b > /out \\\n   \n  && echo c >> /out\nENV A=1 \\\n\nB=2\nLABEL x=1 \\\n  y=2\n\n  \t\n');
    expect(ins.map((i) => [i.cmd, i.original, i.line, i.emptyContinuation])).toEqual([
      ['FROM', 'FROM busybox', 1, undefined],
      ['RUN', 'RUN echo a   && echo b > /out   && echo c >> /out', 2, true],
      ['ENV', 'ENV A=1 B=2', 7, true],
      ['LABEL', 'LABEL x=1   y=2', 10, undefined],
    ]);
  });

  it('skips indented comments and blank lines between instructions; a backslash followed by blanks still continues', () => {
    const ins = parseDockerfile('  # indented comment\n \t \nFROM busybox\nRUN a \\  \t\n  b\n\t# another\nCMD x\r\n');
    expect(ins.map((i) => [i.cmd, i.rest, i.line])).toEqual([
      ['FROM', 'busybox', 3],
      ['RUN', 'a   b', 4],
      ['CMD', 'x', 7],
    ]);
    // in a continuation too; a # later in a continued line is no comment
    expect(parseDockerfile('RUN a \\\n b\rc\nRUN d \\\n e#f\n').map((i) => i.rest)).toEqual(['a  b\rc', 'd  e#f']);
    // a carriage return inside a line belongs to the arguments
    expect(parseDockerfile('RUN printf a\rb\n')[0].rest).toBe('printf a\rb');
    // the keyword is the first word, however the line is indented; the arguments are trimmed
    expect(parseDockerfile('   \tworkdir   /a b  \n').map((i) => [i.cmd, i.rest, i.original])).toEqual([['WORKDIR', '/a b', 'workdir   /a b']]);
  });

  it('a continuation on the last line is dropped; an escaped backslash at the end of a line continues nothing (recorded: builds/continuation-backslashes)', () => {
    expect(parseDockerfile('RUN echo \\').map((i) => i.rest)).toEqual(['echo']);
    expect(parseDockerfile('RUN echo c > c \\\n').map((i) => i.original)).toEqual(['RUN echo c > c']);
    expect(parseDockerfile('RUN touch a \\\\\\\\\nRUN touch b\n').map((i) => i.rest)).toEqual(['touch a \\\\\\\\', 'touch b']);
    expect(parseDockerfile('RUN a \\\\\nRUN b\n').map((i) => i.rest)).toEqual(['a \\\\', 'b']);
    // CRLF line ends around a continuation
    expect(parseDockerfile('RUN a \\\r\n  b \\ \t\r\n  c\r\n').map((i) => i.rest)).toEqual(['a   b   c']);
  });
});

describe('processWord', () => {
  const env = { SET: 'v', EMPTY: '' };
  it('tells unset from empty: - and + look at unset only, :- and :+ at empty too', () => {
    expect(processWord('${EMPTY-d}|${EMPTY:-d}|${UNSET-d}|${UNSET:-d}|${SET:-d}', env)).toBe('|d|d|d|v');
    expect(processWord('${EMPTY+a}|${EMPTY:+a}|${UNSET+a}|${UNSET:+a}|${SET:+a}', env)).toBe('a||||a');
    expect(processWord('${UNSET:-$SET-x}', env)).toBe('v-x');
    expect(processWord('${SET}', env)).toBe('v');
    expect(processWord('${UNSET}$UNSET', env)).toBe('');
  });
  it('leaves a $ that starts no name, and an unterminated ${', () => {
    expect(processWord('$ $1 ${ $', env)).toBe('$ $1 ${ $');
    expect(processWord('a$', env)).toBe('a$');
  });
  it('removes quotes: single literal to the end, double expanding, backslash escaping outside', () => {
    expect(processWord("'$SET", env)).toBe('$SET');
    expect(processWord('"$SET', env)).toBe('v');
    expect(processWord('"\\a\\$SET\\\\"', env)).toBe('\\a$SET\\');
    expect(processWord('"a\\', env)).toBe('a\\');
    expect(processWord('\\a\\', env)).toBe('a');
    expect(processWord('x"y"\'z\'', env)).toBe('xyz');
  });
});

describe('processWord: names and nested words (moby/buildkit shell.Lex)', () => {
  const env = { A1_b: 'v', _x: 'u', EMPTY: '' };
  it('a name is a letter or _ then letters, digits and _; the word of a default or alternative is lexed too', () => {
    expect(processWord('$A1_b.$_x-$A1_bc|${A1_b}x', env)).toBe('v.u-|vx');
    expect(processWord('${NOPE:-$A1_b}|${NOPE-"a b"}|${A1_b:+\'$_x\'}|${NOPE:-}|${EMPTY:+x}', env)).toBe('v|a b|$_x||');
  });
  it('inside double quotes a backslash escapes only ", $ and \\, and single quotes are plain characters', () => {
    expect(processWord('"\\"\\$A1_b\\\\\\n"', env)).toBe('"$A1_b\\\\n');
    expect(processWord('"$A1_b\'$_x\'"', env)).toBe("v'u'");
  });
});

describe('splitFlags', () => {
  // moby/buildkit parser extractBuilderFlags: the leading words that start with -- are flags
  it('takes the leading --words (quoted parts kept), and leaves the rest as written, the exec form too', () => {
    expect(splitFlags(' --a=1\t--b="x y"  ["p", "--q"]')).toEqual({ flags: ['--a=1', '--b="x y"'], args: '["p", "--q"]' });
    expect(splitFlags('a --x /d/')).toEqual({ flags: [], args: 'a --x /d/' });
    expect(splitFlags('--only ')).toEqual({ flags: ['--only'], args: '' });
    expect(splitFlags('-x --y')).toEqual({ flags: [], args: '-x --y' });
  });
});

describe('splitWords / parseKeyValues', () => {
  it('splits on unquoted whitespace, keeping quotes and escapes in the words', () => {
    expect(splitWords(' a\t"b c"  \'d e\' f\\ g "h\\"i" ')).toEqual(['a', '"b c"', "'d e'", 'f\\ g', '"h\\"i"']);
    expect(splitWords('')).toEqual([]);
    // a backslash is literal inside single quotes (it escapes in double quotes and outside)
    expect(splitWords("'a\\' b \"c\\\" d\" e")).toEqual(["'a\\'", 'b', '"c\\" d"', 'e']);
    // a backslash at the very end stays, in double quotes and outside
    expect(splitWords('"a\\')).toEqual(['"a\\']);
    expect(splitWords('a\\')).toEqual(['a\\']);
  });
  it('KEY=VALUE pairs, or the legacy KEY VALUE form taking the rest of the line', () => {
    expect(parseKeyValues('A=1 "B"="two words" C=')).toEqual([['A', '1'], ['B', 'two words'], ['C', '']]);
    expect(parseKeyValues('KEY  the rest  $X', { X: 'x' })).toEqual([['KEY', 'the rest  x']]);
    expect(parseKeyValues('LONE')).toEqual([]);
    expect(parseKeyValues('')).toEqual([]);
  });
});
