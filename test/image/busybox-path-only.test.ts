// The real busybox:latest's ash finds a command through PATH only (no FEATURE_SH_STANDALONE in
// docker-library/busybox's defconfig build): `command -v ls` is /bin/ls and a name without its link
// in PATH is `not found`. Ground truth: test/recorded/busybox-path-only/ (record.sh runs each line
// of cases.txt as `sh -c LINE` in a chroot of that image's rootfs, unedited output in chroot.txt).
// The oracle's busybox:latest (Debian's busybox-static 1.35, --busybox-stand-ins) is standalone:
// there `command -v ls` prints `ls` (test/recorded corpora), which this file does not change.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const DIR = join(import.meta.dirname, '..', 'recorded', 'busybox-path-only');
const cases = readFileSync(join(DIR, 'cases.txt'), 'utf8').split('\n').filter((l) => l !== '');
/** chroot.txt as [line, output, exit] per case, in cases.txt's order. */
const runs = readFileSync(join(DIR, 'chroot.txt'), 'utf8')
  .split(/^\$ /m)
  .slice(1)
  .map((block) => {
    const nl = block.indexOf('\n');
    const rest = block.slice(nl + 1);
    const exit = /\[exit (\d+)\]\n$/.exec(rest);
    return { line: block.slice(0, nl), output: exit ? rest.slice(0, exit.index) : rest, exit: exit ? Number(exit[1]) : 0 };
  });

describe.each(['20.10', '26.1'] as const)('the real busybox:latest searches PATH only (%s)', (engine) => {
  it('has a recorded run of each case', () => {
    expect(runs.map((r) => r.line)).toEqual(cases);
  });

  it.each(runs.map((r) => [r.line, r] as const))('sh -c %s', (line, want) => {
    const docker = new SimulatedDocker({ engine: `docker-${engine}` });
    const r = docker.run(`docker run --rm busybox sh -c $'${line.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
    expect({ output: r.output.replace(/^Unable to find[\s\S]*?Status: .*\n/, ''), exit: r.exitCode }).toEqual({ output: want.output, exit: want.exit });
  });

  it('keeps the oracle busybox standalone under --busybox-stand-ins', () => {
    const docker = new SimulatedDocker({ engine: `docker-${engine}`, busyboxStandIns: true });
    expect(docker.run("docker run --rm busybox sh -c 'command -v ls'").output).toBe('ls\n');
  });
});
