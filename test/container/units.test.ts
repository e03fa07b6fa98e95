// Container-side pure functions through their public API: mount specifications (-v, --mount,
// --tmpfs), tmpfs options and /proc/mounts text, path cleaning and container lookup. They pin
// the daemon's texts and edge cases that the scenario corpora reach only in part.

import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/engine/engine.ts';
import { PROFILES } from '../../src/engine/profile.ts';
import type { ApiMount, Container, MountPoint } from '../../src/engine/state.ts';
import { DaemonError } from '../../src/container/errors.ts';
import { findContainer } from '../../src/container/lookup.ts';
import { apiMountToPoint, MountConfigError, parseBind, parseVolumesFrom, tmpfsPoint, validateApiMount } from '../../src/container/mount-spec.ts';
import { cleanPath, isAbsolute } from '../../src/container/paths.ts';
import { tmpfsOptionString, tmpfsProcOptions, tmpfsSettings } from '../../src/container/tmpfs.ts';
import { addContainer } from '../../src/container/registry.ts';

const P26 = PROFILES['docker-26.1'];
const P20 = PROFILES['docker-20.10'];

describe('paths', () => {
  it('isAbsolute', () => {
    expect(isAbsolute('/a')).toBe(true);
    expect(isAbsolute('a')).toBe(false);
    expect(isAbsolute('')).toBe(false);
  });
  it('cleanPath works like filepath.Clean', () => {
    expect(cleanPath('/a/b/../c/./d/')).toBe('/a/c/d');
    expect(cleanPath('/../..')).toBe('/');
    expect(cleanPath('/')).toBe('/');
    expect(cleanPath('//a//b')).toBe('/a/b');
    expect(cleanPath('a/../b')).toBe('b');
    expect(cleanPath('a/..')).toBe('/');
  });
});

describe('parseBind', () => {
  const err = (raw: string): string => {
    try {
      parseBind(raw);
    } catch (e) {
      expect(e).toBeInstanceOf(MountConfigError);
      return (e as Error).message;
    }
    throw new Error(`parseBind(${raw}) did not throw`);
  };
  it('named volume, default mode z, copy on', () => {
    expect(parseBind('data:/d')).toEqual({
      type: 'volume', destination: '/d', source: 'data', rw: true, mode: 'z', propagation: '', specSource: 'data', copyData: true, origin: 'bind-flag',
    });
  });
  it('bind mount, default propagation rprivate', () => {
    expect(parseBind('/h:/d')).toEqual({
      type: 'bind', destination: '/d', source: '/h', rw: true, mode: '', propagation: 'rprivate', specSource: '/h', copyData: true, origin: 'bind-flag',
    });
  });
  it('a bind holding or inside the daemon root gets rslave, refuses private modes (validateBindDaemonRoot)', () => {
    // the oracle's data root is under /tmp, so only the rule for /var/lib/docker is testable here
    expect(parseBind('/:/host')).toMatchObject({ propagation: 'rslave' });
    expect(parseBind('/var/lib/docker/volumes:/v:ro')).toMatchObject({ propagation: 'rslave', rw: false });
    expect(parseBind('/var/l:/v')).toMatchObject({ propagation: 'rslave' });
    expect(parseBind('/var/lib/docker:/v:rshared')).toMatchObject({ propagation: 'rshared' });
    expect(parseBind('/varx:/v')).toMatchObject({ propagation: 'rprivate' });
    expect(parseBind('/tmp:/v')).toMatchObject({ propagation: 'rprivate' });
    expect(err('/var:/x:private')).toBe(
      'invalid mount config: must use either propagation mode "rslave" or "rshared" when mount source is within the daemon root, daemon root: "/var/lib/docker", bind mount source: "/var", propagation: "private"',
    );
    expect(apiMountToPoint({ Type: 'bind', Source: '/', Target: '/h' })).toMatchObject({ propagation: 'rslave' });
    expect(apiMountToPoint({ Type: 'bind', Source: '/srv', Target: '/h' })).toMatchObject({ propagation: 'rprivate' });
  });
  it('a bind source is cleaned (filepath.Clean in moby linux_parser.go), a volume name is kept as given', () => {
    expect(parseBind('/h/d/..//e/:/x')).toMatchObject({ type: 'bind', source: '/h/e', specSource: '/h/d/..//e/' });
    expect(parseBind('a//b:/x')).toMatchObject({ type: 'volume', source: 'a//b' });
    expect(apiMountToPoint({ Type: 'bind', Source: '/h/d/../e/', Target: '/x' })).toMatchObject({ source: '/h/e', specSource: '/h/d/../e/' });
    expect(apiMountToPoint({ Type: 'volume', Source: 'a//b', Target: '/x' })).toMatchObject({ source: 'a//b' });
    // validateBindDaemonRoot keeps rslave as it keeps rshared
    expect(parseBind('/var/lib/docker/x:/v:rslave')).toMatchObject({ propagation: 'rslave' });
  });
  it("--volumes-from's CONTAINER[:MODE] (moby ParseVolumesFrom: strings.SplitN(spec, \":\", 2))", () => {
    expect(parseVolumesFrom('c')).toEqual({ ref: 'c', ro: false });
    expect(parseVolumesFrom('c:')).toEqual({ ref: 'c', ro: false });
    expect(parseVolumesFrom('c:ro')).toEqual({ ref: 'c', ro: true });
    expect(parseVolumesFrom('c:rw,z')).toEqual({ ref: 'c', ro: false });
    // the ID is what comes before the first colon, even when that is nothing
    expect(parseVolumesFrom(':ro')).toEqual({ ref: '', ro: true });
    expect(() => parseVolumesFrom('c:ro:x')).toThrow('invalid mode: ro:x');
  });
  it('modes: ro, rw, nocopy, propagation, label, consistency', () => {
    expect(parseBind('v:/d:ro')).toMatchObject({ rw: false, mode: 'ro', copyData: true });
    expect(parseBind('v:/d:rw')).toMatchObject({ rw: true, mode: 'rw' });
    expect(parseBind('v:/d:nocopy')).toMatchObject({ rw: true, copyData: false, mode: 'nocopy' });
    expect(parseBind('v:/d:ro,nocopy,z,cached')).toMatchObject({ rw: false, copyData: false });
    expect(parseBind('/h:/d:shared')).toMatchObject({ propagation: 'shared', mode: 'shared' });
    expect(parseBind('/h:/d:ro,Z,rslave')).toMatchObject({ rw: false, propagation: 'rslave' });
  });
  it('refuses bad shapes with the daemon texts', () => {
    expect(err('v')).toBe("invalid volume specification: 'v'");
    expect(err(':/d')).toBe("invalid volume specification: ':/d'");
    expect(err('a:b:c:d')).toBe("invalid volume specification: 'a:b:c:d'");
    expect(err('v:')).toBe("invalid volume specification: 'v:'");
    expect(err('v::ro')).toBe("invalid volume specification: 'v::ro'");
    expect(err('v:ro')).toBe("invalid volume specification: 'v:ro'");
    expect(err('v:/d:bogus')).toBe('invalid mode: bogus');
    expect(err('v:/d:ro,rw')).toBe('invalid mode: ro,rw');
    expect(err('v:/d:z,Z')).toBe('invalid mode: z,Z');
    expect(err('/h:/d:shared,private')).toBe('invalid mode: shared,private');
    expect(err('v:/d:nocopy,nocopy')).toBe('invalid mode: nocopy,nocopy');
    expect(err('v:/d:cached,delegated')).toBe('invalid mode: cached,delegated');
    expect(err('v:rel')).toBe(`invalid volume specification: 'v:rel': invalid mount config for type "volume": invalid mount path: 'rel' mount path must be absolute`);
    expect(err('/h:rel')).toBe(`invalid volume specification: '/h:rel': invalid mount config for type "bind": invalid mount path: 'rel' mount path must be absolute`);
    expect(err('v:/')).toBe(`invalid volume specification: 'v:/': invalid mount config for type "volume": invalid specification: destination can't be '/'`);
    expect(err('/h:/d:nocopy')).toBe(`invalid volume specification: '/h:/d:nocopy': invalid mount config for type "bind": field VolumeOptions must not be specified`);
    expect(err('v:/d:shared')).toBe(`invalid volume specification: 'v:/d:shared': invalid mount config for type "volume": field BindOptions must not be specified`);
  });
});

describe('validateApiMount', () => {
  const err = (m: Parameters<typeof validateApiMount>[0]): string | undefined => {
    try {
      validateApiMount(m);
      return undefined;
    } catch (e) {
      expect(e).toBeInstanceOf(MountConfigError);
      return (e as Error).message;
    }
  };
  const base = { Type: 'volume', Source: 'v', Target: '/d' } as const;
  /** A mount type the CLI would not send (the daemon's own check). */
  const oddType = (t: string): ApiMount => ({ Type: t, Source: 'x', Target: '/t' }) as unknown as ApiMount;
  it('accepts valid mounts', () => {
    expect(err(base)).toBeUndefined();
    expect(err({ Type: 'bind', Source: '/h', Target: '/d' })).toBeUndefined();
    expect(err({ Type: 'tmpfs', Source: '', Target: '/t' })).toBeUndefined();
    expect(err({ ...base, VolumeOptions: { Subpath: 'a/../b' } })).toBeUndefined();
    expect(err({ ...base, Source: '' })).toBeUndefined();
    // the anonymous-volume checks are for volumes only
    expect(err({ Type: 'tmpfs', Source: '', Target: '/t', ReadOnly: true })).toBeUndefined();
    expect(err({ ...base, ReadOnly: true, VolumeOptions: { Subpath: 'a' } })).toBeUndefined();
  });
  it('refuses with the daemon texts', () => {
    expect(err({ ...base, Target: '' })).toBe('invalid mount config for type "volume": field Target must not be empty');
    expect(err({ ...base, Target: 'd' })).toBe(`invalid mount config for type "volume": invalid mount path: 'd' mount path must be absolute`);
    expect(err({ ...base, Target: '/' })).toBe(`invalid mount config for type "volume": invalid specification: destination can't be '/'`);
    expect(err({ Type: 'bind', Source: '', Target: '/d' })).toBe('invalid mount config for type "bind": field Source must not be empty');
    expect(err({ Type: 'bind', Source: 'h', Target: '/d' })).toBe(`invalid mount config for type "bind": invalid mount path: 'h' mount path must be absolute`);
    expect(err({ ...base, Source: '', VolumeOptions: { Subpath: 'a' } })).toBe('invalid mount config for type "volume": must not set Subpath when using anonymous volumes');
    expect(err({ ...base, Source: '', ReadOnly: true })).toBe('invalid mount config for type "volume": must not set ReadOnly mode when using anonymous volumes');
    for (const sub of ['', '/a', '..', 'a/../..', '../a', './..', 'a//../..', 'a/./../..']) {
      expect(err({ ...base, VolumeOptions: { Subpath: sub } })).toBe('invalid mount config for type "volume": subpath must be a relative path within the volume');
    }
    expect(err({ Type: 'tmpfs', Source: 'x', Target: '/t' })).toBe('invalid mount config for type "tmpfs": field Source must not be specified');
    expect(err(oddType('npipe'))).toBe(`invalid mount config for type "npipe": strata does not simulate mount type 'npipe'`);
    expect(err(oddType('image'))).toBe(`invalid mount config for type "image": strata does not simulate mount type 'image'`);
    expect(err(oddType('cluster'))).toBe(`invalid mount config for type "cluster": strata does not simulate mount type 'cluster'`);
    expect(err(oddType('nope'))).toBe('invalid mount config for type "nope": mount type unknown');
  });
});

describe('apiMountToPoint and tmpfsPoint', () => {
  it('volume mounts: mode z, copy unless NoCopy, subpath kept', () => {
    expect(apiMountToPoint({ Type: 'volume', Source: 'v', Target: '/d' })).toEqual({
      type: 'volume', destination: '/d', source: 'v', rw: true, mode: 'z', propagation: '', specSource: 'v', copyData: true, subpath: undefined, origin: 'mount-flag',
    });
    expect(apiMountToPoint({ Type: 'volume', Source: 'v', Target: '/d', ReadOnly: true, VolumeOptions: { NoCopy: true, Subpath: 's' } })).toMatchObject({
      rw: false, copyData: false, subpath: 's',
    });
  });
  it('bind mounts: rprivate, never copy', () => {
    expect(apiMountToPoint({ Type: 'bind', Source: '/h', Target: '/d' })).toMatchObject({ type: 'bind', mode: '', propagation: 'rprivate', copyData: false });
  });
  it('tmpfs mounts carry size and mode', () => {
    expect(apiMountToPoint({ Type: 'tmpfs', Source: '', Target: '/t', TmpfsOptions: { SizeBytes: 1024, Mode: 0o700 } })).toEqual({
      type: 'tmpfs', destination: '/t', source: '', rw: true, mode: '', propagation: '', specSource: '', copyData: false, tmpfsSize: 1024, tmpfsMode: 0o700, origin: 'mount-flag',
    });
  });
  it('--tmpfs keeps its options and reads ro', () => {
    expect(tmpfsPoint('/t', 'size=1k,ro')).toEqual({
      type: 'tmpfs', destination: '/t', source: '', rw: false, mode: '', propagation: '', specSource: '', copyData: false, tmpfsOptions: 'size=1k,ro', origin: 'tmpfs-flag',
    });
    expect(tmpfsPoint('/t', '')).toMatchObject({ rw: true, tmpfsOptions: '' });
    expect(tmpfsPoint('/t', 'noro')).toMatchObject({ rw: true });
  });
});

const tp = (over: Partial<MountPoint>): MountPoint => ({ ...tmpfsPoint('/t', ''), tmpfsOptions: undefined, ...over });

describe('tmpfs options', () => {
  it('option string from --mount fields', () => {
    expect(tmpfsOptionString(tp({}))).toBe('');
    expect(tmpfsOptionString(tp({ rw: false, tmpfsMode: 0o700, tmpfsSize: 4096 }))).toBe('ro,mode=700,size=4096');
    expect(tmpfsOptionString(tp({ tmpfsOptions: 'x=1', rw: false }))).toBe('x=1');
  });
  it('defaults: rw, noexec, nosuid, nodev, mode 1777, root', () => {
    expect(tmpfsSettings(tp({ tmpfsOptions: '' }), P26)).toEqual({ readonly: false, exec: false, suid: false, dev: false, mode: 0o1777, uid: 0, gid: 0 });
    expect(tmpfsSettings(tp({ rw: false }), P26)).toMatchObject({ readonly: true });
  });
  it('flags and data options override in order', () => {
    expect(tmpfsSettings(tp({ tmpfsOptions: 'exec,suid,dev,ro,rw,noatime' }), P26)).toMatchObject({ readonly: false, exec: true, suid: true, dev: true });
    expect(tmpfsSettings(tp({ tmpfsOptions: 'exec,noexec,suid,nosuid,dev,nodev,rw,ro' }), P26)).toMatchObject({ readonly: true, exec: false, suid: false, dev: false });
    // The kernel rounds a size up to whole 4 KiB pages (recorded: mounts/tmpfs-invalid-size, size=1k is 4 blocks).
    expect(tmpfsSettings(tp({ tmpfsOptions: 'size=2k,mode=700,uid=5,gid=6,nr_inodes=1k' }), P26)).toMatchObject({ size: 4096, mode: 0o700, uid: 5, gid: 6, nrInodes: 1024 });
    expect(tmpfsSettings(tp({ tmpfsOptions: 'size=8k' }), P26)).toMatchObject({ size: 8192 });
    expect(tmpfsSettings(tp({ tmpfsOptions: 'size=0x2000' }), P26)).toMatchObject({ size: 8192 });
    expect(tmpfsSettings(tp({ tmpfsOptions: 'size=3m' }), P26)).toMatchObject({ size: 3 * 1024 ** 2 });
    expect(tmpfsSettings(tp({ tmpfsOptions: 'size=1G' }), P26)).toMatchObject({ size: 1024 ** 3 });
    expect(tmpfsSettings(tp({ tmpfsOptions: 'size=77' }), P26)).toMatchObject({ size: 4096 });
    expect(tmpfsSettings(tp({ tmpfsOptions: 'size=0' }), P26)).toMatchObject({ size: 0 });
    expect(tmpfsSettings(tp({ tmpfsOptions: 'size=50%' }), P26)).toMatchObject({ size: undefined });
    // A value the kernel cannot parse fails runc's mount, naming the flags and the data options.
    for (const bad of ['size=x1', 'size=1kk', 'size=-1', 'size=', 'mode=abc', 'mode=9', 'nr_inodes=q']) {
      expect(tmpfsSettings(tp({ tmpfsOptions: bad }), P26)).toBe(
        `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "tmpfs" to rootfs at "/t": mount tmpfs:/t (via /proc/self/fd/6), flags: 0xe, data: ${bad}: invalid argument: unknown`,
      );
    }
    expect(tmpfsSettings(tp({ tmpfsOptions: 'ro,exec,size=1k,mode=x' }), P20)).toMatch(/^failed to create shim task: .* flags: 0x7, data: size=1k,mode=x: invalid argument: unknown$/);
    expect(tmpfsSettings(tp({ tmpfsOptions: 'nr_blocks=5,mpol=default' }), P26)).toEqual({ readonly: false, exec: false, suid: false, dev: false, mode: 0o1777, uid: 0, gid: 0 });
  });
  it('refuses unknown options in each client’s words', () => {
    expect(tmpfsSettings(tp({ tmpfsOptions: 'bogus' }), P26)).toBe('invalid tmpfs option "bogus"');
    expect(tmpfsSettings(tp({ tmpfsOptions: 'bogus=1' }), P26)).toBe('invalid tmpfs option "bogus"');
    expect(tmpfsSettings(tp({ tmpfsOptions: 'size' }), P26)).toBe('invalid tmpfs option "size"');
    expect(tmpfsSettings(tp({ tmpfsOptions: 'ro=1' }), P26)).toBe('invalid tmpfs option "ro"');
    expect(tmpfsSettings(tp({ tmpfsOptions: '=x' }), P26)).toBe('invalid tmpfs option ""');
    expect(tmpfsSettings(tp({ tmpfsOptions: '=x' }), P20)).toBe('invalid tmpfs option ["" "x"]');
    expect(tmpfsSettings(tp({ tmpfsOptions: 'bogus' }), P20)).toBe('invalid tmpfs option ["bogus"]');
    expect(tmpfsSettings(tp({ tmpfsOptions: 'bogus=1' }), P20)).toBe('invalid tmpfs option ["bogus" "1"]');
  });
  it('/proc/mounts options in the kernel order', () => {
    const d = { readonly: false, exec: false, suid: false, dev: false, mode: 0o1777, uid: 0, gid: 0 };
    expect(tmpfsProcOptions(d)).toBe('rw,nosuid,nodev,noexec,relatime');
    expect(tmpfsProcOptions({ ...d, readonly: true, exec: true, suid: true, dev: true })).toBe('ro,relatime');
    expect(tmpfsProcOptions({ ...d, size: 1000, nrInodes: 7, mode: 0o700, uid: 1, gid: 2 })).toBe('rw,nosuid,nodev,noexec,relatime,size=1k,nr_inodes=7,mode=700,uid=1,gid=2');
    expect(tmpfsProcOptions({ ...d, size: 2048 })).toBe('rw,nosuid,nodev,noexec,relatime,size=2k');
  });
});

describe('findContainer', () => {
  const st = initialState();
  const mk = (id: string, name: string): Container => ({ id, name, mounts: [] }) as unknown as Container;
  addContainer(st, mk('abc1' + '0'.repeat(60), 'web'));
  addContainer(st, mk('abc2' + '0'.repeat(60), 'db'));
  addContainer(st, mk('def0' + '0'.repeat(60), 'abc1'));
  it('by name (with or without a slash), full ID, unique prefix', () => {
    expect(findContainer(st, 'web')?.name).toBe('web');
    expect(findContainer(st, '/db')?.name).toBe('db');
    expect(findContainer(st, 'abc2' + '0'.repeat(60))?.name).toBe('db');
    expect(findContainer(st, 'abc2')?.name).toBe('db');
    expect(findContainer(st, 'd')?.name).toBe('abc1');
  });
  it('a name wins over an ID prefix; ambiguous and empty refs find nothing', () => {
    expect(findContainer(st, 'abc1')?.name).toBe('abc1');
    expect(findContainer(st, 'abc')).toBeUndefined();
    expect(findContainer(st, '')).toBeUndefined();
    expect(findContainer(st, 'zzz')).toBeUndefined();
    // names and IDs are keys of the state's tables, never properties of an object
    for (const ref of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(findContainer(st, ref)).toBeUndefined();
  });
  it('an empty ref finds nothing even when one container exists', () => {
    const one = initialState();
    addContainer(one, mk('f'.repeat(64), 'solo'));
    expect(findContainer(one, '')).toBeUndefined();
    expect(findContainer(one, 'f')?.name).toBe('solo');
  });
});

describe('DaemonError', () => {
  it('is named for error reports', () => {
    const e = new DaemonError('boom');
    expect(e.name).toBe('DaemonError');
    expect(e.message).toBe('boom');
  });
});
