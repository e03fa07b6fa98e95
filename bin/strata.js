#!/usr/bin/env node
// Runs the bundled CLI (dist/cli.cjs, made by `npm ci` / `npm run build`) with plain node and
// V8's code cache, so that starting strata costs little more than starting node. When the
// bundle is missing, or older than a source file (a checkout being worked on), it runs the
// TypeScript sources through tsx instead, so that what runs is always what the sources say.
// CommonJS (bin/package.json): an ES module entry costs node its ESM loader, ~10 ms of every start.
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');
const { V8_FLAGS } = require('./v8-flags.js');

const root = join(__dirname, '..');
const bundle = join(root, 'dist', 'cli.cjs');

/**
 * The newest modification time of the files under dir (0 when it does not exist). Paths are
 * joined by hand: path.join, normalizing each of the ~300 paths in code not yet compiled, was
 * most of this check's cost, which every command pays.
 */
function newest(dir) {
  let t = 0;
  let names;
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of names) {
    const p = dir + '/' + e.name;
    const m = e.isDirectory() ? newest(p) : statSync(p).mtimeMs;
    if (m > t) t = m;
  }
  return t;
}

function fresh() {
  if (!existsSync(bundle)) return false;
  return statSync(bundle).mtimeMs >= newest(join(root, 'src'));
}

for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);

let main;
/** What became of dist/cli.cache: used, rejected (another V8, or other flags) or none. */
let cache = 'none';
if (fresh()) {
  // A command (`strata check page.md`) loads the cache warmed by running the CLI
  // (scripts/build.mjs); bare `strata`, --help and --version the small one, which is all they run.
  const command = process.argv.slice(2).some((a) => !a.startsWith('-'));
  const cacheFile = join(root, 'dist', command ? 'cli-run.cache' : 'cli.cache');
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  // The same wrapper and file name as the build used for the cache; a rejected cache (another
  // V8) only costs the compile.
  // The bundle is ASCII (scripts/build.mjs checks it), so latin1 reads the same text: a string
  // this large then stays outside V8's heap, uncopied (~8 ms of every start, against utf8).
  const script = new vm.Script(Module.wrap(readFileSync(bundle, 'latin1')), { filename: bundle, cachedData });
  cache = cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, dirname(bundle));
  main = module.exports;
  run(main);
} else {
  // (a checkout being worked on: tsx compiles the sources; an ES module, imported)
  import('tsx/esm/api')
    .then(({ register }) => {
      register();
      return import('../src/cli/main.ts');
    })
    .then(run);
}

function run(cli) {
  // STRATA_BIN_DEBUG=1: say which one runs and whether the code cache served (a test checks that a
  // fresh bundle is used, with its cache).
  if (process.env.STRATA_BIN_DEBUG === '1') process.stderr.write(`strata: running ${fresh() ? `dist/cli.cjs (code cache: ${cache})` : 'src through tsx'}\n`);
  cli.guardStdio();
  process.exitCode = cli.main(process.argv);
}
