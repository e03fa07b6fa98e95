// Display widths of byte strings: go-runewidth's StringWidth (docker/cli's tabwriter since
// v23.0.0), the rune count Go's text/tabwriter uses (the 20.10 CLI), and formatter.Ellipsis.

import { encodeRune, runeCount, runes } from '../../fs/utf8.ts';

// go-runewidth StringWidth with the default, non-East-Asian condition

const WIDE: [number, number][] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

/** go-runewidth's RuneWidth (East Asian Width W and F, zero for controls and combining marks). */
function runeWidth(cp: number): number {
  if (cp === 0) return 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff) return 0;
  const ch = String.fromCodePoint(cp);
  if (/[\p{Mn}\p{Me}]/u.test(ch)) return 0;
  for (const [lo, hi] of WIDE) {
    if (cp < lo) break;
    if (cp <= hi) return 2;
  }
  return 1;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ASCII = /^[\x00-\x7f]*$/;

/** The display width of a byte string, as go-runewidth's StringWidth computes it. */
export function stringWidth(s: string): number {
  // printable ASCII, what almost every cell of a table is: a column a character (runeWidth),
  // without decoding runes (the generator made an object per character)
  if (PRINTABLE_ASCII.test(s)) return s.length;
  let w = 0;
  for (const r of runes(s)) w += runeWidth(r.cp);
  return w;
}

function isWide(cp: number): boolean {
  for (const [lo, hi] of WIDE) {
    if (cp < lo) return false;
    if (cp <= hi) return true;
  }
  return false;
}

const ELLIPSIS = '\xe2\x80\xa6'; // U+2026 '…' in UTF-8

/**
 * docker/cli formatter.Ellipsis (cli/command/formatter/displayutils.go, the same in v20.10.24
 * and v28.2.2): cut a byte string to maxDisplayWidth columns, the last one an ellipsis. An
 * all-ASCII string counts one column per rune; otherwise East Asian Wide and Fullwidth runes
 * count two (charWidth). The cut is made on runes ([]rune(s)), so an invalid byte before the
 * cut comes out as U+FFFD.
 */
export function ellipsis(s: string, maxDisplayWidth: number): string {
  if (maxDisplayWidth <= 0) return '';
  // ASCII: each rune is its one byte (the all-ASCII case below, without decoding runes)
  if (ASCII.test(s)) return maxDisplayWidth === 1 ? s.slice(0, 1) : s.length <= maxDisplayWidth ? s : s.slice(0, maxDisplayWidth - 1) + ELLIPSIS;
  const rs = [...runes(s)].map((r) => r.cp);
  const text = (cps: number[]): string => cps.map(encodeRune).join('');
  if (maxDisplayWidth === 1) return text(rs.slice(0, 1));
  if (s.length === rs.length) {
    if (s.length <= maxDisplayWidth) return s;
    return text(rs.slice(0, maxDisplayWidth - 1)) + ELLIPSIS;
  }
  const display: number[] = [];
  let displayWidth = 0;
  for (const cp of rs) {
    displayWidth += isWide(cp) ? 2 : 1;
    display.push(displayWidth);
  }
  if (displayWidth <= maxDisplayWidth) return s;
  for (let i = 0; i < display.length - 1; i++) {
    if (display[i] <= maxDisplayWidth - 1 && display[i + 1] > maxDisplayWidth - 1) return text(rs.slice(0, i + 1)) + ELLIPSIS;
  }
  return s;
}

/**
 * The width a docker CLI's tabwriter gives a cell: Go's text/tabwriter counts runes (the 20.10
 * CLI); docker/cli copied the tabwriter to measure with go-runewidth (cli/command/formatter/
 * tabwriter, commit fd2bc1fa5e "use our own version of text/tabwriter", first in v23.0.0).
 * Recorded: inspect/template-non-ascii.scenario under test/recorded/docker-20.10 and -26.1.
 */
export function cellWidth(client: '20.10' | '28.2'): (s: string) => number {
  return client === '20.10' ? runeCount : stringWidth;
}
