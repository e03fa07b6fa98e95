// compose's -t of stop, restart, down and up reaches the daemon's stop as its timeout, and the
// stops compose sends at once wait side by side on strata's clock (src/compose/project/stop.ts;
// recorded: compose/stop-timeout-flags, -scaled, -depends, -trap).

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';

/** A project whose services run a PID 1 that ignores SIGTERM (`sleep` as PID 1, stop_signal SIGTERM). */
function project(services: string[]): EngineState {
  const yaml = ['name: st', 'services:', ...services.flatMap((s) => s.split('|'))].join('\\n');
  let st = execute(initialState({ engine: 'docker-26.1' }), `printf '${yaml}\\n' > compose.yaml`).state;
  st = execute(st, 'docker compose --progress quiet up -d').state;
  return st;
}

const IGNORES = (name: string, more: string[] = []): string =>
  [`  ${name}:`, '    image: busybox', '    network_mode: none', '    command: sleep 1000', '    stop_signal: SIGTERM', ...more].join('|');

/** The seconds a command line waits: its clock time beyond that of a line that waits for nothing. */
function elapsed(st: EngineState, line: string): { seconds: number; state: EngineState; output: string; exitCode: number } {
  const r = execute(st, line);
  const base = execute(st, 'true').state.clock - st.clock;
  return { seconds: r.state.clock - st.clock - base, state: r.state, output: r.output, exitCode: r.exitCode };
}

function exitCode(st: EngineState, name: string): string {
  return execute(st, `docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' ${name}`).output;
}

describe('compose -t is the stop timeout the daemon waits', () => {
  it('stop -t N overrides stop_grace_period; without -t the grace period; without both 10 s', () => {
    const st = project([IGNORES('app', ['    stop_grace_period: 30s'])]);
    const withFlag = elapsed(st, 'docker compose --progress quiet stop -t 2');
    expect(withFlag.seconds).toBeGreaterThanOrEqual(2);
    expect(withFlag.seconds).toBeLessThan(3);
    expect(exitCode(withFlag.state, 'st-app-1')).toBe('exited 137\n');
    expect(elapsed(st, 'docker compose --progress quiet stop --timeout 4').seconds).toBeGreaterThanOrEqual(4);
    const grace = elapsed(st, 'docker compose --progress quiet stop');
    expect(grace.seconds).toBeGreaterThanOrEqual(30);
    expect(grace.seconds).toBeLessThan(31);
    const plain = project([IGNORES('app')]);
    const byDefault = elapsed(plain, 'docker compose --progress quiet stop');
    expect(byDefault.seconds).toBeGreaterThanOrEqual(10);
    expect(byDefault.seconds).toBeLessThan(11);
  });

  it('-t 0 kills at once and moves no clock', () => {
    const st = project([IGNORES('app', ['    stop_grace_period: 30s'])]);
    const r = elapsed(st, 'docker compose --progress quiet stop -t 0');
    expect(r.seconds).toBe(0);
    expect(exitCode(r.state, 'st-app-1')).toBe('exited 137\n');
  });

  it('down -t and restart -t wait too, restart then starts the container again', () => {
    const st = project([IGNORES('app')]);
    const down = elapsed(st, 'docker compose down -t 3');
    expect(down.seconds).toBeGreaterThanOrEqual(3);
    expect(down.output).toBe(' Container st-app-1  Stopping\n Container st-app-1  Stopped\n Container st-app-1  Removing\n Container st-app-1  Removed\n');
    const restart = elapsed(st, 'docker compose restart -t 3');
    expect(restart.seconds).toBeGreaterThanOrEqual(3);
    expect(restart.output).toBe(' Container st-app-1  Restarting\n Container st-app-1  Started\n');
    expect(exitCode(restart.state, 'st-app-1')).toBe('running 0\n');
  });

  it('up -t is the timeout of a recreated container\'s stop', () => {
    const st = project([IGNORES('app')]);
    const r = elapsed(st, 'docker compose --progress quiet up -d --force-recreate -t 2');
    expect(r.exitCode).toBe(0);
    expect(r.seconds).toBeGreaterThanOrEqual(2);
    expect(r.seconds).toBeLessThan(3);
    expect(elapsed(st, 'docker compose --progress quiet up -d --force-recreate').seconds).toBeGreaterThanOrEqual(10);
  });
});

describe('the stops compose sends at once wait side by side', () => {
  it('a scaled service and an independent one take the longest timeout once', () => {
    const st = project([IGNORES('web', ['    deploy:', '      replicas: 2']), IGNORES('worker', ['    stop_grace_period: 1s'])]);
    const r = elapsed(st, 'docker compose --progress quiet stop -t 4');
    expect(r.seconds).toBeGreaterThanOrEqual(4);
    expect(r.seconds).toBeLessThan(5);
    for (const c of ['st-web-1', 'st-web-2', 'st-worker-1']) expect(exitCode(r.state, c)).toBe('exited 137\n');
    // each container its own grace period: the worker's 1 s, the web's 10 s, side by side
    expect(elapsed(st, 'docker compose --progress quiet down').seconds).toBeGreaterThanOrEqual(10);
    expect(elapsed(st, 'docker compose --progress quiet down').seconds).toBeLessThan(11);
  });

  it('depends_on chains the stops (the dependent first); restart drops a depends_on without restart: true', () => {
    const st = project([IGNORES('db'), IGNORES('app', ['    depends_on:', '      - db'])]);
    const stop = elapsed(st, 'docker compose stop -t 2');
    expect(stop.seconds).toBeGreaterThanOrEqual(4);
    expect(stop.seconds).toBeLessThan(5);
    expect(stop.output).toBe(' Container st-app-1  Stopping\n Container st-app-1  Stopped\n Container st-db-1  Stopping\n Container st-db-1  Stopped\n');
    expect(elapsed(st, 'docker compose --progress quiet down -t 1').seconds).toBeGreaterThanOrEqual(2);
    const restart = elapsed(st, 'docker compose --progress quiet restart -t 3');
    expect(restart.seconds).toBeLessThan(4);
    const chained = project([IGNORES('db'), IGNORES('app', ['    depends_on:', '      db:', '        condition: service_started', '        restart: true'])]);
    expect(elapsed(chained, 'docker compose --progress quiet restart -t 3').seconds).toBeGreaterThanOrEqual(6);
  });

  it('a TERM trap that exits ends the stop at the next wake of its loop, with its own status', () => {
    const st = project([['  app:', '    image: busybox', '    network_mode: none', '    stop_signal: SIGTERM', `    command: sh -c "trap \\\\"echo bye; exit 3\\\\" TERM; while true; do sleep 1; done"`].join('|')]);
    const r = elapsed(st, 'docker compose --progress quiet stop -t 8');
    expect(r.seconds).toBeLessThanOrEqual(2);
    expect(exitCode(r.state, 'st-app-1')).toBe('exited 3\n');
    expect(execute(r.state, 'docker logs st-app-1').output).toBe('bye\n');
  });
});

describe('a negative timeout waits with no deadline (moby daemon/stop.go)', () => {
  it('a process that never ends is refused by name, nothing changed; one that ends by itself ends the stop', () => {
    const forever = project([IGNORES('app').replace('command: sleep 1000', 'command: sleep infinity')]);
    const loop = project([IGNORES('app').replace('command: sleep 1000', 'command: sh -c "while :; do sleep 1; done"')]);
    for (const [st, line] of [[forever, 'docker compose --progress quiet stop -t -1'], [forever, 'docker stop -t -1 st-app-1'], [loop, 'docker compose --progress quiet down -t -1']] as const) {
      const r = execute(st, line);
      expect(r.exitCode).toBe(125);
      expect(r.output).toBe('strata does not simulate a stop with a negative timeout of st-app-1, whose main process does not end: the daemon waits for it forever\n');
      expect(exitCode(r.state, 'st-app-1')).toBe('running 0\n');
    }
    const ends = project([IGNORES('app').replace('command: sleep 1000', 'command: sleep 30')]);
    const r = elapsed(ends, 'docker compose --progress quiet stop -t -1');
    expect(r.exitCode).toBe(0);
    expect(r.seconds).toBeGreaterThanOrEqual(28);
    expect(r.seconds).toBeLessThanOrEqual(30);
    expect(exitCode(r.state, 'st-app-1')).toBe('exited 0\n');
  });
});
