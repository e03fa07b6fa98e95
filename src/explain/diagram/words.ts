// The words every renderer of the diagram uses, so that the SVG, the text and the Mermaid
// flowchart say the same thing about the same box.

import type { ContainerBox, Diagram, FileItem, FileList, MountRow, Shadow, StorageBox } from './model.ts';

/** Sizes as Docker prints them: decimal units, three significant digits. */
export function humanBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0)} ${units[u]}`;
}

/** Cut to `max` characters with an ellipsis (every renderer lays text out in fixed columns). */
export function fit(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 1) return chars.slice(0, Math.max(0, max)).join('');
  return chars.slice(0, max - 1).join('') + '…';
}

/** Code points: what a terminal column and a monospace SVG advance count. */
export function width(text: string): number {
  return [...text].length;
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `after step 13 of 13: $ docker volume ls -q | wc -l` */
export function stepLine(d: Diagram): string {
  if (d.step === 0) return `before the first command (${plural(d.steps, 'command')} in all)`;
  return `after step ${d.step} of ${d.steps}: $ ${d.command?.split('\n')[0] ?? ''}`;
}

export function containerStatus(c: ContainerBox): string {
  if (c.fate.kind === 'removed') return `REMOVED in step ${c.fate.step}`;
  if (c.status === 'created') return 'created, never started';
  return c.status;
}

/** The command that removed it, for a removed box. */
export function removedBy(box: ContainerBox | StorageBox): string | undefined {
  return box.fate.kind === 'removed' ? `by $ ${box.fate.command}` : undefined;
}

export function storageKindWord(s: StorageBox): string {
  if (s.kind === 'bind') return 'bind (host)';
  if (s.kind === 'tmpfs') return 'tmpfs';
  return s.anonymous ? 'anonymous volume' : 'volume';
}

/** `volume pgdata`, `anonymous volume bdb89efa9e8c`, `host $PWD/logs`, `tmpfs /run/php`. */
export function storageTitle(s: StorageBox): string {
  if (s.kind === 'bind') return `host ${s.label}`;
  if (s.kind === 'tmpfs') return `tmpfs ${s.label}${s.owner !== undefined ? ` of ${s.owner}` : ''}`;
  return `${s.anonymous ? 'anonymous volume' : 'volume'} ${s.label}`;
}

export function storageStatus(s: StorageBox): string {
  if (s.fate.kind === 'removed') return `REMOVED in step ${s.fate.step}`;
  if (s.kind === 'tmpfs') return s.mounted ? `in memory of ${s.owner}` : `empty: ${s.owner} is not running`;
  switch (s.status) {
    case 'orphaned':
      return 'ORPHANED: no container uses it';
    case 'unused':
      return s.kind === 'bind' ? 'on the host; no container mounts it' : 'unused (kept until volume rm)';
    case 'missing':
      return 'missing on the host';
    default:
      return 'in use';
  }
}

/** A sentence more on what the status means for the data, where there is one. */
export function storageNote(s: StorageBox): string | undefined {
  if (s.fate.kind === 'removed') return s.files.sizeUnknown ? `its data is gone: ${plural(s.files.total, 'file')}, the server's (sizes not simulated)` : s.files.bytes > 0 ? `its data is gone: ${plural(s.files.total, 'file')}, ${humanBytes(s.files.bytes)}` : undefined;
  if (s.status === 'orphaned') return 'data kept until docker volume rm/prune';
  if (s.kind === 'tmpfs') return 'memory only: emptied at every stop';
  return undefined;
}

/** Containers of one command that used it: named when one, else the steps. */
function passingNote(s: StorageBox): string[] {
  const u = s.usedInPassing;
  if (u.length === 0) return [];
  if (u.length === 1) return [`step ${u[0].step}: used at ${u[0].target} by ${u[0].container}${u[0].autoRemove ? ' (--rm)' : ''}, gone since`];
  const steps = [...new Set(u.map((x) => x.step))];
  return [`steps ${steps.join(', ')}: used by ${u.length} containers, gone since`];
}

/**
 * Its history, step first (copy-on-empty fills, containers of one command that used it), then the
 * paths in it that a nested mount hides from a container.
 */
export function storageNotes(s: StorageBox, storageOf: (key: string) => StorageBox | undefined): string[] {
  return [...historyNotes(s), ...shadowedNotes(s, storageOf)];
}

export function historyNotes(s: StorageBox): string[] {
  return [...s.filledFrom.map((f) => `step ${f.step}: ${f.container} filled it from the image's ${f.path}`), ...passingNote(s)];
}

export function shadowedNotes(s: StorageBox, storageOf: (key: string) => StorageBox | undefined): string[] {
  return s.shadowed.map((h) => {
    const by = storageOf(h.by);
    return `${h.path}/ hidden in ${h.container} under ${by ? storageTitle(by) : 'another mount'}`;
  });
}

/** One mount: `volume pgdata`, with `ro`, `--volumes-from`, `subpath`. */
export function mountSource(m: MountRow, s: StorageBox | undefined): string {
  const what = s ? storageTitle(s) : m.storage;
  const flags = [m.readonly ? 'ro' : '', m.subpath !== undefined ? `subpath ${m.subpath}` : '', m.volumesFrom !== undefined ? `--volumes-from ${m.volumesFrom}` : ''].filter((f) => f !== '');
  return flags.length > 0 ? `${what} (${flags.join(', ')})` : what;
}

/** What the mount hides, or where it sits: one line. */
export function shadowLine(sh: Shadow, storageOf: (key: string) => StorageBox | undefined): string {
  const names = sh.hidden.join(', ') + (sh.hiddenCount > sh.hidden.length ? ` +${sh.hiddenCount - sh.hidden.length}` : '');
  const copied = sh.copied ? ' (copied into the volume)' : '';
  if (sh.under.kind === 'root') {
    return sh.covered === 'file' ? `hides the image's file here${copied}` : `hides image content here: ${names}${copied}`;
  }
  const over = storageOf(sh.under.storage);
  const overName = over ? storageTitle(over) : sh.under.target;
  if (sh.covered === 'nothing') return `over ${overName} (no ${sh.under.at} in it)`;
  if (sh.covered === 'file') return `over ${overName}: hides its file ${sh.under.at}`;
  return `over ${overName}: hides its ${sh.under.at}/${sh.hiddenCount > 0 ? ': ' + names : ' (empty)'}`;
}

const MARK: Record<FileItem['change'], string> = { added: '+', changed: '~', deleted: '-', opaque: '#', present: '' };

/** A size as the diagram shows it; a real server's files have none strata knows (FileItem.sizeUnknown). */
export function sizeWords(x: { bytes: number; sizeUnknown?: true }): string {
  return x.sizeUnknown ? 'size not simulated' : humanBytes(x.bytes);
}

/** A file of a writable layer (`+ /data/p.txt "precious"`) or of a storage box (`base/users "alice"`). */
export function fileLine(f: FileItem): string {
  const mark = MARK[f.change];
  let what = f.path;
  if (f.kind === 'dir') what += '/';
  if (f.kind === 'symlink' && f.target !== undefined) what += ` -> ${f.target}`;
  let tail = '';
  if (f.change === 'deleted') tail = ' (deleted: whiteout)';
  else if (f.change === 'opaque') tail = " (opaque: hides the image's)";
  else if (f.kind === 'dir') tail = ' (empty)';
  else if (f.preview !== undefined) tail = ` "${f.preview}"`;
  else if (f.kind === 'file') tail = ` (${sizeWords(f)})`;
  if (f.change === 'changed' && f.kind === 'file') tail = ` (copied up${f.preview !== undefined ? `: "${f.preview}"` : `, ${sizeWords(f)}`})`;
  return mark === '' ? what + tail : `${mark} ${what}${tail}`;
}

/** `+3 more (9 files, 1.2 kB in all)`, or undefined when every file is listed. */
export function moreLine(l: FileList, noun = 'file'): string | undefined {
  if (l.more === 0) return undefined;
  return `+${l.more} more (${plural(l.total, noun)}, ${sizeWords(l)} in all)`;
}

export function writableTitle(c: ContainerBox): string {
  const w = c.writable;
  if (w.total === 0) return 'writable layer: no changes';
  return `writable layer: ${plural(w.total, 'change')}, ${sizeWords(w)}`;
}

export function imageTitle(c: ContainerBox): string {
  const n = c.image.layers.length + c.image.moreLayers;
  return `image ${c.image.ref}${c.image.removed ? ' (removed image)' : ''}: ${plural(n, 'layer')}, ${sizeWords(c.image)}`;
}

export function transientLine(t: Diagram['transients'][number]): string {
  const what = [
    ...t.containers.map((n) => `container ${n}`),
    ...t.volumes.map((v) => (/^[0-9a-f]{64}$/.test(v) ? `anonymous volume ${v.slice(0, 12)}` : `volume ${v}`)),
  ].join(', ');
  return `step ${t.step}: ${what} created and removed by $ ${t.command}`;
}

export function omittedLine(d: Diagram): string | undefined {
  const parts: string[] = [];
  if (d.omitted.containers > 0) parts.push(`${plural(d.omitted.containers, 'older removed container')}`);
  if (d.omitted.volumes > 0) parts.push(`${plural(d.omitted.volumes, 'older removed volume')}`);
  return parts.length > 0 ? `not drawn: ${parts.join(', ')}` : undefined;
}

/**
 * Word-wrapped into lines of at most `max` characters, at most `maxLines` of them (the last one
 * cut with an ellipsis when there is more): a box shows a long sentence whole where it can.
 */
export function wrapText(text: string, max: number, maxLines = 2): string[] {
  const lines: string[] = [];
  let rest = [...text];
  while (rest.length > max && lines.length < maxLines - 1) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut <= max / 3) cut = max;
    lines.push(rest.slice(0, cut).join('').trimEnd());
    rest = [...rest.slice(cut).join('').trimStart()];
  }
  lines.push(fit(rest.join(''), max));
  return lines;
}
