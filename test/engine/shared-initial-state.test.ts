// sharedInitialState: one frozen state per set of options, the same as initialState's for them,
// whatever was asked for before (its memo's key tells every option apart that changes the state).
// A new file, so that initial-state.test.ts' kills stay (docs/mutation.md).
import { describe, expect, it } from 'vitest';
import { initialState, sharedInitialState, type EngineOptions } from '../../src/engine/initial-state.ts';

const OPTIONS: readonly EngineOptions[] = [
  {},
  { engine: 'docker-20.10' },
  { seed: 'a' },
  { seed: 'b' },
  { seed: '' },
  { daemon: { disableBridge: true } },
  { busyboxStandIns: true },
  { engine: 'docker-20.10', seed: 'a', daemon: { disableBridge: true }, busyboxStandIns: true },
];

describe('sharedInitialState', () => {
  it("is initialState's state for each set of options, in any order asked", () => {
    for (const order of [OPTIONS, [...OPTIONS].reverse()]) {
      for (const opts of order) expect(sharedInitialState(opts)).toEqual(initialState(opts));
    }
  });

  it('gives the same frozen object for the same options', () => {
    for (const opts of OPTIONS) {
      const st = sharedInitialState(opts);
      expect(sharedInitialState({ ...opts })).toBe(st);
      expect(Object.isFrozen(st)).toBe(true);
      expect(Object.isFrozen(st.host)).toBe(true);
    }
  });

  it('keeps the daemon flags and the stand-ins asked for, and adds neither to a normal install', () => {
    expect(initialState({ daemon: { disableBridge: true } }).daemon).toEqual({ disableBridge: true });
    expect(initialState({ busyboxStandIns: true }).busyboxStandIns).toBe(true);
    expect('daemon' in initialState({})).toBe(false);
    expect('busyboxStandIns' in initialState({})).toBe(false);
  });
});
