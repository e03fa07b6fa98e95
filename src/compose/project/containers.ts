// How compose finds what belongs to a project: by labels on the daemon's objects (pkg/api/labels.go,
// pkg/compose/containers.go), never by remembering. So `down -v` works without the compose file,
// and a volume made by hand under the same name is not the project's.

import { refuseIfUnfollowed } from '../../container/unfollowed.ts';
import type { Container, EngineState, Volume } from '../../engine/state.ts';
import { tableValues } from '../../engine/table.ts';
import { containersWhere } from '../../container/registry.ts';

export const LABEL = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  version: 'com.docker.compose.version',
  oneoff: 'com.docker.compose.oneoff',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  configHash: 'com.docker.compose.config-hash',
  number: 'com.docker.compose.container-number',
  dependsOn: 'com.docker.compose.depends_on',
  image: 'com.docker.compose.image',
  replace: 'com.docker.compose.replace',
  volume: 'com.docker.compose.volume',
  network: 'com.docker.compose.network',
  slug: 'com.docker.compose.slug',
};

/** The compose version stamped on every object (api.ComposeVersion). */
export const COMPOSE_VERSION = '2.26.1';

export type OneOff = 'include' | 'exclude' | 'only';

/** getContainers: the project's containers (all states), in creation order. */
export function projectContainers(st: EngineState, project: string, oneoff: OneOff, services: string[] = [], opts: { unfollowed?: 'allow' } = {}): Container[] {
  // through the draft: compose starts, stops and removes them
  const found = containersWhere(st, (c) => {
    const l = c.config.Labels;
    if (l[LABEL.project] !== project) return false;
    if (oneoff === 'exclude' && l[LABEL.oneoff] === 'True') return false;
    if (oneoff === 'only' && l[LABEL.oneoff] !== 'True') return false;
    return services.length === 0 || services.includes(l[LABEL.service] ?? '');
  });
  // a container the daemon keeps restarting shows a state that depends on timing
  // (container/restart.ts); `down` stops and removes it all the same
  if (opts.unfollowed !== 'allow') for (const c of found) refuseIfUnfollowed(c);
  return found;
}

export function serviceOf(c: Container): string {
  return c.config.Labels[LABEL.service] ?? '';
}

export function isOneOff(c: Container): boolean {
  return c.config.Labels[LABEL.oneoff] === 'True';
}

export function containerNumber(c: Container): number {
  return Number(c.config.Labels[LABEL.number] ?? '0');
}

/** Containers sorted as compose lists them (Containers.sorted: by name). */
export function byName(cs: Container[]): Container[] {
  return [...cs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The services of these containers in dependency order (dependencies first, then by name), the
 * dependencies read back from each container's depends_on label as getProjectWithResources does
 * when the compose files are not read.
 */
export function servicesInDependencyOrder(cs: Container[]): string[] {
  const deps = new Map<string, string[]>();
  for (const c of cs) {
    const label = c.config.Labels[LABEL.dependsOn] ?? '';
    const list = label === '' ? [] : label.split(',').map((d) => d.split(':')[0]);
    deps.set(serviceOf(c), [...(deps.get(serviceOf(c)) ?? []), ...list]);
  }
  const out: string[] = [];
  const visit = (n: string, seen: Set<string>): void => {
    if (out.includes(n) || seen.has(n) || !deps.has(n)) return;
    seen.add(n);
    for (const d of [...(deps.get(n) ?? [])].sort()) visit(d, seen);
    out.push(n);
  };
  for (const n of [...deps.keys()].sort()) visit(n, new Set());
  return out;
}

/** A service's depends_on conditions read back from its containers' label (`db:service_healthy:false,...`). */
export function labelledConditions(cs: Container[], service: string): Record<string, { condition: string }> {
  const out: Record<string, { condition: string }> = {};
  for (const c of cs) {
    if (serviceOf(c) !== service) continue;
    const label = c.config.Labels[LABEL.dependsOn] ?? '';
    for (const d of label === '' ? [] : label.split(',')) {
      const [dep, condition] = d.split(':');
      out[dep] = { condition: condition ?? 'service_started' };
    }
  }
  return out;
}

/** The volumes labelled with the project. */
export function projectVolumes(st: EngineState, project: string): Volume[] {
  return tableValues(st.volumes).filter((v) => v.labels?.[LABEL.project] === project);
}

/** `Container demo-app-1`, the progress ID of a container. */
export function progressName(c: Container): string {
  return `Container ${c.name}`;
}
