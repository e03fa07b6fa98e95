// The differential test of the shell (issue #13): random scripts built from the applets and shell
// constructs the recorded corpus uses (test/shell/differential/scripts.ts says which, and what is
// left out and why) run by strata and by the real programs, and what they print (stdout and stderr
// merged, as a terminal shows them) and their exit status compared:
//  - the host flavour: a scenario's `$` line on strata's simulated host against GNU bash and the
//    machine's GNU tools (CI machines are Debian with bash);
//  - the container flavour: `docker run --rm busybox sh -c SCRIPT` on strata against Debian's
//    busybox sh with only busybox applets on PATH (`apt-get install busybox`).
// `npm test` runs a few hundred scripts with a fixed seed; `npm run test:deep` 10,000 with a new
// seed each time. The seed is printed; STRATA_SHELL_SEED=n replays a run. A failure prints the
// smallest script fast-check found, both outputs, and the scenario line that reproduces it.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { realShell, type Flavour, type Outcome } from '../shell/differential/real.ts';
import { runSimulated, scenarioLine } from '../shell/differential/simulated.ts';
import { scripts, scriptText } from '../shell/differential/scripts.ts';

const DEEP = process.env.STRATA_PROPERTY_RUNS !== undefined && Number(process.env.STRATA_PROPERTY_RUNS) > 100;
const RUNS: Record<Flavour, number> = DEEP ? { gnu: 6000, busybox: 4000 } : { gnu: 80, busybox: 60 };
const SEED = process.env.STRATA_SHELL_SEED !== undefined ? Number(process.env.STRATA_SHELL_SEED) : DEEP ? Date.now() % 2 ** 31 : 20261205;
const BATCH = 250;

function describeFlavour(flavour: Flavour, title: string): void {
  const real = realShell(flavour);
  afterAll(() => real.dispose());
  if (real.missing) {
    const banner = `\n${'!'.repeat(100)}\n!! SKIPPED: the ${title} differential test did not run: ${real.missing}.\n${'!'.repeat(100)}\n`;
    console.warn(banner);
    describe(`${title} (SKIPPED: ${real.missing})`, () => {
      it.skip(`needs ${flavour === 'gnu' ? 'bash' : 'busybox'}: ${real.missing}`, () => undefined);
    });
    return;
  }
  describe(title, () => {
    it(`${RUNS[flavour]} random scripts print and exit as with ${real.version} (seed ${SEED})`, () => {
      console.log(`shell differential (${flavour}): seed ${SEED}, ${RUNS[flavour]} scripts (STRATA_SHELL_SEED=${SEED} replays them)`);
      const arb = scripts(flavour).map(scriptText);
      // The real side runs in batches (one driver process), ahead of the property; scripts that
      // fast-check makes while shrinking a failure run one by one.
      const known = new Map<string, Outcome>();
      const sample = fc.sample(arb, { seed: SEED, numRuns: RUNS[flavour] });
      for (let i = 0; i < sample.length; i += BATCH) {
        const batch = sample.slice(i, i + BATCH);
        real.run(batch).forEach((o, k) => known.set(batch[k], o));
      }
      const realOf = (script: string): Outcome => known.get(script) ?? real.run([script])[0];
      fc.assert(
        fc.property(arb, (script) => {
          const want = realOf(script);
          const got = runSimulated(flavour, script);
          if (got.output !== want.output || got.exitCode !== want.exitCode) {
            throw new Error(
              `strata and ${real.version} differ on:\n${script}\n--- real (exit ${want.exitCode})\n${want.output}--- strata (exit ${got.exitCode})\n${got.output}` +
                `--- as a scenario line\n$ ${scenarioLine(flavour, script).replace(/\n/g, '\n> ')}\n`,
            );
          }
        }),
        { seed: SEED, numRuns: RUNS[flavour] },
      );
      // The batch ran what the property checked (fast-check draws the same scripts for a seed).
      expect(known.size).toBeGreaterThan(0);
      // Real processes are the cost: about 10 ms a script on an idle machine, a second on a loaded one.
    }, 60 * 60_000);
  });
}

describeFlavour('gnu', 'the host shell against GNU bash and coreutils');
describeFlavour('busybox', 'the container shell against busybox sh');
