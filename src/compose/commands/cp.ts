// `docker compose cp` (pkg/compose/cp.go): SERVICE:PATH names the service's container (--index,
// 1 by default); the copy itself is docker cp's, through the same archive endpoints, so strata
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

function containerFor(env: ComposeEnv, name: string, service: string, index: number | undefined): { id: string; name: string } {
  const cs = projectContainers(env.ctx.st, name, 'include', [service]).filter((c) => !c.config.Labels['com.docker.compose.oneoff'] || c.config.Labels['com.docker.compose.oneoff'] === 'False');
  if (cs.length === 0) throw new ComposeError(`no container found for service ${JSON.stringify(service)}`);
  const c = cs.find((x) => containerNumber(x) === (index ?? 1)) ?? (index === undefined ? cs[0] : undefined);
  if (!c) throw new ComposeError(`service "${service}" is not running container #${index}`);
  return { id: c.id, name: c.name };
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
      { long: 'all', kind: 'bool', help: 'Include containers created by the run command', hidden: true },
    ],
  },
  run(env, p) {
    const [src, dst] = p.args as [string, string];
    const from = splitArg(src);
    const to = splitArg(dst);
    if (from && to) throw new ComposeError('copying between services is not supported');
    if (!from && !to) throw new ComposeError('unknown copy direction');
    const { name } = projectOrName(env, [(from ?? to)!.service]);
    const index = flagInt(p, 'index');
    const c = containerFor(env, name, (from ?? to)!.service, index);
    // compose passes the container's ID to the daemon (its errors name the ID) and reports the
    // copy as an event of the container, the paths written with its name (recorded: compose/cp-service)
    const args = from ? [`${c.id}:${from.path}`, dst] : [src, `${c.id}:${to!.path}`];
    const text = from ? `copy ${c.name}:${from.path} to ${dst}` : `copy ${src} to ${c.name}:${to!.path}`;
    env.progress.event(c.name, 'Copying', text);
    const parsed: ParsedArgs = { flags: flagBool(p, 'follow-link') ? { 'follow-link': true } : {}, args };
    const status = cp.run(env.ctx, parsed);
    if (status === 0) env.progress.event(c.name, 'Copied', text);
    return status;
  },
};
