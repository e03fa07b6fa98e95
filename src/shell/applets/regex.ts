// POSIX basic and extended regular expressions (with the GNU extensions grep and sed accept)
// translated to JavaScript RegExp source.

import { bracket, escapeRegex } from './glob.ts';

export class RegexError extends Error {}

/** Translate a POSIX BRE (GNU flavour: `\+ \? \|` work) into JS regex source. */
export function breToJs(re: string): string {
  let out = '';
  let depth = 0;
  // position where `*` is literal: start, after `\(`, after `\|`, after `^` anchor
  let atStart = true;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    const wasStart = atStart;
    atStart = false;
    if (c === '\\') {
      if (i + 1 >= re.length) throw new RegexError('Trailing backslash');
      const n = re[++i];
      switch (n) {
        case '(':
          out += '(';
          depth++;
          atStart = true;
          break;
        case ')':
          if (depth === 0) throw new RegexError('Unmatched ) or \\)');
          depth--;
          out += ')';
          break;
        case '{': {
          const close = re.indexOf('\\}', i + 1);
          if (close < 0) throw new RegexError('Unmatched \\{');
          const body = re.slice(i + 1, close);
          if (!/^\d*(,\d*)?$/.test(body) || body === '' || body === ',') throw new RegexError('Invalid content of \\{\\}');
          out += '{' + (body.startsWith(',') ? '0' + body : body) + '}';
          i = close + 1;
          break;
        }
        case '|':
          out += '|';
          atStart = true;
          break;
        case '+':
        case '?':
          out += wasStart ? '\\' + n : n;
          break;
        case '<':
          out += '\\b(?=\\w)';
          break;
        case '>':
          out += '\\b(?<=\\w)';
          break;
        case 'b':
        case 'B':
        case 'w':
        case 'W':
        case 's':
        case 'S':
          out += '\\' + n;
          break;
        case '`':
          out += '^';
          break;
        case "'":
          out += '$';
          break;
        case 'n':
          out += '\\n';
          break;
        case 't':
          out += '\\t';
          break;
        default:
          if (n >= '1' && n <= '9') out += '\\' + n;
          else out += escapeRegex(n);
      }
      continue;
    }
    if (c === '[') {
      const b = bracket(re, i, false);
      if (!b) throw new RegexError('Unmatched [, [^, [:, [., or [=');
      out += b.re;
      i = b.end - 1;
      continue;
    }
    if (c === '*') {
      out += wasStart ? '\\*' : '*';
      continue;
    }
    if (c === '^') {
      if (wasStart) {
        out += '^';
        atStart = true;
      } else out += '\\^';
      continue;
    }
    if (c === '$') {
      const atEnd = i === re.length - 1 || re.startsWith('\\)', i + 1) || re.startsWith('\\|', i + 1);
      out += atEnd ? '$' : '\\$';
      continue;
    }
    if (c === '.') {
      out += '[^\\n]';
      continue;
    }
    out += escapeRegex(c);
  }
  if (depth !== 0) throw new RegexError('Unmatched ( or \\(');
  return out;
}

/** Translate a POSIX ERE into JS regex source. */
export function ereToJs(re: string): string {
  let out = '';
  let depth = 0;
  let atStart = true;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    const wasStart = atStart;
    atStart = false;
    if (c === '\\') {
      if (i + 1 >= re.length) throw new RegexError('Trailing backslash');
      const n = re[++i];
      if (n === '<') out += '\\b(?=\\w)';
      else if (n === '>') out += '\\b(?<=\\w)';
      else if ('bBwWsS'.includes(n)) out += '\\' + n;
      else if (n >= '1' && n <= '9') out += '\\' + n;
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else out += escapeRegex(n);
      continue;
    }
    if (c === '[') {
      const b = bracket(re, i, false);
      if (!b) throw new RegexError('Unmatched [, [^, [:, [., or [=');
      out += b.re;
      i = b.end - 1;
      continue;
    }
    if (c === '(') {
      depth++;
      out += '(';
      atStart = true;
      continue;
    }
    if (c === ')') {
      if (depth === 0) {
        out += '\\)';
        continue;
      }
      depth--;
      out += ')';
      continue;
    }
    if (c === '|') {
      out += '|';
      atStart = true;
      continue;
    }
    if (c === '{') {
      const m = /^\{(\d*)(,(\d*))?\}/.exec(re.slice(i));
      if (m && !wasStart && (m[1] !== '' || m[3] !== undefined)) {
        out += '{' + (m[1] === '' ? '0' : m[1]) + (m[2] ?? '') + '}';
        i += m[0].length - 1;
      } else out += '\\{';
      continue;
    }
    if (c === '}') {
      out += '\\}';
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      out += wasStart ? '\\' + c : c;
      continue;
    }
    if (c === '^') {
      out += '^';
      atStart = true;
      continue;
    }
    if (c === '$') {
      out += '$';
      continue;
    }
    if (c === '.') {
      out += '[^\\n]';
      continue;
    }
    out += escapeRegex(c);
  }
  if (depth !== 0) throw new RegexError('Unmatched ( or \\(');
  return out;
}

export function compileRegex(re: string, extended: boolean, flags = ''): RegExp {
  const src = extended ? ereToJs(re) : breToJs(re);
  try {
    return new RegExp(src, flags);
  } catch (e) {
    throw new RegexError(e instanceof Error ? e.message : String(e));
  }
}
