// A docker command strata refuses spends REFUSAL_STEPS of its line's step budget (engine.ts): a
// loop that retries it (`until docker compose logs db | grep -q ready; do sleep 1; done`, where a
// normal install's log is refused) ends at the step budget after a few hundred tries instead of
// ~50,000 (32 s of a whole-corpus check for one recording), with the same words. A docker command
// that is not refused spends one step, as before.

import { describe, expect, it } from 'vitest';
import { execute, initialState, REFUSAL_STEPS } from '../../src/engine/engine.ts';
import { defaultBudget } from '../../src/shell/types.ts';

const BUDGET = defaultBudget().steps;
const OUT_OF_STEPS = 'strata: script exceeded the step budget (possible infinite loop)\n';

/** The number a loop's last iteration left in the file `tries`, after `line` ran. */
function tries(line: string, busyboxStandIns: boolean): { output: string; exitCode: number; tries: number } {
  const st = initialState({ engine: 'docker-26.1', ...(busyboxStandIns ? { busyboxStandIns: true } : {}) });
  const r = execute(st, line);
  return { output: r.output, exitCode: r.exitCode, tries: Number(execute(r.state, 'cat tries').output) };
}

describe('a refused docker command in a loop', () => {
  // (a normal install hears the swallowed refusal instead: swallowed-docker-refusal.test.ts)
  for (const busyboxStandIns of [true]) {
    it(`spends REFUSAL_STEPS each time: a retry loop ends at the step budget after a few hundred tries${busyboxStandIns ? ' (the oracle\'s stand-ins)' : ''}`, () => {
      // (--ipv6 is refused by name: strata does not simulate IPv6 networks)
      const refused = execute(initialState({ engine: 'docker-26.1' }), 'docker network create --ipv6 n1');
      expect(refused.exitCode).toBe(125);
      expect(refused.output).toMatch(/^strata does not simulate /);
      const r = tries('n=0; until docker network create --ipv6 n1 2>/dev/null; do n=$((n+1)); echo $n > tries; done', busyboxStandIns);
      expect(r.output).toBe(OUT_OF_STEPS);
      expect(r.exitCode).toBe(125);
      // each try: REFUSAL_STEPS, and a few steps of the shell's (the loop, the commands)
      expect(r.tries).toBeLessThan(1000);
      expect(r.tries).toBeLessThanOrEqual(Math.ceil(BUDGET / REFUSAL_STEPS));
      expect(r.tries).toBeGreaterThanOrEqual(Math.floor(BUDGET / (REFUSAL_STEPS + 10)));
    });
  }

  it('leaves the order of what a docker command prints as it was, with a real image held (docker/sure.ts)', () => {
    // a normal install holding a real image runs inspect twice and prints what it captured: the
    // empty line of the format on stdout, then the error on stderr (recorded:
    // tutorials/pt-rename-update-restart, 26.1)
    let st = initialState({ engine: 'docker-26.1' });
    st = execute(st, 'docker pull -q redis:7 >/dev/null').state;
    const r = execute(st, "docker inspect -f '{{.Name}}' nope");
    expect(r.output).toBe('\nError: No such object: nope\n');
    expect(r.exitCode).toBe(1);
  });

  it('a docker command that answers spends one step: a loop of them runs as long as before', () => {
    // 2,000 tries of a command that fails (not refused) fit in the budget easily
    const r = tries('n=0; while [ $n -lt 2000 ] && ! docker network inspect nope >/dev/null 2>&1; do n=$((n+1)); done; echo $n > tries', false);
    expect(r.output).toBe('');
    expect(r.tries).toBe(2000);
  });
});
