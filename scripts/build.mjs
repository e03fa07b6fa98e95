// `npm run build` (and `npm ci`, through `prepare`): the CLI and the library as bundles in dist/,
// so that `strata` starts with plain node instead of compiling TypeScript at every run.
//
//   dist/cli.cjs        the CLI's program (src/cli/main.ts: verbs, options, help, usage errors),
//                       CommonJS (bin/strata.js loads it through bin/bundle.js)
//   dist/cli.inputs.json  the sources it is made of (bin/strata.js checks they are not newer)
//   dist/engine.cjs     the verbs' work (src/cli/commands.ts, the simulator), which cli.cjs loads
//                       when a verb runs: `strata --help` never does
//   dist/cli.cache, dist/engine.cache  V8's code caches for them, warmed by running the CLI:
//                       loading them skips the compile of every function those runs compiled
//   dist/catalog.json   the catalog of stand-in images, which the CLI reads when first needed
//   dist/catalog-blobs.json  the texts of their build contexts (read only to build one)
//   dist/programs.json  the servers' own programs among them (src/image/catalog/data-dirs.ts)
//   dist/stand-ins/     every catalog image built on every engine, as the core's standInText
//                       (src/cli/stand-ins.ts): a pull reads one instead of building it
//   dist/scripts/       the stand-ins' shell scripts parsed as the shell keeps them
//                       (src/cli/scripts.ts): a stand-in's first run reads them instead
//   dist/index.mjs      the library entry (import { checkPage } from 'strata'), ESM
//   dist/types/         its .d.ts files
//
// esbuild comes with the project's dev dependencies (tsx brings it too).

import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import bundleLoader from '../bin/bundle.js';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
const { loadCli } = bundleLoader;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE_WRAPPER_OPEN = '(this === globalThis ? (f) => f : (f) => f.call(this, exports, require, module, __filename, __dirname))(function (exports, require, module, __filename, __dirname) {';
const DIST = join(ROOT, 'dist');
const started = Date.now();

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });

// Two modules of the CLI bundle are replaced, for what every start costs:
// - the embedded catalog (src/image/catalog/contexts.generated.ts, a 550 KB string literal) by
//   src/cli/catalog-file.ts, which reads the same data from dist/catalog.json when first needed;
// - node:child_process, which commander loads at its start for subcommands that are separate
//   executables (strata has none), by a module that loads it on a call (~6 ms per start).
const lighterStart = {
  name: 'lighter-start',
  setup(b) {
    b.onResolve({ filter: /\/contexts\.generated\.ts$/ }, () => ({ path: join(ROOT, 'src/cli/catalog-file.ts') }));
    b.onResolve({ filter: /^node:child_process$/ }, (args) => (args.namespace === 'lazy' ? undefined : { path: 'child_process', namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = { spawn: (...a) => require('node:child_process').spawn(...a) };",
      loader: 'js',
    }));
  },
};

// The CLI as CommonJS: vm.Script can compile it with a code cache, which Node 20 offers for no
// ES module. `import.meta.url` (the bundled scenarios' location) becomes the bundle's own URL.
// Two bundles: the verbs' work (src/cli/commands.ts) in dist/engine.cjs, and the program
// (src/cli/main.ts) in dist/cli.cjs, whose ./verbs.ts is replaced by a require of ./engine.cjs on
// the first call (what src/cli/verbs.ts says): `strata --help` then neither reads, compiles nor
// runs the simulator's 1.4 MB (issue #14: --help cost 2.3x `node -e 0` with them, by instructions).
const cliOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // (STRATA_BUILD_MINIFY=0: names kept, for a CPU profile that reads; the bundle stays ASCII)
  ...(process.env.STRATA_BUILD_MINIFY === '0' ? { minifyWhitespace: true, minifySyntax: true, charset: 'ascii' } : { minify: true }),
  absWorkingDir: ROOT,
  define: { 'import.meta.url': '__strata_bundle_url' },
  // Each bundle is its own CommonJS wrapper (bin/bundle.js compiles the file's text as it is): the
  // engine's 1.4 MB, read as latin1, is a string outside V8's heap, which `Module.wrap(text)` made
  // a concatenation that V8 copied into its heap to compile (~420 page faults and ~3.4 M
  // instructions of every start, valgrind and perf stat, a normal install's environment). As a
  // script the text's value is the wrapper function; required as a module (its `this` is then
  // module.exports, not the global object) it runs itself as node's wrapper would.
  banner: { js: `${BUNDLE_WRAPPER_OPEN}const __strata_bundle_url = require("node:url").pathToFileURL(__filename).href;` },
  footer: { js: '\n})' },
  logLevel: 'warning',
};
await build({ ...cliOptions, plugins: [lighterStart], entryPoints: [join(ROOT, 'src/cli/commands.ts')], outfile: join(DIST, 'engine.cjs') });
const lazyVerbs = {
  name: 'lazy-verbs',
  setup(b) {
    b.onResolve({ filter: /\/verbs\.ts$/ }, () => ({ path: 'verbs', namespace: 'lazy-verbs' }));
    b.onResolve({ filter: /^\.\/engine\.cjs$/ }, () => ({ path: './engine.cjs', external: true }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-verbs' }, () => ({
      contents: "let loaded; export const verbs = () => (loaded ??= require('./engine.cjs'));",
      loader: 'js',
    }));
  },
};
const cli = await build({ ...cliOptions, plugins: [lazyVerbs, lighterStart], entryPoints: [join(ROOT, 'src/cli/main.ts')], outfile: join(DIST, 'cli.cjs'), metafile: true });
// What the program may take in: commander and these. A file of the simulator imported by main.ts
// would put the engine back into every start, unseen: refuse it here.
const PROGRAM = ['src/cli/main.ts', 'src/cli/exit.ts', 'src/cli/stdin.ts', 'src/cli/terminal.ts'];
const taken = Object.keys(cli.metafile.inputs).filter((p) => !p.startsWith('lazy'));
const inputs = taken.filter((p) => p.startsWith('src/'));
const extra = taken.filter((p) => !PROGRAM.includes(p) && !p.includes('node_modules/commander/'));
if (extra.length > 0) throw new Error(`dist/cli.cjs would take in ${extra.join(', ')}: src/cli/main.ts must reach the simulator through ./verbs.ts only (or add the file to PROGRAM in scripts/build.mjs if it is as light)`);
writeFileSync(join(DIST, 'cli.inputs.json'), JSON.stringify(inputs));

// bin/bundle.js reads the bundles as latin1, which is the same text only if it is ASCII (esbuild
// escapes other characters unless told otherwise).
for (const name of ['cli.cjs', 'engine.cjs']) {
  if (/[^\x00-\x7f]/.test(readFileSync(join(DIST, name), 'utf8'))) throw new Error(`dist/${name} is not ASCII: bin/bundle.js reads it as latin1`);
}

// The stand-in images: the core's own build of each catalog context on each engine, kept as text
// the CLI hands back to the core (src/image/stand-in-form.ts); building them all takes ~2 s here
// and saved each process that pulls them ~0.1-0.2 s.
{
  const out = await build({
    stdin: {
      contents:
        "export { standInText } from './src/image/pull.ts'; export { catalogEntries } from './src/image/catalog/index.ts'; export { PROFILES } from './src/engine/profile.ts'; export { catalogData } from './src/image/catalog/contexts.generated.ts'; export { scriptChunks } from './src/shell/index.ts'; export { storedScript } from './src/cli/scripts.ts'; export { decodeGraph } from './src/image/stand-in-form.ts'; export { entriesJson } from './src/fs/node.ts'; export { programEntries } from './src/image/catalog/data-dirs.ts';",
      resolveDir: ROOT,
      sourcefile: 'stand-ins.ts',
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const module = { exports: {} };
  vm.runInThisContext(Module.wrap(out.outputFiles[0].text))(module.exports, createRequire(join(ROOT, 'scripts', 'build.mjs')), module, 'stand-ins.cjs', ROOT);
  const { standInText, catalogEntries, PROFILES, catalogData, scriptChunks, storedScript, decodeGraph, entriesJson, programEntries } = module.exports;
  // (ASCII, other characters escaped, so that the CLI can read it as latin1: see bin/strata.js)
  const ascii = (json) => json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // the catalog the CLI reads (src/cli/catalog-file.ts): the images, and apart the texts of their
  // build contexts, which only a stand-in built in the process reads
  const { images, blobs } = catalogData();
  writeFileSync(join(DIST, 'catalog.json'), ascii(JSON.stringify({ images })));
  writeFileSync(join(DIST, 'catalog-blobs.json'), ascii(JSON.stringify(blobs)));
  // the servers' own programs, as the core finds them in the catalog (src/image/catalog/data-dirs.ts)
  writeFileSync(join(DIST, 'programs.json'), ascii(JSON.stringify(programEntries())));
  // The shell scripts the stand-in images hold (a `#!` file of a layer: the catalog's, as the
  // image's build left them; and the files of /.strata-stand-in/, which the stand-ins source, as
  // mysqld, mysql and mysqladmin source my-defaults: ~6-10 ms to parse in each process that starts
  // a mysql or mariadb container), parsed as the shell keeps them (src/cli/scripts.ts): those that
  // parse to their end and are long enough for the shell to keep (it parses the rest at once).
  const scriptTexts = new Set();
  const collect = (node, path) => {
    if (node.kind === 'file' && node.data.length >= 512 && (node.data.startsWith('#!') || path.startsWith('/.strata-stand-in/'))) scriptTexts.add(node.data);
    if (node.kind === 'dir') for (const [name, child] of Object.entries(node.entries)) collect(child, `${path}/${name}`);
  };
  for (const profile of Object.values(PROFILES)) {
    for (const entry of new Map(catalogEntries().map((e) => [e.context, e])).values()) {
      const file = join(DIST, 'stand-ins', profile.name, `${entry.context}.json`);
      mkdirSync(dirname(file), { recursive: true });
      const text = standInText(profile, entry);
      writeFileSync(file, text);
      for (const layer of decodeGraph(text).layers) collect(JSON.parse(JSON.stringify(layer.tree, entriesJson)), '');
    }
  }
  const scripts = join(DIST, 'scripts');
  mkdirSync(scripts, { recursive: true });
  const index = [];
  for (const src of scriptTexts) {
    // (the bytes of the script: its characters are each one byte, fs/bytes.ts)
    const sha = createHash('sha256').update(src, 'latin1').digest('hex');
    // as ash and dash parse it, and as bash does (an Oracle Linux image's sh: src/container/userland.ts)
    for (const bash of [false, true]) {
      const chunks = scriptChunks(src, bash);
      if (!chunks) continue;
      const name = bash ? `${sha}-bash` : sha;
      index.push(bash ? [src.length, name, true] : [src.length, name]);
      writeFileSync(join(scripts, `${name}.jsonl`), storedScript(src, chunks));
    }
  }
  writeFileSync(join(scripts, 'index.json'), JSON.stringify(index));
}

// The code caches: load the bundles as bin/strata.js will (bin/bundle.js: same wrapper, same file
// names, and the engine under the V8 flags it sets before loading it), and keep V8's cached data of
// each: every function the runs below compiled, which a start then loads instead of compiling.
// dist/cli.cache is kept after `strata --help` (the flags the engine sets would make V8 refuse it
// when --help runs without them); dist/engine.cache after checking the tutorial pages.
// (Before the program had a bundle of its own, --help kept a cache of the top level only: the
// engine's warmed cache cost it more to load than it saved.)
{
  const { cli, engine } = loadCli(DIST);
  const quiet = { stdout: () => {}, stderr: () => {} };
  cli.exports.main(['node', 'strata', '--help'], quiet);
  writeFileSync(join(DIST, 'cli.cache'), cli.script.createCachedData());
  const pages = readdirSync(join(ROOT, 'scenarios', 'tutorials')).filter((n) => n.endsWith('.md')).map((n) => join(ROOT, 'scenarios', 'tutorials', n));
  cli.exports.main(['node', 'strata', 'check', ...pages], quiet);
  writeFileSync(join(DIST, 'engine.cache'), engine().script.createCachedData());
}

// The library: ESM, dependencies bundled, so that a docs build needs nothing but this package.
await build({
  entryPoints: [join(ROOT, 'src/index.ts')],
  bundle: true,
  // node: the core still hashes with node:crypto and gzips with node:zlib (a browser build must
  // replace them first).
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: join(DIST, 'index.mjs'),
  // Bundled CommonJS dependencies (yaml) call require('process'); esbuild's ESM output has no
  // require, so give the module one (without it, checkPage failed on first use).
  banner: { js: 'import { createRequire as __strataCreateRequire } from "node:module"; const require = __strataCreateRequire(import.meta.url);' },
  logLevel: 'warning',
});

// Declarations for the library's types. The sources import `./x.ts`; declarations must say
// `./x.js` for a consumer's TypeScript to find `x.d.ts`.
execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
const rewrite = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) rewrite(p);
    else if (name.endsWith('.d.ts')) {
      const text = readFileSync(p, 'utf8').replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1$2.js$3');
      writeFileSync(p, text);
    }
  }
};
rewrite(join(DIST, 'types'));

process.stdout.write(`strata: built dist/ in ${Date.now() - started} ms\n`);
