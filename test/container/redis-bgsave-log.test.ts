// BGSAVE in a normal install's `docker logs` of redis: the real server forks a child to save
// (rdbSaveBackground, redis src/rdb.c at 7.4.1) and logs "Background saving started by pid N",
// the child's "DB saved on disk" and "Fork CoW for RDB: ..." under the child's PID (N:C), then
// "Background saving terminated with success" when the child ends. The PID and when the child
// ends are not known: the log is refused from that place on, never printed without those lines.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker logs of redis after BGSAVE (%s)', (engine) => {
  it('refuses the background save lines by name, and prints the log before them', () => {
    const d = new SimulatedDocker({ engine });
    expect(d.run('docker run -d --name cache redis:7 >/dev/null').exitCode).toBe(0);
    const before = d.run('docker logs --tail 1 cache');
    expect(before.output).toMatch(/^1:M .* \* Ready to accept connections tcp\n$/);
    expect(d.run('docker exec cache redis-cli BGSAVE').output).toBe('Background saving started\n');
    const after = d.run('docker logs --tail 1 cache');
    expect(after.exitCode).toBe(125);
    expect(after.output).toContain('Background saving started by pid N');
    // SAVE saves in the server itself: its one line is known (rdbSave, LL_NOTICE)
    const d2 = new SimulatedDocker({ engine });
    d2.run('docker run -d --name cache redis:7 >/dev/null');
    d2.run('docker exec cache redis-cli SAVE');
    expect(d2.run('docker logs --tail 1 cache').output).toMatch(/^1:M .* \* DB saved on disk\n$/);
  });

  it("shows the stand-in's own mark with the oracle's stand-ins", () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run('docker run -d --name cache redis:7 >/dev/null');
    d.run('docker exec cache redis-cli BGSAVE');
    expect(d.run('docker logs --tail 1 cache').output).toBe('Background saving started\n');
  });
});
