// The only place strata touches real files: finding, reading and writing scenario files.
//
// Everything here is written for a hostile or unlucky file system: no error escapes as a Node
// stack trace (each becomes a CliError naming the path), a read never runs past a size budget
// (`strata check /dev/zero` must end), and a write never leaves a file half written: the new text
// goes to a temporary file in the same directory, is flushed to disk and renamed over the target,
// so a crash or SIGKILL leaves either the old file or the new one. A lock file next to the target
// keeps two strata processes from updating one file at once.

import {
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeScenario } from '../scenario/parse.ts';

/** A failure the CLI reports as one line (`strata: MESSAGE`), with the exit status to use. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * Largest scenario file strata reads. Recorded scenarios are a few kilobytes; a docs author's
 * file with a long output is a few megabytes. The budget keeps `strata check /dev/zero` or a
 * runaway generated file from exhausting memory (a file's text is held several times over while
 * it is parsed, replayed and diffed).
 */
export const MAX_SCENARIO_BYTES = 32 * 1024 * 1024;

const CODES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in system',
  EIO: 'input/output error',
  EBUSY: 'device or resource busy',
  ETXTBSY: 'text file busy',
  EXDEV: 'cross-device link',
  EFBIG: 'file too large',
};

/** The words of an errno error (`permission denied`), without Node's stack or syscall text. */
export function errnoText(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return CODES[code] ?? code;
  return e instanceof Error ? e.message : String(e);
}

const codeOf = (e: unknown): string | undefined => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** What a walk found: scenario files in order, and paths it could not use (with the reason). */
export interface FoundFiles {
  files: string[];
  problems: { path: string; message: string }[];
}

const isScenario = (name: string): boolean => name.endsWith('.scenario');
/** Scenarios and Markdown pages (`strata check`; a page without console blocks is skipped later). */
const isScenarioOrPage = (name: string): boolean => isScenario(name) || /\.(md|markdown)$/i.test(name);

/**
 * Files given by name, and every `*.scenario` and Markdown page below directories (sorted, recursive). Never
 * throws: a missing path, an unreadable directory or a dangling `*.scenario` symlink is a
 * problem to report, and the walk goes on. A directory reached twice (a symlink loop) is walked
 * once.
 */
export function findScenarios(paths: readonly string[], opts: { pages?: boolean } = {}): FoundFiles {
  const checkable = opts.pages ? isScenarioOrPage : isScenario;
  const files: string[] = [];
  const problems: FoundFiles['problems'] = [];
  const seenDirs = new Set<string>();
  // Depth first, entries sorted, with a stack of open directories instead of recursion: a real
  // tree can be deeper than the JavaScript stack (Linux sets no limit on depth).
  const walkDir = (root: string, rootSt: Stats): void => {
    const stack: { path: string; names: string[]; next: number }[] = [];
    const open = (p: string, st: Stats): void => {
      const key = `${st.dev}:${st.ino}`;
      if (seenDirs.has(key)) return;
      seenDirs.add(key);
      try {
        stack.push({ path: p, names: readdirSync(p).sort(), next: 0 });
      } catch (e) {
        problems.push({ path: p, message: `cannot read directory: ${errnoText(e)}` });
      }
    };
    open(root, rootSt);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next >= top.names.length) {
        stack.pop();
        continue;
      }
      const name = top.names[top.next++];
      const child = join(top.path, name);
      let cst: Stats;
      try {
        cst = statSync(child);
      } catch (e) {
        // a dangling symlink or an entry that vanished: only a problem when it is a scenario
        if (checkable(name)) problems.push({ path: child, message: describeBroken(child, e) });
        continue;
      }
      if (cst.isDirectory()) open(child, cst);
      else if (checkable(name)) {
        if (cst.isFile()) files.push(child);
        else problems.push({ path: child, message: 'not a regular file' });
      }
    }
  };
  for (const p of paths) {
    if (p === '-') {
      files.push(p);
      continue;
    }
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      problems.push({ path: p, message: describeBroken(p, e) });
      continue;
    }
    if (st.isDirectory()) walkDir(p, st);
    else files.push(p);
  }
  return { files, problems };
}

function describeBroken(p: string, e: unknown): string {
  if (codeOf(e) === 'ENOENT') {
    try {
      if (lstatSync(p).isSymbolicLink()) return 'dangling symbolic link (its target does not exist)';
    } catch {
      // not there at all
    }
  }
  return errnoText(e);
}

/** Files, or every `*.scenario` below directories (sorted, recursive). Throws CliError on a problem. */
export function expandPaths(paths: string[]): string[] {
  const found = findScenarios(paths);
  if (found.problems.length > 0) throw new CliError(`${found.problems[0].path}: ${found.problems[0].message}`);
  return found.files;
}

/**
 * The bytes of a file, at most `max`: CliError when it is not a regular file (a directory, a
 * device such as /dev/zero, a FIFO) or is larger. `-` reads standard input (up to `max`).
 */
export function readBytes(path: string, max = MAX_SCENARIO_BYTES): Uint8Array {
  const name = path === '-' ? 'standard input' : path;
  let fd: number;
  let own = true;
  if (path === '-') {
    fd = 0;
    own = false;
  } else {
    try {
      // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below)
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
      throw new CliError(`${name}: ${describeBroken(path, e)}`);
    }
  }
  try {
    if (own) {
      const st = fstatSync(fd);
      if (st.isDirectory()) throw new CliError(`${name}: is a directory (give a .scenario file, or use \`strata check DIR\`)`);
      if (!st.isFile()) throw new CliError(`${name}: not a regular file`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(1 << 16);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        const code = codeOf(e);
        if (code === 'EAGAIN') {
          // a non-blocking stdin with nothing yet: wait for it, as a blocking read would
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
          continue;
        }
        if (code === 'EOF') break;
        throw new CliError(`${name}: cannot read: ${errnoText(e)}`);
      }
      if (n === 0) break;
      total += n;
      if (total > max) {
        throw new CliError(`${name}: larger than ${max / (1024 * 1024)} MiB, the limit for a scenario file`);
      }
      chunks.push(Buffer.from(buf.subarray(0, n)));
    }
    return Buffer.concat(chunks, total);
  } finally {
    if (own) closeSync(fd);
  }
}

/** A scenario file's text: read within the size budget, decoded strictly (ScenarioSyntaxError). */
export function readScenarioText(path: string, max = MAX_SCENARIO_BYTES): string {
  return decodeScenario(readBytes(path, max), path === '-' ? '<stdin>' : path);
}

/** Kept for callers that trust their files (tests, benchmarks): UTF-8 text of a file. */
export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Locking and atomic writes

/** Whether process `pid` exists (a lock whose holder is gone is stale). */
function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else
    return codeOf(e) === 'EPERM';
  }
}

const lockPathOf = (real: string): string => join(dirname(real), `.${basename(real)}.strata-lock`);
const tempPathOf = (real: string, pid: number): string => join(dirname(real), `.${basename(real)}.strata-${pid}.tmp`);

/** A held lock on one target file. */
export interface FileLock {
  /** The file the lock protects, symlinks resolved. */
  readonly target: string;
  readonly lockPath: string;
  release(): void;
}

function readLockPid(lockPath: string): number | undefined {
  try {
    const text = readFileSync(lockPath, 'utf8').trim();
    return /^\d+$/.test(text) ? Number(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Take the update lock of `path` (a file next to its real target, created exclusively, holding
 * this process's PID). A lock left by a process that no longer exists (killed during an update)
 * is stale and taken over, and that process's temporary file is removed. CliError (exit 2) when
 * another live strata holds it.
 */
export function lockFile(path: string): FileLock {
  let target: string;
  try {
    target = realpathSync(path);
  } catch (e) {
    throw new CliError(`${path}: cannot update: ${describeBroken(path, e)}`);
  }
  const lockPath = lockPathOf(target);
  const me = String(process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx', 0o644);
    } catch (e) {
      if (codeOf(e) !== 'EEXIST') throw new CliError(`${path}: cannot update: cannot create the lock file ${lockPath}: ${errnoText(e)}`);
      const holder = readLockPid(lockPath);
      if (holder !== undefined && holder !== process.pid && alive(holder)) {
        throw new CliError(`${path}: another strata (PID ${holder}) is updating this file; not written (lock ${lockPath})`);
      }
      if (holder === undefined && attempt === 0) {
        // being written by its creator right now (created, PID not yet in it): look again
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
        continue;
      }
      // Stale: move it aside atomically (two processes taking it over cannot both win), check
      // that what was moved is still the stale lock, then retry the exclusive create.
      const aside = `${lockPath}.stale-${me}`;
      try {
        renameSync(lockPath, aside);
      } catch {
        continue; // someone else moved it first
      }
      const moved = readLockPid(aside);
      if (moved !== holder && moved !== undefined && alive(moved)) {
        // we moved a live lock someone took meanwhile: put it back and give way
        try {
          linkSync(aside, lockPath);
        } catch {
          // a third process holds it now; either way it is not ours
        }
        try { unlinkSync(aside); } catch { /* already gone */ }
        throw new CliError(`${path}: another strata (PID ${moved}) is updating this file; not written (lock ${lockPath})`);
      }
      try { unlinkSync(aside); } catch { /* already gone */ }
      if (holder !== undefined) {
        try { unlinkSync(tempPathOf(target, holder)); } catch { /* none left */ }
      }
      continue;
    }
    try {
      writeSync(fd, `${me}\n`);
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      target,
      lockPath,
      release: () => {
        if (released) return;
        released = true;
        if (readLockPid(lockPath) === process.pid) {
          try { unlinkSync(lockPath); } catch { /* already gone */ }
        }
      },
    };
  }
  throw new CliError(`${path}: another strata is updating this file; not written (lock ${lockPath})`);
}

/**
 * Replace the contents of `path` (of its real target, when it is a symlink) with `text`, if the
 * file still holds `before` (the bytes the new text was computed from). Under the file's lock:
 * the bytes are read again (a file changed meanwhile, by an editor or another strata, is not
 * overwritten), then the text goes to a temporary file in the same directory (same mode and,
 * when permitted, same owner), is fsynced and renamed over the target, and the directory is
 * fsynced. A crash at any point leaves the old file or the new one, never a third state.
 * A read-only target is refused rather than replaced (rename would ignore its mode).
 *
 * The lock is only held for this short step, not while the scenario replays: two updates of one
 * file replay side by side, and the second to get here finds the file changed and refuses. A
 * signal ends the process at once (synchronous code cannot run a handler before it is done); a
 * lock or temporary file left behind then is stale, and the next strata takes it over.
 */
export function updateFile(path: string, before: Uint8Array, text: string): void {
  const lock = lockFile(path);
  try {
    const target = lock.target;
    let st: Stats;
    try {
      st = statSync(target);
    } catch (e) {
      throw new CliError(`${path}: cannot update: ${errnoText(e)}`);
    }
    if (!st.isFile()) throw new CliError(`${path}: cannot update: not a regular file`);
    try {
      // rename would replace a read-only file without complaint: honour its mode instead
      closeSync(openSync(target, 'r+'));
    } catch (e) {
      throw new CliError(`${path}: cannot update: ${errnoText(e)}; not written`);
    }
    const now = readBytes(target, Math.max(MAX_SCENARIO_BYTES, before.length));
    if (!Buffer.from(now.buffer, now.byteOffset, now.byteLength).equals(Buffer.from(before.buffer, before.byteOffset, before.byteLength))) {
      throw new CliError(`${path}: the file changed while strata was replaying it (another strata or an editor); not written`);
    }
    writeReplacing(target, st, text, path);
  } finally {
    lock.release();
  }
}

/**
 * Write `text` to `path` whole or not at all, as updateFile writes (a temporary file in the same
 * directory, renamed over it): a new file gets the umask's mode, an existing one (its real
 * target, for a symlink) keeps its mode and owner. `strata shell`'s :save.
 */
export function writeWhole(path: string, text: string): void {
  let target = path;
  let st: Stats | undefined;
  try {
    target = realpathSync(path);
    st = statSync(target);
  } catch (e) {
    if (codeOf(e) !== 'ENOENT') throw new CliError(`${path}: cannot write: ${errnoText(e)}`);
  }
  if (st !== undefined && !st.isFile()) throw new CliError(`${path}: cannot write: not a regular file`);
  writeReplacing(target, st, text, path);
}

/** `text` into a temporary file renamed over `target`; `st`: the file it replaces (undefined: a new one). */
function writeReplacing(target: string, st: Stats | undefined, text: string, display: string): void {
  const tmp = tempPathOf(target, process.pid);
  // a new file: open's mode under the umask, as any file the user's tools make
  const mode = st === undefined ? 0o666 : st.mode & 0o7777;
  let created = false;
  try {
    let fd: number;
    try {
      fd = openSync(tmp, 'wx', mode);
    } catch (e) {
      if (codeOf(e) !== 'EEXIST') throw e;
      // left by a process with this PID in an earlier life (PIDs are reused): ours to replace
      unlinkSync(tmp);
      fd = openSync(tmp, 'wx', mode);
    }
    created = true;
    try {
      const data = Buffer.from(text, 'utf8');
      let off = 0;
      while (off < data.length) off += writeSync(fd, data, off, data.length - off);
      // the umask may have narrowed the mode; and keep the owner when we may (root)
      if (st !== undefined) {
        fchmodSync(fd, st.mode & 0o7777);
        if (st.uid !== process.getuid?.() || st.gid !== process.getgid?.()) {
          try { fchownSync(fd, st.uid, st.gid); } catch { /* not permitted: the file becomes ours */ }
        }
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
    created = false;
    try {
      const dfd = openSync(dirname(target), 'r');
      try { fsyncSync(dfd); } finally { closeSync(dfd); }
    } catch {
      // some file systems cannot fsync a directory; the rename itself is still atomic
    }
  } catch (e) {
    throw new CliError(st === undefined ? `${display}: cannot write: ${errnoText(e)}` : `${display}: cannot update: ${errnoText(e)}; the file is unchanged`);
  } finally {
    if (created) {
      try { unlinkSync(tmp); } catch { /* already gone */ }
    }
  }
}
