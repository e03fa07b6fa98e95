// The volume module through its public functions: name validation, local-driver options, tmpfs
// volumes, subpath resolution and the store (written to pin behaviour mutation testing showed
// the scenario corpora leave loose; see docs/mutation.md).

import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/engine/engine.ts';
import type { Container, EngineState, Volume } from '../../src/engine/state.ts';
import { entryNames, entryOf, setEntry, dir, file, symlink } from '../../src/fs/node.ts';
import { toBytes } from '../../src/fs/bytes.ts';
import { ANONYMOUS_LABEL, validateVolumeName } from '../../src/volume/names.ts';
import { isTmpfsVolume, pluginNotFound, releaseTmpfsVolumes, validateVolumeOptions } from '../../src/volume/options.ts';
import { mountOptions } from '../../src/volume/bind.ts';
import { tmpfsProcOptions, tmpfsVolumeSettings } from '../../src/container/tmpfs.ts';
import { resolveSubpath } from '../../src/volume/subpath.ts';
import { tableGet, tableSet } from '../../src/engine/table.ts';
import { addContainer } from '../../src/container/registry.ts';
import { createVolume, isAnonymous, isEmptyVolume, volumeUsers } from '../../src/volume/store.ts';

describe('validateVolumeName', () => {
  it('accepts names of two or more allowed characters', () => {
    for (const n of ['ab', 'a1', '0_x', 'data.v-1', 'A.B_C-D']) expect(validateVolumeName(n)).toBeUndefined();
  });
  it('refuses one-character names with the daemon text', () => {
    expect(validateVolumeName('a')).toBe('create a: volume name is too short, names should be at least two alphanumeric characters');
  });
  it('refuses invalid characters, anchored at both ends', () => {
    for (const n of ['_ab', '.ab', '-ab', 'a b', 'ab/', 'a:b', 'ab$', '', 'é1']) {
      expect(validateVolumeName(n)).toBe(
        `create ${n}: "${n}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
      );
    }
  });
  it('names the anonymous label', () => {
    expect(ANONYMOUS_LABEL).toBe('com.docker.volume.anonymous');
  });
});

describe('validateVolumeOptions', () => {
  it('accepts no options and complete sets', () => {
    expect(validateVolumeOptions({})).toBeUndefined();
    expect(validateVolumeOptions({ type: 'tmpfs', device: 'tmpfs' })).toBeUndefined();
    expect(validateVolumeOptions({ type: 'tmpfs', device: 'tmpfs', o: 'size=1m' })).toBeUndefined();
  });
  it('refuses unknown keys first', () => {
    expect(validateVolumeOptions({ bogus: '1' })).toBe('invalid option: "bogus"');
    expect(validateVolumeOptions({ type: 'tmpfs', x: '' })).toBe('invalid option: "x"');
  });
  it('names the missing companion option', () => {
    expect(validateVolumeOptions({ device: 'tmpfs' })).toBe('missing required option: "type"');
    expect(validateVolumeOptions({ type: 'tmpfs' })).toBe('missing required option: "device"');
    expect(validateVolumeOptions({ o: 'size=1m' })).toBe('missing required option: "device"');
    expect(validateVolumeOptions({ o: 'size=1m', device: 'x' })).toBe('missing required option: "type"');
  });
  it('refuses size (no quota support)', () => {
    expect(validateVolumeOptions({ size: '1m' })).toBe('quota size requested but no quota support');
    expect(validateVolumeOptions({ type: 'tmpfs', device: 'tmpfs', size: '1m' })).toBe('quota size requested but no quota support');
  });
  it('words a missing plugin', () => {
    expect(pluginNotFound('nfs')).toBe('error looking up volume plugin nfs: plugin "nfs" not found');
  });
});

const vol = (options: Record<string, string> | null): Volume => ({ name: 'v', driver: 'local', labels: null, options, createdAt: 0, data: dir() });

describe('tmpfs volumes', () => {
  it('are the ones with type=tmpfs', () => {
    expect(isTmpfsVolume(vol({ type: 'tmpfs', device: 'tmpfs' }))).toBe(true);
    expect(isTmpfsVolume(vol({ type: 'none', device: '/x' }))).toBe(false);
    expect(isTmpfsVolume(vol(null))).toBe(false);
  });
  it('take o as the kernel tmpfs does: flags, size in whole pages, mode, uid and gid; a refused value is undefined', () => {
    const t = (o: string) => tmpfsVolumeSettings(mountOptions(o).flags, mountOptions(o).data);
    expect(t('')).toEqual({ readonly: false, suid: true, dev: true, exec: true, mode: 0o1777, uid: 0, gid: 0 });
    expect(t('size=100')).toMatchObject({ size: 4096 });
    expect(t('uid=1,size=3M')).toMatchObject({ size: 3 * 1024 ** 2, uid: 1 });
    expect(t('size=1g,mode=0770,gid=7')).toMatchObject({ size: 1024 ** 3, mode: 0o770, gid: 7 });
    expect(t('ro,noexec,nosuid,nodev')).toMatchObject({ readonly: true, exec: false, suid: false, dev: false });
    for (const bad of ['size=abc', 'mode=9', 'uid=x', 'gid=', 'xsize=1', 'bogus', 'nr_inodes=z']) expect(t(bad)).toBeUndefined();
    expect(tmpfsProcOptions(t('size=1m,uid=1000,mode=0770')!)).toBe('rw,relatime,size=1024k,mode=770,uid=1000');
  });
});

function stateWith(volumes: Volume[], containers: { name: string; status: 'created' | 'running' | 'exited'; uses: string[] }[]): EngineState {
  const st = initialState();
  for (const v of volumes) tableSet(st.volumes, v.name, v);
  for (const [i, c] of containers.entries()) {
    const id = String(i).padStart(64, 'c');
    // `bind:SRC` is a bind mount of SRC, anything else a volume of that name
    const mount = (u: string) => ({ type: u.startsWith('bind:') ? 'bind' : 'volume', destination: '/d', source: u.replace(/^bind:/, ''), rw: true, mode: 'z', propagation: '', specSource: u, copyData: true, origin: 'bind-flag' });
    addContainer(st, {
      id,
      name: c.name,
      state: { status: c.status, exitCode: 0, startedAt: 0, finishedAt: 0, error: '' },
      mounts: c.uses.map(mount),
    } as unknown as Container);
  }
  return st;
}

describe('releaseTmpfsVolumes', () => {
  const filled = (name: string, options: Record<string, string> | null): Volume => {
    const v = { ...vol(options), name };
    setEntry(v.data, 'f', file(toBytes('x')));
    return v;
  };
  it('empties a tmpfs volume nobody runs with, and only that', () => {
    const st = stateWith(
      [filled('t1', { type: 'tmpfs', device: 'tmpfs' }), filled('t2', { type: 'tmpfs', device: 'tmpfs' }), filled('n1', null), filled('t3', { type: 'tmpfs', device: 'tmpfs' })],
      [
        { name: 'a', status: 'exited', uses: ['t1'] },
        { name: 'b', status: 'running', uses: ['t2'] },
        { name: 'c', status: 'created', uses: ['t2', 'n1'] },
      ],
    );
    releaseTmpfsVolumes(st, ['t1', 't2', 'n1', 'missing']);
    expect(entryNames(tableGet(st.volumes, 't1')!.data)).toEqual([]);
    expect(entryNames(tableGet(st.volumes, 't2')!.data)).toEqual(['f']);
    expect(entryNames(tableGet(st.volumes, 'n1')!.data)).toEqual(['f']);
    // not listed: untouched
    expect(entryNames(tableGet(st.volumes, 't3')!.data)).toEqual(['f']);
  });
});

describe('resolveSubpath', () => {
  const root = dir();
  setEntry(root, 'a', dir());
  setEntry((entryOf(root, 'a') as ReturnType<typeof dir>), 'b', dir());
  setEntry(root, 'rel', symlink('a/b'));
  setEntry(root, 'up', symlink('../x'));
  setEntry(root, 'abs', symlink('/a'));
  setEntry(root, 'loop', symlink('loop'));
  setEntry(root, 'f', file(toBytes('')));
  it('resolves plain paths, . and inner ..', () => {
    expect(resolveSubpath(root, 'a')).toEqual({ kind: 'ok', parts: ['a'] });
    expect(resolveSubpath(root, 'a/b')).toEqual({ kind: 'ok', parts: ['a', 'b'] });
    expect(resolveSubpath(root, './a/../a/b/')).toEqual({ kind: 'ok', parts: ['a', 'b'] });
    expect(resolveSubpath(root, 'a/..')).toEqual({ kind: 'ok', parts: [] });
    expect(resolveSubpath(root, 'f')).toEqual({ kind: 'ok', parts: ['f'] });
  });
  it('follows relative links inside the volume', () => {
    expect(resolveSubpath(root, 'rel')).toEqual({ kind: 'ok', parts: ['a', 'b'] });
    expect(resolveSubpath(root, 'rel/..')).toEqual({ kind: 'ok', parts: ['a'] });
  });
  it('refuses paths that leave the volume', () => {
    expect(resolveSubpath(root, '..')).toEqual({ kind: 'escapes' });
    expect(resolveSubpath(root, 'a/../..')).toEqual({ kind: 'escapes' });
    expect(resolveSubpath(root, 'up')).toEqual({ kind: 'escapes' });
    expect(resolveSubpath(root, 'abs')).toEqual({ kind: 'escapes' });
  });
  it('reports missing paths and link loops as missing', () => {
    expect(resolveSubpath(root, 'nope')).toEqual({ kind: 'missing' });
    expect(resolveSubpath(root, 'a/nope')).toEqual({ kind: 'missing' });
    expect(resolveSubpath(root, 'loop')).toEqual({ kind: 'missing' });
  });
  it('allows exactly 40 link hops', () => {
    const r = dir();
    setEntry(r, 't', dir());
    for (let i = 0; i < 41; i++) setEntry(r, `l${i}`, symlink(i === 0 ? 't' : `l${i - 1}`));
    expect(resolveSubpath(r, 'l39')).toEqual({ kind: 'ok', parts: ['t'] });
    expect(resolveSubpath(r, 'l40')).toEqual({ kind: 'missing' });
  });
});

describe('the volume store', () => {
  it('creates named volumes once and keeps the first labels and options', () => {
    const st = initialState();
    const v = createVolume(st, 'data', { labels: { a: '1' }, options: { type: 'tmpfs', device: 'tmpfs' } });
    expect(v).toMatchObject({ name: 'data', driver: 'local', labels: { a: '1' }, options: { type: 'tmpfs', device: 'tmpfs' }, createdAt: st.clock });
    expect(isAnonymous(v)).toBe(false);
    const again = createVolume(st, 'data', { labels: { b: '2' } });
    expect(again).toBe(v);
    expect(again.labels).toEqual({ a: '1' });
  });
  it('defaults labels and options to null', () => {
    const st = initialState();
    expect(createVolume(st, 'n2')).toMatchObject({ labels: null, options: null });
  });
  it('gives an unnamed volume a 64-hex name and, on 26.1, the anonymous label', () => {
    const st = initialState({ engine: 'docker-26.1' });
    const v = createVolume(st, undefined, { labels: { x: 'y' } });
    expect(v.name).toMatch(/^[0-9a-f]{64}$/);
    expect(v.labels).toEqual({ x: 'y', [ANONYMOUS_LABEL]: '' });
    expect(isAnonymous(v)).toBe(true);
    expect(tableGet(st.volumes, v.name)).toBe(v);
    const w = createVolume(st, undefined, { anonymousLabel: false });
    expect(w.labels).toBeNull();
    expect(isAnonymous(w)).toBe(false);
    expect(w.name).not.toBe(v.name);
  });
  it('an unnamed volume is new even when a volume is named "undefined"', () => {
    const st = initialState();
    const named = createVolume(st, 'undefined');
    expect(createVolume(st, undefined)).not.toBe(named);
  });
  it('gives no anonymous label on 20.10', () => {
    const st = initialState({ engine: 'docker-20.10' });
    const v = createVolume(st, undefined);
    expect(v.labels).toBeNull();
    expect(isAnonymous(v)).toBe(false);
  });
  it('isAnonymous looks at the label key, not its value', () => {
    expect(isAnonymous({ ...vol(null), labels: { [ANONYMOUS_LABEL]: '' } })).toBe(true);
    expect(isAnonymous({ ...vol(null), labels: { other: ANONYMOUS_LABEL } })).toBe(false);
    expect(isAnonymous({ ...vol(null), labels: {} })).toBe(false);
  });
  it('isEmptyVolume', () => {
    const v = vol(null);
    expect(isEmptyVolume(v)).toBe(true);
    setEntry(v.data, 'x', dir());
    expect(isEmptyVolume(v)).toBe(false);
  });
  it('volumeUsers lists the containers with a volume mount of that name, in order', () => {
    const st = stateWith([vol(null)], [
      { name: 'a', status: 'exited', uses: ['v'] },
      { name: 'b', status: 'running', uses: ['w'] },
      { name: 'c', status: 'created', uses: ['w', 'v'] },
    ]);
    expect(volumeUsers(st, 'v').map((c) => c.name)).toEqual(['a', 'c']);
    expect(volumeUsers(st, 'x')).toEqual([]);
    // a bind mount whose source happens to equal the name is not a user
    const bound = stateWith([vol(null)], [
      { name: 'b', status: 'running', uses: ['bind:w'] },
      { name: 'c', status: 'created', uses: ['w', 'v'] },
    ]);
    expect(volumeUsers(bound, 'w').map((c) => c.name)).toEqual(['c']);
  });
});

describe('a local volume\'s mount options (moby/sys mount parseOptions)', () => {
  it('sets and clears mount(2) flags in order, and passes every other name on as data', () => {
    expect(mountOptions('bind')).toEqual({ flags: 0x1000, data: '' });
    expect(mountOptions('rbind')).toEqual({ flags: 0x5000, data: '' });
    expect(mountOptions('ro,bind')).toEqual({ flags: 0x1001, data: '' });
    // a later `rw` clears the `ro` before it; `defaults` has no flag, so it is data
    expect(mountOptions('ro,bind,rw')).toEqual({ flags: 0x1000, data: '' });
    expect(mountOptions('bind,defaults,size=1m,noexec')).toEqual({ flags: 0x1008, data: 'defaults,size=1m' });
    expect(mountOptions('')).toEqual({ flags: 0, data: '' });
    expect(mountOptions('rshared,bind')).toEqual({ flags: 0x105000, data: '' });
    // names are matched exactly, never as prefixes or through Object's prototype
    expect(mountOptions('binder,constructor')).toEqual({ flags: 0, data: 'binder,constructor' });
  });
});
