// Explaining a scenario or a page: every command's data events in plain words, and a summary of
// where the data is at the end (`strata explain`, `strata replay --explain`, the library's
// explain()). Pure: the caller replays the text (session.ts) and prints the result.

import { PROFILES } from '../engine/profile.ts';
import { CopyFinder } from './copies.ts';
import { Namer } from './naming.ts';
import { notesFor } from './notes.ts';
import { Observer } from './observe.ts';
import { EXPLAIN_SCHEMA, type Explanation, type StepExplanation } from './schema.ts';
import type { Session } from './session.ts';
import { summarize } from './summary.ts';

/** The explanation of the first `upTo` commands (all by default), and the namer that named its objects. */
export function explainSteps(session: Session, upTo = session.steps.length): { explanation: Explanation; namer: Namer } {
  const namer = new Namer(session);
  const profile = PROFILES[session.engine];
  const observer = new Observer(namer, profile, new CopyFinder(namer));
  const run = session.steps.slice(0, upTo);
  const steps: StepExplanation[] = run.map((s) => {
    const events = observer.step(s);
    return { step: s.step, line: s.line, command: s.command, output: s.output, exitCode: s.exitCode, events, notes: notesFor(events) };
  });
  const last = run.at(-1)?.after ?? session.initial;
  const explanation: Explanation = {
    schema: EXPLAIN_SCHEMA,
    file: session.file,
    engine: session.engine,
    ids: session.ids,
    steps,
    summary: summarize(last, session.pwd, steps, namer, profile),
  };
  return { explanation, namer };
}

/** The events of every command of a recorded session, and the summary after the last one. */
export function explainSession(session: Session): Explanation {
  return explainSteps(session).explanation;
}
