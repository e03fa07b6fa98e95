// A restart policy that a real daemon acts on: the container is kept in the daemon's restart loop
// and strata follows it no further (container/restart.ts, unfollowed.ts): what would show it is
// refused by name, what the daemon answers whatever the moment is simulated (recorded on both
// engines: lifecycle/restart-loop-kept, compose/restart-loop-down). Which ends a real daemon
// restarts was recorded on both oracle engines (20.10 and 26.1 printed the same), with `sleep 4`
// and then `docker inspect -f '{{.Name}} {{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}'`:
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

describe('a container the daemon restarts is kept, and what would show it is refused', () => {
  it.each(['docker-20.10', 'docker-26.1'] as const)('on %s', (engine) => {
    // (the oracle's busybox:latest, StopSignal SIGKILL, as the recordings it follows)
    const d = new SimulatedDocker({ engine, oracleBase: true });

    // an end at the start: the run prints its ID as the real one does, and the container stays
    let r = d.run("docker run -d --name rp-fail --restart on-failure:2 busybox sh -c 'exit 3'");
    expect(r.exitCode).toBe(0);
    expect(r.output).toMatch(/^[0-9a-f]{64}\n$/);
    expect(refusal(d.run("docker ps -a --format '{{.Names}}'").output)).toEqual({ name: 'rp-fail', status: 3, policy: 'on-failure:2' });
    expect(refusal(d.run('docker inspect rp-fail').output)?.name).toBe('rp-fail');
    expect(refusal(d.run('docker logs rp-fail').output)?.name).toBe('rp-fail');
    // its name is taken whatever the moment
    expect(d.run('docker run -d --name rp-fail busybox true').output).toContain('Conflict. The container name "/rp-fail" is already in use');

    // a signal that is not the stop signal does not cancel `always`
    expect(d.run(`docker run -d --name rp-usr1 --restart always busybox sh -c 'trap "exit 5" USR1; sleep 1000 & wait'`).exitCode).toBe(0);
    r = d.run('docker kill -s USR1 rp-usr1');
    expect(r).toMatchObject({ exitCode: 0, output: 'rp-usr1\n' });
    expect(refusal(d.run("docker inspect -f '{{.State.Status}}' rp-usr1").output)).toEqual({ name: 'rp-usr1', status: 5, policy: 'always' });

    // a signal from inside is no stop by hand
    expect(d.run(`docker run -d --name rp-inside --restart unless-stopped busybox sh -c 'trap "exit 4" TERM; sleep 1000 & wait'`).exitCode).toBe(0);
    expect(d.run('docker exec rp-inside kill 1').exitCode).toBe(0);
    expect(refusal(d.run('docker stop rp-inside').output)).toEqual({ name: 'rp-inside', status: 4, policy: 'unless-stopped' });

    // an end while the clock moves: the line that moves it goes on, later lines too
    expect(d.run('docker run -d --name rp-sleep --restart always busybox sleep 3').exitCode).toBe(0);
    expect(d.run('sleep 5')).toMatchObject({ exitCode: 0, output: '' });
    expect(d.run('docker volume ls').exitCode).toBe(0);
    expect(refusal(d.run('docker wait rp-sleep').output)).toEqual({ name: 'rp-sleep', status: 0, policy: 'always' });
    // a listing that cannot hold it is not refused
    expect(d.run("docker ps -a --filter name=nothing-such --format '{{.Names}}'")).toMatchObject({ exitCode: 0, output: '' });

    // `docker rm` without -f answers with its state of the moment; -f removes it
    expect(refusal(d.run('docker rm rp-sleep').output)?.name).toBe('rp-sleep');
    expect(d.run('docker rm -f rp-fail rp-usr1 rp-inside rp-sleep')).toMatchObject({ exitCode: 0, output: 'rp-fail\nrp-usr1\nrp-inside\nrp-sleep\n' });
    expect(d.run("docker ps -a --format '{{.Names}}'")).toMatchObject({ exitCode: 0, output: '' });
  });

  it('the stop signal and SIGKILL cancel the restart: the container stops and shows as before', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run(`docker run -d --name rp-term --stop-signal SIGTERM --restart always busybox sh -c 'trap "exit 5" TERM; sleep 1000 & wait'`).exitCode).toBe(0);
    expect(d.run('docker run -d --name rp-kill --restart always busybox sleep 1000').exitCode).toBe(0);
    expect(d.run('docker kill -s TERM rp-term').exitCode).toBe(0);
    expect(d.run('docker kill rp-kill').exitCode).toBe(0);
    expect(d.run("docker inspect -f '{{.Name}} {{.State.Status}} {{.State.ExitCode}}' rp-term rp-kill").output).toBe('/rp-term exited 5\n/rp-kill exited 137\n');
  });
});

describe('what the runs of a restarting container do to its mounts', () => {
  it('a run that leaves its volume as it found it: the volume is followed, every run finds the same', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    // the entrypoint of a misconfigured server: it makes its directory, then exits
    expect(d.run("docker run -d --name rv-same --restart always -v rv-same:/data busybox sh -c 'mkdir -p /data/db; chmod 700 /data/db; exit 1'").exitCode).toBe(0);
    expect(d.run('docker rm -f rv-same').exitCode).toBe(0);
    expect(d.run("docker run --rm -v rv-same:/data busybox stat -c '%A %n' /data/db")).toMatchObject({ exitCode: 0, output: 'drwx------ /data/db\n' });
  });

  it('a run that changes its volume: the volume, and every container on it, are refused until the volume goes', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    expect(d.run('docker run -d --name rv-reader -v rv-log:/data busybox sleep 1000').exitCode).toBe(0);
    expect(d.run("docker run -d --name rv-grow --restart always -v rv-log:/data busybox sh -c 'echo run >> /data/log; exit 1'").exitCode).toBe(0);
    const volumeRefused = /^strata does not simulate volume rv-log past the restarts of rv-grow: /;
    // another container on the volume reads what timing decides
    expect(d.run('docker exec rv-reader cat /data/log').output).toMatch(volumeRefused);
    expect(d.run('docker run --rm -v rv-log:/data busybox cat /data/log').output).toMatch(volumeRefused);
    expect(d.run('docker volume prune -f').exitCode).toBe(0); // in use: it stays
    expect(d.run('docker rm -f rv-grow rv-reader').exitCode).toBe(0);
    expect(d.run('docker volume prune -f').output).toMatch(volumeRefused);
    expect(d.run('docker system df').output).toMatch(volumeRefused);
    expect(d.run('docker volume rm rv-log')).toMatchObject({ exitCode: 0, output: 'rv-log\n' });
    expect(d.run('docker run --rm -v rv-log:/data busybox ls /data')).toMatchObject({ exitCode: 0, output: '' });
  });

  it('a run that changes a bind: the host directory is refused to the host shell and to new containers', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run('mkdir -p /srv/out /srv/other && echo kept > /srv/other/f').exitCode).toBe(0);
    expect(d.run("docker run -d --name rb --restart always -v /srv/out:/out busybox sh -c 'date >> /out/log; exit 1'").exitCode).toBe(0);
    const hostRefused = /^strata does not simulate the host directory \/srv\/out past the restarts of rb: /;
    expect(d.run('cat /srv/out/log').output).toMatch(hostRefused);
    expect(d.run('docker run --rm -v /srv:/srv busybox ls /srv').output).toMatch(hostRefused);
    // beside it, the host is followed
    expect(d.run('cat /srv/other/f')).toMatchObject({ exitCode: 0, output: 'kept\n' });
    expect(d.run('docker rm -f rb').exitCode).toBe(0);
    expect(d.run('ls /srv/out').output).toMatch(hostRefused);
  });

  it('a run that writes the time writes other bytes at a later run: its volume is refused', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run("docker run -d --name rt --restart always -v rt:/data busybox sh -c 'date > /data/started; exit 1'").exitCode).toBe(0);
    expect(d.run('docker rm -f rt').exitCode).toBe(0);
    expect(d.run('docker run --rm -v rt:/data busybox cat /data/started').output).toMatch(/^strata does not simulate volume rt past the restarts of rt: /);
  });

  it('a run that does not end by itself leaves its mounts to timing', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run("docker run -d --name rs --restart always -v rs:/data busybox sh -c 'test -f /data/started && sleep 100; touch /data/started; exit 1'").exitCode).toBe(0);
    expect(d.run('docker rm -f rs').exitCode).toBe(0);
    expect(d.run('docker run --rm -v rs:/data busybox ls /data').output).toMatch(/^strata does not simulate volume rs past the restarts of rs: /);
  });
});

describe('docker logs of a container the daemon restarts', () => {
  it('is refused, and shows what each run after the first prints when the runs print the same', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run(`docker run -d --name lg --restart always busybox sh -c 'test -f /started || echo first; touch /started; echo "error: no password" >&2; exit 1'`).exitCode).toBe(0);
    const r = d.run('docker logs lg');
    expect(r.exitCode).toBe(125);
    // the first run wrote /started into its writable layer, which the next runs find
    expect(r.output).toMatch(/^strata does not simulate the daemon restarting lg: [^\n]*\nstrata: each of its runs after the first prints:\n {2}error: no password\n$/);
  });

  it('is refused without a run\'s output when a run does not end by itself', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run("docker run -d --name ls --restart always busybox sh -c 'test -f /s && sleep 100; touch /s; echo once; exit 1'").exitCode).toBe(0);
    expect(d.run('docker logs ls').output).toMatch(/^strata does not simulate the daemon restarting ls: [^\n]*removes it\n$/);
  });
});

describe('compose and a service the daemon restarts', () => {
  it('compose ps is refused, compose down removes it (recorded: compose/restart-loop-down)', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(
      d.run(String.raw`mkdir app && printf 'services:
  job:
    image: busybox
    restart: always
    command: ["sh", "-c", "exit 2"]
' > app/compose.yaml`).exitCode,
    ).toBe(0);
    expect(d.run('cd app && docker compose up -d').exitCode).toBe(0);
    expect(refusal(d.run('cd app && docker compose ps').output)).toEqual({ name: 'app-job-1', status: 2, policy: 'always' });
    expect(d.run('cd app && docker compose down').output).toContain(' Container app-job-1  Removed\n');
    expect(d.run('cd app && docker compose ps')).toMatchObject({ exitCode: 0 });
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
    expect(d.run('docker kill -s TERM rp-sig').exitCode).toBe(0);
    expect(refusal(d.run('docker inspect rp-sig').output)).toEqual({ name: 'rp-sig', status: 7, policy: 'always' });
    expect(d.run("docker run -d --name rp-onf --restart on-failure busybox sh -c 'exit 2'").exitCode).toBe(0);
    expect(refusal(d.run('docker inspect rp-onf').output)).toEqual({ name: 'rp-onf', status: 2, policy: 'on-failure' });
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
    expect(d.run('sleep 5').exitCode).toBe(0);
    expect(refusal(d.run('docker logs rp-later').output)?.name).toBe('rp-later');
  });
});
