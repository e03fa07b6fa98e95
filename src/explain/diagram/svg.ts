// The diagram as a standalone SVG: containers in a column on the left (each a stack: its mounts
// at the top, then its writable layer, then its image layers), the storage they point to in a
// column on the right, one edge per mount. Storage boxes are placed level with the mounts that
// point to them (in the order of those mounts), so edges run nearly straight and rarely cross.
//
// All text is monospace: its width is then known from its length, so every line is cut to fit its
// box and nothing overlaps, whatever the renderer (a browser, resvg, rsvg-convert).

import type { ContainerBox, Diagram, Edge, FileItem, StorageBox } from './model.ts';
import {
  containerStatus,
  historyNotes,
  shadowedNotes,
  fileLine,
  fit,
  humanBytes,
  sizeWords,
  imageTitle,
  moreLine,
  omittedLine,
  removedBy,
  shadowLine,
  stepLine,
  storageNote,
  storageStatus,
  storageTitle,
  transientLine,
  width,
  wrapText,
  writableTitle,
} from './words.ts';

export const FONT_FAMILY = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace";
const FS = 12;
/** Advance of one character at FS, a little over DejaVu Sans Mono's 0.602 em, so text never runs over. */
const CH = 7.4;
const LH = 17;
const PAD = 10;
const MARGIN = 24;
const CW = 480;
const SW = 420;
const COL_GAP = 150;
const V_GAP = 22;

const KIND = {
  volume: { stroke: '#1565c0', fill: '#e3f2fd', word: 'volume' },
  bind: { stroke: '#2e7d32', fill: '#e8f5e9', word: 'bind' },
  tmpfs: { stroke: '#6a1b9a', fill: '#f3e5f5', word: 'tmpfs' },
} as const;
const GREY = '#9e9e9e';
const GREY_TEXT = '#6d6d6d';
const INK = '#212121';
const ORPHAN = '#e65100';
const MARK_COLOR: Record<FileItem['change'], string> = { added: '#2e7d32', changed: '#e65100', deleted: '#c62828', opaque: '#6a1b9a', present: INK };
const HEADER_FILL = { running: '#c8e6c9', exited: '#e0e6ea', created: '#fff3c4', removed: '#f2f2f2' } as const;

export interface SvgOptions {
  /** The first line (a scenario's title or file name). */
  title?: string;
}

/** Characters that fit in `px` of monospace text at size `fs`. */
const chars = (px: number, fs = FS): number => Math.floor(px / (CH * (fs / FS)));

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const n = (v: number): string => (Math.round(v * 10) / 10).toString();

interface TextStyle {
  size?: number;
  weight?: 'bold';
  fill?: string;
  anchor?: 'end' | 'middle';
  decoration?: 'line-through';
}

function text(x: number, y: number, s: string, st: TextStyle = {}): string {
  const attrs = [`x="${n(x)}"`, `y="${n(y)}"`];
  if (st.size !== undefined && st.size !== FS) attrs.push(`font-size="${st.size}"`);
  if (st.weight) attrs.push(`font-weight="${st.weight}"`);
  attrs.push(`fill="${st.fill ?? INK}"`);
  if (st.anchor) attrs.push(`text-anchor="${st.anchor}"`);
  if (st.decoration) attrs.push(`text-decoration="${st.decoration}"`);
  return `<text ${attrs.join(' ')}>${esc(s)}</text>`;
}

/** A line of text at the left of a row and another at its right, the left one cut to leave room. */
function leftRight(x: number, y: number, w: number, left: string, right: string, ls: TextStyle = {}, rs: TextStyle = {}): string {
  const rightChars = width(right);
  const leftRoom = chars(w, ls.size ?? FS) - (rightChars > 0 ? Math.ceil(rightChars * ((rs.size ?? FS) / (ls.size ?? FS))) + 2 : 0);
  const parts = [text(x, y, fit(left, Math.max(4, leftRoom)), ls)];
  if (right !== '') parts.push(text(x + w, y, right, { ...rs, anchor: 'end' }));
  return parts.join('');
}

// ---------------------------------------------------------------- boxes

interface Drawn {
  height: number;
  /** Draw at (x, y); returns SVG. */
  draw: (x: number, y: number) => string;
  /** Vertical offsets of the mount rows' centres (container boxes). */
  ports: number[];
}

function containerDrawn(c: ContainerBox, storageOf: (key: string) => StorageBox | undefined): Drawn {
  const removed = c.fate.kind === 'removed';
  const ink = removed ? GREY_TEXT : INK;
  const inner = CW - 2 * PAD;
  const ops: ((x: number, y: number) => string)[] = [];
  const ports: number[] = [];
  let h = 0;

  // Header: the name and state, then the ID or the command that removed it.
  const status = containerStatus(c);
  const by = removedBy(c);
  const subLines = wrapText(by ?? `ID ${c.id.slice(0, 12)}`, chars(inner));
  const headH = (1 + subLines.length) * LH + 10;
  const fill = removed ? HEADER_FILL.removed : HEADER_FILL[c.status];
  ops.push((x, y) =>
    [
      `<rect x="${n(x)}" y="${n(y)}" width="${CW}" height="${headH}" rx="6" fill="${fill}"/>`,
      leftRight(x + PAD, y + LH, inner, `container ${c.name}`, status, { size: 14, weight: 'bold', fill: ink }, { weight: 'bold', fill: removed ? '#c62828' : ink }),
      ...subLines.map((l, i) => text(x + PAD, y + (2 + i) * LH + 2, l, { fill: GREY_TEXT })),
    ].join(''),
  );
  h += headH + 6;

  // Mounts, deepest last as runc mounts them: each a row with a port on the right edge.
  const sectionLabel = (label: string): void => {
    const at = h;
    ops.push((x, y) => text(x + PAD, y + at + 12, label, { size: 11, weight: 'bold', fill: GREY_TEXT }));
    h += LH;
  };
  sectionLabel(c.mounts.length > 0 ? `MOUNTS (${c.mounts.length})` : 'MOUNTS: none');
  for (const m of c.mounts) {
    const s = storageOf(m.storage);
    const k = KIND[m.type];
    const lines: { s: string; style: TextStyle }[] = [];
    const flags = [m.readonly ? 'read-only' : '', m.subpath !== undefined ? `subpath ${m.subpath}` : '', m.volumesFrom !== undefined ? `from --volumes-from ${m.volumesFrom}` : '']
      .filter((f) => f !== '')
      .join(', ');
    const room = chars(inner - 18);
    if (flags !== '') for (const l of wrapText(flags, room)) lines.push({ s: l, style: { fill: ink } });
    if (m.shadow) for (const l of wrapText(shadowLine(m.shadow, storageOf), room)) lines.push({ s: l, style: { fill: removed ? GREY_TEXT : '#b71c1c' } });
    const rowH = LH * (1 + lines.length) + 6;
    const at = h;
    const word = s ? (s.kind === 'volume' ? (s.anonymous ? 'anon. volume' : 'volume') : s.kind === 'bind' ? 'host bind' : 'tmpfs') : k.word;
    ops.push((x, y) => {
      const top = y + at;
      const out = [
        `<rect x="${n(x + 6)}" y="${n(top)}" width="${CW - 12}" height="${rowH}" rx="4" fill="${removed ? '#f7f7f7' : k.fill}" stroke="${removed ? GREY : k.stroke}" stroke-width="1"${removed ? ' stroke-dasharray="4 3"' : ''}/>`,
        leftRight(x + PAD + 2, top + LH - 2, inner - 12, m.target, word, { weight: 'bold', fill: ink }, { fill: removed ? GREY_TEXT : k.stroke }),
      ];
      lines.forEach((l, i) => out.push(text(x + PAD + 14, top + LH * (i + 2) - 2, l.s, l.style)));
      out.push(`<circle cx="${n(x + CW)}" cy="${n(top + rowH / 2)}" r="4.5" fill="${removed ? GREY : k.stroke}"/>`);
      return out.join('');
    });
    ports.push(at + rowH / 2);
    h += rowH + 4;
  }
  h += 4;

  // The writable layer and the files that changed in it.
  const wAt = h;
  const wLines = c.writable.items.length + (moreLine(c.writable, 'change') ? 1 : 0);
  const wH = LH * (1 + wLines) + 8;
  ops.push((x, y) => {
    const top = y + wAt;
    const out = [
      `<rect x="${n(x + 6)}" y="${n(top)}" width="${CW - 12}" height="${wH}" rx="4" fill="#fffdf5" stroke="${removed ? GREY : '#8d6e63'}" stroke-width="1"${removed ? ' stroke-dasharray="4 3"' : ''}/>`,
      text(x + PAD + 2, top + LH - 2, fit(writableTitle(c) + (removed && c.writable.total > 0 ? ' (gone)' : ''), chars(inner - 4)), { weight: 'bold', fill: ink }),
    ];
    c.writable.items.forEach((f, i) => out.push(fileText(x + PAD + 14, top + LH * (i + 2) - 2, f, chars(inner - 18), removed)));
    const more = moreLine(c.writable, 'change');
    if (more) out.push(text(x + PAD + 14, top + LH * (c.writable.items.length + 2) - 2, fit(more, chars(inner - 18)), { fill: GREY_TEXT }));
    return out.join('');
  });
  h += wH + 4;

  // The image's layers, read-only, top first.
  const iAt = h;
  const iLines = c.image.layers.length + (c.image.moreLayers > 0 ? 1 : 0);
  const iH = LH * (1 + iLines) + 8;
  ops.push((x, y) => {
    const top = y + iAt;
    const out = [
      `<rect x="${n(x + 6)}" y="${n(top)}" width="${CW - 12}" height="${iH}" rx="4" fill="#f3f4f6" stroke="${removed ? GREY : '#78909c'}" stroke-width="1"${removed ? ' stroke-dasharray="4 3"' : ''}/>`,
      text(x + PAD + 2, top + LH - 2, fit(imageTitle(c), chars(inner - 4)), { weight: 'bold', fill: ink }),
    ];
    c.image.layers.forEach((l, i) => out.push(leftRight(x + PAD + 14, top + LH * (i + 2) - 2, inner - 20, l.label, sizeWords(l), { fill: ink }, { fill: GREY_TEXT })));
    if (c.image.moreLayers > 0) out.push(text(x + PAD + 14, top + LH * (c.image.layers.length + 2) - 2, `+${c.image.moreLayers} more layers below`, { fill: GREY_TEXT }));
    return out.join('');
  });
  h += iH + 8;

  const height = h;
  return {
    height,
    ports,
    draw: (x, y) => {
      const frame = `<rect x="${n(x)}" y="${n(y)}" width="${CW}" height="${n(height)}" rx="6" fill="${removed ? '#fcfcfc' : '#ffffff'}" stroke="${removed ? GREY : '#37474f'}" stroke-width="${removed ? 1.5 : 2}"${removed ? ' stroke-dasharray="8 5"' : ''}/>`;
      return `<g class="container${removed ? ' removed' : ''}">${frame}${ops.map((op) => op(x, y)).join('')}</g>`;
    },
  };
}

function fileText(x: number, y: number, f: FileItem, max: number, muted: boolean): string {
  const line = fit(fileLine(f), max);
  const fill = muted ? GREY_TEXT : MARK_COLOR[f.change];
  return text(x, y, line, { fill });
}

function storageDrawn(s: StorageBox, storageOf: (key: string) => StorageBox | undefined): Drawn {
  const removed = s.fate.kind === 'removed';
  const orphaned = s.status === 'orphaned';
  const k = KIND[s.kind];
  const inner = SW - 2 * PAD;
  const stroke = removed ? GREY : orphaned ? ORPHAN : k.stroke;
  const ink = removed ? GREY_TEXT : INK;
  const lines: { s: string; style: TextStyle }[] = [];
  const add = (sentence: string, style: TextStyle): void => {
    for (const l of wrapText(sentence, chars(inner))) lines.push({ s: l, style });
  };
  const by = removedBy(s);
  if (by) add(by, { fill: GREY_TEXT });
  for (const f of historyNotes(s)) add(f, { fill: ink });
  for (const f of shadowedNotes(s, storageOf)) add(f, { fill: removed ? GREY_TEXT : '#b71c1c' });
  const note = storageNote(s);
  if (note) add(note, { fill: orphaned ? '#bf360c' : GREY_TEXT, weight: orphaned ? 'bold' : undefined });
  const fileLines: { s: string; style: TextStyle }[] = s.files.items.map((f) => ({ s: fileLine(f), style: { fill: removed ? GREY_TEXT : INK } }));
  const more = moreLine(s.files);
  if (more) fileLines.push({ s: more, style: { fill: GREY_TEXT } });
  if (s.files.total === 0) fileLines.push({ s: s.status === 'missing' ? '(nothing there)' : '(empty)', style: { fill: GREY_TEXT } });
  const headH = 2 * LH + 10;
  const height = headH + 6 + LH * (lines.length + fileLines.length) + 8;
  return {
    height,
    ports: [],
    draw: (x, y) => {
      const out = [
        `<rect x="${n(x)}" y="${n(y)}" width="${SW}" height="${n(height)}" rx="8" fill="${removed ? '#fcfcfc' : '#ffffff'}" stroke="${stroke}" stroke-width="${orphaned ? 3 : removed ? 1.5 : 2}"${removed ? ' stroke-dasharray="8 5"' : orphaned ? ' stroke-dasharray="12 4"' : ''}/>`,
        `<rect x="${n(x + 1.5)}" y="${n(y + 1.5)}" width="${SW - 3}" height="${headH - 1.5}" rx="7" fill="${removed ? '#f2f2f2' : orphaned ? '#ffe0b2' : k.fill}"/>`,
        text(x + PAD, y + LH, fit(storageTitle(s), chars(inner, 14)), { size: 14, weight: 'bold', fill: removed ? GREY_TEXT : s.kind === 'volume' && !orphaned ? '#0d47a1' : ink }),
        text(x + PAD, y + 2 * LH + 2, fit(storageStatus(s), chars(inner)), {
          weight: 'bold',
          fill: removed ? '#c62828' : orphaned ? '#bf360c' : GREY_TEXT,
        }),
      ];
      let at = y + headH + 6;
      for (const l of [...lines, ...fileLines]) {
        at += LH;
        out.push(text(x + PAD, at - 4, fit(l.s, chars(inner)), l.style));
      }
      return `<g class="storage ${s.kind}${removed ? ' removed' : orphaned ? ' orphaned' : ''}">${out.join('')}</g>`;
    },
  };
}

// ---------------------------------------------------------------- layout

interface Placed<T> {
  item: T;
  drawn: Drawn;
  y: number;
}

/** A drawn box: where it is (for tests of the layout, and for a playground that links boxes). */
export interface BoxPlace {
  key: string;
  kind: 'container' | 'storage';
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SvgLayout {
  svg: string;
  width: number;
  height: number;
  boxes: BoxPlace[];
}

export function renderSvg(d: Diagram, opts: SvgOptions = {}): string {
  return layoutSvg(d, opts).svg;
}

export function layoutSvg(d: Diagram, opts: SvgOptions = {}): SvgLayout {
  const storageByKey = new Map(d.storage.map((s) => [s.key, s]));
  const storageOf = (k: string): StorageBox | undefined => storageByKey.get(k);
  const totalW = MARGIN * 2 + CW + COL_GAP + SW;
  const textW = totalW - 2 * MARGIN;

  // Title block.
  const head: string[] = [];
  let y = MARGIN + 14;
  for (const l of wrapText(opts.title ?? 'strata diagram', chars(textW, 16))) {
    head.push(text(MARGIN, y, l, { size: 16, weight: 'bold' }));
    y += LH + 4;
  }
  for (const l of wrapText(stepLine(d), chars(textW))) {
    head.push(text(MARGIN, y, l, { fill: GREY_TEXT }));
    y += LH;
  }
  const colTop = y + 18;
  head.push(text(MARGIN, colTop - 8, `CONTAINERS (${d.containers.length})`, { size: 11, weight: 'bold', fill: GREY_TEXT }));
  head.push(text(MARGIN + CW + COL_GAP, colTop - 8, `STORAGE (${d.storage.length}): volumes, host binds, tmpfs`, { size: 11, weight: 'bold', fill: GREY_TEXT }));

  // Containers: one column, in the order the story created them.
  const containers: Placed<ContainerBox>[] = [];
  let cy = colTop + 6;
  for (const c of d.containers) {
    const drawn = containerDrawn(c, storageOf);
    containers.push({ item: c, drawn, y: cy });
    cy += drawn.height + V_GAP;
  }
  if (d.containers.length === 0) {
    head.push(text(MARGIN, colTop + LH, 'none', { fill: GREY_TEXT }));
    cy += 2 * LH;
  }
  if (d.storage.length === 0) head.push(text(MARGIN + CW + COL_GAP, colTop + LH, 'none', { fill: GREY_TEXT }));
  const portY = new Map<string, number>();
  for (const p of containers) p.drawn.ports.forEach((py, i) => portY.set(`${p.item.key}#${i}`, p.y + py));
  const edgeY = (e: Edge): number => portY.get(`${e.from}#${e.mount}`) ?? colTop;

  // Storage: sorted by where their edges come from, each placed level with them if there is room.
  const drawnS = d.storage.map((s, i) => {
    const ins = d.edges.filter((e) => e.to === s.key).map(edgeY);
    const want = ins.length > 0 ? ins.reduce((a, b) => a + b, 0) / ins.length : Number.POSITIVE_INFINITY;
    return { s, drawn: storageDrawn(s, storageOf), want, first: ins.length > 0 ? Math.min(...ins) : Number.POSITIVE_INFINITY, i };
  });
  drawnS.sort((a, b) => a.want - b.want || a.first - b.first || a.i - b.i);
  const storage: Placed<StorageBox>[] = [];
  let sy = colTop + 6;
  for (const x of drawnS) {
    const top = Number.isFinite(x.want) ? Math.max(sy, x.want - x.drawn.height / 2) : sy;
    storage.push({ item: x.s, drawn: x.drawn, y: top });
    sy = top + x.drawn.height + V_GAP;
  }
  const sx = MARGIN + CW + COL_GAP;
  const cx = MARGIN;

  // Edges: enter each storage box on its left side, spread in the order of their sources.
  const edges: string[] = [];
  for (const p of storage) {
    const ins = d.edges.filter((e) => e.to === p.item.key).sort((a, b) => edgeY(a) - edgeY(b));
    const span = Math.max(0, p.drawn.height - 24);
    ins.forEach((e, i) => {
      const y1 = edgeY(e);
      const y2 = ins.length === 1 ? p.y + Math.min(p.drawn.height / 2, 28) : p.y + 12 + (span * i) / (ins.length - 1);
      const x1 = cx + CW + 4.5;
      const x2 = sx - 6;
      const color = e.ghost ? GREY : KIND[p.item.kind].stroke;
      const dash = e.ghost ? ' stroke-dasharray="6 5"' : '';
      const bend = COL_GAP * 0.45;
      edges.push(
        `<path d="M${n(x1)},${n(y1)} C${n(x1 + bend)},${n(y1)} ${n(x2 - bend)},${n(y2)} ${n(x2)},${n(y2)}" fill="none" stroke="${color}" stroke-width="${e.ghost ? 1.5 : 2}"${dash} marker-end="url(#arrow-${e.ghost ? 'ghost' : p.item.kind})"/>`,
      );
    });
  }

  const bodyBottom = Math.max(cy - V_GAP, sy - V_GAP, colTop + 20);

  // Legend and the objects that came and went inside one command.
  const foot: string[] = [];
  let fy = bodyBottom + 34;
  foot.push(...legend(MARGIN, fy));
  fy += 44;
  const notes = [...d.transients.map(transientLine), ...[omittedLine(d)].filter((l): l is string => l !== undefined)];
  if (notes.length > 0) {
    foot.push(text(MARGIN, fy, 'CAME AND WENT INSIDE ONE COMMAND (not drawn)', { size: 11, weight: 'bold', fill: GREY_TEXT }));
    fy += LH;
    for (const l of notes) {
      for (const w of wrapText(l, chars(textW))) {
        foot.push(text(MARGIN, fy, w, { fill: GREY_TEXT }));
        fy += LH;
      }
    }
  }
  const totalH = Math.ceil(fy + MARGIN - 6);

  const defs = ['volume', 'bind', 'tmpfs', 'ghost']
    .map((k) => {
      const color = k === 'ghost' ? GREY : KIND[k as keyof typeof KIND].stroke;
      return `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`;
    })
    .join('');
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${totalW}" height="${totalH}" viewBox="0 0 ${totalW} ${totalH}" font-family="${esc(FONT_FAMILY)}" font-size="${FS}">`,
    `<title>${esc(`${opts.title ?? 'strata diagram'}: ${stepLine(d)}`)}</title>`,
    `<defs>${defs}</defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...head,
    ...edges,
    ...containers.map((p) => p.drawn.draw(cx, p.y)),
    ...storage.map((p) => p.drawn.draw(sx, p.y)),
    ...foot,
    '</svg>',
    '',
  ].join('\n');
  const boxes: BoxPlace[] = [
    ...containers.map((p) => ({ key: p.item.key, kind: 'container' as const, x: cx, y: p.y, w: CW, h: p.drawn.height })),
    ...storage.map((p) => ({ key: p.item.key, kind: 'storage' as const, x: sx, y: p.y, w: SW, h: p.drawn.height })),
  ];
  return { svg, width: totalW, height: totalH, boxes };
}

/** What the colours and dashes mean, on one row. */
function legend(x: number, y: number): string[] {
  const out: string[] = [];
  const swatch = (at: number, label: string, stroke: string, fill: string, dash = '', w = 2): number => {
    out.push(`<rect x="${n(at)}" y="${n(y - 11)}" width="22" height="14" rx="3" fill="${fill}" stroke="${stroke}" stroke-width="${w}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    out.push(text(at + 28, y, label));
    return at + 28 + width(label) * CH + 18;
  };
  let at = x;
  at = swatch(at, 'volume', KIND.volume.stroke, KIND.volume.fill);
  at = swatch(at, 'host bind', KIND.bind.stroke, KIND.bind.fill);
  at = swatch(at, 'tmpfs (memory)', KIND.tmpfs.stroke, KIND.tmpfs.fill);
  at = swatch(at, 'orphaned', ORPHAN, '#ffe0b2', '12 4', 3);
  swatch(at, 'removed (dashed, grey)', GREY, '#f2f2f2', '6 4', 1.5);
  const y2 = y + 22;
  out.push(text(x, y2, '+ added   ~ changed (copied up)   - deleted (whiteout)   # opaque dir', { fill: GREY_TEXT }));
  return out;
}
