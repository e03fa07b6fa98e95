// The engine's state before the first command: the simulated host with the scenario's $PWD, a
// world-writable sticky /tmp and the devices scripts redirect to; busybox:latest as the only
// image; the seed and engine chosen.

import { describe, expect, it } from 'vitest';
import { HOST_CWD, initialState } from '../../src/engine/initial-state.ts';
import { BASE_IMAGE_ID, BASE_IMAGE_REF, BASE_MTIME } from '../../src/image/base.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { entryList, type Node } from '../../src/fs/node.ts';
import { tableKeys, tablePeek } from '../../src/engine/table.ts';

/** Every name in a tree, as paths. */
function names(node: Node, prefix = ''): string[] {
  if (node.kind !== 'dir') return [];
  return entryList(node).flatMap(([n, child]) => [`${prefix}/${n}`, ...names(child, `${prefix}/${n}`)]);
}

describe('initialState', () => {
  it('makes the host: $PWD owned by root (0755), a sticky world-writable /tmp, /dev, the system files of host-files.ts, and nothing else', () => {
    const st = initialState();
    expect(st.hostCwd).toBe(HOST_CWD);
    const host = memoryFs(st.host);
    expect(host.stat(HOST_CWD)).toMatchObject({ kind: 'dir', mode: 0o755, uid: 0, gid: 0 });
    expect(host.stat('/tmp')).toMatchObject({ kind: 'dir', mode: 0o1777 });
    expect(host.stat('/dev/null')).toMatchObject({ kind: 'chardev', device: 'null' });
    expect(host.readdir('/').sort()).toEqual(['dev', 'etc', 'home', 'root', 'run', 'tmp', 'usr', 'var']);
    const system = ['/etc', '/root', '/run', '/usr', '/var'];
    expect(names(st.host).filter((p) => !p.startsWith('/dev/') && !system.some((s) => p === s || p.startsWith(`${s}/`)))).toEqual([
      '/dev',
      '/home',
      '/home/student',
      '/home/student/work',
      '/tmp',
    ]);
    // the daemon's socket dates from the daemon's start, the clock's first value
    expect(host.stat('/var/run/docker.sock')).toMatchObject({ kind: 'socket', mtime: st.clock });
  });

  it("holds busybox:latest and nothing else, starts the clock at the reader's date (the oracle's a year after its files), and takes the engine and seed asked for", () => {
    // (oracleBase: the oracle's busybox:latest; a normal install's is test/image/busybox-real.test.ts')
    const st = initialState({ oracleBase: true });
    expect(st.engine).toBe('docker-26.1');
    expect(st.ids).toEqual({ seed: 'strata', counter: 0 });
    expect(st.tags).toEqual({ [BASE_IMAGE_REF]: BASE_IMAGE_ID });
    expect(tableKeys(st.images)).toEqual([BASE_IMAGE_ID]);
    const busybox = tablePeek(st.images, BASE_IMAGE_ID)!;
    expect(busybox.layers.map((l) => tablePeek(st.layers, l)!.size)).toEqual([busybox.history[0].size]);
    // a normal install starts at the reader's date, after every catalog image's Created; the
    // oracle's stand-ins at a year after its base image's files
    expect(st.clock).toBe(Date.UTC(2026, 11, 31) / 1000);
    expect(initialState({ busyboxStandIns: true }).clock).toBe(BASE_MTIME + 365 * 24 * 3600);
    expect(st.containers.order).toEqual([]);
    expect(st).not.toHaveProperty('daemon');
    expect(st.volumes.order).toEqual([]);
    const old = initialState({ engine: 'docker-20.10', seed: 'other' });
    expect(old.engine).toBe('docker-20.10');
    expect(old.ids).toEqual({ seed: 'other', counter: 0 });
  });
});
