// Go's `json:",omitempty"`: a field templates see (`{{.State.Health}}` prints `<nil>`) but the
// JSON leaves out when it is empty.

import { GoDuration, GoNil } from '../format/value.ts';
import { apiJson, ownMarshalJSON } from '../format/json.ts';

/** An empty value that `omitempty` leaves out of the JSON. */
export function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return true;
  if (v instanceof GoNil) return true;
  if (v instanceof GoDuration) return v.ns === 0;
  if (v instanceof Map) return v.size === 0;
  return Array.isArray(v) && v.length === 0;
}

/**
 * A struct whose `omitempty` fields in `keys` are there for templates but left out of its JSON
 * when empty. A pointer field is empty only when nil (`SizeRw` 0 is printed): list those in
 * `pointers`.
 */
export function omitEmpty<T extends object>(view: T, keys: string[], pointers: string[] = [], jsonNames: Record<string, string> = {}): T {
  const omitted = (k: string, v: unknown): boolean => (keys.includes(k) && isEmpty(v)) || (pointers.includes(k) && (v === undefined || v instanceof GoNil));
  Object.defineProperty(view, 'MarshalJSON', {
    // a Go field whose json tag names it otherwise (`ID` is `"Id"`) is encoded under that name
    value: ownMarshalJSON(() => apiJson(Object.fromEntries(Object.entries(view).filter(([k, v]) => !omitted(k, v)).map(([k, v]) => [jsonNames[k] ?? k, v])))),
    enumerable: false,
    configurable: true,
  });
  return view;
}
