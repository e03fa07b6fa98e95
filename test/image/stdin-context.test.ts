// Build contexts from stdin (src/image/build/stdin-context.ts): which stdin is an archive, and the
// legacy CLI's context size for `-f - DIR` (recorded: builds/build-stdin-dockerfile-dir,
// builds/build-context-archive-stdin).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { isArchive } from '../../src/image/build/stdin-context.ts';

describe('a build context from stdin', () => {
  it('is an archive when it is compressed or starts with a tar header, else a Dockerfile', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    d.run("mkdir c && echo hi > c/f && printf 'FROM busybox\\nCOPY f /f\\n' > c/Dockerfile && tar -cf c.tar -C c . && tar -czf c.tgz -C c .");
    for (const archive of ['c.tar', 'c.tgz']) {
      expect(d.run(`docker build -q -t t - < ${archive} > /dev/null && docker run --rm t cat /f`), archive).toEqual({ output: 'hi\n', exitCode: 0 });
    }
    expect(isArchive('FROM busybox\n')).toBe(false);
    expect(isArchive('')).toBe(false);
    // a block that only looks like a header (no valid checksum)
    expect(isArchive('x'.repeat(1024))).toBe(false);
  });

  it('-f - into a directory without .dockerignore: the size is printed only when both of the orders the CLI may send give the same', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    d.run('mkdir ctx && echo hello > ctx/h.txt');
    // 47 bytes, like the .dockerignore the CLI makes: the padding cut from the last file is the same
    const same = `FROM busybox\nRUN exit 4\n#${'x'.repeat(21)}\n`;
    expect(same.length).toBe(47);
    const r = d.run(`printf '${same.replace(/\n/g, '\\n')}' | docker build -q -f - ctx`);
    expect(r.exitCode).toBe(4);
    // 2048 (h.txt and the end blocks) - 1024 + 1024 (.dockerignore) + 512 + 47 (the Dockerfile)
    expect(r.output).toMatch(/^Sending build context to Docker daemon  2\.607kB\r\r\n/);
    const other = d.run(`printf 'FROM busybox\\nRUN exit 4\\n' | docker build -q -f - ctx`);
    expect(other).toEqual({ output: expect.stringContaining('strata does not simulate the context size') as unknown as string, exitCode: 125 });
    // a successful quiet build prints no log, so nothing depends on it
    expect(d.run(`printf 'FROM busybox\\n' | docker build -q -f - ctx`).exitCode).toBe(0);
  });

  // Neither builder's words for these are recorded: strata refuses them (exit 125) rather than
  // build from what it could read, whichever part of the stdin is broken.
  it.each(['docker-20.10', 'docker-26.1'] as const)('a stdin that is compressed but does not decompress, or a tar that does not unpack, is refused (%s)', (engine) => {
    const d = new SimulatedDocker({ engine });
    d.run("mkdir c && printf 'FROM busybox\\n' > c/Dockerfile && tar -cf c.tar -C c . && tar -czf c.tgz -C c .");
    const refusal = 'strata does not simulate a build context from stdin that does not';
    for (const cmd of ["printf '\\037\\213\\010garbage' | docker build -", 'head -c 30 c.tgz | docker build -']) {
      expect(d.run(cmd), cmd).toEqual({ output: `${refusal} decompress: the daemon's words for it are not recorded\n`, exitCode: 125 });
    }
    // a good first header, then a block that is no header
    const r = d.run("{ head -c 512 c.tar; head -c 1024 /dev/zero | tr '\\0' x; } | docker build -");
    expect(r.exitCode).toBe(125);
    expect(r.output).toMatch(new RegExp(`^${refusal} unpack \\(.+\\): the daemon's words for it are not recorded\\n$`));
  });
});
