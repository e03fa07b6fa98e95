// printf: format reuse over extra arguments, %s %b %c %d %i %u %o %x %X %e %f %g %%, flags and widths.

import { type Applet, ShellNotSimulated } from '../types.ts';
import { busyboxBanner, type Ctx, decodeEscapes, Out, warn } from './util.ts';
import { DOUBLE, type FloatValue, LONG_DOUBLE, formatA, formatE, formatF, formatG, fromNumber, parseFloatText } from './floatfmt.ts';


function pad(s: string, width: number, left: boolean, zero: boolean): string {
  if (s.length >= width) return s;
  if (left) return s + ' '.repeat(width - s.length);
  if (zero) {
    const sign = /^[-+ ]/.test(s) ? s[0] : '';
    const prefix = /^[-+ ]?0[xX]/.test(s) ? s.slice(0, sign.length + 2) : sign;
    return prefix + '0'.repeat(width - s.length) + s.slice(prefix.length);
  }
  return ' '.repeat(width - s.length) + s;
}

// Number arguments, in three dialects (the shell differential test compares each with the real one):
//  - coreutils' printf program (GNU, not a builtin): strtoimax/strtold; no number at all is
//    "expected a numeric value" (0), trailing junk "value not completely converted" (the prefix);
//  - bash's builtin (builtins/printf.def getintmax/getfloatmax): the same conversions, every
//    failure "invalid number" ("invalid octal number" for 08, "invalid hex number" for 0x),
//    written at once while the builtin's output waits for its end; an empty argument is 0;
//  - busybox (coreutils/printf.c multiconvert): bb_strtoll / strtod must take the whole argument
//    (after one leading '+'), else "invalid number 'X'" and the value 0; an empty float is 0.

/** The quote character's code (`'a` is 97), as every dialect does. */
const quoted = (arg: string): number | undefined => (arg.length >= 1 && (arg[0] === '"' || arg[0] === "'") ? (arg.length > 1 ? arg.charCodeAt(1) : 0) : undefined);

function numberError(ctx: Ctx, arg: string, gnuMsg: string): void {
  if (ctx.flavor === 'gnu' && ctx.builtin) ctx.stderr(`${ctx.builtin.errorPrefix}printf: ${arg}: ${gnuMsg === 'not completely' ? 'invalid number' : gnuMsg}\n`);
  else if (ctx.flavor === 'gnu') warn(ctx, 'printf', gnuMsg === 'not completely' ? `'${arg}': value not completely converted` : `'${arg}': expected a numeric value`);
  // ash's builtin speaks as the shell (`sh: invalid number 'x'`), the applet as printf
  else warn(ctx, ctx.builtin ? ctx.builtin.errorPrefix.replace(/: $/, '') : 'printf', `invalid number '${arg}'`);
}

/**
 * A number out of its type's range (strtoimax/strtoumax/strtold set ERANGE): bash's builtin warns
 * and goes on (status 0), coreutils' program reports it and exits 1, busybox takes it for an
 * invalid number (its value still printed for a float, 0 for an integer).
 */
function rangeError(ctx: Ctx, arg: string, errors: { failed: boolean }): void {
  if (ctx.flavor === 'gnu' && ctx.builtin) {
    ctx.stderr(`${ctx.builtin.errorPrefix}printf: warning: ${arg}: Numerical result out of range\n`);
    return;
  }
  errors.failed = true;
  if (ctx.flavor === 'gnu') warn(ctx, 'printf', `'${arg}': Numerical result out of range`);
  else numberError(ctx, arg, '');
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

const INT_PREFIX = /^([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/;

/** An integer argument; `unsigned` for %u %o %x %X (strtoumax: a negative wraps, the range is 64 bits). */
function parseIntArg(ctx: Ctx, arg: string, errors: { failed: boolean }, unsigned = false): bigint {
  const v = parseIntText(ctx, arg, errors);
  if (v === undefined) return 0n;
  const magnitude = v < 0n ? -v : v;
  // (busybox's negative unsigned value must still be a long long's)
  const out = unsigned ? magnitude > UINT64_MAX || (ctx.flavor !== 'gnu' && v < INT64_MIN) : v > INT64_MAX || v < INT64_MIN;
  if (!out) return v;
  if (ctx.flavor !== 'gnu') {
    errors.failed = true;
    numberError(ctx, arg, '');
    return 0n;
  }
  rangeError(ctx, arg, errors);
  return unsigned ? UINT64_MAX : v > 0n ? INT64_MAX : INT64_MIN;
}

/** The integer an argument reads as, or undefined after an error that leaves 0 (reported). */
function parseIntText(ctx: Ctx, arg: string, errors: { failed: boolean }): bigint | undefined {
  const q = quoted(arg);
  if (q !== undefined) return BigInt(q);
  const toBig = (m: RegExpExecArray): bigint => {
    const body = m[2];
    const v = /^0[xX]/.test(body) ? BigInt(body) : body.length > 1 && body[0] === '0' ? BigInt('0o' + body.slice(1)) : BigInt(body);
    return m[1] === '-' ? -v : v;
  };
  if (ctx.flavor !== 'gnu') {
    const t = (arg[0] === '+' ? arg.slice(1) : arg).replace(/^\s+/, '');
    const m = INT_PREFIX.exec(t);
    const v = m && m[0].length === t.length ? toBig(m) : undefined;
    if (v === undefined) {
      errors.failed = true;
      numberError(ctx, arg, '');
    }
    return v;
  }
  const bash = ctx.builtin !== undefined;
  if (bash && arg === '') return 0n;
  const t = arg.replace(/^\s+/, '');
  const m = INT_PREFIX.exec(t);
  if (!m || m[0].length !== t.length) {
    errors.failed = true;
    // bash's sh_invalidnum looks at the argument's first two characters only
    if (bash && /^0[0-9]/.test(arg)) numberError(ctx, arg, 'invalid octal number');
    else if (bash && arg.startsWith('0x')) numberError(ctx, arg, 'invalid hex number');
    else numberError(ctx, arg, m ? 'not completely' : 'invalid number');
    if (!m) return undefined;
  }
  return toBig(m);
}

const FLOAT_PREFIX = /^[-+]?(?:0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][-+]?[0-9]+)?|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|inf(?:inity)?|nan)/i;

/** The value of a float argument as the dialect reads it (GNU: strtold into a long double; busybox: strtod). */
function parseFloatArg(ctx: Ctx, arg: string, errors: { failed: boolean }): FloatValue {
  const fmt = ctx.flavor === 'gnu' ? LONG_DOUBLE : DOUBLE;
  const zero = fromNumber(0, fmt);
  const q = quoted(arg);
  if (q !== undefined) return fromNumber(q, fmt);
  const t = arg.replace(/^\s+/, '');
  const m = FLOAT_PREFIX.exec(t);
  const whole = m !== null && m[0].length === t.length;
  if (ctx.flavor !== 'gnu') {
    if (t === '' && arg === '') return zero;
    if (!whole) {
      errors.failed = true;
      numberError(ctx, arg, '');
      return zero;
    }
    return ranged(ctx, arg, parseFloatText(m[0], fmt), errors);
  }
  if (ctx.builtin !== undefined && arg === '') return zero;
  if (!whole) {
    errors.failed = true;
    numberError(ctx, arg, m ? 'not completely' : 'invalid number');
    return m ? parseFloatText(m[0], fmt) : zero;
  }
  return ranged(ctx, arg, parseFloatText(m[0], fmt), errors);
}

function ranged(ctx: Ctx, arg: string, v: FloatValue, errors: { failed: boolean }): FloatValue {
  if (v.kind !== 'nan' && v.range) rangeError(ctx, arg, errors);
  return v;
}

/**
 * bash's \u and \U in a format (printf.def tescape) in the C locale strata's host has: a
 * character below 0x80 as itself, any other as `\u00E9` (it has no multibyte form there).
 */
function unicodeEscape(kind: string, code: number): string {
  if (code < 0x80) return String.fromCharCode(code);
  return `\\${kind}${code.toString(16).toUpperCase().padStart(kind === 'u' ? 4 : 8, '0')}`;
}

/** Characters bash's %q puts a backslash before (lib/sh/shquote.c bstab). */
const BACKSLASHED = new Set([...' \t\n!"$&\'()*,;<>?[\\]^`{|}']);

/**
 * bash's `%q` (printf.def, lib/sh/shquote.c, strtrans.c) in the C locale: '' for an empty
 * argument; $'...' when a character is not printable ASCII; otherwise a backslash before each
 * special character (and a leading `#` or `~`, a `~` after `:` or `=`). (`%#q` single-quotes from
 * bash 5.3; 5.2, the recorder's, ignores the `#`.)
 */
function bashQuote(s: string): string {
  if (s === '') return "''";
  if ([...s].some((c) => c < ' ' || c > '~')) {
    const named: Record<string, string> = { '\x1b': 'E', '\x07': 'a', '\v': 'v', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\\': '\\', "'": "'" };
    let out = "$'";
    for (const c of s) {
      if (named[c] !== undefined) out += '\\' + named[c];
      else if (c >= ' ' && c <= '~') out += c;
      else out += '\\' + (c.charCodeAt(0) & 0xff).toString(8).padStart(3, '0');
    }
    return out + "'";
  }
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (BACKSLASHED.has(c) || (k === 0 && c === '#') || (c === '~' && (k === 0 || s[k - 1] === ':' || s[k - 1] === '='))) out += '\\';
    out += c;
  }
  return out;
}

/** bash's builtin printf (bash's builtins/printf.def): its option parsing and usage line. */
const BASH_USAGE = 'printf: usage: printf [-v var] format [arguments]\n';

export const printf: Applet = (ctx, argsIn) => {
  const bash = ctx.flavor === 'gnu' && ctx.builtin !== undefined;
  if (bash) {
    // internal_getopt(list, "v:"): `--` ends the options; any other word of two or more chars
    // starting with `-` is an option, and only -v is one (a format such as '-n\n' is refused:
    // the shell differential test found strata printing it).
    if (argsIn.length === 0) {
      ctx.stderr(BASH_USAGE);
      return 2;
    }
    const a0 = argsIn[0];
    if (a0 !== '--' && a0.length > 1 && a0[0] === '-' && a0[1] !== 'v') {
      ctx.stderr(`${ctx.builtin!.errorPrefix}printf: -${a0[1]}: invalid option\n${BASH_USAGE}`);
      return 2;
    }
  }
  const args = argsIn[0] === '--' ? argsIn.slice(1) : argsIn;
  if (args.length === 0) {
    if (ctx.flavor === 'gnu') {
      warn(ctx, 'printf', 'missing operand');
      ctx.stderr("Try 'printf --help' for more information.\n");
      return 1;
    }
    // busybox: ash's builtin says its own usage line (exit 2), the applet its full help (exit 1)
    if (ctx.builtin) {
      ctx.stderr(`${ctx.builtin.errorPrefix}usage: printf FORMAT [ARGUMENT...]\n`);
      return 2;
    }
    ctx.stderr(busyboxBanner(ctx) + '\nUsage: printf FORMAT [ARG]...\n\nFormat and print ARG(s) according to FORMAT (a-la C printf)\n');
    return 1;
  }
  const fmt = args[0];
  const rest = args.slice(1);
  const out = new Out(ctx);
  // bash makes its stdout line-buffered (shell.c sh_setlinebuf): its builtin's output goes out at
  // each newline, so an error met later in the format comes after the lines before it
  const emit = (text: string): void => {
    const nl = bash ? text.lastIndexOf('\n') : -1;
    if (nl < 0) return out.write(text);
    out.write(text.slice(0, nl + 1));
    out.flush();
    if (nl + 1 < text.length) out.write(text.slice(nl + 1));
  };
  const errors = { failed: false };
  let argi = 0;
  const nextArg = (): string | undefined => (argi < rest.length ? rest[argi++] : undefined);
  let stop = false;
  for (;;) {
    const startArg = argi;
    let i = 0;
    while (i < fmt.length && !stop) {
      const c = fmt[i];
      if (c === '\\') {
        // one escape
        let j = i + 1;
        if (j < fmt.length && fmt[j] >= '0' && fmt[j] <= '7') {
          const m = /^[0-7]{1,3}/.exec(fmt.slice(j));
          j += m ? m[0].length : 1;
        } else if (fmt[j] === 'x') {
          const m = /^[0-9a-fA-F]{1,2}/.exec(fmt.slice(j + 1));
          j += 1 + (m ? m[0].length : 0);
        } else if (fmt[j] === 'c' && !bash) {
          // coreutils and busybox stop at \c; bash prints it as it is in a format (only %b's \c stops)
          stop = true;
          break;
        } else if (bash && (fmt[j] === 'u' || fmt[j] === 'U')) {
          const m = (fmt[j] === 'u' ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(fmt.slice(j + 1));
          if (m) {
            emit(unicodeEscape(fmt[j], parseInt(m[0], 16)));
            i = j + 1 + m[0].length;
            continue;
          }
          j += 1;
        } else j += 1;
        emit(decodeEscapes(fmt.slice(i, j), 'any', false).text);
        i = j;
        continue;
      }
      if (c !== '%') {
        const next = fmt.slice(i).search(/[%\\]/);
        const end = next < 0 ? fmt.length : i + next;
        emit(fmt.slice(i, end));
        i = end;
        continue;
      }
      if (fmt[i + 1] === '%') {
        emit('%');
        i += 2;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?/.exec(fmt.slice(i))!;
      // length modifiers are skipped: busybox's `lLhz` (printf.c removes them from the format),
      // glibc's `hjlLtz` for bash's builtin and coreutils' program
      const afterSpec = i + m[0].length;
      const mods = (ctx.flavor === 'gnu' ? /^[hjlLtz]*/ : /^[lLhz]*/).exec(fmt.slice(afterSpec))![0];
      const convAt = afterSpec + mods.length;
      const conv: string | undefined = fmt[convAt];
      // busybox has %b only right after the %, and no %a %F %q (printf.c format_chars)
      const known = ctx.flavor === 'gnu' ? 'diouxXfFeEgGaAcsbq' : m[0] === '%' ? 'diouxXfeEgGcsb' : 'diouxXfeEgGcs';
      if (bash && conv === '(') {
        const close = fmt.indexOf(')', convAt);
        if (close > 0 && fmt[close + 1] === 'T') throw new ShellNotSimulated('strata does not simulate printf %(...)T (a time)');
      }
      if (bash && conv === 'n') throw new ShellNotSimulated('strata does not simulate printf %n (it sets a variable)');
      if (conv === undefined || !known.includes(conv)) {
        if (bash) ctx.stderr(`${ctx.builtin!.errorPrefix}printf: ${conv === undefined ? `\`${fmt.slice(i)}': missing format character` : `\`${conv}': invalid format character`}\n`);
        else if (ctx.flavor === 'gnu') warn(ctx, 'printf', `${fmt.slice(i, convAt + (conv === undefined ? 0 : 1))}: invalid conversion specification`);
        // busybox names the rest of the format from the %, its modifiers taken out
        else warn(ctx, ctx.builtin ? ctx.builtin.errorPrefix.replace(/: $/, '') : 'printf', `${m[0]}${fmt.slice(convAt)}: invalid format`);
        out.flush();
        return 1;
      }
      i = convAt + 1;
      const flags = m[1];
      let width = 0;
      let left = flags.includes('-');
      if (m[2] === '*') {
        const w = Number(parseIntArg(ctx, nextArg() ?? '0', errors));
        if (w < 0) {
          left = true;
          width = -w;
        } else width = w;
      } else if (m[2]) width = Number(m[2]);
      let prec: number | undefined;
      if (m[3] !== undefined) prec = m[3] === '*' ? Number(parseIntArg(ctx, nextArg() ?? '0', errors)) : Number(m[3] || '0');
      const zero = flags.includes('0') && !left;
      let s: string;
      switch (conv) {
        case 'q': {
          if (!bash) throw new ShellNotSimulated("strata does not simulate coreutils printf's %q (its quoting style)");
          s = bashQuote(nextArg() ?? '');
          if (prec !== undefined) s = s.slice(0, prec);
          s = pad(s, width, left, false);
          break;
        }
        case 's': {
          s = nextArg() ?? '';
          if (prec !== undefined) s = s.slice(0, prec);
          s = pad(s, width, left, false);
          break;
        }
        case 'b': {
          const r = decodeEscapes(nextArg() ?? '', 'optional-zero', true);
          s = r.text;
          if (prec !== undefined) s = s.slice(0, prec);
          s = pad(s, width, left, false);
          if (r.stop) {
            emit(s);
            stop = true;
            continue;
          }
          break;
        }
        case 'c': {
          const a = nextArg() ?? '';
          s = pad(a.slice(0, 1), width, left, false);
          break;
        }
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X': {
          const a = nextArg();
          // busybox converts a missing argument as '' (an invalid number); the others take 0
          const unsigned = conv === 'u' || conv === 'o' || conv === 'x' || conv === 'X';
          let v = a === undefined ? (ctx.flavor === 'gnu' ? 0n : parseIntArg(ctx, '', errors)) : parseIntArg(ctx, a, errors, unsigned);
          if (unsigned && v < 0n) v = (1n << 64n) + v;
          const neg = v < 0n;
          let digits =
            conv === 'o' ? v.toString(8) : conv === 'x' ? v.toString(16) : conv === 'X' ? v.toString(16).toUpperCase() : (neg ? -v : v).toString();
          if (prec !== undefined) {
            if (prec === 0 && v === 0n) digits = '';
            digits = digits.padStart(prec, '0');
          }
          if (flags.includes('#')) {
            if (conv === 'o' && !digits.startsWith('0')) digits = '0' + digits;
            if ((conv === 'x' || conv === 'X') && v !== 0n) digits = (conv === 'x' ? '0x' : '0X') + digits;
          }
          let sign = '';
          if (conv === 'd' || conv === 'i') {
            if (neg) sign = '-';
            else if (flags.includes('+')) sign = '+';
            else if (flags.includes(' ')) sign = ' ';
          }
          s = pad(sign + digits, width, left, zero && prec === undefined);
          break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
        case 'a':
        case 'A': {
          const a = nextArg();
          const v = a === undefined ? fromNumber(0, ctx.flavor === 'gnu' ? LONG_DOUBLE : DOUBLE) : parseFloatArg(ctx, a, errors);
          const alt = flags.includes('#');
          const upper = conv === 'F' || conv === 'E' || conv === 'G' || conv === 'A';
          let body: string;
          if (conv === 'f' || conv === 'F') body = formatF(v, prec ?? 6, alt, upper);
          else if (conv === 'e' || conv === 'E') body = formatE(v, prec ?? 6, alt, upper);
          else if (conv === 'g' || conv === 'G') body = formatG(v, prec ?? 6, alt, upper);
          else body = formatA(v, prec, alt, upper);
          if (!body.startsWith('-')) {
            if (flags.includes('+')) body = '+' + body;
            else if (flags.includes(' ')) body = ' ' + body;
          }
          // glibc pads an infinity or a NaN with spaces, never zeros
          s = pad(body, width, left, zero && v.kind === 'finite');
          break;
        }
        default: {
          if (ctx.flavor === 'gnu') warn(ctx, 'printf', `%${conv}: invalid conversion specification`);
          else warn(ctx, 'printf', `${m[0]}: invalid format`);
          out.flush();
          return 1;
        }
      }
      emit(s);
    }
    if (stop || argi >= rest.length || argi === startArg) break;
  }
  out.flush();
  return errors.failed ? 1 : 0;
};
