// COPY and ADD through the engine (src/image/build/copy.ts): the flag forms strata refuses by name,
// the legacy builder's --chown parsing (moby builder/dockerfile/internals_linux.go parseChownFlag),
// the failures of a missing source on each builder (recorded: builds/multi-stage-errors), and the
// history each builder writes for a COPY step.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const ENGINES = ['docker-20.10', 'docker-26.1'] as const;

/** A fresh engine with a context `ctx` holding the file `a`, and a build of one Dockerfile line after FROM. */
function builder(engine: (typeof ENGINES)[number]): { d: SimulatedDocker; build: (line: string, tag?: string) => { output: string; exitCode: number } } {
  const d = new SimulatedDocker({ engine });
  d.run('mkdir ctx && echo a > ctx/a');
  const build = (line: string, tag = 't') => d.run(`printf 'FROM busybox\\n${line}\\n' > ctx/Dockerfile && docker build -q -t ${tag} ctx`);
  return { d, build };
}

describe('COPY flags', () => {
  it('refuses by name a flag strata does not know, one that is not lower-case, and --chown, --from or --chmod without a value', () => {
    for (const engine of ENGINES) {
      const { build } = builder(engine);
      for (const flag of ['--Chown=0', '--Q--chown=0', '--foo=1', '--chown', '--from', '--chmod']) {
        expect(build(`COPY ${flag} a /a`), `${engine} ${flag}`).toEqual({ output: `strata does not simulate \`COPY ${flag.split('=')[0]}\`\n`, exitCode: 125 });
      }
    }
  });
  it('--chmod takes an octal mode of up to four digits on BuildKit, and anything else is refused by name', () => {
    const { d, build } = builder('docker-26.1');
    for (const mode of ['u+x', '8644', '0644x', '75555']) {
      expect(build(`COPY --chmod=${mode} a /a`), mode).toEqual({ output: `strata does not simulate \`COPY --chmod=${mode}\` (only octal modes)\n`, exitCode: 125 });
    }
    expect(build('COPY --chmod=0604 a /a').exitCode).toBe(0);
    expect(d.run('docker run --rm t stat -c %a /a').output).toBe('604\n');
  });
  it('a destination is required (both builders)', () => {
    for (const engine of ENGINES) {
      const r = builder(engine).build('COPY a');
      expect(r.exitCode).toBe(1);
      expect(r.output).toContain('COPY requires at least two arguments\n');
    }
  });
  it('a Dockerfile from stdin has no context to copy from: refused by name', () => {
    for (const engine of ENGINES) {
      const { d } = builder(engine);
      expect(d.run(`printf 'FROM busybox\\nCOPY a /a\\n' | docker build -q -`)).toEqual({
        output: 'strata does not simulate COPY without a build context (the Dockerfile came from stdin)\n',
        exitCode: 125,
      });
    }
  });
});

describe('legacy --chown', () => {
  // moby parseChownFlag: more than one `:` is an invalid format; strconv.Atoi takes a sign; any
  // other string is a name looked up in the image's /etc/passwd or /etc/group.
  it('takes signed numbers as they are, looks up anything else as a name, and refuses a third field', () => {
    const { d, build } = builder('docker-20.10');
    expect(build('COPY --chown=+5:+6 a /a').exitCode).toBe(0);
    expect(d.run('docker run --rm t stat -c %u:%g /a').output).toBe('5:6\n');
    for (const user of ['1x', 'x1']) {
      expect(build(`COPY --chown=${user} a /a`).output).toContain(`\nunable to convert uid/gid chown string to host mapping: can't find uid for user ${user}: no such user: ${user}\n`);
    }
    expect(build('COPY --chown=0:1x a /a').output).toContain("\nunable to convert uid/gid chown string to host mapping: can't find gid for group 1x: no such group: 1x\n");
    const three = build('COPY --chown=1:2:3 a /a');
    expect(three.exitCode).toBe(1);
    expect(three.output).toContain('\nunable to convert uid/gid chown string to host mapping: invalid chown string format: 1:2:3\n');
  });
});

describe('a missing source on BuildKit', () => {
  // BuildKit names a snapshot ref (a UUID-like ID, `::`, 25 base-36 characters) and, from a stage,
  // a temporary mount directory numbered by Go's os.MkdirTemp (a decimal uint32); both are random,
  // so two steps do not show the same one (the corpora normalise them: REF, buildkit-mountN).
  it('names a ref of BuildKit\'s form from the context, a numbered temporary mount from a stage', () => {
    const { build } = builder('docker-26.1');
    const refs = ['missing', 'other'].map((name) => {
      const m = /failed to compute cache key: failed to calculate checksum of ref (\S+): "\/(\w+)": not found\n/.exec(build(`COPY ${name} /m`).output);
      expect(m?.[2]).toBe(name);
      expect(m![1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}::[0-9a-z]{25}$/);
      return m![1];
    });
    expect(refs[0]).not.toBe(refs[1]);
    const mounts = ['nope', 'gone'].map((name) => {
      const m = /ERROR: failed to solve: lstat \/var\/lib\/docker\/tmp\/buildkit-mount(\d+)\/(\w+): no such file or directory\n/.exec(build(`COPY --from=busybox /${name} /m`).output);
      expect(m?.[2]).toBe(name);
      expect(Number(m![1])).toBeLessThan(2 ** 32);
      return m![1];
    });
    expect(mounts[0]).not.toBe(mounts[1]);
  });
});

describe('the history line of a COPY step', () => {
  // Legacy: moby performCopy's `#(nop) COPY <hash> in <dest> ` with the destination as written and
  // getSourceHashFromInfos' `file:`, `dir:` or, for several sources, `multi:` hash; BuildKit: the
  // instruction and its comment (recorded: builds/copy-history, both engines).
  const lines = (d: SimulatedDocker): string[] => d.run("docker history --no-trunc --format '{{.CreatedBy}}|{{.Comment}}|' t").output.split('\n').slice(0, 4);
  it('legacy: the sources\' hash and the destination as written', () => {
    const { d, build } = builder('docker-20.10');
    d.run('mkdir ctx/d && echo x > ctx/d/x && echo b > ctx/b');
    expect(build('COPY a /fa\\nCOPY d /dd\\nWORKDIR /w\\nADD a d rel/').exitCode).toBe(0);
    const [multi, , dir, file] = lines(d);
    expect(file).toMatch(/^\/bin\/sh -c #\(nop\) COPY file:[0-9a-f]{64} in \/fa \|\|$/);
    expect(dir).toMatch(/^\/bin\/sh -c #\(nop\) COPY dir:[0-9a-f]{64} in \/dd \|\|$/);
    expect(multi).toMatch(/^\/bin\/sh -c #\(nop\) ADD multi:[0-9a-f]{64} in rel\/ \|\|$/);
    const hashOf = (line: string): string => line.split(' ')[4];
    expect(build('COPY b /fa').exitCode).toBe(0);
    expect(hashOf(lines(d)[0])).not.toBe(hashOf(file));
    expect(build('COPY a /fa').exitCode).toBe(0);
    expect(lines(d)[0]).toBe(file);
  });
  it('BuildKit: the instruction as written and BuildKit\'s comment', () => {
    const { d, build } = builder('docker-26.1');
    expect(build('WORKDIR /w\\nCOPY --chown=1 a rel').exitCode).toBe(0);
    expect(lines(d)[0]).toBe('COPY --chown=1 a rel # buildkit|buildkit.dockerfile.v0|');
  });
});

describe('a file in the way of the destination', () => {
  // recorded: builds/copy-onto-file and builds/copy-onto-file-below (the merged directory's ID
  // normalised to ID here as there)
  const cases: [string, string, string][] = [
    ['COPY d /efile', 'failed to copy files: failed to copy directory: mkdir MERGED/efile: not a directory', 'ERROR: failed to solve: cannot copy to non-directory: MERGED/efile'],
    ['COPY d /efile/sub', 'failed to copy files: lstat MERGED/efile/sub: not a directory', 'ERROR: failed to solve: mkdir MERGED/efile: not a directory'],
    ['COPY d /efile/sub/', 'failed to copy files: lstat MERGED/efile/sub: not a directory', 'ERROR: failed to solve: lstat MERGED/efile/sub: not a directory'],
    ['COPY a /efile/', 'failed to copy files: failed to create new directory: mkdir MERGED/efile: not a directory', 'ERROR: failed to solve: mkdir MERGED/efile: not a directory'],
    ['COPY a /efile/sub', 'failed to copy files: lstat MERGED/efile/sub: not a directory', 'ERROR: failed to solve: mkdir MERGED/efile: not a directory'],
    ['COPY a /efile/sub/deeper/', 'failed to copy files: lstat MERGED/efile/sub: not a directory', 'ERROR: failed to solve: lstat MERGED/efile/sub: not a directory'],
  ];
  it('fails the step naming the merged directory: an lstat below the file when the destination is resolved first, else a mkdir of it', () => {
    for (const [i, engine] of ENGINES.entries()) {
      const { d, build } = builder(engine);
      d.run('mkdir ctx/d && echo x > ctx/d/x');
      const merged = new Set<string>();
      for (const c of cases) {
        const r = build(`RUN echo e > /efile\\n${c[0]}`);
        const last = r.output.trimEnd().split('\n').pop()!;
        merged.add(/\/var\/lib\/docker\/overlay2\/[0-9a-z]+\/merged/.exec(last)![0]);
        expect(last.replace(/\/var\/lib\/docker\/overlay2\/[0-9a-z]+\/merged/, 'MERGED'), `${engine} ${c[0]}`).toBe(c[1 + i]);
      }
      // each failed step had its own container layer
      expect(merged.size).toBe(cases.length);
    }
  });
});
