// Reading the engine state inside a command's immer draft without drafting what is only read.
//
// Every command runs in one immer draft of the whole state. Reading `o[key]` through a draft
// makes a draft of the value (a proxy, finalized at the end of the command) and a copy of `o` on
// the way (immer's get trap prepares a copy of the parent), so a lookup that only reads would
// cost as much as a change. What a draft reads from is its state's `copy_` once it has one, else
// its `base_` (immer's own `latest`): the value there is the base state's object, or the draft
// this command already made of it, which is exactly what immer's getOwnPropertyDescriptor trap
// gives. Taking that object once costs one trap call; the descriptor costs a trap call and two
// allocated descriptors per property read, which was a tenth of the engine's time on the
// recorded corpus (every path component of every lookup read a node and its entries so).
//
// immer keeps its state under the registered symbol `immer-state` with these two fields in every
// version since 7; test/fs/peek.test.ts checks them against the descriptor read, so an upgrade
// that changes them fails there and not silently.

const IMMER_STATE = Symbol.for('immer-state');

interface DraftState {
  copy_?: object | null;
  base_: object;
}

/**
 * What `o` reads from as it stands: `o` itself when it is not an immer draft, else the object its
 * draft reads from (its copy, or its base before any change). Only read it: a change made to it
 * would bypass the draft (or reach an earlier state).
 */
export function asItStands<T extends object>(o: T): T {
  const s = (o as { [IMMER_STATE]?: DraftState })[IMMER_STATE];
  return s === undefined ? o : ((s.copy_ || s.base_) as T);
}

const hasOwn = (o: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, key);

/** An own property of `o` as it stands, drafting nothing (undefined when absent). */
export function peekOwn<O extends object, K extends keyof O>(o: O, key: K): O[K] | undefined {
  const src = asItStands(o);
  return hasOwn(src, key) ? src[key] : undefined;
}
