// Budgets on a whole scenario, on top of the engine's budgets per command (steps, bytes, lines,
// depth): how many commands a file may hold, and how much all its commands may print together.
// A recorded scenario holds a few dozen commands printing a few kilobytes; these limits only
// stop runaway files (a generated scenario of a million commands, or thousands of commands each
// printing the per-command maximum), whose transcript would not fit in memory.

import { EngineWrapper, type ScenarioEngine } from '../scenario/replay.ts';
import { commandSteps, type Scenario } from '../scenario/model.ts';
import { CliError } from './files.ts';

/** Commands one scenario may hold. */
export const MAX_COMMANDS = 10_000;
/** Bytes all the commands of a scenario may print together (a command alone may print as much). */
export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;
/**
 * Lines all the commands of a scenario may print together, and lines a scenario file may hold.
 * A check holds both sides several times over (split, normalized, rendered, diffed): a million
 * expected lines against a million different actual ones peaks near 660 MB.
 */
export const MAX_TRANSCRIPT_LINES = 1_000_000;
export const MAX_SCENARIO_LINES = 1_000_000;

/** Refuse (exit 125) a file of more lines than the budget, before parsing it. */
export function checkScenarioLines(bytes: Uint8Array, file: string): void {
  let lines = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1)) {
    if (++lines > MAX_SCENARIO_LINES) throw new CliError(`${file}: more than ${MAX_SCENARIO_LINES} lines, the budget for a scenario file`, 125);
  }
}

/** Refuse (exit 125) a scenario with more commands than the budget, before running any. */
export function checkScenarioSize(s: Scenario): void {
  const n = commandSteps(s).length;
  if (n > MAX_COMMANDS) {
    throw new CliError(`${s.file}: ${n} commands exceed the budget of ${MAX_COMMANDS} commands per scenario`, 125);
  }
}

/**
 * An engine that counts what the commands print: the command that takes the total past the
 * budget gets the refusal as its output (exit 125), and the commands after it are not run.
 */
export class BudgetedEngine extends EngineWrapper {
  private bytes = 0;
  private lines = 0;
  private spent = false;

  run(command: string, typed?: Parameters<ScenarioEngine['run']>[1]): { output: string; exitCode: number } {
    if (this.spent) return { output: `strata: not run: the scenario's outputs already exceeded their budget\n`, exitCode: 125 };
    const r = this.inner.run(command, typed);
    this.bytes += r.output.length;
    for (let i = r.output.indexOf('\n'); i !== -1; i = r.output.indexOf('\n', i + 1)) this.lines++;
    if (this.bytes > MAX_TRANSCRIPT_BYTES || this.lines > MAX_TRANSCRIPT_LINES) {
      this.spent = true;
      const what = this.bytes > MAX_TRANSCRIPT_BYTES ? `${MAX_TRANSCRIPT_BYTES} bytes` : `${MAX_TRANSCRIPT_LINES} lines`;
      return { output: `strata: the scenario's outputs exceeded the budget of ${what} in all\n`, exitCode: 125 };
    }
    return r;
  }
}
