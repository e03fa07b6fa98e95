// globMatch follows Go's path.Match (the daemon's `reference=` filter): these are rows of Go's own
// table, src/path/match_test.go (pattern, name, match); a malformed pattern (ErrBadPattern there)
// matches nothing.

import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/image/glob.ts';
import { referenceMessage, referenceProblem } from '../../src/image/reference.ts';

const GO_TABLE: [string, string, boolean][] = [
  ['abc', 'abc', true],
  ['*', 'abc', true],
  ['*c', 'abc', true],
  ['a*', 'a', true],
  ['a*', 'abc', true],
  ['a*', 'ab/c', false],
  ['a*/b', 'abc/b', true],
  ['a*/b', 'a/c/b', false],
  ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false],
  ['a*b*c*d*e*/f', 'axbxcxdxexxx/fff', false],
  ['a*b?c*x', 'abxbbxdbxebxczzx', true],
  ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true],
  ['ab[b-d]', 'abc', true],
  ['ab[e-g]', 'abc', false],
  ['ab[^c]', 'abc', false],
  ['ab[^b-d]', 'abc', false],
  ['ab[^e-g]', 'abc', true],
  ['a\\*b', 'a*b', true],
  ['a\\*b', 'ab', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[', 'a', false],
  ['[^', 'a', false],
  ['[^bc', 'a', false],
  ['a[', 'a', false],
  ['a[', 'ab', false],
  ['*x', 'xxx', true],
  ['a[^a]b', 'a\u263ab', true],
  ['a???b', 'a\u263ab', false],
  ['[a-\u03b6]*', '\u03b1', true],
  ['*[a-\u03b6]', 'A', false],
  ['\\', 'a', false],
];

// Not rows of Go's table, but what its grammar says (`[` [ `^` ] { character-range } `]`): a
// negated class matches a `^` it does not list, a range holds its ends, `/` is never matched, `\\`
// escapes the next character.
const GRAMMAR: [string, string, boolean][] = [
  ['[^x]', '^', true],
  ['[^^]', '^', false],
  ['[a-c]', 'd', false],
  ['[a-c]', 'c', true],
  ['[ab]', '/', false],
  ['[^ab]', '/', false],
  ['x\\\\', 'x\\', true],
  ['x\\\\', 'x\\\\', false],
];

describe('globMatch (Go path.Match)', () => {
  it.each([...GO_TABLE, ...GRAMMAR])('%s against %s: %s', (pattern, name, want) => {
    expect(globMatch(pattern, name)).toBe(want);
  });
});

describe('referenceProblem (distribution/reference ParseNormalizedNamed)', () => {
  it('takes a first component with . or :, localhost, or upper case as the registry', () => {
    expect(referenceProblem('Foo/bar')).toBeUndefined();
    expect(referenceProblem('foo/Bar')).toEqual({ kind: 'uppercase', remote: 'foo/Bar' });
    expect(referenceProblem('docker.io/Foo')).toEqual({ kind: 'uppercase', remote: 'library/Foo' });
    expect(referenceProblem('registry.example.com:5000/Team/app:v1')).toEqual({ kind: 'uppercase', remote: 'Team/app' });
    expect(referenceProblem('localhost/App')).toEqual({ kind: 'uppercase', remote: 'App' });
  });
  it('checks the grammar: separators, tag length, digests; a bare 64-hex name is refused as an ID', () => {
    expect(referenceProblem('a'.repeat(64))).toEqual({ kind: 'hex' });
    expect(referenceProblem('a'.repeat(63))).toBeUndefined();
    expect(referenceProblem('a__b.c-d---e')).toBeUndefined();
    expect(referenceProblem('a___b')).toEqual({ kind: 'format' });
    expect(referenceProblem('-app')).toEqual({ kind: 'format' });
    expect(referenceProblem('app:')).toEqual({ kind: 'format' });
    expect(referenceProblem('a:b:c')).toEqual({ kind: 'format' });
    expect(referenceProblem('app:' + 't'.repeat(128))).toBeUndefined();
    expect(referenceProblem('app:' + 't'.repeat(129))).toEqual({ kind: 'format' });
    expect(referenceProblem('app@sha256:' + 'b'.repeat(64))).toBeUndefined();
    expect(referenceProblem('app@sha256:short')).toEqual({ kind: 'format' });
    expect(referenceMessage({ kind: 'hex' }, true)).toBe('invalid repository name, cannot specify 64-byte hexadecimal strings');
    expect(referenceMessage({ kind: 'format' }, true)).toBe('invalid reference format');
  });
});
