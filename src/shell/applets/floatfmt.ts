// printf's floating-point conversions, exactly as C's printf prints a binary value: GNU printf
// (bash's builtin and coreutils' program) reads its arguments with strtold, into the x86 80-bit
// long double (a 64-bit mantissa), busybox's with strtod, into a double (53 bits). JavaScript's
// numbers are doubles and its toFixed rounds half away from zero, where glibc rounds the exact
// binary value half to even: `printf '%.0f' 2.5` is 2, `printf '%.20f' 0.1` is 0.10000000000000000000
// with GNU's long double and 0.10000000000000000555 with busybox's double. So a value here is a
// BigInt mantissa and a power of two, and every digit is computed from it.

/** The binary format an argument is read into. */
export interface FloatFormat {
  /** Mantissa bits (with the leading one). */
  bits: number;
  /** The exponent of the smallest subnormal's unit (mant × 2^exp, exp never below it). */
  minExp: number;
  /** Values from 2^maxLog2 up are infinite. */
  maxLog2: number;
}

/** x86's long double, GNU printf's (glibc ldbl-96). */
export const LONG_DOUBLE: FloatFormat = { bits: 64, minExp: -16445, maxLog2: 16384 };
/** IEEE double, busybox printf's. */
export const DOUBLE: FloatFormat = { bits: 53, minExp: -1074, maxLog2: 1024 };

/**
 * A value: (-1)^neg × mant × 2^exp, or an infinity, or a NaN. `range`: strtod set ERANGE
 * reading it (it overflowed to an infinity, or underflowed to a subnormal or zero inexactly).
 */
export type FloatValue =
  | { kind: 'finite'; neg: boolean; mant: bigint; exp: number; range?: true }
  | { kind: 'inf'; neg: boolean; range?: true }
  | { kind: 'nan'; neg: boolean };

const LOG10_2 = Math.log10(2);
const bitLength = (n: bigint): number => (n === 0n ? 0 : n.toString(2).length);

/** num / den rounded half to even (num, den > 0). */
function divRound(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = (num % den) * 2n;
  return r2 > den || (r2 === den && (q & 1n) === 1n) ? q + 1n : q;
}

/** The value nearest num/den × 2^shift in the format (num > 0, den > 0). */
function nearest(neg: boolean, num: bigint, den: bigint, shift: number, fmt: FloatFormat): FloatValue {
  // e such that the mantissa num/den × 2^(shift-e) has `bits` bits, but not below minExp
  let e = bitLength(num) - bitLength(den) + shift - fmt.bits;
  if (e < fmt.minExp) e = fmt.minExp;
  const scaled = (k: number): bigint => {
    const s = shift - k;
    return s >= 0 ? divRound(num << BigInt(s), den) : divRound(num, den << BigInt(-s));
  };
  let mant = scaled(e);
  // the estimate may be one off either way
  while (bitLength(mant) > fmt.bits) mant = scaled(++e);
  while (bitLength(mant) < fmt.bits && e > fmt.minExp) {
    const m = scaled(e - 1);
    if (bitLength(m) > fmt.bits) break;
    mant = m;
    e--;
  }
  if (mant !== 0n && bitLength(mant) + e > fmt.maxLog2) return { kind: 'inf', neg, range: true };
  if (bitLength(mant) < fmt.bits) {
    // a subnormal or zero: ERANGE unless it is exactly the value written
    const d = e - shift;
    const exact = d >= 0 ? (mant << BigInt(d)) * den === num : mant * den === num << BigInt(-d);
    if (!exact) return { kind: 'finite', neg, mant, exp: e, range: true };
  }
  return { kind: 'finite', neg, mant, exp: e };
}

/**
 * The value strtold/strtod reads from a whole number text (`1.5`, `-2e3`, `0x1.8p1`, `inf`,
 * `nan`): the caller has checked its syntax (printf.ts FLOAT_PREFIX).
 */
export function parseFloatText(text: string, fmt: FloatFormat): FloatValue {
  const neg = text[0] === '-';
  const t = text.replace(/^[-+]/, '').toLowerCase();
  if (t.startsWith('inf')) return { kind: 'inf', neg };
  if (t.startsWith('nan')) return { kind: 'nan', neg };
  if (t.startsWith('0x')) {
    const [m, p = '0'] = t.slice(2).split('p');
    const [ip, fp = ''] = m.split('.');
    const digits = BigInt('0x' + ((ip + fp).replace(/^0+/, '') || '0'));
    if (digits === 0n) return { kind: 'finite', neg, mant: 0n, exp: 0 };
    return nearest(neg, digits, 1n, Number(p) - 4 * fp.length, fmt);
  }
  const [m, e = '0'] = t.split('e');
  const [ip, fp = ''] = m.split('.');
  const digits = BigInt((ip + fp).replace(/^0+/, '') || '0');
  if (digits === 0n) return { kind: 'finite', neg, mant: 0n, exp: 0 };
  const exp10 = Number(e) - fp.length;
  // far past the format's range: no need to build the power of ten
  if (exp10 + (ip + fp).length > 5000) return { kind: 'inf', neg, range: true };
  if (exp10 + (ip + fp).length < -5000) return { kind: 'finite', neg, mant: 0n, exp: 0, range: true };
  return exp10 >= 0 ? nearest(neg, digits * 10n ** BigInt(exp10), 1n, 0, fmt) : nearest(neg, digits, 10n ** BigInt(-exp10), 0, fmt);
}

/** A JavaScript number (a character's code, 0) as a value. */
export function fromNumber(v: number, fmt: FloatFormat): FloatValue {
  return parseFloatText(String(v), fmt);
}

/** The value × 10^p rounded half to even, as an integer (value finite, ≥ 0 in magnitude). */
function scaledInteger(mant: bigint, exp: number, p: number): bigint {
  let num = mant;
  let den = 1n;
  if (p >= 0) num *= 10n ** BigInt(p);
  else den *= 10n ** BigInt(-p);
  if (exp >= 0) num <<= BigInt(exp);
  else den <<= BigInt(-exp);
  return divRound(num, den);
}

/** floor(log10(mant × 2^exp)) of a nonzero value. */
function decimalExponent(mant: bigint, exp: number): number {
  let e = Math.floor((bitLength(mant) - 1 + exp) * LOG10_2);
  // value ≥ 10^e ?
  const atLeast = (k: number): boolean => {
    let num = mant;
    let den = 1n;
    if (exp >= 0) num <<= BigInt(exp);
    else den <<= BigInt(-exp);
    if (k >= 0) den *= 10n ** BigInt(k);
    else num *= 10n ** BigInt(-k);
    return num >= den;
  };
  while (!atLeast(e)) e--;
  while (atLeast(e + 1)) e++;
  return e;
}

function special(v: FloatValue & { kind: 'inf' | 'nan' }, upper: boolean): string {
  const s = `${v.neg ? '-' : ''}${v.kind === 'inf' ? 'inf' : 'nan'}`;
  return upper ? s.toUpperCase() : s;
}

/** `%.{p}f` (without sign flags or padding). */
export function formatF(v: FloatValue, p: number, alt: boolean, upper = false): string {
  if (v.kind !== 'finite') return special(v, upper);
  const digits = scaledInteger(v.mant, v.exp, p).toString().padStart(p + 1, '0');
  const int = digits.slice(0, digits.length - p);
  const frac = digits.slice(digits.length - p);
  return `${v.neg ? '-' : ''}${int}${p > 0 || alt ? '.' : ''}${frac}`;
}

/** The digits of `%.{p}e`: the rounded mantissa's p+1 digits and the decimal exponent. */
function eDigits(mant: bigint, exp: number, p: number): { digits: string; e: number } {
  if (mant === 0n) return { digits: '0'.repeat(p + 1), e: 0 };
  let e = decimalExponent(mant, exp);
  let n = scaledInteger(mant, exp, p - e);
  if (n.toString().length > p + 1) {
    e++;
    n = scaledInteger(mant, exp, p - e);
  }
  return { digits: n.toString(), e };
}

const expText = (e: number, upper: boolean): string => `${upper ? 'E' : 'e'}${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;

/** `%.{p}e`. */
export function formatE(v: FloatValue, p: number, alt: boolean, upper: boolean): string {
  if (v.kind !== 'finite') return special(v, upper);
  const { digits, e } = eDigits(v.mant, v.exp, p);
  return `${v.neg ? '-' : ''}${digits[0]}${p > 0 || alt ? '.' : ''}${digits.slice(1)}${expText(e, upper)}`;
}

/** `%.{p}g`: %e or %f by the exponent, trailing zeros dropped unless `#`. */
export function formatG(v: FloatValue, p: number, alt: boolean, upper: boolean): string {
  if (v.kind !== 'finite') return special(v, upper);
  const P = p === 0 ? 1 : p;
  const { e } = eDigits(v.mant, v.exp, P - 1);
  let s = P > e && e >= -4 ? formatF(v, P - 1 - e, alt) : formatE(v, P - 1, alt, upper);
  if (!alt) {
    const m = /^(-?\d*)(\.\d*?)0*((?:[eE].*)?)$/.exec(s);
    if (m) s = m[1] + (m[2] === '.' ? '' : m[2]) + m[3];
  }
  return s;
}

/**
 * `%a` of a long double as glibc prints one (ldbl-96 printf_fphex): the mantissa's first four
 * bits as the leading hex digit (8 to f), the other sixty as up to fifteen digits, the exponent
 * of that digit in binary (1 is 0x8p-3); a subnormal is 0x0.<digits>p-16385. Rounded half to even.
 */
export function formatA(v: FloatValue, p: number | undefined, alt: boolean, upper: boolean): string {
  if (v.kind !== 'finite') return special(v, upper);
  let lead: bigint;
  let frac: string;
  let e: number;
  if (v.mant === 0n) {
    lead = 0n;
    frac = '';
    e = 0;
  } else {
    // normalized to 64 bits (a long double's mantissa keeps its leading one)
    const shift = 64 - bitLength(v.mant);
    const subnormal = v.exp - shift < LONG_DOUBLE.minExp;
    const m = subnormal ? v.mant << BigInt(v.exp - LONG_DOUBLE.minExp) : v.mant << BigInt(shift);
    lead = m >> 60n;
    frac = (m & ((1n << 60n) - 1n)).toString(16).padStart(15, '0');
    e = subnormal ? -16385 : v.exp - shift + 63 - 3;
  }
  if (p === undefined) frac = frac.replace(/0+$/, '');
  else if (p < frac.length) {
    const kept = BigInt('0x' + (lead.toString(16) + frac.slice(0, p)));
    const rest = frac.slice(p);
    const half = '8' + '0'.repeat(rest.length - 1);
    let r = kept;
    if (rest > half || (rest === half && (kept & 1n) === 1n)) r = kept + 1n;
    let all = r.toString(16).padStart(p + 1, '0');
    if (all.length > p + 1) {
      // the leading digit carried past f: 0x10 is 0x1 four binary places up
      all = '1' + all.slice(2);
      e += 4;
    }
    lead = BigInt('0x' + all[0]);
    frac = all.slice(1);
  } else frac = frac.padEnd(p, '0');
  const s = `${v.neg ? '-' : ''}0x${lead.toString(16)}${frac !== '' || alt ? '.' : ''}${frac}p${e < 0 ? '-' : '+'}${Math.abs(e)}`;
  return upper ? s.toUpperCase() : s;
}
