// Adapts the pure engine to the scenario replayer: one state threaded through the commands,
// plus the IDs the normalizer may number (only objects that exist, as the recorder sees them).

import type { ScenarioEngine } from '../scenario/replay.ts';
import { produce } from 'immer';
import { execute, HOST_CWD, type EngineOptions, type TypedLines } from './engine.ts';
import { sharedInitialState } from './initial-state.ts';
import { loadStandIns } from '../image/pull.ts';
import { PROFILES } from './profile.ts';
import type { EngineEvent } from './events.ts';
import type { TerminalState } from '../shell/types.ts';
import type { Container, EngineState } from './state.ts';
import { tableDiff, tableKeys } from './table.ts';
import type { EngineIds } from '../scenario/replay.ts';
import { containerList } from '../container/registry.ts';
import { DATA_ROOT } from './data-root.ts';

export class SimulatedDocker implements ScenarioEngine {
  readonly pwd = HOST_CWD;
  readonly dataRoot = DATA_ROOT;
  state: EngineState;
  readonly events: EngineEvent[] = [];
  /** The events of each run, in order (for explanations per command). */
  readonly eventsByRun: EngineEvent[][] = [];

  /**
   * A terminal's shell between command lines, when this engine is one session (a Markdown page:
   * `cd app` or `export X=1` hold for the lines after, as in the reader's terminal); undefined
   * for a scenario, whose recorder runs each line in a fresh `bash -c` in its directory.
   */
  private terminal: { left?: TerminalState } | undefined;

  constructor(opts: EngineOptions & { terminal?: boolean } = {}) {
    const { terminal, ...rest } = opts;
    this.state = sharedInitialState(rest);
    if (terminal) this.terminal = {};
  }

  /** `typed`: what the reader types at the terminal during this line (a page's session only). */
  run(command: string, typed?: TypedLines): { output: string; exitCode: number } {
    const r = execute(this.state, command, this.terminal && typed ? { ...this.terminal, typed } : this.terminal);
    this.state = r.state;
    if (this.terminal) this.terminal = { left: r.terminal };
    this.events.push(...r.events);
    this.eventsByRun.push(r.events);
    return { output: r.output, exitCode: r.exitCode };
  }

  loadImages(refs: string[]): string[] {
    const missing: string[] = [];
    this.state = produce(this.state, (st) => {
      missing.push(...loadStandIns(st, PROFILES[st.engine], refs));
    });
    return missing;
  }

  /**
   * The last answer of knownIds, the parts of the state it was read from, and its sets (grown in
   * place). `holders` counts the objects that hold each ID: one ID can come from two (a volume
   * named after a container's ID), and it stays known until the last of them goes.
   */
  private known?: {
    from: Pick<EngineState, 'containers' | 'images' | 'volumes'>;
    answer: EngineIds;
    ids: Set<string>;
    holders: Map<string, number>;
    imageIds: Set<string>;
  };

  /**
   * Asked after every command. Most commands change no container, image or volume, and then
   * (immer keeps unchanged parts of the state as the same objects) the last answer stands, the
   * same object, so that the replay skips it too. Otherwise only the buckets of the tables that
   * changed are compared (engine/table.ts tableDiff), and the answer says what it adds: with
   * thousands of objects kept, a rescan of all of them at every command was most of its cost.
   * The answer's sets are the engine's own, updated in place by the next call.
   */
  knownIds(): EngineIds {
    const st = this.state;
    const k = this.known;
    if (k === undefined) {
      const ids = new Set<string>();
      const holders = new Map<string, number>();
      for (const c of containerList(st)) for (const id of containerIds(c)) hold(ids, holders, id);
      for (const v of tableKeys(st.volumes)) if (isAnonymousName(v)) hold(ids, holders, v);
      const imageIds = new Set(tableKeys(st.images));
      this.known = { from: st, answer: { ids, imageIds }, ids, holders, imageIds };
      return this.known.answer;
    }
    const { from, ids, holders, imageIds } = k;
    if (from.containers === st.containers && from.volumes === st.volumes && from.images === st.images) return k.answer;
    const added: string[] = [];
    const addedImages: string[] = [];
    const add = (id: string): void => {
      if (hold(ids, holders, id)) added.push(id);
    };
    tableDiff(
      from.containers,
      st.containers,
      (c) => {
        for (const id of containerIds(c)) release(ids, holders, id);
      },
      (c) => {
        for (const id of containerIds(c)) add(id);
      },
    );
    tableDiff(
      from.volumes,
      st.volumes,
      (v) => {
        if (isAnonymousName(v.name)) release(ids, holders, v.name);
      },
      (v) => {
        if (isAnonymousName(v.name)) add(v.name);
      },
    );
    tableDiff(
      from.images,
      st.images,
      (i) => imageIds.delete(i.id),
      (i) => {
        imageIds.add(i.id);
        addedImages.push(i.id);
      },
    );
    this.known = { from: st, answer: { ids, imageIds, added: { since: k.answer, ids: added, imageIds: addedImages } }, ids, holders, imageIds };
    return this.known.answer;
  }
}

/** One more object holds `id`; true when it is new to `ids`. */
function hold(ids: Set<string>, holders: Map<string, number>, id: string): boolean {
  const n = holders.get(id) ?? 0;
  holders.set(id, n + 1);
  if (n > 0) return false;
  ids.add(id);
  return true;
}

/** One object fewer holds `id`; it leaves `ids` with the last. */
function release(ids: Set<string>, holders: Map<string, number>, id: string): void {
  const n = holders.get(id) ?? 0;
  if (n > 1) holders.set(id, n - 1);
  else {
    holders.delete(id);
    ids.delete(id);
  }
}

/** The IDs a container makes known: its own and its writable layer's. */
function containerIds(c: Container): [string, string] {
  return [c.id, c.layerId];
}

/** A 64-hex volume name: an anonymous volume's (the length test spares the regex for named ones). */
function isAnonymousName(name: string): boolean {
  return name.length === 64 && !/[^0-9a-f]/.test(name);
}
