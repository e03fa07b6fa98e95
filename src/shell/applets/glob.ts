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
  while (j < s.length) {
    const c = s[j];
    if (c === ']' && !first) {
      return { re: '[' + (neg ? '^' : '') + body + ']', end: j + 1 };
    }
    first = false;
    if (c === '[' && s[j + 1] === ':') {
      const close = s.indexOf(':]', j + 2);
      if (close > 0) {
        const name = s.slice(j + 2, close);
        body += CLASSES[name] ?? '';
        j = close + 2;
        continue;
      }
    }
    if (c === '[' && (s[j + 1] === '=' || s[j + 1] === '.')) {
      const close = s.indexOf(s[j + 1] + ']', j + 2);
      if (close > 0) {
        body += escapeClassChar(s.slice(j + 2, close));
        j = close + 2;
        continue;
      }
    }
    if (c === '\\' && globNegation && j + 1 < s.length) {
      body += escapeClassChar(s[j + 1]);
      j += 2;
      continue;
    }
    if (c === '-' && body !== '' && s[j + 1] !== ']' && j + 1 < s.length) {
      body += '-';
      j++;
      continue;
    }
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
