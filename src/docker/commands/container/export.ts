// docker export: the container's merged root file system (image + init layer + writable layer)
// as a tar stream, without the content of volumes, binds or tmpfs (their mount points appear
// as empty directories).

import type { DockerCommand } from '../../command.ts';
import { flagString } from '../../args.ts';
import { daemonError, errOut } from '../../errors.ts';
import type { DockerContext } from '../../context.ts';
import { findContainer } from '../../../container/lookup.ts';
import { hostFs, rootOnlyFs } from '../../../container/runtime-fs.ts';
import { createTar, type TarEntry } from '../../../archive/tar.ts';
import { collectEntries } from '../../../archive/collect.ts';
import { withOwnerNames } from '../../../archive/owner-names.ts';
import { dirname, goClean, join, normalize } from '../../../fs/path.ts';
import { goErrorText, isFsError, type Errno } from '../../../fs/errors.ts';
import { sha256Hex } from '../../../engine/ids.ts';

export const exportCommand: DockerCommand = {
  spec: {
    path: 'export',
    args: { min: 1, max: 1 },
    usage: 'docker export [OPTIONS] CONTAINER',
    description: "Export a container's filesystem as a tar archive",
    flags: [{ long: 'output', short: 'o', kind: 'string', help: 'Write to a file, instead of STDOUT' }],
  },
  run(ctx, p) {
    const output = flagString(p, 'output');
    // The CLI checks the output path before it asks the daemon for the container.
    const checked = output === undefined ? undefined : checkOutputPath(ctx, output);
    if (checked?.problem !== undefined) return failed(ctx, checked.problem);
    const c = findContainer(ctx.st, p.args[0]!);
    if (!c) return daemonError(ctx, `No such container: ${p.args[0]}`);
    const fs = rootOnlyFs(ctx.st, c);
    const entries: TarEntry[] = [];
    for (const name of fs.readdir('/').sort()) entries.push(...collectEntries(fs, `/${name}`, name));
    const tar = createTar(withOwnerNames(ctx.profile, fs, entries), { typeBits: ctx.profile.tarTypeBits });
    if (output === undefined || checked === undefined) {
      ctx.io.stdout(tar);
      return 0;
    }
    if (checked.targetIsDir) {
      // Only the 20.10 CLI gets here: it writes a temporary file beside the target, and renaming
      // it onto a directory fails (the temporary file is removed again). Its name is random.
      const temp = `${dirname(output)}/.docker_temp_${parseInt(sha256Hex(`${ctx.st.clock}:${output}`).slice(0, 8), 16)}`;
      errOut(ctx, `rename ${temp} ${output}: file exists\n`);
      return 1;
    }
    hostFs(ctx.st).writeFile(normalize(join(ctx.cwd, output)), tar);
    return 0;
  },
};

function failed(ctx: DockerContext, msg: string): number {
  errOut(ctx, `failed to export container: ${msg}\n`);
  return 1;
}

/**
 * The CLI's ValidateOutputPath: the directory of the cleaned path must exist (the 28.2 CLI also
 * wants it to be a directory, and refuses a target that is one); recorded in
 * core/export-output-path. A directory target passes on 20.10 and fails later, at the rename.
 */
function checkOutputPath(ctx: DockerContext, output: string): { problem?: string; targetIsDir: boolean } {
  const host = hostFs(ctx.st);
  /** What os.Stat says of a path: a directory, something else, or the errno it fails with. */
  const stat = (path: string): 'dir' | 'other' | Errno => {
    try {
      return host.stat(normalize(join(ctx.cwd, path))).kind === 'dir' ? 'dir' : 'other';
    } catch (e) {
      if (isFsError(e)) return e.code;
      throw e;
    }
  };
  const modern = ctx.profile.client !== '20.10';
  const dir = dirname(goClean(output));
  if (dir !== '.') {
    const d = stat(dir);
    if (d === 'ENOENT' && !modern) return { problem: `invalid output path: directory "${dir}" does not exist`, targetIsDir: false };
    if (modern && d !== 'dir') return { problem: `invalid output path: stat ${dir}: ${goErrorText(d === 'other' ? 'ENOTDIR' : d)}`, targetIsDir: false };
  }
  const t = stat(output);
  if (t === 'dir') return modern ? { problem: 'cannot write to a directory', targetIsDir: true } : { targetIsDir: true };
  if (t === 'other' || t === 'ENOENT') return { targetIsDir: false };
  return { problem: `stat ${output}: ${goErrorText(t)}`, targetIsDir: false };
}
