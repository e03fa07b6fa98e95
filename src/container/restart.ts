// What a restart policy (`--restart`, compose's `restart:`) does when a container's main process
// ends. The daemon starts it again after a back-off (100 ms, doubled at each restart up to a
// minute, reset after a run of 10 s: moby restartmanager/restartmanager.go), so from then on what
// the container shows (`Restarting (1) 2 seconds ago` or `Up 1 second`, its RestartCount, how many
// times its log holds the run's output, its exit code after a `docker stop`) depends on how fast the
// machine runs it: a log line appended at each run counted 5 on 20.10 and 4 on 26.1 after the same
// commands (a probe on both oracle engines, not kept: it does not repeat). strata does not guess
// those: it keeps the container as the daemon does (its name taken, its volumes in use, what
// `docker rm -f` removes; recorded: lifecycle/restart-loop-kept, compose/restart-loop-down) and
// follows it no further (container/unfollowed.ts): a command that would show it is refused by name.
// What its runs do to its volumes and binds is known when one more run leaves them as it found
// them (container/restart-rerun.ts).
//
// The daemon's rule (moby daemon/monitor.go handleContainerExit, restartmanager/restartmanager.go
// ShouldRestart): a canceled restart manager never restarts; otherwise `always` restarts whatever
// the exit status, `unless-stopped` unless the container was stopped by hand, `on-failure[:N]`
// after a non-zero status while fewer than N restarts were made (0: no limit). `docker stop` and
// `docker kill` stop by hand (daemon/kill.go killWithSignal sets HasBeenManuallyStopped), and a
// kill with SIGKILL or with the container's stop signal (`--stop-signal`, else the image's
// STOPSIGNAL) cancels the manager (ExitOnNext); when neither sets a stop signal (Config.StopSignal
// is empty: an imported image), every signal does. Recorded on both engines: `docker kill -s USR1`
// of an `always` busybox container (its image's STOPSIGNAL is SIGKILL) whose USR1 trap exits has it
// restarted, of an `unless-stopped` one does not (lifecycle/restart-policy-not-acted-on and the
// cases of test/container/restart.test.ts); of an `always` container of an imported image it does
// not either, and a cancel holds for the rest of the run (lifecycle/restart-policy-canceled). A
// signal from inside the container (`docker exec c kill 1`) and a process that ends by itself are
// neither.

import type { Container } from '../engine/state.ts';
import { parseSignal } from './signals.ts';

/** Whether a client's signal `signo` canceled the daemon's restart manager (killWithSignal: any signal when the config has no stop signal). */
function cancels(c: Container, signo: number): boolean {
  return signo === 9 || c.config.StopSignal === '' || parseSignal(c.config.StopSignal) === signo;
}

/**
 * A client's signal `signo` reached the container (`docker kill`, `docker stop`, the SIGKILL after
 * a stop's timeout), whether or not it ends the main process: it counts until the next start,
 * so a process that ends later (a TERM trap run when its sleep is over) is no restart either.
 */
export function noteClientSignal(c: Container, signo: number): void {
  c.stoppedByHand = { canceled: (c.stoppedByHand?.canceled ?? false) || cancels(c, signo) };
}

/** Whether a real daemon restarts `c` now that its main process ended with `status`. */
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
  }
  return false;
}

/** The policy as `docker run --restart` takes it back: `on-failure:N` with its count. */
function policyName(c: Container): string {
  const policy = c.hostConfig.RestartPolicy!;
  // Stryker disable next-line ConditionalExpression: a retry count comes only with on-failure (the daemon refuses it with another policy: container/settings.ts validateRestartPolicy)
  return policy.Name === 'on-failure' && policy.MaximumRetryCount > 0 ? `on-failure:${policy.MaximumRetryCount}` : policy.Name;
}

/**
 * The refusal of every command that would show `c` once the daemon restarts it, when its main
 * process ended with `status` and its policy restarts it; undefined when the daemon leaves it exited.
 */
export function restartRefusalText(c: Container, status: number): string | undefined {
  if (!wouldRestart(c, status)) return undefined;
  return `strata does not simulate the daemon restarting ${c.name}: its main process ended (exit status ${status}) and its restart policy \`${policyName(c)}\` restarts it again and again, so what it shows now depends on timing (docs/compat.md); \`docker rm -f ${c.name}\`${c.config.Labels['com.docker.compose.project'] !== undefined ? ' or `docker compose down`' : ''} removes it`;
}
