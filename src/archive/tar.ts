// The tar format: 512-byte headers (POSIX ustar, with GNU ././@LongLink records for long names),
// octal fields, checksums, data padded to 512 bytes, and two zero blocks at the end. Archives are
// byte strings (one char per byte), like every other datum in the simulation. Used by the `tar`
// applet and by the engine for `docker export` / `docker cp`.

import { BoundedMemo, registerMemo } from '../engine/memos.ts';

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev' | 'blockdev' | 'fifo';

export interface TarEntry {
  /** Member name without a trailing '/' (directories get one in the archive). */
  name: string;
  type: TarEntryType;
  /** Permission bits (07777). */
  mode: number;
  uid: number;
  gid: number;
  uname?: string;
  gname?: string;
  /** Seconds since the epoch. */
  mtime: number;
  /** File content (byte string); only for type 'file'. */
  data?: string;
  /** Target of a symlink or hard link. */
  linkname?: string;
  devmajor?: number;
  devminor?: number;
  /**
   * A server's file whose bytes strata does not know (a file: src/fs/node.ts FileNode.placeholder,
   * `data` is the stand-in's), or its directory that holds files strata does not know (a
   * directory: DirNode.placeholder). An archive with such a member is itself a placeholder file,
   * whose bytes nothing shows; the mark is kept in a pax record of strata's own (PLACEHOLDER_KEY)
   * so that extracting it carries the marks on. readTar sets it from that record, in such an archive only.
   */
  placeholder?: true;
  /** A placeholder file's identity (src/fs/node.ts FileNode.placeholderId), kept as placeholder is (PLACEHOLDER_ID_KEY). */
  placeholderId?: string;
}

/**
 * The pax record that marks a member `placeholder` (TarEntry.placeholder). pax keywords with a
 * vendor prefix are the implementation's own (POSIX pax, "keyword"); these archives' bytes are
 * never shown (the archive is a placeholder), and a tar reads only those as marked (the tar applet).
 */
const PLACEHOLDER_KEY = 'STRATA.placeholder';
/** The pax record of a placeholder member's identity (TarEntry.placeholderId), beside PLACEHOLDER_KEY's. */
const PLACEHOLDER_ID_KEY = 'STRATA.placeholder.id';

/** A pax extended header (typeflag `x`) holding the `key=value` records for the next member. */
function paxHeader(records: readonly (readonly [string, string])[], magic: 'ustar' | 'gnu'): string {
  const data = records.map(([key, value]) => paxRecord(key, value)).join('');
  return (
    header(
      { name: 'PaxHeader', mode: 0o644, uid: 0, gid: 0, size: data.length, mtime: 0, typeflag: 'x', linkname: '', uname: '', gname: '', devmajor: 0, devminor: 0, prefix: '' },
      magic,
    ) +
    data +
    pad(data.length)
  );
}

/** One pax record: its length counts its own digits (POSIX pax: "%d %s=%s\n"). */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let len = rest.length + 1;
  while (String(len).length + rest.length !== len) len = String(len).length + rest.length;
  return `${len}${rest}`;
}

export interface CreateTarOptions {
  /**
   * Pad the archive to a multiple of this many bytes (GNU tar: 10240, i.e. 20 blocks). Default:
   * no padding beyond the two zero end blocks (busybox tar, Go's archive/tar).
   */
  recordSize?: number;
  /** Header magic: POSIX `ustar\0` + `00` (default) or GNU `ustar  \0`. */
  magic?: 'ustar' | 'gnu';
  /**
   * Add the file type bits to the mode field (`0100644` for a file, `040755` for a directory), as
   * 20.10's archive.FileInfoHeader does with fillGo18FileTypeBits for every archive the daemon
   * makes (`docker cp`, `docker export`; moby pkg/archive/archive.go). busybox and GNU tar write
   * the permission bits only, and so does the 26.1 daemon (EngineProfile.tarTypeBits).
   */
  typeBits?: boolean;
}

const TYPE_BITS: Record<TarEntryType, number> = {
  file: 0o100000,
  hardlink: 0o100000,
  symlink: 0o120000,
  chardev: 0o20000,
  blockdev: 0o60000,
  dir: 0o40000,
  fifo: 0o10000,
};

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

const BLOCK = 512;
const TYPEFLAG: Record<TarEntryType, string> = {
  file: '0',
  hardlink: '1',
  symlink: '2',
  chardev: '3',
  blockdev: '4',
  dir: '5',
  fifo: '6',
};

/** Name as `tar t` prints it: directories end with '/'. */
export function memberName(e: TarEntry): string {
  return e.type === 'dir' && !e.name.endsWith('/') ? e.name + '/' : e.name;
}

function octal(value: number, len: number): string {
  // len-1 octal digits followed by NUL
  const s = Math.max(0, Math.floor(value)).toString(8);
  if (s.length > len - 1) {
    // GNU base-256 encoding for values that do not fit
    let v = BigInt(Math.floor(value));
    const bytes: number[] = [];
    for (let i = 0; i < len; i++) {
      bytes.unshift(Number(v & 0xffn));
      v >>= 8n;
    }
    bytes[0] |= 0x80;
    return String.fromCharCode(...bytes);
  }
  return s.padStart(len - 1, '0') + '\0';
}

function field(s: string, len: number): string {
  if (s.length > len) s = s.slice(0, len);
  return s + '\0'.repeat(len - s.length);
}

function checksum(block: string): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block.charCodeAt(i) & 0xff;
  return sum;
}

interface HeaderFields {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  typeflag: string;
  linkname: string;
  uname: string;
  gname: string;
  devmajor: number;
  devminor: number;
  prefix: string;
}

/**
 * The headers made lately, by their fields: the same image is exported, saved or copied from in
 * scenario after scenario, and its members' headers are the same each time (a 512-byte string and
 * its checksum were a fifth of a `docker export` of busybox). A cache of a pure function of the
 * key; a field holding NUL (which would make two keys alike) is never looked up.
 */
const HEADERS = new BoundedMemo<string, string>(4096);

function header(h: HeaderFields, magic: 'ustar' | 'gnu'): string {
  const plain = !(h.name + h.linkname + h.uname + h.gname + h.prefix + h.typeflag).includes('\0');
  const key = plain ? `${magic}\0${h.name}\0${h.linkname}\0${h.uname}\0${h.gname}\0${h.prefix}\0${h.typeflag}\0${h.mode}\0${h.uid}\0${h.gid}\0${h.size}\0${h.mtime}\0${h.devmajor}\0${h.devminor}` : undefined;
  let made = key === undefined ? undefined : HEADERS.get(key);
  if (made === undefined) {
    made = makeHeader(h, magic);
    if (key !== undefined) HEADERS.set(key, made);
  }
  return made;
}

function makeHeader(h: HeaderFields, magic: 'ustar' | 'gnu'): string {
  let b =
    field(h.name, 100) +
    octal(h.mode, 8) +
    octal(h.uid, 8) +
    octal(h.gid, 8) +
    octal(h.size, 12) +
    octal(h.mtime, 12) +
    '        ' +
    h.typeflag +
    field(h.linkname, 100) +
    (magic === 'gnu' ? 'ustar  \0' : 'ustar\x0000') +
    field(h.uname, 32) +
    field(h.gname, 32) +
    (h.devmajor || h.typeflag === '3' || h.typeflag === '4' ? octal(h.devmajor, 8) : octal(0, 8)) +
    (h.devminor || h.typeflag === '3' || h.typeflag === '4' ? octal(h.devminor, 8) : octal(0, 8)) +
    field(h.prefix, 155);
  b += '\0'.repeat(BLOCK - b.length);
  const sum = checksum(b);
  const sumField = sum.toString(8).padStart(6, '0') + '\0 ';
  return b.slice(0, 148) + sumField + b.slice(156);
}

function pad(n: number): string {
  const r = n % BLOCK;
  return r === 0 ? '' : '\0'.repeat(BLOCK - r);
}

function longLink(type: 'L' | 'K', value: string, magic: 'ustar' | 'gnu'): string {
  const data = value + '\0';
  return (
    header(
      { name: '././@LongLink', mode: 0, uid: 0, gid: 0, size: data.length, mtime: 0, typeflag: type, linkname: '', uname: 'root', gname: 'root', devmajor: 0, devminor: 0, prefix: '' },
      magic,
    ) +
    data +
    pad(data.length)
  );
}

/** Build an archive from entries, in the order given. */
export function createTar(entries: TarEntry[], opts: CreateTarOptions = {}): string {
  const magic = opts.magic ?? 'ustar';
  const parts: string[] = [];
  for (const e of entries) {
    const name = memberName(e);
    const linkname = e.linkname ?? '';
    const data = e.type === 'file' ? (e.data ?? '') : '';
    if (e.placeholder === true) parts.push(paxHeader([[PLACEHOLDER_KEY, '1'], ...(e.placeholderId !== undefined ? [[PLACEHOLDER_ID_KEY, e.placeholderId] as const] : [])], magic));
    if (name.length > 100) parts.push(longLink('L', name, magic));
    if (linkname.length > 100) parts.push(longLink('K', linkname, magic));
    parts.push(
      header(
        {
          name: name.length > 100 ? name.slice(0, 100) : name,
          mode: (e.mode & 0o7777) | (opts.typeBits ? TYPE_BITS[e.type] : 0),
          uid: e.uid,
          gid: e.gid,
          size: data.length,
          mtime: e.mtime,
          typeflag: TYPEFLAG[e.type],
          linkname: linkname.slice(0, 100),
          uname: e.uname ?? '',
          gname: e.gname ?? '',
          devmajor: e.devmajor ?? 0,
          devminor: e.devminor ?? 0,
          prefix: '',
        },
        magic,
      ),
    );
    if (data.length) {
      parts.push(data, pad(data.length));
    }
  }
  parts.push('\0'.repeat(2 * BLOCK));
  let length = 0;
  for (const p of parts) length += p.length;
  if (opts.recordSize && length % opts.recordSize !== 0) parts.push('\0'.repeat(opts.recordSize - (length % opts.recordSize)));
  // an archive made again of the same pieces (`docker save` of one image twice) is the same
  // string: piecesOf then finds it by identity, where comparing two equal ropes flattens both
  const again = made.find((m) => samePieces(m.pieces, parts));
  if (again !== undefined) return again.text;
  // concatenated, not joined: V8 keeps the result as a rope of the pieces (see `made`)
  let out = '';
  for (const p of parts) out += p;
  made = [{ text: out, pieces: parts }, ...made.slice(0, MADE_KEPT - 1)];
  return out;
}

/**
 * The pieces (headers, contents, padding) of the archives createTar made last, by their text.
 * createTar concatenates them, which V8 keeps as a rope of the same pieces; copying them into one
 * flat string, as Array.join does and as a read of any character of a rope does, cost ~10 ms of
 * CPU for the 2 MB of busybox at every `docker export`, more than the rest of the command. readTar
 * and archiveHead read such an archive from its pieces, so that `docker export | tar -t` makes no
 * copy of the contents. A cache: an archive not found here is read from its text, the same way.
 */
let made: { text: string; pieces: readonly string[] }[] = [];
registerMemo(() => (made = []));
const MADE_KEPT = 4;

/** Whether two lists of pieces make the same text piece by piece (contents are mostly the same strings). */
function samePieces(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].length !== b[i].length || a[i] !== b[i]) return false;
  return true;
}

function piecesOf(text: string): readonly string[] | undefined {
  // the lengths first: comparing two different strings of one length reads (flattens) both
  for (const m of made) if (m.text.length === text.length && m.text === text) return m.pieces;
  return undefined;
}

/** What readTar reads an archive through: its text, or its pieces (piecewise). */
interface Source {
  readonly length: number;
  slice(start: number, end: number): string;
}

/** `pieces` read as the text they make, a slice from the pieces it covers (reads go forward). */
function piecewise(pieces: readonly string[], length: number): Source {
  const starts: number[] = [];
  let at = 0;
  for (const p of pieces) {
    starts.push(at);
    at += p.length;
  }
  let k = 0;
  return {
    length,
    slice(start: number, end: number): string {
      while (k > 0 && starts[k] > start) k--;
      while (k < pieces.length - 1 && starts[k + 1] <= start) k++;
      const first = pieces[k];
      // within one piece (the usual case): a whole piece is the piece itself, no copy
      if (end <= starts[k] + first.length) return first.slice(start - starts[k], end - starts[k]);
      let out = first.slice(start - starts[k]);
      for (let j = k + 1; j < pieces.length && starts[j] < end; j++) out += pieces[j].slice(0, end - starts[j]);
      return out;
    },
  };
}

/** The first `n` characters of an archive (where its compression shows), without flattening one createTar made. */
export function archiveHead(data: string, n: number): string {
  const pieces = piecesOf(data);
  return pieces === undefined ? data.slice(0, n) : piecewise(pieces, data.length).slice(0, Math.min(n, data.length));
}

function cstr(block: string, off: number, len: number): string {
  const s = block.slice(off, off + len);
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

function parseNumber(block: string, off: number, len: number, what: string): number {
  const raw = block.slice(off, off + len);
  if (raw.length > 0 && (raw.charCodeAt(0) & 0x80) !== 0) {
    let v = BigInt(raw.charCodeAt(0) & 0x7f);
    for (let i = 1; i < raw.length; i++) v = (v << 8n) | BigInt(raw.charCodeAt(i) & 0xff);
    return Number(v);
  }
  const s = raw.replace(/\0.*$/s, '').trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new TarFormatError(`corrupted octal value in tar header (${what})`);
  return parseInt(s, 8);
}

function parsePax(data: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(' ', i);
    if (sp < 0) break;
    const len = Number(data.slice(i, sp));
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = data.slice(sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

/** True when the block is a plausible tar header (checksum matches). */
export function isTarHeader(block: string): boolean {
  if (block.length < BLOCK) return false;
  const stored = cstr(block, 148, 8).trim();
  if (!/^[0-7]+$/.test(stored)) return false;
  const want = parseInt(stored, 8);
  if (checksum(block) === want) return true;
  // some old tars computed signed sums
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 32 : block.charCodeAt(i);
    signed += c >= 128 ? c - 256 : c;
  }
  return signed === want;
}

/**
 * Parse an archive. Throws TarFormatError on anything that is not a well-formed tar stream.
 * `marks`: the archive is a placeholder file that strata's tar made (TarEntry.placeholder): its
 * members' marks are read; in any other archive such a record is nobody's.
 */
export function readTar(text: string, marks = false): TarEntry[] {
  const pieces = piecesOf(text);
  return readTarFrom(pieces === undefined ? text : piecewise(pieces, text.length), marks);
}

function readTarFrom(data: Source, marks: boolean): TarEntry[] {
  const entries: TarEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  let longLinkName: string | undefined;
  let pax: Record<string, string> = {};
  let sawHeader = false;
  while (off + BLOCK <= data.length) {
    const block = data.slice(off, off + BLOCK);
    if (/^\0*$/.test(block)) {
      // end of archive (one or two zero blocks)
      break;
    }
    if (!isTarHeader(block)) {
      const magic = block.slice(257, 262);
      if (magic !== 'ustar' && !sawHeader) throw new TarFormatError('invalid tar magic');
      throw new TarFormatError('invalid tar header checksum');
    }
    sawHeader = true;
    off += BLOCK;
    const typeflag = block[156];
    const size = parseNumber(block, 124, 12, 'size');
    if (off + size > data.length) throw new TarFormatError('unexpected end of archive');
    const body = data.slice(off, off + size);
    off += size + (size % BLOCK === 0 ? 0 : BLOCK - (size % BLOCK));
    if (typeflag === 'L') {
      longName = cstr(body, 0, body.length);
      continue;
    }
    if (typeflag === 'K') {
      longLinkName = cstr(body, 0, body.length);
      continue;
    }
    if (typeflag === 'x') {
      pax = { ...pax, ...parsePax(body) };
      continue;
    }
    if (typeflag === 'g') continue;
    const isUstar = block.slice(257, 262) === 'ustar';
    let name = cstr(block, 0, 100);
    if (isUstar && block.slice(257, 263) === 'ustar\0') {
      const prefix = cstr(block, 345, 155);
      if (prefix) name = prefix + '/' + name;
    }
    if (longName !== undefined) name = longName;
    if (pax.path !== undefined) name = pax.path;
    let linkname = cstr(block, 157, 100);
    if (longLinkName !== undefined) linkname = longLinkName;
    if (pax.linkpath !== undefined) linkname = pax.linkpath;
    let type: TarEntryType;
    switch (typeflag) {
      case '0':
      case '\0':
      case '7':
        type = name.endsWith('/') ? 'dir' : 'file';
        break;
      case '1':
        type = 'hardlink';
        break;
      case '2':
        type = 'symlink';
        break;
      case '3':
        type = 'chardev';
        break;
      case '4':
        type = 'blockdev';
        break;
      case '5':
        type = 'dir';
        break;
      case '6':
        type = 'fifo';
        break;
      default:
        throw new TarFormatError(`unknown typeflag: 0x${typeflag.charCodeAt(0).toString(16)}`);
    }
    const entry: TarEntry = {
      name: name.length > 1 ? name.replace(/\/+$/, '') : name,
      type,
      mode: parseNumber(block, 100, 8, 'mode') & 0o7777,
      uid: pax.uid !== undefined ? Number(pax.uid) : parseNumber(block, 108, 8, 'uid'),
      gid: pax.gid !== undefined ? Number(pax.gid) : parseNumber(block, 116, 8, 'gid'),
      mtime: pax.mtime !== undefined ? Math.floor(Number(pax.mtime)) : parseNumber(block, 136, 12, 'mtime'),
    };
    const uname = pax.uname ?? cstr(block, 265, 32);
    const gname = pax.gname ?? cstr(block, 297, 32);
    if (uname) entry.uname = uname;
    if (gname) entry.gname = gname;
    if (type === 'file') entry.data = pax.size !== undefined ? body.slice(0, Number(pax.size)) : body;
    if (marks && pax[PLACEHOLDER_KEY] !== undefined && (type === 'file' || type === 'dir')) entry.placeholder = true;
    if (marks && pax[PLACEHOLDER_ID_KEY] !== undefined && type === 'file') entry.placeholderId = pax[PLACEHOLDER_ID_KEY];
    if (type === 'symlink' || type === 'hardlink') entry.linkname = linkname;
    if (type === 'chardev' || type === 'blockdev') {
      entry.devmajor = parseNumber(block, 329, 8, 'devmajor');
      entry.devminor = parseNumber(block, 337, 8, 'devminor');
    }
    entries.push(entry);
    longName = undefined;
    longLinkName = undefined;
    pax = {};
  }
  if (!sawHeader) {
    if (data.length === 0) throw new TarFormatError('empty archive');
    if (data.length < BLOCK) throw new TarFormatError('short read');
  }
  return entries;
}
