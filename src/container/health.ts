// A container's health (State.Health): the rules of moby's health monitor, daemon/health.go (read
// at v20.10.24 and v26.1.5), on strata's clock. The probes themselves run in health-monitor.ts.
//
// - A start with a probe (`CMD` runs its argv, `CMD-SHELL` `/bin/sh -c` its string; `NONE`, or
//   no HEALTHCHECK, runs nothing) makes the status `starting` and the failing streak 0, and keeps
//   the log of earlier runs (initHealthMonitor).
// - The first check runs one interval after the start, each next one an interval after the
//   previous one ended (monitor: the timer is reset after handleProbeResult). The interval is
//   Interval (default 30 s); on 25.0+ daemons a container still `starting` within its StartPeriod
//   waits StartInterval instead, whose default there is the Interval (26.1.5 getInterval:
//   `timeoutWithDefault(StartInterval, probeInterval)`; 27.0 made it 5 s).
// - A check that runs longer than Timeout (default 30 s) is cut off: exit code -1 and `Health
//   check exceeded timeout (30s)` (26.1: then `: ` and what it printed, if anything).
// - handleProbeResult: the log keeps the last 5 results (maxLogEntries); exit 0 makes the
//   container `healthy` and the streak 0; any other code adds one to the streak, except while
//   `starting` within StartPeriod (default 0), and Retries (default 3) failures in a row make it
//   `unhealthy`.
// - Stopping or pausing the container stops the monitor, which leaves the status `unhealthy`
//   and the log and streak as they were (container/health.go CloseMonitorChannel; recorded:
//   health/probe-runs); an unpause starts the monitor again, an interval later.
//
// strata's clock moves one second per command (and by what a command sleeps): a check due at time
// t runs after every command at t and before anything later (container/health-monitor.ts).

import type { Container, EngineState, HealthConfig, HealthResult, HealthState } from '../engine/state.ts';
import type { EngineProfile } from '../engine/profile.ts';

export type HealthStatus = HealthState['status'];

const SECOND = 1e9;

/** moby daemon/health.go constants. */
export const DEFAULT_PROBE_INTERVAL = 30;
export const DEFAULT_PROBE_TIMEOUT = 30;
export const DEFAULT_PROBE_RETRIES = 3;
export const MAX_LOG_ENTRIES = 5;
/** maxOutputLen: a check's output is kept up to this many bytes, then `...` (limitedBuffer). */
export const MAX_OUTPUT_LEN = 4096;

/**
 * moby daemon/commit.go merge: a container's (or a legacy build step's) health check takes each
 * field it leaves zero from its image's. The legacy builder commits every step through a
 * container, so its HEALTHCHECK inherits the base's interval, timeout, start period and retries
 * (recorded: builds/healthcheck); `--health-*` flags keep the image's command unless they give one
 * (recorded: lifecycle/health-flags).
 */
export function mergeHealth(own: HealthConfig, image: HealthConfig | null | undefined): HealthConfig {
  if (!image) return own;
  const merged: HealthConfig = { Test: own.Test.length > 0 ? own.Test : image.Test };
  for (const k of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const) {
    const v = own[k] || image[k];
    if (v) merged[k] = v;
  }
  return merged;
}

/** container.MinimumDuration (1 ms), in nanoseconds: no health check duration but zero is shorter. */
export const MINIMUM_DURATION = 1e6;

/**
 * The daemon's check of a health config it is given (moby daemon/container.go
 * verifyContainerSettings): a duration other than zero is at least 1 ms (recorded:
 * lifecycle/health-flags, compose/healthcheck-bounds). Its next check, `Retries in Healthcheck
 * cannot be negative`, no front end reaches: the client refuses a negative `--health-retries`
 * and compose a negative `retries` before either sends the create (same recordings).
 */
export function healthProblem(h: HealthConfig): string | undefined {
  for (const k of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval'] as const) {
    const v = h[k] ?? 0;
    if (v !== 0 && v < MINIMUM_DURATION) return `${k} in Healthcheck cannot be less than 1ms`;
  }
  return undefined;
}

/** getProbe: the check runs in the container (`NONE`, an empty test or no HEALTHCHECK runs nothing). */
export function hasProbe(health: HealthConfig): boolean {
  return health.Test[0] === 'CMD' || health.Test[0] === 'CMD-SHELL';
}

/** The monitor's durations in seconds, defaults filled in (timeoutWithDefault). */
export interface HealthTiming {
  interval: number;
  startInterval: number;
  startPeriod: number;
  timeout: number;
  retries: number;
}

export function healthTiming(h: HealthConfig): HealthTiming {
  const interval = h.Interval ? h.Interval / SECOND : DEFAULT_PROBE_INTERVAL;
  return {
    interval,
    // 26.1.5: timeoutWithDefault(StartInterval, probeInterval)
    startInterval: h.StartInterval ? h.StartInterval / SECOND : interval,
    startPeriod: (h.StartPeriod ?? 0) / SECOND,
    timeout: h.Timeout ? h.Timeout / SECOND : DEFAULT_PROBE_TIMEOUT,
    retries: (h.Retries ?? 0) > 0 ? h.Retries! : DEFAULT_PROBE_RETRIES,
  };
}

/**
 * getInterval: how long the monitor waits before its next check, `sinceStart` seconds after the
 * container started. 20.10 always waits the interval.
 */
export function waitBeforeCheck(t: HealthTiming, profile: EngineProfile, sinceStart: number, status: HealthStatus): number {
  if (!profile.healthStartInterval || sinceStart >= t.startPeriod) return t.interval;
  return status === 'starting' ? t.startInterval : t.interval;
}

/** handleProbeResult: the health after one check's result. */
export function afterResult(h: HealthState, r: HealthResult, t: HealthTiming, startedAt: number): HealthState {
  const log = h.log.length >= MAX_LOG_ENTRIES ? [...h.log.slice(h.log.length + 1 - MAX_LOG_ENTRIES), r] : [...h.log, r];
  if (r.exitCode === 0) return { ...h, log, failingStreak: 0, status: 'healthy' };
  // Within the start period a container that never passed a check does not count failures.
  if (h.status === 'starting' && r.start - startedAt < t.startPeriod) return { ...h, log };
  const failingStreak = h.failingStreak + 1;
  return { ...h, log, failingStreak, status: failingStreak >= t.retries ? 'unhealthy' : h.status };
}

/** initHealthMonitor at a start: `starting`, streak 0, the old log kept, the first check armed. */
export function healthAtStart(c: Container, now: number, profile: EngineProfile): HealthState | undefined {
  const cfg = c.config.Healthcheck;
  if (!cfg || !hasProbe(cfg)) return c.state.health;
  const t = healthTiming(cfg);
  return { status: 'starting', failingStreak: 0, log: c.state.health?.log ?? [], next: now + waitBeforeCheck(t, profile, 0, 'starting') };
}

/**
 * CloseMonitorChannel (a stop, a pause): no more checks, and `unhealthy`. (A monitor that was not
 * running, paused and then stopped, had left it `unhealthy` already.)
 */
export function healthMonitorStopped(h: HealthState): HealthState {
  return { status: 'unhealthy', failingStreak: h.failingStreak, log: h.log };
}

/**
 * updateHealthMonitor at an unpause: a new monitor, its first check one interval away (getInterval:
 * the pause left the status `unhealthy`, so never the start interval).
 */
export function healthMonitorResumed(c: Container, h: HealthState, now: number): HealthState {
  // only a start with a probe makes a health state, and the config does not change after it
  return { ...h, next: now + healthTiming(c.config.Healthcheck!).interval };
}

/** The status `docker ps` and `docker inspect` show, or undefined without a probe. */
export function healthStatus(_st: EngineState, c: Container): HealthStatus | undefined {
  return c.state.health?.status;
}
