// A restart policy that a real daemon acts on is refused by name (container/restart.ts): strata
// runs no restarts, and a container shown exited with RestartCount 0 would be a wrong answer.
// Which ends a real daemon restarts was recorded on both oracle engines (20.10 and 26.1 printed
// the same), with `sleep 4` and then `docker inspect -f '{{.Name}} {{.State.Status}}
// {{.RestartCount}} {{.State.ExitCode}}'`:
//   --restart always, `docker kill -s USR1` of a shell whose USR1 trap exits 5  -> running 1 0
//   the same with --stop-signal SIGTERM                                        -> running 1 0
//   --restart unless-stopped, `docker exec c kill 1` (a TERM trap exits 4)     -> running 1 0
//   --restart on-failure:2, `exit 3`                                           -> exited 2 3
//   --restart always --stop-signal SIGUSR1, `docker kill -s TERM`, TERM trap exits 7 -> running 1 0
// The ends it does not act on are the recording lifecycle/restart-policy-not-acted-on, whose cases
// the second test repeats here (the mutation suite of src/container runs no recordings).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const REFUSED = /^strata does not simulate the daemon restarting (\S+): its main process ended \(exit status (\d+)\) and its restart policy `([^`]+)` restarts it/m;

function refusal(output: string): { name: string; status: number; policy: string } | undefined {
  const m = REFUSED.exec(output);
  return m ? { name: m[1], status: Number(m[2]), policy: m[3] } : undefined;
}

describe('a restart the daemon would make is refused, and the command changes nothing', () => {
  it.each(['docker-20.10', 'docker-26.1'] as const)('on %s', (engine) => {
    const d = new SimulatedDocker({ engine });
    const names = () => d.run("docker ps -a --format '{{.Names}}'").output;

    // an end at the start: the run is refused and leaves no container
    let r = d.run("docker run -d --name rp-fail --restart on-failure:2 busybox sh -c 'exit 3'");
    expect(r.exitCode).toBe(125);
    expect(refusal(r.output)).toEqual({ name: 'rp-fail', status: 3, policy: 'on-failure:2' });
    expect(names()).toBe('');

    // a signal that is not the stop signal does not cancel `always`
    expect(d.run(`docker run -d --name rp-usr1 --restart always busybox sh -c 'trap "exit 5" USR1; sleep 1000 & wait'`).exitCode).toBe(0);
    r = d.run('docker kill -s USR1 rp-usr1');
    expect(refusal(r.output)).toEqual({ name: 'rp-usr1', status: 5, policy: 'always' });
    expect(d.run("docker inspect -f '{{.State.Status}}' rp-usr1").output).toBe('running\n');

    expect(d.run(`docker run -d --name rp-stopsig --stop-signal SIGTERM --restart always busybox sh -c 'trap "exit 5" USR1; sleep 1000 & wait'`).exitCode).toBe(0);
    expect(refusal(d.run('docker kill -s USR1 rp-stopsig').output)?.name).toBe('rp-stopsig');

    // a signal from inside is no stop by hand
    expect(d.run(`docker run -d --name rp-inside --restart unless-stopped busybox sh -c 'trap "exit 4" TERM; sleep 1000 & wait'`).exitCode).toBe(0);
    expect(refusal(d.run('docker exec rp-inside kill 1').output)).toEqual({ name: 'rp-inside', status: 4, policy: 'unless-stopped' });

    // the stop signal and SIGKILL cancel it: the containers stop and stay stopped
    for (const name of ['rp-usr1', 'rp-stopsig']) expect(d.run(`docker kill ${name}`).exitCode).toBe(0);
    expect(d.run('docker stop -t 1 rp-inside').exitCode).toBe(0);

    // an end while the clock moves: the command that moves it is refused
    expect(d.run('docker run -d --name rp-sleep --restart always busybox sleep 3').exitCode).toBe(0);
    r = d.run('sleep 5');
    expect(r.exitCode).toBe(125);
    expect(refusal(r.output)).toEqual({ name: 'rp-sleep', status: 0, policy: 'always' });
  });
});

describe('the ends the daemon does not act on run as before (lifecycle/restart-policy-not-acted-on)', () => {
  it.each(['docker-20.10', 'docker-26.1'] as const)('on %s', (engine) => {
    const d = new SimulatedDocker({ engine });
    const lines = [
      "docker run -d --name rp-zero --restart on-failure:2 busybox sh -c 'exit 0'",
      'docker run -d --name rp-killed --restart always busybox sleep 1000',
      'docker kill rp-killed',
      'docker run -d --name rp-stopped --restart always busybox sleep 1000',
      'docker stop -t 1 rp-stopped',
      `docker run -d --name rp-unless --restart unless-stopped busybox sh -c 'trap "exit 5" USR1; sleep 1000 & wait'`,
      'docker kill -s USR1 rp-unless',
      `docker run -d --name rp-stopsig --stop-signal SIGUSR1 --restart always busybox sh -c 'trap "exit 8" USR1; sleep 1000 & wait'`,
      'docker kill -s USR1 rp-stopsig',
      "docker run -d --name rp-none busybox sh -c 'exit 3'",
      'sleep 3',
    ];
    for (const line of lines) expect(d.run(line).exitCode, line).toBe(0);
    expect(d.run("docker inspect -f '{{.Name}} {{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}' rp-zero rp-killed rp-stopped rp-unless rp-stopsig rp-none").output).toBe(
      '/rp-zero exited 0 0\n/rp-killed exited 0 137\n/rp-stopped exited 0 137\n/rp-unless exited 0 5\n/rp-stopsig exited 0 8\n/rp-none exited 0 3\n',
    );
  });

  it('a kill with another signal than the stop signal does not cancel `always`; the refusal names the policy as given', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run(`docker run -d --name rp-sig --stop-signal SIGUSR1 --restart always busybox sh -c 'trap "exit 7" TERM; sleep 1000 & wait'`).exitCode).toBe(0);
    expect(refusal(d.run('docker kill -s TERM rp-sig').output)).toEqual({ name: 'rp-sig', status: 7, policy: 'always' });
    expect(refusal(d.run("docker run -d --name rp-onf --restart on-failure busybox sh -c 'exit 2'").output)).toEqual({ name: 'rp-onf', status: 2, policy: 'on-failure' });
  });

  it('a stop by hand counts until the next start, also for a process that ends by itself after the signal', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    // busybox sleep as PID 1 ignores USR1, but the kill marked it stopped by hand (killWithSignal)
    expect(d.run('docker run -d --name rp-later --restart unless-stopped busybox sleep 3').exitCode).toBe(0);
    expect(d.run('docker kill -s USR1 rp-later').exitCode).toBe(0);
    expect(d.run('sleep 5').exitCode).toBe(0);
    expect(d.run("docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}' rp-later").output).toBe('exited 0 0\n');
    // started again, the stop is forgotten: its end is a restart again
    expect(d.run('docker start rp-later').exitCode).toBe(0);
    expect(refusal(d.run('sleep 5').output)?.name).toBe('rp-later');
  });
});
