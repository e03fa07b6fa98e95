// Go encoding/json for the value model in value.ts, plus json.Indent.

import { formatFloat } from './fmt.ts';
import { base64Encode, toBytes } from '../../fs/bytes.ts';
import { RUNE_ERROR, decodeRune } from '../../fs/utf8.ts';
import { type GoMap, JsonNumber, kindOf, numberOf, sortedEntries, structFields, structMember } from './value.ts';

export interface JsonOptions {
  /**
   * Escape `<`, `>` and `&` as \u003c \u003e \u0026 (json.Marshal's default: true).  Docker's
   * template `json` function and the daemon's API responses use SetEscapeHTML(false).
   */
  escapeHTML?: boolean;
}

/** Thrown for values Go's encoder rejects (NaN, ±Inf): `json: unsupported value: NaN`. */
export class JsonError extends Error {}

const HEX = '0123456789abcdef';

/**
 * A Go JSON string literal of a byte string (encoding/json's appendString, Go 1.22+): ASCII
 * escapes as Go writes them, U+2028 and U+2029 escaped, an invalid UTF-8 byte as \ufffd, every
 * other rune kept as its bytes.
 */
export function jsonString(s: string, escapeHTML = true): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    let size = 1;
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c && !(escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26))) {
        i++;
        continue;
      }
      switch (c) {
        case 0x22:
          esc = '\\"';
          break;
        case 0x5c:
          esc = '\\\\';
          break;
        case 0x08:
          esc = '\\b';
          break;
        case 0x0c:
          esc = '\\f';
          break;
        case 0x0a:
          esc = '\\n';
          break;
        case 0x0d:
          esc = '\\r';
          break;
        case 0x09:
          esc = '\\t';
          break;
        default:
          esc = '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
      }
    } else {
      const r = decodeRune(s, i);
      size = r.size;
      if (r.cp === RUNE_ERROR && r.size === 1) esc = '\\ufffd';
      else if (r.cp === 0x2028 || r.cp === 0x2029) esc = '\\u' + r.cp.toString(16);
      else {
        i += size;
        continue;
      }
    }
    out += s.slice(start, i) + esc;
    i += size;
    start = i;
  }
  return out + s.slice(start) + '"';
}

/**
 * JSON.parse of JSON that Go wrote over byte strings, strings kept as byte strings: a char above
 * 0xff can only come from a \uXXXX escape (\ufffd, \u2028, \u2029: Go escapes nothing else
 * above 0x7f), so it becomes its UTF-8 bytes; every other char is already a byte.
 */
export function parseJsonBytes(text: string): unknown {
  return JSON.parse(text, (_k, v: unknown) => (typeof v === 'string' ? unescapedBytes(v) : v));
}

/** A string JSON.parse returned, as the byte string Go decodes (see parseJsonBytes); also for keys. */
export function unescapedBytes(s: string): string {
  return s.replace(/[^\x00-\xff]+/g, toBytes);
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new JsonError(`json: unsupported value: ${formatFloat(f, 'g', -1)}`);
  const abs = Math.abs(f);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    let s = formatFloat(f, 'e', -1);
    const n = s.length;
    // clean up e-09 to e-9
    if (n >= 4 && s[n - 4] === 'e' && s[n - 3] === '-' && s[n - 2] === '0') s = s.slice(0, n - 2) + s[n - 1];
    return s;
  }
  return formatFloat(f, 'f', -1);
}

/**
 * MarshalJSON methods that return this encoder's own text (ownMarshalJSON): compact by
 * construction, since encode writes no whitespace outside strings (a JsonNumber's literal is a
 * number's String). json.Compact of it is the same text, so the encoder skips it: a view nested
 * in views (docker inspect's HostConfig, Config, NetworkSettings in the container's) had its text
 * scanned again at every level.
 */
const ownMarshalers = new WeakSet<object>();

/** A MarshalJSON method returning apiJson or goJson of a value (see ownMarshalers). */
export function ownMarshalJSON(marshal: () => string): () => string {
  ownMarshalers.add(marshal);
  return marshal;
}

function encode(v: unknown, escapeHTML: boolean): string {
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
    case 'func':
      return 'null';
    case 'string':
      // A json.Number is written as its literal (encoding/json: Number's String, unquoted).
      return v instanceof JsonNumber ? v.literal : jsonString(v as string, escapeHTML);
    case 'int':
      return String(numberOf(v));
    case 'float':
      return jsonFloat(numberOf(v));
    case 'bool':
      return (v as boolean) ? 'true' : 'false';
    case 'slice':
      return '[' + (v as unknown[]).map((x) => encode(x, escapeHTML)).join(',') + ']';
    case 'bytes':
      return '"' + base64Encode(v as Uint8Array) + '"';
    case 'map':
      return (
        '{' +
        sortedEntries(v as GoMap)
          .map(([k, x]) => jsonString(k, escapeHTML) + ':' + encode(x, escapeHTML))
          .join(',') +
        '}'
      );
    case 'struct': {
      const marshal = structMember(v as object, 'MarshalJSON');
      if (typeof marshal === 'function') {
        const text = String((marshal as () => unknown).call(v));
        // Go compacts what a MarshalJSON returns; this encoder's own text is compact already
        return ownMarshalers.has(marshal) ? text : compactJson(text);
      }
      return (
        '{' +
        structFields(v as object)
          .map(([k, x]) => jsonString(k, escapeHTML) + ':' + encode(x, escapeHTML))
          .join(',') +
        '}'
      );
    }
  }
}

/** json.Marshal: compact Go JSON (no trailing newline). */
export function goJson(value: unknown, options: JsonOptions = {}): string {
  return encode(value, options.escapeHTML ?? true);
}

/**
 * The daemon's JSON (moby httputils.WriteJSON uses SetEscapeHTML(false)), minus the trailing
 * newline.  `docker inspect` without --format prints indentJson('[' + these joined by ',' + ']').
 */
export function apiJson(value: unknown): string {
  return encode(value, false);
}

/** json.MarshalIndent(value, prefix, indent). */
export function marshalIndent(value: unknown, indent = '    ', prefix = '', options: JsonOptions = {}): string {
  return indentJson(goJson(value, options), indent, prefix);
}

/**
 * json.Indent(dst, src, prefix, indent): re-indent JSON text.  Whitespace between tokens is
 * dropped (leading whitespace too), trailing whitespace after the value is kept, and empty
 * objects/arrays stay `{}` / `[]`.  Throws a JsonError on unbalanced input.
 */
export function indentJson(src: string, indent = '    ', prefix = ''): string {
  let out = '';
  let depth = 0;
  let needIndent = false;
  let inString = false;
  let started = false;
  let ended = false;
  // Strings and runs are copied whole, never a character at a time: `docker inspect` printed
  // ~6 KB this way, as thousands of one-character concatenations (200 KB allocated each time).
  const newlines: string[] = [];
  const newline = (d: number): string => (newlines[d] ??= '\n' + prefix + indent.repeat(d));
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    const space = c === ' ' || c === '\t' || c === '\n' || c === '\r';
    if (ended) {
      if (!space) throw new JsonError(`invalid character '${c}' after top-level value`);
      out += c;
      continue;
    }
    if (space) continue;
    if (needIndent && c !== '}' && c !== ']') {
      needIndent = false;
      depth++;
      out += newline(depth);
    }
    started = true;
    switch (c) {
      case '{':
      case '[':
        needIndent = true;
        out += c;
        break;
      case ',':
        out += c + newline(depth);
        break;
      case ':':
        out += ': ';
        break;
      case '}':
      case ']':
        if (needIndent) {
          needIndent = false;
        } else {
          if (depth === 0) throw new JsonError(`invalid character '${c}' looking for beginning of value`);
          depth--;
          out += newline(depth);
        }
        out += c;
        if (depth === 0) ended = true;
        break;
      case '"': {
        const end = stringEnd(src, i);
        if (end < 0) {
          // unterminated: the rest is the string (an error below)
          out += src.slice(i);
          inString = true;
          i = src.length;
        } else {
          out += src.slice(i, end);
          if (depth === 0) ended = true;
          i = end - 1;
        }
        break;
      }
      default: {
        // literals and numbers: copy the run
        let j = i;
        while (j < src.length && !' \t\n\r,:]}'.includes(src[j])) j++;
        out += src.slice(i, j);
        i = j - 1;
        if (depth === 0 && !needIndent) ended = true;
      }
    }
  }
  if (!started || inString || depth !== 0 || needIndent) throw new JsonError('unexpected end of JSON input');
  return out;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Where the string token that opens at `src[start]` (a quote) ends: the index after its closing
 * quote, or -1 when it runs to the end of src unclosed (a backslash escapes the character after it).
 */
function stringEnd(src: string, start: number): number {
  let i = start + 1;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else {
      i++;
      if (c === QUOTE) return i;
    }
  }
  return -1;
}

/**
 * json.Compact: drop insignificant whitespace (the encoder does this to MarshalJSON output).
 * The runs between whitespace are copied whole (see indentJson).
 */
export function compactJson(src: string): string {
  let out = '';
  let start = 0;
  let i = 0;
  while (i < src.length) {
    const c = src.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(src, i);
      if (end < 0) break;
      i = end;
    } else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      out += src.slice(start, i);
      start = ++i;
    } else i++;
  }
  return out + src.slice(start);
}

/**
 * docker/cli formatter.MarshalJSON: a list command's row (a formatter context: ContainerContext,
 * imageContext, volumeContext, ...) marshals as the map of each exported method without arguments
 * to what it returns (marshalMap), so `{{json .}}` and `--format json` print its fields sorted by
 * name, as strings, with json.Marshal's HTML escaping (`\u003cnone\u003e`); a method with
 * arguments (`Label`) is left out (recorded: inspect/format-json-rows). Returns `row`.
 */
export function asFormatterContext<T extends object>(row: T): T {
  // a Go map: the encoder writes its keys sorted
  const marshal = ownMarshalJSON((): string => goJson(new Map(structFields(row))));
  Object.defineProperty(row, 'MarshalJSON', { value: marshal, enumerable: false, configurable: true });
  return row;
}
