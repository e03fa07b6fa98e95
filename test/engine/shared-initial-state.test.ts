// sharedInitialState: one frozen state per set of options, the same as initialState's for them,
// whatever was asked for before (its memo's key tells every option apart that changes the state).
// A new file, so that initial-state.test.ts' kills stay (docs/mutation.md).
import { describe, expect, it } from 'vitest';
import { initialState, READER_CLOCK, sharedInitialState, type EngineOptions } from '../../src/engine/initial-state.ts';
import { NORMAL_INSTALL } from '../../src/daemon/config.ts';
import { clearMemos } from '../../src/engine/memos.ts';
import { DEFAULT_ENGINE } from '../../src/engine/profile.ts';

const OPTIONS: readonly EngineOptions[] = [
  {},
  { engine: 'docker-20.10' },
  { engine: 'docker-26.1' },
  { seed: 'a' },
  { seed: 'b' },
  { seed: '' },
  { daemon: { disableBridge: true } },
  { daemon: NORMAL_INSTALL },
  { busyboxStandIns: true },
  { busyboxStandIns: false },
  // the clock changes the state too (its clock, and the host's system files are dated by it)
  { clock: 1 },
  { busyboxStandIns: true, clock: READER_CLOCK },
  { engine: 'docker-20.10', seed: 'a', daemon: { disableBridge: true }, busyboxStandIns: true },
];

describe('sharedInitialState', () => {
  it("is initialState's state for each set of options, in any order asked", () => {
    for (const order of [OPTIONS, [...OPTIONS].reverse()]) {
      clearMemos();
      for (const opts of order) expect(sharedInitialState(opts)).toEqual(initialState(opts));
    }
  });

  it('gives the same frozen object for the same options', () => {
    // built here, not by an earlier test: what is frozen is decided when the state is built
    clearMemos();
    for (const opts of OPTIONS) {
      const st = sharedInitialState(opts);
      expect(sharedInitialState({ ...opts })).toBe(st);
      expect(Object.isFrozen(st)).toBe(true);
      expect(Object.isFrozen(st.host)).toBe(true);
    }
  });

  it('gives one object for options that resolve alike (the defaults named or not)', () => {
    const st = sharedInitialState({});
    expect(sharedInitialState({ engine: DEFAULT_ENGINE, seed: 'strata', daemon: NORMAL_INSTALL, busyboxStandIns: false, clock: READER_CLOCK })).toBe(st);
    expect(sharedInitialState({ seed: 'a' })).not.toBe(st);
  });

  it('keeps the daemon flags and the stand-ins asked for, and adds neither to a normal install, named or not', () => {
    expect(initialState({ daemon: { disableBridge: true } }).daemon).toEqual({ disableBridge: true });
    expect(initialState({ busyboxStandIns: true }).busyboxStandIns).toBe(true);
    for (const normal of [{}, { daemon: NORMAL_INSTALL }, { busyboxStandIns: false }]) {
      const st = initialState(normal);
      expect('daemon' in st).toBe(false);
      expect('busyboxStandIns' in st).toBe(false);
    }
  });
});
