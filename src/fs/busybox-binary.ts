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
