// docker compose exists on the docker-26.1 profile only; on docker-20.10 it is refused by name.

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';

describe('docker compose per engine', () => {
  it('is refused by name on docker-20.10 and runs on docker-26.1', () => {
    const old = execute(initialState({ engine: 'docker-20.10' }), 'docker compose version');
    expect(old.exitCode).toBe(125);
    expect(old.output).toMatch(/^strata does not simulate `docker compose` on docker-20.10/);
    const now = execute(initialState({ engine: 'docker-26.1' }), 'docker compose version');
    // a normal install's plugin is built from the git tag (compose Makefile: VERSION from git describe)
    expect(now).toMatchObject({ exitCode: 0, output: 'Docker Compose version v2.26.1\n' });
  });

  it('reads variables exported by the calling shell', () => {
    let st = initialState({ engine: 'docker-26.1' });
    st = execute(st, "printf 'services:\\n  app:\\n    image: busybox:${TAG:-none}\\n' > compose.yaml").state;
    const r = execute(st, 'TAG=1.36 docker compose -p demo config --images');
    expect(r).toMatchObject({ exitCode: 0, output: 'busybox:1.36\n' });
    expect(execute(st, 'docker compose -p demo config --images').output).toBe('busybox:none\n');
  });
});
