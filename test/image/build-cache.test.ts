// BuildKit's build cache records as `docker system df` and `docker system prune` count them
// (recorded on 26.1: test/recorded/docker-26.1/sizes/build-cache, build-cache-reuse): a Dockerfile
// on stdin brings a record of itself (its bytes) and an empty context at every build; a directory
// context's sources are made once per directory and reused (the Dockerfile, the .dockerignore
// probe, and the context's files once a build reads them); one record per layer made anew, and one
// for the base image the first time; a layer an image uses counts 0 bytes; prune deletes the
// sources and the layers no image holds, never the base records.

import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/engine/initial-state.ts';
import { nextId } from '../../src/engine/ids.ts';
import { tableDelete, tablePeek, tableSet } from '../../src/engine/table.ts';
import { BASE_IMAGE_ID, BASE_LAYER_ID } from '../../src/image/base.ts';
import { contextFilesSize, pruneBuildCache, reclaimableRecords, recordBuild, recordSize } from '../../src/image/build/cache.ts';
import { DockerIgnore } from '../../src/image/build/context.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { dir } from '../../src/fs/node.ts';

describe('build cache records', () => {
  it('a build adds its Dockerfile, its context, its new layers, and the base image once', () => {
    const st = initialState();
    tableSet(st.layers, 'L1', { id: 'L1', tree: dir(), size: 3 });
    tableSet(st.layers, 'L2', { id: 'L2', tree: dir(), size: 48 });
    recordBuild(st, { dockerfileBytes: 30, baseImage: 'busybox', newLayers: ['L1'] });
    expect(st.buildCache!.map((c) => [c.kind, c.size, c.ref])).toEqual([
      ['base', 0, 'busybox'],
      ['source', 30, undefined],
      ['source', 0, undefined],
      ['layer', 3, 'L1'],
    ]);
    // a directory context that the build reads: the Dockerfile, the .dockerignore probe, its files'
    // bytes; the same base adds nothing
    recordBuild(st, { dockerfileBytes: 40, context: { dir: '/w/a', bytes: 6, read: true }, baseImage: 'busybox', newLayers: ['L2', 'gone'] });
    expect(st.buildCache!.slice(4).map((c) => [c.kind, c.size, c.ref])).toEqual([
      ['source', 40, undefined],
      ['source', 0, undefined],
      ['source', 6, undefined],
      ['layer', 48, 'L2'],
      ['layer', 0, 'gone'],
    ]);
    // the same directory again: its sources are reused as first made (sizes too); a build that
    // does not read a new directory's context makes no record of its files
    recordBuild(st, { dockerfileBytes: 99, context: { dir: '/w/a', bytes: 60, read: true }, baseImage: 'busybox', newLayers: [] });
    expect(st.buildCache!).toHaveLength(9);
    recordBuild(st, { dockerfileBytes: 33, context: { dir: '/w/b', bytes: 0, read: false }, baseImage: 'busybox', newLayers: [] });
    expect(st.buildCache!.slice(9).map((c) => [c.kind, c.size])).toEqual([
      ['source', 33],
      ['source', 0],
    ]);
    recordBuild(st, { dockerfileBytes: 33, context: { dir: '/w/b', bytes: 5, read: true }, baseImage: 'busybox', newLayers: [] });
    expect(st.buildCache!.slice(11).map((c) => [c.kind, c.size])).toEqual([['source', 5]]);
    // a Dockerfile on stdin: fresh records every time
    recordBuild(st, { dockerfileBytes: 30, baseImage: 'busybox', newLayers: [] });
    recordBuild(st, { dockerfileBytes: 30, baseImage: 'busybox', newLayers: [] });
    expect(st.buildCache!).toHaveLength(16);
    recordBuild(st, { dockerfileBytes: 1, baseImage: 'alpine', newLayers: [] });
    expect(st.buildCache!.filter((c) => c.kind === 'base').map((c) => c.ref)).toEqual(['busybox', 'alpine']);
    // record IDs: 25 characters of [0-9a-z], all different
    const ids = st.buildCache!.map((c) => c.id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{25}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a layer an image holds counts nothing and stays; prune deletes the sources and the free layers', () => {
    const st = initialState();
    tableSet(st.layers, 'L1', { id: 'L1', tree: dir(), size: 3 });
    tableSet(st.layers, 'L2', { id: 'L2', tree: dir(), size: 5 });
    tableSet(st.images, 'img', { ...tablePeek(st.images, BASE_IMAGE_ID)!, id: 'img', layers: [BASE_LAYER_ID, 'L1'] });
    recordBuild(st, { dockerfileBytes: 30, context: { dir: '/w', bytes: 6, read: true }, baseImage: 'busybox', newLayers: ['L1', 'L2'] });
    const [base, , , , used, free] = st.buildCache!;
    expect([recordSize(st, base), recordSize(st, used), recordSize(st, free)]).toEqual([0, 0, 5]);
    expect(reclaimableRecords(st).map((c) => [c.kind, c.size])).toEqual([
      ['source', 30],
      ['source', 0],
      ['source', 6],
      ['layer', 5],
    ]);
    st.buildMountCache = { '/c': dir() };
    const pruned = pruneBuildCache(st);
    expect(pruned.bytes).toBe(30 + 6 + 5);
    expect(pruned.ids).toHaveLength(4);
    expect(st.buildCache!.map((c) => c.kind)).toEqual(['base', 'layer']);
    expect(st.buildMountCache).toBeUndefined();
    // once no image holds the layer, it is its size and prune takes it (recorded: rmi a4, then prune: 6B)
    tableDelete(st.images, 'img');
    expect(recordSize(st, st.buildCache![1])).toBe(3);
    expect(pruneBuildCache(st)).toEqual({ ids: [used.id], bytes: 3 });
    expect(pruneBuildCache(st)).toEqual({ ids: [], bytes: 0 });
  });

  it('prune with all (system prune -a) deletes every record at its full size and lets the images free their layers', () => {
    const st = initialState();
    tableSet(st.layers, 'L1', { id: 'L1', tree: dir(), size: 4, cached: true });
    tableSet(st.images, 'img', { ...tablePeek(st.images, BASE_IMAGE_ID)!, id: 'img', layers: [BASE_LAYER_ID, 'L1'] });
    recordBuild(st, { dockerfileBytes: 33, context: { dir: '/w', bytes: 0, read: false }, baseImage: 'busybox', newLayers: ['L1'] });
    // held by an image, the layer's record is shared: a plain prune keeps it
    expect(pruneBuildCache(st).ids).toHaveLength(2);
    expect(tablePeek(st.layers, 'L1')!.cached).toBe(true);
    const all = pruneBuildCache(st, true);
    expect(all.ids).toHaveLength(2);
    expect(all.bytes).toBe(4);
    expect(st.buildCache).toEqual([]);
    expect(tablePeek(st.layers, 'L1')!.cached).toBe(false);
  });

  it('a state without a build cache has nothing to reclaim, and keeps none after a prune', () => {
    const st = initialState();
    expect(reclaimableRecords(st)).toEqual([]);
    expect(pruneBuildCache(st)).toEqual({ ids: [], bytes: 0 });
    expect(st.buildCache).toEqual([]);
  });

  it('records draw IDs from the engine\'s generator: no ID drawn later repeats one drawn before', () => {
    const st = initialState();
    const before = Array.from({ length: 6 }, () => nextId(st.ids));
    recordBuild(st, { dockerfileBytes: 1, baseImage: 'busybox', newLayers: [] });
    expect(before).not.toContain(nextId(st.ids));
  });
});

describe('contextFilesSize', () => {
  it('counts the bytes of the files sent, without the Dockerfile or what .dockerignore leaves out', () => {
    const fs = memoryFs();
    fs.mkdir('/ctx');
    fs.writeFile('/ctx/Dockerfile', 'FROM busybox\n');
    fs.writeFile('/ctx/f.txt', 'hello\n');
    fs.mkdir('/ctx/docs');
    fs.writeFile('/ctx/docs/README.md', 'r\n');
    fs.writeFile('/ctx/docs/other.md', 'other\n');
    fs.mkdir('/ctx/sub');
    fs.writeFile('/ctx/sub/Dockerfile', '12345');
    expect(contextFilesSize(fs, '/ctx', new DockerIgnore(''), 'Dockerfile')).toBe(6 + 2 + 6 + 5);
    // an exception below an excluded directory is still sent
    expect(contextFilesSize(fs, '/ctx', new DockerIgnore('docs\n!docs/README.md\n'), 'Dockerfile')).toBe(6 + 2 + 5);
    expect(contextFilesSize(fs, '/ctx', new DockerIgnore('docs\nsub\n'), 'Dockerfile')).toBe(6);
    // an excluded file that an exception seems to start inside is still left out
    expect(contextFilesSize(fs, '/ctx', new DockerIgnore('f.txt\n!f.txt/x\n'), 'Dockerfile')).toBe(2 + 6 + 5);
    // the Dockerfile named by -f is the one left out
    expect(contextFilesSize(fs, '/ctx', new DockerIgnore(''), 'sub/Dockerfile')).toBe(13 + 6 + 2 + 6);
  });
});
