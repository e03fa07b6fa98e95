// docker import: a root file system tar (a file on the host, or `-` for standard input) becomes
// a one-layer image (docker/cli cli/command/image/import.go sends the file; the daemon builds
// the image: src/image/import.ts). `--change` takes the Dockerfile instructions `docker commit`
// takes; the image ID is printed as `sha256:...`.

import type { DockerCommand } from '../../command.ts';
import { flagList, flagString } from '../../args.ts';
import { daemonError, errOut, out } from '../../errors.ts';
import { hostFs } from '../../../container/runtime-fs.ts';
import { readTar, TarFormatError, type TarEntry } from '../../../archive/tar.ts';
import { applyCommitChanges } from '../../../image/commit-changes.ts';
import { emptyImageConfig, importImage } from '../../../image/import.ts';
import { normalizeRef } from '../../../image/store.ts';
import { FsError } from '../../../fs/errors.ts';
import { join } from '../../../fs/path.ts';

export const importCommand: DockerCommand = {
  spec: {
    path: 'import',
    args: { min: 1, max: 2 },
    usage: 'docker import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]',
    description: 'Import the contents from a tarball to create a filesystem image',
    flags: [
      { long: 'change', short: 'c', kind: 'list', help: 'Apply Dockerfile instruction to the created image' },
      { long: 'message', short: 'm', kind: 'string', help: 'Set commit message for imported image' },
      { long: 'platform', kind: 'string', help: 'Set platform if server is multi-platform capable', refuse: 'one platform (linux/amd64) is simulated' },
    ],
  },
  run(ctx, p) {
    const [source, repo] = p.args as [string, string | undefined];
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
      errOut(ctx, 'strata does not simulate `docker import URL` (there is no network)\n');
      return 125;
    }
    let data: string;
    if (source === '-') data = ctx.io.stdin;
    else {
      try {
        data = hostFs(ctx.st).readFile(join(ctx.cwd, source));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        // The CLI opens the file itself (os.Open): the path as typed.
        errOut(ctx, `open ${source}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}\n`);
        return 1;
      }
    }
    const changed = applyCommitChanges(emptyImageConfig(), flagList(p, 'change'), ctx.profile.commitChangeWordAsWritten);
    if ('error' in changed) return daemonError(ctx, changed.error);
    const config = changed.config;
    let entries: TarEntry[];
    try {
      entries = readTar(data);
    } catch (e) {
      if (!(e instanceof TarFormatError)) throw e;
      errOut(ctx, 'strata does not simulate `docker import` of an archive that is not a plain tar\n');
      return 125;
    }
    // The CLI sends a file's content as the request body, so the daemon's source is `-`; without
    // -m the comment says where the archive came from (recorded: image/import).
    const image = importImage(ctx.st, entries, config, flagString(p, 'message') || 'Imported from -', data);
    if (repo !== undefined) ctx.st.tags[normalizeRef(repo)] = image.id;
    out(ctx, `sha256:${image.id}\n`);
    return 0;
  },
};
