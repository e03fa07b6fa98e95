// The size of V8's young generation during a `strata check` (issue #10: a page checked in well
// under a second of CPU).
//
// V8 starts its young generation (the two semi-spaces new objects are made in) at 1 MB each and
// doubles them, up to 16 MB, as objects survive its scavenges (`--semi-space-growth-factor`, 2).
// Checking one page, a process makes its long-lived data early (the code cache, stand-in images,
// stored scripts), so the young generation grows at once, and every page it grows into is
// memory the process touches for the first time: a page fault, which this kind of virtual machine
// charges dearly. Kept at 1 MB (a factor of 1: it never grows), scavenges are more frequent but
// each is small and stays in the processor's cache, and survivors reach the old generation
// sooner. Measured side by side (user + system CPU of `strata check` of one tutorial page, a
// normal install's environment, 10 runs each way, alternating, at a load of ~18): page 002
// 810 -> 760 ms (medians; minimums 750 -> 669), page fault count 13,645 -> 9,367; page 001
// 680 -> 650 ms, 11,753 -> 8,587 faults. Valgrind counts a few percent more instructions (the
// scavenges), which the caches and the faults more than pay for.
//
// A long run is the other way round: checking every recorded scenario in one process cost 27 %
// more CPU with the young generation kept small (scavenges many times more frequent over a heap
// of ~100 MB, and objects promoted that a larger one would have let die). So only the first file
// of a check runs with it small; from the second file on it grows as V8 would.
//
// The flag is read by V8 at each scavenge (setting it needs no restart and does not touch what
// the code cache was made under).

import { setFlagsFromString } from 'node:v8';

/** V8's default growth factor (V8 11.3, Node 20; unchanged in V8 12, Node 22). */
const DEFAULT_GROWTH = 2;

/** Keep the young generation at its size now (the first file of a check). */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** Let the young generation grow as V8 does by default (the files after the first). */
export function letYoungGenerationGrow(): void {
  setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH}`);
}
