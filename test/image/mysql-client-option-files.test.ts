// The mysql and mariadb clients read option files before their command line, as the real ones do
// (mysys/my_default.cc my_load_defaults; expected values from the sources, catalog/mysql/SOURCES.md
// "Option files"): Oracle's client the groups [mysql] and [client] (client/mysql.cc
// load_default_groups) of /etc/my.cnf (with the image's `!includedir /etc/mysql/conf.d/`),
// /etc/mysql/my.cnf, /usr/etc/my.cnf, a --defaults-extra-file and ~/.my.cnf, in that order, the last
// value winning and the command line over all; MariaDB's [mysql], [mariadb-client], [client],
// [client-server], [client-mariadb]. A password from a file draws no warning (my_getopt:
// print_cmdline_password_warning only for a command-line argument) and MYSQL_PWD is read only
// when no password was given. The same stand-ins were recorded with busybox:
// catalog/mysql-8.4-client-option-files, catalog/mariadb-lts-client-option-files.

import { beforeAll, describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const ok = (d: SimulatedDocker, command: string): string => {
  const r = d.run(command);
  expect(r.exitCode, `${command}\n${r.output}`).toBe(0);
  return r.output;
};
const fails = (d: SimulatedDocker, command: string): string => {
  const r = d.run(command);
  expect(r.exitCode, `${command}\n${r.output}`).toBe(1);
  return r.output;
};

describe('the mysql:8.4 client and mysqladmin read the option files', () => {
  const d = new SimulatedDocker({ engine: 'docker-26.1' });
  beforeAll(() => {
    ok(d, 'docker pull -q mysql:8.4');
    ok(d, 'docker run -d --name cnf -e MYSQL_ROOT_PASSWORD=pw mysql:8.4');
    ok(d, String.raw`docker exec cnf sh -c 'printf "[client]\nuser=nobody\npassword=pw\n[mysqladmin]\nuser=other\n" > /etc/mysql/conf.d/client.cnf; printf "[mysql]\nuser = root   # me\nskip_column_names\n" > /root/.my.cnf'`);
  });

  it('takes the last value of its groups, ~/.my.cnf after conf.d, and the command line over them', () => {
    expect(ok(d, "docker exec cnf mysql -e 'SELECT CURRENT_USER()' 2>&1")).toBe('root@localhost\n');
    expect(fails(d, "docker exec cnf mysql -ubad -e 'SELECT 1' 2>&1")).toBe(
      "ERROR 1045 (28000): Access denied for user 'bad'@'localhost' (using password: YES)\n",
    );
    // a password from a file is not replaced by MYSQL_PWD
    expect(ok(d, "docker exec -e MYSQL_PWD=wrong cnf mysql -e 'SELECT 2' 2>&1")).toBe('2\n');
    // mysqladmin reads [mysqladmin] after [client]: the user other, whom the server does not know
    expect(ok(d, 'docker exec cnf mysqladmin ping 2>&1')).toBe(
      "mysqladmin: connect to server at 'localhost' failed\nerror: 'Access denied for user 'other'@'localhost' (using password: YES)'\n",
    );
    expect(ok(d, "docker exec cnf mysql -uroot -ppw -e 'SELECT 4' 2>&1")).toBe(
      'mysql: [Warning] Using a password on the command line interface can be insecure.\n4\n',
    );
  });

  it('--print-defaults, --no-defaults and --defaults-file as the first arguments', () => {
    expect(ok(d, "docker exec cnf mysql --print-defaults -e 'SELECT 1'")).toBe(
      'mysql would have been started with the following arguments:\n' +
        '--socket=/var/run/mysqld/mysqld.sock --user=nobody --password=***** --user=root --skip_column_names -e SELECT 1 \n',
    );
    expect(fails(d, "docker exec cnf mysql --no-defaults -uroot -e 'SELECT 1' 2>&1")).toBe(
      "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: NO)\n",
    );
    // only the file named, relative to the working directory: no skip_column_names
    ok(d, String.raw`docker exec cnf sh -c 'printf "[client]\nuser=root\npassword=\"pw\"\n" > /tmp/only.cnf'`);
    expect(ok(d, "docker exec -w /tmp cnf mysql --defaults-file=only.cnf -e 'SELECT 3'")).toBe('3\n3\n');
    // after the files in the order read, the extra file before ~/.my.cnf
    expect(ok(d, 'docker exec cnf mysql --defaults-extra-file=/tmp/only.cnf --print-defaults')).toBe(
      'mysql would have been started with the following arguments:\n' +
        '--socket=/var/run/mysqld/mysqld.sock --user=nobody --password=***** --user=root --password=***** --user=root --skip_column_names \n',
    );
  });

  it('keeps the including file\'s group after an !include', () => {
    ok(d, String.raw`docker exec cnf sh -c 'printf "[mysqld]\nuser=mysql\n" > /root/inc.cnf; printf "[client]\n!include /root/inc.cnf\nuser=root\npassword=pw\n" > /root/.my.cnf'`);
    expect(ok(d, "docker exec cnf mysql -N -e 'SELECT CURRENT_USER()'")).toBe('root@localhost\n');
  });

  it('refuses by name what it does not reproduce', () => {
    for (const command of [
      "docker exec cnf mysql -uroot --no-defaults -e 'SELECT 1'",
      "docker exec cnf mysql --defaults-file=/nowhere.cnf -e 'SELECT 1'",
      "docker exec cnf mysql --loose-no-such-option -e 'SELECT 1'",
      String.raw`docker exec cnf sh -c 'printf "user=root\n" > /tmp/nogroup.cnf; mysql --defaults-file=/tmp/nogroup.cnf -e "SELECT 1"'`,
    ]) {
      expect(fails(d, `${command} 2>&1`)).toMatch(/^mysql: strata stand-in: .* is not simulated\n$/);
    }
  });
});

describe('the mariadb:lts client reads its own groups', () => {
  it('[client-server], [client-mariadb] and [mariadb-client] in file order, not [mysqld]', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    ok(d, 'docker pull -q mariadb:lts');
    ok(d, 'docker run -d --name md -e MARIADB_ROOT_PASSWORD=pw mariadb:lts');
    ok(d, String.raw`docker exec md sh -c 'printf "[client-server]\nuser=nobody\n[client-mariadb]\npassword=pw\n[mariadb-client]\nuser=root\n[mysqld]\nuser=mysql\n" > /root/.my.cnf'`);
    expect(ok(d, "docker exec md mariadb -N -e 'SELECT CURRENT_USER()'")).toBe('root@localhost\n');
    expect(fails(d, "docker exec md mariadb --no-defaults -e 'SELECT 1' 2>&1")).toBe(
      "ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: NO)\n",
    );
  });
});
