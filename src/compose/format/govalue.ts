// Values as Go's encoders see them after compose-go's structs are filled: mappings whose entries
// are already in the order the encoder writes them (struct field order, or sorted map keys),
// and the two encoders compose uses to print them: gopkg.in/yaml.v3 (Encoder, SetIndent(2)) and
// encoding/json (MarshalIndent with two spaces).

export type GoVal =
  | { k: 'str'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'num'; v: number }
  | { k: 'null' }
  | { k: 'list'; items: GoVal[] }
  | { k: 'map'; entries: [string, GoVal][] };

export const gstr = (v: string): GoVal => ({ k: 'str', v });
export const gbool = (v: boolean): GoVal => ({ k: 'bool', v });
export const gnum = (v: number): GoVal => ({ k: 'num', v });
export const gnull: GoVal = { k: 'null' };
export const glist = (items: GoVal[]): GoVal => ({ k: 'list', items });
export const gmap = (entries: [string, GoVal][]): GoVal => ({ k: 'map', entries });

// ---------------------------------------------------------------- map key order

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => /\p{L}/u.test(c);

/** yaml.v3 keyList.Less (sorter.go): letters before other characters, digit runs by value. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]);
      continue;
    }
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return digits ? al : bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

export function yamlSortedKeys(keys: string[]): string[] {
  return [...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

/** encoding/json sorts map keys by their bytes. */
export function jsonSortedKeys(keys: string[]): string[] {
  const bytes = (s: string): number[] => [...new TextEncoder().encode(s)];
  return [...keys].sort((x, y) => {
    const a = bytes(x);
    const b = bytes(y);
    for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  });
}

// ---------------------------------------------------------------- YAML (yaml.v3)

const OLD_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/;

/** Whether yaml.v3's resolve() reads this plain scalar as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return true;
  if (['true', 'True', 'TRUE', 'false', 'False', 'FALSE'].includes(s)) return true;
  if (['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN'].includes(s)) return true;
  if (!/^[-+.0-9]/.test(s)) return false;
  if (TIMESTAMP.test(s)) return true;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0x[0-9a-fA-F]+|0o?[0-7]+|0b[01]+|[0-9]+)$/.test(plain)) return true;
  if (YAML_FLOAT.test(plain)) return true;
  return false;
}

interface ScalarInfo {
  multiline: boolean;
  blockPlain: boolean;
  flowPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

/** yaml_emitter_analyze_scalar (emitterc.go). */
function analyze(value: string): ScalarInfo {
  if (value === '') return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let tabs = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWs = true;
  let prevSpace = false;
  let prevBreak = false;
  if (value.startsWith('---') || value.startsWith('...')) {
    blockInd = true;
    flowInd = true;
  }
  const chars = [...value];
  const isBlank = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r';
  chars.forEach((c, i) => {
    const followedByWs = isBlank(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowInd = true;
        blockInd = true;
      } else if (c === '?' || c === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      } else if (c === '-' && followedByWs) {
        flowInd = true;
        blockInd = true;
      }
    } else if (',?[]{}'.includes(c)) {
      flowInd = true;
    } else if (c === ':') {
      flowInd = true;
      if (followedByWs) blockInd = true;
    } else if (c === '#' && precededByWs) {
      flowInd = true;
      blockInd = true;
    }
    const cp = c.codePointAt(0)!;
    const printable = cp === 0x0a || cp === 0x0d || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) || cp >= 0x10000;
    if (c === '\t') tabs = true;
    else if (!printable) special = true;
    const isBreak = c === '\n' || c === '\r' || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlank(c) || c === '\0';
  });
  const info: ScalarInfo = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    info.flowPlain = false;
    info.blockPlain = false;
  }
  if (trailingSpace) info.block = false;
  if (breakSpace) {
    info.flowPlain = false;
    info.blockPlain = false;
    info.singleQuoted = false;
  }
  if (spaceBreak || tabs || special) {
    info.flowPlain = false;
    info.blockPlain = false;
    info.singleQuoted = false;
  }
  if (spaceBreak || special) info.block = false;
  if (lineBreaks) {
    info.flowPlain = false;
    info.blockPlain = false;
  }
  if (flowInd) info.flowPlain = false;
  if (blockInd) info.blockPlain = false;
  return info;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    const named: Record<string, string> = { '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\u0085': '\\N', '\u00a0': '\\_', '\u2028': '\\L', '\u2029': '\\P' };
    if (named[c] !== undefined) out += named[c];
    else if (cp < 0x20 || cp === 0x7f || cp === 0xfeff || (cp >= 0xd800 && cp <= 0xdfff)) out += cp <= 0xff ? `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += c;
  }
  return out + '"';
}

/** How yaml.v3 writes a string scalar; `simpleKey` for mapping keys. */
function scalarText(s: string, indent: number, simpleKey: boolean): string {
  const canUsePlain = !resolvesToNonString(s) && !BASE60.test(s) && !OLD_BOOLS.has(s);
  const info = analyze(s);
  let style: 'plain' | 'single' | 'double' | 'literal' = s.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
  if (simpleKey && info.multiline) style = 'double';
  if (style === 'plain') {
    if (!info.blockPlain) style = 'single';
    if (s === '' && simpleKey) style = 'single';
  }
  if (style === 'single' && !info.singleQuoted) style = 'double';
  if (style === 'literal' && (!info.block || simpleKey)) style = 'double';
  switch (style) {
    case 'plain':
      return s;
    case 'single':
      return `'${s.replace(/'/g, "''")}'`;
    case 'double':
      return doubleQuoted(s);
    case 'literal':
      return literal(s, indent);
  }
}

function literal(s: string, indent: number): string {
  let hints = '';
  if (s.startsWith(' ') || s.startsWith('\n')) hints += '2';
  if (!s.endsWith('\n')) hints += '-';
  else if (s === '\n' || s.endsWith('\n\n')) hints += '+';
  const pad = ' '.repeat(indent);
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  const lines = body.split('\n').map((l) => (l === '' ? '' : pad + l));
  return `|${hints}\n${lines.join('\n')}`;
}

function scalar(v: GoVal, indent: number): string {
  switch (v.k) {
    case 'str':
      return scalarText(v.v, indent, false);
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'num':
      return goFloatString(v.v);
    case 'null':
      return 'null';
    case 'list':
      return '[]';
    case 'map':
      return '{}';
  }
}

function goFloatString(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(n);
}

const isEmptyCollection = (v: GoVal): boolean => (v.k === 'list' && v.items.length === 0) || (v.k === 'map' && v.entries.length === 0);

function emitMap(entries: [string, GoVal][], indent: number, out: string[], firstPrefix?: string): void {
  entries.forEach(([key, value], i) => {
    const pad = i === 0 && firstPrefix !== undefined ? firstPrefix : ' '.repeat(indent);
    const k = scalarText(key, indent, true);
    if ((value.k === 'map' || value.k === 'list') && !isEmptyCollection(value)) {
      out.push(`${pad}${k}:`);
      if (value.k === 'map') emitMap(value.entries, indent + 2, out);
      else emitList(value.items, indent + 2, out);
    } else {
      out.push(`${pad}${k}: ${scalar(value, indent + 2)}`);
    }
  });
}

function emitList(items: GoVal[], indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const item of items) {
    if (item.k === 'map' && item.entries.length > 0) emitMap(item.entries, indent + 2, out, `${pad}- `);
    else if (item.k === 'list' && item.items.length > 0) {
      const nested: string[] = [];
      emitList(item.items, indent + 2, nested);
      nested[0] = `${pad}- ${nested[0].trimStart()}`;
      out.push(...nested);
    } else out.push(`${pad}- ${scalar(item, indent + 2)}`);
  }
}

/** A document as yaml.v3's Encoder with SetIndent(2) writes it. */
export function encodeYaml(v: GoVal): string {
  const out: string[] = [];
  if (v.k === 'map' && v.entries.length > 0) emitMap(v.entries, 0, out);
  else if (v.k === 'list' && v.items.length > 0) emitList(v.items, 0, out);
  else out.push(scalar(v, 0));
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------- JSON (encoding/json)

function jsonString(s: string): string {
  let out = '"';
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (cp < 0x20 || c === '<' || c === '>' || c === '&' || cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return out + '"';
}

function jsonValue(v: GoVal, indent: string, out: string[]): string {
  switch (v.k) {
    case 'str':
      return jsonString(v.v);
    case 'bool':
      return v.v ? 'true' : 'false';
    case 'num':
      return goFloatString(v.v);
    case 'null':
      return 'null';
    case 'list': {
      if (v.items.length === 0) return '[]';
      const inner = indent + '  ';
      return `[\n${v.items.map((x) => inner + jsonValue(x, inner, out)).join(',\n')}\n${indent}]`;
    }
    case 'map': {
      if (v.entries.length === 0) return '{}';
      const inner = indent + '  ';
      return `{\n${v.entries.map(([k, x]) => `${inner}${jsonString(k)}: ${jsonValue(x, inner, out)}`).join(',\n')}\n${indent}}`;
    }
  }
}

/** json.MarshalIndent(v, "", "  "). */
export function encodeJson(v: GoVal): string {
  return jsonValue(v, '', []);
}
