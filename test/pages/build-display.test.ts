// BuildKit's progress display on a terminal (`docker build` on the 26.1 profile in a page):
// what the screen shows once the build ended, against the builds recorded on a pseudo-terminal
// (test/pages/pty/buildkit-*.json, contexts and order in test/pages/pty/README.md), timings and
// the fresh image's ID matched loosely (src/pages/timings.ts), everything else exactly.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { screenText } from '../../src/pages/screen.ts';
import { timingsMatch } from '../../src/pages/timings.ts';
import { vertexName } from '../../src/image/build/progress.ts';

const DIR = join(import.meta.dirname, 'pty');
interface Recording {
  argv: string[];
  output: string;
  exit: number;
}
const recording = (name: string): Recording => JSON.parse(readFileSync(join(DIR, `buildkit-${name}.json`), 'utf8')) as Recording;
const lines = (screen: string): string[] => screen.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');

/** A 26.1 engine at a terminal, as a page has it: each command's screen and exit status. */
function terminal() {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
  return (line: string) => {
    const r = d.run(line, () => undefined);
    return { screen: lines(screenText(r.output)), exit: r.exitCode };
  };
}

/** The recording's command (its argv after `docker`), run in `dir`, matches what it recorded. */
function expectRecorded(run: ReturnType<typeof terminal>, dir: string, name: string): string[] {
  const rec = recording(name);
  const got = run(`cd /${dir} && ${rec.argv.join(' ')}`);
  const want = lines(screenText(rec.output));
  if (!timingsMatch(want, got.screen)) expect(got.screen).toEqual(want);
  expect(got.exit).toBe(rec.exit);
  return got.screen;
}

const file = (path: string, text: string): string => `printf '${text.replace(/\n/g, '\\n')}' > ${path}`;

describe("BuildKit's display of a build on a terminal (recorded on 26.1)", () => {
  it('a fresh build, the same build cached, and again after the cache was pruned', () => {
    const run = terminal();
    run(`mkdir /app && ${file('/app/hello.txt', 'hello\n')} && ${file('/app/Dockerfile', 'FROM busybox\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt && echo built\n')}`);
    const first = expectRecorded(run, 'app', 'build-t-app');
    // the RUN's output is gone from the last frame
    expect(first.join('\n')).not.toMatch(/\bbuilt$|^hello$/m);
    expectRecorded(run, 'app', 'build-t-app-cached');
    // recorded after `docker rmi app` and `docker builder prune -af` (which strata does not
    // simulate): an engine without build cache, as a new one
    const again = terminal();
    again(`mkdir /app && ${file('/app/hello.txt', 'hello\n')} && ${file('/app/Dockerfile', 'FROM busybox\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt && echo built\n')}`);
    expectRecorded(again, 'app', 'build-t-app-again');
  });

  it('a failing RUN: its output after the display, then the excerpt and the error', () => {
    const run = terminal();
    run(`mkdir /app /fail && ${file('/app/hello.txt', 'hello\n')} && ${file('/app/Dockerfile', 'FROM busybox\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt && echo built\n')} && ${file('/fail/Dockerfile', 'FROM busybox\nRUN echo one && echo two && exit 3\n')}`);
    run('cd /app && docker build -q -t app .');
    expectRecorded(run, 'fail', 'build-fail');
    expectRecorded(run, 'fail', 'build-fail-again');
  });

  it('ARG, WORKDIR, COPY . with a .dockerignore, no -t; cached; a file added; a build taller than the terminal', () => {
    const run = terminal();
    run(`mkdir -p /argx/src /tall && ${file('/argx/src/a.txt', 'a\n')} && ${file('/argx/secret.txt', 'secret\n')} && ${file('/argx/debug.log', 'x\n')} && ${file('/argx/.dockerignore', 'secret.txt\n*.log\n')}`);
    run(`${file('/argx/Dockerfile', 'FROM busybox\nARG VERSION=1\nWORKDIR /app\nCOPY . .\nRUN ls && echo "version $VERSION"\n')}`);
    expectRecorded(run, 'argx', 'build-argx');
    expectRecorded(run, 'argx', 'build-argx-cached');
    run(file('/argx/src/b.txt', 'b\n'));
    expectRecorded(run, 'argx', 'build-argx-changed');
    const steps = Array.from({ length: 24 }, (_, i) => `RUN echo step ${i + 1} > /s${i + 1}`).join('\n');
    run(`${file('/tall/Dockerfile', `FROM busybox\n${steps}\nRUN seq 1 40\n`)}`);
    const tall = expectRecorded(run, 'tall', 'build-tall');
    expect(tall.length).toBeGreaterThan(24);
  });

  it('a RUN before the COPY, a FROM alone with two tags, an ENV that changes the RUN after it', () => {
    const run = terminal();
    run(`mkdir /mixed /fromonly && ${file('/mixed/hello.txt', 'hello\n')} && ${file('/mixed/Dockerfile', 'FROM busybox\nRUN echo a\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt\n')} && ${file('/fromonly/Dockerfile', 'FROM busybox\nCMD ["sh"]\n')}`);
    expectRecorded(run, 'mixed', 'build-mixed');
    expectRecorded(run, 'fromonly', 'build-fromonly');
    run(file('/mixed/Dockerfile', 'FROM busybox\nENV X=2\nRUN echo a\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt\n'));
    // (the context's lines come after the RUN here: where they start beside it varies)
    expectRecorded(run, 'mixed', 'build-mixed-env');
  });

  it('a RUN failing before other steps, and a Dockerfile that does not parse', () => {
    const run = terminal();
    run(`mkdir /failmid /badparse && ${file('/failmid/Dockerfile', 'FROM busybox\nRUN echo a && exit 1\nRUN echo b\nCOPY Dockerfile /d\n')} && ${file('/badparse/Dockerfile', 'FROM busybox\nBOGUS x\n')}`);
    run(`${file('/x', 'FROM busybox\nRUN true\n')} && docker build -q - < /x >/dev/null`);
    expectRecorded(run, 'failmid', 'build-fail-mid');
    expectRecorded(run, 'badparse', 'build-bad-instruction');
  });
});

describe('what strata does not show of a build on a terminal', () => {
  it('is refused by name, the build not kept: several stages', () => {
    const run = terminal();
    run(`mkdir /ms && ${file('/ms/Dockerfile', 'FROM busybox AS a\nRUN echo a > /a\nFROM busybox\nCOPY --from=a /a /a\n')}`);
    const r = run('cd /ms && docker build -t ms .');
    expect(r.exit).toBe(125);
    expect(r.screen).toEqual(["strata does not simulate BuildKit's progress display on a terminal for a build of several stages (their steps run side by side): use docker build -q, or the page option tty=no"]);
    expect(run('docker images -q ms').screen).toEqual([]);
    // -q shows no display: built
    expect(run('cd /ms && docker build -q -t ms . >/dev/null && docker images --format {{.Repository}} ms').screen).toEqual(['ms']);
  });
});

describe('the legacy builder on a terminal (20.10)', () => {
  it('prints what it prints without one (recorded: legacy-build-t-app.json), IDs aside', () => {
    const rec = JSON.parse(readFileSync(join(DIR, 'legacy-build-t-app.json'), 'utf8')) as Recording;
    const d = new SimulatedDocker({ engine: 'docker-20.10', terminal: true });
    d.run(`mkdir /app && ${file('/app/hello.txt', 'hello\n')} && ${file('/app/Dockerfile', 'FROM busybox\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt && echo built\n')}`, () => undefined);
    const got = d.run('cd /app && docker build -t ttyb-legacy .', () => undefined);
    // (the intermediate images' and the step container's IDs are the engine's own)
    const ids = (s: string): string => s.replace(/\b[0-9a-f]{12}\b/g, '<id>');
    expect(ids(screenText(got.output))).toBe(ids(screenText(rec.output)));
    expect(screenText(rec.output)).toContain('Sending build context to Docker daemon  3.072kB\n');
  });
});

describe('a build after a failed one', () => {
  it('finds the steps the failed build finished CACHED, which BuildKit kept (recorded: build-fixed-fail, build-fixed)', () => {
    const run = terminal();
    run(`mkdir /fixed && ${file('/fixed/Dockerfile', 'FROM busybox\nRUN echo x > /x\nRUN exit 1\n')}`);
    expectRecorded(run, 'fixed', 'build-fixed-fail');
    // recorded with -q after the same failed build: the dockerfile source (40B), the base, the
    // RUN's layer (2B), the .dockerignore source
    expect(run('docker system df --format "{{.Type}} {{.TotalCount}} {{.Size}}" | tail -1').screen).toEqual(['Build Cache 4 42B']);
    run(file('/fixed/Dockerfile', 'FROM busybox\nRUN echo x > /x\nRUN true\n'));
    expectRecorded(run, 'fixed', 'build-fixed');
  });
});

describe('a Dockerfile from stdin, and -f', () => {
  it('a here-document as the Dockerfile, built twice; -f names the file (recorded: build-stdin*, build-f)', () => {
    const run = terminal();
    const heredoc = `docker build -t uploads-demo - <<'EOF'\nFROM busybox\nWORKDIR /app\nVOLUME ["/uploads", "/cache"]\nEOF`;
    for (const name of ['build-stdin', 'build-stdin-cached']) {
      const got = run(`mkdir -p /stdin && cd /stdin && ${heredoc}`);
      const want = lines(screenText(recording(name).output));
      if (!timingsMatch(want, got.screen)) expect(got.screen).toEqual(want);
    }
    run(`mkdir /fflag && ${file('/fflag/app.Dockerfile', 'FROM busybox\nRUN echo f\n')} && ${file('/fflag/hi.txt', 'hi\n')}`);
    expectRecorded(run, 'fflag', 'build-f');
  });
});

describe('--no-cache', () => {
  it('runs every step again, the FROM CACHED once the base is in the cache (recorded: build-nc-first, build-no-cache*)', () => {
    const run = terminal();
    run(`mkdir /app && ${file('/app/hello.txt', 'hello\n')} && ${file('/app/Dockerfile', 'FROM busybox\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt && echo built\n')}`);
    expectRecorded(run, 'app', 'build-nc-first');
    expectRecorded(run, 'app', 'build-no-cache');
    expectRecorded(run, 'app', 'build-no-cache-again');
  });
});

describe("a step's name (dockerfile2llb processCmdEnv: buildkit frontend/dockerfile/shell/lex.go)", () => {
  it('a RUN keeps its quotes and unset variables; a backslash escapes outside quotes, in double quotes before " $ \\ only, never in single quotes', () => {
    const env = { X: '2' };
    expect(vertexName(`RUN printf 'a\\nb' > /f`, env, true, 2, 3)).toBe(`[2/3] RUN printf 'a\\nb' > /f`);
    expect(vertexName('RUN echo a\\ b "c\\"d" "e\\nf"', env, true, 2, 3)).toBe('[2/3] RUN echo a b "c"d" "e\\nf"');
    expect(vertexName(`RUN echo "$X" '$X' $Y \${X}`, env, true, 2, 3)).toBe(`[2/3] RUN echo "2" '$X' $Y 2`);
    // a quote left open: the word does not lex, the name is the instruction as written
    expect(vertexName("RUN echo it's", env, true, 2, 3)).toBe("[2/3] RUN echo it's");
    expect(vertexName('COPY "a b.txt" /x', env, false, 2, 3)).toBe('[2/3] COPY a b.txt /x');
    expect(vertexName('WORKDIR $HOME/$X', env, false, 10, 12)).toBe('[10/12] WORKDIR /2');
    expect(vertexName('RUN echo ${X:-y}', env, true, 2, 3)).toBeUndefined();
  });
});
