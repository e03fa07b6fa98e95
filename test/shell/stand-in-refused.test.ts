// ShellEnvironment.standInRefused (src/shell/programs.ts hearRefusal): a script run as a program
// that exits 125 having written a line `strata does not simulate ...` on its stderr refused as a
// catalog stand-in's program does (catalog/unsimulated); the process hears the line wherever the
// script's stderr went, so a caller that swallows the status and the words cannot hide it
// (container/process.ts hearRefusals). Another status, or those words not at a line's start, is the
// script's own business; what the script writes still goes where it went.

import { describe, expect, it } from 'vitest';
import { setup, sh } from './helpers.ts';

const STUB = '#!/bin/sh\necho "strata does not simulate \\`${0##*/}${1:+ $1}\\`: the stand-in images install no packages (catalog/README.md)" >&2\nexit 125\n';
const LINE = 'strata does not simulate `apk add`: the stand-in images install no packages (catalog/README.md)';

function listening(files: Record<string, string>) {
  const s = setup('busybox', files);
  const heard: string[] = [];
  s.env.standInRefused = (line) => void heard.push(line);
  return { s, heard };
}

describe('standInRefused', () => {
  it("is told the line of a script that refused, though the caller sent its words to a file and swallowed its status", () => {
    const { s, heard } = listening({ '/usr/local/bin/apk': STUB });
    const r = sh('apk add curl 2>/tmp/err || true; echo after', s);
    expect(r).toMatchObject({ status: 0, all: 'after\n' });
    expect(heard).toEqual([LINE]);
    // the words still reached the file the caller chose
    expect(s.fs.readFile('/tmp/err')).toBe(`${LINE}\n`);
  });

  it('hears it through `sh FILE` and `exec`, and in a subshell', () => {
    for (const line of ['sh /usr/local/bin/apk add x 2>/tmp/e', '(exec apk add x) 2>/tmp/e', '( apk add x 2>/tmp/e; true )']) {
      const { s, heard } = listening({ '/usr/local/bin/apk': STUB });
      sh(line, s);
      expect(heard, line).toEqual([LINE]);
    }
  });

  it('is not told of another status, of the words elsewhere in a line, or of words on stdout', () => {
    const cases = [
      '#!/bin/sh\necho "strata does not simulate x" >&2\nexit 1\n',
      '#!/bin/sh\necho "apk: strata does not simulate x" >&2\nexit 125\n',
      '#!/bin/sh\necho "strata does not simulate x"\nexit 125\n',
    ];
    for (const text of cases) {
      const { s, heard } = listening({ '/usr/local/bin/tool': text });
      const r = sh('tool', s);
      expect(r.status, text).toBe(text.includes('exit 1\n') ? 1 : 125);
      expect(heard, text).toEqual([]);
    }
  });

  it('leaves the output as it is without a listener (the host, the oracle\'s stand-ins)', () => {
    const s = setup('busybox', { '/usr/local/bin/apk': STUB });
    const r = sh('apk add curl || true', s);
    expect(r).toMatchObject({ status: 0, err: `${LINE}\n` });
  });
});
