// The engine's state before the first command: the base image, an empty daemon, and the
// simulated host with the scenario's working directory.

import { withDevices } from '../fs/memory.ts';
import { dir, setEntry } from '../fs/node.ts';
import { baseImage, BASE_IMAGE_REF, BASE_MTIME } from '../image/base.ts';
import { DEFAULT_ENGINE, type EngineName } from './profile.ts';
import type { EngineState } from './state.ts';
import { formatDaemonFlags, NORMAL_INSTALL, type DaemonConfig } from '../daemon/config.ts';
import { emptyTable, tableOf } from './table.ts';
import { emptyContainerIndex } from '../container/registry.ts';
import { freeze } from 'immer';
import { registerMemo } from './memos.ts';
import { withSystemFiles } from './host-files.ts';

/** The scenario's $PWD on the simulated host. */
export const HOST_CWD = '/home/student/work';

export interface EngineOptions {
  engine?: EngineName;
  seed?: string;
  /** The daemon's flags (daemon/config.ts); absent: a normal install. */
  daemon?: DaemonConfig;
  /**
   * Run the catalog's stand-ins as the oracle does, on their busybox (container/userland.ts): its
   * recordings of commands inside Debian- or Ubuntu-based stand-ins show busybox's words where a
   * normal install's image prints GNU's.
   */
  busyboxStandIns?: boolean;
  /** The clock's start (default: READER_CLOCK, or ORACLE_CLOCK with busyboxStandIns). */
  clock?: number;
  /**
   * Start with the oracle's busybox:latest (image/base.ts) where a normal install has the real one
   * (image/busybox-real.ts): the engine a catalog stand-in is built in (image/pull.ts), as the
   * oracle builds it. Implied by busyboxStandIns.
   */
  oracleBase?: boolean;
}

/**
 * 2024-12-31T00:00:00Z: where a session on the oracle's stand-ins starts (`--busybox-stand-ins`),
 * a year after its base image's files, and the date every stand-in is built at.
 */
export const ORACLE_CLOCK = BASE_MTIME + 365 * 24 * 3600;
/**
 * 2026-12-31T00:00:00Z: where a normal install's session starts, the reader's date. A pulled
 * catalog image shows its real image's Created (catalog/README.md, `registry.image`), which must
 * come before it, as a real pull's image comes before the day it is pulled on: an image built in
 * the session is then the newest (`docker images` lists by Created) and a pulled one is "3 months
 * ago", not in the future. The day of the year is the oracle's (Dec 31), so outputs that print
 * only a day and a time (`ls -l`) read the same in both.
 */
export const READER_CLOCK = 1798675200;

/**
 * The options with their defaults: everything the state depends on, so that two sets of options
 * with one resolution give the same state (sharedInitialState's key).
 */
function resolved(opts: EngineOptions): Required<EngineOptions> {
  const busyboxStandIns = opts.busyboxStandIns === true;
  return {
    engine: opts.engine ?? DEFAULT_ENGINE,
    seed: opts.seed ?? 'strata',
    daemon: opts.daemon ?? NORMAL_INSTALL,
    busyboxStandIns,
    clock: opts.clock ?? (busyboxStandIns ? ORACLE_CLOCK : READER_CLOCK),
    oracleBase: busyboxStandIns || opts.oracleBase === true,
  };
}

export function initialState(options: EngineOptions = {}): EngineState {
  const opts = resolved(options);
  const { layer, image } = baseImage(opts.oracleBase);
  const host = withDevices(dir());
  let cur = host;
  for (const part of HOST_CWD.split('/').filter((p) => p !== '')) {
    const next = dir();
    setEntry(cur, part, next);
    cur = next;
  }
  setEntry(host, 'tmp', dir({ mode: 0o1777 }));
  // the system files tutorials bind (host-files.ts); the daemon's socket dates from its start
  withSystemFiles(host, opts.clock);
  return {
    engine: opts.engine,
    // a normal install, named or not, leaves the state as it always was
    ...(formatDaemonFlags(opts.daemon) !== '' ? { daemon: { ...opts.daemon } } : {}),
    ...(opts.busyboxStandIns ? { busyboxStandIns: true as const } : {}),
    ...(opts.oracleBase && !opts.busyboxStandIns ? { oracleBase: true as const } : {}),
    ids: { seed: opts.seed, counter: 0 },
    clock: opts.clock,
    layers: tableOf([[layer.id, layer]]),
    images: tableOf([[image.id, image]]),
    tags: { [BASE_IMAGE_REF]: image.id },
    containers: emptyTable(),
    containerIndex: emptyContainerIndex(),
    volumes: emptyTable(),
    host,
    hostCwd: HOST_CWD,
  };
}


const shared = new Map<string, EngineState>();
registerMemo(() => shared.clear());

/**
 * The same state as initialState, frozen, and one object for all engines started with these
 * options: a replay threads it through immer like any later state (which copies what a command
 * changes), so a process checking many scenarios builds it, and immer freezes it at the end of
 * the first command, once per options instead of once per scenario. Not for a caller that changes
 * the state in place (the stand-in builder does: it gets its own from initialState).
 */
export function sharedInitialState(opts: EngineOptions = {}): EngineState {
  // every option, as resolved (a new one is in the key as soon as it has a default), the daemon
  // by its flags: options the state cannot tell apart share it
  const o = resolved(opts);
  const key = JSON.stringify({ ...o, daemon: formatDaemonFlags(o.daemon) });
  let st = shared.get(key);
  if (st === undefined) {
    st = freeze(initialState(opts), true);
    shared.set(key, st);
  }
  return st;
}
