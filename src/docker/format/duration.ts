// Go's time.Duration as Docker reads and prints it: time.ParseDuration (HEALTHCHECK's and the
// health flags' intervals) and Duration.String (the `"5m0s"` in a HEALTHCHECK history row).
// go/src/time/format.go ParseDuration, quote; go/src/time/time.go Duration.String.

/** A duration that does not parse: Go's own error text. */
export class DurationError extends Error {}

const NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  '\u00b5s': 1000n, // U+00B5 MICRO SIGN
  '\u03bcs': 1000n, // U+03BC GREEK SMALL LETTER MU
  '\xc2\xb5s': 1000n, // the same two as UTF-8 byte strings (how the simulated files hold them)
  '\xce\xbcs': 1000n,
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};

const MAX = 1n << 63n;

/**
 * time.ParseDuration: a signed sequence of decimal numbers, each with an optional fraction and a
 * unit (`300ms`, `-1.5h`, `2h45m`); `0` alone needs no unit. Nanoseconds, as a bigint (an int64).
 */
export function parseGoDuration(text: string): bigint {
  const invalid = () => new DurationError(`time: invalid duration ${timeQuote(text)}`);
  let s = text;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let d = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) throw invalid();
    // leadingInt: [0-9]*, an error when it overflows an int64
    let i = 0;
    let v = 0n;
    while (i < s.length && isDigit(s[i])) {
      if (v > (MAX - 1n) / 10n) throw invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > MAX) throw invalid();
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    // leadingFraction: (\.[0-9]*)?, digits past an overflow are ignored
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (j < s.length && isDigit(s[j])) {
        if (!overflow) {
          if (f > (MAX - 1n) / 10n) overflow = true;
          else {
            const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
            if (y > MAX) overflow = true;
            else {
              f = y;
              scale *= 10;
            }
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) throw invalid();
    let u = 0;
    while (u < s.length && !(s[u] === '.' || isDigit(s[u]))) u++;
    if (u === 0) throw new DurationError(`time: missing unit in duration ${timeQuote(text)}`);
    const name = s.slice(0, u);
    s = s.slice(u);
    const unit = NANOS[name];
    if (unit === undefined) throw new DurationError(`time: unknown unit ${timeQuote(name)} in duration ${timeQuote(text)}`);
    if (v > MAX / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // float64(f) * (float64(unit) / scale), truncated as Go's uint64 conversion does
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > MAX) throw invalid();
    }
    d += v;
    if (d > MAX) throw invalid();
  }
  if (neg) return -d;
  if (d > MAX - 1n) throw invalid();
  return d;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** time's own quote: `"` + the text + `"`, `"` and `\` escaped, bytes outside printable ASCII as \xNN. */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      const bytes = c < 0x100 ? [c] : [...new TextEncoder().encode(ch)];
      for (const b of bytes) out += '\\x' + b.toString(16).padStart(2, '0');
    } else out += (ch === '"' || ch === '\\' ? '\\' : '') + ch;
  }
  return out + '"';
}

/** Duration.String: `0s`, `1.5s`, `5m0s`, `1h0m0s`, `300ms`, `1.2µs` (µ as UTF-8 bytes), `-3s`. */
export function formatGoDuration(nanos: bigint): string {
  const neg = nanos < 0n;
  let u = neg ? -nanos : nanos;
  let out: string;
  if (u < 1000000000n) {
    if (u === 0n) return '0s';
    let prec: number;
    let unit: string;
    if (u < 1000n) {
      prec = 0;
      unit = 'ns';
    } else if (u < 1000000n) {
      prec = 3;
      unit = '\xc2\xb5s';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const [frac, rest] = fraction(u, prec);
    out = `${rest}${frac}${unit}`;
  } else {
    const [frac, secs] = fraction(u, 9);
    u = secs;
    out = `${u % 60n}${frac}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** fmtFrac: the last `prec` digits of v as `.ddd` without trailing zeros (none at all when zero), and v without them. */
function fraction(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let printed = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    printed ||= digit !== 0n;
    if (printed) digits = `${digit}${digits}`;
    v /= 10n;
  }
  return [printed ? `.${digits}` : '', v];
}
