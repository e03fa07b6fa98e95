// Replaying a scenario on an engine, as the recorder does on the real one (record.mjs `recordFile`):
// run every command in order, learn the engine's IDs before the first command and after each one,
// split each output into lines, then normalize the whole transcript in one pass.
// Engine-agnostic: anything implementing ScenarioEngine (the simulator, a fake in tests).

import { compareScenario, type CompareOptions, type Comparison } from './compare.ts';
import { commandSteps, type Scenario, type StepResult } from './model.ts';
import { normalizeTranscript, splitOutput, type NormalizeContext } from './normalize.ts';
import { renderTranscript } from './render.ts';
import { keepExpectedInterleaving } from './interleave.ts';
import { ScenarioSyntaxError } from './parse.ts';

/** What the replay needs from an engine. Each `run` starts with no shell state (like `bash -c`). */
export interface ScenarioEngine {
  /**
   * Run one command line (may hold `\n`: here-documents) in `pwd`. `output` is stdout and stderr
   * merged in the order written, as UTF-8 text; `exitCode` the shell's status (128+N for signal N).
   */
  run(command: string, typed?: (pending: string, echo: boolean) => string | undefined): { output: string; exitCode: number };
  /**
   * The 64-hex IDs of the objects that exist now (`sha256:` prefixes allowed and ignored): `ids` =
   * container IDs and 64-hex volume names, `imageIds` = image IDs (`docker images -a`). Asked before
   * the first command and after each one, like the recorder asks the real engine's API: objects
   * already removed (a `--rm` container) must not be listed. The same answer object again means
   * nothing changed.
   */
  knownIds(): EngineIds;
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

/**
 * An engine that runs its commands on another (`inner`) and tells the rest as `inner` does: the
 * wrappers that count what a scenario prints (cli/budget.ts) or type at a page's terminal
 * (pages/session.ts) only change `run`.
 */
export abstract class EngineWrapper implements ScenarioEngine {
  constructor(protected readonly inner: ScenarioEngine) {}
  abstract run(command: string, typed?: Parameters<ScenarioEngine['run']>[1]): { output: string; exitCode: number };
  get pwd(): string {
    return this.inner.pwd;
  }
  get dataRoot(): string | undefined {
    return this.inner.dataRoot;
  }
  get execRoot(): string | undefined {
    return this.inner.execRoot;
  }
  knownIds(): EngineIds {
    return this.inner.knownIds();
  }
  loadImages(refs: string[]): string[] {
    return this.inner.loadImages?.(refs) ?? refs;
  }
}

/** The IDs an engine knows (ScenarioEngine.knownIds). */
export interface EngineIds {
  ids: ReadonlySet<string>;
  imageIds: ReadonlySet<string>;
  /**
   * What this answer adds to an earlier answer of the same engine (`since`), when the engine
   * knows: a caller that read `since` need read only these (every caller keeps every ID it ever
   * learnt, so what is gone needs no telling). An engine keeping thousands of objects answers in
   * the time of what changed, and its caller can too.
   */
  added?: { since: EngineIds; ids: readonly string[]; imageIds: readonly string[] };
}

export interface ReplayResult {
  /** One per command, in order: raw output, normalized lines, exit status. */
  results: StepResult[];
  /** The scenario with the actual outputs (what `record.sh` prints, without touching the header). */
  transcript: string;
}

const bare = (id: string): string => id.replace(/^sha256:/, '');

/** What one command printed, before normalization. */
export interface RawRun {
  command: string;
  rawOutput: string;
  exitCode: number;
}

/**
 * The replay one command at a time: each run learns the engine's IDs after it (as the recorder
 * asks the real engine), and `normalized()` numbers the placeholders over the whole transcript so
 * far, exactly as replayScenario does at the end. A session typed command by command (the web
 * playground) thereby shows what `strata replay` prints for the same commands.
 */
export class TranscriptRecorder {
  private readonly knownIds = new Set<string>();
  private readonly imageIds = new Set<string>();
  private readonly done: RawRun[] = [];

  /** `engine` must already hold the `# images:` of the scenario: its IDs are learnt here. */
  constructor(readonly engine: ScenarioEngine) {
    this.snapshot();
  }

  /** The engine's last answer: the same object again means nothing new (the engine may say so). */
  private last?: EngineIds;

  private snapshot(): void {
    const k = this.engine.knownIds();
    if (k === this.last) return;
    const news = k.added !== undefined && k.added.since === this.last ? k.added : k;
    this.last = k;
    for (const id of news.ids) this.knownIds.add(bare(id));
    for (const id of news.imageIds) this.imageIds.add(bare(id));
  }

  run(command: string): RawRun {
    const r = this.engine.run(command);
    this.snapshot();
    const run = { command, rawOutput: r.output, exitCode: r.exitCode };
    this.done.push(run);
    return run;
  }

  get runs(): readonly RawRun[] {
    return this.done;
  }

  /** What the normalizer needs: where the engine works and every ID it ever reported. */
  context(): NormalizeContext {
    return { pwd: this.engine.pwd, dataRoot: this.engine.dataRoot, execRoot: this.engine.execRoot, knownIds: this.knownIds, imageIds: this.imageIds };
  }

  /** The output lines of every run so far, normalized as one transcript. */
  normalized(): string[][] {
    return normalizeTranscript(this.done.map((r) => splitOutput(r.rawOutput)), this.context());
  }
}

/** Make the stand-in images of `# images:` exist on `engine`, or say which line names an unknown one. */
export function loadScenarioImages(s: Scenario, engine: ScenarioEngine): void {
  if (s.images.length === 0) return;
  if (!engine.loadImages) throw new ScenarioSyntaxError(s.file, s.images[0].line, 'this engine cannot load "# images:"');
  const unknown = new Set(engine.loadImages(s.images.map((i) => i.ref)));
  const first = s.images.find((i) => unknown.has(i.ref));
  if (first) throw new ScenarioSyntaxError(s.file, first.line, `no stand-in image ${first.ref} in the catalog (\`strata images --catalog\` lists them; catalog/README.md says how to add one)`);
}

/** Run every command of `s` on `engine` and normalize what they printed. */
export function replayScenario(s: Scenario, engine: ScenarioEngine): ReplayResult {
  loadScenarioImages(s, engine);
  const recorder = new TranscriptRecorder(engine);
  const steps = commandSteps(s);
  for (const step of steps) recorder.run(step.command);
  const normalized = recorder.normalized();
  // where compose's lines come in an order that varies from run to run, the scenario's own order
  // when it is one a real run prints (interleave.ts): so a check passes and --update keeps it
  const results: StepResult[] = steps.map((step, k) => ({ step, rawOutput: recorder.runs[k].rawOutput, exitCode: recorder.runs[k].exitCode, output: keepExpectedInterleaving(step.output, normalized[k]) }));
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
