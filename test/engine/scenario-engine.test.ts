// The engine as the scenario replayer drives it: one state threaded through the commands, the
// events of each run, stand-in images loaded by reference, and the IDs the normalizer may number
// (the objects that exist now, as the recorder would see them).

import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { peekKeys, peekValues } from '../../src/engine/peek.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { BASE_IMAGE_ID } from '../../src/image/base.ts';

describe('SimulatedDocker', () => {
  it('threads the state through the commands and keeps the events of each run', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    expect(d.pwd).toBe('/home/student/work');
    expect(d.run('echo hi > f; cat f')).toEqual({ output: 'hi\n', exitCode: 0 });
    expect(d.run('docker volume create vol')).toEqual({ output: 'vol\n', exitCode: 0 });
    expect(d.run('docker volume create vol; exit 3').exitCode).toBe(3);
    expect(d.eventsByRun.map((e) => e.map((x) => x.type))).toEqual([[], ['volume-created'], []]);
    expect(d.events).toEqual(d.eventsByRun.flat());
  });

  it('knownIds: containers, their layers, anonymous volumes and images, not named volumes; the same answer while nothing changes', () => {
    const d = new SimulatedDocker();
    const before = d.knownIds();
    expect([...before.ids]).toEqual([]);
    expect([...before.imageIds]).toEqual([BASE_IMAGE_ID]);
    expect(d.run('docker create --name c1 -v named:/a -v /anon busybox').exitCode).toBe(0);
    const c = Object.values(d.state.containers)[0];
    const anon = d.state.volumes.order.flat().find((v) => v !== 'named')!;
    const known = d.knownIds();
    expect([...known.ids].sort()).toEqual([c.id, c.layerId, anon].sort());
    expect(d.run('echo nothing changes').exitCode).toBe(0);
    expect(d.knownIds()).toBe(known);
    expect(d.run('docker rm -v c1').exitCode).toBe(0);
    expect([...d.knownIds().ids]).toEqual([]);
    expect(d.run('docker volume create ' + 'z'.repeat(64)).exitCode).toBe(0);
    expect([...d.knownIds().ids]).toEqual([]);
  });

  it('loadImages adds the catalog stand-ins it knows and returns the references it does not', () => {
    const d = new SimulatedDocker();
    expect(d.loadImages(['alpine:3.19', 'nosuchimage:1'])).toEqual(['nosuchimage:1']);
    expect(d.run('docker image ls --format "{{.Repository}}:{{.Tag}}" alpine').output).toBe('alpine:3.19\n');
  });
});

describe('peekValues / peekKeys', () => {
  it('read the current values inside a draft, changes of this command included, and draft nothing', () => {
    const base = { items: { a: { n: 1 }, b: { n: 2 }, c: { n: 3 } } as Record<string, { n: number }> };
    const next = produce(base, (d) => {
      d.items.b.n = 20;
      const vals = peekValues(d.items);
      expect(vals.map((v) => v.n)).toEqual([1, 20, 3]);
      expect(peekKeys(d.items, (v) => v.n > 2)).toEqual(['b', 'c']);
    });
    // a and c were only read: still the base's objects
    expect(next.items.a).toBe(base.items.a);
    expect(next.items.c).toBe(base.items.c);
    expect(peekValues(base.items)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(peekKeys(base.items, (v) => v.n !== 2)).toEqual(['a', 'c']);
  });
});
