// A command line that would wait more than a day on strata's clock is refused (engine.ts `sleep`):
// in practice it waits until someone presses Ctrl-C (`sleep infinity`, a server run in the
// foreground), which strata does not simulate, and moving the clock that far showed every other
// container "Up 68 years" or "Exited (0) Infinity years ago".

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { MAX_COMMAND_SLEEP } from '../../src/engine/engine.ts';

const FOREVER = /^strata does not simulate a command that runs until it is interrupted/m;

describe('a command that runs until interrupted', () => {
  it('is refused and changes nothing, on the host, in a foreground docker run and in docker exec', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run('docker run -d --name bg busybox sleep 100000000').exitCode).toBe(0);
    const status = () => d.run("docker ps -a --format '{{.Names}} {{.Status}}'").output;
    for (const line of ['sleep infinity', `sleep ${MAX_COMMAND_SLEEP + 1}`, 'docker run --rm --name fg busybox sleep infinity', 'docker exec bg sleep 2147483647', 'sleep 50000; sleep 50000']) {
      const r = d.run(line);
      expect(r.exitCode, line).toBe(125);
      expect(r.output, line).toMatch(FOREVER);
    }
    // a refused line changes nothing, the clock included: the five took no time
    expect(status()).toBe('bg Up 1 second\n');
  });

  it('a server run in the foreground (its stand-in blocks for good) is refused; detached it runs', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run('docker pull -q nginx:alpine').exitCode).toBe(0);
    const r = d.run('docker run --name web -p 8080:80 nginx:alpine');
    expect(r.exitCode).toBe(125);
    expect(r.output).toMatch(FOREVER);
    expect(d.run("docker ps -a --format '{{.Names}}'").output).toBe('');
    expect(d.run('docker run -d --name web -p 8080:80 nginx:alpine').exitCode).toBe(0);
    expect(d.run("docker ps --format '{{.Names}} {{.Status}}'").output).toBe('web Up 1 second\n');
  });

  it('a wait of up to a day still moves the clock', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run('docker run -d --name bg busybox sleep 100000000').exitCode).toBe(0);
    expect(d.run(`sleep ${MAX_COMMAND_SLEEP}`).exitCode).toBe(0);
    expect(d.run("docker ps --format '{{.Status}}'").output).toBe('Up 24 hours\n');
  });
});
