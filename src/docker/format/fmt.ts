// Go's fmt package for the value model in value.ts: %v printing, Sprint, Sprintln, Sprintf,
// and strconv.FormatFloat / strconv.Quote, byte-for-byte where Docker output depends on it.

import { byteString } from '../../fs/bytes.ts';
import { RUNE_ERROR, decodeRune, encodeRune, runeCount, runes, validUtf8 } from '../../fs/utf8.ts';
import { formatGoDuration } from './duration.ts';
import {
  GoDuration,
  GoNil,
  stringValue,
  type GoMap,
  kindOf,
  numberOf,
  sortedEntries,
  structFields,
  structMember,
  typeName,
} from './value.ts';

// ---------------------------------------------------------------------------------------------
// strconv.FormatFloat

interface Digits {
  d: string; // significant decimal digits, no leading or trailing zeros ('' for zero)
  dp: number; // decimal point position: value = 0.d × 10^dp
}

/** The exact decimal expansion of a finite, non-negative double. */
function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biasedExp === 0) {
    exp = -1074;
  } else {
    mant |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  let s: string;
  let dp: number;
  if (exp >= 0) {
    s = (mant << BigInt(exp)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-exp)).toString();
    dp = s.length + exp;
  }
  const trimmed = s.replace(/0+$/, '');
  return { d: trimmed, dp };
}

/** Round to nd significant digits, half to even on exact ties (Go's decimal.Round). */
function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: 0 };
  if (nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd) - 48;
  let up: boolean;
  if (next === 5 && nd + 1 === x.d.length) {
    up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  } else {
    up = next >= 5;
  }
  if (!up) {
    return { d: x.d.slice(0, nd).replace(/0+$/, ''), dp: nd === 0 ? 0 : x.dp };
  }
  const digits = x.d.slice(0, nd).split('').map((c) => c.charCodeAt(0) - 48);
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === 9) {
    digits[i] = 0;
    i--;
  }
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  digits[i]++;
  return { d: digits.slice(0, i + 1).join(''), dp: x.dp };
}

/** Shortest digits that round-trip (what Go's shortest mode produces). */
function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const [mant, e] = x.toExponential().split('e');
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(e) + 1 };
}

function fmtE(digs: Digits, prec: number, e: 'e' | 'E'): string {
  let out = digs.d.length === 0 ? '0' : digs.d[0];
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += i < digs.d.length ? digs.d[i] : '0';
  }
  const exp = digs.d.length === 0 ? 0 : digs.dp - 1;
  const abs = Math.abs(exp);
  return out + e + (exp < 0 ? '-' : '+') + (abs < 10 ? '0' : '') + String(abs);
}

function fmtF(digs: Digits, prec: number): string {
  let out = '';
  if (digs.dp > 0) {
    for (let i = 0; i < digs.dp; i++) out += i < digs.d.length ? digs.d[i] : '0';
  } else {
    out = '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = digs.dp + i - 1;
      out += j >= 0 && j < digs.d.length ? digs.d[j] : '0';
    }
  }
  return out;
}

export type FloatFmt = 'e' | 'E' | 'f' | 'F' | 'g' | 'G';

/** strconv.FormatFloat(x, fmt, prec, 64); prec < 0 means the shortest round-tripping form. */
export function formatFloat(x: number, fmt: FloatFmt, prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const sign = neg ? '-' : '';
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) {
    digs = shortestDigits(abs);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = Math.max(digs.d.length - 1, 0);
        break;
      case 'f':
      case 'F':
        prec = Math.max(digs.d.length - digs.dp, 0);
        break;
      default:
        prec = digs.d.length;
    }
  } else {
    const exact = exactDigits(abs);
    switch (fmt) {
      case 'e':
      case 'E':
        digs = roundDigits(exact, prec + 1);
        break;
      case 'f':
      case 'F':
        digs = roundDigits(exact, exact.dp + prec);
        break;
      default:
        if (prec === 0) prec = 1;
        digs = roundDigits(exact, prec);
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return sign + fmtE(digs, prec, fmt);
    case 'f':
    case 'F':
      return sign + fmtF(digs, prec);
    default: {
      let eprec = prec;
      if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
      if (shortest) eprec = 6;
      const exp = digs.dp - 1;
      if (digs.d.length !== 0 && (exp < -4 || exp >= eprec)) {
        if (prec > digs.d.length) prec = digs.d.length;
        return sign + fmtE(digs, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > digs.dp) prec = digs.d.length;
      return sign + fmtF(digs, Math.max(prec - digs.dp, 0));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// strconv.Quote

function isPrintRune(cp: number): boolean {
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp >= 0x80 && cp <= 0x9f) return false;
  if (cp === 0xad || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  if (cp >= 0xe000 && cp <= 0xf8ff) return false; // private use
  return true;
}

/**
 * strconv.Quote (and QuoteToASCII with asciiOnly, QuoteRune with quote `'`) of a byte string:
 * each rune decoded, an invalid byte written as \xNN, printable runes kept as their bytes
 * (go/src/strconv/quote.go appendQuotedWith, appendEscapedRune).
 */
export function quote(s: string, q: '"' | "'" = '"', asciiOnly = false): string {
  let out = q;
  for (let i = 0; i < s.length; ) {
    const { cp, size } = decodeRune(s, i);
    const bytes = s.slice(i, i + size);
    i += size;
    if (size === 1 && cp === RUNE_ERROR) {
      out += '\\x' + bytes.charCodeAt(0).toString(16).padStart(2, '0');
      continue;
    }
    if (bytes === q || bytes === '\\') {
      out += '\\' + bytes;
      continue;
    }
    if (asciiOnly ? cp < 0x80 && isPrintRune(cp) : isPrintRune(cp)) {
      out += bytes;
      continue;
    }
    switch (cp) {
      case 0x07:
        out += '\\a';
        continue;
      case 0x08:
        out += '\\b';
        continue;
      case 0x0c:
        out += '\\f';
        continue;
      case 0x0a:
        out += '\\n';
        continue;
      case 0x0d:
        out += '\\r';
        continue;
      case 0x09:
        out += '\\t';
        continue;
      case 0x0b:
        out += '\\v';
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += '\\x' + cp.toString(16).padStart(2, '0');
    else if (cp < 0x10000) out += '\\u' + cp.toString(16).padStart(4, '0');
    else out += '\\U' + cp.toString(16).padStart(8, '0');
  }
  return out + q;
}

// ---------------------------------------------------------------------------------------------
// %v

/** fmt's %v (or %+v with `plus`) of a value. */
export function formatValue(v: unknown, plus = false): string {
  switch (kindOf(v)) {
    case 'invalid':
      return '<nil>';
    case 'nil': {
      const k = (v as GoNil).kind;
      return k === 'map' ? 'map[]' : k === 'slice' ? '[]' : '<nil>';
    }
    case 'string':
      return stringValue(v);
    case 'int':
      return v instanceof GoDuration ? formatGoDuration(BigInt(v.ns)) : String(v);
    case 'float':
      return formatFloat(numberOf(v), 'g', -1);
    case 'bool':
      return (v as boolean) ? 'true' : 'false';
    case 'slice':
      return '[' + (v as unknown[]).map((x) => formatValue(x, plus)).join(' ') + ']';
    case 'bytes':
      return '[' + Array.from(v as Uint8Array).join(' ') + ']';
    case 'map':
      return (
        'map[' +
        sortedEntries(v as GoMap)
          .map(([k, x]) => k + ':' + formatValue(x, plus))
          .join(' ') +
        ']'
      );
    case 'func':
      return '0x0';
    case 'struct': {
      const str = stringer(v as object);
      if (str !== undefined) return str;
      return (
        '{' +
        structFields(v as object)
          .map(([k, x]) => (plus ? k + ':' : '') + formatValue(x, plus))
          .join(' ') +
        '}'
      );
    }
  }
}

/** A fmt.Stringer: a struct with a `String()` method prints through it. */
function stringer(v: object): string | undefined {
  const m = structMember(v, 'String');
  if (typeof m !== 'function' || m.length !== 0) return undefined;
  return String((m as () => unknown).call(v));
}

/** fmt.Sprint: operands in %v, a space between two operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    // fmt.Sprint: a space between operands when neither is of string kind (json.Number is).
    const isString = kindOf(args[i]) === 'string';
    if (i > 0 && !isString && kindOf(args[i - 1]) !== 'string') out += ' ';
    out += formatValue(args[i]);
  }
  return out;
}

/** fmt.Sprintln: operands in %v separated by spaces, then a newline. */
export function sprintln(args: readonly unknown[]): string {
  return args.map((a) => formatValue(a)).join(' ') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Sprintf

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number | undefined;
  prec: number | undefined;
  verb: string;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  if (spec.width === undefined) return s;
  const n = spec.width - runeCount(s);
  if (n <= 0) return s;
  if (spec.minus) return s + ' '.repeat(n);
  if (spec.zero) {
    if (numeric && (s[0] === '-' || s[0] === '+' || s[0] === ' ')) return s[0] + '0'.repeat(n) + s.slice(1);
    return '0'.repeat(n) + s;
  }
  return ' '.repeat(n) + s;
}

/** strconv.CanBackquote: no control character but tab, no backquote, valid UTF-8, no BOM. */
function canBackquote(s: string): boolean {
  return !/[`\x00-\x08\x0a-\x1f\x7f]|\xef\xbb\xbf/.test(s) && validUtf8(s);
}

function truncateRunes(s: string, n: number): string {
  return [...runes(s)].slice(0, n).map((r) => r.bytes).join('');
}

/** fmt's fmtSbx: a string hex-dumps its bytes; ' ' puts a space between them, '#' a 0x before each. */
function hexBytes(s: string, spec: Spec): string {
  const prefix = spec.sharp ? (spec.verb === 'X' ? '0X' : '0x') : '';
  let h = '';
  for (let i = 0; i < s.length; i++) {
    if (i === 0) h += prefix;
    else if (spec.space) h += ' ' + prefix;
    h += s.charCodeAt(i).toString(16).padStart(2, '0');
  }
  return spec.verb === 'X' ? h.toUpperCase() : h;
}

function badVerb(spec: Spec, arg: unknown): string {
  if (arg === null || arg === undefined) return `%!${spec.verb}(<nil>)`;
  return `%!${spec.verb}(${typeName(arg)}=${formatValue(arg)})`;
}

function fmtInteger(n: number, spec: Spec): string {
  const neg = n < 0;
  const abs = Math.abs(n);
  let digits: string;
  switch (spec.verb) {
    case 'x':
      digits = abs.toString(16);
      if (spec.sharp) digits = '0x' + digits;
      break;
    case 'X':
      digits = abs.toString(16).toUpperCase();
      if (spec.sharp) digits = '0X' + digits;
      break;
    case 'o':
      digits = abs.toString(8);
      if (spec.sharp) digits = '0' + digits;
      break;
    case 'O':
      digits = '0o' + abs.toString(8);
      break;
    case 'b':
      digits = abs.toString(2);
      break;
    default:
      digits = abs.toString(10);
  }
  if (spec.prec !== undefined) {
    if (spec.prec === 0 && n === 0) digits = '';
    else if (digits.length < spec.prec) digits = '0'.repeat(spec.prec - digits.length) + digits;
  }
  const sign = neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '';
  return pad(sign + digits, spec, spec.prec === undefined);
}

function fmtFloatVerb(x: number, spec: Spec): string {
  let verb = spec.verb;
  if (verb === 'v') verb = 'g';
  let prec = spec.prec;
  if (prec === undefined) prec = verb === 'g' || verb === 'G' ? -1 : 6;
  let s = formatFloat(x, verb as FloatFmt, prec);
  if (s === '+Inf') s = spec.plus ? '+Inf' : spec.space ? ' Inf' : 'Inf';
  else if (s[0] !== '-' && s !== 'NaN') s = (spec.plus ? '+' : spec.space ? ' ' : '') + s;
  if (!Number.isFinite(x)) return pad(s, { ...spec, zero: false }, false);
  return pad(s, spec, true);
}

/**
 * `%#v` (fmt's GoStringer-less printValue with sharpV): a value in Go syntax, its type written
 * out (`strslice.StrSlice{"echo", "hi"}`, `[]string(nil)`, `map[string]string{"k":"v"}`,
 * `nat.PortSet{"80/tcp":struct {}{}}`; recorded: inspect/template-typed-values). Undefined for
 * what strata does not write so (structs with fields, floats, durations, bytes, functions).
 */
function goSyntax(v: unknown): string | undefined {
  switch (kindOf(v)) {
    case 'string':
      return typeName(v) === 'string' ? quote(stringValue(v)) : undefined;
    case 'int':
      return typeof v === 'number' ? String(v) : undefined;
    case 'bool':
      return v ? 'true' : 'false';
    case 'nil':
      return (v as GoNil).kind === 'pointer' ? undefined : `${typeName(v)}(nil)`;
    case 'slice': {
      const items = (v as unknown[]).map(goSyntax);
      return items.every((x) => x !== undefined) ? `${typeName(v)}{${items.join(', ')}}` : undefined;
    }
    case 'map': {
      const items = sortedEntries(v as GoMap).map(([k, x]) => {
        const g = goSyntax(x);
        return g === undefined ? undefined : `${quote(k)}:${g}`;
      });
      return items.every((x) => x !== undefined) ? `${typeName(v)}{${items.join(', ')}}` : undefined;
    }
    case 'struct':
      return typeName(v) === 'struct {}' && structFields(v as object).length === 0 ? 'struct {}{}' : undefined;
    default:
      return undefined;
  }
}

function fmtArg(arg: unknown, spec: Spec): string {
  const verb = spec.verb;
  if (verb === 'T') return pad(arg === null || arg === undefined ? '<nil>' : typeName(arg), spec, false);
  if (verb === 'v' && spec.sharp) {
    const g = goSyntax(arg);
    if (g !== undefined) return pad(g, spec, false);
  }
  const kind = kindOf(arg);
  if (kind === 'invalid') {
    if (verb === 'v') return pad('<nil>', spec, false);
    return badVerb(spec, arg);
  }
  // a Stringer: %v and %s print String(), %q quotes it; the integer verbs see the nanoseconds
  if (arg instanceof GoDuration) {
    const text = formatGoDuration(BigInt(arg.ns));
    if (verb === 'v' || verb === 's') return pad(text, spec, false);
    if (verb === 'q') return pad(quote(text, '"', spec.plus), spec, false);
    return fmtArg(arg.ns, spec);
  }
  if (verb === 'v') {
    if (kind === 'float') return fmtFloatVerb(numberOf(arg), spec);
    if (kind === 'int') return fmtInteger(arg as number, { ...spec, verb: 'd' });
    // print.go printValue: a string's %v is fmtS, precision truncating it (`%6.2v` of abc is
    // `    ab`); slices and maps print element by element, each with the width and precision
    if (kind === 'string' && !spec.sharp) return fmtArg(arg, { ...spec, verb: 's' });
    const perElement = (kind === 'slice' || kind === 'map') && (spec.width !== undefined || spec.prec !== undefined);
    if (!perElement) return pad(formatValue(arg, spec.plus), spec, false);
  }
  switch (kind) {
    case 'bool':
      return verb === 't' ? pad((arg as boolean) ? 'true' : 'false', spec, false) : badVerb(spec, arg);
    case 'int': {
      const n = arg as number;
      switch (verb) {
        case 'd':
        case 'x':
        case 'X':
        case 'o':
        case 'O':
        case 'b':
          return fmtInteger(n, spec);
        case 'c':
          return pad(encodeRune(n), spec, false);
        case 'q':
          return pad(quote(encodeRune(n), "'", spec.plus), spec, false);
        case 'U': {
          let s = 'U+' + n.toString(16).toUpperCase().padStart(4, '0');
          if (spec.sharp) s += " '" + encodeRune(n) + "'";
          return pad(s, spec, false);
        }
        default:
          return badVerb(spec, arg);
      }
    }
    case 'float':
      if ('eEfFgG'.includes(verb)) return fmtFloatVerb(numberOf(arg), spec);
      return badVerb(spec, arg);
    case 'string': {
      let s = stringValue(arg);
      switch (verb) {
        case 's':
          // The precision counts runes (fmt's truncateString), for %s and %q alike.
          if (spec.prec !== undefined) s = truncateRunes(s, spec.prec);
          return pad(s, spec, false);
        case 'q':
          if (spec.prec !== undefined) s = truncateRunes(s, spec.prec);
          if (spec.sharp && canBackquote(s)) return pad('`' + s + '`', spec, false);
          return pad(quote(s, '"', spec.plus), spec, false);
        case 'x':
        case 'X':
          return pad(hexBytes(spec.prec === undefined ? s : s.slice(0, spec.prec), spec), spec, false);
        default:
          return badVerb(spec, arg);
      }
    }
    case 'bytes':
      if (verb === 's') return pad(byteString(arg as Uint8Array), spec, false);
      if (verb === 'x' || verb === 'X') return pad(hexBytes(byteString(arg as Uint8Array), spec), spec, false);
      return pad(formatValue(arg), spec, false);
    case 'slice':
      return '[' + (arg as unknown[]).map((x) => fmtArg(x, spec)).join(' ') + ']';
    case 'map':
      return (
        'map[' +
        sortedEntries(arg as GoMap)
          .map(([k, x]) => fmtArg(k, spec) + ':' + fmtArg(x, spec))
          .join(' ') +
        ']'
      );
    case 'struct': {
      if (verb === 's' || verb === 'q') {
        const str = stringer(arg as object);
        if (str !== undefined) return fmtArg(str, spec);
      }
      return (
        '{' +
        structFields(arg as object)
          .map(([k, x]) => (spec.plus ? k + ':' : '') + fmtArg(x, spec))
          .join(' ') +
        '}'
      );
    }
    case 'nil':
      if ((arg as GoNil).kind === 'pointer') return verb === 'p' ? '0x0' : badVerb(spec, arg);
      return pad(formatValue(arg), spec, false);
    default:
      return badVerb(spec, arg);
  }
}

/** fmt.Sprintf with Go's verbs, flags, width/precision (incl. `*`) and its error markers. */
export function sprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argi = 0;
  let i = 0;
  const n = format.length;
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const spec: Spec = {
      minus: false,
      plus: false,
      sharp: false,
      space: false,
      zero: false,
      width: undefined,
      prec: undefined,
      verb: '',
    };
    flags: for (; i < n; i++) {
      switch (format[i]) {
        case '-':
          spec.minus = true;
          spec.zero = false;
          break;
        case '+':
          spec.plus = true;
          break;
        case '#':
          spec.sharp = true;
          break;
        case ' ':
          spec.space = true;
          break;
        case '0':
          spec.zero = !spec.minus;
          break;
        default:
          break flags;
      }
    }
    const readNum = (): number | undefined => {
      if (format[i] === '*') {
        i++;
        const a = args[argi++];
        if (typeof a === 'number' && Number.isInteger(a)) return a;
        out += '%!(BADWIDTH)';
        return undefined;
      }
      const start = i;
      while (i < n && format[i] >= '0' && format[i] <= '9') i++;
      return i > start ? Number(format.slice(start, i)) : undefined;
    };
    spec.width = readNum();
    if (spec.width !== undefined && spec.width < 0) {
      spec.minus = true;
      spec.zero = false;
      spec.width = -spec.width;
    }
    if (format[i] === '.') {
      i++;
      spec.prec = readNum() ?? 0;
    }
    if (i >= n) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = format.slice(i, i + decodeRune(format, i).size);
    i += verb.length;
    spec.verb = verb;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += fmtArg(args[argi++], spec);
  }
  if (argi < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argi)
        .map((a) => (a === null || a === undefined ? '<nil>' : typeName(a) + '=' + formatValue(a)))
        .join(', ') +
      ')';
  }
  return out;
}
