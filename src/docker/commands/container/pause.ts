// docker pause / unpause: freeze the container's processes. Nothing moves on disk: volumes
// stay in use and tmpfs keeps its content; only exec is refused while paused.

import type { DockerCommand } from '../../command.ts';
import { errOut, out } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { daemonText } from '../../../engine/profile.ts';
import { healthMonitorResumed, healthMonitorStopped } from '../../../container/health.ts';

function pauseLike(path: 'pause' | 'unpause', paused: boolean, description: string): DockerCommand {
  return {
    spec: { path, args: { min: 1 }, usage: `docker ${path} CONTAINER [CONTAINER...]`, description, flags: [] },
    run(ctx, p) {
      const errors: string[] = [];
      for (const ref of p.args) {
        const c = findContainer(ctx.st, ref);
        if (!c) errors.push(`No such container: ${ref}`);
        else if (c.state.status !== 'running') errors.push(daemonText(ctx.profile, `Container ${c.id} is not running`));
        else if (c.state.paused === paused) {
          // Recorded: both daemons capitalize these two.
          errors.push(paused ? `Container ${c.id} is already paused` : `Container ${c.id} is not paused`);
        } else {
          c.state.paused = paused;
          // monitor.go: a pause stops the health monitor (unhealthy), an unpause starts a new one
          if (c.state.health) c.state.health = paused ? healthMonitorStopped(c.state.health) : healthMonitorResumed(c, c.state.health, ctx.st.clock);
          out(ctx, ref + '\n');
        }
      }
      for (const e of errors) errOut(ctx, `Error response from daemon: ${e}\n`);
      return errors.length > 0 ? 1 : 0;
    },
  };
}

export const pause = pauseLike('pause', true, 'Pause all processes within one or more containers');
export const unpause = pauseLike('unpause', false, 'Unpause all processes within one or more containers');
