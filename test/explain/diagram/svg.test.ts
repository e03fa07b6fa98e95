// The SVG diagram: a real layout (containers left, storage right, no box over another, every box
// inside the picture), and it renders to PNG without errors. The PNG is rendered by resvg from the
// npm registry (@resvg/resvg-js, a prebuilt binary per platform like esbuild's) with the DejaVu
// fonts of the dejavu-fonts-ttf package, so that `npm ci` is the only set-up and the text drawn
// does not depend on the machine's fonts. `npm run test:render` renders in Chromium too.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { layoutSvg, type SvgLayout } from '../../../src/explain/diagram/svg.ts';
import { REAL_SCENARIOS, replayed } from './helpers.ts';

const fontDir = join(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json'), '..', 'ttf');
const FONTS = ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf'].map((f) => join(fontDir, f));

function renderPng(svg: string): { png: Buffer; width: number; height: number; pixels: Buffer } {
  const r = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: FONTS, defaultFontFamily: 'DejaVu Sans Mono' } });
  const img = r.render();
  return { png: img.asPng(), width: img.width, height: img.height, pixels: img.pixels };
}

/** Share of pixels in a band of rows that are dark (text), in RGBA. */
function darkShare(pixels: Buffer, width: number, y0: number, y1: number): number {
  let dark = 0;
  let all = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      all++;
      if (pixels[i] < 100 && pixels[i + 1] < 100 && pixels[i + 2] < 100) dark++;
    }
  }
  return dark / all;
}

function expectSaneLayout(l: SvgLayout): void {
  for (const b of l.boxes) {
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.y).toBeGreaterThanOrEqual(0);
    expect(b.x + b.w).toBeLessThanOrEqual(l.width);
    expect(b.y + b.h).toBeLessThanOrEqual(l.height);
  }
  for (const a of l.boxes) {
    for (const b of l.boxes) {
      if (a === b) continue;
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      expect(apart, `${a.key} overlaps ${b.key}`).toBe(true);
    }
  }
  const containers = l.boxes.filter((b) => b.kind === 'container');
  const storage = l.boxes.filter((b) => b.kind === 'storage');
  // Containers on the left, storage on the right.
  for (const c of containers) for (const s of storage) expect(c.x + c.w).toBeLessThan(s.x);
}

describe('SVG diagram', () => {
  it.each(REAL_SCENARIOS)('%s: at every step, boxes in their columns, inside the picture, none over another', (file) => {
    const r = replayed(file);
    for (let step = 0; step <= r.steps; step++) expectSaneLayout(layoutSvg(r.at(step), { title: r.title }));
  });

  it('the PostgreSQL walkthrough\'s last step renders to PNG without errors, with its text drawn', () => {
    const r = replayed('scenarios/walkthroughs/postgres-named-volume.scenario');
    const l = layoutSvg(r.at(), { title: r.title });
    const { png, width, height, pixels } = renderPng(l.svg);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([width, height]).toEqual([l.width, l.height]);
    // The title band holds dark text; a renderer without fonts would leave it white.
    expect(darkShare(pixels, width, 10, 50)).toBeGreaterThan(0.01);
    // Two removed containers, three storage boxes (two removed pgdata, the orphan).
    expect(l.boxes.map((b) => b.kind)).toEqual(['container', 'container', 'storage', 'storage', 'storage']);
    expect(l.svg).toContain('ORPHANED: no container uses it');
    expect(l.svg).toContain('base/users &quot;alice&quot;');
    expect((l.svg.match(/stroke-dasharray="6 5"/g) ?? []).length).toBe(3); // the removed containers' mounts
  });

  it.each(REAL_SCENARIOS)('%s: the last step renders to PNG', (file) => {
    const r = replayed(file);
    const l = layoutSvg(r.at(), { title: r.title });
    const { width, height } = renderPng(l.svg);
    expect([width, height]).toEqual([l.width, l.height]);
  });

  it('storage sits level with the mounts that point to it: the edges of a one-container story are nearly straight', () => {
    const r = replayed('scenarios/walkthroughs/postgres-named-volume.scenario');
    const l = layoutSvg(r.at(3), { title: r.title });
    const [container, ...storage] = l.boxes;
    for (const s of storage) {
      expect(s.y).toBeLessThan(container.y + container.h);
      expect(s.y + s.h).toBeGreaterThan(container.y);
    }
  });

  it('escapes text: a file whose content holds markup shows it as text', () => {
    const r = replayed('scenarios/walkthroughs/php-nginx-volumes-from.scenario');
    const svg = layoutSvg(r.at(8), { title: 'a <title> & "quotes"' }).svg;
    expect(svg).toContain('index.php &quot;&lt;?php echo &quot;shop v1&quot;; ?&gt;&quot;');
    expect(svg).toContain('a &lt;title&gt; &amp; &quot;quotes&quot;');
    expect(svg).not.toMatch(/<\?php/);
  });
});
