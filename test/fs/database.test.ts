// The colon-separated databases (/etc/passwd, /etc/group) as runc's libcontainer/user and Go's
// os/user read them: a row per line, empty lines skipped, fields split at every `:` (an empty
// field stays a field); a file that cannot be read has no rows.
import { describe, expect, it } from 'vitest';
import { databaseRows } from '../../src/fs/database.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { dir, file } from '../../src/fs/node.ts';

describe('databaseRows', () => {
  it('splits lines at every colon, skips empty lines and reads nothing from a missing file', () => {
    const text = 'root:x:0:0:root:/root:/bin/sh\n\nnobody:x:65534:65534::/:\n\n';
    const fs = memoryFs(dir({}, { etc: dir({}, { passwd: file(text), group: file('') }) }));
    const rows = [
      ['root', 'x', '0', '0', 'root', '/root', '/bin/sh'],
      ['nobody', 'x', '65534', '65534', '', '/', ''],
    ];
    expect(databaseRows(fs, '/etc/passwd')).toEqual(rows);
    // the same text again (its rows are remembered) gives the same rows
    expect(databaseRows(fs, '/etc/passwd')).toEqual(rows);
    expect(databaseRows(fs, '/etc/group')).toEqual([]);
    expect(databaseRows(fs, '/etc/shadow')).toEqual([]);
    expect(databaseRows(fs, '/etc')).toEqual([]);
  });
});
