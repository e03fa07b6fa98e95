// .dockerignore as the Docker documentation's examples describe it (docs.docker.com, "Build
// context" > .dockerignore files), and the size of the context tar the legacy builder reports.

import { describe, expect, it } from 'vitest';
import { contextTarSize, DockerIgnore, readDockerIgnore, stdinContextSize } from '../../src/image/build/context.ts';
import { memoryFs } from '../../src/fs/memory.ts';

describe('DockerIgnore', () => {
  it('*/temp* and */*/temp* reach one and two levels below the root, temp? one character', () => {
    const one = new DockerIgnore('# comment\n*/temp*\n');
    expect(one.excludes('somedir/temporary.txt')).toBe(true);
    expect(one.excludes('somedir/temp')).toBe(true);
    expect(one.excludes('temp')).toBe(false);
    expect(one.excludes('a/b/temp')).toBe(false);
    const two = new DockerIgnore('*/*/temp*');
    expect(two.excludes('somedir/subdir/temporary.txt')).toBe(true);
    expect(two.excludes('somedir/temporary.txt')).toBe(false);
    const q = new DockerIgnore('temp?');
    expect(q.excludes('tempa')).toBe(true);
    expect(q.excludes('temp')).toBe(false);
    expect(q.excludes('tempab')).toBe(false);
    expect(q.excludes('temp/')).toBe(false);
  });

  it('** matches any number of directories, the root included', () => {
    const ig = new DockerIgnore('**/*.go');
    for (const p of ['main.go', 'a/b/c.go', 'a/x.go']) expect(ig.excludes(p)).toBe(true);
    expect(ig.excludes('a/go')).toBe(false);
    expect(new DockerIgnore('a/**').excludes('a/b/c')).toBe(true);
  });

  it('** inside a pattern is whole directories; BuildKit takes a leading ** without other wildcards as a suffix (recorded: builds/dockerignore-doublestar)', () => {
    const paths = ['main.go', '.go', 'sub/.go', 'sub/main.go', 'axb', 'ab', 'a/x/b', 'barfoo', 'foo', 'sub/foo', 'sub/xfoo'];
    const text = '**.go\na**b\n**/foo\n';
    // 20.10's CLI (moby fileutils): `**` not at the end is `(.*/)?`
    expect(paths.filter((p) => new DockerIgnore(text).excludes(p))).toEqual(['.go', 'sub/.go', 'ab', 'a/x/b', 'foo', 'sub/foo']);
    // 26.1's buildx (patternmatcher suffixMatch): `**.go` is any path ending in `.go`
    expect(paths.filter((p) => new DockerIgnore(text, true).excludes(p))).toEqual(['main.go', '.go', 'sub/.go', 'sub/main.go', 'ab', 'a/x/b', 'foo', 'sub/foo']);
    // another wildcard (or an escape) after the leading ** makes it a regular expression again
    expect(new DockerIgnore('**[.]go', true).excludes('main.go')).toBe(false);
    expect(new DockerIgnore('**.g?', true).excludes('main.go')).toBe(false);
    expect(new DockerIgnore('**.g\\o', true).excludes('main.go')).toBe(false);
    expect(new DockerIgnore('**.go', true).excludes('main.gox')).toBe(false);
    // a trailing ** is anything below, on both
    expect(new DockerIgnore('a**').excludes('abc/d')).toBe(true);
  });

  it('20.10 hands every character but . and $ to the regular expression; BuildKit compares a pattern without wildcards as a name (recorded: builds/dockerignore-regexp)', () => {
    const names = ['a+b', 'aab', 'ab', '(x)', 'x', 'p|q', 'p', 'q', '{n}', 'n', 'nn', 'c^d', 'e$', 'e', 'f.g', 'fxg'];
    const text = 'a+b\n(x)\np|q\n{n}\nc^d\ne$\nf.g\n';
    expect(names.filter((n) => new DockerIgnore(text).excludes(n))).toEqual(['aab', 'ab', 'x', 'p|q', 'p', 'q', '{n}', 'e$', 'f.g']);
    expect(names.filter((n) => new DockerIgnore(text, true).excludes(n))).toEqual(['a+b', '(x)', 'p|q', '{n}', 'c^d', 'e$', 'f.g']);
    // with a wildcard (recorded: builds/dockerignore-regexp-wildcards)
    const wild = ['a+b1', 'aab1', 'f.gx', 'fxgx', 'p|q1', 'p1', 'q1', '(x)1', 'x1'];
    const wildText = 'a+b?\nf.g*\np|q?\n(x)?\n';
    expect(wild.filter((n) => new DockerIgnore(wildText).excludes(n))).toEqual(['aab1', 'f.gx', 'p|q1', 'p1', 'q1', 'x1']);
    expect(wild.filter((n) => new DockerIgnore(wildText, true).excludes(n))).toEqual(['a+b1', 'f.gx', 'p|q1', 'p1', 'q1', '(x)1']);
    // a class and an escape, on both
    for (const bk of [false, true]) {
      expect(['a1', 'a2', 'a*', 'a\\*'].filter((n) => new DockerIgnore('a[1]\na\\*', bk).excludes(n))).toEqual(['a1', 'a*']);
    }
    expect(new DockerIgnore(text).problem).toBeUndefined();
  });

  it('a pattern that does not compile fails the build in each engine\'s words (recorded: builds/dockerignore-bad-pattern)', () => {
    for (const bad of ['ok\nh[i', 'a(', '[z-a]', 'x\n!a\\']) expect(new DockerIgnore(bad).problem, bad).toBe('error checking context: syntax error in pattern');
    expect(new DockerIgnore('ok\n# c\nh[i\n', true).problem).toBe('ERROR: failed to solve: rpc error: code = Unknown desc = invalid excludepatterns: [ok h[i]: syntax error in pattern');
    expect(new DockerIgnore('x\n!a\\', true).problem).toBe('ERROR: failed to solve: rpc error: code = Unknown desc = invalid excludepatterns: [x !a\\]: syntax error in pattern');
    // a name BuildKit compares as it is; a range path.Match accepts that no regular expression has
    expect(new DockerIgnore('a(', true).problem).toBeUndefined();
    expect(new DockerIgnore('[z-a]', true).problem).toBe('ERROR: failed to solve: error from sender: failed to match excludepatterns: syntax error in pattern');
  });

  it('a class is a class on both: negated with ^, closed by the first ] no \\ escapes; a ] outside one is a character (recorded: builds/dockerignore-classes)', () => {
    const names = ['README', 'READ ME', '\\]k', ']k', 'a]b', 'ab', 'cb'];
    for (const bk of [false, true]) {
      const ig = new DockerIgnore('[^a]b\na][b]\n[\\]]k\n', bk);
      expect(names.filter((n) => !ig.excludes(n)), String(bk)).toEqual(['README', 'READ ME', '\\]k', 'ab']);
      // an exception: the ! and the pattern may have blanks between them (ignorefile.ReadAll trims both)
      const readme = new DockerIgnore('READ*\n! README\n', bk);
      expect(names.filter((n) => !readme.excludes(n)), String(bk)).toEqual(['README', '\\]k', ']k', 'a]b', 'ab', 'cb']);
    }
  });

  it('BuildKit lists the patterns as the CLI sent them when one is malformed: a line that cleans to nothing as . or /, and before a class that only fails to match (recorded: builds/dockerignore-classes)', () => {
    expect(new DockerIgnore('ok\n.\n/\n./\n! x\nh[i\n', true).problem).toBe('ERROR: failed to solve: rpc error: code = Unknown desc = invalid excludepatterns: [ok . / . !x h[i]: syntax error in pattern');
    expect(new DockerIgnore('[z-a]\nh[i\n', true).problem).toBe('ERROR: failed to solve: rpc error: code = Unknown desc = invalid excludepatterns: [[z-a] h[i]: syntax error in pattern');
    for (const text of ['ok\n.\n/\n./\n! x\nh[i\n', '[z-a]\nh[i\n']) expect(new DockerIgnore(text).problem).toBe('error checking context: syntax error in pattern');
  });

  it('the last matching line decides, exceptions included', () => {
    const readme = new DockerIgnore('*.md\n!README*.md\nREADME-secret.md');
    expect(readme.excludes('a.md')).toBe(true);
    expect(readme.excludes('README.md')).toBe(false);
    expect(readme.excludes('README-secret.md')).toBe(true);
    const all = new DockerIgnore('*.md\nREADME-secret.md\n!README*.md');
    expect(all.excludes('README-secret.md')).toBe(false);
  });

  it('cleans patterns (leading / and ./, .., empty parts) and excludes a matching directory\'s content', () => {
    const ig = new DockerIgnore('  /build/  \n./x/../logs\n!\n\n');
    expect(ig.excludes('build')).toBe(true);
    expect(ig.excludes('build/out/a.o')).toBe(true);
    expect(ig.excludes('logs/today')).toBe(true);
    expect(ig.excludes('x')).toBe(false);
    expect(ig.excludes('builds')).toBe(false);
  });

  it('never excludes the Dockerfile or .dockerignore from what is sent, but hides them from COPY when listed', () => {
    const ig = new DockerIgnore('Dockerfile\n.dockerignore\n*.txt\n[ab].c\nlit\\*');
    expect(ig.excludes('Dockerfile')).toBe(false);
    expect(ig.excludes('.dockerignore')).toBe(false);
    expect(ig.hides('Dockerfile')).toBe(true);
    expect(ig.hides('.dockerignore')).toBe(true);
    expect(ig.hides('x.txt')).toBe(true);
    expect(ig.excludes('a.c')).toBe(true);
    expect(ig.excludes('c.c')).toBe(false);
    expect(ig.excludes('lit*')).toBe(true);
    expect(ig.excludes('litx')).toBe(false);
  });

  it('walks into an excluded directory only when an exception starts with it', () => {
    const ig = new DockerIgnore('docs\n!docs/README.md');
    expect(ig.excludes('docs')).toBe(true);
    expect(ig.excludes('docs/README.md')).toBe(false);
    expect(ig.walksInto('docs')).toBe(true);
    expect(ig.walksInto('doc')).toBe(false);
    expect(new DockerIgnore('docs').walksInto('docs')).toBe(false);
  });
});

describe('the context tar', () => {
  it('is a 512-byte header per entry, data in 512-byte blocks, and 1 KiB of end; excluded entries cost nothing', () => {
    const fs = memoryFs();
    fs.mkdir('/ctx');
    fs.writeFile('/ctx/Dockerfile', 'FROM busybox\n');
    fs.writeFile('/ctx/big', 'x'.repeat(513));
    fs.mkdir('/ctx/docs');
    fs.writeFile('/ctx/docs/README.md', 'r');
    fs.writeFile('/ctx/docs/other', 'o');
    fs.symlink('big', '/ctx/link');
    fs.writeFile('/ctx/.dockerignore', 'docs\n!docs/README.md\n');
    const ig = readDockerIgnore(fs, '/ctx', false);
    // Dockerfile 512+512, big 512+1024, docs/README.md 512+512, link 512, .dockerignore 512+512
    expect(contextTarSize(fs, '/ctx', ig)).toBe(1024 + 1024 + 1536 + 1024 + 512 + 1024);
    expect(contextTarSize(fs, '/ctx', new DockerIgnore(''))).toBe(1024 + 1024 + 1536 + 512 + 1024 + 1024 + 512 + 1024);
    expect(stdinContextSize('FROM busybox\n')).toBe(2048);
    expect(stdinContextSize('')).toBe(1536);
    // no .dockerignore, or one that is a directory: nothing is excluded
    fs.mkdir('/other');
    expect(readDockerIgnore(fs, '/other', false).excludes('x')).toBe(false);
    fs.mkdir('/other/.dockerignore');
    expect(readDockerIgnore(fs, '/other', false).excludes('x')).toBe(false);
  });
});
