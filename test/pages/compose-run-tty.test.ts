// `docker compose run` on a terminal (a Markdown page's session): compose draws its progress
// display for the dependencies it creates and starts, then runs the service's container with a TTY
// unless -T (compose 2.26.1 cmd/compose/run.go) and the reader's keyboard as its stdin.
// Expectations from compose 2.26.1 on the 26.1 oracle engine recorded on a pseudo-terminal
// (test/pages/pty/compose-run-tty-*.json, made by record-compose-run.sh in the same directory with
// the same compose file), compared as the screen shows them with the display's timings matched
// loosely (src/pages/timings.ts), and byte for byte after the display.

import { describe, expect, it } from 'vitest';
import { decodedRecording, keyboard, quotedCommand as command } from './pty/recordings.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { screenText } from '../../src/pages/screen.ts';
import { timingsMatch } from '../../src/pages/timings.ts';

const FILE = `services:
  db:
    image: busybox
    command: sh -c 'trap "exit 0" TERM; while true; do sleep 1; done'
  app:
    image: busybox
    depends_on: [db]
`;

/** A screen's lines as a page shows them. */
const lines = (output: string): string[] => screenText(output).split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');

/** What follows compose's display: the bytes after its last "show the cursor" control. */
const afterDisplay = (output: string): string => output.slice(output.lastIndexOf('\x1b[?25h') + '\x1b[?25h'.length);

/** Replay a recording in the session: the same screen (timings loosely), the process's bytes after the display, the status. */
function replays(d: SimulatedDocker, name: string, terminalOf: 'process' | 'reader' = 'process', compare: 'bytes' | 'screen' = 'bytes'): void {
  const r = decodedRecording(`compose-run-tty-${name}.json`);
  const got = d.run(command(r), keyboard(r.typed));
  const expected = lines(r.output);
  const shown = lines(got.output);
  expect(timingsMatch(expected, shown), `${name}\n${expected.join('\n')}\n--- strata:\n${shown.join('\n')}`).toBe(true);
  // with -T the process writes "\n"; the reader's terminal (the recorder's pty) shows it as "\r\n"
  const after = afterDisplay(got.output);
  if (compare === 'screen') expect(screenText(after), name).toBe(screenText(afterDisplay(r.output)));
  else expect(terminalOf === 'reader' ? after.replace(/\r?\n/g, '\r\n') : after, name).toBe(afterDisplay(r.output));
  if (terminalOf === 'reader') expect(after).not.toContain('\r');
  expect(got.exitCode, name).toBe(r.exit);
}

// the recordings in the order the script made them, in one session
describe('docker compose run on a terminal', () => {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true, busyboxStandIns: true });
  expect(d.run(`mkdir -p /tmp/ttyr/app && cd /tmp/ttyr/app && cat > compose.yaml <<'YAML'\n${FILE}YAML`).exitCode).toBe(0);
  it("first: the network and the dependency created, then started (two displays); the process's two streams are its terminal's; its status", () => replays(d, 'first'));
  it('again: the dependency is Running already; stdin and stdout are a terminal', () => replays(d, 'again'));
  it('-T: neither is, and the process writes no \\r of its own', () => replays(d, 'no-tty', 'reader'));
  it('without --rm the same', () => replays(d, 'keep'));
  // busybox's line editor drew its first prompt again (`\r/ # \x1b[J`, the same screen) in the
  // recording: the docker CLI sizes the container's terminal once it runs (monitorTtySize), and the
  // SIGWINCH reached the shell after its prompt; when it arrives varies, so the screens are compared
  it('an interactive shell reads what is typed, up to exit', () => replays(d, 'shell', 'process', 'screen'));
});
