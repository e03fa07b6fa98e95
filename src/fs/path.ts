// Paths as Linux sees them inside one root: absolute, '/'-separated, no trailing slash.

/** Split into components, dropping empty ones and '.'; '..' is kept for the resolver. */
export function components(path: string): string[] {
  // every path lookup starts here: one pass, no array of the split to filter again
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== SLASH) continue;
    if (i > start && !(i === start + 1 && path.charCodeAt(start) === DOT)) out.push(path.slice(start, i));
    start = i + 1;
  }
  return out;
}

const SLASH = 0x2f;
const DOT = 0x2e;

/** Lexically normalize an absolute path; '..' never climbs above '/'. */
export function normalize(path: string): string {
  const out: string[] = [];
  for (const c of components(path)) {
    if (c === '..') out.pop();
    else out.push(c);
  }
  return '/' + out.join('/');
}

/**
 * Go's filepath.Clean, for the paths the docker CLI cleans: like normalize, but a relative path
 * stays relative (leading `..` kept) and the empty path is `.`.
 */
export function goClean(path: string): string {
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const c of components(path)) {
    if (c !== '..') out.push(c);
    else if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (!rooted) out.push('..');
  }
  const cleaned = (rooted ? '/' : '') + out.join('/');
  return cleaned === '' ? '.' : cleaned;
}

/** Resolve `path` against the working directory `cwd` (lexically; symlinks are the resolver's job). */
export function join(cwd: string, path: string): string {
  if (path.startsWith('/')) return path;
  return cwd.endsWith('/') ? cwd + path : cwd + '/' + path;
}

/** coreutils' dirname: the path without its last component (`/` stays `/`, a bare name is in `.`). */
export function dirname(path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '') return path === '' ? '.' : '/';
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return p.slice(0, i);
}

/** coreutils' basename: the last component (`/` for `/`, nothing for nothing). */
export function basename(path: string): string {
  const p = path.replace(/\/+$/, '');
  if (p === '') return path === '' ? '' : '/';
  return p.slice(p.lastIndexOf('/') + 1);
}

/** True when `path` equals `prefix` or lies below it (both normalized absolute paths). */
export function isWithin(path: string, prefix: string): boolean {
  if (prefix === '/') return true;
  return path === prefix || path.startsWith(prefix + '/');
}

/** Components of `path` below `prefix` (caller checked `isWithin`). */
export function relativeParts(path: string, prefix: string): string[] {
  // Stryker disable next-line ConditionalExpression,StringLiteral: slicing off the / of the root too leaves the same components
  return components(path.slice(prefix === '/' ? 0 : prefix.length));
}
