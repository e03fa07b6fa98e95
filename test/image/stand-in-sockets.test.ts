// A server's Unix socket in a normal install: where the real server binds one, its stand-in's file
// is a socket to every program but the stand-in's own (fs/node.ts SocketNode.standIn), which keep
// using it as the file they connect through. What the real servers make there, from their sources:
// - postgres binds `<socket directory>/.s.PGSQL.<port>` (src/include/libpq/pqcomm.h UNIXSOCK_PATH)
//   as postgres, mode unix_socket_permissions (default 0777, postgresql.conf.sample);
// - mysqld and mariadbd bind their `socket` with umask 0 (mode 0777) as mysql;
// - mongod binds /tmp/mongodb-27017.sock with net.unixDomainSocket.filePermissions (default 0700).
// What tools show of a socket (test -S, stat's `socket`, ENXIO on open, docker cp copying nothing)
// is recorded: host-mounts/ph-docker-socket, fs/socket-in-writable-layer.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const ok = (d: SimulatedDocker, command: string): string => {
  const r = d.run(command);
  expect(r.exitCode, `${command}\n${r.output}`).toBe(0);
  return r.output;
};

describe("a server stand-in's socket is a socket in a normal install", () => {
  it('postgres: .s.PGSQL.5432 is srwxrwxrwx postgres, psql still connects, docker cp copies nothing', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    ok(d, 'docker pull -q postgres:16');
    ok(d, 'docker run -d --name db -e POSTGRES_PASSWORD=pw postgres:16');
    const sock = '/var/run/postgresql/.s.PGSQL.5432';
    expect(ok(d, `docker exec db sh -c 'test -S ${sock} && echo socket; test -f ${sock} || echo "not a regular file"'`)).toBe('socket\nnot a regular file\n');
    expect(ok(d, `docker exec db stat -c '%A %U %G %s %F' ${sock}`)).toBe('srwxrwxrwx postgres postgres 0 socket\n');
    expect(ok(d, `docker exec db psql -U postgres -c 'CREATE TABLE t (id int)'`)).toBe('CREATE TABLE\n');
    expect(ok(d, `docker cp db:${sock} out; echo "cp: $?"; ls -A`)).toBe('cp: 0\n');
  });

  it('mysql: mysqld.sock is srwxrwxrwx mysql and cannot be read, while the client still reaches its server', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    ok(d, 'docker pull -q mysql:8.4');
    ok(d, 'docker run -d --name my -e MYSQL_ROOT_PASSWORD=pw mysql:8.4');
    expect(ok(d, 'docker exec my stat -c "%A %U %G %s %F" /var/run/mysqld/mysqld.sock /var/run/mysqld/mysqlx.sock')).toBe('srwxrwxrwx mysql mysql 0 socket\n'.repeat(2));
    const cat = d.run('docker exec my cat /var/run/mysqld/mysqld.sock');
    expect([cat.output, cat.exitCode]).toEqual(['cat: /var/run/mysqld/mysqld.sock: No such device or address\n', 1]);
    ok(d, "docker exec my mysql -uroot -ppw -e 'CREATE DATABASE shop'");
    expect(ok(d, "docker exec my mysql -uroot -ppw -N -e 'SHOW DATABASES'")).toContain('shop\n');
  });

  it('mariadb and mongo: their sockets too', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    ok(d, 'docker pull -q mariadb:lts');
    ok(d, 'docker pull -q mongo:8');
    ok(d, 'docker run -d --name ma -e MARIADB_ROOT_PASSWORD=pw mariadb:lts');
    ok(d, 'docker run -d --name mo mongo:8');
    expect(ok(d, 'docker exec ma stat -c "%A %U %G %F" /run/mysqld/mysqld.sock')).toBe('srwxrwxrwx mysql mysql socket\n');
    expect(ok(d, 'docker exec mo stat -c "%A %U %G %F" /tmp/mongodb-27017.sock')).toBe('srwx------ mongodb mongodb socket\n');
  });

  it("with the oracle's stand-ins (--busybox-stand-ins) it stays the regular file they recorded", () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', busyboxStandIns: true });
    ok(d, 'docker pull -q postgres:16');
    ok(d, 'docker run -d --name db -e POSTGRES_PASSWORD=pw postgres:16');
    expect(ok(d, 'docker exec db stat -c "%F" /var/run/postgresql/.s.PGSQL.5432')).toBe('regular empty file\n');
  });
});
