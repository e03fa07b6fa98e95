// A docker command strata refuses, whose words never reach the terminal (`2>/dev/null`, piped
// into `grep -q`), is heard as a host program's refusal is (engine.ts, not-simulated.ts
// SwallowedRefusal): in a normal install the whole line is refused with the command's own
// refusal line after what the terminal already showed, and nothing it did is kept, since what Docker would have answered, and what the
// line did with it, are not known. A loop that retried it until the step budget ran out is
// refused the same way: the refusal is the reason it never ended. With the oracle's stand-ins
// (--busybox-stand-ins) the line goes on, as before.

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';

// (--ipv6 is refused by name: strata does not simulate IPv6 networks)
const REFUSED = 'docker network create --ipv6 n1';

function refusalLine(): string {
  const r = execute(initialState({ engine: 'docker-26.1' }), REFUSED);
  expect(r.exitCode).toBe(125);
  expect(r.output).toMatch(/^strata does not simulate [^\n]*\n$/);
  return r.output;
}

describe('a docker refusal the line swallows', () => {
  it('refuses the whole line in a normal install, nothing kept', () => {
    const st = initialState({ engine: 'docker-26.1' });
    const r = execute(st, `touch before; ${REFUSED} >/dev/null 2>&1; echo went on`);
    expect(r.output).toBe(`went on\n${refusalLine()}`);
    expect(r.exitCode).toBe(125);
    expect(execute(r.state, 'ls before 2>&1').exitCode).not.toBe(0);
  });

  it('piped into grep: refused, where grep would have printed a count strata does not know', () => {
    const r = execute(initialState({ engine: 'docker-26.1' }), `${REFUSED} 2>&1 | grep -c ready`);
    expect(r.output).toBe(`0\n${refusalLine()}`);
    expect(r.exitCode).toBe(125);
  });

  it('a retry loop that never ends is refused with the refusal, not the step limit', () => {
    const r = execute(initialState({ engine: 'docker-26.1' }), `until ${REFUSED} 2>&1 | grep -q ok; do :; done`);
    expect(r.output).toBe(refusalLine());
    expect(r.exitCode).toBe(125);
  });

  it('a refusal the terminal shows is not refused again', () => {
    const r = execute(initialState({ engine: 'docker-26.1' }), `${REFUSED}; echo went on`);
    expect(r.output).toBe(`${refusalLine()}went on\n`);
  });

  it('with the oracle\'s stand-ins the line goes on', () => {
    const r = execute(initialState({ engine: 'docker-26.1', busyboxStandIns: true }), `${REFUSED} >/dev/null 2>&1; echo went on`);
    expect(r.output).toBe('went on\n');
  });
});
