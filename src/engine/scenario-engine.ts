// Adapts the pure engine to the scenario replayer: one state threaded through the commands,
// plus the IDs the normalizer may number (only objects that exist, as the recorder sees them).

import type { ScenarioEngine } from '../scenario/replay.ts';
import { produce } from 'immer';
import { execute, HOST_CWD, initialState, type EngineOptions } from './engine.ts';
import { loadStandIns } from '../image/pull.ts';
import { PROFILES } from './profile.ts';
import type { EngineEvent } from './events.ts';
import type { EngineState } from './state.ts';

export class SimulatedDocker implements ScenarioEngine {
  readonly pwd = HOST_CWD;
  readonly dataRoot = '/var/lib/docker';
  state: EngineState;
  readonly events: EngineEvent[] = [];
  /** The events of each run, in order (for explanations per command). */
  readonly eventsByRun: EngineEvent[][] = [];

  constructor(opts: EngineOptions = {}) {
    this.state = initialState(opts);
  }

  run(command: string): { output: string; exitCode: number } {
    const r = execute(this.state, command);
    this.state = r.state;
    this.events.push(...r.events);
    this.eventsByRun.push(r.events);
    return { output: r.output, exitCode: r.exitCode };
  }

  loadImages(refs: string[]): string[] {
    let missing: string[] = [];
    this.state = produce(this.state, (st) => {
      missing = loadStandIns(st, PROFILES[st.engine], refs);
    });
    return missing;
  }

  /** The last answer of knownIds and the parts of the state it was read from. */
  private known?: { from: [unknown, unknown, unknown]; ids: { ids: Set<string>; imageIds: Set<string> } };

  knownIds(): { ids: Set<string>; imageIds: Set<string> } {
    // asked after every command: most commands change no container, image or volume, and then
    // (immer keeps unchanged parts of the state as the same objects) the last answer stands, the
    // same object, so that the replay can skip it too (no rescan of thousands of objects)
    const from: [unknown, unknown, unknown] = [this.state.containers, this.state.images, this.state.volumes.order];
    if (this.known !== undefined && this.known.from.every((x, i) => x === from[i])) return this.known.ids;
    const ids = new Set<string>();
    const imageIds = new Set<string>(Object.keys(this.state.images));
    for (const c of Object.values(this.state.containers)) {
      ids.add(c.id);
      ids.add(c.layerId);
    }
    // the length test spares the regex for named volumes
    for (const chunk of this.state.volumes.order) for (const v of chunk) if (v.length === 64 && /^[0-9a-f]{64}$/.test(v)) ids.add(v);
    this.known = { from, ids: { ids, imageIds } };
    return this.known.ids;
  }
}
