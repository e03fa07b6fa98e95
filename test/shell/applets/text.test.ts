import { describe, expect, it } from 'vitest';
import { file } from '../../../src/fs/node.ts';
import { baseTree, harness } from './ctx.ts';

const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe.each(['busybox', 'gnu'] as const)('text filters (%s)', (flavor) => {
  const h = () => harness({ flavor, root: baseTree({ 'log.txt': file('GET /a 200\nPOST /b 500\nGET /c 404\n') }) });
  const run = (argv: string[], stdin = '') => h().run(argv, stdin);

  it.each([
    [['echo', 'a', 'b'], '', 'a b\n'],
    [['echo', '-n', 'x'], '', 'x'],
    [['echo', '-e', 'a\\tb\\0101\\c', 'z'], '', 'a\tbA'],
    [['echo', 'a\\nb'], '', 'a\\nb\n'],
    [['printf', '%s=%d\\n', 'a', '1', 'b', '2'], '', 'a=1\nb=2\n'],
    [['printf', '%5s|%-4s|%03d|%o|%x|%c|%%\\n', 'ab', 'c', '7', '8', '255', 'xyz'], '', '   ab|c   |007|10|ff|x|%\n'],
    [['printf', '%b\\n', 'a\\tb'], '', 'a\tb\n'],
    [['printf', '\\101\\n'], '', 'A\n'],
    [['head', '-n', '2'], '1\n2\n3\n', '1\n2\n'],
    [['head', '-1'], '1\n2\n', '1\n'],
    [['head', '-c', '3'], 'abcdef', 'abc'],
    [['tail', '-n', '2'], '1\n2\n3\n', '2\n3\n'],
    [['tail', '-1'], '1\n2\n3', '3'],
    [['tail', '-n', '+2'], '1\n2\n3\n', '2\n3\n'],
    [['tail', '-c', '2'], 'abc\n', 'c\n'],
    [['sort'], 'b\nB\na\n_\n', 'B\n_\na\nb\n'],
    [['sort', '-r'], 'a\nc\nb\n', 'c\nb\na\n'],
    [['sort', '-n'], '10\n9\n-1\n', '-1\n9\n10\n'],
    [['sort', '-u'], 'b\na\nb\n', 'a\nb\n'],
    [['sort', '-t', ',', '-k', '2', '-n'], 'x,3\ny,1\nz,2\n', 'y,1\nz,2\nx,3\n'],
    [['uniq'], 'a\na\nb\na\n', 'a\nb\na\n'],
    [['uniq', '-c'], 'a\na\nb\n', '      2 a\n      1 b\n'],
    [['cut', '-d', ' ', '-f', '1,3'], 'a b c d\n', 'a c\n'],
    [['cut', '-d:', '-f2-'], 'a:b:c\n', 'b:c\n'],
    [['cut', '-c', '2-3'], 'abcd\n', 'bc\n'],
    [['tr', 'a-z', 'A-Z'], 'hi\n', 'HI\n'],
    [['tr', '-d', 'l'], 'hello\n', 'heo\n'],
    [['tr', '-s', ' '], 'a   b\n', 'a b\n'],
    [['tr', '[:lower:]', '[:upper:]'], 'ab\n', 'AB\n'],
    [['sha256sum'], '', `${SHA}  -\n`],
    [['md5sum'], 'abc', '900150983cd24fb0d6963f7d28e17f72  -\n'],
    [['base64'], 'hello', 'aGVsbG8=\n'],
    [['base64', '-d'], 'aGVsbG8=\n', 'hello'],
    [['seq', '2', '4'], '', '2\n3\n4\n'],
    [['seq', '-s', ',', '3'], '', '1,2,3\n'],
    [['expr', '2', '+', '3'], '', '5\n'],
    [['expr', 'abc', ':', 'a\\(.\\)'], '', 'b\n'],
    [['basename', '/a/b.txt', '.txt'], '', 'b\n'],
    [['dirname', '/a/b/'], '', '/a\n'],
    [['xargs', 'echo', 'x'], 'a\nb\n', 'x a b\n'],
    [['xargs', '-n', '1', 'echo'], 'a b\n', 'a\nb\n'],
    [['uname', '-s'], '', 'Linux\n'],
    [['nproc'], '', '2\n'],
    [['hostname'], '', 'abc123def456\n'],
    [['whoami'], '', 'root\n'],
    [['id', '-u'], '', '0\n'],
    [['id', '-un'], '', 'root\n'],
    [['date', '+%s'], '', '1700000000\n'],
    [['date', '+%Y-%m-%d %H:%M:%S'], '', '2023-11-14 22:13:20\n'],
    [['date'], '', 'Tue Nov 14 22:13:20 UTC 2023\n'],
  ] as [string[], string, string][])('%j', (argv, stdin, expected) => {
    const r = run(argv, stdin);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
  });

  it('grep basics', () => {
    expect(run(['grep', 'GET', '/log.txt']).stdout).toBe('GET /a 200\nGET /c 404\n');
    expect(run(['grep', '-c', 'GET', '/log.txt']).stdout).toBe('2\n');
    expect(run(['grep', '-v', 'GET', '/log.txt']).stdout).toBe('POST /b 500\n');
    expect(run(['grep', '-n', 'POST', '/log.txt']).stdout).toBe('2:POST /b 500\n');
    expect(run(['grep', '-i', 'post', '/log.txt']).stdout).toBe('POST /b 500\n');
    expect(run(['grep', '-o', '[0-9]\\{3\\}', '/log.txt']).stdout).toBe('200\n500\n404\n');
    expect(run(['grep', '-E', '(500|404)$', '/log.txt']).stdout).toBe('POST /b 500\nGET /c 404\n');
    expect(run(['grep', '-F', '/b', '/log.txt']).stdout).toBe('POST /b 500\n');
    expect(run(['grep', '-x', 'GET /a 200', '/log.txt']).stdout).toBe('GET /a 200\n');
    expect(run(['grep', '-w', 'GE', '/log.txt']).status).toBe(1);
    expect(run(['grep', '-l', 'GET', '/log.txt', '/etc/passwd']).stdout).toBe('/log.txt\n');
    expect(run(['grep', 'root', '/log.txt', '/etc/passwd']).stdout).toBe('/etc/passwd:root:x:0:0:root:/root:/bin/sh\n');
    const q = run(['grep', '-q', 'GET', '/log.txt']);
    expect(q).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(run(['grep', 'nomatch', '/log.txt']).status).toBe(1);
  });

  it('grep BRE translation', () => {
    const digest = '0123456789abcdef'.repeat(4);
    const input = `${digest}\n${digest}x\nnot a digest\n${'f'.repeat(64)}\n`;
    expect(run(['grep', '-c', '^[0-9a-f]\\{64\\}$'], input).stdout).toBe('2\n');
    expect(run(['grep', 'a+b'], 'aab\na+b\n').stdout).toBe('a+b\n');
    expect(run(['grep', 'a\\+b'], 'aab\nb\n').stdout).toBe('aab\n');
    expect(run(['grep', '\\(ab\\)\\1'], 'abab\nab\n').stdout).toBe('abab\n');
    expect(run(['grep', 'x\\|y'], 'x\ny\nz\n').stdout).toBe('x\ny\n');
    expect(run(['grep', '[[:digit:]]'], 'a\n1\n').stdout).toBe('1\n');
    expect(run(['grep', '*a'], '*a\na\n').stdout).toBe('*a\n');
    expect(run(['grep', 'a{2}'], 'a{2}\naa\n').stdout).toBe('a{2}\n');
  });

  it('sed', () => {
    expect(run(['sed', 's/a/b/'], 'aaa\n').stdout).toBe('baa\n');
    expect(run(['sed', 's/a/b/g'], 'aaa\n').stdout).toBe('bbb\n');
    expect(run(['sed', 's/a/b/2'], 'aaa\n').stdout).toBe('aba\n');
    expect(run(['sed', 's|/usr|[&]|'], '/usr/bin\n').stdout).toBe('[/usr]/bin\n');
    expect(run(['sed', 's/\\(x\\)\\(y\\)/\\2\\1/'], 'xy\n').stdout).toBe('yx\n');
    expect(run(['sed', '-E', 's/(x)(y)/\\2\\1/'], 'xy\n').stdout).toBe('yx\n');
    expect(run(['sed', '-n', '2p'], '1\n2\n3\n').stdout).toBe('2\n');
    expect(run(['sed', '$d'], '1\n2\n3\n').stdout).toBe('1\n2\n');
    expect(run(['sed', '/2/d'], '1\n2\n3\n').stdout).toBe('1\n3\n');
    expect(run(['sed', '2,3d'], '1\n2\n3\n4\n').stdout).toBe('1\n4\n');
    expect(run(['sed', '-n', '/GET/p', '/log.txt']).stdout).toBe('GET /a 200\nGET /c 404\n');
    expect(run(['sed', '-e', 's/a/A/', '-e', 's/b/B/'], 'ab\n').stdout).toBe('AB\n');
    expect(run(['sed', 's/x*/-/g'], 'abc\n').stdout).toBe('-a-b-c-\n');
    expect(run(['sed', 's/a/b/'], 'a').stdout).toBe('b');
  });

  it('sed -i edits in place', () => {
    const hh = h();
    expect(hh.run(['sed', '-i', 's/GET/HEAD/', '/log.txt']).status).toBe(0);
    expect(hh.fs.readFile('/log.txt')).toBe('HEAD /a 200\nPOST /b 500\nHEAD /c 404\n');
  });

  it('test and [', () => {
    expect(run(['test', '-f', '/log.txt']).status).toBe(0);
    expect(run(['test', '-d', '/log.txt']).status).toBe(1);
    expect(run(['[', '-e', '/nope', ']']).status).toBe(1);
    expect(run(['[', 'a', '=', 'a', ']']).status).toBe(0);
    expect(run(['[', '3', '-gt', '2', '-a', '!', '-z', 'x', ']']).status).toBe(0);
    expect(run(['[', '(', '1', '-eq', '2', ')', '-o', '-n', 'y', ']']).status).toBe(0);
    expect(run(['test']).status).toBe(1);
    expect(run(['test', '-s', '/log.txt']).status).toBe(0);
    const bad = run(['test', 'x', '-eq', '1']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(flavor === 'busybox' ? 'test: x: bad number\n' : "test: invalid integer 'x'\n");
  });

  it('cmp', () => {
    const hh = h();
    hh.fs.writeFile('/a', 'line1\nabc\n');
    hh.fs.writeFile('/b', 'line1\nabd\n');
    const r = hh.run(['cmp', '/a', '/b']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('/a /b differ: char 9, line 2\n');
    expect(hh.run(['cmp', '-s', '/a', '/b'])).toEqual({ status: 1, stdout: '', stderr: '' });
    expect(hh.run(['cmp', '/a', '/a']).status).toBe(0);
  });

  it('tail -f sleeps forever after printing', () => {
    const hh = h();
    const r = hh.run(['tail', '-f', '/log.txt']);
    expect(r.stdout).toBe('GET /a 200\nPOST /b 500\nGET /c 404\n');
    expect(hh.slept).toEqual([Infinity]);
  });

  it('sleep accepts decimals and suffixes', () => {
    const hh = h();
    expect(hh.run(['sleep', '0.1']).status).toBe(0);
    expect(hh.run(['sleep', '1m', '2s']).status).toBe(0);
    expect(hh.slept).toEqual([0.1, 62]);
    expect(hh.run(['sleep', 'abc']).status).toBe(1);
  });

  it('yes stops at the byte budget', () => {
    const hh = harness({ flavor, budget: { steps: 1000, maxBytes: 1000 } });
    expect(() => hh.run(['yes'])).toThrow(/limit/);
  });
});
