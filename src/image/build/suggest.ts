// "did you mean X?": buildkit util/suggest, which both builders' Dockerfile errors use (an unknown
// instruction, an unknown flag or `--mount` key).

import { Refusal } from './failures.ts';

/**
 * suggest.WrapError (moby/buildkit@v0.13.1 util/suggest/error.go): the first option nearest to
 * `value` in Levenshtein distance, if within two edits. `fromMap`: BuildKit lists the options by
 * ranging over a Go map (an instruction's flags: instructions/bflag.go allFlags; mount types and
 * sharing modes: commands_runmount.go; instruction names: parse.go allInstructionNames), whose
 * order is random at each build, so of two equally close options either is suggested; strata
 * refuses to pick one (Refusal). A slice (the `--mount` keys) keeps its order: the first wins.
 */
export function nearest(value: string, options: readonly string[], caseSensitive: boolean, fromMap = false): string | undefined {
  const v = caseSensitive ? value : value.toLowerCase();
  let match: string | undefined;
  let min = 3;
  let tied: string[] = [];
  for (const opt of options) {
    const d = editDistance(v, caseSensitive ? opt : opt.toLowerCase());
    if (d < min) {
      min = d;
      match = opt;
      tied = [opt];
    } else if (d === min && match !== undefined) tied.push(opt);
  }
  // (an exact match means no suggestion at all, whatever the order)
  if (fromMap && tied.length > 1 && min > 0) {
    throw new Refusal(`strata does not simulate which of ${tied.join(', ')} BuildKit suggests for ${value}: it takes the first of equally close names in a Go map's random order, so real builds differ from run to run`);
  }
  return match;
}

/** Levenshtein distance: insertions, deletions and substitutions of one character each. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
