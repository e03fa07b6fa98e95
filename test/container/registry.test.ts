// container/registry.ts: the indexes kept with the containers always say what a scan of the
// containers says, whatever the order of creates, renames, starts, stops and removals, and
// whether each change is made in its own immer draft (as commands make them) or not.

import fc from 'fast-check';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/engine/engine.ts';
import type { Container, EngineState } from '../../src/engine/state.ts';
import {
  addContainer,
  addVolumeUser,
  containerIdByName,
  containerList,
  deleteContainer,
  markRunning,
  markStopped,
  renameContainer,
  runningContainers,
  volumeUserIds,
} from '../../src/container/registry.ts';
import { containerById } from '../../src/container/registry.ts';

type Op =
  | { kind: 'add'; name: string; volumes: string[] }
  | { kind: 'anon'; at: number; volume: string }
  | { kind: 'rename'; at: number; name: string }
  | { kind: 'start' | 'stop' | 'rm'; at: number };

const name = fc.constantFrom('a', 'b', 'c', 'constructor', '__proto__');
const volume = fc.constantFrom('v', 'w', 'x');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), name, volumes: fc.array(volume, { maxLength: 3 }) }),
  fc.record({ kind: fc.constant('anon' as const), at: fc.nat(), volume }),
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), name }),
  fc.record({ kind: fc.constantFrom('start' as const, 'stop' as const, 'rm' as const), at: fc.nat() }),
);

let serial = 0;
function apply(st: EngineState, o: Op): void {
  const all = containerList(st);
  if (o.kind === 'add') {
    if (containerIdByName(st, o.name) !== undefined) return;
    const id = (++serial).toString(16).padStart(64, '0');
    const mounts = o.volumes.map((v) => ({ type: 'volume', source: v, destination: `/${v}` }));
    addContainer(st, { id, name: o.name, mounts, state: { status: 'created' } } as unknown as Container);
    return;
  }
  if (all.length === 0) return;
  const c = containerById(st, all[o.at % all.length].id)!;
  if (o.kind === 'anon') {
    addVolumeUser(st, c, o.volume);
    c.mounts.push({ type: 'volume', source: o.volume, destination: '/anon' } as Container['mounts'][number]);
  } else if (o.kind === 'rename') {
    if (containerIdByName(st, o.name) === undefined) renameContainer(st, c, o.name);
  } else if (o.kind === 'start') markRunning(st, c);
  else if (o.kind === 'stop') markStopped(st, c, 'exited');
  else deleteContainer(st, c);
}

function expectConsistent(st: EngineState): void {
  const all = containerList(st);
  for (const c of all) expect(containerIdByName(st, c.name)).toBe(c.id);
  for (const n of ['a', 'b', 'c', 'constructor', '__proto__', 'toString']) {
    expect(containerIdByName(st, n)).toBe(all.find((c) => c.name === n)?.id);
  }
  // The users as a set: the engine adds a volume user only while creating the newest container,
  // so its order is creation order there, but this property also adds volumes to older ones;
  // and moby's own order is a Go map's (volume/service getRefs), which nothing may rely on.
  for (const v of ['v', 'w', 'x', 'y']) {
    const users = all.filter((c) => c.mounts.some((m) => m.type === 'volume' && m.source === v)).map((c) => c.id);
    expect([...volumeUserIds(st, v)].sort()).toEqual(users.sort());
  }
  // each running container once
  expect(runningContainers(st).map((c) => c.id).sort()).toEqual(all.filter((c) => c.state.status === 'running').map((c) => c.id).sort());
}

describe('container registry', () => {
  it('stopping or removing a container that is not running leaves the running ones listed', () => {
    const st = initialState();
    for (const o of [{ kind: 'add', name: 'a', volumes: [] }, { kind: 'add', name: 'b', volumes: [] }, { kind: 'start', at: 0 }, { kind: 'stop', at: 1 }, { kind: 'rm', at: 1 }] as Op[]) {
      apply(st, o);
      expectConsistent(st);
    }
    expect(runningContainers(st).map((c) => c.name)).toEqual(['a']);
  });

  it('a container that mounts a volume twice, removed, leaves the volume\'s other user', () => {
    const st = initialState();
    for (const o of [{ kind: 'add', name: 'a', volumes: ['v', 'v'] }, { kind: 'add', name: 'b', volumes: ['v'] }, { kind: 'rm', at: 0 }] as Op[]) {
      apply(st, o);
      expectConsistent(st);
    }
    expect(volumeUserIds(st, 'v')).toEqual([containerIdByName(st, 'b')]);
  });

  it('its indexes agree with a scan of the containers after any changes, in drafts or not', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), fc.boolean(), (ops, drafts) => {
        let st = initialState();
        for (const o of ops) {
          if (drafts) st = produce(st, (d) => apply(d, o));
          else apply(st, o);
          expectConsistent(st);
        }
      }),
      { numRuns: 30 },
    );
  });
});
