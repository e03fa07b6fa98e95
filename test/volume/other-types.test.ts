// A local volume of a kernel file system that needs no device (sysfs, proc, ...): what mounting it
// would give is not simulated (src/volume/bind.ts otherFileSystem), so a container that mounts one
// is refused by name; an unknown type is the kernel's ENODEV, as recorded on both engines
// (mounts/local-volume-other-types: `no such device`), never a refusal.

import { expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { parseDaemonFlags } from '../../src/daemon/config.ts';

for (const type of ['proc', 'sysfs', 'overlay']) {
  it(`a volume of type ${type} is refused when a container mounts it`, () => {
    const docker = new SimulatedDocker({ engine: 'docker-26.1', daemon: parseDaemonFlags('--bridge=none') });
    expect(docker.run(`docker volume create --opt type=${type} --opt device=${type} vol`).exitCode).toBe(0);
    const r = docker.run('docker run --rm -v vol:/x busybox true');
    expect(r.output).toContain(`strata does not simulate a local volume of type ${type}`);
    expect(r.output).not.toContain('no such device');
  });
}

it('an unknown type is no such device, not a refusal', () => {
  const docker = new SimulatedDocker({ engine: 'docker-26.1', daemon: parseDaemonFlags('--bridge=none') });
  docker.run('docker volume create --opt type=probehostfs --opt device=x vol');
  const r = docker.run('docker run --rm -v vol:/x busybox true');
  expect(r.output).toContain('no such device');
  expect(r.output).not.toContain('strata does not simulate');
});
