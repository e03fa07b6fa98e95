// The diagram as a Mermaid flowchart (for Markdown pages that render Mermaid): one subgraph per
// container holding a node per mount, its writable layer and its image; one node per storage
// object (a cylinder for volumes), an edge per mount. Removed objects are dashed and grey,
// orphaned volumes orange, as in the SVG.
//
// Mermaid's rules followed here: node IDs are plain letters and digits; every label is quoted and
// its `"`, `#`, `<`, `>`, `&` and backticks written as entity codes (`#quot;`), with `<br/>` for
// line breaks; a subgraph whose nodes link outside takes the graph's direction (LR), which lays
// the nodes of one container out in a column.

import type { ContainerBox, Diagram, StorageBox } from './model.ts';
import {
  containerStatus,
  storageNotes,
  fileLine,
  fit,
  imageTitle,
  moreLine,
  mountSource,
  removedBy,
  shadowLine,
  stepLine,
  storageNote,
  storageStatus,
  storageTitle,
  transientLine,
  writableTitle,
} from './words.ts';

/** Longest line in a node: Mermaid does not wrap `<br/>`-separated lines by itself. */
const LINE = 60;

/** A label line with Mermaid's entity codes for the characters its grammar reserves. */
export function mermaidText(s: string): string {
  return fit(s, LINE)
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/&/g, '#amp;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;');
}

/** A `%%` comment line: one line, and no braces (`%%{` starts a directive). */
const comment = (s: string): string => s.replace(/[\r\n]+/g, ' ').replace(/[{}]/g, '');

const label = (lines: string[]): string => `"${lines.map(mermaidText).join('<br/>')}"`;

export function renderMermaid(d: Diagram, opts: { title?: string } = {}): string {
  const out: string[] = ['flowchart LR'];
  out.push(`  %% ${comment(opts.title ?? 'strata diagram')}`);
  out.push(`  %% ${comment(stepLine(d))}`);
  const sid = new Map(d.storage.map((s, i) => [s.key, `S${i + 1}`]));
  const cid = new Map(d.containers.map((c, i) => [c.key, `C${i + 1}`]));
  const byKey = new Map(d.storage.map((s) => [s.key, s]));
  const classes: Record<'removed' | 'orphaned' | 'volume' | 'bind' | 'tmpfs' | 'container' | 'layer', string[]> = {
    removed: [],
    orphaned: [],
    volume: [],
    bind: [],
    tmpfs: [],
    container: [],
    layer: [],
  };

  for (const c of d.containers) containerLines(c);
  for (const s of d.storage) storageLines(s);

  // Edges, in the order of the containers' mounts; a removed container's are dotted.
  const styles: string[] = [];
  d.edges.forEach((e, i) => {
    const from = `${cid.get(e.from)}M${e.mount}`;
    const to = sid.get(e.to);
    if (to === undefined) return;
    out.push(`  ${from} ${e.ghost ? '-.->' : '-->'}${e.readonly ? '|"ro"|' : ''} ${to}`);
    if (e.ghost) styles.push(`  linkStyle ${i} stroke:#9e9e9e`);
  });
  out.push(...styles);

  if (d.transients.length > 0) {
    out.push(`  NOTE[${label(['came and went inside one command:', ...d.transients.slice(-4).map(transientLine)])}]`);
    classes.removed.push('NOTE');
  }

  out.push('  classDef container fill:#ffffff,stroke:#37474f,stroke-width:2px,color:#212121');
  out.push('  classDef layer fill:#f3f4f6,stroke:#78909c,color:#212121');
  out.push('  classDef volume fill:#e3f2fd,stroke:#1565c0,stroke-width:2px,color:#0d47a1');
  out.push('  classDef bind fill:#e8f5e9,stroke:#2e7d32,stroke-width:2px,color:#1b5e20');
  out.push('  classDef tmpfs fill:#f3e5f5,stroke:#6a1b9a,stroke-width:2px,color:#4a148c');
  out.push('  classDef orphaned fill:#ffe0b2,stroke:#e65100,stroke-width:3px,stroke-dasharray:12 4,color:#bf360c');
  out.push('  classDef removed fill:#f2f2f2,stroke:#9e9e9e,stroke-dasharray:6 4,color:#6d6d6d');
  // The later class wins in Mermaid: removed and orphaned are assigned last.
  for (const k of ['container', 'layer', 'volume', 'bind', 'tmpfs', 'orphaned', 'removed'] as const) {
    if (classes[k].length > 0) out.push(`  class ${classes[k].join(',')} ${k}`);
  }
  return out.join('\n') + '\n';

  function containerLines(c: ContainerBox): void {
    const id = cid.get(c.key)!;
    const removed = c.fate.kind === 'removed';
    const title = [`container ${c.name}: ${containerStatus(c)}`, removedBy(c)].filter((l): l is string => l !== undefined).join(' ');
    out.push(`  subgraph ${id} [${label([title])}]`);
    c.mounts.forEach((m, i) => {
      const lines = [`mount ${m.target}`, mountSource(m, byKey.get(m.storage))];
      if (m.shadow) lines.push(shadowLine(m.shadow, (k) => byKey.get(k)));
      out.push(`    ${id}M${i}[${label(lines)}]`);
      classes[removed ? 'removed' : m.type].push(`${id}M${i}`);
    });
    const w = [writableTitle(c), ...c.writable.items.map(fileLine), ...[moreLine(c.writable, 'change')].filter((l): l is string => l !== undefined)];
    out.push(`    ${id}W[${label(w)}]`);
    const img = [imageTitle(c), ...c.image.layers.map((l) => l.label), ...(c.image.moreLayers > 0 ? [`+${c.image.moreLayers} more layers`] : [])];
    out.push(`    ${id}I[${label(img)}]`);
    out.push('  end');
    classes[removed ? 'removed' : 'layer'].push(`${id}W`, `${id}I`);
    classes[removed ? 'removed' : 'container'].push(id);
  }

  function storageLines(s: StorageBox): void {
    const id = sid.get(s.key)!;
    const lines = [storageTitle(s), storageStatus(s)];
    const by = removedBy(s);
    if (by) lines.push(by);
    lines.push(...storageNotes(s, (k) => byKey.get(k)));
    const note = storageNote(s);
    if (note) lines.push(note);
    lines.push(...s.files.items.map(fileLine));
    const more = moreLine(s.files);
    if (more) lines.push(more);
    if (s.files.total === 0) lines.push('(empty)');
    // Volumes are cylinders (stored data); host binds and tmpfs plain boxes.
    out.push(s.kind === 'volume' ? `  ${id}[(${label(lines)})]` : `  ${id}[${label(lines)}]`);
    classes[s.fate.kind === 'removed' ? 'removed' : s.status === 'orphaned' ? 'orphaned' : s.kind].push(id);
  }
}
