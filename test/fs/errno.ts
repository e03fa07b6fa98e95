// The errno a file-system call fails with, or undefined when it succeeds (for tests of refused
// calls); any other exception is a bug and goes on up.
import { FsError, type Errno } from '../../src/fs/errors.ts';

export function errno(f: () => unknown): Errno | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
}
