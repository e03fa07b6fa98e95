// Running a scenario up to one step and keeping the state after each command: the history the
// diagram needs to draw what earlier commands removed. Pure like the engine, so a playground
// can do the same in a browser.

import type { Scenario } from '../../scenario/model.ts';
import { commandSteps } from '../../scenario/model.ts';
import { ScenarioSyntaxError } from '../../scenario/parse.ts';
import type { SimulatedDocker } from '../../engine/scenario-engine.ts';
import { buildDiagram, type Diagram, type Snapshot } from './model.ts';

/** A step past the scenario's end (or below 0). */
export class StepOutOfRange extends Error {
  constructor(
    readonly step: number,
    readonly steps: number,
  ) {
    super(`--after ${step}: the scenario has ${steps} command${steps === 1 ? '' : 's'} (give 0 to ${steps})`);
    this.name = 'StepOutOfRange';
  }
}

export interface DiagramRun {
  diagram: Diagram;
  /** What each command run printed and its status, for a caller that reports refusals. */
  outputs: { command: string; line: number; output: string; exitCode: number }[];
}

/**
 * Replay the first `after` commands of `s` (all of them by default) on `docker` and build the
 * diagram of the state they leave. `run` lets a caller put a budget around each command.
 */
export function diagramOfScenario(
  s: Scenario,
  docker: SimulatedDocker,
  after?: number,
  run: (command: string) => { output: string; exitCode: number } = (c) => docker.run(c),
): DiagramRun {
  const steps = commandSteps(s);
  const upTo = after ?? steps.length;
  if (!Number.isInteger(upTo) || upTo < 0 || upTo > steps.length) throw new StepOutOfRange(upTo, steps.length);
  if (s.images.length > 0) {
    const unknown = new Set(docker.loadImages(s.images.map((i) => i.ref)));
    const first = s.images.find((i) => unknown.has(i.ref));
    if (first) throw new ScenarioSyntaxError(s.file, first.line, `no stand-in image ${first.ref} in the catalog (\`strata images --catalog\` lists them)`);
  }
  const initial = docker.state;
  const snapshots: Snapshot[] = [];
  const outputs: DiagramRun['outputs'] = [];
  for (const step of steps.slice(0, upTo)) {
    const before = docker.eventsByRun.length;
    const r = run(step.command);
    // A command the budget refused never reached the engine: it changed nothing.
    const events = docker.eventsByRun.length > before ? docker.eventsByRun[docker.eventsByRun.length - 1] : [];
    snapshots.push({ command: step.command, state: docker.state, events });
    outputs.push({ command: step.command, line: step.line, output: r.output, exitCode: r.exitCode });
  }
  return { diagram: buildDiagram(initial, snapshots, steps.length), outputs };
}
