// The end of an explanation: what data exists after the last command and where, what was lost
// and by which command, what is orphaned and still recoverable.

import type { EngineProfile } from '../engine/profile.ts';
import type { EngineState } from '../engine/state.ts';
import { tablePeek, tableValues } from '../engine/table.ts';
import { nodeAt } from '../fs/locate.ts';
import { isWithin, normalize } from '../fs/path.ts';
import { volumeUsers } from '../volume/store.ts';
import type { Namer } from './naming.ts';
import { causeWords, listEntries, placeWords, showPath } from './notes.ts';
import { containerStack, runtimePaths } from './places.ts';
import { keepName, pruneRule, recoveryCommands } from './recovery.ts';
import type { DataEvent, Entry, Holding, Loss, Orphan, StepExplanation, Summary } from './schema.ts';
import { entriesOf, holdsData, upperEntries } from './trees.ts';
import { containerList } from '../container/registry.ts';

const HEX64 = /^[0-9a-f]{64}$/;

/** A holding's bytes, and whether one of its entries is a real server's file of unknown size. */
function sized(entries: readonly Entry[]): Pick<Holding, 'bytes' | 'sizeUnknown'> {
  const bytes = entries.reduce((n, e) => n + e.bytes, 0);
  return entries.some((e) => e.sizeUnknown) ? { bytes, sizeUnknown: true } : { bytes };
}

export function summarize(st: EngineState, pwd: string, steps: readonly StepExplanation[], namer: Namer, profile: EngineProfile): Summary {
  const data: Holding[] = [];
  const containers = containerList(st).filter((c) => !c.buildkitStep);
  for (const v of tableValues(st.volumes)) {
    const entries = entriesOf(v.data);
    data.push({
      place: { kind: 'volume', volume: namer.volume(v.name) },
      entries,
      ...sized(entries),
      users: volumeUsers(st, v.name).map((c) => namer.container(c.id, c.name)),
      prune: pruneRule(profile, v),
    });
  }
  for (const c of containers) {
    if (!tablePeek(st.images, c.imageId)) continue;
    const entries = upperEntries(c.upper, containerStack(st, c.imageId), runtimePaths({ mounts: c.mounts, workdir: c.config.WorkingDir }));
    const ref = namer.container(c.id, c.name);
    if (entries.length > 0) data.push({ place: { kind: 'writable-layer', container: ref }, entries, ...sized(entries), users: [ref] });
    for (const [dst, tree] of Object.entries(c.tmpfsData)) {
      const t = entriesOf(tree);
      if (t.length > 0) data.push({ place: { kind: 'tmpfs', container: ref, destination: normalize(dst) }, entries: t, ...sized(t), users: [ref] });
    }
  }
  // the host: the scenario's working directory, and bind sources elsewhere
  const hostRoots = [pwd, ...containers.flatMap((c) => c.mounts.filter((m) => m.type === 'bind' && !isWithin(normalize(m.source), pwd)).map((m) => normalize(m.source)))];
  for (const root of [...new Set(hostRoots)]) {
    const node = nodeAt(st.host, root);
    if (node === undefined) continue;
    const entries = node.kind === 'dir' ? entriesOf(node, root === '/' ? '' : root) : entriesOf(node, root);
    if (entries.length === 0) continue;
    const users = containers.filter((c) => c.mounts.some((m) => m.type === 'bind' && (isWithin(normalize(m.source), root) || isWithin(root, normalize(m.source)))));
    data.push({ place: { kind: 'host', ...namer.host(root) }, entries, ...sized(entries), users: users.map((c) => namer.container(c.id, c.name)) });
  }

  // images made by docker commit: their top layer is a container's data
  const committed = new Set(steps.flatMap((s) => s.events.flatMap((e) => (e.type === 'image-created' && e.how === 'committed' ? [e.image.id] : []))));
  for (const id of committed) {
    const img = tablePeek(st.images, id);
    if (!img) continue;
    const top = tablePeek(st.layers, img.layers[img.layers.length - 1]);
    const entries = top ? entriesOf(top.tree) : [];
    if (entries.length === 0) continue;
    const users = containers.filter((c) => c.imageId === id).map((c) => namer.container(c.id, c.name));
    data.push({ place: { kind: 'image-layer', image: namer.image(id, st), layer: img.layers.length, layers: img.layers.length }, entries, ...sized(entries), users });
  }

  const losses: Loss[] = [];
  for (const s of steps) {
    for (const e of s.events) {
      if (e.type !== 'destroyed' || (e.lost.length === 0 && e.copies.length === 0)) continue;
      losses.push({ step: s.step, line: s.line, command: s.command, place: e.place, by: e.by, lost: e.lost, copies: e.copies });
    }
  }

  const orphaned: Orphan[] = [];
  for (const v of tableValues(st.volumes)) {
    if (!HEX64.test(v.name) || volumeUsers(st, v.name).length > 0) continue;
    let last: { step: number; e: Extract<DataEvent, { type: 'orphaned' }> } | undefined;
    for (const s of steps) for (const e of s.events) if (e.type === 'orphaned' && e.volume.name === v.name) last = { step: s.step, e };
    const ref = namer.volume(v.name);
    orphaned.push({
      volume: ref,
      step: last?.step ?? 0,
      entries: entriesOf(v.data),
      recovery: last?.e.recovery ?? recoveryCommands(ref, '/data', undefined, keepName(''), v.data),
      prune: pruneRule(profile, v),
    });
  }

  const step = steps.length;
  return { step, data, losses, orphaned, notes: summaryNotes(step, profile, data, losses, orphaned) };
}

/** Lines of one list in the summary's text (the JSON has them all). */
const MAX_LINES = 20;

/** The first MAX_LINES lines of a list, the rest counted. */
function capped<T>(items: readonly T[], line: (item: T) => string[], what: string): string[] {
  const out = items.slice(0, MAX_LINES).flatMap(line);
  if (items.length > MAX_LINES) out.push(`  ... and ${items.length - MAX_LINES} more ${what} (strata explain --json lists them all)`);
  return out;
}

function summaryNotes(step: number, profile: EngineProfile, data: Holding[], losses: Loss[], orphaned: Orphan[]): string[] {
  const notes: string[] = [`summary after command ${step} (${profile.name}):`];
  notes.push('data now:');
  const held = data.filter((h) => h.entries.length > 0 || h.place.kind === 'volume');
  if (held.length === 0) notes.push('  none');
  notes.push(...capped(held, (h) => {
    const who = h.place.kind === 'volume'
      ? h.users.length > 0 ? `used by ${h.users.map((u) => u.label).join(', ')}` : `used by no container; ${h.prune?.prune ? `${h.prune.why}: a prune deletes it` : h.prune?.why}`
      : h.place.kind === 'host' && h.users.length > 0 ? `bind-mounted by ${h.users.map((u) => u.label).join(', ')}` : '';
    return [`  ${placeWords(h.place)}${who ? ` (${who})` : ''}: ${h.entries.length === 0 ? 'empty' : listEntries(h.place, h.entries)}`];
  }, 'places'));
  const lost = losses.filter((l) => l.lost.length > 0);
  notes.push(lost.length === 0 ? 'lost for good: nothing' : 'lost for good (no copy exists):');
  notes.push(...capped(lost, (l) => [`  command ${l.step} (${causeWords(l.by)}) destroyed ${placeWords(l.place)}: ${listEntries(l.place, l.lost)}`], 'losses'));
  const saved = losses.filter((l) => l.copies.length > 0);
  if (saved.length > 0) {
    notes.push('destroyed, but a copy survives:');
    notes.push(...capped(saved, (l) => {
      const c = l.copies[0];
      const where = c.at.kind === 'host' ? `the host's ${c.at.shown}${c.member ? ` (archive member ${c.member})` : ''}` : `${placeWords(c.at)}${c.member ? ` (archive member ${c.member})` : ''}`;
      const more = l.copies.length > 1 ? ` (and copies of ${l.copies.length - 1} more)` : '';
      return [`  command ${l.step} (${causeWords(l.by)}) destroyed ${placeWords(l.place)}: ${showPath(l.place, c.path)} survives in ${where}${more}`];
    }, 'commands'));
  }
  const withData = orphaned.filter((o) => o.entries.some(holdsData));
  notes.push(withData.length === 0 ? 'orphaned, still recoverable: none' : 'orphaned, still recoverable:');
  notes.push(...capped(withData, (o) => [
    `  ${o.volume.label}${o.step > 0 ? ` (orphaned by command ${o.step})` : ''}: ${listEntries({ kind: 'volume', volume: o.volume }, o.entries)}`,
    ...o.recovery.map((c) => `    to ${c.purpose}: ${c.command}`),
    `    ${o.prune.prune ? `careful: ${o.prune.why}, so a prune deletes it` : o.prune.why}`,
  ], 'orphaned volumes'));
  return notes;
}
