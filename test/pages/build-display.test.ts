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
import { checkPage } from '../../src/pages/session.ts';

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

const MS = {
  basic: 'FROM busybox AS build\nRUN echo hi > /out\nFROM busybox\nCOPY --from=build /out /out\nRUN cat /out\n',
  par: 'FROM busybox AS a\nRUN echo a > /a\nFROM busybox AS b\nCOPY hello.txt /b\nFROM busybox\nCOPY --from=a /a /a\nCOPY --from=b /b /b\nRUN cat /a /b\n',
  chain: 'FROM busybox AS base\nRUN echo base > /base\nFROM base AS test\nRUN cat /base\nFROM base\nRUN echo final\n',
  num: 'FROM busybox\nRUN echo one > /one\nFROM busybox\nCOPY --from=0 /one /one\n',
  bases: 'FROM busybox AS build\nRUN echo hi > /out\nFROM mybase:1\nCOPY --from=build /out /out\nRUN cat /out\n',
};
/** A 26.1 engine at a terminal whose build cache is empty (as after the recorder's prune), holding the multi-stage contexts. */
function msTerminal() {
  const run = terminal();
  run(`docker tag busybox mybase:1 && mkdir /basic /par /chain /num /bases && ${file('/par/hello.txt', 'hello\n')} && ${Object.entries(MS).map(([d, t]) => file(`/${d}/Dockerfile`, t)).join(' && ')}`);
  return run;
}

describe("BuildKit's display of a multi-stage build on a terminal (recorded on 26.1: buildkit-ms-*)", () => {
  it('one stage copied from another: the common FROM once, each step after its stage name; cached', () => {
    const run = msTerminal();
    const first = expectRecorded(run, 'basic', 'ms-basic');
    expect(first.filter((l) => l.includes(' FROM '))).toHaveLength(1);
    expectRecorded(run, 'basic', 'ms-basic-cached');
    // the first stage's layer is a record of the build cache too (recorded with -q:
    // test/recorded/docker-26.1/builds/multistage-cache-records)
    expect(run('docker system df --format "{{.Type}} {{.TotalCount}} {{.Size}}" | tail -1').screen).toEqual(['Build Cache 6 98B']);
  });

  it('two stages side by side, the last copying from both; three fresh runs, cached, --target', () => {
    for (const name of ['ms-par', 'ms-par-2', 'ms-par-a']) expectRecorded(msTerminal(), 'par', name);
    const run = msTerminal();
    expectRecorded(run, 'par', 'ms-par-3');
    expectRecorded(run, 'par', 'ms-par-cached');
    // one stage of several: still prefixed with its name
    expectRecorded(run, 'par', 'ms-par-target-a');
    expectRecorded(msTerminal(), 'par', 'ms-par-target-b');
  });

  it('a stage FROM another stage (no FROM line of its own, no FROM in its count), a stage the target does not need; COPY --from=0', () => {
    const run = msTerminal();
    const chain = expectRecorded(run, 'chain', 'ms-chain');
    expect(chain.join('\n')).not.toContain('[test ');
    expectRecorded(run, 'chain', 'ms-chain-target-test');
    expectRecorded(msTerminal(), 'num', 'ms-num');
  });

  it('stages from two images (busybox tagged mybase:1): a load metadata line and a FROM each, in either order; cached', () => {
    for (const name of ['ms-bases-1', 'ms-bases-2']) expectRecorded(msTerminal(), 'bases', name);
    const run = msTerminal();
    expectRecorded(run, 'bases', 'ms-bases-3');
    const cached = expectRecorded(run, 'bases', 'ms-bases-cached');
    expect(cached.filter((l) => l.includes('load metadata for'))).toHaveLength(2);
  });
});

describe("a multi-stage build's order on a page (src/pages/build-order.ts)", () => {
  const recorded = lines(screenText(recording('ms-par').output));
  const at = (prefix: string): number => recorded.findIndex((l) => l.startsWith(` => ${prefix}`));
  const swap = (x: number, y: number): string[] => recorded.map((l, i) => (i === x ? recorded[y] : i === y ? recorded[x] : l));
  const page = (output: string[]): string =>
    ['<!-- strata engine=docker-26.1 -->', '', '<!-- strata hidden', "$ mkdir par && cd par && printf 'hello\\n' > hello.txt", `$ printf '${MS.par.replace(/\n/g, '\\n')}' > Dockerfile`, '-->', '', '```console', '$ docker build -t par .', ...output, '```', ''].join('\n');
  const check = (text: string) => checkPage(text, 'PAGE.md', new SimulatedDocker({ terminal: true }));

  it('the recorded display passes as it is', () => {
    const text = page(recorded);
    const r = check(text);
    expect(r.mismatches).toEqual([]);
    expect(r.updated).toBe(text);
  });

  it("two stages' steps the other way round (nothing makes one wait for the other): passes, --update keeps the page's order", () => {
    const text = page(swap(at('[a 2/2]'), at('[b 2/2]')));
    const r = check(text);
    expect(r.mismatches).toEqual([]);
    expect(r.updated).toBe(text);
  });

  it('the common FROM named after another stage it starts: passes; after a stage that has no FROM of its count, or none shown: a mismatch', () => {
    const from = at('[b 1/2] FROM');
    const named = (to: string): string[] => recorded.map((l, i) => (i === from ? l.replace('[b 1/2]', to) : l));
    for (const to of ['[a 1/2]', '[stage-2 1/4]']) {
      const text = page(named(to));
      expect(check(text).mismatches).toEqual([]);
      expect(check(text).updated).toBe(text);
    }
    for (const to of ['[c 1/2]', '[stage-2 1/2]']) expect(check(page(named(to))).passed).toBe(false);
    // (the FROM's other words are compared: CACHED is not a stage's name)
    expect(check(page(recorded.map((l, i) => (i === from ? l.replace(' => [b 1/2]', ' => CACHED [a 1/2]') : l)))).passed).toBe(false);
  });

  it('a step before what it reads, or before the step before it, is a mismatch; --update writes an order the build shows', () => {
    for (const [x, y] of [
      ['[a 2/2]', '[stage-2 2/4]'],
      ['[b 2/2]', '[stage-2 3/4]'],
      ['[stage-2 3/4]', '[stage-2 4/4]'],
      ['[b 1/2] FROM', '[a 2/2]'],
    ]) {
      const r = check(page(swap(at(x), at(y))));
      expect(r.passed).toBe(false);
      expect(check(r.updated).passed).toBe(true);
    }
  });

  it("two images' load metadata lines and FROMs the other way round: passes, --update keeps them", () => {
    const two = lines(screenText(recording('ms-bases-2').output));
    const i = two.findIndex((l) => l.includes('load metadata for'));
    const f = two.findIndex((l) => l.includes('] FROM '));
    const swapped = two.map((l, k) => (k === i ? two[i + 1] : k === i + 1 ? two[i] : k === f ? two[f + 1] : k === f + 1 ? two[f] : l));
    const text = ['<!-- strata engine=docker-26.1 -->', '', '<!-- strata hidden', '$ docker tag busybox mybase:1', '-->', '', '```console', `$ mkdir bases && cd bases && printf '${MS.bases.replace(/\n/g, '\\n')}' > Dockerfile`, '$ docker build -t bases .', ...swapped, '```', ''].join('\n');
    const r = check(text);
    expect(r.mismatches).toEqual([]);
    expect(r.updated).toBe(text);
  });

  it('a stage FROM another stage keeps its place after every other stage (the display does not say which it starts from)', () => {
    const chain = lines(screenText(recording('ms-chain').output));
    const i = chain.findIndex((l) => l.startsWith(' => [base 2/2]'));
    const swapped = chain.map((l, k) => (k === i ? chain[i + 1] : k === i + 1 ? chain[i] : l));
    const text = ['<!-- strata engine=docker-26.1 -->', '', '```console', `$ mkdir chain && cd chain && printf '${MS.chain.replace(/\n/g, '\\n')}' > Dockerfile`, '$ docker build -t chain .', ...swapped, '```', ''].join('\n');
    expect(check(text).passed).toBe(false);
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
