// What a build stage's state decides in the image (src/image/build/build-state.ts), stated through
// docker build on both engines: a stage read by COPY --from is its layers stacked in order (the last
// write of a file wins, as in any overlay), and an image ID is the digest of a config that holds
// the history (moby image/image.go: the ID is the sha256 of the config JSON, history included).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const ENGINES = ['docker-20.10', 'docker-26.1'] as const;

describe('a build stage', () => {
  it('is read by COPY --from with its last layer on top', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run(`printf 'FROM busybox AS one\\nRUN echo first > /f\\nRUN echo second > /f\\nFROM busybox\\nCOPY --from=one /f /copied\\n' > Dockerfile`);
      expect(d.run('docker build -q -t mut-from .').exitCode, engine).toBe(0);
      expect(d.run('docker run --rm mut-from cat /copied').output, engine).toBe('second\n');
    }
  });

  it('makes a different image for a different history, even with the same config and layers', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      const ids = ['true', ':'].map((cmd) => {
        d.run(`printf 'FROM busybox\\nRUN ${cmd}\\n' > Dockerfile`);
        return d.run('docker build -q .').output;
      });
      expect(ids[0], engine).toMatch(/^sha256:[0-9a-f]{64}\n$/);
      expect(ids[1], engine).not.toBe(ids[0]);
    }
  });
});
