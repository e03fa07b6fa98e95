// fast-check generators for the command alphabet (commands.ts).

import fc from 'fast-check';
import { CONTAINERS, CONTENTS, FILES, HOST_DIRS, IMAGES, PATHS, VOLUMES, type Action, type Cmd } from './commands.ts';
import type { MountSpec } from './reference-model.ts';

export const containerName = fc.constantFrom(...CONTAINERS);
export const volumeName = fc.constantFrom(...VOLUMES);
export const path = fc.constantFrom(...PATHS);
export const image = fc.constantFrom(...IMAGES);

export const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('write' as const), dir: path, file: fc.constantFrom(...FILES), content: fc.constantFrom(...CONTENTS) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('rm' as const), dir: path, file: fc.constantFrom(...FILES) }), weight: 1 },
);

/** One mount at `dest`, of any kind the alphabet has. */
export function mountSpec(dest: string): fc.Arbitrary<MountSpec> {
  return fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('named' as const),
        dest: fc.constant(dest),
        volume: volumeName,
        ro: fc.boolean(),
        nocopy: fc.boolean(),
        syntax: fc.constantFrom('v' as const, 'mount' as const),
      }),
      weight: 4,
    },
    {
      arbitrary: fc.oneof(
        fc.record({ kind: fc.constant('anon' as const), dest: fc.constant(dest), syntax: fc.constant('v' as const), nocopy: fc.constant(false) }),
        fc.record({ kind: fc.constant('anon' as const), dest: fc.constant(dest), syntax: fc.constant('mount' as const), nocopy: fc.boolean() }),
      ),
      weight: 2,
    },
    { arbitrary: fc.record({ kind: fc.constant('bind' as const), dest: fc.constant(dest), hostDir: fc.constantFrom(...HOST_DIRS), ro: fc.boolean() }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('tmpfs' as const), dest: fc.constant(dest) }), weight: 1 },
  );
}

/**
 * Zero to two mounts, at distinct destinations (a duplicate mount point is refused after a
 * nondeterministic part of the volumes was created) and never one volume twice.
 */
export const mounts: fc.Arbitrary<MountSpec[]> = fc
  .tuple(...PATHS.map((p) => fc.option(mountSpec(p), { nil: undefined, freq: 2 })))
  .map((xs) => xs.filter((x): x is MountSpec => x !== undefined))
  // one volume at two destinations: both mounts may copy into it, in Go map order (nondeterministic)
  .filter((xs) => {
    const named = xs.flatMap((x) => (x.kind === 'named' ? [x.volume] : []));
    return new Set(named).size === named.length;
  });

export const volumesFrom = fc.option(fc.record({ container: containerName, ro: fc.boolean() }), { nil: undefined, freq: 3 });

const create = fc.record({
  kind: fc.constant('create' as const),
  name: containerName,
  image,
  mounts,
  volumesFrom,
  start: fc.boolean(),
});

export const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: create, weight: 6 },
  { arbitrary: fc.record({ kind: fc.constantFrom('start' as const, 'stop' as const, 'restart' as const), name: containerName }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('rm' as const), name: containerName, force: fc.boolean(), volumes: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('exec' as const), name: containerName, action }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('once' as const), image, mounts, volumesFrom, action }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('volume-create' as const), volume: volumeName }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('volume-rm' as const), volume: volumeName, force: fc.boolean() }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'volume-create-anonymous' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'container-prune' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('volume-prune' as const), all: fc.boolean() }), weight: 1 },
  {
    arbitrary: fc.record({ kind: fc.constant('host-write' as const), dir: fc.constantFrom(...HOST_DIRS), file: fc.constantFrom(...FILES), content: fc.constantFrom(...CONTENTS) }),
    weight: 1,
  },
);
