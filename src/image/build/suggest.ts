// "did you mean X?": buildkit util/suggest, which both builders' Dockerfile errors use (an unknown
// instruction, an unknown flag or `--mount` key).

/** suggest.Search: the first option nearest to `value` in Levenshtein distance, if within two edits. */
export function nearest(value: string, options: readonly string[], caseSensitive: boolean): string | undefined {
  const v = caseSensitive ? value : value.toLowerCase();
  let match: string | undefined;
  let min = 3;
  for (const opt of options) {
    const d = editDistance(v, caseSensitive ? opt : opt.toLowerCase());
    if (d < min) {
      min = d;
      match = opt;
    }
  }
  return match;
}

/** Levenshtein distance: insertions, deletions and substitutions of one character each. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
