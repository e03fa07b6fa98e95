// mysql's datadir in a normal install comes from the option files the real mysqld reads, in its
// order (mysql/mysql-server mysys/my_default.cc init_default_directories: /etc/my.cnf, then
// /etc/mysql/my.cnf; search_default_file_with_ext: groups, quotes, end comments, !includedir), the
// groups of sql/mysqld.cc load_default_groups ([mysqld], [server], [mysqld-8.4]). The client reads
// the same files for its own groups (client/mysql.cc: [mysql], [client]), so the [client] socket
// there is the one it connects to. The same stand-in was recorded with busybox on both engines:
// catalog/mysql-8.4-option-files.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const ok = (d: SimulatedDocker, command: string): string => {
  const r = d.run(command);
  expect(r.exitCode, `${command}\n${r.output}`).toBe(0);
  return r.output;
};

describe('mysql:8.4 in a normal install reads /etc/mysql/my.cnf after /etc/my.cnf and its conf.d', () => {
  it('a [mysqld] datadir there moves the data; a [client] socket and another version\'s group do not move the server', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    ok(d, 'docker pull -q mysql:8.4');
    ok(d, `mkdir conf && printf '[client]\\nsocket=/tmp/client.sock\\n[mysqld-8.0]\\ndatadir=/srv/v80\\n[mysqld]\\ndatadir = "/srv/db"   # moved\\n' > conf/my.cnf`);
    ok(d, 'docker run -d --name my -e MYSQL_ROOT_PASSWORD=pw -v "$PWD/conf/my.cnf:/etc/mysql/my.cnf:ro" mysql:8.4');
    expect(ok(d, "docker exec my sh -c 'test -d /srv/db/mysql && echo initialised; test -e /srv/v80 || echo no v80; ls /var/run/mysqld'")).toBe(
      'initialised\nno v80\nmysqld.pid\nmysqld.sock\nmysqld.sock.lock\nmysqlx.sock\nmysqlx.sock.lock\n',
    );
    // the client takes the [client] socket, where no server listens (CR_SOCKET_CONNECT, errno 2),
    // until the command line names the server's
    const r = d.run("docker exec my mysql -uroot -ppw -e 'CREATE DATABASE shop' 2>&1");
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      "mysql: [Warning] Using a password on the command line interface can be insecure.\n" +
        "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/tmp/client.sock' (2)\n",
    );
    ok(d, "docker exec my mysql -uroot -ppw --socket=/var/run/mysqld/mysqld.sock -e 'CREATE DATABASE shop'");
    expect(ok(d, 'docker exec my ls /srv/db/shop')).toBe('');
    expect(d.run('docker exec my ls /var/lib/mysql/shop').exitCode).not.toBe(0);
  });
});
