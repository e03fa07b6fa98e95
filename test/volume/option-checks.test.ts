// The local driver's option checks (src/volume/options.ts validateVolumeOptions), each answer as
// both engines gave it (named-volumes/volume-create-option-checks, replayed whole below): moby
// volume/local/local_unix.go validateOpts (an unknown key, a key without the ones it needs) and
// setOpts (the size parsed by units.RAMInBytes: its error as it is, a size above 0 refused for
// want of project quotas, `size=0` accepted).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateVolumeOptions } from '../../src/volume/options.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { parseDaemonFlags } from '../../src/daemon/config.ts';
import type { EngineName } from '../../src/engine/profile.ts';

describe('validateVolumeOptions', () => {
  it.each([
    [{ device: '/x' }, 'missing required option: "type"'],
    [{ type: 'none' }, 'missing required option: "device"'],
    [{ o: 'bind', device: '/x' }, 'missing required option: "type"'],
    [{ o: 'bind', type: 'none' }, 'missing required option: "device"'],
    [{ size: '10m' }, 'quota size requested but no quota support'],
    [{ size: 'abc' }, "invalid size: 'abc'"],
    [{ type: 'tmpfs', device: 'tmpfs', size: '10m' }, 'quota size requested but no quota support'],
    [{ Type: 'none' }, 'invalid option: "Type"'],
  ])('%j: %s', (opts, error) => {
    expect(validateVolumeOptions(opts)).toBe(error);
  });

  it('accepts size=0 (no quota asked for) and the complete sets', () => {
    expect(validateVolumeOptions({ size: '0' })).toBeUndefined();
    expect(validateVolumeOptions({ type: 'none', device: '/x', o: 'bind' })).toBeUndefined();
    expect(validateVolumeOptions({})).toBeUndefined();
  });
});

for (const engine of ['docker-20.10', 'docker-26.1'] as EngineName[]) {
  it(`named-volumes/volume-create-option-checks (${engine})`, () => {
    const name = 'named-volumes/volume-create-option-checks';
    const text = readFileSync(join(import.meta.dirname, '..', 'recorded', engine, `${name}.scenario`), 'utf8');
    const r = checkScenario(parseScenario(text, name), new SimulatedDocker({ engine, daemon: parseDaemonFlags('--bridge=none') }));
    expect(r.passed, r.diff).toBe(true);
  });
}
