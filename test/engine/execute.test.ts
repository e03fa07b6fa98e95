// engine.ts execute: one scenario line as the recorder runs it (shared/oracle/record.mjs
// runCommand: `bash -c LINE` in the scenario's directory, with LC_ALL=C, TZ=UTC and PWD set, as
// root), in one immer draft per command.

import { describe, expect, it } from 'vitest';
import { execute, HOST_CWD, initialState, MAX_OUTPUT_LINES } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';
import { defaultBudget } from '../../src/shell/types.ts';

describe('execute', () => {
  it("runs the line in bash with the recorder's environment, in the scenario's directory", () => {
    const r = execute(initialState(), 'echo "$LC_ALL $TZ $PWD $HOME"; pwd; echo $0');
    expect(r.output).toBe(`C UTC ${HOST_CWD} /root\n${HOST_CWD}\nbash\n`);
    expect(r.exitCode).toBe(0);
  });

  it("is bash, not busybox sh: bash's own words for a missing command", () => {
    const r = execute(initialState(), 'nosuchcommand');
    expect(r.output).toBe('bash: line 1: nosuchcommand: command not found\n');
    expect(r.exitCode).toBe(127);
  });

  it('each command is a tick of the clock, so that what two commands make never shares a creation time', () => {
    const s0 = initialState();
    const s1 = execute(s0, 'true').state;
    const s2 = execute(s1, 'false').state;
    expect(s1.clock).toBe(s0.clock + 1);
    expect(s2.clock).toBe(s0.clock + 2);
    expect(s0.clock).toBe(initialState().clock);
  });

  it("passes docker to the engine, with the line's redirections; its events are the command's", () => {
    const r = execute(initialState(), 'docker volume create vol >/dev/null; docker volume ls -q');
    expect(r.output).toBe('vol\n');
    expect(r.events.map((e) => e.type)).toEqual(['volume-created']);
  });
});

describe('execute: what the recorder gives a command', () => {
  it('stdin is /dev/null (record.mjs spawns bash with stdio ignore): cat reads nothing, read fails', () => {
    const r = execute(initialState(), 'cat; read x; echo "status $? [$x]"');
    expect(r.output).toBe('status 1 []\n');
  });

  it('a PATH that holds the directories commands are found in, and a host name (the recorder\'s own, so only its presence is stated)', () => {
    const r = execute(initialState(), 'd=$(dirname "$(command -v ls)"); case ":$PATH:" in *":$d:"*) echo "$d on PATH";; *) echo "$d not on PATH";; esac; [ -n "$(hostname)" ] && [ "$(hostname)" = "$(uname -n)" ] && echo named');
    expect(r.output).toMatch(/^\/\S+ on PATH\nnamed\n$/);
  });
});

describe('execute: budgets', () => {
  // What the terminal receives is held whole: 64 MiB (the byte budget of any stream, shell/types.ts
  // defaultBudget) and MAX_OUTPUT_LINES lines. Past either, the command is refused with exit 125
  // (docker's own status for a failure of its own) and one line saying which, and what it printed
  // is dropped (too big to keep).
  const maxBytes = defaultBudget().maxBytes;

  it('prints exactly MAX_OUTPUT_LINES lines, and refuses one more', () => {
    const at = execute(initialState(), `yes | head -n ${MAX_OUTPUT_LINES}`);
    expect(at.exitCode).toBe(0);
    expect(at.output).toBe('y\n'.repeat(MAX_OUTPUT_LINES));
    // lines are counted over every write, whatever their split
    const over = execute(initialState(), `echo first; yes | head -n ${MAX_OUTPUT_LINES - 1}; printf 'last\\nmore'`);
    expect(over.exitCode).toBe(125);
    expect(over.output).toBe(`strata: output exceeded the limit of ${MAX_OUTPUT_LINES} lines\n`);
  });

  it('prints exactly the byte budget in exactly MAX_OUTPUT_LINES lines, and refuses one byte more', () => {
    // MAX_OUTPUT_LINES - 1 empty lines, then one line that fills the budget
    const at = execute(initialState(), `yes '' | head -n ${MAX_OUTPUT_LINES - 1}; printf '%${maxBytes - MAX_OUTPUT_LINES}s\\n'`);
    expect(at.exitCode).toBe(0);
    expect(at.output.length).toBe(maxBytes);
    expect(at.output.endsWith(' \n')).toBe(true);
    const overBytes = execute(initialState(), `echo a; printf '%${maxBytes - 1}s'`);
    expect(overBytes.exitCode).toBe(125);
    expect(overBytes.output).toBe(`strata: output exceeded the size limit (${maxBytes} bytes)\n`);
  });

  it('another budget running out keeps what was printed before the refusal', () => {
    const r = execute(initialState(), 'echo before; echo {1..100000000}; echo after');
    expect(r.exitCode).toBe(125);
    expect(r.output).toBe('before\nstrata: a brace expansion made more than 500000 words\n');
  });

  it('what ran before a refusal stays done (as when a host kills the shell); a bug of the simulator is not turned into a refusal', () => {
    const s0 = initialState();
    const r = execute(s0, 'docker volume create vol; echo {1..100000000}');
    expect([r.exitCode, r.output]).toEqual([125, 'vol\nstrata: a brace expansion made more than 500000 words\n']);
    expect(execute(r.state, 'docker volume ls -q').output).toBe('vol\n');
    // a state no engine profile answers for: runDocker fails on it (test/setup.ts makes the
    // shell rethrow internal errors), and that failure must reach the caller as it is
    const broken = { ...s0, engine: 'docker-0.0' as EngineState['engine'] };
    expect(() => execute(broken, 'docker version')).toThrow(TypeError);
  });
});
