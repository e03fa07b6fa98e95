// The colon-separated databases of a root file system (/etc/passwd, /etc/group), as the lookups of
// runc, BuildKit and Go's os/user read them: one row a line, fields split at `:`.

import { BoundedMemo } from '../engine/memos.ts';
import type { Vfs } from './vfs.ts';

/**
 * The rows of a database's text. Every container start and exec looks its user up, in the same
 * few files (the images' /etc/passwd and /etc/group), so the rows of a text are kept: a function
 * of the text alone, shared, only read.
 */
const ROWS = new BoundedMemo<string, readonly (readonly string[])[]>(256);
/** Texts longer than this are split each time (a memo must not hold large strings). */
const MEMO_MAX_TEXT = 65536;

function rowsOf(text: string): readonly (readonly string[])[] {
  let rows = ROWS.get(text);
  // Stryker disable next-line ConditionalExpression: splitting a remembered text again gives the same rows
  if (rows === undefined) {
    rows = text.split('\n').filter((l) => l !== '').map((l) => l.split(':'));
    // Stryker disable next-line all: which texts are remembered never changes their rows
    if (text.length <= MEMO_MAX_TEXT) ROWS.set(text, rows);
  }
  return rows;
}

/** Rows of a colon-separated database (blank lines left out); none when the file cannot be read. */
export function databaseRows(fs: Vfs, path: string): readonly (readonly string[])[] {
  let text: string;
  try {
    // Bytes, like the names they are matched against (fs/utf8.ts).
    text = fs.readFile(path);
  } catch {
    return [];
  }
  return rowsOf(text);
}
