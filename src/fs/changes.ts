// A count of the changes made to the simulated file systems, for caches of what a lookup found
// (the shell's PATH search: shell/programs.ts): a cache taken at one count is true while the count
// is the same. Bumped by every write of a namespace (namespace.ts, whatever its backend: a
// directory made writable for a change, a mount's root changed in place) and by every change to a
// directory's entries (node.ts setEntry, removeEntry, clearEntries, entryToChange), and by the
// shell where code outside it runs (shell/index.ts, shell/programs.ts: the engine may change a
// tree in place there, as a container's start copies an image's directory into a volume).
//
// One count for every file system: a change anywhere makes every cache stale, which costs a
// lookup again, never a wrong answer.

let count = 0;

/** The number of changes so far: equal counts, the same files everywhere. */
export function fsChanges(): number {
  return count;
}

/** A file system changed, or may have (code that changes trees without saying so ran). */
export function fsChanged(): void {
  count++;
}
