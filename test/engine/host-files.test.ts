// The simulated host's system files (src/engine/host-files.ts): what a Debian 12 host with
// docker.io has at the paths tutorials bind, as the oracle's host has them.

import { describe, expect, it } from 'vitest';
import { DOCKER_GID, withSystemFiles, ZONEINFO_UTC } from '../../src/engine/host-files.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { dir, file, setEntry } from '../../src/fs/node.ts';
import { errno } from '../fs/errno.ts';

const host = () => memoryFs(withSystemFiles(dir(), 1234));

describe('host system files', () => {
  it('have the daemon socket at /run/docker.sock, root:docker 0660, reached through the /var/run link, dated when the daemon started', () => {
    const fs = host();
    expect(fs.lstat('/var/run')).toMatchObject({ kind: 'symlink', target: '/run' });
    expect(fs.stat('/var/run/docker.sock')).toMatchObject({ kind: 'socket', mode: 0o660, uid: 0, gid: DOCKER_GID, size: 0, mtime: 1234 });
    expect(fs.readFile('/etc/group').split('\n')).toContain(`docker:x:${DOCKER_GID}:`);
  });

  it('refuse to open the socket for reading or writing (ENXIO), also on a path the user may not write', () => {
    const fs = host();
    expect(errno(() => fs.readFile('/run/docker.sock'))).toBe('ENXIO');
    expect(errno(() => fs.writeFile('/run/docker.sock', 'x'))).toBe('ENXIO');
    const other = memoryFs(withSystemFiles(dir(), 0), { uid: 1000, gid: 1000 });
    expect(errno(() => other.readFile('/run/docker.sock'))).toBe('EACCES');
    expect(errno(() => other.writeFile('/run/docker.sock', 'x'))).toBe('EACCES');
  });

  it('have /etc/localtime a link into tzdata (Etc/UTC, a 114-byte TZif2 file ending in its TZ string), /etc/timezone naming the zone', () => {
    const fs = host();
    expect(fs.lstat('/etc/localtime')).toMatchObject({ kind: 'symlink', target: '/usr/share/zoneinfo/Etc/UTC' });
    const tz = fs.readFile('/etc/localtime');
    expect(tz.length).toBe(114);
    expect(tz.slice(0, 5)).toBe('TZif2');
    expect(tz.slice(54, 59)).toBe('TZif2');
    expect(tz.endsWith('\nUTC0\n')).toBe(true);
    expect(tz).toBe(ZONEINFO_UTC);
    expect(fs.readFile('/usr/share/zoneinfo/UTC')).toBe(tz);
    expect(fs.readFile('/etc/timezone')).toBe('Etc/UTC\n');
  });

  it('have hostname, hosts, passwd and os-release as a Debian 12 install writes them', () => {
    const fs = host();
    expect(fs.readFile('/etc/hostname')).toBe('host\n');
    expect(fs.readFile('/etc/hosts').split('\n').slice(0, 2)).toEqual(['127.0.0.1\tlocalhost', '127.0.1.1\thost']);
    expect(fs.readFile('/etc/passwd').split('\n')[0]).toBe('root:x:0:0:root:/root:/bin/bash');
    expect(fs.lstat('/etc/os-release')).toMatchObject({ kind: 'symlink', target: '../usr/lib/os-release' });
    expect(fs.readFile('/etc/os-release').split('\n')[0]).toBe('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"');
    expect(fs.stat('/root')).toMatchObject({ kind: 'dir', mode: 0o700 });
    expect(fs.stat('/var/tmp')).toMatchObject({ kind: 'dir', mode: 0o1777 });
    expect(fs.readdir('/var/log')).toEqual([]);
  });

  it('keep what the root already has at those names', () => {
    const root = dir();
    setEntry(root, 'etc', dir({}, [['mine', file('x')]]));
    const fs = memoryFs(withSystemFiles(root, 0));
    expect(fs.readdir('/etc')).toEqual(['mine']);
    expect(fs.stat('/run/docker.sock').kind).toBe('socket');
  });
});
