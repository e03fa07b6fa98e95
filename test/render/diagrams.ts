// `npm run test:render`: the diagrams' SVG in a real browser. Not part of `npm test` (CI has no
// browser): it needs Debian's Chromium, `apt-get install chromium` (playwright-core, a dev
// dependency, drives it and downloads nothing). With `apt-get install librsvg2-bin` it also
// converts every SVG with rsvg-convert.
//
// For each case it renders the SVG in headless Chromium, and checks with the browser's own font
// metrics what the layout only estimates: every text lies inside its box, no two texts overlap,
// the page logs no error. It writes each PNG (and SVG) to $STRATA_RENDER_OUT (default: a folder
// in the system's temporary directory) for a person to look at, and ends with
// "N passed, N failed" (exit 1 on a failure, 2 when Chromium is missing).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium } from 'playwright-core';
import { parseScenario } from '../../src/scenario/parse.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { diagramOfScenario } from '../../src/explain/diagram/replay.ts';
import { layoutSvg } from '../../src/explain/diagram/svg.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const OUT = process.env.STRATA_RENDER_OUT ?? join(tmpdir(), 'strata-diagrams');

/** The scenario and the step to draw (undefined: the last). */
const CASES: [string, number | undefined][] = [
  ['scenarios/walkthroughs/postgres-named-volume.scenario', undefined],
  ['scenarios/walkthroughs/postgres-named-volume.scenario', 3],
  ['scenarios/walkthroughs/mysql-data-gone.scenario', undefined],
  ['scenarios/walkthroughs/mysql-data-gone.scenario', 4],
  ['scenarios/walkthroughs/php-nginx-volumes-from.scenario', 8],
  ['scenarios/walkthroughs/php-nginx-volumes-from.scenario', undefined],
  ['scenarios/walkthroughs/nginx-logs-volume.scenario', undefined],
  ['scenarios/walkthroughs/backup-restore-tar.scenario', undefined],
  ['scenarios/lessons/copy-up-whiteout-opaque.scenario', 1],
  ['scenarios/lessons/build-context-copy.scenario', undefined],
  ['test/recorded/docker-26.1/catalog/postgres-16-named-volume-survives.scenario', undefined],
];

/** Runs in the page: texts outside their box, and texts over each other. */
const CHECK_IN_PAGE = `(() => {
  const problems = [];
  const inside = (b, f) => b.x >= f.x - 1 && b.y >= f.y - 1 && b.x + b.width <= f.x + f.width + 1 && b.y + b.height <= f.y + f.height + 1;
  for (const g of document.querySelectorAll('g.container, g.storage')) {
    const frame = g.querySelector('rect').getBBox();
    for (const t of g.querySelectorAll('text')) {
      if (!inside(t.getBBox(), frame)) problems.push('outside its box: ' + t.textContent);
    }
  }
  const texts = [...document.querySelectorAll('text')].map((t) => ({ s: t.textContent, b: t.getBBox() }));
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i].b, b = texts[j].b;
      // glyph boxes of lines 17 px apart touch by a pixel or two: only a real overlap counts
      const ox = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const oy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (ox > 1 && oy > 4) problems.push('texts overlap: "' + texts[i].s + '" and "' + texts[j].s + '"');
    }
  }
  const svg = document.querySelector('svg').getBoundingClientRect();
  for (const t of texts) if (t.b.x < 0 || t.b.x + t.b.width > svg.width + 1) problems.push('outside the picture: ' + t.s);
  return problems;
})()`;

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`test:render needs Chromium at ${CHROMIUM}: apt-get install chromium (Debian), or set CHROMIUM=/path/to/chromium\n`);
    return 2;
  }
  mkdirSync(OUT, { recursive: true });
  const rsvg = spawnSync('rsvg-convert', ['--version']).status === 0;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  let passed = 0;
  let failed = 0;
  try {
    for (const [file, step] of CASES) {
      const name = `${basename(file, '.scenario')}${step === undefined ? '' : `-step${step}`}`;
      const s = parseScenario(readFileSync(join(ROOT, file), 'utf8'), file);
      const { diagram } = diagramOfScenario(s, new SimulatedDocker({ engine: s.engine }), step);
      const layout = layoutSvg(diagram, { title: s.title ?? file });
      const svgPath = join(OUT, `${name}.svg`);
      const pngPath = join(OUT, `${name}.png`);
      writeFileSync(svgPath, layout.svg);
      const page = await browser.newPage({ viewport: { width: layout.width, height: layout.height } });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setContent(`<!doctype html><html><body style="margin:0">${layout.svg}</body></html>`);
      const problems = [...errors, ...((await page.evaluate(CHECK_IN_PAGE)) as string[])];
      await page.screenshot({ path: pngPath, fullPage: true });
      await page.close();
      if (statSync(pngPath).size < 1000) problems.push('the PNG is nearly empty');
      if (rsvg) {
        const r = spawnSync('rsvg-convert', ['-o', join(OUT, `${name}.rsvg.png`), svgPath], { encoding: 'utf8' });
        if (r.status !== 0) problems.push(`rsvg-convert failed: ${r.stderr}`);
      }
      if (problems.length === 0) {
        passed++;
        process.stdout.write(`ok   ${name}: ${pngPath}\n`);
      } else {
        failed++;
        process.stdout.write(`FAIL ${name}: ${pngPath}\n${problems.map((p) => `  ${p}\n`).join('')}`);
      }
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main();
