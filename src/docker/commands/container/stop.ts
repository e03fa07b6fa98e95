// docker stop and docker kill: signal the main process (container/lifecycle.ts says what a
// signal does); once it ends, the writable layer and volumes stay, tmpfs content is gone.

import type { DockerCommand } from '../../command.ts';
import { out } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { signalContainer, stopContainer } from '../../../container/lifecycle.ts';
import { flagInt, flagString } from '../../args.ts';
import { daemonText } from '../../../engine/profile.ts';
import { eachContainer } from './each.ts';
import { parseSignal, validSignalForPlatform } from '../../../container/signals.ts';

function stopLike(path: 'stop' | 'kill', description: string): DockerCommand {
  return {
    spec: {
      path,
      args: { min: 1 },
      usage: `docker ${path} [OPTIONS] CONTAINER [CONTAINER...]`,
      description,
      flags:
        path === 'stop'
          ? [
              { long: 'time', short: 't', kind: 'int', help: 'Seconds to wait before killing the container' },
              // Added in CLI 23.0 (the 20.10 CLI: "unknown shorthand flag: 's' in -s").
              { long: 'signal', short: 's', kind: 'string', help: 'Signal to send to the container', minClient: '28.2' },
            ]
          : [{ long: 'signal', short: 's', kind: 'string', help: 'Signal to send to the container' }],
    },
    run(ctx, p) {
      const signal = flagString(p, 'signal');
      const profile = ctx.profile;
      // An empty signal is the default one: SIGKILL for kill, the stop signal for stop.
      const signo = signal ? parseSignal(signal) : undefined;
      const invalid = daemonText(profile, `invalid signal: ${signal}`);
      const unsupported = daemonText(profile, `the linux daemon does not support signal ${signo}`);
      return eachContainer(ctx, p.args, (ref) => {
        const c = findContainer(ctx.st, ref);
        const kill = (why: string) => daemonText(profile, `Cannot kill container: ${ref}: ${why}`);
        const supported = signo === undefined || validSignalForPlatform(signo);
        if (path === 'kill' && signal && signo === undefined) return profile.killReadsSignalFirst ? kill(invalid) : invalid;
        if (path === 'kill' && profile.killReadsSignalFirst && !supported) return kill(unsupported);
        if (!c) return path === 'kill' ? kill(`No such container: ${ref}`) : `No such container: ${ref}`;
        if (path === 'kill' && !supported) return kill(unsupported);
        if (path === 'kill' && c.state.status !== 'running') return kill(daemonText(profile, `Container ${c.id} is not running`));
        // docker stop -s (API 1.42, so 26.1 only) reads the signal once the container runs (daemon/stop.go).
        if (path === 'stop' && signal && signo === undefined && c.state.status === 'running') return `cannot stop container: ${ref}: ${invalid}`;
        if (path === 'kill') signalContainer(ctx.st, c, signal || 'KILL', ctx.events);
        else stopContainer(ctx.st, c, ctx.events, { signal: signal || undefined, timeout: flagInt(p, 'time'), advanceTo: ctx.advanceTo });
        out(ctx, ref + '\n');
        return undefined;
      });
    },
  };
}

export const stop = stopLike('stop', 'Stop one or more running containers');
export const kill = stopLike('kill', 'Kill one or more running containers');
