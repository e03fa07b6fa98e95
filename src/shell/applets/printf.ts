// printf: format reuse over extra arguments, %s %b %c %d %i %u %o %x %X %e %f %g %%, flags and widths.

import type { Applet } from '../types.ts';
import { type Ctx, decodeEscapes, Out, warn } from './util.ts';


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

interface NumResult {
  value: bigint | number;
  ok: boolean;
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

const INT_PREFIX = /^([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/;

function parseIntArg(ctx: Ctx, arg: string, errors: { failed: boolean }): bigint {
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
    if (v === undefined || v > 2n ** 63n - 1n || v < -(2n ** 63n)) {
      errors.failed = true;
      numberError(ctx, arg, '');
      return 0n;
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
    if (!m) return 0n;
  }
  return toBig(m);
}

const FLOAT_PREFIX = /^[-+]?(?:0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][-+]?[0-9]+)?|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|inf(?:inity)?|nan)/i;

function floatValue(text: string): number {
  const sign = text[0] === '-' ? -1 : 1;
  const t = text.replace(/^[-+]/, '').toLowerCase();
  if (t.startsWith('inf')) return sign * Infinity;
  if (t === 'nan') return NaN;
  if (t.startsWith('0x')) {
    const [mant, exp] = t.slice(2).split('p');
    const [ip, fp = ''] = mant.split('.');
    const v = parseInt(ip || '0', 16) + (fp ? parseInt(fp, 16) / 16 ** fp.length : 0);
    return sign * v * 2 ** Number(exp ?? 0);
  }
  return sign * Number(t);
}

function parseFloatArg(ctx: Ctx, arg: string, errors: { failed: boolean }): NumResult {
  const q = quoted(arg);
  if (q !== undefined) return { value: q, ok: true };
  const t = arg.replace(/^\s+/, '');
  const m = FLOAT_PREFIX.exec(t);
  const whole = m !== null && m[0].length === t.length;
  if (ctx.flavor !== 'gnu') {
    if (t === '' && arg === '') return { value: 0, ok: true };
    if (!whole) {
      errors.failed = true;
      numberError(ctx, arg, '');
      return { value: 0, ok: false };
    }
    return { value: floatValue(m[0]), ok: true };
  }
  if (ctx.builtin !== undefined && arg === '') return { value: 0, ok: true };
  if (!whole) {
    errors.failed = true;
    numberError(ctx, arg, m ? 'not completely' : 'invalid number');
    return { value: m ? floatValue(m[0]) : 0, ok: false };
  }
  return { value: floatValue(m[0]), ok: true };
}

function cExp(v: number, prec: number, upper: boolean): string {
  let s = v.toExponential(prec);
  s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

function cG(v: number, prec: number, alt: boolean, upper: boolean): string {
  const p = prec === 0 ? 1 : prec;
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  let s: string;
  const e = Number(v.toExponential(p - 1).split('e')[1]);
  if (e < -4 || e >= p) {
    s = v.toExponential(p - 1);
    if (!alt) s = s.replace(/\.?0+e/, 'e');
    s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  } else {
    s = v.toFixed(Math.max(0, p - 1 - e));
    if (!alt && s.includes('.')) s = s.replace(/\.?0+$/, '');
  }
  void exp;
  return upper ? s.toUpperCase() : s;
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
    } else ctx.stderr('Usage: printf FORMAT [ARGUMENT]...\n');
    return 1;
  }
  const fmt = args[0];
  const rest = args.slice(1);
  const out = new Out(ctx);
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
        } else if (fmt[j] === 'c') {
          stop = true;
          break;
        } else j += 1;
        out.write(decodeEscapes(fmt.slice(i, j), 'any', false).text);
        i = j;
        continue;
      }
      if (c !== '%') {
        const next = fmt.slice(i).search(/[%\\]/);
        const end = next < 0 ? fmt.length : i + next;
        out.write(fmt.slice(i, end));
        i = end;
        continue;
      }
      if (fmt[i + 1] === '%') {
        out.write('%');
        i += 2;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([hlLqjzt]*)([a-zA-Z])?/.exec(fmt.slice(i));
      if (!m || m[5] === undefined) {
        const spec = fmt.slice(i);
        if (ctx.flavor === 'gnu') warn(ctx, 'printf', `%${spec.slice(1, 2)}: invalid conversion specification`);
        else warn(ctx, 'printf', `${spec}: invalid format`);
        out.flush();
        return 1;
      }
      i += m[0].length;
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
      const conv = m[5];
      const zero = flags.includes('0') && !left;
      let s: string;
      switch (conv) {
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
            out.write(s);
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
          let v = a === undefined ? (ctx.flavor === 'gnu' ? 0n : parseIntArg(ctx, '', errors)) : parseIntArg(ctx, a, errors);
          const neg = v < 0n;
          if ((conv === 'u' || conv === 'o' || conv === 'x' || conv === 'X') && neg) v = (1n << 64n) + v;
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
        case 'G': {
          const a = nextArg();
          const v = a === undefined ? 0 : Number(parseFloatArg(ctx, a, errors).value);
          const p = prec ?? 6;
          let body: string;
          if (!Number.isFinite(v)) body = Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
          else if (conv === 'f' || conv === 'F') body = v.toFixed(p);
          else if (conv === 'e' || conv === 'E') body = cExp(v, p, conv === 'E');
          else body = cG(v, p, flags.includes('#'), conv === 'G');
          if (!body.startsWith('-')) {
            if (flags.includes('+')) body = '+' + body;
            else if (flags.includes(' ')) body = ' ' + body;
          }
          s = pad(body, width, left, zero);
          break;
        }
        default: {
          if (ctx.flavor === 'gnu') warn(ctx, 'printf', `%${conv}: invalid conversion specification`);
          else warn(ctx, 'printf', `${m[0]}: invalid format`);
          out.flush();
          return 1;
        }
      }
      out.write(s);
    }
    if (stop || argi >= rest.length || argi === startArg) break;
    // bash's builtin writes out each pass over the format before the next (its errors, written
    // at once, come between the passes)
    if (bash) out.flush();
  }
  out.flush();
  return errors.failed ? 1 : 0;
};
