// What a restart policy (`--restart`, compose's `restart:`) does when a container's main process
// ends. strata stores and shows the policy (container/settings.ts) but runs no restarts, so it
// refuses the command in which a real daemon would have begun one, rather than show a container
// that stays exited with a RestartCount of 0 where the real one is restarting or running again
// (and its log and writable layer growing with each run).
//
// The daemon's rule (moby daemon/monitor.go handleContainerExit, restartmanager/restartmanager.go
// ShouldRestart): a canceled restart manager never restarts; otherwise `always` restarts whatever
// the exit status, `unless-stopped` unless the container was stopped by hand, `on-failure[:N]`
// after a non-zero status while fewer than N restarts were made (0: no limit). `docker stop` and
// `docker kill` stop by hand (daemon/kill.go killWithSignal sets HasBeenManuallyStopped), and a
// kill with the container's stop signal (SIGTERM unless `--stop-signal` or the image's STOPSIGNAL
// says otherwise) or SIGKILL cancels the manager (ExitOnNext): recorded on both engines, `docker
// kill -s USR1` of an `always` container whose USR1 trap exits has it restarted, of an
// `unless-stopped` one does not (lifecycle/restart-policy-not-acted-on and the cases of
// test/container/restart.test.ts). A signal from inside the container (`docker exec c kill 1`)
// and a process that ends by itself are neither.

import { ShellLimitError } from '../shell/types.ts';
import type { Container } from '../engine/state.ts';
import { parseSignal } from './signals.ts';

/** The command is refused (engine.ts): nothing it did is kept. A shell limit, so every shell guard passes it on. */
export class RestartNotSimulated extends ShellLimitError {}

/** Whether a client's signal `signo` canceled the daemon's restart manager (killWithSignal). */
function cancels(c: Container, signo: number): boolean {
  return signo === 9 || parseSignal(c.config.StopSignal || 'SIGTERM') === signo;
}

/**
 * A client's signal `signo` reached the container (`docker kill`, `docker stop`, the SIGKILL after
 * a stop's timeout), whether or not it ends the main process: it counts until the next start,
 * so a process that ends later (a TERM trap run when its sleep is over) is no restart either.
 */
export function noteClientSignal(c: Container, signo: number): void {
  c.stoppedByHand = { canceled: (c.stoppedByHand?.canceled ?? false) || cancels(c, signo) };
}

/** Whether a real daemon restarts `c` now that its main process ended with `status` (no restart made yet: strata makes none). */
function wouldRestart(c: Container, status: number): boolean {
  const byHand = c.stoppedByHand;
  if (byHand?.canceled) return false;
  const policy = c.hostConfig.RestartPolicy;
  switch (policy?.Name) {
    case 'always':
      return true;
    case 'unless-stopped':
      return byHand === undefined;
    case 'on-failure':
      return status !== 0;
    default:
      return false;
  }
}

/** Refuses the command when a real daemon would restart `c` now (see the top of this file). */
export function refuseRestart(c: Container, status: number): void {
  if (!wouldRestart(c, status)) return;
  const policy = c.hostConfig.RestartPolicy!;
  const named = policy.Name === 'on-failure' && policy.MaximumRetryCount > 0 ? `on-failure:${policy.MaximumRetryCount}` : policy.Name;
  throw new RestartNotSimulated(
    `strata does not simulate the daemon restarting ${c.name}: its main process ended (exit status ${status}) and its restart policy \`${named}\` restarts it, which strata does not do (docs/compat.md)`,
  );
}
