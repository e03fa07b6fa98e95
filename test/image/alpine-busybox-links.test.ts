// The Alpine-based stand-ins have busybox's links where each Alpine version's minirootfs has them
// (src/image/alpine-busybox.ts), and the image's busybox runs, refuses by name or does not know a
// name as Alpine's does. The expected paths and counts are the minirootfs tarballs' (`tar tvzf` of
// alpinelinux/docker-alpine's x86_64 alpine-minirootfs-3.17.10, 3.19.4 and edge 20240923; `busybox
// --list` and `PATH=/none; ls` in a chroot of each), written out here, never taken from strata.

import { describe, expect, it } from 'vitest';
import { alpineRootfsStep } from '../../scripts/catalog.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

/** The minirootfs's other programs than busybox, and their directories. */
const OTHERS = ['/sbin/ldconfig', '/usr/bin/getconf', '/usr/bin/getent', '/usr/bin/iconv', '/usr/bin/ldd', '/usr/bin/scanelf', '/usr/bin/ssl_client'];

/** The link paths the generated step makes (its `for a in ...; do ... ln -s /bin/busybox $a` list). */
function linksOf(step: string): string[] {
  const m = /&& for a in \\\n([\s\S]*?); \\\n {4}do \/bin\/busybox ln -s \/bin\/busybox \$a; done/.exec(step);
  if (m === null) throw new Error('no link loop in the step');
  return m[1].split(/[\s\\]+/).filter((w) => w !== '').map((w) => w.replace(/^'(.*)'$/, '$1'));
}

describe("the alpine stand-ins' busybox links", () => {
  it('are 3.19.4\'s: 81 in /bin, 59 in /sbin, 137 in /usr/bin, 27 in /usr/sbin, all to /bin/busybox', () => {
    const { step, files } = alpineRootfsStep('3.19.4', 't');
    const links = linksOf(step);
    const count = (dir: string): number => links.filter((p) => p.slice(0, p.lastIndexOf('/')) === dir).length;
    expect([count('/bin'), count('/sbin'), count('/usr/bin'), count('/usr/sbin')]).toEqual([81, 59, 137, 27]);
    expect(links).toContain('/usr/bin/awk');
    expect(links).toContain('/bin/sh');
    expect(links).toContain('/usr/bin/[');
    expect(links).toContain('/usr/sbin/adduser');
    expect(links).not.toContain('/bin/awk');
    expect(links).not.toContain('/bin/ed');
    // the base image's own links go first, busybox stays
    expect(step).toContain('cd /bin && /bin/busybox rm $(/bin/busybox ls -A | /bin/busybox grep -vx busybox)');
    // the other programs are the refusal by name, executable
    for (const p of OTHERS) {
      const f = files.find((x) => x.rel === `alpine-rootfs${p}`);
      expect(f?.mode, p).toBe(0o755);
      expect(f?.text, p).toContain('strata does not simulate');
    }
  });

  it("take 3.17.10's for 3.17 (ed, no tree or zcip) and edge's, inferred, from 3.21", () => {
    const old = alpineRootfsStep('3.17.1', 't');
    const links = linksOf(old.step);
    expect(links).toHaveLength(303);
    expect(links).toContain('/bin/ed');
    expect(links).not.toContain('/usr/bin/tree');
    expect(links).not.toContain('/sbin/zcip');
    expect(old.step).toContain('as 3.17.10 (inferred) has them');
    const now = alpineRootfsStep('3.24.2', 't');
    expect(linksOf(now.step)).toEqual(linksOf(alpineRootfsStep('3.19.4', 't').step));
    expect(now.step).toContain('as edge 20240923 (inferred) has them');
    expect(alpineRootfsStep('3.19.4', 't').step).toContain('as 3.19.4 has them');
  });
});

describe("an alpine container's busybox, in a normal install", () => {
  const d = new SimulatedDocker({ engine: 'docker-26.1' });
  d.run('docker pull -q alpine:3.19');
  d.run('docker pull -q alpine:3.24');
  const sh = (image: string, script: string): { output: string; exitCode: number } => d.run(`docker run --rm ${image} sh -c '${script}'`);

  it('finds its applets through PATH at their Alpine paths', () => {
    const r = sh('alpine:3.19', 'which awk sh adduser getent; readlink /usr/bin/awk; command -v ls; ls /usr/bin | head -3');
    expect(r.output).toBe('/usr/bin/awk\n/bin/sh\n/usr/sbin/adduser\n/usr/bin/getent\n/bin/busybox\n/bin/ls\n[\n[[\nawk\n');
    expect(sh('alpine:3.24', 'ls /bin | wc -l; ls /sbin | wc -l; ls /usr/bin | wc -l; ls /usr/sbin | wc -l').output).toBe('82\n61\n143\n27\n');
  });

  it('is no standalone shell: a name without a link is not found, as Alpine ash says', () => {
    expect(sh('alpine:3.19', 'PATH=/none; ls; echo $?').output).toBe('sh: ls: not found\n127\n');
    // the oracle's busybox has dpkg and ar; Alpine's has neither
    expect(sh('alpine:3.19', 'dpkg; echo $?; busybox ar; echo $?').output).toBe('sh: dpkg: not found\n127\nar: applet not found\n127\n');
  });

  it("refuses by name an applet of Alpine's busybox that strata does not run, never not found", () => {
    for (const image of ['alpine:3.19', 'alpine:3.24']) {
      const r = sh(image, 'nohup true; echo $?; flock; echo $?');
      expect(r.output).not.toMatch(/not found/);
      expect(r.output).toContain('nohup: strata does not simulate this command');
      expect(r.output).toContain('flock: strata does not simulate this command');
    }
  });

  it('runs or refuses adduser by name, where the oracle busybox has no such applet', () => {
    const r = sh('alpine:3.19', 'adduser -D bob; echo $?');
    expect(r.output).not.toMatch(/not found/);
    const stand = new SimulatedDocker({ engine: 'docker-26.1', busyboxStandIns: true });
    stand.run('docker pull -q alpine:3.19');
    expect(stand.run(`docker run --rm alpine:3.19 sh -c 'adduser -D bob; echo $?; nohup true; echo $?'`).output).toBe('adduser: applet not found\n127\nnohup: applet not found\n127\n');
  });

  it('refuses the minirootfs programs that are not busybox by name', () => {
    for (const p of ['getent passwd root', '/usr/bin/ssl_client', 'scanelf', 'ldd /bin/busybox', 'ldconfig', 'iconv', 'getconf PAGESIZE']) {
      const r = d.run(`docker run --rm alpine:3.24 ${p}`);
      expect(r.exitCode, p).toBe(125);
      expect(r.output, p).toMatch(/^strata does not simulate `[a-z_]+`: the stand-in image has this program/);
    }
  });
});
