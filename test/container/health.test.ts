// A container's health while its image's HEALTHCHECK has not run yet, and the refusal once strata's
// clock (one second per command) says the first check would have run (container/health.ts).
// The statuses are the recorded ones (builds/healthcheck on both engines).
import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const ENGINES = ['docker-20.10', 'docker-26.1'] as const;

function withHealthcheck(engine: (typeof ENGINES)[number], flags: string): SimulatedDocker {
  const d = new SimulatedDocker({ engine });
  expect(d.run(`printf 'FROM busybox\\nHEALTHCHECK ${flags} CMD true\\n' | docker build -q -t hc -`).exitCode).toBe(0);
  return d;
}

describe('health before the first check', () => {
  it('is starting while running and unhealthy once stopped, in ps, its filters and inspect', () => {
    for (const engine of ENGINES) {
      const d = withHealthcheck(engine, '--interval=10s');
      d.run('docker run -d --name cc hc sleep 600');
      d.run('docker run -d --name plain busybox sleep 600');
      expect(d.run("docker ps --filter name=cc --format '{{.Status}}'").output, engine).toMatch(/^Up .* \(health: starting\)\n$/);
      expect(d.run("docker ps --filter health=starting --format '{{.Names}}'").output, engine).toBe('cc\n');
      expect(d.run("docker ps --filter health=none --format '{{.Names}}'").output, engine).toBe('plain\n');
      expect(d.run("docker inspect --format '{{json .State.Health}}' cc").output, engine).toBe('{"Status":"starting","FailingStreak":0,"Log":[]}\n');
      d.run('docker stop -t 1 cc');
      expect(d.run("docker inspect --format '{{json .State.Health}}' cc").output, engine).toBe('{"Status":"unhealthy","FailingStreak":0,"Log":[]}\n');
      expect(d.run("docker ps -a --filter health=unhealthy --format '{{.Names}}'").output, engine).toBe('cc\n');
      // a new start is starting again
      d.run('docker start cc');
      expect(d.run("docker inspect --format '{{.State.Health.Status}}' cc").output, engine).toBe('starting\n');
    }
  });

  it('is refused once the first check would have run, and only where the health is shown', () => {
    for (const engine of ENGINES) {
      const d = withHealthcheck(engine, '--interval=3s');
      d.run('docker run -d --name cc hc sleep 600');
      for (let i = 0; i < 3; i++) d.run('true');
      const ps = d.run('docker ps');
      expect(ps.exitCode, engine).toBe(125);
      expect(ps.output, engine).toMatch(/^strata does not simulate health checks: .* cc would have run 3s after its start/);
      expect(d.run("docker inspect --format '{{json .State.Health}}' cc").exitCode, engine).toBe(125);
      // what does not show the health is still answered
      expect(d.run("docker ps --format '{{.Names}}'").output, engine).toBe('cc\n');
      expect(d.run("docker inspect --format '{{.State.Status}}' cc").output, engine).toBe('running\n');
      // stopped after the check would have run: its log is not known either
      d.run('docker stop -t 1 cc');
      expect(d.run("docker inspect --format '{{json .State.Health}}' cc").exitCode, engine).toBe(125);
    }
  });

  it('waits the start interval within a start period on 26.1, the interval on 20.10', () => {
    const flags = '--interval=1m --start-period=1m' + ' --start-interval=2s';
    const d26 = withHealthcheck('docker-26.1', flags);
    d26.run('docker run -d --name cc hc sleep 600');
    d26.run('true');
    expect(d26.run("docker inspect --format '{{.State.Health.Status}}' cc").exitCode).toBe(125);
    const d20 = withHealthcheck('docker-20.10', '--interval=1m --start-period=1m');
    d20.run('docker run -d --name cc hc sleep 600');
    d20.run('true');
    expect(d20.run("docker inspect --format '{{.State.Health.Status}}' cc").output).toBe('starting\n');
  });

  it('has no status for HEALTHCHECK NONE or an image without one', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run("printf 'FROM busybox\\nHEALTHCHECK NONE\\n' | docker build -q -t none -");
      d.run('docker run -d --name nn none sleep 600');
      expect(d.run("docker inspect --format '{{json .State.Health}}' nn").output, engine).toBe('null\n');
    }
  });
});
