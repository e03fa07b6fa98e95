// The history file psql writes at a terminal (`docker exec -it db psql -U postgres`, then `docker
// diff db` lists /root/.psql_history): each case recorded with this host's psql 15.18 (readline)
// on a pseudo-terminal (test/pages/pty/record-psql-history.py -> psql-history.json; README.md
// "psql's history"), then typed into the postgres:16 stand-in's psql (catalog/postgres/files/pg-standin).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyboard, PTY_DIR } from './pty/recordings.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

interface PsqlHistoryCase {
  name: string;
  before: string | null;
  typed: string[];
  after: string | null;
  mode: string | null;
  exit: number;
}

const CASES = JSON.parse(readFileSync(join(PTY_DIR, 'psql-history.json'), 'utf8')) as PsqlHistoryCase[];

function postgres(): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
  expect(d.run('docker run -d --name db -e POSTGRES_PASSWORD=secret postgres:16').exitCode).toBe(0);
  return d;
}

describe("psql's history file at the end of an interactive session (recorded: psql-history.json)", () => {
  for (const c of CASES) {
    it(`${c.name}: ${JSON.stringify(c.typed).slice(0, 80)}`, () => {
      const d = postgres();
      if (c.before !== null) {
        expect(c.before).not.toContain("'");
        expect(d.run(`docker exec db sh -c 'printf "%s" "$1" > /root/.psql_history && chmod 644 /root/.psql_history' sh '${c.before}'`).exitCode).toBe(0);
      }
      const s = d.run('docker exec -it db psql -U postgres', keyboard(c.typed));
      expect(s.exitCode).toBe(c.exit);
      expect(d.run('docker exec db cat /root/.psql_history').output).toBe(c.after);
      expect(d.run('docker exec db stat -c %a /root/.psql_history').output).toBe(c.mode!.slice(2) + '\n');
    });
  }
});

describe('what the session leaves in the container', () => {
  it('docker diff lists root home changed and the history file added, even after Ctrl-D alone', () => {
    const d = postgres();
    const before = d.run('docker diff db').output;
    d.run('docker exec -it db psql -U postgres', keyboard(['\\x04']));
    expect(d.run('docker diff db').output).toBe(`C /root\nA /root/.psql_history\n${before}`);
  });
  it('psql -c (no terminal session) writes no history', () => {
    const d = postgres();
    d.run('docker exec db psql -U postgres -c "select 1;"');
    expect(d.run('docker exec db ls -a /root').output).not.toContain('.psql_history');
  });
  it("a home psql may not write in: psql says so and ends as it would (PostgreSQL 15.18: `could not save history to file ...: No such file or directory`, exit 0)", () => {
    const d = postgres();
    const s = d.run('docker exec -it -e HOME=/nonexistent db psql -U postgres', keyboard(['select 1;', '\\q']));
    expect(s.exitCode).toBe(0);
    expect(s.output).toMatch(/could not save history to file "\/nonexistent\/.psql_history": No such file or directory\r?\n$/);
  });
});
