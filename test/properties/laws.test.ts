// The laws of Docker's storage model as named properties, checked on strata through real command
// lines (each test name is the law). Random command sequences come from test/model/arbitraries.ts;
// failures print a replayable `.scenario` (test/model/harness.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import {
  checkScenario,
  normalizeTranscript,
  parseScenario,
  renderCommand,
  replayScenario,
  ScenarioOutputError,
  updateScenario,
  type NormalizeContext,
} from '../../src/scenario/index.ts';
import { action, cmd, path } from '../model/arbitraries.ts';
import { actionScript, commandLine, CONTENTS, FILES, listingScript, mountArgs, PATHS, type Cmd } from '../model/commands.ts';
import { Disagreement, ENGINES, freshReal, run, RUNS, type Real } from '../model/harness.ts';
import { Model, type EngineName, type MountSpec } from '../model/reference-model.ts';
import { SEEDED_STEPS } from '../model/commands.ts';

const q = (s: string): string => `'${s}'`;

/** Run a command line that must succeed. */
function ok(real: Real, line: string): string {
  const r = run(real, line);
  if (r.exitCode !== 0) throw new Disagreement(`\`${line}\` failed (exit ${r.exitCode}):\n${r.output}`, real);
  return r.output;
}

/** Fail with the counterexample unless `actual === expected`. */
function same(real: Real, what: string, actual: string, expected: string): void {
  if (actual !== expected) throw new Disagreement(`${what}\n--- expected\n${expected}\n--- strata\n${actual}`, real);
}

const listing = (real: Real, ctr: string, dirs: readonly string[]): string => ok(real, `docker exec ${ctr} sh -c ${q(listingScript(dirs))}`);

/** Run generated commands on strata, whatever they print (the laws look at the state after). */
const runAll = (real: Real, cmds: readonly Cmd[]): void => {
  for (const c of cmds) run(real, commandLine(c));
};

const lifecycle = fc.constantFrom('stop', 'start', 'restart');

function forEngines(name: string, body: (engine: EngineName) => void): void {
  for (const engine of ENGINES) it(`${name} [${engine}]`, () => body(engine));
}

describe('laws of the storage model', () => {
  forEngines('named-volume durability: no sequence of container commands without volume removal loses data written to a named volume', (engine) => {
    const noRemoval = cmd.filter((c) => c.kind !== 'volume-rm' && c.kind !== 'volume-prune');
    fc.assert(
      fc.property(fc.array(noRemoval, { maxLength: 25, size: 'max' }), (cmds) => {
        const real = freshReal(engine);
        ok(real, `docker run --rm -v v1:/mnt busybox sh -c 'echo precious > /mnt/keep'`);
        runAll(real, cmds);
        same(real, 'v1/keep after the sequence', ok(real, 'docker run --rm -v v1:/mnt busybox cat /mnt/keep'), 'precious\n');
      }),
      { numRuns: RUNS },
    );
  });

  forEngines('the writable layer survives stop/start and dies with rm', (engine) => {
    fc.assert(
      fc.property(fc.constantFrom('busybox', 'seeded'), fc.array(lifecycle, { maxLength: 8 }), (image, moves) => {
        const real = freshReal(engine);
        ok(real, `docker run -d --name keeper ${image} sleep 100000`);
        ok(real, `docker exec keeper sh -c 'echo v1 > /root/state && mkdir -p /app && echo v1 > /app/state'`);
        for (const mv of moves) ok(real, `docker ${mv} keeper`);
        ok(real, 'docker start keeper');
        same(real, 'the layer after stop/start/restart', ok(real, 'docker exec keeper cat /root/state /app/state'), 'v1\nv1\n');
        ok(real, 'docker rm -f keeper');
        ok(real, `docker run -d --name keeper ${image} sleep 100000`);
        same(real, 'a new container of the same name', run(real, 'docker exec keeper sh -c "ls /root; cat /app/state 2>/dev/null; true"').output, '');
      }),
      { numRuns: RUNS },
    );
  });

  forEngines('images never change whatever containers do', (engine) => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 25, size: 'max' }), (cmds) => {
        const real = freshReal(engine);
        const snapshot = (): string =>
          ok(real, `docker run --rm seeded sh -c ${q(listingScript([...PATHS, '/root']))}`) +
          ok(real, `docker run --rm busybox sh -c ${q(listingScript([...PATHS, '/root']))}`) +
          ok(real, `docker image inspect --format '{{.Id}} {{.RootFS.Layers}} {{json .Config.Volumes}}' seeded busybox`);
        const before = snapshot();
        runAll(real, cmds);
        same(real, 'the images after the sequence', snapshot(), before);
      }),
      { numRuns: RUNS },
    );
  });

  forEngines('containers from one image are isolated', (engine) => {
    fc.assert(
      fc.property(fc.constantFrom('busybox', 'seeded'), fc.array(fc.oneof(action.map((a) => ({ a })), lifecycle.map((l) => ({ l }))), { maxLength: 12 }), (image, steps) => {
        const real = freshReal(engine);
        ok(real, `docker run -d --name one ${image} sleep 100000`);
        ok(real, `docker run -d --name two ${image} sleep 100000`);
        const before = listing(real, 'two', [...PATHS, '/root']);
        for (const s of steps) {
          if ('a' in s) run(real, `docker exec one sh -c ${q(actionScript(s.a))}`);
          else ok(real, `docker ${s.l} one`);
          same(real, 'container two while one changes', listing(real, 'two', [...PATHS, '/root']), before);
        }
      }),
      { numRuns: RUNS },
    );
  });

  forEngines('tmpfs is empty after every start', (engine) => {
    fc.assert(
      fc.property(
        fc.constantFrom('busybox', 'seeded'),
        path,
        fc.array(fc.oneof(fc.tuple(fc.constantFrom(...FILES), fc.constantFrom(...CONTENTS)).map(([f, x]) => ({ f, x })), lifecycle.map((l) => ({ l }))), { maxLength: 12 }),
        (image, p, steps) => {
          const real = freshReal(engine);
          ok(real, `docker run -d --name cache --tmpfs ${p} ${image} sleep 100000`);
          // runc keeps the mode of a mount point that already existed: the image's directory, or the
          // 0755 one it made at the first start; a new one gets tmpfs's 1777 (recorded:
          // mounts/tmpfs-root-mode.scenario under test/recorded). The image comes from the model.
          const model = new Model(engine);
          if (image === 'seeded') model.build('seeded', 'busybox', SEEDED_STEPS);
          const inImage = model.images.get(image)!.tree.get(p);
          const imageMode = inImage?.kind === 'dir' ? inImage.mode.toString(8) : undefined;
          let empty = `== ${p}\n${imageMode ?? '1777'} root\n`;
          same(real, 'tmpfs after the first start', listing(real, 'cache', [p]), empty);
          let running = true;
          for (const s of steps) {
            if ('f' in s) {
              if (running) ok(real, `docker exec cache sh -c 'echo ${s.x} > ${p}/${s.f}'`);
              continue;
            }
            ok(real, `docker ${s.l} cache`);
            const wasRunning = running;
            running = s.l !== 'stop';
            if (running && !(s.l === 'start' && wasRunning)) empty = `== ${p}\n${imageMode ?? '755'} root\n`;
            if (running && !(s.l === 'start' && wasRunning)) same(real, `tmpfs after docker ${s.l}`, listing(real, 'cache', [p]), empty);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  forEngines('copy-on-empty only when the volume is empty and copying is allowed', (engine) => {
    type How = 'v' | 'v-ro' | 'v-nocopy' | 'mount' | 'mount-ro' | 'mount-nocopy' | 'volumes-from';
    fc.assert(
      fc.property(
        fc.constantFrom('fresh', 'holds', 'emptied'),
        fc.constantFrom<How>('v', 'v-ro', 'v-nocopy', 'mount', 'mount-ro', 'mount-nocopy', 'volumes-from'),
        fc.constantFrom('busybox', 'seeded'),
        path,
        fc.boolean(),
        (pre, how, image, p, start) => {
          const real = freshReal(engine);
          if (pre !== 'fresh') ok(real, `docker run --rm -v vol:/mnt busybox sh -c 'echo old > /mnt/old${pre === 'emptied' ? ' && rm /mnt/old' : ''}'`);
          const before = pre === 'fresh' ? '== /mnt\nabsent\n' : ok(real, `docker run --rm -v vol:/mnt busybox sh -c ${q(listingScript(['/mnt']))}`);
          const spec: MountSpec =
            how.startsWith('v')
              ? { kind: 'named', dest: p, volume: 'vol', ro: how.endsWith('ro'), nocopy: how.endsWith('nocopy'), syntax: 'v' }
              : { kind: 'named', dest: p, volume: 'vol', ro: how.endsWith('ro'), nocopy: how.endsWith('nocopy'), syntax: 'mount' };
          let args: string;
          if (how === 'volumes-from') {
            ok(real, `docker create --name holder -v vol:${p}:nocopy busybox`);
            args = '--volumes-from holder';
          } else {
            args = mountArgs([spec]).join(' ');
          }
          ok(real, `docker ${start ? 'run -d' : 'create'} --name user ${args} ${image} sleep 100000`);
          const seeded = image === 'seeded';
          const copies = pre !== 'holds' && !how.endsWith('nocopy') && how !== 'volumes-from' && seeded;
          const after = ok(real, `docker run --rm -v vol:/mnt busybox sh -c ${q(listingScript(['/mnt']))}`);
          if (copies) {
            const image_ = p === '/data' ? '== /mnt\n700 nobody\n' + (engine === 'docker-26.1' ? 'late: late\n' : '') + 'seed: seed\n' : '== /mnt\n755 root\napp: app\n';
            same(real, `vol after ${how} of an empty volume at ${p} of ${image}`, after, image_);
          } else {
            same(real, `vol after ${how} (${pre}) at ${p} of ${image}: no copy`, after, pre === 'fresh' ? '== /mnt\n755 root\n' : before);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  forEngines('copy-on-empty never touches binds or tmpfs', (engine) => {
    fc.assert(
      fc.property(fc.constantFrom('bind', 'bind-ro', 'tmpfs'), path, (how, p) => {
        const real = freshReal(engine);
        ok(real, 'mkdir -p hd');
        const arg = how === 'tmpfs' ? `--tmpfs ${p}` : `-v "$PWD/hd":${p}${how === 'bind-ro' ? ':ro' : ''}`;
        ok(real, `docker run -d --name user ${arg} seeded sleep 100000`);
        // A tmpfs root keeps the mode of the image's directory at that path (runc); a bind shows the
        // host directory's own mode. Neither gets any of the image's files.
        const model = new Model(engine);
        model.build('seeded', 'busybox', SEEDED_STEPS);
        const inImage = model.images.get('seeded')!.tree.get(p);
        const tmpfsMode = inImage?.kind === 'dir' ? inImage.mode.toString(8) : '1777';
        same(real, `${how} at ${p}`, listing(real, 'user', [p]), `== ${p}\n${how === 'tmpfs' ? tmpfsMode : '755'} root\n`);
        same(real, 'host directory', ok(real, 'ls -A hd'), '');
      }),
      { numRuns: Math.min(RUNS, 12) },
    );
  });

  forEngines('removing a mount reveals what it shadowed', (engine) => {
    fc.assert(
      fc.property(
        fc.constantFrom('named', 'anon', 'bind', 'tmpfs'),
        path,
        fc.array(fc.tuple(fc.constantFrom(...FILES), fc.constantFrom(...CONTENTS)), { minLength: 1, maxLength: 4 }),
        (kind, p, writes) => {
          const real = freshReal(engine);
          ok(real, `docker run --rm -v vol:/mnt busybox sh -c 'echo mine > /mnt/mine'`); // non-empty: shadows
          const spec: MountSpec =
            kind === 'named' ? { kind: 'named', dest: p, volume: 'vol', ro: false, nocopy: false, syntax: 'v' }
            : kind === 'anon' ? { kind: 'anon', dest: p, syntax: 'mount', nocopy: true }
            : kind === 'bind' ? { kind: 'bind', dest: p, hostDir: 'hd', ro: false }
            : { kind: 'tmpfs', dest: p };
          ok(real, `docker run -d --name ctr ${mountArgs([spec]).join(' ')} seeded sleep 100000`);
          for (const [f, x] of writes) ok(real, `docker exec ctr sh -c 'echo ${x} > ${p}/${f}'`);
          ok(real, 'docker exec ctr sh -c "echo layer > /root/layer"');
          ok(real, 'docker commit ctr snap');
          // the committed layer holds what the mount shadowed: the image's directory, untouched
          const probe = (img: string): string => ok(real, `docker run --rm --mount type=volume,target=/data ${img} sh -c ${q(listingScript([p, '/root']))}`);
          const expected = probe('seeded').replace('== /root\n700 root\n', '== /root\n700 root\nlayer: layer\n');
          same(real, `the layer under the ${kind} mount at ${p}`, probe('snap'), expected);
        },
      ),
      { numRuns: Math.min(RUNS, 24) },
    );
  });

  forEngines('anonymous volumes are removed only by rm -v, --rm or prune', (engine) => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 25, size: 'max' }), (cmds) => {
        const real = freshReal(engine);
        const anon = (): Set<string> => new Set(ok(real, 'docker volume ls -q').split('\n').filter((l) => /^[0-9a-f]{64}$/.test(l)));
        let before = anon();
        for (const c of cmds) {
          run(real, commandLine(c));
          const after = anon();
          const gone = [...before].filter((v) => !after.has(v));
          const mayRemove = (c.kind === 'rm' && c.volumes) || c.kind === 'once' || c.kind === 'volume-prune';
          if (gone.length > 0 && !mayRemove) throw new Disagreement(`\`${commandLine(c)}\` removed anonymous volumes ${gone.join(', ')}`, real);
          before = after;
        }
      }),
      { numRuns: RUNS },
    );
  });

  forEngines('a volume in use by any container (running or not) is never removed', (engine) => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 25, size: 'max' }), (cmds) => {
        const real = freshReal(engine);
        const used = (): Set<string> =>
          new Set(ok(real, `docker ps -aq | while read id; do docker inspect --format '{{range .Mounts}}{{if eq .Type \"volume\"}}{{.Name}} {{end}}{{end}}' $id; done`).split(/\s+/).filter((n) => n !== ''));
        const vols = (): Set<string> => new Set(ok(real, 'docker volume ls -q').split('\n').filter((l) => l !== ''));
        for (const c of cmds) {
          const inUse = used();
          run(real, commandLine(c));
          const still = vols();
          const after = used();
          // still used after the command by a container that existed before: must still exist
          const lost = [...inUse].filter((v) => after.has(v) && !still.has(v));
          if (lost.length > 0) throw new Disagreement(`\`${commandLine(c)}\` removed volumes still in use: ${lost.join(', ')}`, real);
        }
      }),
      { numRuns: Math.max(1, Math.floor(RUNS / 2)) },
    );
  });
});

// ---------------------------------------------------------------- scenarios: replay, check, normalize

/** A scenario of generated commands plus the usual observations. */
function scenarioText(engine: EngineName, cmds: readonly Cmd[]): string {
  const lines = [
    ...cmds.map(commandLine),
    `docker ps -a --format '{{.ID}} {{.Names}} {{.Mounts}}' | sort`,
    'docker volume ls -q | sort',
    `for c in $(docker ps -q); do docker exec $c sh -c ${q(listingScript(PATHS))}; done`,
  ];
  return [`# title: generated`, `# engine: ${engine}`, '', ...lines.flatMap(renderCommand), ''].join('\n');
}

describe('laws of scenario replay', () => {
  forEngines('replay is deterministic (same scenario, byte-identical output)', (engine) => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 20, size: 'max' }), (cmds) => {
        const s = parseScenario(scenarioText(engine, cmds), 'generated.scenario');
        const a = replayScenario(s, new SimulatedDocker({ engine }));
        const b = replayScenario(s, new SimulatedDocker({ engine }));
        expect(b.transcript).toBe(a.transcript);
        expect(b.results.map((r) => r.rawOutput)).toEqual(a.results.map((r) => r.rawOutput));
      }),
      { numRuns: RUNS },
    );
  });

  forEngines('replay then check of its own output passes', (engine) => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 20, size: 'max' }), (cmds) => {
        const s = parseScenario(scenarioText(engine, cmds), 'generated.scenario');
        const replay = replayScenario(s, new SimulatedDocker({ engine }));
        let recorded: string;
        try {
          recorded = updateScenario(s, replay.results);
        } catch (e) {
          if (e instanceof ScenarioOutputError) return; // an output line the format cannot hold
          throw e;
        }
        const check = checkScenario(parseScenario(recorded, 'recorded.scenario'), new SimulatedDocker({ engine }));
        expect(check.diff).toBe('');
        expect(check.passed).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  const hex = fc.constantFrom(
    ...['0', '1', '2', '3', 'a', 'b'].map((d) => d.repeat(8) + 'c'.repeat(56)),
    'abcdef0123456789'.repeat(4),
    '0123456789abcdef'.repeat(4),
  );
  const token: fc.Arbitrary<string> = fc.oneof(
    hex,
    hex.map((h) => `sha256:${h}`),
    hex.map((h) => h.slice(0, 12)),
    fc.constantFrom('/home/student/work', '/var/lib/docker', '2024-01-01T00:00:00Z', '2024-01-01 00:00:00 +0000 UTC', 'cccccccccccc', '<id1>', '$PWD'),
    fc.string({ maxLength: 6 }),
    fc.constantFrom(' ', '\t', ':', '/', ' ', 'sha256:'),
  );
  const line = fc.array(token, { maxLength: 6 }).map((ts) => ts.join('').replace(/\n/g, ' '));
  const outputs = fc.array(fc.array(line, { maxLength: 4 }), { maxLength: 5 });
  const ctx = fc.record({
    known: fc.subarray(['0', '1', '2'].map((d) => d.repeat(8) + 'c'.repeat(56))),
    images: fc.subarray(['a', 'b'].map((d) => d.repeat(8) + 'c'.repeat(56))),
  });

  it('normalization is idempotent', () => {
    fc.assert(
      fc.property(outputs, ctx, (outs, c) => {
        const context: NormalizeContext = { pwd: '/home/student/work', knownIds: new Set(c.known), imageIds: new Set(c.images) };
        const once = normalizeTranscript(outs, context);
        expect(normalizeTranscript(once, context)).toEqual(once);
      }),
      { numRuns: RUNS * 10 },
    );
  });

  forEngines('normalization is idempotent on replayed transcripts', (engine) => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 15, size: 'max' }), (cmds) => {
        const sim = new SimulatedDocker({ engine });
        const s = parseScenario(scenarioText(engine, cmds), 'generated.scenario');
        const replay = replayScenario(s, sim);
        const k = sim.knownIds();
        const context: NormalizeContext = { pwd: sim.pwd, knownIds: k.ids, imageIds: new Set([...k.imageIds].map((i) => i.replace(/^sha256:/, ''))) };
        const once = replay.results.map((r) => r.output);
        expect(normalizeTranscript(once, context)).toEqual(once);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------- engine bugs found by these tests

// Regression tests for bugs these properties found (each behaviour recorded on both engines).
describe('regressions found by the model (recorded on both real engines)', () => {
  for (const engine of ENGINES) {
    it(`inspect-mount-name: {{.Name}}/{{.Driver}} of a bind or tmpfs entry of .Mounts prints empty, not a template error [${engine}]`, () => {
      const real = freshReal(engine);
      ok(real, 'docker create --name c1 -v "$PWD/hd":/data busybox');
      same(real, 'bind mount .Name', run(real, `docker inspect --format '{{range .Mounts}}[{{.Name}}] {{.Type}} {{end}}' c1`).output, '[] bind \n');
    });
  }
});
