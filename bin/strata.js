#!/usr/bin/env node
// Runs the bundled CLI (dist/cli.cjs and, when a verb runs, dist/engine.cjs, made by `npm ci` /
// `npm run build`: bin/bundle.js) with plain node and V8's code caches, so that starting strata
// costs little more than starting node. When the bundle is missing, or older than a source file it
// needs (a checkout being worked on), it runs the TypeScript sources through tsx instead, so that
// what runs is always what the sources say.
// CommonJS (bin/package.json): an ES module entry costs node its ESM loader, ~10 ms of every start.
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { loadCli } = require('./bundle.js');

const root = join(__dirname, '..');
const dist = join(root, 'dist');

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

/** When dist/cli.cjs was built (-1 when it was not). */
function built() {
  try {
    return statSync(join(dist, 'cli.cjs')).mtimeMs;
  } catch {
    return -1;
  }
}

/** Whether the whole bundle (dist/cli.cjs and dist/engine.cjs, built together) is as new as every source. */
const freshAll = () => built() >= newest(join(root, 'src'));

/**
 * Whether dist/cli.cjs is as new as the sources it was made of (dist/cli.inputs.json, written by
 * the build): all that `strata --help`, `--version` or an argument error runs. A stat of ~5 files
 * instead of ~340 (~14 M instructions, 15 % of `node -e 0`).
 */
function freshCli() {
  const t = built();
  if (t < 0) return false;
  try {
    return JSON.parse(readFileSync(join(dist, 'cli.inputs.json'), 'utf8')).every((p) => statSync(join(root, p)).mtimeMs <= t);
  } catch {
    return false;
  }
}

// A verb (`strata check page.md`: a word that is no option) runs the engine, which needs the whole
// bundle fresh; bare `strata`, --help, --version and a usage error need only dist/cli.cjs.
const verb = process.argv.slice(2).some((a) => !a.startsWith('-'));
const debug = process.env.STRATA_BIN_DEBUG === '1';
if (verb ? freshAll() : freshCli()) {
  const { cli } = loadCli(dist, {
    // (never without a verb, as commander runs no verb's action without its word; checked all the same)
    beforeEngine: () => {
      if (verb || freshAll()) return;
      process.stderr.write('strata: dist/engine.cjs is older than src/: run npm run build\n');
      process.exit(2);
    },
    loaded: (name, bundle) => {
      if (debug && name === 'engine.cjs') process.stderr.write(`strata: loaded dist/engine.cjs (code cache: ${bundle.cache})\n`);
    },
  });
  // STRATA_BIN_DEBUG=1: say which one runs and whether the code caches served (a test checks that a
  // fresh bundle is used, with its caches, and that --help does not load the engine).
  if (debug) process.stderr.write(`strata: running dist/cli.cjs (code cache: ${cli.cache})\n`);
  run(cli.exports);
} else {
  if (debug) process.stderr.write('strata: running src through tsx\n');
  // (a checkout being worked on: tsx compiles the sources; an ES module, imported)
  import('tsx/esm/api')
    .then(({ register }) => {
      register();
      return import('../src/cli/main.ts');
    })
    .then(run);
}

function run(cli) {
  cli.guardStdio();
  process.exitCode = cli.main(process.argv);
}
