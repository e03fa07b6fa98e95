// compose-go's tree.Path (tree/path.go): a dotted path into the model, where `*` in a pattern
// matches any one part and list items are the part `[]`. Interpolation, canonical forms,
// defaults and merging all pick their special cases by such patterns.

export type TreePath = string;

export function nextPath(p: TreePath, part: string): TreePath {
  // A dot inside a key must not split it (compose-go swaps it for a placeholder).
  const safe = part.replaceAll('.', '\u{1F47B}');
  return p === '' ? safe : `${p}.${safe}`;
}

export function pathMatches(p: TreePath, pattern: string): boolean {
  const parts = p.split('.');
  const want = pattern.split('.');
  if (parts.length !== want.length) return false;
  return parts.every((part, i) => want[i] === '*' || want[i] === part);
}

/** The path as compose prints it in errors. */
export function pathString(p: TreePath): string {
  return p.replaceAll('\u{1F47B}', '.');
}
