// What a program does when its standard input is a directory (`cmd < dir`): the shell's open
// succeeds and every read(2) fails with EISDIR, and each program reports that in its own words,
// or takes it for the end of its input. Observed on Debian 12 (GNU coreutils 9.1, grep 3.8,
// sed 4.9, util-linux rev; busybox 1.35.0) by test/properties/shell-differential.test.ts, which
// generates `< d` for every filter it uses.

import type { Flavor } from './types.ts';

export type DirectoryStdin =
  /** The read error ends the input silently, as at end of file. */
  | { kind: 'eof' }
  /** The message, then the exit status; nothing else is printed. */
  | { kind: 'fail'; message: string; status: number }
  /** The message, then what the program prints for an empty input, then the exit status. */
  | { kind: 'empty'; message: string; status: number };

const fail = (message: string, status = 1): DirectoryStdin => ({ kind: 'fail', message, status });
const empty = (message: string, status: number): DirectoryStdin => ({ kind: 'empty', message, status });
const EOF: DirectoryStdin = { kind: 'eof' };

// GNU tac seeks before reading, and lseek on a directory's descriptor gives EINVAL.
const GNU: Record<string, (args: readonly string[]) => DirectoryStdin> = {
  cat: () => fail('cat: -: Is a directory'),
  sort: () => fail('sort: read failed: -: Is a directory', 2),
  uniq: () => fail("uniq: error reading '-'"),
  head: () => fail("head: error reading 'standard input': Is a directory"),
  tail: () => fail("tail: error reading 'standard input': Is a directory"),
  wc: () => empty("wc: 'standard input': Is a directory", 1),
  cut: () => fail('cut: -: Is a directory'),
  tr: () => fail('tr: read error: Is a directory'),
  sed: () => fail('sed: read error on stdin: Is a directory', 4),
  grep: () => empty('grep: (standard input): Is a directory', 2),
  tac: () => fail("tac: 'standard input': read error: Invalid argument"),
  rev: () => fail('rev: stdin: 0: Is a directory'),
  // paste reports the read error of each `-` where it reads it (AppletContext.stdinIsDirectory)
  paste: () => EOF,
  od: () => empty("od: 'standard input': Is a directory", 1),
  bc: () => fail('(standard_in) 1: read() in flex scanner failed'),
};

// busybox reads most input with getline-style helpers that stop at an error without a word.
// (`head` reports EIO and `uniq` a null name: what this busybox build prints.)
const BUSYBOX: Record<string, (args: readonly string[]) => DirectoryStdin> = {
  cat: () => fail('cat: read error: Is a directory'),
  sort: () => EOF,
  uniq: () => fail('uniq: (null): I/O error'),
  head: () => fail('head: standard input: Input/output error'),
  // With -c busybox tail reports the error and still exits 0.
  tail: (args) => fail('tail: read error: Is a directory', args.some((a) => /^-[^-]*c/.test(a)) ? 0 : 1),
  wc: () => empty('wc: standard input: Is a directory', 1),
  cut: () => EOF,
  tr: () => fail('tr: read error: Is a directory'),
  sed: () => EOF,
  grep: () => EOF,
  tac: () => fail('tac: -: Is a directory'),
  rev: () => EOF,
  paste: () => EOF,
  od: () => empty('od: standard input: read error', 1),
  bc: () => fail('bc: input error: Is a directory'),
};

/**
 * How `name ARGS` takes a directory as its standard input. A program not observed yet reports
 * it the way most coreutils do (`NAME: -: Is a directory`, exit 1).
 */
export function directoryStdin(flavor: Flavor, name: string, args: readonly string[]): DirectoryStdin {
  const rule = (flavor === 'gnu' ? GNU : BUSYBOX)[name];
  return rule ? rule(args) : fail(`${name}: -: Is a directory`);
}

/** Thrown out of an applet's read of a directory stdin to end it with the program's status. */
export class StdinFailure {
  constructor(readonly status: number) {}
}
