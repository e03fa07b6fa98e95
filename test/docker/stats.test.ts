import { describe, expect, it } from 'vitest';
import { runLines as run } from './run-lines.ts';

// The recorded cases are tutorials/pt-stats-names and tutorials/pt-ps-format-table (names, IDs,
// order, a missing name); what no recording can show, because it differs on every run, is refused.
describe('docker stats', () => {
  const started = ['docker run -d --name one busybox sleep 100', 'docker run -d --name two busybox sleep 100'];

  it('--no-stream lists running containers newest first; .Container is the short ID then', () => {
    const r = run('docker-26.1', [...started, 'docker stop one', 'docker stats --no-stream --format "{{.Name}} {{.ID}} {{.Container}}"']);
    expect(r.exitCode).toBe(0);
    const id = run('docker-26.1', [...started, 'docker inspect -f "{{.Id}}" two']).output.slice(0, 12);
    expect(r.output).toBe(`two ${id} ${id}\n`);
  });

  it('named containers keep the order given, .Container as typed, a stopped one included; --no-trunc gives the whole ID', () => {
    const r = run('docker-20.10', [...started, 'docker stop two', 'docker stats --no-stream --no-trunc --format "table {{.Container}}\\t{{.Name}}\\t{{.ID}}" two one']);
    expect(r.exitCode).toBe(0);
    const lines = r.output.split('\n');
    expect(lines[0]).toMatch(/^CONTAINER {3}NAME {6}CONTAINER ID$/);
    expect(lines[1]).toMatch(/^two {9}two {7}[0-9a-f]{64}$/);
    expect(lines[2]).toMatch(/^one {9}one {7}[0-9a-f]{64}$/);
  });

  it('a name the daemon does not know fails the command without rows', () => {
    const r = run('docker-20.10', [...started, 'docker stats --no-stream --format "{{.Name}}" one ghost']);
    expect(r).toMatchObject({ exitCode: 1, output: 'Error response from daemon: No such container: ghost\n' });
  });

  it('refuses the usage columns (the default table has them) and the live stream', () => {
    const table = run('docker-26.1', [...started, 'docker stats --no-stream']);
    expect(table.exitCode).toBe(125);
    expect(table.output).toMatch(/^strata does not simulate docker stats' CPU % column/);
    const mem = run('docker-26.1', [...started, 'docker container stats --no-stream --format "{{.Name}} {{.MemUsage}}" one']);
    expect(mem.exitCode).toBe(125);
    expect(mem.output).toMatch(/MEM USAGE \/ LIMIT column/);
    const live = run('docker-26.1', [...started, 'docker stats --format "{{.Name}}"']);
    expect(live.exitCode).toBe(125);
    expect(live.output).toMatch(/^strata does not simulate the live stream of docker stats/);
  });

  it('with no container running, the default table is its header alone', () => {
    const r = run('docker-26.1', ['docker stats --no-stream']);
    expect(r).toMatchObject({ exitCode: 0, output: 'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS\n' });
  });
});
