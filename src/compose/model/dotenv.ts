// `.env` files as compose reads them: compose-go's dotenv parser (dotenv/parser.go), with
// variable expansion inside unquoted and double-quoted values (dotenv/godotenv.go expandVariables).

import { ComposeFileError, substitute, type Lookup } from './interpolate.ts';

const isSpace = (c: string): boolean => c === '\t' || c === '\v' || c === '\f' || c === '\r' || c === ' ' || c === '\u0085' || c === '\u00a0';
const isUnicodeSpace = (c: string): boolean => /\s/u.test(c);

/**
 * Parse an env file. `lookup` gives the values a reference may use that the file has not set
 * (the process environment); variables the file sets earlier are seen by later lines.
 */
export function parseDotEnv(src: string, lookup: Lookup, warnings: string[]): Map<string, string> {
  const out = new Map<string, string>();
  let line = 1;
  let rest = src.replace(/^\uFEFF/, '');
  const find = (name: string): string | undefined => lookup(name) ?? out.get(name);
  for (;;) {
    // getStatementStart: skip spaces and comment lines, counting newlines
    let i = 0;
    for (;;) {
      while (i < rest.length && isUnicodeSpace(rest[i])) {
        if (rest[i] === '\n') line++;
        i++;
      }
      if (i < rest.length && rest[i] === '#') {
        const nl = rest.indexOf('\n', i);
        if (nl === -1) {
          i = rest.length;
          break;
        }
        i = nl;
        continue;
      }
      break;
    }
    rest = rest.slice(i);
    if (rest === '') break;
    // locateKeyName
    let src2 = rest;
    if (/^export\s+/.test(src2)) src2 = src2.slice('export'.length).replace(/^[\t\v\f\r \u0085\u00a0]+/, '');
    let key = '';
    let offset = 0;
    let inherited = false;
    let found = false;
    for (let j = 0; j < src2.length; j++) {
      const c = src2[j];
      if (isSpace(c)) continue;
      if (c === '=' || c === ':' || c === '\n') {
        key = src2.slice(0, j);
        offset = j + 1;
        inherited = c === '\n';
        found = true;
        break;
      }
      if (c === '_' || c === '.' || c === '-' || c === '[' || c === ']' || /[\p{L}\p{N}]/u.test(c)) continue;
      throw new ComposeFileError(`line ${line}: unexpected character ${JSON.stringify(c)} in variable name ${JSON.stringify(src2.split('\n')[0])}`);
    }
    if (!found) {
      // a last line without `=`: the whole rest is the key, inherited from the environment
      key = src2;
      offset = src2.length;
      inherited = true;
    }
    if (inherited && !key.includes(' ')) line++;
    key = key.replace(/\s+$/u, '');
    if (key.includes(' ')) throw new ComposeFileError(`line ${line}: key cannot contain a space`);
    let after = src2.slice(offset).replace(/^[\t\v\f\r \u0085\u00a0]+/, '');
    if (inherited) {
      const v = lookup(key);
      if (v !== undefined) out.set(key, v);
      rest = after;
      continue;
    }
    // extractVarValue
    const quote = after[0];
    if (quote !== '"' && quote !== "'") {
      const nl = after.indexOf('\n');
      let value = nl === -1 ? after : after.slice(0, nl);
      rest = nl === -1 ? '' : after.slice(nl + 1);
      line++;
      const hash = value.indexOf(' #');
      if (hash >= 0) value = value.slice(0, hash);
      value = value.replace(/\s+$/u, '');
      out.set(key, expand(value, find, warnings));
      continue;
    }
    let escaped = false;
    let chars = '';
    let closed = -1;
    for (let j = 1; j < after.length; j++) {
      const c = after[j];
      if (c === '\n') line++;
      if (c !== quote) {
        if (!escaped && c === '\\') {
          escaped = true;
          continue;
        }
        if (escaped) {
          escaped = false;
          chars += '\\';
        }
        chars += c;
        continue;
      }
      if (escaped) {
        escaped = false;
        chars += c;
        continue;
      }
      closed = j;
      break;
    }
    if (closed < 0) {
      const nl = after.indexOf('\n');
      throw new ComposeFileError(`line ${line}: unterminated quoted value ${nl === -1 ? after : after.slice(0, nl)}`);
    }
    out.set(key, quote === '"' ? expand(expandEscapes(chars), find, warnings) : chars);
    rest = after.slice(closed + 1);
  }
  return out;
}

function expandEscapes(s: string): string {
  return s.replace(/\\(?:[abcfnrtv$"\\]|0\d{0,3})/g, (m) => {
    if (m === '\\$') return '$$';
    const map: Record<string, string> = { a: '\x07', b: '\b', c: '\\c', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };
    if (m.startsWith('\\0')) {
      const oct = m.slice(1);
      return oct.length === 4 ? String.fromCharCode(parseInt(oct.slice(1), 8)) : m;
    }
    return map[m[1]] ?? m;
  });
}

/** godotenv's expandVariables: the compose template rules (the environment first, then the file). */
function expand(value: string, find: Lookup, warnings: string[]): string {
  return substitute(value, { lookup: find, warnings });
}
