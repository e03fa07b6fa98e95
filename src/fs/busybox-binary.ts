// The bytes strata gives /bin/busybox (image/base.ts): an ELF header padded to the real binary's
// size, Debian 12's busybox-static 1:1.35.0-4+deb12u1+b1 (shared/oracle/README.md "Base image").
// The shell knows a copy of it by these bytes, wherever it lies (shell/programs.ts).

export const BUSYBOX_SIZE = 1982256;

const HEADER = '\x7fELF\x02\x01\x01';

let content: string | undefined;

/** The binary's content (made once: a constant). */
export function busyboxBinary(): string {
  return (content ??= HEADER + '\0'.repeat(BUSYBOX_SIZE - HEADER.length));
}

/**
 * The first `limit` bytes of a file's `data` (a read of part of it: a `#!` check, `head -c`).
 * The busybox binary's are made from its header: V8 keeps `HEADER + '\0'.repeat(...)` as a tree
 * of concatenations, and slicing it makes V8 write the whole 2 MB out flat first, memory the
 * process touches for the first time (~480 page faults and ~10-40 ms of a `strata check` whose
 * image has a copy of busybox as /bin/sh: every command's interpreter check reads its head).
 */
export function headOf(data: string, limit: number): string {
  if (limit < data.length && data.length === BUSYBOX_SIZE && data === content) {
    return limit <= HEADER.length ? HEADER.slice(0, limit) : HEADER + '\0'.repeat(limit - HEADER.length);
  }
  return data.slice(0, limit);
}
