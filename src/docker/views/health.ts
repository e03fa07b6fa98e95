// Config.Healthcheck of an image or a container (moby api/types/container.HealthConfig): every
// field omitempty, durations as nanoseconds in JSON (recorded: builds/healthcheck).
//
// Not simulated: Go templates print a time.Duration through its String method (`5m0s`); here
// `{{.Config.Healthcheck.Interval}}` prints the nanoseconds, as the JSON does.

import type { HealthConfig, HealthState } from '../../engine/state.ts';
import { rfc3339Nano } from './time.ts';
import type { GoValue } from '../format/value.ts';
import { omitEmpty } from './omitempty.ts';

export function healthView(h: HealthConfig): GoValue {
  const view = {
    Test: h.Test,
    Interval: h.Interval ?? 0,
    Timeout: h.Timeout ?? 0,
    StartPeriod: h.StartPeriod ?? 0,
    StartInterval: h.StartInterval ?? 0,
    Retries: h.Retries ?? 0,
  };
  return omitEmpty(view, ['Test', 'Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries']);
}

/**
 * State.Health (moby types.Health): Status, FailingStreak, and Log, the last results with
 * Start and End (time.Time: RFC 3339 with nanoseconds in JSON), ExitCode and Output.
 */
export function healthStateView(h: HealthState): GoValue {
  return {
    Status: h.status,
    FailingStreak: h.failingStreak,
    Log: h.log.map((r) => ({ Start: rfc3339Nano(r.start), End: rfc3339Nano(r.end), ExitCode: r.exitCode, Output: r.output })),
  };
}
