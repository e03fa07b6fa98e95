// docker wait: block until each container stops, print its exit code. strata runs a container's
// main process to completion when it starts unless it is a long-lived one, so a container that
// is not running answers at once (the daemon's "not-running" condition). One whose main process
// sleeps (a bare `sleep N`, or a script sleeping in its loops) goes on or ends when strata's clock
// says so (container/lifecycle.ts endDueSleeps): the wait moves the clock from sleep to sleep, as a
// host sleep would. Waiting on any other running one would block the real CLI forever, which no
// scenario can record.

import { unfollowedRefusal } from '../../../container/unfollowed.ts';
import type { DockerCommand } from '../../command.ts';
import type { DockerContext } from '../../context.ts';
import type { Container } from '../../../engine/state.ts';
import { errOut, out, refusal } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { containerById } from '../../../container/registry.ts';
import { SleepLoopNotSimulated } from '../../../shell/types.ts';

/** Sleeps of a script that docker wait follows before it refuses (`while true; do ...; sleep 1; done` never ends). */
const MAX_WAIT_MOVES = 600;

/**
 * Move strata's clock from one sleep of container `id`'s main process to the next until it ends by
 * itself (or blocks for good: still running then), as `docker wait` and `docker logs -f` block;
 * refused after MAX_WAIT_MOVES sleeps (`while true; do ...; sleep 1; done` never ends). The
 * container as it is then, or undefined when it is gone (--rm).
 */
export function untilEnd(ctx: DockerContext, id: string, what: string, why: string): Container | undefined {
  for (let moves = 0; ; moves++) {
    const now = containerById(ctx.st, id);
    // its process ended into the daemon's restart loop, or woke more often than strata follows
    if (now?.unfollowed !== undefined) throw unfollowedRefusal(now);
    if (now?.state.status !== 'running' || now.wakeAt === undefined || !ctx.advanceTo) return now;
    if (moves === MAX_WAIT_MOVES) {
      throw new SleepLoopNotSimulated(`strata does not simulate ${what} that long: its main process still runs after ${MAX_WAIT_MOVES} of its sleeps (${why})`);
    }
    ctx.advanceTo(Math.ceil(now.wakeAt));
  }
}

export const wait: DockerCommand = {
  spec: {
    path: 'wait',
    args: { min: 1 },
    usage: 'docker wait CONTAINER [CONTAINER...]',
    description: 'Block until one or more containers stop, then print their exit codes',
    flags: [],
  },
  run(ctx, p) {
    // The CLI prints every code as it comes and joins the errors at the end.
    const errors: string[] = [];
    for (const ref of p.args) {
      const c = findContainer(ctx.st, ref);
      if (!c) {
        errors.push(`Error response from daemon: No such container: ${ref}`);
        continue;
      }
      if (c.state.status === 'running' && c.wakeAt !== undefined && ctx.advanceTo) {
        const now = untilEnd(ctx, c.id, `waiting for ${ref}`, 'docker wait would block until it ends');
        if (now?.state.status === 'running') return refusal(ctx, `strata does not simulate waiting for a running container (${ref} would never stop by itself here)`);
        // (a --rm container is gone by then: its sleep ended with 0)
        out(ctx, `${now?.state.exitCode ?? 0}\n`);
        continue;
      }
      if (c.state.status === 'running') return refusal(ctx, `strata does not simulate waiting for a running container (${ref} would never stop by itself here)`);
      out(ctx, `${c.state.exitCode}\n`);
    }
    if (errors.length > 0) {
      errOut(ctx, `${errors.join('\n')}\n`);
      return 1;
    }
    return 0;
  },
};
