// BuildKit's "did you mean X?" (src/image/build/suggest.ts): the first option within two edits,
// in the options' order. For the lists BuildKit builds by ranging over a Go map (an instruction's
// flags, mount types, sharing modes, instruction names: moby/buildkit@v0.13.1) that order is
// random, so two equally close options are a coin toss in a real build: strata refuses to pick.
import { describe, expect, it } from 'vitest';
import { nearest } from '../../src/image/build/suggest.ts';
import { Refusal } from '../../src/image/build/failures.ts';

describe('nearest', () => {
  it('takes the one closest option within two edits', () => {
    expect(nearest('chonw', ['from', 'chown', 'chmod', 'link'], true, true)).toBe('chown');
    expect(nearest('bnd', ['bind', 'cache', 'tmpfs', 'secret', 'ssh'], true, true)).toBe('bind');
    expect(nearest('xyzzy', ['chown', 'chmod'], true, true)).toBeUndefined();
  });
  it('refuses a tie between options from a Go map (chmn: chown and chmod both two edits away)', () => {
    expect(() => nearest('chmn', ['from', 'chown', 'chmod', 'link'], true, true)).toThrow(Refusal);
    expect(() => nearest('chmn', ['from', 'chown', 'chmod', 'link'], true, true)).toThrow(/chown, chmod/);
    expect(() => nearest('ARD', ['ADD', 'ARG', 'RUN'], false, true)).toThrow(Refusal);
    // (three edits away from both is no suggestion, not a tie)
    expect(nearest('nfs', ['bind', 'cache', 'tmpfs', 'secret', 'ssh'], true, true)).toBeUndefined();
  });
  it('keeps a slice order: the first of equally close options wins', () => {
    expect(nearest('r', ['ro', 'rw'], true, false)).toBe('ro');
    expect(nearest('r', ['rw', 'ro'], true, false)).toBe('rw');
  });
  it('gives no suggestion for an exact match, tie or not', () => {
    expect(nearest('chown', ['chown', 'chowm'], true, true)).toBe('chown');
  });
});
