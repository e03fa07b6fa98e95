import { describe, expect, it } from 'vitest';
import { goClean, normalize } from '../../src/fs/path.ts';

describe('goClean (Go filepath.Clean)', () => {
  it('keeps a relative path relative and its leading ..', () => {
    expect(goClean('nodir/c1.tar')).toBe('nodir/c1.tar');
    expect(goClean('./d/../c1.tar')).toBe('c1.tar');
    expect(goClean('../../x/./y/')).toBe('../../x/y');
    expect(goClean('a/../..')).toBe('..');
    expect(goClean('')).toBe('.');
    expect(goClean('a/..')).toBe('.');
  });
  it('never climbs above / and agrees with normalize on absolute paths', () => {
    for (const p of ['/../../tmp', '/a/../b/./c', '/tmp/../..', '//x//y/', '/']) expect(goClean(p)).toBe(normalize(p));
    expect(goClean('/../../tmp')).toBe('/tmp');
  });
});
