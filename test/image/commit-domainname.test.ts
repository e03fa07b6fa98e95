// docker commit keeps the container's whole Config in the image (moby daemon/commit.go
// CreateImageFromContainer: the CLI sends no config, so c.Config = container.Config), Domainname
// included; docker save / load keep it; `docker load -q` still prints each `Loaded image` line
// (docker/cli cli/command/image/load.go: quiet drops only the progress bars); the 28.2 client's
// image config JSON leaves empty maps out (omitempty). Ground truth:
// test/recorded/docker-*/commit-hostname/commit-domainname.scenario.

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineName } from '../../src/engine/profile.ts';
import { expectRecordingFile } from '../container/recorded.ts';

const ENGINES: EngineName[] = ['docker-20.10', 'docker-26.1'];

function run(engine: EngineName, lines: string[]): string[] {
  let st = initialState({ engine, oracleBase: true });
  return lines.map((line) => {
    const r = execute(st, line);
    st = r.state;
    return r.output;
  });
}

describe('the recordings', () => {
  for (const engine of ENGINES) {
    it(`${engine}: commit-hostname/commit-domainname replays`, () => {
      expectRecordingFile(engine, 'commit-hostname/commit-domainname');
    });
  }
});

describe('a committed image keeps the container’s host and domain names', () => {
  for (const engine of ENGINES) {
    for (const [flags, host, domain] of [
      ['--hostname h1 --domainname a.example', 'h1', 'a.example'],
      ['--domainname b.test', undefined, 'b.test'],
      ['--hostname solo', 'solo', ''],
    ] as const) {
      it(`${engine}: run ${flags}`, () => {
        const out = run(engine, [
          `docker run -d --name src ${flags} busybox sleep 100`,
          'docker commit src img',
          "docker inspect -f '{{.Config.Hostname}}|{{.Config.Domainname}}' src",
          "docker image inspect -f '{{.Config.Hostname}}|{{.Config.Domainname}}' img",
          'docker save img -o img.tar && docker rmi img >/dev/null && docker load -i img.tar',
          "docker image inspect -f '{{.Config.Hostname}}|{{.Config.Domainname}}' img",
          'docker run --rm img cat /proc/sys/kernel/domainname',
        ]);
        const container = out[2];
        if (host !== undefined) expect(container.startsWith(`${host}|`)).toBe(true);
        expect(container.endsWith(`|${domain}\n`)).toBe(true);
        expect(out[3]).toBe(container);
        expect(out[4]).toBe('Loaded image: img:latest\n');
        expect(out[5]).toBe(container);
        // a container of the image gets neither (daemon/create.go merges only some fields)
        expect(out[6]).toBe('(none)\n');
      });
    }
  }

  it('docker load -q prints what docker load prints', () => {
    for (const engine of ENGINES) {
      const out = run(engine, ['docker tag busybox b2', 'docker save b2 -o b.tar && docker rmi b2 >/dev/null', 'docker load -q -i b.tar', 'docker rmi b2 >/dev/null', 'docker load -i b.tar']);
      expect(out[2]).toBe('Loaded image: b2:latest\n');
      expect(out[4]).toBe(out[2]);
    }
  });

  it('docker-26.1: the image config JSON leaves the committed container’s empty Labels out', () => {
    const out = run('docker-26.1', ['docker run --name cc busybox true', 'docker commit cc img >/dev/null', "docker image inspect -f '{{json .Config}}' img", "docker image inspect -f '{{.Config.Labels}}' img"]);
    expect(out[2]).not.toContain('Labels');
    // templates still see the field
    expect(out[3]).toBe('map[]\n');
  });
});
