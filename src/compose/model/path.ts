// compose-go's tree.Path (tree/path.go): a dotted path into the model, where `*` in a pattern
// matches any one part and list items are the part `[]`. Interpolation, canonical forms,
// defaults and merging all pick their special cases by such patterns.

export type TreePath = string;

export function nextPath(p: TreePath, part: string): TreePath {
  // A dot inside a key must not split it (compose-go swaps it for a placeholder).
  const safe = part.replaceAll('.', '\u{1F47B}');
  return p === '' ? safe : `${p}.${safe}`;
}

/**
 * Whether `p` matches `pattern` part for part (tree.Path.Matches). Compared in place, without
 * splitting either: interpolation, canonical forms and merging try every value's path against
 * their lists of patterns, ~0.4 % of a whole-corpus check when both were split at each try.
 */
export function pathMatches(p: TreePath, pattern: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    const pEnd = partEnd(p, i);
    const wEnd = partEnd(pattern, j);
    const any = wEnd - j === 1 && pattern.charCodeAt(j) === STAR;
    if (!any && !samePart(p, i, pEnd, pattern, j, wEnd)) return false;
    const pDone = pEnd === p.length;
    const wDone = wEnd === pattern.length;
    if (pDone || wDone) return pDone && wDone;
    i = pEnd + 1;
    j = wEnd + 1;
  }
}

const STAR = 0x2a;

/** Where the part of `s` that starts at `from` ends (its dot, or the end of `s`). */
function partEnd(s: string, from: number): number {
  const dot = s.indexOf('.', from);
  return dot < 0 ? s.length : dot;
}

function samePart(a: string, aFrom: number, aEnd: number, b: string, bFrom: number, bEnd: number): boolean {
  if (aEnd - aFrom !== bEnd - bFrom) return false;
  for (let k = 0; k < aEnd - aFrom; k++) if (a.charCodeAt(aFrom + k) !== b.charCodeAt(bFrom + k)) return false;
  return true;
}

/** The path as compose prints it in errors. */
export function pathString(p: TreePath): string {
  return p.replaceAll('\u{1F47B}', '.');
}
