// Excerpts of the recorded corpora (test/recorded/) replayed as unit tests: each excerpt is copied
// unedited from the scenario its test cites, a few steps of it, so the unit suite (and Stryker's
// unit runs, which leave the whole corpora out) states the behaviour the recording shows, at the
// cost of those few steps. Replayed as test/conformance replays the corpora: the oracle's daemon
// runs with --bridge=none, and its busybox:latest is Debian's busybox 1.35 (EngineOptions.oracleBase),
// where a normal install has the real busybox:latest (src/image/busybox-real.ts).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { parseDaemonFlags } from '../../src/daemon/config.ts';
import type { EngineName } from '../../src/engine/profile.ts';

/**
 * The ID placeholders numbered again from 1 in the order they appear (src/scenario/normalize.ts
 * numbers them so): an excerpt from the middle of a recording starts at `<id6>`.
 */
function renumber(text: string): string {
  const seen = new Map<string, string>();
  const count = { id: 0, img: 0 };
  return text.replace(/<(id|img)(\d+)(:12)?>/g, (_m, kind: 'id' | 'img', n: string, short = '') => {
    const key = kind + n;
    if (!seen.has(key)) seen.set(key, `${kind}${++count[kind]}`);
    return `<${seen.get(key)}${short}>`;
  });
}

/** Replay `steps` (scenario text: `$ command`, its output, `[exit N]`) on a fresh engine and expect the recorded output. */
export function expectRecorded(engine: EngineName, steps: string): void {
  const s = parseScenario(`# title: excerpt\n# engine: ${engine}\n${renumber(steps.replace(/^\n/, ''))}`, 'excerpt');
  const r = checkScenario(s, new SimulatedDocker({ engine, daemon: parseDaemonFlags('--bridge=none'), oracleBase: true }));
  expect(r.passed, r.diff).toBe(true);
}

/** Replay a whole recording, test/recorded/<engine>/<name>.scenario, as test/conformance does (no copy of its steps). */
export function expectRecordingFile(engine: EngineName, name: string, busyboxStandIns = false): void {
  const s = parseScenario(readFileSync(join(import.meta.dirname, '..', 'recorded', engine, `${name}.scenario`), 'utf8'), name);
  const r = checkScenario(s, new SimulatedDocker({ engine, daemon: parseDaemonFlags('--bridge=none'), busyboxStandIns, oracleBase: true }));
  expect(r.passed, r.diff).toBe(true);
}
