// `docker rmi` of a normal install's pulled catalog image (src/image/store.ts refuseFreeingReal):
// a real daemon reports every layer it frees as `Deleted: sha256:<chain ID>` (moby
// daemon/images/image_delete.go imageDeleteHelper), and a chain ID needs the layers' diff IDs,
// which docker-library/repo-info does not give; so freeing the real image's layers is refused by
// name, while what frees none of them (untagging a second tag, deleting under a container) prints
// what the daemon prints. The IDs below are repo-info's (0b63eeca29bd repos/postgres/remote/16.md:
// the first `docker pull` line's digest and the linux/amd64 Image ID), never strata's output.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const POSTGRES_ID = '1b3c642526f8d274b12bdcd93b90aeb7e68a1f59eb20613adb96ed561c01d98c';
const POSTGRES_DIGEST = 'sha256:a3b7f434b2dc57ce85a67e171163eb8ab1a1ebcb39d27484661f26b1dfbe30d6';

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker rmi of a pulled catalog image in a normal install (%s)', (engine) => {
  it('is refused by name when it would free the real layers, and leaves the image there', () => {
    const d = new SimulatedDocker({ engine });
    expect(d.run('docker pull -q postgres:16').exitCode).toBe(0);
    const r = d.run('docker rmi postgres:16');
    expect(r.exitCode).toBe(125);
    expect(r.output).toMatch(/^strata does not simulate deleting the layers of the real postgres:16: the daemon reports each layer it frees as `Deleted: sha256:<chain ID>` \(the image has 14 layers\), and a chain ID comes from the layers' uncompressed digests \(diff IDs\)/);
    // the refused command changed nothing: the tag and the digest are there
    expect(d.run("docker image inspect -f '{{.Id}} {{.RepoTags}} {{.RepoDigests}}' postgres:16").output).toBe(`sha256:${POSTGRES_ID} [postgres:16] [postgres@${POSTGRES_DIGEST}]\n`);
    // docker image prune -a deletes it the same way
    const prune = d.run('docker image prune -a -f');
    expect(prune.exitCode).toBe(125);
    expect(prune.output).toMatch(/^strata does not simulate deleting the layers of the real postgres:16/);
    expect(d.run("docker images -q postgres").output).toBe(`${POSTGRES_ID.slice(0, 12)}\n`);
  });

  it('untags a second tag: no layer is freed, the daemon says only Untagged', () => {
    const d = new SimulatedDocker({ engine });
    d.run('docker pull -q postgres:16');
    expect(d.run('docker tag postgres:16 mypg').exitCode).toBe(0);
    expect(d.run('docker rmi mypg')).toEqual({ output: 'Untagged: mypg:latest\n', exitCode: 0 });
  });

  it('deletes under a stopped container with -f: the container keeps the layers, only the image goes', () => {
    const d = new SimulatedDocker({ engine });
    d.run('docker pull -q postgres:16');
    expect(d.run('docker create --name pg postgres:16').exitCode).toBe(0);
    expect(d.run('docker rmi -f postgres:16')).toEqual({
      output: `Untagged: postgres:16\nUntagged: postgres@${POSTGRES_DIGEST}\nDeleted: sha256:${POSTGRES_ID}\n`,
      exitCode: 0,
    });
  });

  it("frees busybox:latest's layer as when nothing else is there: the real image stands on none of it", () => {
    // postgres:16's first layer is 6b37362b3da7 (repo-info), busybox's b05093807bb0: they share
    // no layer, whatever the stand-in is built on
    const alone = new SimulatedDocker({ engine }).run('docker rmi busybox');
    expect(alone.output).toMatch(/^Untagged: busybox:latest\nDeleted: sha256:[0-9a-f]{64}\nDeleted: sha256:[0-9a-f]{64}\n$/);
    const d = new SimulatedDocker({ engine });
    d.run('docker pull -q postgres:16');
    expect(d.run('docker rmi busybox')).toEqual(alone);
    // the real image still runs, and a pull of busybox downloads its layer again
    expect(d.run('docker run --rm postgres:16 ls -d /var/lib/postgresql').output).toBe('/var/lib/postgresql\n');
    expect(d.run('docker pull busybox').output).toContain(': Pull complete\n');
    // docker image prune -a, with the real image in use: busybox goes as it goes alone
    const prunedAlone = new SimulatedDocker({ engine });
    prunedAlone.run('docker pull -q busybox');
    const expected = prunedAlone.run('docker image prune -a -f');
    expect(expected.output).toMatch(/^Deleted Images:\n(untagged: .*\n)+deleted: sha256:[0-9a-f]{64}\ndeleted: sha256:[0-9a-f]{64}\n\nTotal reclaimed space: [1-9]/);
    expect(d.run('docker create --name db postgres:16').exitCode).toBe(0);
    expect(d.run('docker image prune -a -f')).toEqual(expected);
  });

  it("the oracle's stand-ins are deleted as the recorder built them", () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run('docker pull -q postgres:16');
    const r = d.run('docker rmi postgres:16');
    expect(r.exitCode).toBe(0);
    expect(r.output).toMatch(/^Untagged: postgres:16\n/);
  });
});
