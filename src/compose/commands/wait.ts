// `docker compose wait SERVICE...` (cmd/compose/wait.go, pkg/compose/wait.go at v2.26.1): the
// project's *running* containers of the services, one-off ones too (getContainers with all=false):
// none is `no containers for project "NAME"` (exit 1), also for a service that has only exited
// containers; each is waited on (the daemon's ContainerWait) and printed as
// `container "ID" exited with status code N`, and compose exits with that code (PostRun's
// os.Exit). `--down-project` then takes the project down with --remove-orphans (recorded:
// compose/wait). As for `docker wait` (docker/commands/container/wait.ts), only a container whose
// main process is a bare `sleep` ends by itself here: strata moves its clock there; waiting on
// any other would block forever, and several at once print in the order they happen to end.

import { flagBool } from '../../docker/args.ts';
import { containerById } from '../../container/registry.ts';
import { down } from '../project/down.ts';
import { byName, projectContainers } from '../project/containers.ts';
import { projectOrName } from '../project/name.ts';
import { ComposeError } from '../project/env.ts';
import { ComposeUnsupported } from '../model/load.ts';
import { quote } from '../../docker/format/fmt.ts';
import type { ComposeCommand } from './command.ts';

export const waitCommand: ComposeCommand = {
  spec: {
    path: 'compose wait',
    usage: 'docker compose wait SERVICE [SERVICE...] [OPTIONS]',
    description: 'Block until the first service container stops',
    args: { min: 1 },
    flags: [{ long: 'down-project', kind: 'bool', help: 'Drops project when the first container stops' }],
  },
  run(env, p) {
    const { project, name } = projectOrName(env, p.args);
    const st = env.ctx.st;
    const running = byName(projectContainers(st, name, 'include', p.args).filter((c) => c.state.status === 'running'));
    if (running.length === 0) throw new ComposeError(`no containers for project ${quote(name)}`);
    if (running.length > 1) throw new ComposeUnsupported(`strata does not simulate \`docker compose wait\` on several running containers (${running.map((c) => c.name).join(', ')}): the order they end in is the real engine's race`);
    const [c] = running;
    const advance = env.ctx.advanceTo;
    if (c.wakeAt === undefined || advance === undefined) throw new ComposeUnsupported(`strata does not simulate waiting for ${c.name}: it would never stop by itself here`);
    const id = c.id;
    advance(c.wakeAt);
    const code = containerById(env.ctx.st, id)?.state.exitCode ?? 0;
    env.out.stdout(`container ${quote(id)} exited with status code ${code}\n`);
    if (flagBool(p, 'down-project')) down(env, name, project, { services: [], volumes: false, removeOrphans: true });
    return code;
  },
};
