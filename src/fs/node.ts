// The file-system tree: the node types every other concept (layers, volumes, the host) is made of.
//
// File contents are *byte strings*: every char code is one byte (0-255). Text from a scenario is
// UTF-8 encoded on the way in (see `bytes.ts`) and decoded on the way out, so sizes, `wc -c`,
// `dd` and tar archives count bytes exactly as the real tools do.

import { isDraft } from 'immer';
import { ShellNotSimulated } from './errors.ts';
import { asItStands } from './peek.ts';
import { fsChanged } from './changes.ts';
import { isNameTrie, trieEach, trieFrom, trieGet, trieList, triePath, trieRemove, trieSet, type NameTrie } from './name-trie.ts';

/** Metadata every real node carries. `mode` holds the permission bits only (07777). */
export interface Meta {
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch, from the engine's deterministic clock. */
  mtime: number;
}

/**
 * Hard links (see hard-link.ts): the names of one inode in one file system are entries that
 * carry the same `ino` and equal content and metadata; `nlink` counts them. Both are absent on
 * an entry with a single name. An `ino` is unique in the tree that holds it and, in a layer, in
 * every layer stack the layer belongs to (it is allocated above every layer under it).
 * Directories cannot be hard-linked.
 */
export interface Inode {
  ino?: number;
  nlink?: number;
}

export interface FileNode extends Meta, Inode {
  kind: 'file';
  data: string;
  /**
   * The file is one a real server writes (a database's data files, postgres' base/5/1259) and
   * `data` is only what its catalog stand-in keeps there (a placeholder, often empty): strata
   * does not know the real bytes or size. Only the stand-in's own programs read it (a
   * Namespace's standIn view); any other reader of its bytes or size is refused by name
   * (placeholderRefusal), and so is a size of a tree that holds one (knownTreeSize). Its name,
   * mode, owner and links stay what they are. A copy of the node (copy-up, a volume's
   * copy-on-empty-mount, docker cp) keeps it.
   */
  placeholder?: true;
  /**
   * A placeholder's identity: which server write made it (engine/ids.ts nextPlaceholderId). Every
   * copy carries it (copy-up, copy-on-empty-mount, cp, mv, tar, docker cp), and a new write of the
   * file gives it another: two clusters of one server hold equal placeholders under the same
   * names, and only this tells a copy of one from the other (explain/copies.ts). Absent where no
   * writes are counted (a build's RUN), and on a copy of such a placeholder.
   */
  placeholderId?: string;
}

export interface SymlinkNode extends Meta, Inode {
  kind: 'symlink';
  target: string;
}

/**
 * `fdN`: /proc/self/fd/N, i.e. the opening process's own descriptor N. `init1`, `init2`:
 * /proc/1/fd/1 and /proc/1/fd/2 as another process of the container (a `docker exec`) sees them:
 * the main process's stdout and stderr, the pipes to the container's log.
 */
export type DeviceName = 'null' | 'zero' | 'full' | 'random' | 'urandom' | 'tty' | 'console' | 'ptmx' | 'fd0' | 'fd1' | 'fd2' | 'init1' | 'init2';

export interface DeviceNode extends Meta, Inode {
  kind: 'chardev';
  device: DeviceName;
  /**
   * Another process's descriptor that the opener may not reach: the kernel follows a
   * /proc/PID/fd/N link only for a process that passes ptrace_may_access(PTRACE_MODE_READ_FSCREDS)
   * on PID (fs/proc/base.c proc_pid_get_link, proc_fd_access_allowed), so any open of it fails
   * with EACCES, root's too (container/runtime-fs.ts procTree).
   */
  ptraceDenied?: true;
}

/**
 * A Unix domain socket's name in the file system (S_IFSOCK): what a listening daemon leaves at
 * its path (`/run/docker.sock`). It holds no data: open(2) of it fails with ENXIO (`cat` says
 * `No such device or address`); only connect(2) reaches the listener, which strata does not
 * simulate. `ls -l` shows `srw-rw----`, `test -S` is true, `stat` says `socket`.
 */
export interface SocketNode extends Meta, Inode {
  kind: 'socket';
  /**
   * A server stand-in's socket in a normal install (the real server's postgres
   * `.s.PGSQL.5432`, mysqld.sock): what the stand-in's own programs keep in it as a file (the
   * mysql client's data directory; postgres': nothing), which only they see (a Namespace's
   * standIn view reads, writes and stats it as a regular file); every other program sees the
   * socket the real server binds there. Set by a stand-in view's StandInRules.socket.
   */
  standIn?: string;
}

/**
 * A named pipe (S_IFIFO, mkfifo(3), `mknod NAME p`): a name whose inode holds no data, only a
 * pipe between a reader and a writer that open it at once. `ls -l` shows `prw-r--r--` and `ls -F`
 * a `|`, `test -p` is true, `stat` says `fifo`; tar archives it as a FIFO entry (type `6`), and
 * docker cp, export and commit keep it (recorded: fs/fifo-in-writable-layer, both engines).
 * Opening it blocks until the other end is opened: strata, which runs one program at a time,
 * refuses reading or writing one by name.
 */
export interface FifoNode extends Meta, Inode {
  kind: 'fifo';
}

/**
 * A directory's names and what each is: read and change them only with the functions at the
 * end of this file (entryOf, entryToChange, setEntry, removeEntry, entryList, entryCount, ...),
 * which keep their representation in one place.
 */
export interface Entries {
  readonly [ENTRIES]: 'entries';
}
declare const ENTRIES: unique symbol;

export interface DirNode extends Meta {
  kind: 'dir';
  entries: Entries;
  /**
   * Only meaningful in a layer: an opaque directory hides every entry of the same directory in
   * the layers below it (overlayfs `trusted.overlay.opaque=y`). Set when a directory is removed
   * and created again in the same upper layer.
   */
  opaque?: boolean;
  /**
   * A directory of a real server's (postgres' global/, mongo's dbpath) of which its catalog
   * stand-in holds only some names: strata does not know them all (or they are random on a real
   * install), so listing it is refused by name outside the stand-in's own programs
   * (placeholderListingRefusal); a name looked up in it still answers. Set by a Namespace's
   * standInView (its `incomplete` rule).
   */
  placeholder?: true;
}

/** Only meaningful in a layer: the entry of this name in lower layers is deleted. */
export interface WhiteoutNode {
  kind: 'whiteout';
}

export type Node = FileNode | SymlinkNode | DeviceNode | SocketNode | FifoNode | DirNode | WhiteoutNode;
export type RealNode = Exclude<Node, WhiteoutNode>;
/** What can have several names: everything but a directory. */
export type LinkableNode = FileNode | SymlinkNode | DeviceNode | SocketNode | FifoNode;
export type NodeKind = RealNode['kind'];

export const S_IFMT: Record<NodeKind, number> = {
  file: 0o100000,
  dir: 0o040000,
  symlink: 0o120000,
  chardev: 0o020000,
  socket: 0o140000,
  fifo: 0o010000,
};

/** A directory holding `entries` (in the order a record of them lists them). */
export function dir(meta: Partial<Meta> = {}, entries: Record<string, Node> | Iterable<readonly [string, Node]> = []): DirNode {
  return { kind: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 0, ...meta, entries: entriesFrom(isIterable(entries) ? entries : Object.entries(entries)) };
}

function isIterable<T>(x: object): x is Iterable<T> {
  return Symbol.iterator in x;
}

export function file(data: string, meta: Partial<Meta & Inode> = {}): FileNode {
  return { kind: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, ...meta, data };
}

export function symlink(target: string, meta: Partial<Meta & Inode> = {}): SymlinkNode {
  return { kind: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 0, ...meta, target };
}

export function device(name: DeviceName, meta: Partial<Meta & Inode> = {}): DeviceNode {
  return { kind: 'chardev', mode: 0o666, uid: 0, gid: 0, mtime: 0, ...meta, device: name };
}

export function socket(meta: Partial<Meta & Inode> = {}): SocketNode {
  return { kind: 'socket', mode: 0o755, uid: 0, gid: 0, mtime: 0, ...meta };
}

export function fifo(meta: Partial<Meta & Inode> = {}): FifoNode {
  return { kind: 'fifo', mode: 0o644, uid: 0, gid: 0, mtime: 0, ...meta };
}

export const WHITEOUT: WhiteoutNode = { kind: 'whiteout' };

/**
 * Apparent size as Docker counts it for layers, images and volumes: a file's length, a symlink's
 * target length, 0 for directories and devices (see shared/oracle/README.md, "Sizes").
 */
export function nodeSize(node: RealNode): number {
  switch (node.kind) {
    case 'file':
      return node.data.length;
    case 'symlink':
      return node.target.length;
    default:
      return 0;
  }
}

/**
 * What a node is charged in a file system that counts whole pages of `pageSize` bytes (tmpfs,
 * mm/shmem.c): a file's data rounded up to pages; a symlink's target only when it is longer than
 * SHORT_SYMLINK_LEN (128), shorter ones are kept in the inode (shmem_symlink).
 */
export function pagedSize(node: RealNode, pageSize: number): number {
  if (node.kind === 'symlink') return node.target.length > 128 ? Math.ceil(node.target.length / pageSize) * pageSize : 0;
  return Math.ceil(nodeSize(node) / pageSize) * pageSize;
}

/**
 * Sum of `nodeSize` over a whole tree (whiteouts count 0), or of `pagedSize` with a `pageSize`.
 * A hard-linked file counts once, as moby's pkg/directory Size does ("Check inode to handle hard
 * links correctly"). No recursion: trees may be as deep as the depth budget.
 */
export function treeSize(node: Node, pageSize?: number): number {
  return sizeWalk(node, pageSize, false)!;
}

/**
 * treeSize of a tree, or undefined when it holds a placeholder (holdsPlaceholder: a server's file
 * or directory whose size strata does not know). One walk answers both, where asking
 * holdsPlaceholder then treeSize walks a tree that holds none twice (explain's entries of a tree).
 */
export function treeSizeIfKnown(node: Node): number | undefined {
  return sizeWalk(node, undefined, true);
}

function sizeWalk(node: Node, pageSize: number | undefined, unknownStops: boolean): number | undefined {
  let total = 0;
  const seen = new Set<number>();
  const todo: Node[] = [node];
  while (todo.length > 0) {
    const n = todo.pop()!;
    // Stryker disable next-line ConditionalExpression,StringLiteral: a whiteout has no ino and a nodeSize of 0 below
    if (n.kind === 'whiteout') continue;
    // (a second name of a hard-linked placeholder is skipped below, but its first name stopped here)
    if (unknownStops && (n.kind === 'file' || n.kind === 'dir') && n.placeholder === true) return undefined;
    if (n.kind === 'dir') {
      for (const [, child] of entryList(n)) todo.push(child);
      continue;
    }
    if (n.ino !== undefined) {
      if (seen.has(n.ino)) continue;
      seen.add(n.ino);
    }
    total += pageSize === undefined ? nodeSize(n) : pagedSize(n, pageSize);
  }
  return total;
}

/**
 * Whether a tree holds a placeholder file (FileNode.placeholder) anywhere, or a directory with
 * files of the real server's that strata does not know (DirNode.placeholder: a copy of one holds
 * them too, whatever names the stand-in kept there). No recursion.
 */
export function holdsPlaceholder(node: Node): boolean {
  const todo: Node[] = [node];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if ((n.kind === 'file' || n.kind === 'dir') && n.placeholder === true) return true;
    if (n.kind === 'dir') for (const [, child] of entryList(n)) todo.push(child);
  }
  return false;
}

/**
 * The refusal of a reader of a placeholder file's bytes or size (FileNode.placeholder): a server's
 * file, a copy of one (cp, docker cp, tar x) or an archive tar made of them (tar c).
 */
export function placeholderRefusal(path: string): ShellNotSimulated {
  return new ShellNotSimulated(
    `strata does not simulate the contents of ${path}: a file the real server writes, or a copy or an archive of such files, whose bytes and size strata does not know (the catalog stand-in keeps placeholders for them)`,
  );
}

/** The refusal of a listing of a placeholder directory (DirNode.placeholder). */
export function placeholderListingRefusal(path: string): ShellNotSimulated {
  return new ShellNotSimulated(
    `strata does not simulate the entries of ${path}: a directory the real server fills, whose names strata does not know all of (the catalog stand-in keeps only some there)`,
  );
}

/**
 * The refusal of a copy of a server's files (a placeholder's, or a directory's whose names strata
 * does not all know) onto `path`, a file system of a set size or number of files (tmpfs `size=`,
 * `nr_inodes=`): whether they fit is not known.
 */
export function placeholderFitRefusal(path: string): ShellNotSimulated {
  return new ShellNotSimulated(
    `strata does not simulate whether the copy at ${path} fits: it holds files a real server writes, whose sizes and number strata does not know (the catalog stand-in keeps placeholders there), on a file system of a set size`,
  );
}

/**
 * treeSize of a tree whose size a command shows (`docker system df`, the space a prune
 * reclaims, `docker ps -s`): refused by name when the tree holds a placeholder file, whose real
 * size strata does not know. `what` names the tree (`volume pgdata`).
 */
export function knownTreeSize(node: Node, what: string): number {
  const size = treeSizeIfKnown(node);
  if (size === undefined) throw sizeRefusal(what);
  return size;
}

/** The refusal of a size of `what`, a tree that holds a placeholder file (knownTreeSize). */
export function sizeRefusal(what: string): ShellNotSimulated {
  return new ShellNotSimulated(
    `strata does not simulate the size of ${what}: it holds files a real server writes, whose sizes strata does not know (the catalog stand-in keeps placeholders there)`,
  );
}

/**
 * A deep copy: used where Docker copies data (copy-up, copy-on-empty-mount, docker cp). Hard
 * links are kept as they are (`ino`, `nlink`): a copy that takes part of a tree elsewhere
 * recounts them with `relink` (hard-link.ts). No recursion (deep trees).
 */
export function cloneNode<T extends Node>(node: T): T {
  if (node.kind !== 'dir') return { ...node };
  const top: DirNode = { ...(node as DirNode), entries: noEntries() };
  const todo: [DirNode, DirNode][] = [[node, top]];
  while (todo.length > 0) {
    const [from, to] = todo.pop()!;
    const copies: [string, Node][] = [];
    for (const [name, child] of entryList(from)) {
      if (child.kind === 'dir') {
        const copy: DirNode = { ...child, entries: noEntries() };
        copies.push([name, copy]);
        todo.push([child, copy]);
      } else copies.push([name, { ...child }]);
    }
    to.entries = entriesFrom(copies);
  }
  return top as T;
}

export function metaOf(node: RealNode): Meta {
  return { mode: node.mode, uid: node.uid, gid: node.gid, mtime: node.mtime };
}

// ---------------------------------------------------------------------------------------------
// A directory's entries. Every read and write of `DirNode.entries` goes through the functions
// below, so that how the names are held is decided here alone.
//
// Order: a directory lists its names as a JavaScript record lists its keys, which is what `ls -f`,
// `find`, `du` and a merged readdir show: names that are array indices ("0" to "4294967294",
// written canonically) first in numeric order, then the other names in the order they were
// created (a name set again keeps its place; one removed and created again goes last).
//
// Representation: up to SMALL_MAX names, a record with no prototype (so `__proto__`,
// `constructor` or `toString` are names like any other); beyond, a NameTrie (name-trie.ts), in
// which a write copies one path of about four small nodes instead of the whole record (immer
// copies a record whole when one key changes: 160 ms and 6 MB per write into 100,000 names,
// every past state being kept). Which one a directory has depends on its size alone.
// ---------------------------------------------------------------------------------------------

/** Up to this many names a directory keeps them in a record (busybox's /bin, 269 names, is a trie). */
export const SMALL_MAX = 256;

type Small = Record<string, Node>;
type Held = Small | NameTrie<Node>;

const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/**
 * A property of a node or of an entries record as it stands, drafting nothing: read through an
 * immer draft, `dir.entries[name]` makes a draft of the child and, on the way, a copy of the whole
 * entries record (immer's get trap prepares a copy of the parent), so a lookup in a directory of
 * 100,000 entries inside a command cost as much as a write into it (160 ms). A property
 * descriptor read through the draft gives the value as it stands (the base node, or the draft
 * this command already made of it) and copies nothing. Own properties only.
 */
function peekField<T>(o: Record<string, T>, key: string): T | undefined {
  const src = asItStands(o);
  return hasOwn(src, key) ? src[key] : undefined;
}

/** The entries of `dir` as they stand, read only (see peekField). */
function held(dir: DirNode): Held {
  return peekField(dir as unknown as Record<string, Held>, 'entries')!;
}

/**
 * `o[key]`, ready to be changed in place: through an immer draft, the draft of it; an object no
 * earlier state holds (not frozen) as it is; a frozen one (shared with the states before, found
 * where this command put new nodes around it, e.g. in a trie path it rebuilt) is copied into
 * place first. So a change made through it never reaches an earlier state.
 */
function toChange(o: object, key: string | number): object {
  const holder = o as Record<string | number, object>;
  const value = holder[key];
  // (a frozen holder outside a command is read through: a change through it fails, as before)
  // Stryker disable next-line LogicalOperator: a copy of an unfrozen node put in its place is changed just as well
  if (isDraft(value) || !Object.isFrozen(value) || (!isDraft(o) && Object.isFrozen(o))) return value;
  const copy: object = Array.isArray(value) ? value.slice() : Object.assign(Object.create(Object.getPrototypeOf(value) as object | null) as object, value);
  holder[key] = copy;
  return copy;
}

function setHeld(dir: DirNode, entries: Held): void {
  dir.entries = entries as unknown as Entries;
}

function smallFrom(pairs: Iterable<readonly [string, Node]>): Small {
  const small = Object.create(null) as Small;
  for (const [name, node] of pairs) small[name] = node;
  return small;
}

function smallList(small: Small): [string, Node][] {
  return Object.entries(asItStands(small));
}

/** No entries: the entries of a new, empty directory. */
export function noEntries(): Entries {
  return Object.create(null) as Entries;
}

/** Entries holding `pairs`, as successive assignments to a record would (a repeated name keeps its first place). */
export function entriesFrom(pairs: Iterable<readonly [string, Node]>): Entries {
  // (a shortcut for sizes known without a copy: a trie of SMALL_MAX names or fewer is turned back below)
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the copy of a Map or an array holds the same pairs
  const size = pairs instanceof Map ? pairs.size : Array.isArray(pairs) ? pairs.length : undefined;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: which representation a directory has at the SMALL_MAX boundary is invisible: a record and a NameTrie find, list and serialise (entriesJson) the same names in the same order
  const list = size === undefined ? [...pairs] : pairs;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: which representation a directory has at the SMALL_MAX boundary is invisible: a record and a NameTrie find, list and serialise (entriesJson) the same names in the same order
  if ((size ?? (list as unknown[]).length) <= SMALL_MAX) return smallFrom(list) as unknown as Entries;
  const trie = trieFrom(list);
  return (trie.size > SMALL_MAX ? trie : smallFrom(trieList(trie))) as unknown as Entries;
}

/**
 * A directory built once and never changed afterwards (a cache outside the state, such as a
 * flattened image): its entries stay the record `names` (no prototype) however many they are.
 * Only a write needs the trie, and building one of 100,000 names took the first container of
 * a 127-layer image 200 ms more; a write into it would still work, as into any record.
 */
export function builtDir(meta: Meta, names: Record<string, Node>): DirNode {
  return { kind: 'dir', ...meta, entries: names as unknown as Entries };
}

/** A record without prototype, for builtDir. */
export function namesRecord(): Record<string, Node> {
  return Object.create(null) as Record<string, Node>;
}

/**
 * The entry `name` of a directory as it stands, for reading only (see peekField): the base
 * state's node, or what the draft this command made of it reads from (fs/peek.ts), never a draft,
 * so that reading its fields costs no proxy trap. Writers take it with entryToChange.
 */
export function entryOf(dir: DirNode, name: string): Node | undefined {
  // the entries as they stand, taken once: isNameTrie and peekField would each take them again
  // (a symbol read per call, through a proxy trap on a draft), on every path component of
  // every lookup
  const e = asItStands(held(dir));
  const child = isNameTrie(e) ? trieGet(e, name) : hasOwn(e, name) ? (e as Small)[name] : undefined;
  return child === undefined ? undefined : asItStands(child);
}

/**
 * The entry `name` of a directory, to be changed in place: inside a command, the draft of it
 * (and of the directory), as `dir.entries[name]` through an immer draft gives (see toChange).
 */
export function entryToChange(dir: DirNode, name: string): Node | undefined {
  // (the caller changes what it gets: counted as a change, changes.ts)
  fsChanged();
  const e = held(dir);
  if (isNameTrie(e)) {
    const path = triePath(e, name);
    if (path === undefined) return undefined;
    let at = toChange(dir, 'entries');
    for (const key of path) at = toChange(at, key);
    return at as Node;
  }
  if (peekField(e, name) === undefined) return undefined;
  return toChange(toChange(dir, 'entries'), name) as Node;
}

/** Give `dir` the entry `name` (a new name goes last, see the order above; an existing one keeps its place). */
export function setEntry(dir: DirNode, name: string, node: Node): void {
  fsChanged();
  const e = held(dir);
  if (isNameTrie(e)) {
    setHeld(dir, trieSet(e, name, node));
    return;
  }
  if (peekField(e, name) !== undefined) {
    (toChange(dir, 'entries') as Small)[name] = node;
    return;
  }
  const n = smallSize(e);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: which representation a directory has at the SMALL_MAX boundary is invisible: a record and a NameTrie find, list and serialise (entriesJson) the same names in the same order
  if (n >= SMALL_MAX) {
    setHeld(dir, trieFrom([...smallList(e), [name, node]]));
    return;
  }
  const changed = toChange(dir, 'entries') as Small;
  changed[name] = node;
  SMALL_SIZES.set(asItStands(changed), n + 1);
}

/**
 * The number of names of records (a Small directory's entries, as they stand), kept by setEntry
 * and removeEntry, the only writers of a record: counting the names at every new one made
 * filling a directory quadratic (a layer's /bin of 400 links, unpacked at every `docker load`,
 * listed 256 names up to 256 times). A record not kept here (made whole, or copied by immer for
 * a draft) is counted once. Only decides when a record becomes a NameTrie, which is invisible.
 */
const SMALL_SIZES = new WeakMap<object, number>();

function smallSize(e: Small): number {
  // counted on the record as it stands: Object.keys of an immer draft costs two proxy traps and a
  // descriptor per name
  const src = asItStands(e);
  let n = SMALL_SIZES.get(src);
  if (n === undefined) SMALL_SIZES.set(src, (n = Object.keys(src).length));
  return n;
}

/** Take the entry `name` out of `dir` (nothing when it has none). */
export function removeEntry(dir: DirNode, name: string): void {
  fsChanged();
  const e = held(dir);
  if (isNameTrie(e)) {
    const rest = trieRemove(e, name);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: which representation a directory has at the SMALL_MAX boundary is invisible: a record and a NameTrie find, list and serialise (entriesJson) the same names in the same order
    if (rest !== e) setHeld(dir, rest.size > SMALL_MAX ? rest : smallFrom(trieList(rest)));
    return;
  }
  // Stryker disable next-line ConditionalExpression: deleting a name the record does not have changes nothing
  if (peekField(e, name) === undefined) return;
  const n = SMALL_SIZES.get(asItStands(e));
  const changed = toChange(dir, 'entries') as Small;
  delete changed[name];
  if (n !== undefined) SMALL_SIZES.set(asItStands(changed), n - 1);
}

/** Remove every entry of `dir`. */
export function clearEntries(dir: DirNode): void {
  fsChanged();
  dir.entries = noEntries();
}

/** A directory's entries in order, for reading only (see peekField). */
export function entryList(dir: DirNode): [string, Node][] {
  const e = held(dir);
  return isNameTrie(e) ? trieList(e) : smallList(e);
}

/** Visit a directory's entries in order, for reading only (entryList without the list). */
export function eachEntry(dir: DirNode, visit: (name: string, node: Node) => void): void {
  const e = held(dir);
  if (isNameTrie(e)) trieEach(e, visit);
  else {
    const src = asItStands(e);
    for (const name in src) visit(name, src[name]);
  }
}

/** A directory's names in order. */
export function entryNames(dir: DirNode): string[] {
  const e = held(dir);
  return isNameTrie(e) ? trieList(e).map(([name]) => name) : Object.keys(asItStands(e));
}

/** A directory's entries in order, each to be changed in place (drafts inside a command, see entryToChange). */
export function entryListToChange(dir: DirNode): [string, Node][] {
  return entryNames(dir).map((name) => [name, entryToChange(dir, name)!]);
}

/** How many entries `dir` has (whiteouts included). */
export function entryCount(dir: DirNode): number {
  const e = held(dir);
  return isNameTrie(e) ? e.size : Object.keys(asItStands(e)).length;
}

/** Whether `dir` has no entry at all (no whiteout either). */
export function isEmptyDir(dir: DirNode): boolean {
  const e = held(dir);
  // Stryker disable next-line ConditionalExpression: a trie holds more than SMALL_MAX names (never none), and a record no key named size
  if (isNameTrie(e)) return e.size === 0;
  // Stryker disable next-line ConditionalExpression: a key is never undefined (the test gives the loop its body)
  for (const name in e) if (name !== undefined) return false;
  return true;
}

/**
 * A JSON.stringify replacer's view of a tree's entries: a record of them in their order, however
 * they are held, so that a tree's JSON (a layer's ID hashes it) never shows the representation.
 */
export function entriesJson(key: string, value: unknown): unknown {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: only entries are tries, and a tree holds no null or other non-object a trie test would trip on
  return key === 'entries' && typeof value === 'object' && value !== null && isNameTrie(value) ? Object.fromEntries(trieList(value)) : value;
}
