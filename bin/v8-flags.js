// V8 flags for the CLI's engine, set before its bundle (dist/engine.cjs) is compiled, by
// bin/bundle.js: when bin/strata.js runs a verb, and when scripts/build.mjs makes the code cache (V8
// rejects a cache made under other flags that affect code generation, and this one does). Bare
// `strata`, --help and usage errors never load the engine, nor node:v8 to set them.
//
// --interrupt-budget: how much bytecode a function runs before V8 considers optimizing it
// (Node 20's V8 11.3: 66 KB). A strata run is short and runs a great deal of distinct code a
// few times (the shell interpreting a stand-in's entrypoint, the builder, the formatters), so
// at the default V8 spent more time optimizing (and deoptimizing) than the optimized code saved:
// checking scenarios/tutorials/002 cost ~1.05 s CPU at the default and ~0.7 s at 400 KB, and a
// whole-corpus check less too (`npm run bench`, process group). Long runs lose nothing
// measurable: a function that stays hot is still optimized, a little later.
exports.V8_FLAGS = ['--interrupt-budget=409600'];
