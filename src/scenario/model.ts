// The scenario format's data model: a `.scenario` file as a list of lines with meaning.
//
// The model keeps everything needed to write the file back byte for byte
// (`formatScenario(parseScenario(text, f)) === text` for every valid file): the raw source lines
// of each command (`$ ` line and its `> ` continuation lines), header/comment text, blank lines and
// whether the file ends with a newline. Normative description: docs/scenario-format.md.
// Ground truth: the recorder's parser, shared/oracle/record.mjs `parseScenario`.

import type { LessonQuestion } from './questions.ts';
import type { DaemonConfig } from '../daemon/config.ts';

/** The engines a transcript can come from (`# engine:` header line). */
export type EngineName = 'docker-20.10' | 'docker-26.1';

export const ENGINE_NAMES: readonly EngineName[] = ['docker-20.10', 'docker-26.1'];

/** A `#` line before the first command. `text` is the whole line, `#` included. */
export interface HeaderLine {
  kind: 'header';
  /** 1-based line number in the file. */
  line: number;
  text: string;
}

/** An image named by a `# images:` header line, and that line's number. */
export interface ImageRef {
  ref: string;
  line: number;
}

/** A `#` line after the first command. `text` is the whole line, `#` included. */
export interface CommentLine {
  kind: 'comment';
  line: number;
  text: string;
  /** A lesson question (`# ? ...`, questions.ts) about the command before it. */
  question?: LessonQuestion;
}

/** An empty line (it ends the output of the command before it). */
export interface BlankLine {
  kind: 'blank';
  line: number;
}

/**
 * A command and what it printed.
 *
 * `output` holds the decoded output lines: `<blank>` is stored as `''`, the `[exit N]` line is not
 * part of it (it is `exitCode`). `output.length === 0` means the command printed nothing;
 * `['']` means it printed a single newline.
 */
export interface CommandStep {
  kind: 'command';
  /** 1-based line number of the `$ ` line. */
  line: number;
  /** The source lines exactly as written: the `$ ` line, then its `> ` / `>` continuation lines. */
  source: string[];
  /** The bash command line: the `$ ` line without `$ `, plus `"\n" + rest` per continuation line. */
  command: string;
  /** Expected output lines (already normalized), `''` for a `<blank>` line. */
  output: string[];
  /** Expected exit status: N of a final `[exit N]` line, else 0. */
  exitCode: number;
}

/** Everything before the first command: header lines and blank lines, in file order. */
export type HeaderItem = HeaderLine | BlankLine;

/** The first command and everything after it, in file order. */
export type Step = CommandStep | CommentLine | BlankLine;

export interface Scenario {
  /** The file name used in error messages (e.g. `scenarios/x.scenario`). */
  file: string;
  /** Lines before the first command (all of the file if it has no command). */
  header: HeaderItem[];
  /** `# title: ...` (first one), trimmed; undefined when absent. */
  title?: string;
  /** `# tags: a, b` split on commas, trimmed, empty entries dropped; [] when absent. */
  tags: string[];
  /** `# engine: ...`; undefined when absent. */
  engine?: EngineName;
  /**
   * `# daemon: FLAGS`: the dockerd flags of the engine the outputs come from (src/daemon/config.ts,
   * e.g. `--bridge=none`); undefined when absent (a normal install).
   */
  daemon?: DaemonConfig;
  /**
   * `# busybox: oracle`: the outputs come from an engine whose busybox:latest is the oracle's
   * (Debian's busybox-static 1.35, shared/oracle/README.md "Base image"), not the real image a
   * normal install pulls (src/image/busybox-real.ts): the oracle's recordings of lessons that show
   * busybox's own files. Replayed with that image (EngineOptions.oracleBase); absent: the real one.
   */
  oracleBusybox?: true;
  /**
   * `# images: REF [REF...]` lines: stand-in images that exist before the first command, as if
   * pulled earlier (the recorder builds each from the catalog), in order; [] when absent.
   */
  images: ImageRef[];
  steps: Step[];
  /** Whether the text ends with `\n` (false only for an empty file or a last line without one). */
  finalNewline: boolean;
}

/** What a command printed when run (by the simulator or the real engine). */
export interface StepResult {
  /** The step this result belongs to. */
  step: CommandStep;
  /** Merged stdout+stderr exactly as printed, before normalization. */
  rawOutput: string;
  /** Output lines after normalization (split as the recorder splits). */
  output: string[];
  exitCode: number;
}

/** The command steps of a scenario, in order. */
export function commandSteps(s: Scenario): CommandStep[] {
  return s.steps.filter((st): st is CommandStep => st.kind === 'command');
}
