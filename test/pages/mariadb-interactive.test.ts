// MariaDB's interactive client on a terminal (`docker exec -it db mariadb -uroot -p...`) and the
// password prompt of `-p` without a value, in the mariadb and mysql stand-ins. The expectations
// come from sessions of Debian 12's MariaDB 10.11 client against a 10.11 server on a
// pseudo-terminal (test/pages/pty/mariadb-*.json, read here), with what differs in the 12.3 image
// changed by hand and said where: its `Server version:` line (the server's version and
// version_comment, as its own log line prints them: catalog/mariadb/SOURCES.md), the GitHub line
// MDEV-38328 added to the 12.x client (in the words a public transcript of the 12.3.1 image shows),
// its times (the stand-in's are 0.000, a page keeps its own). The connection ID is compared
// masked: the stand-in counts only the interactive clients (catalog/mysql/files/mysql
// connection_id), where the server counts every connection; a page keeps its own.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { screenText } from '../../src/pages/screen.ts';
import { checkPage } from '../../src/pages/session.ts';
import { keepPageVarying } from '../../src/pages/varying.ts';
import { TYPED_UNSEEN } from '../../src/shell/types.ts';

interface Recording {
  argv: string[];
  typed?: string[];
  output?: string;
  stdout?: string;
  stderr?: string;
  exit: number;
}

function recording(name: string): Recording {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'pty', `${name}.json`), 'utf8')) as Recording;
}

/** What a page shows of a recording: without the client's curses bold/reverse and bell, lines with LF. */
function plain(output: string): string {
  return output.replace(/\x1b\(B|\x1b\[[0-9;]*m|\x07/g, '').replace(/\r\n/g, '\n');
}

/** The connection ID masked (see the file's header). */
function masked(text: string): string {
  return text.replace(/^Your MariaDB connection id is \d+$/m, 'Your MariaDB connection id is N');
}

/** The 10.11 recording as the 12.3 image's client prints it (see the file's header). */
function as123(text: string): string {
  return masked(text)
    .replace('Server version: 10.11.19-MariaDB-0+deb12u1 Debian 12\n', 'Server version: 12.3.2-MariaDB-ubu2404 mariadb.org binary distribution\n')
    .replace("and others.\n\nType 'help;'", "and others.\n\nHelp others discover MariaDB. Star it on GitHub: https://github.com/MariaDB/server\n\nType 'help;'")
    .replace(/\(\d+\.\d{3} sec\)/g, '(0.000 sec)');
}

/**
 * The recordings' client wrote ~/.mysql_history; 12.3's reads and writes that one where it alone
 * exists, and the name of a new one is refused (catalog/mysql/files/mysql hist_file_mariadb).
 */
const HISTORY_FILE_CMD = `docker exec db sh -c 'printf "_HiStOrY_V2_\\n" > /root/.mysql_history'`;
function knownHistoryFile(d: SimulatedDocker): void {
  expect(d.run(HISTORY_FILE_CMD).exitCode).toBe(0);
}

/** A mariadb:12.3 server (root's password `secret`) with the recordings' database `shop`. */
function server(): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
  d.loadImages(['mariadb:12.3']);
  expect(d.run('docker run -d --name db -e MARIADB_ROOT_PASSWORD=secret mariadb:12.3').exitCode).toBe(0);
  const setup = d.run(`docker exec db mariadb -uroot -psecret -e 'CREATE DATABASE shop; CREATE TABLE shop.items (id INT PRIMARY KEY, name TEXT);'`);
  expect(setup.output).toBe('');
  knownHistoryFile(d);
  return d;
}

describe("MariaDB's monitor (mariadb:12.3)", () => {
  it('a session: banner, `MariaDB [db]> ` prompts, summaries, USE, an error, Bye', () => {
    const rec = recording('mariadb-session');
    const d = server();
    const typed = [...rec.typed!];
    const r = d.run('docker exec -it db mariadb -uroot -psecret', () => typed.shift());
    expect(masked(screenText(r.output))).toBe(as123(plain(rec.output!)));
    expect(r.exitCode).toBe(rec.exit);
  });

  it('a database on the command line: the completion notice comes before the banner', () => {
    const rec = recording('mariadb-db-exit');
    const d = server();
    d.run(`docker exec db mariadb -uroot -psecret shop -e "INSERT INTO items VALUES (1, 'a');"`);
    const r = d.run('docker exec -it db mariadb -uroot -psecret shop', () => 'exit');
    expect(masked(screenText(r.output))).toBe(as123(plain(rec.output!)));
  });

  it('the first client of a fresh server has connection ID 3', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.loadImages(['mariadb:12.3']);
    d.run('docker run -d --name db -e MARIADB_ROOT_PASSWORD=secret mariadb:12.3');
    knownHistoryFile(d);
    expect(screenText(d.run('docker exec -it db mariadb -uroot -psecret', () => 'exit').output)).toContain('\nYour MariaDB connection id is 3\n');
  });
});

describe('-p without a value: `Enter password: ` (get_tty_password, glibc getpass)', () => {
  it('on a terminal, typed unseen and Enter: the newline getpass writes, then the monitor', () => {
    const rec = recording('mariadb-p-exit');
    const d = server();
    // the recording typed the right password, then exit
    const r = d.run('docker exec -it db mariadb -uroot -p', (_pending, echo) => (echo ? 'exit' : TYPED_UNSEEN));
    expect(masked(screenText(r.output))).toBe(as123(plain(rec.output!)));
    expect(r.exitCode).toBe(0);
  });

  it('on a terminal, Ctrl-D: an empty password, the error on the prompt\'s line', () => {
    const rec = recording('mariadb-p-ctrld');
    const r = server().run('docker exec -it db mariadb -uroot -p', () => undefined);
    expect(screenText(r.output)).toBe(plain(rec.output!));
    expect(r.exitCode).toBe(rec.exit);
  });

  it('without a terminal and without -i: the prompt on stderr, an empty password', () => {
    const rec = recording('mariadb-p-no-tty');
    const r = server().run('docker exec db mariadb -uroot -p');
    expect(r.output).toBe(rec.stdout! + rec.stderr!);
    expect(r.exitCode).toBe(rec.exit);
  });

  it("the session's mark for an unseen password is the one the stand-in client knows", () => {
    const client = fs.readFileSync(path.join(import.meta.dirname, '../../catalog/mysql/files/mysql'), 'utf8');
    expect(client).toContain(`\nUNSEEN=${TYPED_UNSEEN}\n`);
  });

  it('the password on a pipe is refused: getpass swallows the statements after it (recorded: none ran)', () => {
    const rec = recording('mariadb-p-stdin');
    expect(rec.stdout).toBe('');
    const r = server().run("printf 'secret\\nSELECT 1;\\n' | docker exec -i db mariadb -uroot -p");
    expect(r.output).toContain('-p with the password on stdin');
  });

  it("Oracle's client asks the same way (libmysql/get_password.cc: getpass), without the command-line warning", () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.loadImages(['mysql:8.4']);
    d.run('docker run -d --name db -e MYSQL_ROOT_PASSWORD=secret mysql:8.4');
    const r = d.run('docker exec -it db mysql -uroot -p', (_pending, echo) => (echo ? 'exit' : TYPED_UNSEEN));
    expect(screenText(r.output)).toMatch(/^Enter password: \nWelcome to the MySQL monitor\.  Commands end with ; or \\g\.\n/);
    expect(screenText(r.output).endsWith('mysql> exit\nBye\n')).toBe(true);
    const none = d.run('docker exec db mysql -uroot -p');
    expect(none.output).toBe("Enter password: ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: NO)\n");
    expect(none.exitCode).toBe(1);
  });
});

describe('a page', () => {
  it('keeps its own MariaDB times and connection ID, not a MySQL-format time (src/pages/varying.ts)', () => {
    const page = ['Your MariaDB connection id is 12', 'Query OK, 1 row affected (0.004 sec)', '1 row in set (0.01 sec)'];
    const actual = ['Your MariaDB connection id is 3', 'Query OK, 1 row affected (0.000 sec)', '1 row in set (0.000 sec)'];
    expect(keepPageVarying(page, actual)).toEqual(['Your MariaDB connection id is 12', 'Query OK, 1 row affected (0.004 sec)', '1 row in set (0.000 sec)']);
  });

  it('typed at `Enter password: ` (the prompt alone on its line) passes; a page of the Ctrl-D error too', () => {
    const rec = recording('mariadb-p-exit');
    // a real terminal's connection ID
    const shown = as123(plain(rec.output!)).replace('connection id is N', 'connection id is 9');
    const text =
      '# T\n\n<!-- strata images=mariadb:12.3 -->\n\n```console\n$ docker run -d --name db -e MARIADB_ROOT_PASSWORD=secret mariadb:12.3\n<id1>\n' +
      `$ ${HISTORY_FILE_CMD}\n` +
      `$ docker exec -it db mariadb -uroot -p\n${shown}` +
      '$ docker exec -it db mariadb -uroot -p\n' +
      plain(recording('mariadb-p-ctrld').output!) +
      '```\n';
    const r = checkPage(text, 'p.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true }));
    expect(r.diff).toBe('');
    expect(r.passed).toBe(true);
  });
});
