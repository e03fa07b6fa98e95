// busybox's adduser, addgroup, deluser and delgroup in an Alpine image and in the real
// busybox:latest (src/shell/applets/users.ts), against test/recorded/busybox-adduser/: Alpine
// 3.19.4's own busybox in a chroot of its minirootfs (cases.txt → alpine-3.19.4.txt), the real
// busybox:latest's rootfs likewise (busybox-1.38.0.txt), and the Alpine minirootfs imported into both oracle
// engines (docker-cases.txt → docker-20.10.txt, docker-26.1.txt). strata runs each case in the
// catalog's alpine:3.19 with what the real minirootfs has and the stand-in lacks: its /etc/shadow
// (alpine-3.19.4.shadow, mode and owner from the transcript's header) and, until the catalog has
// them, the applets' links in /usr/sbin.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { busyboxBanner } from '../../src/shell/applets/util.ts';

const DIR = join(import.meta.dirname, '..', 'recorded', 'busybox-adduser');
const read = (name: string): string => readFileSync(join(DIR, name), 'utf8');

/** A docker with the image adduser-alpine:3.19.4: alpine:3.19 plus the minirootfs's /etc/shadow and the links. */
function alpineDocker(engine: '20.10' | '26.1'): SimulatedDocker {
  const d = new SimulatedDocker({ engine: `docker-${engine}` });
  d.loadImages(['alpine:3.19']);
  const transcript = read('alpine-3.19.4.txt');
  const [, mode, owner] = /^# \/etc\/shadow: (\d+) (\S+)$/m.exec(transcript)!;
  const shadow = read('alpine-3.19.4.shadow');
  expect(shadow).not.toMatch(/['\\%]/);
  const dockerfile = [
    'FROM alpine:3.19',
    'COPY shadow /etc/shadow',
    `RUN chown ${owner} /etc/shadow && chmod ${mode} /etc/shadow && for a in adduser addgroup deluser delgroup; do [ -e /usr/sbin/$a ] || ln -s /bin/busybox /usr/sbin/$a; done`,
    '',
  ].join('\\n');
  expect(d.run(`mkdir ctx && printf '${shadow.replace(/\n/g, '\\n')}' > ctx/shadow && printf '${dockerfile}' > ctx/Dockerfile`).exitCode).toBe(0);
  const built = d.run('docker build -q -t adduser-alpine:3.19.4 ctx');
  expect(built.exitCode, built.output).toBe(0);
  return d;
}

/** The recorded banner of a usage text is Alpine's busybox's; strata's stand-in prints its own (util.ts busyboxBanner). */
function withStrataBanner(text: string): string {
  return text.replace(/^BusyBox v1\.36\.1 \(2024-06-12 06:28:12 UTC\) multi-call binary\.$/gm, busyboxBanner({}).trimEnd());
}

describe('adduser, addgroup, deluser, delgroup as Alpine 3.19.4 runs them (alpine-3.19.4.txt, a chroot)', () => {
  const cases = read('cases.txt').split('\n').filter((l) => l !== '');
  const runs = read('alpine-3.19.4.txt').split(/^\$ sh -c .*\n/m).slice(1);

  it('has a recorded run for each case', () => {
    expect(runs).toHaveLength(cases.length);
    expect(cases.length).toBeGreaterThan(20);
  });

  const d = alpineDocker('20.10');
  cases.forEach((c, i) => {
    it(c.split('\\n')[0], () => {
      const [, output, exit] = /^([\s\S]*)\[exit (\d+)\]\n$/.exec(runs[i])!;
      const r = d.run(`docker run --rm adduser-alpine:3.19.4 sh -c $'${c.replace(/'/g, "\\'")}'`);
      expect({ output: r.output, exit: r.exitCode }).toEqual({ output: withStrataBanner(output), exit: Number(exit) });
    });
  });
});

describe('adduser, addgroup, deluser, delgroup as the real busybox:latest runs them (busybox-1.38.0.txt, a chroot)', () => {
  const cases = read('cases.txt').split('\n').filter((l) => l !== '');
  const runs = read('busybox-1.38.0.txt').split(/^\$ sh -c .*\n/m).slice(1);

  it('has a recorded run for each case', () => {
    expect(runs).toHaveLength(cases.length);
  });

  // a normal install's busybox:latest is the real image (image/busybox-real.ts), with its /etc/shadow
  const d = new SimulatedDocker({ engine: 'docker-20.10' });
  cases.forEach((c, i) => {
    it(c.split('\\n')[0], () => {
      const [, output, exit] = /^([\s\S]*)\[exit (\d+)\]\n$/.exec(runs[i])!;
      const r = d.run(`docker run --rm busybox sh -c $'${c.replace(/'/g, "\\'")}'`);
      expect({ output: r.output, exit: r.exitCode }).toEqual({ output, exit: Number(exit) });
    });
  });
});

/** docker-cases.txt's commands: each `run ARGS` line, with the lines of its here-document, is `docker ARGS`. */
function dockerCases(): string[] {
  const out: string[] = [];
  for (const line of read('docker-cases.txt').split('\n')) {
    if (line.startsWith('run ')) out.push(`docker ${line.slice(4)}`);
    else if (line !== '' || out.length > 0) out[out.length - 1] += `\n${line}`;
  }
  return out.map((c) => c.replace(/\n+$/, ''));
}

/** A transcript's outputs by command: the lines after each `$ docker ...` up to `[exit N]`. */
function dockerRuns(file: string): { output: string; exit: number }[] {
  return read(file)
    .split(/^\$ docker .*\n/m)
    .slice(1)
    .map((block) => {
      const [, output, exit] = /^([\s\S]*)\[exit (\d+)\]\n$/.exec(block)!;
      return { output, exit: Number(exit) };
    });
}

/** IDs differ from run to run: image IDs and short container or image IDs become placeholders. */
function withoutIds(text: string): string {
  return text.replace(/sha256:[0-9a-f]{64}/g, '<img>').replace(/\b[0-9a-f]{12}\b/g, '<id>');
}

for (const engine of ['20.10', '26.1'] as const) {
  describe(`the users in builds and containers of Docker ${engine} (docker-${engine}.txt)`, () => {
    const commands = dockerCases();
    const runs = dockerRuns(`docker-${engine}.txt`);
    it('has a recorded run for each command', () => {
      expect(runs).toHaveLength(commands.length);
    });
    const d = alpineDocker(engine);
    commands.forEach((c, i) => {
      it(c.split('\n')[0], () => {
        const r = d.run(c);
        expect({ output: withoutIds(r.output), exit: r.exitCode }).toEqual({ output: withoutIds(runs[i].output), exit: runs[i].exit });
      });
    });
  });
}
