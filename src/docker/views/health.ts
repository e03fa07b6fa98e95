// Config.Healthcheck of an image or a container (moby api/types/container.HealthConfig): every
// field omitempty, durations as nanoseconds in JSON (recorded: builds/healthcheck).
//
// Not simulated: Go templates print a time.Duration through its String method (`5m0s`); here
// `{{.Config.Healthcheck.Interval}}` prints the nanoseconds, as the JSON does.

import type { HealthConfig } from '../../engine/state.ts';
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
