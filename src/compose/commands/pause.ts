// `docker compose pause` / `unpause` (cmd/compose/pause.go, pkg/compose/pause.go at v2.26.1):
// the running containers (paused ones count) of the project or of the services named, each
// paused or unpaused by the daemon, `Paused` / `Unpaused` per container. Compose does them in
// parallel and returns the first error; the recording shows only the error when one fails
// (compose/images-pause), so strata prints the events only when all succeed.

import { byName, progressName, projectContainers, serviceOf } from '../project/containers.ts';
import { projectOrName } from '../project/name.ts';
import { ComposeError } from '../project/env.ts';
import { containerPause } from '../../daemon/pause.ts';
import type { ComposeCommand } from './command.ts';

function pauseLike(path: 'pause' | 'unpause', paused: boolean, description: string): ComposeCommand {
  return {
    spec: { path: `compose ${path}`, usage: `docker compose ${path} [SERVICE...]`, description, args: { min: 0 }, flags: [] },
    run(env, p) {
      const { project, name } = projectOrName(env, p.args);
      const st = env.ctx.st;
      // getContainers(stopped=false) with the services; with the files, only the model's services
      const known = project ? new Set(Object.keys(project.services)) : undefined;
      const running = byName(projectContainers(st, name, 'exclude', p.args).filter((c) => c.state.status === 'running' && (!known || known.has(serviceOf(c)))));
      const errors: string[] = [];
      const done: string[] = [];
      for (const c of running) {
        const problem = containerPause(st, env.ctx.profile, c, paused);
        if (problem !== undefined) errors.push(problem);
        else done.push(progressName(c));
      }
      if (errors.length > 0) throw new ComposeError(`Error response from daemon: ${errors[0]}`);
      for (const id of done) env.progress.event(id, paused ? 'Paused' : 'Unpaused');
      return 0;
    },
  };
}

export const pauseCommand = pauseLike('pause', true, 'Pause services');
export const unpauseCommand = pauseLike('unpause', false, 'Unpause services');
