// COPY and ADD through the engine (src/image/build/copy.ts): the flag forms strata refuses by name,
// the legacy builder's --chown parsing (moby builder/dockerfile/internals_linux.go parseChownFlag),
// the failures of a missing source on each builder (recorded: builds/multi-stage-errors), and the
// history each builder writes for a COPY step.

import { createHash } from 'node:crypto';
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
  it('a flag the parser does not know (one that is not lower-case too) fails the parse; --chown, --from or --chmod without a value is refused by name', () => {
    for (const engine of ENGINES) {
      const { build } = builder(engine);
      for (const [flag, name] of [['--Chown=0', 'Chown'], ['--Q--chown=0', 'Q--chown'], ['--foo=1', 'foo']]) {
        const r = build(`COPY ${flag} a /a`);
        expect(r.exitCode, `${engine} ${flag}`).toBe(1);
        expect(r.output, `${engine} ${flag}`).toContain(engine === 'docker-20.10' ? `dockerfile parse error line 2: Unknown flag: ${name}\n` : `dockerfile parse error on line 2: unknown flag: ${name}`);
      }
      for (const flag of ['--chown', '--from', '--chmod']) {
        expect(build(`COPY ${flag} a /a`), `${engine} ${flag}`).toEqual({ output: `strata does not simulate \`COPY ${flag}\`\n`, exitCode: 125 });
      }
    }
  });
  it('--chmod takes an octal mode of up to four digits on BuildKit, ignores a value that is not octal, and refuses a longer octal one by name', () => {
    const { d, build } = builder('docker-26.1');
    expect(build('COPY --chmod=75555 a /a')).toEqual({ output: 'strata does not simulate `COPY --chmod=75555` (an octal mode above 7777)\n', exitCode: 125 });
    expect(build('COPY --chmod=0604 a /a').exitCode).toBe(0);
    expect(d.run('docker run --rm t stat -c %a /a').output).toBe('604\n');
    // (recorded: builds/rw-copy-link-chmod, the source's 644 kept)
    for (const mode of ['u+x', '8644', '0644x']) {
      expect(build(`COPY --chmod=${mode} a /a`).exitCode, mode).toBe(0);
      expect(d.run('docker run --rm t stat -c %a /a').output, mode).toBe('644\n');
    }
  });
  it('are the leading --words: the arguments after them may be in the exec form, and a later --word is a source (recorded: builds/copy-json-flags)', () => {
    for (const engine of ENGINES) {
      const { d, build } = builder(engine);
      expect(build('COPY --chown=5:6 ["a", "/j"]').exitCode, engine).toBe(0);
      expect(d.run('docker run --rm t stat -c %u:%g:%s /j').output, engine).toBe('5:6:2\n');
      const later = build('COPY a --x /d/');
      expect(later.exitCode, engine).toBe(1);
      expect(later.output, engine).toContain(engine === 'docker-20.10' ? '\nCOPY failed: file not found in build context or excluded by .dockerignore: stat --x: file does not exist\n' : ': "/--x": not found\n');
    }
  });
  it('ADD has no --from: each builder fails the Dockerfile\'s parse, before any step (recorded: builds/copy-json-flags)', () => {
    const legacy = builder('docker-20.10').build('ADD --from=busybox /bin/true /t');
    expect(legacy.exitCode).toBe(1);
    expect(legacy.output).toMatch(/^Sending build context to Docker daemon +\S+\r\r\nError response from daemon: dockerfile parse error line 2: Unknown flag: from\n$/);
    const buildkit = builder('docker-26.1').build('ADD --from=busybox /bin/true /t');
    expect(buildkit.exitCode).toBe(1);
    expect(buildkit.output).toMatch(/^Dockerfile:2\n[^]*\nERROR: failed to solve: dockerfile parse error on line 2: unknown flag: from\n$/);
  });
  it('--chmod needs BuildKit: the legacy builder fails the step of COPY or ADD (recorded: builds/buildkit-only-flags-legacy)', () => {
    const { build } = builder('docker-20.10');
    for (const cmd of ['COPY', 'ADD']) {
      const r = build(`${cmd} --chmod=600 a /a`);
      expect(r.exitCode, cmd).toBe(1);
      expect(r.output, cmd).toContain(`\nStep 2/2 : ${cmd} --chmod=600 a /a\nthe --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled\n`);
    }
  });
  it('a destination is required (both builders)', () => {
    for (const engine of ENGINES) {
      const r = builder(engine).build('COPY a');
      expect(r.exitCode).toBe(1);
      // (recorded: builds/build-flag-parse-errors)
      expect(r.output).toContain('COPY requires at least two arguments, but only one was provided. Destination could not be determined\n');
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

describe('sources', () => {
  // moby copier: a pattern matching nothing fails, and several sources (what the patterns matched)
  // need a destination ending in `/`; BuildKit allows empty wildcards and copies each source onto
  // a plain destination in turn (recorded: builds/copy-wildcards, builds/copy-wildcards-buildkit).
  it('legacy: a pattern that matches nothing fails the step, as do several sources onto a path without /', () => {
    const { d, build } = builder('docker-20.10');
    d.run('echo b > ctx/b');
    const none = build('COPY nomatch* /x/');
    expect(none.exitCode).toBe(1);
    expect(none.output).toContain('\nCOPY failed: no source files were specified\n');
    for (const [cmd, line] of [['COPY', 'COPY a b /x'], ['ADD', 'ADD ? /x']]) {
      const several = build(line);
      expect(several.exitCode, line).toBe(1);
      expect(several.output, line).toContain(`\nWhen using ${cmd} with more than one source file, the destination must be a directory and end with a /\n`);
    }
    expect(build('COPY a b /x/').exitCode).toBe(0);
    expect(d.run('docker run --rm t cat /x/a /x/b').output).toBe('a\nb\n');
  });
  it('BuildKit: a pattern that matches nothing copies nothing, several sources onto a path without / leave the last one there', () => {
    const { d, build } = builder('docker-26.1');
    d.run('echo b > ctx/b');
    expect(build('COPY nomatch* /x/\nCOPY a b /y').exitCode).toBe(0);
    expect(d.run("docker run --rm t sh -c 'ls -d /x; cat /y'").output).toBe('ls: /x: No such file or directory\nb\n');
  });
  it('a URL or git source is refused by name; a context path that holds :// or git@ further on is copied', () => {
    for (const engine of ENGINES) {
      const { d, build } = builder(engine);
      d.run("mkdir -p 'ctx/x/http:' && echo h > 'ctx/x/http:/y' && echo g > ctx/me-git@host");
      for (const url of ['http://example.com/f', 'https://example.com/f', 'git://example.com/r', 'ssh://example.com/r', 'git@example.com:o/r.git']) {
        expect(build(`ADD ${url} /f`), `${engine} ${url}`).toEqual({ output: `strata does not simulate ADD from a URL (${url}): there is no network\n`, exitCode: 125 });
      }
      expect(build('COPY x/http://y me-git@host /d/').exitCode, engine).toBe(0);
      expect(d.run('docker run --rm t cat /d/y /d/me-git@host').output, engine).toBe('h\ng\n');
    }
  });
  it('a file copied onto an existing directory goes inside it, as into the root', () => {
    for (const engine of ENGINES) {
      const { d, build } = builder(engine);
      expect(build('COPY a /tmp\nCOPY a /').exitCode, engine).toBe(0);
      expect(d.run("docker run --rm t sh -c 'stat -c %a /tmp; cat /tmp/a /a'").output, engine).toBe('1777\na\na\n');
    }
  });
});

describe('a missing source on the legacy builder', () => {
  // moby copier: from the context the path as written with the .dockerignore hint, from a stage
  // the path relative to its root (recorded: builds/multi-stage-errors)
  it('names the path as written from the context, relative to the root from a stage', () => {
    const { build } = builder('docker-20.10');
    expect(build('COPY nope /x').output).toContain('\nCOPY failed: file not found in build context or excluded by .dockerignore: stat nope: file does not exist\n');
    expect(build('COPY --from=busybox /nope /x').output).toContain('\nCOPY failed: stat nope: file does not exist\n');
  });
});

describe('BuildKit --chown', () => {
  // BuildKit's readUser: a name not in /etc/passwd is 0:0 without an error (recorded:
  // builds/copy-chown-forms), where the legacy builder fails the step (below)
  it('takes a user name the image does not know as root', () => {
    const { d, build } = builder('docker-26.1');
    expect(build('COPY --chown=ghost a /g').exitCode).toBe(0);
    expect(d.run('docker run --rm t stat -c %u:%g /g').output).toBe('0:0\n');
  });
});

describe('legacy --chown', () => {
  // moby parseChownFlag: more than one `:` is an invalid format; strconv.Atoi takes a sign; any
  // other string is a name looked up in the image's /etc/passwd or /etc/group.
  it('takes signed numbers as they are, looks up anything else as a name, and refuses a third field', () => {
    const { d, build } = builder('docker-20.10');
    expect(build('COPY --chown=+5:+6 a /a\nCOPY --chown=1234:5678 a /b').exitCode).toBe(0);
    expect(d.run('docker run --rm t stat -c %u:%g /a /b').output).toBe('5:6\n1234:5678\n');
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
    // each part is drawn anew: the snapshot's ID and the ref's
    expect(refs[0].split('::')[0]).not.toBe(refs[1].split('::')[0]);
    expect(refs[0].split('::')[1]).not.toBe(refs[1].split('::')[1]);
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
    // getSourceHashFromInfos: the sources' hashes joined by commas, hashed
    expect(hashOf(multi)).toBe(`multi:${createHash('sha256').update(`${hashOf(file)},${hashOf(dir)}`).digest('hex')}`);
    // performCopy puts --chown=SPEC right before the hash (recorded: builds/copy-json-flags); an
    // unpacked archive is named by its file's hash
    d.run('tar -cf ctx/t.tar -C ctx a');
    expect(build('COPY --chown=5:6 a /c\nADD t.tar /u/').exitCode).toBe(0);
    const [tar, chown] = lines(d);
    expect(chown).toBe(`/bin/sh -c #(nop) COPY --chown=5:6${hashOf(file)} in /c ||`);
    expect(tar).toMatch(/^\/bin\/sh -c #\(nop\) ADD file:[0-9a-f]{64} in \/u\/ \|\|$/);
    expect(build('COPY b /fa').exitCode).toBe(0);
    expect(hashOf(lines(d)[0])).not.toBe(hashOf(file));
    expect(build('COPY a /fa').exitCode).toBe(0);
    expect(lines(d)[0]).toBe(file);
  });
  it('BuildKit: the instruction\'s flags and words (the exec form\'s too) and BuildKit\'s comment', () => {
    const { d, build } = builder('docker-26.1');
    expect(build('WORKDIR /w\\nCOPY --chown=1 a rel\\nCOPY ["a", "j"]').exitCode).toBe(0);
    expect(lines(d).slice(0, 2)).toEqual(['COPY a j # buildkit|buildkit.dockerfile.v0|', 'COPY --chown=1 a rel # buildkit|buildkit.dockerfile.v0|']);
  });
  it('a COPY step makes a layer: its history entry is not an empty layer (the image config docker save writes)', () => {
    const { d, build } = builder('docker-26.1');
    // a base image of one small layer keeps the save cheap
    d.run('mkdir e && echo z > e/z && tar -cf e.tar -C e z && docker import e.tar tiny');
    expect(d.run("printf 'FROM tiny\\nCOPY a /a\\nLABEL x=y\\n' > ctx/Dockerfile && docker build -q -t t ctx").exitCode).toBe(0);
    const config = JSON.parse(d.run("docker save t | tar -xOf - blobs/sha256/$(docker inspect -f '{{.Id}}' t | cut -d: -f2)").output) as { history: { created_by: string; empty_layer?: boolean }[] };
    expect(config.history.slice(1).map((h) => [h.created_by, h.empty_layer])).toEqual([
      ['COPY a /a # buildkit', undefined],
      ['LABEL x=y', true],
    ]);
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
