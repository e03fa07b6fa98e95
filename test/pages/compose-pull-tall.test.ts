// compose's pull display on a terminal when it holds more lines than the terminal (24): from the
// frame that has more events than 22, compose draws no layer lines (tty.go skipChildEvents) and
// pads each frame with blank lines up to what the frame before drew. Recorded on the 26.1 oracle
// from a registry of its own (test/pages/pty/record-compose-pull-tall.sh, fake-registry.py: images
// with as many layers as the catalog's postgres:16 (14), nginx:alpine (8), wordpress:latest (24)
// and python:3.12-slim (4)); the screen's last frame is the same for those catalog images but for
// what varies from run to run: timings, the order of the services, the count of blank lines.

import { describe, expect, it } from 'vitest';
import { recording as stored } from './pty/recordings.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { screenText } from '../../src/pages/screen.ts';
import { checkPage } from '../../src/pages/session.ts';
import { timingsMatch } from '../../src/pages/timings.ts';
import { keepExpectedInterleaving } from '../../src/scenario/interleave.ts';

/** A recording's screen as a page shows it (the terminal's bytes stored as latin-1 chars). */
function screen(name: string): { lines: string[]; exit: number } {
  const r = stored(name);
  const ls = screenText(Buffer.from(r.output, 'latin1').toString('utf8')).split('\n');
  if (ls.at(-1) === '') ls.pop();
  return { lines: ls, exit: r.exit };
}
/** strata's screen for `command` in a session whose compose.yaml is `file`. */
function strata(file: string, command: string): { lines: string[]; exit: number } {
  const d = new SimulatedDocker({ engine: 'docker-26.1', terminal: true });
  expect(d.run(`mkdir -p /tmp/ttyp/x && cd /tmp/ttyp/x && cat > compose.yaml <<'YAML'\n${file}YAML`).exitCode).toBe(0);
  const r = d.run(command, () => undefined);
  const ls = screenText(r.output).split('\n');
  if (ls.at(-1) === '') ls.pop();
  return { lines: ls, exit: r.exitCode };
}
/** Whether strata's lines match the recorded ones as a page check takes them. */
const matches = (want: string[], got: string[]): boolean => timingsMatch(want, keepExpectedInterleaving(want, got));
const blank = (ls: string[]): number => ls.filter((l) => /^ *$/.test(l)).length;

const TWO = 'services:\n  db:\n    image: postgres:16\n    command: sleep 600\n  web:\n    image: nginx:alpine\n    command: sleep 600\n';

describe('a pull display taller than the terminal: the services alone, then blank lines', () => {
  it('two services, 22 layers: no blank line in one run, the other service first', () => {
    const want = screen('compose-pull-tall-two.json');
    expect(blank(want.lines)).toBe(0);
    const got = strata(TWO, 'docker compose pull');
    expect(got.lines.filter((l) => /^ . [0-9a-f]{12} /.test(l))).toEqual([]);
    expect(matches(want.lines, got.lines), `${want.lines.join('\n')}\n--- strata:\n${got.lines.join('\n')}`).toBe(true);
    expect(got.exit).toBe(want.exit);
  });

  it("up's own pull display (titled Running), 14 blank lines in this run", () => {
    const want = screen('compose-pull-tall-up.json');
    const got = strata(TWO, 'docker compose up -d');
    // the pull display, up to the next display's header (the recording's image has no sleep)
    const pull = (ls: string[]): string[] => ls.slice(0, ls.findIndex((l, i) => i > 0 && l.startsWith('[+] ')));
    expect(blank(pull(want.lines))).toBe(14);
    expect(matches(pull(want.lines), pull(got.lines)), `${want.lines.join('\n')}\n--- strata:\n${got.lines.join('\n')}`).toBe(true);
  });

  it('one service of 24 layers; a tall one and a short one (4 blank lines)', () => {
    const big = screen('compose-pull-tall-big.json');
    const got = strata('services:\n  app:\n    image: wordpress:latest\n', 'docker compose pull');
    expect(matches(big.lines, got.lines), `${big.lines.join('\n')}\n--- strata:\n${got.lines.join('\n')}`).toBe(true);
    const mixed = screen('compose-pull-tall-mixed.json');
    expect(blank(mixed.lines)).toBe(4);
    const both = strata('services:\n  app:\n    image: wordpress:latest\n  tiny:\n    image: python:3.12-slim\n', 'docker compose pull');
    expect(matches(mixed.lines, both.lines), `${mixed.lines.join('\n')}\n--- strata:\n${both.lines.join('\n')}`).toBe(true);
  });

  it('more blank lines than the terminal leaves room for do not match', () => {
    const want = screen('compose-pull-tall-two.json');
    const got = strata(TWO, 'docker compose pull');
    const tooMany = [...want.lines, ...Array<string>(21).fill('')];
    expect(matches(tooMany, got.lines)).toBe(false);
  });
});

describe('a page with a tall pull', () => {
  it("passes with the recorded screen and --update keeps the page's blank lines", () => {
    const want = screen('compose-pull-tall-up.json');
    // (`docker compose pull` titles its display Pulling: RunWithTitle in pull.go, compose-pull-tall-big.json)
    const pull = want.lines.slice(0, want.lines.findIndex((l, i) => i > 0 && l.startsWith('[+] '))).map((l) => l.replace(/^\[\+\] Running/, '[+] Pulling'));
    expect(blank(pull)).toBe(14);
    const text = `<!-- strata engine=docker-26.1 -->\n\n\`\`\`console\n$ mkdir -p app && cd app\n$ cat > compose.yaml <<'YAML'\n${TWO}YAML\n$ docker compose pull\n${pull.join('\n')}\n$ docker images -q nginx:alpine | wc -l\n1\n\`\`\`\n`;
    const r = checkPage(text, 'pull.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true }));
    expect(r.diff).toBe('');
    expect(r.updated).toBe(text);
  });
});
