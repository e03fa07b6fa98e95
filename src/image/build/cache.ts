// BuildKit's build cache (26.1 profile), as `docker system df` and `docker system prune` see it.
// Recorded on the 26.1 oracle (test/recorded/docker-26.1/sizes/build-cache.scenario,
// build-cache-reuse.scenario): a build adds an empty record for its base image the first time,
// one per layer it made anew, and records of the local sources it read. A Dockerfile on stdin
// brings two fresh ones at every build (the Dockerfile, its size in bytes, and an empty
// context). A directory context's sources are BuildKit's locals with a shared key per directory
// (BuildKit source/local: name + SharedKeyHint + the client's key, which the CLI derives from the
// context's path), made once and reused by every later build of that directory, their sizes as
// first made: `dockerfile` (the Dockerfile's bytes), `context-.dockerignore` (dockerui reads
// .dockerignore through its own local: 0 bytes) and, once a build reads the context (COPY or ADD
// from it, a RUN bind mount of it), `context` (the bytes of the files sent). Records of layers that
// images use stay; the others are what prune deletes. The legacy builder (20.10) has no build cache.

import { sha256Hex } from '../../engine/ids.ts';
import type { BuildCacheRecord, EngineState } from '../../engine/state.ts';
import type { Vfs } from '../../fs/vfs.ts';
import type { DockerIgnore } from './context.ts';
import type { Stage } from './stages.ts';
import { tableGet, tablePeek, tablePeekValues } from '../../engine/table.ts';

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
  /** A directory context (undefined for a Dockerfile read from stdin). */
  context?: {
    /** Its path: the key of its sources' records. */
    dir: string;
    /** The bytes of its files (the Dockerfile and what .dockerignore excludes left out). */
    bytes: number;
    /** The build read it: a COPY or ADD from it, a RUN bind mount of it. */
    read: boolean;
  };
  baseImage: string;
  /** The other images the build's stages start from (a multi-stage build). */
  moreBases?: string[];
  newLayers: string[];
}

export function recordBuild(st: EngineState, r: BuildRecords): void {
  const cache = (st.buildCache ??= []);
  const add = (rec: Omit<BuildCacheRecord, 'id'>) => cache.push({ id: recordId(st), ...rec });
  // (a FROM scratch build, baseImage '', resolves no image: BuildKit's llb.Scratch() has no source op)
  // Stryker disable next-line ConditionalExpression: only base records hold an image ID (a layer record's ref is a layer ID)
  for (const base of [r.baseImage, ...(r.moreBases ?? [])]) if (base !== '' && !cache.some((c) => c.kind === 'base' && c.ref === base)) add({ kind: 'base', size: 0, ref: base });
  if (r.context === undefined) {
    add({ kind: 'source', size: r.dockerfileBytes });
    add({ kind: 'source', size: 0 });
  } else {
    const dir = r.context.dir;
    const source = (name: string, size: number): void => {
      const key = `${name}:${dir}`;
      if (!cache.some((c) => c.key === key)) add({ kind: 'source', size, key });
    };
    source('dockerfile', r.dockerfileBytes);
    source('context-.dockerignore', 0);
    if (r.context.read) source('context', r.context.bytes);
  }
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

/**
 * Delete the reclaimable records (`docker system prune`), or with `all` every record
 * (`docker system prune -a`: builder.CachePrune with all, BuildKit's prune of all that no running
 * build uses), each then counted at its full size, shared or not (recorded on 26.1:
 * system/system-prune-all). A layer whose record goes is no longer held by the cache: the image
 * that uses it frees it when deleted (`docker rmi` then lists it).
 */
export function pruneBuildCache(st: EngineState, all = false): { ids: string[]; bytes: number } {
  const gone = new Set((all ? records(st) : reclaimableRecords(st)).map((c) => c.id));
  const removed = records(st).filter((c) => gone.has(c.id));
  const bytes = removed.reduce((n, c) => n + (all ? c.size : recordSize(st, c)), 0);
  st.buildCache = records(st).filter((c) => !gone.has(c.id));
  if (all) {
    for (const c of removed) {
      const layer = c.kind === 'layer' && c.ref !== undefined ? tableGet(st.layers, c.ref) : undefined;
      if (layer?.cached) layer.cached = false;
    }
  }
  // RUN --mount=type=cache directories go with the rest of the build cache, and so do the
  // contexts' sources (every prune deletes source records): the next build sends them whole.
  delete st.buildMountCache;
  delete st.buildContextSent;
  return { ids: removed.map((c) => c.id), bytes };
}

/**
 * Whether BuildKit transfers the context for these stages: a COPY or ADD without --from, or a RUN
 * bind mount without from= (its default source is the context). A COPY of here-documents alone
 * reads no context but leaves a record of the documents instead (observed on 26.1: 5 records,
 * 37 B for a 3-byte document); strata counts it as a context record of the context's bytes, which
 * gives BuildKit's count, not its bytes.
 */
export function readsContext(stages: readonly Stage[]): boolean {
  return stages.some((s) =>
    s.commands.some((ins) =>
      ins.cmd === 'COPY' || ins.cmd === 'ADD'
        ? !/(^|\s)--from[=\s]/.test(ins.rest)
        : ins.cmd === 'RUN' && /--mount=\S*type=bind/.test(ins.rest) && !/--mount=\S*from=/.test(ins.rest),
    ),
  );
}
