// What the build stores of a script (src/cli/scripts.ts), read back, must be what the shell parses:
// one comparison for the unit test of the stored form (parsed-scripts.test.ts) and the test of
// what `npm run build` wrote to dist/ (cli/sourced-scripts.test.ts).

import { expect } from 'vitest';
import type { ParsedCommands } from '../../src/shell/index.ts';
import { LazyFunctionDef, type Command, type ParsedChunk } from '../../src/shell/index.ts';

/**
 * Reads back every chunk through `read` and expects each to equal the parsed chunk, a definition
 * read back (a LazyFunctionDef) with its body read; then nothing past the last. Returns the number
 * of function definitions read back.
 */
export function expectReadBackAsParsed(read: NonNullable<ParsedCommands>, chunks: ParsedChunk[]): number {
  let functions = 0;
  const plain = (c: Command): Command => (c instanceof LazyFunctionDef ? (functions++, { kind: 'function', name: c.name, body: c.body, line: c.line }) : c);
  chunks.forEach((chunk, n) => {
    const back = read(n)!;
    for (const ao of back.list.items) {
      ao.head.commands = ao.head.commands.map(plain);
      for (const t of ao.tail) t.pipeline.commands = t.pipeline.commands.map(plain);
    }
    expect(back).toEqual(JSON.parse(JSON.stringify(chunk)));
  });
  expect(read(chunks.length)).toBeNull();
  return functions;
}
