// `npm run bench`: bundles bench/run.ts with esbuild the way scripts/build.mjs bundles the CLI
// (no keepNames, which tsx adds: its `__name` call per function definition was 6-8% of the
// engine's profile and is not in the code users run), then runs the bundle with --expose-gc.
// Arguments and BENCH_* variables pass through.

import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// a folder of its own in the repository (its imports of packages resolve from there): `process`
// rebuilds dist/ while it runs
const OUT = mkdtempSync(join(ROOT, '.bench-'));

await build({
  entryPoints: [join(ROOT, 'bench', 'run.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: join(OUT, 'run.mjs'),
  // the bench's files find the repository from their own folder
  define: { 'import.meta.dirname': JSON.stringify(join(ROOT, 'bench')) },
  // its devDependencies (tinybench, the anchors) load from node_modules as they are
  packages: 'external',
  logLevel: 'warning',
});

const r = spawnSync(process.execPath, ['--expose-gc', join(OUT, 'run.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
rmSync(OUT, { recursive: true, force: true });
process.exit(r.status ?? 1);
