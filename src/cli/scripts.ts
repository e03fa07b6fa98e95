// The stand-in images' scripts as `npm run build` parsed them (scripts/build.mjs writes
// dist/scripts/<sha256>.jsonl, the shell's scriptChunks one command a line, and
// dist/scripts/index.json), handed to the shell so that the first run of an entrypoint or a client
// stand-in in a process reads its commands instead of parsing them (~50 ms of every `docker exec
// db mysql ...` page, before). A command is decoded when the script reaches it.
// Only the bundle uses them, like the built stand-ins (src/cli/stand-ins.ts): the sources run
// through tsx parse every script themselves.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useParsedScripts, type ParsedChunk } from '../shell/index.ts';

/** The index: the length of each stored script (in bytes: scripts are byte strings), and its digests. */
export type ScriptIndex = [length: number, sha256: string][];

/** The sha256 of a script's bytes (its characters, each one byte: see fs/bytes.ts). */
export function scriptDigest(src: string): string {
  return createHash('sha256').update(src, 'latin1').digest('hex');
}

/** The folder of parsed scripts beside the bundle in `dist`. */
export function useParsedScriptsIn(dist: string): void {
  const dir = join(dist, 'scripts');
  let byLength: Map<number, Set<string>> | undefined;
  useParsedScripts((src) => {
    if (!byLength) {
      byLength = new Map();
      try {
        for (const [length, sha] of JSON.parse(readFileSync(join(dir, 'index.json'), 'latin1')) as ScriptIndex) {
          byLength.set(length, (byLength.get(length) ?? new Set()).add(sha));
        }
      } catch {
        // no index (an older dist/): every script is parsed
      }
    }
    // most scripts of a run are not stored ones (sh -c lines, eval): only a stored length costs a digest
    const digests = byLength.get(src.length);
    if (!digests) return undefined;
    const sha = scriptDigest(src);
    if (!digests.has(sha)) return undefined;
    let lines: string[];
    try {
      lines = readFileSync(join(dir, `${sha}.jsonl`), 'latin1').split('\n');
    } catch {
      return undefined;
    }
    // (JSON text holds no raw newline: one line, one command; the last line is empty)
    return (n) => (n < lines.length - 1 ? (JSON.parse(lines[n]) as ParsedChunk) : null);
  });
}
