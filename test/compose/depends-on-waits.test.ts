// compose waits before starting a service whose depends_on condition is service_healthy or
// service_completed_successfully (compose pkg/compose/convergence.go waitDependencies). strata
// waits for a completed dependency (it has exited, or it is still running: then refused by name)
// and for a healthy one, running its health checks as its clock moves (health/compose-healthy).

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';

const FILE = [
  'services:',
  '  db:',
  '    image: busybox',
  '    command: sleep 600',
  '  app:',
  '    image: busybox',
  '    command: sleep 600',
  '    depends_on:',
  '      db:',
  '        condition: CONDITION',
].join('\\n');

function project(condition: string) {
  return execute(initialState({ engine: 'docker-26.1' }), `printf '${FILE.replace('CONDITION', condition)}\\n' > compose.yaml`).state;
}

describe('depends_on conditions compose waits for', () => {
  it('service_completed_successfully: up waits for the dependency to exit (compose/depends-on-completed); one still running is refused by name', () => {
    const r = execute(project('service_completed_successfully'), 'docker compose -p demo up -d');
    expect(r.exitCode).toBe(125);
    expect(r.output).toContain(' Container demo-db-1  Waiting\n');
    expect(r.output).toMatch(/strata does not simulate compose waiting for `db` to exit before it starts `app`: its container demo-db-1 is still running\n$/);
  });
  it('service_completed_successfully: start waits as up does, with the files or with -p alone (the labels)', () => {
    let st = execute(initialState({ engine: 'docker-26.1' }), `printf '${FILE.replace('CONDITION', 'service_completed_successfully').replace('sleep 600', 'echo ok')}\\n' > compose.yaml`).state;
    st = execute(st, 'docker compose create').state;
    const r = execute(st, 'docker compose start');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain(' Container work-db-1  Waiting\n Container work-db-1  Exited\n Container work-app-1  Starting\n');
    const labels = execute(st, 'docker compose -p work start');
    expect(labels.exitCode).toBe(0);
    expect(labels.output).toContain(' Container work-db-1  Waiting\n Container work-db-1  Exited\n Container work-app-1  Starting\n');
  });
  it('service_healthy: up waits until the dependency is healthy, its checks running as the clock moves', () => {
    const file = FILE.replace('    command: sleep 600\\n  app:', '    command: sleep 600\\n    healthcheck:\\n      test: touch /tmp/checked\\n      interval: 5s\\n  app:');
    const st = execute(initialState({ engine: 'docker-26.1' }), `printf '${file.replace('CONDITION', 'service_healthy')}\\n' > compose.yaml`).state;
    const r = execute(st, 'docker compose -p demo up -d');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain(' Container demo-db-1  Started\n Container demo-db-1  Waiting\n Container demo-db-1  Healthy\n Container demo-app-1  Starting\n');
    // the first check ran 5 s after the start: compose's wait moved the clock past it
    expect(r.state.clock - st.clock).toBeGreaterThan(5);
    expect(execute(r.state, 'docker exec demo-db-1 ls /tmp').output).toBe('checked\n');
  });

  it('service_healthy: a dependency without a health check fails the start with compose\'s words; run stays refused', () => {
    let st = project('service_healthy');
    const r = execute(st, 'docker compose -p demo up -d');
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/ Container demo-db-1  Waiting\n Container demo-db-1  Error\ndependency failed to start: container demo-db-1 has no healthcheck configured\n$/);
    expect(execute(st, 'docker compose -p demo run --rm app true').exitCode).toBe(125);
    // --no-deps starts no dependency, so there is nothing to wait for
    expect(execute(st, 'docker compose -p demo run --rm --no-deps app true').exitCode).toBe(0);
    // create does not start, so it does not wait; start then would
    st = execute(st, 'docker compose -p demo create').state;
    expect(execute(st, 'docker compose -p demo start db').exitCode).toBe(0);
    expect(execute(st, 'docker compose -p demo start').exitCode).toBe(1);
  });

  it('service_started is no wait: up starts both', () => {
    const r = execute(project('service_started'), 'docker compose -p demo up -d');
    expect(r.exitCode).toBe(0);
    expect(execute(r.state, "docker ps --format '{{.Names}}'").output.split('\n').filter(Boolean).sort()).toEqual(['demo-app-1', 'demo-db-1']);
  });

  it('service_healthy: a dependency whose entrypoint sleeps before it is ready goes on while compose waits (tut-up-wait-mariadb)', () => {
    const file = FILE.replace('    command: sleep 600\\n  app:', '    command: sh -c "sleep 3; touch /tmp/ready; sleep 600"\\n    healthcheck:\\n      test: test -f /tmp/ready\\n      interval: 1s\\n      retries: 5\\n  app:');
    const st = execute(initialState({ engine: 'docker-26.1' }), `printf '${file.replace('CONDITION', 'service_healthy')}\n' > compose.yaml`).state;
    const r = execute(st, 'docker compose -p demo up -d');
    expect(r.output).toContain(' Container demo-db-1  Waiting\n Container demo-db-1  Healthy\n Container demo-app-1  Starting\n');
    expect(r.exitCode).toBe(0);
  });
});

describe('up --wait (compose start.go: every service running_or_healthy)', () => {
  const WAIT = ['services:', '  db:', '    image: busybox', '    command: sleep 600', 'HEALTH'].join('\n');
  const state = (health: string) =>
    execute(initialState({ engine: 'docker-26.1' }), `printf '${WAIT.replace('HEALTH', health)}\n' > compose.yaml`).state;

  it('a running service without a healthcheck is Healthy at once; one with a check once it passes', () => {
    const r = execute(state(''), 'docker compose -p demo up --wait');
    expect(r.exitCode).toBe(0);
    expect(r.output).toMatch(/ Container demo-db-1  Started\n Container demo-db-1  Waiting\n Container demo-db-1  Healthy\n$/);
    const h = execute(state('    healthcheck:\n      test: "true"\n      interval: 4s'), 'docker compose -p demo up -d --wait');
    expect(h.exitCode).toBe(0);
    expect(h.output).toMatch(/ Waiting\n Container demo-db-1  Healthy\n$/);
  });

  it('--wait-timeout ends the wait with compose\'s words before the first check is due; an unhealthy service fails without Error lines', () => {
    const st = state('    healthcheck:\n      test: "true"\n      interval: 1h');
    const r = execute(st, 'docker compose -p demo up -d --wait --wait-timeout 90');
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/ Container demo-db-1  Waiting\napplication not healthy after 1m30s\n$/);
    expect(r.state.clock - st.clock).toBeLessThanOrEqual(91);
    expect(execute(r.state, "docker inspect --format '{{.State.Health.Status}}' demo-db-1").output).toBe('starting\n');
    const sick = execute(state('    healthcheck:\n      test: "false"\n      interval: 1s\n      retries: 1'), 'docker compose -p demo up -d --wait --wait-timeout 90');
    expect(sick.exitCode).toBe(1);
    expect(sick.output).toMatch(/ Container demo-db-1  Waiting\ncontainer demo-db-1 is unhealthy\n$/);
  });
});
