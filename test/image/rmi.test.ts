// docker rmi and docker image prune (src/image/store.ts: moby ImageService.ImageDelete,
// imageDeleteHelper, checkImageDeleteConflict, ImagesPrune) as the recordings show them, replayed
// in the unit suite (which leaves the corpora out) so that store.ts's mutants meet a test: a
// reference a container uses, an ID with several repositories, a running container (even with
// -f), a stopped one, a child image, -f by name, pruning dangling images and, with -a, every image
// no container uses.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { parseDaemonFlags } from '../../src/daemon/config.ts';
import type { EngineName } from '../../src/engine/profile.ts';

const RECORDINGS = ['image-layers/rmi-conflicts', 'image-layers/rmi-conflicts-by-id', 'core/rmi-in-use', 'image-layers/image-prune-filters', 'core/rebuild-dangling'];

describe.each(['docker-20.10', 'docker-26.1'] as EngineName[])('docker rmi and image prune (%s)', (engine) => {
  it.each(RECORDINGS)('%s', (name) => {
    const path = join(import.meta.dirname, '..', 'recorded', engine, `${name}.scenario`);
    const s = parseScenario(readFileSync(path, 'utf8'), path);
    const r = checkScenario(s, new SimulatedDocker({ engine, daemon: parseDaemonFlags('--bridge=none') }));
    expect(r.passed, r.diff).toBe(true);
  });
});
