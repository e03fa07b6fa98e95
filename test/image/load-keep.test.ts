// docker load keeps what it loaded (moby image/tarexport/load.go): the config's bytes are the
// image (its ID their digest; docker_version, author, comment, container_config as written) and a
// new layer's tar is kept byte for byte (tar-split), so docker save writes both back; docker
// import keeps its tar the same way (image_import.go). Recorded on both engines:
// image-layers/loadkeep-foreign, loadkeep-import, loadkeep-roundtrip.

import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readTar } from '../../src/archive/tar.ts';
import { hostFs } from '../../src/container/runtime-fs.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { HOST_CWD } from '../../src/engine/initial-state.ts';
import { tablePeek } from '../../src/engine/table.ts';

function ok(d: SimulatedDocker, line: string): string {
  const r = d.run(line);
  if (r.exitCode !== 0) throw new Error(`\`${line}\` exited ${r.exitCode}: ${r.output}`);
  return r.output;
}

const sha256 = (bytes: string): string => createHash('sha256').update(bytes, 'latin1').digest('hex');
const file = (d: SimulatedDocker, name: string): string => hostFs(d.state).readFile(`${HOST_CWD}/${name}`);
const members = (archive: string): Map<string, string> => new Map(readTar(archive).map((e) => [e.name.replace(/\/$/, ''), e.data ?? '']));

/** A config written by someone else: another daemon's version, times with nanoseconds, a container config. */
function handConfig(diffIds: string): string {
  return `{"architecture":"amd64","author":"Hand","comment":"by hand","config":{"Cmd":["cat","/app/hello"]},"container":"${'ab'.repeat(32)}","container_config":{"Cmd":["/bin/sh","-c","true"]},"created":"2020-01-02T03:04:05.123456789Z","docker_version":"17.03.0-ce","history":[{"created":"2020-01-02T03:04:05Z","created_by":"base"},{"created":"2020-01-02T03:04:06Z","author":"Hand","created_by":"tar by hand","comment":"the app"}],"os":"linux","rootfs":{"type":"layers","diff_ids":[${diffIds}]}}`;
}

/** An archive made on the host: busybox's layer as saved, a GNU tar layer (padded to 10240 bytes), a hand config. */
function handArchive(d: SimulatedDocker, tag: string): void {
  ok(d, `docker save -o bb.tar busybox && mkdir bb && tar -xf bb.tar -C bb && tar -xOf bb.tar manifest.json | sed -E 's/.*"Layers":\\["([^"]*)".*/\\1/' > bb.path && cp "bb/$(cat bb.path)" base.tar`);
  ok(d, 'mkdir -p root/app && echo hello > root/app/hello && tar --mtime=2020-01-02 -cf layer.tar -C root app');
  const ids = ['base.tar', 'layer.tar'].map((f) => `"sha256:${sha256(file(d, f))}"`).join(',');
  ok(d, `printf '%s' '${handConfig(ids)}' > config.json && printf '[{"Config":"config.json","RepoTags":["${tag}"],"Layers":["base.tar","layer.tar"]}]' > manifest.json && tar -cf hand.tar manifest.json config.json base.tar layer.tar`);
}

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker load keeps what it loaded (%s)', (engine) => {
  it("keeps a foreign archive's config and layer tar: the image ID is the config's digest, inspect shows its docker_version, save writes both back", () => {
    const d = new SimulatedDocker({ engine, oracleBase: true });
    handArchive(d, 'hand:1');
    expect(ok(d, 'docker load -i hand.tar')).toBe('Loaded image: hand:1\n');
    const config = file(d, 'config.json');
    expect(ok(d, "docker image inspect -f '{{.Id}} {{.DockerVersion}}|{{.Author}}|{{.Comment}}' hand:1")).toBe(`sha256:${sha256(config)} 17.03.0-ce|Hand|by hand\n`);
    expect(ok(d, 'docker run --rm hand:1')).toBe('hello\n');
    ok(d, 'docker save -o again.tar hand:1');
    const m = members(file(d, 'again.tar'));
    const manifest = JSON.parse(m.get('manifest.json')!) as { Config: string; Layers: string[] }[];
    expect(m.get(manifest[0].Config)).toBe(config);
    const layer = file(d, 'layer.tar');
    expect(layer.length).toBe(10240);
    expect(m.get(manifest[0].Layers[1])).toBe(layer);
    // the top layer's v1 JSON is the loaded config's V1Image (its docker_version and container)
    const v1 = [...m.values()].filter((t) => t.startsWith('{"id":"'));
    expect(v1.some((t) => t.includes('"docker_version":"17.03.0-ce"') && t.includes(`"container":"${'ab'.repeat(32)}"`) && t.includes('"created":"2020-01-02T03:04:05.123456789Z"'))).toBe(true);
  });

  it('moves a tag that named another image, with the daemon\'s line (load.go setLoadedTag)', () => {
    const d = new SimulatedDocker({ engine, oracleBase: true });
    handArchive(d, 'hand:1');
    ok(d, 'docker load -i hand.tar');
    expect(ok(d, 'docker load -i hand.tar')).toBe('Loaded image: hand:1\n');
    const other = ok(d, "docker build -q -t hand:1 - <<'EOF'\nFROM busybox\nRUN echo other > /other\nEOF").trim();
    expect(ok(d, 'docker load -i hand.tar')).toBe(`The image hand:1 already exists, renaming the old one with ID ${other} to empty string\nLoaded image: hand:1\n`);
    expect(ok(d, "docker images --format '{{.Repository}}:{{.Tag}}' | sort")).toBe('<none>:<none>\nbusybox:latest\nhand:1\n');
  });

  it("prints every image's `Loaded image ID` only when the archive's last image has no tag (imageRefCount reset per image)", () => {
    const d = new SimulatedDocker({ engine, oracleBase: true });
    const a = ok(d, "docker build -q -t a:1 - <<'EOF'\nFROM busybox\nRUN echo a > /a\nEOF").trim();
    const b = ok(d, "docker build -q -t b:1 - <<'EOF'\nFROM busybox\nRUN echo b > /b\nEOF").trim();
    ok(d, `docker save -o mixed.tar a:1 ${b.slice(7, 19)}`);
    ok(d, 'docker rmi a:1 b:1');
    expect(ok(d, 'docker load -i mixed.tar')).toBe(`Loaded image: a:1\nLoaded image ID: ${a}\nLoaded image ID: ${b}\n`);
    ok(d, `docker save -o mixed2.tar ${b.slice(7, 19)} a:1`);
    expect(ok(d, 'docker load -i mixed2.tar')).toBe('Loaded image: a:1\n');
  });

  it('keeps an imported tar as the layer: save writes it back and its digest is the layer (image_import.go)', () => {
    const d = new SimulatedDocker({ engine, oracleBase: true });
    ok(d, 'mkdir -p root/app && echo hi > root/app/f && tar -cf host.tar -C root .');
    ok(d, 'docker import host.tar imp:1');
    const host = file(d, 'host.tar');
    expect(ok(d, "docker image inspect -f '{{json .RootFS.Layers}}' imp:1")).toBe(`["sha256:${sha256(host)}"]\n`);
    ok(d, 'docker save -o imp.tar imp:1');
    const m = members(file(d, 'imp.tar'));
    const manifest = JSON.parse(m.get('manifest.json')!) as { Layers: string[] }[];
    expect(m.get(manifest[0].Layers[0])).toBe(host);
    // and a load of that archive after rmi keeps it again
    ok(d, 'docker rmi imp:1 && docker load -i imp.tar && docker save -o imp2.tar imp:1');
    expect(members(file(d, 'imp2.tar')).get(manifest[0].Layers[0])).toBe(host);
  });

  it("gives each member save.go's time: the same save twice is the same archive on 20.10; 26.1's blobs/sha256/ and index.json have the save's time", () => {
    const d = new SimulatedDocker({ engine, oracleBase: true });
    ok(d, "docker build -q -t t:1 - <<'EOF'\nFROM busybox\nRUN echo one > /one\nEOF");
    ok(d, 'docker save -o one.tar t:1');
    ok(d, 'docker save -o two.tar t:1');
    const [one, two] = ['one.tar', 'two.tar'].map((f) => readTar(file(d, f)));
    const differing = one.filter((e, i) => e.mtime !== two[i].mtime).map((e) => e.name);
    expect(differing).toEqual(engine === 'docker-20.10' ? [] : ['blobs/sha256', 'index.json']);
    const created = tablePeek(d.state.images, ok(d, "docker image inspect -f '{{.Id}}' t:1").trim().slice(7))!.created;
    for (const e of one) {
      const name = e.name.replace(/\/$/, '');
      if (['manifest.json', 'repositories', 'oci-layout'].includes(name)) expect(e.mtime).toBe(0);
      else if (!differing.includes(e.name) && !(engine === 'docker-26.1' && e.data?.startsWith('{"schemaVersion"'))) expect([name, e.mtime]).toEqual([name, created]);
    }
  });

  it("writes a commit's message in its history row only, with the author (image.NewChildImage: no V1Image comment)", () => {
    const d = new SimulatedDocker({ engine, oracleBase: true });
    ok(d, "docker run --name cc busybox true && docker commit -a 'Ann <a@x>' -m 'a & b' cc cm:1 && docker save -o cm.tar cm:1");
    const m = members(file(d, 'cm.tar'));
    const manifest = JSON.parse(m.get('manifest.json')!) as { Config: string }[];
    const config = JSON.parse(m.get(manifest[0].Config)!) as { comment?: string; author: string; history: { author?: string; comment?: string }[] };
    expect(config.comment).toBeUndefined();
    expect(config.author).toBe('Ann <a@x>');
    expect(config.history[config.history.length - 1]).toMatchObject({ author: 'Ann <a@x>', comment: 'a & b' });
    expect([...m.values()].some((t) => t.startsWith('{"id":"') && t.includes('"comment"'))).toBe(false);
    // the message is still the image's Comment (the last history row's)
    ok(d, 'docker rm cc && docker rmi cm:1 && docker load -i cm.tar');
    expect(ok(d, "docker image inspect -f '{{.Author}}|{{.Comment}}' cm:1")).toBe('Ann <a@x>|a & b\n');
  });
});

describe('GNU tar --mtime on the host', () => {
  it('gives every member that time, and refuses a form strata does not parse', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10', oracleBase: true });
    ok(d, 'mkdir -p r/a && echo x > r/a/f && tar --mtime=2020-01-02 -cf t.tar -C r a');
    expect(readTar(file(d, 't.tar')).map((e) => e.mtime)).toEqual([Date.UTC(2020, 0, 2) / 1000, Date.UTC(2020, 0, 2) / 1000]);
    ok(d, "tar --mtime='2020-01-02 03:04:05' -cf u.tar -C r a");
    expect(readTar(file(d, 'u.tar'))[0].mtime).toBe(Date.UTC(2020, 0, 2, 3, 4, 5) / 1000);
    const r = d.run("tar --mtime='1 day ago' -cf v.tar -C r a");
    expect(r.exitCode).toBe(2);
    expect(r.output).toContain('strata does not simulate --mtime');
  });
});

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker load of archives the daemon refuses (%s)', (engine) => {
  it("names the layer whose digest is not its config's diff ID, and a manifest whose layers the config does not list; a gzip layer loads and saves uncompressed", () => {
    const d = new SimulatedDocker({ engine, oracleBase: true });
    ok(d, 'mkdir -p root/app && echo hello > root/app/hello && tar --mtime=2020-01-02 -cf layer.tar -C root app && gzip -c layer.tar > layer.tar.gz');
    const digest = sha256(file(d, 'layer.tar'));
    const config = (diff: string): string => `{"architecture":"amd64","config":{},"created":"2020-01-02T03:04:05Z","history":[{"created":"2020-01-02T03:04:05Z","created_by":"x"}],"os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:${diff}"]}}`;
    ok(d, `printf '%s' '${config('0'.repeat(63) + '1')}' > bad.json && printf '%s' '${config(digest)}' > good.json`);
    ok(d, `printf '[{"Config":"bad.json","RepoTags":["bad:1"],"Layers":["layer.tar"]}]' > manifest.json && tar -cf bad.tar manifest.json bad.json layer.tar`);
    expect(d.run('docker load -i bad.tar')).toEqual({ output: `invalid diffID for layer 0: expected "sha256:${'0'.repeat(63)}1", got "sha256:${digest}"\n`, exitCode: 1 });
    ok(d, `printf '[{"Config":"good.json","RepoTags":["two:1"],"Layers":["layer.tar","layer.tar"]}]' > manifest.json && tar -cf two.tar manifest.json good.json layer.tar`);
    expect(d.run('docker load -i two.tar')).toEqual({ output: 'invalid manifest, layers length mismatch: expected 2, got 1\n', exitCode: 1 });
    ok(d, `printf '[{"Config":"good.json","RepoTags":["gz:1"],"Layers":["layer.tar.gz"]}]' > manifest.json && tar -cf gz.tar manifest.json good.json layer.tar.gz`);
    expect(ok(d, 'docker load -i gz.tar')).toBe('Loaded image: gz:1\n');
    ok(d, 'docker save -o gz-again.tar gz:1');
    const m = members(file(d, 'gz-again.tar'));
    const manifest = JSON.parse(m.get('manifest.json')!) as { Layers: string[] }[];
    expect(m.get(manifest[0].Layers[0])).toBe(file(d, 'layer.tar'));
    expect(ok(d, "docker images --format '{{.Repository}}:{{.Tag}}' | sort")).toBe('busybox:latest\ngz:1\n');
  });
});
