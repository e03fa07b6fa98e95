// The history file an interactive busybox ash writes as each line is read (`docker run -it busybox
// sh` or `docker exec -it C sh`, then `docker diff C` lists /root/.ash_history), and its `history`
// builtin. Each case was recorded on a pseudo-terminal (test/pages/pty/record-ash-history.py;
// README.md "busybox ash's history") twice: with busybox built from source with its defconfig, as
// docker-library builds busybox:latest (busybox-history.json: a normal install), and with this host's
// Debian busybox-static 1.35, the oracle's busybox (busybox-history-standin.json: --busybox-stand-ins).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyboard, PTY_DIR } from './pty/recordings.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

interface AshCase {
  name: string;
  env: Record<string, string>;
  before: string | null;
  typed: string[];
  after: string | null;
  mode: string | null;
  history: string[];
  shown: string[];
  exit: number;
}

interface AshRecording {
  busybox: string;
  cases: AshCase[];
}

const load = (file: string): AshRecording => JSON.parse(readFileSync(join(PTY_DIR, file), 'utf8')) as AshRecording;
const REAL = load('busybox-history.json');
const STANDIN = load('busybox-history-standin.json');

/** The case's history file in the container: HOME is /root there. */
const histFile = (c: AshCase): string => (c.env.HISTFILE ?? '$HOME/.ash_history').replace('$HOME', '/root');

/** A running container of `image`, its history file as the case starts, then the case's session typed into `docker exec -it`. */
function play(c: AshCase, image: string, standIns: boolean): { d: SimulatedDocker; session: { output: string; exitCode: number } } {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true, busyboxStandIns: standIns });
  if (image !== 'busybox') d.loadImages([image]);
  expect(d.run(`docker run -d --name hx ${image} sleep 600`).exitCode).toBe(0);
  if (c.before !== null) {
    expect(c.before).not.toContain("'");
    const put = d.run(`docker exec hx sh -c 'printf "%s" "$1" > ${histFile(c)} && chmod 644 ${histFile(c)}' sh '${c.before}'`);
    expect(put.exitCode).toBe(0);
  }
  const env = Object.entries(c.env).map(([k, v]) => `-e ${k}=${v.replace('$HOME', '/root')} `).join('');
  return { d, session: d.run(`docker exec -it ${env}hx sh`, keyboard(c.typed)) };
}

function check(c: AshCase, image: string, standIns: boolean): SimulatedDocker {
  const { d, session } = play(c, image, standIns);
  expect(session.exitCode).toBe(c.exit);
  const lines = session.output.replace(/\r/g, '').split('\n');
  // `history`'s listings, in order (%4d and a space, numbered from 0), and what `echo "[...]"` showed
  expect(lines.filter((l) => /^ {0,3}\d+ /.test(l))).toEqual(c.history);
  expect(lines.filter((l) => l.startsWith('['))).toEqual(c.shown.map((s) => s.replace('$HOME', '/root')));
  const cat = d.run(`docker exec hx cat ${histFile(c)}`);
  if (c.after === null) {
    expect(cat.exitCode).toBe(1);
    expect(cat.output).toContain('No such file or directory');
  } else {
    expect(cat.output).toBe(c.after);
    expect(d.run(`docker exec hx stat -c %a ${histFile(c)}`).output).toBe(c.mode!.slice(2) + '\n');
  }
  return d;
}

describe("busybox:latest's ash saves each line (recorded with busybox's defconfig build: busybox-history.json)", () => {
  it('was recorded with a busybox that saves history', () => {
    expect(REAL.busybox).not.toContain('Debian');
    expect(REAL.cases.find((c) => c.name === 'exit')!.after).toBe('echo hi\nexit\n');
  });
  for (const c of REAL.cases) {
    it(`${c.name}: ${JSON.stringify(c.typed).slice(0, 80)}`, () => {
      check(c, 'busybox', false);
    });
  }
});

describe("the oracle's busybox (Debian's busybox-static 1.35) saves none (busybox-history-standin.json, --busybox-stand-ins)", () => {
  it('was recorded with Debian 1.35', () => {
    expect(STANDIN.busybox).toContain('v1.35.0 (Debian');
  });
  for (const c of STANDIN.cases) {
    it(`${c.name}: ${JSON.stringify(c.typed).slice(0, 80)}`, () => {
      check(c, 'busybox', true);
    });
  }
});

describe("an Alpine image's ash (Alpine's busybox saves history too: aports busyboxconfig)", () => {
  for (const name of ['exit', 'append', 'lines', 'histfilesize']) {
    const c = REAL.cases.find((x) => x.name === name)!;
    it(`alpine:3.24 ${name}`, () => {
      check(c, 'alpine:3.24', false);
    });
  }
});

describe('what the session leaves in the container', () => {
  const exit = REAL.cases.find((c) => c.name === 'exit')!;
  it('docker diff lists root home changed and the history file added', () => {
    const { d } = play(exit, 'busybox', false);
    expect(d.run('docker diff hx').output).toBe('C /root\nA /root/.ash_history\n');
  });
  it('with --busybox-stand-ins nothing', () => {
    const { d } = play(exit, 'busybox', true);
    expect(d.run('docker diff hx').output).toBe('');
  });
  it('docker run -it: the file is in the container, and docker commit keeps it', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    expect(d.run('docker run -it --name rr busybox', keyboard(['echo hi', 'exit'])).exitCode).toBe(0);
    expect(d.run('docker diff rr').output).toBe('C /root\nA /root/.ash_history\n');
    expect(d.run('docker commit rr img').exitCode).toBe(0);
    expect(d.run('docker run --rm img cat /root/.ash_history').output).toBe('echo hi\nexit\n');
  });
  it('a user who may not write in its home (-u 4242, HOME=/) leaves no file and no message', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.run('docker run -d --name hx busybox sleep 600');
    const s = d.run('docker exec -it -u 4242 hx sh', keyboard(['echo hi', 'exit']));
    expect(s.output).not.toMatch(/history|denied/);
    expect(d.run('docker diff hx').output).toBe('');
  });
  it('a read-only container: no file and no message', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.run('docker run -d --read-only --name hx busybox sleep 600');
    const s = d.run('docker exec -it hx sh', keyboard(['echo hi', 'exit']));
    expect(s.exitCode).toBe(0);
    expect(s.output).not.toMatch(/history|Read-only/);
  });
  it('a shell that is not interactive keeps no list and sets no HISTFILE', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run(`docker run --rm busybox sh -c 'history; echo "[$HISTFILE]"'`).output).toBe('[]\n');
  });
  it('`sh -i` fed a pipe sets HISTFILE but keeps no list and writes no file (seen with the defconfig build, README.md)', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    d.run('docker run -d --name hx busybox sleep 600');
    expect(d.run(`echo 'echo "[$HISTFILE]"' | docker exec -i hx sh -i`).output).toContain('[/root/.ash_history]\n');
    expect(d.run('docker diff hx').output).toBe('');
  });
  it('`history` is a shell builtin to type and command -v (as this host\'s busybox-static 1.35 says: `type history; command -v history`)', () => {
    for (const busyboxStandIns of [false, true]) {
      const d = new SimulatedDocker({ engine: 'docker-26.1', busyboxStandIns });
      expect(d.run(`docker run --rm busybox sh -c 'type history; command -v history'`).output).toBe('history is a shell builtin\nhistory\n');
    }
  });
  it('`history` in a subshell of the terminal shell is refused by name', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
    d.run('docker run -d --name hx busybox sleep 600');
    expect(d.run('docker exec -it hx sh', keyboard(['history | cat', 'exit'])).output).toMatch(/strata does not simulate busybox ash's history builtin in a subshell/);
  });
});
