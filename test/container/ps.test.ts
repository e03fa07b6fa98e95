// busybox's ps in a container (src/container/ps.ts). What it prints is checked against the oracle's
// recording (test/recorded/docker-*/shell/ps-busybox.scenario); here: what it refuses by name,
// because the oracle shows words strata cannot give truthfully (recorded while writing ps.ts, 20.10:
// `docker run --rm busybox sh -c 'sleep 100 & ps'` lists `{ps} sh -c sleep 100 & ps` as PID 1, the
// name busybox's shell gave the process it ran ps in, and a job's line is the shell's command line;
// a docker exec's PID varies from run to run, 6 or 7 for the first).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

function docker(): SimulatedDocker {
  return new SimulatedDocker({ engine: 'docker-20.10' });
}

describe('busybox ps', () => {
  it('refuses ps that a shell started: its line and its name depend on how the shell ran it', () => {
    const d = docker();
    for (const cmd of [`sh -c 'sleep 100 & ps'`, `sh -c 'ps; echo done'`, `sh -c 'ps | wc -l'`]) {
      const r = d.run(`docker run --rm busybox ${cmd}`);
      expect(r.exitCode, cmd).toBe(125);
      expect(r.output, cmd).toContain('strata does not simulate');
      expect(r.output, cmd).toContain('ps started by a shell');
    }
  });

  it("refuses the columns strata keeps nothing for, and a container whose main process is a script", () => {
    const d = docker();
    for (const col of ['vsz', 'rss', 'stat', 'tty', 'sid', 'pgid']) {
      const r = d.run(`docker run --rm busybox ps -o pid,${col}`);
      expect(r.exitCode, col).toBe(125);
      expect(r.output, col).toContain(`strata does not simulate \`ps -o ${col}\``);
    }
    expect(d.run(`docker run -d --name scripted busybox sh -c 'sleep 1000; echo done'`).exitCode).toBe(0);
    const r = d.run('docker exec scripted ps');
    expect(r.exitCode).toBe(125);
    expect(r.output).toContain('its main process (sh) runs a script or children strata does not follow');
  });

  it("lists a container's lone programs and itself, each with its own user", () => {
    const d = docker();
    expect(d.run('docker run -d --name box busybox sleep 1000').exitCode).toBe(0);
    expect(d.run('docker exec -d -u nobody box tail -f /dev/null').exitCode).toBe(0);
    const r = d.run('docker exec box ps -o user,comm');
    expect(r.output).toBe('USER     COMMAND\nroot     sleep\nnobody   tail\nroot     ps\n');
  });

  it("is procps' in an image built on Debian, which strata does not simulate: refused by name", () => {
    const d = docker();
    expect(d.run('docker pull -q python:3.12').exitCode).toBe(0);
    // (strata's refusal of an applet it does not simulate: programs.ts launchFailed)
    const r = d.run('docker run --rm python:3.12 ps');
    expect(r.output).toBe('strata: ps: strata does not simulate this command\n');
    expect(d.run(`docker run --rm python:3.12 sh -c 'ps'`).output).toBe('sh: 1: ps: strata does not simulate this command\n');
  });

  it("leaves GNU Wget of an image built on Debian refused by name, not busybox's wget words", () => {
    const d = docker();
    expect(d.run('docker pull -q node:22').exitCode).toBe(0);
    const r = d.run('docker run --rm node:22 wget -q -O- http://example.com/');
    expect(r.exitCode).toBe(125);
    expect(r.output).toContain("strata does not simulate the image's GNU Wget in a container");
  });
});
