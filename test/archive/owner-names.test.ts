// The owner names of a 20.10 daemon's container archives: looked up in the container's own
// /etc/passwd and /etc/group as Go's os/user reads them (recorded: shell/symlink-times).

import { describe, expect, it } from 'vitest';
import { withOwnerNames } from '../../src/archive/owner-names.ts';
import type { TarEntry } from '../../src/archive/tar.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { dir, file } from '../../src/fs/node.ts';
import { PROFILES } from '../../src/engine/profile.ts';

const NAMES = PROFILES['docker-20.10'];

const entry = (uid: number, gid: number): TarEntry => ({ name: 'f', type: 'file', mode: 0o644, uid, gid, mtime: 0, data: '' });

function rootWith(passwd: string | undefined, group: string | undefined) {
  const etc: Record<string, ReturnType<typeof file>> = {};
  if (passwd !== undefined) etc.passwd = file(passwd);
  if (group !== undefined) etc.group = file(group);
  return memoryFs(dir({}, { etc: dir({}, etc) }));
}

describe('withOwnerNames', () => {
  it("names each id after the first line of the container's files that has it", () => {
    const fs = rootWith('root:x:0:0:root:/root:/bin/sh\nsync:x:5:0:sync:/sbin:/bin/sync\nlater:x:5:0::/:/bin/sh\n', 'root:x:0:root\ntty:x:5:\nagain:x:5:\n');
    const [a, b] = withOwnerNames(NAMES, fs, [entry(0, 0), entry(5, 5)]);
    expect([a.uname, a.gname, b.uname, b.gname]).toEqual(['root', 'root', 'sync', 'tty']);
  });

  it('skips what os/user skips: short lines, empty names, NIS entries and ids that are no number', () => {
    const fs = rootWith(
      'short:x:7:7:gecos\n:x:8:8::/:/bin/sh\n+nis:x:9:9::/:/bin/sh\n-nis:x:10:10::/:/bin/sh\nodd:x:1x:1::/:/bin/sh\nu11:x:11:11::/:/bin/sh\n',
      'g7:x\n+g9:x:9:\n-g10:x:10:\ng11:x:11:\n',
    );
    const named = withOwnerNames(NAMES, fs, [7, 8, 9, 10, 11].map((id) => entry(id, id)));
    expect(named.map((e) => [e.uname, e.gname])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
      [undefined, undefined],
      ['u11', 'g11'],
    ]);
  });

  it('leaves an id no file names as a number', () => {
    const fs = rootWith('root:x:0:0:root:/root:/bin/sh\n', undefined);
    const [known, unknown] = withOwnerNames(NAMES, fs, [entry(0, 0), entry(42, 42)]);
    expect(known).toEqual({ ...entry(0, 0), uname: 'root', gname: 'root' });
    expect(unknown).toEqual(entry(42, 42));
  });

  it("falls back to nss-systemd's root, nobody and nogroup where the files do not name 0 or 65534 (cp/pci-export-names2)", () => {
    // files missing, broken, or naming only other ids
    for (const fs of [rootWith(undefined, undefined), rootWith('broken\n', 'broken\n'), rootWith('x:x:1:1::/:/bin/sh\n', 'x:x:1:\n')]) {
      const named = withOwnerNames(NAMES, fs, [entry(0, 0), entry(65534, 65534), entry(7, 7)]);
      expect(named.map((e) => [e.uname, e.gname])).toEqual([
        ['root', 'root'],
        ['nobody', 'nogroup'],
        [undefined, undefined],
      ]);
    }
    // the container's own names come first
    const own = rootWith('admin:x:0:0::/:/bin/sh\nnobody2:x:65534:65534::/:/bin/sh\n', 'broken\nnobody:x:65534:\n');
    expect(withOwnerNames(NAMES, own, [entry(0, 0), entry(65534, 65534)]).map((e) => [e.uname, e.gname])).toEqual([
      ['admin', 'root'],
      ['nobody2', 'nobody'],
    ]);
  });

  it('names nothing for a daemon from 23.0 (FileInfoHeaderNoLookups), whatever the files say', () => {
    const fs = rootWith('root:x:0:0:root:/root:/bin/sh\n', 'root:x:0:\n');
    expect(withOwnerNames(PROFILES['docker-26.1'], fs, [entry(0, 0)])).toEqual([entry(0, 0)]);
  });
});
