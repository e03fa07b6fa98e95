// A stand-in's refusal (src/engine/not-simulated.ts standInRefusal): a program of the catalog that
// cannot do what the real one does prints a line `strata does not simulate ...` and exits 125
// (catalog/README.md); the docker command that ran it detached is refused with that line
// (container/lifecycle.ts, image/build/builder.ts). Any other exit, or those words elsewhere in a
// line, is the program's own business, and its output is then not even gathered; refusalLine finds
// the line at any exit, for a build step that swallowed the 125 (builder.ts).

import { describe, expect, it } from 'vitest';
import { refusalLine, standInRefusal } from '../../src/engine/not-simulated.ts';

describe('standInRefusal', () => {
  const words = 'strata does not simulate `node -e`: the node stand-in runs no JavaScript (catalog/node/SOURCES.md)';

  it('is the refusal line of a program that exited 125, wherever the line is in its output', () => {
    expect(standInRefusal(125, () => `${words}\n`)).toBe(words);
    expect(standInRefusal(125, () => `starting\n${words}\nbye\n`)).toBe(words);
  });

  it('is nothing for another exit status, without reading the output', () => {
    for (const status of [0, 1, 124, 126, 127, 137]) {
      let read = false;
      expect(standInRefusal(status, () => ((read = true), `${words}\n`))).toBeUndefined();
      expect(read).toBe(false);
    }
  });

  it('is nothing when no line starts with the words', () => {
    expect(standInRefusal(125, () => 'no\n')).toBeUndefined();
    expect(standInRefusal(125, () => '')).toBeUndefined();
    expect(standInRefusal(125, () => `error: ${words}\n`)).toBeUndefined();
  });

  it('refusalLine finds the line at any status, only at the start of a line', () => {
    expect(refusalLine(`apk: ${words}\n`)).toBeUndefined();
    expect(refusalLine(`fetching\n${words}\ndone\n`)).toBe(words);
    expect(refusalLine('')).toBeUndefined();
  });
});
