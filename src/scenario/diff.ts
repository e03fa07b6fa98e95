// Line diff (Myers' O(ND) algorithm) and `diff -u`-style rendering. No dependencies.

export interface DiffOp {
  /** ' ' kept, '-' only in the old text, '+' only in the new text. */
  op: ' ' | '-' | '+';
  line: string;
}

/** A shortest edit script turning `a` into `b` (deletions listed before insertions in a change). */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1]; // down: insertion
      else x = v[offset + k - 1] + 1; // right: deletion
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) { found = true; break; }
    }
  }
  // backtrack through the saved V arrays (trace[d] = V before round d)
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    let prevK: number;
    if (d === 0) prevK = 0;
    else if (k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1])) prevK = k + 1;
    else prevK = k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { ops.push({ op: ' ', line: a[x - 1] }); x--; y--; }
    if (d > 0) {
      if (x === prevX) ops.push({ op: '+', line: b[y - 1] });
      else ops.push({ op: '-', line: a[x - 1] });
      x = prevX;
      y = prevY;
    }
  }
  return ops.reverse();
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
  const ops = diffLines(a, b);
  const changes: number[] = [];
  ops.forEach((o, i) => { if (o.op !== ' ') changes.push(i); });
  if (changes.length === 0) return '';
  let out = `--- ${opts.fromLabel ?? 'expected'}\n+++ ${opts.toLabel ?? 'actual'}\n`;
  // a-line / b-line number (1-based) of each op
  const aAt: number[] = [];
  const bAt: number[] = [];
  let ai = 1;
  let bi = 1;
  for (const o of ops) {
    aAt.push(ai);
    bAt.push(bi);
    if (o.op !== '+') ai++;
    if (o.op !== '-') bi++;
  }
  let c = 0;
  while (c < changes.length) {
    const lo = Math.max(0, changes[c] - ctx);
    let last = changes[c];
    c++;
    while (c < changes.length && changes[c] - last - 1 <= 2 * ctx) { last = changes[c]; c++; }
    const hi = Math.min(ops.length, last + 1 + ctx);
    let aCount = 0;
    let bCount = 0;
    let body = '';
    for (let i = lo; i < hi; i++) {
      const o = ops[i];
      if (o.op !== '+') aCount++;
      if (o.op !== '-') bCount++;
      body += o.op + o.line + '\n';
    }
    out += `@@ -${range(aAt[lo], aCount)} +${range(bAt[lo], bCount)} @@\n` + body;
  }
  return out;
}
