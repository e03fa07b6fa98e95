// docker save's legacy per-layer JSON (the v1 image: `<v1 id>/json` on 20.10, a blob on 26.1),
// the image config beside it, and the owner names in a saved layer's tar. Ground truth:
// test/recorded/docker-*/image-layers/savev1-layer-json.scenario and savev1-layer-owners.scenario
// (both engines); the busybox IDs below are the oracle's own, printed unnormalized while recording.

import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readTar } from '../../src/archive/tar.ts';
import { hostFs } from '../../src/container/runtime-fs.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { HOST_CWD } from '../../src/engine/initial-state.ts';
import { BASE_IMAGE_ID } from '../../src/image/base.ts';
import { chainIds } from '../../src/image/config-json.ts';
import { expectRecordingFile } from '../container/recorded.ts';

const sha256 = (bytes: string): string => createHash('sha256').update(bytes, 'latin1').digest('hex');

function ok(d: SimulatedDocker, line: string): string {
  const r = d.run(line);
  if (r.exitCode !== 0) throw new Error(`\`${line}\` exited ${r.exitCode}: ${r.output}`);
  return r.output;
}

function members(d: SimulatedDocker, path: string): Map<string, string> {
  return new Map(readTar(hostFs(d.state).readFile(`${HOST_CWD}/${path}`)).map((e) => [e.name.replace(/\/$/, ''), e.data ?? '']));
}

/** The oracle's busybox:latest saved: its v1 ID (20.10's directory) and the digest of that JSON (26.1's blob). */
const BUSYBOX_V1_ID = 'ed560cdae1518386b4087b3a98055a4e6b67d4fd01ecc9aeb62757599f640e09';
const BUSYBOX_V1_BLOB = '6cb2c4a75533521164b639a6108f6bd5139fc5dba44f68ff585cdaad57b58f0b';

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker save: legacy layer JSON and layer owners (%s)', (engine) => {
  it('replays the recordings', () => {
    expectRecordingFile(engine, 'image-layers/savev1-layer-json', true);
    expectRecordingFile(engine, 'image-layers/savev1-layer-owners', true);
    expectRecordingFile(engine, 'image-layers/savev1-shared-layer', true);
    expectRecordingFile(engine, 'image-layers/savev1-import-config', true);
  });

  it("writes an import's config as the daemon does: its version and a zero container config, no container", () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    ok(d, 'mkdir -p s/d && echo x > s/d/f && tar -cf in.tar -C s d');
    ok(d, "docker import -m 'msg <1>' in.tar imp");
    ok(d, 'docker save -o imp.tar imp');
    const m = members(d, 'imp.tar');
    const manifest = JSON.parse(m.get('manifest.json')!) as { Config: string }[];
    const config = m.get(manifest[0].Config)!;
    const version = engine === 'docker-20.10' ? '20.10.24+dfsg1' : '26.1.5+dfsg1';
    expect(Object.keys(JSON.parse(config))).toEqual(['architecture', 'comment', 'config', 'container_config', 'created', 'docker_version', 'history', 'os', 'rootfs']);
    expect(config).toContain('"comment":"msg \\u003c1\\u003e"');
    expect(JSON.parse(config).docker_version).toBe(version);
    expect(JSON.parse(config).container_config.Cmd).toBe(null);
    expect(ok(d, "docker image inspect --format '{{.DockerVersion}}' imp")).toBe(`${version}\n`);
  });

  it('writes a layer saved under a second v1 ID once: 20.10 links it, 26.1 has one blob; load reads it through the link', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    ok(d, "docker run --name cc busybox sh -c 'echo x > /x' && docker commit cc child");
    ok(d, 'docker save -o two.tar busybox child');
    const entries = readTar(hostFs(d.state).readFile(`${HOST_CWD}/two.tar`));
    const layers = entries.filter((e) => /layer\.tar$|^blobs\/sha256\/./.test(e.name) && (e.data === undefined || e.data.length > 2000));
    if (engine === 'docker-20.10') {
      const links = layers.filter((e) => e.type === 'symlink');
      expect(links).toHaveLength(1);
      expect(links[0].linkname).toBe(`../${BUSYBOX_V1_ID}/layer.tar`);
      expect(links[0].mode).toBe(0o777);
    } else expect(layers.filter((e) => e.data !== undefined && e.data.length === 2129920)).toHaveLength(1);
    ok(d, 'docker rm cc && docker rmi child busybox');
    expect(ok(d, 'docker load -i two.tar')).toBe('Loaded image: busybox:latest\nLoaded image: child:latest\n');
    expect(ok(d, 'docker run --rm child cat /x /bin/busybox | wc -c')).toBe('1982258\n');
  });

  it("writes busybox's config and v1 JSON with the bytes the oracle's have (its image ID is the config's digest)", () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    ok(d, 'docker save -o bb.tar busybox');
    const m = members(d, 'bb.tar');
    const config = m.get(engine === 'docker-20.10' ? `${BASE_IMAGE_ID}.json` : `blobs/sha256/${BASE_IMAGE_ID}`)!;
    expect(config.length).toBe(405);
    expect(sha256(config)).toBe(BASE_IMAGE_ID);
    const json = m.get(engine === 'docker-20.10' ? `${BUSYBOX_V1_ID}/json` : `blobs/sha256/${BUSYBOX_V1_BLOB}`)!;
    expect(json.length).toBe(721);
    expect(sha256(json)).toBe(BUSYBOX_V1_BLOB);
    expect(JSON.parse(json).id).toBe(BUSYBOX_V1_ID);
    // both written by a json.Encoder: a newline at the end
    expect(m.get('manifest.json')!.endsWith(']\n')).toBe(true);
    expect(m.get('repositories')).toBe(`{"busybox":{"latest":"${engine === 'docker-20.10' ? BUSYBOX_V1_ID : '6e4212a3223d2a922dca4a830fbe1bee2ef258d3c554b188f759dc2f845514e0'}"}}\n`);
  });

  it('chains the v1 JSON of every layer: the lower ones empty at the epoch, the top one the image\'s', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    ok(d, "docker run --name one busybox sh -c 'echo 1 > /one'");
    ok(d, 'docker commit one first');
    ok(d, "docker run --name two first sh -c 'echo 2 > /two'");
    ok(d, "docker commit -a 'Ann <a@x>' -m 'second & last' two second");
    ok(d, 'docker save -o s.tar second');
    const m = members(d, 's.tar');
    const jsons = [...m.entries()].filter(([, v]) => v.startsWith('{"id":"')).map(([, v]) => JSON.parse(v) as Record<string, unknown>);
    expect(jsons).toHaveLength(3);
    const byParent = new Map(jsons.map((j) => [j.parent ?? '', j]));
    const chain = [byParent.get('')!];
    while (byParent.has(chain[chain.length - 1].id as string)) chain.push(byParent.get(chain[chain.length - 1].id as string)!);
    expect(chain).toHaveLength(3);
    for (const lower of chain.slice(0, 2)) {
      expect(Object.keys(lower)).toEqual(['id', ...(lower.parent === undefined ? [] : ['parent']), 'created', 'container_config', 'os']);
      expect(lower.created).toBe('1970-01-01T00:00:00Z');
    }
    const top = chain[2];
    // a commit's message is not its V1Image's (image.NewChildImage; recorded: image-layers/loadkeep-roundtrip)
    expect(Object.keys(top)).toEqual(['id', 'parent', 'created', 'container', 'container_config', 'docker_version', 'author', 'config', 'architecture', 'os']);
    expect([top.author, top.docker_version]).toEqual(['Ann <a@x>', engine === 'docker-20.10' ? '20.10.24+dfsg1' : '26.1.5+dfsg1']);
    // json.Marshal escapes HTML characters in the file
    const raw = [...m.values()].find((v) => v.startsWith(`{"id":"${top.id as string}"`))!;
    expect(raw).toContain('"author":"Ann \\u003ca@x\\u003e"');
    // a layer shared with the first image keeps its v1 ID only while it is a lower layer
    ok(d, 'docker save -o f.tar first');
    const firstIds = [...members(d, 'f.tar').values()].filter((v) => v.startsWith('{"id":"')).map((v) => JSON.parse(v).id as string);
    expect(firstIds).toContain(chain[0].id);
    expect(firstIds).not.toContain(chain[1].id);
  });

  it('names the owners in a committed layer as the daemon host does on 20.10, by number on 26.1', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    ok(d, "docker run --name own busybox sh -c 'touch /a /b /c && chown 1:2 /a && chown 65534:65534 /b && chown 4242:4343 /c'");
    ok(d, 'docker commit own owned');
    ok(d, 'docker save -o o.tar owned');
    const m = members(d, 'o.tar');
    const manifest = JSON.parse(m.get('manifest.json')!) as { Layers: string[] }[];
    const layer = readTar(m.get(manifest[0].Layers[1])!);
    const names = Object.fromEntries(layer.map((e) => [e.name, `${e.uname ?? ''}/${e.gname ?? ''}`]));
    expect(names).toEqual(engine === 'docker-20.10' ? { a: 'daemon/bin', b: 'nobody/nogroup', c: '/' } : { a: '/', b: '/', c: '/' });
    // the base layer is the tar the oracle loaded: numbers only
    expect(readTar(m.get(manifest[0].Layers[0])!).every((e) => e.uname === undefined)).toBe(true);
  });

  it('loads back the container and its config that a commit recorded', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    ok(d, "docker run --name src --label k=v -e A=1 busybox sh -c 'echo > /f'");
    ok(d, 'docker commit src c1');
    const format = "docker image inspect --format '{{.Container}}|{{json .ContainerConfig}}|{{json .Config}}' c1";
    const before = ok(d, format);
    ok(d, 'docker save -o c.tar c1 && docker rmi c1 && docker load -i c.tar');
    expect(ok(d, format)).toBe(before);
  });
});

describe('chain IDs', () => {
  it('are the first diff ID, then the digest of the chain below and the diff ID', () => {
    const [a, b] = ['a'.repeat(64), 'b'.repeat(64)];
    expect(chainIds([a, b])).toEqual([a, sha256(`sha256:${a} sha256:${b}`)]);
    expect(chainIds([])).toEqual([]);
  });
});
