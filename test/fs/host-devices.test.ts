// The simulated host's /dev (src/fs/memory.ts withDevices): who owns each device node. A new file
// (not in helpers.test.ts) because Stryker 9.6 knows tests by file only: an edit of a test file
// sends every mutant its tests killed back to be tested again (docs/mutation.md, "Reproduce").
//
// Ground truth: on a systemd host udev gives /dev/tty the group tty and mode 0666 (systemd
// rules.d/50-udev-default.rules.in: `SUBSYSTEM=="tty", KERNEL=="tty", GROUP="tty", MODE="0666"`),
// and tty is gid 5 in Debian's base-passwd group.master (the simulated host's /etc/group,
// src/engine/host-files.ts); no rule names null, zero, full, random or urandom, which stay
// root:root 0666 as devtmpfs makes them (Linux drivers/char/mem.c devlist, mode 0666).
import { describe, expect, it } from 'vitest';
import { memoryFs } from '../../src/fs/memory.ts';
import { dir } from '../../src/fs/node.ts';

describe("the simulated host's /dev", () => {
  it('gives /dev/tty the tty group (gid 5), the memory devices stay root:root', () => {
    for (const fs of [memoryFs(), memoryFs(dir({}, { dev: dir() }))]) {
      expect(fs.stat('/dev/tty')).toMatchObject({ kind: 'chardev', device: 'tty', uid: 0, gid: 5, mode: 0o666 });
      for (const name of ['null', 'zero', 'full', 'random', 'urandom']) {
        expect(fs.stat(`/dev/${name}`)).toMatchObject({ kind: 'chardev', uid: 0, gid: 0, mode: 0o666 });
      }
    }
  });
});
