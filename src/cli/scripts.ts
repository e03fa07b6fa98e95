// The stand-in images' scripts as `npm run build` parsed them (scripts/build.mjs writes
// dist/scripts/<sha256>.jsonl: the script's text on its first line, then the shell's scriptChunks
// one command a line; <sha256>-bash.jsonl the same as bash parses it, for a GNU image whose sh is
// bash; and dist/scripts/index.json), handed to the shell so that the first run of
// an entrypoint or a client stand-in in a process reads its commands instead of parsing them
// (~50 ms of every `docker exec db mysql ...` page, before). A command is decoded when the script
// reaches it. A script is known by its length, then by its text compared whole (no digest: loading
// node:crypto cost every start ~8 ms, `strata --help` too).
// Only the bundle uses them, like the built stand-ins (src/cli/stand-ins.ts): the sources run
// through tsx parse every script themselves.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useParsedScripts, type ParsedChunk } from '../shell/index.ts';

/** The index: the length of each stored script (scripts are byte strings), the name of its file, and whether bash parsed it. */
export type ScriptIndex = [length: number, name: string, bash?: true][];

/** The folder of parsed scripts beside the bundle in `dist`. */
export function useParsedScriptsIn(dist: string): void {
  const dir = join(dist, 'scripts');
  let byLength: Map<string, string[]> | undefined;
  useParsedScripts((src, bash) => {
    if (!byLength) {
      byLength = new Map();
      try {
        for (const [length, name, parsedByBash] of JSON.parse(readFileSync(join(dir, 'index.json'), 'latin1')) as ScriptIndex) {
          const key = `${length}${parsedByBash ? 'b' : ''}`;
          byLength.set(key, [...(byLength.get(key) ?? []), name]);
        }
      } catch {
        // no index (an older dist/): every script is parsed
      }
    }
    // most scripts of a run are not stored ones (sh -c lines, eval): only a stored length costs a read
    for (const name of byLength.get(`${src.length}${bash ? 'b' : ''}`) ?? []) {
      let lines: string[];
      try {
        lines = readFileSync(join(dir, `${name}.jsonl`), 'latin1').split('\n');
      } catch {
        continue;
      }
      if (JSON.parse(lines[0]) !== src) continue;
      // (JSON text holds no raw newline: one line, one command; the last line is empty)
      return (n) => (n + 1 < lines.length - 1 ? (JSON.parse(lines[n + 1]) as ParsedChunk) : null);
    }
    return undefined;
  });
}
