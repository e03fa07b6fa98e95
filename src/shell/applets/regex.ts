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
  // where the last atom (a group too) starts in `out`, and whether a repetition follows it: POSIX
  // stacks repetitions (`a**`, `x{1}{2}`: of the repeated atom), JavaScript refuses a second one
  let atom = -1;
  let repeated = false;
  const groups: number[] = [];
  const repeat = (q: string): void => {
    if (repeated && atom >= 0) out = `${out.slice(0, atom)}(?:${out.slice(atom)})${q}`;
    else out += q;
    repeated = true;
  };
  const add = (text: string): void => {
    atom = out.length;
    repeated = false;
    out += text;
  };
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    const wasStart = atStart;
    atStart = false;
    if (c === '\\') {
      if (i + 1 >= re.length) throw new RegexError('Trailing backslash');
      const n = re[++i];
      if (n === '<') add('\\b(?=\\w)');
      else if (n === '>') add('\\b(?<=\\w)');
      else if ('bBwWsS'.includes(n)) add('\\' + n);
      else if (n >= '1' && n <= '9') add('\\' + n);
      else if (n === 'n') add('\\n');
      else if (n === 't') add('\\t');
      else add(escapeRegex(n));
      continue;
    }
    if (c === '[') {
      const b = bracket(re, i, false);
      if (!b) throw new RegexError('Unmatched [, [^, [:, [., or [=');
      add(b.re);
      i = b.end - 1;
      continue;
    }
    if (c === '(') {
      depth++;
      groups.push(out.length);
      out += '(';
      atom = -1;
      atStart = true;
      continue;
    }
    if (c === ')') {
      if (depth === 0) {
        add('\\)');
        continue;
      }
      depth--;
      out += ')';
      atom = groups.pop() ?? -1;
      repeated = false;
      continue;
    }
    if (c === '|') {
      out += '|';
      atom = -1;
      atStart = true;
      continue;
    }
    if (c === '{') {
      const m = /^\{(\d*)(,(\d*))?\}/.exec(re.slice(i));
      if (m && !wasStart && (m[1] !== '' || m[3] !== undefined)) {
        repeat('{' + (m[1] === '' ? '0' : m[1]) + (m[2] ?? '') + '}');
        i += m[0].length - 1;
      } else add('\\{');
      continue;
    }
    if (c === '}') {
      add('\\}');
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      if (wasStart) add('\\' + c);
      else repeat(c);
      continue;
    }
    if (c === '^') {
      out += '^';
      atom = -1;
      atStart = true;
      continue;
    }
    if (c === '$') {
      out += '$';
      atom = -1;
      continue;
    }
    if (c === '.') {
      add('[^\\n]');
      continue;
    }
    add(escapeRegex(c));
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

const POSIX_CLASSES = new Set(['alpha', 'digit', 'alnum', 'upper', 'lower', 'space', 'blank', 'punct', 'print', 'graph', 'cntrl', 'xdigit']);
/** glibc's RE_DUP_MAX: the largest count of an interval. */
const DUP_MAX = 0x7fff;

/**
 * Whether glibc's regcomp with REG_EXTENDED refuses an ERE (bash's `[[ =~ ]]`, busybox's `[[`):
 * a repetition with nothing before it (`*a`, `a|+b`, `^*`), an interval that is not one (`a{1`,
 * `a{2,1}`, `{1}`), an open bracket or parenthesis, an unknown class, a range out of order, a
 * final backslash. ereToJs is lenient there, as grep -E is (it reads a leading `*` literally).
 */
export function regcompRejects(re: string): boolean {
  let depth = 0;
  let atom = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      if (i + 1 >= re.length) return true;
      i++;
      atom = true;
    } else if (c === '[') {
      const end = bracketEnd(re, i);
      if (end < 0) return true;
      i = end;
      atom = true;
    } else if (c === '(') {
      depth++;
      atom = false;
    } else if (c === ')') {
      if (depth > 0) depth--;
      atom = true;
    } else if (c === '|' || c === '^' || c === '$') {
      atom = false;
    } else if (c === '*' || c === '+' || c === '?') {
      if (!atom) return true;
    } else if (c === '{') {
      const m = /^\{(\d*)(,(\d*))?\}/.exec(re.slice(i));
      if (!atom || !m || (m[1] === '' && m[2] === undefined)) return true;
      const lo = m[1] === '' ? 0 : Number(m[1]);
      const hi = m[2] === undefined ? lo : m[3] === '' ? Infinity : Number(m[3]);
      if (lo > DUP_MAX || (hi !== Infinity && (hi > DUP_MAX || hi < lo))) return true;
      i += m[0].length - 1;
    } else atom = true;
  }
  return depth > 0;
}

/** The index of the `]` closing the bracket expression at re[i], or -1 when it is invalid. */
function bracketEnd(re: string, i: number): number {
  let j = i + 1;
  if (re[j] === '^') j++;
  let prev: string | undefined;
  for (let first = true; j < re.length; first = false) {
    const c = re[j];
    if (c === ']' && !first) return j;
    if (c === '[' && (re[j + 1] === ':' || re[j + 1] === '.' || re[j + 1] === '=')) {
      const close = re.indexOf(re[j + 1] + ']', j + 2);
      if (close < 0) return -1;
      const name = re.slice(j + 2, close);
      if (re[j + 1] === ':' && !POSIX_CLASSES.has(name)) return -1;
      prev = re[j + 1] === ':' ? undefined : name;
      j = close + 2;
      continue;
    }
    if (c === '-' && prev !== undefined && j + 1 < re.length && re[j + 1] !== ']') {
      const hi = re[j + 1];
      if (hi < prev) return -1;
      prev = undefined;
      j += 2;
      continue;
    }
    prev = c;
    j++;
  }
  return -1;
}
