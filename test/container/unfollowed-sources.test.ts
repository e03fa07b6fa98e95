// Which sources a container strata stops following takes with it (container/unfollowed.ts
// writableSources, stopFollowing): its writable volumes and binds, not a read-only mount or a
// tmpfs; and every other container on such a source. Also the refusal's hint for a compose
// container. (A new file: Stryker 9.6 knows tests by file, docs/mutation.md.)

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

describe('a loop strata stops following', () => {
  it('takes its writable bind and volume with it, not a read-only volume or a tmpfs', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run('mkdir -p /srv/lb && docker volume create ro && docker volume create rw').exitCode).toBe(0);
    expect(d.run("docker run --rm -v ro:/r busybox sh -c 'echo kept > /r/f'").exitCode).toBe(0);
    expect(
      d.run("docker run -d --name lb -v /srv/lb:/out -v rw:/w -v ro:/r:ro --tmpfs /t busybox sh -c 'while :; do echo x >> /out/log; echo x >> /w/log; sleep 0.01; done'").exitCode,
    ).toBe(0);
    expect(d.run('sleep 20').exitCode).toBe(0);
    expect(d.run('cat /srv/lb/log').output).toMatch(/^strata does not simulate the host directory \/srv\/lb past this point: container lb, /);
    expect(d.run('docker run --rm -v rw:/w busybox true').output).toMatch(/^strata does not simulate volume rw past this point: container lb, /);
    expect(d.run('docker run --rm -v ro:/r busybox cat /r/f')).toMatchObject({ exitCode: 0, output: 'kept\n' });
  });
});

describe('another container on a source a restarting container changes', () => {
  it('is followed no further either, by its bind', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    expect(d.run('mkdir -p /srv/sh').exitCode).toBe(0);
    expect(d.run('docker run -d --name reader -v /srv/sh:/in busybox sleep 1000').exitCode).toBe(0);
    expect(d.run('docker run -d --name apart busybox sleep 1000').exitCode).toBe(0);
    expect(d.run("docker run -d --name writer --restart always -v /srv/sh:/out busybox sh -c 'echo x >> /out/log; exit 1'").exitCode).toBe(0);
    expect(d.run('docker exec reader ls /in').output).toMatch(/^strata does not simulate the host directory \/srv\/sh past the restarts of writer: /);
    expect(d.run('docker exec apart true')).toMatchObject({ exitCode: 0, output: '' });
  });
});

describe('the refusal of a restarting container', () => {
  it('names docker compose down for a compose container only', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run(String.raw`mkdir app && printf 'services:\n  job:\n    image: busybox\n    restart: always\n    command: ["sh", "-c", "exit 2"]\n' > app/compose.yaml`).exitCode).toBe(0);
    expect(d.run('cd app && docker compose up -d').exitCode).toBe(0);
    expect(d.run('docker inspect app-job-1').output).toMatch(/`docker rm -f app-job-1` or `docker compose down` removes it\n$/);
    expect(d.run("docker run -d --name plain --restart on-failure:3 busybox sh -c 'exit 2'").exitCode).toBe(0);
    expect(d.run('docker inspect plain').output).toMatch(/restart policy `on-failure:3` restarts it again and again, [^\n]*; `docker rm -f plain` removes it\n$/);
  });
});
