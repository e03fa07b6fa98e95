// HEALTHCHECK: the instruction's arguments, parsed as both builders parse them when they read the
// Dockerfile (buildkit frontend/dockerfile/instructions/parse.go parseHealthcheck, vendored by
// moby 20.10 at an older version), and the history row each builder writes for it
// (recorded: builds/healthcheck on both engines).

import type { HealthConfig } from '../../engine/state.ts';
import { DurationError, formatGoDuration, parseGoDuration } from '../../docker/format/duration.ts';
import { quote } from '../../docker/format/fmt.ts';
import { jsonArray } from './dockerfile.ts';
import { builderFlags, cutFlag } from './parse-checks.ts';
import { withSuggestion } from './run-mount.ts';
import { encodeRune } from '../../fs/utf8.ts';
import { MINIMUM_DURATION } from '../../container/health.ts';

/** What a HEALTHCHECK line says, or why it does not parse (per builder). */
export type HealthcheckParse = { ok: true; health: HealthConfig } | { ok: false; error: string };

/** The flags of HEALTHCHECK CMD; `start-interval` came with BuildKit 0.12 (API 1.44). */
const FLAGS = ['interval', 'timeout', 'start-period', 'start-interval', 'retries'];


export function parseHealthcheck(rest: string, legacy: boolean): HealthcheckParse {
  const { flags, rest: args } = builderFlags(rest);
  const words = args.split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return { ok: false, error: 'HEALTHCHECK requires at least one argument' };
  const type = words[0].toUpperCase();
  const after = args.slice(args.indexOf(words[0]) + words[0].length).trim();
  if (type === 'NONE') {
    if (after !== '') return { ok: false, error: 'HEALTHCHECK NONE takes no arguments' };
    return { ok: true, health: { Test: ['NONE'] } };
  }
  // BFlags.Parse, as for RUN's flags (parse-checks.ts runFlagValues): each flag known to the
  // instruction, with a value
  const known = legacy ? FLAGS.filter((f) => f !== 'start-interval') : FLAGS;
  const values: Record<string, string> = {};
  for (const flag of flags) {
    const { name, value } = cutFlag(flag);
    if (!known.includes(name)) return { ok: false, error: legacy ? `Unknown flag: ${name}` : withSuggestion(`unknown flag: ${name}`, name, known) };
    // (bflag.go: a string flag seen before, then one without `=`; recorded: builds/healthcheck-flags)
    if (name in values) return { ok: false, error: `${legacy ? 'Duplicate' : 'duplicate'} flag specified: ${name}` };
    if (value === undefined) return { ok: false, error: `${legacy ? 'Missing' : 'missing'} a value on flag: ${name}` };
    values[name] = value;
  }
  if (type !== 'CMD') return { ok: false, error: `Unknown type ${quote(type)} in HEALTHCHECK (try CMD)` };
  // handleJSONArgs: the exec form as its words, else the rest of the line as one word
  const json = jsonArray(after);
  const command = json ?? (after === '' ? [] : [after]);
  if (command.length === 0) return { ok: false, error: 'Missing command after HEALTHCHECK CMD' };
  const health: HealthConfig = { Test: [json ? 'CMD' : 'CMD-SHELL', ...command] };
  const durations: [string, 'Interval' | 'Timeout' | 'StartPeriod' | 'StartInterval'][] = [
    ['interval', 'Interval'],
    ['timeout', 'Timeout'],
    ['start-period', 'StartPeriod'],
    ['start-interval', 'StartInterval'],
  ];
  for (const [flag, field] of durations) {
    const text = values[flag];
    if (text === undefined || text === '') continue;
    let d: bigint;
    try {
      d = parseGoDuration(text);
    } catch (e) {
      if (e instanceof DurationError) return { ok: false, error: e.message };
      throw e;
    }
    // parseOptInterval: BuildKit 0.13 takes 0 as "the default"; the 20.10 builder's older copy
    // refuses it with the rest (recorded: builds/healthcheck-log, `--start-period=0s`).
    if (d === 0n && !legacy) continue;
    if (d < BigInt(MINIMUM_DURATION)) return { ok: false, error: `Interval ${quote(flag)} cannot be less than 1ms` };
    health[field] = Number(d);
  }
  const retries = values.retries;
  if (retries !== undefined && retries !== '') {
    // strconv.ParseInt(value, 10, 32)
    if (!/^[+-]?\d+$/.test(retries)) return { ok: false, error: `strconv.ParseInt: parsing ${quote(retries)}: invalid syntax` };
    const n = Number(retries);
    if (n > 2147483647 || n < -2147483648) return { ok: false, error: `strconv.ParseInt: parsing ${quote(retries)}: value out of range` };
    if (legacy && n < 1) return { ok: false, error: `--retries must be at least 1 (not ${n})` };
    if (n < 0) return { ok: false, error: `--retries cannot be negative (${n})` };
    if (n !== 0) health.Retries = n;
  }
  return { ok: true, health };
}

/**
 * The history row's text: `fmt.Sprintf("HEALTHCHECK %q", health)` of the *HealthConfig, so
 * Go's %q of each field: the test as a quoted list, each duration's String() quoted, and Retries
 * (an int) as a quoted rune. BuildKit 0.13's struct has StartInterval; 20.10's has not.
 */
export function healthcheckHistory(health: HealthConfig, legacy: boolean): string {
  const d = (ns: number | undefined) => quote(formatGoDuration(BigInt(ns ?? 0)));
  const durations = [d(health.Interval), d(health.Timeout), d(health.StartPeriod), ...(legacy ? [] : [d(health.StartInterval)])];
  return `HEALTHCHECK &{[${health.Test.map((w) => quote(w)).join(' ')}] ${durations.join(' ')} ${quote(encodeRune(health.Retries ?? 0), "'")}}`;
}
