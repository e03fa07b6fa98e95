// The server stand-ins' data files (src/fs/node.ts FileNode.placeholder): in a normal install, what
// a server stand-in's own programs write stands in for a file of the real server whose bytes and
// size strata does not know, so every reader of them is refused by name, while names, modes and
// owners stay listed. With --busybox-stand-ins the stand-ins are what the oracle ran: their bytes
// are the answer there (test/recorded/docker-*/catalog/).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const PGDATA = '/var/lib/postgresql/data';
const REFUSED = /^strata does not simulate the (?:contents of (\S+): a file the real server writes|entries of (\S+): a directory the real server fills)/m;
const UNLISTED = /^strata does not simulate the entries of (\S+): a directory the real server fills/m;

function engine(images: string[], busyboxStandIns = false): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1', busyboxStandIns });
  expect(d.loadImages(images)).toEqual([]);
  return d;
}

function postgres(busyboxStandIns = false): SimulatedDocker {
  const d = engine(['postgres:16'], busyboxStandIns);
  expect(d.run(`docker run -d --name db -e POSTGRES_PASSWORD=pw -v pgdata:${PGDATA} postgres:16`).exitCode).toBe(0);
  return d;
}

/** The command is refused by name for a placeholder file (or a directory it lists first); returns the path the refusal names. */
function refused(d: SimulatedDocker, line: string): string {
  const got = d.run(line);
  expect(got.exitCode, got.output).toBe(125);
  const m = REFUSED.exec(got.output);
  expect(m, got.output).not.toBeNull();
  return m![1] ?? m![2];
}

describe('postgres:16 in a normal install: the data files are placeholders', () => {
  const d = postgres();

  it.each([
    [`ls -l ${PGDATA}/global`],
    [`ls -la ${PGDATA}`],
    [`ls -s ${PGDATA}/base/5`],
    [`du -sh ${PGDATA}`],
    [`stat -c %s ${PGDATA}/postgresql.conf`],
    [`wc -c ${PGDATA}/global/pg_control`],
    [`cat ${PGDATA}/global/1262`],
    [`od -c ${PGDATA}/global/pg_control`],
    [`md5sum ${PGDATA}/global/pg_control`],
    [`test -s ${PGDATA}/global/pg_control`],
    [`find ${PGDATA} -size +0`],
    [`grep -c . ${PGDATA}/global/1262`],
    [`sh -c 'read x < ${PGDATA}/postgresql.conf'`],
  ])('docker exec db %s is refused by name', (cmd) => {
    expect(refused(d, `docker exec db ${cmd}`).startsWith(`${PGDATA}/`)).toBe(true);
  });

  it("lists the data directory's names as initdb and the running server make them", () => {
    // postgres src/bin/initdb/initdb.c (REL_16_STABLE): subdirs[] (their top components; pg_wal
    // from create_xlog_or_symlink), write_version_file (PG_VERSION), setup_config (postgresql.conf,
    // postgresql.auto.conf, pg_hba.conf, pg_ident.conf); the running server's postmaster.opts and
    // postmaster.pid (src/backend/utils/init/miscinit.c CreateLockFile, postmaster.c CreateOptsFile)
    const expected = [
      'PG_VERSION', 'base', 'global', 'pg_commit_ts', 'pg_dynshmem', 'pg_hba.conf', 'pg_ident.conf', 'pg_logical', 'pg_multixact',
      'pg_notify', 'pg_replslot', 'pg_serial', 'pg_snapshots', 'pg_stat', 'pg_stat_tmp', 'pg_subtrans', 'pg_tblspc', 'pg_twophase',
      'pg_wal', 'pg_xact', 'postgresql.auto.conf', 'postgresql.conf', 'postmaster.opts', 'postmaster.pid',
    ];
    const got = d.run(`docker exec db ls ${PGDATA}`);
    expect(got.exitCode).toBe(0);
    expect(got.output.split('\n').filter(Boolean)).toEqual(expected);
  });

  it('reads PG_VERSION, which the stand-in writes as the real server does', () => {
    // initdb.c write_version_file and dbcommands.c CreateDirAndVersionFile: PG_MAJORVERSION "\n"
    expect(d.run(`docker exec db cat ${PGDATA}/PG_VERSION`)).toEqual({ output: '16\n', exitCode: 0 });
    expect(d.run(`docker exec db stat -c %s ${PGDATA}/base/5/PG_VERSION`)).toEqual({ output: '3\n', exitCode: 0 });
  });

  it("shows a placeholder's mode, owner and links, not its size", () => {
    // initdb creates its files 0600 as the postgres user (pg_file_create_mode, initdb.c)
    expect(d.run(`docker exec db stat -c '%A %U %G %h' ${PGDATA}/postgresql.conf`).output).toBe('-rw------- postgres postgres 1\n');
  });

  it("keeps the stand-in's own programs working on them: rows survive a stop and start", () => {
    expect(d.run('docker exec db psql -U postgres -c "CREATE TABLE users (id INT, name TEXT)"').output).toBe('CREATE TABLE\n');
    expect(d.run("docker exec db psql -U postgres -c \"INSERT INTO users VALUES (1, 'alice')\"").output).toBe('INSERT 0 1\n');
    expect(d.run('docker stop db').exitCode).toBe(0);
    expect(d.run('docker start db').exitCode).toBe(0);
    expect(d.run('docker exec db psql -U postgres -At -c "SELECT name FROM users"').output).toBe('alice\n');
  });

  it('knows what another program writes whole, and not what it appends to a placeholder', () => {
    expect(d.run(`docker exec db sh -c 'echo hi > ${PGDATA}/note; wc -c < ${PGDATA}/note'`).output).toBe('3\n');
    expect(refused(d, `docker exec db sh -c 'echo x >> ${PGDATA}/pg_ident.conf; wc -c < ${PGDATA}/pg_ident.conf'`)).toBe(`${PGDATA}/pg_ident.conf`);
  });

  it('refuses the sizes that add placeholders up: docker ps -s, docker cp', () => {
    expect(d.run('docker ps -s').output).toMatch(/^strata does not simulate the size of the writable layer of container db: /);
    expect(refused(d, `docker cp db:${PGDATA}/postgresql.conf -`)).toBe(`${PGDATA}/postgresql.conf`);
  });
});

/** The command is refused by name for a directory whose names the stand-in does not all make; returns its path. */
function unlisted(d: SimulatedDocker, line: string): string {
  const got = d.run(line);
  expect(got.exitCode, got.output).toBe(125);
  const m = UNLISTED.exec(got.output);
  expect(m, got.output).not.toBeNull();
  return m![1];
}

describe("listings of the servers' directories: refused where the real server has names the stand-in lacks", () => {
  it('postgres:16: global/, base/<oid>/, pg_wal/ refused; the data directory, base/ and empty ones listed', () => {
    const d = postgres();
    // global/ holds every shared catalog's files, pg_wal/ the first WAL segment 000000010000000000000001
    for (const dir of ['global', 'base/5', 'pg_wal', 'pg_xact']) expect(unlisted(d, `docker exec db ls ${PGDATA}/${dir}`)).toBe(`${PGDATA}/${dir}`);
    expect(unlisted(d, `docker exec db find ${PGDATA} -name PG_VERSION`)).toMatch(/^\/var\/lib\/postgresql\/data\//);
    // from 15 template1, template0 and postgres are base/1, 4 and 5 (src/include/catalog/pg_database.dat)
    expect(d.run(`docker exec db ls ${PGDATA}/base`).output).toBe('1\n4\n5\n');
    // a fresh cluster's empty directories (initdb.c subdirs[])
    expect(d.run(`docker exec db ls -A ${PGDATA}/pg_tblspc ${PGDATA}/pg_wal/archive_status`).exitCode).toBe(0);
  });

  it("postgres:13: base/ too, where initdb gave template0 and postgres OIDs of its own", () => {
    const d = engine(['postgres:13']);
    expect(d.run(`docker run -d --name db -e POSTGRES_PASSWORD=pw postgres:13`).exitCode).toBe(0);
    expect(unlisted(d, `docker exec db ls ${PGDATA}/base`)).toBe(`${PGDATA}/base`);
    expect(d.run(`docker exec db cat ${PGDATA}/PG_VERSION`).output).toBe('13\n');
    // the stand-in's base/4 is no database directory of 13's
    expect(refused(d, `docker exec db cat ${PGDATA}/base/4/PG_VERSION`)).toBe(`${PGDATA}/base/4/PG_VERSION`);
  });

  it("mysql:9.2.0: the system schema's directories refused, a user's database listed", () => {
    const d = engine(['mysql:9.2.0']);
    expect(d.run('docker run -d --name my -e MYSQL_ROOT_PASSWORD=pw mysql:9.2.0').exitCode).toBe(0);
    expect(d.run('docker exec my mysql -ppw -e "CREATE DATABASE shop; USE shop; CREATE TABLE orders (id INT)"').exitCode).toBe(0);
    for (const dir of ['mysql', 'performance_schema', '#innodb_redo', '#innodb_temp']) expect(unlisted(d, `docker exec my ls /var/lib/mysql/${dir}`)).toBe(`/var/lib/mysql/${dir}`);
    // MySQL 8.0 and later keep a database's tables as <table>.ibd only (file-per-table, the data dictionary)
    expect(d.run('docker exec my ls /var/lib/mysql/shop').output).toBe('orders.ibd\n');
  });

  it("mongo:8: its dbpath, whose WiredTiger files a real install names with random numbers", () => {
    const d = engine(['mongo:8']);
    expect(d.run('docker run -d --name mongo1 mongo:8').exitCode).toBe(0);
    expect(unlisted(d, 'docker exec mongo1 ls /data/db')).toBe('/data/db');
    // the volume's root keeps the mark wherever it is mounted
    const volume = d.run("docker inspect -f '{{range .Mounts}}{{if eq .Destination \"/data/db\"}}{{.Name}}{{end}}{{end}}' mongo1").output.trim();
    expect(unlisted(d, `docker run --rm -v ${volume}:/x busybox ls /x`)).toBe('/x');
  });
});

describe("wordpress: the entrypoint's copy of WordPress", () => {
  it('is placeholders but for the files the image has with their real contents', () => {
    const d = engine(['wordpress:latest']);
    expect(d.run('docker run -d --name wp wordpress:latest').exitCode).toBe(0);
    expect(refused(d, 'docker exec wp wc -c /var/www/html/index.php')).toBe('/var/www/html/index.php');
    // the Dockerfile's .htaccess block (docker-library/wordpress latest/php8.3/apache/Dockerfile)
    expect(d.run('docker exec wp head -n 1 /var/www/html/.htaccess')).toEqual({ output: '# BEGIN WordPress\n', exitCode: 0 });
    // the tarball's themes (twentytwenty*) are not the skeleton's
    expect(unlisted(d, 'docker exec wp ls /var/www/html/wp-content/themes')).toBe('/var/www/html/wp-content/themes');
  });
});

describe('postgres:16 placeholders outside the server container', () => {
  it('refuses the user command the entrypoint execs, a volume mounted elsewhere, and the space a prune reclaims (the volumes go)', () => {
    const d = postgres();
    expect(d.run('docker rm -f db').exitCode).toBe(0);
    // docker-entrypoint.sh: `exec "$@"` of a command that is not postgres
    expect(refused(d, `docker run --rm -v pgdata:${PGDATA} postgres:16 cat ${PGDATA}/postgresql.conf`)).toBe(`${PGDATA}/postgresql.conf`);
    expect(refused(d, 'docker run --rm -v pgdata:/backup busybox du -s /backup')).toMatch(/^\/backup\//);
    // the volumes go, as on a real engine; the space they held is refused by name
    const named = d.run('docker volume prune -af');
    expect(named.exitCode).toBe(125);
    expect(named.output).toMatch(/^Deleted Volumes:\npgdata\n\nstrata does not simulate the size of volume pgdata: /);
    expect(d.run('docker volume ls -q').output).toBe('');
    // an anonymous volume (the image's VOLUME), which `system prune --volumes` removes on 26.1
    expect(d.run('docker run -d --name anon -e POSTGRES_PASSWORD=pw postgres:16').exitCode).toBe(0);
    expect(d.run('docker rm -f anon').exitCode).toBe(0);
    const anonymous = d.run('docker system prune -f --volumes');
    expect(anonymous.exitCode).toBe(125);
    expect(anonymous.output).toMatch(/^strata does not simulate the size of volume [0-9a-f]{64}: /m);
    expect(anonymous.output).not.toMatch(/Total reclaimed space/);
    expect(d.run('docker volume ls -q').output).toBe('');
  });
});

describe('--busybox-stand-ins: the stand-ins are what ran on the oracle', () => {
  it('answers with their own bytes and sizes', () => {
    const d = postgres(true);
    expect(d.run(`docker exec db cat ${PGDATA}/global/1262`).exitCode).toBe(0);
    expect(d.run(`docker exec db du -s ${PGDATA}`).exitCode).toBe(0);
  });
});

describe('the other server stand-ins', () => {
  it.each([
    ['mysql:8.4', 'docker run -d --name srv -e MYSQL_ROOT_PASSWORD=pw mysql:8.4', 'ls -l /var/lib/mysql'],
    ['mariadb:lts', 'docker run -d --name srv -e MARIADB_ROOT_PASSWORD=pw mariadb:lts', 'du -s /var/lib/mysql'],
    ['mongo:8', 'docker run -d --name srv mongo:8', 'ls -l /data/db'],
    ['redis:7', 'docker run -d --name srv redis:7', 'sh -c "redis-cli SET k v >/dev/null && redis-cli SAVE >/dev/null && ls -l /data"'],
    ['wordpress:latest', 'docker run -d --name srv wordpress:latest', 'ls -la /var/www/html'],
  ])('%s: the files its stand-in writes are refused by name', (image, run, cmd) => {
    const d = engine([image]);
    expect(d.run(run).exitCode).toBe(0);
    refused(d, `docker exec srv ${cmd}`);
  });
});
