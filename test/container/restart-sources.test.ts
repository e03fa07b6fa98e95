// What a restarting container's runs reach, and what they cannot (container/restart-rerun.ts,
// unfollowed.ts), written against the survivors of the run stored in 560e113 (docs/mutation.md,
// session 20). The daemon's side: a read-only mount (`:ro`, the kernel's MS_RDONLY) and a tmpfs
// (private to each run, emptied at each start: moby daemon/start.go) are not changed by the runs, so
// they and the host beside the changed sources read as before, however many runs there were; a run
// finds the time later at each restart, so a run that removes what is older than an hour (`find
// -mmin +60 -delete`) removes, some restart later, what an earlier one left. (A new file: Stryker
// 9.6 knows tests by file, docs/mutation.md.)

import { describe, expect, it } from 'vitest';
import { dir, file, socket, type Node } from '../../src/fs/node.ts';
import { sameContent } from '../../src/container/restart-rerun.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const volumeRefused = (name: string, by: string) => new RegExp(`^strata does not simulate volume ${name} past the restarts of ${by}: `);
const hostRefused = (path: string, by: string) => new RegExp(`^strata does not simulate the host directory ${path.replace(/\//g, '\\/')} past the restarts of ${by}: `);

describe('a restarting container whose run does not end by itself', () => {
  it('leaves its writable volume to timing, not its read-only mounts, its tmpfs or the host beside them', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run('mkdir -p /srv/ro /srv/other && echo kept > /srv/ro/f && echo beside > /srv/other/f').exitCode).toBe(0);
    expect(d.run("docker run --rm -v rov:/r busybox sh -c 'echo kept > /r/f'").exitCode).toBe(0);
    expect(
      d.run("docker run -d --name rs --restart always -v rov:/r:ro -v /srv/ro:/b:ro --tmpfs /t -v rsw:/w busybox sh -c 'test -f /w/started && sleep 100; touch /w/started; exit 1'").exitCode,
    ).toBe(0);
    expect(d.run('docker rm -f rs')).toMatchObject({ exitCode: 0, output: 'rs\n' });
    expect(d.run('docker run --rm -v rsw:/w busybox ls /w').output).toMatch(volumeRefused('rsw', 'rs'));
    expect(d.run('docker run --rm -v rov:/r busybox cat /r/f')).toMatchObject({ exitCode: 0, output: 'kept\n' });
    expect(d.run('cat /srv/ro/f /srv/other/f')).toMatchObject({ exitCode: 0, output: 'kept\nbeside\n' });
    expect(d.run('docker run --rm -v /srv:/s busybox cat /s/ro/f')).toMatchObject({ exitCode: 0, output: 'kept\n' });
    // the changed volume is no host directory strata names: a bind of / reads the host as before
    expect(d.run('docker run --rm -v /:/host busybox cat /host/srv/other/f')).toMatchObject({ exitCode: 0, output: 'beside\n' });
  });
});

describe('a restarting container whose runs remove what is older than an hour', () => {
  it('leaves its volume to timing: a later run finds the first run\'s file old', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    expect(d.run("docker run --rm -v cv:/data busybox sh -c 'echo old > /data/f'").exitCode).toBe(0);
    expect(d.run("docker run -d --name clean --restart always -v cv:/data busybox sh -c 'find /data -type f -mmin +60 -delete; exit 0'").exitCode).toBe(0);
    expect(d.run('docker rm -f clean').exitCode).toBe(0);
    expect(d.run('docker run --rm -v cv:/data busybox ls /data').output).toMatch(volumeRefused('cv', 'clean'));
  });
});

describe('a restarting container that writes under a bind of the host\'s /', () => {
  it('leaves the whole host to timing', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run('mkdir -p /srv/x && echo x > /srv/x/f').exitCode).toBe(0);
    expect(d.run("docker run -d --name all --restart always -v /:/host busybox sh -c 'date >> /host/srv/log; exit 1'").exitCode).toBe(0);
    expect(d.run('cat /srv/x/f').output).toMatch(hostRefused('/', 'all'));
  });
});

describe('the containers on a source a restarting container changes', () => {
  it('are followed no further whichever of their mounts reaches it; a tmpfs or a volume reaches nothing', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    expect(d.run('mkdir -p /srv/sh').exitCode).toBe(0);
    expect(d.run('docker run -d --name second -v apart:/a -v /srv/sh:/in busybox sleep 1000').exitCode).toBe(0);
    expect(d.run("docker run -d --name wr --restart always -v /srv/sh:/out busybox sh -c 'echo x >> /out/log; exit 1'").exitCode).toBe(0);
    expect(d.run('docker exec second true').output).toMatch(hostRefused('/srv/sh', 'wr'));
    expect(d.run('docker run --rm --tmpfs /t -v fresh:/f busybox true')).toMatchObject({ exitCode: 0, output: '' });
  });

  it('keep their own refusal when they are restarting already', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run("docker run -d --name first --restart always -v shared:/s:ro busybox sh -c 'echo first-run; exit 1'").exitCode).toBe(0);
    expect(d.run("docker run -d --name grow --restart always -v shared:/s busybox sh -c 'echo x >> /s/log; exit 1'").exitCode).toBe(0);
    expect(d.run('docker run --rm -v shared:/s busybox true').output).toMatch(volumeRefused('shared', 'grow'));
    const r = d.run('docker logs first');
    expect(r.exitCode).toBe(125);
    expect(r.output).toMatch(/^strata does not simulate the daemon restarting first: [^\n]*\nstrata: each of its runs after the first prints:\n {2}first-run\n$/);
  });
});

describe('a loop strata stops following, with a volume and a tmpfs', () => {
  it('takes its volume with it, not the host: a bind of / reads the host as before', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run('mkdir -p /srv/other && echo beside > /srv/other/f').exitCode).toBe(0);
    expect(d.run("docker run -d --name lt -v lv:/v --tmpfs /t busybox sh -c 'while :; do echo x >> /v/log; echo x >> /t/log; sleep 0.01; done'").exitCode).toBe(0);
    expect(d.run('sleep 20').exitCode).toBe(0);
    expect(d.run('docker run --rm -v lv:/v busybox true').output).toMatch(/^strata does not simulate volume lv past this point: container lt, /);
    expect(d.run('cat /srv/other/f')).toMatchObject({ exitCode: 0, output: 'beside\n' });
    expect(d.run('docker run --rm -v /:/host busybox cat /host/srv/other/f')).toMatchObject({ exitCode: 0, output: 'beside\n' });
  });
});

describe('docker logs of a restarting container whose runs print 20 lines', () => {
  it('shows them all, without an ellipsis', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run("docker run -d --name twenty --restart always busybox sh -c 'seq 1 20; exit 1'").exitCode).toBe(0);
    const shown = d.run('docker logs twenty').output.split('\n');
    expect(shown[1]).toBe('strata: each of its runs after the first prints:');
    expect(shown.slice(2)).toEqual([...Array.from({ length: 20 }, (_, i) => `  ${i + 1}`), '']);
  });
});

describe('sameContent beyond the cases of unfollowed.test.ts', () => {
  it('tells a tree from none, a socket from an empty directory, and holds for two whiteouts', () => {
    expect(sameContent(undefined, file('x'))).toBe(false);
    expect(sameContent(socket({ mode: 0o755 }), dir({ mode: 0o755 }, {}))).toBe(false);
    const whiteout: Node = { kind: 'whiteout' };
    expect(sameContent(whiteout, { kind: 'whiteout' })).toBe(true);
  });

  it('tells another inode or another link count apart', () => {
    expect(sameContent(file('x', { ino: 5, nlink: 2 }), file('x', { ino: 6, nlink: 2 }))).toBe(false);
    expect(sameContent(file('x', { ino: 5, nlink: 2 }), file('x', { ino: 5, nlink: 3 }))).toBe(false);
    expect(sameContent(file('x', { ino: 5, nlink: 2 }), file('x', { ino: 5, nlink: 2 }))).toBe(true);
  });
});
