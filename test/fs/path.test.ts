import { posix } from 'node:path';
import fc from 'fast-check';
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
    // only `.` itself is dropped: names that begin or end with a dot are names
    expect(components('/.a/a./..b/./.../..')).toEqual(['.a', 'a.', '..b', '...', '..']);
    expect(components('.')).toEqual([]);
    expect(components('x')).toEqual(['x']);
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

describe('goClean and normalize against a model (node:path posix.normalize, trailing slash dropped)', () => {
  const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? 100);
  // Go's Clean is posix.normalize's lexical rules (one slash, no `.`, `..` eats a name, none
  // above /) without the trailing slash normalize keeps: path/filepath Clean's documentation
  const model = (p: string): string => {
    const n = posix.normalize(p);
    return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
  };
  const path = fc.array(fc.constantFrom('a', 'b', '.', '..', '', 'c.d'), { maxLength: 8 }).map((parts) => parts.join('/'));
  it('agree on relative and absolute paths, and normalize is the rooted clean', () => {
    fc.assert(
      fc.property(path, fc.boolean(), (p, rooted) => {
        const q = rooted ? '/' + p : p;
        expect(goClean(q)).toBe(model(q));
        expect(normalize(q)).toBe(model('/' + q));
        expect(isWithin(normalize(q), '/')).toBe(true);
        const parts = relativeParts(normalize(q), '/');
        expect('/' + parts.join('/')).toBe(normalize(q));
      }),
      { numRuns: Math.max(RUNS, 200) },
    );
  });
});
