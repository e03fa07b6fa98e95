// Reading a compose file as compose does: go-yaml v3 (gopkg.in/yaml.v3) decoding into Go's
// `interface{}`, then compose-go's convertToStringKeysRecursive (loader/loader.go). The `yaml`
// package parses; this file walks its nodes itself so that what go-yaml decides is decided the
// same way here: aliases and merge keys (`<<`), YAML 1.1 octals that v3 still reads (`0755`),
// duplicate keys, non-string keys, and go-yaml's own words and line numbers for syntax errors.

import { fromBytes, toBytes } from '../fs/bytes.ts';
import { BoundedMemo } from '../engine/memos.ts';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, Scalar, type Document, type Node } from 'yaml';

/** A decoded YAML value, as compose-go holds it (`map[string]any`, `[]any`, scalars). */
export type YamlValue = string | number | boolean | null | YamlValue[] | YamlMap;

/** A mapping. Created with a null prototype: keys are data (`__proto__` is a service name like any other). */
export interface YamlMap {
  [key: string]: YamlValue;
}

export function newMap(): YamlMap {
  return Object.create(null) as YamlMap;
}

export function isYamlMap(v: YamlValue | undefined): v is YamlMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A failure to read the file, in compose's words (exit 15, compose's ComposeParseFailure). */
export class YamlError extends Error {}

/**
 * A construct strata does not read (a custom tag such as compose-go's `!reset`): refused by name
 * rather than read some other way.
 */
export class YamlUnsupported extends Error {}

interface Walk {
  doc: Document.Parsed;
  lines: LineCounter;
  /** Anchors defined so far, in document order (go-yaml resolves an alias to the latest one). */
  anchors: Map<string, YamlValue>;
  /** Anchors whose node is being decoded: an alias to one of them is a cycle. */
  open: Set<string>;
}

/**
 * Every document of a file, decoded (an empty file has none). The file and every string decoded
 * from it are byte strings, as go-yaml's Go strings are (fs/utf8.ts); the `yaml` package reads
 * the text they encode.
 */
export function parseYamlDocuments(bytes: string): YamlValue[] {
  const known = decodedFiles.get(bytes);
  if (known !== undefined) return copyOf(known, new Map()) as YamlValue[];
  const docs = decodeDocuments(bytes);
  decodedFiles.set(bytes, copyOf(docs, new Map()) as YamlValue[]);
  return docs;
}

/**
 * Files decoded before, by their bytes (a pure function of them): a scenario's compose file is
 * decoded again at every `docker compose` command, and the same file in the scenarios of each
 * engine. Kept as a copy no caller holds, and handed out as a copy, since the model's pass
 * changes the documents it is given (model/load.ts). Failures are not kept: they throw again.
 */
const decodedFiles = new BoundedMemo<string, YamlValue[]>(64);

/**
 * A deep copy of decoded documents, as decode made them: the same own properties with the same
 * attributes (a mapping's null prototype, its hidden NON_STRING_KEY), and a value reached twice
 * (an alias: decode shares its anchor's value) copied once and shared the same way.
 */
function copyOf(v: YamlValue | YamlValue[], copies: Map<object, object>): YamlValue | YamlValue[] {
  if (typeof v !== 'object' || v === null) return v;
  const done = copies.get(v);
  if (done !== undefined) return done as YamlValue;
  const copy = (Array.isArray(v) ? [] : Object.create(Object.getPrototypeOf(v) as object | null)) as Record<PropertyKey, unknown>;
  copies.set(v, copy);
  const from = v as unknown as Record<PropertyKey, YamlValue>;
  for (const key of Reflect.ownKeys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, key)!;
    if (Array.isArray(v) && key === 'length') continue;
    if (d.enumerable === true && d.writable === true && d.configurable === true) copy[key] = copyOf(from[key], copies);
    else Object.defineProperty(copy, key, { ...d, value: copyOf(d.value as YamlValue, copies) });
  }
  return copy as unknown as YamlValue;
}

function decodeDocuments(bytes: string): YamlValue[] {
  const text = fromBytes(bytes);
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, merge: false, uniqueKeys: false, strict: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: YamlValue[] = [];
  for (const doc of list) {
    if (doc.errors.length > 0) throw new YamlError(toBytes(syntaxError(text, lines, doc)));
    // A document of only comments or `---` decodes to nothing (go-yaml: io.EOF, or a nil value).
    if (doc.contents === null) continue;
    const walk: Walk = { doc, lines, anchors: new Map(), open: new Set() };
    out.push(decode(walk, doc.contents));
  }
  return out;
}

function lineOf(lines: LineCounter, offset: number): number {
  return lines.linePos(offset).line;
}

function decode(w: Walk, node: Node | null): YamlValue {
  if (node === null) return null;
  let value: YamlValue;
  if (isAlias(node)) {
    const target = w.anchors.get(node.source);
    if (target === undefined) throw new YamlError(`yaml: unknown anchor '${toBytes(node.source)}' referenced`);
    // go-yaml refuses an alias inside its own anchor's value (decode.go)
    if (w.open.has(node.source)) throw new YamlError(`yaml: anchor '${toBytes(node.source)}' value contains itself`);
    return target;
  }
  if (isScalar(node)) {
    value = scalar(node);
  } else if (isSeq(node)) {
    const list: YamlValue[] = [];
    value = list;
    if (node.anchor) {
      w.anchors.set(node.anchor, list);
      w.open.add(node.anchor);
    }
    for (const item of node.items) list.push(decode(w, item as Node | null));
    if (node.anchor) w.open.delete(node.anchor);
    return list;
  } else if (isMap(node)) {
    const map = newMap();
    if (node.anchor) {
      w.anchors.set(node.anchor, map);
      w.open.add(node.anchor);
    }
    decodeMap(w, node.items, map);
    if (node.anchor) w.open.delete(node.anchor);
    return map;
  } else {
    throw new YamlUnsupported('strata does not read this YAML node');
  }
  if (node.anchor) w.anchors.set(node.anchor, value);
  return value;
}

/** A key as go-yaml decodes it: a string, or a number/bool/null that compose then refuses. */
type Key = { kind: 'string'; value: string } | { kind: 'other'; text: string } | { kind: 'merge' };

function keyOf(node: unknown): Key {
  if (isScalar(node)) {
    if (node.type === 'PLAIN' && node.source === '<<' && !node.tag) return { kind: 'merge' };
    const v = scalar(node);
    if (typeof v === 'string') return { kind: 'string', value: v };
    // compose-go formats the key with %#v: 1, true, 1.5, <nil>.
    return { kind: 'other', text: v === null ? '<nil>' : String(v) };
  }
  // A mapping or a list as a key: go-yaml decodes it into a Go map key it cannot hash.
  throw new YamlUnsupported('strata does not read a mapping or a list used as a YAML key');
}

/** Keys of a mapping that are not strings: compose-go refuses them once decoded (formatInvalidKeyError). */
export const NON_STRING_KEY = Symbol('non-string key');

interface NonStringKeys {
  [NON_STRING_KEY]?: string;
}

function decodeMap(w: Walk, items: unknown[], map: YamlMap): void {
  const seenAt = new Map<string, number>();
  const merged: YamlMap[] = [];
  for (const item of items) {
    if (!isPair(item)) continue;
    const key = keyOf(item.key);
    const value = decode(w, item.value as Node | null);
    if (key.kind === 'merge') {
      // go-yaml's merge: a mapping, or a list of mappings (earlier ones win); explicit keys of
      // this mapping win over merged ones wherever they appear.
      const sources = Array.isArray(value) ? value : [value];
      for (const s of sources) {
        if (!isYamlMap(s)) throw new YamlError('yaml: map merge requires map or sequence of maps as the value');
        merged.push(s);
      }
      continue;
    }
    if (key.kind === 'other') {
      // Remember the first one: compose-go reports it after decoding (convertToStringKeysRecursive).
      const holder = map as unknown as NonStringKeys;
      if (holder[NON_STRING_KEY] === undefined) Object.defineProperty(map, NON_STRING_KEY, { value: key.text, enumerable: false });
      continue;
    }
    const line = isScalar(item.key) && item.key.range ? lineOf(w.lines, item.key.range[0]) : 0;
    const previous = seenAt.get(key.value);
    if (previous !== undefined) {
      throw new YamlError(`yaml: unmarshal errors:\n  line ${line}: mapping key ${JSON.stringify(key.value)} already defined at line ${previous}`);
    }
    seenAt.set(key.value, line);
    map[key.value] = value;
  }
  for (const source of merged) {
    for (const [k, v] of Object.entries(source)) if (!(k in map)) map[k] = v;
  }
}

/** The non-string key a decoded mapping held, if any (see NON_STRING_KEY). */
export function nonStringKey(map: YamlMap): string | undefined {
  return (map as unknown as NonStringKeys)[NON_STRING_KEY];
}

function scalar(node: Scalar): YamlValue {
  if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) {
    throw new YamlUnsupported(`strata does not read the YAML tag ${node.tag}`);
  }
  const v = node.value;
  if (node.type === 'PLAIN' && !node.tag && typeof node.source === 'string') {
    const src = node.source;
    // go-yaml v3 still reads YAML 1.1 octals (0755) and underscores in numbers (resolve.go).
    if (/^[-+]?0[0-7]+$/.test(src)) return parseInt(src, 8);
    if (/^[-+]?[0-9][0-9_]*$/.test(src) && src.includes('_')) return Number(src.replace(/_/g, ''));
  }
  if (typeof v === 'string') return toBytes(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  if (typeof v === 'bigint') return Number(v);
  return toBytes(String(v));
}

/**
 * go-yaml's words for a syntax error. go-yaml prints the 0-based line of the construct being
 * parsed for parser errors and the 1-based line for scanner errors (yaml.v3 yaml.go, parser.fail);
 * the `yaml` package's error tells which construct failed, and the text where it began.
 */
function syntaxError(text: string, lines: LineCounter, doc: Document.Parsed): string {
  const codes = doc.errors.map((e) => e.code);
  const first = doc.errors[0];
  const multiline = doc.errors.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY');
  const at = (offset: number): number => lineOf(lines, offset);
  if (codes.includes('TAB_AS_INDENT')) {
    return `yaml: line ${at(doc.errors.find((e) => e.code === 'TAB_AS_INDENT')!.pos[0])}: found character that cannot start any token`;
  }
  const blockKey = doc.errors.find((e) => e.code === 'BLOCK_AS_IMPLICIT_KEY');
  if (blockKey && /Nested mappings/.test(blockKey.message)) {
    const pos = multiline ? multiline.pos[1] - 1 : blockKey.pos[0];
    return `yaml: line ${at(pos)}: mapping values are not allowed in this context`;
  }
  if (first.code === 'MULTILINE_IMPLICIT_KEY' && /mapping|:/.test(text.slice(first.pos[0], first.pos[1]))) {
    return `yaml: line ${at(first.pos[1] - 1)}: mapping values are not allowed in this context`;
  }
  if (first.code === 'MISSING_CHAR' && /closing ("|')quote/.test(first.message)) {
    const quote = /closing (["'])quote/.exec(first.message)![1];
    const start = text.lastIndexOf(quote, first.pos[0] - 1);
    return `yaml: line ${at(Math.max(start, 0))}: found unexpected end of stream`;
  }
  if (first.code === 'BAD_INDENT' && /^Flow (sequence|map)/.test(first.message)) {
    const seq = first.message.startsWith('Flow sequence');
    const start = unclosed(text, first.pos[0], seq ? '[' : '{', seq ? ']' : '}');
    return `yaml: line ${at(start) - 1}: did not find expected ',' or '${seq ? ']' : '}'}'`;
  }
  if (first.code === 'BAD_INDENT' && /same column/.test(first.message)) {
    return `yaml: line ${blockMappingStart(text, at(first.pos[0]))}: did not find expected key`;
  }
  throw new YamlUnsupported(`strata does not reproduce go-yaml's message for this YAML error: ${first.message.split('\n')[0]}`);
}

/** The offset of the last `open` before `end` that is not closed before it. */
function unclosed(text: string, end: number, open: string, close: string): number {
  let depth = 0;
  for (let i = end - 1; i >= 0; i--) {
    if (text[i] === close) depth++;
    else if (text[i] === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return 0;
}

/**
 * For a line indented deeper than its mapping's items but less than the item before it: the
 * 0-based line where the enclosing block mapping (the one with less indentation) starts, which
 * go-yaml names in "did not find expected key".
 */
function blockMappingStart(text: string, badLine: number): number {
  const all = text.split('\n');
  const indent = (s: string): number => s.length - s.trimStart().length;
  const blank = (s: string): boolean => s.trim() === '' || s.trimStart().startsWith('#');
  const n = indent(all[badLine - 1] ?? '');
  let i = badLine - 2;
  while (i >= 0 && (blank(all[i]) || indent(all[i]) >= n)) i--;
  if (i < 0) return 0;
  const m = indent(all[i]);
  let start = i;
  for (let j = i - 1; j >= 0; j--) {
    if (blank(all[j])) continue;
    if (indent(all[j]) < m) break;
    if (indent(all[j]) === m) start = j;
  }
  return start;
}
