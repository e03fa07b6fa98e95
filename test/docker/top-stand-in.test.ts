// docker top of a container of a catalog stand-in. The real images run their servers' own
// binaries (redis `redis-server *:6379` as uid 999, nginx's master and one worker per CPU), which
// a stand-in's script that waits cannot show: refused by name. What a user's command makes the
// container run through docker-library's `exec "$@"` entrypoints is that program.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const REFUSED = /^strata does not simulate the processes of \w+ \(docker top\): it runs the strata stand-in of its (image|base image)'s server \([^)]+: a script that waits\), whose processes are not the real server's\n$/;

describe('docker top of a stand-in image', () => {
  const d = new SimulatedDocker({ engine: 'docker-26.1' });
  d.loadImages(['redis:7', 'nginx:alpine', 'postgres:16', 'alpine:latest']);

  it("refuses the stand-in's server instead of listing its script", () => {
    expect(d.run('docker run -d --name rd redis:7').exitCode).toBe(0);
    const got = d.run('docker top rd');
    expect(got.output).toMatch(REFUSED);
    expect(got.output).not.toContain('sleep 2147483647');
    expect(d.run('docker run -d --name web nginx:alpine').exitCode).toBe(0);
    expect(d.run('docker top web').output).toMatch(REFUSED);
  });

  it('refuses it in an image built on the stand-in too', () => {
    expect(d.run("printf 'FROM nginx:alpine\\nRUN touch /x\\n' | docker build -q -t mynginx - >/dev/null").exitCode).toBe(0);
    expect(d.run('docker run -d --name myweb mynginx').exitCode).toBe(0);
    expect(d.run('docker top myweb').output).toMatch(/its base image's server/);
  });

  it('lists the program a user runs through the entrypoint', () => {
    expect(d.run('docker run -d --name pg -e POSTGRES_PASSWORD=pw postgres:16 sleep 1000').exitCode).toBe(0);
    const rows = d.run('docker top pg').output.trimEnd().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^root +\d+ +\d+ +0 +\S+ +\? +00:00:00 +sleep 1000$/);
  });

  it('leaves a base image, whose default program is a shell, to the rules for scripts', () => {
    expect(d.run("docker run -d --name al alpine sh -c 'while true; do sleep 1; done'").exitCode).toBe(0);
    const rows = d.run('docker top al').output.trimEnd().split('\n');
    expect(rows.map((r) => r.replace(/^.* 00:00:00 +/, ''))).toEqual(['UID                 PID                 PPID                C                   STIME               TTY                 TIME                CMD', 'sh -c while true; do sleep 1; done', 'sleep 1']);
  });
});
