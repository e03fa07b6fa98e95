// engine.ts execute: one scenario line as the recorder runs it (shared/oracle/record.mjs
// runCommand: `bash -c LINE` in the scenario's directory, with LC_ALL=C, TZ=UTC and PWD set, as
// root), in one immer draft per command.

import { describe, expect, it } from 'vitest';
import { execute, HOST_CWD, initialState } from '../../src/engine/engine.ts';

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
