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
import { goParseBool } from '../docker/args.ts';
import { quote } from '../docker/format/fmt.ts';
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

const INT64_MAX = 2n ** 63n - 1n;

/**
 * Go's strconv.Atoi: an optional sign and decimal digits within int64 (the daemon's int). Its
 * errors quote the text with strconv.Quote (go/src/strconv/atoi.go NumError.Error; recorded:
 * core/log-opts-quoted, a `"`, a `\` and a tab escaped on both engines).
 */
function atoi(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return `strconv.Atoi: parsing ${quote(s)}: invalid syntax`;
  const n = BigInt(s);
  if (n > INT64_MAX || n < -INT64_MAX - 1n) return `strconv.Atoi: parsing ${quote(s)}: value out of range`;
  return Number(n);
}

/** Go's strconv.ParseBool (docker/args.ts goParseBool), or its error. */
function parseBool(s: string): boolean | string {
  return goParseBool(s) ?? `strconv.ParseBool: parsing ${quote(s)}: invalid syntax`;
}

function ramInBytesOrProblem(size: string): number | string {
  try {
    return parseRamInBytes(size);
  } catch (e) {
    if (e instanceof UnitsError) return e.message;
    throw e;
  }
}

/**
 * json-file's option values, checked when the driver starts, in its order (moby
 * daemon/logger/jsonfilelog/jsonfilelog.go New): max-size, max-file, compress
 * (recorded: core/log-opts-bounds, core/log-opts-compress).
 */
function jsonFileProblem(cfg: Record<string, string>): string | undefined {
  let capval = -1;
  if (cfg['max-size'] !== undefined) {
    const size = ramInBytesOrProblem(cfg['max-size']);
    if (typeof size === 'string') return size;
    if (size <= 0) return 'max-size must be a positive number';
    capval = size;
  }
  let maxFiles = 1;
  if (cfg['max-file'] !== undefined) {
    const n = atoi(cfg['max-file']);
    if (typeof n === 'string') return n;
    if (n < 1) return 'max-file cannot be less than 1';
    maxFiles = n;
  }
  if (cfg.compress !== undefined) {
    const compress = parseBool(cfg.compress);
    if (typeof compress === 'string') return compress;
    if (compress && (maxFiles === 1 || capval === -1)) return 'compress cannot be true when max-file is less than 2 or max-size is not set';
  }
  return undefined;
}

/**
 * The local driver's (moby daemon/logger/local/local.go New, config.go validateConfig): its
 * defaults are 5 files, compressed; each value's error names the option.
 */
function localProblem(cfg: Record<string, string>): string | undefined {
  if (cfg['max-size'] !== undefined) {
    const size = ramInBytesOrProblem(cfg['max-size']);
    if (typeof size === 'string') return `invalid value for max-size: ${cfg['max-size']}: ${size}`;
  }
  let maxFiles = 5;
  if (cfg['max-file'] !== undefined) {
    const n = atoi(cfg['max-file']);
    if (typeof n === 'string') return `invalid value for max-file: ${cfg['max-file']}: ${n}`;
    maxFiles = n;
  }
  let compress = true;
  if (cfg.compress !== undefined) {
    const value = parseBool(cfg.compress);
    if (typeof value === 'string') return `error reading compress log option: ${value}`;
    compress = value;
  }
  if (maxFiles < 0) return 'max file count cannot be less than 0';
  if (compress && maxFiles <= 1) return 'compression cannot be enabled when max file count is 1';
  return undefined;
}

/** The log driver's option values, checked when it starts (`none` takes no options: refused at create). */
function logDriverProblem(c: Container): string | undefined {
  const cfg = c.hostConfig.LogConfig?.Config ?? {};
  return c.hostConfig.LogConfig?.Type === 'local' ? localProblem(cfg) : jsonFileProblem(cfg);
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
