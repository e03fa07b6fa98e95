// Builds a page shows on a terminal that were refused until session 24: a stage that runs steps of
// its own before it reads a stage that fails, two stages that fail, and compose building several
// services whose steps are one vertex of both builds or one cache record. Expectations come from
// the 26.1 oracle engine recorded on a pseudo-terminal (test/pages/pty/buildkit-pb2-*.json and
// compose-pb2-*.json, made by test/pages/pty/record-pagebuilds2.sh in the same directories with
// the same files), compared as the screen shows them with the page's matcher (src/pages/timings.ts:
// timings loosely, and the orders the build can show: src/pages/build-order.ts, service-order.ts).

import { describe, expect, it } from 'vitest';
import { screenText } from '../../src/pages/screen.ts';
import { timingsMatch } from '../../src/pages/timings.ts';
import { decodedRecording } from './pty/recordings.ts';
import { refusedBuild, replays, screenLines as lines, terminalSession as session } from './pty/screens.ts';

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
  const refusal = (dockerfile: string): string => refusedBuild('/tmp/tie2', dockerfile);

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

const SAMERUN = {
  'web/Dockerfile': 'FROM busybox\nRUN echo hi > /hi\n',
  'api/Dockerfile': 'FROM busybox\nRUN echo hi > /hi\n',
  'compose.yaml': 'services:\n  web:\n    build:\n      context: ./web\n      network: none\n    command: sleep 600\n  api:\n    build:\n      context: ./api\n      network: none\n    command: sleep 600\n',
};
const SHAREDRUN = {
  'hello.txt': 'hello\n',
  Dockerfile: 'FROM busybox\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt\n',
  'compose.yaml': 'services:\n  web:\n    build:\n      context: .\n      network: none\n    command: sleep 600\n  worker:\n    build:\n      context: .\n      network: none\n    command: sleep 601\n',
};
const SAMEFIRST = {
  'web/hello.txt': 'hello\n',
  'web/Dockerfile': 'FROM busybox\nRUN echo hi > /hi\nCOPY hello.txt /h\n',
  'api/Dockerfile': 'FROM busybox\nRUN echo hi > /hi\nRUN echo api > /api\n',
  'compose.yaml': SAMERUN['compose.yaml'],
};
const SHARED = {
  'hello.txt': 'hello\n',
  Dockerfile: 'FROM busybox\nCOPY hello.txt /hello.txt\n',
  'compose.yaml': 'services:\n  web:\n    build: .\n    command: sleep 600\n  worker:\n    build: .\n    command: sleep 601\n',
};

describe('compose: several services whose steps are one vertex of both builds (recorded: compose-pb2-samerun-*, -samefirst-*)', () => {
  it('the same Dockerfile in two contexts: the RUN once, named after either service, (9/9) FINISHED; cached (two takes)', () => {
    for (const t of [1, 2]) {
      const shown = replays(session('/tmp/ttypb2/samerun', SAMERUN), `compose-pb2-samerun-${t}`);
      expect(shown[0]).toMatch(/\(9\/9\) FINISHED +docker:default$/);
    }
    const d = session('/tmp/ttypb2/samerun', SAMERUN);
    replays(d, 'compose-pb2-samerun-2');
    replays(d, 'compose-pb2-samerun-cached');
  });

  it('the same first RUN, then each its own step (12/12 FINISHED; two takes)', () => {
    for (const t of [1, 2]) replays(session('/tmp/ttypb2/samefirst', SAMEFIRST), `compose-pb2-samefirst-${t}`);
  });
});

describe('compose: several services of one context, their steps one cache record (recorded: compose-pb2-sharedrun-*, compose-pb-shared-*, compose-pb2-shared-*)', () => {
  it("each build's own context transfer, the COPY and the RUN once, the other build's two counted, never started (12/14; two takes, cached)", () => {
    for (const t of [1, 2]) {
      const shown = replays(session('/tmp/ttypb2/sharedrun', SHAREDRUN), `compose-pb2-sharedrun-${t}`);
      expect(shown[0]).toMatch(/\(12\/14\) +docker:default$/);
    }
    const d = session('/tmp/ttypb2/sharedrun', SHAREDRUN);
    replays(d, 'compose-pb2-sharedrun-1');
    replays(d, 'compose-pb2-sharedrun-cached');
  });

  it('a COPY alone: (11/12), fresh (three takes) and cached', () => {
    for (const name of ['compose-pb-shared-1', 'compose-pb-shared-2', 'compose-pb2-shared-3']) replays(session('/tmp/ttypb/shared', SHARED), name);
    const d = session('/tmp/ttypb/shared', SHARED);
    replays(d, 'compose-pb2-shared-3');
    replays(d, 'compose-pb2-shared-cached');
  });
});

describe('steps of several builds on a page (src/pages/service-order.ts)', () => {
  const build = (files: Record<string, string>, dir: string): string[] => lines(session(dir, files).run('docker compose build', () => undefined).output);
  const blockOf = (l: readonly string[], prefix: string): [number, number] => {
    const i = l.findIndex((x) => x.startsWith(` => ${prefix}`));
    let e = i + 1;
    while (l[e]?.startsWith(' => => ')) e++;
    return [i, e];
  };
  /** `l` with block `x` moved to just after block `y`. */
  const movedAfter = (l: readonly string[], x: string, y: string): string[] => {
    const [xs, xe] = blockOf(l, x);
    const rest = [...l.slice(0, xs), ...l.slice(xe)];
    const [, ye] = blockOf(rest, y);
    return [...rest.slice(0, ye), ...l.slice(xs, xe), ...rest.slice(ye)];
  };

  it('the recorded orders pass: the merged COPY after one context only (compose-pb-shared-1), the shared RUN named after the other service (samefirst)', () => {
    expect(timingsMatch(lines(decodedRecording('compose-pb-shared-1.json').output), build(SHARED, '/tmp/ttypb/shared'))).toBe(true);
    expect(timingsMatch(lines(decodedRecording('compose-pb2-samefirst-1.json').output), build(SAMEFIRST, '/tmp/ttypb2/samefirst'))).toBe(true);
  });

  it('the merged COPY before every context that could feed it: a mismatch', () => {
    const recorded = lines(decodedRecording('compose-pb-shared-1.json').output);
    expect(timingsMatch(movedAfter(recorded, '[worker internal] load build context', '[web 2/2] COPY'), build(SHARED, '/tmp/ttypb/shared'))).toBe(false);
  });

  it("a step named after a service whose own line of that number the display shows: a mismatch", () => {
    const recorded = lines(decodedRecording('compose-pb2-samefirst-1.json').output);
    expect(timingsMatch(recorded.map((l) => l.replace('[web 3/3] COPY', '[api 3/3] COPY')), build(SAMEFIRST, '/tmp/ttypb2/samefirst'))).toBe(false);
  });

  it("the shared RUN after a later step of one of its services: a mismatch", () => {
    const recorded = lines(decodedRecording('compose-pb2-samefirst-1.json').output);
    expect(timingsMatch(movedAfter(recorded, '[api 2/3] RUN', '[api 3/3] RUN'), build(SAMEFIRST, '/tmp/ttypb2/samefirst'))).toBe(false);
  });
});

describe('several services whose steps are one vertex or one cache record, in shapes not recorded: refused by name', () => {
  const refusal = (files: Record<string, string>): string => {
    const r = session('/tmp/cshare', files).run('docker compose build', () => undefined);
    expect(r.exitCode).toBe(125);
    return screenText(r.output);
  };
  const twoServices = (web: string, api: string, apiNetwork = 'none'): string =>
    `services:\n  web:\n    build:\n      context: ./${web}\n      network: none\n  api:\n    build:\n      context: ./${api}\n      network: ${apiNetwork}\n`;

  it('two contexts holding the same files (one cache record of two transfers)', () => {
    const copy = 'FROM busybox\nCOPY hello.txt /h\n';
    expect(refusal({ 'a/hello.txt': 'hello\n', 'a/Dockerfile': copy, 'b/hello.txt': 'hello\n', 'b/Dockerfile': copy, 'compose.yaml': twoServices('a', 'b') })).toContain('from two contexts of the same files');
  });

  it('the same RUN on two networks', () => {
    const run = 'FROM busybox\nRUN echo hi > /hi\n';
    expect(refusal({ 'a/Dockerfile': run, 'b/Dockerfile': run, 'compose.yaml': twoServices('a', 'b', 'host') })).toContain('runs on two networks');
  });

  it('the same step under another number in each build', () => {
    expect(refusal({ 'a/Dockerfile': 'FROM busybox\nRUN echo hi > /hi\n', 'b/Dockerfile': 'FROM busybox\nRUN echo hi > /hi\nRUN echo b\n', 'compose.yaml': twoServices('a', 'b') })).toContain('has another number in each build');
  });
});
