// Builds a page shows on a terminal that were refused until session 24: a stage that runs steps of
// its own before it reads a stage that fails, two stages that fail, and compose building several
// services whose steps are one vertex of both builds or one cache record. Expectations come from
// the 26.1 oracle engine recorded on a pseudo-terminal (test/pages/pty/buildkit-pb2-*.json and
// compose-pb2-*.json, made by test/pages/pty/record-pagebuilds2.sh in the same directories with
// the same files), compared as the screen shows them with the page's matcher (src/pages/timings.ts:
// timings loosely, and the orders the build can show: src/pages/build-order.ts, service-order.ts).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { screenText } from '../../src/pages/screen.ts';
import { timingsMatch } from '../../src/pages/timings.ts';
import { decodedRecording, recordedCommand } from './pty/recordings.ts';

const lines = (output: string): string[] => screenText(output).split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');

/** A 26.1 terminal session in `dir` holding `files`. */
function session(dir: string, files: Record<string, string>): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
  expect(d.run(`mkdir -p ${dir} && cd ${dir}`).exitCode).toBe(0);
  for (const [f, t] of Object.entries(files)) expect(d.run(`mkdir -p $(dirname ${f}) && cat > ${f} <<'EOF'\n${t}EOF`).exitCode).toBe(0);
  return d;
}

/** The recording's command in the session: the same screen (timings loosely) and exit status. */
function replays(d: SimulatedDocker, name: string): string[] {
  const r = decodedRecording(`${name}.json`);
  const got = d.run(recordedCommand(r), () => undefined);
  const want = lines(r.output);
  const shown = lines(got.output);
  expect(timingsMatch(want, shown), `${name}\n${want.join('\n')}\n--- strata:\n${shown.join('\n')}`).toBe(true);
  expect(got.exitCode).toBe(r.exit);
  return shown;
}

const OWN = {
  done: 'FROM busybox AS a\nRUN sleep 1 && exit 2\nFROM busybox\nCOPY hello.txt /h\nCOPY --from=a /a /a\n',
  cancel: 'FROM busybox AS a\nRUN exit 2\nFROM busybox\nRUN sleep 2 && echo x > /x\nCOPY --from=a /a /a\n',
  more: 'FROM busybox AS a\nRUN sleep 1 && exit 2\nFROM busybox\nWORKDIR /app\nCOPY hello.txt .\nCOPY --from=a /a /a\nRUN ls\n',
};

describe('a stage that runs steps of its own before it reads the stage that fails (recorded: buildkit-pb2-own-*)', () => {
  it('its COPY from the context finishes beside the failing RUN; the COPY --from never starts (7/8; two takes)', () => {
    for (const t of [1, 2]) {
      const shown = replays(session('/tmp/ttypb2/owndone', { 'hello.txt': 'hello\n', Dockerfile: OWN.done }), `buildkit-pb2-own-done-${t}`);
      expect(shown[0]).toMatch(/\(7\/8\) +docker:default$/);
    }
  });

  it('its RUN still running when the other fails: CANCELED (two takes)', () => {
    for (const t of [1, 2]) replays(session('/tmp/ttypb2/owncancel', { Dockerfile: OWN.cancel }), `buildkit-pb2-own-cancel-${t}`);
  });

  it('a WORKDIR and a COPY before the read done, the RUN after it never started (8/10; two takes, the WORKDIR on either side of the ERROR line)', () => {
    for (const t of [1, 2]) replays(session('/tmp/ttypb2/ownmore', { 'hello.txt': 'hello\n', Dockerfile: OWN.more }), `buildkit-pb2-own-more-${t}`);
  });
});

const TWO_FAIL = {
  early: 'FROM busybox AS a\nRUN exit 2\nFROM busybox AS b\nRUN sleep 2 && exit 3\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\n',
  late: 'FROM busybox AS a\nRUN sleep 2 && exit 2\nFROM busybox AS b\nRUN exit 3\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\n',
};

describe('two stages that fail (recorded: buildkit-pb2-two-fail-*)', () => {
  it("the first stage's RUN fails first: its failure, the other RUN CANCELED (two takes)", () => {
    for (const t of [1, 2]) {
      const shown = replays(session('/tmp/ttypb2/twofail', { Dockerfile: TWO_FAIL.early }), `buildkit-pb2-two-fail-${t}`);
      expect(shown.at(-1)).toContain('"/bin/sh -c exit 2"');
    }
  });

  it("the second stage's RUN fails first: its failure and excerpt, the first stage's RUN CANCELED (two takes)", () => {
    for (const t of [1, 2]) {
      const shown = replays(session('/tmp/ttypb2/twofaillate', { Dockerfile: TWO_FAIL.late }), `buildkit-pb2-two-fail-late-${t}`);
      expect(shown).toContain('Dockerfile:4');
    }
  });
});

describe('failing stages whose display depends on timing strata does not know: refused by name', () => {
  const refusal = (dockerfile: string): string => {
    const d = session('/tmp/tie2', { Dockerfile: dockerfile });
    const r = d.run('docker build -t tie .', () => undefined);
    expect(r.exitCode).toBe(125);
    return screenText(r.output);
  };

  it('two RUNs that fail about together (which failure is reported is a race)', () => {
    expect(refusal('FROM busybox AS a\nRUN exit 2\nFROM busybox AS b\nRUN exit 3\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\n')).toContain('two stages that fail about together');
  });

  it('three stages that fail', () => {
    expect(refusal('FROM busybox AS a\nRUN exit 2\nFROM busybox AS b\nRUN sleep 2 && exit 3\nFROM busybox AS c\nRUN sleep 4 && exit 4\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\nCOPY --from=c /c /c\n')).toContain('three stages that fail');
  });

  it('a second stage that fails other than by a RUN (a COPY of a missing file)', () => {
    expect(refusal('FROM busybox AS a\nRUN sleep 2 && exit 2\nFROM busybox AS b\nCOPY missing /m\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /m /m\n')).toContain('two stages that fail, one other than by a RUN step');
  });
});

describe('what a failed build keeps of a stage that ran beside the failure (recorded: buildkit-pb2-keep-*)', () => {
  it('its COPY that finished is CACHED in the next build, its canceled RUN runs again', () => {
    const d = session('/tmp/ttypb2/keep', { 'hello.txt': 'hello\n', Dockerfile: 'FROM busybox AS a\nRUN sleep 1 && exit 2\nFROM busybox\nCOPY hello.txt /h\nRUN sleep 3 && echo x > /x\nCOPY --from=a /a /a\n' });
    replays(d, 'buildkit-pb2-keep-fail');
    expect(d.run("cat > Dockerfile <<'EOF'\nFROM busybox\nCOPY hello.txt /h\nRUN sleep 3 && echo x > /x\nEOF").exitCode).toBe(0);
    const shown = replays(d, 'buildkit-pb2-keep-again');
    expect(shown.find((l) => l.includes('COPY hello.txt /h'))).toMatch(/^ => CACHED \[2\/3\] COPY/);
  });
});
