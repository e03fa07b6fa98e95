// docker export: the container's merged root file system (image + init layer + writable layer)
// as a tar stream, without the content of volumes, binds or tmpfs (their mount points appear
// as empty directories).

import type { DockerCommand } from '../../command.ts';
import { flagString } from '../../args.ts';
import { daemonError } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { hostFs, rootOnlyFs } from '../../../container/runtime-fs.ts';
import { createTar, type TarEntry } from '../../../archive/tar.ts';
import { collectEntries } from './tar-io.ts';
import { join, normalize } from '../../../fs/path.ts';

export const exportCommand: DockerCommand = {
  spec: {
    path: 'export',
    usage: 'docker export [OPTIONS] CONTAINER',
    description: "Export a container's filesystem as a tar archive",
    flags: [{ long: 'output', short: 'o', kind: 'string', help: 'Write to a file, instead of STDOUT' }],
  },
  run(ctx, p) {
    const c = findContainer(ctx.st, p.args[0] ?? '');
    if (!c) return daemonError(ctx, `No such container: ${p.args[0]}`);
    const fs = rootOnlyFs(ctx.st, c);
    const entries: TarEntry[] = [];
    for (const name of fs.readdir('/').sort()) entries.push(...collectEntries(fs, `/${name}`, name));
    const tar = createTar(entries);
    const output = flagString(p, 'output');
    if (output !== undefined) hostFs(ctx.st).writeFile(normalize(join(ctx.cwd, output)), tar);
    else ctx.io.stdout(tar);
    return 0;
  },
};
