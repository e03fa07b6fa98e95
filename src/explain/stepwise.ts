// A session driven one command at a time (the web playground's terminal): each command runs on the
// pure engine as it is typed, and at any moment the session gives what `strata replay`,
// `strata explain` and `strata diagram` would give for the commands so far, from the same code
// (TranscriptRecorder normalizes as replayScenario does; assembleSession builds the Session that
// explanations read). Pure: no files, no clock; the caller keeps the text it types.

import { DEFAULT_ENGINE, type EngineName } from '../engine/profile.ts';
import type { EngineState } from '../engine/state.ts';
import type { CommandStep, HeaderItem, Scenario, StepResult } from '../scenario/model.ts';
import { TranscriptRecorder } from '../scenario/replay.ts';
import { splitOutput } from '../scenario/normalize.ts';
import { renderCommand, renderTranscript, ScenarioOutputError, ScenarioRefusalError, updateScenario } from '../scenario/render.ts';
import { buildDiagram, type Diagram } from './diagram/model.ts';
import { renderSvg } from './diagram/svg.ts';
import { explainSteps } from './explain.ts';
import { assembleSession, RecordingDocker, type Session } from './session.ts';

/** How outputs and notes spell IDs: `<id1>` as scenarios and `strata replay` do, or as Docker prints them. */
export type IdSpelling = 'placeholders' | 'docker';

export interface StepwiseOptions {
  /** The engine profile (default: the default profile). */
  engine?: EngineName;
  /** Stand-in images that exist before the first command, as a scenario's `# images:` line. */
  images?: readonly string[];
  /** Written as `# title:` into the exported scenario. */
  title?: string;
}

export interface StepView {
  /** 1-based command number. */
  step: number;
  command: string;
  /** The output lines (`''` for an empty line), spelled as asked. */
  output: string[];
  exitCode: number;
  /** What the command did to data, in words (as `strata explain` writes them). */
  notes: string[];
}

export interface StepwiseView {
  steps: StepView[];
  /** Where the data is after the last command, what is lost and what is orphaned. */
  summary: string[];
}

/** A name of `# images:` that no stand-in in the catalog has. */
export class UnknownImageError extends Error {
  constructor(readonly refs: readonly string[]) {
    super(`no stand-in image ${refs.join(', ')} in the catalog (\`strata images --catalog\` lists them)`);
    this.name = 'UnknownImageError';
  }
}

export class StepwiseSession {
  readonly engine: EngineName;
  readonly images: readonly string[];
  readonly title: string | undefined;
  /** The state before the first command (after the images). */
  readonly initial: EngineState;
  private readonly rec: RecordingDocker;
  private readonly recorder: TranscriptRecorder;

  /** Throws UnknownImageError for an image no stand-in provides. */
  constructor(opts: StepwiseOptions = {}) {
    this.engine = opts.engine ?? DEFAULT_ENGINE;
    this.images = [...(opts.images ?? [])];
    this.title = opts.title;
    this.rec = new RecordingDocker(this.engine);
    if (this.images.length > 0) {
      const unknown = this.rec.loadImages([...this.images]);
      if (unknown.length > 0) throw new UnknownImageError(unknown);
    }
    this.initial = this.rec.docker.state;
    this.recorder = new TranscriptRecorder(this.rec);
  }

  /** Run one command line (`\n` in it: further lines, such as a here-document's). */
  run(command: string): { output: string; exitCode: number } {
    const r = this.recorder.run(command);
    return { output: r.rawOutput, exitCode: r.exitCode };
  }

  /** Commands run so far. */
  get length(): number {
    return this.recorder.runs.length;
  }

  /** The commands run so far, in order. */
  get commands(): string[] {
    return this.recorder.runs.map((r) => r.command);
  }

  /** The engine state after `after` commands (all by default). */
  stateAfter(after = this.length): EngineState {
    return after === 0 ? this.initial : this.rec.records[after - 1].after;
  }

  /** The commands as a scenario, with their normalized outputs as expected outputs. */
  scenario(file = 'playground.scenario'): Scenario {
    const header: HeaderItem[] = [];
    const add = (text: string): void => {
      header.push({ kind: 'header', line: header.length + 1, text });
    };
    if (this.title !== undefined) add(`# title: ${this.title.replace(/[\r\n]+/g, ' ')}`);
    add(`# engine: ${this.engine}`);
    const imagesLine = header.length + 1;
    if (this.images.length > 0) add(`# images: ${this.images.join(' ')}`);
    header.push({ kind: 'blank', line: header.length + 1 });
    const normalized = this.recorder.normalized();
    let line = header.length + 1;
    const steps: CommandStep[] = this.recorder.runs.map((r, k) => {
      const source = renderCommand(r.command);
      const step: CommandStep = { kind: 'command', line, source, command: r.command, output: normalized[k], exitCode: r.exitCode };
      line += source.length + normalized[k].length + (r.exitCode === 0 ? 0 : 1);
      return step;
    });
    return {
      file,
      header,
      title: this.title,
      tags: [],
      engine: this.engine,
      images: this.images.map((ref) => ({ ref, line: imagesLine })),
      steps,
      finalNewline: true,
    };
  }

  private results(s: Scenario): StepResult[] {
    const runs = this.recorder.runs;
    return s.steps.filter((st): st is CommandStep => st.kind === 'command').map((step, k) => ({ step, rawOutput: runs[k].rawOutput, output: step.output, exitCode: runs[k].exitCode }));
  }

  /** The session as explanations and `strata where` read it. */
  session(ids: IdSpelling = 'placeholders'): Session {
    const s = this.scenario();
    return assembleSession(s, this.engine, ids, this.rec, this.initial, this.results(s), ids === 'docker' ? (_k, _n, raw) => splitOutput(raw) : undefined);
  }

  /** Every command with its output and what it did to data, and the summary after the last one. */
  view(ids: IdSpelling = 'placeholders'): StepwiseView {
    const { explanation } = explainSteps(this.session(ids));
    return {
      steps: explanation.steps.map((s) => ({ step: s.step, command: s.command, output: s.output, exitCode: s.exitCode, notes: s.notes })),
      summary: explanation.summary.notes,
    };
  }

  /** The storage diagram's model after `after` commands (all by default), as `strata diagram` builds it. */
  diagram(after = this.length): Diagram {
    const snapshots = this.rec.records.slice(0, after).map((r, k) => ({ command: this.recorder.runs[k].command, state: r.after, events: r.events }));
    return buildDiagram(this.initial, snapshots, this.length);
  }

  /** The diagram as a standalone SVG picture (`strata diagram --format svg`). */
  diagramSvg(after = this.length, title = this.title ?? 'strata playground'): string {
    return renderSvg(this.diagram(after), { title });
  }

  /**
   * The session as a `.scenario` file (what `record.sh` would write for these commands). When an
   * output cannot be written as Docker's (strata refused a command, or an output line would read
   * as a command or a comment), the file is written anyway and `problem` says what is wrong with it.
   */
  transcript(): { text: string; problem?: string } {
    const s = this.scenario();
    const results = this.results(s);
    try {
      return { text: updateScenario(s, results) };
    } catch (e) {
      if (e instanceof ScenarioOutputError || e instanceof ScenarioRefusalError) return { text: renderTranscript(s, results), problem: e.message };
      throw e;
    }
  }
}
