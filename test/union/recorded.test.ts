// The overlay's behaviour as the recordings show it, replayed whole in the fs suite (Stryker's
// STRYKER_SUITE=fs runs test/fs, test/union and test/volume only): hard links in an image layer
// in the writable layer and in a volume filled from the image (copy-up breaks a lower link; rm
// of one upper name drops the other's count; mv of a lower name is a new inode, of an upper one
// keeps it; commit and copy-on-mount keep the links),
// and docker diff for every kind of change (mode, owner, times, content, type, symlinks, opaque
// directories). Both engines.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { parseDaemonFlags } from '../../src/daemon/config.ts';
import type { EngineName } from '../../src/engine/profile.ts';

const RECORDINGS = ['hardlinks/lower-copy-up', 'hardlinks/names-share-inode', 'hardlinks/volume-copy-on-mount', 'core/diff-kinds', 'core/diff-ops'];

for (const engine of ['docker-20.10', 'docker-26.1'] as EngineName[]) {
  describe(`the overlay, recorded (${engine})`, () => {
    it.each(RECORDINGS)('%s', (name) => {
      const text = readFileSync(join(import.meta.dirname, '..', 'recorded', engine, `${name}.scenario`), 'utf8');
      const r = checkScenario(parseScenario(text, name), new SimulatedDocker({ engine, daemon: parseDaemonFlags('--bridge=none'), oracleBase: true }));
      expect(r.passed, r.diff).toBe(true);
    });
  });
}
