// `docker compose cp` (pkg/compose/cp.go): SERVICE:PATH names the service's containers (below);
// the copy itself is docker cp's, through the same archive endpoints, so strata
// hands it to the docker command with the container's name.

import { flagBool, flagInt, type ParsedArgs } from '../../docker/args.ts';
import { cp } from '../../docker/commands/container/cp.ts';
import { containerNumber, projectContainers } from '../project/containers.ts';
import { projectOrName } from '../project/name.ts';
import { ComposeError, type ComposeEnv } from '../project/env.ts';
import type { ComposeCommand } from './command.ts';

function splitArg(arg: string): { service: string; path: string } | undefined {
  if (arg.startsWith('/') || arg.startsWith('.')) return undefined;
  const i = arg.indexOf(':');
  if (i <= 0) return undefined;
  return { service: arg.slice(0, i), path: arg.slice(i + 1) };
}

/**
 * listContainersTargetedForCopy (pkg/compose/cp.go at v2.26.1): with --index that container;
 * else every container of the service (stopped ones too, not `run`'s) in the daemon's list order,
 * newest first: a copy into the service goes to each of them, a copy out of it takes the newest
 * (recorded: compose/sweep-cp-scaled, compose/sweep-cp-from-scaled).
 */
function containersFor(env: ComposeEnv, name: string, service: string, index: number | undefined, from: boolean): { id: string; name: string }[] {
  const cs = projectContainers(env.ctx.st, name, 'exclude', [service]);
  if (index !== undefined && index > 0) {
    const c = cs.find((x) => containerNumber(x) === index);
    if (!c) throw new ComposeError(`service "${service}" is not running container #${index}`);
    return [{ id: c.id, name: c.name }];
  }
  if (cs.length === 0) throw new ComposeError(`no container found for service ${JSON.stringify(service)}`);
  const newestFirst = [...cs].reverse().map((c) => ({ id: c.id, name: c.name }));
  return from ? newestFirst.slice(0, 1) : newestFirst;
}

export const cpCommand: ComposeCommand = {
  spec: {
    path: 'compose cp',
    usage: 'docker compose cp [OPTIONS] SERVICE:SRC_PATH DEST_PATH|-\n\tdocker compose cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH',
    description: 'Copy files/folders between a service container and the local filesystem',
    args: { min: 2, max: 2 },
    flags: [
      { long: 'archive', short: 'a', kind: 'bool', help: 'Archive mode (copy all uid/gid information)', refuse: "chown to the container's user is not simulated yet" },
      { long: 'follow-link', short: 'L', kind: 'bool', help: 'Always follow symbol link in SRC_PATH' },
      { long: 'index', kind: 'int', help: 'Index of the container if service has multiple replicas' },
      { long: 'all', kind: 'bool', help: 'Copy to all the containers of the service', hidden: true },
    ],
  },
  run(env, p) {
    const [src, dst] = p.args as [string, string];
    // MarkDeprecated (cmd/compose/cp.go): cobra's line when the flag is given, before anything runs
    const all = flagBool(p, 'all');
    if (all) env.out.stderr('Flag --all has been deprecated, By default all the containers of the service will get the source file/directory to be copied\n');
    const from = splitArg(src);
    const to = splitArg(dst);
    if (from && all) throw new ComposeError('cannot use the --all flag when copying from a service');
    if (from && to) throw new ComposeError('copying between services is not supported');
    if (!from && !to) throw new ComposeError('unknown copy direction');
    const { name } = projectOrName(env, [(from ?? to)!.service]);
    const targets = containersFor(env, name, (from ?? to)!.service, flagInt(p, 'index'), from !== undefined);
    // compose copies to each container at once and passes its ID to the daemon (its errors name
    // the ID), reporting each copy as an event of the container, the paths written with its name
    // (recorded: compose/cp-service); a failed copy leaves the others going, the status is the failure's
    let status = 0;
    for (const c of targets) {
      const args = from ? [`${c.id}:${from.path}`, dst] : [src, `${c.id}:${to!.path}`];
      const text = from ? `copy ${c.name}:${from.path} to ${dst}` : `copy ${src} to ${c.name}:${to!.path}`;
      env.progress.event(c.name, 'Copying', text);
      const parsed: ParsedArgs = { flags: flagBool(p, 'follow-link') ? { 'follow-link': true } : {}, args };
      const one = cp.run(env.ctx, parsed);
      if (one === 0) env.progress.event(c.name, 'Copied', text);
      else status = one;
    }
    return status;
  },
};
