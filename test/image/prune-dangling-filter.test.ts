// docker image prune's `dangling` filter beside the one the CLI adds (src/docker/commands/image/
// prune.ts pruneAll). 26.1 is recorded (image-layers/prune-dangling-filter); 20.10 follows moby
// v20.10 daemon/images/image_prune.go, whose ExactMatch chain lets `false` win: its prune of every
// unused image took the recording engine's base image along, so it is pinned here.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

function images(d: SimulatedDocker): string {
  return d.run("docker images --format '{{.Repository}}:{{.Tag}}' | sort").output;
}

function withTagged(engine: 'docker-20.10' | 'docker-26.1'): SimulatedDocker {
  const d = new SimulatedDocker({ engine });
  expect(d.run("docker build -q -t keep-tagged - <<'EOF'\nFROM busybox\nLABEL probe=1\nEOF").exitCode).toBe(0);
  return d;
}

describe('image prune --filter dangling=', () => {
  it('20.10: false (or 0) beside the CLI\'s true prunes every unused image, as -a does', () => {
    for (const value of ['false', '0']) {
      const d = withTagged('docker-20.10');
      const r = d.run(`docker image prune -f --filter dangling=${value}`);
      expect(r.exitCode).toBe(0);
      expect(r.output).toContain('untagged: keep-tagged:latest');
      expect(r.output).toContain('untagged: busybox:latest');
      expect(images(d)).toBe('');
    }
  });

  it('20.10: -a with dangling=true still prunes every unused image; other values prune the dangling ones', () => {
    const d = withTagged('docker-20.10');
    expect(d.run('docker image prune -f --filter dangling=maybe').output).toBe('Total reclaimed space: 0B\n');
    expect(d.run('docker image prune -f --filter dangling=').output).toBe('Total reclaimed space: 0B\n');
    expect(images(d)).toBe('busybox:latest\nkeep-tagged:latest\n');
    expect(d.run('docker image prune -a -f --filter dangling=true').output).toContain('untagged: keep-tagged:latest');
    expect(images(d)).toBe('');
  });

  it('26.1: true and false together are invalid, and nothing goes', () => {
    const d = withTagged('docker-26.1');
    const r = d.run('docker image prune -a -f --filter dangling=true');
    expect(r).toMatchObject({ output: "Error response from daemon: invalid filter 'dangling=[false true]'\n", exitCode: 1 });
    expect(images(d)).toBe('busybox:latest\nkeep-tagged:latest\n');
  });
});
