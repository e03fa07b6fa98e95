// Unit tests of the Dockerfile word processor, image reference checks, reference globs, the
// .dockerignore matcher and BuildKit's error excerpt window (each pinned by a recorded case in
// test/recorded/*/image-layers/).

import { describe, expect, it } from 'vitest';
import { parseKeyValues, processWord } from '../../src/image/build/dockerfile.ts';
import { referenceMessage, referenceProblem } from '../../src/image/reference.ts';
import { globMatch } from '../../src/image/glob.ts';
import { DockerIgnore } from '../../src/image/build/context.ts';
import { sourceExcerpt } from '../../src/image/build/builder.ts';

describe('processWord', () => {
  const env = { A: '1', B: 'two words', E: '' };
  it('keeps single quotes literal and expands in double quotes', () => {
    expect(processWord("'single $A'", env)).toBe('single $A');
    expect(processWord('"$B-suffix"', env)).toBe('two words-suffix');
    expect(processWord('\\$A', env)).toBe('$A');
    expect(processWord('"a\\"b\\n"', env)).toBe('a"b\\n');
  });
  it('supports the default and alternative forms', () => {
    expect(processWord('${UNSET:-dflt}', env)).toBe('dflt');
    expect(processWord('${E:-dflt} ${E-dflt}', env)).toBe('dflt ');
    expect(processWord('${A:+set}${UNSET:+set}', env)).toBe('set');
  });
  it('parses ENV pairs against the previous environment', () => {
    expect(parseKeyValues(`A=2 B="x y" C='$A'`, env)).toEqual([['A', '2'], ['B', 'x y'], ['C', '$A']]);
    expect(parseKeyValues('D old style $A', env)).toEqual([['D', 'old style 1']]);
  });
});

describe('image references', () => {
  it('refuses upper case repository names, with or without the repository in the message', () => {
    const p = referenceProblem('Bad:Tag', true);
    expect(p).toEqual({ kind: 'uppercase', remote: 'library/Bad' });
    expect(referenceMessage(p!, false)).toBe('invalid reference format: repository name must be lowercase');
    expect(referenceMessage(p!, true)).toBe('invalid reference format: repository name (library/Bad) must be lowercase');
  });
  it('accepts ordinary names', () => {
    for (const ok of ['app', 'app:v1', 'other/repo:x', 'localhost:5000/a/b:1.0', 'a_b.c-d']) expect(referenceProblem(ok, true)).toBeUndefined();
    expect(referenceProblem('bad name', true)).toEqual({ kind: 'format' });
  });
  it('matches reference filters like path.Match', () => {
    expect(globMatch('*pr', 'pr:latest')).toBe(false);
    expect(globMatch('*pr', 'pr')).toBe(true);
    expect(globMatch('*pr', 'other/pr')).toBe(false);
    expect(globMatch('other/*', 'other/pr')).toBe(true);
    expect(globMatch('app:v[0-9]', 'app:v1')).toBe(true);
  });
});

describe('.dockerignore', () => {
  it('excludes matches and their content, with ! exceptions; never the Dockerfile', () => {
    const ig = new DockerIgnore('# comment\nsecret.txt\npkg\n*.log\n!keep.log\nDockerfile\n');
    expect(ig.excludes('secret.txt')).toBe(true);
    expect(ig.excludes('pkg/sub/p2')).toBe(true);
    expect(ig.excludes('a.log')).toBe(true);
    expect(ig.excludes('keep.log')).toBe(false);
    expect(ig.excludes('Dockerfile')).toBe(false);
    expect(ig.excludes('pkg.tar')).toBe(false);
  });
});

describe('BuildKit error excerpt', () => {
  it('pads the failing line with up to four lines, the final empty line included', () => {
    expect(sourceExcerpt('FROM busybox\nFOO bar\n', 2)).toBe('Dockerfile:2\n--------------------\n   1 |     FROM busybox\n   2 | >>> FOO bar\n   3 |     \n--------------------\n');
    expect(sourceExcerpt('RUN echo hi\n', 1)).toBe('Dockerfile:1\n--------------------\n   1 | >>> RUN echo hi\n   2 |     \n--------------------\n');
    const five = 'FROM busybox\nRUN echo out && exit 7\nRUN echo after\n';
    expect(sourceExcerpt(five, 2).split('\n').filter((l) => / \| /.test(l))).toHaveLength(4);
  });

  it('marks every line of an instruction continued over several, with 2 lines of context (recorded: builds/sw-multiline-excerpts on 26.1)', () => {
    const df = 'FROM busybox\nRUN echo one \\\n && echo two \\\n && exit 4\nCMD ["sh"]\n';
    expect(sourceExcerpt(df, 2, 'Dockerfile', 4)).toBe(
      'Dockerfile:2\n--------------------\n   1 |     FROM busybox\n   2 | >>> RUN echo one \\\n   3 | >>>  && echo two \\\n   4 | >>>  && exit 4\n   5 |     CMD ["sh"]\n--------------------\n',
    );
  });

  it("starts with the -f file's base name when one is given", () => {
    expect(sourceExcerpt('RUN echo hi\n', 1, 'Run.Dockerfile').split('\n')[0]).toBe('Run.Dockerfile:1');
  });
});
