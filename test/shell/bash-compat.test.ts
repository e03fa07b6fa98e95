// Constructs bash and busybox ash (its bash compatibility, Debian's 1.35) share beyond POSIX sh,
// each run by strata and by the real shell (test/shell/differential/real.ts) and compared: what
// they print (stdout and stderr merged) and their exit status. Before, strata read `&>` as `&`
// then `>` (the command went to the background and printed), `function f {` as a syntax error and
// `$'a\tb'` as `$` and a quote.
import { afterAll, describe, expect, it } from 'vitest';
import { realShell, type Flavour } from './differential/real.ts';
import { runSimulated } from './differential/simulated.ts';

const BOTH = [
  'echo hi &> out; echo status $?; cat out',
  'ls /nonexistent-dir &> out; echo status $?; cat out | wc -l',
  'echo hi &>/dev/null; echo ok',
  'f() { echo out; echo err >&2; }; f &> both; wc -l < both',
  'function f { echo in f "$@"; }; f a b',
  'function g() { echo in g; }; g',
  'function h ()\n{\n  echo in h\n}\nh',
  "printf '%s' $'a\\tb' | wc -c",
  "echo $'it\\'s'",
  "printf '[%s]\\n' $'a\\nb'",
  "printf '%s' $'\\101\\x42\\x4a\\x4g\\xg\\1010' | cut -c1-3,5-",
  "printf '%s' $'\\e\\E\\cA\\?\\q' | wc -c",
  "printf '%s' $'x\\u00e9\\U1F600\\u41\\u7f'",
  "printf '[%s]' $'a\\0b' | wc -c",
  "echo \"$'not special in double quotes'\"",
  "x=$'one\\ttwo'; echo \"$x\" | cut -f2",
  "echo $'\\e[1m' | wc -c",
  "echo $'a\\0b'",
  "echo $'back\\\\slash \\q'",
];

function describeFlavour(flavour: Flavour, title: string): void {
  const real = realShell(flavour);
  afterAll(() => real.dispose());
  if (real.missing) {
    describe(`${title} (SKIPPED: ${real.missing})`, () => {
      it.skip(`needs ${flavour === 'gnu' ? 'bash' : 'busybox'}`, () => undefined);
    });
    return;
  }
  describe(title, () => {
    const want = real.run(BOTH);
    it.each(BOTH.map((s, i) => [s, i] as const))('%s', (script, i) => {
      const got = runSimulated(flavour, script);
      expect({ output: got.output, exitCode: got.exitCode }).toEqual({ output: want[i].output, exitCode: want[i].exitCode });
    });
  });
}

describeFlavour('gnu', 'bash on the host');
describeFlavour('busybox', 'busybox sh in a container');
