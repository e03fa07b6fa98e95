// The loose order of compose's parallel output (src/scenario/interleave.ts), on outputs the 26.1
// oracle printed (test/recorded/docker-26.1/compose/attached-up-*.scenario): another order a run
// can print is taken as the expected one; an order no run prints is not.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { commandSteps } from '../../src/scenario/model.ts';
import { keepExpectedInterleaving } from '../../src/scenario/interleave.ts';

const DIR = join(import.meta.dirname, '..', 'recorded', 'docker-26.1', 'compose');
/** The recorded output of the command of `file` that starts with `prefix`. */
function output(file: string, prefix: string): string[] {
  const s = parseScenario(readFileSync(join(DIR, file), 'utf8'), file);
  const step = commandSteps(s).find((c) => c.command.startsWith(prefix));
  if (!step) throw new Error(`${file}: no command ${prefix}`);
  return step.output;
}
/** `lines` with the lines at i and j swapped. */
const swap = (lines: readonly string[], i: number, j: number): string[] => {
  const out = [...lines];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
};

describe('attached up: each container keeps its own order, the containers interleave', () => {
  const scaled = output('attached-up-print-and-exit.scenario', 'docker compose --progress quiet up --scale');
  // Attaching to first-1, first-2; first-2's two lines and exit; first-1's; exit 0
  it('takes the expected order when it only moves one container against the other', () => {
    const other = [scaled[0], ...scaled.slice(4, 7), ...scaled.slice(1, 4), scaled[7]];
    expect(other).not.toEqual(scaled);
    expect(keepExpectedInterleaving(scaled, other)).toEqual(scaled);
    expect(keepExpectedInterleaving(other, scaled)).toEqual(other);
    // first-1's first line before first-2's exit line
    const mixed = [scaled[0], scaled[1], scaled[2], scaled[4], scaled[3], ...scaled.slice(5)];
    expect(keepExpectedInterleaving(mixed, scaled)).toEqual(mixed);
  });

  it("keeps strata's order where the expected one breaks a container's own (its exit before its line)", () => {
    const broken = swap(scaled, 2, 3);
    expect(broken[2]).toMatch(/exited with code 0$/);
    expect(keepExpectedInterleaving(broken, scaled)).toEqual(scaled);
  });

  it('a line the expected output lacks: nothing is reordered', () => {
    const other = [scaled[0], ...scaled.slice(4, 7), ...scaled.slice(1, 4), scaled[7]];
    expect(keepExpectedInterleaving(scaled.slice(0, -2), other)).toEqual(other);
  });
});

describe('--abort-on-container-exit: the exit that ended the up stays last', () => {
  const abort = output('attached-up-abort.scenario', 'docker compose up --abort-on-container-exit');
  const k = abort.indexOf('job-1 exited with code 3');
  it('the other container\'s line may come before or after the job\'s line, not after its exit', () => {
    expect(abort[k - 2]).toMatch(/web-1 {2}\| web ready$/);
    const before = swap(abort, k - 2, k - 1);
    expect(keepExpectedInterleaving(before, abort)).toEqual(before);
    const after = [...abort];
    after.splice(k, 0, ...after.splice(k - 2, 1));
    expect(after[k - 1]).toBe('job-1 exited with code 3');
    expect(keepExpectedInterleaving(after, abort)).toEqual(abort);
  });

  it("the Stopping/Stopped lines of the two containers in any order, each container's in its own", () => {
    const tail = abort.slice(k + 2, k + 6);
    expect(tail).toEqual([' Container pbabort-job-1  Stopping', ' Container pbabort-job-1  Stopped', ' Container pbabort-web-1  Stopping', ' Container pbabort-web-1  Stopped']);
    const parallel = [...abort.slice(0, k + 2), tail[2], tail[0], tail[1], tail[3], ...abort.slice(k + 6)];
    expect(keepExpectedInterleaving(parallel, abort)).toEqual(parallel);
    const stoppedFirst = [...abort.slice(0, k + 2), tail[1], tail[0], ...tail.slice(2), ...abort.slice(k + 6)];
    expect(keepExpectedInterleaving(stoppedFirst, abort)).toEqual(abort);
  });
});

describe('other outputs', () => {
  it('are left as they are', () => {
    const lines = ['hello', ' Container x  Created', 'bye'];
    expect(keepExpectedInterleaving(['bye', 'hello'], lines)).toEqual(lines);
    expect(keepExpectedInterleaving([], lines)).toEqual(lines);
  });
});
