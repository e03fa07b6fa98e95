// A detached container's main process that sleeps in a loop (src/container/process.ts runProcess):
// its sleeps under a minute take no time in the background, so the loop cannot be simulated and
// the command line is refused by name (engine.ts), with nothing kept.

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';

describe('a background loop that sleeps', () => {
  it('is refused by name, nothing kept, where a loop without sleeps keeps the budget\'s words', () => {
    const before = initialState();
    const r = execute(before, `docker run -d --name loop busybox sh -c 'while true; do echo x; sleep 1; done'`);
    expect(r.output).toContain('strata does not simulate a background process that sleeps in a loop (sh -c while true; do echo x; sleep 1; done)');
    expect(r.exitCode).toBe(125);
    expect(r.state).toBe(before);
    // no sleep: the step budget as before (a busy loop is not a program people run in a container)
    const busy = execute(before, `docker run -d --name busy busybox sh -c 'while true; do :; done'`);
    expect(busy.output).toContain('strata: script exceeded the step budget');
    // attached, the sleeps run on the clock and the loop ends
    expect(execute(before, `docker run --rm busybox sh -c 'for i in 1 2 3; do echo $i; sleep 1; done'`).output).toBe('1\n2\n3\n');
  });
});
