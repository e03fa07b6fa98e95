// Go's path.Match, which the daemon uses for `reference=` image filters: `*` and `?` never match
// `/`, `[...]` classes (with `^` negation and ranges), `\` escapes. A malformed pattern matches
// nothing (path.Match returns ErrBadPattern, which the filter treats as no match).

export function globMatch(pattern: string, name: string): boolean {
  return matchAt(pattern, 0, name, 0);
}

function matchAt(p: string, pi: number, s: string, si: number): boolean {
  while (pi < p.length) {
    const c = p[pi];
    if (c === '*') {
      for (let k = si; ; k++) {
        if (matchAt(p, pi + 1, s, k)) return true;
        if (k >= s.length || s[k] === '/') return false;
      }
    }
    if (si >= s.length) return false;
    if (c === '?') {
      if (s[si] === '/') return false;
    } else if (c === '[') {
      const end = p.indexOf(']', pi + 2);
      if (end < 0) return false;
      let body = p.slice(pi + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      let hit = false;
      for (let i = 0; i < body.length; i++) {
        const lo = body[i];
        if (body[i + 1] === '-' && i + 2 < body.length) {
          if (s[si] >= lo && s[si] <= body[i + 2]) hit = true;
          i += 2;
        } else if (s[si] === lo) hit = true;
      }
      if (hit === negate || s[si] === '/') return false;
      pi = end;
    } else if (c === '\\' && pi + 1 < p.length) {
      pi++;
      if (s[si] !== p[pi]) return false;
    } else if (s[si] !== c) return false;
    pi++;
    si++;
  }
  return si === s.length;
}
