// The history file the mysql and MariaDB clients write at a terminal (`docker exec -it db mariadb
// ...`, then `docker diff db` lists /root/.mysql_history): the stand-in client of the mysql and
// mariadb images (catalog/mysql/files/mysql, "the history file").
//
// MariaDB: each case recorded with Debian 12's MariaDB 10.11 client (libedit) on a pseudo-terminal
// (test/pages/pty/record-mariadb-history.py -> mariadb-history.json; README.md "MariaDB's
// history"), then typed into the mariadb:12.3 stand-in's client with $MARIADB_HISTFILE naming the
// file 10.11 wrote (12.3's own default names: MDEV-26548, MDEV-40313, the describe below). Oracle's client could not be run
// (the oracle has no network and no MySQL): its expectations are client/mysql.cc's rules (MySQL 8:
// add_line, read_and_execute's `lets log the exit/quit command`, add_filtered_history with
// HI_DEFAULTS "*IDENTIFIED*:*PASSWORD*", fix_line, mysql_end) and the format of the editline it
// bundles (extra/libedit history.c history_save_fp), written out here.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyboard, PTY_DIR } from './pty/recordings.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { screenText } from '../../src/pages/screen.ts';

interface HistoryCase {
  name: string;
  lang: string | null;
  env: Record<string, string>;
  args: string[];
  before: string | null;
  typed: string[];
  after: string | null;
  mode: string | null;
  link: boolean;
  home: string[];
  exit: number;
  output: string;
}

const CASES = JSON.parse(readFileSync(join(PTY_DIR, 'mariadb-history.json'), 'utf8')) as HistoryCase[];

/** The recorded file's bytes (stored as latin-1 characters) as text. */
const text = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');

/** What the stand-in refuses of a recorded case, and the words it says. */
const REFUSED: Record<string, string> = {
  'multi-indent': 'a tab typed at the interactive prompt',
  commands: 'the client command status',
  clear: "the client's backslash commands",
  vertical: "the client's backslash commands",
  go: "the client's backslash commands",
  'utf8-c': 'a character other than ASCII typed at the interactive prompt without a UTF-8 locale',
  batch: 'the interactive mariadb prompt with --batch',
  quick: '--quick (-q) at the interactive prompt',
  // the monitor's table of a value with a backslash or a newline (the history's joins of these
  // are played below with INSERTs, which print no values)
  strings: '-t output of values with tabs, newlines or backslashes',
  // 12.3 checks no link where $MARIADB_HISTFILE names the file, and one of its default names is
  // not known: a link there is refused
  'link-devnull': 'the history file /root/.mysql_history that is a link',
  'string-semicolon': '-t output of values with tabs, newlines or backslashes',
};

function server(image: string): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
  d.loadImages([image]);
  const v = image.startsWith('mariadb') ? 'MARIADB' : 'MYSQL';
  expect(d.run(`docker run -d --name db -e ${v}_ROOT_PASSWORD=secret ${image}`).exitCode).toBe(0);
  return d;
}

describe("MariaDB's history file at the end of an interactive session (mariadb:12.3; recorded: mariadb-history.json)", () => {
  let d: SimulatedDocker;
  beforeAll(() => {
    d = server('mariadb:12.3');
    expect(d.run(`docker exec db mariadb -uroot -psecret -e 'CREATE DATABASE shop; CREATE TABLE shop.items (id INT PRIMARY KEY, name TEXT);'`).output).toBe('');
    expect(d.run('docker exec db mkdir /h4242').exitCode).toBe(0);
  });

  for (const c of CASES) {
    it(`${c.name}: ${JSON.stringify(c.typed).slice(0, 70)} ${c.args.join(' ')}`, () => {
      expect(d.run('docker exec db rm -f /root/.mysql_history /root/other_history').exitCode).toBe(0);
      if (c.before === 'LINK') {
        expect(d.run('docker exec db ln -s /dev/null /root/.mysql_history').exitCode).toBe(0);
      } else if (c.before !== null) {
        expect(c.before).not.toContain("'");
        expect(d.run(`docker exec db sh -c 'printf "%s" "$1" > /root/.mysql_history && chmod 644 /root/.mysql_history' sh '${c.before}'`).exitCode).toBe(0);
      }
      const opts = [c.lang === null ? '-e LANG=' : ''];
      let home = '/root';
      for (const [k, v] of Object.entries(c.env)) {
        if (k === 'UID') {
          // a user who may not write in HOME (root's 0755 directory); the recording's was uid 4242,
          // here mysql's (999), whose files the stand-in client reads to connect
          opts.push(`-u mysql -e HOME=/h4242`);
          home = '/h4242';
        } else if (k === 'HOME') {
          opts.push(`-e HOME=${v}`);
          home = v;
        }
      }
      // 10.11's $MYSQL_HISTFILE and ~/.mysql_history are 12.3's $MARIADB_HISTFILE (hist_file_mariadb)
      const histfile = c.env.MYSQL_HISTFILE;
      opts.push(`-e MARIADB_HISTFILE=${histfile === undefined ? `${home}/.mysql_history` : histfile.replace('HOME', '/root')}`);
      if (c.before === 'LINK') opts.pop();
      const args = c.args.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' ');
      const password = c.args.includes('-pwrong') ? '' : '-psecret';
      const s = d.run(`docker exec -it ${opts.filter(Boolean).join(' ')} db mariadb -uroot ${password} ${args}`, keyboard(c.typed));
      const refused = REFUSED[c.name];
      if (refused !== undefined) {
        expect(s.output).toContain(refused);
        expect(s.exitCode).not.toBe(0);
        return;
      }
      expect(s.exitCode).toBe(c.exit);
      const file = c.env.MYSQL_HISTFILE === 'HOME/other_history' ? '/root/other_history' : `${home}/.mysql_history`;
      if (c.after === null) {
        expect(d.run(`docker exec db sh -c 'test -f ${file} && ! test -L ${file}'`).exitCode).not.toBe(0);
      } else {
        expect(d.run(`docker exec db cat ${file}`).output).toBe(text(c.after));
        expect(d.run(`docker exec db stat -c %a ${file}`).output).toBe(c.mode!.slice(2) + '\n');
      }
      // the rename leaves no FILE.TMP; a link to /dev/null stays a link
      if (home !== '/nonexistent') expect(d.run(`docker exec db ls -A ${home}`).output).toBe(c.home.map((n) => `${n}\n`).join(''));
      if (c.typed.at(-1) === '\\x04') {
        // editline writes Ctrl-D as ^D, then mysql_end's Bye (the recording's last line, less its curses bold)
        const last = c.output.replace(/\x1b\(B|\x1b\[[0-9;]*m|\x07/g, '').replace(/\r\n/g, '\n').trimEnd().split('\n').at(-1);
        expect(screenText(s.output).trimEnd().split('\n').at(-1)).toBe(last);
      }
    });
  }

  it("a newline inside a string stays one in the joined statement (\\012), a backslash is \\134 (fix_history, strvis: as the recorded 'strings')", () => {
    d.run('docker exec db rm -f /root/.mysql_history');
    const s = d.run('docker exec -it -e MARIADB_HISTFILE=/root/.mysql_history db mariadb -uroot -psecret shop', keyboard(["INSERT INTO items VALUES (1, 'x", "y'),", "(2, 'c\\\\d');", 'exit']));
    expect(s.exitCode).toBe(0);
    expect(d.run('docker exec db cat /root/.mysql_history').output).toBe(
      "_HiStOrY_V2_\nINSERT\\040INTO\\040items\\040VALUES\\040(1,\\040'x\ny'),\n(2,\\040'c\\134\\134d');\n" +
        "INSERT\\040INTO\\040items\\040VALUES\\040(1,\\040'x\\012y'),\\040(2,\\040'c\\134\\134d');\n",
    );
  });

  it('docker diff lists root home changed and the history file added, even after Ctrl-D alone', () => {
    const e = server('mariadb:12.3');
    const before = e.run('docker diff db').output;
    e.run('docker exec -it -e MARIADB_HISTFILE=/root/.mariadb_history db mariadb -uroot -psecret', keyboard(['\\x04']));
    expect(e.run('docker diff db').output).toBe(`C /root\nA /root/.mariadb_history\n${before}`);
  });
});

describe("MariaDB 12.3's file names (MDEV-26548: ~/.mariadb_history, ~/.mysql_history where only that exists; MDEV-40313)", () => {
  let d: SimulatedDocker;
  beforeAll(() => {
    d = server('mariadb:12.3');
  });
  const end = (opts = ''): { output: string; exitCode: number } => d.run(`docker exec -it ${opts} db mariadb -uroot -psecret`, keyboard(['SELECT 1;', 'exit']));

  it('a new file in HOME: its name is refused (.mariadb_history, or .mariadb_histor before the fix), and nothing is written', () => {
    const s = end();
    expect(s.output).toContain("the name of the history file MariaDB 12.3's client makes in /root");
    expect(s.exitCode).not.toBe(0);
    expect(d.run('docker exec db ls -A /root').output).toBe('');
  });
  it('an existing ~/.mysql_history is the one read and written', () => {
    d.run("docker exec db sh -c 'printf \"_HiStOrY_V2_\\nold\\n\" > /root/.mysql_history'");
    expect(end().exitCode).toBe(0);
    expect(d.run('docker exec db cat /root/.mysql_history').output).toBe('_HiStOrY_V2_\nold\nSELECT\\0401;\n');
    d.run('docker exec db rm /root/.mysql_history');
  });
  it('an existing ~/.mariadb_history is refused: which file the build reads is not known', () => {
    d.run('docker exec db touch /root/.mariadb_history');
    expect(end().output).toContain("which history file MariaDB 12.3's client reads and writes in /root");
    d.run('docker exec db rm /root/.mariadb_history');
  });
  it('$MYSQL_HISTFILE is refused; a HOME no file can be made in gets nothing, as the recording', () => {
    expect(end('-e MYSQL_HISTFILE=/tmp/h').output).toContain('$MYSQL_HISTFILE for MariaDB 12.3');
    const s = end('-e HOME=/nonexistent');
    expect(s.exitCode).toBe(0);
    expect(d.run('docker exec db ls -A /root').output).toBe('');
  });
});

describe("Oracle's client (mysql:8.4, 8.0): client/mysql.cc's rules", () => {
  let d: SimulatedDocker;
  beforeAll(() => {
    d = server('mysql:8.4');
  });
  const session = (typed: string[], opts = ''): { screen: string; exitCode: number; file: string } => {
    d.run('docker exec db rm -f /root/.mysql_history');
    const s = d.run(`docker exec -it ${opts} db mysql -uroot -psecret`, keyboard(typed));
    return { screen: screenText(s.output), exitCode: s.exitCode, file: d.run('docker exec db cat /root/.mysql_history').output };
  };

  it('a bare exit or quit is kept (read_and_execute: "lets log the exit/quit command"), as typed', () => {
    const s = session(['SELECT 1;', '  exit ']);
    expect(s.file).toBe('_HiStOrY_V2_\nSELECT\\0401;\n\\040\\040exit\\040\n');
    expect(s.exitCode).toBe(0);
    expect(session(['quit']).file).toBe('_HiStOrY_V2_\nquit\n');
  });

  it('lines and statements matching *IDENTIFIED* or *PASSWORD*, in either case, are left out (HI_DEFAULTS)', () => {
    const s = session(["CREATE USER 'u'@'%'", "IDENTIFIED BY 'pw';", "SELECT 'Password';", 'SELECT 2;', 'exit']);
    // the first line alone matches no pattern; the second line and the whole statement do
    expect(s.file).toBe("_HiStOrY_V2_\nCREATE\\040USER\\040'u'@'%'\nSELECT\\0402;\nexit\n");
  });

  it('$MYSQL_HISTIGNORE adds patterns (* and ?, letters in either case); --histignore is taken instead of it', () => {
    expect(session(['SELECT 1;', 'select 2;', 'exit'], '-e MYSQL_HISTIGNORE=*SELECT?1*').file).toBe('_HiStOrY_V2_\nselect\\0402;\nexit\n');
    d.run('docker exec db rm -f /root/.mysql_history');
    d.run('docker exec -it -e MYSQL_HISTIGNORE=*2* db mysql -uroot -psecret --histignore=*1*', keyboard(['SELECT 1;', 'SELECT 2;', 'exit']));
    expect(d.run('docker exec db cat /root/.mysql_history').output).toBe('_HiStOrY_V2_\nSELECT\\0402;\nexit\n');
  });

  it('a statement over several lines: each line, then the statement joined (fix_line), a repeated line once', () => {
    const s = session(['SELECT', "'a b' AS x", ';', 'SELECT 3;', 'SELECT 3;', 'exit']);
    expect(s.file).toBe("_HiStOrY_V2_\nSELECT\n'a\\040b'\\040AS\\040x\n;\nSELECT\\040'a\\040b'\\040AS\\040x;\nSELECT\\0403;\nexit\n");
  });

  it('Ctrl-D: editline writes ^D, then Bye; the history has the lines typed (mysql:8.0)', () => {
    const e = server('mysql:8.0');
    const s = e.run('docker exec -it db mysql -uroot -psecret', keyboard(['SELECT 1;', '\\x04']));
    expect(screenText(s.output).endsWith('mysql> ^DBye\n')).toBe(true);
    expect(s.exitCode).toBe(0);
    expect(e.run('docker exec db cat /root/.mysql_history').output).toBe('_HiStOrY_V2_\nSELECT\\0401;\n');
    expect(e.run('docker diff db').output.startsWith('C /root\nA /root/.mysql_history\n')).toBe(true);
  });

  it('no LANG in the mysql images: a character other than ASCII is refused (editline drops it in the C locale)', () => {
    const s = session(["SELECT 'é';", 'exit']);
    expect(s.screen).toContain('a character other than ASCII typed at the interactive prompt without a UTF-8 locale');
    expect(s.exitCode).not.toBe(0);
  });

  it('$MYSQL_HISTFILE names the file; empty or /dev/null, or ~/.mysql_history a link to /dev/null: none (main)', () => {
    d.run('docker exec db rm -f /root/.mysql_history /root/h');
    d.run('docker exec -it -e MYSQL_HISTFILE=/root/h db mysql -uroot -psecret', keyboard(['exit']));
    expect(d.run('docker exec db cat /root/h').output).toBe('_HiStOrY_V2_\nexit\n');
    for (const v of ['', '/dev/null']) d.run(`docker exec -it -e MYSQL_HISTFILE=${v} db mysql -uroot -psecret`, keyboard(['exit']));
    d.run('docker exec db ln -s /dev/null /root/.mysql_history');
    d.run('docker exec -it db mysql -uroot -psecret', keyboard(['exit']));
    expect(d.run('docker exec db ls -A /root').output).toBe('.mysql_history\nh\n');
    expect(d.run('docker exec db readlink /root/.mysql_history').output).toBe('/dev/null\n');
    d.run('docker exec db rm -f /root/.mysql_history /root/h');
  });

  it("a user who cannot read the server's files is refused (the stand-in client reads them to connect)", () => {
    const s = d.run('docker exec -it -u 4242 db mysql -uroot -psecret', keyboard(['exit']));
    expect(s.output).toContain("the client run by a user who cannot read the server's files (uid 4242)");
    expect(s.exitCode).not.toBe(0);
  });

  it('-e and a failed connection write nothing; the file is the user HOME says', () => {
    d.run('docker exec db rm -f /root/.mysql_history');
    d.run('docker exec db mysql -uroot -psecret -e "SELECT 1"');
    d.run('docker exec -it db mysql -uroot -pwrong', keyboard([]));
    expect(d.run('docker exec db ls -A /root').output).toBe('');
    d.run('docker exec -it -e HOME=/tmp db mysql -uroot -psecret', keyboard(['exit']));
    expect(d.run('docker exec db cat /tmp/.mysql_history').output).toBe('_HiStOrY_V2_\nexit\n');
  });
});
