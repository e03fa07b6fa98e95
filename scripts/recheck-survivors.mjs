// Re-checks StrykerJS's surviving mutants by hand: each one is applied to the source file, the
// test files Stryker says cover it run under plain `vitest run` (the conformance file filtered
// to the covering scenarios when it is the only one), and the original is put back. A mutant
// whose covering tests then fail would be a false survivor of the vitest runner (upstream
// reports: stryker-js#6192, #5928); one whose tests pass is a real survivor, to be killed by a
// test or explained as equivalent in docs/mutation.md. Slow (one vitest run per mutant): give a
// path filter. Usage:
//   node scripts/recheck-survivors.mjs [reports/mutation/mutation.json] [path-filter]
// RECHECK_DEBUG=1 prints each vitest run's tail.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'reports/mutation/mutation.json', 'utf8'));
const only = process.argv[3] ?? '';
const testName = {};
for (const [file, d] of Object.entries(report.testFiles ?? {})) for (const t of d.tests) testName[t.id] = { file, name: t.name };

const offset = (text, { line, column }) => {
  let at = 0;
  for (let l = 1; l < line; l++) at = text.indexOf('\n', at) + 1;
  return at + column - 1;
};
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const rows = [];
for (const [file, d] of Object.entries(report.files)) {
  if (!file.includes(only)) continue;
  const original = readFileSync(file, 'utf8');
  for (const m of d.mutants) {
    if (m.status !== 'Survived') continue;
    const tests = (m.coveredBy ?? []).map((id) => testName[id]).filter(Boolean);
    const files = [...new Set(tests.map((t) => t.file))];
    const conformance = tests.filter((t) => t.file.endsWith('conformance.test.ts')).map((t) => t.name);
    const mutated = original.slice(0, offset(original, m.location.start)) + m.replacement + original.slice(offset(original, m.location.end));
    writeFileSync(file, mutated);
    let killed = false;
    try {
      const args = ['vitest', 'run', ...files];
      // the conformance file has a test per scenario: run only the covering ones
      if (conformance.length > 0 && files.length === 1) args.push('-t', conformance.map(escape).join('|'));
      const out = execFileSync('npx', args, { stdio: 'pipe', env: { ...process.env, STRATA_PROPERTY_RUNS: '4' }, maxBuffer: 1 << 28 }).toString();
      if (process.env.RECHECK_DEBUG) process.stderr.write(args.join(' ') + '\n' + out.slice(-400) + '\n');
    } catch {
      killed = true;
    } finally {
      writeFileSync(file, original);
    }
    rows.push({ where: `${file}:${m.location.start.line}`, mutant: `${m.mutatorName} → ${m.replacement.slice(0, 50).replace(/\n/g, ' ')}`, killed });
    process.stderr.write(`${killed ? 'killed  ' : 'survives'} ${file}:${m.location.start.line} ${m.mutatorName}\n`);
  }
}
const killed = rows.filter((r) => r.killed).length;
console.log(`${rows.length} mutants Stryker reported as Survived; applied by hand, ${killed} make their covering tests fail, ${rows.length - killed} do not:`);
for (const r of rows.filter((r) => !r.killed)) console.log(`  ${r.where}  ${r.mutant}`);
