// Replaying a scenario on an engine, as the recorder does on the real one (record.mjs `recordFile`):
// run every command in order, learn the engine's IDs before the first command and after each one,
// split each output into lines, then normalize the whole transcript in one pass.
// Engine-agnostic: anything implementing ScenarioEngine (the simulator, a fake in tests).

import { compareScenario, type CompareOptions, type Comparison } from './compare.ts';
import { commandSteps, type Scenario, type StepResult } from './model.ts';
import { normalizeTranscript, splitOutput } from './normalize.ts';
import { renderTranscript } from './render.ts';
import { ScenarioSyntaxError } from './parse.ts';

/** What the replay needs from an engine. Each `run` starts with no shell state (like `bash -c`). */
export interface ScenarioEngine {
  /**
   * Run one command line (may hold `\n`: here-documents) in `pwd`. `output` is stdout and stderr
   * merged in the order written, as UTF-8 text; `exitCode` the shell's status (128+N for signal N).
   */
  run(command: string): { output: string; exitCode: number };
  /**
   * The 64-hex IDs of the objects that exist now (`sha256:` prefixes allowed and ignored): `ids` =
   * container IDs and 64-hex volume names, `imageIds` = image IDs (`docker images -a`). Asked before
   * the first command and after each one, like the recorder asks the real engine's API: objects
   * already removed (a `--rm` container) must not be listed.
   */
  knownIds(): { ids: Set<string>; imageIds: Set<string> };
  /**
   * Make the stand-in images of `# images:` header lines exist, as if pulled earlier (the
   * recorder builds them before the first command). Returns the references it does not know.
   */
  loadImages?(refs: string[]): string[];
  /** The working directory of every command (normalized to `$PWD`). */
  readonly pwd: string;
  /** The data root, when it is not `/var/lib/docker` (normalized to it). */
  readonly dataRoot?: string;
  /** The exec root, when it is not `/var/run/docker` (normalized to it). */
  readonly execRoot?: string;
}

export interface ReplayResult {
  /** One per command, in order: raw output, normalized lines, exit status. */
  results: StepResult[];
  /** The scenario with the actual outputs (what `record.sh` prints, without touching the header). */
  transcript: string;
}

const bare = (id: string): string => id.replace(/^sha256:/, '');

/** Run every command of `s` on `engine` and normalize what they printed. */
export function replayScenario(s: Scenario, engine: ScenarioEngine): ReplayResult {
  if (s.images.length > 0) {
    if (!engine.loadImages) throw new ScenarioSyntaxError(s.file, s.images[0].line, 'this engine cannot load "# images:"');
    const unknown = new Set(engine.loadImages(s.images.map((i) => i.ref)));
    const first = s.images.find((i) => unknown.has(i.ref));
    if (first) throw new ScenarioSyntaxError(s.file, first.line, `no stand-in image ${first.ref} in the catalog (\`strata images --catalog\` lists them; catalog/README.md says how to add one)`);
  }
  const knownIds = new Set<string>();
  const imageIds = new Set<string>();
  const snapshot = (): void => {
    const k = engine.knownIds();
    for (const id of k.ids) knownIds.add(bare(id));
    for (const id of k.imageIds) imageIds.add(bare(id));
  };
  snapshot();
  const steps = commandSteps(s);
  const runs = steps.map((step) => {
    const r = engine.run(step.command);
    snapshot();
    return { step, rawOutput: r.output, exitCode: r.exitCode };
  });
  const normalized = normalizeTranscript(runs.map((r) => splitOutput(r.rawOutput)), {
    pwd: engine.pwd,
    dataRoot: engine.dataRoot,
    execRoot: engine.execRoot,
    knownIds,
    imageIds,
  });
  const results: StepResult[] = runs.map((r, k) => ({ ...r, output: normalized[k] }));
  return { results, transcript: renderTranscript(s, results) };
}

export interface CheckResult extends Comparison {
  replay: ReplayResult;
}

/** Replay `s` on `engine` and compare with the expected outputs (`strata check`). */
export function checkScenario(s: Scenario, engine: ScenarioEngine, opts: CompareOptions = {}): CheckResult {
  const replay = replayScenario(s, engine);
  return { ...compareScenario(s, replay.results, opts), replay };
}
