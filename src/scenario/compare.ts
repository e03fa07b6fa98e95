// Comparing a scenario's expected outputs with actual (normalized) ones.
//
// Lines are compared exactly (trailing spaces count); a command matches when its output lines and
// its exit status are equal. The diff is a unified diff of the scenario file as written against
// the same file with the actual outputs, so hunk line numbers are the file's own line numbers
// (what `record.sh --check` shows with `diff -u`).

import { unifiedDiff } from './diff.ts';
import { commandSteps, type CommandStep, type Scenario } from './model.ts';
import { comparedLines, type StepOutput } from './render.ts';

export interface StepMismatch {
  step: CommandStep;
  /** Index among the scenario's commands. */
  index: number;
  expected: StepOutput;
  actual: StepOutput;
}

export interface Comparison {
  passed: boolean;
  /** Commands whose output or exit status differ, in order. */
  mismatches: StepMismatch[];
  /** Unified diff, `--- expected` / `+++ actual`; '' when passed. */
  diff: string;
}

/** Whether one command's actual output and status equal the expected ones. */
export function stepMatches(expected: StepOutput, actual: StepOutput): boolean {
  return (
    expected.exitCode === actual.exitCode &&
    expected.output.length === actual.output.length &&
    expected.output.every((l, i) => l === actual.output[i])
  );
}

export interface CompareOptions {
  /** Labels of the diff headers (default `expected` / `actual`). */
  fromLabel?: string;
  toLabel?: string;
  /** Context lines (default 3). */
  context?: number;
}

/** Compare a scenario with actual outputs (one per command, in order, already normalized). */
export function compareScenario(s: Scenario, actual: readonly StepOutput[], opts: CompareOptions = {}): Comparison {
  const steps = commandSteps(s);
  if (actual.length !== steps.length) throw new Error(`${s.file}: ${actual.length} results for ${steps.length} commands`);
  const mismatches: StepMismatch[] = [];
  steps.forEach((step, index) => {
    if (!stepMatches(step, actual[index])) mismatches.push({ step, index, expected: step, actual: actual[index] });
  });
  if (mismatches.length === 0) return { passed: true, mismatches, diff: '' };
  const lines = comparedLines(s, actual);
  const diff = unifiedDiff(lines.expected, lines.actual, {
    fromLabel: opts.fromLabel ?? 'expected',
    toLabel: opts.toLabel ?? 'actual',
    context: opts.context,
  });
  if (diff !== '') return { passed: false, mismatches, diff };
  // the outputs differ but render the same: an actual line the format cannot hold (`<blank>`, ...)
  const notes = mismatches.map((m) =>
    `${s.file}:${m.step.line}: actual output differs but is ambiguous in the scenario format: ` +
    `${JSON.stringify(m.actual.output)} [exit ${m.actual.exitCode}]\n`);
  return { passed: false, mismatches, diff: notes.join('') };
}
