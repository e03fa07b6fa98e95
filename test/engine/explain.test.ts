import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { explainEvent } from '../../src/engine/explain.ts';

function explain(engine: SimulatedDocker, line: string): string[] {
  engine.run(line);
  return (engine.eventsByRun.at(-1) ?? []).map(explainEvent).filter((n): n is string => n !== undefined);
}

describe('explanations of where data went', () => {
  it('says a plain rm destroys the writable layer and orphans an anonymous volume', () => {
    const d = new SimulatedDocker();
    const run = explain(d, "docker run --name wr -v /data busybox sh -c 'echo 12345 > /data/f; echo ab > /root/r'");
    expect(run).toHaveLength(1);
    expect(run[0]).toMatch(/^anonymous volume [0-9a-f]{12} created/);
    const rm = explain(d, 'docker rm wr');
    expect(rm[0]).toBe('container "wr" removed: its writable layer (3 bytes of changes) is gone for good');
    expect(rm[1]).toMatch(/^anonymous volume [0-9a-f]{12} is no longer used by any container; its data stays on disk/);
  });

  it('says what copy-on-empty-mount copied, and that --rm removes the container', () => {
    const d = new SimulatedDocker();
    expect(explain(d, 'docker run --rm --name c1 -v etc-copy:/etc busybox true')).toEqual([
      'volume "etc-copy" created',
      'volume "etc-copy" was empty when container "c1" was created: the image\'s content of /etc was copied into it',
      'container "c1" removed: its writable layer (0 bytes of changes) is gone for good',
    ]);
  });

  it('says a stop empties tmpfs', () => {
    const d = new SimulatedDocker();
    d.run('docker run -d --name t1 --tmpfs /cache busybox sleep 100000');
    expect(explain(d, 'docker stop t1')).toEqual(['container "t1" stopped (exit 137): tmpfs /cache emptied (tmpfs lives in memory only)']);
  });

  it('says a volume removal takes its data', () => {
    const d = new SimulatedDocker();
    d.run("docker run --rm -v notes:/n busybox sh -c 'echo hello > /n/a'");
    expect(explain(d, 'docker volume rm notes')).toEqual(['volume "notes" removed, and with it 6 bytes of data']);
  });

  it('says how to define an image no registry has', () => {
    const d = new SimulatedDocker();
    expect(explain(d, 'docker run --rm my_image')).toEqual([
      'image my_image:latest is in no registry strata has: build it first in the scenario (docker build -t my_image:latest ...), or add a stand-in to the catalog (catalog/README.md)',
    ]);
  });
});
