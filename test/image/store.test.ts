// The image store's reference rules: the familiar form the daemon normalizes a reference to
// (reference.ParseNormalizedNamed + FamiliarString), lookups by tag, digest, full or short ID,
// and the history's image IDs along the parent chain (moby ImageHistory).

import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/engine/initial-state.ts';
import { tableGet, tableSet } from '../../src/engine/table.ts';
import type { EngineState, Image } from '../../src/engine/state.ts';
import { BASE_IMAGE_ID } from '../../src/image/base.ts';
import { findImage, historyIds, isDangling, isIdRef, isIntermediate, noSuchImage, normalizeRef, tagsOf } from '../../src/image/store.ts';

describe('normalizeRef', () => {
  it('drops the default registry and library/, adds :latest when there is no tag', () => {
    expect(normalizeRef('postgres')).toBe('postgres:latest');
    expect(normalizeRef('docker.io/library/postgres')).toBe('postgres:latest');
    expect(normalizeRef('index.docker.io/library/postgres:16')).toBe('postgres:16');
    expect(normalizeRef('docker.io/me/app')).toBe('me/app:latest');
    expect(normalizeRef('library/a/b')).toBe('library/a/b:latest');
  });
  it('tells a registry port from a tag, and keeps a digest reference as it is', () => {
    expect(normalizeRef('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(normalizeRef('localhost:5000/app:v1')).toBe('localhost:5000/app:v1');
    const digest = 'app@sha256:' + 'a'.repeat(64);
    expect(normalizeRef(digest)).toBe(digest);
    expect(normalizeRef('docker.io/library/' + digest)).toBe(digest);
  });
  it('words the daemon\'s No such image with the normalized reference, an ID as given', () => {
    expect(noSuchImage('nothere')).toBe('No such image: nothere:latest');
    expect(noSuchImage('sha256:abcd')).toBe('No such image: sha256:abcd');
  });
});

function withImages(): { st: EngineState; child: Image; grandchild: Image } {
  const st = initialState();
  const base = tableGet(st.images, BASE_IMAGE_ID)!;
  const child: Image = { ...base, id: 'c'.repeat(63) + '1', parent: BASE_IMAGE_ID, history: [...base.history, { ...base.history[0], createdBy: 'RUN a' }] };
  const grandchild: Image = { ...base, id: 'c'.repeat(63) + '2', parent: child.id, history: [...child.history, { ...base.history[0], createdBy: 'RUN b' }] };
  tableSet(st.images, child.id, child);
  tableSet(st.images, grandchild.id, grandchild);
  st.tags['app:latest'] = grandchild.id;
  return { st, child, grandchild };
}

describe('image lookups', () => {
  it('find by tag (normalized), by full or unique short ID, with or without sha256:', () => {
    const { st, child, grandchild } = withImages();
    expect(findImage(st, 'app')).toBe(grandchild);
    expect(findImage(st, 'docker.io/library/app:latest')).toBe(grandchild);
    expect(findImage(st, child.id)).toBe(child);
    expect(findImage(st, 'sha256:' + child.id)).toBe(child);
    expect(findImage(st, BASE_IMAGE_ID.slice(0, 4))).toBe(tableGet(st.images, BASE_IMAGE_ID));
    // ambiguous, too short, not hex, removed
    expect(findImage(st, 'cccc')).toBeUndefined();
    expect(findImage(st, BASE_IMAGE_ID.slice(0, 3))).toBeUndefined();
    expect(findImage(st, 'app:other')).toBeUndefined();
    tableGet(st.images, child.id)!.removed = true;
    expect(findImage(st, child.id)).toBeUndefined();
    expect(isIdRef(child, child.id.slice(0, 12))).toBe(true);
    expect(isIdRef(child, 'sha256:' + child.id.slice(0, 12))).toBe(true);
    expect(isIdRef(child, 'app')).toBe(false);
  });

  it('history rows carry the image IDs of the parent chain, <missing> past its end or a removed parent', () => {
    const { st, child, grandchild } = withImages();
    expect(historyIds(st, grandchild)).toEqual([grandchild.id, child.id, BASE_IMAGE_ID]);
    const orphan: Image = { ...grandchild, id: 'd'.repeat(64), parent: '' };
    expect(historyIds(st, orphan)).toEqual([orphan.id, undefined, undefined]);
    tableGet(st.images, child.id)!.removed = true;
    expect(historyIds(st, grandchild)).toEqual([grandchild.id, undefined, undefined]);
  });

  it('an untagged parent of another image is an intermediate, not dangling; a tag or a child keeps an image from dangling', () => {
    const { st, child, grandchild } = withImages();
    expect(tagsOf(st, grandchild.id)).toEqual(['app:latest']);
    expect(isIntermediate(st, child.id)).toBe(true);
    expect(isDangling(st, child.id)).toBe(false);
    expect(isIntermediate(st, grandchild.id)).toBe(false);
    expect(isDangling(st, grandchild.id)).toBe(false);
    delete st.tags['app:latest'];
    expect(isDangling(st, grandchild.id)).toBe(true);
    st.digests = { ['app@sha256:' + 'e'.repeat(64)]: grandchild.id };
    expect(isDangling(st, grandchild.id)).toBe(false);
  });
});
