// ContainerPause / ContainerUnpause (moby daemon/pause.go, unpause.go): freeze or thaw a running
// container's processes. Nothing moves on disk: volumes stay in use and tmpfs keeps its content;
// only exec is refused while paused. Returns the daemon's error text, or undefined.

import type { Container, EngineState } from '../engine/state.ts';
import { daemonText, type EngineProfile } from '../engine/profile.ts';
import { healthMonitorResumed, healthMonitorStopped } from '../container/health.ts';

export function containerPause(st: EngineState, profile: EngineProfile, c: Container, paused: boolean): string | undefined {
  if (c.state.status !== 'running') return daemonText(profile, `Container ${c.id} is not running`);
  // Recorded: both daemons capitalize these two.
  if ((c.state.paused ?? false) === paused) return paused ? `Container ${c.id} is already paused` : `Container ${c.id} is not paused`;
  c.state.paused = paused;
  // a sleep that ended while frozen returns as the process thaws, and the next one takes its
  // whole time: a sleeping script does not catch up on the wakes it missed (lifecycle.ts endDueSleeps)
  if (!paused && c.wakeAt !== undefined && c.wakeAt < st.clock) c.wakeAt = st.clock;
  // (and so do the sleeps of its `docker exec -d` processes: the whole cgroup is frozen)
  if (!paused && c.execs?.some((x) => x.wakeAt !== undefined && x.wakeAt < st.clock)) {
    c.execs = c.execs.map((x) => (x.wakeAt !== undefined && x.wakeAt < st.clock ? { ...x, wakeAt: st.clock } : x));
  }
  // monitor.go: a pause stops the health monitor (unhealthy), an unpause starts a new one
  if (c.state.health) c.state.health = paused ? healthMonitorStopped(c.state.health) : healthMonitorResumed(c, c.state.health, st.clock);
  return undefined;
}
