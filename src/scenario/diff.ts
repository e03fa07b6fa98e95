// Line diff and `diff -u`-style rendering. No dependencies.
//
// The algorithm is Myers' O((N+M)·D) diff with the linear-space refinement (find the middle
// snake of the edit graph, recurse on both halves), as GNU diff implements it (diffseq.h). It
// needs O(N+M) memory whatever the distance: keeping one V array per edit step, as the plain
// algorithm does, took 3.2 GB for 20,000 differing lines. Past COST_LIMIT edit steps in one
// search it gives up on minimality and splits at the best point found so far (GNU diff's
// "too expensive" heuristic), so time stays bounded too; below it the script is minimal.

export interface DiffOp {
  /** ' ' kept, '-' only in the old text, '+' only in the new text. */
  op: ' ' | '-' | '+';
  line: string;
}

/**
 * Edit steps one middle-snake search may take before it settles for a good split instead of the
 * best. Each search costs up to about COST_LIMIT² comparisons; GNU diff uses at least 4096, but
 * in JavaScript 256 is what keeps two entirely different 200,000-line texts under a second, and
 * scenario diffs are read by people, for whom a change of more than 256 lines is one big change
 * either way.
 */
const COST_LIMIT = 256;

/**
 * A shortest edit script turning `a` into `b` (deletions listed before insertions in a change).
 * Minimal unless the inputs differ by more than about COST_LIMIT lines in one region.
 */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  const { ops } = compactScript(a, b);
  const out: DiffOp[] = [];
  let x = 0;
  let y = 0;
  for (const o of ops) {
    if (o === DEL) out.push({ op: '-', line: a[x++] });
    else if (o === INS) out.push({ op: '+', line: b[y++] });
    else out.push({ op: ' ', line: a[x++] }), y++;
  }
  return out;
}

const KEEP = 0;
const DEL = 1;
const INS = 2;

/**
 * The edit script as one byte per step (KEEP, DEL, INS; deletions before insertions in a change):
 * what unifiedDiff walks, without an object per line (a million-line diff made millions).
 */
function compactScript(a: readonly string[], b: readonly string[]): { ops: Uint8Array } {
  const { deleted, inserted } = editMarks(a, b);
  const ops = new Uint8Array(a.length + b.length);
  let k = 0;
  let x = 0;
  let y = 0;
  while (x < a.length || y < b.length) {
    if (x < a.length && deleted[x]) { ops[k++] = DEL; x++; }
    else if (y < b.length && inserted[y]) { ops[k++] = INS; y++; }
    else { ops[k++] = KEEP; x++; y++; }
  }
  return { ops: ops.subarray(0, k) };
}

/** Which lines of a are deleted and which of b are inserted. */
function editMarks(a: readonly string[], b: readonly string[]): { deleted: Uint8Array; inserted: Uint8Array } {
  const n = a.length;
  const m = b.length;
  // lines are compared as numbers: equal lines share an id
  const ids = new Map<string, number>();
  const idOf = (l: string): number => {
    let id = ids.get(l);
    if (id === undefined) ids.set(l, (id = ids.size));
    return id;
  };
  const xv = Int32Array.from(a, idOf);
  const yv = Int32Array.from(b, idOf);
  const deleted = new Uint8Array(n);
  const inserted = new Uint8Array(m);
  // forward and backward furthest-reaching x per diagonal k = x - y, offset by m + 1
  const off = m + 1;
  const fd = new Int32Array(n + m + 3);
  const bd = new Int32Array(n + m + 3);

  /** The split point of a[xoff..xlim) / b[yoff..ylim) (both ends already differ). */
  const split = (xoff: number, xlim: number, yoff: number, ylim: number, minimal: boolean): [number, number, boolean, boolean] => {
    const dmin = xoff - ylim;
    const dmax = xlim - yoff;
    const fmid = xoff - yoff;
    const bmid = xlim - ylim;
    let fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    const odd = ((fmid - bmid) & 1) !== 0;
    fd[off + fmid] = xoff;
    bd[off + bmid] = xlim;
    for (let c = 1; ; c++) {
      // one more edit step forward
      if (fmin > dmin) fd[off + --fmin - 1] = -1; else fmin++;
      if (fmax < dmax) fd[off + ++fmax + 1] = -1; else fmax--;
      for (let d = fmax; d >= fmin; d -= 2) {
        const tlo = fd[off + d - 1];
        const thi = fd[off + d + 1];
        let x = tlo >= thi ? tlo + 1 : thi;
        let y = x - d;
        while (x < xlim && y < ylim && xv[x] === yv[y]) { x++; y++; }
        fd[off + d] = x;
        if (odd && bmin <= d && d <= bmax && bd[off + d] <= x) return [x, y, true, true];
      }
      // and backward
      if (bmin > dmin) bd[off + --bmin - 1] = 0x7fffffff; else bmin++;
      if (bmax < dmax) bd[off + ++bmax + 1] = 0x7fffffff; else bmax--;
      for (let d = bmax; d >= bmin; d -= 2) {
        const tlo = bd[off + d - 1];
        const thi = bd[off + d + 1];
        let x = tlo < thi ? tlo : thi - 1;
        let y = x - d;
        while (x > xoff && y > yoff && xv[x - 1] === yv[y - 1]) { x--; y--; }
        bd[off + d] = x;
        if (!odd && fmin <= d && d <= fmax && x <= fd[off + d]) return [x, y, true, true];
      }
      if (minimal || c < COST_LIMIT) continue;
      // Too expensive: split at whichever search got furthest. The half on that side is solved
      // minimally (its distance is at most c), the other half gets the same treatment again.
      let fxybest = -1, fxbest = 0;
      for (let d = fmax; d >= fmin; d -= 2) {
        let x = Math.min(fd[off + d], xlim);
        let y = x - d;
        if (ylim < y) { x = ylim + d; y = ylim; }
        if (fxybest < x + y) { fxybest = x + y; fxbest = x; }
      }
      let bxybest = 0x7fffffff, bxbest = 0;
      for (let d = bmax; d >= bmin; d -= 2) {
        let x = Math.max(xoff, bd[off + d]);
        let y = x - d;
        if (y < yoff) { x = yoff + d; y = yoff; }
        if (x + y < bxybest) { bxybest = x + y; bxbest = x; }
      }
      if (xlim + ylim - bxybest < fxybest - (xoff + yoff)) return [fxbest, fxybest - fxbest, true, false];
      return [bxbest, bxybest - bxbest, false, true];
    }
  };

  // An explicit stack instead of recursion: with the heuristic, splits can be lopsided.
  const stack: [number, number, number, number, boolean][] = [[0, n, 0, m, false]];
  while (stack.length > 0) {
    let [xoff, xlim, yoff, ylim, minimal] = stack.pop()!;
    while (xoff < xlim && yoff < ylim && xv[xoff] === yv[yoff]) { xoff++; yoff++; }
    while (xlim > xoff && ylim > yoff && xv[xlim - 1] === yv[ylim - 1]) { xlim--; ylim--; }
    if (xoff === xlim) for (let y = yoff; y < ylim; y++) inserted[y] = 1;
    else if (yoff === ylim) for (let x = xoff; x < xlim; x++) deleted[x] = 1;
    else {
      const [xmid, ymid, loMinimal, hiMinimal] = split(xoff, xlim, yoff, ylim, minimal);
      stack.push([xmid, xlim, ymid, ylim, hiMinimal], [xoff, xmid, yoff, ymid, loMinimal]);
    }
  }

  return { deleted, inserted };
}

export interface UnifiedDiffOptions {
  /** Label of the `---` line (default `expected`). */
  fromLabel?: string;
  /** Label of the `+++` line (default `actual`). */
  toLabel?: string;
  /** Context lines around each change (default 3, like `diff -u`). */
  context?: number;
}

const range = (start: number, count: number): string =>
  count === 1 ? `${start}` : `${count === 0 ? start - 1 : start},${count}`;

/**
 * A unified diff of two line lists, like GNU `diff -u` (same hunk headers; no file times).
 * '' when they are equal. Every line of the result ends with `\n`.
 */
export function unifiedDiff(a: readonly string[], b: readonly string[], opts: UnifiedDiffOptions = {}): string {
  const ctx = opts.context ?? 3;
  const { ops } = compactScript(a, b);
  // the line of a and of b (0-based) at each step: typed arrays, a few bytes per step
  const aAt = new Int32Array(ops.length + 1);
  const bAt = new Int32Array(ops.length + 1);
  let changes = 0;
  for (let i = 0, x = 0, y = 0; i <= ops.length; i++) {
    aAt[i] = x;
    bAt[i] = y;
    if (i === ops.length) break;
    if (ops[i] !== INS) x++;
    if (ops[i] !== DEL) y++;
    if (ops[i] !== KEEP) changes++;
  }
  if (changes === 0) return '';
  const parts: string[] = [`--- ${opts.fromLabel ?? 'expected'}\n+++ ${opts.toLabel ?? 'actual'}\n`];
  const nextChange = (from: number): number => {
    let i = from;
    while (i < ops.length && ops[i] === KEEP) i++;
    return i;
  };
  let c = nextChange(0);
  while (c < ops.length) {
    const lo = Math.max(0, c - ctx);
    let last = c;
    // changes at most 2 × context lines apart share a hunk
    for (let next = nextChange(last + 1); next < ops.length && next - last - 1 <= 2 * ctx; next = nextChange(last + 1)) last = next;
    const hi = Math.min(ops.length, last + 1 + ctx);
    const aCount = aAt[hi] - aAt[lo];
    const bCount = bAt[hi] - bAt[lo];
    parts.push(`@@ -${range(aAt[lo] + 1, aCount)} +${range(bAt[lo] + 1, bCount)} @@\n`);
    for (let i = lo; i < hi; i++) {
      const o = ops[i];
      parts.push(o === DEL ? `-${a[aAt[i]]}\n` : o === INS ? `+${b[bAt[i]]}\n` : ` ${a[aAt[i]]}\n`);
    }
    c = nextChange(last + 1);
  }
  return parts.join('');
}
