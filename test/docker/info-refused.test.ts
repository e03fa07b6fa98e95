// docker info: what strata does not know is refused by name, never printed as if it were the
// daemon's. The fields it knows are checked against recordings (test/recorded/docker-*/system/info-format).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const HOST_FIELD = /^strata does not simulate docker info's \.(\w+): it is the host's \(strata knows \.Driver, [^)]+\)\n$/;

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker info on %s', (engine) => {
  const d = new SimulatedDocker({ engine });

  it('refuses the report without --format, which is the host', () => {
    for (const line of ['docker info', 'docker system info', "docker info --format ''"]) {
      const got = d.run(line);
      expect(got.exitCode).toBe(125);
      expect(got.output).toMatch(/^strata does not simulate docker info without --format: /);
    }
  });

  it.each([
    ['{{.KernelVersion}}', 'KernelVersion'],
    ['{{.NCPU}} cpus', 'NCPU'],
    ['{{.Driver}} {{.ServerVersion}}', 'ServerVersion'],
    ['{{.Swarm.LocalNodeState}}', 'Swarm'],
    ['{{range .DriverStatus}}{{index . 0}}{{end}}', 'DriverStatus'],
    ['{{json .}}', undefined],
    ['{{.}}', undefined],
  ])('refuses %s, a field of the host, and prints nothing of it', (format, field) => {
    const got = d.run(`docker info --format '${format}'`);
    expect(got.exitCode).toBe(125);
    const m = HOST_FIELD.exec(got.output);
    expect(m).not.toBeNull();
    if (field !== undefined) expect(m![1]).toBe(field);
  });

  it('takes a field no client has for a template error, not a refusal', () => {
    const got = d.run("docker info --format '{{.KernelVersions}}'");
    expect(got.exitCode).toBe(1);
    expect(got.output).toMatch(/can't evaluate field KernelVersions in type system\.(info|dockerInfo)\n$/);
  });

  it('refuses the counts while a container the daemon restarts is not followed', () => {
    const e = new SimulatedDocker({ engine });
    expect(e.run('docker run -d --name loop --restart always busybox false').exitCode).toBe(0);
    const got = e.run("docker info --format '{{.ContainersRunning}}'");
    expect(got.exitCode).toBe(125);
    expect(got.output).toMatch(/^strata does not simulate the daemon restarting loop/);
    // the storage driver does not depend on it
    expect(e.run("docker info --format '{{.Driver}}'").output).toBe('overlay2\n');
  });
});
