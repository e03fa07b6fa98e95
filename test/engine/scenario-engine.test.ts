// The engine as the scenario replayer drives it: one state threaded through the commands, the
// events of each run, stand-in images loaded by reference, and the IDs the normalizer may number
// (the objects that exist now, as the recorder would see them).

import { describe, expect, it } from 'vitest';
import { tableValues } from '../../src/engine/table.ts';
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

  it('knownIds: containers, their layers, anonymous volumes and images, not named volumes; the same answer while nothing changes, and what a change adds', () => {
    const d = new SimulatedDocker();
    const first = d.knownIds();
    expect([...first.ids]).toEqual([]);
    expect([...first.imageIds]).toEqual([BASE_IMAGE_ID]);
    expect(d.run('docker create --name c1 -v named:/a -v /anon busybox').exitCode).toBe(0);
    const c = tableValues(d.state.containers)[0];
    const anon = d.state.volumes.order.flat().find((v) => v !== 'named')!;
    const known = d.knownIds();
    expect([...known.ids].sort()).toEqual([c.id, c.layerId, anon].sort());
    expect([...known.added!.ids].sort()).toEqual([c.id, c.layerId, anon].sort());
    expect(known.added!.imageIds).toEqual([]);
    expect(d.run('echo nothing changes').exitCode).toBe(0);
    expect(d.knownIds()).toBe(known);
    expect(d.run('docker rm -v c1').exitCode).toBe(0);
    expect([...d.knownIds().ids]).toEqual([]);
    expect(d.run('docker volume create ' + 'z'.repeat(64)).exitCode).toBe(0);
    expect([...d.knownIds().ids]).toEqual([]);
    expect(d.run('docker commit $(docker create busybox) img').exitCode).toBe(0);
    const after = d.knownIds();
    expect(after.added!.imageIds).toHaveLength(1);
    expect([...after.imageIds].sort()).toEqual([BASE_IMAGE_ID, ...after.added!.imageIds].sort());
    expect(d.run('docker rmi -f img').exitCode).toBe(0);
    expect([...d.knownIds().imageIds]).toEqual([BASE_IMAGE_ID]);
  });

  it('loadImages adds the catalog stand-ins it knows and returns the references it does not', () => {
    const d = new SimulatedDocker();
    expect(d.loadImages(['alpine:3.19', 'nosuchimage:1'])).toEqual(['nosuchimage:1']);
    expect(d.run('docker image ls --format "{{.Repository}}:{{.Tag}}" alpine').output).toBe('alpine:3.19\n');
  });
});
