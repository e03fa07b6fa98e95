// `strata quiz FILE`: a lesson asked on the terminal (src/explain/quiz.ts), and `strata lessons`:
// the bundled lessons. Answers come one per line from standard input: typed at a terminal, or
// piped in advance (`printf 'yes\n2\n' | strata quiz LESSON`), where each answer is echoed after
// its prompt so the transcript reads as a dialogue.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainSession } from '../explain/explain.ts';
import { findAnswers } from '../explain/answers.ts';
import { askLines, commandLines, grade, introLines, quizSteps, revealLines, scored, summaryLines, verdictLines, type Graded } from '../explain/quiz.ts';
import { line, type Styled } from '../explain/styled.ts';
import { parseScenario } from '../scenario/parse.ts';
import { lessonQuestions } from '../scenario/questions.ts';
import { firstRefusal, loadSession } from './explain.ts';
import { draw } from './terminal.ts';

/** What the interactive verbs need from the process (a capture in tests). */
export interface InteractiveIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** One line of standard input, null at its end. */
  readLine(): string | null;
  /** Standard input is a terminal: the student's typing is echoed by it, not by strata. */
  interactive: boolean;
  /** Colour the output (a terminal without NO_COLOR). */
  color: boolean;
}

/** A lesson given by name (`strata quiz tmpfs-empty-after-restart`) is looked up in the bundled lessons. */
export function lessonPath(file: string, lessonsDir: string): string {
  if (file === '-' || existsSync(file)) return file;
  const named = join(lessonsDir, file.endsWith('.scenario') ? file : `${file}.scenario`);
  return existsSync(named) ? named : file;
}

export function runQuiz(file: string, engine: string | undefined, io: InteractiveIO, opts: { predict?: boolean; daemon?: string } = {}): number {
  const session = loadSession(file, engine, opts.daemon);
  const explanation = explainSession(session);
  const { steps, after } = quizSteps(session, explanation, findAnswers(session), opts);
  const show = (lines: Styled[]): void => io.stdout(draw(lines, io.color));
  const total = steps.reduce((a, s) => a + s.questions.filter(scored).length, 0);
  show(introLines(session, steps));
  const graded: Graded[] = [];
  let ended = false;
  let number = 0;
  for (const step of steps) {
    show(commandLines(step));
    for (const q of step.questions) {
      if (!scored(q)) {
        show([line(`  (question on line ${q.line} skipped: its check gives no answer on ${session.engine}: ${q.found.error ?? ''})`, 'plain')]);
        continue;
      }
      number++;
      show(askLines(q, number, total));
      let g: Graded | undefined;
      while (g === undefined) {
        if (ended) {
          g = { question: q, given: null, right: false };
          break;
        }
        io.stdout('> ');
        const typed = io.readLine();
        if (typed === null) {
          ended = true;
          io.stdout('\n');
          continue;
        }
        if (!io.interactive) io.stdout(`${typed}\n`);
        const r = grade(step, q, typed);
        if ('retry' in r) show(r.retry);
        else g = r;
      }
      graded.push(g);
      show(verdictLines(step, g));
    }
    show(revealLines(step));
  }
  show(summaryLines(session, explanation, graded, after));
  const refusal = firstRefusal(session);
  if (refusal !== undefined) {
    io.stderr(`${refusal}\n`);
    return 125;
  }
  return 0;
}

/** The bundled lessons: file name, questions, title. */
export function listLessons(lessonsDir: string): string {
  const files = existsSync(lessonsDir) ? readdirSync(lessonsDir).filter((f) => f.endsWith('.scenario')).sort() : [];
  const rows = files.map((f) => {
    const s = parseScenario(readFileSync(join(lessonsDir, f), 'utf8'), f);
    return { name: f.replace(/\.scenario$/, ''), questions: String(lessonQuestions(s).length), title: s.title ?? '' };
  });
  const w = Math.max(6, ...rows.map((r) => r.name.length)) + 2;
  return `${'LESSON'.padEnd(w)}QUESTIONS  TITLE\n${rows.map((r) => `${r.name.padEnd(w)}${r.questions.padEnd(11)}${r.title}\n`).join('')}`;
}
