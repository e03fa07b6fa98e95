// `npm run build:web`: the browser playground as a static site in web/dist/ (open
// web/dist/index.html from disk, or serve the folder with any static server; no server code).
//
//   web/dist/index.html     the page (web/index.html)
//   web/dist/style.css      its styles (web/style.css)
//   web/dist/playground.js  web/src/main.ts and the engine, one minified classic script: a
//                           module script would not load from file:// (Chrome refuses its origin)
//
// The bundled lessons and walkthroughs (scenarios/) are compiled in as text (the module
// `strata:scenarios`), so the page needs no fetch. The bundle is for a browser: a `node:` import
// reaching it fails the build (esbuild's platform 'browser' cannot resolve one).

import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WEB = join(ROOT, 'web');
const DIST = join(WEB, 'dist');
const started = Date.now();

// The page's own TypeScript (DOM types) is checked here: the root tsconfig has no DOM.
execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(WEB, 'tsconfig.json')], { stdio: 'inherit' });

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });

/** scenarios/lessons and scenarios/walkthroughs as `{ path, text }`, in name order. */
function bundledScenarios() {
  const out = [];
  for (const dir of ['walkthroughs', 'lessons']) {
    for (const name of readdirSync(join(ROOT, 'scenarios', dir)).sort()) {
      if (name.endsWith('.scenario')) out.push({ path: `${dir}/${name}`, text: readFileSync(join(ROOT, 'scenarios', dir, name), 'utf8') });
    }
  }
  return out;
}

const scenariosPlugin = {
  name: 'strata-scenarios',
  setup(b) {
    b.onResolve({ filter: /^strata:scenarios$/ }, () => ({ path: 'scenarios', namespace: 'strata-scenarios' }));
    b.onLoad({ filter: /.*/, namespace: 'strata-scenarios' }, () => ({
      contents: `export default ${JSON.stringify(bundledScenarios())};`,
      loader: 'js',
      watchFiles: [],
    }));
  },
};

/**
 * The core imports no node: module (issue 15, item 3; test/portability/browser-core.test.ts keeps
 * it so): none may reach this bundle unnoticed, each one is named, and the build fails.
 */
const noNodePlugin = {
  name: 'no-node-modules',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ errors: [{ text: `${args.path} imported by ${args.importer}: the browser bundle must not use node: modules` }] }));
  },
};

const result = await build({
  entryPoints: [join(WEB, 'src/main.ts')],
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: ['es2022'],
  minify: true,
  legalComments: 'none',
  outfile: join(DIST, 'playground.js'),
  plugins: [scenariosPlugin, noNodePlugin],
  metafile: true,
  logLevel: 'warning',
});
copyFileSync(join(WEB, 'index.html'), join(DIST, 'index.html'));
copyFileSync(join(WEB, 'style.css'), join(DIST, 'style.css'));

const size = (f) => statSync(join(DIST, f)).size;
const js = readFileSync(join(DIST, 'playground.js'));
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
const inputs = Object.keys(result.metafile.inputs).filter((p) => p.startsWith('node:'));
if (inputs.length > 0) throw new Error(`node: modules in the bundle: ${inputs.join(', ')}`);
process.stdout.write(
  `strata: built web/dist/ in ${Date.now() - started} ms: playground.js ${kb(js.length)} (${kb(gzipSync(js, { level: 9 }).length)} gzipped), ` +
    `index.html ${kb(size('index.html'))}, style.css ${kb(size('style.css'))}\n`,
);
