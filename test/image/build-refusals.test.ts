// Two refusals of src/image/build/builder.ts that no recording can state (session 22's mutation
// run of builder.ts's helpers left them alive, docs/mutation.md): strata's own words for what it
// does not simulate, exit 125, never a guess at Docker's.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

/** `printf DOCKERFILE | docker build -q -`: the Dockerfile from stdin, no context. */
function stdinBuild(d: SimulatedDocker, dockerfile: string): { output: string; exitCode: number } {
  return d.run(`printf '${dockerfile.replace(/\n/g, '\\n')}' | docker build -q -`);
}

describe('refused builds', () => {
  it("an unknown instruction as close to two instructions as to none closer: BuildKit's suggestion is a coin toss (a Go map's order), so strata names neither", () => {
    // ARD is one edit from ADD and from ARG (suggest.ts nearest, fromMap); the legacy builder
    // suggests nothing (recorded: builds/build-suggestions)
    const r = stdinBuild(new SimulatedDocker({ engine: 'docker-26.1' }), 'FROM busybox\nARD x\n');
    expect(r.exitCode).toBe(125);
    expect(r.output).toMatch(/^strata does not simulate which of ADD, ARG BuildKit suggests for ARD: /);
  });

  it('FROM --platform whose value does not expand is refused by name on both builders (its errors are not recorded)', () => {
    for (const engine of ['docker-20.10', 'docker-26.1'] as const) {
      const r = stdinBuild(new SimulatedDocker({ engine }), 'FROM --platform=${P:?no} busybox\nRUN true\n');
      expect(r.exitCode, engine).toBe(125);
      expect(r.output, engine).toMatch(/^strata does not simulate FROM --platform=\$\{P:\?no\}: it does not expand \(/);
    }
  });
});
