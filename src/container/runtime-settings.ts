// What the storage-neutral settings do at start and stop (moby daemon/start.go containerStart):
// networking first (initializeNetworking: the sandbox, endpoints, published ports), then the log
// driver (container.StartLogger, in the task's creation on 26.1); a stop releases the network.
// `--init` adds a bind mount of the daemon's docker-init at /sbin/docker-init (daemon/oci_linux.go
// WithMounts), whose mount point runc creates in the rootfs like any other.

import type { Container, EngineState } from '../engine/state.ts';
import type { FileNode } from '../fs/node.ts';
import { PROFILES } from '../engine/profile.ts';
import { file } from '../fs/node.ts';
import { parseRamInBytes, UnitsError } from '../docker/format/units.ts';
import { DaemonError } from './errors.ts';
import { startNetworking, stopNetworking } from '../network/endpoints.ts';

export const DOCKER_INIT_PATH = '/sbin/docker-init';

/**
 * The host's docker-init as the recording hosts have it (Debian's tini-static 0.19.0: 708080
 * bytes, 0755 root, dated 2025-06-06; core/init-flag). Another host's binary differs in size
 * and date; only its presence matters to the storage model.
 */
const DOCKER_INIT_SIZE = 708080;
const DOCKER_INIT_MTIME = Date.UTC(2025, 5, 6) / 1000;
let dockerInitData: string | undefined;

export function dockerInitNode(): FileNode {
  dockerInitData ??= '\x7fELF' + '\0'.repeat(DOCKER_INIT_SIZE - 4);
  return file(dockerInitData, { mode: 0o755, mtime: DOCKER_INIT_MTIME });
}

/** json-file's and local's option values, checked when the driver starts (daemon/logger/jsonfilelog New). */
function logDriverProblem(c: Container): string | undefined {
  const cfg = c.hostConfig.LogConfig?.Config ?? {};
  if (cfg['max-size'] !== undefined) {
    try {
      parseRamInBytes(cfg['max-size']);
    } catch (e) {
      if (e instanceof UnitsError) return e.message;
      throw e;
    }
  }
  const maxFile = cfg['max-file'];
  if (maxFile !== undefined && !/^[+-]?\d+$/.test(maxFile)) return `strconv.Atoi: parsing "${maxFile}": invalid syntax`;
  return undefined;
}

/** The start's steps before the process runs; throws a DaemonError with the container as it was. */
export function startRuntime(st: EngineState, c: Container): void {
  const profile = PROFILES[st.engine];
  startNetworking(st, c, profile);
  const problem = logDriverProblem(c);
  if (problem !== undefined) {
    stopNetworking(c, profile);
    throw new DaemonError(`${profile.runtimeErrorPrefix}failed to initialize logging driver: ${problem}`);
  }
}

/** The stop's release (daemon.Cleanup → releaseNetwork). */
export function stopRuntime(st: EngineState, c: Container): void {
  stopNetworking(c, PROFILES[st.engine]);
}
