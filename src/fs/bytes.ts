// Conversions between JavaScript text and the byte strings the simulated file systems hold.

/** UTF-8 encode text into a byte string (one char per byte). */
export function toBytes(text: string): string {
  const buf = Buffer.from(text, 'utf8');
  return buf.toString('latin1');
}

/** Decode a byte string as UTF-8 text (invalid sequences become U+FFFD, as a terminal shows them). */
export function fromBytes(bytes: string): string {
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
