// od: GNU coreutils 9.1's on the host, busybox 1.35's (its full od, the same output for what is
// simulated) in containers: -A RADIX, -t TYPE (c, a is not, xN oN dN uN for N of 1, 2, 4),
// -c -x -b -d -o -s, -v, -w N, -N COUNT, -j SKIP. Lines of 16 bytes (little-endian values), a
// repeated line shown once as `*` unless -v, then the offset where the input ends. With several
// types GNU pads the fields so that they line up; busybox does not.

import { FsError, STRERROR } from '../../fs/errors.ts';
import { type Applet, ShellNotSimulated } from '../types.ts';
import { Out, abs, busyboxBanner, parseOpts, warn } from './util.ts';

interface OdType {
  kind: 'c' | 'x' | 'o' | 'd' | 'u';
  size: number;
  /** Characters of one field (without the space before it). */
  width: number;
}

const WIDTHS: Record<string, Record<number, number>> = {
  x: { 1: 2, 2: 4, 4: 8 },
  o: { 1: 3, 2: 6, 4: 11 },
  d: { 1: 4, 2: 6, 4: 11 },
  u: { 1: 3, 2: 5, 4: 10 },
};

function parseType(spec: string): OdType[] | undefined {
  const out: OdType[] = [];
  let i = 0;
  while (i < spec.length) {
    const k = spec[i++];
    if (k === 'c') {
      out.push({ kind: 'c', size: 1, width: 3 });
      continue;
    }
    if (!'xodu'.includes(k)) return undefined;
    let size = 4;
    const m = /^(?:[1248]|[CSIL])/.exec(spec.slice(i));
    if (m) {
      size = { C: 1, S: 2, I: 4, L: 8 }[m[0] as 'C' | 'S' | 'I' | 'L'] ?? Number(m[0]);
      i += m[0].length;
    }
    const width = WIDTHS[k][size];
    if (width === undefined) throw new ShellNotSimulated(`strata does not simulate od -t ${spec} (values of ${size} bytes)`);
    out.push({ kind: k as OdType['kind'], size, width });
  }
  return out;
}

const C_NAMES: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

function field(t: OdType, bytes: number[], at: number): string {
  if (t.kind === 'c') {
    const b = bytes[at];
    const s = C_NAMES[b] ?? (b >= 32 && b < 127 ? String.fromCharCode(b) : b.toString(8).padStart(3, '0'));
    return s.padStart(t.width);
  }
  // little-endian; bytes past the end of the input count as zeros
  let v = 0;
  for (let k = t.size - 1; k >= 0; k--) v = v * 256 + (bytes[at + k] ?? 0);
  if (t.kind === 'x') return v.toString(16).padStart(t.width, '0');
  if (t.kind === 'o') return v.toString(8).padStart(t.width, '0');
  if (t.kind === 'd' && v >= 2 ** (8 * t.size - 1)) v -= 2 ** (8 * t.size);
  return String(v).padStart(t.width);
}

export const od: Applet = (ctx, args) => {
  const gnu = ctx.flavor === 'gnu';
  const opts = parseOpts(ctx, 'od', args, { short: 'A:t:cxbdosvw:N:j:' });
  if (!opts) {
    if (!gnu) {
      ctx.stderr(
        (ctx.busyboxVersion === undefined ? 'BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n' : busyboxBanner(ctx)) +
          '\nUsage: od [-abcdfhilovxs] [-t TYPE] [-A RADIX] [-N SIZE] [-j SKIP] [-S MINSTR] [-w WIDTH] [FILE]...\n\n' +
          'Print FILEs (or stdin) unambiguously, as octal bytes by default\n',
      );
    }
    return 1;
  }
  const types: OdType[] = [];
  const short: Record<string, string> = { c: 'c', x: 'x2', b: 'o1', d: 'u2', o: 'o2', s: 'd2' };
  const typeArgs = opts.all('t');
  let nextType = 0;
  for (const k of opts.order) {
    const spec = k === 't' ? typeArgs[nextType++] : short[k];
    if (spec === undefined) continue;
    const parsed = parseType(spec);
    if (!parsed) {
      warn(ctx, 'od', gnu ? `invalid type string '${spec}'` : `invalid type string '${spec}'`);
      return 1;
    }
    types.push(...parsed);
  }
  if (types.length === 0) types.push({ kind: 'o', size: 2, width: 6 });
  const radix = opts.get('A') ?? 'o';
  if (!'doxn'.includes(radix) || radix.length !== 1) {
    warn(ctx, 'od', gnu ? `invalid output address radix '${radix}'; it must be one character from [doxn]` : `bad -A radix '${radix}'`);
    return 1;
  }
  const perLine = opts.has('w') ? Number(opts.get('w')) : 16;
  if (!Number.isInteger(perLine) || perLine <= 0 || types.some((t) => perLine % t.size !== 0)) {
    throw new ShellNotSimulated(`strata does not simulate od -w ${opts.get('w')}`);
  }
  // the input: every operand in turn, one stream
  let data = '';
  let failed = false;
  let opened = 0;
  const operands = opts.operands.length > 0 ? opts.operands : ['-'];
  for (const f of operands) {
    try {
      data += f === '-' ? ctx.stdin : ctx.fs.readFile(abs(ctx, f));
      opened++;
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      // a directory opens, its read fails: the dump goes on without it
      if (e.code === 'EISDIR') opened++;
      warn(ctx, 'od', `${f}: ${e.code === 'EISDIR' && !gnu ? 'read error' : STRERROR[e.code]}`);
      failed = true;
    }
  }
  // no input could be opened: no dump, not even the end offset
  if (opened === 0) return 1;
  const skip = opts.has('j') ? Number(opts.get('j')) : 0;
  const count = opts.has('N') ? Number(opts.get('N')) : Infinity;
  if (!Number.isInteger(skip) || skip < 0 || !(count === Infinity || (Number.isInteger(count) && count >= 0))) {
    throw new ShellNotSimulated('strata does not simulate od -j/-N with a suffix');
  }
  const bytes = Array.from(data.slice(skip, count === Infinity ? undefined : skip + count), (c) => c.charCodeAt(0));
  const addrWidth = radix === 'x' ? 6 : 7;
  const address = (n: number): string => (radix === 'n' ? '' : n.toString(radix === 'x' ? 16 : radix === 'd' ? 10 : 8).padStart(addrWidth, '0'));
  // GNU lines the types up: every field of a line gets the same share of the widest type's line
  const lineWidth = (t: OdType): number => (t.width + 1) * (perLine / t.size);
  const widest = Math.max(...types.map(lineWidth));
  const pad = (t: OdType): number => {
    if (!gnu || types.length === 1) return 0;
    const extra = widest - lineWidth(t);
    if (extra % (perLine / t.size) !== 0) throw new ShellNotSimulated('strata does not simulate how GNU od lines up these types');
    return extra / (perLine / t.size);
  };
  const out = new Out(ctx);
  let prev: string | undefined;
  let starred = false;
  for (let at = 0; at < bytes.length; at += perLine) {
    const chunk = bytes.slice(at, at + perLine);
    const key = chunk.join(',');
    if (!opts.has('v') && chunk.length === perLine && key === prev) {
      if (!starred) out.line('*');
      starred = true;
      continue;
    }
    prev = key;
    starred = false;
    types.forEach((t, ti) => {
      let line = ti === 0 ? address(at + skip) : ' '.repeat(radix === 'n' ? 0 : addrWidth);
      const w = pad(t);
      for (let k = 0; k < chunk.length; k += t.size) line += ' '.repeat(1 + w) + field(t, chunk, k);
      out.line(line);
    });
  }
  if (radix !== 'n') out.line(address(bytes.length + skip));
  out.flush();
  return failed ? 1 : 0;
};
