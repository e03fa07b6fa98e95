// `SELECT version()` in the postgres stand-ins: PG_VERSION_STR (PostgreSQL's
// src/backend/utils/adt/version.c; configure.ac makes it "PostgreSQL <version> on <host>, compiled
// by <the compiler's --version line>, 64-bit"). The compiler is the real build's: the Debian images
// install apt.postgresql.org's package of PG_VERSION (one build per package version), the alpine
// images build the server with their Alpine release's gcc. Each expected line below is copied from
// public output of the real images (`docker logs`' `starting PostgreSQL ...` and `SELECT version()`,
// found through the search index; catalog/postgres/SOURCES.md, "version()"), never from strata.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const REAL: readonly [string, string][] = [
  // "2023-02-06 09:48:15.754 UTC [50] LOG:  starting PostgreSQL 13.9 (Debian 13.9-1.pgdg110+1) ..."
  ['postgres:13', 'PostgreSQL 13.9 (Debian 13.9-1.pgdg110+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 10.2.1-6) 10.2.1 20210110, 64-bit'],
  // "waiting for server to start....2026-09-14 17:25:12.190 UTC [48] LOG:  starting PostgreSQL 16.15 ..."
  ['postgres:16', 'PostgreSQL 16.15 (Debian 16.15-1.pgdg13+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit'],
  // "2026-08-25 07:39:05.714 UTC [1] LOG:  starting PostgreSQL 17.11 ..." (a compose log of postgres:17)
  ['postgres:17', 'PostgreSQL 17.11 (Debian 17.11-1.pgdg13+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit'],
  // "waiting for server to start....2026-09-30 03:21:45.773 UTC [59] LOG:  starting PostgreSQL 18.6 ..."
  ['postgres:18', 'PostgreSQL 18.6 (Debian 18.6-1.pgdg13+2) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit'],
  // "2022-12-16 18:43:09.129 UTC [1] LOG:  starting PostgreSQL 13.9 on x86_64-pc-linux-musl, ..."
  ['postgres:13-alpine', 'PostgreSQL 13.9 on x86_64-pc-linux-musl, compiled by gcc (Alpine 12.2.1_git20220924-r4) 12.2.1 20220924, 64-bit'],
  // "2026-09-22 12:44:37.881 UTC [1] LOG:  starting PostgreSQL 16.15 on x86_64-pc-linux-musl, ..."
  ['postgres:16-alpine', 'PostgreSQL 16.15 on x86_64-pc-linux-musl, compiled by gcc (Alpine 15.2.0) 15.2.0, 64-bit'],
  // "2026-10-04 13:15:10.581 UTC [1] LOG:  starting PostgreSQL 17.11 on x86_64-pc-linux-musl, ..."
  ['postgres:17-alpine', 'PostgreSQL 17.11 on x86_64-pc-linux-musl, compiled by gcc (Alpine 15.2.0) 15.2.0, 64-bit'],
  // "server version: PostgreSQL 18.4 on x86_64-pc-linux-musl, compiled by gcc (Alpine 15.2.0) 15.2.0, 64-bit" (postgres:18-alpine)
  ['postgres:18-alpine', 'PostgreSQL 18.4 on x86_64-pc-linux-musl, compiled by gcc (Alpine 15.2.0) 15.2.0, 64-bit'],
];

function started(image: string): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1' });
  expect(d.run(`docker pull -q ${image}`).exitCode).toBe(0);
  expect(d.run(`docker run -d --name db -e POSTGRES_PASSWORD=pw ${image}`).exitCode).toBe(0);
  return d;
}

describe('SELECT version() in a postgres stand-in', () => {
  it.each(REAL)("%s prints the real build's version line", (image, line) => {
    const d = started(image);
    const r = d.run(`docker exec db psql -U postgres -At -c 'select version()'`);
    expect([r.output, r.exitCode]).toEqual([`${line}\n`, 0]);
  });

  it('is a text column named version in the aligned format, as psql prints it', () => {
    const d = started('postgres:16');
    const line = REAL[1][1];
    // a public `docker exec db psql -U postgres -c 'select version();'` of postgres:16: the header
    // "version" after 55 spaces, centred over the line's 116 characters and a space either side
    const r = d.run(`docker exec db psql -U postgres -c 'select version();'`);
    const rows = r.output.split('\n');
    expect(rows[0].trimEnd()).toBe(`${' '.repeat(55)}version`);
    expect(rows.slice(1)).toEqual(['-'.repeat(line.length + 2), ` ${line}`, '(1 row)', '', '']);
  });

  it('SHOW server_version and server_version_num: the version as the server names it and PG_VERSION_NUM', () => {
    const d = started('postgres:16');
    // server_version is PG_VERSION, Debian's with its " (Debian <package>)" (the part of the line
    // above before " on "); public output of postgres:16-alpine's 16.15: "server_version_num: 160015"
    const version = REAL[1][1].slice('PostgreSQL '.length, REAL[1][1].indexOf(' on '));
    expect(d.run(`docker exec db psql -U postgres -At -c 'SHOW server_version;' -c 'show SERVER_VERSION_NUM'`).output).toBe(`${version}\n160015\n`);
    const aligned = d.run(`docker exec db psql -U postgres -c 'show server_version'`).output.split('\n');
    expect(aligned.map((l) => l.trimEnd())).toEqual([`${' '.repeat(9)}server_version`, '-'.repeat(version.length + 2), ` ${version}`, '(1 row)', '', '']);
    const other = d.run(`docker exec db psql -U postgres -c 'show work_mem'`);
    expect([other.output, other.exitCode === 0]).toEqual(['psql (stand-in image): not simulated: show work_mem\n', false]);
  });

  it('refuses version() with arguments (the real server: no such function) rather than invent it', () => {
    const d = started('postgres:16');
    const r = d.run(`docker exec db psql -U postgres -At -c 'select version(1)'`);
    expect(r.output).toBe('psql (stand-in image): not simulated: select version(1)\n');
    expect(r.exitCode).not.toBe(0);
  });
});
