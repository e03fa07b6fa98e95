// docker load: the images of a `docker save` archive (a file with -i, or standard input), with
// their tags; one `Loaded image: NAME:TAG` line per tag (`Loaded image ID: sha256:...` for an
// untagged one).

import type { DockerCommand } from '../../command.ts';
import { flagString } from '../../args.ts';
import { errOut, out, refusal } from '../../errors.ts';
import { decompress, detectCompression, UnsupportedCompression } from '../../../archive/compression.ts';
import { GunzipError } from '../../../archive/gzip.ts';
import { LimitError } from '../../../fs/errors.ts';
import { hostFs } from '../../../container/runtime-fs.ts';
import { ArchiveError, LoadFailure, loadImages } from '../../../image/archive.ts';
import { readTar, TarFormatError } from '../../../archive/tar.ts';
import { FsError } from '../../../fs/errors.ts';
import { join } from '../../../fs/path.ts';

function wholeTar(data: string): boolean {
  try {
    readTar(data);
    return true;
  } catch (e) {
    if (e instanceof TarFormatError) return false;
    throw e;
  }
}

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
    const reexec = ctx.profile.untarReexec;
    try {
      data = decompress(data);
    } catch (e) {
      if (e instanceof UnsupportedCompression) return refusal(ctx, `strata does not simulate \`docker load\` of ${e.message}`);
      if (e instanceof LimitError) throw e;
      if (!(e instanceof GunzipError)) return refusal(ctx, `strata does not simulate \`docker load\` of damaged ${detectCompression(data)}-compressed data (${e instanceof Error ? e.message : String(e)}): the engines' words for it are not recorded`);
      // A damaged gzip stream (recorded: image-layers/load-corrupt). Cut or corrupt before its
      // end, the archive in it is cut too (a docker save tar ends with its end-of-archive
      // blocks): 20.10's docker-untar child reads a pipe the daemon closes, so `unexpected EOF`
      // whatever the damage; 26.1 untars in-process and prints the gzip reader's error: `unexpected
      // EOF`, or flate's `corrupt input before offset N`, an offset strata does not compute.
      const body = e.body();
      if (body === undefined) {
        if (e.kind === 'corrupt' && !reexec) return refusal(ctx, "strata does not simulate `docker load` of a gzip stream with corrupt data: Go's error names the byte offset where its decoder failed, which strata does not compute");
        errOut(ctx, `${reexec ? 'Error processing tar file(exit status 1): ' : ''}unexpected EOF\n`);
        return 1;
      }
      // The data is whole, its trailer wrong or cut: 26.1's tar reader stops at the end of the
      // archive and never reads the trailer, so the images load; 20.10's child untars it all and
      // the daemon then fails on the gzip reader's error, with the child's empty output.
      // (A body that is no whole archive fails as the tar reader says, below.)
      if (reexec && wholeTar(body)) {
        errOut(ctx, `Error processing tar file(${e.kind === 'checksum' ? 'gzip: invalid checksum' : 'unexpected EOF'}): \n`);
        return 1;
      }
      data = body;
    }
    let lines: string[];
    try {
      lines = loadImages(ctx.st, data);
    } catch (e) {
      if (e instanceof ArchiveError) {
        errOut(ctx, `${e.message}\n`);
        return 125;
      }
      if (e instanceof LoadFailure) {
        out(ctx, e.lines.map((l) => l + '\n').join(''));
        errOut(ctx, `${e.message}\n`);
        return 1;
      }
      if (!(e instanceof TarFormatError)) throw e;
      // 20.10 unpacks in a re-executed docker-untar (moby pkg/chrootarchive), 26.1 in-process.
      // Go's archive/tar: a block that is no header (its checksum or magic wrong, a number that
      // does not parse) is ErrHeader, a cut archive io.ErrUnexpectedEOF (recorded:
      // image-layers/load-corrupt, a text file of 1 KB and one of 6 bytes).
      const why = /^(invalid tar|corrupted octal)/.test(e.message) ? 'archive/tar: invalid tar header' : 'unexpected EOF';
      errOut(ctx, `${reexec ? 'Error processing tar file(exit status 1): ' : ''}${why}\n`);
      return 1;
    }
    // -q (and any output that is no terminal: the CLI sets quiet itself) drops only the progress
    // bars; the daemon still sends each `Loaded image` line (docker/cli cli/command/image/load.go,
    // moby image/tarexport/load.go; recorded: commit-hostname/commit-domainname)
    out(ctx, lines.map((l) => l + '\n').join(''));
    return 0;
  },
};
