// --env-file of `docker run`, `docker create` and `docker exec` (docker/cli opts/envfile.go
// ParseEnvFile, opts/file.go parseKeyValueFile): the file's lines, leading whitespace trimmed;
// blank lines and `#` comments skipped; `KEY=VALUE` passed as written; a bare `KEY` takes the
// CLI's own environment's value, and is left out when the CLI has none (recorded:
// exec/exec-user-workdir-env, `C=fromhost docker exec --env-file ...`).

import { join, normalize } from '../../../fs/path.ts';
import { hostFs } from '../../../container/runtime-fs.ts';
import type { DockerContext } from '../../context.ts';

/** The variables of the files, in order, or the CLI's error (`open FILE: no such file or directory`). */
export function readEnvFiles(ctx: DockerContext, files: readonly string[]): string[] | { error: string } {
  const out: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = hostFs(ctx.st).readFile(normalize(join(ctx.cwd, file)));
    } catch {
      return { error: `open ${file}: no such file or directory` };
    }
    // bufio.ScanLines: lines end at \n, a \r before it dropped
    for (const raw of text.split('\n')) {
      const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      if (eq >= 0) out.push(line);
      else {
        const value = ctx.env?.[line.trim()];
        if (value !== undefined) out.push(`${line.trim()}=${value}`);
      }
    }
  }
  return out;
}

/**
 * -e of `docker run`, `docker create` and `docker exec` (docker/cli opts.ValidateEnv, the
 * ListOpts' validator): a `KEY` without `=` takes the CLI's own value of KEY when it has one, and
 * goes to the daemon as written otherwise (recorded: compose/exec-twins,
 * `GREETING=from-shell docker run -e GREETING` and `docker exec -e GREETING`).
 */
export function clientEnv(ctx: DockerContext, entries: readonly string[]): string[] {
  return entries.map((e) => (e.includes('=') || ctx.env?.[e] === undefined ? e : `${e}=${ctx.env[e]}`));
}
