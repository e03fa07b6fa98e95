// Loading a bundle of dist/ (scripts/build.mjs) as node's require would, but compiled with V8's code
// cache: bin/strata.js runs the CLI so, and scripts/build.mjs makes the caches so (V8 takes a cache
// only for the same source under the same wrapper, file name and flags).
//
// The CLI is two bundles: dist/cli.cjs, the program (its verbs, options, help and usage errors:
// src/cli/main.ts), and dist/engine.cjs, the verbs' work (src/cli/commands.ts: the simulator), which
// cli.cjs requires as './engine.cjs' when a verb runs. `strata --help`, `--version` and an argument
// error load only the first.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

/**
 * Compiles and runs the CommonJS bundle `file` with the code cache in `cacheFile` (none if it does
 * not exist), its `require` being `require`. Returns its exports, the compiled script (to make a
 * cache from) and what became of the cache: used, rejected (another V8, or other flags) or none.
 */
function loadBundle(file, cacheFile, require) {
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The bundle is ASCII (scripts/build.mjs checks it), so latin1 reads the same text: a string
  // this large then stays outside V8's heap, uncopied (~8 ms of every start, against utf8). The
  // file holds its own CommonJS wrapper (scripts/build.mjs), so that V8 compiles that string as it
  // is: wrapping it here (Module.wrap) made a concatenation V8 copied into its heap.
  const script = new vm.Script(readFileSync(file, 'latin1'), { filename: file, cachedData });
  const cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} };
  // (the script's value is the wrapper function, which node's require would call so)
  script.runInThisContext()(module.exports, require, module, file, dirname(file));
  return { exports: module.exports, script, cache };
}

/**
 * Loads dist/cli.cjs (with dist/cli.cache), whose require of './engine.cjs' loads dist/engine.cjs
 * (with dist/engine.cache) through `beforeEngine()` first (bin/strata.js checks there that the
 * engine is not older than the sources) and `loaded(bundle)` after. Returns the CLI's bundle; the
 * engine's is `engine()`, undefined until a verb has run.
 */
function loadCli(dist, hooks = {}) {
  const cliFile = join(dist, 'cli.cjs');
  const engineFile = join(dist, 'engine.cjs');
  let engine;
  const cliRequire = Module.createRequire(cliFile);
  // (the CLI's require: ./engine.cjs is the engine's bundle, loaded here, anything else as usual)
  const requireForCli = (id) => {
    if (id !== './engine.cjs') return cliRequire(id);
    if (engine === undefined) {
      if (hooks.beforeEngine) hooks.beforeEngine();
      // The engine's V8 flags, set only now: node:v8 costs ~10 M instructions to load (12 % of
      // `node -e 0`), which --help does without. V8 takes a code cache only under the flags it was
      // made under: dist/cli.cache is made without them, dist/engine.cache with them.
      const v8 = require('node:v8');
      for (const flag of require('./v8-flags.js').V8_FLAGS) v8.setFlagsFromString(flag);
      engine = loadBundle(engineFile, join(dist, 'engine.cache'), Module.createRequire(engineFile));
      if (hooks.loaded) hooks.loaded('engine.cjs', engine);
    }
    return engine.exports;
  };
  const cli = loadBundle(cliFile, join(dist, 'cli.cache'), requireForCli);
  if (hooks.loaded) hooks.loaded('cli.cjs', cli);
  return { cli, engine: () => engine };
}

module.exports = { loadBundle, loadCli };
