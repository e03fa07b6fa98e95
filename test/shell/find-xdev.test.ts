// find -xdev (-mount) does not descend into a directory of another file system than its starting
// points', but still tests that mount point itself (busybox find.c fileAction: "-xdev stops on
// mountpoints, but AFTER mountpoint itself is processed"; GNU find the same). strata's find took
// the flag and crossed every mount; recorded: builds/sb-hardening-steps (`find / -xdev` in a RUN
// step and a container, which must not enter /proc).

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineName } from '../../src/engine/profile.ts';

function run(engine: EngineName, line: string): { output: string; exitCode: number } {
  const r = execute(initialState({ engine, oracleBase: true }), line);
  return { output: r.output, exitCode: r.exitCode };
}

describe('find -xdev', () => {
  for (const engine of ['docker-20.10', 'docker-26.1'] as EngineName[]) {
    it(`${engine}: stays on the starting point's file system, testing the mount points it meets`, () => {
      const r = run(engine, "docker run --rm -v xdevvol:/data --tmpfs /scratch busybox sh -c 'mkdir -p /x; touch /data/f /x/f /scratch/f; find / -xdev -name f; echo --; find / -xdev -name data -o -xdev -name scratch; echo --; find /data -xdev -name f; find /x /data -mount -name f'");
      expect(r.exitCode, r.output).toBe(0);
      const [root, points, vol] = r.output.split('--\n');
      expect(root).toBe('/x/f\n');
      expect(points.split('\n').filter(Boolean).sort()).toEqual(['/data', '/scratch']);
      expect(vol).toBe('/data/f\n/x/f\n/data/f\n');
    });

    it(`${engine}: without -xdev the walk enters the other mounts`, () => {
      const r = run(engine, "docker run --rm -v xdevvol:/data busybox sh -c 'touch /data/f; find /data / -path /proc -prune -o -name f -print'");
      expect(r.output.split('\n').filter(Boolean)).toEqual(['/data/f', '/data/f']);
    });
  }
});
