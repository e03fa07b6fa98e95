// Timestamps as the daemon prints them (RFC 3339; normalized to <time> by scenarios).

export function rfc3339(seconds: number, nanos = false): string {
  const iso = new Date(seconds * 1000).toISOString();
  return nanos ? iso.replace('.000Z', '.000000000Z') : iso.replace('.000Z', 'Z');
}
