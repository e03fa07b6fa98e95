// `strata shell`: a session typed one command at a time, as on a real host. Each command runs on
// the simulated engine and is answered with what Docker prints and, below it, what happened to
// the data (the notes of `strata explain`). Colon commands look at the session: `:where`,
// `:diagram`, `:undo`, `:engine`, and `:save` turns it into a page or a scenario that replays it.
//
// The lines are one terminal, as a page's are: `cd app`, `export X=1` or a function hold for the
// lines after (the shell each line leaves is kept with it). A scenario runs each line in a shell
// of its own (as the recorder does), so `:save` writes one only when every line prints the same
// that way; otherwise it says to save a page.
//
// Pure: the session is the list of commands with the engine state (and the terminal's shell)
// before and after each (the engine is pure, so `:undo` is dropping the last one and `:engine` is
// replaying them all on another profile). The CLI (src/cli/shell.ts) reads lines and writes files.

import { execute, HOST_CWD, initialState } from '../engine/engine.ts';
import { DEFAULT_ENGINE, isEngineName, type EngineName } from '../engine/profile.ts';
import type { EngineState } from '../engine/state.ts';
import { parseScenario } from '../scenario/parse.ts';
import { splitOutput } from '../scenario/normalize.ts';
import { replayScenario, type ScenarioEngine } from '../scenario/replay.ts';
import { renderCommand, ScenarioOutputError, ScenarioRefusalError, strataMessage, updateScenario } from '../scenario/render.ts';
import { checkPage as checkPageSession, unwritablePage } from '../pages/session.ts';
import type { TerminalState } from '../shell/types.ts';
import type { CommandStep, Scenario } from '../scenario/model.ts';
import { formatDaemonFlags, type DaemonConfig } from '../daemon/config.ts';
import { SimulatedDocker } from '../engine/scenario-engine.ts';
import { buildDiagram } from './diagram/model.ts';
import { renderText } from './diagram/text.ts';
import { explainSteps } from './explain.ts';
import type { Session, SessionStep } from './session.ts';
import { line, type Styled } from './styled.ts';
import { where, WhereError } from './where.ts';
import { containerList } from '../container/registry.ts';

export const SHELL_HELP = [
  'Type docker and shell commands as on a host. strata prints what Docker prints and, below it, what happened to the data.',
  '  :where [CONTAINER:]PATH   what provides PATH in the container (the last one made, if none is named)',
  '  :diagram                  the storage now: containers, layers, volumes, binds, tmpfs',
  '  :undo                     take back the last command',
  '  :engine [NAME]            the engine simulated; with a name, replay the session on it (docker-20.10, docker-26.1)',
  '  :save FILE.md|.scenario   the session as a page (one terminal) or a scenario, outputs filled',
  '  :help                     this text;  :quit (or end of input) leaves',
];

/** What a line typed into the shell does. */
export type ShellReply =
  | { kind: 'lines'; lines: Styled[] }
  /** `:save FILE`: the CLI writes `text` to `file`. */
  | { kind: 'save'; file: string; text: string; lines: Styled[] }
  | { kind: 'quit' };

export class ShellSession {
  private steps: SessionStep[] = [];
  /** What each step left in the terminal's shell (cwd, variables, functions), beside steps. */
  private left: (TerminalState | undefined)[] = [];
  private initial: EngineState;

  constructor(
    private engineName: EngineName = DEFAULT_ENGINE,
    /** The daemon's flags (daemon/config.ts); undefined: a normal install. */
    private readonly daemon?: DaemonConfig,
  ) {
    this.initial = initialState({ engine: engineName, daemon });
  }

  get engine(): EngineName {
    return this.engineName;
  }

  get commands(): string[] {
    return this.steps.map((s) => s.command);
  }

  private get state(): EngineState {
    return this.steps.at(-1)?.after ?? this.initial;
  }

  /** The session as explain sees it: IDs as Docker prints them (a host shows no placeholders). */
  session(): Session {
    return this.sessionOf(this.steps);
  }

  private sessionOf(steps: SessionStep[]): Session {
    const commands: CommandStep[] = steps.map((s) => ({ kind: 'command', line: s.line, source: renderCommand(s.command), command: s.command, output: s.output, exitCode: s.exitCode }));
    const scenario: Scenario = { file: '<shell>', header: [], tags: [], engine: this.engineName, images: [], steps: commands, finalNewline: true };
    return { file: '<shell>', scenario, engine: this.engineName, ids: 'docker', initial: this.initial, steps, placeholders: new Map(), printed: steps.map((s) => s.rawOutput).join('\n'), pwd: HOST_CWD };
  }

  /** The session's commands run again, each in a shell of its own (as a scenario runs them). */
  private inFreshShells(): SessionStep[] {
    const out: SessionStep[] = [];
    let st = this.initial;
    for (const s of this.steps) {
      const r = execute(st, s.command);
      out.push({ ...s, output: splitOutput(r.output), rawOutput: r.output, exitCode: r.exitCode, before: st, after: r.state, events: r.events });
      st = r.state;
    }
    return out;
  }

  /** Run one command line; its output and the notes on it. */
  run(command: string): Styled[] {
    const before = this.state;
    const r = execute(before, command, { left: this.left.at(-1) });
    const k = this.steps.length;
    this.left.push(r.terminal);
    this.steps.push({ step: k + 1, line: k + 1, command, output: splitOutput(r.output), rawOutput: r.output, exitCode: r.exitCode, before, after: r.state, events: r.events });
    const { explanation } = explainSteps(this.session());
    const notes = explanation.steps[k]?.notes ?? [];
    const out = splitOutput(r.output).map((o) => line(o, 'output'));
    if (r.exitCode !== 0) out.push(line(`[exit ${r.exitCode}]`, 'output'));
    for (const n of notes) out.push(line(`strata: ${n}`, 'note'));
    return out;
  }

  /** A line typed at the prompt (a here-document's body already joined to it). */
  input(text: string): ShellReply {
    const t = text.trim();
    if (t === '') return { kind: 'lines', lines: [] };
    if (!t.startsWith(':')) return { kind: 'lines', lines: this.run(text) };
    const [verb, ...rest] = t.split(/\s+/);
    const arg = rest.join(' ');
    switch (verb) {
      case ':where':
        return { kind: 'lines', lines: this.where(arg) };
      case ':diagram':
        return { kind: 'lines', lines: this.diagram() };
      case ':undo':
        return { kind: 'lines', lines: this.undo() };
      case ':engine':
        return { kind: 'lines', lines: this.switchEngine(arg) };
      case ':save':
        return this.save(arg);
      case ':help':
        return { kind: 'lines', lines: SHELL_HELP.map((h) => line(h, 'plain')) };
      case ':quit':
      case ':exit':
      case ':q':
        return { kind: 'quit' };
      default:
        return { kind: 'lines', lines: [line(`${verb}: unknown shell command (:help lists them)`, 'wrong')] };
    }
  }

  private where(arg: string): Styled[] {
    if (arg === '') return [line(':where needs a path: :where CONTAINER:/PATH or :where /PATH', 'wrong')];
    let container: string;
    let path: string;
    const i = arg.indexOf(':');
    if (i > 0) {
      container = arg.slice(0, i);
      path = arg.slice(i + 1);
    } else {
      // the container made last that still exists
      const cs = containerList(this.state).filter((c) => !c.buildkitStep);
      const last = cs.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0)).at(-1);
      if (!last) return [line('no container exists: run one first, or name one (:where CONTAINER:/PATH)', 'wrong')];
      container = last.name;
      path = arg;
    }
    try {
      return where(this.session(), container, path).notes.map((n) => line(n, 'note'));
    } catch (e) {
      if (e instanceof WhereError) return [line(e.message, 'wrong')];
      throw e;
    }
  }

  private diagram(): Styled[] {
    const d = buildDiagram(
      this.initial,
      this.steps.map((s) => ({ command: s.command, state: s.after, events: s.events })),
      this.steps.length,
    );
    return splitOutput(renderText(d, {})).map((l) => line(l, 'plain'));
  }

  private undo(): Styled[] {
    const last = this.steps.pop();
    if (!last) return [line('nothing to undo', 'wrong')];
    this.left.pop();
    return [line(`undone: ${last.command.split('\n')[0]} (the engine is as it was before it)`, 'plain')];
  }

  private switchEngine(arg: string): Styled[] {
    if (arg === '') return [line(`engine: ${this.engineName}`, 'plain')];
    if (!isEngineName(arg)) return [line(`unknown engine "${arg}" (known: docker-20.10, docker-26.1)`, 'wrong')];
    const old = this.steps;
    this.engineName = arg;
    this.initial = initialState({ engine: arg, daemon: this.daemon });
    this.steps = [];
    this.left = [];
    // the same commands on the other engine: show those whose output or status differs
    const out: Styled[] = [line(`engine: ${arg}; replaying ${old.length} command${old.length === 1 ? '' : 's'}`, 'plain')];
    for (const o of old) {
      const shown = this.run(o.command);
      const now = this.steps[this.steps.length - 1];
      if (now.rawOutput !== o.rawOutput || now.exitCode !== o.exitCode) {
        out.push(line(`differs on ${arg}:`, 'plain'), ...renderCommand(o.command).map((l) => line(l, 'command')), ...shown.filter((l) => l.style === 'output'));
      }
    }
    return out;
  }

  /** The commands as a transcript's command lines (the scenario writer's: `$ `, then `> `). */
  private commandLines(): string {
    return this.commands.map((c) => renderCommand(c).join('\n') + '\n').join('');
  }

  /**
   * The session as a scenario: the commands, with outputs as a replay on this engine prints them
   * (normalized). A scenario runs each line in a shell of its own: a line that prints otherwise
   * there, or whose data goes elsewhere (the notes differ: it needs the `cd` or a variable of a
   * line before it), is a ScenarioStateError.
   */
  scenarioText(): string {
    const fresh = this.inFreshShells();
    const notes = (steps: SessionStep[]): string[] => explainSteps(this.sessionOf(steps)).explanation.steps.map((e) => e.notes.join('\n'));
    const here = notes(this.steps);
    const there = notes(fresh);
    const k = fresh.findIndex((f, i) => f.rawOutput !== this.steps[i].rawOutput || f.exitCode !== this.steps[i].exitCode || there[i] !== here[i]);
    if (k >= 0) throw new ScenarioStateError(k + 1, this.steps[k].command);
    const flags = this.daemon === undefined ? '' : formatDaemonFlags(this.daemon);
    const header = `# title: strata shell session\n# engine: ${this.engineName}\n${flags === '' ? '' : `# daemon: ${flags}\n`}\n`;
    const s = parseScenario(header + this.commandLines(), '<shell>');
    const docker: ScenarioEngine = new SimulatedDocker({ engine: this.engineName, daemon: this.daemon });
    return updateScenario(s, replayScenario(s, docker).results);
  }

  /**
   * The session as a Markdown page: one console block, which replays as one terminal, as the
   * session ran (src/pages/). The outputs are what a check of the page prints; a line a console
   * block cannot hold is an error, as for `strata check --update`.
   */
  pageText(file: string): string {
    const engine = this.engineName === DEFAULT_ENGINE ? '' : `<!-- strata engine=${this.engineName} -->\n\n`;
    const text = `# strata shell session\n\n${engine}\`\`\`console\n${this.commandLines()}\`\`\`\n`;
    const r = checkPageSession(text, file, new SimulatedDocker({ engine: this.engineName, daemon: this.daemon, terminal: true }));
    r.page.commands.forEach((c, k) => {
      const said = strataMessage(r.shown[k]);
      if (said !== undefined) throw new PageSaveError(`command ${k + 1} (${c.command.split('\n')[0]}): ${said}`);
    });
    const unwritable = unwritablePage(r, file);
    if (unwritable !== undefined) throw new PageSaveError(unwritable);
    return r.updated;
  }

  private save(file: string): ShellReply {
    if (file === '') return { kind: 'lines', lines: [line(':save needs a file name: :save FILE.md or :save FILE.scenario', 'wrong')] };
    const page = /\.(md|markdown)$/i.test(file);
    try {
      const text = page ? this.pageText(file) : this.scenarioText();
      // a page has no place for the daemon's flags: say how to check it with them
      const flags = page && this.daemon !== undefined ? formatDaemonFlags(this.daemon) : '';
      return { kind: 'save', file, text, lines: flags === '' ? [] : [line(`the daemon's flags are not in a page: check it with strata check --daemon='${flags}' ${file}`, 'note')] };
    } catch (e) {
      // a command strata refused, or an output the format cannot hold: not a transcript of Docker
      if (e instanceof ScenarioRefusalError || e instanceof ScenarioOutputError || e instanceof PageSaveError) return { kind: 'lines', lines: [line(`not saved: ${e.message}`, 'wrong')] };
      if (e instanceof ScenarioStateError) {
        return {
          kind: 'lines',
          lines: [
            line(`not saved: command ${e.step} (${e.command.split('\n')[0]}) does otherwise in a scenario, which runs each line in a shell of its own (a cd, variable or function of a line before it does not hold there)`, 'wrong'),
            line(`save the session as a page, one terminal as here: :save ${file.replace(/\.scenario$/, '')}.md`, 'wrong'),
          ],
        };
      }
      throw e;
    }
  }
}

/** A session that a scenario cannot hold: `step` (1-based) depends on an earlier line's shell. */
class ScenarioStateError extends Error {
  constructor(
    readonly step: number,
    readonly command: string,
  ) {
    super(`command ${step} depends on the shell of the lines before it`);
    this.name = 'ScenarioStateError';
  }
}

/** A session that a page cannot hold (strata's own message in an output, or a line a console block cannot keep). */
class PageSaveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageSaveError';
  }
}
