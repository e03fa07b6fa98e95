// docker update: only --restart is simulated (a restart policy is stored and shown, as with
// `docker run --restart`; docs/compat.md, "Stored and shown, not enforced"); the resource limits
// are refused by name. The CLI sends one update per container, prints the name of each it
// updated, then the daemon's errors joined (docker/cli cli/command/container/update.go runUpdate).

import type { DockerCommand } from '../../command.ts';
import type { FlagSpec } from '../../args.ts';
import { flagString } from '../../args.ts';
import { errOut, out } from '../../errors.ts';
import { DaemonError } from '../../../container/errors.ts';
import { updateRestartPolicy } from '../../../container/update.ts';
import { parseRestartPolicy } from './settings-flags.ts';

const LIMITS = 'resource limits are outside the storage model';
const limit = (long: string, help: string, short?: string): FlagSpec => ({ long, ...(short ? { short } : {}), kind: 'string', help, refuse: LIMITS });

export const update: DockerCommand = {
  spec: {
    path: 'update',
    args: { min: 1 },
    usage: 'docker update [OPTIONS] CONTAINER [CONTAINER...]',
    description: 'Update configuration of one or more containers',
    flags: [
      limit('blkio-weight', 'Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)'),
      limit('cpu-period', 'Limit CPU CFS (Completely Fair Scheduler) period'),
      limit('cpu-quota', 'Limit CPU CFS (Completely Fair Scheduler) quota'),
      limit('cpu-rt-period', 'Limit the CPU real-time period in microseconds'),
      limit('cpu-rt-runtime', 'Limit the CPU real-time runtime in microseconds'),
      limit('cpu-shares', 'CPU shares (relative weight)', 'c'),
      limit('cpus', 'Number of CPUs'),
      limit('cpuset-cpus', 'CPUs in which to allow execution (0-3, 0,1)'),
      limit('cpuset-mems', 'MEMs in which to allow execution (0-3, 0,1)'),
      limit('kernel-memory', 'Kernel memory limit (deprecated)'),
      limit('memory', 'Memory limit', 'm'),
      limit('memory-reservation', 'Memory soft limit'),
      limit('memory-swap', 'Swap limit equal to memory plus swap: -1 to enable unlimited swap'),
      limit('pids-limit', 'Tune container pids limit (set -1 for unlimited)'),
      { long: 'restart', kind: 'string', help: 'Restart policy to apply when a container exits' },
    ],
  },
  run(ctx, p) {
    const given = flagString(p, 'restart');
    // options.nFlag: a flag given, even with an empty value
    if (given === undefined) {
      errOut(ctx, 'you must provide one or more flags when using this command\n');
      return 1;
    }
    const policy = parseRestartPolicy(given, ctx.profile.client);
    if (typeof policy === 'string') {
      errOut(ctx, `${policy}\n`);
      return 1;
    }
    const errors: string[] = [];
    for (const ref of p.args) {
      try {
        updateRestartPolicy(ctx.st, ctx.profile, ref, policy);
        out(ctx, `${ref}\n`);
      } catch (e) {
        if (!(e instanceof DaemonError)) throw e;
        errors.push(`Error response from daemon: ${e.message}`);
      }
    }
    if (errors.length === 0) return 0;
    errOut(ctx, `${errors.join('\n')}\n`);
    return 1;
  },
};
