// A shell process's command hash table: where its PATH searches found programs, kept so that the
// next run of the same name does not search again (bash's `hash`, ash's and dash's cmdtable).
// What a kept entry means differs by shell:
// - bash keeps the whole path the search found (bminor/bash@bash-5.2 findcmd.c search_for_command,
//   hashcmd.c phash_insert/phash_search): a later run execs that path, even once the file is gone
//   (`bash: /a/foo: No such file or directory`, 127) and another file of the name comes earlier
//   in PATH; in posix mode (bash run as `sh`) it first checks the kept path is still an executable
//   file, else searches again (`shopt -s checkhash` does the same: not simulated).
// - busybox ash and dash keep the index of the PATH entry (mirror/busybox shell/ash.c
//   find_command, shellexec; dash src/exec.c the same): a later run tries PATH from that entry on,
//   so a program removed from the entry runs the next one found after it, never one before it
//   (`sh: foo: not found`, 127). A `cd` marks every entry for a new search (hashcd: `hash` shows
//   them with a `*`), which for an absolute entry finds the same one unasked.
// Every shell empties its table when PATH is assigned or unset (bash variables.c sv_path's
// phash_flush; ash and dash changepath's clearcmdentry), and on `hash -r`. A subshell (a fork)
// starts with a copy; a new shell process (`sh -c`, a script) starts empty. Names with a `/` and
// busybox's own applets (run before any PATH search) never enter it. Checked against this host's
// bash 5.2.15, dash 0.5.12 and busybox 1.35.0 sh (test/shell/command-hash.test.ts).

/** One name's entry. Entries are never changed in place: forks share them (Shell.ownCommandHash). */
export interface HashEntry {
  /** The path the search found, as PATH names it (the entry's directory, then the name). */
  readonly path: string;
  /** The index of the PATH entry it was found in. */
  readonly index: number;
  /** bash: the times the name was looked up in the table (`hash`'s hits column). */
  readonly hits: number;
  /** ash and dash: a `cd` since the search (hashcd): searched again at the next lookup. */
  readonly rehash: boolean;
  /** When the name entered the table, for the listing's order within a bucket. */
  readonly seq: number;
}

export class CommandHash {
  private readonly entries: Map<string, HashEntry>;
  private next: number;

  constructor(from?: CommandHash) {
    this.entries = new Map(from?.entries);
    this.next = from?.next ?? 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(name: string): HashEntry | undefined {
    return this.entries.get(name);
  }

  /** Enter or replace a name's entry; a name already there keeps its place in the listing. */
  set(name: string, path: string, index: number, hits: number): void {
    const seq = this.entries.get(name)?.seq ?? this.next++;
    this.entries.set(name, { path, index, hits, rehash: false, seq });
  }

  /** bash's phash_search: a lookup counts a hit. */
  hit(name: string): void {
    const e = this.entries.get(name);
    if (e !== undefined) this.entries.set(name, { ...e, hits: e.hits + 1 });
  }

  delete(name: string): boolean {
    return this.entries.delete(name);
  }

  clear(): void {
    this.entries.clear();
  }

  /** ash's and dash's hashcd: every entry is searched again at its next lookup. */
  markRehash(): void {
    for (const [name, e] of this.entries) if (!e.rehash) this.entries.set(name, { ...e, rehash: true });
  }

  /**
   * The entries in the order the shell's table walk lists them: bash's hash_walk goes through 256
   * buckets by an FNV-1 hash of the name (hashlib.c hash_string, hashcmd.h FILENAME_HASH_BUCKETS),
   * each bucket's newest entry first (hash_insert adds at the front); ash and dash through 31 by
   * the first byte times 16 plus the sum of the bytes (cmdlookup, CMDTABLESIZE), oldest first.
   */
  listed(bash: boolean, bash44 = false): [string, HashEntry][] {
    const bucket = bash44 ? bash44Bucket : bash ? bashBucket : ashBucket;
    const keyed = [...this.entries].map(([name, e]) => ({ name, e, b: bucket(name) }));
    keyed.sort((x, y) => x.b - y.b || (bash ? y.e.seq - x.e.seq : x.e.seq - y.e.seq));
    return keyed.map(({ name, e }) => [name, e]);
  }
}

const encoder = new TextEncoder();

/** bash 5.2 hashlib.c hash_string (FNV-1: multiply, then xor) masked to 256 buckets. */
function bashBucket(name: string): number {
  let h = 2166136261;
  for (const c of encoder.encode(name)) h = (Math.imul(h, 16777619) ^ c) >>> 0;
  return h & 255;
}

/**
 * bash 4.4's (oraclelinux:8's 4.4.20): hashlib.c hash_string then began at 0, not at FNV-1's offset
 * basis, and hashcmd.h had 64 buckets (FILENAME_HASH_BUCKETS; 5.0 took the offset basis, 5.1 the
 * 256 buckets: bminor/bash@bash-4.4, bash-5.0 and bash-5.1). Measured: Ubuntu bionic's bash
 * 4.4.18 and Debian bullseye's 5.1 (the same order as 5.2), test/shell/bash44-hash-order.test.ts.
 */
function bash44Bucket(name: string): number {
  let h = 0;
  for (const c of encoder.encode(name)) h = (Math.imul(h, 16777619) ^ c) >>> 0;
  return h & 63;
}

/** busybox ash and dash cmdlookup: `(first byte << 4) + sum of bytes`, & 0x7FFF, modulo 31. */
function ashBucket(name: string): number {
  const bytes = encoder.encode(name);
  let h = (bytes[0] ?? 0) << 4;
  for (const c of bytes) h += c;
  return (h & 0x7fff) % 31;
}
