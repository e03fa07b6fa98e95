// Attached `docker compose up` of several containers on a terminal (a Markdown page's session).
// Expectations come from compose 2.26.1 on the 26.1 oracle engine recorded on a pseudo-terminal
// (test/pages/pty/compose-attached-*.json, made by test/pages/pty/record-compose-attached.sh in
// the same directories with the same compose files), compared as the screen shows them, with the
// page's matchers: timings (src/pages/timings.ts) and the order of the lines that varies from run
// to run (src/scenario/interleave.ts).

import { describe, expect, it } from 'vitest';
import { decodedRecording as recording, recordedCommand as command } from './pty/recordings.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { screenText } from '../../src/pages/screen.ts';
import { checkPage } from '../../src/pages/session.ts';
import { timingsMatch } from '../../src/pages/timings.ts';
import { keepExpectedInterleaving } from '../../src/scenario/interleave.ts';

/** A screen's lines as a page shows them. */
const lines = (output: string): string[] => screenText(output).split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');

const TWO = `services:
  first:
    image: busybox
    command: sh -c 'echo one; echo two'
  second:
    image: busybox
    command: sh -c 'echo three; echo four >&2; exit 2'
`;
const ABORT = `services:
  web:
    image: busybox
    command: sh -c 'trap "echo web stopping; exit 0" TERM; echo web ready; while true; do sleep 1; done'
  job:
    image: busybox
    command: sh -c 'sleep 1; echo job done; exit 3'
`;

/**
 * A terminal session in DIR with compose.yaml = FILE (as record-compose-attached.sh makes it);
 * `oracleBase`: on the oracle's busybox:latest, whose StopSignal SIGKILL the recording's stops met.
 */
function session(dir: string, file: string, oracleBase = false): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true, oracleBase });
  expect(d.run(`mkdir -p ${dir} && cd ${dir} && cat > compose.yaml <<'YAML'\n${file}YAML`).exitCode).toBe(0);
  return d;
}

/**
 * The daemon copies a container's stdout and stderr concurrently (its attach stream), so `four`
 * (stderr) came before `three` in some of the recordings: strata prints a container's lines in
 * the order the program wrote them, which the other recordings show.
 */
const programOrder = (ls: string[]): string[] => {
  const i = ls.findIndex((l) => /(^|\| )four$/.test(l));
  const j = ls.findIndex((l) => /(^|\| )three$/.test(l));
  if (i < 0 || j < 0 || j < i) return ls;
  const out = [...ls];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
};

/** Run the recording's command: the same screen (timings and interleaving loosely) and exit status; strata's raw output. */
function replays(d: SimulatedDocker, name: string, want: (ls: string[]) => string[] = (ls) => ls): string {
  const r = recording(name);
  const got = d.run(command(r), () => undefined);
  const expected = want(lines(r.output));
  const shown = lines(got.output);
  const kept = keepExpectedInterleaving(expected, shown);
  expect(timingsMatch(expected, kept), `${name}\n${expected.join('\n')}\n--- strata:\n${shown.join('\n')}`).toBe(true);
  expect(got.exitCode).toBe(r.exit);
  return got.output;
}

/** The coloured parts of the log lines (prefixes, exit lines) of a terminal's bytes. */
const colouredParts = (raw: string): string[] => [...raw.replace(/\r\n/g, '\n').matchAll(/\x1b\[[0-9;]+m[^\x1b]*(?:exited with code \d+\n|\| )\x1b\[0m/g)].map((m) => m[0]).sort();

// (each describe replays its recordings in the order they were made, in one session)
describe('two services that print and exit', () => {
  const d = session('/tmp/ttya/two', TWO);
  it('Attaching to both, each line after its padded prefix, each exit line; exit 0', () => {
    const raw = replays(d, 'compose-attached-two.json', programOrder);
    // cyan for the first registered, yellow for the second (colors.go's rainbow), the same bytes
    expect(colouredParts(raw)).toEqual(colouredParts(recording('compose-attached-two.json').output));
    expect(colouredParts(raw)).toContain('\x1b[33msecond-1  | \x1b[0m');
    // the other recorded order of the two containers' lines
    replays(d, 'compose-attached-two-again.json');
  });

  it('--no-color: the same lines without colours', () => {
    const raw = replays(d, 'compose-attached-two-no-color.json', programOrder);
    expect(colouredParts(raw)).toEqual([]);
    expect(raw).toContain('\x1b[2Kfirst-1   | one\n');
  });

  it('--no-log-prefix: the lines alone, the exit lines still coloured (compared in strata\'s order)', () => {
    const r = recording('compose-attached-two-no-prefix.json');
    const got = d.run(command(r), () => undefined);
    const want = programOrder(lines(r.output));
    const shown = lines(got.output);
    const from = (ls: string[]): string[] => ls.slice(ls.indexOf('Attaching to first-1, second-1'));
    expect(from(want).length).toBeGreaterThan(1);
    expect(from(shown)).toEqual(from(want));
    expect(colouredParts(got.output)).toEqual(colouredParts(r.output));
    expect(got.exitCode).toBe(0);
  });
});

describe('a service that keeps running and a job', () => {
  // the recordings' busybox: compose's stop of web is a SIGKILL (exit 137, the trap never runs);
  // the real busybox:latest has no StopSignal, so web's TERM trap would end it with 0
  const d = session('/tmp/ttya/abort', ABORT, true);
  it('--abort-on-container-exit: the job exit, Aborting on container exit..., the Stopping display, the job\'s code', () => {
    replays(d, 'compose-attached-abort.json');
    // the container compose stopped (exit 137: the daemon kills it, and its trap never prints)
    expect(d.run("docker inspect --format '{{.State.ExitCode}}' abort-web-1").output).toBe('137\n');
    replays(d, 'compose-attached-exit-code-from-job.json');
    // the service named is the one compose stopped: its stop comes before its die, exit 0
    replays(d, 'compose-attached-exit-code-from-web.json');
  });

  it('--attach job: up ends with the job, the other one keeps running', () => {
    replays(d, 'compose-attached-attach-job.json');
    expect(d.run("docker inspect --format '{{.State.Status}}' abort-web-1").output).toBe('running\n');
  });

  it('--exit-code-from a service whose command is a bare sleep: 0', () => {
    const d = session('/tmp/ttya/sleeper', "services:\n  web:\n    image: busybox\n    command: sleep 600\n  job:\n    image: busybox\n    command: sh -c 'sleep 1; echo job done'\n");
    replays(d, 'compose-attached-sleeper-exit-code-from-web.json');
  });

  it('without a flag that ends the up, refused by the name of the one that keeps running, nothing kept', () => {
    const d = session('/tmp/ttya/abort2', ABORT);
    const r = d.run('docker compose up', () => undefined);
    expect(r.exitCode).toBe(125);
    expect(r.output).toContain('strata does not simulate attached `docker compose up` of a container that keeps running (web-1: compose streams its logs until Ctrl-C)');
    expect(d.run('docker ps -a -q').output).toBe('');
  });
});

describe('ordering that compose gives or that varies', () => {
  it('a job the app waits for (service_completed_successfully): its lines and exit first', () => {
    const d = session('/tmp/ttya/deps', "services:\n  migrate:\n    image: busybox\n    command: sh -c 'echo migrating; echo migrated'\n  app:\n    image: busybox\n    command: sh -c 'echo app starting; echo app done'\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n");
    const raw = replays(d, 'compose-attached-deps.json');
    // app-1 registered first (sorted), cyan; migrate-1 yellow
    expect(colouredParts(raw)).toEqual(colouredParts(recording('compose-attached-deps.json').output));
  });

  it('three containers, a scaled service: the third colour (green)', () => {
    const d = session('/tmp/ttya/scale', 'services:\n  api:\n    image: busybox\n    command: echo api\n  worker:\n    image: busybox\n    command: echo working\n');
    const raw = replays(d, 'compose-attached-scale.json');
    expect(colouredParts(raw)).toEqual(colouredParts(recording('compose-attached-scale.json').output));
    expect(raw).toContain('\x1b[32mworker-2  | \x1b[0m');
  });

  it('two jobs that exit at once under --abort-on-container-exit: which one compose sees first is a race, refused', () => {
    const d = session('/tmp/ttya/race', 'services:\n  one:\n    image: busybox\n    command: sh -c "sleep 1; echo a"\n  two:\n    image: busybox\n    command: sh -c "sleep 1; echo b"\n');
    const r = d.run('docker compose up --abort-on-container-exit', () => undefined);
    expect(r.exitCode).toBe(125);
    expect(r.output).toContain('when one-1 and two-1 exit at the same time');
  });
});

describe('a stand-in that refuses', () => {
  it('is no container that exited 125: the command is refused by its words, nothing kept', () => {
    const d = session('/tmp/ttya/refuse', "services:\n  app:\n    image: busybox\n    command: echo hi\n  probe:\n    image: busybox\n    command: wget -qO- http://app/\n");
    const r = d.run('docker compose up', () => undefined);
    expect(r.exitCode).toBe(125);
    expect(lines(r.output).at(-1)).toMatch(/^wget: strata does not simulate network access from a container to app/);
    expect(d.run('docker ps -a -q').output).toBe('');
  });
});

describe('a page with attached up', () => {
  const page = (body: string[]): string => {
    const setup = `$ mkdir -p /tmp/ttya/abort && cd /tmp/ttya/abort\n$ cat > compose.yaml <<'YAML'\n${ABORT}YAML`;
    return `<!-- strata engine=docker-26.1 -->\n\n\`\`\`console\n${setup}\n\`\`\`\n\n\`\`\`console\n$ docker compose up --abort-on-container-exit\n${body.join('\n')}\n\`\`\`\n`;
  };
  const screen = lines(recording('compose-attached-abort.json').output);

  it("passes with the recording's screen, and --update keeps its order and timings", () => {
    const text = page(screen);
    const r = checkPage(text, 'attached.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true }));
    expect(r.diff).toBe('');
    expect(r.updated).toBe(text);
  });

  it("fails where a container's own lines are out of order, or a line follows the exit that ended the up", () => {
    const k = screen.indexOf('job-1  | job done');
    const swapped = [...screen];
    [swapped[k], swapped[k + 1]] = [swapped[k + 1], swapped[k]];
    expect(swapped[k]).toBe('job-1 exited with code 3');
    const after = [...screen];
    const w = after.indexOf('web-1  | web ready');
    after.splice(k + 1, 0, ...after.splice(w, 1));
    expect(after[k]).toBe('job-1 exited with code 3');
    for (const body of [swapped, after]) {
      const r = checkPage(page(body), 'attached.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true }));
      expect(r.passed).toBe(false);
    }
  });
});
