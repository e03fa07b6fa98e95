// Go's path.Match (go/src/path/match.go), which the daemon uses for `reference=` image filters
// (distribution/reference FamiliarMatch) and the builder for COPY wildcards (filepath.Match, the
// same on Linux). The pattern and the name are byte strings (fs/bytes.ts), as Go holds them.
//
// Go's grammar: `*` matches any run of non-`/` bytes, `?` one non-`/` character, `[` [`^`]
// ranges `]` one character in (or, with `^`, not in) the class, `/` included; a range is `c`,
// `\c` or `lo-hi`, where a bare `-` or `]` is malformed (`[]a]`, `[-x]`, `[x-]`, `[a-b-c]`), so is
// a class or an escape the pattern ends inside. For a malformed pattern Match returns
// ErrBadPattern, whatever the name: `docker images --filter reference=` prints it as the daemon's
// `syntax error in pattern` (recorded: image-layers/reference-filter-glob), so globMalformed
// tells it; globMatch is then false (COPY's wildcards take it as no match: not recorded).
//
// The search is Go's, not a general backtracking one: the pattern is cut into chunks at each run
// of `*`, and a chunk after a star is taken at the first place it matches (only the last chunk
// looks further, for a place that ends the name). A class can match a `/` a star could not
// cross, so the two differ: in Go `*b[^x]*c` does not match `bbb/c` (the first chunk is taken
// as `bb`, and the second star cannot cross the `/`), where a backtracking glob takes `b/`.

import { decodeRune, RUNE_ERROR } from '../fs/utf8.ts';

/** A malformed chunk (Go's ErrBadPattern). */
const BAD = Symbol('bad pattern');

/** Whether Go's Match refuses the pattern with ErrBadPattern (it does for any name). */
export function globMalformed(pattern: string): boolean {
  for (let rest = pattern; rest !== ''; ) {
    const { chunk, after } = scanChunk(rest);
    if (matchChunk(chunk, '') === BAD) return true;
    rest = after;
  }
  return false;
}

/**
 * Whether the name matches the pattern; false for a malformed one (a malformed chunk never
 * matches: matchChunk reads every chunk to its end).
 */
export function globMatch(pattern: string, name: string): boolean {
  let rest = pattern;
  let s = name;
  next: while (rest !== '') {
    const { star, chunk, after } = scanChunk(rest);
    rest = after;
    // a trailing star takes the rest of the name, unless it holds a `/`
    if (star && chunk === '') return !s.includes('/');
    const here = matchChunk(chunk, s);
    if (here === BAD) return false;
    // the last chunk must end the name; another can leave some for the next star
    if (here !== undefined && (here === '' || rest !== '')) {
      s = here;
      continue;
    }
    if (!star) return false;
    for (let i = 0; i < s.length && s[i] !== '/'; i++) {
      const later = matchChunk(chunk, s.slice(i + 1));
      if (later === BAD) return false;
      if (later === undefined || (rest === '' && later !== '')) continue;
      s = later;
      continue next;
    }
    return false;
  }
  return s === '';
}

/** The run of stars at the front of the pattern, the chunk after it (up to the next star outside a class), and the rest. */
function scanChunk(pattern: string): { star: boolean; chunk: string; after: string } {
  let p = 0;
  while (p < pattern.length && pattern[p] === '*') p++;
  const star = p > 0;
  let inClass = false;
  for (let i = p; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (i + 1 < pattern.length) i++;
    } else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '*' && !inClass) return { star, chunk: pattern.slice(p, i), after: pattern.slice(i) };
  }
  return { star, chunk: pattern.slice(p), after: '' };
}

/**
 * Match a chunk (no star) at the start of s: what is left of s, undefined when it does not
 * match, BAD when it is malformed (read to its end even after a mismatch, so whatever s is).
 */
function matchChunk(chunk: string, s: string): string | undefined | typeof BAD {
  let failed = false;
  let c = 0;
  let at = 0;
  while (c < chunk.length) {
    if (at >= s.length) failed = true;
    const op = chunk[c];
    if (op === '[') {
      let r = -1;
      if (!failed) {
        const { cp, size } = decodeRune(s, at);
        r = cp;
        at += size;
      }
      c++;
      const negated = chunk[c] === '^';
      if (negated) c++;
      let hit = false;
      for (let ranges = 0; ; ranges++) {
        if (ranges > 0 && chunk[c] === ']') {
          c++;
          break;
        }
        const lo = classChar(chunk, c);
        if (lo === undefined) return BAD;
        const hi = chunk[lo.next] === '-' ? classChar(chunk, lo.next + 1) : lo;
        if (hi === undefined) return BAD;
        c = hi.next;
        if (lo.cp <= r && r <= hi.cp) hit = true;
      }
      if (hit === negated) failed = true;
    } else if (op === '?') {
      if (!failed) {
        if (s[at] === '/') failed = true;
        at += decodeRune(s, at).size;
      }
      c++;
    } else {
      if (op === '\\') {
        c++;
        if (c >= chunk.length) return BAD;
      }
      if (!failed) {
        if (chunk[c] !== s[at]) failed = true;
        at++;
      }
      c++;
    }
  }
  return failed ? undefined : s.slice(at);
}

/**
 * A character of a class at chunk[i] (Go's getEsc): `\` escapes the next one; a bare `-` or
 * `]`, an invalid UTF-8 byte, or a chunk that ends at or right after it is malformed (undefined).
 */
function classChar(chunk: string, i: number): { cp: number; next: number } | undefined {
  if (i >= chunk.length || chunk[i] === '-' || chunk[i] === ']') return undefined;
  if (chunk[i] === '\\') {
    i++;
    if (i >= chunk.length) return undefined;
  }
  const { cp, size } = decodeRune(chunk, i);
  if (cp === RUNE_ERROR && size === 1) return undefined;
  if (i + size >= chunk.length) return undefined;
  return { cp, next: i + size };
}
