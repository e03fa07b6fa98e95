// docker save then docker load (moby image/tarexport): the archive names every layer by the
// digest of its tar (the config's rootfs.diff_ids), the manifest points at the config and the
// layers, repositories at the top layer; loading it into another daemon gives back the same
// image (the ID the config is named by), tags, layers and history. Every engine here starts with
// the oracle's busybox:latest (EngineOptions.oracleBase), whose layer strata has byte for byte: a
// normal install's real busybox:latest has stub binaries, and saving it is refused by name
// (src/image/archive.ts; test/image/busybox-real.test.ts).

import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readTar } from '../../src/archive/tar.ts';
import { hostFs } from '../../src/container/runtime-fs.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { tablePeek } from '../../src/engine/table.ts';
import { HOST_CWD } from '../../src/engine/initial-state.ts';
import { BASE_LAYER_ID } from '../../src/image/base.ts';

function ok(d: SimulatedDocker, line: string): string {
  const r = d.run(line);
  if (r.exitCode !== 0) throw new Error(`\`${line}\` exited ${r.exitCode}: ${r.output}`);
  return r.output;
}

const sha256 = (bytes: string): string => createHash('sha256').update(bytes, 'latin1').digest('hex');

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker save | docker load (%s)', (engine) => {
  it('names layers by their digest, and another daemon loads the same image back', () => {
    const d = new SimulatedDocker({ engine, oracleBase: true });
    ok(d, `docker run --name src busybox sh -c 'mkdir /d && echo saved > /d/f && ln -s f /d/l'`);
    const id = ok(d, `docker commit -a me -m msg -c 'ENV A=1' -c 'CMD ["cat", "/d/f"]' src mine:v1`).trim().replace('sha256:', '');
    ok(d, 'docker tag mine:v1 mine:v2');
    ok(d, 'docker save -o both.tar mine:v1 mine:v2');
    const archive = hostFs(d.state).readFile(`${HOST_CWD}/both.tar`);
    const members = new Map(readTar(archive).map((e) => [e.name.replace(/\/$/, ''), e]));
    const manifest = JSON.parse(members.get('manifest.json')!.data!) as { Config: string; RepoTags: string[]; Layers: string[] }[];
    expect(manifest).toHaveLength(1);
    expect(manifest[0].RepoTags).toEqual(['mine:v1', 'mine:v2']);
    const configText = members.get(manifest[0].Config)!.data!;
    // the config is named by the image ID
    expect(manifest[0].Config).toBe(engine === 'docker-20.10' ? `${id}.json` : `blobs/sha256/${id}`);
    const config = JSON.parse(configText) as { architecture: string; os: string; author: string; comment: string; created: string; history: { created: string }[]; config: { Env: string[]; Cmd: string[] }; rootfs: { type: string; diff_ids: string[] } };
    // times are Go's time.Time in JSON: RFC 3339 strings (recorded: image-layers/save-config), the
    // daemon's with nine fraction digits, the loaded base's row whole seconds (src/image/config-json.ts)
    const rfc3339 = (seconds: number, whole = false): string => new Date(seconds * 1000).toISOString().replace('.000Z', whole ? 'Z' : '.000000000Z');
    expect([config.created, ...config.history.map((h) => h.created)]).toEqual([rfc3339(tablePeek(d.state.images, id)!.created), ...tablePeek(d.state.images, id)!.history.map((h, i) => rfc3339(h.created, i === 0))]);
    // a commit's message is its history row's only (image.NewChildImage; recorded: image-layers/loadkeep-roundtrip)
    expect([config.architecture, config.os, config.author, config.comment]).toEqual(['amd64', 'linux', 'me', undefined]);
    expect(config.config.Cmd).toEqual(['cat', '/d/f']);
    expect(config.config.Env).toContain('A=1');
    expect(config.rootfs.type).toBe('layers');
    // the oracle's busybox layer keeps its real digest (strata's tar of it holds a stub binary)
    expect(config.rootfs.diff_ids).toEqual(manifest[0].Layers.map((p, i) => `sha256:${i === 0 ? BASE_LAYER_ID : sha256(members.get(p)!.data!)}`));
    expect(config.rootfs.diff_ids).toHaveLength(2);
    // (26.1: the top layer's digest without `sha256:`, moby save.go `.Encoded()`)
    const top = engine === 'docker-20.10' ? manifest[0].Layers[1].split('/')[0] : config.rootfs.diff_ids[1].replace('sha256:', '');
    expect(JSON.parse(members.get('repositories')!.data!)).toEqual({ mine: { v1: top, v2: top } });
    if (engine === 'docker-20.10') {
      for (const p of manifest[0].Layers) expect(members.get(p.replace('layer.tar', 'VERSION'))!.data).toBe('1.0');
    } else {
      expect(JSON.parse(members.get('oci-layout')!.data!)).toEqual({ imageLayoutVersion: '1.0.0' });
      // one descriptor of the manifest per name saved, annotated with the full name and the tag (moby save.go; recorded: image-layers/save-oci-index)
      expect(JSON.parse(members.get('index.json')!.data!).manifests.map((m: { annotations: Record<string, string> }) => m.annotations)).toEqual([
        { 'io.containerd.image.name': 'docker.io/library/mine:v1', 'org.opencontainers.image.ref.name': 'v1' },
        { 'io.containerd.image.name': 'docker.io/library/mine:v2', 'org.opencontainers.image.ref.name': 'v2' },
      ]);
    }

    // another daemon of the same engine, on the same host
    const other = new SimulatedDocker({ engine, oracleBase: true });
    other.state = { ...other.state, host: d.state.host };
    expect(ok(other, 'docker load -i both.tar')).toBe('Loaded image: mine:v1\nLoaded image: mine:v2\n');
    const loaded = tablePeek(other.state.images, id)!;
    const original = tablePeek(d.state.images, id)!;
    expect(loaded.config).toEqual(original.config);
    expect(loaded.layers.map((l) => tablePeek(other.state.layers, l)!.size)).toEqual(original.layers.map((l) => tablePeek(d.state.layers, l)!.size));
    expect(loaded.history.map((h) => [h.created, h.createdBy, h.comment, h.emptyLayer, h.size])).toEqual(original.history.map((h) => [h.created, h.createdBy, h.comment, h.emptyLayer, h.size]));
    expect(loaded.created).toBe(original.created);
    expect(ok(other, 'docker run --rm mine:v2')).toBe('saved\n');
    expect(ok(other, 'docker run --rm mine:v1 readlink /d/l')).toBe('f\n');
    // an archive of an image saved by ID carries no tag: the daemon names the ID it loaded
    ok(d, `docker save -o byid.tar ${id.slice(0, 12)}`);
    // moby save.go: RepoTags is nil (JSON null) without a name, and no repositories file is written
    const byId = new Map(readTar(hostFs(d.state).readFile(`${HOST_CWD}/byid.tar`)).map((e) => [e.name.replace(/\/$/, ''), e]));
    expect(JSON.parse(byId.get('manifest.json')!.data!)[0].RepoTags).toBe(null);
    expect(byId.has('repositories')).toBe(false);
    const third = new SimulatedDocker({ engine, oracleBase: true });
    third.state = { ...third.state, host: d.state.host };
    expect(ok(third, 'docker load -i byid.tar')).toBe(`Loaded image ID: sha256:${id}\n`);
  });
});

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker save of images that share layers (%s)', (engine) => {
  it('writes each layer once (moby save.go savedLayers), and load gives back what the config says', () => {
    const d = new SimulatedDocker({ engine, oracleBase: true });
    // no author, no comment: the config leaves them out, and a load reads them as empty; ENV's
    // history row makes no layer (empty_layer)
    const id = ok(d, `docker build -q -t img:one - <<'EOF'\nFROM busybox\nENV A=1\nRUN echo one > /f\nEOF`).trim().replace('sha256:', '');
    ok(d, 'docker save -o two.tar img:one busybox');
    const names = readTar(hostFs(d.state).readFile(`${HOST_CWD}/two.tar`)).map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    const other = new SimulatedDocker({ engine, oracleBase: true });
    other.state = { ...other.state, host: d.state.host };
    ok(other, 'docker rmi busybox');
    expect(ok(other, 'docker load -i two.tar')).toBe('Loaded image: img:one\nLoaded image: busybox:latest\n');
    const [loaded, original] = [tablePeek(other.state.images, id)!, tablePeek(d.state.images, id)!];
    const authorComment = "docker image inspect --format '{{.Author}}|{{.Comment}}' img:one";
    expect(ok(other, authorComment)).toBe(ok(d, authorComment));
    expect(loaded.history.map((h) => [h.createdBy, h.emptyLayer, h.size])).toEqual(original.history.map((h) => [h.createdBy, h.emptyLayer, h.size]));
    expect(loaded.history.some((h) => h.emptyLayer)).toBe(true);
  });
  it("keeps a committed image's author and comment: they are in the config, whose digest is the image ID", () => {
    const d = new SimulatedDocker({ engine, oracleBase: true });
    ok(d, "docker run --name cc busybox true && docker commit -a 'Ann <ann@x>' -m 'a message' cc authored");
    ok(d, 'docker save -o a.tar authored && docker rmi authored');
    expect(ok(d, 'docker load -i a.tar')).toBe('Loaded image: authored:latest\n');
    expect(ok(d, "docker image inspect --format '{{.Author}}|{{.Comment}}' authored")).toBe('Ann <ann@x>|a message\n');
  });
  it('loads an archive unpacked and packed again with tar (members named ./manifest.json): moby untars it before reading manifest.json (image/tarexport/load.go)', () => {
    const d = new SimulatedDocker({ engine, oracleBase: true });
    ok(d, 'docker save -o s.tar busybox && mkdir x && tar -xf s.tar -C x && tar -cf re.tar -C x . && docker rmi busybox');
    expect(ok(d, 'docker load -i re.tar')).toBe('Loaded image: busybox:latest\n');
    expect(ok(d, 'docker run --rm busybox echo ok')).toBe('ok\n');
  });
});

describe('docker save keeps each layer tar with its tree', () => {
  it('saves the same bytes again, and each image its own top layer', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', oracleBase: true });
    for (const n of ['one', 'two']) {
      ok(d, `docker run --name c${n} busybox sh -c 'echo ${n} > /f'`);
      ok(d, `docker commit c${n} img:${n}`);
    }
    const save = (ref: string): Map<string, string> => {
      ok(d, `docker save -o out.tar ${ref}`);
      const members = readTar(hostFs(d.state).readFile(`${HOST_CWD}/out.tar`));
      return new Map(members.filter((e) => e.type === 'file').map((e) => [e.name, e.data ?? '']));
    };
    // the members that are layer tars (the others are JSON)
    const files = (member: string): string[] => {
      try {
        return readTar(member)
          .filter((e) => e.type === 'file' && e.name === 'f')
          .map((e) => e.data ?? '');
      } catch {
        return [];
      }
    };
    const one = save('img:one');
    const two = save('img:two');
    // the top layer's tar holds that image's file, whichever was saved before
    expect([...one.values()].flatMap(files)).toEqual(['one\n']);
    expect([...two.values()].flatMap(files)).toEqual(['two\n']);
    expect(save('img:one')).toEqual(one);
    // the base layer's tar is the same in both, and as a fresh engine saves it
    const base = (m: Map<string, string>): string[] => [...m.values()].filter((t) => t.length > 2_000_000);
    expect(base(one)).toEqual(base(two));
    const fresh = new SimulatedDocker({ engine: 'docker-26.1', oracleBase: true });
    ok(fresh, 'docker save -o b.tar busybox');
    const freshBase = readTar(hostFs(fresh.state).readFile(`${HOST_CWD}/b.tar`)).filter((e) => (e.data ?? '').length > 2_000_000);
    expect(freshBase.map((e) => e.data)).toEqual(base(one));
  });
});

describe('docker load of a gzip stream with corrupt data', () => {
  it('is `unexpected EOF` through 20.10\'s docker-untar child, refused on 26.1 (Go names the byte offset)', () => {
    for (const engine of ['docker-20.10', 'docker-26.1'] as const) {
      const d = new SimulatedDocker({ engine, oracleBase: true });
      ok(d, 'docker save busybox | gzip > bb.tgz');
      const gz = hostFs(d.state).readFile(`${HOST_CWD}/bb.tgz`);
      // a reserved block type right after the header
      ok(d, `printf '${[...gz.slice(0, 10)].map((c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`).join('')}\\377\\377\\377' > bad.tgz`);
      const r = d.run('docker load -i bad.tgz');
      if (engine === 'docker-20.10') expect([r.output, r.exitCode]).toEqual(['Error processing tar file(exit status 1): unexpected EOF\n', 1]);
      else expect([r.output.startsWith('strata does not simulate `docker load` of a gzip stream with corrupt data'), r.exitCode]).toEqual([true, 125]);
    }
  });
});
