// Unit tests of the build's stage split, .dockerignore exceptions below an excluded directory and
// RUN --mount parsing (the behaviours themselves are pinned by test/recorded/*/builds/).

import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/image/build/dockerfile.ts';
import { findStage, splitStages, StageError } from '../../src/image/build/stages.ts';
import { DockerIgnore } from '../../src/image/build/context.ts';
import { parseRunMounts } from '../../src/image/build/run-mount.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

describe('splitStages', () => {
  it('starts a stage at each FROM, names lower-cased, found by name or index', () => {
    const stages = splitStages(parseDockerfile('FROM busybox AS Base\nRUN true\nFROM base\nCOPY --from=0 /a /b\n'));
    expect(stages.map((s) => [s.index, s.name, s.baseRef, s.commands.length])).toEqual([
      [0, 'base', 'busybox', 1],
      [1, undefined, 'base', 1],
    ]);
    expect(findStage(stages, 'BASE')?.index).toBe(0);
    expect(findStage(stages, '1')?.index).toBe(1);
    expect(findStage(stages, '2')).toBeUndefined();
    expect(findStage(stages, 'busybox')).toBeUndefined();
  });
  it('refuses a stage name that does not start with a letter, and a FROM of two or four words', () => {
    expect(() => splitStages(parseDockerfile('FROM busybox AS 1bad\n'))).toThrow('invalid name for build stage: "1bad", name can\'t start with a number or contain symbols');
    expect(() => splitStages(parseDockerfile('FROM busybox one\n'))).toThrow(StageError);
    expect(() => splitStages(parseDockerfile('FROM busybox AS one two\n'))).toThrow('FROM requires either one or three arguments');
  });
});

describe('splitStages: BuildKit\'s instructions.Parse rules', () => {
  it('a stage name of letters, digits, -, _ and . after a letter; AS in any case; a --platform flag is no argument', () => {
    const stages = splitStages(parseDockerfile('FROM --platform=linux/amd64 busybox as A-b_c.9\nFROM a-b_c.9\n'));
    expect(stages.map((s) => [s.name, s.baseRef])).toEqual([['a-b_c.9', 'busybox'], [undefined, 'a-b_c.9']]);
    for (const bad of ['a:b', 'a/b', '_a', '-a', 'a+b', 'a b"']) {
      expect(() => splitStages(parseDockerfile(`FROM busybox AS ${bad}\n`)), bad).toThrow(/invalid name for build stage|one or three/);
    }
    // three words without AS, or AS without a name
    expect(() => splitStages(parseDockerfile('FROM busybox TO x\n'))).toThrow('FROM requires either one or three arguments');
    expect(() => splitStages(parseDockerfile('FROM busybox AS\n'))).toThrow('FROM requires either one or three arguments');
  });
  it('ADD takes no --from, with or without a value, in each builder\'s words (recorded: builds/copy-json-flags); COPY does', () => {
    for (const line of ['ADD --from=busybox /bin/true /t', 'ADD --chown=1 --from /a /b']) {
      try {
        splitStages(parseDockerfile(`FROM busybox\n${line}\n`));
        expect.unreachable(line);
      } catch (e) {
        expect(e).toBeInstanceOf(StageError);
        expect([(e as StageError).message, (e as StageError).legacyMessage, (e as StageError).instruction.line]).toEqual(['unknown flag: from', 'Unknown flag: from', 2]);
      }
    }
    // a word that only starts like the flag, a value that holds it, or a later --from argument, is not it
    expect(splitStages(parseDockerfile('FROM busybox\nADD --chown=1--from=2 a b\nADD a --from=x b\nCOPY --from=0 /a /b\n'))[0].commands).toHaveLength(3);
    // (a word that only starts like it is a flag of its own, unknown: builds/build-flag-parse-errors)
    expect(() => splitStages(parseDockerfile('FROM busybox\nADD --fromage=1 a b\n'))).toThrow('unknown flag: fromage');
    // a failure names the legacy builder's words as given when they do not differ
    expect(new StageError(parseDockerfile('FROM x\n')[0], 'm').legacyMessage).toBe('m');
  });
  it('a stage is found by name first, then by a decimal index', () => {
    const stages = splitStages(parseDockerfile('FROM busybox AS x1\nFROM busybox\nFROM busybox\n'));
    expect(findStage(stages, 'X1')?.index).toBe(0);
    expect(findStage(stages, '2')?.index).toBe(2);
    expect(findStage(stages, '1x')).toBeUndefined();
    // strconv.Atoi: leading zeros are the same index; blanks make no number
    expect(findStage(stages, '01')?.index).toBe(1);
    expect(findStage(stages, ' 1')).toBeUndefined();
    expect(findStage(stages, '1 ')).toBeUndefined();
    expect(findStage(stages, '-1')).toBeUndefined();
    expect(findStage(stages, '')).toBeUndefined();
  });
});

describe('DockerIgnore exceptions', () => {
  it('walks an excluded directory only when an exception starts inside it', () => {
    const ignore = new DockerIgnore('docs\n!docs/README.md\nlogs\n!keep.log\n');
    expect(ignore.hides('docs')).toBe(true);
    expect(ignore.hides('docs/README.md')).toBe(false);
    expect(ignore.hides('docs/other.md')).toBe(true);
    expect(ignore.walksInto('docs')).toBe(true);
    expect(ignore.walksInto('logs')).toBe(false);
  });
  it('sends a listed Dockerfile and .dockerignore but hides them from COPY', () => {
    const ignore = new DockerIgnore('Dockerfile\n.dockerignore\n');
    expect(ignore.excludes('Dockerfile')).toBe(false);
    expect(ignore.hides('Dockerfile')).toBe(true);
    expect(ignore.hides('.dockerignore')).toBe(true);
  });
});

describe('parseRunMounts', () => {
  it('defaults: a read-only bind, a cache shared by its target, modes in octal', () => {
    const [bind, cache] = parseRunMounts(['target=/ctx', 'type=cache,target=/c/,uid=65534,mode=0700']);
    expect(bind).toMatchObject({ type: 'bind', target: '/ctx', source: '', rw: false });
    expect(cache).toMatchObject({ type: 'cache', target: '/c', id: '/c', rw: true, uid: 65534, gid: 0, mode: 0o700 });
    expect(parseRunMounts(['type=bind,source=./dir/,target=/d,rw'])[0]).toMatchObject({ source: 'dir', rw: true });
  });
  // BuildKit instructions/commands_runmount.go parseMount: keys in any case, target|dst|destination,
  // source|src, rw|readwrite (a flag, or strconv.ParseBool's true/false), mode in octal, uid and
  // gid in decimal, id the target by default
  it('reads the option names in any case and their aliases, in the order given', () => {
    const mounts = parseRunMounts(['Type=cache,DST=/c/./d/,Id=shared,UID=7,gid=8,mode=750,sharing=locked', 'destination=/b,SRC=./x/./y/,from=stage1,readwrite', 'type=tmpfs,target=/t', 'target=/r,rw=false', 'target=/w,rw=true', 'type=ssh', 'type=secret,id=s,required=false']);
    expect(mounts).toEqual([
      { type: 'cache', target: '/c/d', source: '', from: undefined, rw: true, id: 'shared', mode: 0o750, uid: 7, gid: 8 },
      { type: 'bind', target: '/b', source: 'x/y', from: 'stage1', rw: true, id: '/b', mode: 0o755, uid: 0, gid: 0 },
      { type: 'tmpfs', target: '/t', source: '', from: undefined, rw: true, id: '/t', mode: 0o755, uid: 0, gid: 0 },
      { type: 'bind', target: '/r', source: '', from: undefined, rw: false, id: '/r', mode: 0o755, uid: 0, gid: 0 },
      { type: 'bind', target: '/w', source: '', from: undefined, rw: true, id: '/w', mode: 0o755, uid: 0, gid: 0 },
      // (the ssh mount is left out; a secret stays, mounted only when the build has it)
      { type: 'secret', target: '/run/secrets/s', source: '', rw: false, id: 's', mode: 0o400, uid: 0, gid: 0 },
    ]);
  });

  it("refuses in BuildKit's words a missing target, a key the type does not take, a number or a type it cannot read; a required ssh by name", () => {
    const error = (spec: string, workdir = '/'): string => {
      try {
        parseRunMounts([spec], (w) => w, workdir);
      } catch (e) {
        return `${(e as Error).constructor.name}: ${(e as Error).message}`;
      }
      return 'parsed';
    };
    expect(error('type=bind,target=')).toBe('MountError: invalid mount target "/"');
    expect(error('type=cache')).toBe('MountError: invalid mount target "/"');
    expect(error('type=cache,target=/c,size=1m')).toBe("MountError: unexpected key 'size' for mount type 'cache'");
    expect(error('type=tmpfs,target=/c,size=1m')).toBe('parsed');
    expect(error('type=tmpfs,target=/c,size=lots')).toBe('MountError: invalid value for size: lots');
    expect(error('type=cache,target=/c,uid=me')).toBe('MountError: invalid value me for uid');
    expect(error('type=cache,target=/c,uid=4294967296')).toBe('MountError: invalid value 4294967296 for uid');
    expect(error('type=cache,target=/c,gid=+1')).toBe('MountError: invalid value +1 for gid');
    expect(error('type=cache,target=/c,mode=rw')).toBe('MountError: invalid value rw for mode');
    expect(error('type=cache,target=/c,mode=8')).toBe('MountError: invalid value 8 for mode');
    expect(error('type=nfs,target=/x')).toBe('MountError: unsupported mount type "nfs"');
    expect(error('type=TMP,target=/x')).toBe('MountError: unsupported mount type "TMP"');
    expect(error('type=tmp,target=/x')).toBe('MountError: unsupported mount type "tmp" (did you mean tmpfs?)');
    expect(error('type=secret,from=s')).toBe('MountError: secret mount should not have a from');
    expect(error('type=secret')).toBe('MountError: invalid secret mount. one of source, target required');
    expect(error('type=secret,src=a,id=b')).toBe("MountError: both source and id can't be set");
    expect(error('type=secret,id=s,sharing=locked')).toBe('MountError: secret mount should not define sharing');
    expect(error('type=ssh,required')).toBe('Refusal: strata does not simulate `RUN --mount=type=ssh,required` (docker build takes no --ssh here)');
    expect(error('type=cache,target="/c"')).toBe('Refusal: strata does not simulate a `RUN --mount` value with quotes or none (type=cache,target="/c")');
  });

  it('joins a relative target to the working directory; a cache keeps the target as written (cleaned) for its id', () => {
    const [rel, none] = parseRunMounts(['type=cache,target=./c/../d/', 'type=tmpfs'], (w) => w, '/w');
    expect([rel.target, rel.id, none.target]).toEqual(['/w/d', 'd', '/w']);
    expect(parseRunMounts(['type=cache,target=${T}', 'target=/b,ro=false'], (w) => w.replace('${T}', '/t'))).toEqual([
      { type: 'cache', target: '/t', source: '', from: undefined, rw: true, id: '/t', mode: 0o755, uid: 0, gid: 0 },
      { type: 'bind', target: '/b', source: '', from: undefined, rw: true, id: '/b', mode: 0o755, uid: 0, gid: 0 },
    ]);
  });

  it('keeps a secret mount, required or not: the step mounts it when the build has the secret and fails a required one it lacks (recorded: builds/sb-secret-required)', () => {
    expect(parseRunMounts(['type=secret,id=tok']).map((m) => [m.type, m.target, m.required])).toEqual([['secret', '/run/secrets/tok', undefined]]);
    expect(parseRunMounts(['type=secret,id=tok,required']).map((m) => [m.type, m.target, m.required])).toEqual([['secret', '/run/secrets/tok', true]]);
  });
});

describe('the legacy builder log', () => {
  it('commits a metadata step through a container, unless the step is in its cache', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    d.run(`mkdir ctx && printf 'FROM busybox\\nENV A=1\\nCOPY missing /m\\n' > ctx/Dockerfile`);
    const first = d.run('docker build -q ctx').output;
    const m = / ---> Running in ([0-9a-f]{12})\nRemoving intermediate container ([0-9a-f]{12})\n/.exec(first);
    expect(m, first).not.toBeNull();
    expect(m![1]).toBe(m![2]);
    const again = d.run('docker build -q ctx').output;
    expect(again).toContain('Step 2/3 : ENV A=1\n ---> Using cache\n');
    expect(again).not.toContain('Running in');
  });
});

describe('ADD of a URL', () => {
  it('is refused by name on both engines', () => {
    for (const engine of ['docker-20.10', 'docker-26.1'] as const) {
      const d = new SimulatedDocker({ engine });
      d.run(`mkdir ctx && printf 'FROM busybox\\nADD https://example.com/a.tgz /a/\\n' > ctx/Dockerfile`);
      const r = d.run('docker build -q ctx');
      expect(r.output).toContain('strata does not simulate ADD from a URL (https://example.com/a.tgz)');
      expect(r.exitCode).toBe(125);
    }
  });
});
