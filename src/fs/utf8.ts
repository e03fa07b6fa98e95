// Go's unicode/utf8 over byte strings (one char per byte, see bytes.ts). Go strings are byte
// sequences: `len` counts bytes, indexing and slicing work on bytes, and only the places that
// range over a string, count runes or quote it decode UTF-8, each invalid byte as U+FFFD of
// width 1 (go/src/unicode/utf8/utf8.go DecodeRuneInString). Everything the docker CLI prints
// is such a byte string, exactly as Docker's Go code holds it.

/** U+FFFD, what Go decodes an invalid byte as (utf8.RuneError). */
export const RUNE_ERROR = 0xfffd;

/** The rune at byte offset i and how many bytes it takes (utf8.DecodeRuneInString). */
export function decodeRune(s: string, i: number): { cp: number; size: number } {
  const b0 = s.charCodeAt(i);
  if (b0 < 0x80) return { cp: b0, size: 1 };
  const cont = (k: number): number => {
    const b = s.charCodeAt(i + k);
    return b >= 0x80 && b <= 0xbf ? b & 0x3f : -1;
  };
  // Lead bytes and the range of the second byte that keeps the sequence shortest and outside
  // the surrogates (utf8.go's first/acceptRanges tables).
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    const c1 = cont(1);
    if (c1 >= 0) return { cp: ((b0 & 0x1f) << 6) | c1, size: 2 };
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    const b1 = s.charCodeAt(i + 1);
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    const c2 = cont(2);
    if (b1 >= lo && b1 <= hi && c2 >= 0) return { cp: ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | c2, size: 3 };
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    const b1 = s.charCodeAt(i + 1);
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    const c2 = cont(2);
    const c3 = cont(3);
    if (b1 >= lo && b1 <= hi && c2 >= 0 && c3 >= 0) {
      return { cp: ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | (c2 << 6) | c3, size: 4 };
    }
  }
  return { cp: RUNE_ERROR, size: 1 };
}

/** Each rune of s with its bytes (Go's `for i, r := range s`; an invalid byte alone). */
export function* runes(s: string): Generator<{ cp: number; bytes: string }> {
  for (let i = 0; i < s.length; ) {
    const { cp, size } = decodeRune(s, i);
    yield { cp, bytes: s.slice(i, i + size) };
    i += size;
  }
}

/** utf8.RuneCountInString. */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; n++) i += decodeRune(s, i).size;
  return n;
}

/** utf8.EncodeRune as a byte string (an invalid code point or a surrogate becomes U+FFFD). */
export function encodeRune(cp: number): string {
  if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = RUNE_ERROR;
  if (cp < 0x80) return String.fromCharCode(cp);
  if (cp < 0x800) return String.fromCharCode(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  if (cp < 0x10000) return String.fromCharCode(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  return String.fromCharCode(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/**
 * strings.Map(f, s): each rune through f; an invalid byte becomes the bytes of U+FFFD, as Go's
 * strings.Map writes it (strings.ToUpper, ToLower, Title of non-ASCII text go through it).
 */
export function mapRunes(s: string, f: (cp: number) => number): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const { cp, size } = decodeRune(s, i);
    out += encodeRune(f(cp));
    i += size;
  }
  return out;
}

/** Whether s is valid UTF-8 (utf8.ValidString). */
export function validUtf8(s: string): boolean {
  for (let i = 0; i < s.length; ) {
    const { cp, size } = decodeRune(s, i);
    if (cp === RUNE_ERROR && size === 1) return false;
    i += size;
  }
  return true;
}
