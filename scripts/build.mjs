// `npm run build` (and `npm ci`, through `prepare`): the CLI and the library as bundles in dist/,
// so that `strata` starts with plain node instead of compiling TypeScript at every run.
//
//   dist/cli.cjs        the CLI, one CommonJS bundle (bin/strata.js loads it)
//   dist/cli.cache      V8's code cache for it: loading it skips most of the compile
//   dist/cli-run.cache  the same, warmed by checking the tutorial pages (for commands)
//   dist/catalog.json   the catalog of stand-in images, which the CLI reads when first needed
//   dist/catalog-blobs.json  the texts of their build contexts (read only to build one)
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
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { V8_FLAGS } from '../bin/v8-flags.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
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
await build({
  plugins: [lighterStart],
  entryPoints: [join(ROOT, 'src/cli/main.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  outfile: join(DIST, 'cli.cjs'),
  define: { 'import.meta.url': '__strata_bundle_url' },
  banner: { js: 'const __strata_bundle_url = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});

// bin/strata.js reads the bundle as latin1, which is the same text only if it is ASCII (esbuild
// escapes other characters unless told otherwise).
if (/[^\x00-\x7f]/.test(readFileSync(join(DIST, 'cli.cjs'), 'utf8'))) throw new Error('dist/cli.cjs is not ASCII: bin/strata.js reads it as latin1');

// The stand-in images: the core's own build of each catalog context on each engine, kept as text
// the CLI hands back to the core (src/image/stand-in-form.ts); building them all takes ~2 s here
// and saved each process that pulls them ~0.1-0.2 s.
{
  const out = await build({
    stdin: {
      contents:
        "export { standInText } from './src/image/pull.ts'; export { catalogEntries } from './src/image/catalog/index.ts'; export { PROFILES } from './src/engine/profile.ts'; export { catalogData } from './src/image/catalog/contexts.generated.ts'; export { scriptChunks } from './src/shell/index.ts'; export { storedScript } from './src/cli/scripts.ts'; export { decodeGraph } from './src/image/stand-in-form.ts'; export { entriesJson } from './src/fs/node.ts';",
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
  const { standInText, catalogEntries, PROFILES, catalogData, scriptChunks, storedScript, decodeGraph, entriesJson } = module.exports;
  // (ASCII, other characters escaped, so that the CLI can read it as latin1: see bin/strata.js)
  const ascii = (json) => json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // the catalog the CLI reads (src/cli/catalog-file.ts): the images, and apart the texts of their
  // build contexts, which only a stand-in built in the process reads
  const { images, blobs } = catalogData();
  writeFileSync(join(DIST, 'catalog.json'), ascii(JSON.stringify({ images })));
  writeFileSync(join(DIST, 'catalog-blobs.json'), ascii(JSON.stringify(blobs)));
  // The shell scripts the stand-in images hold (a `#!` file of a layer: the catalog's, as the
  // image's build left them), parsed as the shell keeps them (src/cli/scripts.ts): those that
  // parse to their end and are long enough for the shell to keep (it parses the rest at once).
  const scriptTexts = new Set();
  const collect = (node) => {
    if (node.kind === 'file' && node.data.startsWith('#!') && node.data.length >= 512) scriptTexts.add(node.data);
    if (node.kind === 'dir') for (const child of Object.values(node.entries)) collect(child);
  };
  for (const profile of Object.values(PROFILES)) {
    for (const entry of new Map(catalogEntries().map((e) => [e.context, e])).values()) {
      const file = join(DIST, 'stand-ins', profile.name, `${entry.context}.json`);
      mkdirSync(dirname(file), { recursive: true });
      const text = standInText(profile, entry);
      writeFileSync(file, text);
      for (const layer of decodeGraph(text).layers) collect(JSON.parse(JSON.stringify(layer.tree, entriesJson)));
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

// The code caches: compile the bundle as bin/strata.js will (same wrapper, same file name, same
// V8 flags), run its top level so that what every start needs is compiled, and keep V8's cached
// data: dist/cli.cache. Then run the CLI on the tutorial pages and keep the cache again, now
// holding every function those runs compiled (the shell, the builder, the formatters):
// dist/cli-run.cache, which bin/strata.js loads for a command (`strata check ...`). A command
// spends its first run of each function compiling it; the bigger cache costs `strata --help`
// more to load than it saves there, so --help keeps the small one.
{
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
  const file = join(DIST, 'cli.cjs');
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, DIST);
  writeFileSync(join(DIST, 'cli.cache'), script.createCachedData());
  const pages = readdirSync(join(ROOT, 'scenarios', 'tutorials')).filter((n) => n.endsWith('.md')).map((n) => join(ROOT, 'scenarios', 'tutorials', n));
  const quiet = { stdout: () => {}, stderr: () => {} };
  module.exports.main(['node', 'strata', 'check', ...pages], quiet);
  writeFileSync(join(DIST, 'cli-run.cache'), script.createCachedData());
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
