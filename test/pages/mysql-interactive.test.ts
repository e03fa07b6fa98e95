// mysql's interactive client on a terminal (`docker exec -it db mysql -uroot -psecret`): the
// mysql stand-in's interactive mode. The real client could not be run (the oracle has no network
// and no MySQL): the expectations are the texts of client/mysql.cc (MySQL 8: main's banner,
// read_and_execute's prompts, com_go's summaries, com_use, com_quit and mysql_end's `Bye`) and
// include/welcome_copyright_notice.h, as mysql/mysql-server's sources have them, written out here.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { screenText } from '../../src/pages/screen.ts';
import { checkPage } from '../../src/pages/session.ts';
import { keepPageVarying } from '../../src/pages/varying.ts';

/** A server of `image` (root's password `secret`) and a session typed at its client. */
function session(image: string, command: string, typed: readonly string[]): { screen: string; exitCode: number } {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
  d.loadImages([image]);
  expect(d.run(`docker run -d --name db -e MYSQL_ROOT_PASSWORD=secret ${image}`).exitCode).toBe(0);
  const left = [...typed];
  const r = d.run(command, () => left.shift());
  return { screen: screenText(r.output), exitCode: r.exitCode };
}

/** main(): put_info of the welcome line, the connection's ID and version, the copyright notice, the help line. */
const banner = (version: string, year: string, id = 8): string =>
  'Welcome to the MySQL monitor.  Commands end with ; or \\g.\n' +
  `Your MySQL connection id is ${id}\nServer version: ${version} MySQL Community Server - GPL\n\n` +
  `Copyright (c) 2000, ${year}, Oracle and/or its affiliates.\n\n` +
  'Oracle is a registered trademark of Oracle Corporation and/or its\naffiliates. Other names may be trademarks of their respective\nowners.\n\n' +
  "Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n";

/** get_options: the password on the command line (stderr, before the connection). */
const WARNING = 'mysql: [Warning] Using a password on the command line interface can be insecure.\n';

describe('the banner, the prompt and Bye (mysql:8.0, 8.4, 9.2.0, latest)', () => {
  for (const [image, version, year] of [
    ['mysql:8.0', '8.0.32', '2023'],
    ['mysql:8.4', '8.4.11', '2026'],
    ['mysql:9.2.0', '9.2.0', '2025'],
    ['mysql:latest', '26.7.0', '2026'],
  ]) {
    it(`${image}: exit`, () => {
      const r = session(image, 'docker exec -it db mysql -uroot -psecret', ['exit']);
      expect(r.screen).toBe(`${WARNING}${banner(version, year)}mysql> exit\nBye\n`);
      expect(r.exitCode).toBe(0);
    });
  }
  it('quit, \\q and exit; end it too (com_quit); each later client connection has the next ID', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.loadImages(['mysql:8.4']);
    d.run('docker run -d --name db -e MYSQL_ROOT_PASSWORD=secret mysql:8.4');
    for (const [k, line] of ['quit', '\\q', 'exit;', '  QUIT  '].entries()) {
      const r = d.run('docker exec -it db mysql -uroot -psecret', () => line);
      expect(screenText(r.output)).toBe(`${WARNING}${banner('8.4.11', '2026', 8 + k)}mysql> ${line}\nBye\n`);
    }
  });
});

describe('Ctrl-D on an empty line: editline writes ^D (NetBSD libedit emacs.c em_delete_or_list), then mysql_end says Bye', () => {
  it('at the prompt and where a statement is open; the status is 0 (read_and_execute at the end of input)', () => {
    const r = session('mysql:8.4', 'docker exec -it db mysql -uroot -psecret', []);
    expect(r.screen).toBe(`${WARNING}${banner('8.4.11', '2026')}mysql> ^DBye\n`);
    expect(r.exitCode).toBe(0);
    const open = session('mysql:8.4', 'docker exec -it db mysql -uroot -psecret', ['SELECT 1']);
    expect(open.screen.endsWith('mysql> SELECT 1\n    -> ^DBye\n')).toBe(true);
    expect(open.exitCode).toBe(0);
  });
});

describe("com_go's summaries, read_and_execute's continuation prompts, com_use", () => {
  it('a session of a tutorial', () => {
    const r = session('mysql:8.0', 'docker exec -it db mysql -uroot -psecret', [
      'CREATE DATABASE shop;',
      'USE shop;',
      'CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20));',
      "INSERT INTO items VALUES (1, 'pen'), (2, 'ink');",
      "INSERT INTO items VALUES (3, 'cap');",
      'SELECT * FROM items',
      'WHERE id > 1;',
      "UPDATE items SET name = 'pencil' WHERE id = 1;",
      'DELETE FROM items WHERE id = 9;',
      'SELECT * FROM items WHERE id = 9;',
      'SELECT * FROM nope;',
      'exit',
    ]);
    expect(r.screen).toBe(
      WARNING +
        banner('8.0.32', '2023') +
        'mysql> CREATE DATABASE shop;\nQuery OK, 1 row affected (0.00 sec)\n\n' +
        'mysql> USE shop;\nDatabase changed\n' +
        'mysql> CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20));\nQuery OK, 0 rows affected (0.00 sec)\n\n' +
        "mysql> INSERT INTO items VALUES (1, 'pen'), (2, 'ink');\nQuery OK, 2 rows affected (0.00 sec)\nRecords: 2  Duplicates: 0  Warnings: 0\n\n" +
        "mysql> INSERT INTO items VALUES (3, 'cap');\nQuery OK, 1 row affected (0.00 sec)\n\n" +
        'mysql> SELECT * FROM items\n    -> WHERE id > 1;\n+----+------+\n| id | name |\n+----+------+\n|  2 | ink  |\n|  3 | cap  |\n+----+------+\n2 rows in set (0.00 sec)\n\n' +
        "mysql> UPDATE items SET name = 'pencil' WHERE id = 1;\nQuery OK, 1 row affected (0.00 sec)\nRows matched: 1  Changed: 1  Warnings: 0\n\n" +
        'mysql> DELETE FROM items WHERE id = 9;\nQuery OK, 0 rows affected (0.00 sec)\n\n' +
        'mysql> SELECT * FROM items WHERE id = 9;\nEmpty set (0.00 sec)\n\n' +
        "mysql> SELECT * FROM nope;\nERROR 1146 (42S02): Table 'shop.nope' doesn't exist\n" +
        'mysql> exit\nBye\n',
    );
  });
  it('a table that exists already with IF NOT EXISTS, or a table not there with IF EXISTS, is a warning (a note)', () => {
    const r = session('mysql:8.4', 'docker exec -it db mysql -uroot -psecret', [
      'CREATE DATABASE d;',
      'CREATE TABLE d.t (s VARCHAR(20));',
      'CREATE TABLE IF NOT EXISTS d.t (s VARCHAR(20));',
      'DROP TABLE IF EXISTS d.x, d.y;',
      'DROP DATABASE d;',
      'exit',
    ]);
    expect(r.screen.slice(r.screen.indexOf('mysql> CREATE TABLE IF'))).toBe(
      'mysql> CREATE TABLE IF NOT EXISTS d.t (s VARCHAR(20));\nQuery OK, 0 rows affected, 1 warning (0.00 sec)\n\n' +
        'mysql> DROP TABLE IF EXISTS d.x, d.y;\nQuery OK, 0 rows affected, 2 warnings (0.00 sec)\n\n' +
        // (mysql_rm_db: the rows affected are the tables dropped)
        'mysql> DROP DATABASE d;\nQuery OK, 1 row affected (0.00 sec)\n\n' +
        'mysql> exit\nBye\n',
    );
  });
  it("a quoted string left open prompts `    '> ` (a value holding a newline is then refused)", () => {
    const r = session('mysql:8.4', 'docker exec -it db mysql -uroot -psecret', ["SELECT 'a", "b';"]);
    expect(r.screen).toContain("mysql> SELECT 'a\n    '> b';\n");
  });
  it("USE of a database with tables reads them for completion first (build_completion_hash), also at the start; -A does not", () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.loadImages(['mysql:8.4']);
    d.run('docker run -d --name db -e MYSQL_ROOT_PASSWORD=secret -e MYSQL_DATABASE=app mysql:8.4');
    expect(d.run('docker exec db mysql -uroot -psecret app -e "CREATE TABLE t (i INT)"').exitCode).toBe(0);
    const notice = 'Reading table information for completion of table and column names\nYou can turn off this feature to get a quicker startup with -A\n\n';
    const use = screenText(d.run('docker exec -it db mysql -uroot -psecret', ((l) => () => l.shift())(['use app', 'exit'])).output);
    expect(use.slice(use.indexOf('mysql> use'))).toBe(`mysql> use app\n${notice}Database changed\nmysql> exit\nBye\n`);
    const start = screenText(d.run('docker exec -it db mysql -uroot -psecret app', () => 'exit').output);
    expect(start.startsWith(`${WARNING}${notice}Welcome to the MySQL monitor.`)).toBe(true);
    const a = screenText(d.run('docker exec -it db mysql -A -uroot -psecret app', () => 'exit').output);
    expect(a.startsWith(`${WARNING}Welcome to the MySQL monitor.`)).toBe(true);
  });
});

describe('what the stand-in does not simulate at the prompt is refused by name', () => {
  const refused = (image: string, command: string, typed: string[], words: string): void => {
    const r = session(image, command, typed);
    expect(r.screen).toContain(words);
    expect(r.exitCode).not.toBe(0);
  };
  it('--quick and --verbose at the prompt (they change what is printed and the history)', () => {
    refused('mysql:8.4', 'docker exec -it db mysql -q -uroot -psecret', ['exit'], '--quick (-q) at the interactive prompt');
    refused('mysql:8.4', 'docker exec -it db mysql -v -uroot -psecret', ['exit'], '--verbose (-v) at the interactive prompt');
  });
  it("the client's other commands, backslash commands", () => {
    refused('mysql:8.4', 'docker exec -it db mysql -uroot -psecret', ['help'], 'the client command help');
    refused('mysql:8.4', 'docker exec -it db mysql -uroot -psecret', ['status'], 'the client command status');
    refused('mysql:8.4', 'docker exec -it db mysql -uroot -psecret', ['SELECT 1\\G'], "the client's backslash commands");
  });
});

describe('a page keeps its own times and connection ID (src/pages/varying.ts)', () => {
  it("takes the page's line where only the time or the ID differs, strata's elsewhere", () => {
    const page = ['Your MySQL connection id is 11', 'Query OK, 1 row affected (0.02 sec)', '1 row in set (0.01 sec)', 'Empty set (0.00 sec)'];
    const actual = ['Your MySQL connection id is 8', 'Query OK, 1 row affected (0.00 sec)', '2 rows in set (0.00 sec)', 'Empty set (0.00 sec)'];
    expect(keepPageVarying(page, actual)).toEqual(['Your MySQL connection id is 11', 'Query OK, 1 row affected (0.02 sec)', '2 rows in set (0.00 sec)', 'Empty set (0.00 sec)']);
  });
  it('a page copied from a real terminal (another ID, other times) passes the check', () => {
    const text =
      '# T\n\n<!-- strata images=mysql:8.4 -->\n\n```console\n$ docker run -d --name db -e MYSQL_ROOT_PASSWORD=secret mysql:8.4\n<id1>\n' +
      `$ docker exec -it db mysql -uroot -psecret\n${WARNING}${banner('8.4.11', '2026', 9)}` +
      'mysql> CREATE DATABASE shop;\nQuery OK, 1 row affected (0.01 sec)\n\n' +
      'mysql> exit\nBye\n```\n';
    const r = checkPage(text, 'p.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true }));
    expect(r.diff).toBe('');
    expect(r.passed).toBe(true);
  });
});
