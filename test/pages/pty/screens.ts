// A terminal session replaying the recordings of this directory as a Markdown page's terminal
// shows them: the tests of builds and compose displays (build-display-pagebuilds*.test.ts,
// compose-build-tty.test.ts, compose-tty.test.ts) compare a recording's final screen with
// strata's, timings loosely (src/pages/timings.ts), and its exit status.

import { expect } from 'vitest';
import { SimulatedDocker } from '../../../src/engine/scenario-engine.ts';
import { screenText } from '../../../src/pages/screen.ts';
import { timingsMatch } from '../../../src/pages/timings.ts';
import { decodedRecording, recordedCommand } from './recordings.ts';

/** A screen's lines as a page shows them (without the empty line after the last newline). */
export const screenLines = (output: string): string[] => screenText(output).split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');

/** Writes each file (a path relative to the session's directory, its parents made) in the session. */
export function writeFiles(d: SimulatedDocker, files: Record<string, string>): void {
  for (const [f, t] of Object.entries(files)) expect(d.run(`mkdir -p $(dirname ${f}) && cat > ${f} <<'EOF'\n${t}EOF`).exitCode).toBe(0);
}

/** A 26.1 terminal session in `dir` (made, after the `setup` commands) holding `files`, as the recording scripts make them. */
export function terminalSession(dir: string, files: Record<string, string>, setup = 'true'): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
  expect(d.run(`${setup} && mkdir -p ${dir} && cd ${dir}`).exitCode).toBe(0);
  writeFiles(d, files);
  return d;
}

/** Runs the recording NAME.json's command in the session: the same screen (from line `from` on), timings loosely, and exit status. */
export function replays(d: SimulatedDocker, name: string, from = 0): string[] {
  const r = decodedRecording(`${name}.json`);
  const got = d.run(recordedCommand(r), () => undefined);
  const want = screenLines(r.output).slice(from);
  const shown = screenLines(got.output).slice(from);
  expect(timingsMatch(want, shown), `${name}\n${want.join('\n')}\n--- strata:\n${shown.join('\n')}`).toBe(true);
  expect(got.exitCode).toBe(r.exit);
  return shown;
}

/** `docker build -t tie .` of `dockerfile` in a fresh session at `dir`: refused (status 125); the screen's text. */
export function refusedBuild(dir: string, dockerfile: string): string {
  const d = terminalSession(dir, { Dockerfile: dockerfile });
  const r = d.run('docker build -t tie .', () => undefined);
  expect(r.exitCode).toBe(125);
  return screenText(r.output);
}
