// The events in plain words: what `strata explain` and `strata replay --explain` print after a
// command. Objects are named as the transcript shows them (naming.ts). Silence is a rule too: a
// `--rm` container that wrote nothing outside its mounts gets no note (issue 11, item 7), nor
// does anything that changed no data (a start, a container without mounts).

import type { Cause, Change, Copy, DataEvent, Entry, MountInfo, Place, PruneRule } from './schema.ts';
import { isWithin } from '../fs/path.ts';
import { holdsData } from './trees.ts';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const bytes = (n: number): string => plural(n, 'byte');
/** In place of the size of a file a real server writes (Entry.sizeUnknown). */
export const SIZE_UNKNOWN = "the server's file: size not simulated";

/** How a path of a place reads: a container path, a host path as `$PWD/...`, a path in a volume. */
export function showPath(place: Place, path: string): string {
  switch (place.kind) {
    case 'volume':
      return path.replace(/^\/+/, '') || '/';
    case 'host':
      // host entries are absolute host paths; the place's own path is shown as the transcript shows it
      return isWithin(path, place.path) ? place.shown + path.slice(place.path === '/' ? 0 : place.path.length) : path;
    case 'tmpfs':
      return `${place.destination === '/' ? '' : place.destination}${path}`;
    default:
      return path;
  }
}

export function placeWords(p: Place): string {
  switch (p.kind) {
    case 'image-layer':
      return p.layer === 0 ? `Docker's init layer of ${p.image.label}` : `layer ${p.layer} of ${p.image.label}`;
    case 'writable-layer':
      return `the writable layer of ${p.container.label}`;
    case 'volume':
      return p.volume.label;
    case 'host':
      return `the host's ${p.shown}`;
    case 'tmpfs':
      return `the tmpfs at ${p.destination} of ${p.container.label}`;
  }
}

function one(place: Place, e: Entry | Change, path = e.path): string {
  const seen = 'seenAt' in e ? e.seenAt : undefined;
  // a volume's paths mean little alone: say where the container saw them; a host path is
  // meaningful itself, and where the container saw it follows
  const where = seen !== undefined && place.kind !== 'host' ? seen : showPath(place, path);
  const inContainer = seen !== undefined && place.kind === 'host' ? `${seen} in the container` : '';
  const paren = (...parts: string[]): string => (parts.some((p) => p !== '') ? ` (${parts.filter((p) => p !== '').join('; ')})` : '');
  if (e.kind === 'dir') return `${where}/${paren(inContainer)}`;
  if (e.kind === 'file') return `${where}${paren(e.sizeUnknown ? SIZE_UNKNOWN : bytes(e.bytes), inContainer)}`;
  if (e.kind === 'symlink' && e.target !== undefined) return `${where} -> ${e.target}${paren(inContainer)}`;
  return `${where}${paren(inContainer)}`;
}

/** At most `max` entries by name, the rest counted: data first, then empty files and directories. */
export function listEntries(place: Place, entries: readonly (Entry | Change)[], max = 3): string {
  if (entries.length === 0) return 'nothing';
  const data = entries.filter(holdsData);
  const rest = entries.filter((e) => !holdsData(e));
  const named = [...data, ...rest].slice(0, max).map((e) => one(place, e));
  const more = entries.length - named.length;
  if (more === 0) return joinAnd(named);
  const dirs = [...data, ...rest].slice(max).filter((e) => e.kind === 'dir').length;
  const others = more - dirs;
  const tail = [others > 0 ? plural(others, 'more file') : '', dirs > 0 ? plural(dirs, 'more directory', 'more directories') : ''].filter((t) => t !== '');
  return `${named.join(', ')} and ${joinAnd(tail)}`;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function causeWords(c: Cause): string {
  switch (c.kind) {
    case 'rm':
      return `docker rm${c.force ? ' -f' : ''}${c.volumes ? ' -v' : ''}`;
    case 'auto-remove':
      return 'docker run --rm';
    case 'container-prune':
      return 'docker container prune';
    case 'system-prune':
      return 'docker system prune';
    case 'create-failed':
      return 'the clean-up of a failed create';
    case 'volume-rm':
      return 'docker volume rm';
    case 'volume-prune':
      return 'docker volume prune';
    case 'stopped':
      return `the end of the main process of ${c.container.label} (exit ${c.exitCode})`;
    case 'image-removed':
      return 'docker rmi';
    case 'compose':
      return c.command;
  }
}

function mountWords(m: MountInfo, fresh: ReadonlySet<string>): string {
  const ro = m.readOnly ? ', read-only' : '';
  const isNew = m.volume && fresh.has(m.volume.name);
  const vol = m.volume ? (isNew && m.volume.shown === null ? 'a new anonymous volume' : `${isNew ? 'new ' : ''}${m.volume.label}`) : '';
  switch (m.origin) {
    case 'image-volume':
      return `${vol} (the image's VOLUME${ro})`;
    case 'anonymous-flag':
      return `${vol} (-v ${m.destination}${ro})`;
    case 'tmpfs-flag':
      return `a tmpfs (memory only, empty at every start${ro})`;
    case 'volumes-from':
      return `${m.volume ? vol : m.host ? `the host's ${m.host.shown}` : 'a tmpfs'} (--volumes-from${ro})`;
    default:
      if (m.type === 'bind') return `the host's ${m.host?.shown ?? '?'} (bind mount${ro})`;
      if (m.type === 'tmpfs') return `a tmpfs (memory only, empty at every start${ro})`;
      // An anonymous volume mounted again by its name is a named mount to Docker: rm -v and --rm
      // leave it (moby daemon/delete.go removes only mounts whose spec had no source).
      // Compose mounts the anonymous volumes of a container it recreates this way, so `down -v` leaves them too.
      if (m.volume?.anonymous) return `${vol} (mounted by its name${ro}: docker rm -v, --rm and docker compose down -v leave it)`;
      return `${vol}${m.origin === 'mount-flag' ? ' (--mount' + ro + ')' : ro ? ' (read-only)' : ''}`;
  }
}

function survival(e: { entries: Entry[]; copies: Copy[]; lost: Entry[] }, place: Place): string {
  const parts: string[] = [];
  const data = e.entries.filter(holdsData);
  if (e.lost.length > 0 && e.lost.length === data.length) parts.push(`gone for good: no copy exists${e.lost.length === e.entries.length ? '' : ` of ${listEntries(place, e.lost)}`}`);
  else if (e.lost.length > 0) parts.push(`gone for good, no copy exists: ${listEntries(place, e.lost)}`);
  for (const c of e.copies.slice(0, 3)) {
    const at = c.at.kind === 'host' ? `the host's ${c.member ? c.at.shown : c.at.shown}` : placeWords(c.at);
    const where = c.member ? `${at} (archive member ${c.member})` : c.at.kind === 'host' ? at : `${at} at ${showPath(c.at, c.atPath)}`;
    parts.push(`a copy of ${showPath(place, c.path)} survives in ${where}`);
  }
  if (e.copies.length > 3) parts.push(`copies of ${plural(e.copies.length - 3, 'more file')} survive elsewhere`);
  return parts.join('; ');
}

function pruneWords(p: PruneRule): string {
  return p.prune ? `careful: ${p.why}, so a prune deletes it` : p.why;
}

function changeWords(place: Place, changes: readonly Change[]): string {
  const groups: string[] = [];
  const by = (k: Change['change']): Change[] => changes.filter((c) => c.change === k);
  const created = by('created');
  const modified = by('modified');
  const copied = by('copied-up');
  const deleted = by('deleted');
  const replaced = by('replaced');
  if (created.length > 0) groups.push(`created ${listEntries(place, created)}`);
  if (modified.length > 0) groups.push(`changed ${listEntries(place, modified)}`);
  for (const layer of [...new Set(copied.map((c) => c.layer))]) {
    const these = copied.filter((c) => c.layer === layer);
    groups.push(`changed ${listEntries(place, these)}, copied up first from ${layer === 0 ? "Docker's init layer" : `image layer ${layer}`} (the image keeps its own version)`);
  }
  if (deleted.length > 0) {
    const hidden = deleted.filter((c) => c.layer !== undefined);
    const gone = deleted.filter((c) => c.layer === undefined);
    if (gone.length > 0) groups.push(`deleted ${listEntries(place, gone)}`);
    if (hidden.length > 0) groups.push(`deleted ${listEntries(place, hidden)}, hidden by a whiteout: the image still has ${hidden.length === 1 ? 'it' : 'them'}`);
  }
  if (replaced.length > 0) groups.push(`replaced ${listEntries(place, replaced)}, now an opaque directory: the image's content there is hidden`);
  return groups.join('; ');
}

/** The notes for one command's events. */
export function notesFor(events: readonly DataEvent[]): string[] {
  const notes: string[] = [];
  const fresh = new Set(events.flatMap((e) => (e.type === 'volume-created' ? [e.volume.name] : [])));
  for (const e of events) {
    switch (e.type) {
      case 'image-created': {
        const vols = e.volumes.length > 0 ? `; its VOLUME ${e.volumes.join(' ')} gives each container an anonymous volume there unless a mount covers it` : '';
        if (e.how === 'built') notes.push(`${e.image.label} built: ${plural(e.layers, 'read-only layer')}, shared by its containers and never changed by them${vols}`);
        else if (e.how === 'pulled') notes.push(`${e.image.label} pulled: strata's stand-in for it (catalog/), with the real image's volumes, users, paths and entrypoint${vols}`);
        else {
          const mounts = (e.notIncluded ?? []).map((m) => m.destination);
          const left = mounts.length > 0 ? `; not in it: what ${joinAnd(mounts)} showed (mounts are never committed)` : '';
          notes.push(`${e.image.label} committed from ${e.container?.label ?? 'a container'}: its writable layer is now the image's layer ${e.layers}, a copy that outlives the container${left}`);
        }
        break;
      }
      case 'image-removed':
        if (e.image.shown !== null) notes.push(`${e.image.label} removed`);
        break;
      case 'unfollowed':
        notes.push(`${e.container.label}: ${e.why}`);
        break;
      case 'image-unavailable':
        notes.push(`image ${e.ref} is in no registry strata has: build it first in the scenario (docker build -t ${e.ref} ...), or add a stand-in to the catalog (catalog/README.md)`);
        break;
      case 'container-created': {
        // A --rm container is worth a note only for what it does to data beyond its own life:
        // a volume it creates or fills, content it hides, an anonymous volume it mounts by name
        // (which --rm then leaves); its own writes and removal have their notes (issue 11, item 7).
        const related = events.some((x) => (x.type === 'copied-from-image' || x.type === 'shadowed' || x.type === 'not-reattached') && x.container.id === e.container.id);
        const lasting = !e.autoRemove || related || e.mounts.some((m) => (m.volume && fresh.has(m.volume.name)) || (m.volume?.anonymous && (m.origin === 'v-flag' || m.origin === 'mount-flag')));
        if (e.mounts.length > 0 && lasting) {
          notes.push(`${e.container.label} created from ${e.image.label}; ${e.mounts.map((m) => `${m.destination} is ${mountWords(m, fresh)}`).join('; ')}`);
        }
        break;
      }
      case 'volume-created':
        if (e.container === undefined) notes.push(`${e.volume.label} created${e.project !== undefined ? ` for compose project ${e.project}` : ''}, empty`);
        break;
      case 'copied-from-image':
        notes.push(`${e.volume.shown === null ? 'the new anonymous volume' : e.volume.label} was empty, so Docker copied ${e.image.label}'s ${e.destination} into it when ${e.container.label} was created: ${listEntries({ kind: 'image-layer', image: e.image, layer: 1, layers: 1 }, e.entries)}`);
        break;
      case 'shadowed':
        notes.push(`in ${e.container.label}, the mount at ${e.mount.destination} hides what ${placeWords(e.hidden)} has there (${listEntries(e.hidden, e.entries)}): it is not lost, only not visible in this container`);
        break;
      case 'not-reattached':
        notes.push(`${e.container.label} got ${e.volume.shown === null ? 'a new anonymous volume' : `a new ${e.volume.label}`} at ${e.destination}: the earlier data is not in it; it stays in ${e.orphan.label} (${listEntries({ kind: 'volume', volume: e.orphan }, e.entries)}), which no container mounts`);
        break;
      case 'revealed':
        if (e.why === 'commit') notes.push(`${placeWords(e.shows).replace(/^layer \d+ of /, '')} has at ${e.destination} what lay under the mount there (${listEntries(e.shows, e.entries)}), not the mount's content`);
        else notes.push(`with the tmpfs gone, ${e.destination} in ${e.container.label} shows what lies under it again (${placeWords(e.shows)}: ${listEntries(e.shows, e.entries)})`);
        break;
      case 'written': {
        const what = changeWords(e.place, e.changes);
        if (e.by.kind === 'host') notes.push(`on the host: ${what}`);
        else if (e.by.kind === 'docker-cp') notes.push(`docker cp (${e.by.container.label}) wrote into ${placeWords(e.place)}: ${what}`);
        else {
          const who = e.by.containers.length > 0 ? joinAnd(e.by.containers.map((c) => c.label)) : 'a container';
          const mine = e.place.kind === 'writable-layer' && e.by.containers.length === 1 && e.by.containers[0].id === e.place.container.id;
          if (mine) notes.push(`${who} wrote into its writable layer: ${what}`);
          else if (e.place.kind === 'tmpfs') notes.push(`${who} wrote into its tmpfs at ${e.place.destination} (memory only): ${what}`);
          else notes.push(`${who} wrote into ${placeWords(e.place)}, not into ${e.by.containers.length === 1 ? 'its' : 'their'} writable layer: ${what}`);
        }
        break;
      }
      case 'container-removed':
        if (e.writableLayer.length === 0 && e.by.kind !== 'auto-remove' && e.by.kind !== 'create-failed') {
          notes.push(`${e.container.label} removed (${causeWords(e.by)}): its writable layer held no files of its own, so nothing was lost with it`);
        }
        break;
      case 'destroyed': {
        const data = e.entries.filter(holdsData);
        const silentRm = e.entries.length === 0 && (e.by.kind === 'auto-remove' || e.by.kind === 'create-failed');
        if (silentRm) break;
        let what: string;
        if (e.place.kind === 'writable-layer') what = `${e.place.container.label} removed (${causeWords(e.by)}), and with it its writable layer`;
        else if (e.place.kind === 'volume') {
          const withContainer = e.by.kind === 'rm' || e.by.kind === 'auto-remove' || e.by.kind === 'create-failed' || e.by.kind === 'compose' ? e.by.container : undefined;
          const how = withContainer ? `removed with ${withContainer.label} (${causeWords(e.by)})` : `removed (${causeWords(e.by)})`;
          what = `${e.place.volume.label} ${how}`;
        } else if (e.place.kind === 'tmpfs') what = `the tmpfs at ${e.place.destination} of ${e.place.container.label} emptied by ${causeWords(e.by)}: tmpfs lives in memory only`;
        else what = `${placeWords(e.place)} deleted (${causeWords(e.by)})`;
        if (e.entries.length === 0) notes.push(`${what}; it was empty`);
        else if (data.length === 0) notes.push(`${what}; it held only ${listEntries(e.place, e.entries)}: no data lost`);
        else notes.push(`${what}: ${listEntries(e.place, e.entries)}; ${survival(e, e.place)}`);
        break;
      }
      case 'orphaned': {
        const place: Place = { kind: 'volume', volume: e.volume };
        if (!e.entries.some(holdsData)) {
          const what = e.entries.length === 0 ? 'empty' : `holding no data (only ${listEntries(place, e.entries)})`;
          notes.push(`${e.volume.label} is left behind, ${what}: no container uses it any more (docker rm never removes volumes)`);
          break;
        }
        notes.push(
          `${e.volume.label} is orphaned: no container uses it, but it is still on disk with ${listEntries(place, e.entries)}. ` +
            `docker rm never removes volumes; only docker rm -v and docker run --rm remove a container's anonymous volumes`,
        );
        for (const c of e.recovery) notes.push(`  to ${c.purpose}: ${c.command}`);
        notes.push(`  ${pruneWords(e.prune)}`);
        break;
      }
      default:
        break;
    }
  }
  return notes;
}
