// Builds a page shows on a terminal that need more than one stage's plain display: `FROM scratch`,
// `COPY --from` an image, a multi-stage build that fails, and compose building with
// `dockerfile_inline`, several services, or a failing build. Expectations come from the 26.1
// oracle engine recorded on a pseudo-terminal (test/pages/pty/buildkit-pb-*.json and
// compose-pb-*.json, made by test/pages/pty/record-pagebuilds.sh in the same directories with the
// same files), compared as the screen shows them with the page's matcher (src/pages/timings.ts:
// timings loosely, and the orders the build can show: src/pages/build-order.ts).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { screenText } from '../../src/pages/screen.ts';
import { timingsMatch } from '../../src/pages/timings.ts';
import { decodedRecording, recordedCommand } from './pty/recordings.ts';
import { refusedBuild, replays, screenLines as lines, terminalSession, writeFiles as write } from './pty/screens.ts';

/** A 26.1 terminal session (busybox also tagged `mybase:1`, as the script tags it) in `dir` holding `files`. */
const session = (dir: string, files: Record<string, string>): SimulatedDocker => terminalSession(dir, files, 'docker tag busybox mybase:1');

describe('FROM scratch (recorded: buildkit-pb-scratch*)', () => {
  it('alone: no load metadata line, no FROM line, the steps counted without it; cached', () => {
    const d = session('/tmp/ttypb/scratch', { 'hello.txt': 'hello\n', Dockerfile: 'FROM scratch\nCOPY hello.txt /hello.txt\n' });
    const shown = replays(d, 'buildkit-pb-scratch');
    expect(shown.some((l) => /load metadata|FROM/.test(l))).toBe(false);
    replays(d, 'buildkit-pb-scratch-cached');
  });

  it('as the last stage of two: [stage-1 1/1]; cached', () => {
    const d = session('/tmp/ttypb/scratchms', { Dockerfile: 'FROM busybox AS build\nRUN echo hi > /out\nFROM scratch\nCOPY --from=build /out /out\n' });
    replays(d, 'buildkit-pb-scratch-ms');
    replays(d, 'buildkit-pb-scratch-ms-cached');
  });
});

describe('compose on a terminal (recorded: compose-pb-*)', () => {
  it('dockerfile_inline: sent as a Dockerfile of its own (its transfer counts the inline text); cached', () => {
    const d = session('/tmp/ttypb/inline', {
      'hello.txt': 'hello\n',
      'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      network: none\n      dockerfile_inline: |\n        FROM busybox\n        COPY hello.txt /hello.txt\n        RUN cat /hello.txt\n    command: sleep 600\n',
    });
    const shown = replays(d, 'compose-pb-inline');
    expect(shown).toContain(' => => transferring dockerfile: 95B                                        0.0s');
    replays(d, 'compose-pb-inline-cached');
  });
});

describe('a failing build in compose on a terminal (recorded: compose-pb-compose-fail)', () => {
  it('the display, the failed step output, then compose error alone (no excerpt), exit 17', () => {
    const d = session('/tmp/ttypb/cfail', { Dockerfile: 'FROM busybox\nRUN echo one && exit 3\n', 'compose.yaml': 'services:\n  job:\n    build:\n      context: .\n      network: none\n' });
    const shown = replays(d, 'compose-pb-compose-fail');
    expect(shown.at(-1)).toBe('failed to solve: process "/bin/sh -c echo one && exit 3" did not complete successfully: exit code: 3');
  });
});

describe('COPY --from an image (recorded: buildkit-pb-copy-image*, buildkit-pb-scratch-copy-image)', () => {
  it("another image than the FROM's: a load metadata line and a FROM line for it, the one stage named stage-0; cached", () => {
    const d = session('/tmp/ttypb/cimg', { Dockerfile: 'FROM busybox\nCOPY --from=mybase:1 /etc/passwd /p\nRUN wc -l /p\n' });
    const shown = replays(d, 'buildkit-pb-copy-image');
    expect(shown.filter((l) => l.includes('load metadata'))).toHaveLength(2);
    replays(d, 'buildkit-pb-copy-image-cached');
  });

  it("the FROM's own image: one FROM line, named without a stage (three takes)", () => {
    for (const name of ['', '-2', '-3']) replays(session('/tmp/ttypb/cimgsame', { Dockerfile: 'FROM busybox\nCOPY --from=busybox /etc/group /g\n' }), `buildkit-pb-copy-image-same${name}`);
  });

  it('the copied image in the build cache: its FROM CACHED when the COPY runs; the same image under two names is refused', () => {
    const rec = lines(decodedRecording('buildkit-pb-copy-image-changed.json').output);
    // (mybase:1 is busybox: one cache record, and only mybase's FROM says CACHED)
    expect(rec.filter((l) => / FROM /.test(l)).map((l) => l.slice(0, 40))).toEqual([' => CACHED FROM docker.io/library/mybase', ' => [stage-0 1/3] FROM docker.io/library']);
    const d = session('/tmp/ttypb/cimg', { Dockerfile: 'FROM busybox\nCOPY --from=mybase:1 /etc/passwd /p\nRUN wc -l /p\n' });
    expect(d.run('docker build -q -t ci . >/dev/null').exitCode).toBe(0);
    write(d, { Dockerfile: 'FROM busybox\nCOPY --from=mybase:1 /etc/passwd /p2\nRUN wc -l /p2\n' });
    const r = d.run('docker build -t ci .', () => undefined);
    expect(r.exitCode).toBe(125);
    expect(screenText(r.output)).toContain('one image under two names');
  });

  it('onto scratch', () => {
    replays(session('/tmp/ttypb/scimg', { Dockerfile: 'FROM scratch\nCOPY --from=busybox /bin/busybox /busybox\n' }), 'buildkit-pb-scratch-copy-image');
  });
});

describe("the copied image's FROM on a page (src/pages/build-order.ts)", () => {
  const build = (): string[] => {
    const d = session('/tmp/ttypb/cimg', { Dockerfile: 'FROM busybox\nCOPY --from=mybase:1 /etc/passwd /p\nRUN wc -l /p\n' });
    return lines(d.run('docker build -t ci .', () => undefined).output);
  };
  const recorded = lines(decodedRecording('buildkit-pb-copy-image.json').output);
  const at = (l: readonly string[], prefix: string): number => l.findIndex((x) => x.startsWith(` => ${prefix}`));
  const swap = (l: readonly string[], x: number, y: number): string[] => l.map((v, i) => (i === x ? l[y] : i === y ? l[x] : v));

  it("its FROM and the stage's the other way round: passes (both start as the build does)", () => {
    const page = swap(recorded, at(recorded, 'FROM docker.io/library/mybase:1'), at(recorded, '[stage-0 1/3] FROM'));
    expect(timingsMatch(page, build())).toBe(true);
  });

  it('its FROM after the COPY that reads it, or named after a stage: a mismatch', () => {
    expect(timingsMatch(swap(recorded, at(recorded, 'FROM docker.io/library/mybase:1'), at(recorded, '[stage-0 2/3] COPY')), build())).toBe(false);
    expect(timingsMatch(recorded.map((l) => l.replace(' => FROM docker.io/library/mybase:1', ' => [stage-0 1/3] FROM docker.io/library/mybase:1')), build())).toBe(false);
  });
});

const FAIL = {
  basic: 'FROM busybox AS build\nRUN echo hi && exit 3\nFROM busybox\nCOPY --from=build /out /out\nRUN cat /out\n',
  final: 'FROM busybox AS build\nRUN echo hi > /out\nFROM busybox\nCOPY --from=build /out /out\nRUN cat /out && exit 4\n',
  par: 'FROM busybox AS a\nRUN echo a && exit 2\nFROM busybox AS b\nCOPY hello.txt /b\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\nRUN cat /a /b\n',
  run: 'FROM busybox AS a\nRUN echo a && exit 2\nFROM busybox AS b\nRUN sleep 2 && echo b > /b\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\n',
};

describe('a multi-stage build that fails (recorded: buildkit-pb-fail-*)', () => {
  it('in the first stage: the steps that wait for it are counted, never started (5/7)', () => {
    const shown = replays(session('/tmp/ttypb/fbasic', { Dockerfile: FAIL.basic }), 'buildkit-pb-fail-basic');
    expect(shown[0]).toMatch(/\(5\/7\) +docker:default$/);
  });

  it('in the last stage: every step before it done (7/7 FINISHED); again, those CACHED', () => {
    const d = session('/tmp/ttypb/ffinal', { Dockerfile: FAIL.final });
    replays(d, 'buildkit-pb-fail-final');
    replays(d, 'buildkit-pb-fail-final-again');
  });

  it('beside a stage whose COPY finishes first: shown done, after the ERROR line (three takes)', () => {
    for (const t of [1, 2, 3]) replays(session('/tmp/ttypb/fpar', { 'hello.txt': 'hello\n', Dockerfile: FAIL.par }), `buildkit-pb-fail-par-${t}`);
  });

  it('beside a stage whose RUN still runs (it sleeps): CANCELED, before or after the ERROR line (three takes)', () => {
    for (const t of [1, 2, 3]) replays(session('/tmp/ttypb/frun', { Dockerfile: FAIL.run }), `buildkit-pb-fail-run-${t}`);
  });
});

describe('a multi-stage build that fails, where the display depends on how long steps take', () => {
  const refusal = (dockerfile: string): string => refusedBuild('/tmp/tie', dockerfile);

  it('a RUN beside the failed RUN, as long as it (finished or canceled: a race) is refused by name', () => {
    expect(refusal('FROM busybox AS a\nRUN exit 2\nFROM busybox AS b\nRUN echo b > /b\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\n')).toContain('a step that ends or starts about when the failed one ends');
  });

  it("a stage's own RUN before it reads the failed one, as long as the failed RUN (a race) is refused by name", () => {
    expect(refusal('FROM busybox AS a\nRUN exit 2\nFROM busybox\nRUN echo x\nCOPY --from=a /a /a\n')).toContain('a step that ends or starts about when the failed one ends');
  });
});

const TWO = {
  'hello.txt': 'hello\n',
  Dockerfile: 'FROM busybox\nCOPY hello.txt /hello.txt\n',
  'api/Dockerfile': 'FROM busybox\nRUN echo api > /api\n',
  'compose.yaml': 'services:\n  web:\n    build: .\n    command: sleep 600\n  api:\n    build:\n      context: ./api\n      network: none\n    command: sleep 600\n',
};

describe('two services built by one compose command (recorded: compose-pb-two-*)', () => {
  const two = (): SimulatedDocker => {
    const d = session('/tmp/ttypb/two', {});
    expect(d.run('mkdir api').exitCode).toBe(0);
    write(d, TWO);
    return d;
  };

  it('build: one display, the shared load metadata and FROM once, the builds interleaved as they started (three takes)', () => {
    for (const t of [1, 2, 3]) replays(two(), `compose-pb-two-${t}`);
  });

  it('build again (cached); up -d --build, then down', () => {
    const d = two();
    replays(d, 'compose-pb-two-1');
    replays(d, 'compose-pb-two-cached');
    // up: the build's display, then compose's, whose containers start side by side (their lines
    // in any order: src/scenario/interleave.ts on a page)
    const e = two();
    const r = decodedRecording('compose-pb-two-up-d.json');
    const got = e.run(recordedCommand(r), () => undefined);
    const [want, shown] = [lines(r.output), lines(got.output)];
    const cut = (l: string[]): number => l.findIndex((x) => x.startsWith('[+] Running'));
    expect(timingsMatch(want.slice(0, cut(want)), shown.slice(0, cut(shown)))).toBe(true);
    expect(timingsMatch([...want.slice(cut(want))].sort(), [...shown.slice(cut(shown))].sort())).toBe(true);
    expect(got.exitCode).toBe(r.exit);
    replays(e, 'compose-pb-two-down');
  });
});

describe("two services' lines on a page (src/pages/service-order.ts)", () => {
  const build = (): string[] => {
    const d = session('/tmp/ttypb/two', {});
    expect(d.run('mkdir api').exitCode).toBe(0);
    write(d, TWO);
    return lines(d.run('docker compose build', () => undefined).output);
  };
  const recorded = lines(decodedRecording('compose-pb-two-3.json').output);
  const block = (prefix: string): [number, number] => {
    const i = recorded.findIndex((l) => l.startsWith(` => ${prefix}`));
    let e = i + 1;
    while (recorded[e]?.startsWith(' => => ')) e++;
    return [i, e];
  };
  /** The recording with block `x` moved to just before block `y`. */
  const moved = (x: string, y: string): string[] => {
    const [xs, xe] = block(x);
    const rest = [...recorded.slice(0, xs), ...recorded.slice(xe)];
    const at = rest.findIndex((l) => l.startsWith(` => ${y}`));
    return [...rest.slice(0, at), ...recorded.slice(xs, xe), ...rest.slice(at)];
  };

  it("one service's step before another's, a shared line named after the other service: passes", () => {
    expect(timingsMatch(moved('[web 2/2] COPY', '[api 2/2] RUN'), build())).toBe(true);
    expect(timingsMatch(recorded.map((l) => l.replace('[api 1/2] FROM', '[web 1/2] FROM').replace('[api internal] load metadata', '[web internal] load metadata')), build())).toBe(true);
  });

  it("a service's step before its context, the FROM after a step, the metadata before every definition: a mismatch", () => {
    expect(timingsMatch(moved('[web 2/2] COPY', '[web internal] load build context'), build())).toBe(false);
    expect(timingsMatch(moved('[api 1/2] FROM', '[web 2/2] COPY'), build())).toBe(false);
    expect(timingsMatch(moved('[api internal] load metadata', '[web internal] load build definition'), build())).toBe(false);
  });
});
