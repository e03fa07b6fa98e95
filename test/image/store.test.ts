// The image store's reference rules: the familiar form the daemon normalizes a reference to
// (reference.ParseNormalizedNamed + FamiliarString), lookups by tag, digest, full or short ID,
// and the history's image IDs along the parent chain (moby ImageHistory).

import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/engine/initial-state.ts';
import { tableGet, tableSet } from '../../src/engine/table.ts';
import type { EngineState, Image } from '../../src/engine/state.ts';
import { BASE_IMAGE_ID } from '../../src/image/base.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { catalogEntries } from '../../src/image/catalog/index.ts';
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
  // (on the oracle's busybox:latest, BASE_IMAGE_ID)
  const st = initialState({ oracleBase: true });
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
    expect(isIntermediate(st, grandchild.id)).toBe(false); // untagged, but no child: dangling
    st.tags['base:latest'] = child.id;
    expect(isIntermediate(st, child.id)).toBe(false); // a parent with a tag is an image of its own
    st.digests = { ['app@sha256:' + 'e'.repeat(64)]: grandchild.id };
    expect(isDangling(st, grandchild.id)).toBe(false);
  });
});

describe('the reference store\'s order (moby reference/store.go lexicalRefs)', () => {
  it('sorts references by their full form: Docker Hub\'s docker.io/, library/ for one component, a registry as written', () => {
    const st = initialState({ oracleBase: true });
    // given in reverse, so that only the comparison can put them in order
    const expected = ['Reg/x:latest', '0x/app:latest', 'lib/x:latest', 'aaa:latest', 'zzz:latest', 'me/app:latest', 'e.io/x:latest', 'localhost/x:latest'];
    // full forms: Reg/x (an upper-case first component is a registry), docker.io/0x/app, docker.io/lib/x,
    // docker.io/library/aaa, docker.io/library/zzz, docker.io/me/app, e.io/x, localhost/x
    for (const t of [...expected].reverse()) st.tags[t] = BASE_IMAGE_ID;
    delete st.tags['busybox:latest'];
    expect(tagsOf(st, BASE_IMAGE_ID)).toEqual(expected);
  });
});

// Digest references come only from a pull, and the oracle has no registry: these rules are
// pinned against moby's daemon/images/image_delete.go (ImageDelete, isSingleReference,
// imageDeleteHelper) and image_prune.go (ImagesPrune), with a catalog image as the pull.
describe('digest references (moby image_delete.go, image_prune.go)', () => {
  const e = catalogEntries().find((x) => x.repository === 'alpine' && x.tag === 'latest')!;
  const tag = `${e.repository}:${e.tag}`;
  const digest = `${e.repository}@${e.registry.digest}`;

  // (the oracle's stand-ins, whose layers BuildKit's cache keeps: a normal install's pulled image is
  // the real one, whose freed layers strata does not know, test/image/rmi-real.test.ts)
  function pulled(): { d: SimulatedDocker; id: string } {
    const d = new SimulatedDocker({ engine: 'docker-20.10', busyboxStandIns: true });
    ok(d, `docker pull ${tag}`);
    return { d, id: ok(d, `docker image inspect -f '{{.Id}}' ${tag}`).trim().slice('sha256:'.length) };
  }
  function ok(d: SimulatedDocker, line: string): string {
    const r = d.run(line);
    if (r.exitCode !== 0) throw new Error(`\`${line}\` exited ${r.exitCode}: ${r.output}`);
    return r.output;
  }
  const untagged = (out: string): string[] => out.split('\n').filter((l) => l.startsWith('Untagged: '));
  const digestsOf = (d: SimulatedDocker, ref: string): string => ok(d, `docker image inspect -f '{{json .RepoDigests}}' ${ref}`).trim();
  /** The pulled image with a tag of another repository and its digest, no tag of its own (the tag moved on). */
  function digestBesideOtherTag(): { d: SimulatedDocker; id: string } {
    const p = pulled();
    ok(p.d, `docker tag ${tag} zz`);
    ok(p.d, `docker tag busybox ${tag}`);
    return p;
  }

  it('a pull stores the repository digest of the pulled image only', () => {
    const { d } = pulled();
    expect(digestsOf(d, tag)).toBe(`["${digest}"]`);
    expect(digestsOf(d, 'busybox')).toBe('[]');
  });

  it('the last tag of a repository takes its digests; another tag of the repository keeps them', () => {
    const { d, id } = pulled();
    ok(d, `docker tag ${tag} ${e.repository}:mine`);
    expect(untagged(ok(d, `docker rmi ${tag}`))).toEqual([`Untagged: ${tag}`]);
    expect(digestsOf(d, id)).toBe(`["${digest}"]`);
    const out = ok(d, `docker rmi ${e.repository}:mine`);
    expect(untagged(out)).toEqual([`Untagged: ${e.repository}:mine`, `Untagged: ${digest}`]);
    expect(out).toContain(`Deleted: sha256:${id}\n`);
  });

  it('a tag of another repository keeps the image, without the digests of the tag\'s repository', () => {
    const { d, id } = pulled();
    ok(d, `docker tag ${tag} zz`);
    expect(untagged(ok(d, `docker rmi ${tag}`))).toEqual([`Untagged: ${tag}`, `Untagged: ${digest}`]);
    expect(digestsOf(d, id)).toBe('[]');
    expect(ok(d, `docker image inspect -f '{{json .RepoTags}}' ${id}`)).toBe('["zz:latest"]\n');
  });

  it('rmi by digest untags only the digest; the tag keeps the image', () => {
    const { d, id } = pulled();
    expect(ok(d, `docker rmi ${digest}`)).toBe(`Untagged: ${digest}\n`);
    expect(digestsOf(d, id)).toBe('[]');
    expect(ok(d, `docker image inspect -f '{{json .RepoTags}}' ${id}`)).toBe(`["${tag}"]\n`);
  });

  it('rmi by ID: one tag and its repository\'s digest are one reference; -f lists every reference in the store\'s order', () => {
    const a = pulled();
    const out = ok(a.d, `docker rmi ${a.id.slice(0, 12)}`);
    expect(untagged(out)).toEqual([`Untagged: ${tag}`, `Untagged: ${digest}`]);
    expect(out).toContain(`Deleted: sha256:${a.id}\n`);
    const b = pulled();
    ok(b.d, `docker tag ${tag} zz`);
    // docker.io/library/alpine:latest < docker.io/library/alpine@sha256:... < docker.io/library/zz:latest
    expect(untagged(ok(b.d, `docker rmi -f ${b.id.slice(0, 12)}`))).toEqual([`Untagged: ${tag}`, `Untagged: ${digest}`, 'Untagged: zz:latest']);
  });

  it('a digest beside a tag of another repository: not a single reference, and the tag goes alone', () => {
    const a = digestBesideOtherTag();
    expect(a.d.run(`docker rmi ${a.id.slice(0, 12)}`).output).toBe(`Error response from daemon: conflict: unable to delete ${a.id.slice(0, 12)} (must be forced) - image is referenced in multiple repositories\n`);
    // a container using it does not hold the tag back: isSingleReference counts the digest
    ok(a.d, `docker create --name user zz`);
    expect(ok(a.d, 'docker rmi zz')).toBe('Untagged: zz:latest\n');
    expect(digestsOf(a.d, a.id)).toBe(`["${digest}"]`);
    const b = digestBesideOtherTag();
    expect(ok(b.d, 'docker rmi -f zz')).toBe('Untagged: zz:latest\n');
    expect(digestsOf(b.d, b.id)).toBe(`["${digest}"]`);
  });

  it('an image known by its digest alone: a container holds the digest back; by ID or prune it goes', () => {
    const a = pulled();
    ok(a.d, `docker tag busybox ${tag}`);
    ok(a.d, `docker create --name user ${a.id.slice(0, 12)}`);
    const held = a.d.run(`docker rmi ${digest}`);
    expect(held.exitCode).toBe(1);
    expect(held.output).toBe(`Error response from daemon: conflict: unable to remove repository reference "${digest}" (must force) - container ${ok(a.d, "docker inspect -f '{{.Id}}' user").slice(0, 12)} is using its referenced image ${a.id.slice(0, 12)}\n`);
    const b = pulled();
    ok(b.d, `docker tag busybox ${tag}`);
    const byId = ok(b.d, `docker rmi ${b.id.slice(0, 12)}`);
    expect(untagged(byId)).toEqual([`Untagged: ${digest}`]);
    expect(byId).toContain(`Deleted: sha256:${b.id}\n`);
    const c = pulled();
    ok(c.d, `docker tag busybox ${tag}`);
    const pruned = ok(c.d, 'docker image prune -f');
    expect(pruned.startsWith(`Deleted Images:\nuntagged: ${digest}\ndeleted: sha256:${c.id}\n`)).toBe(true);
  });

  it('prune without -a leaves an image with a digest and a child: only heads are candidates (moby imageStore.Heads)', () => {
    const { d, id } = pulled();
    ok(d, `docker tag busybox ${tag}`);
    ok(d, `docker create --name maker ${id.slice(0, 12)}`);
    ok(d, 'docker commit maker kid');
    ok(d, 'docker rm maker');
    expect(ok(d, 'docker image prune -f')).toBe('Total reclaimed space: 0B\n');
    expect(digestsOf(d, id)).toBe(`["${digest}"]`);
  });

  it('prune -a deletes through every reference, the other repository\'s digest too', () => {
    const { d, id } = digestBesideOtherTag();
    const out = ok(d, 'docker image prune -a -f');
    expect(out.startsWith(`Deleted Images:\nuntagged: ${digest}\nuntagged: zz:latest\ndeleted: sha256:${id}\n`)).toBe(true);
  });
});
