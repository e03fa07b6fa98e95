// Copies of a server's data in a normal install (Vfs.entriesToCopy, readToCopy, markCopyIncomplete):
// the real server's files have bytes, sizes and (in some directories) names strata does not know
// (src/fs/node.ts FileNode.placeholder, DirNode.placeholder), but a copy that reads them all ends
// the same whatever they are. So `cp -a` and a cross-device `mv` run: the copies carry the
// placeholder mark (their bytes stay refused), keep what is known (names, modes, owners), and a
// server started on them finds its rows. Where the outcome would depend on what strata does not
// know (-v prints every name, a file system of a set size, a merge into names already there) the
// command stays refused by name.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const PGDATA = '/var/lib/postgresql/data';
const UNKNOWN_BYTES = /^strata does not simulate the contents of (\S+): a file the real server writes/m;
const UNKNOWN_NAMES = /^strata does not simulate the entries of (\S+): a directory the real server fills/m;

/** A stopped postgres whose data volume pgdata holds a table with one row. */
function pgdata(): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1' });
  expect(d.loadImages(['postgres:16', 'ubuntu:latest'])).toEqual([]);
  for (const line of [
    `docker run -d --name db -e POSTGRES_PASSWORD=pw -v pgdata:${PGDATA} postgres:16`,
    'docker exec db psql -U postgres -c "CREATE TABLE users (id INT, name TEXT)"',
    "docker exec db psql -U postgres -c \"INSERT INTO users VALUES (1, 'alice')\"",
    'docker rm -f db',
  ]) {
    const r = d.run(line);
    expect(r.exitCode, `${line}\n${r.output}`).toBe(0);
  }
  return d;
}

function ok(d: SimulatedDocker, line: string): string {
  const r = d.run(line);
  expect(r.exitCode, `${line}\n${r.output}`).toBe(0);
  return r.output;
}

function refusedBy(d: SimulatedDocker, line: string, why: RegExp): string {
  const r = d.run(line);
  expect(r.exitCode, r.output).toBe(125);
  const m = why.exec(r.output);
  expect(m, r.output).not.toBeNull();
  return m![1];
}

/** What a server started on `volume` finds in its users table. */
function rows(d: SimulatedDocker, volume: string): string {
  ok(d, `docker run -d --name check -e POSTGRES_PASSWORD=pw -v ${volume}:${PGDATA} postgres:16`);
  const out = ok(d, 'docker exec check psql -U postgres -At -c "SELECT name FROM users"');
  ok(d, 'docker rm -f check');
  return out;
}

describe("cp of a server's data carries the placeholder mark", () => {
  for (const image of ['busybox', 'ubuntu:latest']) {
    it(`${image} cp -a into an empty volume: the same names, modes and owners; a server started on the copy finds its rows`, () => {
      const d = pgdata();
      expect(ok(d, `docker run --rm -v pgdata:/from -v pgcopy:/to ${image} cp -a /from/. /to/`)).toBe('');
      // what is known is the source's: every listable directory lists the same, with -n's owners and modes
      // (ls -l would show sizes, which stay refused: stat shows the rest)
      const known = (volume: string, dir: string): string =>
        ok(d, `docker run --rm -v ${volume}:/d busybox sh -c 'cd /d${dir} && for f in * .[!.]*; do [ -e "$f" ] && stat -c "%n %A %u %g %Y" "$f"; done; true'`);
      for (const dir of ['', '/base', '/pg_multixact']) {
        const listed = known('pgdata', dir);
        expect(listed.split('\n').length).toBeGreaterThan(2);
        expect(known('pgcopy', dir)).toBe(listed);
      }
      expect(rows(d, 'pgcopy')).toBe('alice\n');
    });
  }

  it("the copy's bytes and its server-filled directories stay refused; a file of the real server's bytes stays readable", () => {
    const d = pgdata();
    ok(d, 'docker run --rm -v pgdata:/from -v pgcopy:/to busybox cp -a /from/. /to/');
    expect(refusedBy(d, 'docker run --rm -v pgcopy:/d busybox cat /d/postgresql.conf', UNKNOWN_BYTES)).toBe('/d/postgresql.conf');
    expect(refusedBy(d, 'docker run --rm -v pgcopy:/d busybox ls /d/global', UNKNOWN_NAMES)).toBe('/d/global');
    expect(refusedBy(d, 'docker run --rm -v pgcopy:/d busybox ls /d/base/5', UNKNOWN_NAMES)).toBe('/d/base/5');
    expect(ok(d, 'docker run --rm -v pgcopy:/d busybox cat /d/PG_VERSION')).toBe(ok(d, 'docker run --rm -v pgdata:/d busybox cat /d/PG_VERSION'));
  });

  it('a directory the server fills holds files of unknown sizes even where the stand-in kept none: so does its copy', () => {
    const d = pgdata();
    ok(d, 'docker run --rm -v pgdata:/from -v statcopy:/to busybox cp -a /from/pg_stat_tmp /to/');
    ok(d, 'docker volume rm pgdata');
    expect(d.run('docker volume prune -af').output).toMatch(/^strata does not simulate the size of volume statcopy: /m);
  });

  it('cp -r without -a: the copies are the copier\'s (root), as any copy without -p', () => {
    const d = pgdata();
    ok(d, 'docker run --rm -v pgdata:/from -v pgcopy:/to busybox cp -r /from/base /to/');
    expect(ok(d, 'docker run --rm -v pgdata:/d busybox stat -c %u /d/base')).toBe('999\n');
    expect(ok(d, 'docker run --rm -v pgcopy:/d busybox stat -c %u /d/base /d/base/5/PG_VERSION')).toBe('0\n0\n');
  });

  it("a cross-device mv moves the server's directory whole: gone from the source, marked in the copy", () => {
    const d = pgdata();
    ok(d, 'docker run --rm -v pgdata:/from -v moved:/to ubuntu:latest mv /from/global /to/');
    expect(ok(d, 'docker run --rm -v pgdata:/d busybox ls /d').split('\n')).not.toContain('global');
    expect(refusedBy(d, 'docker run --rm -v moved:/d busybox ls /d/global', UNKNOWN_NAMES)).toBe('/d/global');
    expect(ok(d, 'docker run --rm -v moved:/d busybox stat -c "%a %u" /d/global')).toBe('700 999\n');
  });

  it('one placeholder file copied is a placeholder', () => {
    const d = pgdata();
    ok(d, 'docker run --rm -v pgdata:/from -v one:/to busybox cp /from/global/pg_control /to/');
    expect(refusedBy(d, 'docker run --rm -v one:/d busybox wc -c /d/pg_control', UNKNOWN_BYTES)).toBe('/d/pg_control');
  });

  it('where the outcome depends on what strata does not know, it stays refused by name', () => {
    const d = pgdata();
    // -v prints every name it copies
    expect(refusedBy(d, 'docker run --rm -v pgdata:/from -v c1:/to busybox cp -av /from/. /to/', UNKNOWN_NAMES)).toBe('/from/./base/1');
    // the unknown names could meet names already in the destination
    ok(d, 'docker run --rm -v c2:/to busybox sh -c "mkdir -p /to/global && touch /to/global/x"');
    refusedBy(d, 'docker run --rm -v pgdata:/from -v c2:/to busybox cp -a /from/. /to/', UNKNOWN_NAMES);
    // a tmpfs of a set size: whether the files fit is not known
    const r = d.run('docker run --rm -v pgdata:/from --tmpfs /to busybox cp -a /from/. /to/');
    expect(r.exitCode).toBe(125);
    expect(r.output).toMatch(/^strata does not simulate whether the copy at \/to\/\S+ fits: /m);
  });

  it('a user who may not read the data directory gets the real error', () => {
    const d = pgdata();
    // the data directory is 0700 postgres (docker-entrypoint.sh docker_create_db_directories)
    const r = d.run('docker run --rm -u 1000 -v pgdata:/from busybox cp -a /from/. /tmp/');
    expect(r).toEqual({ output: "cp: can't open '/from/.': Permission denied\n", exitCode: 1 });
    // its owner reads every file in it
    ok(d, 'docker run --rm -u 999 -v pgdata:/from busybox cp -a /from/. /tmp/copy');
  });
});

describe("tar of a server's data: the archive carries the marks, and is a placeholder itself", () => {
  it('the docs recipe without -v: tar cf of the data volume into a bind, tar xf --strip into a new volume; a server started on it finds its rows', () => {
    const d = pgdata();
    expect(ok(d, 'docker run --rm -v pgdata:/dbdata -v "$PWD":/backup ubuntu:latest tar cf /backup/backup.tar /dbdata')).toBe("tar: Removing leading `/' from member names\n");
    ok(d, 'docker run --rm -v restored:/dbdata -v "$PWD":/backup ubuntu:latest bash -c "cd /dbdata && tar xf /backup/backup.tar --strip 1"');
    expect(ok(d, 'docker run --rm -v restored:/d busybox ls -A /d')).toBe(ok(d, 'docker run --rm -v pgdata:/d busybox ls -A /d'));
    expect(refusedBy(d, 'docker run --rm -v restored:/d busybox ls /d/global', UNKNOWN_NAMES)).toBe('/d/global');
    expect(rows(d, 'restored')).toBe('alice\n');
  });

  it("busybox tar czf -C . and tar xzf -C (a tutorial's backup of a volume): the same", () => {
    const d = pgdata();
    ok(d, 'docker run --rm -v pgdata:/source -v "$PWD":/backup busybox tar czf /backup/pg.tar.gz -C /source .');
    ok(d, 'docker run --rm -v target:/target -v "$PWD":/backup busybox tar xzf /backup/pg.tar.gz -C /target');
    expect(ok(d, 'docker run --rm -v target:/d busybox stat -c "%a %u %g" /d/base /d/global')).toBe(ok(d, 'docker run --rm -v pgdata:/d busybox stat -c "%a %u %g" /d/base /d/global'));
    expect(rows(d, 'target')).toBe('alice\n');
  });

  it("the archive's bytes and size are unknown; its known members' names are listed, the rest refused by name", () => {
    const d = pgdata();
    ok(d, 'docker run --rm -v pgdata:/source -v "$PWD":/backup busybox tar cf /backup/pg.tar -C /source .');
    expect(refusedBy(d, 'ls -l pg.tar', UNKNOWN_BYTES)).toMatch(/\/pg\.tar$/);
    // the refusal says what such a file can be: the archive is no file of the server's own
    expect(d.run('ls -l pg.tar').output).toMatch(/pg\.tar: a file the real server writes, or a copy or an archive of such files, whose bytes and size strata does not know/);
    expect(refusedBy(d, 'wc -c < pg.tar', UNKNOWN_BYTES)).toMatch(/\/pg\.tar$/);
    // tar t of every member would list the server's unknown names
    expect(refusedBy(d, 'tar tf pg.tar', UNKNOWN_NAMES)).toBe('./base/1/');
    expect(ok(d, 'tar tf pg.tar ./PG_VERSION ./postgresql.conf')).toBe('./PG_VERSION\n./postgresql.conf\n');
    expect(ok(d, 'tar xOf pg.tar ./PG_VERSION')).toBe('16\n');
    expect(refusedBy(d, 'tar xOf pg.tar ./postgresql.conf', UNKNOWN_BYTES)).toBe('./postgresql.conf');
    expect(refusedBy(d, 'tar tvf pg.tar ./postgresql.conf', UNKNOWN_BYTES)).toBe('./postgresql.conf');
    // a name under a server's directory that is no known member may be one of its unknown files
    expect(refusedBy(d, 'tar xf pg.tar ./global/4711', UNKNOWN_NAMES)).toBe('./global/4711');
    // written to a pipe, the archive's bytes would show
    refusedBy(d, 'docker run --rm -v pgdata:/source busybox tar cf - -C /source . | wc -c', UNKNOWN_NAMES);
  });

  it('-v lists every name: refused by name, creating or extracting', () => {
    const d = pgdata();
    refusedBy(d, 'docker run --rm -v pgdata:/dbdata -v "$PWD":/backup ubuntu:latest tar cvf /backup/backup.tar /dbdata', UNKNOWN_NAMES);
    ok(d, 'docker run --rm -v pgdata:/dbdata -v "$PWD":/backup ubuntu:latest tar cf /backup/backup.tar /dbdata');
    refusedBy(d, 'docker run --rm -v xv:/dbdata -v "$PWD":/backup ubuntu:latest bash -c "cd /dbdata && tar xvf /backup/backup.tar --strip 1"', UNKNOWN_NAMES);
  });

  it('a restore over a data directory that is there already: refused by name (the unknown names could meet)', () => {
    const d = pgdata();
    ok(d, 'docker run --rm -v pgdata:/source -v "$PWD":/backup busybox tar cf /backup/pg.tar -C /source .');
    refusedBy(d, 'docker run --rm -v pgdata:/target -v "$PWD":/backup busybox tar xf /backup/pg.tar -C /target', UNKNOWN_NAMES);
  });

  it('a placeholder that no tar made is no archive strata can read', () => {
    const d = pgdata();
    const r = d.run('docker run --rm -v pgdata:/d busybox tar tf /d/global/pg_control');
    expect(r.exitCode).toBe(125);
    expect(UNKNOWN_BYTES.exec(r.output)?.[1]).toBe('/d/global/pg_control');
  });
});

describe("docker cp of a server's data carries the marks", () => {
  it('out to the host and back into a new container: a server started on it finds its rows', () => {
    const d = pgdata();
    ok(d, `docker run --name db --rm -d -e POSTGRES_PASSWORD=pw -v pgdata:${PGDATA} postgres:16`);
    ok(d, 'docker stop db');
    ok(d, `docker create --name keep -v pgdata:${PGDATA} postgres:16`);
    ok(d, `docker cp keep:${PGDATA} ./pgbackup`);
    expect(refusedBy(d, 'ls pgbackup/global', UNKNOWN_NAMES)).toMatch(/\/pgbackup\/global$/);
    expect(refusedBy(d, 'cat pgbackup/postgresql.conf', UNKNOWN_BYTES)).toMatch(/\/pgbackup\/postgresql\.conf$/);
    ok(d, `docker create --name fresh -e POSTGRES_PASSWORD=pw -v newdata:${PGDATA} postgres:16`);
    ok(d, `docker cp pgbackup/. fresh:${PGDATA}`);
    ok(d, 'docker start fresh');
    expect(ok(d, 'docker exec fresh psql -U postgres -At -c "SELECT name FROM users"')).toBe('alice\n');
    // a second copy meets the names there: refused by name
    refusedBy(d, `docker cp pgbackup/. fresh:${PGDATA}`, UNKNOWN_NAMES);
  });

  it('to a stream (-) the bytes would show: refused by name', () => {
    const d = pgdata();
    ok(d, `docker create --name keep -v pgdata:${PGDATA} postgres:16`);
    refusedBy(d, `docker cp keep:${PGDATA} - | wc -c`, UNKNOWN_NAMES);
  });
});
