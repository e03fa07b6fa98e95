// `docker compose up` converges the services as compose's graph traversal does (pkg/compose/
// convergence.go at v2.26.1: InDependencyOrder, ensureService's errgroup, recreateContainer,
// setDependentLifecycle): independent services and the replicas of a service are recreated side
// by side, so their slow stops overlap; a service waits for the services it depends on; a
// recreated service makes its dependents be recreated; the dependencies a named service brings
// are recreated only when they diverge. Ground truth: test/recorded/docker-26.1/compose-up/.

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';
import { expectRecordingFile } from '../container/recorded.ts';

/** A service whose PID 1 ignores SIGTERM (`sleep` as PID 1), with its stop grace period and dependencies. */
function service(name: string, grace: number, dependsOn: string[] = [], replicas = 1): string[] {
  return [
    `  ${name}:`,
    '    image: busybox',
    '    network_mode: none',
    '    command: sleep 1000',
    '    stop_signal: SIGTERM',
    `    stop_grace_period: ${grace}s`,
    ...(dependsOn.length > 0 ? [`    depends_on: [${dependsOn.join(', ')}]`] : []),
    ...(replicas > 1 ? ['    deploy:', `      replicas: ${replicas}`] : []),
  ];
}

function project(services: string[][]): EngineState {
  const yaml = ['name: cu', 'services:', ...services.flat()].join('\\n');
  let st = execute(initialState({ engine: 'docker-26.1' }), `printf '${yaml}\\n' > compose.yaml`).state;
  st = execute(st, 'docker compose --progress quiet up -d').state;
  return st;
}

/** The seconds a command line waits: its clock time beyond that of a line that waits for nothing. */
function elapsed(st: EngineState, line: string): { seconds: number; state: EngineState; output: string } {
  const r = execute(st, line);
  expect(r.exitCode, r.output).toBe(0);
  const base = execute(st, 'true').state.clock - st.clock;
  return { seconds: r.state.clock - st.clock - base, state: r.state, output: r.output };
}

/** A container's Created and StartedAt as seconds since the epoch (the host's `date -d`). */
function times(st: EngineState, name: string): { created: number; started: number } {
  const r = execute(st, `for f in .Created .State.StartedAt; do date -d "$(docker inspect -f "{{$f}}" ${name})" +%s; done`);
  const [created, started] = r.output.trim().split('\n').map(Number);
  return { created, started };
}

describe('the recordings', () => {
  it('compose-up/recreate-chain and recreate-side-by-side replay', () => {
    expectRecordingFile('docker-26.1', 'compose-up/recreate-chain');
    expectRecordingFile('docker-26.1', 'compose-up/recreate-side-by-side');
  });
});

describe('up recreates independent services side by side', () => {
  for (const graces of [[3, 5], [7, 2, 4], [1, 1, 1, 6]]) {
    it(`services with stop grace periods ${graces.join(', ')} s take the longest once`, () => {
      const names = graces.map((_, i) => `s${i}`);
      const st = project(graces.map((g, i) => service(names[i], g)));
      const r = elapsed(st, 'docker compose --progress quiet up -d --force-recreate');
      expect(r.seconds).toBe(Math.max(...graces));
      // every new container was created before the first stop ended, and started after the last
      for (const n of names) {
        const t = times(r.state, `cu-${n}-1`);
        expect(t.started - t.created).toBe(Math.max(...graces));
      }
    });
  }

  it('the replicas of a service too', () => {
    const st = project([service('web', 4, [], 3)]);
    const r = elapsed(st, 'docker compose --progress quiet up -d --force-recreate');
    expect(r.seconds).toBe(4);
    expect(r.state.clock).toBeGreaterThan(st.clock);
  });
});

describe('a dependent waits for its dependencies', () => {
  it('a chain adds its grace periods up; a branch beside it overlaps', () => {
    const st = project([service('db', 3), service('app', 2, ['db']), service('web', 4, ['app']), service('side', 6)]);
    const r = elapsed(st, 'docker compose --progress quiet up -d --force-recreate');
    expect(r.seconds).toBe(3 + 2 + 4);
    const db = times(r.state, 'cu-db-1');
    const app = times(r.state, 'cu-app-1');
    const web = times(r.state, 'cu-web-1');
    const side = times(r.state, 'cu-side-1');
    expect(app.created - db.created).toBe(3);
    expect(web.created - app.created).toBe(2);
    expect(side.created).toBe(db.created);
    // the starts come after the last recreate
    for (const t of [db, app, web, side]) expect(t.started).toBe(web.created + 4);
  });

  it('a service waits for the slowest of two dependencies', () => {
    const st = project([service('a', 2), service('b', 5), service('c', 1, ['a', 'b'])]);
    const r = elapsed(st, 'docker compose --progress quiet up -d --force-recreate');
    expect(r.seconds).toBe(5 + 1);
  });
});

describe('which services are recreated', () => {
  it('a dependency recreated for its config recreates its dependents (setDependentLifecycle), not its dependencies', () => {
    const st = project([service('db', 0), service('app', 0, ['db']), service('web', 0, ['app']), service('other', 0)]);
    const changed = execute(st, "sed -i '/^  app:/,/^  web:/s/sleep 1000/sleep 1002/' compose.yaml").state;
    const r = execute(changed, 'docker compose up -d');
    expect(r.output).toContain(' Container cu-db-1  Running\n');
    expect(r.output).toContain(' Container cu-other-1  Running\n');
    expect(r.output).toContain(' Container cu-app-1  Recreated\n');
    expect(r.output).toContain(' Container cu-web-1  Recreated\n');
    // --no-recreate recreates nothing, the lifecycle mark included
    const never = execute(changed, 'docker compose up -d --no-recreate');
    expect(never.output).not.toContain('Recreate');
  });

  it('--force-recreate of a named service leaves its dependencies alone unless they diverge', () => {
    const st = project([service('db', 0), service('app', 0, ['db'])]);
    const r = execute(st, 'docker compose up -d --force-recreate app');
    expect(r.output).toBe([' Container cu-db-1  Running', ' Container cu-app-1  Recreate', ' Container cu-app-1  Recreated', ' Container cu-app-1  Starting', ' Container cu-app-1  Started', ''].join('\n'));
    const changed = execute(st, "sed -i '/^  db:/,/^  app:/s/sleep 1000/sleep 1002/' compose.yaml").state;
    const diverged = execute(changed, 'docker compose up -d --force-recreate app');
    expect(diverged.output).toContain(' Container cu-db-1  Recreated\n');
  });

  it('--always-recreate-deps recreates the dependencies a named service brings (dependenciesRecreateStrategy)', () => {
    const st = project([service('db', 0), service('app', 0, ['db'])]);
    const r = execute(st, 'docker compose up -d --always-recreate-deps app');
    expect(r.exitCode, r.output).toBe(0);
    expect(r.output).toContain(' Container cu-db-1  Recreated\n');
    expect(r.output).toContain(' Container cu-app-1  Recreated\n');
    const bad = execute(st, 'docker compose up -d --always-recreate-deps --no-recreate app');
    expect(bad.output).toBe('--always-recreate-deps and --no-recreate are incompatible\n');
    expect(bad.exitCode).not.toBe(0);
  });
});
