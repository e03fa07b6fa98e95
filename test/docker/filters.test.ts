// What the recordings cannot pin (mounts/filter-dangling-values, mounts/volume-prune-filter-all-values):
// the daemon lists the values of an invalid filter from a Go map, so where several are named their
// order varies between real runs (observed: `dangling=[1 0]` and `dangling=[false true]`); and
// 20.10 lets a true value win over a false one, where 26.1 refuses the pair with that unordered list.
import { describe, expect, it } from 'vitest';
import { filterBool, parseFilterFlags } from '../../src/docker/filters.ts';
import { PROFILES } from '../../src/engine/profile.ts';

const volume = { trueWords: ['true', '1'], falseWords: ['false', '0'] };
const image = { trueWords: ['true'], falseWords: ['false'] };

describe('parseFilterFlags (docker/cli FilterOpt.Set)', () => {
  it('skips empty values, lower-cases and trims keys, trims values, keeps each value once', () => {
    const args = parseFilterFlags(['', ' Dangling = true ', 'dangling=true', 'NAME=A b', 'dangling=1']);
    expect(args).toEqual(new Map([['dangling', ['true', '1']], ['name', ['A b']]]));
  });
  it('refuses a value without =', () => {
    expect(parseFilterFlags(['name=a', 'dangling'])).toEqual({ badFormat: 'dangling' });
  });
});

describe('filterBool (dangling=)', () => {
  it('20.10: a true value wins over a false one; volumes take 1/0, images only true/false', () => {
    expect(filterBool(PROFILES['docker-20.10'], 'dangling', ['false', 'true'], volume)).toBe(true);
    expect(filterBool(PROFILES['docker-20.10'], 'dangling', ['0', 'yes'], volume)).toBe(false);
    expect(filterBool(PROFILES['docker-20.10'], 'dangling', ['1'], image)).toEqual({ error: "Invalid filter 'dangling=[1]'" });
    expect(filterBool(PROFILES['docker-20.10'], 'dangling', ['false', 'yes'], image)).toBe(false);
  });
  it('26.1: exactly one kind of boolean; a conflict names the values, sorted', () => {
    expect(filterBool(PROFILES['docker-26.1'], 'dangling', ['true', 'false'], volume)).toEqual({ error: "invalid filter 'dangling=[false true]'" });
    expect(filterBool(PROFILES['docker-26.1'], 'dangling', ['1', '0'], image)).toEqual({ error: "invalid filter 'dangling=[0 1]'" });
    expect(filterBool(PROFILES['docker-26.1'], 'dangling', ['1', 'true', 'yes'], image)).toBe(true);
    expect(filterBool(PROFILES['docker-26.1'], 'dangling', ['TRUE'], volume)).toEqual({ error: "invalid filter 'dangling=[TRUE]'" });
  });
});
