// A client attached to a catalog server's container (`docker run` without -d) prints what the
// server writes, prefixes and all: the same lines `docker logs` shows of that run afterwards
// (container/server-log.ts completes the stand-ins' bare lines for both). Before, an attached run
// printed the stand-in's bare lines in a normal install, so `docker run --rm mysql:8.4` without a
// password showed `[Note] [Entrypoint]: ...` where Docker shows `2026-... [Note] [Entrypoint]: ...`.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

/** Runs that end by themselves, each after the commands that set it up (pulls first). */
const RUNS: [string, string[], string][] = [
  ['mysql:8.4 without a password', ['docker pull mysql:8.4'], 'docker run --name att-srv mysql:8.4'],
  ['mysql:8.0 with an empty password', ['docker pull mysql:8.0'], 'docker run --name att-srv -e MYSQL_ROOT_PASSWORD= mysql:8.0'],
  ['mariadb:lts without a password', ['docker pull mariadb:lts'], 'docker run --name att-srv mariadb:lts'],
  ['postgres:16 without a password', ['docker pull postgres:16'], 'docker run --name att-srv postgres:16'],
  [
    "postgres:17 on postgres:16's data (the postmaster's FATAL line)",
    ['docker pull postgres:16', 'docker pull postgres:17', 'docker run -d --name pg16 -e POSTGRES_PASSWORD=x -v att-pg:/var/lib/postgresql/data postgres:16', 'sleep 5', 'docker rm -f pg16'],
    'docker run --name att-srv -v att-pg:/var/lib/postgresql/data postgres:17',
  ],
];

describe.each([
  ['a normal install', false],
  ['the oracle stand-ins', true],
] as const)('an attached server run in %s', (_, busyboxStandIns) => {
  it.each(RUNS)('%s: prints what docker logs shows of the run afterwards', (_name, setup, run) => {
    const docker = new SimulatedDocker({ engine: 'docker-26.1', busyboxStandIns });
    for (const command of setup) expect(docker.run(command).exitCode).toBe(0);
    const attached = docker.run(run);
    expect(attached.exitCode).not.toBe(0);
    const logs = docker.run('docker logs att-srv');
    expect(attached.output).toBe(logs.output);
    expect(attached.output).not.toBe('');
  });
});

describe('the prefixes a normal install prints attached', () => {
  it('gives mysql entrypoint lines their time, where the oracle stand-ins print them bare', () => {
    const line = (busyboxStandIns: boolean): string => {
      const docker = new SimulatedDocker({ engine: 'docker-26.1', busyboxStandIns });
      docker.run('docker pull mysql:8.4');
      return docker.run('docker run --rm mysql:8.4').output.split('\n')[0];
    };
    expect(line(false)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00 \[Note\] \[Entrypoint\]: Entrypoint script for MySQL Server 8\.4\.\S+ started\.$/);
    expect(line(true)).toMatch(/^\[Note\] \[Entrypoint\]: Entrypoint script for MySQL Server 8\.4\.\S+ started\.$/);
  });

  it.each([
    ['postgres:16', "docker run --rm postgres:16 sh -c 'echo [Note] plain; echo err >&2'"],
    ['redis:7', "docker run --rm redis:7 sh -c 'echo [Note] plain; echo err >&2'"],
    ['redis:7', "docker run --rm --entrypoint sh redis:7 -c 'echo [Note] plain; echo err >&2'"],
    ['mysql:8.4', "docker run --rm mysql:8.4 sh -c 'echo [Note] plain; echo err >&2'"],
  ])('leaves another program in %s as it writes: %s', (image, run) => {
    const docker = new SimulatedDocker({ engine: 'docker-26.1' });
    docker.run(`docker pull ${image}`);
    expect(docker.run(run).output).toBe('[Note] plain\nerr\n');
  });
});
