// A `docker exec` reaches the main process's /proc/1/fd/N only through the kernel's ptrace access
// check: its uid and gid must be the main process's, else it needs CAP_SYS_PTRACE (not in Docker's
// default set). Ground truth: test/recorded/docker-*/exec/savev1-exec-proc1-nonroot.scenario
// (both engines, the same outputs).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { expectRecordingFile } from './recorded.ts';

const DENIED = (fd: number): string => `sh: can't create /proc/1/fd/${fd}: Permission denied\n`;

describe.each(['docker-20.10', 'docker-26.1'] as const)('an exec writing to /proc/1/fd/N of a main process that is not root (%s)', (engine) => {
  it('replays the recording', () => {
    expectRecordingFile(engine, 'exec/savev1-exec-proc1-nonroot', true);
  });

  it('lets only the main process\'s own uid and gid through, root included', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run('docker run -d --name app --user 1000:1000 busybox sleep 1000');
    // the container's user is the exec's default: the same credentials
    expect(d.run("docker exec app sh -c 'echo default > /proc/1/fd/1'").output).toBe('');
    for (const user of ['0', 'root', '1000', '1000:0', '0:1000', '2000:1000']) {
      const r = d.run(`docker exec -u ${user} app sh -c 'echo from-${user} > /proc/1/fd/2'`);
      expect(r.output, user).toBe(DENIED(2));
      expect(r.exitCode, user).toBe(1);
    }
    expect(d.run("docker exec -u 1000:1000 app sh -c 'echo same >> /proc/1/fd/1'").output).toBe('');
    expect(d.run('docker logs app').output).toBe('default\nsame\n');
    // reading PID 1's stdin is refused the same way; its fd directory still lists for root
    expect(d.run("docker exec -u 0 app sh -c 'ls /proc/1/fd; cat /proc/1/fd/0'").output).toBe("0\n1\n2\ncat: can't open '/proc/1/fd/0': Permission denied\n");
  });

  it('lets root through with CAP_SYS_PTRACE, and never another user', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run('docker run -d --name traced --user 1000 --cap-add ALL --cap-drop CHOWN busybox sleep 1000');
    expect(d.run("docker exec -u 0 traced sh -c 'echo root > /proc/1/fd/1'").output).toBe('');
    expect(d.run("docker exec -u 2000 traced sh -c 'echo other > /proc/1/fd/1'").output).toBe(DENIED(1));
    d.run('docker run -d --name dropped --user 1000 --cap-add ALL --cap-drop SYS_PTRACE busybox sleep 1000');
    expect(d.run("docker exec -u 0 dropped sh -c 'echo root > /proc/1/fd/1'").output).toBe(DENIED(1));
    expect(d.run('docker logs traced').output).toBe('root\n');
  });

  it('keeps a root main process\'s /proc/1/fd closed to another user, and its own fds open to the main process', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run('docker run -d --name app busybox sleep 1000');
    expect(d.run("docker exec -u 1000 app sh -c 'ls /proc/1/fd'").output).toBe("ls: can't open '/proc/1/fd': Permission denied\n");
    const r = d.run("docker run --name once --user 1000:1000 busybox sh -c 'echo main > /proc/1/fd/1; ls /proc/1/fd'");
    expect(r.output).toBe('main\n0\n1\n2\n');
  });
});
