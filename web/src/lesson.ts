// A lesson or walkthrough stepped through as `strata quiz` does: the story so far (the scenario's
// comment lines), the next command, a place to write a prediction, then the reveal: the command
// runs in the terminal, the page says whether the prediction was what Docker prints, and the
// diagram and the explanation show what the command did to data.

import type { CommandStep, Scenario, StepView } from '../../src/index.ts';

/** One command of the lesson and the comment lines before it. */
interface Stop {
  story: string[];
  step: CommandStep;
  /** `# ?` question lines right after the command (asked before its output is shown). */
  questions: string[];
}

/** What a lesson needs from the page. */
export interface LessonHost {
  /** Run a command in the terminal; its view as the terminal shows it. */
  run(command: string): StepView | undefined;
}

/** A comment line as prose: without its `#` and one space. */
const prose = (line: string): string => line.replace(/^# ?/, '');
/** Header lines that are metadata, not story. */
const META = /^# (title|tags|engine|images):/;

function stopsOf(s: Scenario): { intro: string[]; stops: Stop[] } {
  const intro = s.header.filter((h) => h.kind === 'header' && !META.test(h.text)).map((h) => (h.kind === 'header' ? prose(h.text) : ''));
  const stops: Stop[] = [];
  let story: string[] = [];
  for (const st of s.steps) {
    if (st.kind === 'command') {
      stops.push({ story, step: st, questions: [] });
      story = [];
    } else if (st.kind === 'comment') {
      const last = stops.at(-1);
      // a question and its answer line belong to the command above them
      if (last && story.length === 0 && /^# [?=]( |$)/.test(st.text)) {
        if (st.text.startsWith('# ?')) last.questions.push(st.text.slice(3).trim());
      } else story.push(prose(st.text));
    }
  }
  return { intro, stops };
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};

/**
 * Normalized for comparing a prediction: no trailing spaces, no empty lines at the ends, and any
 * ID (hex, or a scenario's `<id1>`) the same: nobody predicts a random ID.
 */
const lines = (text: string): string =>
  text
    .split('\n')
    .map((l) => l.trimEnd().replace(/<(?:id|img)\d+(?::12)?>|(?:sha256:)?\b[0-9a-f]{12,64}\b/g, '<ID>'))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');

export class Lesson {
  private readonly intro: string[];
  private readonly stops: Stop[];
  private next = 0;
  /** The prediction and what was shown, after a reveal. */
  private revealed: { prediction: string; view: StepView | undefined } | undefined;

  constructor(
    private readonly panel: HTMLElement,
    private readonly scenario: Scenario,
    private readonly host: LessonHost,
  ) {
    ({ intro: this.intro, stops: this.stops } = stopsOf(scenario));
    panel.hidden = false;
    this.render();
  }

  close(): void {
    this.panel.hidden = true;
    this.panel.replaceChildren();
  }

  /** Run the next command without a prediction. */
  step(): void {
    if (this.next >= this.stops.length) return;
    this.reveal('');
  }

  /** Run every command left. */
  finish(): void {
    while (this.next < this.stops.length) this.reveal('');
    this.render();
  }

  private reveal(prediction: string): void {
    const stop = this.stops[this.next++];
    this.revealed = { prediction, view: this.host.run(stop.step.command) };
  }

  private render(): void {
    const s = this.scenario;
    const title = el('h2', {}, s.title ?? s.file);
    const body: Node[] = [title];
    const done = this.revealed;
    if (done?.view) {
      if (done.prediction.trim() !== '') {
        const shown = done.view.output.join('\n');
        const same = lines(done.prediction) === lines(shown);
        body.push(el('p', { className: `verdict ${same ? 'same' : 'differs'}` }, same ? 'Your prediction is what Docker prints.' : 'Docker prints something else (in the terminal): compare it with your prediction.'));
      }
      if (done.view.notes.length > 0) body.push(el('p', { className: 'story' }, done.view.notes.join('\n')));
    } else if (this.next === 0 && this.intro.length > 0) body.push(el('p', { className: 'story' }, this.intro.join('\n')));
    if (this.next < this.stops.length) {
      const stop = this.stops[this.next];
      if (stop.story.length > 0) body.push(el('p', { className: 'story' }, stop.story.join('\n')));
      body.push(el('div', {}, `Command ${this.next + 1} of ${this.stops.length}:`));
      body.push(el('pre', { className: 'next' }, stop.step.command.split('\n').map((l, i) => (i === 0 ? '$ ' : '> ') + l).join('\n')));
      for (const q of stop.questions) body.push(el('p', { className: 'question' }, q));
      const guess = el('textarea', { rows: 3, placeholder: 'Your prediction: what will it print? (optional)', id: 'prediction' });
      const reveal = el('button', { id: 'reveal', textContent: 'run it and reveal' });
      reveal.addEventListener('click', () => {
        this.reveal(guess.value);
        this.render();
      });
      const rest = el('button', { id: 'run-rest', textContent: 'run the rest' });
      rest.addEventListener('click', () => this.finish());
      const quit = el('button', { textContent: 'close the lesson' });
      quit.addEventListener('click', () => this.close());
      body.push(guess, el('div', { className: 'buttons' }, reveal, rest, quit));
    } else {
      const quit = el('button', { textContent: 'close the lesson' });
      quit.addEventListener('click', () => this.close());
      body.push(el('p', {}, 'The end of the lesson: go on typing commands in the terminal, or export the session.'), el('div', { className: 'buttons' }, quit));
    }
    this.panel.replaceChildren(...body);
  }
}
