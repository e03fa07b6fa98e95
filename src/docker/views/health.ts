// Config.Healthcheck of an image or a container (moby api/types/container.HealthConfig): every
// field omitempty, durations as nanoseconds in JSON (recorded: builds/healthcheck). The durations
// are time.Duration: a template prints them through String (`{{.Config.Healthcheck.Interval}}`
// is `5m0s`), as docker/cli's TemplateInspector executes the template on the typed struct.

import type { HealthConfig, HealthState } from '../../engine/state.ts';
import { rfc3339Nano } from './time.ts';
import { GoDuration, type GoValue } from '../format/value.ts';
import { omitEmpty } from './omitempty.ts';
import type { EngineProfile } from '../../engine/profile.ts';

/**
 * As the client's struct has it: the 20.10 client's HealthConfig has no StartInterval (API 1.44
 * added it), so `{{.Config.Healthcheck}}` prints one field fewer there (recorded: health/durations).
 */
export function healthView(h: HealthConfig, profile: EngineProfile): GoValue {
  const view = {
    Test: h.Test,
    Interval: new GoDuration(h.Interval ?? 0),
    Timeout: new GoDuration(h.Timeout ?? 0),
    StartPeriod: new GoDuration(h.StartPeriod ?? 0),
    ...(profile.client === '20.10' ? {} : { StartInterval: new GoDuration(h.StartInterval ?? 0) }),
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
