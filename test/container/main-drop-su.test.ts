// A main process that drops root with busybox su (as the server images' entrypoints do with gosu,
// su-exec or setpriv) is that user from then on: docker top and /proc/1 show it, what it makes is
// its, a trap runs as it, and no docker exec but root with CAP_SYS_PTRACE reaches its /proc/1/fd/N
// (root fails the ptrace check; the user itself fails on the stdio pipes, which runc gave root).
// Ground truth: test/recorded/docker-*/exec/gosu-su-drop.scenario (both engines).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { expectRecordingFile } from './recorded.ts';

const DENIED = (fd: number): string => `sh: can't create /proc/1/fd/${fd}: Permission denied\n`;
const DROP = "su -s /bin/sh nobody -c 'touch /tmp/mine; exec sleep 1000'";

describe.each(['docker-20.10', 'docker-26.1'] as const)('a main process that dropped root with su (%s)', (engine) => {
  it('replays the recording', () => {
    expectRecordingFile(engine, 'exec/gosu-su-drop', true);
  });

  it('is the user for docker top, /proc/1 and the files it makes', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run(`docker run -d --name app busybox ${DROP}`);
    expect(d.run("docker exec app stat -c '%U:%G %n' /proc/1 /proc/1/fd /tmp/mine").output).toBe('nobody:nogroup /proc/1\nnobody:nogroup /proc/1/fd\nnobody:nogroup /tmp/mine\n');
    expect(d.run('docker top app').output.split('\n')[1]).toMatch(/^nobody +\d+ +\d+ +\d+ +\S+ +\? +00:00:00 +sleep 1000$/);
  });

  it('closes its /proc/1/fd to every exec but root with CAP_SYS_PTRACE', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run(`docker run -d --name app busybox ${DROP}`);
    for (const user of ['0', 'nobody', '65534:65534', '65534']) {
      const r = d.run(`docker exec -u ${user} app sh -c 'echo from-${user} > /proc/1/fd/1'`);
      expect(r.output, user).toBe(DENIED(1));
      expect(r.exitCode, user).toBe(1);
    }
    // an exec that drops to the same user itself is no better off
    expect(d.run("docker exec app su -s /bin/sh nobody -c 'echo x > /proc/1/fd/2'").output).toBe(DENIED(2));
    d.run(`docker run -d --name traced --cap-add SYS_PTRACE busybox ${DROP}`);
    expect(d.run("docker exec traced sh -c 'echo root > /proc/1/fd/1'").output).toBe('');
    expect(d.run('docker logs traced').output).toBe('root\n');
    expect(d.run('docker logs app').output).toBe('');
  });

  it('forgets the drop when the container starts again as root', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    // the first run drops, the second (its file is there) stays root
    d.run("docker run -d --name app busybox sh -c 'if [ -e /tmp/once ]; then exec sleep 1000; fi; touch /tmp/once; exec su -s /bin/sh nobody -c \"exec sleep 1000\"'");
    expect(d.run("docker exec app sh -c 'echo first > /proc/1/fd/1'").output).toBe(DENIED(1));
    d.run('docker kill app');
    d.run('docker start app');
    expect(d.run("docker exec app sh -c 'echo second > /proc/1/fd/1'").output).toBe('');
    expect(d.run('docker logs app').output).toBe('second\n');
  });

  it('runs a trap of the dropped shell as the user', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run(`docker run -d --name app busybox su -s /bin/sh nobody -c 'trap "touch /tmp/bye; exit 0" TERM; sleep 1000 & wait'`);
    d.run('docker kill -s TERM app');
    expect(d.run('docker wait app').output).toBe('0\n');
    expect(d.run("docker start app >/dev/null; docker exec app stat -c '%u:%g' /tmp/bye").output).toBe('65534:65534\n');
  });

  it('leaves a child su to itself: PID 1 stays root', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run("docker run -d --name app busybox sh -c 'su -s /bin/sh nobody -c \"touch /tmp/child\"; exec sleep 1000'");
    expect(d.run("docker exec app sh -c 'echo still-root > /proc/1/fd/1; stat -c %U /tmp/child /proc/1'").output).toBe('nobody\nroot\n');
    expect(d.run('docker logs app').output).toBe('still-root\n');
  });

  it('words su as busybox does', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    expect(d.run('docker run --rm --user 1000 busybox su -s /bin/sh nobody -c id').output).toBe('su: must be suid to work properly\n');
    expect(d.run('docker run --rm busybox su -s /bin/sh nobody -c id').output).toBe('uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n');
    expect(d.run("docker run --rm busybox su -s /bin/sh nobody -c 'echo \"$HOME $USER $LOGNAME $SHELL\"'").output).toBe('/nonexistent nobody nobody /bin/sh\n');
    expect(d.run("docker run --rm busybox su -p -s /bin/sh nobody -c 'echo \"$HOME\"'").output).toBe('/root\n');
    const r = d.run('docker run --rm busybox su -s /bin/sh nosuchuser -c id');
    expect(r.output).toBe('su: unknown user nosuchuser\n');
    expect(r.exitCode).toBe(1);
    expect(d.run('docker run --rm busybox su - nobody').output).toMatch(/strata does not simulate su -l/);
  });
});
