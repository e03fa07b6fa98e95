// compose waits before starting a service whose depends_on condition is service_healthy or
// service_completed_successfully (compose pkg/compose/start.go waitDependencies). strata waits for
// a completed dependency (it has exited or it is still running: then refused by name); the healthy
// wait is not simulated, so those starts are refused by name, before anything is created.

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
  it('service_completed_successfully: start with the files waits as up does; with -p alone (the labels) it is refused', () => {
    let st = execute(initialState({ engine: 'docker-26.1' }), `printf '${FILE.replace('CONDITION', 'service_completed_successfully').replace('sleep 600', 'echo ok')}\\n' > compose.yaml`).state;
    st = execute(st, 'docker compose create').state;
    const r = execute(st, 'docker compose start');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain(' Container work-db-1  Waiting\n Container work-db-1  Exited\n Container work-app-1  Starting\n');
    expect(execute(st, 'docker compose -p work start').exitCode).toBe(125);
  });
  for (const condition of ['service_healthy']) {
    it(`${condition}: up, run and start are refused by name and leave nothing behind`, () => {
      let st = project(condition);
      const r = execute(st, 'docker compose -p demo up -d');
      expect(r.exitCode).toBe(125);
      expect(r.output).toBe(`strata does not simulate compose waiting for \`db\` before it starts \`app\` (depends_on condition \`${condition}\`)\n`);
      expect(execute(r.state, 'docker ps -aq').output).toBe('');
      expect(execute(st, 'docker compose -p demo run --rm app true').exitCode).toBe(125);
      // --no-deps starts no dependency, so there is nothing to wait for
      expect(execute(st, 'docker compose -p demo run --rm --no-deps app true').exitCode).toBe(0);
      // create does not start, so it does not wait; start then would
      st = execute(st, 'docker compose -p demo create').state;
      expect(execute(st, 'docker compose -p demo start db').exitCode).toBe(0);
      expect(execute(st, 'docker compose -p demo start').exitCode).toBe(125);
    });
  }

  it('service_started is no wait: up starts both', () => {
    const r = execute(project('service_started'), 'docker compose -p demo up -d');
    expect(r.exitCode).toBe(0);
    expect(execute(r.state, "docker ps --format '{{.Names}}'").output.split('\n').filter(Boolean).sort()).toEqual(['demo-app-1', 'demo-db-1']);
  });
});
