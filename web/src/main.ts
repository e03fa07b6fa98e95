// The playground page: strata's engine running in the browser. The terminal runs each command
// on a StepwiseSession (the library's session typed one command at a time); after every command
// the page redraws the transcript, the storage diagram of the selected step (the last by default)
// and the explanation of that step's data events, all from the library (src/index.ts).

import scenarios from 'strata:scenarios';
import {
  DEFAULT_ENGINE,
  lessonQuiz,
  parseScenario,
  ScenarioSyntaxError,
  StepwiseSession,
  UnknownImageError,
  type EngineName,
  type IdSpelling,
  type Scenario,
  type StepView,
  type StepwiseView,
} from '../../src/index.ts';
import { Lesson } from './lesson.ts';
import { decodeSession, encodeSession, type SharedSession } from './share.ts';
import { Terminal } from './terminal.ts';

const $ = <T extends HTMLElement>(id: string): T => {
  const e = document.getElementById(id);
  if (!e) throw new Error(`the page has no #${id}`);
  return e as T;
};

class Playground {
  private session: StepwiseSession;
  private ids: IdSpelling = 'docker';
  /** The step the diagram and the explanation show; null: the last. */
  private selected: number | null = null;
  private steps: StepView[] = [];
  private summary: string[] = [];
  private viewCache: { key: { session: StepwiseSession; length: number; ids: IdSpelling }; view: StepwiseView } | undefined;
  private lesson: { lesson: Lesson; text: string; file: string } | undefined;
  private readonly terminal: Terminal;
  private readonly engineSelect = $<HTMLSelectElement>('engine');
  private readonly idsSelect = $<HTMLSelectElement>('ids');

  constructor() {
    this.session = new StepwiseSession({ engine: DEFAULT_ENGINE });
    this.terminal = new Terminal($('terminal'), $('transcript'), $<HTMLTextAreaElement>('cmd'), $('gutter'), {
      run: (command) => {
        this.run(command);
      },
      select: (step) => this.select(step),
    });
    this.wire();
  }

  private wire(): void {
    this.engineSelect.addEventListener('change', () => {
      // the same commands, replayed on the other engine: compare what each prints
      this.restart({ engine: this.engineSelect.value as EngineName, images: [...this.session.images], commands: this.session.commands, title: this.session.title });
      // a lesson goes on where it was, its answers found again on this engine
      const l = this.lesson;
      if (l) l.lesson.regrade(lessonQuiz(l.text, { file: l.file, engine: this.session.engine }));
      this.say(`The commands were run again on ${this.session.engine}.`, 'info');
    });
    this.idsSelect.addEventListener('change', () => {
      this.ids = this.idsSelect.value as IdSpelling;
      this.render();
    });
    const lessons = $<HTMLSelectElement>('lesson');
    for (const s of scenarios) {
      const title = /^# title: (.*)$/m.exec(s.text)?.[1] ?? s.path;
      lessons.append(Object.assign(document.createElement('option'), { value: s.path, textContent: `${s.path.split('/')[0]}: ${title}` }));
    }
    lessons.addEventListener('change', () => {
      const s = scenarios.find((x) => x.path === lessons.value);
      if (s) this.open(s.text, s.path);
      lessons.value = '';
    });
    const file = $<HTMLInputElement>('file');
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) void f.text().then((t) => this.open(t, f.name));
      file.value = '';
    });
    document.addEventListener('dragover', (e) => {
      e.preventDefault();
      document.body.classList.add('dragging');
    });
    document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
    document.addEventListener('drop', (e) => {
      e.preventDefault();
      document.body.classList.remove('dragging');
      const f = e.dataTransfer?.files[0];
      if (f) void f.text().then((t) => this.open(t, f.name));
    });
    $('export').addEventListener('click', () => this.export());
    $('share').addEventListener('click', () => this.share());
    $('reset').addEventListener('click', () => {
      this.closeLesson();
      this.restart({ engine: this.session.engine, images: [], commands: [] });
      this.say('');
    });
    $('prev').addEventListener('click', () => this.select(Math.max(0, this.shownStep() - 1)));
    $('next').addEventListener('click', () => this.select(Math.min(this.steps.length, this.shownStep() + 1)));
    window.addEventListener('hashchange', () => this.fromLink());
  }

  /** Start from the link's session, if the page was opened with one. */
  start(): void {
    this.fromLink();
    this.render();
    this.terminal.focus();
  }

  private fromLink(): void {
    try {
      const shared = decodeSession(location.hash);
      if (!shared) return;
      this.closeLesson();
      const l = shared.lesson;
      if (l) {
        // the lesson first (it sets the images), then the commands run so far, then its position
        if (!this.open(l.text, l.file, shared.engine)) return;
        this.restart(shared);
        this.lesson?.lesson.skipTo(l.at);
      } else this.restart(shared);
      for (const c of shared.commands) this.terminal.remember(c);
      this.say(`This link opened a session of ${shared.commands.length} command${shared.commands.length === 1 ? '' : 's'} on ${shared.engine}.`, 'info');
    } catch (e) {
      this.say((e as Error).message);
    }
  }

  /** A new session on `s.engine` with `s.images`, running `s.commands`. */
  private restart(s: SharedSession): void {
    try {
      this.session = new StepwiseSession({ engine: s.engine, images: s.images, title: s.title });
    } catch (e) {
      if (!(e instanceof UnknownImageError)) throw e;
      this.say(e.message);
      this.session = new StepwiseSession({ engine: s.engine, title: s.title });
    }
    this.engineSelect.value = this.session.engine;
    for (const c of s.commands) {
      try {
        this.session.run(c);
      } catch (e) {
        this.say(`strata failed on the command "${c.split('\n')[0]}" (a bug in strata): ${(e as Error).message}`);
      }
    }
    this.selected = null;
    this.render();
  }

  /** Run one command (typed, or a lesson's); its view as the terminal shows it. */
  run(command: string): StepView | undefined {
    try {
      this.session.run(command);
    } catch (e) {
      // a bug in strata, not Docker's answer: say so, and leave the session as it was before
      this.say(`strata failed on this command (a bug in strata; the session is as before it): ${(e as Error).message}`);
      return undefined;
    }
    this.selected = null;
    this.render();
    return this.steps[this.steps.length - 1];
  }

  /** Open a scenario (bundled, chosen or dropped) as a lesson to step through. */
  private open(text: string, file: string, engine?: EngineName): boolean {
    let s: Scenario;
    let quiz: ReturnType<typeof lessonQuiz>;
    try {
      s = parseScenario(text, file);
      quiz = lessonQuiz(text, { file, engine });
    } catch (e) {
      if (e instanceof ScenarioSyntaxError) {
        this.say(e.message);
        return false;
      }
      throw e;
    }
    this.closeLesson();
    this.restart({ engine: quiz.engine, images: s.images.map((i) => i.ref), commands: [], title: s.title });
    this.lesson = { lesson: new Lesson($('lesson-panel'), s, quiz, { run: (c) => this.run(c) }), text, file };
    this.say('');
    return true;
  }

  private closeLesson(): void {
    this.lesson?.lesson.close();
    this.lesson = undefined;
  }

  private select(step: number): void {
    this.selected = step >= this.steps.length ? null : step;
    this.render();
  }

  private shownStep(): number {
    return this.selected ?? this.steps.length;
  }

  private render(): void {
    // explaining every command again is needless when only the selected step changed
    const key = { session: this.session, length: this.session.length, ids: this.ids };
    const c = this.viewCache;
    const view = c && c.key.session === key.session && c.key.length === key.length && c.key.ids === key.ids ? c.view : this.session.view(this.ids);
    this.viewCache = { key, view };
    this.steps = view.steps;
    this.summary = view.summary;
    const shown = this.shownStep();
    this.terminal.render(this.steps, shown);
    $('diagram').innerHTML = this.session.diagramSvg(shown);
    $('step-label').textContent = shown === 0 ? 'before the first command' : `after command ${shown} of ${this.steps.length}`;
    $<HTMLButtonElement>('prev').disabled = shown === 0;
    $<HTMLButtonElement>('next').disabled = shown >= this.steps.length;
    this.explain(shown);
  }

  /** The notes of the shown step, and the summary after the last one. */
  private explain(shown: number): void {
    const box = $('explain');
    const parts: Node[] = [];
    const step = this.steps[shown - 1];
    const h = document.createElement('h2');
    if (step) {
      const code = document.createElement('code');
      code.textContent = step.command.split('\n')[0] + (step.command.includes('\n') ? ' …' : '');
      h.append(`What command ${step.step} did to data: `, code);
    } else h.textContent = 'Type a docker command in the terminal: what it does to data shows here.';
    parts.push(h);
    if (step) {
      const ul = document.createElement('ul');
      for (const n of step.notes) ul.append(Object.assign(document.createElement('li'), { textContent: n }));
      parts.push(step.notes.length > 0 ? ul : Object.assign(document.createElement('p'), { className: 'none', textContent: 'Nothing: no data was created, copied, hidden or destroyed.' }));
    }
    if (this.steps.length > 0 && this.summary.length > 0) {
      const d = document.createElement('details');
      d.append(Object.assign(document.createElement('summary'), { textContent: 'Where the data is after the last command' }));
      const ul = document.createElement('ul');
      for (const n of this.summary) ul.append(Object.assign(document.createElement('li'), { textContent: n }));
      d.append(ul);
      parts.push(d);
    }
    box.replaceChildren(...parts);
  }

  private export(): void {
    const t = this.session.transcript();
    const blob = new Blob([t.text], { type: 'text/plain' });
    const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: 'playground.scenario' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    this.say(t.problem ? `Exported, but the file will not check as it is: ${t.problem}` : 'Exported as playground.scenario (strata check replays it).', t.problem ? 'warn' : 'info');
  }

  private share(): void {
    const l = this.lesson;
    const lesson = l && !l.lesson.isClosed ? { text: l.text, file: l.file, at: l.lesson.position } : undefined;
    const hash = encodeSession({ engine: this.session.engine, images: [...this.session.images], commands: this.session.commands, title: this.session.title, lesson });
    const url = location.href.replace(/#.*$/, '') + hash;
    const field = $<HTMLInputElement>('share-url');
    field.value = url;
    field.hidden = false;
    field.select();
    history.replaceState(null, '', hash);
    if (!navigator.clipboard) {
      this.say('The link to this session is in the address bar and in the field above.', 'info');
      return;
    }
    void navigator.clipboard.writeText(url).then(
      () => this.say('The link to this session is copied (and in the address bar).', 'info'),
      () => this.say('The link to this session is in the address bar and in the field above.', 'info'),
    );
  }

  private say(text: string, kind: 'warn' | 'info' = 'warn'): void {
    const s = $('status');
    s.textContent = text;
    s.className = kind;
  }
}

const page = new Playground();
page.start();
