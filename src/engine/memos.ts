// The caches of pure results the core keeps between commands: digests of texts and contents,
// flattened layer stacks, init layers, the base layer, built stand-in images, parsed scripts,
// parsed templates, arithmetic tokens, compiled patterns. Each is a function of its key alone, so emptying one never changes a result,
// only what is computed again.
//
// They live in module state, so a process that runs different code in one module graph must
// empty them between runs: Stryker's vitest runner (vitest.stryker.config.ts, isolate: false)
// activates a mutant at run time in modules imported once, and a digest or a tree cached while
// one mutant was active would otherwise answer for the next one's run (test/mutation/setup.ts
// empties them before every test file, as the fresh imports of isolated test files did).

const clears: Array<() => void> = [];

/** Register how to empty one cache (called once, at the cache's module's top level). */
export function registerMemo(clear: () => void): void {
  clears.push(clear);
}

/** Empty every registered cache. */
// Stryker disable next-line BlockStatement: the caches hold pure results, so leaving them full changes no result (test/engine/memos.test.ts)
export function clearMemos(): void {
  for (const clear of clears) clear();
}

/**
 * A registered cache of pure results by key, bounded: when it holds `limit` entries the next one
 * empties it first (a script that makes a new key at every step must not grow the process).
 */
export class BoundedMemo<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit: number) {
    registerMemo(() => this.map.clear());
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    // Stryker disable next-line all: when the memo is emptied only decides what is computed again, never a result
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
  }
}
