// A local volume of a network file system (--opt type=nfs, cifs, ...): the oracle's kernel has no
// such client (`no such device`), a normal install's asks the server, so a mount is refused by
// name rather than answered with the sandbox's error. Creating it is the driver's check of its
// options only (recorded: named-volumes/tmpfs-driver-option), which stays simulated.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

describe.each(['docker-20.10', 'docker-26.1'] as const)('a network file system volume on %s', (engine) => {
  it.each(['nfs', 'nfs4', 'cifs', 'smb3'])('of type %s is created, and refused by name when a container mounts it', (type) => {
    const d = new SimulatedDocker({ engine });
    expect(d.run(`docker volume create --driver local --opt type=${type} --opt o=addr=192.168.1.1,rw --opt device=:/srv/share net`)).toEqual({ output: 'net\n', exitCode: 0 });
    const got = d.run('docker run --rm -v net:/n busybox ls /n');
    expect(got.exitCode).toBe(125);
    expect(got.output).toBe(`strata does not simulate a local volume of type ${type}: it mounts over the network, so whether it mounts depends on the server\n`);
    expect(got.output).not.toContain('no such device');
  });

  it('keeps the kernel\'s answer for a type no kernel has', () => {
    const d = new SimulatedDocker({ engine });
    d.run('docker volume create --opt type=nosuchfs --opt device=x odd');
    const got = d.run('docker run --rm -v odd:/n busybox true');
    expect(got.output).toMatch(/failed to mount local volume: mount x:\/var\/lib\/docker\/volumes\/odd\/_data: no such device/);
  });
});
