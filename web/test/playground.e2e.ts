// `npm run build:web && npm run test:e2e`: the playground in a real browser. Not part of `npm test`
// (CI without a browser must pass): it needs Debian's Chromium, `apt-get install chromium`
// (playwright-core, a dev dependency, drives it and downloads no browser; CHROMIUM=/path/to/chrome
// picks another one). It loads the built page from file:// (and once from a static server), types
// each walkthrough's commands into the terminal line by line (here-documents too) and checks:
//   - every command shows what `strata replay` prints for it (the CLI, run here),
//   - the diagram after every command is the one `strata diagram --after N` draws,
//   - a shared link restores the session, in a fresh page,
//   - lessons step (predict, reveal), history, export and an opened file work.
// It leaves screenshots in $STRATA_E2E_OUT (default: a folder in the temporary directory) for a
// person to look at; README.md shows one of them.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandSteps, parseScenario, replay, StepwiseSession } from '../../src/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'web', 'dist');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = process.env.STRATA_E2E_OUT ?? join(tmpdir(), 'strata-e2e');
const PAGE_URL = pathToFileURL(join(DIST, 'index.html')).href;
const WALKTHROUGHS = ['backup-restore-tar', 'mysql-data-gone', 'nginx-logs-volume', 'php-nginx-volumes-from', 'postgres-named-volume'];

let browser: Browser;
/** Errors the pages logged: none is allowed. */
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`test:e2e needs Chromium at ${CHROMIUM}: apt-get install chromium (Debian), or set CHROMIUM=/path/to/chromium`);
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('web/dist/ is missing: run npm run build:web first');
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
});

afterAll(async () => {
  await browser?.close();
});

async function open(url = PAGE_URL): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector('#diagram svg');
  return page;
}

const stepCount = (page: Page): Promise<number> => page.locator('#transcript .step').count();

/** Type a command as a learner does: line by line, Enter after each (bash's `>` lines between). */
async function type(page: Page, command: string): Promise<void> {
  const before = await stepCount(page);
  const lines = command.split('\n');
  await page.focus('#cmd');
  for (const [i, line] of lines.entries()) {
    await page.keyboard.insertText(line);
    await page.keyboard.press('Enter');
    // until the last line, the command is not run: the terminal asks for more
    if (i < lines.length - 1) expect(await stepCount(page)).toBe(before);
  }
  await page.waitForFunction((n) => document.querySelectorAll('#transcript .step').length === n, before + 1);
}

/** What the page shows for each command: its output lines and its exit status. */
function shown(page: Page): Promise<{ command: string; output: string[]; exitCode: number }[]> {
  return page.$$eval('#transcript .step', (steps) =>
    steps.map((s) => {
      const out = s.querySelector('.out');
      const exit = s.querySelector('.exit')?.textContent ?? '[exit 0]';
      return {
        command: [...s.querySelectorAll('.cmd')].map((c) => (c.textContent ?? '').slice(2)).join('\n'),
        output: out ? (out.textContent ?? '').split('\n') : [],
        exitCode: Number(/\[exit (\d+)\]/.exec(exit)?.[1]),
      };
    }),
  );
}

/** The text of the diagram the page shows, and of an SVG source parsed by the same browser. */
const diagramText = (page: Page): Promise<string> => page.$eval('#diagram svg', (svg) => svg.textContent ?? '');
const svgText = (page: Page, svg: string): Promise<string> =>
  page.evaluate((src) => new DOMParser().parseFromString(src, 'image/svg+xml').documentElement.textContent ?? '', svg);

/** `strata replay FILE`, by the CLI, as commands with their outputs. */
function strataReplay(file: string): { command: string; output: string[]; exitCode: number }[] {
  const text = execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'src/cli/main.ts'), 'replay', file], { cwd: ROOT, encoding: 'utf8' });
  return commandSteps(parseScenario(text, file)).map((s) => ({ command: s.command, output: s.output, exitCode: s.exitCode }));
}

describe('the playground in Chromium', () => {
  for (const name of WALKTHROUGHS) {
    it(`shows what strata replay prints and what strata diagram draws, for ${name}`, async () => {
      const file = `scenarios/walkthroughs/${name}.scenario`;
      const s = parseScenario(readFileSync(join(ROOT, file), 'utf8'), file);
      const expected = strataReplay(file);
      const library = new StepwiseSession({ engine: s.engine, images: s.images.map((i) => i.ref) });
      const page = await open();
      await page.selectOption('#ids', 'placeholders');
      await page.selectOption('#engine', s.engine ?? 'docker-26.1');
      const diagrams = [await diagramText(page)];
      for (const st of commandSteps(s)) {
        await type(page, st.command);
        library.run(st.command);
        // the diagram is redrawn after every command, as strata diagram --after N draws it
        const now = await diagramText(page);
        expect(now).toBe(await svgText(page, library.diagramSvg()));
        diagrams.push(now);
      }
      expect(await shown(page)).toEqual(expected);
      // the diagram changed along the way (containers and volumes came and went)
      expect(new Set(diagrams).size).toBeGreaterThan(2);
      expect(await page.locator('#step-label').textContent()).toBe(`after command ${expected.length} of ${expected.length}`);
      await page.screenshot({ path: join(OUT, `${name}.png`) });

      // a shared link restores the session in a fresh page
      await page.click('#share');
      const link = await page.inputValue('#share-url');
      expect(link).toMatch(/#session=/);
      const again = await open(link);
      await again.selectOption('#ids', 'placeholders');
      expect(await again.inputValue('#engine')).toBe(s.engine ?? 'docker-26.1');
      expect(await shown(again)).toEqual(expected);
      await again.close();
      await page.close();
    });
  }

  it('draws the storage of an earlier command when it is clicked, and explains it', async () => {
    const page = await open();
    await type(page, 'docker volume create shop');
    await type(page, "docker run --name db -v shop:/data busybox sh -c 'echo 1,coffee > /data/orders.csv'");
    await type(page, 'docker rm db');
    const last = await diagramText(page);
    await page.click('#transcript .step[data-step="2"]');
    expect(await page.locator('#step-label').textContent()).toBe('after command 2 of 3');
    const second = await diagramText(page);
    expect(second).not.toBe(last);
    expect(second).toContain('db');
    expect(await page.locator('#explain h2').textContent()).toContain('command 2');
    expect(await page.locator('#explain li').count()).toBeGreaterThan(0);
    await page.click('#next');
    expect(await diagramText(page)).toBe(last);
    await page.close();
  });

  it('recalls earlier commands with the arrow keys, whole here-documents included', async () => {
    const page = await open();
    await type(page, "cat <<'EOF'\nline one\nEOF");
    await type(page, 'echo two');
    expect(await page.locator('.step[data-step="1"] .out').textContent()).toBe('line one');
    await page.focus('#cmd');
    await page.keyboard.press('ArrowUp');
    expect(await page.inputValue('#cmd')).toBe('echo two');
    await page.keyboard.press('ArrowUp');
    expect(await page.inputValue('#cmd')).toBe("cat <<'EOF'\nline one\nEOF");
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#cmd')).toBe('echo two');
    await page.keyboard.press('Enter');
    expect(await stepCount(page)).toBe(3);
    await page.close();
  });

  it('runs the same commands on the other engine when the profile changes', async () => {
    const page = await open();
    await page.selectOption('#ids', 'placeholders');
    await type(page, 'docker volume create keep');
    await type(page, 'docker volume prune -f');
    const on26 = await shown(page);
    await page.selectOption('#engine', 'docker-20.10');
    const on20 = await shown(page);
    const text = 'docker volume create keep\ndocker volume prune -f\n';
    const expected = (engine: 'docker-20.10' | 'docker-26.1') =>
      replay(`# engine: ${engine}\n\n${text.split('\n').filter(Boolean).map((c) => `$ ${c}`).join('\n')}\n`).results.map((r) => r.output);
    expect(on26.map((s) => s.output)).toEqual(expected('docker-26.1'));
    expect(on20.map((s) => s.output)).toEqual(expected('docker-20.10'));
    expect(on20[1].output).not.toEqual(on26[1].output);
    await page.close();
  });

  it('steps through a lesson: predict, reveal, then the rest', async () => {
    const file = 'scenarios/lessons/anonymous-volume-orphaned.scenario';
    const s = parseScenario(readFileSync(join(ROOT, file), 'utf8'), file);
    const commands = commandSteps(s);
    const page = await open();
    await page.selectOption('#lesson', 'lessons/anonymous-volume-orphaned.scenario');
    expect(await page.locator('#lesson-panel h2').textContent()).toBe(s.title);
    expect(await page.inputValue('#engine')).toBe(s.engine);
    expect(await stepCount(page)).toBe(0);
    await page.fill('#prediction', commands[0].output.join('\n'));
    await page.click('#reveal');
    expect(await stepCount(page)).toBe(1);
    expect(await page.locator('#lesson-panel .verdict').textContent()).toBe('Your prediction is what Docker prints.');
    await page.fill('#prediction', 'nothing at all');
    await page.click('#reveal');
    expect(await page.locator('#lesson-panel .verdict').textContent()).toMatch(/something else/);
    await page.click('#run-rest');
    await page.selectOption('#ids', 'placeholders');
    expect((await shown(page)).map((x) => [x.output, x.exitCode])).toEqual(commands.map((c) => [c.output, c.exitCode]));
    expect(await page.locator('#lesson-panel').textContent()).toContain('The end of the lesson');
    await page.screenshot({ path: join(OUT, 'lesson.png') });
    await page.close();
  });

  it("asks a lesson's questions and grades them by what their checks find on the engine", async () => {
    const page = await open();
    await page.selectOption('#lesson', 'lessons/volume-prune-differs.scenario');
    // five commands before the prune, each revealed without a question
    for (let k = 1; k <= 5; k++) {
      expect(await page.locator('#lesson-panel fieldset.q').count()).toBe(0);
      await page.click('#reveal');
    }
    const questions = page.locator('#lesson-panel fieldset.q');
    expect(await questions.count()).toBe(2);
    expect(await questions.nth(0).locator('legend').textContent()).toBe('Did "docker volume prune -f" delete the named volume keep?');
    await questions.nth(0).locator('input[value="no"]').check();
    await questions.nth(1).locator('input[value="no"]').check();
    await page.click('#reveal');
    // on 26.1 keep survives (right), the anonymous volume does not (wrong)
    expect(await page.locator('#lesson-panel .styled.right').allTextContents()).toEqual(['Right: no']);
    expect(await page.locator('#lesson-panel .styled.wrong').allTextContents()).toEqual(['Wrong: the answer is yes, not no']);
    expect(await page.locator('#lesson-panel .styled.plain').first().textContent()).toMatch(/^\(strata checked: /);
    await page.screenshot({ path: join(OUT, 'quiz.png') });
    await page.click('#run-rest');
    expect(await page.locator('#score').textContent()).toBe('Score: 1 of 2 right (answers checked on docker-26.1).');
    await page.close();
  });

  it('shares an open lesson: the link opens it where it was, with its commands run', async () => {
    const page = await open();
    await page.selectOption('#lesson', 'lessons/volume-prune-differs.scenario');
    await page.selectOption('#engine', 'docker-20.10');
    await page.click('#reveal');
    await page.click('#reveal');
    await page.click('#share');
    const link = await page.inputValue('#share-url');
    const again = await open(link);
    expect(await again.locator('#lesson-panel h2').textContent()).toBe(await page.locator('#lesson-panel h2').textContent());
    expect(await again.locator('#lesson-panel').textContent()).toContain('Command 3 of 7:');
    expect(await again.inputValue('#engine')).toBe('docker-20.10');
    expect(await shown(again)).toEqual(await shown(page));
    // the lesson goes on from there, graded on the link's engine
    for (let k = 3; k <= 5; k++) await again.click('#reveal');
    const questions = again.locator('#lesson-panel fieldset.q');
    await questions.nth(0).locator('input[value="yes"]').check();
    await questions.nth(1).locator('input[value="yes"]').check();
    await again.click('#reveal');
    expect(await again.locator('#lesson-panel .styled.right').allTextContents()).toEqual(['Right: yes', 'Right: yes']);
    await again.close();
    await page.close();
  });

  it('exports the session as a .scenario that replays to itself, and opens a scenario file', async () => {
    const page = await open();
    await type(page, 'docker volume create notes');
    await type(page, "docker run --rm -v notes:/n busybox sh -c 'echo hi > /n/a; cat /n/a'");
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
    const path = await download.path();
    const exported = readFileSync(path, 'utf8');
    expect(exported).toContain('$ docker volume create notes\nnotes\n');
    expect(replay(exported).transcript).toBe(exported);
    // the exported file, opened again, is a lesson of its two commands
    await page.setInputFiles('#file', path);
    await page.waitForSelector('#lesson-panel h2');
    expect(await stepCount(page)).toBe(0);
    await page.click('#run-rest');
    expect(await page.locator('.step[data-step="2"] .out').textContent()).toBe('hi');
    // a file that is no scenario is refused with the parser's words
    await page.setInputFiles('#file', { name: 'bad.scenario', mimeType: 'text/plain', buffer: Buffer.from('hello\n$ echo\n') });
    await expect.poll(() => page.locator('#status').textContent()).toMatch(/^bad\.scenario:\d+: /);
    await page.close();
  });

  it('works from a static server too, and says what is wrong with a broken link', async () => {
    const server: Server = createServer((req, res) => {
      const name = (req.url ?? '/').split(/[?#]/)[0].replace(/^\/$/, '/index.html');
      const file = join(DIST, name);
      if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404).end();
        return;
      }
      const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as { port: number };
    try {
      const page = await open(`http://127.0.0.1:${port}/`);
      await type(page, 'docker run --name web -v logs:/var/log busybox true');
      expect(await diagramText(page)).toContain('logs');
      await page.goto(`http://127.0.0.1:${port}/#session=not-a-session`);
      await expect.poll(() => page.locator('#status').textContent()).toMatch(/cannot be read/);
      await page.close();
    } finally {
      server.close();
    }
  });

  it('logged no error in any page', () => {
    expect(pageErrors).toEqual([]);
  });
});

it('keeps a screenshot of the page to look at', async () => {
  const page = await open();
  await page.selectOption('#lesson', 'walkthroughs/mysql-data-gone.scenario');
  await page.click('#run-rest');
  await page.click('#transcript .step[data-step="7"]');
  const png = join(OUT, 'playground.png');
  await page.screenshot({ path: png });
  expect(statSync(png).size).toBeGreaterThan(50_000);
  process.stdout.write(`screenshot: ${png}\n`);
  await page.close();
});
