// The legacy builder's COPY history hash of a directory holding symlinks, against the prefixes
// `docker history` showed on 20.10 (test/recorded/docker-20.10/builds/history-hash-links), and the
// properties behind them (moby 20.10 builder/remotecontext: normalize's ResolveScopedPath follows
// a link inside the context or stage; archiveContext.Hash gives a path the tar does not hold as
// the path asked for, lazySource.Hash a missing one as the path it leads to; walkSource leaves out
// an entry whose Hash fails, a loop; prepareHash reads a regular file's content only).
// A new file, so that source-hash.test.ts's stored kills stay (docs/mutation.md).
import { describe, expect, it } from 'vitest';
import { memoryFs } from '../../src/fs/memory.ts';
import type { Vfs } from '../../src/fs/vfs.ts';
import { legacySourceHash } from '../../src/image/build/source-hash.ts';

/** The recording's context, hhl/ctx, with hhl/outside.txt beside it on the host. */
function context(links: Readonly<Record<string, string>> = {}) {
  const fs = memoryFs();
  for (const d of ['/hhl', '/hhl/ctx', '/hhl/ctx/d1', '/hhl/ctx/d2', '/hhl/ctx/d3', '/hhl/ctx/d4', '/hhl/ctx/d5', '/hhl/ctx/d6']) fs.mkdir(d);
  fs.writeFile('/hhl/outside.txt', 'outside\n');
  fs.writeFile('/hhl/ctx/a.conf', 'a=1\n');
  fs.writeFile('/hhl/ctx/secret', 'secret\n');
  for (const d of ['d1', 'd2', 'd3', 'd4', 'd5', 'd6']) fs.writeFile(`/hhl/ctx/${d}/in.txt`, 'in\n');
  const all = { 'd1/up': '../../a.conf', 'd2/abs': '/a.conf', 'd3/gone': 'nowhere', 'd4/hid': '../secret', 'd5/out': '../../outside.txt', 'd6/loop': 'loop', ...links };
  for (const [at, target] of Object.entries(all)) fs.symlink(target, `/hhl/ctx/${at}`);
  return { fs, root: '/hhl/ctx', fromStage: false, hidden: (rel: string) => rel === 'Dockerfile' || rel === 'secret' };
}

/** The recording's stage: its RUN step's /s, root's files. */
function stage(links: Readonly<Record<string, string>> = {}, fs: Vfs = memoryFs()) {
  for (const d of ['/s', '/s/d', '/s/e', '/s/f', '/s/g']) fs.mkdir(d);
  for (const d of ['d', 'e', 'f', 'g']) fs.writeFile(`/s/${d}/f`, 'x\n');
  fs.chown('/s/g/f', 4242, 4243);
  const all = { 'd/gone': 'nowhere', 'e/loop': 'loop', 'f/up': '../../../s/d/f', ...links };
  for (const [at, target] of Object.entries(all)) fs.symlink(target, `/s/${at}`);
  return { fs, root: '', fromStage: true, hidden: () => false };
}

describe('legacy COPY history hashes of directories holding symlinks', () => {
  it('the context: a link is followed inside it, an absolute target or a `..` above it starting again at its root', () => {
    const h = (rel: string) => legacySourceHash(context(), rel).slice(0, 21);
    expect(h('d1')).toBe('dir:0995c69c136d96072');
    expect(h('d2')).toBe('dir:c1a75de6aca49d15b');
    // both lead to the context's a.conf, as a plain link to it does
    expect(legacySourceHash(context({ 'd1/up': '../a.conf' }), 'd1')).toBe(legacySourceHash(context(), 'd1'));
    expect(legacySourceHash(context({ 'd2/abs': '../a.conf' }), 'd2')).toBe(legacySourceHash(context(), 'd2'));
  });

  it('the context: what its tar does not hold (dangling, .dockerignored, outside it) hashes as the link\'s own path; a loop is left out', () => {
    const h = (rel: string) => legacySourceHash(context(), rel).slice(0, 21);
    expect(h('d3')).toBe('dir:540dcf45a2017cb4c');
    expect(h('d4')).toBe('dir:3e0ca9a02fc7811cf');
    expect(h('d5')).toBe('dir:2c1ad2341ad8b3346');
    expect(h('d6')).toBe('dir:51a9f111285508cb6');
    // the link's own path, whatever it names: nothing outside the context reaches the daemon
    const dangling = (at: string) => legacySourceHash(context({ [at]: 'nowhere' }), at.split('/')[0]!);
    expect(legacySourceHash(context(), 'd4')).toBe(dangling('d4/hid'));
    expect(legacySourceHash(context(), 'd5')).toBe(dangling('d5/out'));
    expect(legacySourceHash(context({ 'd3/gone': 'elsewhere' }), 'd3')).toBe(legacySourceHash(context(), 'd3'));
    // a loop adds nothing: the directory hashes as it does without the link
    const noLoop = context();
    noLoop.fs.unlink('/hhl/ctx/d6/loop');
    expect(legacySourceHash(noLoop, 'd6')).toBe(legacySourceHash(context(), 'd6'));
  });

  it("a stage: a dangling link hashes as the path it leads to, a loop is left out, an owner the host does not name has no name", () => {
    const h = (rel: string) => legacySourceHash(stage(), rel).slice(0, 21);
    expect(h('s/d')).toBe('dir:65b6d91f2f3478aae');
    expect(h('s/e')).toBe('dir:5591502bf9d7175dd');
    expect(h('s/f')).toBe('dir:2c4f7ff1fccf0808f');
    expect(h('s/g')).toBe('dir:a89a2a3f2ea28a4e2');
    // unlike the context's, a stage's dangling link hashes by its target's path
    expect(legacySourceHash(stage({ 'd/gone': 'elsewhere' }), 's/d')).not.toBe(legacySourceHash(stage(), 's/d'));
    const noLoop = stage();
    noLoop.fs.unlink('/s/e/loop');
    expect(legacySourceHash(noLoop, 's/e')).toBe(legacySourceHash(stage(), 's/e'));
  });

  it('the whole context (COPY .): every entry but the root itself, without what .dockerignore leaves out (builds/realworld-history-hashes)', () => {
    const fs = memoryFs();
    for (const d of ['/ctx', '/ctx/src', '/ctx/src/lib', '/ctx/bin']) fs.mkdir(d);
    fs.writeFile('/ctx/src/main.py', 'print(1)\n');
    fs.writeFile('/ctx/src/lib/util.py', 'x = 2\n');
    fs.writeFile('/ctx/empty.txt', '');
    fs.writeFile('/ctx/bin/run.sh', '#!/bin/sh\necho run\n');
    fs.chmod('/ctx/bin/run.sh', 0o755);
    fs.symlink('src/main.py', '/ctx/link.py');
    fs.writeFile('/ctx/a.conf', 'a=1\n');
    fs.writeFile('/ctx/b.conf', 'b=2\n');
    fs.writeFile('/ctx/.dockerignore', 'Dockerfile\n');
    fs.writeFile('/ctx/Dockerfile', 'FROM busybox\n');
    const src = { fs, root: '/ctx', fromStage: false, hidden: (rel: string) => rel === 'Dockerfile' };
    expect(legacySourceHash(src, '').slice(0, 21)).toBe('dir:555c5784643003edf');
  });

  it('only a regular file with bytes is read: never a device', () => {
    const fs = memoryFs();
    const read: string[] = [];
    const spy = new Proxy(fs, {
      get(t, key, r) {
        if (key === 'readFile') return (path: string, ...rest: unknown[]) => (read.push(path), (t.readFile as (...a: unknown[]) => string)(path, ...rest));
        const v = Reflect.get(t, key, r) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    });
    const src = stage({}, spy);
    fs.mknod('/s/d/z', 'zero', 0o644);
    fs.writeFile('/s/d/empty', '');
    legacySourceHash(src, 's/d');
    expect(read).toEqual(['/s/d/f']);
  });
});
