// The bytes strata gives the binaries of its base images (image/base.ts, image/busybox-real.ts):
// an ELF header padded to the real binary's size. The oracle's /bin/busybox is Debian 12's
// busybox-static 1:1.35.0-4+deb12u1+b1 (shared/oracle/README.md "Base image"); the real
// busybox:latest's is docker-library/busybox's BusyBox 1.38.0 glibc build, and its glibc files
// are stubs of their sizes too (test/recorded/busybox-latest-real/rootfs.txt). Their real bytes
// are not strata's to give: a reader of them (`md5sum /bin/busybox`) sees the stub.
// The shell knows a copy of busybox by these bytes, wherever it lies (shell/programs.ts).

export const BUSYBOX_SIZE = 1982256;
/** /bin/busybox of the real busybox:latest (BusyBox 1.38.0, glibc, dynamically linked). */
export const REAL_BUSYBOX_SIZE = 1041984;

const HEADER = '\x7fELF\x02\x01\x01';

/** Each stub made so far, by size (made once: a constant). */
const stubs = new Map<number, string>();

/** An amd64 ELF file of `size` bytes: the header, then NULs. */
export function elfStub(size: number): string {
  let s = stubs.get(size);
  if (s === undefined) {
    s = HEADER + '\0'.repeat(size - HEADER.length);
    stubs.set(size, s);
  }
  return s;
}

/** The oracle's busybox binary's content. */
export function busyboxBinary(): string {
  return elfStub(BUSYBOX_SIZE);
}

/** The real busybox:latest's busybox binary's content. */
export function realBusyboxBinary(): string {
  return elfStub(REAL_BUSYBOX_SIZE);
}

/**
 * The first `limit` bytes of a file's `data` (a read of part of it: a `#!` check, `head -c`).
 * A stub's are made from its header: V8 keeps `HEADER + '\0'.repeat(...)` as a tree of
 * concatenations, and slicing it makes V8 write the whole string out flat first, memory the
 * process touches for the first time (for busybox's 2 MB ~480 page faults and ~10-40 ms of a
 * `strata check` whose image has a copy of busybox as /bin/sh: every command's interpreter check
 * reads its head).
 */
export function headOf(data: string, limit: number): string {
  if (limit < data.length && stubs.get(data.length) === data) {
    return limit <= HEADER.length ? HEADER.slice(0, limit) : HEADER + '\0'.repeat(limit - HEADER.length);
  }
  return data.slice(0, limit);
}
