// A `docker exec` that opens /proc/1/fd/1 or /proc/1/fd/2 writes to the main process's stdout or
// stderr, the pipes the daemon copies into the container's log; its own /proc/self is another
// PID. Ground truth: test/recorded/docker-*/exec/exec-writes-main-log.scenario (both engines:
// `docker logs` shows the exec's lines, in order, stderr's apart; the exec prints only its own).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

describe.each(['docker-20.10', 'docker-26.1'] as const)('an exec writing to /proc/1/fd/N (%s)', (engine) => {
  it("logs what it writes there and prints only its own output", () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    expect(d.run('docker run -d --name app busybox sleep 1000').exitCode).toBe(0);
    const r = d.run("docker exec app sh -c 'echo to-log > /proc/1/fd/1; echo err-log > /proc/1/fd/2; echo mine'");
    expect(r.output).toBe('mine\n');
    expect(d.run('docker logs app').output).toBe('to-log\nerr-log\n');
    expect(d.run('docker logs app 2>/dev/null').output).toBe('to-log\n');
    // appending, and /proc/self is not PID 1's directory in an exec
    expect(d.run("docker exec app sh -c 'echo more >> /proc/1/fd/1; test /proc/self -ef /proc/1 || echo other'").output).toBe('other\n');
    expect(d.run('docker logs --tail 1 app').output).toBe('more\n');
    // /proc/self/fd/1 stays the exec's own
    expect(d.run("docker exec app sh -c 'echo own > /proc/self/fd/1'").output).toBe('own\n');
    expect(d.run('docker logs app').output).toBe('to-log\nerr-log\nmore\n');
  });

  it('keeps /proc/1/fd/1 the main process\'s own in the main process', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    const r = d.run("docker run --name once busybox sh -c 'echo main > /proc/1/fd/1; echo also'");
    expect(r.output).toBe('main\nalso\n');
    expect(d.run('docker logs once').output).toBe('main\nalso\n');
  });

  it('logs what a detached exec writes there', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run('docker run -d --name app busybox sleep 1000');
    expect(d.run("docker exec -d app sh -c 'echo from-detached > /proc/1/fd/1'").exitCode).toBe(0);
    expect(d.run('docker logs app').output).toBe('from-detached\n');
  });
});

describe('a detached exec that writes to /proc/1/fd/1 after a sleep', () => {
  it('logs it when its sleep is over', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', busyboxStandIns: true });
    d.run('docker run -d --name app busybox sleep 1000');
    d.run("docker exec -d app sh -c 'sleep 5; echo later > /proc/1/fd/1'");
    expect(d.run('docker logs app').output).toBe('');
    d.run('sleep 6');
    expect(d.run('docker logs app').output).toBe('later\n');
  });
});
