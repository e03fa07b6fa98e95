// The answers of a lesson's questions, found on the engine, never taken from the lesson: each
// `# =` line names a check, run on the state right after the command the question asks about
// (docs/scenario-format.md, section 2.5). `strata check` fails a lesson whose written answer is
// not the one found; `strata quiz` grades the student against the one found.
//
// A check is either
//   `where CONTAINER:PATH`: what provides the path then, in the words of `strata where`
//     (named volume, anonymous volume, bind mount, tmpfs, writable layer, image layer, runtime),
//     or `gone` when the path does not exist in that container;
//   a command line, run like a scenario command on a copy of that state (the lesson goes on
//     from the state the command left, as if the check never ran): a [yes/no] answer is `yes`
//     when it exits 0; a [choice] answer is what it prints, which must be one of the choices.
// Pure: the session holds every state; checks run through the pure engine.

import { execute } from '../engine/engine.ts';
import type { EngineState } from '../engine/state.ts';
import { answerKey, choiceOf, lessonQuestions, type LessonQuestion, type QuestionAt } from '../scenario/questions.ts';
import type { Session } from './session.ts';
import { where, WhereError, type Provenance } from './where.ts';

export interface FoundAnswer {
  at: QuestionAt;
  /** 1-based command number the question asks about. */
  step: number;
  /** The answer on the session's engine: a choice as written, or null for an [output] question or a failed check. */
  answer: string | null;
  /** What the check saw (`exit 1`, `prints "2"`, or a where check's word: `anonymous volume`). */
  evidence: string;
  /** Why the check could not give an answer (an unknown container, output that is no choice). */
  error?: string;
  /** The written answer for this engine, when there is one. */
  written: string | null;
}

/** What provides a path, in the vocabulary of a `where` check. */
export function whereWord(p: Provenance): string {
  if (p.entry === null) return 'gone';
  const pr = p.provider;
  switch (pr.kind) {
    case 'mount':
      if (pr.mount.type === 'volume') return pr.mount.volume?.anonymous ? 'anonymous volume' : 'named volume';
      return pr.mount.type === 'bind' ? 'bind mount' : 'tmpfs';
    case 'writable-layer':
      return 'writable layer';
    case 'image-layer':
      return 'image layer';
    case 'runtime':
      return 'runtime';
    case 'whiteout':
    case 'none':
      return 'gone';
  }
}

/** The words a `where` check can answer, for messages and the docs. */
export const WHERE_WORDS = ['named volume', 'anonymous volume', 'bind mount', 'tmpfs', 'writable layer', 'image layer', 'runtime', 'gone'] as const;

const WHERE_CHECK = /^where\s+(?<container>[^\s:]+):(?<path>\S+)$/;

function runWhere(session: Session, step: number, container: string, path: string, q: LessonQuestion): Omit<FoundAnswer, 'at' | 'step' | 'written'> {
  let p: Provenance;
  try {
    p = where(session, container, path, step);
  } catch (e) {
    if (e instanceof WhereError) return { answer: null, evidence: '', error: e.message };
    throw e;
  }
  const word = whereWord(p);
  const evidence = word;
  if (q.kind === 'yes/no') return { answer: null, evidence, error: `a where check answers a [choice: ...] question (it says "${word}")` };
  const answer = choiceOf(word, q.choices);
  if (answer === undefined) return { answer: null, evidence, error: `the check says "${word}", which is none of the choices (${q.choices.join(', ')})` };
  return { answer, evidence };
}

function runCommand(state: EngineState, check: string, q: LessonQuestion): Omit<FoundAnswer, 'at' | 'step' | 'written'> {
  const r = execute(state, check);
  if (q.kind === 'yes/no') return { answer: r.exitCode === 0 ? 'yes' : 'no', evidence: `exit ${r.exitCode}` };
  const printed = r.output.trim();
  const evidence = `prints ${JSON.stringify(printed)}`;
  const answer = choiceOf(printed, q.choices);
  if (answer === undefined) return { answer: null, evidence, error: `the check prints ${JSON.stringify(printed)}, which is none of the choices (${q.choices.join(', ')})` };
  return { answer, evidence };
}

/** Run the check of every question of the session's scenario on the session's engine. */
export function findAnswers(session: Session): FoundAnswer[] {
  return lessonQuestions(session.scenario).map((at) => {
    const step = at.command + 1;
    const q = at.question;
    const written = q.answer ? q.answer.byEngine[session.engine] : null;
    if (!q.answer) return { at, step, answer: null, evidence: '', written };
    const s = session.steps[at.command];
    // a command a budget cut off has no state to check
    if (!s) return { at, step, answer: null, evidence: '', error: 'the command did not run', written };
    const m = WHERE_CHECK.exec(q.answer.check);
    const found = m?.groups ? runWhere(session, step, m.groups.container, m.groups.path, q) : runCommand(s.after, q.answer.check, q);
    return { at, step, ...found, written };
  });
}

/** `FILE:LINE: ...` for each written answer the engine does not bear out (empty when all agree). */
export function answerMismatches(session: Session, found: readonly FoundAnswer[] = findAnswers(session)): string[] {
  const out: string[] = [];
  for (const f of found) {
    const a = f.at.question.answer;
    if (!a) continue;
    const where = `${session.file}:${a.line}`;
    if (f.error !== undefined) out.push(`${where}: check "${a.check}" gives no answer on ${session.engine}: ${f.error}`);
    else if (f.answer !== null && answerKey(f.answer) !== answerKey(f.written ?? '')) {
      out.push(`${where}: the answer on ${session.engine} is "${f.answer}" (check "${a.check}": ${f.evidence}), not "${f.written}" as written`);
    }
  }
  return out;
}
