// `docker compose stop`, `start`, `restart` (cmd/compose/stop.go, start.go, restart.go;
// pkg/compose/stop.go, start.go, restart.go). Compose acts on the containers of one service in
// parallel; strata takes them by name.

import type { Container } from '../../engine/state.ts';
import { containerStart, containerStop } from '../../daemon/index.ts';
import type { Project } from '../model/project.ts';
import { byName, labelledConditions, progressName, projectContainers, serviceOf, servicesInDependencyOrder } from '../project/containers.ts';
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

function checkServices(project: Project | undefined, containers: Container[], services: string[]): void {
  for (const s of services) {
    if (project ? !(s in project.services) : !containers.some((c) => serviceOf(c) === s)) throw new ComposeError(`no such service: ${s}`);
  }
}

export function stopContainers(env: ComposeEnv, containers: Container[]): void {
  for (const c of byName(containers)) {
    env.progress.event(progressName(c), 'Stopping');
    containerStop(env.ctx.st, c, env.ctx.events);
    env.progress.event(progressName(c), 'Stopped');
  }
}

/** stop: reverse dependency order, every container of the service (stopped ones too). */
export function stopServices(env: ComposeEnv, services: string[]): void {
  const { project, name } = projectOrName(env, services);
  const containers = projectContainers(env.ctx.st, name, 'exclude');
  checkServices(project, containers, services);
  for (const s of serviceOrder(project, containers).reverse()) {
    if (services.length > 0 && !services.includes(s)) continue;
    stopContainers(env, containers.filter((c) => serviceOf(c) === s));
  }
}

export const stopCommand: ComposeCommand = {
  spec: { path: 'compose stop', usage: 'docker compose stop [OPTIONS] [SERVICE...]', description: 'Stop services', args: { min: 0 }, flags: [TIMEOUT] },
  run(env, p) {
    stopServices(env, p.args);
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
    checkServices(project, containers, p.args);
    // from the files, or from the containers' labels when they are not read (getProjectWithResources);
    // start runs up's startService, so with the files it waits for a dependency as up does
    for (const s of serviceOrder(project, containers)) {
      if (p.args.length > 0 && !p.args.includes(s)) continue;
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
    checkServices(project, containers, p.args);
    for (const s of serviceOrder(project, containers)) {
      if (p.args.length > 0 && !p.args.includes(s)) continue;
      for (const c of byName(containers.filter((x) => serviceOf(x) === s))) {
        env.progress.event(progressName(c), 'Restarting');
        // ContainerRestart: stop (tmpfs content is gone), then start
        if (c.state.status === 'running') containerStop(st, c, env.ctx.events);
        try {
          containerStart(st, c, { attached: false, io: env.ctx.io }, env.ctx.events);
        } catch (e) {
          daemonFail(e);
        }
        env.progress.event(progressName(c), 'Started');
      }
    }
    return 0;
  },
};
