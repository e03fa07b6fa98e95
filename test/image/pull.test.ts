// Pulls from the catalog of stand-in images (src/image/pull.ts): the lines a non-terminal pull
// prints (moby distribution/pull_v2.go and xfer/download.go, docker/cli jsonmessage), what the
// image store holds afterwards, and the registry's errors for images no catalog has. The oracle
// has no registry, so these rules are pinned here against moby's source, not a recording.
//
// They run on the oracle's stand-ins (`busyboxStandIns`), where a catalog image keeps its own ID,
// history and size, so that the stand-in's mechanics show; a normal install shows the real
// image's metadata instead (src/image/real.ts, test/image/real-image.test.ts).

import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { tableGet } from '../../src/engine/table.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { catalogEntries, type CatalogEntry } from '../../src/image/catalog/index.ts';
import { PROFILES } from '../../src/engine/profile.ts';
import { standInConfig, standInText, useBuiltStandIns } from '../../src/image/pull.ts';
import { BASE_REGISTRY } from '../../src/image/base.ts';

const entries = catalogEntries();
/** A catalog image with more layers than moby downloads at once, so that some wait. */
const big: CatalogEntry | undefined = entries.find((e) => e.registry.layers.length > 3);
const short = (digest: string): string => digest.slice(7, 19);

function run(d: SimulatedDocker, line: string): string {
  const r = d.run(line);
  if (r.exitCode !== 0) throw new Error(`\`${line}\` exited ${r.exitCode}: ${r.output}`);
  return r.output;
}

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker pull from the catalog (%s)', (engine) => {
  const docker = (): SimulatedDocker => new SimulatedDocker({ engine, busyboxStandIns: true });
  it('the catalog has images to pull, one of them with more than three layers', () => {
    expect(entries.length).toBeGreaterThan(0);
    expect(big).toBeDefined();
  });

  it('prints every layer as a real pull does: fs layer, waiting beyond three downloads, checksum, complete', () => {
    const e = big!;
    const d = docker();
    const out = run(d, `docker pull ${e.repository}:${e.tag}`).split('\n');
    const ids = e.registry.layers.map(short);
    expect(out[0]).toBe(`${e.tag}: Pulling from library/${e.repository}`);
    const expected = [
      ...ids.map((id) => `${id}: Pulling fs layer`),
      ...ids.slice(3).map((id) => `${id}: Waiting`),
      ...ids.flatMap((id) => [`${id}: Verifying Checksum`, `${id}: Download complete`]),
      ...ids.map((id) => `${id}: Pull complete`),
      `Digest: ${e.registry.digest}`,
      `Status: Downloaded newer image for ${e.repository}:${e.tag}`,
      `docker.io/library/${e.repository}:${e.tag}`,
      '',
    ];
    expect(out.slice(1)).toEqual(expected);
    expect(run(d, `docker image inspect -f '{{json .RepoDigests}}' ${e.repository}:${e.tag}`)).toBe(`["${e.repository}@${e.registry.digest}"]\n`);
  });

  it('a pulled image stands alone: no parent, no intermediate images, no build cache, history <missing> below the top', () => {
    // moby sets an image's Parent only for a local build or commit (image/image.go); a pull stores
    // the image config and its layers, and BuildKit's cache holds records of builds alone. The
    // stand-in is built from its catalog context, but what that build leaves is not what a pull does.
    const e = big!;
    const d = docker();
    run(d, `docker pull ${e.repository}:${e.tag}`);
    expect(run(d, `docker image inspect -f '{{.Parent}}' ${e.repository}:${e.tag}`)).toBe('\n');
    expect(run(d, "docker images -a --format '{{.Repository}}:{{.Tag}}'").split('\n').filter((l) => l !== '').sort()).toEqual(['busybox:latest', `${e.repository}:${e.tag}`].sort());
    expect(run(d, "docker system df --format '{{.Type}} {{.TotalCount}}'")).toContain('Build Cache 0\n');
    const history = run(d, `docker history --format '{{.ID}}' ${e.repository}:${e.tag}`).split('\n').filter((l) => l !== '');
    expect(history.length).toBeGreaterThan(1);
    expect(history.slice(1).every((id) => id === '<missing>')).toBe(true);
    // the images of a `# images:` line are built, as the recorder builds them, and keep what the build left
    const built = docker();
    built.loadImages([`${e.repository}:${e.tag}`]);
    const parent = run(built, `docker image inspect -f '{{.Parent}}' ${e.repository}:${e.tag}`);
    if (engine === 'docker-20.10') expect(parent).not.toBe('\n');
    else expect(run(built, "docker system df --format '{{.Type}} {{.TotalCount}}'")).not.toContain('Build Cache 0\n');
  });

  it('a second pull finds the image up to date and lists no layer', () => {
    const e = entries[0];
    const d = docker();
    run(d, `docker pull ${e.repository}:${e.tag}`);
    expect(run(d, `docker pull ${e.repository}:${e.tag}`)).toBe(
      `${e.tag}: Pulling from library/${e.repository}\nDigest: ${e.registry.digest}\nStatus: Image is up to date for ${e.repository}:${e.tag}\ndocker.io/library/${e.repository}:${e.tag}\n`,
    );
  });

  it('layers a present image already has are "Already exists" up to the first missing one', () => {
    const e = big!;
    const d = docker();
    run(d, 'docker build -q -t local:1 - <<EOF\nFROM busybox\nEOF');
    // An image whose registry layers share the first two of e's (as postgres:16 and :17 share Debian's).
    d.state = produce(d.state, (st) => {
      tableGet(st.images, st.tags['local:1'])!.registryLayers = [e.registry.layers[0], e.registry.layers[1], 'sha256:' + '0'.repeat(64)];
    });
    const lines = run(d, `docker pull ${e.repository}:${e.tag}`).split('\n');
    const ids = e.registry.layers.map(short);
    expect(lines.slice(1, 4)).toEqual([`${ids[0]}: Already exists`, `${ids[1]}: Already exists`, `${ids[2]}: Pulling fs layer`]);
    expect(lines.filter((l) => l.endsWith('Pull complete'))).toHaveLength(ids.length - 2);
  });

  it('the header "# images:" and a pull give the same image: the pull then only adds RepoDigests', () => {
    const e = entries[0];
    const d = docker();
    expect(d.loadImages([`${e.repository}:${e.tag}`])).toEqual([]);
    const before = run(d, `docker image inspect -f '{{.Id}} {{json .RepoDigests}}' ${e.repository}:${e.tag}`);
    expect(before).toMatch(/^sha256:[0-9a-f]{64} \[\]\n$/);
    expect(run(d, `docker pull -q ${e.repository}:${e.tag}`)).toBe(`docker.io/library/${e.repository}:${e.tag}\n`);
    const after = run(d, `docker image inspect -f '{{.Id}} {{json .RepoDigests}}' ${e.repository}:${e.tag}`);
    expect(after).toBe(`${before.split(' ')[0]} ["${e.repository}@${e.registry.digest}"]\n`);
    expect(d.loadImages(['no-such-stand-in:1'])).toEqual(['no-such-stand-in:1']);
  });

  it('run of a missing catalog image pulls it on stderr first, then runs it', () => {
    const e = entries[0];
    const d = docker();
    const r = d.run(`docker run --rm ${e.repository}:${e.tag} true`);
    expect(r.exitCode).toBe(0);
    expect(r.output.startsWith(`Unable to find image '${e.repository}:${e.tag}' locally\n${e.tag}: Pulling from library/${e.repository}\n`)).toBe(true);
    expect(r.output.endsWith(`Status: Downloaded newer image for ${e.repository}:${e.tag}\n`)).toBe(true);
    // --pull always asks again: up to date.
    expect(d.run(`docker run --rm --pull always ${e.repository}:${e.tag} true`).output).toBe(
      `${e.tag}: Pulling from library/${e.repository}\nDigest: ${e.registry.digest}\nStatus: Image is up to date for ${e.repository}:${e.tag}\n`,
    );
  });

  it("images no catalog holds get a registry's answers, not the oracle's proxy error", () => {
    const e = entries[0];
    const d = docker();
    const denied = "pull access denied for my_image, repository does not exist or may require 'docker login': denied: requested access to the resource is denied";
    expect(d.run('docker pull my_image').output).toBe(`Using default tag: latest\nError response from daemon: ${denied}\n`);
    const r = d.run('docker run --rm my_image');
    expect(r.exitCode).toBe(125);
    expect(r.output.startsWith(`Unable to find image 'my_image:latest' locally\ndocker: Error response from daemon: ${denied}`)).toBe(true);
    expect(d.eventsByRun.at(-1)).toContainEqual({ type: 'image-not-in-catalog', ref: 'my_image:latest' });
  });

  it('docker.io/library/ names are the same image; rmi untags the tag and then the digest', () => {
    const e = entries[0];
    const d = docker();
    run(d, `docker pull docker.io/library/${e.repository}:${e.tag}`);
    const id = run(d, `docker image inspect -f '{{.Id}}' ${e.repository}:${e.tag}`).trim();
    const tags = Object.entries(d.state.tags).filter(([, v]) => `sha256:${v}` === id).map(([k]) => k);
    expect(tags).toEqual([`${e.repository}:${e.tag}`]);
    const out = run(d, `docker rmi ${e.repository}:${e.tag}`).split('\n');
    expect(out.slice(0, 3)).toEqual([`Untagged: ${e.repository}:${e.tag}`, `Untagged: ${e.repository}@${e.registry.digest}`, `Deleted: ${id}`]);
  });

  it('a build FROM a catalog image that is not here pulls it: into the store (legacy, with the pull in the log) or only into BuildKit\'s cache', () => {
    const e = entries.find((x) => x.repository === 'alpine')!;
    const ref = `${e.repository}:${e.tag}`;
    const d = docker();
    // (BuildKit's plain progress is refused where it would be shown: sent to /dev/null)
    const log = d.run(`docker build -t app -${engine === 'docker-20.10' ? '' : ' 2>/dev/null'} <<'EOF'\nFROM ${ref}\nRUN echo hi > /hi\nEOF`);
    expect(log.exitCode).toBe(0);
    const listed = run(d, "docker images --format '{{.Repository}}:{{.Tag}}'");
    if (engine === 'docker-20.10') {
      expect(log.output).toContain(`Step 1/2 : FROM ${ref}\n${e.tag}: Pulling from library/${e.repository}\n`);
      expect(log.output).toContain(`Status: Downloaded newer image for ${ref}\n ---> `);
      expect(listed).toContain(`${ref}\n`);
    } else expect(listed).not.toContain(`${ref}\n`);
    expect(run(d, 'docker run --rm app cat /hi')).toBe('hi\n');
  });

  it('a build FROM an image no catalog has fails with each builder\'s registry error', () => {
    const d = docker();
    const r = d.run("docker build -q -t x - <<'EOF'\nFROM my_image\nEOF");
    expect(r.exitCode).toBe(1);
    if (engine === 'docker-20.10') {
      expect(r.output).toBe("Sending build context to Docker daemon  2.048kB\r\r\nStep 1/1 : FROM my_image\npull access denied for my_image, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n");
    } else {
      expect(r.output.endsWith('ERROR: failed to solve: my_image: failed to resolve source metadata for docker.io/library/my_image:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed\n')).toBe(true);
    }
  });

  it('a missing base image fails the build before a stage built FROM that stage is converted', () => {
    // BuildKit: dockerfile2llb toDispatchState resolves every needed stage's image (its metadata)
    // before any instruction is dispatched, so the registry answers, not the later stage's
    // expansion error; the legacy builder fails at the FROM step
    const d = docker();
    const r = d.run("docker build -q -t x - <<'EOF'\nFROM my_image AS base\nFROM base\nWORKDIR /${U?unset U}\nEOF");
    expect(r.exitCode).toBe(1);
    expect(r.output.endsWith(engine === 'docker-20.10'
      ? "pull access denied for my_image, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n"
      : 'ERROR: failed to solve: my_image: failed to resolve source metadata for docker.io/library/my_image:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed\n')).toBe(true);
  });

  it('a pulled image\'s layers are "Already exists" for the next image built on them; each pull keeps the digests before it', () => {
    // xfer/download.go: the layer store already has the chain of the base image's layers
    const base = entries.find((x) => x.repository === 'alpine' && x.tag === 'latest')!;
    const next = entries.find((x) => x.repository === 'python' && x.tag === 'alpine')!;
    expect(next.registry.layers[0]).toBe(base.registry.layers[0]);
    const d = docker();
    run(d, 'docker pull alpine:latest');
    const lines = run(d, 'docker pull python:alpine').split('\n');
    expect(lines.slice(1, 3)).toEqual([`${short(base.registry.layers[0])}: Already exists`, `${short(next.registry.layers[1])}: Pulling fs layer`]);
    expect(run(d, "docker image inspect -f '{{json .RepoDigests}}' alpine:latest")).toBe(`["alpine@${base.registry.digest}"]\n`);
  });

  it('a pull that moves the tag from another image downloaded something newer, even when the image was here', () => {
    // moby distribution/pull_v2.go: pullV2Tag reports the tag as updated when it pointed at another
    // image, and writeStatus says "Downloaded newer image" for that
    const e = entries[0];
    const ref = `${e.repository}:${e.tag}`;
    const d = docker();
    run(d, `docker pull ${ref}`);
    const id = run(d, `docker image inspect -f '{{.Id}}' ${ref}`);
    run(d, `docker tag busybox ${ref}`);
    expect(run(d, `docker pull ${ref}`)).toBe(`${e.tag}: Pulling from library/${e.repository}\nDigest: ${e.registry.digest}\nStatus: Downloaded newer image for ${ref}\ndocker.io/library/${ref}\n`);
    expect(d.eventsByRun.at(-1)).toContainEqual({ type: 'image-pulled', image: id.trim().slice('sha256:'.length), ref });
    expect(run(d, `docker image inspect -f '{{.Id}}' ${ref}`)).toBe(id);
  });

  // Docker Hub may well hold these (another tag of an official image, an official image with no
  // stand-in, another namespace or registry): strata cannot say they do not exist.
  it.each([
    // the catalog's tags of that repository, in the catalog's order
    ['a tag the catalog lacks', () => `${entries[0].repository}:no-such-tag`, (r: string) => `Docker Hub has the official image ${r.split(':')[0]}, but strata's catalog has only ${entries.filter((e) => e.repository === r.split(':')[0]).map((e) => `${e.repository}:${e.tag}`).join(', ')} (catalog/README.md`],
    // busybox:latest is the base image, which the registry holds too (BASE_ENTRY), though no catalog context builds it
    ['a busybox tag other than latest', () => 'busybox:1.36', () => "Docker Hub has the official image busybox, but strata's catalog has only busybox:latest (catalog/README.md"],
    ['an official image without a stand-in', () => 'golang', () => "Docker Hub has the official image golang, but strata's catalog has no stand-in of it"],
    ['another namespace', () => 'docker/getting-started', () => "its catalog has stand-ins of official images only"],
    ['another registry', () => 'ghcr.io/acme/app:1.0', () => "its catalog has stand-ins of official images only"],
  ])('pulling %s is refused by name, by pull, run and both builders, and changes nothing', (_what, refOf, words) => {
    const ref = refOf();
    const d = docker();
    const before = run(d, 'docker images -a --no-trunc');
    for (const cmd of [`docker pull ${ref}`, `docker run --rm ${ref}`, `docker create ${ref}`, `docker build -q -t x - <<'EOF'\nFROM ${ref}\nEOF`]) {
      const r = d.run(cmd);
      expect(r.exitCode, cmd).toBe(125);
      expect(r.output, cmd).toContain(`strata does not simulate pulling ${ref.includes(':') ? ref : `${ref}:latest`}: `);
      expect(r.output, cmd).toContain(words(ref));
      expect(r.output, cmd).not.toMatch(/pull access denied|manifest unknown|not found/);
    }
    expect(run(d, 'docker images -a --no-trunc')).toBe(before);
  });

  it('busybox:latest is the base image in the registry: up to date while here, downloaded again after rmi', () => {
    const d = docker();
    const id = run(d, "docker image inspect -f '{{.Id}}' busybox");
    expect(run(d, 'docker pull busybox')).toBe(`Using default tag: latest\nlatest: Pulling from library/busybox\nDigest: ${BASE_REGISTRY.digest}\nStatus: Image is up to date for busybox:latest\ndocker.io/library/busybox:latest\n`);
    expect(run(d, "docker image inspect -f '{{.RepoDigests}}' busybox")).toBe(`[busybox@${BASE_REGISTRY.digest}]\n`);
    run(d, 'docker rmi busybox');
    const layer = BASE_REGISTRY.layers[0].slice('sha256:'.length, 'sha256:'.length + 12);
    const r = d.run('docker run --rm busybox echo hi');
    expect(r.output).toBe(`Unable to find image 'busybox:latest' locally\nlatest: Pulling from library/busybox\n${layer}: Pulling fs layer\n${layer}: Verifying Checksum\n${layer}: Download complete\n${layer}: Pull complete\nDigest: ${BASE_REGISTRY.digest}\nStatus: Downloaded newer image for busybox:latest\nhi\n`);
    expect(run(d, "docker image inspect -f '{{.Id}}' busybox")).toBe(id);
  });

  it('a stand-in pulled after `docker rmi busybox` brings the base layer its chain starts on', () => {
    const e = entries.find((x) => x.repository === 'alpine')!;
    const d = docker();
    run(d, 'docker rmi busybox');
    run(d, `docker pull -q ${e.repository}:${e.tag}`);
    expect(run(d, `docker run --rm ${e.repository}:${e.tag} ls /bin/busybox`)).toBe('/bin/busybox\n');
    expect(run(d, 'docker images --format "{{.Repository}} {{.Size}}"')).toMatch(new RegExp(`^${e.repository} \\d`));
    expect(run(d, 'docker system df --format "{{.Type}} {{.TotalCount}}"')).toContain('Images 1\n');
  });

  it('the catalog listing\'s config is the pulled image\'s', () => {
    const e = entries.find((x) => x.repository === 'alpine')!;
    const d = docker();
    run(d, `docker pull ${e.repository}:${e.tag}`);
    const cfg = standInConfig(PROFILES[engine], e);
    expect(run(d, `docker image inspect -f '{{json .Config.Cmd}} {{json .Config.Env}}' ${e.repository}:${e.tag}`)).toBe(`${JSON.stringify(cfg.Cmd)} ${JSON.stringify(cfg.Env)}\n`);
  });

  it('built stand-ins come from the reader, each read once; without one they are built here', () => {
    const a = entries.find((x) => x.repository === 'alpine')!;
    const other = entries.find((x) => x.repository === 'debian')!;
    const reads: string[] = [];
    // the reader's text decides the image: debian's text under alpine's context
    const text = standInText(PROFILES[engine], other);
    try {
      useBuiltStandIns((eng, context) => {
        reads.push(`${eng} ${context}`);
        return context === a.context ? text : undefined;
      });
      const d = docker();
      run(d, `docker pull ${a.repository}:${a.tag}`);
      run(d, `docker rmi ${a.repository}:${a.tag}`);
      run(d, `docker pull ${a.repository}:${a.tag}`);
      expect(reads).toEqual([`${engine} ${a.context}`]);
      const fromText = run(d, `docker image inspect -f '{{.Id}}' ${a.repository}:${a.tag}`);
      useBuiltStandIns(undefined);
      const e = docker();
      run(e, `docker pull ${other.repository}:${other.tag}`);
      expect(fromText).toBe(run(e, `docker image inspect -f '{{.Id}}' ${other.repository}:${other.tag}`));
    } finally {
      useBuiltStandIns(undefined);
    }
  });

  it('an image of a "# images:" line named twice adds its build cache records once', () => {
    // the recorder's second `docker build -q -t` of the same context is cached: no new record
    const e = entries.find((x) => x.repository === 'alpine')!;
    const once = docker();
    once.loadImages([`${e.repository}:${e.tag}`]);
    const twice = docker();
    twice.loadImages([`${e.repository}:${e.tag}`]);
    twice.loadImages([`${e.repository}:${e.tag}`]);
    const df = "docker system df --format '{{.Type}} {{.TotalCount}} {{.Size}}'";
    expect(run(twice, df)).toBe(run(once, df));
    // the legacy builder leaves no BuildKit cache records
    if (engine === 'docker-26.1') expect(run(once, df)).not.toContain('Build Cache 0 ');
    else expect(run(once, df)).toContain('Build Cache 0 ');
  });
});
