// What a RUN step's layer holds besides the step's own changes. BuildKit (26.1) runs the step in
// its snapshot with no init layer: runc makes the mount points the image lacks there (/proc, /dev,
// /sys, and /etc/hosts, /etc/resolv.conf with their parents), and BuildKit's stub cleaner removes
// only the last ones, so the layer keeps dev/, proc/, sys/ and the parent the image had (etc/).
// The legacy builder commits the container's layer above its init layer: only the step's changes.
// Ground truth: test/recorded/docker-26.1/run-layer-mounts/* and
// test/recorded/docker-20.10/run-layer-mounts/legacy-run-layer (`docker save` listings).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { tablePeek } from '../../src/engine/table.ts';
import { entryList, entryOf, type DirNode, type Node, type RealNode } from '../../src/fs/node.ts';
import { flattenedImage } from '../../src/union/flatten.ts';
import type { EngineName } from '../../src/engine/profile.ts';
import { expectRecordingFile } from '../container/recorded.ts';

function build(d: SimulatedDocker, tag: string, dockerfile: string): void {
  const r = d.run(`docker build -q -t ${tag} - <<'EOF'\n${dockerfile}\nEOF`);
  if (r.exitCode !== 0) throw new Error(`build of ${tag} exited ${r.exitCode}: ${r.output}`);
}

function imageOf(d: SimulatedDocker, tag: string): { layers: string[] } {
  const id = d.state.tags[`${tag}:latest`];
  return tablePeek(d.state.images, id)!;
}

/** The image's last layer's tree, and the merged tree of the layers below it. */
function lastLayer(d: SimulatedDocker, tag: string): { layer: DirNode; below: DirNode } {
  const layers = imageOf(d, tag).layers;
  const tree = (id: string): DirNode => tablePeek(d.state.layers, id)!.tree;
  return { layer: tree(layers[layers.length - 1]), below: flattenedImage(layers.slice(0, -1), tree) };
}

function at(root: DirNode, path: string): RealNode | undefined {
  let node: Node | undefined = root;
  for (const part of path.split('/').filter((p) => p !== '')) node = node?.kind === 'dir' ? entryOf(node, part) : undefined;
  return node?.kind === 'whiteout' ? undefined : node;
}

const names = (node: DirNode): string[] => entryList(node).map(([name]) => name).sort();

/**
 * BuildKit's rule, from the image below the step alone: runc's mount points for the image's
 * missing /proc, /dev, /sys, and /etc when the image has it as a directory and lacks /etc/hosts
 * or /etc/resolv.conf (their stubs are removed, their parent stays changed).
 */
function runtimeEntries(below: DirNode): string[] {
  const made = ['dev', 'proc', 'sys'].filter((n) => entryOf(below, n) === undefined);
  const etc = entryOf(below, 'etc');
  const stubbed = etc?.kind === 'dir' && (entryOf(etc, 'hosts') === undefined || entryOf(etc, 'resolv.conf') === undefined);
  return [...made, ...(stubbed ? ['etc'] : [])].sort();
}

const BASES: Record<string, string> = {
  busybox: 'FROM busybox',
  'both network files': 'FROM busybox\nCOPY --from=busybox /etc/group /etc/hosts\nCOPY --from=busybox /etc/group /etc/resolv.conf',
  'hosts only': 'FROM busybox\nCOPY --from=busybox /etc/group /etc/hosts',
  'resolv.conf only': 'FROM busybox\nCOPY --from=busybox /etc/group /etc/resolv.conf',
  'a /dev': 'FROM busybox\nCOPY --from=busybox /etc/group /dev/x',
  'no /etc': 'FROM scratch\nCOPY --from=busybox /bin/busybox /bin/sh',
  'after a RUN': 'FROM busybox\nRUN true',
  'a /proc and /sys, no /etc': 'FROM scratch\nCOPY --from=busybox /bin/busybox /bin/sh\nCOPY --from=busybox /etc/group /proc/x\nCOPY --from=busybox /etc/group /sys/x',
};

describe.each(['docker-20.10', 'docker-26.1'] as const)('RUN layers and the runtime mount points (%s)', (engine: EngineName) => {
  it('replays the recordings', () => {
    if (engine === 'docker-26.1') {
      expectRecordingFile(engine, 'run-layer-mounts/buildkit-run-layer', true);
      expectRecordingFile(engine, 'run-layer-mounts/buildkit-stub-parents', true);
    } else expectRecordingFile(engine, 'run-layer-mounts/legacy-run-layer', true);
  });

  it.each(Object.entries(BASES))('RUN true and RUN touch /x on %s', (_, base) => {
    const d = new SimulatedDocker({ engine });
    build(d, 'base', base);
    build(d, 'runtrue', `${base}\nRUN true`);
    build(d, 'touchx', `${base}\nRUN touch /x`);
    const baseLayers = imageOf(d, 'base').layers.length;
    const t = lastLayer(d, 'touchx');
    if (engine === 'docker-20.10') {
      // moby's commit of a step that changed nothing: no layer; else only what the step changed
      expect(imageOf(d, 'runtrue').layers.length).toBe(baseLayers);
      expect(names(t.layer)).toEqual(['x']);
      return;
    }
    const r = lastLayer(d, 'runtrue');
    expect(imageOf(d, 'runtrue').layers.length).toBe(baseLayers + 1);
    const expected = runtimeEntries(r.below);
    expect(names(r.layer)).toEqual(expected);
    expect(names(t.layer)).toEqual([...expected, 'x'].sort());
    for (const name of expected) {
      const made = at(t.layer, name)!;
      const had = at(t.below, name);
      // a directory the image had keeps its mode and owner (copied up); one runc made is 0755 root
      expect(made).toMatchObject({ kind: 'dir', mode: had?.kind === 'dir' ? had.mode : 0o755, uid: had?.uid ?? 0, gid: had?.gid ?? 0 });
      // and every one was changed at the step's time, as the step's own file
      expect(made.mtime).toBe(at(t.layer, 'x')!.mtime);
      // nothing of the stubs is left in it
      if (made.kind === 'dir' && name === 'etc') expect(names(made).filter((n) => n === 'hosts' || n === 'resolv.conf')).toEqual([]);
      if (made.kind === 'dir' && name !== 'etc') expect(names(made)).toEqual([]);
    }
  });

  it('a directory the step wrote into the runtime made stays with what the step wrote', () => {
    const d = new SimulatedDocker({ engine });
    build(d, 'noetc', 'FROM scratch\nCOPY --from=busybox /bin/busybox /bin/sh\nRUN echo x > /etc/made');
    const { layer } = lastLayer(d, 'noetc');
    const etc = at(layer, 'etc');
    expect(etc?.kind).toBe('dir');
    // the stubs are gone; the step's own file stays
    expect(names(etc as DirNode)).toEqual(['made']);
  });

  it("a RUN step and a container see the image's own /etc (no init layer directory above it)", () => {
    expectRecordingFile(engine, 'run-layer-mounts/etc-mode-seen', true);
    for (const mode of ['700', '751', '1777']) {
      const d = new SimulatedDocker({ engine });
      build(d, 'etcmode', `FROM busybox\nRUN chmod ${mode} /etc && chown 7:8 /etc`);
      build(d, 'seen', "FROM etcmode\nRUN stat -c '%a %u:%g' /etc > /seen");
      const { layer } = lastLayer(d, 'etcmode');
      const etc = at(layer, 'etc') as DirNode;
      const own = `${etc.mode.toString(8)} ${etc.uid}:${etc.gid}`;
      expect(own).toBe(`${mode} 7:8`);
      expect(d.run('docker run --rm seen cat /seen').output.trim()).toBe(own);
      expect(d.run("docker run --rm etcmode stat -c '%a %u:%g' /etc").output.trim()).toBe(own);
    }
  });
});

describe('DOCKER_BUILDKIT naming the builder the engine does not simulate', () => {
  it.each([
    ['docker-26.1', '0', false],
    ['docker-26.1', 'false', false],
    ['docker-26.1', '1', true],
    ['docker-20.10', '1', false],
    ['docker-20.10', '0', true],
    ['docker-20.10', 'maybe', false],
  ] as const)('%s with DOCKER_BUILDKIT=%s', (engine, value, builds) => {
    const d = new SimulatedDocker({ engine });
    const r = d.run(`DOCKER_BUILDKIT=${value} docker build -q -t dbk - <<'EOF'\nFROM busybox\nRUN true\nEOF`);
    if (builds) {
      expect(r.exitCode).toBe(0);
      expect(d.state.tags['dbk:latest']).toBeDefined();
    } else {
      // 26.1's legacy builder was seen building as 20.10's (RUN layers of the step's changes
      // alone); strata refuses it by name instead of building with BuildKit
      expect(r.exitCode).toBe(125);
      expect(r.output).toContain(`strata does not simulate \`DOCKER_BUILDKIT=${value} docker build\``);
      expect(d.state.tags['dbk:latest']).toBeUndefined();
    }
  });
});
