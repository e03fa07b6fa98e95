// Reading the state inside a command's draft without drafting what is only read.
//
// Reading an object through an immer draft makes a draft of it (a proxy, finalized at the end
// of the command), so a scan of every container to find one by name made a thousand drafts per
// command. A property descriptor read through the draft gives the current value as it stands,
// the base state's object or the draft this command already made of it, and drafts nothing
// (immer's getOwnPropertyDescriptor trap). Whatever is to be changed is then taken through the
// draft by its key.

import { isDraft } from 'immer';

/** The values of a record in key order, as they stand now, without drafting them: only read them. */
export function peekValues<T>(record: Record<string, T>): T[] {
  if (!isDraft(record)) return Object.values(record);
  const out: T[] = [];
  for (const key of Object.keys(record)) out.push(Object.getOwnPropertyDescriptor(record, key)!.value as T);
  return out;
}

/** The keys of a record whose current value passes `test` (values only read, as in peekValues). */
export function peekKeys<T>(record: Record<string, T>, test: (value: T) => boolean): string[] {
  const draft = isDraft(record);
  const out: string[] = [];
  for (const key of Object.keys(record)) {
    const value = draft ? (Object.getOwnPropertyDescriptor(record, key)!.value as T) : record[key];
    if (test(value)) out.push(key);
  }
  return out;
}
