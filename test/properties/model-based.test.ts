// Model-based tests: random command sequences run on strata and on the naive reference model
// (test/model/) side by side; after every step the exit status and every observation must agree.
// A failure shrinks to a short sequence and prints it as a `.scenario` (see harness.ts).

import fc from 'fast-check';
import { describe, it } from 'vitest';
import { cmd } from '../model/arbitraries.ts';
import { buildLine, CONTENTS, FILES, listingScript, PATHS, renderListing } from '../model/commands.ts';
import { Disagreement, ENGINES, freshModel, freshReal, observe, run, RUNS, StepCommand } from '../model/harness.ts';
import type { BuildOp, BuildStep } from '../model/reference-model.ts';

describe('strata agrees with the reference model on random command sequences', () => {
  for (const engine of ENGINES) {
    it(`${engine}: containers, volumes, binds, tmpfs, --volumes-from, prune`, () => {
      fc.assert(
        fc.property(fc.commands([cmd.map((c) => new StepCommand(c))], { maxCommands: 30, size: 'max' }), (cmds) => {
          const setup = () => {
            const model = freshModel(engine);
            const real = freshReal(engine);
            observe(model, real);
            return { model, real };
          };
          fc.modelRun(setup, cmds);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

// ---------------------------------------------------------------- the builders and VOLUME

const dir = fc.constantFrom(...PATHS);
/** One RUN change; writes and chmod/chown make their directory first (BuildKit needs it to exist). */
const op: fc.Arbitrary<BuildOp[]> = fc.oneof(
  dir.map((p): BuildOp[] => [{ op: 'mkdir', path: p }]),
  fc.tuple(dir, fc.constantFrom(...FILES), fc.constantFrom(...CONTENTS)).map(([p, f, x]): BuildOp[] => [{ op: 'mkdir', path: p }, { op: 'write', path: `${p}/${f}`, content: x }]),
  fc.tuple(dir, fc.constantFrom(...FILES)).map(([p, f]): BuildOp[] => [{ op: 'rm', path: `${p}/${f}` }]),
  dir.map((p): BuildOp[] => [{ op: 'mkdir', path: p }, { op: 'chmod', path: p, mode: 0o700 }]),
  dir.map((p): BuildOp[] => [{ op: 'mkdir', path: p }, { op: 'chown', path: p, owner: 'nobody' }]),
);
const buildStep: fc.Arbitrary<BuildStep> = fc.oneof(
  { arbitrary: fc.array(op, { minLength: 1, maxLength: 3 }).map((ops): BuildStep => ({ kind: 'run', ops: ops.flat() })), weight: 3 },
  { arbitrary: dir.map((p): BuildStep => ({ kind: 'volume', path: p })), weight: 1 },
);

describe('image builds agree with the reference model (legacy builder discards RUN changes under a VOLUME, BuildKit keeps them)', () => {
  for (const engine of ENGINES) {
    it(`${engine}: what a container of the built image sees`, () => {
      fc.assert(
        fc.property(fc.array(buildStep, { minLength: 1, maxLength: 5 }), (steps) => {
          const real = freshReal(engine);
          const b = run(real, buildLine('img', 'busybox', steps));
          if (b.exitCode !== 0) throw new Disagreement(`build failed on strata (exit ${b.exitCode}):\n${b.output}`, real);
          const m = freshModel(engine);
          m.build('img', 'busybox', steps);
          const c = m.create({ name: 'probe', image: 'img', mounts: [] });
          if (!c) throw new Error('model refused the probe container');
          m.start('probe');
          const expected = renderListing(PATHS.map((p) => [p, m.view(c, p)]));
          const got = run(real, `docker run --rm img sh -c '${listingScript(PATHS)}'`);
          if (got.output !== expected || got.exitCode !== 0) {
            throw new Disagreement(`listing of a container of the built image differs\n--- model\n${expected}\n--- strata (exit ${got.exitCode})\n${got.output}`, real);
          }
        }),
        { numRuns: RUNS },
      );
    });
  }
});
