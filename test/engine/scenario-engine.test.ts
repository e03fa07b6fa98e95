// The engine as the scenario replayer drives it: one state threaded through the commands, the
// events of each run, stand-in images loaded by reference, and the IDs the normalizer may number
// (the objects that exist now, as the recorder would see them).

import { describe, expect, it } from 'vitest';
import { tableKeys, tableValues } from '../../src/engine/table.ts';
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
    const d = new SimulatedDocker({ oracleBase: true });
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

  it('knownIds after each command is what a fresh scan of the state finds, and `added` lists exactly the IDs new since the last answer', () => {
    const d = new SimulatedDocker();
    const idsOf = (name: string): string[] => {
      const c = tableValues(d.state.containers).find((x) => x.name === `/${name}` || x.name === name)!;
      return [c.id, c.layerId];
    };
    // objects that exist before the first question are found by the scan
    expect(d.run('docker create --name c1 -v named:/a -v /anon busybox').exitCode).toBe(0);
    const anon = tableKeys(d.state.volumes).find((v) => v !== 'named')!;
    let last = d.knownIds();
    expect([...last.ids].sort()).toEqual([...idsOf('c1'), anon].sort());
    // `added`: the IDs the command adds, read once it has run
    const step = (command: string, added: () => string[] = () => []): void => {
      const before = new Set(last.ids);
      expect(d.run(command).exitCode, command).toBe(0);
      const now = d.knownIds();
      expect(now.added?.since, command).toBe(last);
      expect([...now.added!.ids].sort(), command).toEqual(added().sort());
      expect(now.added!.ids, command).toEqual(now.added!.ids.filter((id) => !before.has(id)));
      const fresh = new SimulatedDocker();
      fresh.state = d.state;
      expect([...now.ids].sort(), command).toEqual([...fresh.knownIds().ids].sort());
      last = now;
    };
    // only the containers change
    step('docker create --name c2 busybox', () => idsOf('c2'));
    // only the volumes change: a 64-hex name is an ID to number, a short hex one or another name is not
    const hex = 'ab'.repeat(32);
    step(`docker volume create ${hex}`, () => [hex]);
    step('docker volume create abc123');
    step(`docker volume create ${'g'.repeat(64)}`);
    // a volume named after a container's ID adds nothing new, and removing it leaves the
    // container's ID known (two objects held it)
    step(`docker volume create ${idsOf('c2')[0]}`);
    step(`docker volume rm ${idsOf('c2')[0]}`);
    expect(last.ids.has(idsOf('c2')[0])).toBe(true);
    // a container removed without its volumes: its IDs go, the anonymous volume stays
    step('docker rm c1');
    expect(last.ids.has(anon)).toBe(true);
    // then the volume alone
    step(`docker volume rm ${anon}`);
    expect(last.ids.has(anon)).toBe(false);
  });

  it('dataRoot is where the engine keeps its data, as the paths it prints show (the normalizer names it)', () => {
    const d = new SimulatedDocker();
    expect(d.run("docker volume create vol >/dev/null; docker volume inspect --format '{{.Mountpoint}}' vol").output).toBe(`${d.dataRoot}/volumes/vol/_data\n`);
  });

  it('loadImages adds the catalog stand-ins it knows and returns the references it does not', () => {
    const d = new SimulatedDocker();
    expect(d.loadImages(['alpine:3.19', 'nosuchimage:1'])).toEqual(['nosuchimage:1']);
    expect(d.run('docker image ls --format "{{.Repository}}:{{.Tag}}" alpine').output).toBe('alpine:3.19\n');
  });
});
