// bash's brace expansion (bash manual, "Brace Expansion"; braces.c): `a{b,c}d` is `abd acd`,
// `{1..3}` is `1 2 3`, before every other expansion, on unquoted text only. busybox ash has none.
//
// A word is read as a row of atoms: each character of its unquoted literal text, and every other
// part whole (quoted text, a backslash escape, `$x`, `${...}`, `$(...)`, `$((...))`), which can
// sit inside an alternative but never opens, separates or closes one. A `{` with a matching `}`
// and a comma between them at its own level, or a sequence `x..y[..step]` of integers or single
// letters, expands; any other brace stays as it is. Nested braces and the text after expand too.
//
// One difference is left: bash pastes the text of an alternative and what follows before it
// reads parameters, so `{$v,b}x` is `$vx bx` there (the variable vx); here `$v` stays the
// variable v (`qx bx` for v=q). Words like that are rare; docs/compat.md says so.

import type { Word, WordPart } from './ast.ts';
import { ShellLimitError } from './types.ts';

type Atom = string | WordPart;

/** Words a brace expansion may make of one word (as many as a word may split into). */
const MAX_WORDS = 500_000;

/** Whether `w` has unquoted text with a `{`: else braceExpand gives `[w]`. */
export function mayBraceExpand(w: Word): boolean {
  // (indexed: asked of every word bash expands, mostly before V8 optimizes it, and a for-of
  // allocates an iterator and a result per part there)
  const parts = w.parts;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.kind === 'lit' && p.text.includes('{')) return true;
  }
  return false;
}

/** The words `w` brace-expands to: `[w]` itself when it holds no expansion. */
export function braceExpand(w: Word): Word[] {
  if (!mayBraceExpand(w)) return [w];
  const atoms: Atom[] = [];
  for (const p of w.parts) {
    if (p.kind === 'lit') atoms.push(...p.text);
    else atoms.push(p);
  }
  const out: Atom[][] = [];
  expand(atoms, out);
  if (out.length === 1 && out[0] === atoms) return [w];
  return out.map(toWord);
}

function expand(atoms: Atom[], out: Atom[][]): void {
  for (let i = 0; i < atoms.length; i++) {
    if (atoms[i] !== '{') continue;
    const close = matching(atoms, i);
    if (close < 0) continue;
    const inner = atoms.slice(i + 1, close);
    const alternatives = commaSplit(inner) ?? sequence(inner);
    if (!alternatives) continue;
    const before = atoms.slice(0, i);
    const after = atoms.slice(close + 1);
    for (const alt of alternatives) {
      // the alternative and the text after it may hold braces of their own; the text before
      // holds none that expand (the scan passed it)
      expand([...before, ...alt, ...after], out);
      if (out.length > MAX_WORDS) throw new ShellLimitError(`a brace expansion made more than ${MAX_WORDS} words`);
    }
    return;
  }
  out.push(atoms);
}

/** The index of the `}` closing the `{` at `open`, or -1. */
function matching(atoms: Atom[], open: number): number {
  let depth = 0;
  for (let j = open; j < atoms.length; j++) {
    if (atoms[j] === '{') depth++;
    else if (atoms[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

/** The alternatives of `a,b{c,d},e` split at its own level's commas; undefined without one. */
function commaSplit(inner: Atom[]): Atom[][] | undefined {
  const parts: Atom[][] = [[]];
  let depth = 0;
  for (const a of inner) {
    if (a === '{') depth++;
    else if (a === '}') depth--;
    if (a === ',' && depth === 0) parts.push([]);
    else parts[parts.length - 1].push(a);
  }
  return parts.length > 1 ? parts : undefined;
}

/**
 * `x..y` or `x..y..step` (braces.c mkseq): integers, padded with zeros to the wider end when
 * either end has a leading zero, or single letters; counting down when y < x; the step's sign
 * is ignored and 0 counts as 1. Undefined when the text is not a sequence.
 */
function sequence(inner: Atom[]): Atom[][] | undefined {
  if (!inner.every((a): a is string => typeof a === 'string')) return undefined;
  const m = /^(-?[0-9]+|[A-Za-z])\.\.(-?[0-9]+|[A-Za-z])(?:\.\.(-?[0-9]+))?$/.exec(inner.join(''));
  if (!m) return undefined;
  const [, from, to, stepText] = m;
  const numeric = /[0-9]/.test(from);
  if (numeric !== /[0-9]/.test(to)) return undefined;
  const step = Math.max(1, Math.abs(Number(stepText ?? '1')));
  const a = numeric ? Number(from) : from.charCodeAt(0);
  const b = numeric ? Number(to) : to.charCodeAt(0);
  const count = Math.floor(Math.abs(b - a) / step) + 1;
  if (count > MAX_WORDS) throw new ShellLimitError(`a brace expansion made more than ${MAX_WORDS} words`);
  const width = numeric && (/^-?0[0-9]/.test(from) || /^-?0[0-9]/.test(to)) ? Math.max(from.length, to.length) : 0;
  const out: Atom[][] = [];
  for (let k = 0; k < count; k++) {
    const v = a <= b ? a + k * step : a - k * step;
    // a backslash made by a letter range (`{Z..a}`) is removed as a quote afterwards: bash
    // passes an empty argument in its place
    if (!numeric && v === 0x5c) out.push([{ kind: 'sq', text: '' }]);
    else out.push([...(numeric ? pad(v, width) : String.fromCharCode(v))]);
  }
  return out;
}

function pad(n: number, width: number): string {
  const digits = String(Math.abs(n)).padStart(n < 0 ? width - 1 : width, '0');
  return n < 0 ? `-${digits}` : digits;
}

/** Atoms back into a word: runs of characters become literal parts again. */
function toWord(atoms: Atom[]): Word {
  const parts: WordPart[] = [];
  let text = '';
  for (const a of atoms) {
    if (typeof a === 'string') text += a;
    else {
      if (text !== '') parts.push({ kind: 'lit', text });
      text = '';
      parts.push(a);
    }
  }
  if (text !== '') parts.push({ kind: 'lit', text });
  return { parts };
}
