// The simulated host's sudo (src/shell/applets/sudo.ts: root running a command, sudoers'
// default environment) and the refusal of host commands that reach the daemon's data root
// (src/engine/data-root.ts).

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';

/** Run lines one after the other; the last one's result. */
function run(...lines: string[]): { output: string; exitCode: number; state: EngineState } {
  let st = initialState();
  let last = { output: '', exitCode: 0, state: st };
  for (const l of lines) {
    const r = execute(st, l);
    st = r.state;
    last = { output: r.output, exitCode: r.exitCode, state: st };
  }
  return last;
}

describe('sudo on the host', () => {
  it('runs the command as root, with the environment env_reset and secure_path give it', () => {
    const r = run(`export X=1; sudo sh -c 'echo "[$X] $HOME $USER $LOGNAME $SUDO_USER $SUDO_UID $PATH $SUDO_COMMAND"; id -u'`);
    expect(r.output).toBe('[] /root root root root 0 /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin /usr/bin/sh -c echo "[$X] $HOME $USER $LOGNAME $SUDO_USER $SUDO_UID $PATH $SUDO_COMMAND"; id -u\n0\n');
    expect(r.exitCode).toBe(0);
  });

  it('keeps the caller\'s variables with -E, and the terminal ones without it', () => {
    expect(run(`export X=1 TERM=xterm; sudo -E sh -c 'echo "[$X] $TERM"'`).output).toBe('[1] xterm\n');
    expect(run(`export X=1 TERM=xterm; sudo sh -c 'echo "[$X] $TERM"'`).output).toBe('[] xterm\n');
    expect(run(`sudo -u root -n -H -- sh -c 'echo ok'`).output).toBe('ok\n');
  });

  it('runs docker, whose effects are the same as without it', () => {
    const r = run('sudo docker volume create data', `sudo docker run --rm -v data:/d busybox sh -c 'echo hi > /d/f'`, 'docker run --rm -v data:/d busybox cat /d/f');
    expect(r.output).toBe('hi\n');
  });

  it('changes owners on the host as root (the bind-mount tutorials\' sudo chown)', () => {
    expect(run('mkdir data && sudo chown -R 1000:1000 data && stat -c %u:%g data').output).toBe('1000:1000\n');
  });

  it("says what it cannot run in sudo's words, and refuses what it does not simulate", () => {
    expect(run('sudo nosuchprogram')).toMatchObject({ output: 'sudo: nosuchprogram: command not found\n', exitCode: 1 });
    expect(run('sudo /tmp')).toMatchObject({ output: 'sudo: /tmp: command not found\n', exitCode: 1 });
    expect(run('sudo -i').output).toContain('sudo: strata does not simulate sudo -i');
    expect(run('sudo -u nobody id').output).toContain('sudo: strata does not simulate sudo -u');
    expect(run('sudo').output).toContain('sudo: strata does not simulate sudo without a command');
  });

  it('is not in a container: busybox has no sudo', () => {
    // the real busybox:latest's ash names a -c string's line, from 0 (test/recorded/busybox-latest-real/ash-c-errors.txt)
    expect(run(`docker run --rm busybox sh -c 'sudo true'`)).toMatchObject({ output: 'sh: line 0: sudo: not found\n', exitCode: 127 });
    expect(run('docker run --rm busybox busybox sudo true').output).toBe('sudo: applet not found\n');
  });
});

describe("the daemon's data root on the host", () => {
  const refusal = "strata does not simulate the daemon's data root on the host (/var/lib/docker)";

  it('is refused, whole line and all, rather than answered "No such file or directory"', () => {
    const before = run('docker volume create keep').state;
    for (const line of ['sudo ls /var/lib/docker/volumes/keep/_data', 'ls -la /var/lib/docker/volumes', 'cd /var/lib/docker', 'cat /var/lib/../lib/docker/x', 'touch /var/lib/docker']) {
      const r = execute(before, line);
      expect(r.output).toContain(refusal);
      expect(r.exitCode).toBe(125);
    }
    // nothing the line did before it reached there is kept
    const r = execute(before, 'docker volume create gone && ls /var/lib/docker');
    expect(r.output).toContain(refusal);
    expect(r.state).toBe(before);
  });

  it('is only that directory: its name as text, and paths beside it, are fine', () => {
    expect(run('echo /var/lib/docker > f && cat f').output).toBe('/var/lib/docker\n');
    expect(run('ln -s /var/lib/docker link && echo made').output).toBe('made\n');
    expect(run('mkdir -p /var/lib/dockerish && ls -d /var/lib/dockerish').output).toBe('/var/lib/dockerish\n');
  });
});
