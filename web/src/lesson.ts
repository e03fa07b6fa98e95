// A lesson or walkthrough stepped through as `strata quiz` asks it (the library's lessonQuiz): the
// story so far (the scenario's comments), the next command, its `# ?` questions (yes/no and choices
// as buttons, [output] as a text box) or else a free prediction, then the reveal: the command runs
// in the terminal, each answer is graded against what the question's check finds on the engine
// (with the proof), and the diagram and the explanation show what the command did to data. At the
// end, the score.

import { grade, scored, verdictLines, type Graded, type QuizQuestion, type QuizStep, type Scenario, type StepView, type Styled } from '../../src/index.ts';

/** What a lesson needs from the page. */
export interface LessonHost {
  /** Run a command in the terminal; its view as the terminal shows it (undefined: strata failed). */
  run(command: string): StepView | undefined;
}

/** The lesson's commands and questions, with the answers found on one engine. */
export interface Quiz {
  engine: string;
  steps: QuizStep[];
  after: string[];
}

/** A comment line as prose: without its `#` and one space. */
const prose = (line: string): string => line.replace(/^# ?/, '');
/** Header lines that are metadata, not story. */
const META = /^# (title|tags|engine|images):/;

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};

/**
 * Normalized for comparing a free prediction: no trailing spaces, no empty lines at the ends, and
 * any ID (hex, or a scenario's `<id1>`) the same: nobody predicts a random ID.
 */
const lines = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trimEnd().replace(/<(?:id|img)\d+(?::12)?>|(?:sha256:)?\b[0-9a-f]{12,64}\b/g, '<ID>'))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');

/** Styled lines (the quiz's words) as paragraphs, their style as the class. */
const styled = (ls: readonly Styled[]): HTMLElement[] => ls.map((l) => el('p', { className: `styled ${l.style}` }, l.text.trim()));

export class Lesson {
  private readonly intro: string[];
  private next = 0;
  /** What was shown after the last reveal. */
  private revealed: Node[] = [];
  private readonly graded: Graded[] = [];
  private closed = false;

  constructor(
    private readonly panel: HTMLElement,
    private readonly scenario: Scenario,
    private quiz: Quiz,
    private readonly host: LessonHost,
  ) {
    this.intro = scenario.header.filter((h) => h.kind === 'header' && !META.test(h.text)).map((h) => (h.kind === 'header' ? prose(h.text) : ''));
    panel.hidden = false;
    this.render();
  }

  /** The answers on another engine (the page's engine changed): the lesson goes on from where it is. */
  regrade(quiz: Quiz): void {
    if (this.closed) return;
    this.quiz = quiz;
    this.render();
  }

  /** Closed by its own button. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Commands of the lesson already run. */
  get position(): number {
    return this.next;
  }

  /** Go on from command `n` (its commands before it already ran: a shared link restoring it). */
  skipTo(n: number): void {
    this.next = Math.max(0, Math.min(n, this.quiz.steps.length));
    this.revealed = [];
    this.render();
  }

  close(): void {
    this.closed = true;
    this.panel.hidden = true;
    this.panel.replaceChildren();
  }

  /** Run every command left, unanswered. */
  finish(): void {
    while (this.next < this.quiz.steps.length) this.reveal(new Map(), '', false);
    this.revealed = [];
    this.render();
  }

  /** Run the next command and grade what was answered (`answers`: by question, as typed or chosen; none when not `asked`). */
  private reveal(answers: ReadonlyMap<QuizQuestion, string>, prediction: string, asked = true): void {
    const step = this.quiz.steps[this.next++];
    const view = this.host.run(step.command.command);
    const shown: Node[] = [];
    // questions skipped by "run the rest" are not scored
    for (const q of asked ? step.questions.filter(scored) : []) {
      const typed = answers.get(q)?.trim() ?? '';
      const g = typed === '' ? { question: q, given: null, right: false } : grade(step, q, typed);
      // a choice or yes/no comes from a button, an [output] from the text box: always readable
      const graded: Graded = 'retry' in g ? { question: q, given: null, right: false } : g;
      this.graded.push(graded);
      shown.push(el('p', { className: 'question' }, q.question.text), ...styled(verdictLines(step, graded)));
    }
    if (view && prediction.trim() !== '') {
      const same = lines(prediction) === lines(view.output.join('\n'));
      shown.push(el('p', { className: `verdict ${same ? 'same' : 'differs'}` }, same ? 'Your prediction is what Docker prints.' : 'Docker prints something else (in the terminal): compare it with your prediction.'));
    }
    if (view && view.notes.length > 0) shown.push(el('p', { className: 'story' }, view.notes.join('\n')));
    this.revealed = shown;
  }

  /** One question's form: buttons for yes/no and choices, a text box for [output]. */
  private ask(q: QuizQuestion, k: number, answers: Map<QuizQuestion, string>): HTMLElement {
    const box = el('fieldset', { className: 'q' }, el('legend', {}, q.question.text));
    if (q.question.kind === 'output') {
      const t = el('textarea', { rows: 2, placeholder: 'what it prints (or: nothing)', className: 'answer' });
      t.addEventListener('input', () => answers.set(q, t.value));
      box.append(t);
    } else {
      for (const c of q.question.choices) {
        const r = el('input', { type: 'radio', name: `q${k}`, value: c });
        r.addEventListener('change', () => answers.set(q, c));
        box.append(el('label', { className: 'choice' }, r, ` ${c}`));
      }
    }
    return box;
  }

  private render(): void {
    const s = this.scenario;
    const body: Node[] = [el('h2', {}, s.title ?? s.file)];
    body.push(...this.revealed);
    if (this.revealed.length > 0) body.push(el('hr'));
    if (this.next === 0 && this.intro.length > 0) body.push(el('p', { className: 'story' }, this.intro.join('\n')));
    const steps = this.quiz.steps;
    if (this.next < steps.length) {
      const step = steps[this.next];
      if (step.before.length > 0) body.push(el('p', { className: 'story' }, step.before.join('\n')));
      body.push(el('div', {}, `Command ${this.next + 1} of ${steps.length}:`));
      body.push(el('pre', { className: 'next' }, step.command.source.join('\n')));
      const answers = new Map<QuizQuestion, string>();
      const questions = step.questions.filter(scored);
      questions.forEach((q, k) => body.push(this.ask(q, k, answers)));
      // without an [output] question, a free prediction of what it prints
      const guess = el('textarea', { rows: 3, placeholder: 'Your prediction: what will it print? (optional)', id: 'prediction' });
      if (!questions.some((q) => q.question.kind === 'output')) body.push(guess);
      const reveal = el('button', { id: 'reveal', textContent: questions.length > 0 ? 'answer, run it and reveal' : 'run it and reveal' });
      reveal.addEventListener('click', () => {
        this.reveal(answers, guess.value);
        this.render();
      });
      const rest = el('button', { id: 'run-rest', textContent: 'run the rest' });
      rest.addEventListener('click', () => this.finish());
      const quit = el('button', { textContent: 'close the lesson' });
      quit.addEventListener('click', () => this.close());
      body.push(el('div', { className: 'buttons' }, reveal, rest, quit));
    } else {
      if (this.quiz.after.length > 0) body.push(el('p', { className: 'story' }, this.quiz.after.join('\n')));
      const right = this.graded.filter((g) => g.right).length;
      if (this.graded.length > 0) body.push(el('p', { className: 'score', id: 'score' }, `Score: ${right} of ${this.graded.length} right (answers checked on ${this.quiz.engine}).`));
      const quit = el('button', { textContent: 'close the lesson' });
      quit.addEventListener('click', () => this.close());
      body.push(el('p', {}, 'The end of the lesson: go on typing commands in the terminal, or export the session.'), el('div', { className: 'buttons' }, quit));
    }
    this.panel.replaceChildren(...body);
  }
}
