// File-system errors carry a Linux errno; the shell's applets turn them into each tool's words.

export type Errno =
  | 'ENOENT'
  | 'EEXIST'
  | 'ENOTDIR'
  | 'EISDIR'
  | 'ENOTEMPTY'
  | 'EROFS'
  | 'ENOSPC'
  | 'ELOOP'
  | 'EINVAL'
  | 'EXDEV'
  | 'EBUSY'
  | 'EPERM'
  | 'EACCES';

/** strerror(3) text as glibc prints it (the oracle's busybox-static is linked against glibc too). */
export const STRERROR: Record<Errno, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EROFS: 'Read-only file system',
  ENOSPC: 'No space left on device',
  ELOOP: 'Too many levels of symbolic links',
  EINVAL: 'Invalid argument',
  EXDEV: 'Invalid cross-device link',
  EBUSY: 'Device or resource busy',
  EPERM: 'Operation not permitted',
  EACCES: 'Permission denied',
};

/** The errno as Go's syscall package words it (`no such file or directory`), for the docker CLI's messages. */
export function goErrorText(code: Errno): string {
  return STRERROR[code].toLowerCase();
}

export class FsError extends Error {
  constructor(
    readonly code: Errno,
    readonly path: string,
  ) {
    super(`${code}: ${path}`);
    this.name = 'FsError';
  }
}

export function isFsError(e: unknown): e is FsError {
  return e instanceof FsError;
}
