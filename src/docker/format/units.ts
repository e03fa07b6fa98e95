// github.com/docker/go-units: human-readable sizes, byte for byte.

import { formatFloat } from './fmt.ts';

const DECIMAL_ABBRS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY_ABBRS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function sizeAndUnit(size: number, base: number, abbrs: string[]): [number, string] {
  let i = 0;
  while (size >= base && i < abbrs.length - 1) {
    size /= base;
    i++;
  }
  return [size, abbrs[i]];
}

/** Go's fmt `%.<precision>g`. */
export function formatG(x: number, precision: number): string {
  return formatFloat(x, 'g', precision);
}

/** units.HumanSizeWithPrecision: base 1000, `%.*g` + unit (3 → `3B`, 1984241 at 3 → `1.98MB`). */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [s, unit] = sizeAndUnit(size, 1000, DECIMAL_ABBRS);
  return formatG(s, precision) + unit;
}

/** units.HumanSize: precision 4 (1984241 → `1.984MB`). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/** units.HumanDuration: how long ago, in the words `docker ps` and `docker images` print. */
export function humanDuration(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(seconds / 3600 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(Math.floor(seconds / 3600) / 24 / 365)} years`;
}

/** units.BytesSize: base 1024, `%.4g` + KiB, MiB, … (1048576 → `1MiB`). */
export function bytesSize(size: number): string {
  const [s, unit] = sizeAndUnit(size, 1024, BINARY_ABBRS);
  return formatG(s, 4) + unit;
}

/** An error from parseSize, with go-units' message. */
export class UnitsError extends Error {}

const DECIMAL_MAP: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15 };
const BINARY_MAP: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** strconv.ParseFloat(s, 64) for the decimal forms (plus inf/nan); throws Go's message. */
function parseGoFloat(s: string): number {
  const t = s.toLowerCase();
  const m = /^[+-]?(inf|infinity|nan)$/.exec(t);
  if (m !== null) {
    if (m[1] === 'nan') return NaN;
    return t.startsWith('-') ? -Infinity : Infinity;
  }
  if (/^[+-]?([0-9]+(_?[0-9]+)*\.?([0-9]+(_?[0-9]+)*)?|\.[0-9]+(_?[0-9]+)*)([eE][+-]?[0-9]+)?$/.test(s) && !s.includes('_')) {
    return Number(s);
  }
  if (/^[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+$/.test(s)) {
    const neg = s.startsWith('-');
    const body = s.replace(/^[+-]?0[xX]/, '');
    const [mant, exp] = body.split(/[pP]/);
    const [ip, fp = ''] = mant.split('.');
    const v = (parseInt(ip || '0', 16) + (fp ? parseInt(fp, 16) / 16 ** fp.length : 0)) * 2 ** Number(exp);
    return neg ? -v : v;
  }
  throw new UnitsError(`strconv.ParseFloat: parsing ${JSON.stringify(s)}: invalid syntax`);
}

function parseSize(sizeStr: string, map: Record<string, number>): number {
  let sep = -1;
  for (let i = sizeStr.length - 1; i >= 0; i--) {
    if ('0123456789. '.includes(sizeStr[i])) {
      sep = i;
      break;
    }
  }
  if (sep === -1) throw new UnitsError(`invalid size: '${sizeStr}'`);
  const num = sizeStr[sep] !== ' ' ? sizeStr.slice(0, sep + 1) : sizeStr.slice(0, sep);
  let sfx = sizeStr.slice(sep + 1);
  let size = parseGoFloat(num);
  if (size < 0) throw new UnitsError(`invalid size: '${sizeStr}'`);
  if (sfx.length === 0) return Math.trunc(size);
  if (sfx.length > 3) throw new UnitsError(`invalid suffix: '${sfx}'`);
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') {
    if (sfx.length > 1) throw new UnitsError(`invalid suffix: '${sfx}'`);
    return Math.trunc(size);
  }
  const mul = map[sfx[0]];
  if (mul === undefined) throw new UnitsError(`invalid suffix: '${sfx}'`);
  size *= mul;
  if ((sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) {
    throw new UnitsError(`invalid suffix: '${sfx}'`);
  }
  return Math.trunc(size);
}

/**
 * units.RAMInBytes: `64m`, `1g`, `512k`, `1.5GiB`, `100` … base 1024, case-insensitive, an
 * optional `b` / `ib` after the unit letter.  Throws UnitsError with go-units' message.
 */
export function parseRamInBytes(size: string): number {
  return parseSize(size, BINARY_MAP);
}

/** units.FromHumanSize: like parseRamInBytes but base 1000.  Throws UnitsError. */
export function fromHumanSize(size: string): number {
  return parseSize(size, DECIMAL_MAP);
}

/** units.RAMInBytes, or `undefined` when the string does not parse. */
export function ramInBytes(size: string): number | undefined {
  try {
    return parseRamInBytes(size);
  } catch (e) {
    if (e instanceof UnitsError) return undefined;
    throw e;
  }
}
