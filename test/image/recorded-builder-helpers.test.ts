// More recordings replayed in the image suite, for the helpers of src/image/build/builder.ts that
// test/image/recorded.test.ts's recordings do not state (session 22's mutation run of builder.ts's
// helpers, docs/mutation.md): FROM --platform and its expansion (platformProblem), a FROM whose
// base expands to nothing (expandBase), COPY --link's step time (stepClock), the legacy VOLUME over
// a file (volumeOverFile), BuildKit's RUN without the daemon's bridge network (runNetwork), COPY
// --from by index, name and image (copySource), RUN's flags that fail the build and its exec form
// (runFlags), RUN --mount=type=bind of the context and of a stage (mountSource), and the mount
// stubs a RUN --mount step leaves (missingStubs, run-mount.ts pruneMountPoints). A new file rather
// than more rows in recorded.test.ts: Stryker 9.6 knows tests by file only, and an edit of that
// file would send every mutant its tests killed back to be tested again (docs/mutation.md,
// "Reproduce"). Each one is a whole recording, replayed as test/conformance replays it.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { parseDaemonFlags } from '../../src/daemon/config.ts';
import type { EngineName } from '../../src/engine/profile.ts';

const RECORDINGS: Record<string, string[]> = {
  'FROM lines': ['builds/from-platform', 'builds/from-platform-buildkit', 'builds/from-empty-base'],
  'step times, volumes, networks': ['builds/copy-link', 'builds/workdir-volume-over-file', 'compose/bridge-none-build'],
  'COPY --from and RUN flags': ['builds/rw-copy-from-forms', 'builds/build-flag-parse-errors', 'builds/run-mount-bind-context', 'builds/run-mount-point-prune', 'builds/realworld-exec-forms', 'builds/rw-copy-link-chmod'],
};

for (const engine of ['docker-20.10', 'docker-26.1'] as EngineName[]) {
  describe.each(Object.entries(RECORDINGS))(`%s (${engine})`, (_topic, names) => {
    it.each(names.filter((n) => existsSync(file(engine, n))))('%s', (name) => {
      const s = parseScenario(readFileSync(file(engine, name), 'utf8'), name);
      // as the oracle ran them: its stand-ins and its clock (test/conformance/conformance.test.ts)
      const r = checkScenario(s, new SimulatedDocker({ engine, daemon: parseDaemonFlags('--bridge=none'), busyboxStandIns: true }));
      expect(r.passed, r.diff).toBe(true);
    });
  });
}

function file(engine: EngineName, name: string): string {
  return join(import.meta.dirname, '..', 'recorded', engine, `${name}.scenario`);
}
