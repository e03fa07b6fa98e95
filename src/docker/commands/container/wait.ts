// docker wait: block until each container stops, print its exit code. strata runs a container's
// main process to completion when it starts unless it is a long-lived one, so a container that
// is not running answers at once (the daemon's "not-running" condition). One whose main process
// is a bare `sleep N` ends when strata's clock says so (container/lifecycle.ts endDueSleeps): the
// wait moves the clock there, as a host sleep would. Waiting on any other running one would block
// the real CLI forever, which no scenario can record.

import type { DockerCommand } from '../../command.ts';
import { errOut, out, refusal } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { containerById } from '../../../container/registry.ts';

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
        const id = c.id;
        ctx.advanceTo(c.wakeAt);
        // (a --rm container is gone by then: its sleep ended with 0)
        out(ctx, `${containerById(ctx.st, id)?.state.exitCode ?? 0}\n`);
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
