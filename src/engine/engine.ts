// The engine's reducer: `(state, command line) -> (state, output, exit status, events)`.
// A scenario command is a bash line on the host; `docker` inside it is this engine. Everything
// runs inside one immer draft, so a command either produces a whole new state or, on a
// refusal, leaves the old one untouched.

import { produce, setAutoFreeze } from 'immer';
import { fromBytes, toBytes } from '../fs/bytes.ts';
import { runShell } from '../shell/index.ts';
import { defaultBudget, ShellLimitError, type ProcessIO, type ShellEnvironment } from '../shell/types.ts';
import { hostFs } from '../container/runtime-fs.ts';
import { runDocker } from '../docker/main.ts';
import type { EngineEvent } from './events.ts';
import { PROFILES } from './profile.ts';
import type { EngineState } from './state.ts';

// Layer trees are large and shared; freezing them on every command would cost more than the
// whole simulation. The state is still never mutated outside a draft.
setAutoFreeze(false);

export { HOST_CWD, initialState, type EngineOptions } from './initial-state.ts';

export interface CommandResult {
  state: EngineState;
  /** stdout and stderr merged in the order written, decoded as UTF-8. */
  output: string;
  exitCode: number;
  events: EngineEvent[];
}

/** Run one scenario command line (a bash line on the host) against the engine. */
export function execute(state: EngineState, line: string): CommandResult {
  let out = '';
  let exitCode = 0;
  const events: EngineEvent[] = [];
  const io: ProcessIO = {
    stdin: '',
    stdout: (d) => {
      out += d;
    },
    stderr: (d) => {
      out += d;
    },
  };
  const next = produce(state, (st) => {
    st.clock += 1;
    const env: ShellEnvironment = {
      fs: hostFs(st),
      flavor: 'gnu',
      cwd: st.hostCwd,
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/root', PWD: st.hostCwd, LC_ALL: 'C', TZ: 'UTC' },
      hostname: 'host',
      budget: defaultBudget(),
      shellName: 'bash',
      sleep: () => undefined,
      external: (name, args, procIo, cwd) => {
        if (name !== 'docker') return undefined;
        return runDocker({ st, profile: PROFILES[st.engine], io: procIo, events, cwd }, args);
      },
    };
    try {
      exitCode = runShell(toBytes(line), env, io);
    } catch (e) {
      if (e instanceof ShellLimitError) {
        io.stderr(toBytes(`strata: ${e.message}\n`));
        exitCode = 125;
        return;
      }
      throw e;
    }
  });
  return { state: next, output: fromBytes(out), exitCode, events };
}
