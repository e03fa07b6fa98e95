// Local volumes with `--opt type=none --opt o=bind --opt device=DIR` (src/volume/bind.ts), stated
// by their recordings replayed whole in the fs suite (Stryker's STRYKER_SUITE=fs leaves the
// corpora out, and bind.ts had no other test of volumeRoot): the data lands in DIR, `volume rm`
// leaves it, copy-on-mount fills an empty DIR, the mount flags and data the daemon's mount error
// names (rbind 0x5000, ro,bind 0x1001, `defaults` as data), a DIR that is a file or missing, and
// `type=none` without bind (no such device). Both engines.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { parseDaemonFlags } from '../../src/daemon/config.ts';
import type { EngineName } from '../../src/engine/profile.ts';

const RECORDINGS = ['host-mounts/local-bind-volume', 'host-mounts/local-bind-volume-options', 'host-mounts/local-bind-volume-copy', 'host-mounts/bind-volume-hard-links'];

for (const engine of ['docker-20.10', 'docker-26.1'] as EngineName[]) {
  describe(`local bind volumes (${engine})`, () => {
    it.each(RECORDINGS)('%s', (name) => {
      const text = readFileSync(join(import.meta.dirname, '..', 'recorded', engine, `${name}.scenario`), 'utf8');
      const r = checkScenario(parseScenario(text, name), new SimulatedDocker({ engine, daemon: parseDaemonFlags('--bridge=none'), oracleBase: true }));
      expect(r.passed, r.diff).toBe(true);
    });
  });
}
