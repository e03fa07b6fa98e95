// The engine's reducer: `(state, command line) -> (state, output, exit status, events)`.
// A scenario command is a bash line on the host; `docker` inside it is this engine. Everything
// runs inside one immer draft, so a command either produces a whole new state or, on a
// refusal, leaves the old one untouched.

import { produce, setAutoFreeze } from 'immer';
import { fromBytes, toBytes } from '../fs/bytes.ts';
import { withDevices } from '../fs/memory.ts';
import { dir } from '../fs/node.ts';
import { busyboxImage, busyboxLayer, BASE_IMAGE_ID, BASE_IMAGE_REF, BASE_MTIME } from '../image/base.ts';
import { runShell } from '../shell/index.ts';
import { defaultBudget, ShellLimitError, type ProcessIO, type ShellEnvironment } from '../shell/types.ts';
import { hostFs } from '../container/runtime-fs.ts';
import { runDocker } from '../docker/main.ts';
import type { EngineEvent } from './events.ts';
import { DEFAULT_ENGINE, PROFILES, type EngineName } from './profile.ts';
import type { EngineState } from './state.ts';

// Layer trees are large and shared; freezing them on every command would cost more than the
// whole simulation. The state is still never mutated outside a draft.
setAutoFreeze(false);

/** The scenario's $PWD on the simulated host. */
export const HOST_CWD = '/home/student/work';

export interface EngineOptions {
  engine?: EngineName;
  seed?: string;
}

export function initialState(opts: EngineOptions = {}): EngineState {
  const layer = busyboxLayer();
  const host = withDevices(dir());
  let cur = host;
  for (const part of HOST_CWD.split('/').filter((p) => p !== '')) {
    const next = dir();
    cur.entries[part] = next;
    cur = next;
  }
  host.entries.tmp = dir({ mode: 0o1777 });
  return {
    engine: opts.engine ?? DEFAULT_ENGINE,
    ids: { seed: opts.seed ?? 'strata', counter: 0 },
    clock: BASE_MTIME + 365 * 24 * 3600,
    layers: { [layer.id]: layer },
    images: { [BASE_IMAGE_ID]: busyboxImage(layer.size) },
    tags: { [BASE_IMAGE_REF]: BASE_IMAGE_ID },
    containers: {},
    volumes: {},
    host,
    hostCwd: HOST_CWD,
  };
}

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
