// globMatch follows Go's path.Match (the daemon's `reference=` filter): these are the rows of Go's
// own table, src/path/match_test.go (pattern, name, match); a malformed pattern (ErrBadPattern
// there) matches nothing. Go's strings are bytes: the non-ASCII rows go in as UTF-8 byte strings,
// as the shell hands docker its arguments (fs/bytes.ts).

import { describe, expect, it } from 'vitest';
import { globMalformed, globMatch } from '../../src/image/glob.ts';
import { toBytes } from '../../src/fs/bytes.ts';
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
  ['a?b', 'a\u263ab', true],
  ['a[^a]b', 'a\u263ab', true],
  ['a???b', 'a\u263ab', false],
  ['a[^a][^a][^a]b', 'a\u263ab', false],
  ['[a-\u03b6]*', '\u03b1', true],
  ['*[a-\u03b6]', 'A', false],
  ['a?b', 'a/b', false],
  ['a*b', 'a/b', false],
  ['[\\]a]', ']', true],
  ['[\\-]', '-', true],
  ['[x\\-]', 'x', true],
  ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false],
  ['[\\-x]', 'x', true],
  ['[\\-x]', '-', true],
  ['[\\-x]', 'a', false],
  ['[]a]', ']', false],
  ['[-]', '-', false],
  ['[x-]', 'x', false],
  ['[x-]', '-', false],
  ['[x-]', 'z', false],
  ['[-x]', 'x', false],
  ['[-x]', '-', false],
  ['[-x]', 'a', false],
  ['\\', 'a', false],
  ['[a-b-c]', 'a', false],
  ['[', 'a', false],
  ['[^', 'a', false],
  ['[^bc', 'a', false],
  ['a[', 'a', false],
  ['a[', 'ab', false],
  ['a[', 'x', false],
  ['a/b[', 'x', false],
  ['*x', 'xxx', true],
];

// Not rows of Go's table, but what its grammar and match.go say (`[` [ `^` ] { character-range }
// `]`): a negated class matches a `^` it does not list, a range holds its ends, `\\` escapes the
// next character (in a class too); only `*` and `?` refuse a `/`, a class takes it; a `*` inside a
// class does not cut the pattern; a malformed pattern matches nothing even where its good part
// would (Go checks the rest of the pattern before it answers false, and stops at the bad part
// otherwise); a chunk after a star is taken at its first match, without backtracking.
const GRAMMAR: [string, string, boolean][] = [
  ['[^x]', '^', true],
  ['[^^]', '^', false],
  ['[a-c]', 'd', false],
  ['[a-c]', 'c', true],
  ['[a-c]', 'a', true],
  ['[b-c]', 'a', false],
  ['[ac]', 'c', true],
  ['[ab]', '/', false],
  ['[^ab]', '/', true],
  ['a[/]b', 'a/b', true],
  ['x\\\\', 'x\\', true],
  ['x\\\\', 'x\\\\', false],
  ['x\\\\', 'x', false],
  ['[\\\\]', '\\', true],
  ['[\\', '\\', false],
  ['[a\\', 'a', false],
  ['[a-', 'a', false],
  ['[a-\\', 'a', false],
  ['[*]', '*', true],
  ['[*]*', '*x', true],
  ['[*]', 'x', false],
  ['\\[*', '[abc', true],
  ['\\**', '*x', true],
  ['x', 'x/', false],
  ['x', '', false],
  ['', '', true],
  ['', 'x', false],
  ['?', '', false],
  ['[a]', '', false],
  ['a*', 'a/', false],
  ['*/*', 'a/b', true],
  ['*/*', 'a/b/c', false],
  ['**', 'ab', true],
  ['a*[', 'ab', false],
  ['*[', 'a', false],
  ['a[', 'b', false],
  ['b*[]', 'ab', false],
  ['a*c*[', 'xc', false],
  ['*b[^x]*c', 'bbb/c', false],
  ['*b[^x]c', 'bb/c', true],
  ['*ab', 'aab', true],
  ['*ab', 'aabx', false],
  ['*a', 'ba/a', false],
  ['a*b*c', 'abbc', true],
  ['a*bc', 'abcbc', true],
  ['a*b', 'axb/b', false],
];

// The patterns of Go's table whose row expects ErrBadPattern, and others the grammar refuses (a
// class or escape the pattern ends in, a bare `-` or `]` as a range's end, invalid UTF-8 in a
// class, a bad chunk after a good one or after a star).
const MALFORMED = ['[]a]', '[-]', '[x-]', '[-x]', '\\', '[a-b-c]', '[', '[^', '[^bc', 'a[', 'a/b[', '[\\', '[a\\', '[a-', '[a-\\', '[a-]]', 'ab*[', 'a*c*[', 'b*[]', '*\\', 'a\\', '[\xff]', '[a-\xff]'];

describe('globMatch (Go path.Match)', () => {
  it.each([...GO_TABLE, ...GRAMMAR])('%s against %s: %s', (pattern, name, want) => {
    expect(globMatch(toBytes(pattern), toBytes(name))).toBe(want);
  });

  it('tells a malformed pattern (ErrBadPattern, whatever the name) from a good one', () => {
    // \xff is a byte string's invalid UTF-8 byte, not the character ÿ
    for (const p of MALFORMED) expect(globMalformed(p.includes('\xff') ? p : toBytes(p)), p).toBe(true);
    // a pattern that matches some name is well formed (and so are Go's rows with nil error)
    const good = [...GO_TABLE, ...GRAMMAR].filter(([, , match]) => match).map(([p]) => p);
    for (const p of [...good, 'ab[e-g]', '[x\\-]', 'a?b', '[^^]', '']) expect(globMalformed(toBytes(p)), p).toBe(false);
    for (const p of MALFORMED) expect(globMatch(p, ''), p).toBe(false);
  });
});

describe('referenceProblem (distribution/reference ParseNormalizedNamed)', () => {
  it('takes a first component with . or :, localhost, or (the 28.2 CLI and BuildKit) upper case as the registry (recorded: image-layers/reference-forms)', () => {
    expect(referenceProblem('Foo/bar', true)).toBeUndefined();
    expect(referenceProblem('Foo/bar', false)).toEqual({ kind: 'uppercase', remote: 'Foo/bar' });
    expect(referenceProblem('Foo:5000/bar', false)).toBeUndefined();
    expect(referenceProblem('localhost/App', false)).toEqual({ kind: 'uppercase', remote: 'App' });
    expect(referenceProblem('foo/Bar', true)).toEqual({ kind: 'uppercase', remote: 'foo/Bar' });
    expect(referenceProblem('docker.io/Foo', true)).toEqual({ kind: 'uppercase', remote: 'library/Foo' });
    expect(referenceProblem('registry.example.com:5000/Team/app:v1', true)).toEqual({ kind: 'uppercase', remote: 'Team/app' });
    expect(referenceProblem('localhost/App', true)).toEqual({ kind: 'uppercase', remote: 'App' });
  });
  it('checks the grammar: separators, tag length, digests; a bare 64-hex name is refused as an ID', () => {
    expect(referenceProblem('a'.repeat(64), true)).toEqual({ kind: 'hex', ref: 'a'.repeat(64) });
    expect(referenceProblem('a'.repeat(63), true)).toBeUndefined();
    expect(referenceProblem('a__b.c-d---e', true)).toBeUndefined();
    expect(referenceProblem('a___b', true)).toEqual({ kind: 'format' });
    expect(referenceProblem('-app', true)).toEqual({ kind: 'format' });
    expect(referenceProblem('app:', true)).toEqual({ kind: 'format' });
    expect(referenceProblem('a:b:c', true)).toEqual({ kind: 'format' });
    expect(referenceProblem('app:' + 't'.repeat(128), true)).toBeUndefined();
    expect(referenceProblem('app:' + 't'.repeat(129), true)).toEqual({ kind: 'format' });
    expect(referenceProblem('app@sha256:' + 'b'.repeat(64), true)).toBeUndefined();
    expect(referenceProblem('app@sha256:short', true)).toEqual({ kind: 'format' });
    expect(referenceMessage({ kind: 'hex', ref: 'f'.repeat(64) }, false)).toBe(`invalid repository name (${'f'.repeat(64)}), cannot specify 64-byte hexadecimal strings`);
    expect(referenceMessage({ kind: 'format' }, true)).toBe('invalid reference format');
  });
});
