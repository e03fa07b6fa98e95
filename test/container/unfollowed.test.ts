// What strata follows no further (container/unfollowed.ts, restart-rerun.ts): the comparison that
// decides whether a restarting container's runs change a mount, which host paths a changed bind
// reaches, and the log a refusal of `docker logs` shows. The daemon's side is recorded in
// lifecycle/restart-loop-kept and compose/restart-loop-down; test/container/restart.test.ts has the
// sessions.

import { describe, expect, it } from 'vitest';
import { dir, file, symlink, device, socket, type Node } from '../../src/fs/node.ts';
import { sameContent } from '../../src/container/restart-rerun.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

describe('sameContent: what a run left, times aside', () => {
  const base = (): Node => dir({ mode: 0o755, mtime: 1 }, { a: file('x', { mode: 0o644, mtime: 1 }), l: symlink('a', { mtime: 1 }), d: dir({ mode: 0o700, mtime: 1 }) });

  it('holds for equal trees whatever their times', () => {
    const later = dir({ mode: 0o755, mtime: 9 }, { d: dir({ mode: 0o700, mtime: 9 }), l: symlink('a', { mtime: 9 }), a: file('x', { mode: 0o644, mtime: 9 }) });
    expect(sameContent(base(), later)).toBe(true);
    expect(sameContent(undefined, undefined)).toBe(true);
    expect(sameContent(device('null', { mtime: 1 }), device('null', { mtime: 2 }))).toBe(true);
    expect(sameContent(socket({ mtime: 1 }), socket({ mtime: 3 }))).toBe(true);
  });

  it('fails for every other difference', () => {
    const changed: [string, Node | undefined][] = [
      ['bytes', dir({ mode: 0o755 }, { a: file('y', { mode: 0o644 }), l: symlink('a'), d: dir({ mode: 0o700 }) })],
      ['a mode', dir({ mode: 0o755 }, { a: file('x', { mode: 0o600 }), l: symlink('a'), d: dir({ mode: 0o700 }) })],
      ['an owner', dir({ mode: 0o755 }, { a: file('x', { mode: 0o644, uid: 999 }), l: symlink('a'), d: dir({ mode: 0o700 }) })],
      ['a group', dir({ mode: 0o755 }, { a: file('x', { mode: 0o644, gid: 999 }), l: symlink('a'), d: dir({ mode: 0o700 }) })],
      ['a link target', dir({ mode: 0o755 }, { a: file('x', { mode: 0o644 }), l: symlink('b'), d: dir({ mode: 0o700 }) })],
      ['a directory mode', dir({ mode: 0o755 }, { a: file('x', { mode: 0o644 }), l: symlink('a'), d: dir({ mode: 0o755 }) })],
      ['a name more', dir({ mode: 0o755 }, { a: file('x', { mode: 0o644 }), l: symlink('a'), d: dir({ mode: 0o700 }), e: file('') })],
      ['a name less', dir({ mode: 0o755 }, { a: file('x', { mode: 0o644 }), l: symlink('a') })],
      ['a name renamed', dir({ mode: 0o755 }, { b: file('x', { mode: 0o644 }), l: symlink('a'), d: dir({ mode: 0o700 }) })],
      ['a kind', dir({ mode: 0o755 }, { a: file('x', { mode: 0o644 }), l: symlink('a'), d: file('', { mode: 0o700 }) })],
      ['a hard link', dir({ mode: 0o755 }, { a: file('x', { mode: 0o644, ino: 5, nlink: 2 }), l: symlink('a'), d: dir({ mode: 0o700 }) })],
      ['the root mode', dir({ mode: 0o777 }, { a: file('x', { mode: 0o644 }), l: symlink('a'), d: dir({ mode: 0o700 }) })],
      ['gone', undefined],
    ];
    for (const [what, tree] of changed) expect(sameContent(base(), tree), what).toBe(false);
    expect(sameContent(device('null'), device('zero'))).toBe(false);
    expect(sameContent(dir({}, {}), { ...dir({}, {}), opaque: true })).toBe(false);
  });
});

describe('a bind a restarting container changes', () => {
  it('is refused to new containers that mount it, a directory above it, or one below it; not to a sibling', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    expect(d.run('mkdir -p /srv/a/out /srv/b && echo b > /srv/b/f').exitCode).toBe(0);
    expect(d.run("docker run -d --name wr --restart always -v /srv/a/out:/out busybox sh -c 'echo x >> /out/log; exit 1'").exitCode).toBe(0);
    const refused = /^strata does not simulate the host directory \/srv\/a\/out past the restarts of wr: /;
    for (const src of ['/srv/a/out', '/srv', '/srv/a/out/sub']) expect(d.run(`docker run --rm -v ${src}:/m busybox true`).output, src).toMatch(refused);
    expect(d.run('docker run --rm -v /srv/b:/m busybox cat /m/f')).toMatchObject({ exitCode: 0, output: 'b\n' });
    expect(d.run('cat /srv/b/f')).toMatchObject({ exitCode: 0, output: 'b\n' });
    expect(d.run('ls /srv/a/out').output).toMatch(refused);
  });
});

describe('a bind volume a restarting container changes', () => {
  it('is refused in containers and as the host directory it is', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run('mkdir -p /srv/dev && docker volume create --opt type=none --opt o=bind --opt device=/srv/dev bv').exitCode).toBe(0);
    expect(d.run("docker run -d --name bw --restart always -v bv:/v busybox sh -c 'echo x >> /v/log; exit 1'").exitCode).toBe(0);
    expect(d.run('docker run --rm -v bv:/v busybox cat /v/log').output).toMatch(/^strata does not simulate volume bv past the restarts of bw: /);
    expect(d.run('cat /srv/dev/log').output).toMatch(/^strata does not simulate the host directory \/srv\/dev past the restarts of bw: /);
  });
});

describe('a loop strata stops following', () => {
  it('says so of the volume it writes', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run("docker run -d --name lp -v lpv:/v busybox sh -c 'while :; do echo x >> /v/log; sleep 0.01; done'").exitCode).toBe(0);
    expect(d.run('sleep 20').exitCode).toBe(0);
    expect(d.run('docker run --rm -v lpv:/v busybox true').output).toBe(
      'strata does not simulate volume lpv past this point: container lp, which writes to it, runs on beyond what strata follows (docs/compat.md); `docker volume rm lpv` once no container uses it\n',
    );
  });
});

describe('docker logs of a restarting container', () => {
  it('shows the last 20 lines of what a run prints, after an ellipsis', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run("docker run -d --name many --restart always busybox sh -c 'seq 1 25; exit 1'").exitCode).toBe(0);
    const shown = d.run('docker logs many').output.split('\n');
    expect(shown[1]).toBe('strata: each of its runs after the first prints:');
    expect(shown.slice(2)).toEqual(['  ...', ...Array.from({ length: 20 }, (_, i) => `  ${i + 6}`), '']);
  });

  it('shows no run output when the runs print nothing', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run("docker run -d --name quiet --restart always busybox sh -c 'exit 1'").exitCode).toBe(0);
    expect(d.run('docker logs quiet').output).toMatch(/^strata does not simulate the daemon restarting quiet: [^\n]*\n$/);
  });
});
