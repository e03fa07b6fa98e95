// `strata quiz`: a lesson as predict-then-reveal. Each command is shown, then its questions
// (`# ?` lines, docs/scenario-format.md 2.5) are asked; after the answers the command's real
// output is shown with strata's explanation of it (the notes of `strata explain`), and at the end
// a score and where the data is. The right answer of a question is the one its check finds on
// the engine the quiz runs on (answers.ts), never a string strata keeps.
//
// Pure: the caller replays the lesson (session.ts), feeds the student's lines in and prints the
// styled lines out (src/cli/quiz.ts draws them on a terminal or a pipe).

import type { CommandStep } from '../scenario/model.ts';
import { answerKey, choiceOf, type LessonQuestion } from '../scenario/questions.ts';
import { findAnswers, type FoundAnswer } from './answers.ts';
import { explainSession } from './explain.ts';
import type { Explanation } from './schema.ts';
import type { Session } from './session.ts';
import { line, type Styled } from './styled.ts';

/** One question as the quiz asks it. */
export interface QuizQuestion {
  /** The `# ?` line's number in the lesson. */
  line: number;
  question: LessonQuestion;
  /** The right answer on this engine (null for [output]: the command's output is the answer). */
  found: FoundAnswer;
}

/** One command of the lesson, with what comes before it and its questions. */
export interface QuizStep {
  /** The author's comments shown before the command. */
  before: string[];
  command: CommandStep;
  /** What the command printed (as the transcript shows it) and its exit status. */
  output: string[];
  exitCode: number;
  notes: string[];
  questions: QuizQuestion[];
}

/** What the student said to one question. */
export interface Graded {
  question: QuizQuestion;
  /** The answer as understood (a choice as written), or null when the student gave none. */
  given: string | null;
  right: boolean;
}

/** An answer that the quiz cannot read (not yes/no, not a choice): ask again. */
export interface Unreadable {
  retry: Styled[];
}

const OUTPUT_NONE = ['', 'nothing', '(nothing)', 'none', '-'];

/** A "what does it print?" question for a command the lesson asks nothing about (`strata quiz --predict`). */
function predictOutput(command: CommandStep, k: number): QuizQuestion {
  const question: LessonQuestion = { text: 'What does it print?', kind: 'output', choices: [], answer: null };
  return { line: command.line, question, found: { at: { line: command.line, command: k, step: command, question }, step: k + 1, answer: null, evidence: '', written: null } };
}

/**
 * The commands of a lesson, each with its questions and its revealed output. With `predict`, a
 * command without a question of its own asks for its output.
 */
export function quizSteps(
  session: Session,
  explanation: Explanation = explainSession(session),
  found: FoundAnswer[] = findAnswers(session),
  opts: { predict?: boolean } = {},
): { steps: QuizStep[]; after: string[] } {
  const steps: QuizStep[] = [];
  let pending: string[] = [];
  let k = -1;
  for (const st of session.scenario.steps) {
    if (st.kind === 'command') {
      k++;
      const s = session.steps[k];
      // a command a budget kept from running: the lesson stops there (the CLI reports why)
      if (!s) break;
      steps.push({ before: pending, command: st, output: s.output, exitCode: s.exitCode, notes: explanation.steps[k]?.notes ?? [], questions: [] });
      pending = [];
    } else if (st.kind === 'comment') {
      if (st.question) {
        const f = found.find((a) => a.at.line === st.line);
        if (f && steps.length > 0) steps[steps.length - 1].questions.push({ line: st.line, question: st.question, found: f });
      } else if (!st.text.startsWith('# = ') && st.text !== '# =') {
        pending.push(st.text.replace(/^# ?/, ''));
      }
    }
  }
  if (opts.predict) steps.forEach((st, k) => st.questions.length === 0 && st.questions.push(predictOutput(st.command, k)));
  return { steps, after: pending };
}

/** How to answer a question, shown with it. */
function choicesLine(q: LessonQuestion): string {
  if (q.kind === 'yes/no') return '  (yes or no)';
  if (q.kind === 'output') return '  (type the output you expect on one line; Enter for no output)';
  return q.choices.map((c, i) => `  ${i + 1}) ${c}`).join('\n');
}

/** The question as the student reads it. */
export function askLines(q: QuizQuestion, number: number, total: number): Styled[] {
  const out = [line(`? [${number}/${total}] ${q.question.text}`, 'question')];
  for (const l of choicesLine(q.question).split('\n')) out.push(line(l, 'question'));
  return out;
}

/** What the student typed, as an answer to `q`: a choice as written, or the text for [output]; undefined when unreadable. */
export function readAnswer(q: LessonQuestion, typed: string): string | undefined {
  const t = answerKey(typed);
  if (q.kind === 'output') return typed.trim();
  if (q.kind === 'yes/no') {
    if (t === 'y' || t === 'yes') return 'yes';
    if (t === 'n' || t === 'no') return 'no';
    return undefined;
  }
  // a choice as written first: choices may be numbers themselves ([choice: 0, 1, 2])
  const exact = choiceOf(t, q.choices);
  if (exact !== undefined) return exact;
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= q.choices.length ? q.choices[n - 1] : undefined;
  }
  // the start of one choice only ("anon" for "anonymous volume")
  const starts = q.choices.filter((c) => answerKey(c).startsWith(t));
  return t !== '' && starts.length === 1 ? starts[0] : undefined;
}

/** The output as one line, to compare with a prediction typed on one line. */
const oneLine = (lines: readonly string[]): string => answerKey(lines.join(' '));

/** Grade one typed line; an unreadable answer asks again. */
export function grade(step: QuizStep, q: QuizQuestion, typed: string): Graded | Unreadable {
  const given = readAnswer(q.question, typed);
  if (given === undefined) {
    const how = q.question.kind === 'yes/no' ? 'yes or no' : `one of the choices, or its number (1 to ${q.question.choices.length})`;
    return { retry: [line(`  Answer ${how}.`, 'plain')] };
  }
  if (q.question.kind === 'output') {
    const want = oneLine(step.output);
    const right = want === '' ? OUTPUT_NONE.includes(answerKey(given)) : answerKey(given) === want;
    return { question: q, given, right };
  }
  return { question: q, given, right: q.found.answer !== null && answerKey(given) === answerKey(q.found.answer) };
}

/** Right or wrong, and the answer with what proves it. */
export function verdictLines(step: QuizStep, g: Graded): Styled[] {
  const q = g.question;
  if (q.question.kind === 'output') {
    if (g.given === null) return [line('  (no answer) The output follows.', 'wrong')];
    return [g.right ? line('  Right: the output follows.', 'right') : line('  Not quite: compare with the output below.', 'wrong')];
  }
  const answer = q.found.answer ?? '?';
  const proof = q.question.answer ? `  (strata checked: ${q.question.answer.check}: ${q.found.evidence})` : '';
  const head = g.given === null ? line(`  (no answer) The answer is: ${answer}`, 'wrong') : g.right ? line(`  Right: ${answer}`, 'right') : line(`  Wrong: the answer is ${answer}, not ${g.given}`, 'wrong');
  return proof === '' ? [head] : [head, line(proof, 'plain')];
}

/** The command as shown before its questions, with the comments before it. */
export function commandLines(step: QuizStep): Styled[] {
  return [...step.before.map((c) => line(c, 'comment')), ...step.command.source.map((s) => line(s, 'command'))];
}

/** The real output and strata's explanation of it. */
export function revealLines(step: QuizStep): Styled[] {
  const out = step.output.map((o) => line(o, 'output'));
  if (step.exitCode !== 0) out.push(line(`[exit ${step.exitCode}]`, 'output'));
  for (const n of step.notes) out.push(line(`strata: ${n}`, 'note'));
  out.push(line('', 'plain'));
  return out;
}

/** A question whose check gives no answer on this engine is shown, not scored. */
export const scored = (q: QuizQuestion): boolean => q.question.kind === 'output' || q.found.answer !== null;

export function introLines(session: Session, steps: readonly QuizStep[]): Styled[] {
  const n = steps.reduce((a, s) => a + s.questions.filter(scored).length, 0);
  const title = session.scenario.title ?? session.file;
  return [
    line(`Lesson: ${title}`, 'title'),
    line(`${steps.length} commands, ${n} question${n === 1 ? '' : 's'}, on ${session.engine}. Predict, then see what Docker did.`, 'plain'),
    line('', 'plain'),
  ];
}

export function summaryLines(session: Session, explanation: Explanation, graded: readonly Graded[], after: readonly string[]): Styled[] {
  const counted = graded.filter((g) => scored(g.question));
  const right = counted.filter((g) => g.right).length;
  const out: Styled[] = after.map((c) => line(c, 'comment'));
  if (after.length > 0) out.push(line('', 'plain'));
  out.push(line(`Score: ${right} of ${counted.length} right`, 'title'));
  for (const g of counted.filter((x) => !x.right)) {
    const want = g.question.question.kind === 'output' ? 'the output shown' : (g.question.found.answer ?? '?');
    out.push(line(`  line ${g.question.line}: ${g.question.question.text} You said ${g.given === null ? 'nothing' : JSON.stringify(g.given)}; the answer: ${want}`, 'wrong'));
  }
  for (const n of explanation.summary.notes) out.push(line(n, 'note'));
  return out;
}
