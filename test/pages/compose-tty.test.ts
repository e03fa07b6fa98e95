// compose's progress display on a terminal (a Markdown page's session): the final screen of
// `docker compose up -d`, `down`, `stop`, ... Expectations come from compose 2.26.1 on the 26.1
// oracle engine recorded on a pseudo-terminal (test/pages/pty/compose-*.json, made by
// test/pages/pty/record-compose.sh in the same directories with the same compose files), compared
// as the screen shows them, with the page's timing matcher (src/pages/timings.ts): the durations
// and the header's count of the previous frame's lines differ from run to run.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { screenText } from '../../src/pages/screen.ts';
import { checkPage } from '../../src/pages/session.ts';
import { timingsMatch } from '../../src/pages/timings.ts';
import { decodedRecording, recordedCommand } from './pty/recordings.ts';

const recording = decodedRecording;
/** A screen's lines as a page shows them. */
const lines = (output: string): string[] => screenText(output).split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
const command = recordedCommand;

const DEMO = `services:
  web:
    image: busybox
    command: sleep 600
    volumes:
      - data:/data
volumes:
  data:
`;

/** A terminal session in DIR with compose.yaml = FILE (as record-compose.sh makes it). */
function session(dir: string, file: string): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
  expect(d.run(`mkdir -p ${dir} && cd ${dir} && cat > compose.yaml <<'YAML'\n${file}YAML`).exitCode).toBe(0);
  return d;
}

/** Run the recording's command in the session: the same screen, timings loosely, and exit status. */
function replays(d: SimulatedDocker, name: string): string[] {
  const r = recording(name);
  const got = d.run(command(r), () => undefined);
  const want = lines(r.output);
  const shown = lines(got.output);
  expect(timingsMatch(want, shown), `${name}\n${want.join('\n')}\n--- strata:\n${shown.join('\n')}`).toBe(true);
  expect(got.exitCode).toBe(r.exit);
  return shown;
}

describe("compose's display on a terminal: one service, a named volume", () => {
  const d = session('/tmp/ttyc/demo', DEMO);
  const steps = ['compose-up-d', 'compose-up-d-running', 'compose-stop', 'compose-start', 'compose-restart', 'compose-down', 'compose-down-v', 'compose-create', 'compose-rm'];
  for (const name of steps) it(name, () => void replays(d, `${name}.json`));
  it('compose-down-v-after-create (the network and the volume are removed in parallel: either order)', () => {
    const r = recording('compose-down-v-after-create.json');
    const got = d.run(command(r), () => undefined);
    const want = lines(r.output);
    const shown = lines(got.output);
    const sorted = (ls: string[]): string[] => [ls[0], ...ls.slice(1).sort()];
    expect(timingsMatch(sorted(want), sorted(shown))).toBe(true);
    expect(got.exitCode).toBe(r.exit);
  });
});

describe("compose's display on a terminal: recreate, a failing start, a loader warning", () => {
  it('up -d, a changed command (Recreated), down', () => {
    const d = session('/tmp/ttyc/hello', 'services:\n  web:\n    image: busybox\n    command: sleep 600\n');
    replays(d, 'compose-up-d-one.json');
    expect(d.run("sed -i 's/sleep 600/sleep 700/' compose.yaml").exitCode).toBe(0);
    replays(d, 'compose-up-d-recreate.json');
    replays(d, 'compose-down-one.json');
  });
  it('a command that is not in the image: Created, then the daemon error after the display (exit 1)', () => {
    const d = session('/tmp/ttyc/hello', 'services:\n  web:\n    image: busybox\n    command: nosuchcmd\n');
    const shown = replays(d, 'compose-up-d-start-fails.json');
    expect(shown.at(-1)).toMatch(/^Error response from daemon: .*executable file not found in \$PATH: unknown$/);
    // the container never ran: Stopped at once (a line that was done is not redrawn as Removing)
    replays(d, 'compose-down-after-fail.json');
  });
  it("logrus' warning on a terminal: coloured, [0000], the message padded, then the display", () => {
    const d = session('/tmp/ttyc/warn', 'version: "3.8"\nservices:\n  web:\n    image: busybox\n    command: sleep 600\n');
    replays(d, 'compose-up-d-version-warning.json');
    replays(d, 'compose-down-version-warning.json');
  });
});

describe('--progress tty, pause, unpause, kill, run -T, rm -s -f', () => {
  const d = session('/tmp/ttyc/more', 'services:\n  web:\n    image: busybox\n    command: sleep 600\n');
  const steps = ['compose-more-up-d', 'compose-pause', 'compose-unpause', 'compose-kill', 'compose-rm-s-f', 'compose-down-more', 'compose-run-T'];
  for (const name of steps) it(name, () => void replays(d, `${name}.json`));
});

describe('up -d --wait: the line is done at Created, so its time stays (Healthy only changes its word)', () => {
  it('compose-up-d-wait-healthy', () => {
    const d = session('/tmp/ttyc/health', 'services:\n  web:\n    image: busybox\n    command: sh -c \'sleep 3; touch /ready; sleep 600\'\n    healthcheck:\n      test: ["CMD", "test", "-f", "/ready"]\n      interval: 1s\n');
    replays(d, 'compose-up-d-wait-healthy.json');
  });
});

describe('a warning: the network another container still uses', () => {
  it('down: `!` and the status cut to fit (maxStatusLen), exit 0', () => {
    const d = session('/tmp/ttyc/inuse', 'services:\n  web:\n    image: busybox\n    command: sleep 600\n');
    expect(d.run('docker compose --progress quiet up -d').exitCode).toBe(0);
    expect(d.run('docker run -d --name inuse-other --network inuse_default busybox sleep 600 >/dev/null').exitCode).toBe(0);
    const shown = replays(d, 'compose-down-network-in-use.json');
    expect(shown[2]).toMatch(/^ ! Network inuse_default  Resource is still in \.\.\. +\d\.\ds $/);
  });
  it('the bytes of the warning line: yellow and bold, as aec writes them', () => {
    const d = session('/tmp/ttyc/inuse', 'services:\n  web:\n    image: busybox\n    command: sleep 600\n');
    d.run('docker compose --progress quiet up -d');
    d.run('docker run -d --name inuse-other --network inuse_default busybox sleep 600 >/dev/null');
    const got = d.run('docker compose down', () => undefined).output;
    const want = recording('compose-down-network-in-use.json').output;
    const warning = (s: string): string | undefined => s.split('\n').at(-2);
    expect(warning(got)?.replace(/\d\.\ds /, '')).toBe(warning(want)?.replace(/\d\.\ds /, '').replace(/\r$/, ''));
  });
});

describe('the display is drawn when stderr is the terminal (writer.go: compose writes it to stderr)', () => {
  // (the plain lines as the oracle records them without a terminal: shared/conformance-compose,
  // e.g. anonymous-volumes/force-recreate-keeps-anon-data)
  it('stderr to a file: the plain lines there; stdout to a file: the display still', () => {
    const d = session('/tmp/ttyc/redirect', 'services:\n  web:\n    image: busybox\n    command: sleep 600\n');
    const plain = d.run('docker compose up -d 2>log; cat log', () => undefined);
    expect(plain.output).toBe(' Network redirect_default  Creating\n Network redirect_default  Created\n Container redirect-web-1  Creating\n Container redirect-web-1  Created\n Container redirect-web-1  Starting\n Container redirect-web-1  Started\n');
    const tty = d.run('docker compose stop >/dev/null', () => undefined);
    expect(lines(tty.output)[0]).toMatch(/^\[\+\] Stopping 1\/\d$/);
  });
});

describe('attached `up` on a terminal: the display, Attaching to, the log lines, the exit', () => {
  it('a service that prints two lines and exits, twice, then down', () => {
    const d = session('/tmp/ttyc/hello', "services:\n  hello:\n    image: busybox\n    command: sh -c 'echo hello; echo world'\n");
    // the container's line keeps its spinner and `Created` (ttyWriter.hasFollowupAction)
    const first = replays(d, 'compose-up-attached.json');
    expect(first.slice(-4)).toEqual(['Attaching to hello-1', 'hello-1  | hello', 'hello-1  | world', 'hello-1 exited with code 0']);
    replays(d, 'compose-up-attached-again.json');
    replays(d, 'compose-down-hello.json');
  });

  it("a container that writes to stdout and stderr and exits 3: compose exits 0 (the streams' order varies)", () => {
    const d = session('/tmp/ttyc/fail', "services:\n  job:\n    image: busybox\n    command: sh -c 'echo out; echo err >&2; exit 3'\n");
    const r = recording('compose-up-attached-exit3.json');
    const got = d.run(command(r), () => undefined);
    const want = lines(r.output);
    const shown = lines(got.output);
    const k = want.indexOf('Attaching to job-1');
    expect(k).toBeGreaterThan(0);
    expect(timingsMatch(want.slice(0, k), shown.slice(0, k))).toBe(true);
    expect(shown.slice(k, k + 1)).toEqual(want.slice(k, k + 1));
    expect(shown.slice(k + 1, -1).sort()).toEqual(want.slice(k + 1, -1).sort());
    expect(shown.at(-1)).toBe(want.at(-1));
    expect(got.exitCode).toBe(r.exit);
    replays(d, 'compose-down-fail.json');
  });

  it('a container that keeps running is refused by name (several containers: compose-attached.test.ts)', () => {
    const d = session('/tmp/ttyc/long', 'services:\n  a:\n    image: busybox\n    command: sleep infinity\n');
    const r = d.run('docker compose up', () => undefined);
    expect(r.exitCode).toBe(125);
    expect(r.output).toContain('strata does not simulate attached `docker compose up` of a container that keeps running (a-1: compose streams its logs until Ctrl-C)');
  });
});

describe('a Markdown page with compose blocks', () => {
  /** The page of the demo session with the recorded screens as its outputs. */
  function page(edit: (out: string[], k: number) => string[] = (o) => o): string {
    const names = ['compose-up-d', 'compose-up-d-running', 'compose-stop', 'compose-down', 'compose-down-v'];
    const blocks = names.map((n, k) => {
      const r = recording(`${n}.json`);
      return ['```console', `$ ${command(r)}`, ...edit(lines(r.output), k), '```'].join('\n');
    });
    return `<!-- strata engine=docker-26.1 -->\n\n\`\`\`console\n$ mkdir -p /tmp/ttyc/demo && cd /tmp/ttyc/demo\n$ cat > compose.yaml <<'YAML'\n${DEMO}YAML\n\`\`\`\n\n${blocks.join('\n\n')}\n`;
  }

  it("checks with the recording's own timings (other than strata's), and --update keeps them", () => {
    const text = page();
    const r = checkPage(text, 'compose.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true }));
    expect(r.diff).toBe('');
    expect(r.passed).toBe(true);
    expect(r.updated).toBe(text);
  });

  it('checks with timings the author typed without the trailing space and with other widths', () => {
    const text = page((out) => out.map((l) => l.replace(/ +(\d+\.\d+s) *$/, '   1$1')));
    expect(text).toMatch(/Created   10\.0s\n/);
    const r = checkPage(text, 'compose.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true }));
    expect(r.passed).toBe(true);
  });

  it('a changed status word is a mismatch', () => {
    const text = page((out, k) => (k === 2 ? out.map((l) => l.replace('Stopped', 'Exited ')) : out));
    const r = checkPage(text, 'compose.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true }));
    expect(r.passed).toBe(false);
    expect(r.mismatches).toHaveLength(1);
    expect(r.updated).toContain(' ✔ Container demo-web-1  Stopped');
  });

  it("the header's count of lines done is exact (only the previous frame's count after the slash varies)", () => {
    const text = page((out, k) => (k === 0 ? out.map((l) => l.replace('[+] Running 3/3', '[+] Running 2/3')) : out));
    expect(text).toContain('[+] Running 2/3');
    const r = checkPage(text, 'compose.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true }));
    expect(r.passed).toBe(false);
    const other = page((out, k) => (k === 0 ? out.map((l) => l.replace('[+] Running 3/3', '[+] Running 3/0')) : out));
    expect(checkPage(other, 'compose.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true })).passed).toBe(true);
  });
});
