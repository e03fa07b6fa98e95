// The colon-separated databases of a root file system (/etc/passwd, /etc/group), as the lookups of
// runc, BuildKit and Go's os/user read them: one row a line, fields split at `:`.

import type { Vfs } from './vfs.ts';

/** Rows of a colon-separated database (blank lines left out); none when the file cannot be read. */
export function databaseRows(fs: Vfs, path: string): string[][] {
  try {
    // Bytes, like the names they are matched against (fs/utf8.ts).
    return fs.readFile(path).split('\n').filter((l) => l !== '').map((l) => l.split(':'));
  } catch {
    return [];
  }
}
