import { describe, expect, it } from 'vitest';
import { toBytes } from '../../../src/fs/bytes.ts';
import { formatFloat, formatValue, quote, sprint, sprintf, sprintln } from '../../../src/docker/format/fmt.ts';
import { GoFloat, NIL_MAP, NIL_PTR, NIL_SLICE, stringMap, stringSet, stringSlice, type GoValue } from '../../../src/docker/format/value.ts';

describe('formatValue (%v)', () => {
  it('prints Go values', () => {
    expect(formatValue(['PATH=/usr/bin', 'GREETING=hello'])).toBe('[PATH=/usr/bin GREETING=hello]');
    expect(formatValue(new Map([['purpose', 'history-demo']]))).toBe('map[purpose:history-demo]');
    expect(formatValue(new Map<string, GoValue>([['b', 1], ['a', [null, NIL_PTR]]]))).toBe('map[a:[<nil> <nil>] b:1]');
    expect(formatValue({ A: 1, B: { C: 'x', D: undefined } })).toBe('{1 {x}}');
    expect(formatValue({ A: 1, B: 'x' }, true)).toBe('{A:1 B:x}');
    expect(formatValue(NIL_MAP)).toBe('map[]');
    expect(formatValue(NIL_SLICE)).toBe('[]');
    expect(formatValue(null)).toBe('<nil>');
    expect(formatValue(new GoFloat(123456789))).toBe('1.23456789e+08');
    expect(formatValue(new GoFloat(100000))).toBe('100000');
    expect(formatValue(new GoFloat(0.0001))).toBe('0.0001');
    expect(formatValue(new GoFloat(0.00001))).toBe('1e-05');
    expect(formatValue(1.5)).toBe('1.5');
    class Time {
      String(): string {
        return '2024-01-01 00:00:00 +0000 UTC';
      }
    }
    expect(formatValue({ T: new Time() })).toBe('{2024-01-01 00:00:00 +0000 UTC}');
  });
});

describe('sprint / sprintln / sprintf', () => {
  it('follows Go spacing rules', () => {
    expect(sprint(['a', 'b'])).toBe('ab');
    expect(sprint([1, 2])).toBe('1 2');
    expect(sprint(['a', 1, 2, 'b'])).toBe('a1 2b');
    expect(sprintln(['a', 1])).toBe('a 1\n');
  });

  it('formats verbs', () => {
    expect(sprintf('%s|%10s|%-10s|%.2s', ['a', 'b', 'c', 'hello'])).toBe('a|         b|c         |he');
    expect(sprintf('%d|%5d|%-5d|%05d|%+d|%x|%X|%o|%b|%c', [1, 2, 3, -4, 5, 255, 255, 8, 5, 65])).toBe(
      '1|    2|3    |-0004|+5|ff|FF|10|101|A',
    );
    expect(sprintf('%f|%.2f|%e|%g|%8.3f', [1.5, 2.345, 1234.5678, 0.000012, 3.14159].map((x) => new GoFloat(x)))).toBe(
      '1.500000|2.35|1.234568e+03|1.2e-05|   3.142',
    );
    expect(sprintf('%q|%v|%T|%t|%%', ['a"b', [1, 2], 'x', true])).toBe('"a\\"b"|[1 2]|string|true|%');
    expect(sprintf('%d', ['x'])).toBe('%!d(string=x)');
    expect(sprintf('%s', [])).toBe('%!s(MISSING)');
    expect(sprintf('x', [1])).toBe('x%!(EXTRA int=1)');
    expect(sprintf('%s', [null])).toBe('%!s(<nil>)');
    expect(sprintf('%v', [null])).toBe('<nil>');
    expect(sprintf('%x', ['hi'])).toBe('6869');
    expect(sprintf('%*d', [4, 7])).toBe('   7');
  });

  it('quote and formatFloat', () => {
    // Go strings are bytes: é is kept as its two bytes, an invalid byte is \xNN.
    expect(quote(toBytes('a\tb\x00é'))).toBe(toBytes('"a\\tb\\x00é"'));
    expect(quote('\xc3(')).toBe('"\\xc3("');
    expect(quote(toBytes('é'), '"', true)).toBe('"\\u00e9"');
    expect(sprintf('%x|% X|%#x|%.1x|%q|%.1s|%5s|', [toBytes('é'), toBytes('é'), toBytes('é'), toBytes('é'), toBytes('\u2028'), toBytes('äb'), toBytes('äb')])).toBe(
      toBytes('c3a9|C3 A9|0xc3a9|c3|"\\u2028"|ä|   äb|'),
    );
    expect(sprintf('%c|%U|%#U|%q', [233, 0x1f600, 0xe9, 0xe9])).toBe(toBytes("é|U+1F600|U+00E9 'é'|'é'"));
    expect(formatFloat(1.984241, 'g', 4)).toBe('1.984');
    expect(formatFloat(0.125, 'f', 2)).toBe('0.12');
    expect(formatFloat(0.375, 'f', 2)).toBe('0.38');
    expect(formatFloat(1e21, 'g', -1)).toBe('1e+21');
    expect(formatFloat(-2.5, 'e', 3)).toBe('-2.500e+00');
  });
});

describe('%#v and %T of the API\'s typed slices and sets (recorded: inspect/template-typed-values)', () => {
  it('writes named and plain string slices, their nil, sets and string maps in Go syntax', () => {
    const cmd = stringSlice(['echo', 'hi'], 'strslice.StrSlice');
    expect(sprintf('%T %#v', [cmd, cmd])).toBe('strslice.StrSlice strslice.StrSlice{"echo", "hi"}');
    expect(sprintf('%T %#v', [stringSlice(null, 'strslice.StrSlice'), stringSlice(null, 'strslice.StrSlice')])).toBe('strslice.StrSlice strslice.StrSlice(nil)');
    expect(sprintf('%#v|%#v|%T', [stringSlice(['a=1']), stringSlice(null), stringSlice([])])).toBe('[]string{"a=1"}|[]string(nil)|[]string');
    expect(sprintf('%#v', [stringSlice([])])).toBe('[]string{}');
    expect(sprintf('%T %#v %v', [stringSet(['80/tcp'], 'nat.PortSet'), stringSet(['80/tcp'], 'nat.PortSet'), stringSet(['/v', '/a'])])).toBe('nat.PortSet nat.PortSet{"80/tcp":struct {}{}} map[/a:{} /v:{}]');
    expect(sprintf('%#v|%#v', [stringSet(['/w', '/v']), stringSet(null)])).toBe('map[string]struct {}{"/v":struct {}{}, "/w":struct {}{}}|map[string]struct {}(nil)');
    expect(sprintf('%#v|%#v|%#v|%#v', [stringMap({ x: 'y', k: 'v' }), 'SIGKILL', 3, true])).toBe('map[string]string{"k":"v", "x":"y"}|"SIGKILL"|3|true');
  });
});
