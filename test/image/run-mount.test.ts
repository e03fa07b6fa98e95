// What a RUN --mount step leaves behind (BuildKit; recorded: test/recorded/docker-26.1/builds/
// run-mount-kinds): the mount points the step had to make are not in its layer (/var/exists/mnt
// is gone, /var/exists stays), a cache mount keeps its content across steps by id and is made
// with the mode and owner asked the first time, and the trees the step saw are taken away from
// the host after it.

import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/engine/initial-state.ts';
import { dir, entryOf, file, type DirNode } from '../../src/fs/node.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { BUILD_MOUNTS, cacheTree, clearHost, mountParseProblem, parseRunMounts, placeOnHost, pruneMountPoints, takeFromHost, treeOf } from '../../src/image/build/run-mount.ts';

describe('pruneMountPoints', () => {
  it('removes each mount point the step made, and leaves the directories that were there', () => {
    const upper = dir({}, {
      var: dir({}, { exists: dir({}, { mnt: dir(), cache: dir({}, { deep: dir() }) }) }),
      other: dir({}, { a: dir() }),
    });
    pruneMountPoints(upper, ['/var/exists/mnt', '/var/exists/cache/deep', '/var/exists/cache', '/missing/x', '/other/a/b']);
    const exists = entryOf(entryOf(upper, 'var') as DirNode, 'exists') as DirNode;
    expect(exists.kind).toBe('dir');
    expect(entryOf(exists, 'mnt')).toBeUndefined();
    expect(entryOf(exists, 'cache')).toBeUndefined();
    // a mount point below what the upper directory holds: nothing to take
    expect(entryOf(entryOf(upper, 'other') as DirNode, 'a')).toMatchObject({ kind: 'dir' });
  });
});

describe('the step\'s trees on the host', () => {
  it('are placed under BUILD_MOUNTS by number, read back, and cleared with the directories made for them', () => {
    const st = initialState();
    const tree = dir({ mode: 0o700 }, { f: file('1') });
    expect(placeOnHost(st, 0, tree)).toBe(`${BUILD_MOUNTS}/0`);
    expect(placeOnHost(st, 1, dir())).toBe(`${BUILD_MOUNTS}/1`);
    // a copy: changing what was placed leaves the tree given alone
    const back = takeFromHost(st, 0) as DirNode;
    expect(back).toMatchObject({ kind: 'dir', mode: 0o700 });
    expect(entryOf(back, 'f')).toMatchObject({ kind: 'file', data: '1' });
    expect(back).not.toBe(tree);
    expect(takeFromHost(st, 2)).toBeUndefined();
    clearHost(st);
    expect(takeFromHost(st, 0)).toBeUndefined();
    expect(memoryFs(st.host).exists(BUILD_MOUNTS)).toBe(false);
    expect(memoryFs(st.host).exists(BUILD_MOUNTS.slice(0, BUILD_MOUNTS.lastIndexOf('/')))).toBe(true);
    // clearing with nothing placed is harmless
    clearHost(st);
  });

  it('a cache is made once per id, with the mode and owner of the first mount', () => {
    const st = initialState();
    const [first, again, other] = parseRunMounts(['type=cache,target=/a,id=shared,mode=0700,uid=65534', 'type=cache,target=/b,id=shared,mode=0755,uid=1', 'type=cache,target=/c']);
    const made = cacheTree(st, first);
    expect(made).toMatchObject({ kind: 'dir', mode: 0o700, uid: 65534, gid: 0 });
    expect(cacheTree(st, again)).toBe(made);
    expect(cacheTree(st, other)).not.toBe(made);
    expect(Object.keys(st.buildMountCache!).sort()).toEqual(['/c', 'shared']);
  });
});

describe('treeOf', () => {
  it('copies a directory with its links, modes and times; owners kept unless root is asked; skip leaves names out', () => {
    const fs = memoryFs();
    fs.mkdir('/src');
    fs.writeFile('/src/b', 'bee');
    fs.mkdir('/src/d');
    fs.writeFile('/src/d/x', 'x');
    fs.symlink('b', '/src/a');
    fs.chown('/src/b', 7, 8);
    const t = treeOf(fs, '/src', { root: false, skip: (rel) => rel === 'd/x' }) as DirNode;
    expect(entryOf(t, 'a')).toMatchObject({ kind: 'symlink', target: 'b' });
    expect(entryOf(t, 'b')).toMatchObject({ kind: 'file', data: 'bee', uid: 7, gid: 8 });
    expect(entryOf(entryOf(t, 'd') as DirNode, 'x')).toBeUndefined();
    const asRoot = treeOf(fs, '/src', { root: true }) as DirNode;
    expect(entryOf(asRoot, 'b')).toMatchObject({ uid: 0, gid: 0 });
    expect(entryOf(entryOf(asRoot, 'd') as DirNode, 'x')).toMatchObject({ kind: 'file', data: 'x' });
    expect(treeOf(fs, '/src/b', { root: false })).toMatchObject({ kind: 'file', data: 'bee' });
    // from the root: paths below it are joined without a double slash
    const whole = treeOf(fs, '/', { root: true, skip: (rel) => rel !== 'src' && !rel.startsWith('src/') }) as DirNode;
    expect(entryOf(entryOf(whole, 'src') as DirNode, 'b')).toMatchObject({ kind: 'file', data: 'bee' });
    expect(entryOf(whole, 'dev')).toBeUndefined();
  });
});

// parseMount's checks as BuildKit's frontend/dockerfile/instructions/commands_runmount.go makes
// them (v0.13: the secret's fields before sharing; the copy Docker 20.10 vendors: sharing first),
// and its booleans as Go's strconv.ParseBool reads them (strconv/atob.go).
describe('parseMount', () => {
  it('reads a boolean as Go does: 1 t T TRUE true True, 0 f F FALSE false False, nothing else', () => {
    for (const yes of ['1', 't', 'T', 'TRUE', 'true', 'True']) expect(parseRunMounts([`target=/m,rw=${yes}`])[0].rw, yes).toBe(true);
    for (const no of ['0', 'f', 'F', 'FALSE', 'false', 'False']) expect(parseRunMounts([`target=/m,rw=${no}`])[0].rw, no).toBe(false);
    for (const neither of ['yes', 'tRUE', '']) expect(() => parseRunMounts([`target=/m,rw=${neither}`]), neither).toThrow(`invalid value for rw: ${neither}`);
    expect(mountParseProblem(['target=/m,ro=yes'], true)).toBe('invalid value for ro: yes');
  });

  it('takes mode, uid and gid for a cache (or a secret or ssh) only; a bind is read-only unless asked, a cache and a tmpfs writable', () => {
    for (const type of ['bind', 'tmpfs']) {
      for (const [key, value] of [['mode', '0700'], ['uid', '1'], ['gid', '1']]) {
        const spec = `type=${type},target=/m,${key}=${value}`;
        expect(() => parseRunMounts([spec]), spec).toThrow(`${key} not allowed for "${type}" type mounts`);
        expect(mountParseProblem([spec], true), spec).toBe(`${key} not allowed for "${type}" type mounts`);
      }
    }
    expect(parseRunMounts(['type=cache,target=/m,mode=0700,uid=1,gid=2'])[0]).toMatchObject({ mode: 0o700, uid: 1, gid: 2, rw: true });
    expect(parseRunMounts(['type=bind,target=/m', 'type=tmpfs,target=/t', 'type=cache,target=/c,ro']).map((m) => m.rw)).toEqual([false, true, false]);
  });

  it("names a cache by its target as written, cleaned as Go's path.Clean does: .. above the root is dropped, kept at the start of a relative path", () => {
    const ids = ['/../c', '/a/./b/../c/', '../c', 'a/../../c', 'a/..'].map((t) => parseRunMounts([`type=cache,target=${t}`], (w) => w, '/w')[0].id);
    expect(ids).toEqual(['/c', '/a/c', '../c', '../c', '.']);
  });

  it('checks a secret mount: no from, no sharing, a source, target or id, not both a source and an id; its id, target, mode and owner (buildkit docs/syntax.md; recorded: builds/sb-secret-mount, sb-secret-required)', () => {
    const secret = {
      'type=secret,from=x,target=/s': 'secret mount should not have a from',
      'type=secret': 'invalid secret mount. one of source, target required',
      'type=secret,source=a,id=b': "both source and id can't be set",
    };
    for (const [spec, message] of Object.entries(secret)) {
      expect(() => parseRunMounts([spec]), spec).toThrow(message);
      expect(mountParseProblem([spec], true), spec).toBe(message);
    }
    // sharing: BuildKit 0.13 checks the secret's fields first, 20.10's copy the sharing first
    expect(() => parseRunMounts(['type=secret,sharing=shared,target=/s'])).toThrow('secret mount should not define sharing');
    expect(mountParseProblem(['type=secret,sharing=shared,target=/s'], true)).toBe('invalid cache sharing set for secret mount');
    expect(parseRunMounts(['type=secret,id=x', 'type=secret,target=/etc/tok.txt', 'type=secret,source=y,target=rel,mode=0440,uid=7,gid=8,required', 'type=ssh'], (w) => w, '/app')).toEqual([
      { type: 'secret', target: '/run/secrets/x', source: '', rw: false, id: 'x', mode: 0o400, uid: 0, gid: 0 },
      { type: 'secret', target: '/etc/tok.txt', source: '', rw: false, id: 'tok.txt', mode: 0o400, uid: 0, gid: 0 },
      { type: 'secret', target: '/app/rel', source: '', rw: false, id: 'y', mode: 0o440, uid: 7, gid: 8, required: true },
    ]);
    expect(mountParseProblem(['type=secret,id=x'], true)).toBeUndefined();
  });
});
