// A container's health: the rules of moby's monitor (daemon/health.go at v20.10.24 and v26.1.5)
// as container/health.ts states them, and the checks run on strata's clock through the engine
// (container/health-monitor.ts). The statuses before the first check are the recorded ones
// (builds/healthcheck on both engines); the rest is recorded in health/probe-runs, probe-fails.
import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { afterResult, healthTiming, MAX_LOG_ENTRIES, MAX_OUTPUT_LEN, waitBeforeCheck } from '../../src/container/health.ts';
import { PROFILES } from '../../src/engine/profile.ts';
import type { HealthResult, HealthState } from '../../src/engine/state.ts';
import { expectRecordingFile } from './recorded.ts';

const ENGINES = ['docker-20.10', 'docker-26.1'] as const;
const S = 1e9;

function withHealthcheck(engine: (typeof ENGINES)[number], flags: string, test = 'CMD true'): SimulatedDocker {
  const d = new SimulatedDocker({ engine });
  expect(d.run(`printf 'FROM busybox\\nHEALTHCHECK ${flags} ${test}\\n' | docker build -q -t hc -`).exitCode).toBe(0);
  return d;
}

const starting = (): HealthState => ({ status: 'starting', failingStreak: 0, log: [] });
const result = (start: number, exitCode: number): HealthResult => ({ start, end: start, exitCode, output: '' });

describe('handleProbeResult', () => {
  const t = healthTiming({ Test: ['CMD', 'x'], Retries: 2, StartPeriod: 10 * S });

  it('makes a passing check healthy and resets the streak', () => {
    const h = afterResult({ status: 'unhealthy', failingStreak: 4, log: [] }, result(100, 0), t, 0);
    expect(h).toEqual({ status: 'healthy', failingStreak: 0, log: [result(100, 0)] });
  });

  it('does not count failures while starting within the start period, and counts them after', () => {
    const within = afterResult(starting(), result(9.5, 1), t, 0);
    expect([within.status, within.failingStreak, within.log.length]).toEqual(['starting', 0, 1]);
    // 10 s after the start is no longer within it (timeSinceStart < startPeriod)
    const first = afterResult(within, result(10, 1), t, 0);
    expect([first.status, first.failingStreak]).toEqual(['starting', 1]);
    const second = afterResult(first, result(11, 1), t, 0);
    expect([second.status, second.failingStreak]).toEqual(['unhealthy', 2]);
  });

  it('measures the start period from the start', () => {
    expect(afterResult(starting(), result(1009, 1), t, 1000).failingStreak).toBe(0);
    expect(afterResult(starting(), result(1010, 1), t, 1000).failingStreak).toBe(1);
  });

  it('counts failures within the start period once a check has passed', () => {
    const healthy = afterResult(starting(), result(1, 0), t, 0);
    const failed = afterResult(healthy, result(2, 1), t, 0);
    expect([failed.status, failed.failingStreak]).toEqual(['healthy', 1]);
    expect(afterResult(failed, result(3, 7), t, 0).status).toBe('unhealthy');
  });

  it('takes 3 retries when none (or a negative count) is given, and any exit code but 0 as a failure', () => {
    for (const Retries of [undefined, 0, -1]) {
      const d = healthTiming({ Test: ['CMD', 'x'], ...(Retries === undefined ? {} : { Retries }) });
      let h = starting();
      for (const [i, code] of [-1, 2].entries()) h = afterResult(h, result(i, code), d, 0);
      expect([h.status, h.failingStreak]).toEqual(['starting', 2]);
      expect(afterResult(h, result(3, 255), d, 0).status).toBe('unhealthy');
    }
  });

  it('keeps the last 5 results', () => {
    let h = starting();
    for (let i = 0; i < 8; i++) h = afterResult(h, result(i, i % 2), t, 0);
    expect(MAX_LOG_ENTRIES).toBe(5);
    expect(h.log.map((r) => r.start)).toEqual([3, 4, 5, 6, 7]);
  });
});

describe('getInterval', () => {
  const cfg = { Test: ['CMD', 'x'], Interval: 60 * S, StartPeriod: 30 * S, StartInterval: 2 * S };

  it('waits the start interval while starting within the start period on 26.1, the interval after it or once healthy', () => {
    const p = PROFILES['docker-26.1'];
    const t = healthTiming(cfg);
    expect(waitBeforeCheck(t, p, 0, 'starting')).toBe(2);
    expect(waitBeforeCheck(t, p, 29, 'starting')).toBe(2);
    expect(waitBeforeCheck(t, p, 30, 'starting')).toBe(60);
    expect(waitBeforeCheck(t, p, 5, 'healthy')).toBe(60);
    expect(waitBeforeCheck(t, p, 5, 'unhealthy')).toBe(60);
  });

  it('takes the interval for a start interval not given on 26.1 (27.0 made it 5 s), and always on 20.10', () => {
    const { StartInterval: _, ...noStartInterval } = cfg;
    expect(waitBeforeCheck(healthTiming(noStartInterval), PROFILES['docker-26.1'], 0, 'starting')).toBe(60);
    expect(waitBeforeCheck(healthTiming(cfg), PROFILES['docker-20.10'], 0, 'starting')).toBe(60);
  });

  it('defaults to 30 s interval, 30 s timeout, no start period', () => {
    expect(healthTiming({ Test: ['CMD', 'x'] })).toEqual({ interval: 30, startInterval: 30, startPeriod: 0, timeout: 30, retries: 3 });
  });
});

describe('health checks on strata clock', () => {
  it('is starting until the first check, then what the checks decide, in ps, its filters and inspect', () => {
    for (const engine of ENGINES) {
      const d = withHealthcheck(engine, '--interval=3s --retries=1', 'CMD test -e /tmp/ok');
      d.run('docker run -d --name cc hc sleep 600');
      d.run('docker run -d --name plain busybox sleep 600');
      // 1 and 2 seconds after the start: the first check (at 3 s) has not run
      expect(d.run("docker ps --filter name=cc --format '{{.Status}}'").output, engine).toMatch(/^Up .* \(health: starting\)\n$/);
      expect(d.run("docker ps --filter health=none --format '{{.Names}}'").output, engine).toBe('plain\n');
      // the check at 3 s runs after the command at 3 s (it is due, not past)
      d.run('touch /tmp/nothing');
      expect(d.run("docker inspect --format '{{json .State.Health}}' cc").output, engine).toMatch(/^\{"Status":"unhealthy","FailingStreak":1,"Log":\[\{"Start":"[^"]+","End":"[^"]+","ExitCode":1,"Output":""\}\]\}\n$/);
      expect(d.run("docker ps --filter name=cc --format '{{.Status}}'").output, engine).toMatch(/^Up .* \(unhealthy\)\n$/);
      // at 6 s: the exec, then the check (passes); the sleep ends at 9 s, the next command at 10 s sees the check at 9 s
      d.run('docker exec cc touch /tmp/ok');
      d.run('sleep 3');
      expect(d.run("docker inspect --format '{{.State.Health.Status}} {{.State.Health.FailingStreak}} {{len .State.Health.Log}}' cc").output, engine).toBe('healthy 0 3\n');
      expect(d.run("docker ps --filter health=healthy --format '{{.Names}}'").output, engine).toBe('cc\n');
    }
  });

  it('moves the clock by what a host sleep sleeps, a command taking at least one second', () => {
    const d = withHealthcheck('docker-26.1', '--interval=10s');
    d.run('docker run -d --name cc hc sleep 600');
    // 9 s later (the sleep, then the next command a second on): not yet
    d.run('sleep 8');
    expect(d.run("docker inspect --format '{{len .State.Health.Log}}' cc").output).toBe('0\n');
    // within one command: after `sleep 2` the check at 10 s has run
    expect(d.run("sleep 2; docker inspect --format '{{len .State.Health.Log}}' cc").output).toBe('1\n');
  });

  it('runs the check in the container, sees and changes its files, and cuts its output at 4096 bytes', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    d.run("docker run -d --name cc --health-interval 1s --health-cmd 'echo x >> /tmp/n; head -c 5000 /dev/zero | tr \"\\\\0\" a' busybox sleep 600");
    d.run('sleep 4');
    expect(d.run('docker exec cc wc -l /tmp/n').output).toBe('4 /tmp/n\n');
    expect(d.run('docker diff cc').output).toBe('C /tmp\nA /tmp/n\n');
    const output = d.run("docker inspect --format '{{(index .State.Health.Log 0).Output}}' cc").output;
    expect(output).toBe('a'.repeat(MAX_OUTPUT_LEN) + '...\n');
  });

  it('times a check out where it sleeps: 20.10 logs the timeout, 26.1 adds what it printed', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run("docker run -d --name cc --health-interval 1s --health-timeout 2s --health-cmd 'echo begun; sleep 1; touch /tmp/a; sleep 5; touch /tmp/b' busybox sleep 600");
      d.run('sleep 3');
      const out = d.run("docker inspect --format '{{with index .State.Health.Log 0}}{{.ExitCode}} {{json .Output}}{{end}}' cc").output;
      expect(out, engine).toBe(engine === 'docker-20.10' ? '-1 "Health check exceeded timeout (2s)"\n' : '-1 "Health check exceeded timeout (2s): begun\\n"\n');
      expect(d.run('docker diff cc').output, engine).toBe('C /tmp\nA /tmp/a\n');
    }
  });

  it('stops with the container and starts again with it, the log kept', () => {
    // (the oracle's busybox:latest, StopSignal SIGKILL: the real one's docker stop waits 10 s)
    const d = new SimulatedDocker({ engine: 'docker-26.1', oracleBase: true });
    d.run("docker run -d --name cc --health-interval 1s --health-cmd 'exit 2' busybox sleep 600");
    // checks at 1, 2 and 3 s during the sleep, at 4 s before the stop at 5 s
    d.run('sleep 4');
    d.run('docker stop cc');
    const stopped = d.run("docker inspect --format '{{.State.Health.Status}} {{.State.Health.FailingStreak}} {{len .State.Health.Log}}' cc").output;
    expect(stopped).toBe('unhealthy 4 4\n');
    d.run('sleep 10');
    expect(d.run("docker inspect --format '{{len .State.Health.Log}}' cc").output).toBe('4\n');
    d.run('docker start cc');
    expect(d.run("docker inspect --format '{{.State.Health.Status}} {{.State.Health.FailingStreak}} {{len .State.Health.Log}}' cc").output).toBe('starting 0 4\n');
  });

  it('checks every start interval from the start on 26.1 while starting within the start period', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    d.run("docker run -d --name cc --health-interval 1h --health-start-period 1m --health-start-interval 2s --health-cmd 'exit 1' busybox sleep 600");
    d.run('sleep 5');
    // checks at 2 and 4 s (failures in the start period: not counted)
    expect(d.run("docker inspect --format '{{.State.Health.Status}} {{.State.Health.FailingStreak}} {{len .State.Health.Log}}' cc").output).toBe('starting 0 2\n');
  });

  it('runs the checks due in one move of the clock in time order, the earlier started first at the same time', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    d.run("docker run -d --name ca -v shared:/v --health-interval 3s --health-cmd 'printf a >> /v/log' busybox sleep 600");
    d.run("docker run -d --name cb -v shared:/v --health-interval 1s --health-cmd 'printf b >> /v/log' busybox sleep 600");
    // the sleep moves the clock from 2 to 5 s: b at 2 s, at 3 s a (started first) then b, b at 4 s;
    // then b at 5 s before the exec at 6 s
    d.run('sleep 4');
    expect(d.run('docker exec ca cat /v/log').output).toBe('babbb');
  });

  it('execs a CMD test as its argv, as the container\'s user, with nothing on stdin; a check ends when its sleeping does', () => {
    for (const engine of ENGINES) {
      const d = withHealthcheck(engine, '--interval=1s', 'CMD ["sh", "-c", "echo \\"$0 $(id -u)\\"; cat; sleep 2", "a  b"]');
      d.run('docker run -d --name cc --user nobody hc sleep 600');
      // the check at 1 s sleeps to 3 s; the next is at 4 s
      d.run('sleep 5');
      expect(d.run("docker inspect --format '{{len .State.Health.Log}} {{json (index .State.Health.Log 0).Output}}' cc").output, engine).toBe('2 "a  b 65534\\n"\n');
    }
  });

  it('cuts the output written in several pieces at 4096 bytes', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    d.run("docker run -d --name cc --health-interval 1s --health-cmd 'for i in 1 2 3; do head -c 2000 /dev/zero | tr \"\\\\0\" $i; done' busybox sleep 600");
    d.run('sleep 1');
    const output = d.run("docker inspect --format '{{(index .State.Health.Log 0).Output}}' cc").output;
    expect(output).toBe('1'.repeat(2000) + '2'.repeat(2000) + '3'.repeat(96) + '...\n');
    // exactly 4096 bytes are kept whole
    d.run("docker run -d --name cd --health-interval 1s --health-cmd 'head -c 4096 /dev/zero | tr \"\\\\0\" x' busybox sleep 600");
    d.run('sleep 1');
    expect(d.run("docker inspect --format '{{(index .State.Health.Log 0).Output}}' cd").output).toBe('x'.repeat(4096) + '\n');
  });

  it('times out a check that sleeps exactly its timeout; 26.1 adds nothing when it printed nothing', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    d.run("docker run -d --name cc --health-interval 1s --health-timeout 2s --health-cmd 'sleep 2' busybox sleep 600");
    d.run('sleep 2');
    expect(d.run("docker inspect --format '{{with index .State.Health.Log 0}}{{.ExitCode}} {{.Output}}{{end}}' cc").output).toBe('-1 Health check exceeded timeout (2s)\n');
  });

  it('refuses a test that names no command when its check falls due', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    d.run(`printf 'services:\\n  db:\\n    image: busybox\\n    command: sleep 600\\n    healthcheck:\\n      test: ["CMD"]\\n      interval: 1s\\n' > compose.yaml`);
    expect(d.run('docker compose -p demo up -d').exitCode).toBe(0);
    // due 1 s after the start: after the command then, before the next
    expect(d.run('true').exitCode).toBe(0);
    const r = d.run('true');
    expect(r.exitCode).toBe(125);
    expect(r.output).toBe('strata does not simulate the health check of demo-db-1: its test ["CMD"] names no command, and the daemon\'s words for it are not recorded\n');
  });

  it('logs an exec that cannot start as exit code -1 with the runtime\'s words', () => {
    const d = withHealthcheck('docker-26.1', '--interval=1s --retries=1', 'CMD ["nope", "arg"]');
    d.run('docker run -d --name cc hc sleep 600');
    d.run('sleep 2');
    expect(d.run("docker inspect --format '{{.State.Health.Status}} {{with index .State.Health.Log 0}}{{.ExitCode}} {{.Output}}{{end}}' cc").output).toBe(
      'unhealthy -1 OCI runtime exec failed: exec failed: unable to start container process: exec: "nope": executable file not found in $PATH: unknown\n',
    );
  });

  it('runs no check while paused (unhealthy), and checks again an interval after the unpause', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    d.run("docker run -d --name cc --health-interval 2s --health-cmd 'true' busybox sleep 600");
    d.run('sleep 3');
    // the checks at 2 s ran; the pause (at 4 s) stops the monitor
    d.run('docker pause cc');
    expect(d.run("docker inspect --format '{{.State.Health.Status}} {{len .State.Health.Log}}' cc").output).toBe('unhealthy 1\n');
    d.run('sleep 10');
    expect(d.run("docker inspect --format '{{len .State.Health.Log}}' cc").output).toBe('1\n');
    // unpaused at 17 s (the sleep ran 6 to 15 s): the next check at 19 s, after the command at 19 s
    d.run('docker unpause cc');
    d.run('true');
    expect(d.run("docker inspect --format '{{.State.Health.Status}} {{len .State.Health.Log}}' cc").output).toBe('unhealthy 1\n');
    expect(d.run("docker inspect --format '{{.State.Health.Status}} {{len .State.Health.Log}}' cc").output).toBe('healthy 2\n');
  });

  it('follows no further a container with more checks than it runs while the clock moves once; the others are checked on', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    d.run("docker run -d --name cc --health-interval 1ms --health-cmd 'true' busybox sleep 600");
    d.run("docker run -d --name slow --health-interval 2s --health-cmd 'true' busybox sleep 600");
    expect(d.run('sleep 5')).toMatchObject({ exitCode: 0, output: '' });
    const r = d.run('docker inspect cc');
    expect(r.exitCode).toBe(125);
    expect(r.output).toMatch(/^strata does not simulate more than 1000 health checks while its clock moves once \(cc is checked every 1ms\), so it follows cc no further; `docker rm -f cc` removes it\n$/);
    expect(d.run("docker inspect --format '{{.State.Health.Status}}' slow").output).toBe('healthy\n');
    expect(d.run('docker rm -f cc').output).toBe('cc\n');
  });

  it('has no status for HEALTHCHECK NONE or an image without one', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run("printf 'FROM busybox\\nHEALTHCHECK NONE\\n' | docker build -q -t none -");
      d.run('docker run -d --name nn none sleep 600');
      d.run('sleep 60');
      expect(d.run("docker inspect --format '{{json .State.Health}}' nn").output, engine).toBe('null\n');
    }
  });

  it('refuses a sub-millisecond interval at create; compose refuses negative retries before the daemon sees them (compose/healthcheck-bounds, whole)', () => {
    expectRecordingFile('docker-26.1', 'compose/healthcheck-bounds');
  });
});
