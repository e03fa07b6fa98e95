// Timestamps as the daemon prints them (RFC 3339; normalized to <time> by scenarios).

export function rfc3339(seconds: number, nanos = false): string {
  const iso = new Date(seconds * 1000).toISOString();
  return nanos ? iso.replace('.000Z', '.000000000Z') : iso.replace('.000Z', 'Z');
}

/** Go's time.Time.String() for a UTC time: `2006-01-02 15:04:05.999999999 +0000 UTC` (zeros trimmed). */
export function goTimeString(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000 UTC`;
}

/** Go's time.RFC3339Nano (how a time.Time marshals to JSON): the fraction of a second without trailing zeros. */
export function rfc3339Nano(seconds: number): string {
  const whole = Math.floor(seconds);
  const nanos = Math.round((seconds - whole) * 1e9);
  const base = new Date(whole * 1000).toISOString().slice(0, 19);
  return nanos === 0 ? `${base}Z` : `${base}.${String(nanos).padStart(9, '0').replace(/0+$/, '')}Z`;
}
