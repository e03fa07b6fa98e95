// The daemon's side of `docker update` (moby daemon/update.go ContainerUpdate), for the one
// setting strata simulates there: the restart policy. The policy is checked first
// (verifyContainerSettings, the same check as at create), then the container is found
// (GetContainer: `No such container: X`), then container.UpdateContainer: a policy other than
// "no" is refused for a --rm container, its error wrapped as `Cannot update container ID: ...`
// (errCannotUpdate). Recorded on both engines: lifecycle/update-restart.

import type { EngineProfile } from '../engine/profile.ts';
import type { EngineState, RestartPolicy } from '../engine/state.ts';
import { DaemonError } from './errors.ts';
import { findContainer } from './lookup.ts';
import { validateRestartPolicy } from './settings.ts';

/** POST /containers/{ref}/update with a restart policy; throws DaemonError with the daemon's words. */
export function updateRestartPolicy(st: EngineState, profile: EngineProfile, ref: string, policy: RestartPolicy): void {
  validateRestartPolicy(policy, profile);
  const c = findContainer(st, ref);
  if (!c) throw new DaemonError(`No such container: ${ref}`);
  // an empty name changes nothing (the update carries only resources then)
  if (policy.Name === '') return;
  if (c.hostConfig.AutoRemove && policy.Name !== 'no') {
    throw new DaemonError(`Cannot update container ${c.id}: Restart policy cannot be updated because AutoRemove is enabled for the container`);
  }
  c.hostConfig.RestartPolicy = { Name: policy.Name, MaximumRetryCount: policy.MaximumRetryCount };
}
