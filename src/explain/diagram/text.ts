// The diagram as plain text for a terminal, 80 columns at most: containers (each stack from its
// mounts down to its image), then the storage they point to, joined by reference numbers [1].

import type { ContainerBox, Diagram, StorageBox } from './model.ts';
import {
  containerStatus,
  storageNotes,
  fileLine,
  fit,
  imageTitle,
  humanBytes,
  sizeWords,
  moreLine,
  mountSource,
  omittedLine,
  removedBy,
  shadowLine,
  stepLine,
  storageNote,
  storageStatus,
  storageTitle,
  transientLine,
  width,
  writableTitle,
} from './words.ts';

export const TEXT_COLUMNS = 80;

export interface TextOptions {
  /** A name for the first line (the scenario file). */
  file?: string;
}

export function renderText(d: Diagram, opts: TextOptions = {}): string {
  const out: string[] = [];
  const line = (text: string, indent = 0): void => {
    out.push(fit(' '.repeat(indent) + text, TEXT_COLUMNS));
  };
  /** Word-wrapped at the 80th column; continuation lines indented by `more`. */
  const wrap = (text: string, indent = 0, more = indent + 4): void => {
    let rest = text;
    let at = indent;
    while (width(rest) > TEXT_COLUMNS - at) {
      const chars = [...rest];
      const room = TEXT_COLUMNS - at;
      let cut = chars.lastIndexOf(' ', room);
      if (cut <= 0) cut = room;
      out.push(' '.repeat(at) + chars.slice(0, cut).join('').trimEnd());
      rest = chars.slice(cut).join('').trimStart();
      at = more;
    }
    if (rest !== '') out.push(' '.repeat(at) + rest);
  };
  /** Left text and right text on one line when both fit, else the right one below. */
  const pair = (left: string, right: string, indent = 0, below = indent + 4): void => {
    const room = TEXT_COLUMNS - indent - width(left) - width(right);
    if (room >= 2) line(left + ' '.repeat(room) + right, indent);
    else {
      line(left, indent);
      line(right, below);
    }
  };

  const refs = new Map(d.storage.map((s, i) => [s.key, i + 1]));
  const byKey = new Map(d.storage.map((s) => [s.key, s]));
  const ref = (s: StorageBox): string => `[${refs.get(s.key)}]`;

  line(`strata diagram${opts.file ? ' of ' + opts.file : ''}`);
  line(stepLine(d));
  out.push('');

  line(`CONTAINERS (${d.containers.length})${d.containers.length > 0 ? ': each stack from the top: mounts, writable layer, image' : ''}`);
  if (d.containers.length === 0) line('none', 2);
  for (const c of d.containers) containerText(c);
  out.push('');

  line(`STORAGE (${d.storage.length})`);
  if (d.storage.length === 0) line('none', 2);
  for (const s of d.storage) storageText(s);

  const footer = [...d.transients.map(transientLine), ...[omittedLine(d)].filter((l): l is string => l !== undefined)];
  if (footer.length > 0) {
    out.push('');
    line('CAME AND WENT');
    // One line each: the command is a reminder of which step it was, not something to read whole.
    for (const f of footer) line(f, 2);
  }
  out.push('');
  line('+ added  ~ changed  - deleted  # opaque dir   ro: read-only mount');
  return out.join('\n') + '\n';

  function containerText(c: ContainerBox): void {
    out.push('');
    pair(`${c.name} (${c.id.slice(0, 12)})`, containerStatus(c));
    const by = removedBy(c);
    if (by) wrap(by, 4, 8);
    if (c.mounts.length === 0) line('mounts: none', 2);
    const targetWidth = Math.min(28, Math.max(...c.mounts.map((m) => width(m.target))));
    for (const m of c.mounts) {
      const s = byKey.get(m.storage);
      const target = m.target.padEnd(targetWidth);
      wrap(`mount ${target} -> ${s ? ref(s) + ' ' : ''}${mountSource(m, s)}`, 2, 10);
      if (m.shadow) wrap(shadowLine(m.shadow, (k) => byKey.get(k)), 8, 10);
    }
    line(writableTitle(c), 2);
    for (const f of c.writable.items) line(fileLine(f), 6);
    const more = moreLine(c.writable, 'change');
    if (more) line(more, 6);
    line(imageTitle(c), 2);
    for (const l of c.image.layers) pair(l.label.length > 0 ? fit(l.label, TEXT_COLUMNS - 18) : '(empty)', sizeWords(l), 6);
    if (c.image.moreLayers > 0) line(`+${c.image.moreLayers} more layers`, 6);
  }

  function storageText(s: StorageBox): void {
    out.push('');
    pair(`${ref(s)} ${storageTitle(s)}`, storageStatus(s));
    const by = removedBy(s);
    if (by) wrap(by, 4, 8);
    const users = d.edges.filter((e) => e.to === s.key).map((e) => {
      const c = d.containers.find((x) => x.key === e.from);
      return c ? `${c.name}${c.fate.kind === 'removed' ? ' (removed)' : ''} at ${c.mounts[e.mount].target}` : e.from;
    });
    if (users.length > 0) wrap(`used by: ${users.join(', ')}`, 4, 8);
    if (s.kind === 'volume' && s.anonymous) line(`name ${s.name}`, 4);
    for (const n of storageNotes(s, (k) => byKey.get(k))) wrap(n, 4, 8);
    const note = storageNote(s);
    if (note) line(note, 4);
    if (s.files.total === 0) line(s.status === 'missing' ? '(nothing there)' : '(empty)', 4);
    for (const f of s.files.items) line(fileLine(f), 4);
    const more = moreLine(s.files);
    if (more) line(more, 4);
  }
}
