// docker diff where an entry changed type, recorded on both engines. core/diff-type-swap: a
// directory made where the image had a file is `C`, and so is a file made where it had a
// directory, but what the new directory holds is listed too, each entry `A` (moby's overlay
// changes walk the upper layer: an entry no lower layer has at its path is added, pkg/archive
// changes.go `changes`). core/diff-type-same-meta: the type alone makes the change, with mode,
// owner and mtime set back to the image's (moby's statDifferent compares the whole st_mode, type
// bits included). Replayed whole in the fs suite, as recorded.test.ts does.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { parseDaemonFlags } from '../../src/daemon/config.ts';
import type { EngineName } from '../../src/engine/profile.ts';

const CASES = ['core/diff-type-swap', 'core/diff-type-same-meta'].flatMap((name) => (['docker-20.10', 'docker-26.1'] as EngineName[]).map((engine) => [name, engine] as const));

describe('docker diff of an entry that changed type', () => {
  it.each(CASES)('%s (%s)', (name, engine) => {
    const text = readFileSync(join(import.meta.dirname, '..', 'recorded', engine, `${name}.scenario`), 'utf8');
    const r = checkScenario(parseScenario(text, name), new SimulatedDocker({ engine, daemon: parseDaemonFlags('--bridge=none') }));
    expect(r.passed, r.diff).toBe(true);
  });
});
