// The durations of a progress display are matched loosely when a page is checked
// (src/pages/timings.ts). Expectations come from BuildKit's display recorded twice for the same
// build on a pseudo-terminal (test/pages/pty/buildkit-*.json): the two screens differ in their
// timings and the image ID a fresh build gets (its config holds the time), nothing else.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderBuildDisplay } from '../../src/image/build/progress.ts';
import { screenText } from '../../src/pages/screen.ts';
import { hasTimedDisplay, keepPageTimings, timingsMatch } from '../../src/pages/timings.ts';
import { checkPage } from '../../src/pages/session.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const DIR = join(import.meta.dirname, 'pty');
/** The recording's final screen as a page shows it: its lines. */
function screen(name: string): string[] {
  const r = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as { output: string };
  const lines = screenText(r.output).split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
  return lines;
}

describe('timings of a progress display (two real runs of one build)', () => {
  const first = screen('buildkit-build-t-app.json');
  const again = screen('buildkit-build-t-app-again.json');
  const fail = screen('buildkit-build-fail.json');
  const failAgain = screen('buildkit-build-fail-again.json');

  it('the runs differ in their timings', () => {
    expect(hasTimedDisplay(first)).toBe(true);
    expect(first).not.toEqual(again);
    expect(first[0]).toMatch(/^\[\+\] Building \d+\.\ds \(8\/8\) FINISHED +docker:default$/);
    expect(fail).not.toEqual(failAgain);
  });

  it('match loosely: any duration matches any, the padding and trailing spaces around them, and the image ID', () => {
    expect(timingsMatch(first, again)).toBe(true);
    expect(timingsMatch(again, first)).toBe(true);
    // the error block: its log lines' times, the spaces an earlier frame left after "------"
    expect(timingsMatch(fail, failAgain)).toBe(true);
  });

  it('a changed word, a missing line or a changed log line is a mismatch', () => {
    const changed = first.map((l) => l.replace('COPY hello.txt', 'ADD hello.txt'));
    expect(timingsMatch(changed, again)).toBe(false);
    expect(timingsMatch(first.slice(1), again)).toBe(false);
    expect(timingsMatch(fail.map((l) => l.replace(/ one$/, ' uno')), failAgain)).toBe(false);
    // a number that is not a duration field stays exact
    expect(timingsMatch(first.map((l) => l.replace('109B', '110B')), again)).toBe(false);
  });

  it("keeps the page's own lines where they match loosely, strata's where they do not", () => {
    const kept = keepPageTimings(first, again);
    expect(kept).toEqual(first);
    // a line whose words differ is strata's; the lines around it keep the page's timings
    const page = first.map((l) => l.replace('COPY hello.txt', 'ADD hello.txt'));
    const mixed = keepPageTimings(page, again);
    const k = first.findIndex((l) => l.includes('COPY hello.txt'));
    expect(mixed[k]).toBe(again[k]);
    expect(mixed.filter((_, i) => i !== k)).toEqual(first.filter((_, i) => i !== k));
    // a line the page does not have is strata's, in its place
    const short = first.filter((_, i) => i !== k);
    expect(keepPageTimings(short, again)).toEqual([...first.slice(0, k), again[k], ...first.slice(k + 1)]);
    // keeping twice changes nothing more
    expect(keepPageTimings(mixed, again)).toEqual(mixed);
  });

  it('leaves any other output exact', () => {
    expect(hasTimedDisplay(['took 1.2s'])).toBe(false);
    expect(timingsMatch(['took 1.2s'], ['took 3.4s'])).toBe(false);
    expect(keepPageTimings(['took 1.2s'], ['took 3.4s'])).toEqual(['took 3.4s']);
  });
});

describe('a page with a build (26.1) at a terminal', () => {
  const recorded = screen('buildkit-build-t-app-again.json');
  const setup = ['$ mkdir app && cd app', "$ printf 'hello\\n' > hello.txt", "$ printf 'FROM busybox\\nCOPY hello.txt /hello.txt\\nRUN cat /hello.txt && echo built\\n' > Dockerfile"];
  const page = (output: string[]): string => ['<!-- strata engine=docker-26.1 -->', '', '```console', ...setup, '$ docker build -t app .', ...output, '```', ''].join('\n');
  const check = (text: string) => checkPage(text, 'PAGE.md', new SimulatedDocker({ terminal: true }));

  it('checks with the timings and image ID a real run printed; --update keeps them', () => {
    const text = page(recorded);
    const r = check(text);
    expect(r.mismatches).toEqual([]);
    expect(r.updated).toBe(text);
  });

  it('a changed word is a mismatch at its line; --update writes that line only, then passes', () => {
    const k = recorded.findIndex((l) => l.includes('COPY hello.txt'));
    const text = page(recorded.map((l, i) => (i === k ? l.replace('COPY', 'ADD') : l)));
    const r = check(text);
    // the block's first output line is page line 8 (after the comment, a blank line, the fence and four commands)
    expect(r.mismatches.map((m) => m.location)).toEqual([`PAGE.md:${8 + k}`]);
    const updated = r.updated.split('\n');
    expect(updated[7 + k]).toMatch(/^ => \[2\/3\] COPY hello\.txt \/hello\.txt +\d+\.\ds$/);
    expect(updated.filter((_, i) => i !== 7 + k)).toEqual(text.split('\n').filter((_, i) => i !== 7 + k));
    expect(check(r.updated).passed).toBe(true);
    expect(check(r.updated).updated).toBe(r.updated);
  });

  it('fills an empty block with the display; updating twice equals once', () => {
    const once = check(page([])).updated;
    expect(once).toContain('[+] Building ');
    expect(once).toContain(' => [3/3] RUN cat /hello.txt && echo built ');
    const again = check(once);
    expect(again.passed).toBe(true);
    expect(again.updated).toBe(once);
  });
});

// ------------------------------------------------------------------ laws over generated displays

const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? 40);
const stepName = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9 ./-]{0,70}$/), fc.stringMatching(/^[a-z][a-z0-9 ./-]{66,80}$/));
const display = fc.array(fc.record({ name: stepName, cached: fc.boolean(), status: fc.option(fc.integer({ min: 0, max: 99999 }), { nil: undefined }) }), { minLength: 1, maxLength: 12 });
const seconds = (n: number) => fc.array(fc.float({ min: 0, max: 150, noNaN: true }), { minLength: n, maxLength: n });
const render = (steps: { name: string; cached: boolean; status?: number }[], times: number[]): string[] =>
  renderBuildDisplay({
    vertices: steps.map((s, i) => ({ name: s.name, cached: s.cached, seconds: times[i], ...(s.status !== undefined ? { statuses: [{ id: 'transferring context:', value: `${s.status}B` }] } : {}) })),
    pending: 0,
  })
    .split('\n')
    .slice(0, -1);

describe('laws of the timing matcher on generated displays', () => {
  it('a long name is cut one character shorter beside 12.3s than beside 0.3s: they match', () => {
    const name = 'RUN apt-get update && apt-get install -y curl git vim less procps htop tree';
    const [fast, slow, slower] = [[0.3], [12.3], [123.4]].map((t) => render([{ name, cached: false }], t));
    expect(fast[1]).toMatch(/ hto  0\.3s$/);
    expect(slow[1]).toMatch(/ ht  12\.3s$/);
    expect(timingsMatch(fast, slow)).toBe(true);
    expect(timingsMatch(slower, fast)).toBe(true);
    expect(timingsMatch(fast, render([{ name: name.replace('curl', 'wget'), cached: false }], [12.3]))).toBe(false);
  });

  it('two runs that differ in their durations only match, either way; the page keeps its own', () => {
    fc.assert(
      fc.property(display.chain((d) => fc.tuple(fc.constant(d), seconds(d.length), seconds(d.length))), ([d, t1, t2]) => {
        const a = render(d, t1);
        const b = render(d, t2);
        expect(timingsMatch(a, b)).toBe(true);
        expect(keepPageTimings(a, b)).toEqual(a);
      }),
      { numRuns: RUNS },
    );
  });

  it('a step whose name differs is a mismatch, at that step only', () => {
    fc.assert(
      fc.property(display.chain((d) => fc.tuple(fc.constant(d), seconds(d.length), fc.nat(d.length - 1))), ([d, t, k]) => {
        // (a change near the end of a name cut at the line's room may fall in the last characters,
        // which a longer duration cuts: not compared)
        const other = d.map((s, i) => (i === k ? { ...s, name: `Z${s.name}` } : s));
        const a = render(d, t);
        const b = render(other, t);
        fc.pre(a.join('\n') !== b.join('\n'));
        expect(timingsMatch(a, b)).toBe(false);
        const kept = keepPageTimings(a, b);
        expect(kept.filter((l, i) => l !== a[i]).length).toBeGreaterThan(0);
        expect(keepPageTimings(kept, b)).toEqual(kept);
      }),
      { numRuns: RUNS },
    );
  });
});
