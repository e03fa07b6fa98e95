// The history file an interactive bash writes as it ends (`docker exec -it db bash`, then `docker
// diff db` lists /root/.bash_history), and its `history` builtin: each case recorded with this
// host's bash 5.2.15 on a pseudo-terminal (test/pages/pty/record-bash-history.py ->
// bash-history.json; README.md "bash's history"), then played in a container of an image whose
// bash is that release's (debian:bookworm; ubuntu:24.04 for root's Ubuntu ~/.bashrc).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyboard, PTY_DIR } from './pty/recordings.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { historyEntry } from '../../src/shell/history.ts';

interface HistoryCase {
  name: string;
  bashrc: 'debian' | 'ubuntu';
  before: string | null;
  typed: string[];
  after: string | null;
  mode: string | null;
  history: string[];
  exit: number;
}

const CASES = JSON.parse(readFileSync(join(PTY_DIR, 'bash-history.json'), 'utf8')) as HistoryCase[];

/** A running container of the case's image, its history file as the case starts, then the case's session typed into `docker exec -it`. */
function play(c: HistoryCase): { d: SimulatedDocker; session: { output: string; exitCode: number } } {
  const image = c.bashrc === 'ubuntu' ? 'ubuntu:24.04' : 'debian:bookworm';
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
  d.loadImages([image]);
  expect(d.run(`docker run -d --name hx ${image} sleep 600`).exitCode).toBe(0);
  if (c.before !== null) {
    expect(c.before).not.toContain("'");
    const put = d.run(`docker exec hx sh -c 'printf "%s" "$1" > /root/.bash_history && chmod 644 /root/.bash_history' sh '${c.before}'`);
    expect(put.exitCode).toBe(0);
  }
  return { d, session: d.run('docker exec -it hx bash', keyboard(c.typed)) };
}

describe("bash's history file at the end of an interactive session (recorded: bash-history.json)", () => {
  for (const c of CASES) {
    it(`${c.name}: ${JSON.stringify(c.typed).slice(0, 80)}`, () => {
      const { d, session } = play(c);
      expect(session.exitCode).toBe(c.exit);
      const cat = d.run('docker exec hx cat /root/.bash_history');
      if (c.after === null) {
        expect(cat.exitCode).toBe(1);
        expect(cat.output).toContain('No such file or directory');
      } else {
        expect(cat.output).toBe(c.after);
        expect(d.run('docker exec hx stat -c %a /root/.bash_history').output).toBe(c.mode!.slice(2) + '\n');
      }
      // the `history` builtin's listings, in order (bash numbers each entry, %5d and two spaces)
      const listed = session.output.split(/\r?\n/).map((l) => l.replace(/\x1b\[\?2004[hl]\r?/g, '')).filter((l) => /^ {0,4}\d+ {2}/.test(l));
      expect(listed).toEqual(c.history);
    });
  }
});

describe('what the session leaves in the container', () => {
  it('docker diff lists root home changed and the history file added', () => {
    const { d } = play(CASES.find((c) => c.name === 'exit')!);
    expect(d.run('docker diff hx').output).toBe('C /root\nA /root/.bash_history\n');
  });
  it('Ctrl-D with nothing typed writes no file: docker diff lists nothing', () => {
    const { d } = play(CASES.find((c) => c.name === 'ctrld-only')!);
    expect(d.run('docker diff hx').output).toBe('');
  });
  it('a user who may not write in its home (-u 4242, HOME=/) leaves no file and no message', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.loadImages(['debian:bookworm']);
    d.run('docker run -d --name hx debian:bookworm sleep 600');
    const s = d.run('docker exec -it -u 4242 hx bash', keyboard(['echo hi', 'exit']));
    expect(s.output).not.toContain('history');
    expect(d.run('docker diff hx').output).toBe('');
  });
  it('unset HISTFILE: no file', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.loadImages(['debian:bookworm']);
    d.run('docker run -d --name hx debian:bookworm sleep 600');
    d.run('docker exec -it hx bash', keyboard(['unset HISTFILE', 'exit']));
    expect(d.run('docker diff hx').output).toBe('');
  });
  it('a read-only container (--read-only): no file and no message', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.loadImages(['debian:bookworm']);
    d.run('docker run -d --read-only --name hx debian:bookworm sleep 600');
    const s = d.run('docker exec -it hx bash', keyboard(['echo hi', 'exit']));
    expect(s.exitCode).toBe(0);
    expect(s.output).not.toMatch(/history|Read-only/);
  });
});

describe('how the lines of one command join in the history (parse.y history_delimiting_chars; the joins case)', () => {
  it('refuses what it does not know by name', () => {
    expect(() => historyEntry(['if true # c', 'then :; fi'])).toThrow(/strata does not simulate/);
    expect(() => historyEntry(['if true', '', 'then :; fi'])).toThrow(/strata does not simulate/);
    expect(() => historyEntry(['if false; then :', 'elif', 'true; then :; fi'])).toThrow(/strata does not simulate/);
  });
  it('a reserved word only where a command starts: `echo do` is a word', () => {
    expect(historyEntry(['for x in a', 'do', 'echo do', 'done'])).toBe('for x in a; do echo do; done');
    expect(historyEntry(['while true', 'do break; done'])).toBe('while true; do break; done');
  });
});
