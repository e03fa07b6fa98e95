// `strata shell`: a session typed one command at a time, as on a real host. Each command runs on
// the simulated engine and is answered with what Docker prints and, below it, what happened to
// the data (the notes of `strata explain`). Colon commands look at the session: `:where`,
// `:diagram`, `:undo`, `:engine`, and `:save` turns it into a replayable scenario.
//
// Pure: the session is the list of commands with the engine state before and after each (the
// engine is pure, so `:undo` is dropping the last one and `:engine` is replaying them all on
// another profile). The CLI (src/cli/shell.ts) reads lines and writes files.

import { execute, HOST_CWD, initialState } from '../engine/engine.ts';
import { DEFAULT_ENGINE, isEngineName, type EngineName } from '../engine/profile.ts';
import type { EngineState } from '../engine/state.ts';
import { parseScenario } from '../scenario/parse.ts';
import { splitOutput } from '../scenario/normalize.ts';
import { replayScenario, type ScenarioEngine } from '../scenario/replay.ts';
import { ScenarioOutputError, ScenarioRefusalError, updateScenario } from '../scenario/render.ts';
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
  '  :save FILE.scenario       the session as a scenario, outputs filled',
  '  :help                     this text;  :quit (or end of input) leaves',
];

/** What a line typed into the shell does. */
export type ShellReply =
  | { kind: 'lines'; lines: Styled[] }
  /** `:save FILE`: the CLI writes `text` to `file`. */
  | { kind: 'save'; file: string; text: string; lines: Styled[] }
  | { kind: 'quit' };

/** Whether a command line opens a here-document whose body follows on the next lines: its terminator. */
export function hereDocTerminator(command: string): string | undefined {
  let quote: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '\\') i++;
    else if (c === "'" || c === '"') quote = c;
    else if (command.startsWith('<<', i) && command[i + 2] !== '<') {
      const m = /^<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(command.slice(i));
      if (m) return m[2];
    }
  }
  return undefined;
}

export class ShellSession {
  private steps: SessionStep[] = [];
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
    const commands: CommandStep[] = this.steps.map((s) => ({ kind: 'command', line: s.line, source: s.command.split('\n').map((l, i) => (i === 0 ? `$ ${l}` : `> ${l}`)), command: s.command, output: s.output, exitCode: s.exitCode }));
    const scenario: Scenario = { file: '<shell>', header: [], tags: [], engine: this.engineName, images: [], steps: commands, finalNewline: true };
    return { file: '<shell>', scenario, engine: this.engineName, ids: 'docker', initial: this.initial, steps: this.steps, placeholders: new Map(), printed: this.steps.map((s) => s.rawOutput).join('\n'), pwd: HOST_CWD };
  }

  /** Run one command line; its output and the notes on it. */
  run(command: string): Styled[] {
    const before = this.state;
    const r = execute(before, command);
    const k = this.steps.length;
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
    return [line(`undone: ${last.command.split('\n')[0]} (the engine is as it was before it)`, 'plain')];
  }

  private switchEngine(arg: string): Styled[] {
    if (arg === '') return [line(`engine: ${this.engineName}`, 'plain')];
    if (!isEngineName(arg)) return [line(`unknown engine "${arg}" (known: docker-20.10, docker-26.1)`, 'wrong')];
    const old = this.steps;
    this.engineName = arg;
    this.initial = initialState({ engine: arg, daemon: this.daemon });
    this.steps = [];
    // the same commands on the other engine: show those whose output or status differs
    const out: Styled[] = [line(`engine: ${arg}; replaying ${old.length} command${old.length === 1 ? '' : 's'}`, 'plain')];
    for (const o of old) {
      const shown = this.run(o.command);
      const now = this.steps[this.steps.length - 1];
      if (now.rawOutput !== o.rawOutput || now.exitCode !== o.exitCode) {
        out.push(line(`differs on ${arg}:`, 'plain'), ...o.command.split('\n').map((l, i) => line(i === 0 ? `$ ${l}` : `> ${l}`, 'command')), ...shown.filter((l) => l.style === 'output'));
      }
    }
    return out;
  }

  /** The session as a scenario: the commands, with outputs as a replay on this engine prints them (normalized). */
  scenarioText(): string {
    const flags = this.daemon === undefined ? '' : formatDaemonFlags(this.daemon);
    const header = `# title: strata shell session\n# engine: ${this.engineName}\n${flags === '' ? '' : `# daemon: ${flags}\n`}\n`;
    const body = this.commands.map((c) => c.split('\n').map((l, i) => (i === 0 ? `$ ${l}` : `> ${l}`)).join('\n') + '\n').join('');
    const s = parseScenario(header + body, '<shell>');
    const docker: ScenarioEngine = new SimulatedDocker({ engine: this.engineName, daemon: this.daemon });
    return updateScenario(s, replayScenario(s, docker).results);
  }

  private save(file: string): ShellReply {
    if (file === '') return { kind: 'lines', lines: [line(':save needs a file name: :save FILE.scenario', 'wrong')] };
    try {
      return { kind: 'save', file, text: this.scenarioText(), lines: [] };
    } catch (e) {
      // a command strata refused, or an output the format cannot hold: not a transcript of Docker
      if (e instanceof ScenarioRefusalError || e instanceof ScenarioOutputError) return { kind: 'lines', lines: [line(`not saved: ${e.message}`, 'wrong')] };
      throw e;
    }
  }
}
