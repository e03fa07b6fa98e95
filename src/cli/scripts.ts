// The stand-in images' scripts as `npm run build` parsed them (scripts/build.mjs writes
// dist/scripts/<sha256>.jsonl: the script's text on its first line, the number of its commands on
// the second, then the shell's scriptChunks one command a line, then the bodies of the functions
// its top level defines, one a line, which each definition names by its line; <sha256>-bash.jsonl
// the same as bash parses it, for a GNU image whose sh is bash; and dist/scripts/index.json),
// handed to the shell so that the first run of an entrypoint or a client stand-in in a process
// reads its commands instead of parsing them (~50 ms of every `docker exec db mysql ...` page,
// before). A command is decoded when the script reaches it, a function's body at the function's
// first call (LazyFunctionDef). A script is known by its length, then by its text compared whole (no digest: loading
// node:crypto cost every start ~8 ms, `strata --help` too).
// Only the bundle uses them, like the built stand-ins (src/cli/stand-ins.ts): the sources run
// through tsx parse every script themselves.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LazyFunctionDef, useParsedScripts, type Command, type CompoundCommand, type ParsedChunk, type ParsedCommands, type Pipeline } from '../shell/index.ts';

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
      let text: string;
      try {
        text = readFileSync(join(dir, `${name}.jsonl`), 'latin1');
      } catch {
        continue;
      }
      const commands = readStoredScript(text, src);
      if (commands) return commands;
    }
    return undefined;
  });
}

/**
 * The text of a script's file in dist/scripts (what scripts/build.mjs writes): JSON lines, ASCII
 * (other characters escaped: the CLI reads the file as latin1, the script's characters being
 * bytes). A function definition of the top level names its body's line instead of holding it.
 */
export function storedScript(src: string, chunks: readonly ParsedChunk[]): string {
  const bodies: CompoundCommand[] = [];
  const pipeline = (p: Pipeline): Pipeline => ({
    ...p,
    commands: p.commands.map((cmd) => {
      if (cmd.kind !== 'function') return cmd;
      bodies.push(cmd.body);
      // (a number where the body was: the line of the body, after the commands)
      return { ...cmd, body: 1 + chunks.length + bodies.length } as unknown as Command;
    }),
  });
  const stored = chunks.map((c) => ({
    ...c,
    list: { items: c.list.items.map((ao) => ({ ...ao, head: pipeline(ao.head), tail: ao.tail.map((t) => ({ ...t, pipeline: pipeline(t.pipeline) })) })) },
  }));
  const ascii = (json: string): string => json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [src, chunks.length, ...stored, ...bodies].map((c) => ascii(JSON.stringify(c)) + '\n').join('');
}

/**
 * The commands of a stored script (storedScript's text) when it is the script `src`, else
 * undefined: each decoded when the shell reaches it, a function's body at the function's first
 * call (LazyFunctionDef).
 */
export function readStoredScript(text: string, src: string): ParsedCommands | undefined {
  // (JSON text holds no raw newline: one line, one command or body)
  const lines = text.split('\n');
  if (JSON.parse(lines[0]) !== src) return undefined;
  const count = JSON.parse(lines[1]) as number;
  const lazy = (p: Pipeline): void => {
    p.commands = p.commands.map((cmd) => {
      if (cmd.kind !== 'function') return cmd;
      const line = cmd.body as unknown as number;
      return new LazyFunctionDef(cmd.name, cmd.line, () => JSON.parse(lines[line]) as CompoundCommand);
    });
  };
  return (n) => {
    if (n >= count) return null;
    const chunk = JSON.parse(lines[n + 2]) as ParsedChunk;
    for (const ao of chunk.list.items) {
      lazy(ao.head);
      for (const t of ao.tail) lazy(t.pipeline);
    }
    return chunk;
  };
}
