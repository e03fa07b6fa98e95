// docker start, stop, restart, kill: one file for the four verbs that only move a container
// between running and exited (their data effects live in src/container/lifecycle.ts).

import type { DockerCommand } from '../../command.ts';
import { flagBool } from '../../args.ts';
import type { DockerContext } from '../../context.ts';
import { daemonError, errOut, noSuchText, out } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { startContainer, stopContainer } from '../../../container/lifecycle.ts';
import { DaemonError } from '../../../container/errors.ts';
import { daemonText } from '../../../engine/profile.ts';

/** The CLI runs the verb on every container, prints the names that worked, then the errors. */
function eachContainer(ctx: DockerContext, refs: string[], action: (ref: string) => string | undefined): number {
  const errors: string[] = [];
  for (const ref of refs) {
    const error = action(ref);
    if (error !== undefined) errors.push(`Error response from daemon: ${error}\n`);
  }
  for (const e of errors) errOut(ctx, e);
  return errors.length > 0 ? 1 : 0;
}

export const start: DockerCommand = {
  spec: {
    path: 'start',
    usage: 'docker start [OPTIONS] CONTAINER [CONTAINER...]',
    description: 'Start one or more stopped containers',
    flags: [
      { long: 'attach', short: 'a', kind: 'bool', help: "Attach STDOUT/STDERR and forward signals" },
      { long: 'interactive', short: 'i', kind: 'bool', help: "Attach container's STDIN" },
    ],
  },
  run(ctx, p) {
    const attach = flagBool(p, 'attach');
    if (attach) {
      const c = findContainer(ctx.st, p.args[0] ?? '');
      // The attaching CLI inspects first: 20.10 reports a missing container client-side.
      if (!c) {
        errOut(ctx, noSuchText(ctx, 'container', p.args[0] ?? '') + '\n');
        return 1;
      }
      try {
        const r = startContainer(ctx.st, c, { attached: true, io: ctx.io }, ctx.events);
        return r.kind === 'running' ? 0 : r.status;
      } catch (e) {
        // Unlike `docker run`, a failed `docker start -a` is a plain daemon error (exit 1).
        if (e instanceof DaemonError) return daemonError(ctx, e.message);
        throw e;
      }
    }
    let failed = false;
    for (const ref of p.args) {
      const c = findContainer(ctx.st, ref);
      if (!c) {
        errOut(ctx, `Error response from daemon: No such container: ${ref}\n`);
        failed = true;
        continue;
      }
      try {
        startContainer(ctx.st, c, { attached: false, io: ctx.io }, ctx.events);
        out(ctx, ref + '\n');
      } catch (e) {
        if (!(e instanceof DaemonError)) throw e;
        errOut(ctx, `Error response from daemon: ${e.message}\n`);
        failed = true;
      }
    }
    if (failed) {
      errOut(ctx, 'Error: failed to start containers: ' + p.args.join(', ') + '\n');
      return 1;
    }
    return 0;
  },
};

function stopLike(path: 'stop' | 'kill', description: string): DockerCommand {
  return {
    spec: {
      path,
      usage: `docker ${path} [OPTIONS] CONTAINER [CONTAINER...]`,
      description,
      flags:
        path === 'stop'
          ? [{ long: 'time', short: 't', kind: 'int', help: 'Seconds to wait before killing the container' }, { long: 'signal', short: 's', kind: 'string', help: 'Signal to send to the container' }]
          : [{ long: 'signal', short: 's', kind: 'string', help: 'Signal to send to the container' }],
    },
    run(ctx, p) {
      return eachContainer(ctx, p.args, (ref) => {
        const c = findContainer(ctx.st, ref);
        const kill = (why: string) => daemonText(ctx.profile, `Cannot kill container: ${ref}: ${why}`);
        if (!c) return path === 'kill' ? kill(`No such container: ${ref}`) : `No such container: ${ref}`;
        if (path === 'kill' && c.state.status !== 'running') return kill(daemonText(ctx.profile, `Container ${c.id} is not running`));
        stopContainer(ctx.st, c, ctx.events);
        out(ctx, ref + '\n');
        return undefined;
      });
    },
  };
}

export const stop = stopLike('stop', 'Stop one or more running containers');
export const kill = stopLike('kill', 'Kill one or more running containers');

export const restart: DockerCommand = {
  spec: {
    path: 'restart',
    usage: 'docker restart [OPTIONS] CONTAINER [CONTAINER...]',
    description: 'Restart one or more containers',
    flags: [{ long: 'time', short: 't', kind: 'int', help: 'Seconds to wait before killing the container' }],
  },
  run(ctx, p) {
    return eachContainer(ctx, p.args, (ref) => {
      const c = findContainer(ctx.st, ref);
      if (!c) return `No such container: ${ref}`;
      stopContainer(ctx.st, c, ctx.events);
      try {
        startContainer(ctx.st, c, { attached: false, io: ctx.io }, ctx.events);
      } catch (e) {
        if (e instanceof DaemonError) return e.message;
        throw e;
      }
      out(ctx, ref + '\n');
      return undefined;
    });
  },
};
