// The build contexts `docker build` reads from stdin: a tar archive as the whole context
// (`docker build - < ctx.tar`), and a Dockerfile with a context directory (`-f - DIR`), which
// the legacy CLI sends by rewriting the directory's tar (docker/cli
// cli/command/image/build/context.go GetContextFromReader, AddDockerfileToBuildContext).

import type { EngineState } from '../../engine/state.ts';
import type { Vfs } from '../../fs/vfs.ts';
import { memoryFs } from '../../fs/memory.ts';
import { dir } from '../../fs/node.ts';
import { decompress, detectCompression, UnsupportedCompression } from '../../archive/compression.ts';
import { isTarHeader, readTar, TarFormatError } from '../../archive/tar.ts';
import { extractEntries, ExtractError } from '../../archive/untar.ts';
import { nextId } from '../../engine/ids.ts';
import { treeOf } from './run-mount.ts';
import { contextTarSize, DockerIgnore } from './context.ts';

/**
 * docker/cli build.IsArchive over the first 512 bytes of stdin: compressed (moby
 * DetectCompression), or a tar header archive/tar accepts. buildx peeks the same way.
 */
export function isArchive(data: string): boolean {
  return detectCompression(data) !== 'none' || isTarHeader(data.slice(0, 512));
}

/**
 * The context a tar on stdin holds, unpacked into a file system of its own (at `/context`), or
 * strata's refusal. Neither builder's words for an archive that does not unpack are recorded.
 */
export function archiveContext(st: EngineState, data: string): { fs: Vfs; dir: string } | string {
  let raw: string;
  try {
    raw = decompress(data);
  } catch (e) {
    if (e instanceof UnsupportedCompression) return `strata does not simulate a build context in ${e.message}`;
    return 'strata does not simulate a build context from stdin that does not decompress: the daemon\'s words for it are not recorded';
  }
  let fs;
  try {
    const entries = readTar(raw);
    fs = memoryFs(dir({}, [['context', dir()]]), { clock: () => st.clock });
    extractEntries(fs, '/context', entries, { chown: true });
  } catch (e) {
    if (e instanceof TarFormatError || e instanceof ExtractError) return `strata does not simulate a build context from stdin that does not unpack (${e.message}): the daemon's words for it are not recorded`;
    throw e;
  }
  return { fs, dir: '/context' };
}

const block = (n: number): number => Math.ceil(n / 512) * 512;
const pad = (n: number): number => block(n) - n;

/**
 * `-f - DIR`. BuildKit reads the Dockerfile on its own and the directory as it is. The legacy CLI
 * (AddDockerfileToBuildContext) adds the Dockerfile to the directory's tar as
 * `.dockerfile.<20 random hex>` and appends that name to .dockerignore, or makes a .dockerignore
 * of `.dockerignore` and that name (which the daemon's removeDockerfile then drops along with
 * the Dockerfile): an existing .dockerignore reaches the image 34 bytes longer (recorded:
 * builds/build-stdin-dockerfile-dir). moby pkg/archive ReplaceFileTarWrapper closes its pipe before
 * the tar writer, so what it sends stops after the last file's data (no padding, no end blocks);
 * files it adds come last, in Go map order: with no .dockerignore the size the CLI prints is one
 * of two (undefined unless both are the same).
 */
export function stdinDockerfileContext(st: EngineState, fs: Vfs, contextDir: string, dockerfile: string, legacy: boolean): { context: { fs: Vfs; dir: string }; bytes: number | undefined } {
  const untouched = { fs, dir: contextDir };
  if (!legacy) return { context: untouched, bytes: undefined };
  const ignorePath = `${contextDir}/.dockerignore`;
  const hasIgnore = fs.exists(ignorePath) && fs.lstat(ignorePath).kind === 'file';
  const original = hasIgnore ? fs.readFile(ignorePath) : '';
  const ignore = new DockerIgnore(original, false, { stdinDockerfile: true });
  // A pattern that does not compile: the builder says so before anything is sent.
  if (ignore.problem !== undefined) return { context: untouched, bytes: undefined };
  const added = 512 + block(dockerfile.length);
  if (!hasIgnore) {
    const generated = '.dockerignore\n'.length + 32 + 1;
    const whole = contextTarSize(fs, contextDir, ignore) - 1024 + 512 + block(generated) + added;
    return { context: untouched, bytes: pad(generated) === pad(dockerfile.length) ? whole - pad(generated) : undefined };
  }
  const tree = treeOf(fs, contextDir, { root: false, skip: (rel) => ignore.excludes(rel) && !ignore.walksInto(rel) });
  const copy = memoryFs(dir({}, [['context', tree]]), { clock: () => st.clock });
  const meta = fs.lstat(ignorePath);
  const name = `.dockerfile.${nextId(st.ids).slice(0, 20)}`;
  copy.writeFile('/context/.dockerignore', `${original}\n${name}\n`);
  copy.utimes('/context/.dockerignore', meta.mtime);
  const bytes = contextTarSize(copy, '/context', ignore) - 1024 + added - pad(dockerfile.length);
  return { context: { fs: copy, dir: '/context' }, bytes };
}
