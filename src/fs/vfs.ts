// The interface every simulated file system offers to the shell and to docker commands:
// a process's view of one mount namespace (a container's root with its mounts, or the host).
// Paths are absolute; relative paths are joined with the shell's cwd before they get here.

import type { DeviceName, NodeKind } from './node.ts';

export interface Stat {
  kind: NodeKind;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  /** For symlinks (lstat only). */
  target?: string;
  device?: DeviceName;
  /** Where the entry lives: which mount (target path) and which kind of file system. */
  mount: string;
  /** Hard links, when the file system says so itself (overlayfs: 1 for a merged directory; a hard-linked file's count). */
  nlink?: number;
  /** A hard-linked file's inode identity in its file system (see hard-link.ts); undefined for one name. */
  ino?: number;
}

export interface StatFs {
  /** Mount point the path lives on. */
  mountpoint: string;
  /** `tmpfs`, `overlay`, `ext4` ... as /proc/mounts would say. */
  fstype: string;
  device: string;
  /** Capacity in bytes (tmpfs size; a large constant for disks). */
  capacity: number;
  used: number;
}

export interface WriteOptions {
  append?: boolean;
  /** Mode for a newly created file (before the umask). */
  mode?: number;
  /** Fail with EEXIST if the file exists (O_EXCL). */
  exclusive?: boolean;
  /**
   * `data` is a placeholder's, copied unread (Vfs.readToCopy): the file written is a placeholder
   * too (node.ts FileNode.placeholder). Refused on a file system of a set size (whether it fits is
   * not known).
   */
  placeholder?: boolean;
  /** With `placeholder`: the copied placeholder's identity (CopiedContents.placeholderId), which the copy keeps. */
  placeholderId?: string;
}

/** A file's bytes as a copy reads them (Vfs.readToCopy). */
export interface CopiedContents {
  data: string;
  /** The bytes are a placeholder's (node.ts FileNode.placeholder), which the copy carries unread: write them with WriteOptions.placeholder. */
  placeholder: boolean;
  /** The placeholder's identity (node.ts FileNode.placeholderId): write it with WriteOptions.placeholderId. */
  placeholderId?: string;
}

/** A directory's names as a recursive copy reads them (Vfs.entriesToCopy). */
export interface CopiedEntries {
  names: string[];
  /**
   * The directory also holds files of a real server's that strata does not know (node.ts
   * DirNode.placeholder), which the copy carries: mark the copy (Vfs.markCopyIncomplete).
   */
  incomplete: boolean;
}

export interface UtimesOptions {
  noFollow?: boolean;
  now?: boolean;
}

/**
 * What a server stand-in's program writes, by its server's rules (src/image/catalog/data-dirs.ts):
 * see Namespace.standInView.
 */
export interface StandInRules {
  /** The directory at `path`, which the program made (`made`) or adds a name to, holds names of the real server's that the stand-in does not make (DirNode.placeholder). */
  incompleteDir(path: string, made: boolean): boolean;
  /** The stand-in writes the file at `path` with the real server's bytes (postgres' PG_VERSION): no placeholder. */
  exactFile(path: string): boolean;
  /** The file the stand-in makes at `path` is the real server's socket (node.ts SocketNode.standIn). */
  socket?(path: string): boolean;
}

/** A process's uid, gid and supplementary groups. */
export interface Credentials {
  uid: number;
  gid: number;
  groups: readonly number[];
}

export interface Vfs {
  /** Identity of the process: used for ownership of new files. */
  readonly uid: number;
  readonly gid: number;
  /** Supplementary groups beyond the primary one (`--group-add`); none when absent. */
  readonly groups?: readonly number[];
  /** The process's file mode creation mask: new files and directories lose these mode bits. */
  readonly umask: number;
  /** This file system as seen by a process with another umask. */
  withUmask(mask: number): Vfs;
  /**
   * This file system as the same process sees it once it took other credentials (busybox `su`:
   * setgid, setuid, then its shell): what it may open, and who owns what it makes. Absent where
   * a process cannot change its user (strata's host).
   */
  asUser?(ids: Credentials): Vfs;
  lstat(path: string): Stat;
  stat(path: string): Stat;
  /** lstat, or undefined when nothing is there (ENOENT, which is not thrown); other errors are thrown. */
  lstatIfAny(path: string): Stat | undefined;
  /** stat, or undefined when nothing is there (ENOENT, which is not thrown); other errors are thrown. */
  statIfAny(path: string): Stat | undefined;
  exists(path: string): boolean;
  /** Entry names of a directory (symlinks followed), unsorted. */
  readdir(path: string): string[];
  /** The names `rm -r` removes in a directory: readdir's, and a server's directory whose names strata does not all know when removing them all cannot fail (namespace.ts). */
  entriesToRemove?(path: string): string[];
  /**
   * The names a recursive copy (cp -r, a cross-device mv, tar c, docker cp) reads in a directory:
   * readdir's, and a server's directory whose names strata does not all know where this process
   * may read every file in it (namespace.ts).
   */
  entriesToCopy(path: string): CopiedEntries;
  /** readFile's, and a placeholder's bytes too, marked, for a copy to carry unread (never to show). */
  readToCopy(path: string): CopiedContents;
  /**
   * The directory at `path`, made empty by a copy, gets the files a real server's directory held
   * that strata does not know (CopiedEntries.incomplete): it is marked as that one is.
   */
  markCopyIncomplete(path: string): void;
  /**
   * Content of a regular file (symlinks followed), at most `limit` bytes. Devices: '' for
   * /dev/null, `limit` bytes for /dev/zero and /dev/urandom, which never end: without a limit,
   * reading them is the size budget's LimitError.
   */
  readFile(path: string, limit?: number): string;
  writeFile(path: string, data: string, opts?: WriteOptions): void;
  mkdir(path: string, mode?: number): void;
  rmdir(path: string): void;
  unlink(path: string): void;
  rename(from: string, to: string): void;
  symlink(target: string, path: string): void;
  /** link(2): `path` becomes another name of the entry at `existing` (same mount, no directory). */
  link(existing: string, path: string): void;
  /** Create a character device node (mknod(2)), as `cp -r` makes a copy of one. */
  mknod(path: string, device: DeviceName, mode: number): void;
  /**
   * Create a Unix domain socket's name (node.ts SocketNode): what bind(2) of a socket to the path
   * leaves (mode 0777 less the umask, as net/unix/af_unix.c unix_bind gives it), or mknod(2) of
   * S_IFSOCK with `mode` (`cp -a` of a socket).
   */
  mksocket(path: string, mode: number): void;
  /** Create a named pipe (node.ts FifoNode): mkfifo(3), mknod(2) of S_IFIFO, with `mode` less the umask. */
  mkfifo(path: string, mode: number): void;
  readlink(path: string): string;
  chmod(path: string, mode: number): void;
  /** chown(2); `clearSetid`: the kernel's clearing of set-ID bits (namespace.ts Namespace.chown). */
  chown(path: string, uid: number, gid: number, noFollow?: boolean, clearSetid?: boolean): void;
  /**
   * utimensat(2). `noFollow` (AT_SYMLINK_NOFOLLOW) sets a symlink's own time, as lutimes; `now`
   * is a NULL times argument (touch without a date), which a user who may write the file may do,
   * where setting a given time takes its owner.
   */
  utimes(path: string, mtime: number, opts?: UtimesOptions): void;
  /** Canonical path with every symlink resolved (like realpath(3)); the last part must exist. */
  realpath(path: string): string;
  statfs(path: string): StatFs;
  /** The text of /proc/mounts for this namespace. */
  mounts(): string;
  /** The options of the mount seen at `target` (the last one there), as /proc/mounts shows them; undefined when none is. */
  mountOptions(target: string): string[] | undefined;
  /** The engine's current time (seconds), for mtimes set by touch. */
  now(): number;
  /**
   * A count that moves whenever the files this view shows may have changed (fs/changes.ts): what a
   * lookup found at one count is still what it would find at the same count. Absent: a view whose
   * answers depend on more than its files (the host's data-root guard), which nothing may cache.
   */
  changes?(): number;
  /** Whether this is a catalog stand-in program's view, which reads and writes placeholder files (namespace.ts standInView). */
  readonly standIn?: boolean;
  /** This file system as a catalog stand-in's program sees it; absent where no stand-in runs (the host). */
  standInView?(rules?: StandInRules): Vfs;
  /** This file system as any other program sees it (a placeholder's bytes and size refused). */
  userView?(): Vfs;
}
