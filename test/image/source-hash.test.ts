// The legacy builder's COPY/ADD history hashes, against the prefixes `docker history` showed on
// 20.10 (test/recorded/docker-20.10/builds/realworld-history-hashes).
import { describe, expect, it } from 'vitest';
import { memoryFs } from '../../src/fs/memory.ts';
import { legacySourceHash, legacySourcesHash } from '../../src/image/build/source-hash.ts';

function context() {
  const fs = memoryFs();
  fs.mkdir('/ctx');
  fs.mkdir('/ctx/src');
  fs.mkdir('/ctx/src/lib');
  fs.writeFile('/ctx/src/main.py', 'print(1)\n');
  fs.writeFile('/ctx/src/lib/util.py', 'x = 2\n');
  fs.writeFile('/ctx/empty.txt', '');
  fs.mkdir('/ctx/bin');
  fs.writeFile('/ctx/bin/run.sh', '#!/bin/sh\necho run\n');
  fs.chmod('/ctx/bin/run.sh', 0o755);
  fs.symlink('src/main.py', '/ctx/link.py');
  fs.writeFile('/ctx/a.conf', 'a=1\n');
  fs.writeFile('/ctx/b.conf', 'b=2\n');
  // the context's own owners do not count: the CLI's tar is root's
  fs.chown('/ctx/a.conf', 1000, 1000);
  return { fs, root: '/ctx', fromStage: false, hidden: (rel: string) => rel === 'Dockerfile' };
}

describe('legacy COPY/ADD source hashes', () => {
  it('a context file, an empty one, an executable, a symlink (as its target), a directory, several sources', () => {
    const src = context();
    const h = (rel: string) => legacySourceHash(src, rel);
    expect(h('src/main.py').slice(0, 21)).toBe('file:ff693661330bcddb');
    expect(h('link.py')).toBe(h('src/main.py'));
    expect(h('src/lib/util.py').slice(0, 21)).toBe('file:f48f431e5fad3b85');
    expect(h('empty.txt').slice(0, 21)).toBe('file:0f77cd6bc4270bd4');
    expect(h('bin/run.sh').slice(0, 21)).toBe('file:97b76042f6bd504d');
    expect(h('src').slice(0, 21)).toBe('dir:155e3918b7e2ec78d');
    expect(legacySourcesHash([h('a.conf'), h('b.conf')]).slice(0, 21)).toBe('multi:61c34ebcf88672a');
    expect(legacySourcesHash([h('a.conf'), h('src/main.py')]).slice(0, 21)).toBe('multi:018ba66ccc2f390');
    expect(legacySourcesHash([h('a.conf')])).toBe(h('a.conf'));
  });
  it("a stage's files: their owners by number and by the host's names", () => {
    const fs = memoryFs();
    fs.mkdir('/out');
    fs.mkdir('/out/d');
    fs.writeFile('/out/d/one.txt', 'one\n');
    fs.chown('/out/d/one.txt', 1, 2);
    fs.writeFile('/out/two.txt', 'two\n');
    fs.chmod('/out/two.txt', 0o600);
    const src = { fs, root: '', fromStage: true, hidden: () => false };
    expect(legacySourceHash(src, 'out/two.txt').slice(0, 21)).toBe('file:26fa4c096a33d47b');
    expect(legacySourceHash(src, 'out/d').slice(0, 21)).toBe('dir:b2ad7dc04833ce456');
    expect(legacySourceHash(src, 'out').slice(0, 21)).toBe('dir:8591a7b53a2082825');
  });
});
