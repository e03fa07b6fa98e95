// The terminal pane: the transcript so far (each command with its prompt lines and its output as
// Docker prints it) and the command line being typed. Enter runs the command unless bash would
// ask for another line (an open here-document or quote: needsMoreInput), in which case the line
// continues with a `>` prompt as in bash; ↑ and ↓ walk the history of whole commands.

import { needsMoreInput, type StepView } from '../../src/index.ts';

export interface TerminalEvents {
  run(command: string): void;
  select(step: number): void;
}

/** Lines strata prints when it refuses a command (never printed by Docker). */
const isRefusal = (line: string): boolean => line.startsWith('strata: ') || line.includes('strata does not simulate');

export class Terminal {
  private readonly history: string[] = [];
  /** Where ↑/↓ stand in the history (history.length: the line being typed). */
  private cursor = 0;
  /** What was typed before ↑ was first pressed, given back by ↓ past the newest entry. */
  private draft = '';

  constructor(
    private readonly pane: HTMLElement,
    private readonly transcript: HTMLElement,
    private readonly input: HTMLTextAreaElement,
    private readonly gutter: HTMLElement,
    private readonly on: TerminalEvents,
  ) {
    input.addEventListener('keydown', (e) => this.key(e));
    input.addEventListener('input', () => this.fit());
    pane.addEventListener('click', (e) => {
      const step = (e.target as HTMLElement).closest<HTMLElement>('.step');
      if (step?.dataset.step) on.select(Number(step.dataset.step));
      else if (window.getSelection()?.isCollapsed !== false) input.focus();
    });
  }

  focus(): void {
    this.input.focus();
  }

  /** Commands run earlier (from a link or a lesson) join the history. */
  remember(command: string): void {
    if (this.history.at(-1) !== command) this.history.push(command);
    this.cursor = this.history.length;
  }

  /** Show `steps` (the whole session); `selected` is the step the diagram shows. */
  render(steps: readonly StepView[], selected: number): void {
    const frag = document.createDocumentFragment();
    for (const s of steps) {
      const div = document.createElement('div');
      div.className = 'step' + (s.step === selected ? ' selected' : '');
      div.dataset.step = String(s.step);
      s.command.split('\n').forEach((line, i) => {
        const pre = document.createElement('pre');
        pre.className = 'cmd';
        const ps = document.createElement('span');
        ps.className = 'ps';
        ps.textContent = i === 0 ? '$ ' : '> ';
        pre.append(ps, line);
        div.append(pre);
      });
      if (s.output.length > 0) {
        const out = document.createElement('pre');
        out.className = 'out' + (s.output.some(isRefusal) ? ' refused' : '');
        out.textContent = s.output.join('\n');
        div.append(out);
      }
      if (s.exitCode !== 0) {
        const exit = document.createElement('pre');
        exit.className = 'exit';
        exit.textContent = `[exit ${s.exitCode}]`;
        div.append(exit);
      }
      frag.append(div);
    }
    this.transcript.replaceChildren(frag);
    this.pane.scrollTop = this.pane.scrollHeight;
  }

  private key(e: KeyboardEvent): void {
    const el = this.input;
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      const text = el.value;
      if (text.trim() === '') return;
      if (needsMoreInput(text)) {
        // bash's PS2: the command goes on on the next line
        el.setRangeText('\n', el.value.length, el.value.length, 'end');
        this.fit();
        return;
      }
      el.value = '';
      this.draft = '';
      this.fit();
      this.remember(text);
      this.on.run(text);
      return;
    }
    const before = el.value.slice(0, el.selectionStart);
    const after = el.value.slice(el.selectionEnd);
    if (e.key === 'ArrowUp' && !before.includes('\n') && this.cursor > 0) {
      e.preventDefault();
      if (this.cursor === this.history.length) this.draft = el.value;
      this.show(this.history[--this.cursor]);
    } else if (e.key === 'ArrowDown' && !after.includes('\n') && this.cursor < this.history.length) {
      e.preventDefault();
      this.cursor++;
      this.show(this.cursor === this.history.length ? this.draft : this.history[this.cursor]);
    } else if (e.key === 'c' && e.ctrlKey && el.selectionStart === el.selectionEnd) {
      // ^C: drop the line being typed, as a shell does
      e.preventDefault();
      el.value = '';
      this.cursor = this.history.length;
      this.fit();
    }
  }

  private show(text: string): void {
    this.input.value = text;
    this.input.setSelectionRange(text.length, text.length);
    this.fit();
  }

  /** One prompt per line (`$`, then `>`), and a text area as tall as its text. */
  private fit(): void {
    const lines = this.input.value.split('\n').length;
    this.gutter.textContent = ['$', ...Array.from({ length: lines - 1 }, () => '>')].join('\n');
    this.input.rows = lines;
    // a long line wraps: as tall as the text, not as its count of lines
    this.input.style.height = 'auto';
    this.input.style.height = `${this.input.scrollHeight}px`;
    this.pane.scrollTop = this.pane.scrollHeight;
  }
}
