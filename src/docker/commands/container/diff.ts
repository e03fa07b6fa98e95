// docker diff: the writable layer's changes against the image (init-layer paths never show;
// content under volumes, binds and tmpfs never shows; mount points the runtime created do).

import type { DockerCommand } from '../../command.ts';
import { daemonError, out } from '../../errors.ts';
import { peekFindContainer } from '../../../container/lookup.ts';
import { lowerLayers } from '../../../container/runtime-fs.ts';
import { diffLayers } from '../../../union/diff.ts';

export const diff: DockerCommand = {
  spec: { path: 'diff', args: { min: 1, max: 1 }, usage: 'docker diff CONTAINER', description: 'Inspect changes to files or directories on a container\'s filesystem', flags: [] },
  run(ctx, p) {
    const c = peekFindContainer(ctx.st, p.args[0] ?? '');
    if (!c) return daemonError(ctx, `No such container: ${p.args[0]}`);
    for (const change of diffLayers(c.upper, lowerLayers(ctx.st, c))) out(ctx, `${change.kind} ${change.path}\n`);
    return 0;
  },
};
