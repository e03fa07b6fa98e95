// Lesson questions: a `# ?` comment line after a command, which `strata quiz` asks after showing
// the command and before showing what it printed, and for a yes/no or choice question the `# =`
// line right below it: the answer, and the check that proves it on the engine
// (docs/scenario-format.md, section 2.5).
//
//   # ? Is orders.csv still there after the rm? [yes/no]
//   # = no  check: docker run --rm -v shop:/data busybox test -e /data/orders.csv
//   # ? Which place holds /var/lib/mysql? [choice: named volume, anonymous volume, writable layer, gone]
//   # = anonymous volume  check: where db:/var/lib/mysql
//   # ? Does "docker volume prune" remove it? [yes/no]
//   # = yes on docker-20.10, no on docker-26.1  check: docker volume ls -q | grep -qx keep && exit 1 || exit 0
//   # ? What does it print? [output]
//
// The written answer is never taken on trust: `strata check` runs the check on the engine's
// state right after the command (src/explain/answers.ts) and fails the lesson when the answer
// it finds is not the written one. An [output] question has no `# =` line: its answer is what
// the command prints, which the recording already proves.
//
// Both lines are comments like any other for the recorder, the replayer and `--update`, so
// recording a lesson keeps them. Only their syntax is checked here.

import { ENGINE_NAMES, type CommandStep, type EngineName, type Scenario } from './model.ts';

export type QuestionKind = 'yes/no' | 'choice' | 'output';

/** The `# =` line of a question. */
export interface WrittenAnswer {
  line: number;
  /** The answer on each engine (one of the question's choices). */
  byEngine: Record<EngineName, string>;
  /** What proves it: `where CONTAINER:PATH`, or a command line run on the engine (section 2.5). */
  check: string;
}

export interface LessonQuestion {
  /** The question as the student reads it (without its kind). */
  text: string;
  kind: QuestionKind;
  /** The possible answers: `yes`, `no` for yes/no; the choices as written; none for output. */
  choices: string[];
  /** The `# =` line; null for an output question. */
  answer: WrittenAnswer | null;
}

/** A `# ?` or `# =` line that does not follow the syntax; the parser adds the file and line. */
export class QuestionSyntaxError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'QuestionSyntaxError';
  }
}

/** Whether a comment line is a question: `# ?` alone or followed by a space. */
export const isQuestionLine = (line: string): boolean => line === '# ?' || line.startsWith('# ? ');
/** Whether a comment line is an answer line: `# =` alone or followed by a space. */
export const isAnswerLine = (line: string): boolean => line === '# =' || line.startsWith('# = ');

const SYNTAX = 'write a question as "# ? TEXT [yes/no]", "# ? TEXT [choice: A, B, C]" or "# ? TEXT [output]"';
const ANSWER_SYNTAX = 'write the answer as "# = ANSWER  check: CHECK" (CHECK: "where CONTAINER:PATH" or a command line)';
// TEXT, then the [KIND] that ends the line
const QUESTION = /^# \? (?<text>.*?\S)\s*\[(?<kind>[^\]]*)\]$/;
const ANSWER = /^# = (?<answer>.*?\S)\s+check:\s*(?<check>.*)$/;
const QUALIFIED = /^(?<value>.*?\S)\s+on\s+(?<engine>docker-\S+)$/;

/** Answers are compared without regard to case or runs of white space. */
export const answerKey = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

function parseKind(kind: string): { kind: QuestionKind; choices: string[] } {
  const k = kind.trim();
  if (k === 'yes/no') return { kind: 'yes/no', choices: ['yes', 'no'] };
  if (k === 'output') return { kind: 'output', choices: [] };
  const m = /^choice:(.*)$/.exec(k);
  if (!m) throw new QuestionSyntaxError(`unknown question kind [${k}] (known: [yes/no], [choice: A, B, ...], [output])`);
  const choices = m[1].split(',').map((c) => c.trim().replace(/\s+/g, ' '));
  if (choices.some((c) => c === '') || choices.length < 2) throw new QuestionSyntaxError(`[${k}]: give two choices or more, separated by commas`);
  const seen = new Set<string>();
  for (const c of choices) {
    if (seen.has(answerKey(c))) throw new QuestionSyntaxError(`[${k}]: the choice "${c}" is given twice`);
    seen.add(answerKey(c));
  }
  return { kind: 'choice', choices };
}

/** One of the choices, as written in the question (case and spacing of the choice). */
export function choiceOf(value: string, choices: readonly string[]): string | undefined {
  return choices.find((c) => answerKey(c) === answerKey(value));
}

function written(value: string, q: { kind: QuestionKind; choices: string[] }): string {
  const found = choiceOf(value, q.choices);
  if (found !== undefined) return found;
  if (q.kind === 'yes/no') throw new QuestionSyntaxError(`the answer "${value.trim()}" is neither yes nor no`);
  throw new QuestionSyntaxError(`the answer "${value.trim()}" is not one of the choices (${q.choices.join(', ')})`);
}

function parseByEngine(text: string, q: { kind: QuestionKind; choices: string[] }): Record<EngineName, string> {
  // one choice for every engine (a choice may hold " on ", as in "on the host")
  const whole = choiceOf(text, q.choices);
  if (whole !== undefined) return Object.fromEntries(ENGINE_NAMES.map((e) => [e, whole])) as Record<EngineName, string>;
  const parts = text.split(',').map((p) => p.trim());
  const qualified = parts.map((p) => QUALIFIED.exec(p)?.groups);
  if (parts.length === 1 && qualified[0] === undefined) written(parts[0], q);
  const byEngine: Partial<Record<EngineName, string>> = {};
  parts.forEach((p, i) => {
    const g = qualified[i];
    if (g === undefined) throw new QuestionSyntaxError(`"${p}": where the engines differ, give each answer with its engine ("yes on docker-26.1, no on docker-20.10")`);
    if (!(ENGINE_NAMES as readonly string[]).includes(g.engine)) throw new QuestionSyntaxError(`unknown engine "${g.engine}" in the answer (known: ${ENGINE_NAMES.join(', ')})`);
    const e = g.engine as EngineName;
    if (byEngine[e] !== undefined) throw new QuestionSyntaxError(`two answers on ${e}`);
    byEngine[e] = written(g.value, q);
  });
  for (const e of ENGINE_NAMES) {
    if (byEngine[e] === undefined) throw new QuestionSyntaxError(`no answer on ${e} (give one answer for every engine, or one per engine)`);
  }
  return byEngine as Record<EngineName, string>;
}

/** Parse a `# ?` line (isQuestionLine); its answer is added by parseAnswer. Throws QuestionSyntaxError. */
export function parseQuestion(line: string): LessonQuestion {
  const m = QUESTION.exec(line);
  if (!m?.groups) throw new QuestionSyntaxError(`malformed question: ${SYNTAX}`);
  const { kind, choices } = parseKind(m.groups.kind);
  return { text: m.groups.text, kind, choices, answer: null };
}

/** Parse the `# =` line (isAnswerLine) of question `q`, at 1-based `lineNo`. Throws QuestionSyntaxError. */
export function parseAnswer(line: string, lineNo: number, q: LessonQuestion): WrittenAnswer {
  if (q.kind === 'output') throw new QuestionSyntaxError('an [output] question has no "# =" line: its answer is what the command prints');
  const m = ANSWER.exec(line);
  if (!m?.groups) throw new QuestionSyntaxError(`malformed answer: ${ANSWER_SYNTAX}`);
  const check = m.groups.check.trim();
  if (check === '') throw new QuestionSyntaxError(`the answer has no check: ${ANSWER_SYNTAX}`);
  return { line: lineNo, byEngine: parseByEngine(m.groups.answer, q), check };
}

/** The reason a yes/no or choice question without its `# =` line is refused. */
export const MISSING_ANSWER = `a [yes/no] or [choice: ...] question needs its answer on the next line: ${ANSWER_SYNTAX}`;

/** A question and where it is: its line, and the command it asks about (0-based among the commands). */
export interface QuestionAt {
  line: number;
  command: number;
  step: CommandStep;
  question: LessonQuestion;
}

/** The questions of a scenario, in file order, each with the command before it. */
export function lessonQuestions(s: Scenario): QuestionAt[] {
  const out: QuestionAt[] = [];
  let command = -1;
  let step: CommandStep | undefined;
  for (const st of s.steps) {
    if (st.kind === 'command') {
      command++;
      step = st;
    } else if (st.kind === 'comment' && st.question && step) out.push({ line: st.line, command, step, question: st.question });
  }
  return out;
}
