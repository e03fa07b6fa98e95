// `docker compose stop`, `start`, `restart` (cmd/compose/stop.go, start.go, restart.go;
// pkg/compose/stop.go, start.go, restart.go). Compose acts on the containers of one service in
// parallel; strata takes them by name.

import type { Container } from '../../engine/state.ts';
import { containerStart } from '../../daemon/index.ts';
import { stopEvents, stopGraph } from '../project/stop.ts';
import type { Project } from '../model/project.ts';
import { byName, LABEL, labelledConditions, progressName, projectContainers, serviceOf, servicesInDependencyOrder } from '../project/containers.ts';
import { flagBool, flagInt } from '../../docker/args.ts';
import { quote } from '../../docker/format/fmt.ts';
import { projectOrName } from '../project/name.ts';
import { daemonFail, dependencyOrder, startWithProgress, waitDependencies, waitForDependencies } from '../project/up.ts';
import { ComposeError, type ComposeEnv } from '../project/env.ts';
import type { ComposeCommand } from './command.ts';

const TIMEOUT = { long: 'timeout', short: 't', kind: 'int' as const, help: 'Specify a shutdown timeout in seconds' };

/** Services in dependency order: the model's, or (without files) the containers' own, by name. */
function serviceOrder(project: Project | undefined, containers: Container[]): string[] {
  if (project) return dependencyOrder(project, Object.keys(project.services));
  return servicesInDependencyOrder(containers);
}

/** With the files, ToProject's WithSelectedServices refuses a service the model lacks. */
function checkServices(project: Project | undefined, services: string[]): void {
  if (project) for (const s of services) if (!(s in project.services)) throw new ComposeError(`no such service: ${s}`);
}

/**
 * A service's dependencies with their `restart` flag: the model's, or (without the files) its
 * containers' depends_on label, whose third field defaults to true (projectFromName at v2.26.1:
 * "Let's restart the dependency by default if we don't have the info stored in the label").
 */
function dependsOnOf(project: Project | undefined, containers: Container[]): (s: string) => Record<string, { restart: boolean }> {
  if (project) return (s) => Object.fromEntries(Object.entries(project.services[s]?.depends_on ?? {}).map(([d, c]) => [d, { restart: c.restart === true }]));
  return (s) => {
    const out: Record<string, { restart: boolean }> = {};
    for (const c of containers) {
      if (serviceOf(c) !== s) continue;
      const label = c.config.Labels[LABEL.dependsOn] ?? '';
      for (const d of label === '' ? [] : label.split(',')) {
        const [dep, , restart] = d.split(':');
        out[dep] = { restart: restart === undefined ? true : restart === 'true' };
      }
    }
    return out;
  };
}

/** Walks `edges` from the roots (ForEachService's dependencies or dependents), the roots included. */
function closure(roots: string[], edges: (s: string) => string[]): Set<string> {
  const out = new Set<string>();
  const visit = (n: string): void => {
    if (out.has(n)) return;
    out.add(n);
    for (const d of edges(n)) visit(d);
  };
  for (const r of roots) visit(r);
  return out;
}

/**
 * stop (pkg/compose/stop.go): InReverseDependencyOrder over the services, every container of the
 * selected ones (stopped ones too), `timeout` compose's -t (project/stop.ts).
 */
export function stopProject(env: ComposeEnv, project: Project | undefined, containers: Container[], services: string[], timeout: number | undefined): void {
  const order = serviceOrder(project, containers).reverse();
  const dependsOn = dependsOnOf(project, containers);
  stopGraph(env, {
    services: order.filter((s) => services.length === 0 || services.includes(s)),
    // reverse dependency order: a service waits for the services that depend on it
    after: (s) => order.filter((x) => s in dependsOn(x)),
    containers: (s) => byName(containers.filter((c) => serviceOf(c) === s)),
    timeout,
    ...stopEvents(env),
  });
}

/** stop: the project from the files or by name. */
export function stopServices(env: ComposeEnv, services: string[], timeout?: number): void {
  const { project, name } = projectOrName(env, services);
  const containers = projectContainers(env.ctx.st, name, 'exclude');
  // without the files a name no container has stops nothing (pkg/compose/stop.go filters by it)
  checkServices(project, services);
  stopProject(env, project, containers, services, timeout);
}

export const stopCommand: ComposeCommand = {
  spec: { path: 'compose stop', usage: 'docker compose stop [OPTIONS] [SERVICE...]', description: 'Stop services', args: { min: 0 }, flags: [TIMEOUT] },
  run(env, p) {
    // cmd/compose/stop.go: the timeout only when the flag is given (timeChanged)
    stopServices(env, p.args, flagInt(p, 'timeout'));
    return 0;
  },
};

export const startCommand: ComposeCommand = {
  spec: { path: 'compose start', usage: 'docker compose start [SERVICE...]', description: 'Start services', args: { min: 0 }, flags: [{ long: 'wait', kind: 'bool', help: 'Wait for services to be running|healthy. Implies detached mode.', refuse: 'its progress lines are not recorded' }] },
  run(env, p) {
    const { project, name } = projectOrName(env, p.args);
    const st = env.ctx.st;
    const containers = projectContainers(st, name, 'exclude');
    // getProjectWithResources (recorded: compose/stop-start-tmpfs)
    if (!project && containers.length === 0) throw new ComposeError(`no container found for project ${JSON.stringify(name)}: not found`);
    checkServices(project, p.args);
    // projectFromName (pkg/compose/compose.go at v2.26.1): without the files, a service no
    // container has is `no such service: "x": not found`
    if (!project) for (const s of p.args) if (!containers.some((c) => serviceOf(c) === s)) throw new ComposeError(`no such service: ${quote(s)}: not found`);
    // both then keep the named services with their dependencies (WithSelectedServices), and start
    // walks all of them: `start web` starts the db it depends on (recorded: compose/lifecycle-deps)
    const dependsOn = dependsOnOf(project, containers);
    const selected = p.args.length > 0 ? closure(p.args, (s) => Object.keys(dependsOn(s))) : undefined;
    // from the files, or from the containers' labels when they are not read (getProjectWithResources);
    // start runs up's startService, so with the files it waits for a dependency as up does
    for (const s of serviceOrder(project, containers)) {
      if (selected && !selected.has(s)) continue;
      const mine = byName(containers.filter((c) => serviceOf(c) === s));
      if (mine.length === 0) throw new ComposeError(`service ${JSON.stringify(s)} has no container to start`);
      if (project) waitForDependencies(env, project, s);
      // compose.go getProjectWithResources: the label's conditions, each dependency required
      else waitDependencies(env, s, labelledConditions(containers, s), (dep) => containers.filter((c) => serviceOf(c) === dep));
      for (const c of mine) if (c.state.status !== 'running') startWithProgress(env, c);
    }
    return 0;
  },
};

export const restartCommand: ComposeCommand = {
  spec: {
    path: 'compose restart',
    usage: 'docker compose restart [OPTIONS] [SERVICE...]',
    description: 'Restart service containers',
    args: { min: 0 },
    flags: [TIMEOUT, { long: 'no-deps', kind: 'bool', help: "Don't restart dependent services" }],
  },
  run(env, p) {
    const { project, name } = projectOrName(env, p.args);
    const st = env.ctx.st;
    const containers = projectContainers(st, name, 'exclude');
    const order = serviceOrder(project, containers);
    // pkg/compose/restart.go at v2.26.1: --no-deps keeps the named services alone; the
    // dependencies without `restart: true` are dropped; then WithSelectedServices with
    // IncludeDependents: `restart db` restarts each service that depends on db with restart
    // true, whose tmpfs empties too (recorded: compose/lifecycle-deps)
    for (const s of p.args) if (!order.includes(s) && !(project && s in project.services)) throw new ComposeError(`no such service: ${s}`);
    const inModel = new Set(p.args.length > 0 && flagBool(p, 'no-deps') ? p.args : order);
    const dependsOn = dependsOnOf(project, containers);
    const dependents = (s: string): string[] => order.filter((x) => inModel.has(x) && dependsOn(x)[s]?.restart === true);
    const selected = p.args.length > 0 ? closure(p.args, dependents) : inModel;
    // InDependencyOrder over a graph whose depends_on without `restart: true` were deleted: a
    // service waits only for those dependencies' restarts; one ContainerRestart per container
    // with -t as its stop's timeout (restart.go, utils.DurationSecondToInt)
    stopGraph(env, {
      services: order.filter((s) => selected.has(s)),
      after: (s) => Object.entries(dependsOn(s)).flatMap(([d, r]) => (r.restart && inModel.has(d) ? [d] : [])),
      containers: (s) => byName(containers.filter((x) => serviceOf(x) === s)),
      timeout: flagInt(p, 'timeout'),
      begin: 'Restarting',
      // ContainerRestart: stop (tmpfs content is gone), then start
      then: (c) => {
        try {
          containerStart(st, c, { attached: false, io: env.ctx.io }, env.ctx.events);
        } catch (e) {
          daemonFail(e);
        }
        env.progress.event(progressName(c), 'Started');
      },
    });
    return 0;
  },
};
