// A container's health (State.Health) while its image's HEALTHCHECK has not run yet.
//
// moby daemon/health.go: a start with a probe (`CMD` or `CMD-SHELL`; not `NONE`) sets the status
// to `starting` and arms a timer; the first check runs when it fires, after Interval (default
// 30 s), or, on 25.0+ daemons within a StartPeriod, after StartInterval (default 5 s). Stopping
// the container stops the monitor and leaves the status `unhealthy` with no log (recorded:
// builds/healthcheck on both engines). strata runs no timers: its clock moves one second per
// command. Until that clock says the first check would have run, the status is certain; after
// it, what the check printed and decided is not simulated, and whoever asks for the status is
// refused (HealthNotSimulated) rather than told a guess.

import type { Container, EngineState, HealthConfig } from '../engine/state.ts';
import type { EngineProfile } from '../engine/profile.ts';
import { PROFILES } from '../engine/profile.ts';
import { NotSimulated } from '../engine/not-simulated.ts';

/** What State.Health says: `starting` until the first check, `unhealthy` once stopped. */
export type HealthStatus = 'starting' | 'unhealthy';

/** Asked for a status the first check would have decided. */
export class HealthNotSimulated extends NotSimulated {}

const SECOND = 1e9;

/**
 * moby daemon/commit.go merge: a container's (or a legacy build step's) health check takes each
 * field it leaves zero from its image's. The legacy builder commits every step through a
 * container, so its HEALTHCHECK inherits the base's interval, timeout, start period and retries
 * (recorded: builds/healthcheck); `--health-*` flags keep the image's command unless they give one
 * (recorded: lifecycle/health-flags).
 */
export function mergeHealth(own: HealthConfig | null | undefined, image: HealthConfig | null | undefined): HealthConfig | undefined {
  if (!own) return image ?? undefined;
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
 * verifyContainerSettings): a duration other than zero is at least 1 ms, retries not negative
 * (the client refuses negatives first; recorded: lifecycle/health-flags).
 */
export function healthProblem(h: HealthConfig): string | undefined {
  for (const k of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval'] as const) {
    const v = h[k] ?? 0;
    if (v !== 0 && v < MINIMUM_DURATION) return `${k} in Healthcheck cannot be less than 1ms`;
  }
  if ((h.Retries ?? 0) < 0) return 'Retries in Healthcheck cannot be negative';
  return undefined;
}

/** The image's check runs in the container (`NONE`, or no HEALTHCHECK, runs nothing). */
export function hasProbe(health: HealthConfig | undefined): boolean {
  return health !== undefined && (health.Test[0] === 'CMD' || health.Test[0] === 'CMD-SHELL');
}

/** Seconds from the start to the first check (moby health.go monitor: getInterval). */
export function firstCheckAfter(health: HealthConfig, profile: EngineProfile): number {
  if (profile.builder === 'buildkit' && (health.StartPeriod ?? 0) > 0) return (health.StartInterval || 5 * SECOND) / SECOND;
  return (health.Interval || 30 * SECOND) / SECOND;
}

/** At a start: a container with a probe is `starting` again (initHealthMonitor). */
export function healthAtStart(c: Container): HealthStatus | undefined {
  return hasProbe(c.config.Healthcheck) ? 'starting' : undefined;
}

/**
 * The status `docker ps` and `docker inspect` show, or undefined without a probe; throws
 * HealthNotSimulated once a check would have run (while running, or before the stop).
 */
export function healthStatus(st: EngineState, c: Container): HealthStatus | undefined {
  const status = c.state.health;
  if (status === undefined || !c.config.Healthcheck) return undefined;
  const after = firstCheckAfter(c.config.Healthcheck, PROFILES[st.engine]);
  const end = c.state.status === 'running' ? st.clock : c.state.finishedAt;
  if (end - c.state.startedAt >= after) {
    throw new HealthNotSimulated(
      `strata does not simulate health checks: by its clock (one second per command) the first check of ${c.name} would have run ${after}s after its start, and what the check decides is not simulated`,
    );
  }
  return c.state.status === 'running' ? 'starting' : 'unhealthy';
}
