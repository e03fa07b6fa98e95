// The postgres stand-ins' entrypoint, started as root, re-runs itself as postgres through gosu
// (13-alpine: su-exec), as docker-library/postgres's does (`exec gosu postgres "$BASH_SOURCE" "$@"`):
// the server, PID 1, is postgres, so a root docker exec cannot write into its /proc/1/fd/1, in both
// modes (the stand-ins' bytes, and a normal install's placeholders). Ground truth:
// test/recorded/docker-*/catalog/postgres-gosu-drop.scenario (both engines).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { expectRecordingFile } from './recorded.ts';

describe.each(['docker-20.10', 'docker-26.1'] as const)('the postgres stand-ins drop root as the real entrypoint does (%s)', (engine) => {
  it('replays the recording', () => {
    expectRecordingFile(engine, 'catalog/postgres-gosu-drop', true);
  });

  it.each([true, false])('runs the server as postgres (stand-ins %s)', (busyboxStandIns) => {
    const d = new SimulatedDocker({ engine, busyboxStandIns });
    d.run('docker run -d --name db -e POSTGRES_PASSWORD=pw postgres:17');
    const r = d.run("docker exec db sh -c 'echo x > /proc/1/fd/1'");
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toMatch(/Permission denied/);
    expect(d.run("docker exec db stat -c '%U:%G' /proc/1").output).toBe('postgres:postgres\n');
  });

  it('runs the init scripts as postgres', () => {
    // (sourced by the re-run entrypoint; a normal install keeps what a stand-in's script writes as
    // a placeholder, so this looks with the stand-ins' bytes)
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run("mkdir -p /tmp/initdb && echo 'id -un > /tmp/who' > /tmp/initdb/who.sh");
    d.run('docker run -d --name init -e POSTGRES_PASSWORD=pw -v /tmp/initdb:/docker-entrypoint-initdb.d postgres:17');
    expect(d.run("docker exec init sh -c 'cat /tmp/who; stat -c %U /tmp/who'").output).toBe('postgres\npostgres\n');
  });

  it('keeps the user it was started as', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run('docker run -d --name db --user postgres -e POSTGRES_PASSWORD=pw postgres:17-alpine');
    expect(d.run("docker exec db sh -c 'echo mine > /proc/1/fd/1'").exitCode).toBe(0);
    expect(d.run('docker logs db').output).toMatch(/\nmine\n$/);
  });
});
