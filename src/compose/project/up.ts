// `docker compose up` and `create` (pkg/compose/create.go, convergence.go, start.go): images,
// then the project's networks and volumes, then each service's containers (created, kept,
// recreated), then started. Where compose works on independent objects in parallel (several
// volumes, several services) the real order of progress lines varies; strata prints one order a
// real run can produce: resources sorted by key, services in dependency order then by name, the
// services that converge side by side (convergence.apply) each with its `Recreate` lines before
// any of their slow stops has ended.

import { refuseIfUnfollowed } from '../../container/unfollowed.ts';
import type { Container } from '../../engine/state.ts';
import type { ComposeRemoval } from '../../engine/events.ts';
import { DaemonError, NetworkError, containerRemove, containerRename, containerStart, containerStopBegin, imageLookup, networkCreate, networkLookup, volumeCreate } from '../../daemon/index.ts';
import { nextId } from '../../engine/ids.ts';
import { containerById } from '../../container/registry.ts';
import { tableGet } from '../../engine/table.ts';
import { imageName, type Project, type ServiceModel } from '../model/project.ts';
import { containerNumber, COMPOSE_VERSION, LABEL, progressName, projectContainers, serviceOf } from './containers.ts';
import { createServiceContainer, resolveNetworkMode, serviceHash } from './create.ts';
import { ComposeError, type ComposeEnv } from './env.ts';
import { buildService, showBuilds } from './build.ts';
import { pullRequiredImages } from './pull.ts';
import { ComposeUnsupported } from '../model/load.ts';
import { stopGraph, walkGraph, type GraphStop, type GraphWork } from './stop.ts';
import { runDueChecks } from '../../container/health-monitor.ts';
import { formatGoDuration } from '../../docker/format/duration.ts';

export interface UpOptions {
  recreate: 'diverged' | 'force' | 'never';
  /** --always-recreate-deps: the dependencies the named services bring are recreated too (dependenciesRecreateStrategy). */
  recreateDeps?: boolean;
  /** --wait: once started, wait until every service's containers run or are healthy. */
  wait?: boolean;
  /** --wait-timeout: the seconds --wait may take (0: no limit). */
  waitTimeout?: number;
  /** -V: new anonymous volumes instead of the old container's. */
  renewAnonVolumes: boolean;
  build: boolean;
  noBuild: boolean;
  removeOrphans: boolean;
  start: boolean;
  services: string[];
  /** Attached `up`: the created containers' lines stay working (create.go HasMore(willAttach)). */
  attach?: boolean;
  /** --quiet-pull: a pull's service lines only, not its layers'. */
  quietPull?: boolean;
  /** --pull never: no pull (missing: the default). */
  pull?: 'missing' | 'never';
  /** -t: the timeout of the stops of recreated, scaled-down and orphan containers (createOptions.GetTimeout). */
  timeout?: number;
}

/** Services in the order compose walks them: dependencies first, then by name. */
export function dependencyOrder(p: Project, names: string[]): string[] {
  const out: string[] = [];
  const visit = (n: string, seen: Set<string>): void => {
    if (out.includes(n) || seen.has(n) || !p.services[n]) return;
    seen.add(n);
    for (const d of Object.keys(p.services[n].depends_on ?? {}).sort()) visit(d, seen);
    out.push(n);
  };
  for (const n of [...names].sort()) visit(n, new Set());
  return out;
}

/**
 * Before it starts a service, compose waits for each dependency whose `depends_on` condition is
 * not `service_started` (pkg/compose/convergence.go waitDependencies at v2.26.1,
 * shouldWaitForDependency). `refuseWaits` refuses by name a start whose caller cannot wait for
 * one of the conditions in `waits`.
 */
export function refuseWaits(dependsOn: (service: string) => Record<string, { condition: string }> | undefined, names: readonly string[], waits: readonly string[] = ['service_healthy', 'service_completed_successfully']): void {
  for (const name of names) {
    for (const [dep, d] of Object.entries(dependsOn(name) ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (waits.includes(d.condition)) throw new ComposeUnsupported(`strata does not simulate compose waiting for \`${dep}\` before it starts \`${name}\` (depends_on condition \`${d.condition}\`)`);
    }
  }
}

/** How long strata lets compose wait for a dependency before it refuses (its clock moves a second a poll). */
export const MAX_WAIT_SECONDS = 3600;

/** The condition `up --wait` waits for on each service (pkg/compose/convergence.go at v2.26.1). */
export const RUNNING_OR_HEALTHY = 'running_or_healthy';

/** `status` is the event for each of the dependency's containers; none when compose returns the error alone. */
type Verdict = { kind: 'wait' } | { kind: 'done'; status: string } | { kind: 'failed'; status?: string; message: string };

/**
 * isServiceHealthy (fallbackRunning false) for service_healthy: an exited container fails, one
 * without a health monitor fails, `unhealthy` fails, `starting` is waited for; isServiceCompleted
 * for service_completed_successfully: a container that exited 0 is done, with another code fails.
 */
function verdict(c: Container, dep: string, condition: string, name: string): Verdict {
  // which poll sees it restarting, running or exited depends on timing (container/restart.ts)
  refuseIfUnfollowed(c);
  if (condition === 'service_completed_successfully') {
    // strata's processes run to their end or block, so a running one would never exit
    if (c.state.status === 'running') throw new ComposeUnsupported(`strata does not simulate compose waiting for \`${dep}\` to exit before it starts \`${name}\`: its container ${c.name} is still running`);
    if (c.state.exitCode === 0) return { kind: 'done', status: 'Exited' };
    const text = `service ${JSON.stringify(dep)} didn't complete successfully: exit ${c.state.exitCode}`;
    return { kind: 'failed', status: text, message: text };
  }
  // ServiceConditionRunningOrHealthy (up --wait) returns isServiceHealthy's error as it is, without
  // Error events; a container without a Healthcheck in its config counts once it runs
  const runningOrHealthy = condition === RUNNING_OR_HEALTHY;
  const fail = (why: string): Verdict =>
    runningOrHealthy ? { kind: 'failed', message: `container ${c.name} ${why}` } : { kind: 'failed', status: 'Error', message: `dependency failed to start: container ${c.name} ${why}` };
  if (c.state.status === 'exited') return fail(`exited (${c.state.exitCode})`);
  if (runningOrHealthy && !c.config.Healthcheck) return c.state.status === 'running' ? { kind: 'done', status: 'Healthy' } : { kind: 'wait' };
  const health = c.state.health;
  if (!health) return fail('has no healthcheck configured');
  if (health.status === 'unhealthy') return fail('is unhealthy');
  return health.status === 'healthy' ? { kind: 'done', status: 'Healthy' } : { kind: 'wait' };
}

/**
 * waitDependencies: each waited-for dependency's containers are `Waiting`; compose then polls
 * them every 500 ms until each is done (`Healthy`, `Exited`) or one fails (`Error` for each of
 * that dependency's containers and `dependency failed to start: container X is unhealthy`, or
 * `service "init" didn't complete successfully: exit 3`; recorded: compose/depends-on-completed,
 * health/compose-healthy). strata's clock moves a second a poll, and the health checks due run
 * meanwhile (container/health-monitor.ts), and the sleeps of the containers' main processes end.
 */
export function waitDependencies(
  env: ComposeEnv,
  name: string,
  dependsOn: Record<string, { condition: string; required?: boolean }>,
  containersOf: (dep: string) => Container[],
  timeout?: { seconds: number },
): void {
  const st = env.ctx.st;
  const deadline = timeout ? st.clock + timeout.seconds : Infinity;
  const waited = Object.entries(dependsOn)
    .filter(([, d]) => d.condition === 'service_healthy' || d.condition === 'service_completed_successfully' || d.condition === RUNNING_OR_HEALTHY)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([dep, d]) => ({ dep, condition: d.condition, required: d.required !== false, containers: containersOf(dep).sort((a, b) => (a.name < b.name ? -1 : 1)) }));
  for (const w of waited) for (const c of w.containers) env.progress.event(progressName(c), 'Waiting');
  for (const w of waited) {
    if (w.containers.length > 0) continue;
    if (!w.required) throw new ComposeUnsupported(`strata does not simulate compose skipping the optional dependency \`${w.dep}\` of \`${name}\` (its words are not recorded)`);
    throw new ComposeError(`${name} is missing dependency ${w.dep}`, 1);
  }
  let pending = waited;
  for (let waitedFor = 0; ; waitedFor++) {
    const still: typeof waited = [];
    for (const w of pending) {
      const verdicts = w.containers.map((c) => verdict(c, w.dep, w.condition, name));
      const failed = verdicts.find((v) => v.kind === 'failed');
      if (failed && failed.kind === 'failed') {
        if (!w.required) throw new ComposeUnsupported(`strata does not simulate compose skipping the optional dependency \`${w.dep}\` of \`${name}\` (its words are not recorded)`);
        if (failed.status !== undefined) for (const c of w.containers) env.progress.event(progressName(c), failed.status);
        throw new ComposeError(failed.message, 1);
      }
      if (verdicts.some((v) => v.kind === 'wait')) {
        still.push(w);
        continue;
      }
      const done = verdicts[0];
      for (const c of w.containers) env.progress.event(progressName(c), done.kind === 'done' ? done.status : '');
    }
    if (still.length === 0) return;
    // start.go: the wait's context expired (polls every 500 ms: the last falls before the deadline)
    if (timeout !== undefined && st.clock + 1 >= deadline) {
      throw new ComposeError(`application not healthy after ${formatGoDuration(BigInt(timeout.seconds) * 1_000_000_000n)}`, 1);
    }
    if (waitedFor >= MAX_WAIT_SECONDS) {
      throw new ComposeUnsupported(`strata does not simulate compose waiting more than ${MAX_WAIT_SECONDS} seconds for \`${still[0].dep}\` to be healthy`);
    }
    pending = still;
    // the wait moves the clock as a host `sleep 1` would: the checks due run, and the containers'
    // main processes asleep meanwhile go on (an entrypoint that sleeps before its server is ready)
    if (env.ctx.advanceTo) env.ctx.advanceTo(st.clock + 1);
    else {
      runDueChecks(st, st.clock + 1);
      st.clock += 1;
    }
  }
}

/** waitDependencies for a service of a project read from its files. */
export function waitForDependencies(env: ComposeEnv, p: Project, name: string): void {
  waitDependencies(env, name, p.services[name]?.depends_on ?? {}, (dep) => projectContainers(env.ctx.st, p.name, 'exclude', [dep]));
}

/**
 * ensureImagesExists (pkg/compose/build.go at v2.26.1): the missing images pulled first, on a
 * display of their own (src/compose/project/pull.ts), then each service's image ID (built when
 * asked or missing).
 */
export function ensureImages(env: ComposeEnv, p: Project, o: { build: boolean; noBuild: boolean; quietPull?: boolean; pull?: 'missing' | 'never' }, services: string[]): Map<string, string> {
  pullRequiredImages(env, p, services, { quiet: o.quietPull === true, never: o.pull === 'never', build: o.build });
  const ids = new Map<string, string>();
  // the services to build, built side by side (one display: showBuilds), then each's image
  const toBuild = services.filter((name) => {
    const s = p.services[name];
    return s.build && !o.noBuild && (o.build || !imageLookup(env.ctx.st, imageName(p, s)) || s.pull_policy === 'build');
  });
  for (const name of toBuild) buildService(env, p, p.services[name], { several: toBuild.length > 1 });
  showBuilds(env);
  for (const name of services) {
    const s = p.services[name];
    const ref = imageName(p, s);
    const image = imageLookup(env.ctx.st, ref);
    if (!image) {
      if (s.build && o.noBuild) throw new ComposeError(`image ${JSON.stringify(ref)} not found`, 1);
      // (a service without `image` is built): one whose pull was skipped (pull_policy never,
      // --pull never) goes on to its create, which the daemon refuses (createServiceContainer)
      ids.set(name, '');
      continue;
    }
    ids.set(name, image.id);
  }
  return ids;
}

/** ensureNetworks: the project's networks exist, labelled (events `Network NAME Creating/Created`). */
export function ensureNetworks(env: ComposeEnv, p: Project): void {
  const st = env.ctx.st;
  for (const key of Object.keys(p.networks).sort()) {
    const n = p.networks[key];
    if (n.external) {
      // the daemon's NetworkInspect answers (recorded: compose/external-network-missing)
      if (!networkLookup(st, n.name)) throw new ComposeError(`Error response from daemon: network ${n.name} not found`);
      continue;
    }
    const existing = networkLookup(st, n.name);
    if (existing) {
      const project = existing.labels[LABEL.project];
      if (project === undefined) env.warn(`a network with name ${n.name} exists but was not created by compose.\nSet \`external: true\` to use an existing network`);
      else if (project !== p.name) env.warn(`a network with name ${n.name} exists but was not created for project ${JSON.stringify(p.name)}.\nSet \`external: true\` to use an existing network`);
      if ((existing.labels[LABEL.network] ?? '') !== key) {
        throw new ComposeError(`network ${n.name} was found but has incorrect label ${LABEL.network} set to ${JSON.stringify(existing.labels[LABEL.network] ?? '')}`);
      }
      continue;
    }
    const id = `Network ${n.name}`;
    env.progress.event(id, 'Creating');
    try {
      networkCreate(
        st,
        {
          name: n.name,
          driver: n.driver ?? '',
          internal: n.internal ?? false,
          attachable: n.attachable ?? false,
          options: n.driver_opts ?? {},
          labels: { ...(n.labels ?? {}), [LABEL.network]: key, [LABEL.project]: p.name, [LABEL.version]: COMPOSE_VERSION },
        },
        nextId(st.ids),
        env.ctx.profile.lowercaseErrors,
      );
    } catch (e) {
      if (e instanceof NetworkError) {
        env.progress.event(id, 'Error');
        throw new ComposeError(`failed to create network ${n.name}: Error response from daemon: ${e.message}`);
      }
      throw e;
    }
    env.progress.event(id, 'Created');
  }
}

/** ensureProjectVolumes / ensureVolume: the project's volumes exist, labelled; external ones must. */
export function ensureVolumes(env: ComposeEnv, p: Project): void {
  const st = env.ctx.st;
  for (const key of Object.keys(p.volumes).sort()) {
    const v = p.volumes[key];
    const existing = tableGet(st.volumes, v.name);
    if (!existing) {
      if (v.external) throw new ComposeError(`external volume ${JSON.stringify(v.name)} not found`);
      const id = `Volume ${JSON.stringify(v.name)}`;
      env.progress.event(id, 'Creating');
      try {
        volumeCreate(
          st,
          {
            name: v.name,
            driver: v.driver ?? 'local',
            labels: { ...(v.labels ?? {}), [LABEL.volume]: key, [LABEL.project]: p.name, [LABEL.version]: COMPOSE_VERSION },
            options: v.driver_opts && Object.keys(v.driver_opts).length > 0 ? { ...v.driver_opts } : null,
          },
          env.ctx.events,
        );
      } catch (e) {
        if (!(e instanceof DaemonError)) throw e;
        env.progress.event(id, 'Error');
        throw new ComposeError(`Error response from daemon: ${e.message}`);
      }
      env.progress.event(id, 'Created');
      continue;
    }
    if (v.external) continue;
    const owner = existing.labels?.[LABEL.project];
    if (owner === undefined) env.warn(`volume ${JSON.stringify(v.name)} already exists but was not created by Docker Compose. Use \`external: true\` to use an existing volume`);
    else if (owner !== p.name) env.warn(`volume ${JSON.stringify(v.name)} already exists but was created for project ${JSON.stringify(owner)} (expected ${JSON.stringify(p.name)}). Use \`external: true\` to use an existing volume`);
  }
}

/** ServiceConfig.GetScale: `scale`, else deploy.replicas, else 1. */
export function serviceScale(s: ServiceModel): number {
  return s.scale ?? s.deploy?.replicas ?? 1;
}

function containerName(p: Project, s: ServiceModel, n: number): string {
  return s.container_name ?? `${p.name}-${s.name}-${n}`;
}

/** mustRecreate: forced (by the policy or a recreated dependency), or the config hash or the image changed. */
function mustRecreate(s: ServiceModel, c: Container, imageId: string, policy: UpOptions['recreate'], lifecycleForced: boolean): boolean {
  if (policy === 'never') return false;
  if (policy === 'force' || lifecycleForced) return true;
  return c.config.Labels[LABEL.configHash] !== serviceHash(s) || c.config.Labels[LABEL.image] !== `sha256:${imageId}`;
}

/** resolveVolumeFrom: `service` → the first container's ID; `container:NAME` → NAME; the mode is dropped. */
export function resolveVolumesFrom(env: ComposeEnv, p: Project, s: ServiceModel): string[] {
  return (s.volumes_from ?? []).map((spec) => {
    const parts = spec.split(':');
    if (parts[0] === 'container') return parts[1];
    const deps = projectContainers(env.ctx.st, p.name, 'exclude', [parts[0]]).sort((a, b) => (a.name < b.name ? -1 : 1));
    if (deps.length === 0) throw new ComposeError(`cannot share volume with service ${parts[0]}: container missing`);
    return deps[0].id;
  });
}

/** A daemon error in compose's frame (`Error response from daemon: ...`); anything else is a bug. */
export function daemonFail(e: unknown): never {
  if (e instanceof DaemonError) throw new ComposeError(`Error response from daemon: ${e.message}`);
  throw e;
}

/** ContainerStart with compose's progress lines around it (`up`, `start`, `restart`). */
export function startWithProgress(env: ComposeEnv, c: Container): void {
  env.progress.event(progressName(c), 'Starting');
  try {
    containerStart(env.ctx.st, c, { attached: false, io: env.ctx.io }, env.ctx.events);
  } catch (e) {
    daemonFail(e);
  }
  env.progress.event(progressName(c), 'Started');
}

/** create (+ start): the whole of `up`. */
export function up(env: ComposeEnv, p: Project, o: UpOptions): void {
  const st = env.ctx.st;
  const names = o.services.length > 0 ? o.services : Object.keys(p.services);
  const order = dependencyOrder(p, names);
  // compose gives such a service `container:<ID>` of the other's container, where the daemon
  // refuses published and exposed ports ('conflicting options: port publishing and the container
  // type network mode', after creating the services before it; recorded on the oracle, not kept),
  // so strata refuses the pair by name before touching anything
  for (const n of order) {
    const s = p.services[n];
    if (s?.network_mode?.startsWith('service:') && ((s.ports ?? []).length > 0 || (s.expose ?? []).length > 0)) {
      throw new ComposeUnsupported(`strata does not simulate \`ports\` or \`expose\` on a service with \`network_mode: ${s.network_mode}\``);
    }
  }
  const observed = projectContainers(st, p.name, 'include');
  const images = ensureImages(env, p, o, order);
  ensureNetworks(env, p);
  ensureVolumes(env, p);
  const all = new Set([...Object.keys(p.services), ...Object.keys(p.disabled)]);
  const orphans = observed.filter((c) => !all.has(serviceOf(c)));
  if (orphans.length > 0) {
    if (o.removeOrphans) {
      for (const c of orphans) stopAndRemove(env, c, false, 'compose-down', o.timeout);
    } else {
      env.warn(`Found orphan containers ([${orphans.map((c) => c.name).join(' ')}]) for this project. If you removed or renamed this service in your compose file, you can run this command with the --remove-orphans flag to clean it up.`);
    }
  }
  if (o.attach) env.progress.hasMore(true);
  // convergence.apply (pkg/compose/convergence.go at v2.26.1): InDependencyOrder walks the
  // services as a graph, a service once each of its dependencies has converged, independent ones
  // side by side; ensureService works on a service's containers side by side too (an errgroup), so
  // the slow stops of recreated containers overlap unless one service depends on the other
  // (recorded: compose-up/recreate-side-by-side, recreate-chain)
  const inOrder = new Set(order);
  // setDependentLifecycle: once a service has a container recreated, each service that depends on
  // it is recreated too (x-lifecycle force_recreate), whatever its own config (recorded:
  // compose-up/recreate-chain)
  const forced = new Set<string>();
  walkGraph(env, {
    services: order,
    after: (name) => Object.keys(p.services[name]?.depends_on ?? {}).filter((d) => inOrder.has(d)),
    begin: (name) => ensureService(env, p, name, images.get(name)!, o, forced),
  });
  if (!o.start) return;
  startServices(env, p, order);
  if (o.wait) waitForProject(env, p, order, o.waitTimeout ?? 0);
}

/**
 * The recreate policy of a service (convergence.apply at v2.26.1): the services named on the
 * command line (all when none is) get up's (--force-recreate, --no-recreate), the dependencies
 * they bring (CreateOptions.RecreateDependencies) are recreated only when they diverge (always
 * with --always-recreate-deps, never with --no-recreate: cmd/compose/create.go
 * dependenciesRecreateStrategy) (recorded: compose-up/recreate-chain, `up -d --force-recreate app`).
 */
function recreatePolicy(o: UpOptions, name: string): UpOptions['recreate'] {
  if (o.services.length === 0 || o.services.includes(name)) return o.recreate;
  return o.recreate === 'never' ? 'never' : o.recreateDeps === true ? 'force' : 'diverged';
}

/**
 * ensureService (pkg/compose/convergence.go at v2.26.1): `expected` containers (scale,
 * deploy.replicas, --scale; 1 by default); the obsolete ones first, then by number, so a scale
 * down removes the diverged and the highest-numbered ones; a scale up numbers the new ones after
 * the highest (recorded: compose/scale). The stops it sends (recreates, scale down) go out
 * together; what they are followed by is returned for the walk.
 */
function ensureService(env: ComposeEnv, p: Project, name: string, imageId: string, o: UpOptions, forced: Set<string>): GraphWork[] {
  const st = env.ctx.st;
  const s = { ...p.services[name] };
  // resolveServiceReferences rewrites the entries a service has; one without keeps none, so its
  // hash is the one `config --hash` prints (recorded: compose/tut-restart-ignores-config)
  if (s.volumes_from !== undefined) s.volumes_from = resolveVolumesFrom(env, p, s);
  if (s.network_mode !== undefined) s.network_mode = resolveNetworkMode(env, p, s.network_mode);
  const expected = serviceScale(s);
  if (expected > 1 && s.container_name) {
    throw new ComposeError(`WARNING: The ${JSON.stringify(s.name)} service is using the custom container name ${JSON.stringify(s.container_name)}. Docker requires each container to have a unique name. Remove the custom name to scale the service.\n`);
  }
  const policy = recreatePolicy(o, name);
  const obsolete = (c: Container): boolean => mustRecreate(s, c, imageId, policy, forced.has(name));
  const containers = projectContainers(st, p.name, 'exclude', [name]).sort((a, b) => {
    const oa = obsolete(a);
    const ob = obsolete(b);
    if (oa !== ob) return oa ? -1 : 1;
    return containerNumber(a) - containerNumber(b);
  });
  const next = containers.reduce((m, c) => Math.max(m, containerNumber(c)), 0) + 1;
  const works: GraphWork[] = [];
  const markDependents = (): void => {
    // setDependentLifecycle: GetDependencies, the depends_on keys of every service of the project
    for (const [other, os] of Object.entries(p.services)) if (Object.keys(os.depends_on ?? {}).includes(name)) forced.add(other);
  };
  containers.forEach((c, i) => {
    if (i >= expected) {
      // stopAndRemoveContainer, side by side with the rest of the service
      const after = stopThenRemove(env, false, 'compose-recreate');
      env.progress.event(progressName(c), after.begin);
      const finish = (): void => after.then(containerById(st, c.id) ?? c);
      const pending = containerStopBegin(st, c, env.ctx.events, { timeout: o.timeout, advanceTo: env.ctx.advanceTo });
      if (pending) works.push({ pending, finish });
      else finish();
      return;
    }
    if (obsolete(c)) {
      const work = recreate(env, p, s, c, imageId, !o.renewAnonVolumes, o.timeout, markDependents);
      if (work) works.push(work);
      return;
    }
    if (c.state.status === 'running') env.progress.event(progressName(c), 'Running');
    else if (c.state.status === 'exited') env.progress.event(progressName(c), 'Created');
  });
  for (let i = 0; i < expected - containers.length; i++) {
    const n = next + i;
    const cname = containerName(p, s, n);
    env.progress.event(`Container ${cname}`, 'Creating');
    try {
      createServiceContainer(env, p, s, { name: cname, number: n, imageId, oneoff: false });
    } catch (e) {
      daemonFail(e);
    }
    env.progress.event(`Container ${cname}`, 'Created');
  }
  return works;
}

/**
 * start with Wait (pkg/compose/start.go at v2.26.1): once every service is started, compose waits
 * on each service of the project with getDependencyCondition's condition, required:
 * service_completed_successfully when another service depends on it so, else running_or_healthy
 * (`Waiting`, then `Healthy` or `Exited`; a failure is isServiceHealthy's error alone, exit 1);
 * with --wait-timeout, `application not healthy after 2s` once it runs out (recorded:
 * compose/tut-up-wait-edges, tut-up-wait-mariadb).
 * The containers are those listed before the start, one-offs excluded.
 */
function waitForProject(env: ComposeEnv, p: Project, order: string[], timeoutSeconds: number): void {
  const depends: Record<string, { condition: string; required: boolean }> = {};
  for (const name of order) {
    const completed = Object.values(p.services).some((s) => s.depends_on?.[name]?.condition === 'service_completed_successfully');
    depends[name] = { condition: completed ? 'service_completed_successfully' : RUNNING_OR_HEALTHY, required: true };
  }
  // WaitTimeout counts only when positive
  waitDependencies(env, p.name, depends, (dep) => projectContainers(env.ctx.st, p.name, 'exclude', [dep]), timeoutSeconds > 0 ? { seconds: timeoutSeconds } : undefined);
}

/**
 * recreateContainer: create the new one under a temporary name, stop the old (ContainerStop with
 * up's -t), then remove it, rename the new one and mark the dependents (setDependentLifecycle).
 * Returns the stop still under way and what follows it; without one, all is done here.
 */
function recreate(env: ComposeEnv, p: Project, s: ServiceModel, old: Container, imageId: string, inherit: boolean, timeout: number | undefined, recreated: () => void): GraphWork | undefined {
  const st = env.ctx.st;
  env.progress.event(progressName(old), 'Recreate');
  const number = containerNumber(old);
  const name = containerName(p, s, number);
  const oldName = old.name;
  let created: Container;
  try {
    created = createServiceContainer(env, p, s, {
      name: `${old.id.slice(0, 12)}_${name}`,
      number,
      imageId,
      oneoff: false,
      inherit: inherit ? old : undefined,
      labels: { [LABEL.replace]: old.id },
    });
  } catch (e) {
    daemonFail(e);
  }
  const finish = (): void => {
    containerRemove(st, containerById(st, old.id) ?? old, { removeVolumes: false, by: 'compose-recreate' }, env.ctx.events);
    containerRename(st, containerById(st, created.id) ?? created, name);
    env.progress.event(`Container ${oldName}`, 'Recreated');
    recreated();
  };
  const pending = containerStopBegin(st, old, env.ctx.events, { timeout, advanceTo: env.ctx.advanceTo });
  if (pending) return { pending, finish };
  finish();
  return undefined;
}

/** start (pkg/compose/start.go startService): each stopped container of each service. */
export function startServices(env: ComposeEnv, p: Project, order: string[], start: (c: Container) => void = (c) => startWithProgress(env, c)): void {
  const st = env.ctx.st;
  for (const name of order) {
    const containers = projectContainers(st, p.name, 'exclude', [name]).sort((a, b) => (a.name < b.name ? -1 : 1));
    if (containers.length === 0) {
      // startService: a service scaled to 0 has nothing to start
      if (p.services[name] && serviceScale(p.services[name]) === 0) continue;
      throw new ComposeError(`service ${JSON.stringify(name)} has no container to start`);
    }
    waitForDependencies(env, p, name);
    for (const c of containers) if (c.state.status !== 'running') start(c);
  }
}

/** stopAndRemoveContainer's events around a stop (project/stop.ts): Stopping/Stopped, Removing/Removed. */
export function stopThenRemove(env: ComposeEnv, volumes: boolean, by: ComposeRemoval): Pick<GraphStop, 'begin' | 'then'> {
  return {
    begin: 'Stopping',
    then: (c) => {
      env.progress.event(progressName(c), 'Stopped');
      env.progress.event(progressName(c), 'Removing');
      containerRemove(env.ctx.st, c, { removeVolumes: volumes, by }, env.ctx.events);
      env.progress.event(progressName(c), 'Removed');
    },
  };
}

/** stopAndRemoveContainer of one container, `timeout` up's -t. */
export function stopAndRemove(env: ComposeEnv, c: Container, volumes: boolean, by: ComposeRemoval, timeout?: number): void {
  stopGraph(env, { services: ['one'], after: () => [], containers: () => [c], timeout, ...stopThenRemove(env, volumes, by) });
}
