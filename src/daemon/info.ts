// GET /info (moby daemon/info.go SystemInfo): the part of the daemon's report that is the storage
// model's. Everything else in it (kernel, CPUs, memory, plugins, runtimes, the host's name,
// proxies) is the host's, and strata has no host to report: the docker CLI refuses those fields.

import type { EngineState } from '../engine/state.ts';
import { liveImages } from '../image/store.ts';
import { containerList } from '../container/registry.ts';
import { unfollowedRefusal } from '../container/unfollowed.ts';
import type { NotSimulated } from '../engine/not-simulated.ts';

export interface SystemInfo {
  /** The graph driver: overlay2, the default of both engines on ext4 or xfs (moby daemon/graphdriver/driver_linux.go priority). */
  Driver: string;
  /** The daemon's --data-root, /var/lib/docker by default (moby daemon/config/config_linux.go). */
  DockerRootDir: string;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  /** Every image in the store, the legacy builder's intermediate images included (daemon/images/service.go CountImages: imageStore.Len()). */
  Images: number;
  /**
   * Whether a container strata no longer follows is running or between two runs depends on timing
   * (container/restart.ts): the container counts are then not known, and reading them is refused.
   */
  countsUnknown?: NotSimulated;
}

export function systemInfo(st: EngineState): SystemInfo {
  let running = 0;
  let paused = 0;
  let stopped = 0;
  let countsUnknown: NotSimulated | undefined;
  for (const c of containerList(st)) {
    if (c.unfollowed !== undefined) countsUnknown ??= unfollowedRefusal(c);
    // daemon/info.go stateCounter.get: paused, running, and every other state (created, exited, restarting) as stopped
    if (c.state.status === 'running' && c.state.paused === true) paused++;
    else if (c.state.status === 'running') running++;
    else stopped++;
  }
  return {
    Driver: 'overlay2',
    DockerRootDir: '/var/lib/docker',
    Containers: running + paused + stopped,
    ContainersRunning: running,
    ContainersPaused: paused,
    ContainersStopped: stopped,
    Images: liveImages(st).length,
    ...(countsUnknown !== undefined ? { countsUnknown } : {}),
  };
}
