// `docker compose exec` on a terminal (a Markdown page's session), where compose allocates the
// process a TTY unless -T (compose 2.26.1 cmd/compose/exec.go) and its stdin is the reader's
// keyboard. Expectations from compose 2.26.1 on the 26.1 oracle engine recorded on a
// pseudo-terminal (test/pages/pty/compose-exec-tty-*.json, made by record-compose-exec.sh in the
// same directory with the same compose file), byte for byte as the terminal received them.

import { describe, expect, it } from 'vitest';
import { keyboard, quotedCommand as command, recording } from './pty/recordings.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { checkPage } from '../../src/index.ts';

const FILE = `services:
  app:
    image: busybox
    command: sh -c 'trap "exit 0" TERM; while true; do sleep 1; done'
`;

/** A terminal session in the recording script's directory with its service up (as record-compose-exec.sh makes it). */
function session(): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true, busyboxStandIns: true });
  expect(d.run(`mkdir -p /tmp/ttyx/app && cd /tmp/ttyx/app && cat > compose.yaml <<'YAML'\n${FILE}YAML`).exitCode).toBe(0);
  expect(d.run('docker compose up -d', () => undefined).exitCode).toBe(0);
  return d;
}

/** Replay a recording in the session: the terminal's bytes and the exit status. */
function replays(d: SimulatedDocker, name: string, terminalOf: 'process' | 'reader' = 'process'): void {
  const r = recording(name);
  const got = d.run(command(r), keyboard(r.typed));
  // with -T the process writes "\n"; the reader's terminal (the recorder's pty) shows it as "\r\n"
  expect(terminalOf === 'reader' ? got.output.replace(/\r?\n/g, '\r\n') : got.output, name).toBe(r.output);
  if (terminalOf === 'reader') expect(got.output).not.toContain('\r');
  expect(got.exitCode, name).toBe(r.exit);
}

// the recordings in the order the script made them, in one session (the shell's file is read after)
describe('docker compose exec on a terminal', () => {
  const d = session();
  it("a TTY by default: both streams are the terminal's, each line ending in \\r\\n; the process's status", () => replays(d, 'compose-exec-tty-streams.json'));
  it("-T: no TTY, so no \\r of the process's own; the same screen", () => replays(d, 'compose-exec-tty-no-tty.json', 'reader'));
  it('the process has a terminal: its stdin and stdout are one ([ -t 0 ], [ -t 1 ])', () => replays(d, 'compose-exec-tty-tty.json'));
  it('... and with -T neither is', () => replays(d, 'compose-exec-tty-no-tty-streams.json', 'reader'));
  it('-u and -w as docker exec takes them', () => replays(d, 'compose-exec-tty-user.json'));
  it("a missing program: runc's error as the docker CLI prints it, exit 126", () => replays(d, 'compose-exec-tty-missing.json'));
  it('an interactive shell reads what is typed, up to exit', () => replays(d, 'compose-exec-tty-shell.json'));
  it('... or up to Ctrl-D', () => replays(d, 'compose-exec-tty-shell-eof.json'));
  it('what the typed commands wrote is in the container', () => replays(d, 'compose-exec-tty-after.json'));
});

describe('a page with docker compose exec', () => {
  it('checks without -T (it was refused before)', () => {
    const page = [
      '```console',
      '$ cat > compose.yaml <<EOF',
      '> services:',
      '>   app:',
      '>     image: busybox',
      '>     command: sleep 3600',
      '> EOF',
      '$ docker compose up -d --quiet-pull 2>/dev/null',
      '$ docker compose exec app sh -c \'echo out; echo err >&2\'',
      'out',
      'err',
      '```',
      '',
    ].join('\n');
    const r = checkPage(page, { file: 'exec.md', engine: 'docker-26.1' });
    expect(r.mismatches).toEqual([]);
    expect(r.passed).toBe(true);
    // and it can fail: another line where the process's output is
    expect(checkPage(page.replace('\nout\n', '\nother\n'), { file: 'exec.md', engine: 'docker-26.1' }).mismatches.map((m) => m.location)).toEqual(['exec.md:10']);
  });
});
