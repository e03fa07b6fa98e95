// rm -r of a server's data directory in a normal install (Namespace.entriesToRemove): the real
// server's files there have names strata does not all know (DirNode.placeholder), but removing them
// all ends the same whatever they are, so `rm -rf` of postgres' data (the common "start the
// database afresh" step) runs; where a removal could fail, or -v would print the names, it stays
// refused by name (test/image/catalog-placeholders.test.ts states the refusals of listings).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

function pgdata(): SimulatedDocker {
  const d = new SimulatedDocker({ engine: 'docker-26.1' });
  expect(d.run('docker run -d --name db -v pgdata:/var/lib/postgresql/data -e POSTGRES_PASSWORD=x postgres:16').exitCode).toBe(0);
  expect(d.run('docker rm -f db').exitCode).toBe(0);
  return d;
}

describe('rm -r of a directory the real server fills', () => {
  it('rm -rf of one of them removes it whole, silently', () => {
    const d = pgdata();
    // base/1 is such a directory: listing it is refused
    expect(d.run('docker run --rm -v pgdata:/data busybox ls /data/base/1').output).toMatch(/^strata does not simulate the entries of \/data\/base\/1/);
    const r = d.run('docker run --rm -v pgdata:/data busybox rm -rf /data/base');
    expect(r).toEqual({ output: '', exitCode: 0 });
    expect(d.run('docker run --rm -v pgdata:/data busybox ls /data').output.split('\n')).not.toContain('base');
  });
  it("rm -rf /data/* empties the volume; a new postgres container then initialises it afresh", () => {
    const d = pgdata();
    expect(d.run(`docker run --rm -v pgdata:/data busybox sh -c 'rm -rf /data/*'`)).toEqual({ output: '', exitCode: 0 });
    expect(d.run('docker run --rm -v pgdata:/data busybox ls -A /data')).toEqual({ output: '', exitCode: 0 });
  });
  it('GNU rm (a Debian image) too', () => {
    const d = pgdata();
    d.loadImages(['debian:bookworm']);
    expect(d.run('docker run --rm -v pgdata:/data debian:bookworm rm -rf /data/global')).toEqual({ output: '', exitCode: 0 });
    expect(d.run('docker run --rm -v pgdata:/data busybox ls /data').output.split('\n')).not.toContain('global');
  });
  it('rm -rv would print every name it removes: refused by name', () => {
    const d = pgdata();
    const r = d.run('docker run --rm -v pgdata:/data busybox rm -rfv /data/base');
    expect(r.exitCode).toBe(125);
    expect(r.output).toMatch(/strata does not simulate the entries of \/data\/base\/1/);
  });
  it('on a read-only mount each removal fails naming a file strata does not know: refused by name', () => {
    const d = pgdata();
    const r = d.run('docker run --rm -v pgdata:/data:ro busybox rm -rf /data/base');
    expect(r.exitCode).toBe(125);
    expect(r.output).toMatch(/strata does not simulate the entries of \/data\/base\/1/);
  });
  it('with the stand-ins as the oracle ran them (--busybox-stand-ins) nothing is refused', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', busyboxStandIns: true });
    d.loadImages(['postgres:16']);
    d.run('docker run -d --name db -v pgdata:/var/lib/postgresql/data -e POSTGRES_PASSWORD=x postgres:16');
    expect(d.run('docker run --rm -v pgdata:/data busybox rm -rfv /data/base').exitCode).toBe(0);
  });
});
