// Replaying real scenarios once and building the diagram of any step from the states kept.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../../../src/scenario/parse.ts';
import { commandSteps } from '../../../src/scenario/model.ts';
import { SimulatedDocker } from '../../../src/engine/scenario-engine.ts';
import { buildDiagram, type Diagram, type Snapshot } from '../../../src/explain/diagram/model.ts';
import type { EngineState } from '../../../src/engine/state.ts';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

export const REAL_SCENARIOS = [
  'scenarios/walkthroughs/postgres-named-volume.scenario',
  'scenarios/walkthroughs/mysql-data-gone.scenario',
  'scenarios/walkthroughs/php-nginx-volumes-from.scenario',
  'scenarios/walkthroughs/nginx-logs-volume.scenario',
  'scenarios/walkthroughs/backup-restore-tar.scenario',
  'scenarios/lessons/anonymous-volume-orphaned.scenario',
  'scenarios/lessons/build-context-copy.scenario',
  'scenarios/lessons/commit-tag-rmi.scenario',
  'scenarios/lessons/copy-up-whiteout-opaque.scenario',
  'scenarios/lessons/exec-logs-restart.scenario',
  'scenarios/lessons/rename-across-layers.scenario',
  'scenarios/lessons/symlinks-stay-inside.scenario',
  'test/recorded/docker-26.1/catalog/postgres-16-named-volume-survives.scenario',
];

export interface Replayed {
  title: string;
  steps: number;
  /** The diagram after `step` commands (default: all). */
  at(step?: number): Diagram;
}

const cache = new Map<string, Replayed>();

/** Replay a scenario of the repository once; diagrams of every step come from the kept states. */
export function replayed(rel: string): Replayed {
  const hit = cache.get(rel);
  if (hit) return hit;
  const s = parseScenario(readFileSync(join(ROOT, rel), 'utf8'), rel);
  // (`# busybox: oracle`: the oracle's busybox:latest, as strata check replays it)
  const docker = new SimulatedDocker({ engine: s.engine, ...(s.oracleBusybox ? { oracleBase: true } : {}) });
  if (s.images.length > 0) docker.loadImages(s.images.map((i) => i.ref));
  const initial: EngineState = docker.state;
  const snapshots: Snapshot[] = [];
  for (const step of commandSteps(s)) {
    docker.run(step.command);
    snapshots.push({ command: step.command, state: docker.state, events: docker.eventsByRun.at(-1) ?? [] });
  }
  const r: Replayed = {
    title: s.title ?? rel,
    steps: snapshots.length,
    at: (step = snapshots.length) => buildDiagram(initial, snapshots.slice(0, step), snapshots.length),
  };
  cache.set(rel, r);
  return r;
}
