// The Go value model shared by the template engine, fmt-style printing and JSON encoding.
//
// Docker formats Go values (structs, maps, slices, interfaces) with text/template, fmt and
// encoding/json.  The simulator hands those layers plain JS values, mapped like this:
//
//   Go                          JS
//   ------------------------    ------------------------------------------------------------
//   string                      string, a byte string (one char per byte: fs/bytes.ts, fs/utf8.ts)
//   int, int64, uint...         number (an integer)
//   float64                     GoFloat (wrapper), or any non-integral number
//   bool                        boolean
//   nil interface (any(nil))    null          — a template prints `<no value>` (a pipeline's result is
//                                               unwrapped to the invalid value, `undefined`), fmt
//                                               `<nil>`, JSON `null`; as a function's argument it
//                                               is typed interface {} (`got interface {}`)
//   nil map                     NIL_MAP       — prints `map[]`, JSON `null`, ranges zero times
//   nil slice                   NIL_SLICE     — prints `[]`, JSON `null`
//   nil pointer                 NIL_PTR       — prints `<nil>`, JSON `null`
//   []T (non-nil)               JS array      — prints `[a b]`, JSON `[...]`
//   map[string]T (non-nil)      Map<string, GoValue> — keys sorted when printed, ranged, encoded
//   struct / *struct            any other object (plain object or class instance).  Fields are
//                               its own enumerable properties in insertion order; a property whose
//                               value is `undefined` does not exist for JSON (like `omitempty`)
//                               and is skipped by %v.  Prints `{v1 v2}`, JSON `{"F":...}`.
//   method                      a function-valued property (own or inherited from a class
//                               prototype, but not from Object.prototype).  `{{.Label "k"}}`
//                               calls it with the evaluated arguments; `{{.Name}}` with none.
//                               Methods are never printed or JSON-encoded.  Throwing an Error
//                               inside is Go's `(T, error)` failure: `error calling Label: msg`.
//   []byte                      Uint8Array    — %v `[1 2 3]`, JSON base64 string
//   json.Number                 JsonNumber    — a named string type holding a number's literal
//                                               (a decoder with UseNumber: docker/cli's raw
//                                               inspect fallback); string kind, type json.Number
//
// Optional decorations (non-enumerable, so they never show up as fields):
//   goType(obj, 'formatter.volumeContext')  names the Go type, used in error messages and %T.
//   withMethods(map, { Label: fn })         gives a Map methods (docker's SubHeaderContext is a
//                                           map[string]string with a Label method).

/** A Go float64.  Plain JS numbers are ints unless they are not integral. */
export class GoFloat {
  constructor(readonly value: number) {}
}

/**
 * encoding/json's Number: `type Number string`, the literal of a JSON number as the decoder read
 * it, when the decoder was told UseNumber. docker/cli's TemplateInspector decodes the daemon's raw
 * JSON that way when a template fails on the typed struct (cli/command/inspect/inspector.go,
 * tryRawInspectFallback), so `{{len .State.Pid}}` counts the digits. Its kind is string (len,
 * comparisons with strings, `if`), its type json.Number (`%d` is a bad verb, a function wanting a
 * string refuses it, comparing it with an int is an error), and JSON writes the literal back.
 */
export class JsonNumber {
  constructor(readonly literal: string) {}
}

/**
 * A time.Duration (int64 nanoseconds with a String method): of int kind (comparisons, `%d`, JSON
 * write the nanoseconds), printed by `{{.X}}`, `%v` and `%s` through String (`1m30s`), as Go's fmt
 * prints any Stringer. moby's HealthConfig durations are of this type.
 */
export class GoDuration {
  constructor(readonly ns: number) {}
}

/** The text of a value of string kind (kindOf): a string, or a json.Number's literal. */
export function stringValue(v: unknown): string {
  return v instanceof JsonNumber ? v.literal : (v as string);
}

export type NilKind = 'map' | 'slice' | 'pointer';

/** A typed Go nil (a nil map, slice or pointer); the untyped nil interface is plain `null`. */
export class GoNil {
  /** `type` names the Go type for messages, e.g. '*types.Health'. */
  constructor(
    readonly kind: NilKind,
    readonly type?: string,
  ) {}
}

export const NIL_MAP = new GoNil('map');
export const NIL_SLICE = new GoNil('slice');
export const NIL_PTR = new GoNil('pointer');
const NIL_STRING_MAP = new GoNil('map', 'map[string]string');

/**
 * A Go map[string]string (labels, driver options, GraphDriver.Data): typed, so that a template
 * error names its type even when it is empty (`expected []string; got map[string]string`), where
 * an untyped empty Map would be map[string]interface {}. null is the nil map of that type.
 */
export function stringMap(rec: Readonly<Record<string, string>> | null): GoValue {
  return rec === null ? NIL_STRING_MAP : goType(new Map(Object.entries(rec)), 'map[string]string');
}

/**
 * A Go slice of strings of a named type (`[]string`, the API's `strslice.StrSlice`): `%T` names it
 * and `%#v` writes it in Go syntax even when it is empty; null is the nil slice of that type.
 */
export function stringSlice(list: readonly string[] | null, type = '[]string'): GoValue {
  return list === null ? new GoNil('slice', type) : goType([...list], type);
}

/**
 * A Go set of strings: a map to empty structs (`map[string]struct {}`, the API's `nat.PortSet`),
 * keys sorted as Go prints them; null is the nil map of that type.
 */
export function stringSet(keys: readonly string[] | null, type = 'map[string]struct {}'): GoValue {
  return keys === null ? new GoNil('map', type) : goType(new Map(keys.map((k): [string, GoValue] => [k, {}])), type);
}

/** A Go method value.  Parameters are typed `never` so any concrete signature is assignable. */
export type GoFunc = (...args: never[]) => unknown;

/** A Go map with string keys. */
export type GoMap = Map<string, GoValue>;

/**
 * Any Go value.  `object` covers structs (plain objects and class instances, so callers can
 * pass interface-typed rows without casts); arrays, Maps, GoFloat, GoNil and Uint8Array are
 * objects too but are classified first by `kindOf`.
 */
export type GoValue =
  | string
  | number
  | boolean
  | null
  | GoFloat
  | GoDuration
  | GoNil
  | JsonNumber
  | GoValue[]
  | GoMap
  | Uint8Array
  | GoFunc
  | object;

export const GO_TYPE: unique symbol = Symbol('strata.goType');
export const GO_METHODS: unique symbol = Symbol('strata.goMethods');

/** Tag `obj` with a Go type name (for error messages and %T).  Returns `obj`. */
export function goType<T extends object>(obj: T, name: string): T {
  Object.defineProperty(obj, GO_TYPE, { value: name, enumerable: false, configurable: true });
  return obj;
}

/** Attach methods to a Map (a named map type with methods, like docker's SubHeaderContext). */
export function withMethods<T extends GoMap>(map: T, methods: Record<string, GoFunc>): T {
  Object.defineProperty(map, GO_METHODS, { value: methods, enumerable: false, configurable: true });
  return map;
}

export type Kind =
  | 'invalid' // null: the nil interface / a missing map entry
  | 'nil' // GoNil
  | 'string'
  | 'int'
  | 'float'
  | 'bool'
  | 'slice'
  | 'bytes'
  | 'map'
  | 'func'
  | 'struct';

export function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'invalid';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'function':
      return 'func';
    default:
      break;
  }
  if (v instanceof GoNil) return 'nil';
  if (v instanceof GoFloat) return 'float';
  if (v instanceof GoDuration) return 'int';
  if (v instanceof JsonNumber) return 'string';
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Uint8Array) return 'bytes';
  if (v instanceof Map) return 'map';
  return 'struct';
}

/** The numeric value of an int or float kind. */
export function numberOf(v: unknown): number {
  if (v instanceof GoFloat) return v.value;
  if (v instanceof GoDuration) return v.ns;
  if (typeof v === 'bigint') return Number(v);
  return v as number;
}

/** Struct fields as [name, value] pairs: own enumerable, non-function, defined properties. */
export function structFields(obj: object): [string, GoValue][] {
  const out: [string, GoValue][] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || typeof v === 'function') continue;
    out.push([k, v as GoValue]);
  }
  return out;
}

/** Look up a field or method on a struct; `undefined` when there is none. */
export function structMember(obj: object, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return (obj as Record<string, unknown>)[name];
  // Methods inherited from a class prototype, but nothing from Object.prototype.
  let proto: unknown = Object.getPrototypeOf(obj);
  while (proto !== null && proto !== Object.prototype && typeof proto === 'object') {
    if (Object.prototype.hasOwnProperty.call(proto, name)) {
      const v = (proto as Record<string, unknown>)[name];
      return typeof v === 'function' ? v : undefined;
    }
    proto = Object.getPrototypeOf(proto);
  }
  return undefined;
}

/** The map's methods attached by withMethods, if any. */
export function mapMethod(map: GoMap, name: string): GoFunc | undefined {
  const methods = (map as unknown as { [GO_METHODS]?: Record<string, GoFunc> })[GO_METHODS];
  return methods !== undefined && Object.prototype.hasOwnProperty.call(methods, name) ? methods[name] : undefined;
}

/** Map entries in Go's sorted key order. */
export function sortedEntries(map: GoMap): [string, GoValue][] {
  return [...map.entries()].sort((a, b) => compareStrings(a[0], b[0]));
}

/** Go's `<` on strings: byte-wise, and strings are byte strings here (fs/utf8.ts). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A Go type name for messages and %T. */
export function typeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid':
      return '<nil>';
    case 'nil': {
      const nil = v as GoNil;
      if (nil.type !== undefined) return nil.type;
      return nil.kind === 'map' ? 'map[string]interface {}' : nil.kind === 'slice' ? '[]interface {}' : '*struct {}';
    }
    case 'string':
      return v instanceof JsonNumber ? 'json.Number' : 'string';
    case 'int':
      return v instanceof GoDuration ? 'time.Duration' : 'int';
    case 'float':
      return 'float64';
    case 'bool':
      return 'bool';
    case 'slice': {
      const arr = v as unknown[];
      const named = (arr as { [GO_TYPE]?: string })[GO_TYPE];
      if (named !== undefined) return named;
      if (arr.length > 0 && arr.every((x) => typeof x === 'string')) return '[]string';
      return '[]interface {}';
    }
    case 'bytes':
      return '[]uint8';
    case 'map': {
      const named = (v as { [GO_TYPE]?: string })[GO_TYPE];
      if (named !== undefined) return named;
      const vals = [...(v as GoMap).values()];
      if (vals.length > 0 && vals.every((x) => typeof x === 'string')) return 'map[string]string';
      return 'map[string]interface {}';
    }
    case 'func':
      return 'func(...string) string';
    case 'struct': {
      const name = (v as { [GO_TYPE]?: string })[GO_TYPE];
      return name ?? 'struct {}';
    }
  }
}

/** Go truthiness (text/template `if`): zero values and empty collections are false. */
export function isTrue(v: unknown): boolean {
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
      return false;
    case 'string':
      return stringValue(v).length > 0;
    case 'int':
    case 'float':
      return numberOf(v) !== 0;
    case 'bool':
      return v as boolean;
    case 'slice':
      return (v as unknown[]).length > 0;
    case 'bytes':
      return (v as Uint8Array).length > 0;
    case 'map':
      return (v as GoMap).size > 0;
    case 'func':
    case 'struct':
      return true;
  }
}

/** The zero value of the element type of a map, guessed from its existing values ('' if empty). */
/**
 * The zero value of a map's element type, which `index` gives for a missing key: known from the
 * map's Go type when it is named (a decoded JSON object's element is interface {}, whose zero is
 * nil), else guessed from an element.
 */
export function zeroElem(map: GoMap): GoValue {
  const named = (map as { [GO_TYPE]?: string })[GO_TYPE];
  if (named === 'map[string]interface {}') return null;
  if (named === 'map[string]string') return '';
  for (const v of map.values()) return zeroOf(v);
  return '';
}

export function zeroOf(v: unknown): GoValue {
  switch (kindOf(v)) {
    case 'string':
      return '';
    case 'int':
      return 0;
    case 'float':
      return new GoFloat(0);
    case 'bool':
      return false;
    case 'slice':
    case 'bytes':
      return NIL_SLICE;
    case 'map':
      return NIL_MAP;
    default:
      return null;
  }
}
