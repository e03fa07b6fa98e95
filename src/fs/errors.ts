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
  | 'EACCES'
  | 'ENXIO'
  | 'EADDRINUSE';

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
  ENXIO: 'No such device or address',
  EADDRINUSE: 'Address already in use',
};

/** The errno as Go's syscall package words it (`no such file or directory`), for the docker CLI's messages. */
export function goErrorText(code: Errno): string {
  return STRERROR[code].toLowerCase();
}

/**
 * An errno from a file-system call. It is thrown on ordinary paths (a PATH search misses in every
 * directory but one; `[ -e ]`, globs and `exists` probe), so it carries no stack trace: capturing
 * one cost more than the lookup that failed (5% of the engine's time over the recorded corpus).
 */
export class FsError extends Error {
  readonly code: Errno;
  readonly path: string;

  constructor(code: Errno, path: string) {
    // stackTraceLimit is V8's (Node, Chromium); elsewhere setting it is harmless.
    const V8Error = Error as ErrorConstructor & { stackTraceLimit?: number };
    const limit = V8Error.stackTraceLimit;
    V8Error.stackTraceLimit = 0;
    super(`${code}: ${path}`);
    V8Error.stackTraceLimit = limit;
    this.code = code;
    this.path = path;
    this.name = 'FsError';
  }
}

export function isFsError(e: unknown): e is FsError {
  return e instanceof FsError;
}

/**
 * A budget of the simulation ran out (a directory nested too deep here; a script's steps or
 * bytes in the shell, whose ShellLimitError is this class). Nothing a real system would say, so
 * it is no errno: the engine reports it as `strata: MESSAGE` with exit status 125.
 */
export class LimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellLimitError';
  }
}

/**
 * What strata does not simulate, met while a command runs, where any answer would be a wrong one
 * (the value of $RANDOM, the bytes of a file a real server wrote: node.ts `placeholder`): the
 * engine refuses the whole command line by name (engine.ts), nothing kept. The shell's
 * ShellNotSimulated (shell/types.ts) is this class.
 */
export class ShellNotSimulated extends LimitError {}

/**
 * How deep a directory tree may grow (a root's own entries are at depth 1). Linux sets no such
 * limit, but much of the simulation walks trees recursively (copy-up, sizes, immer's drafts), so
 * a tree thousands of levels deep would overflow the stack; and a lookup walks from the root,
 * so copying a tree costs the cube of its depth (`cp -r` of a 250-level tree took 4 s). Real
 * scenarios stay far below this (node_modules nests a few dozen levels).
 */
export const MAX_PATH_DEPTH = 128;

/**
 * The largest file the simulation holds, as the shell's byte budget (types.ts defaultBudget) for
 * streams: whatever writes a file (dd, tee, cp, an applet's output file) stops here instead of
 * growing a string past memory.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The budget refusal for a file that would grow to `size` bytes. */
export function fileSizeLimit(path: string, size: number): LimitError {
  return new LimitError(`file ${path} exceeded the size limit (${MAX_FILE_BYTES} bytes; it would be ${size})`);
}

/** The budget refusal for compressed data (gzip, bzip2, xz) that decompresses past the file size limit. */
export function decompressionLimit(format: string): LimitError {
  return new LimitError(`${format} data decompresses past the size limit of ${MAX_FILE_BYTES} bytes`);
}

/** The budget refusal for an entry `depth` levels deep. */
export function depthLimit(depth: number): LimitError {
  return new LimitError(`a path ${depth} levels deep exceeds the budget of ${MAX_PATH_DEPTH} levels`);
}
