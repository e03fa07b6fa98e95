// The session typed command by command (the web playground) must say what the whole-file tools say
// for the same commands: `strata replay`'s outputs, `strata explain`'s notes, `strata diagram`'s
// picture, and a transcript that replays to itself.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explain, replay, StepwiseSession, UnknownImageError } from '../../src/index.ts';
import { commandSteps } from '../../src/scenario/model.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { diagramOfScenario } from '../../src/explain/diagram/replay.ts';
import { renderSvg } from '../../src/explain/diagram/svg.ts';
import { ROOT } from './helpers.ts';

const WALKTHROUGHS = ['mysql-data-gone', 'backup-restore-tar'];

describe('a session typed one command at a time', () => {
  for (const name of WALKTHROUGHS) {
    it(`gives what replay, explain and diagram give for ${name}`, () => {
      const file = `scenarios/walkthroughs/${name}.scenario`;
      const text = readFileSync(join(ROOT, file), 'utf8');
      const s = parseScenario(text, file);
      const live = new StepwiseSession({ engine: s.engine, images: s.images.map((i) => i.ref) });
      const steps = commandSteps(s);
      // the views of a prefix are those of the whole for the commands run so far
      const half = Math.floor(steps.length / 2);
      for (const st of steps.slice(0, half)) live.run(st.command);
      const early = live.view();
      for (const st of steps.slice(half)) live.run(st.command);
      const view = live.view();
      const whole = replay(text, { file });
      expect(view.steps.map((v) => [v.output, v.exitCode])).toEqual(whole.results.map((r) => [r.output, r.exitCode]));
      expect(early.steps.map((v) => v.output)).toEqual(view.steps.slice(0, half).map((v) => v.output));
      const x = explain(text, { file });
      expect(view.steps.map((v) => v.notes)).toEqual(x.steps.map((v) => v.notes));
      expect(view.summary).toEqual(x.summary.notes);
      const d = diagramOfScenario(s, new SimulatedDocker({ engine: s.engine }), half);
      expect(renderSvg(live.diagram(half), { title: 't' })).toBe(renderSvg(d.diagram, { title: 't' }));
      // the exported transcript is a scenario that replays to itself
      const exported = live.transcript();
      expect(exported.problem).toBeUndefined();
      expect(replay(exported.text).transcript).toBe(exported.text);
    });
  }

  it('spells IDs as Docker prints them when asked, and as placeholders otherwise', () => {
    const live = new StepwiseSession({ engine: 'docker-20.10' });
    live.run('docker run -d -v /data busybox sleep 1000');
    const [docker] = live.view('docker').steps;
    const [shown] = live.view().steps;
    expect(docker.output[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(shown.output).toEqual(['<id1>']);
    expect(live.run(`docker inspect --format '{{.Id}}' ${docker.output[0].slice(0, 12)}`).output).toBe(`${docker.output[0]}\n`);
  });

  it('names an image the catalog lacks, and a refused command makes the export say so', () => {
    expect(() => new StepwiseSession({ images: ['nosuch/image:1'] })).toThrow(UnknownImageError);
    const live = new StepwiseSession();
    live.run('docker run --rm busybox sh -c "echo \'# not a comment\'"');
    const t = live.transcript();
    expect(t.problem).toMatch(/ambiguous/);
    expect(t.text).toContain('# not a comment');
  });
});
