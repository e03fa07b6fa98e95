// docker top (src/docker/commands/container/top.ts): recorded on both engines as
// host-mounts/ph-docker-top with the host's numbers masked; here the numbers strata puts there,
// procps' STIME forms, and the refusals where strata does not follow a container's processes.

import { describe, expect, it } from 'vitest';
import { execute } from '../../src/engine/engine.ts';
import { psStartTime } from '../../src/docker/commands/container/top.ts';
import { MAIN_PID } from '../../src/docker/views/container.ts';
import { runLines } from './run-lines.ts';

const run = (lines: string[]): ReturnType<typeof runLines> => runLines('docker-26.1', lines);

const cols = (line: string): string[] => line.split(/ {2,}/);

describe('docker top', () => {
  it('prints the main process with the PID inspect shows, the shim as its parent, and the start on strata\'s clock', () => {
    const r = run(['docker run -d --name t1 busybox sleep 1000', 'docker top t1']);
    expect(r.exitCode).toBe(0);
    const [head, row, extra] = r.output.split('\n');
    expect(head).toBe(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD'].map((t, i) => (i < 7 ? t.padEnd(20) : t)).join(''));
    expect(cols(row)).toEqual(['root', String(MAIN_PID), String(MAIN_PID - 1), '0', '00:00', '?', '00:00:00', 'sleep 1000']);
    expect(extra).toBe('');
    expect(execute(r.st, "docker inspect -f '{{.State.Pid}}' t1").output).toBe(`${MAIN_PID}\n`);
  });

  it('with --init lists docker-init first, the program as its child', () => {
    const r = run(['docker run -d --init --name t2 -u 65534 busybox tail -f /dev/null', 'docker top t2']);
    const rows = r.output.split('\n').slice(1, 3).map(cols);
    expect(rows).toEqual([
      ['nobody', String(MAIN_PID), String(MAIN_PID - 1), '0', '00:00', '?', '00:00:00', '/sbin/docker-init -- tail -f /dev/null'],
      ['nobody', String(MAIN_PID + 1), String(MAIN_PID), '0', '00:00', '?', '00:00:00', 'tail -f /dev/null'],
    ]);
  });

  it('names the uid as the host\'s /etc/passwd does, a name longer than 8 characters cut with a +', () => {
    const r = run(["echo 'systemd-network:x:4321:4321::/:/usr/sbin/nologin' >> /etc/passwd", 'docker run -d --name t4 -u 4321 busybox sleep 1000', 'docker top t4']);
    expect(cols(r.output.split('\n')[1])[0]).toBe('systemd+');
  });

  it('names a uid the host does not know by its number', () => {
    const r = run(['docker run -d --name t3 -u 4321 busybox sleep 1000', 'docker top t3']);
    expect(cols(r.output.split('\n')[1])[0]).toBe('4321');
  });

  it('lists a script asleep with its sleep as its child, and the docker exec -d processes that wait, in the order they started', () => {
    const r = run([
      'docker run -d --name t7 busybox sh -c "sleep 1000; echo done"',
      'docker exec -d -u nobody t7 tail -f /dev/null',
      "docker exec -d t7 sh -c 'while true; do sleep 1; done'",
      'docker exec -d t7 sh -c "exit 0"',
      'docker top t7',
    ]);
    expect(r.exitCode).toBe(0);
    const rows = r.output.split('\n').slice(1, -1).map(cols);
    const pid = (n: number): string => String(MAIN_PID + 2 * n);
    // (the loop has woken from its sleep twice since: each command takes a second of the clock,
    // and each `sleep 1` is a new child)
    expect(rows.map((c) => [c[0], c[1], c[2], c[7]])).toEqual([
      ['root', pid(0), String(MAIN_PID - 1), 'sh -c sleep 1000; echo done'],
      ['root', pid(1), pid(0), 'sleep 1000'],
      ['nobody', pid(2), String(MAIN_PID - 1), 'tail -f /dev/null'],
      ['root', pid(3), String(MAIN_PID - 1), 'sh -c while true; do sleep 1; done'],
      ['root', pid(6), pid(3), 'sleep 1'],
    ]);
    // a second later the loop's sleep is a newer child, still the newest process
    const later = execute(r.st, 'docker top t7').output.split('\n').slice(1, -1).map(cols);
    expect(later.map((c) => c[7]).slice(-2)).toEqual(['sh -c while true; do sleep 1; done', 'sleep 1']);
    expect(later.at(-1)?.[1]).toBe(pid(7));
    expect(execute(r.st, "docker inspect -f '{{len .ExecIDs}}' t7").output).toBe('2\n');
  });

  it("shows a script's last command alone: busybox ash runs it in the shell's own process, not with a trap set", () => {
    const cmds = (name: string, script: string): string[] =>
      run([`docker run -d --name ${name} busybox sh -c '${script}'`, `docker top ${name}`]).output.split('\n').slice(1, -1).map((l) => cols(l)[7]);
    expect(cmds('t8', 'echo hi; sleep 1000')).toEqual(['sleep 1000']);
    expect(cmds('t9', 'cd /tmp && sleep 1000')).toEqual(['sleep 1000']);
    expect(cmds('t10', 'if true; then sleep 1000; fi')).toEqual(['sleep 1000']);
    expect(cmds('t11', 'sleep 1000 && echo done')).toEqual(['sh -c sleep 1000 && echo done', 'sleep 1000']);
    expect(cmds('t12', 'trap "exit 1" TERM; sleep 1000')).toEqual(['sh -c trap "exit 1" TERM; sleep 1000', 'sleep 1000']);
  });

  it('refuses by name what strata does not follow: a script with other children, ps options', () => {
    // (a job that is a subshell: a fork of the shell with its own children; recorded as two sh rows and a sleep)
    const script = run(['docker run -d --name t4 busybox sh -c "(sleep 1000; echo done) & wait"', 'docker top t4']);
    expect(script.exitCode).toBe(125);
    expect(script.output).toMatch(/^strata does not simulate the processes of t4 \(docker top\)/);
    const ps = run(['docker run -d --name t5 busybox sleep 1000', 'docker top t5 aux']);
    expect(ps.exitCode).toBe(125);
    expect(ps.output).toMatch(/^strata does not simulate ps options of docker top \(aux\)/);
  });

  it('refuses by name, without a crash, a container whose user an exec removed from its /etc/passwd', () => {
    const r = run(['docker run -d --name t6 --user nobody busybox sleep 1000', "docker exec -u 0 t6 sed -i '/^nobody/d' /etc/passwd", 'docker top t6']);
    expect(r.exitCode).toBe(125);
    expect(r.output).toMatch(/^strata does not simulate the processes of t6 \(docker top\): it does not keep the uid/);
  });

  it('STIME as procps prints it: HH:MM the same day, MmmDD the same year, else the year', () => {
    const day = Date.UTC(2024, 11, 31, 9, 5) / 1000;
    expect(psStartTime(day, day + 3600)).toBe('09:05');
    expect(psStartTime(day - 86400 * 30, day)).toBe('Dec01');
    expect(psStartTime(day, day + 86400)).toBe('2024');
  });
});
