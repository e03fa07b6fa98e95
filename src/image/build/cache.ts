// BuildKit's build cache (26.1 profile), as `docker system df` and `docker system prune` see it.
// Recorded on the 26.1 oracle (test/recorded/docker-26.1/sizes/build-cache.scenario): every build
// adds a record for the Dockerfile it read (its size in bytes) and one for the context it
// transferred (the bytes of the context's files, 0 for a Dockerfile on stdin; a directory context
// adds one more empty record), plus an empty record for each layer it made anew and one for its
// base image the first time. Records of layers that images use stay; the others are what prune
// deletes. The legacy builder (20.10) has no build cache.

import { sha256Hex } from '../../engine/ids.ts';
import type { BuildCacheRecord, EngineState } from '../../engine/state.ts';
import type { Vfs } from '../../fs/vfs.ts';
import type { DockerIgnore } from './context.ts';
import { tablePeek, tablePeekValues } from '../../engine/table.ts';

/** A 25-character BuildKit record ID ([0-9a-z]), drawn from the seeded generator. */
function recordId(st: EngineState): string {
  st.ids.counter += 1;
  const n = BigInt('0x' + sha256Hex(`${st.ids.seed}:cache:${st.ids.counter}`));
  // (a 256-bit number has about 50 base-36 digits: the last 25 are always there)
  return n.toString(36).slice(-25);
}

/** Bytes of the files a directory context holds (the Dockerfile itself excluded). */
export function contextFilesSize(fs: Vfs, dir: string, ignore: DockerIgnore, dockerfile: string): number {
  let size = 0;
  const walk = (abs: string, rel: string): void => {
    for (const name of fs.readdir(abs)) {
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const st = fs.lstat(`${abs}/${name}`);
      if (ignore.excludes(childRel) || childRel === dockerfile) {
        // An exception below an excluded directory is still sent (moby pkg/archive).
        if (st.kind === 'dir' && ignore.excludes(childRel) && ignore.walksInto(childRel)) walk(`${abs}/${name}`, childRel);
        continue;
      }
      if (st.kind === 'file') size += st.size;
      if (st.kind === 'dir') walk(`${abs}/${name}`, childRel);
    }
  };
  walk(dir, '');
  return size;
}

export interface BuildRecords {
  dockerfileBytes: number;
  /** undefined for a Dockerfile read from stdin. */
  contextBytes?: number;
  baseImage: string;
  newLayers: string[];
}

export function recordBuild(st: EngineState, r: BuildRecords): void {
  const cache = (st.buildCache ??= []);
  const add = (rec: Omit<BuildCacheRecord, 'id'>) => cache.push({ id: recordId(st), ...rec });
  // Stryker disable next-line ConditionalExpression: only base records hold an image ID (a layer record's ref is a layer ID)
  if (!cache.some((c) => c.kind === 'base' && c.ref === r.baseImage)) add({ kind: 'base', size: 0, ref: r.baseImage });
  add({ kind: 'source', size: r.dockerfileBytes });
  add({ kind: 'source', size: r.contextBytes ?? 0 });
  if (r.contextBytes !== undefined) add({ kind: 'source', size: 0 });
  for (const layer of r.newLayers) add({ kind: 'layer', size: tablePeek(st.layers, layer)?.size ?? 0, ref: layer });
}

/**
 * The bytes BuildKit reports for a record: a layer an image still uses is shared with the image
 * store and counts 0; once no image holds it, its own size (recorded: `docker rmi` then prune).
 */
export function recordSize(st: EngineState, c: BuildCacheRecord, used = usedLayers(st)): number {
  // (a layer record always has its ref; a base record's is an image ID, never a layer's)
  // Stryker disable next-line ConditionalExpression: only a layer record's ref can be a layer ID, and base records have size 0
  return c.kind === 'layer' && used.has(c.ref as string) ? 0 : c.size;
}

/** The build cache's records (none before the first BuildKit build). */
function records(st: EngineState): BuildCacheRecord[] {
  return st.buildCache ?? [];
}

function usedLayers(st: EngineState): Set<string> {
  return new Set(tablePeekValues(st.images).flatMap((i) => i.layers));
}

/** Records no image holds: what `docker system prune` (and `builder prune`) delete. */
export function reclaimableRecords(st: EngineState): BuildCacheRecord[] {
  const used = usedLayers(st);
  return records(st).filter((c) => c.kind === 'source' || (c.kind === 'layer' && !used.has(c.ref as string)));
}

export function pruneBuildCache(st: EngineState): { ids: string[]; bytes: number } {
  const gone = new Set(reclaimableRecords(st).map((c) => c.id));
  const removed = records(st).filter((c) => gone.has(c.id));
  const bytes = removed.reduce((n, c) => n + recordSize(st, c), 0);
  st.buildCache = records(st).filter((c) => !gone.has(c.id));
  // RUN --mount=type=cache directories go with the rest of the build cache.
  delete st.buildMountCache;
  return { ids: removed.map((c) => c.id), bytes };
}
