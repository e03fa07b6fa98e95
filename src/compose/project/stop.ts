// Compose's stops as the daemon sees them (pkg/compose/stop.go, down.go, restart.go at v2.26.1):
// one ContainerStop (or ContainerRestart) per container, with compose's `-t` as the request's
// timeout (api.StopOptions.Timeout: nil without the flag, so the daemon uses the container's
// StopTimeout, which stop_grace_period sets, else its 10 s), all containers of a service at once
// (stopContainers' errgroup), and the services walked as a graph whose independent branches run
// side by side (dependencies.go graphTraversal): a service starts once every service it waits
// for is done. So the timeouts of a scaled service or of two independent services do not add
// up, those of a dependency chain do (recorded: compose/stop-timeout-scaled, stop-timeout-depends).

import type { Container } from '../../engine/state.ts';
import { containerStopBegin, containerStopStep, containerStopEnded, type PendingContainerStop } from '../../daemon/index.ts';
import { containerById } from '../../container/registry.ts';
import { progressName } from './containers.ts';
import type { ComposeEnv } from './env.ts';

export interface GraphStop {
  /** The services in the order compose's traversal may meet them (a topological order of `after`). */
  services: string[];
  /** The services that must be done before this one starts (those that depend on it, for a stop). */
  after: (service: string) => string[];
  /** The containers of a service, each stopped by its own request. */
  containers: (service: string) => Container[];
  /** compose's `-t`: the request's timeout (undefined: the container's own). */
  timeout?: number;
  /** The event printed before the request (`Stopping`, `Restarting`). */
  begin: string;
  /** What follows a container's stop: the `Stopped` event, down's removal, restart's start. */
  then: (c: Container) => void;
}

/** A container's stop a service's work waits for, and what follows once it has ended. */
export interface GraphWork {
  pending: PendingContainerStop;
  finish: () => void;
}

/** Services walked as compose's graph traversal walks them (dependencies.go graphTraversal). */
export interface ServiceGraph {
  /** The services in the order compose's traversal may meet them (a topological order of `after`). */
  services: string[];
  /** The services that must be done before this one starts. */
  after: (service: string) => string[];
  /**
   * Starts a service's work: what ends at once is finished in here, in order; the stops it still
   * waits for are returned, each with what follows it.
   */
  begin: (service: string) => GraphWork[];
}

/**
 * Walks the services as compose's graph traversal does, on strata's clock: every service that may
 * start starts at once (its stops sent), then the clock moves until one of those stops ends (by
 * itself or killed at its deadline), which may let further services start, and so on. Where every
 * stop ends at once (SIGKILL, a process that obeys), this is one pass in `services` order.
 */
export function walkGraph(env: ComposeEnv, g: ServiceGraph): void {
  const st = env.ctx.st;
  const wanted = new Set(g.services);
  const done = new Set<string>();
  const started = new Set<string>();
  const open: { service: string; work: GraphWork }[] = [];
  const settle = (s: string): void => {
    if (!open.some((o) => o.service === s)) done.add(s);
  };
  const startable = (s: string): boolean => !started.has(s) && !g.after(s).some((x) => wanted.has(x) && !done.has(x));
  for (;;) {
    for (let s = g.services.find(startable); s !== undefined; s = g.services.find(startable)) {
      started.add(s);
      for (const work of g.begin(s)) open.push({ service: s, work });
      settle(s);
    }
    if (open.length === 0) {
      if (g.services.every((s) => started.has(s))) return;
      // a cycle compose refuses before it comes here: nothing can start
      throw new Error(`compose: no service can start among ${g.services.filter((s) => !started.has(s)).join(', ')}`);
    }
    containerStopStep(st, open.map((o) => o.work.pending), env.ctx.events, env.ctx.advanceTo!);
    for (const o of [...open]) {
      if (!containerStopEnded(st, o.work.pending)) continue;
      open.splice(open.indexOf(o), 1);
      o.work.finish();
      settle(o.service);
    }
  }
}

/** The stops of each service's containers, sent together, walked as a graph (stop, down, restart). */
export function stopGraph(env: ComposeEnv, g: GraphStop): void {
  const st = env.ctx.st;
  const finish = (c: Container): void => g.then(containerById(st, c.id) ?? c);
  walkGraph(env, {
    services: g.services,
    after: g.after,
    begin: (s) => {
      const works: GraphWork[] = [];
      for (const c of g.containers(s)) {
        env.progress.event(progressName(c), g.begin);
        const pending = containerStopBegin(st, c, env.ctx.events, { timeout: g.timeout, advanceTo: env.ctx.advanceTo });
        if (pending) works.push({ pending, finish: () => finish(c) });
        else finish(c);
      }
      return works;
    },
  });
}

/** Stopping and Stopped around each container's stop (stopContainer's events). */
export function stopEvents(env: ComposeEnv): Pick<GraphStop, 'begin' | 'then'> {
  return { begin: 'Stopping', then: (c) => env.progress.event(progressName(c), 'Stopped') };
}
