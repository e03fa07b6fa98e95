// The servers' own option files (catalog/mysql/SOURCES.md, "Server options"; catalog/mariadb/SOURCES.md,
// "Option files"). mariadbd reads /etc/mysql/my.cnf -> /etc/alternatives/my.cnf -> /etc/mysql/mariadb.cnf
// (mariadb-common, update-alternatives), which includes mariadb.conf.d/ then conf.d/ (the order the
// mariadb-docker Dockerfile's sed gives), and takes the groups of MariaDB's sql/mysqld.cc
// load_default_groups; mysqld reads /etc/my.cnf and its conf.d (groups [mysqld], [server],
// [mysqld-X.Y]). Both go through one reader (my-defaults: my_server_options) that refuses by name
// the options it does not model. mysql:8.0 (8.0.32) refuses a data directory 8.4 wrote: InnoDB's
// downgrade check. The same stand-ins were recorded on both engines:
// catalog/mariadb-lts-server-option-files, catalog/mysql-8.0-on-8.4-data.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const ok = (d: SimulatedDocker, command: string): string => {
  const r = d.run(command);
  expect(r.exitCode, `${command}\n${r.output}`).toBe(0);
  return r.output;
};

const refused = (d: SimulatedDocker, command: string, line: string): void => {
  const r = d.run(`${command} 2>&1`);
  expect(r.exitCode, `${command}\n${r.output}`).toBe(1);
  expect(r.output.trimEnd().split('\n').pop()).toBe(line);
};

describe('mariadb:lts reads the option files mariadbd reads', () => {
  it('has my.cnf -> /etc/alternatives/my.cnf -> mariadb.cnf, which includes mariadb.conf.d/ before conf.d/', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    ok(d, 'docker pull -q mariadb:lts');
    expect(ok(d, "docker run --rm mariadb:lts sh -c 'readlink /etc/mysql/my.cnf; readlink /etc/alternatives/my.cnf; ls -A /etc/mysql/conf.d | wc -l'")).toBe(
      '/etc/alternatives/my.cnf\n/etc/mysql/mariadb.cnf\n0\n',
    );
    expect(ok(d, "docker run --rm mariadb:lts grep -n -A1 '^$' /etc/mysql/mariadb.cnf")).toContain(
      '\n28:\n29-!includedir /etc/mysql/mariadb.conf.d/\n',
    );
    expect(ok(d, 'docker run --rm mariadb:lts tail -n 2 /etc/mysql/my.cnf')).toBe(
      '!includedir /etc/mysql/mariadb.conf.d/\n!includedir /etc/mysql/conf.d/\n',
    );
  });

  it("a .cnf mounted in conf.d moves the server's datadir; another version's group does not", () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    ok(d, 'docker pull -q mariadb:lts');
    ok(d, `mkdir conf && printf '[mariadb-11.8]\\ndatadir=/srv/v118\\n[mariadb]\\ndatadir = "/srv/db"   # moved\\n' > conf/custom.cnf`);
    ok(d, 'docker run -d --name mdb -e MARIADB_ROOT_PASSWORD=pw -v "$PWD/conf/custom.cnf:/etc/mysql/conf.d/custom.cnf:ro" mariadb:lts');
    ok(d, "docker exec mdb mariadb -uroot -ppw -e 'CREATE DATABASE shop'");
    expect(ok(d, "docker exec mdb sh -c 'ls -d /srv/db/mysql; ls /srv/db/shop; ls -A /var/lib/mysql | wc -l; test -e /srv/v118 || echo no v118'")).toBe(
      '/srv/db/mysql\ndb.opt\n0\nno v118\n',
    );
  });

  it('prints the port of a [client-server] group, and of the command line after --no-defaults', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', busyboxStandIns: true });
    ok(d, 'docker pull -q mariadb:lts');
    ok(d, "mkdir conf && printf '[client-server]\\nport = 3307\\n' > conf/port.cnf");
    ok(d, 'docker run -d --name mdb -e MARIADB_ROOT_PASSWORD=pw -v "$PWD/conf/port.cnf:/etc/mysql/conf.d/port.cnf:ro" mariadb:lts');
    ok(d, 'docker run -d --name mdb2 -e MARIADB_ROOT_PASSWORD=pw -v "$PWD/conf/port.cnf:/etc/mysql/conf.d/port.cnf:ro" mariadb:lts mariadbd --no-defaults --port=3309');
    ok(d, 'sleep 8');
    expect(ok(d, "docker logs mdb 2>&1 | grep -o 'port: [0-9]*'")).toBe('port: 0\nport: 3307\n');
    expect(ok(d, "docker logs mdb2 2>&1 | grep -o 'port: [0-9]*'")).toBe('port: 0\nport: 3309\n');
  });

  it("takes a utf8mb4 *_ci collation: the db.opt of the databases it creates says it", () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', busyboxStandIns: true });
    ok(d, 'docker pull -q mariadb:lts');
    ok(d, 'docker run -d --name mdb -e MARIADB_ROOT_PASSWORD=pw -e MARIADB_DATABASE=app mariadb:lts --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci');
    ok(d, "docker exec mdb mariadb -uroot -ppw -e 'CREATE DATABASE shop'");
    const opt = 'default-character-set=utf8mb4\ndefault-collation=utf8mb4_unicode_ci\n';
    expect(ok(d, "docker exec mdb sh -c 'cat /var/lib/mysql/shop/db.opt /var/lib/mysql/app/db.opt /var/lib/mysql/sys/db.opt'")).toBe(opt + opt + opt);
    // the default otherwise
    ok(d, 'docker run -d --name mdb2 -e MARIADB_ROOT_PASSWORD=pw mariadb:lts');
    ok(d, "docker exec mdb2 mariadb -uroot -ppw -e 'CREATE DATABASE shop'");
    expect(ok(d, 'docker exec mdb2 cat /var/lib/mysql/shop/db.opt')).toBe('default-character-set=utf8mb4\ndefault-collation=utf8mb4_uca1400_ai_ci\n');
  });

  it('refuses by name what the stand-in does not model', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    ok(d, 'docker pull -q mariadb:lts');
    refused(d, 'docker run --rm mariadb:lts --character-set-server=latin1', 'mariadbd: strata stand-in: --character-set-server=latin1 is not simulated');
    refused(d, 'docker run --rm mariadb:lts --collation-server=utf8mb4_bin', 'mariadbd: strata stand-in: --collation-server=utf8mb4_bin is not simulated');
    refused(d, 'docker run --rm mariadb:lts --skip-networking', 'mariadbd: strata stand-in: the option --skip-networking is not simulated');
    ok(d, "mkdir conf && printf '[mysqld]\\nlower_case_table_names = 1\\n' > conf/a.cnf && printf '[mariadb-12]\\nport=1\\n' > conf/b.cnf");
    refused(d, 'docker run --rm -v "$PWD/conf/a.cnf:/etc/mysql/conf.d/a.cnf:ro" mariadb:lts', 'mariadbd: strata stand-in: the option --lower-case-table-names is not simulated');
    refused(
      d,
      'docker run --rm -v "$PWD/conf/b.cnf:/etc/mysql/conf.d/b.cnf:ro" mariadb:lts',
      'mariadbd: strata stand-in: an option in the group [mariadb-12] (/etc/mysql/conf.d/b.cnf, line 2) is not simulated',
    );
    // the defaults themselves are taken
    ok(d, 'docker run -d --name mdb -e MARIADB_ROOT_PASSWORD=pw mariadb:lts --character-set-server=utf8mb4 --collation_server=utf8mb4_uca1400_ai_ci --max-connections=500');
    expect(ok(d, "docker exec mdb mariadb -uroot -ppw -N -e 'SHOW DATABASES'")).toContain('mysql\n');
  });
});

describe('mysqld reads /etc/my.cnf and its conf.d with the same reader', () => {
  it('mysql:8.0 refuses the data directory mysql:8.4 wrote, with InnoDB\'s lines and status 1', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', busyboxStandIns: true });
    ok(d, 'docker pull -q mysql:8.4');
    ok(d, 'docker pull -q mysql:8.0');
    ok(d, 'docker run -d --name m84 -e MYSQL_ROOT_PASSWORD=pw -v data:/var/lib/mysql mysql:8.4');
    ok(d, 'sleep 8');
    ok(d, 'docker stop m84');
    const r = d.run('docker run --name m80 -v data:/var/lib/mysql mysql:8.0 2>&1');
    expect(r.exitCode).toBe(1);
    expect(r.output.split('\n').slice(-7).join('\n')).toBe(
      [
        '[ERROR] [MY-013171] [InnoDB] Cannot boot server version 80032 on data directory built by version 80411. Downgrade is not supported',
        "mysqld: Can't open file: 'mysql.ibd' (errno: 0 - )",
        '[ERROR] [MY-010334] [Server] Failed to initialize DD Storage Engine',
        '[ERROR] [MY-010020] [Server] Data Dictionary initialization failed.',
        '[ERROR] [MY-010119] [Server] Aborting',
        '[System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld 8.0.32)  MySQL Community Server - GPL.',
        '',
      ].join('\n'),
    );
    expect(ok(d, "docker inspect -f '{{.State.ExitCode}}' m80")).toBe('1\n');
    // the same version starts on it again, with a port from conf.d
    ok(d, "mkdir conf && printf '[mysqld]\\nport = 3307\\nmax_connections=500\\n' > conf/port.cnf");
    ok(d, 'docker run -d --name m84b -v data:/var/lib/mysql -v "$PWD/conf/port.cnf:/etc/mysql/conf.d/port.cnf:ro" mysql:8.4');
    ok(d, 'sleep 5');
    expect(ok(d, "docker logs m84b 2>&1 | grep -o 'port: [0-9]*'")).toBe('port: 33060\nport: 3307\n');
  });

  it('a newer server on older data, and options it does not model, are refused by name', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    ok(d, 'docker pull -q mysql:8.0');
    ok(d, 'docker pull -q mysql:8.4');
    ok(d, 'docker run -d --name m80 -e MYSQL_ROOT_PASSWORD=pw -v data:/var/lib/mysql mysql:8.0');
    ok(d, "docker exec m80 mysql -uroot -ppw -e 'SELECT 1'");
    ok(d, 'docker stop m80');
    refused(d, 'docker run --rm -v data:/var/lib/mysql mysql:8.4', 'mysqld: strata stand-in: a data directory of MySQL version 80032 (this server is 80411) is not simulated');
    // 8.0 still has it (compose files' `command: --default-authentication-plugin=mysql_native_password`)
    ok(d, 'docker run -d --name m80b -e MYSQL_ROOT_PASSWORD=pw mysql:8.0 --default-authentication-plugin=mysql_native_password');
    expect(ok(d, "docker exec m80b mysql -uroot -ppw -N -e 'SELECT 1' 2>/dev/null")).toBe('1\n');
    refused(d, 'docker run --rm mysql:8.4 --default-authentication-plugin=mysql_native_password', 'mysqld: strata stand-in: the option --default-authentication-plugin is not simulated');
    refused(d, 'docker run --rm mysql:8.4 --collation-server=utf8mb4_bin', 'mysqld: strata stand-in: --collation-server=utf8mb4_bin is not simulated');
    refused(d, 'docker run --rm mysql:8.4 --port 3307', 'mysqld: strata stand-in: --port without =VALUE is not simulated');
  });
});
