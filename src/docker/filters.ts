// `--filter key=value` as the docker CLI reads it and the daemon's filters.Args holds it.
//
// The CLI (docker/cli opts/opts.go FilterOpt.Set, the same in v20.10.24 and v28.2.2) skips an
// empty value, refuses one without `=` (`bad format of filter (expected name=value)`), lower-cases
// and trims the key and trims the value; filters.Args keeps each key's values as a set, so a value
// given twice counts once. Recorded: mounts/filter-dangling-values on both engines.

import type { EngineProfile } from '../engine/profile.ts';
import { daemonText } from '../engine/profile.ts';

/** Each key's distinct values, in the order first given. */
export type FilterArgs = Map<string, string[]>;

/** The filters, or the raw `--filter` value the CLI refuses (without `=`). */
export function parseFilterFlags(raws: readonly string[]): FilterArgs | { badFormat: string } {
  const args: FilterArgs = new Map();
  for (const raw of raws) {
    if (raw === '') continue;
    const i = raw.indexOf('=');
    if (i < 0) return { badFormat: raw };
    const key = raw.slice(0, i).trim().toLowerCase();
    const value = raw.slice(i + 1).trim();
    const values = args.get(key) ?? [];
    if (!values.includes(value)) values.push(value);
    args.set(key, values);
  }
  return args;
}

/** The CLI's words for a `--filter` value without `=` (a flag error, exit 125); `-f, --filter` where the flag has its shorthand. */
export function badFilterFormat(raw: string, flag = '-f, --filter'): string {
  return `invalid argument "${raw}" for "${flag}" flag: bad format of filter (expected name=value)`;
}

/**
 * The daemon's `invalid filter 'KEY=[V...]'` (fmt's %s of the values): moby lists them from a Go
 * map, so with several the order varies between real runs; strata sorts them.
 */
export function invalidFilterValues(profile: EngineProfile, key: string, values: readonly string[]): string {
  return daemonText(profile, `Invalid filter '${key}=[${[...values].sort().join(' ')}]'`);
}

/**
 * A boolean filter such as `dangling`, as the daemon reads it: the value, or the daemon's error.
 *
 * 26.1 (moby api/types/filters/parse.go GetBoolOrDefault, v26.1.5, used by volume ls and images
 * since 24.0): exactly `true`/`1` or `false`/`0`; both kinds together, or neither, are invalid;
 * other values beside a valid one are ignored.
 * 20.10 (moby v20.10.24 volume/service/convert.go filtersToBy, daemon/images/images.go Images):
 * a chain of ExactMatch: any of `trueWords` among the values wins, else any of `falseWords`,
 * else invalid (`true` beside `false` is true). Volumes take `true`/`1` and `false`/`0`,
 * images only `true` and `false`.
 */
export function filterBool(
  profile: EngineProfile,
  key: string,
  values: readonly string[],
  legacy: { trueWords: readonly string[]; falseWords: readonly string[] },
): boolean | { error: string } {
  const invalid = { error: invalidFilterValues(profile, key, values) };
  if (profile.boolFilters) {
    const isTrue = values.includes('true') || values.includes('1');
    const isFalse = values.includes('false') || values.includes('0');
    if (isTrue === isFalse) return invalid;
    return isTrue;
  }
  if (values.some((v) => legacy.trueWords.includes(v))) return true;
  if (values.some((v) => legacy.falseWords.includes(v))) return false;
  return invalid;
}

/**
 * moby filters.Args.MatchKVList (api/types/filters/parse.go, v20.10.24 and v26.1.5): every `key`
 * or `key=value` is among the labels; no labels match nothing. `label!` filters use it too: an
 * object is left out when it matches every `label!` value (moby volume/service/by.go
 * byLabelFilter, daemon/prune.go matchLabels), so one with only some of them is kept in.
 */
export function labelsMatch(wanted: readonly string[], labels: Readonly<Record<string, string>> | null | undefined): boolean {
  return wanted.every((w) => {
    const eq = w.indexOf('=');
    const key = eq < 0 ? w : w.slice(0, eq);
    if (!labels || !Object.prototype.hasOwnProperty.call(labels, key)) return false;
    return eq < 0 || labels[key] === w.slice(eq + 1);
  });
}
