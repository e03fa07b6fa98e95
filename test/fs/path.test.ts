import { describe, expect, it } from 'vitest';
import { basename, components, dirname, goClean, isWithin, join, normalize, relativeParts } from '../../src/fs/path.ts';

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

describe('paths inside one root', () => {
  it('components drop empty parts and `.`, keep `..` for the resolver', () => {
    expect(components('//a/./b/../c/')).toEqual(['a', 'b', '..', 'c']);
    expect(components('/')).toEqual([]);
    expect(normalize('/a/b/../../../c/.')).toBe('/c');
    expect(normalize('')).toBe('/');
  });

  it('dirname and basename agree with coreutils on canonical and relative paths', () => {
    // `dirname X` / `basename X` in GNU coreutils 9
    const cases: [string, string, string][] = [
      ['a', '.', 'a'],
      ['/', '/', '/'],
      ['/a', '/', 'a'],
      ['a/b/', 'a', 'b'],
      ['/a/b', '/a', 'b'],
      ['/a/b//', '/a', 'b'],
      ['./a', '.', 'a'],
      ['//', '/', '/'],
      ['', '.', ''],
    ];
    for (const [p, d, b] of cases) {
      expect(dirname(p)).toBe(d);
      expect(basename(p)).toBe(b);
    }
  });

  it('join resolves a relative path against the working directory, an absolute one stands', () => {
    expect(join('/home/student', 'f')).toBe('/home/student/f');
    expect(join('/', 'f')).toBe('/f');
    expect(join('/home/', 'f')).toBe('/home/f');
    expect(join('/home', '/etc/passwd')).toBe('/etc/passwd');
  });

  it('isWithin is by whole components, and everything is within /', () => {
    expect(isWithin('/data', '/data')).toBe(true);
    expect(isWithin('/data/x', '/data')).toBe(true);
    expect(isWithin('/database', '/data')).toBe(false);
    expect(isWithin('/', '/data')).toBe(false);
    expect(isWithin('/anything', '/')).toBe(true);
    expect(relativeParts('/data/x/y', '/data')).toEqual(['x', 'y']);
    expect(relativeParts('/data', '/data')).toEqual([]);
    expect(relativeParts('/x/y', '/')).toEqual(['x', 'y']);
  });
});
