// What every docker command runs with: the engine state (an immer draft), the active profile,
// the streams of the CLI process, and the list events are appended to.

import type { EngineEvent } from '../engine/events.ts';
import type { EngineProfile } from '../engine/profile.ts';
import type { EngineState } from '../engine/state.ts';
import type { ProcessIO } from '../shell/types.ts';

export interface DockerContext {
  st: EngineState;
  profile: EngineProfile;
  io: ProcessIO;
  events: EngineEvent[];
  /** The host shell's working directory (for relative paths of cp, build, export -o). */
  cwd: string;
  /** The calling shell's exported environment (compose interpolates `${VAR}` from it). */
  env?: Record<string, string>;
  /**
   * Block until strata's clock reads `to` (`docker wait` on a container that ends by itself then),
   * as a host `sleep` does: what is due meanwhile happens first. Absent: nothing may wait.
   */
  advanceTo?: (to: number) => void;
  /**
   * The command line takes `seconds` more of strata's clock, as a host `sleep` does: a process
   * that sleeps in `docker exec` (a client waiting for its server) lets the detached ones go on.
   */
  sleep?: (seconds: number) => void;
}
