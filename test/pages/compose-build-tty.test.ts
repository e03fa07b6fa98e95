// compose building a service on a terminal (a Markdown page's session): BuildKit's display with
// every vertex named after the service, then compose's own display of what it does next.
// Expectations come from compose 2.26.1 on the 26.1 oracle engine recorded on a pseudo-terminal
// (test/pages/pty/compose-build*.json, made by test/pages/pty/record-compose-build.sh in the same
// directories with the same files), compared as the screen shows them with the page's timing
// matcher (src/pages/timings.ts).

import { describe, expect, it } from 'vitest';
import { screenText } from '../../src/pages/screen.ts';
import { timingsMatch } from '../../src/pages/timings.ts';
import { decodedRecording, recordedCommand, type Recording } from './pty/recordings.ts';
import { replays, screenLines as lines, terminalSession as session } from './pty/screens.ts';

const recording = (name: string): Recording => decodedRecording(`${name}.json`);
const command = recordedCommand;

const APP = {
  'hello.txt': 'hello\n',
  Dockerfile: 'FROM busybox\nCOPY hello.txt /hello.txt\n',
  'compose.yaml': 'services:\n  web:\n    build: .\n    command: sleep 600\n',
};

describe("compose's build display on a terminal (recorded: compose-build*)", () => {
  it('build, build again (cached), up -d --build (the build, then the Running display), down', () => {
    const d = session('/tmp/ttycb/app', APP);
    const first = replays(d, 'compose-build');
    expect(first).toContain(' => [web] exporting to image' + first.find((l) => l.startsWith(' => [web] exporting'))!.slice(' => [web] exporting to image'.length));
    replays(d, 'compose-build-cached');
    // -q: compose's printer is quiet (pkg/compose/build.go: options.Quiet sets progress.ModeQuiet)
    expect(recording('compose-build-q').output).toBe('');
    replays(d, 'compose-build-q');
    const up = replays(d, 'compose-build-up-d');
    expect(up.findIndex((l) => l.startsWith('[+] Running'))).toBeGreaterThan(up.findIndex((l) => l.startsWith('[+] Building')));
    replays(d, 'compose-build-down');
  });

  it('a RUN and an image: name, built by up -d because the image is missing', () => {
    const d = session('/tmp/ttycb/run', {
      'hello.txt': 'hello\n',
      Dockerfile: 'FROM busybox\nRUN echo built > /b\nCOPY hello.txt /hello.txt\n',
      'compose.yaml': 'services:\n  api:\n    image: myapi:1\n    build:\n      context: .\n      network: none\n    command: sleep 600\n',
    });
    // recorded after the app's builds: busybox was in the build cache (its FROM CACHED)
    d.run('docker build -q - <<< "FROM busybox" > /dev/null');
    // (the oracle's up first tried to pull myapi:1 through its sandbox's proxy: a warning where a
    // normal install says `pull access denied`; compared from the build's display on)
    const rec = lines(recording('compose-build-run-up-d').output);
    const at = rec.findIndex((l) => l.startsWith('[+] Building'));
    expect(at).toBe(2);
    const got = lines(d.run(command(recording('compose-build-run-up-d')), () => undefined).output);
    const from = got.findIndex((l) => l.startsWith('[+] Building'));
    expect(timingsMatch(rec.slice(at), got.slice(from))).toBe(true);
  });

  it('two stages, and a target: the service, then the stage (`[app build 2/2]`)', () => {
    const d = session('/tmp/ttycb/ms', {
      Dockerfile: 'FROM busybox AS build\nRUN echo hi > /out\nFROM busybox AS final\nCOPY --from=build /out /out\n',
      'compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      network: none\n    command: sleep 600\n',
    });
    // recorded after the other builds: busybox was in the build cache (its FROM CACHED)
    d.run('docker build -q - <<< "FROM busybox" > /dev/null');
    replays(d, 'compose-build-ms');
    d.run(`cat > compose.yaml <<'EOF'\nservices:\n  app:\n    build:\n      context: .\n      network: none\n      target: build\n    command: sleep 600\nEOF`);
    replays(d, 'compose-build-ms-target');
  });

  it('two services of one context whose RUN reads nothing of it: one RUN line, FINISHED, as two contexts show it (compose-pb2-samerun-*: build-display-pagebuilds2.test.ts)', () => {
    const d = session('/tmp/two', {
      Dockerfile: 'FROM busybox\nRUN echo x\n',
      'compose.yaml': 'services:\n  a:\n    build: .\n  b:\n    build: .\n',
    });
    const two = screenText(d.run('docker compose build', () => undefined).output).split('\n');
    expect(two.filter((l) => l.includes('RUN echo x'))).toHaveLength(1);
    expect(two[0]).toMatch(/\((\d+)\/\1\) FINISHED /);
  });
});
