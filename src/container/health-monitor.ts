// The health monitor's checks, run on strata's clock (the rules: container/health.ts). A check is
// an exec of the test in the container (moby daemon/health.go cmdProbe.run): `CMD` execs its
// argv, `CMD-SHELL` runs `/bin/sh -c TEST` (getShell: no container keeps a SHELL), as the
// container's user in its working directory with its environment, stdout and stderr into one
// buffer of 4096 bytes. It is the exec of `docker exec`, so it sees and changes the container's
// file system as one does.
//
// The engine is pure, so no timer fires: whoever moves the clock (a command's tick, a `sleep` on
// the host, compose waiting for a dependency) first runs the checks that fall due before the new
// time, in the order of their times (then of the containers' starts), each on the state the
// previous left. A check due at exactly the new time runs after what happens then: a command
// takes well under the second strata gives it, so a check one second after a `docker run -d` has
// not run when the next command asks.

import { loseTrack } from './unfollowed.ts';
import type { EngineEvent } from '../engine/events.ts';
import type { Container, EngineState, HealthResult } from '../engine/state.ts';
import { PROFILES } from '../engine/profile.ts';
import { BlockedSignal, ShellLimitError } from '../shell/types.ts';
import { containerById, runningIds } from './registry.ts';
import { tablePeek } from '../engine/table.ts';
import { execInContainer, ExecStartError } from './lifecycle.ts';
import { afterResult, healthTiming, MAX_OUTPUT_LEN, waitBeforeCheck } from './health.ts';
import { fromBytes } from '../fs/bytes.ts';
import { formatGoDuration } from '../docker/format/duration.ts';

/** The most checks of one container strata runs while its clock moves once (a 1 ms interval over a `sleep 60` would be 60,000). */
export const MAX_CHECKS_PER_ADVANCE = 1000;

/**
 * Checks strata does not run. Thrown while the clock moves, from inside a host `sleep` too, so it
 * is a shell limit (which every shell guard passes on); the engine refuses the whole command.
 */
export class ChecksNotSimulated extends ShellLimitError {}

/** limitedBuffer: the first MAX_OUTPUT_LEN bytes, then `...` if more was written. */
function limitedBuffer(): { write: (d: string) => void; text: () => string } {
  let buf = '';
  let truncated = false;
  return {
    write: (d) => {
      const room = MAX_OUTPUT_LEN - buf.length;
      buf += d.slice(0, room);
      if (d.length > room) truncated = true;
    },
    // Go's json replaces invalid UTF-8 (a rune cut at the limit) as fromBytes does.
    text: () => fromBytes(buf) + (truncated ? '...' : ''),
  };
}

/** One check of a running container at `at` (cmdProbe.run, monitor's result). */
export function runCheck(st: EngineState, c: Container, at: number): HealthResult {
  const cfg = c.config.Healthcheck!;
  const t = healthTiming(cfg);
  const argv = cfg.Test[0] === 'CMD-SHELL' ? ['/bin/sh', '-c', ...cfg.Test.slice(1)] : cfg.Test.slice(1);
  if (argv.length === 0) throw new ChecksNotSimulated(`strata does not simulate the health check of ${c.name}: its test ${JSON.stringify(cfg.Test)} names no command, and the daemon's words for it are not recorded`);
  const out = limitedBuffer();
  let slept = 0;
  let timedOut = false;
  try {
    const exitCode = execInContainer(st, c, {
      argv,
      // the exec's defaults are the container's user and working directory (execConfig.User, WorkingDir)
      env: [],
      io: { stdin: '', stdout: out.write, stderr: out.write },
      // a test that swallows a stand-in's refusal (`curl -f URL || exit 1`) fails as it did, its
      // output the refusal (what strata does with it is not settled: docs/compat.md)
      keepsSwallowedRefusals: true,
      sleep: (seconds) => {
        slept += seconds;
        if (slept < t.timeout) return;
        // the check is killed where it sleeps: what it did before stays
        timedOut = true;
        throw new BlockedSignal('health check timeout');
      },
    });
    if (!timedOut) return { start: at, end: at + slept, exitCode, output: out.text() };
    // 20.10 monitor: the context's timeout; 26.1 cmdProbe.run adds what the check printed
    const text = out.text();
    const msg = `Health check exceeded timeout (${formatGoDuration(BigInt(Math.round(t.timeout * 1e9)))})`;
    return { start: at, end: at + t.timeout, exitCode: -1, output: PROFILES[st.engine].healthStartInterval && text !== '' ? `${msg}: ${text}` : msg };
  } catch (e) {
    // the exec did not start: the error's text, exit code -1 (recorded: health/probe-fails)
    if (e instanceof ExecStartError) return { start: at, end: at, exitCode: -1, output: e.message };
    throw e;
  }
}

/** The running, unpaused container whose check is due first before `until`, if any. */
function nextDue(st: EngineState, until: number): { id: string; at: number } | undefined {
  let best: { id: string; at: number } | undefined;
  for (const id of runningIds(st)) {
    const c = tablePeek(st.containers, id)!;
    // past what strata follows (loseTrack below)
    if (c.unfollowed !== undefined) continue;
    // a paused container's monitor is stopped (no `next`)
    const at = c.state.health?.next;
    if (at === undefined || at >= until) continue;
    if (!best || at < best.at) best = { id, at };
  }
  return best;
}

/**
 * Run every check due before `until` (seconds on strata's clock), in time order; each arms the
 * next an interval after it ended (monitor's timer reset). Past MAX_CHECKS_PER_ADVANCE checks,
 * strata follows the container checked next no further (container/unfollowed.ts: its health, and
 * what its checks may write) and runs the others' checks on.
 */
export function runDueChecks(st: EngineState, until: number, events: EngineEvent[] = []): void {
  const profile = PROFILES[st.engine];
  const checks = new Map<string, number>();
  for (;;) {
    const due = nextDue(st, until);
    if (!due) return;
    const c = containerById(st, due.id)!;
    // a monitor runs only after a start with a probe, and the config does not change after it
    const cfg = c.config.Healthcheck!;
    const n = checks.get(c.id) ?? 0;
    checks.set(c.id, n + 1);
    if (n >= MAX_CHECKS_PER_ADVANCE) {
      const why = `strata does not simulate more than ${MAX_CHECKS_PER_ADVANCE} health checks while its clock moves once (${c.name} is checked every ${formatGoDuration(BigInt(Math.round(healthTiming(cfg).interval * 1e9)))}), so it follows ${c.name} no further; \`docker rm -f ${c.name}\` removes it`;
      loseTrack(st, c, why);
      events.push({ type: 'container-unfollowed', container: c.id, name: c.name, why });
      continue;
    }
    // An exec in strata cannot end or pause its container (no signal reaches PID 1 from one), so
    // the monitor is still running when the check returns.
    // the check runs at its own second: what it does is dated then (a web server's access log
    // line for its request: network/http/web.ts), the clock going on from where it was after
    const clock = st.clock;
    st.clock = Math.max(clock, Math.floor(due.at));
    let result: HealthResult;
    try {
      result = runCheck(st, c, due.at);
    } finally {
      st.clock = clock;
    }
    const h = c.state.health!;
    const t = healthTiming(cfg);
    const after = afterResult(h, result, t, c.state.startedAt);
    c.state.health = { ...after, next: result.end + waitBeforeCheck(t, profile, result.end - c.state.startedAt, after.status) };
  }
}
