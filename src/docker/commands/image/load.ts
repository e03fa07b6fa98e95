// docker load: the images of a `docker save` archive (a file with -i, or standard input), with
// their tags; one `Loaded image: NAME:TAG` line per tag (`Loaded image ID: sha256:...` for an
// untagged one).

import type { DockerCommand } from '../../command.ts';
import { flagBool, flagString } from '../../args.ts';
import { errOut, out, refusal } from '../../errors.ts';
import { decompress, UnsupportedCompression } from '../../../archive/compression.ts';
import { hostFs } from '../../../container/runtime-fs.ts';
import { ArchiveError, loadImages } from '../../../image/archive.ts';
import { TarFormatError } from '../../../archive/tar.ts';
import { FsError } from '../../../fs/errors.ts';
import { join } from '../../../fs/path.ts';

export const load: DockerCommand = {
  spec: {
    path: 'load',
    args: { min: 0, max: 0 },
    usage: 'docker load [OPTIONS]',
    description: 'Load an image from a tar archive or STDIN',
    flags: [
      { long: 'input', short: 'i', kind: 'string', help: 'Read from tar archive file, instead of STDIN' },
      { long: 'quiet', short: 'q', kind: 'bool', help: 'Suppress the load output' },
      { long: 'platform', kind: 'list', help: 'Load only the given platform(s)', refuse: 'one platform (linux/amd64) is simulated' },
    ],
  },
  run(ctx, p) {
    const input = flagString(p, 'input');
    let data: string;
    if (input === undefined) data = ctx.io.stdin;
    else {
      try {
        data = hostFs(ctx.st).readFile(join(ctx.cwd, input));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        // The CLI opens the file itself: the path as typed.
        errOut(ctx, `open ${input}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.message}\n`);
        return 1;
      }
    }
    // The daemon unpacks the archive with chrootarchive.Untar, which decompresses first: a `docker
    // save | gzip` file loads as it is (moby image/tarexport/load.go; recorded: archive/backup-save-load)
    try {
      data = decompress(data);
    } catch (e) {
      if (e instanceof UnsupportedCompression) return refusal(ctx, `strata does not simulate \`docker load\` of ${e.message}`);
      data = '';
    }
    let lines: string[];
    try {
      lines = loadImages(ctx.st, data);
    } catch (e) {
      if (e instanceof ArchiveError) {
        errOut(ctx, `${e.message}\n`);
        return 125;
      }
      if (!(e instanceof TarFormatError)) throw e;
      // 20.10 unpacks in a re-executed docker-untar (moby pkg/chrootarchive), 26.1 in-process.
      errOut(ctx, `${ctx.profile.untarReexec ? 'Error processing tar file(exit status 1): ' : ''}unexpected EOF\n`);
      return 1;
    }
    if (!flagBool(p, 'quiet')) out(ctx, lines.map((l) => l + '\n').join(''));
    return 0;
  },
};
