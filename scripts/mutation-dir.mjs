// One directory's mutation run, apart from the others: its own Stryker configuration (written to
// reports/stryker-<dir>.json from stryker.config.json), JSON report (reports/mutation/<dir>.json),
// incremental file and sandbox directory, so that several directories can run side by side in
// one checkout and each keeps its results for the next incremental run.
//
//   npm run test:mutation:dir -- fs                  # src/fs/**, the whole suite
//   npm run test:mutation:dir -- image --suite unit  # without the corpus replays (a lower bound)
//   npm run test:mutation:dir -- fs --concurrency 1 --timeout 10000
//   npm run test:mutation:dir -- fs --only src/fs/namespace.ts --name fs-namespace
//
// --suite is STRYKER_SUITE (vitest.stryker.config.ts: full, core, unit, or a folder's own tests:
// fs, image, engine, container); --timeout is Stryker's timeoutMS, the slack over a mutant's expected test time
// before it counts as a timeout (an endless loop): each timeout also costs a new test runner
// process, so on a busy machine a small slack is the cheaper choice.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    suite: { type: 'string', default: 'full' },
    concurrency: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '60000' },
    // Part of the directory (comma-separated globs, `!` to leave out), under its own name: a run
    // writes its results only when it ends, so a part that can finish is worth more than a whole
    // that cannot.
    only: { type: 'string' },
    name: { type: 'string' },
    // Stryker's --force: test every mutant, whatever the incremental file says
    force: { type: 'boolean', default: false },
  },
});
const DIRS = ['fs', 'image', 'engine', 'union', 'volume', 'container'];
const [dir] = positionals;
if (positionals.length !== 1 || !DIRS.includes(dir)) {
  process.stderr.write(`usage: npm run test:mutation:dir -- DIR [--suite full|core|unit|fs|image|engine|parser|settings|container] [--concurrency N] [--timeout MS] [--only GLOBS --name NAME] [--force]\nDIR is one of ${DIRS.join(', ')}\n`);
  process.exit(2);
}
const name = values.name ?? dir;
if (values.only !== undefined && values.name === undefined) {
  process.stderr.write('--only needs --name (the part keeps its own report and incremental file)\n');
  process.exit(2);
}
const config = JSON.parse(readFileSync('stryker.config.json', 'utf8'));
delete config.$schema;
Object.assign(config, {
  mutate: [
    ...(values.only?.split(',') ?? config.mutate.filter((m) => m.startsWith(`src/${dir}/`))),
    ...config.mutate.filter((m) => m.startsWith(`!src/${dir}/`)),
  ],
  concurrency: Number(values.concurrency),
  timeoutMS: Number(values.timeout),
  incrementalFile: `reports/stryker-incremental-${name}.json`,
  tempDirName: `reports/stryker-tmp-${name}`,
  dryRunTimeoutMinutes: 30,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
});
mkdirSync('reports', { recursive: true });
const file = `reports/stryker-${name}.json`;
writeFileSync(file, JSON.stringify(config, null, 2) + '\n');
const run = spawnSync('npx', ['stryker', 'run', file, ...(values.force ? ['--force'] : [])], { stdio: 'inherit', env: { ...process.env, STRYKER_SUITE: values.suite } });
process.exit(run.status ?? 1);
