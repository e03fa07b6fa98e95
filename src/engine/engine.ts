// The engine's reducer: `(state, command line) -> (state, output, exit status, events)`.
// A scenario command is a bash line on the host; `docker` inside it is this engine. Everything
// runs inside one immer draft, so a command either produces a whole new state or, on a
// refusal, leaves the old one untouched.

import { produce, setAutoFreeze } from 'immer';
import { fromBytes, toBytes } from '../fs/bytes.ts';
import { runShell } from '../shell/index.ts';
import { defaultBudget, ShellLimitError, spendSteps, ShellNotSimulated, type Keyboard, type ProcessIO, type ShellEnvironment, type TerminalState } from '../shell/types.ts';
import { hostFs } from '../container/runtime-fs.ts';
import { runDocker } from '../docker/main.ts';
import type { EngineEvent } from './events.ts';
import { PROFILES } from './profile.ts';
import type { EngineState } from './state.ts';
import { ChecksNotSimulated, runDueChecks } from '../container/health-monitor.ts';
import { DataRootNotSimulated, guardDataRoot } from './data-root.ts';
import { endDueSleeps } from '../container/lifecycle.ts';
import { SleepLoopNotSimulated } from '../container/process.ts';
import { NotFollowed, unfollowedHostPath } from '../container/unfollowed.ts';
import { hostWebApplets } from '../network/http/tools.ts';
import { refusalListener, SwallowedRefusal } from './not-simulated.ts';

// Every new state is frozen (immer's default, said here because the engine depends on it): when
// a command's draft is finalized, immer stops at frozen objects, so it walks only what this
// command made, not the large shared layer trees; and fs/node.ts's toChange tells a node that
// may be changed in place from a frozen one by Object.isFrozen.
setAutoFreeze(true);

export { HOST_CWD, initialState, type EngineOptions } from './initial-state.ts';

export interface CommandResult {
  state: EngineState;
  /** stdout and stderr merged in the order written, decoded as UTF-8. */
  output: string;
  exitCode: number;
  events: EngineEvent[];
  /** With a terminal given: what the line left in its shell (the one given when it was cut short). */
  terminal?: TerminalState;
}

/**
 * Lines one command may print. Each line is held as a string several times over (split,
 * normalized, diffed), so a command printing 64 MiB of newlines would need gigabytes; real
 * scenarios print a few hundred.
 */
export const MAX_OUTPUT_LINES = 1_000_000;

/**
 * The steps of a line's budget (shell/types.ts defaultBudget: 200,000) a docker command that
 * strata refuses spends (`strata does not simulate ...`, exit 125), where one that answers spends
 * one. A loop that waits for what the real command would have printed (`until docker compose logs
 * db 2>&1 | grep -q 'ready for connections'; do sleep 1; done`, whose log a normal install
 * refuses) never gets it: it ends at the step budget after ~200 tries rather than ~50,000
 * (recorded: compose/tut-bind-data-dirs-owners, 26.1, took 32.5 s of CPU), and the line is refused
 * with the refusal it swallowed (below; with the oracle's stand-ins, with the step limit's words).
 * A line of fewer than 200 refusals runs as before.
 */
export const REFUSAL_STEPS = 1_000;

/** The longest a command line may wait on strata's clock (a day, in seconds): see `sleep` in execute. */
export const MAX_COMMAND_SLEEP = 86_400;

const FOREVER =
  'strata does not simulate a command that runs until it is interrupted (it would wait more than a day: `sleep infinity`, or a server in the foreground, whose real program keeps running until Ctrl-C): start a server with `docker run -d` and read its output with `docker logs`';

/**
 * What the reader types, for a session on a terminal (src/pages/session.ts): the line typed at
 * `pending` (what the terminal shows on the cursor's line: the bytes written since the last
 * newline, escapes and carriage returns included), or undefined for Ctrl-D. `echo` is false for
 * a read that does not show what is typed (a password).
 */
export type TypedLines = (pending: string, echo: boolean) => string | undefined;

/**
 * Run one scenario command line (a bash line on the host) against the engine. `terminal`: run
 * the line in a terminal's shell, which goes on from what the last line left (`left`, none before
 * the first line), with what the reader types (`typed`); the result says what this one leaves.
 */
export function execute(state: EngineState, line: string, terminal?: { left?: TerminalState; typed?: TypedLines }): CommandResult {
  let out = '';
  let lines = 0;
  let exitCode = 0;
  const events: EngineEvent[] = [];
  const budget = defaultBudget();
  // What reaches the terminal is held whole, so it has the byte budget of any stream (a loop
  // of echos at the top level had none) and a budget of lines.
  let overflow = false;
  const emit = (d: string): void => {
    out += d;
    for (let i = d.indexOf('\n'); i !== -1; i = d.indexOf('\n', i + 1)) lines++;
    if (out.length > budget.maxBytes || lines > MAX_OUTPUT_LINES) {
      overflow = true;
      throw new ShellLimitError(
        out.length > budget.maxBytes ? `output exceeded the size limit (${budget.maxBytes} bytes)` : `output exceeded the limit of ${MAX_OUTPUT_LINES} lines`,
      );
    }
  };
  // The reader's terminal, when the session has one: what is typed at what the terminal shows
  // on the cursor's line (the output since its last newline); a line typed with echo is shown.
  const typed = terminal?.typed;
  const keyboard: Keyboard | undefined = typed && {
    line: (echo) => {
      // (the shell's strings are bytes, one character each: the page's are text)
      const text = typed(fromBytes(out.slice(out.lastIndexOf('\n') + 1)), echo);
      if (text === undefined) return undefined;
      if (echo) emit(toBytes(`${text}\r\n`));
      return toBytes(text);
    },
  };
  // (the reader's terminal is fd 0, 1 and 2 of the line's shell: `test -t 1` holds there)
  const io: ProcessIO = { stdin: '', stdout: emit, stderr: emit, transcript: true, ...(keyboard ? { keyboard, terminal: true } : {}) };
  let refused = false;
  let hostRefused: string | undefined;
  let left: TerminalState | undefined;
  const next = produce(state, (st) => {
    // A command takes one second of strata's clock, or as long as it sleeps on the host (`sleep 3`
    // and the next command starts 3 seconds later); the health checks due meanwhile run first.
    const start = st.clock + 1;
    let slept = 0;
    /** Wake-ups of each sleeping container during this line (endDueSleeps bounds them). */
    const wakes = new Map<string, number>();
    const moveClock = (to: number): void => {
      runDueChecks(st, to, events);
      endDueSleeps(st, to, events, wakes);
      st.clock = to;
    };
    // (the sum of short sleeps, 0.1 at a time, keeps its whole seconds)
    const sleep = (seconds: number): void => {
      // A command line that waits longer than a day waits in practice until someone interrupts it:
      // `sleep infinity`, or a server run in the foreground (`docker run -p 8080:80 nginx`), whose
      // stand-in blocks in `sleep 2147483647`. What Ctrl-C would leave is not simulated, and moving
      // the clock that far would show every container up or exited for 68 years (or Infinity).
      if (!(slept + seconds <= MAX_COMMAND_SLEEP)) throw new SleepLoopNotSimulated(FOREVER);
      slept += seconds;
      const to = start + Math.max(0, Math.floor(slept + 1e-9) - 1);
      if (to > st.clock) moveClock(to);
    };
    const env: ShellEnvironment = {
      // strata's own terminal (strata shell, a page's session) is the host's controlling terminal
      fs: guardDataRoot(hostFs(st, terminal !== undefined), (path) => {
        // what a restarting container's runs change (container/unfollowed.ts)
        const why = unfollowedHostPath(st, path);
        return why === undefined ? undefined : new NotFollowed(why);
      }),
      flavor: 'gnu',
      cwd: st.hostCwd,
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/root', PWD: st.hostCwd, LC_ALL: 'C', TZ: 'UTC' },
      hostname: 'host',
      budget,
      shellName: 'bash',
      sleep: (seconds) => sleep(seconds),
      // the host's curl and wget reach the containers' published ports (network/http)
      applets: hostWebApplets(st),
      // a refusal of a host program (curl's, wget's, a command strata does not simulate): see
      // below; the oracle's host ran the real programs (busyboxStandIns), its lines went on
      ...(st.busyboxStandIns === true ? {} : { standInRefused: (l: string) => void (hostRefused ??= l) }),
      external: (name, args, procIo, cwd, env) => {
        if (name !== 'docker') return undefined;
        // a wait until `to` counts as the line's sleep: the next command starts after it
        const advanceTo = (to: number): void => {
          if (to <= st.clock) return;
          slept = Math.max(slept, to - start + 1);
          moveClock(to);
        };
        // (a refusal is one write of its line: docker/errors.ts refusal, compose/cli.ts fail; the
        // other fields are procIo's own, its stdin a getter that reads only when asked, and
        // stderr stays writable: docker/sure.ts replaces it in an object made from this one)
        const heard = refusalListener((d) => procIo.stderr(d));
        const io = Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(procIo), stderr: { value: heard.write, enumerable: true, writable: true, configurable: true } }) as ProcessIO;
        let status: number;
        try {
          status = runDocker({ st, profile: PROFILES[st.engine], io, events, cwd, env, advanceTo, sleep }, args);
        } finally {
          // a docker command's refusal is heard like a host program's (below): one piped into
          // `grep -q` would otherwise leave the line going on as if Docker had answered
          if (st.busyboxStandIns !== true) hostRefused ??= heard.line();
        }
        if (heard.line() !== undefined && status === 125) spendSteps(budget, REFUSAL_STEPS);
        return status;
      },
    };
    try {
      moveClock(start);
      exitCode = runShell(toBytes(line), env, io, terminal ? { terminal: terminal.left, leaves: (t) => (left = t) } : {});
      // A refusal whose words never reached the terminal (`curl -s URL >/dev/null 2>&1 || true`):
      // the line went on as if the program had done its work, which strata does not know
      // (container/process.ts hearRefusals does the same for a container's process).
      if (hostRefused !== undefined && !out.includes(hostRefused)) throw new SwallowedRefusal(hostRefused);
    } catch (e) {
      // health checks strata does not run (container/health-monitor.ts), the daemon's data root
      // on the host (data-root.ts), a background loop of sleeps strata cannot follow
      // (container/process.ts, lifecycle.ts endDueSleeps, docker wait), a value the shell cannot
      // know ($RANDOM: shell/types.ts ShellNotSimulated), a restart the policy asks for
      // (container/restart.ts) or what it changes (container/unfollowed.ts): refused, nothing changed
      if (e instanceof ChecksNotSimulated || e instanceof DataRootNotSimulated || e instanceof SleepLoopNotSimulated || e instanceof ShellNotSimulated || e instanceof NotFollowed) {
        out += toBytes(`${e.message}\n`);
        exitCode = 125;
        refused = true;
        return;
      }
      // A loop that never ended because what it waited for was refused and swallowed (`until docker
      // compose logs db | grep -q ready; do sleep 1; done`): the refusal is the reason, not the limit.
      if (e instanceof ShellLimitError && hostRefused !== undefined && !out.includes(hostRefused)) {
        out += toBytes(`${hostRefused}\n`);
        exitCode = 125;
        refused = true;
        return;
      }
      if (e instanceof ShellLimitError) {
        // what was printed before the output budget ran out is too big to keep
        if (overflow) out = '';
        out += toBytes(`strata: ${e.message}\n`);
        exitCode = 125;
        return;
      }
      throw e;
    }
  });
  return { state: refused ? state : next, output: fromBytes(out), exitCode, events: refused ? [] : events, ...(terminal ? { terminal: refused ? terminal.left : left ?? terminal.left } : {}) };
}
