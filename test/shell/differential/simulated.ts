// The strata side of the shell differential test: a script run as a scenario runs it, by the
// simulated host's bash with GNU tools (a `$` line), or by the container's busybox sh
// (`docker run --rm -w /w busybox sh -c SCRIPT`), in an empty working directory. The real side is
// Debian's busybox 1.35 (real.ts), the oracle's busybox:latest: the engine starts with that image
// (busyboxStandIns), not the real busybox:latest 1.38 a normal install has (src/image/busybox-real.ts).
import { expect, it } from 'vitest';
import { execute, initialState } from '../../../src/engine/engine.ts';
import type { EngineState } from '../../../src/engine/state.ts';
import type { Flavour, Outcome } from './real.ts';

let base: EngineState | undefined;

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** The command line a scenario would hold for this script. */
export function scenarioLine(flavour: Flavour, script: string): string {
  return flavour === 'gnu' ? script : `docker run --rm -w /w busybox sh -c ${quote(script)}`;
}

export function runSimulated(flavour: Flavour, script: string): Outcome {
  base ??= initialState({ engine: 'docker-26.1', busyboxStandIns: true });
  // The state is immutable: every script starts from the same fresh host and image store.
  const r = execute(base, scenarioLine(flavour, script));
  return { output: r.output, exitCode: r.exitCode };
}

/** What a script printed, then `[exit N]`: the form the hand-written cases state outputs in. */
export function shown(flavour: Flavour, script: string): string {
  const r = runSimulated(flavour, script);
  return `${r.output}[exit ${r.exitCode}]`;
}

/**
 * One case per row of script, what the host's shell shows, what a container's shows (the real
 * tools' outputs, with `[exit N]`), checked in both flavours.
 */
export function itInBothShells(cases: readonly (readonly [string, string, string])[]): void {
  it.each(cases)('%s', (script, host, container) => {
    expect(shown('gnu', script)).toBe(host);
    expect(shown('busybox', script)).toBe(container);
  });
}
