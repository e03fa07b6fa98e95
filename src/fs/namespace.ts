// A mount namespace: the Vfs a process sees. It resolves paths like Linux does inside a root
// (`..` and absolute symlinks never leave it), picks the mount that covers each path (the
// deepest mount target wins, so a mount shadows whatever lies under its target), and delegates
// the operation to that mount's backend.

import type { Backend, LayeredEntry } from './backend.ts';
import { depthLimit, fileSizeLimit, FsError, LimitError, MAX_FILE_BYTES, MAX_PATH_DEPTH, ShellNotSimulated } from './errors.ts';
import { entryList, noEntries, placeholderFitRefusal, placeholderListingRefusal, placeholderRefusal, type DeviceName, type DirNode, type RealNode, nodeSize } from './node.ts';
import { components } from './path.ts';
import { fsChanged, fsChanges } from './changes.ts';
import { headOf } from './busybox-binary.ts';
import { BoundedMemo } from '../engine/memos.ts';
import type { CopiedContents, CopiedEntries, StandInRules, Stat, StatFs, UtimesOptions, Vfs, WriteOptions, Credentials } from './vfs.ts';

/** A stand-in view without rules of its server's: every directory complete, every file a placeholder. */
const NO_RULES: StandInRules = { incompleteDir: () => false, exactFile: () => false };

export interface Mount {
  /** Normalized absolute target. */
  target: string;
  backend: Backend;
  readonly: boolean;
  /** First field of /proc/mounts. */
  source: string;
  /** Extra options after rw/ro in /proc/mounts. */
  options?: string;
  /** The whole options field of /proc/mounts, when the file system reports it itself (tmpfs). */
  procOptions?: string;
}

interface Location {
  mount: Mount;
  rel: string[];
  /** Canonical absolute path of the location. */
  path: string;
  /**
   * The entry there, when resolve already looked it up (`null`: absent): the namespace reads it
   * at once, before any change, so a lookup of the whole path again would find the same.
   */
  found?: RealNode | null;
}

/** A mount with its target's parts. */
interface MountEntry {
  mount: Mount;
  parts: string[];
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const MAX_SYMLINKS = 40;

/** The parts of mount targets, by target: a few dozen distinct ones in a whole run. */
const TARGET_PARTS = new BoundedMemo<string, string[]>(1024);

function targetParts(target: string): string[] {
  let parts = TARGET_PARTS.get(target);
  if (parts === undefined) TARGET_PARTS.set(target, (parts = components(target)));
  return parts;
}

/**
 * How a lookup treats the path's last component: `follow` follows a symlink there (stat, open);
 * `nofollow` does not (lstat, readlink, lchown), unless the path ends in `/` or `/.`, which follows
 * it as Linux does (path_resolution(7): a trailing slash resolves the final symlink and asks for a
 * directory); `entry` names the entry itself, for the calls that make or remove one (mkdir, rmdir,
 * unlink, rename, symlink, link's new name, mknod and open with O_CREAT): they look up only the
 * parent directory and never follow the last symlink, and each decides what a trailing slash means
 * to it (recorded: fs/trailing-slash, both engines).
 */
type Last = 'follow' | 'nofollow' | 'entry';

/**
 * What the end of a path says about its last component: `slash` for a trailing `/`; `dot` for a
 * last component `.` (`/app/.`), which makes the name before it a directory walked through like any
 * other (followed, and it must exist); `none` otherwise (`/` alone and a last `..` are directories
 * anyway).
 */
export function trailing(path: string): 'none' | 'slash' | 'dot' {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === SLASH) end--;
  if (end > 0 && path.charCodeAt(end - 1) === DOT && (end === 1 || path.charCodeAt(end - 2) === SLASH)) return 'dot';
  return end > 0 && end < path.length ? 'slash' : 'none';
}
const SLASH = 0x2f;
const DOT = 0x2e;
// access(2) bits, as they sit in each rwx triple of a mode.
const R_OK = 4;
const W_OK = 2;
const X_OK = 1;
/** A process's file mode creation mask when nobody changed it (Docker starts processes with 022). */
export const DEFAULT_UMASK = 0o022;
const DEVICE_READ_CHUNK = 65536;

export interface NamespaceOptions {
  uid?: number;
  gid?: number;
  /** Supplementary group IDs (`--group-add`), checked like the primary group. */
  groups?: readonly number[];
  /**
   * The process's effective capabilities that bear on files (names without `CAP_`); undefined:
   * all of them for root, none for another user.
   */
  caps?: ReadonlySet<FileCapability>;
  clock?: () => number;
  /**
   * A new placeholder identity (node.ts FileNode.placeholderId) for each placeholder this view
   * writes anew: the engine counts them (engine/ids.ts nextPlaceholderId). Absent: none is given.
   */
  placeholderIds?: () => string;
  /**
   * The process has a controlling terminal (`docker run -t`, strata's own terminal): /dev/tty
   * opens. Without one, opening /dev/tty fails with ENXIO (drivers/tty/tty_io.c tty_open_current_tty:
   * `No such device or address`, measured with bash 5.2, coreutils and busybox 1.35).
   */
  terminal?: boolean;
  /**
   * Where a write to the main process's stdout or stderr (the `init1`, `init2` devices, /proc/1/fd/1
   * and /proc/1/fd/2 in a `docker exec`) goes: the container's log. Absent: nowhere.
   */
  initOutput?: (stream: 'stdout' | 'stderr', data: string) => void;
  /**
   * The same mounts built again for a process with other credentials (a container's namespace:
   * its /proc, whose /proc/1 and access checks depend on who looks: container/runtime-fs.ts).
   * Absent: withCredentials's copy.
   */
  rebuild?: (ids: Credentials) => Namespace;
}

/** The capabilities the kernel's permission checks consult (include/linux/capability.h). */
export type FileCapability = 'CHOWN' | 'DAC_OVERRIDE' | 'DAC_READ_SEARCH' | 'FOWNER';

/**
 * open(2) of a FIFO waits for a program to open its other end (fifo(7)); strata runs one program
 * at a time, so what the reader or the writer would see is refused by name (fs/node.ts FifoNode).
 */
function fifoRefusal(path: string): ShellNotSimulated {
  return new ShellNotSimulated(`strata does not simulate reading or writing a named pipe (${path}): it runs no reader and writer at once`);
}

export class Namespace implements Vfs {
  readonly uid: number;
  readonly gid: number;
  readonly groups: readonly number[];
  private readonly caps?: ReadonlySet<FileCapability>;
  /** Deepest targets first, so the first prefix match is the covering mount; with its target's parts. */
  private readonly byDepth: MountEntry[];
  /** The mounts by the last part of their target, in the order of byDepth (the root mount has none). */
  private readonly byLastPart = new Map<string, MountEntry[]>();
  private readonly clock: () => number;
  private readonly placeholderIds?: () => string;
  private readonly terminal: boolean;
  private readonly initOutput: NamespaceOptions['initOutput'];
  private readonly rebuild: NamespaceOptions['rebuild'];
  /** The file mode creation mask of the process using this view (see withUmask). */
  umask = DEFAULT_UMASK;
  /**
   * The view of a catalog stand-in's own program (standInView): it reads the placeholder files
   * (node.ts FileNode.placeholder) as the stand-in keeps them, and every file it writes is one.
   */
  standIn = false;
  /** A stand-in view's rules: which directories it leaves incomplete, which files it writes exactly. */
  private rules: StandInRules = NO_RULES;

  /** `mounts` in mount order (parents first), as /proc/mounts lists them. */
  constructor(
    private readonly mountList: Mount[],
    opts: NamespaceOptions = {},
  ) {
    this.uid = opts.uid ?? 0;
    this.gid = opts.gid ?? 0;
    this.groups = opts.groups ?? [];
    this.caps = opts.caps;
    this.clock = opts.clock ?? (() => 0);
    this.placeholderIds = opts.placeholderIds;
    this.terminal = opts.terminal ?? false;
    this.initOutput = opts.initOutput;
    this.rebuild = opts.rebuild;
    // Deepest first, and at one depth the later mount first: taken in reverse, a stable sort by
    // depth alone gives that order. A container's namespace is built several times per `docker
    // run` (the rootfs view, the mount points, the process's view), each time from the same few
    // targets, so their parts are kept (never changed: only read).
    const byDepth: MountEntry[] = [];
    for (let i = mountList.length - 1; i >= 0; i--) byDepth.push({ mount: mountList[i], parts: targetParts(mountList[i].target) });
    this.byDepth = byDepth.sort((a, b) => b.parts.length - a.parts.length);
    for (const m of this.byDepth) {
      if (m.parts.length === 0) continue;
      const last = m.parts[m.parts.length - 1];
      const list = this.byLastPart.get(last);
      if (list === undefined) this.byLastPart.set(last, [m]);
      else list.push(m);
    }
  }

  now(): number {
    return this.clock();
  }

  /** Vfs.changes: every namespace's writes, and every change to a tree's entries, are counted (changes.ts). */
  changes(): number {
    return fsChanges();
  }

  /** The same mounts seen by a process with other credentials (and the same clock). */
  withCredentials(opts: Pick<NamespaceOptions, 'uid' | 'gid' | 'groups' | 'caps'>): Namespace {
    const ns = new Namespace(this.mountList, { ...opts, clock: this.clock, placeholderIds: this.placeholderIds, terminal: this.terminal, initOutput: this.initOutput, rebuild: this.rebuild });
    return this.standIn ? ns.standInView(this.rules) : ns;
  }

  /** Vfs.asUser: built again where the namespace knows how (NamespaceOptions.rebuild), as this view is (a stand-in's, its umask). */
  asUser(ids: Credentials): Namespace {
    if (this.rebuild === undefined) return this.withCredentials({ uid: ids.uid, gid: ids.gid, groups: ids.groups }).withUmask(this.umask);
    const fresh = this.rebuild(ids);
    return (this.standIn ? fresh.standInView(this.rules) : fresh).withUmask(this.umask);
  }

  /**
   * The same namespace as a catalog stand-in's program sees it (a server's entrypoint, `psql`):
   * the program keeps its rows and bookkeeping in files where the real server keeps its own data
   * files, whose bytes strata does not know, so what it writes is a placeholder (FileNode.placeholder)
   * that only such a view reads. Used only in a normal install (not with `--busybox-stand-ins`,
   * where the stand-ins are what runs: their bytes are the answer).
   */
  standInView(rules?: StandInRules): Namespace {
    if (this.standIn && rules === undefined) return this;
    const view = this.viewWith(true);
    if (rules !== undefined) view.rules = rules;
    return view;
  }

  /** The same namespace as any other program sees it: a placeholder's bytes and size are refused. */
  userView(): Namespace {
    return this.standIn ? this.viewWith(false) : this;
  }

  private viewWith(standIn: boolean): Namespace {
    const view = Object.create(this) as Namespace;
    view.standIn = standIn;
    return view;
  }

  /** Whether this view's write of the file at `path` is a placeholder (FileNode.placeholder). */
  private placeholderWrite(path: string): boolean {
    return this.standIn && !this.rules.exactFile(path);
  }

  /**
   * The identity (FileNode.placeholderId) of the placeholder a write at `path` leaves, undefined
   * for none: a copy keeps the copied one's (WriteOptions.placeholderId); a stand-in's write, or
   * another program's append to a placeholder, makes new contents, so a new one (a copy made
   * before is no longer a copy of them).
   */
  private placeholderIdOf(path: string, opts: WriteOptions): string | undefined {
    if (opts.placeholder === true && !this.placeholderWrite(path)) return opts.placeholderId;
    return this.placeholderIds?.();
  }

  /** A stand-in view marks a directory of its `incomplete` rule it makes or adds a name to (DirNode.placeholder). */
  private markIncomplete(mount: Mount, rel: string[], path: string, made: boolean): void {
    if (!this.standIn || !this.rules.incompleteDir(path, made)) return;
    markPlaceholderDir(mount, rel);
  }

  /** The same namespace seen by a process with another umask (`umask 077` in its shell). */
  withUmask(mask: number): Namespace {
    if (mask === this.umask) return this;
    const view = Object.create(this) as Namespace;
    view.umask = mask;
    return view;
  }

  private locate(parts: string[], found?: RealNode | null, covering: MountEntry | undefined = this.mountOf(parts)): Location {
    const path = '/' + parts.join('/');
    if (covering === undefined) throw new FsError('ENOENT', path);
    return { mount: covering.mount, rel: parts.slice(covering.parts.length), path, found };
  }

  /** The mount covering `parts` (the deepest target that is a prefix of them), with its target's parts. */
  private mountOf(parts: string[]): MountEntry | undefined {
    // (indexed loops here and in mountBelow: every component of every lookup runs them, mostly
    // before V8 optimizes them, and a for-of there allocates an iterator and a result per step)
    const byDepth = this.byDepth;
    for (let k = 0; k < byDepth.length; k++) {
      const m = byDepth[k];
      const t = m.parts;
      if (t.length > parts.length) continue;
      let i = 0;
      while (i < t.length && parts[i] === t[i]) i++;
      if (i === t.length) return m;
    }
    return undefined;
  }

  /**
   * The mount covering `parts`, knowing the one that covers `parts` without its last component:
   * the same unless a mount's target is `parts` itself (a deeper prefix would have covered the
   * shorter path already).
   */
  private mountBelow(parts: string[], above: MountEntry): MountEntry {
    const last = parts.length - 1;
    const there = this.byLastPart.get(parts[last]);
    if (there === undefined) return above;
    for (let k = 0; k < there.length; k++) {
      const m = there[k];
      if (m.parts.length !== parts.length) continue;
      let i = 0;
      while (i < last && parts[i] === m.parts[i]) i++;
      if (i === last) return m;
    }
    return above;
  }

  /**
   * Resolve `path` to a location. Every part but the last must exist and be a directory (after
   * following symlinks); the last may be missing (for create) and is followed only if asked.
   * Runs for every file operation: components are taken by index, each is looked up in the
   * directory the one before found (when its backend can step from a node), and a Location (with
   * its path string) is made only for the result.
   */
  private resolve(path: string, last: Last): Location {
    const loc = this.lookup(path, last);
    if (typeof loc === 'string') throw new FsError('ENOENT', loc);
    return loc;
  }

  /**
   * resolve, except that where resolve fails with ENOENT this returns the path the error names
   * (other errors are thrown): probes of paths that may not exist (a PATH search, `[ -e ]`, a
   * redirection's target) ask through here, since throwing costs more than the lookup.
   */
  private lookup(path: string, last: Last): Location | string {
    const trail = trailing(path);
    // after a trailing slash the last symlink is followed (unless the call names the entry itself);
    // after a trailing `/.` the last name is not last at all
    const followLast = trail === 'dot' || last === 'follow' || (trail === 'slash' && last === 'nofollow');
    const mustBeDir = trail === 'dot' || (trail === 'slash' && last !== 'entry');
    let todo = components(path);
    let next = 0;
    let cur: string[] = [];
    let links = 0;
    // the directory `cur` names and its mount, when the walk found it (atMount undefined after
    // `..` or at an absolute symlink: found again from the mount's root); an overlay's: the
    // layers' directories there, to step from (three variables, not an object made at every
    // component of every lookup)
    let atMount: MountEntry | undefined;
    let atDir: DirNode | undefined;
    let atLayered: LayeredEntry | undefined;
    while (next < todo.length) {
      const c = todo[next++];
      // Every lookup, `..` included, needs search permission on the directory it looks in.
      this.searchable(cur, path, atMount === undefined ? undefined : atDir);
      if (c === '..') {
        cur.pop();
        atMount = undefined;
        continue;
      }
      cur.push(c);
      const isLast = next === todo.length;
      const m = atMount === undefined ? this.mountOf(cur) : this.mountBelow(cur, atMount);
      if (m === undefined) return '/' + cur.join('/');
      const backend = m.mount.backend;
      // the root mount's relative path is the whole path: no copy (backends do not keep it)
      let node: RealNode | undefined;
      let layered: LayeredEntry | undefined;
      if (atMount === m && backend.child !== undefined) node = backend.child(atDir!, c);
      else if (atMount === m && atLayered !== undefined) node = (layered = backend.stepLayered!(atLayered, c)).node;
      else {
        const rel = m.parts.length === 0 ? cur : cur.slice(m.parts.length);
        node = backend.getLayered ? (layered = backend.getLayered(rel)).node : backend.get(rel);
      }
      if (node === undefined) {
        if (isLast && trail !== 'dot') return this.locate(cur, null, m);
        return path;
      }
      if (node.kind === 'symlink' && (!isLast || followLast)) {
        if (++links > MAX_SYMLINKS) throw new FsError('ELOOP', path);
        cur.pop();
        // a relative target goes on from the directory holding the link, which atMount and atDir still name
        if (node.target.startsWith('/')) {
          cur = [];
          atMount = undefined;
        }
        todo = [...components(node.target), ...todo.slice(next)];
        next = 0;
        continue;
      }
      if ((!isLast || mustBeDir) && node.kind !== 'dir') throw new FsError('ENOTDIR', path);
      if (isLast) return this.locate(cur, node, m);
      atMount = m;
      atDir = node as DirNode;
      atLayered = layered;
    }
    return this.locate(cur);
  }

  /** The mount of the directory that holds a location's entry (a mount point's is the one below it). */
  private parentMount(loc: Location): Mount {
    if (loc.rel.length > 0) return loc.mount;
    return this.mountOf(components(loc.path).slice(0, -1))?.mount ?? loc.mount;
  }

  /** The entry at a location just resolved (its lookup again only when resolve did not make it). */
  private node(loc: Location): RealNode | undefined {
    // Stryker disable next-line ConditionalExpression: the lookup again finds what resolve found; only its cost differs
    if (loc.found !== undefined) return loc.found ?? undefined;
    return loc.mount.backend.get(loc.rel);
  }

  private existing(path: string, last: Last): { loc: Location; node: RealNode } {
    const loc = this.resolve(path, last);
    const node = this.node(loc);
    if (node === undefined) throw new FsError('ENOENT', path);
    return { loc, node };
  }

  /** existing, or undefined where it fails with ENOENT (other errors are thrown). */
  private existingIfAny(path: string, last: Last): { loc: Location; node: RealNode } | undefined {
    const loc = this.lookup(path, last);
    if (typeof loc === 'string') return undefined;
    const node = this.node(loc);
    return node === undefined ? undefined : { loc, node };
  }

  private checkWritable(loc: Location, path: string): void {
    if (loc.mount.readonly) throw new FsError('EROFS', path);
  }

  /** Whether the process has a capability (capable(): root's default set unless caps says). */
  private can(cap: FileCapability): boolean {
    return this.caps ? this.caps.has(cap) : this.uid === 0;
  }

  /**
   * Linux's generic_permission for this process: the owner's bits if it owns the node, else the
   * group's if the node's group is its group, else the others'; then CAP_DAC_OVERRIDE overrides
   * any of them, and CAP_DAC_READ_SEARCH reading and searching. So root with its default
   * capabilities is never refused here (the one check it does not bypass, exec without any x
   * bit, is the exec path's business), and root without them (`--cap-drop DAC_OVERRIDE`) is
   * refused what the bits refuse it (users/caps-permissions).
   */
  private permits(node: RealNode, want: number): boolean {
    if (this.can('DAC_OVERRIDE')) return true;
    const inGroup = this.gid === node.gid || this.groups.includes(node.gid);
    const bits = this.uid === node.uid ? node.mode >> 6 : inGroup ? node.mode >> 3 : node.mode;
    if ((bits & want & 7) === want) return true;
    return this.can('DAC_READ_SEARCH') && (want === R_OK || (node.kind === 'dir' && (want & W_OK) === 0));
  }

  private require(node: RealNode | undefined, want: number, path: string): void {
    // (a /proc/PID/fd link the ptrace access check refuses: before any permission bits)
    if (node?.kind === 'chardev' && node.ptraceDenied === true) throw new FsError('EACCES', path);
    if (node !== undefined && !this.permits(node, want)) throw new FsError('EACCES', path);
  }

  /** The directory holding `loc`: creating, removing or renaming in it needs w and x there. */
  private parentNode(loc: Location): RealNode | undefined {
    if (loc.rel.length === 0) return undefined;
    return loc.mount.backend.get(loc.rel.slice(0, -1));
  }

  private requireParentWrite(loc: Location, path: string): void {
    this.require(this.parentNode(loc), W_OK | X_OK, path);
  }

  /**
   * Removing or renaming away an entry of a sticky directory (/tmp, 1777) is only for the
   * entry's owner or the directory's owner (EPERM, not EACCES: may_delete's check_sticky).
   */
  private checkSticky(loc: Location, node: RealNode, path: string): void {
    if (this.can('FOWNER')) return;
    const parent = this.parentNode(loc);
    if (parent !== undefined && parent.mode & 0o1000 && node.uid !== this.uid && parent.uid !== this.uid) {
      throw new FsError('EPERM', path);
    }
  }

  /** Search (x) permission on the directory `parts` names (`dir`, when known), for a lookup inside it. */
  private searchable(parts: string[], path: string, dir?: DirNode): void {
    if (this.can('DAC_OVERRIDE') || this.can('DAC_READ_SEARCH')) return;
    let node: RealNode | undefined = dir;
    if (node === undefined) {
      const loc = this.locate(parts);
      node = loc.mount.backend.get(loc.rel);
    }
    if (node !== undefined && node.kind === 'dir') this.require(node, X_OK, path);
  }

  private parentOf(loc: Location, path: string): string[] {
    if (loc.rel.length === 0) throw new FsError('EBUSY', path);
    return loc.rel.slice(0, -1);
  }

  private toStat(loc: Location, node: RealNode): Stat {
    // a stand-in's socket is a file of its data to the stand-in's own programs (SocketNode.standIn)
    if (node.kind === 'socket' && node.standIn !== undefined && this.standIn) {
      return { ...this.statOf(loc, node), kind: 'file', size: node.standIn.length };
    }
    const st = this.statOf(loc, node);
    // a placeholder's size is not known: whatever reads it (ls -l, du, stat, wc, test -s, find
    // -size) is refused by name; its name, type, mode, owner and links stay readable
    if (node.kind === 'file' && node.placeholder === true && !this.standIn) {
      const path = loc.path;
      Object.defineProperty(st, 'size', {
        enumerable: true,
        get(): number {
          throw placeholderRefusal(path);
        },
      });
    }
    return st;
  }

  private statOf(loc: Location, node: RealNode): Stat {
    return {
      kind: node.kind,
      mode: node.mode,
      uid: node.uid,
      gid: node.gid,
      // procfs gives its files no size (a read makes the text): stat says 0, `test -s` is false
      // (recorded: proc-sys/kernel-uts, `stat -c %s /proc/sys/kernel/hostname`)
      size: node.kind === 'file' && loc.mount.backend.fstype === 'proc' ? 0 : nodeSize(node),
      mtime: node.mtime,
      target: node.kind === 'symlink' ? node.target : undefined,
      device: node.kind === 'chardev' ? node.device : undefined,
      mount: loc.mount.target,
      nlink: node.kind !== 'dir' ? node.nlink : loc.mount.backend.merged?.(loc.rel) ? 1 : undefined,
      ino: node.kind !== 'dir' ? node.ino : undefined,
    };
  }

  lstat(path: string): Stat {
    const { loc, node } = this.existing(path, 'nofollow');
    return this.toStat(loc, node);
  }

  stat(path: string): Stat {
    const { loc, node } = this.existing(path, 'follow');
    return this.toStat(loc, node);
  }

  lstatIfAny(path: string): Stat | undefined {
    const found = this.existingIfAny(path, 'nofollow');
    return found === undefined ? undefined : this.toStat(found.loc, found.node);
  }

  statIfAny(path: string): Stat | undefined {
    const found = this.existingIfAny(path, 'follow');
    return found === undefined ? undefined : this.toStat(found.loc, found.node);
  }

  exists(path: string): boolean {
    try {
      return this.statIfAny(path) !== undefined;
    } catch (e) {
      if (e instanceof FsError) return false;
      throw e;
    }
  }

  readdir(path: string): string[] {
    const { loc, node } = this.existing(path, 'follow');
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', path);
    this.require(node, R_OK, path);
    if (node.placeholder === true && !this.standIn) throw placeholderListingRefusal(path);
    return loc.mount.backend.list(loc.rel);
  }

  /**
   * The names `rm -r` removes in a directory: readdir's, with its checks. A directory a real server
   * fills (DirNode.placeholder) has names strata does not know, but removing all of them, as rm -r
   * does, ends the same whatever they are when every removal succeeds: where this process may
   * write in the directory (w and x, not sticky) on a writable mount, the names the stand-in made
   * are given and the unknown ones are gone with the directory. The real server's files there are
   * its own user's, like the directory (postgres' 0700 data directory and 0600 files), so a
   * process that may write in it may remove them too. Elsewhere each failure would name a file
   * strata does not know: refused as readdir refuses it.
   */
  entriesToRemove(path: string): string[] {
    const { loc, node } = this.existing(path, 'follow');
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', path);
    this.require(node, R_OK, path);
    if (node.placeholder === true && !this.standIn && (loc.mount.readonly || (node.mode & 0o1000) !== 0 || !this.permits(node, W_OK | X_OK))) {
      throw placeholderListingRefusal(path);
    }
    return loc.mount.backend.list(loc.rel);
  }

  /**
   * The names a recursive copy reads in a directory (cp -r, a cross-device mv, tar c): readdir's,
   * with its checks. A directory a real server fills (DirNode.placeholder) has names strata does
   * not know, but a copy that reads every file there ends the same whatever they are: the copy's
   * directory holds them too (markCopyIncomplete), and nothing shows their names. The real
   * server's files there are its own user's, like the directory (postgres' 0700 data directory and
   * 0600 files, mysql's and mongo's the same: see entriesToRemove), so a process that owns the
   * directory, or may read any file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH: root), reads them all.
   * Elsewhere each failure would name a file strata does not know: refused as readdir refuses it.
   */
  entriesToCopy(path: string): CopiedEntries {
    const { loc, node } = this.existing(path, 'follow');
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', path);
    this.require(node, R_OK, path);
    const incomplete = node.placeholder === true && !this.standIn;
    if (incomplete && !(this.can('DAC_OVERRIDE') || this.can('DAC_READ_SEARCH') || node.uid === this.uid)) throw placeholderListingRefusal(path);
    return { names: loc.mount.backend.list(loc.rel), incomplete };
  }

  /**
   * A file's bytes as a copy reads them: readFile's, and a placeholder's (FileNode.placeholder)
   * too, marked: the copy is a placeholder of the same file (writeFile's `placeholder`), whose bytes
   * only a stand-in reads (a server started on a restored copy finds its rows).
   */
  readToCopy(path: string): CopiedContents {
    const found = this.existingIfAny(path, 'follow');
    const node = found?.node;
    if (node?.kind !== 'file' || node.placeholder !== true || this.standIn) return { data: this.readFile(path), placeholder: false };
    this.require(node, R_OK, path);
    return { data: node.data, placeholder: true, ...(node.placeholderId !== undefined ? { placeholderId: node.placeholderId } : {}) };
  }

  /**
   * The directory at `path`, which a copy made (or found empty), gets the unknown files of the
   * server's directory it copies (entriesToCopy's `incomplete`): it is marked as that one is
   * (DirNode.placeholder). Where the process may not make them (a read-only mount, no w and x in the
   * directory), each failure would name a file strata does not know; on a file system of a set size
   * or number of files, whether they fit is not known: both refused by name.
   */
  markCopyIncomplete(path: string): void {
    const { loc, node } = this.existing(path, 'follow');
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', path);
    // each of them made where the process may not write would fail, naming a file strata does not know
    if (loc.mount.readonly || !this.permits(node, W_OK | X_OK)) throw placeholderListingRefusal(path);
    const { capacity, maxInodes } = loc.mount.backend;
    if (capacity !== undefined || maxInodes !== undefined) throw placeholderFitRefusal(path);
    markPlaceholderDir(loc.mount, loc.rel);
  }

  readFile(path: string, limit?: number): string {
    const { node } = this.existing(path, 'follow');
    if (node.kind === 'dir') throw new FsError('EISDIR', path);
    this.require(node, R_OK, path);
    if (node.kind === 'chardev') {
      if (node.device === 'tty' && !this.terminal) throw new FsError('ENXIO', path);
      // an endless device read to its end never ends: the reader must say how much it wants
      if (limit === undefined && ENDLESS_DEVICES.has(node.device)) {
        throw new LimitError(`reading ${path} never reaches end of file (the read exceeds the size limit of ${MAX_FILE_BYTES} bytes)`);
      }
      // one read larger than any stream may hold (dd bs=1G): the same budget
      if (limit !== undefined && limit > MAX_FILE_BYTES + 1 && ENDLESS_DEVICES.has(node.device)) {
        throw new LimitError(`a read of ${limit} bytes from ${path} exceeds the size limit of ${MAX_FILE_BYTES} bytes`);
      }
      return readDevice(node.device, limit);
    }
    if (node.kind === 'socket' && node.standIn !== undefined && this.standIn) return limit === undefined ? node.standIn : headOf(node.standIn, limit);
    // open(2) of a socket: ENXIO (fs/open.c do_dentry_open has no file operations for it)
    if (node.kind === 'socket') throw new FsError('ENXIO', path);
    if (node.kind === 'fifo') throw fifoRefusal(path);
    if (node.kind !== 'file') throw new FsError('EINVAL', path);
    if (node.placeholder === true && !this.standIn) throw placeholderRefusal(path);
    return limit === undefined ? node.data : headOf(node.data, limit);
  }

  writeFile(path: string, data: string, opts: WriteOptions = {}): void {
    // open(2) with O_CREAT of a path ending in `/` or `/.` is EISDIR, whatever is there (namei.c
    // open_last_lookups, do_open): `echo x > /lf/` with /lf a link to a file (fs/trailing-slash)
    if (trailing(path) !== 'none') {
      this.resolve(path, 'entry');
      throw new FsError('EISDIR', path);
    }
    const loc = this.resolve(path, 'follow');
    const node = this.node(loc);
    if (node !== undefined) {
      if (opts.exclusive) throw new FsError('EEXIST', path);
      if (node.kind === 'dir') throw new FsError('EISDIR', path);
      if (node.kind === 'chardev') {
        this.require(node, W_OK, path);
        if (node.device === 'tty' && !this.terminal) throw new FsError('ENXIO', path);
        if (node.device === 'full') throw new FsError('ENOSPC', path);
        if ((node.device === 'init1' || node.device === 'init2') && data !== '') this.initOutput?.(node.device === 'init1' ? 'stdout' : 'stderr', data);
        return;
      }
      if (node.kind === 'fifo') {
        this.require(node, W_OK, path);
        throw fifoRefusal(path);
      }
      if (node.kind === 'socket') {
        // as a read: ENXIO once the permissions let the open through, even on a read-only mount
        this.require(node, W_OK, path);
        if (node.standIn === undefined || !this.standIn) throw new FsError('ENXIO', path);
        // the stand-in's data, kept without touching the socket's times (a connection does not)
        this.checkWritable(loc, path);
        fsChanged();
        loc.mount.backend.update(loc.rel, (target) => {
          if (target.kind === 'socket') target.standIn = opts.append ? (target.standIn ?? '') + data : data;
        });
        return;
      }
      this.checkWritable(loc, path);
      this.require(node, W_OK, path);
      if (opts.append && data === '') {
        // Opening for append copies the file up (overlayfs does on open for write) but
        // changes nothing else.
        fsChanged();
        loc.mount.backend.writable(loc.rel);
        return;
      }
      if (opts.placeholder === true && loc.mount.backend.capacity !== undefined) throw placeholderFitRefusal(path);
      const before = node.kind === 'file' ? node.data.length : 0;
      const after = opts.append ? before + data.length : data.length;
      if (after > MAX_FILE_BYTES) throw fileSizeLimit(path, after);
      // a write that does not fit writes what does, then fails (below)
      const fits = this.spaceFor(loc, opts.append ? before : 0, after, opts.append ? 0 : before);
      if (node.kind !== 'file') throw new FsError('EINVAL', path);
      const mtime = this.clock();
      const written = fits < after ? data.slice(0, fits - (opts.append ? before : 0)) : data;
      const placeholder = this.placeholderWrite(loc.path) || opts.placeholder === true;
      const stays = placeholder || (opts.append === true && !this.standIn && node.placeholder === true);
      const id = stays ? this.placeholderIdOf(loc.path, opts) : undefined;
      fsChanged();
      loc.mount.backend.update(loc.rel, (target) => {
        if (target.kind !== 'file') return;
        target.data = opts.append ? target.data + written : written;
        target.mtime = mtime;
        // a stand-in's write is a placeholder (unless its rules say it writes the real bytes);
        // another program's whole new contents are known (appended to a placeholder, they are not)
        if (placeholder) target.placeholder = true;
        else if (!stays) delete target.placeholder;
        if (id !== undefined) target.placeholderId = id;
        else delete target.placeholderId;
      });
      if (fits < after) throw new FsError('ENOSPC', path);
      return;
    }
    this.checkWritable(loc, path);
    this.requireParentWrite(loc, path);
    if (data.length > MAX_FILE_BYTES) throw fileSizeLimit(path, data.length);
    if (opts.placeholder === true && loc.mount.backend.capacity !== undefined) throw placeholderFitRefusal(path);
    if (this.standIn && this.rules.socket?.(loc.path) === true) {
      // the real server binds its socket here (StandInRules.socket): a socket, with what the stand-in keeps in it
      this.create(loc, path, { kind: 'socket', standIn: data, mode: (opts.mode ?? 0o666) & ~this.umask });
      return;
    }
    const fits = this.spaceFor(loc, 0, data.length, 0);
    const placeholder = this.placeholderWrite(loc.path) || opts.placeholder === true;
    const id = placeholder ? this.placeholderIdOf(loc.path, opts) : undefined;
    this.create(loc, path, {
      kind: 'file',
      data: fits < data.length ? data.slice(0, fits) : data,
      mode: (opts.mode ?? 0o666) & ~this.umask,
      ...(placeholder ? { placeholder: true as const } : {}),
      ...(id !== undefined ? { placeholderId: id } : {}),
    });
    if (fits < data.length) throw new FsError('ENOSPC', path);
  }

  /** Add a new entry at loc, owned by this process (callers checked existence and rights). */
  /**
   * ENOSPC when a file system with a set number of inodes (tmpfs `nr_inodes=`) has none left for
   * a new name: its root and every name take one, a hard link too (mm/shmem.c
   * shmem_reserve_inode, from shmem_get_inode and shmem_link; recorded: mounts/tmpfs-nr-inodes).
   */
  private checkInodes(loc: Location, path: string): void {
    const max = loc.mount.backend.maxInodes;
    if (max === undefined) return;
    let names = 1;
    const todo: RealNode[] = [];
    const root = loc.mount.backend.get([]);
    if (root) todo.push(root);
    while (todo.length > 0) {
      const n = todo.pop()!;
      if (n.kind !== 'dir') continue;
      for (const [, child] of entryList(n)) {
        if (child.kind === 'whiteout') continue;
        names++;
        todo.push(child);
      }
    }
    if (names >= max) throw new FsError('ENOSPC', path);
  }

  private create(loc: Location, path: string, node: DistributiveOmit<RealNode, 'uid' | 'gid' | 'mtime'>): void {
    this.checkInodes(loc, path);
    const parent = this.parentOf(loc, path);
    const depth = depthOf(loc.path);
    if (depth > MAX_PATH_DEPTH) throw depthLimit(depth);
    // A set-group-ID directory gives what is made in it its group, and a directory its S_ISGID
    // too (Linux inode_init_owner; recorded: fs/setgid-directory-inherit, node:alpine's
    // /home/node is 2755).
    const dir = loc.mount.backend.get(parent);
    const sgid = dir !== undefined && dir.kind === 'dir' && (dir.mode & 0o2000) !== 0;
    const made = sgid && node.kind === 'dir' ? { ...node, mode: node.mode | 0o2000 } : node;
    fsChanged();
    loc.mount.backend.put(parent, loc.rel[loc.rel.length - 1], { ...made, uid: this.uid, gid: sgid ? dir.gid : this.gid, mtime: this.clock() } as RealNode);
    this.touchDir(loc.mount, parent);
    if (this.standIn) {
      if (node.kind === 'dir') this.markIncomplete(loc.mount, loc.rel, loc.path, true);
      this.markIncomplete(loc.mount, parent, loc.path.slice(0, loc.path.lastIndexOf('/')) || '/', false);
    }
  }

  /**
   * A name added to a directory or removed from it sets the directory's mtime (and ctime) to now
   * (POSIX link, unlink, mkdir, rmdir, rename, symlink and mknod "mark for update" the parent's
   * st_mtime); writing, appending to or chmod'ing an entry does not. Through overlayfs too, where a
   * copy-up alone leaves the parent's mtime as it was, and a whiteout counts as a removal
   * (fs/dir-mtime, both engines).
   */
  private touchDir(mount: Mount, rel: string[]): void {
    const now = this.clock();
    fsChanged();
    mount.backend.update(rel, (dir) => {
      dir.mtime = now;
    });
  }

  /**
   * How long a file growing from `before` to `after` bytes can get on its file system (`after`
   * when it fits); `freed` bytes of it were let go first (O_TRUNC). The kernel writes page by
   * page (generic_perform_write): a write that does not fit stops at the last whole page it could
   * have, and the writer sees the short count, then ENOSPC (recorded: mounts/tmpfs-full-messages,
   * a 5000-byte cp into a 4 KiB tmpfs leaves 4096 bytes). tmpfs charges whole pages
   * (Backend.pageSize): a 1k write into a 1 MiB tmpfs holding a 3-byte file stops at 1020 KiB
   * (mounts/tmpfs-volume-options).
   */
  private spaceFor(loc: Location, before: number, after: number, freed: number): number {
    const { capacity: cap, pageSize } = loc.mount.backend;
    if (cap === undefined || after <= before) return after;
    const unit = pageSize ?? 1;
    const pages = (n: number) => Math.ceil(n / unit) * unit;
    const free = cap - (loc.mount.backend.used() - pages(freed));
    if (pages(after) - pages(before) <= free) return after;
    return Math.max(before, pages(before) + Math.max(0, Math.floor(free / unit) * unit));
  }

  /**
   * A new name that is not a directory (symlink, link, mknod) cannot end in a slash: the slash
   * asks for a directory, and a missing one is ENOENT (namei.c filename_create; `ln -s x /new/`,
   * fs/trailing-slash). An existing entry was EEXIST before.
   */
  private notDirectory(path: string): void {
    if (trailing(path) !== 'none') throw new FsError('ENOENT', path);
  }

  mkdir(path: string, mode = 0o777): void {
    const loc = this.resolve(path, 'entry');
    if (this.node(loc) !== undefined) throw new FsError('EEXIST', path);
    this.checkWritable(loc, path);
    this.requireParentWrite(loc, path);
    this.create(loc, path, { kind: 'dir', entries: noEntries(), mode: mode & ~this.umask });
  }

  rmdir(path: string): void {
    const { loc, node } = this.existing(path, 'entry');
    // a last `.` is EINVAL (namei.c do_rmdir); a link to a directory, even with a slash, is ENOTDIR
    if (trailing(path) === 'dot') throw new FsError('EINVAL', path);
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', path);
    if (loc.rel.length === 0) throw new FsError('EBUSY', path);
    this.checkWritable(loc, path);
    this.requireParentWrite(loc, path);
    this.checkSticky(loc, node, path);
    if (loc.mount.backend.list(loc.rel).length > 0) throw new FsError('ENOTEMPTY', path);
    fsChanged();
    loc.mount.backend.remove(loc.rel.slice(0, -1), loc.rel[loc.rel.length - 1]);
    this.touchDir(loc.mount, loc.rel.slice(0, -1));
  }

  unlink(path: string): void {
    const { loc, node } = this.existing(path, 'entry');
    if (node.kind === 'dir') throw new FsError('EISDIR', path);
    // namei.c do_unlinkat: a trailing slash on anything but a directory (a symlink too) is ENOTDIR
    if (trailing(path) !== 'none') throw new FsError('ENOTDIR', path);
    if (loc.rel.length === 0) throw new FsError('EBUSY', path);
    this.checkWritable(loc, path);
    this.requireParentWrite(loc, path);
    this.checkSticky(loc, node, path);
    fsChanged();
    loc.mount.backend.remove(loc.rel.slice(0, -1), loc.rel[loc.rel.length - 1]);
    this.touchDir(loc.mount, loc.rel.slice(0, -1));
  }

  rename(from: string, to: string): void {
    const src = this.existing(from, 'entry');
    const dstLoc = this.resolve(to, 'entry');
    // namei.c do_renameat2 compares the mounts of the two parent directories first (EXDEV), and
    // only then does vfs_rename refuse a mount point (EBUSY): moving a file out of a tmpfs onto
    // the directory a mount sits on is a copy for mv, not a busy mount (mounts/mount-point-ops)
    if (this.parentMount(src.loc) !== this.parentMount(dstLoc)) throw new FsError('EXDEV', to);
    if (src.loc.rel.length === 0) throw new FsError('EBUSY', from);
    if (dstLoc.rel.length === 0) throw new FsError('EBUSY', to);
    // namei.c do_renameat2: a last `.` on either side is EBUSY; a trailing slash on either side
    // wants a directory to move, and the source's last symlink is not followed (ENOTDIR:
    // `mv /app/ /moved` with /app a link to a directory, fs/trailing-slash)
    const fromEnd = trailing(from);
    const toEnd = trailing(to);
    if (fromEnd === 'dot' || toEnd === 'dot') throw new FsError('EBUSY', from);
    this.checkWritable(src.loc, from);
    if ((fromEnd !== 'none' || toEnd !== 'none') && src.node.kind !== 'dir') throw new FsError('ENOTDIR', from);
    this.requireParentWrite(src.loc, from);
    this.requireParentWrite(dstLoc, to);
    this.checkSticky(src.loc, src.node, from);
    const dst = this.node(dstLoc);
    if (dst !== undefined) this.checkSticky(dstLoc, dst, to);
    const fromDir = src.loc.rel.slice(0, -1);
    const toDir = dstLoc.rel.slice(0, -1);
    const sameDir = fromDir.join('/') === toDir.join('/');
    // A directory moving to another parent rewrites its own `..` entry: w on it too.
    if (src.node.kind === 'dir' && !sameDir) this.require(src.node, W_OK, from);
    if (src.loc.path === dstLoc.path) return;
    if (dstLoc.path.startsWith(src.loc.path + '/')) throw new FsError('EINVAL', to);
    if (dst !== undefined) {
      if (dst.kind === 'dir' && src.node.kind !== 'dir') throw new FsError('EISDIR', to);
      if (dst.kind !== 'dir' && src.node.kind === 'dir') throw new FsError('ENOTDIR', to);
      if (dst.kind === 'dir' && dstLoc.mount.backend.list(dstLoc.rel).length > 0) {
        throw new FsError('ENOTEMPTY', to);
      }
      // rename(2) over another name of the same inode does nothing
      if (dst.kind !== 'dir' && src.node.kind !== 'dir' && dst.ino !== undefined && dst.ino === src.node.ino) return;
    }
    const backend = src.loc.mount.backend;
    const depth = depthOf(dstLoc.path) + (src.node.kind === 'dir' ? treeHeight(src.node) : 0);
    if (depth > MAX_PATH_DEPTH) throw depthLimit(depth);
    const moved = backend.materialize(src.loc.rel, true)!;
    fsChanged();
    backend.remove(fromDir, src.loc.rel[src.loc.rel.length - 1], true);
    // the replaced entry loses a name: its other hard links count one less
    if (dst !== undefined) backend.remove(toDir, dstLoc.rel[dstLoc.rel.length - 1]);
    backend.put(toDir, dstLoc.rel[dstLoc.rel.length - 1], moved);
    this.touchDir(src.loc.mount, fromDir);
    if (!sameDir) this.touchDir(src.loc.mount, toDir);
  }

  symlink(target: string, path: string): void {
    const loc = this.resolve(path, 'entry');
    if (this.node(loc) !== undefined) throw new FsError('EEXIST', path);
    this.notDirectory(path);
    this.checkWritable(loc, path);
    this.requireParentWrite(loc, path);
    this.create(loc, path, { kind: 'symlink', target, mode: 0o777 });
  }

  /**
   * link(2): a new name for an existing entry, on the same mount (EXDEV otherwise: a bind or a
   * volume is another file system even when it is the same disk). The existing path's last part
   * is not followed (Linux's link() hard-links a symlink itself); directories cannot be linked.
   */
  link(existing: string, path: string): void {
    const src = this.existing(existing, 'nofollow');
    if (src.node.kind === 'dir') throw new FsError('EPERM', existing);
    const loc = this.resolve(path, 'entry');
    if (this.node(loc) !== undefined) throw new FsError('EEXIST', path);
    this.notDirectory(path);
    this.checkWritable(loc, path);
    if (src.loc.mount !== loc.mount) throw new FsError('EXDEV', path);
    this.mayLink(src.node, path);
    this.requireParentWrite(loc, path);
    const parent = this.parentOf(loc, path);
    const depth = depthOf(loc.path);
    if (depth > MAX_PATH_DEPTH) throw depthLimit(depth);
    this.checkInodes(loc, path);
    fsChanged();
    loc.mount.backend.link(src.loc.rel, parent, loc.rel[loc.rel.length - 1]);
    this.touchDir(loc.mount, parent);
  }

  /**
   * fs.protected_hardlinks (1 on the recording host, as systemd sets it for every normal install):
   * a process links a file it does not own only if it may read and write it and it is a plain
   * file that is neither setuid nor setgid-executable, or with CAP_FOWNER (fs/namei.c may_linkat,
   * checked after EXDEV and before the directory's write permission: hardlinks/link-protections).
   */
  private mayLink(node: RealNode, path: string): void {
    if (node.uid === this.uid || this.can('FOWNER')) return;
    const safe = node.kind === 'file' && (node.mode & 0o4000) === 0 && (node.mode & 0o2010) !== 0o2010;
    if (safe && this.permits(node, R_OK | W_OK)) return;
    throw new FsError('EPERM', path);
  }

  mknod(path: string, device: DeviceName, mode: number): void {
    // CAP_MKNOD: root's (Docker grants it by default), nobody else's
    this.makeSpecial(path, 'EEXIST', true, { kind: 'chardev', device, mode: mode & ~this.umask & 0o7777 });
  }

  mksocket(path: string, mode: number): void {
    // bind(2) of a name that exists: EADDRINUSE (af_unix.c unix_bind_bsd: the mknod's EEXIST); no
    // CAP_MKNOD needed: mknod(2) asks it only of block and character devices (fs/namei.c vfs_mknod)
    this.makeSpecial(path, 'EADDRINUSE', false, { kind: 'socket', mode: mode & ~this.umask & 0o7777 });
  }

  mkfifo(path: string, mode: number): void {
    // mknod(2) asks CAP_MKNOD only of block and character devices (fs/namei.c vfs_mknod): anyone
    // may make a FIFO where they may write
    this.makeSpecial(path, 'EEXIST', false, { kind: 'fifo', mode: mode & ~this.umask & 0o7777 });
  }

  /** mknod(2)'s checks, in the kernel's order, then the node: `taken` for a name that exists, CAP_MKNOD (root's) if `needsMknod`. */
  private makeSpecial(path: string, taken: 'EEXIST' | 'EADDRINUSE', needsMknod: boolean, node: DistributiveOmit<RealNode, 'uid' | 'gid' | 'mtime'>): void {
    const loc = this.resolve(path, 'entry');
    if (this.node(loc) !== undefined) throw new FsError(taken, path);
    this.notDirectory(path);
    this.checkWritable(loc, path);
    this.requireParentWrite(loc, path);
    if (needsMknod && this.uid !== 0) throw new FsError('EPERM', path);
    this.create(loc, path, node);
  }

  readlink(path: string): string {
    const { node } = this.existing(path, 'nofollow');
    if (node.kind !== 'symlink') throw new FsError('EINVAL', path);
    return node.target;
  }

  /** `allowed` runs after the read-only check (EROFS wins over EACCES/EPERM, as in Linux). */
  private modify(path: string, follow: boolean, change: (n: RealNode) => void, allowed: (n: RealNode) => void): void {
    const { loc, node } = this.existing(path, follow ? 'follow' : 'nofollow');
    this.checkWritable(loc, path);
    allowed(node);
    fsChanged();
    loc.mount.backend.update(loc.rel, change);
  }

  chmod(path: string, mode: number): void {
    this.modify(
      path,
      true,
      (n) => {
        n.mode = mode & 0o7777;
      },
      (n) => {
        // Only the owner may change a mode, or CAP_FOWNER (inode_owner_or_capable).
        if (n.uid !== this.uid && !this.can('FOWNER')) throw new FsError('EPERM', path);
      },
    );
  }

  /**
   * chown(2)/lchown(2). `clearSetid`: the kernel's clearing of the set-ID bits (below), for a
   * program whose chown is the last word on the mode (the chown applet); callers that stand for
   * tools that chown first and set the mode after (tar, cp -p, archive extraction, COPY) leave it
   * off and get the same final mode.
   */
  chown(path: string, uid: number, gid: number, noFollow = false, clearSetid = false): void {
    this.modify(
      path,
      !noFollow,
      (n) => {
        // fs/open.c chown_common: a chown of anything but a directory kills the set-user-ID bit,
        // even root's, and the set-group-ID bit where setattr_should_drop_sgid says so: the
        // group-execute bit is set, or the process is neither in the file's group nor has
        // CAP_FSETID (root's, as strata's processes with their own caps keep it) (recorded:
        // users/sw-owner-tools, 6755 -> 755; a 2755 directory keeps its bit).
        if (clearSetid && n.kind !== 'dir') {
          const dropSgid = (n.mode & 0o10) !== 0 || (this.uid !== 0 && n.gid !== this.gid && !this.groups.includes(n.gid));
          n.mode &= dropSgid ? ~0o6000 : ~0o4000;
        }
        n.uid = uid;
        n.gid = gid;
      },
      (n) => {
        // Without CAP_CHOWN: no change of owner, and the group only by the owner to one of its
        // groups (fs/attr.c chown_ok, chgrp_ok: in_group_p)
        if (this.can('CHOWN')) return;
        const ownGroup = gid === this.gid || this.groups.includes(gid);
        if (uid !== n.uid || (gid !== n.gid && (n.uid !== this.uid || !ownGroup))) throw new FsError('EPERM', path);
      },
    );
  }

  utimes(path: string, mtime: number, opts: UtimesOptions = {}): void {
    this.modify(
      path,
      opts.noFollow !== true,
      (n) => {
        n.mtime = mtime;
      },
      (n) => {
        // fs/attr.c setattr_prepare and utimes.c: the current time takes the owner or write
        // permission (EACCES), a given time the owner (EPERM); root may do either
        // (recorded: shell/touch-permissions)
        if (n.uid === this.uid || this.can('FOWNER')) return;
        if (opts.now !== true) throw new FsError('EPERM', path);
        if (!this.permits(n, W_OK)) throw new FsError('EACCES', path);
      },
    );
  }

  realpath(path: string): string {
    const { loc } = this.existing(path, 'follow');
    return loc.path;
  }

  statfs(path: string): StatFs {
    const { loc } = this.existing(path, 'follow');
    const b = loc.mount.backend;
    return {
      mountpoint: loc.mount.target,
      fstype: b.fstype,
      device: loc.mount.source,
      capacity: b.capacity ?? 250 * 1024 ** 3,
      // summed over the whole tree, so only when asked: `ls -l` asks statfs for each entry's
      // file system type, and summing every time made listing a directory quadratic
      get used(): number {
        return b.used();
      },
    };
  }

  mounts(): string {
    return this.mountList.map((m) => `${m.source} ${m.target} ${m.backend.fstype} ${procOptions(m)} 0 0\n`).join('');
  }

  mountOptions(target: string): string[] | undefined {
    // the last mount at the target is the one seen there, as in /proc/mounts' order
    for (let i = this.mountList.length - 1; i >= 0; i--) {
      const m = this.mountList[i];
      if (m.target === target) return procOptions(m).split(',');
    }
    return undefined;
  }
}

/** A mount's options as /proc/mounts shows them. */
function procOptions(m: Mount): string {
  return m.procOptions ?? [m.readonly ? 'ro' : 'rw', ...(m.options ? [m.options] : [])].join(',');
}

/** Components in a canonical absolute path (`/` is 0). */
function depthOf(path: string): number {
  let n = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47 && i + 1 < path.length) n++;
  return n;
}

/** Levels of directories below `root` (0 for an empty one), without recursion. */
function treeHeight(root: DirNode): number {
  let height = 0;
  const todo: [DirNode, number][] = [[root, 0]];
  while (todo.length > 0) {
    const [d, level] = todo.pop()!;
    height = Math.max(height, level);
    for (const [, child] of entryList(d)) {
      if (child.kind === 'dir') todo.push([child, level + 1]);
      else if (child.kind !== 'whiteout') height = Math.max(height, level + 1);
    }
  }
  return height;
}

/** Devices whose reads never reach end of file: /dev/full reads as /dev/zero does (drivers/char/mem.c). */
export const ENDLESS_DEVICES: ReadonlySet<string> = new Set<DeviceName>(['zero', 'full', 'random', 'urandom']);

/**
 * Deterministic "random" bytes (the core has no randomness): byte i is the low byte of
 * i * 1103515245 + 12345, which repeats every 256 bytes, so one block is built once and repeated
 * (building a long read byte by byte took gigabytes).
 */
const RANDOM_BLOCK = Array.from({ length: 256 }, (_, i) => String.fromCharCode((i * 1103515245 + 12345) & 0xff)).join('');

function readDevice(device: DeviceName, limit?: number): string {
  const n = limit ?? DEVICE_READ_CHUNK;
  switch (device) {
    case 'zero':
    case 'full':
      return '\0'.repeat(n);
    case 'random':
    case 'urandom':
      return RANDOM_BLOCK.repeat(Math.ceil(n / 256)).slice(0, n);
    default:
      return '';
  }
}

/** The directory at `rel` holds files a real server made that strata does not know (DirNode.placeholder). */
function markPlaceholderDir(mount: Mount, rel: string[]): void {
  fsChanged();
  mount.backend.update(rel, (dir) => {
    if (dir.kind === 'dir') dir.placeholder = true;
  });
}
