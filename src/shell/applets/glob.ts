// fnmatch(3)-style patterns to RegExp, and POSIX bracket expressions shared with the regex translators.

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9a-zA-Z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
  word: '0-9A-Za-z_',
};

/**
 * Translate a bracket expression starting at s[i] === '['. Returns the JS class and the index
 * after the closing ']', or undefined when there is no closing bracket.
 */
export function bracket(s: string, i: number, globNegation: boolean): { re: string; end: number } | undefined {
  let j = i + 1;
  let neg = false;
  if (s[j] === '^' || (globNegation && s[j] === '!')) {
    neg = true;
    j++;
  }
  let body = '';
  let first = true;
  let prev: { c: string; at: number } | undefined;
  while (j < s.length) {
    const c = s[j];
    if (c === ']' && !first) {
      if (body === '') return { re: neg ? '[^]' : '(?!)', end: j + 1 };
      return { re: '[' + (neg ? '^' : '') + body + ']', end: j + 1 };
    }
    first = false;
    if (c === '[' && s[j + 1] === ':') {
      const close = s.indexOf(':]', j + 2);
      if (close > 0) {
        const name = s.slice(j + 2, close);
        body += CLASSES[name] ?? '';
        prev = undefined;
        j = close + 2;
        continue;
      }
    }
    if (c === '[' && (s[j + 1] === '=' || s[j + 1] === '.')) {
      const close = s.indexOf(s[j + 1] + ']', j + 2);
      if (close > 0) {
        body += escapeClassChar(s.slice(j + 2, close));
        prev = undefined;
        j = close + 2;
        continue;
      }
    }
    if (c === '\\' && globNegation && j + 1 < s.length) {
      prev = { c: s[j + 1], at: body.length };
      body += escapeClassChar(s[j + 1]);
      j += 2;
      continue;
    }
    if (c === '-' && body !== '' && s[j + 1] !== ']' && j + 1 < s.length) {
      // fnmatch: a range out of order (`[z-a]`) holds nothing (JavaScript refuses it; a regex's
      // is an error, "Invalid range end")
      const hi = s[j + 1] === '\\' && j + 2 < s.length ? s[j + 2] : s[j + 1];
      if (globNegation && prev !== undefined && hi < prev.c) {
        body = body.slice(0, prev.at);
        j += hi === s[j + 1] ? 2 : 3;
        prev = undefined;
        continue;
      }
      body += '-';
      prev = undefined;
      j++;
      continue;
    }
    prev = { c, at: body.length };
    body += escapeClassChar(c);
    j++;
  }
  return undefined;
}

function escapeClassChar(c: string): string {
  return c.replace(/[\\\]\[^-]/g, (x) => '\\' + x);
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A glob pattern as an anchored RegExp (`*` also matches `/`, as fnmatch without FNM_PATHNAME). */
export function globToRegex(pat: string, icase = false, _path = false): RegExp {
  let re = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const b = bracket(pat, i, true);
      if (b) {
        re += b.re;
        i = b.end - 1;
      } else re += '\\[';
    } else if (c === '\\' && i + 1 < pat.length) {
      re += escapeRegex(pat[++i]);
    } else re += escapeRegex(c);
  }
  return new RegExp('^' + re + '$', icase ? 'i' : '');
}
