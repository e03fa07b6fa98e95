// A fixed list of scripts, each a vitest case, run by strata and by the real shell (bash with GNU
// tools, or Debian's busybox sh: real.ts), what they print and their exit status compared. Used
// by the hand-written lists (bash-compat.test.ts, jump.test.ts); the generated scripts have their
// own driver (test/properties/shell-differential.test.ts). Without the real shell the cases are
// skipped, saying what is missing.
import { afterAll, describe, expect, it } from 'vitest';
import { realShell, type Flavour } from './real.ts';
import { runSimulated } from './simulated.ts';

export function describeAgainstReal(flavour: Flavour, title: string, scripts: readonly string[]): void {
  const real = realShell(flavour);
  afterAll(() => real.dispose());
  if (real.missing) {
    describe(`${title} (SKIPPED: ${real.missing})`, () => {
      it.skip(`needs ${flavour === 'gnu' ? 'bash' : 'busybox'}`, () => undefined);
    });
    return;
  }
  describe(title, () => {
    const want = real.run(scripts);
    it.each(scripts.map((s, i) => [s, i] as const))('%s', (script, i) => {
      const got = runSimulated(flavour, script);
      expect({ output: got.output, exitCode: got.exitCode }).toEqual({ output: want[i].output, exitCode: want[i].exitCode });
    });
  });
}
