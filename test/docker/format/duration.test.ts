// Go's time.ParseDuration and Duration.String, checked against the tables of Go's own tests
// (go/src/time/time_test.go: parseDurationTests, parseDurationErrorTests, durationTests).
import { describe, expect, it } from 'vitest';
import { DurationError, formatGoDuration, parseGoDuration } from '../../../src/docker/format/duration.ts';

describe('time.ParseDuration', () => {
  it('reads what Go reads', () => {
    const cases: [string, bigint][] = [
      ['0', 0n],
      ['5s', 5000000000n],
      ['30s', 30000000000n],
      ['1478s', 1478000000000n],
      ['-5s', -5000000000n],
      ['+5s', 5000000000n],
      ['-0', 0n],
      ['+0', 0n],
      ['5.0s', 5000000000n],
      ['5.6s', 5600000000n],
      ['5.s', 5000000000n],
      ['.5s', 500000000n],
      ['1.0s', 1000000000n],
      ['1.004s', 1004000000n],
      ['100.00100s', 100001000000n],
      ['10ns', 10n],
      ['11us', 11000n],
      ['12\u00b5s', 12000n],
      ['12\u03bcs', 12000n],
      ['13ms', 13000000n],
      ['14s', 14000000000n],
      ['15m', 900000000000n],
      ['16h', 57600000000000n],
      ['3h30m', 12600000000000n],
      ['10.5s4m', 250500000000n],
      ['-2m3.4s', -123400000000n],
      ['1h2m3s4ms5us6ns', 3723004005006n],
      ['39h9m14.425s', 140954425000000n],
      ['52763797000ns', 52763797000n],
      ['0.3333333333333333333h', 1200000000000n],
      ['9007199254740993ns', 9007199254740993n],
      ['9223372036854775807ns', 9223372036854775807n],
      ['9223372036854775.807us', 9223372036854775807n],
      ['9223372036s854ms775us807ns', 9223372036854775807n],
      ['-9223372036854775808ns', -9223372036854775808n],
      ['0.100000000000000000000h', 360000000000n],
      ['0.830103483285477580700h', 2988372539827n],
    ];
    for (const [text, ns] of cases) expect(parseGoDuration(text), text).toBe(ns);
  });
  it("refuses what Go refuses, in Go's words", () => {
    const cases: [string, string][] = [
      ['', 'time: invalid duration ""'],
      ['3', 'time: missing unit in duration "3"'],
      ['-', 'time: invalid duration "-"'],
      ['s', 'time: invalid duration "s"'],
      ['.', 'time: invalid duration "."'],
      ['-.', 'time: invalid duration "-."'],
      ['.s', 'time: invalid duration ".s"'],
      ['+.s', 'time: invalid duration "+.s"'],
      ['1d', 'time: unknown unit "d" in duration "1d"'],
      ['abc', 'time: invalid duration "abc"'],
      ['\x85\x85', 'time: invalid duration "\\x85\\x85"'],
      ['\xffff', 'time: invalid duration "\\xffff"'],
      ['hello \xffff world', 'time: invalid duration "hello \\xffff world"'],
      ['9223372036854775810ns', 'time: invalid duration "9223372036854775810ns"'],
      ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
      ['9223372036854775.808us', 'time: invalid duration "9223372036854775.808us"'],
      ['9223372036854ms775us808ns', 'time: invalid duration "9223372036854ms775us808ns"'],
    ];
    for (const [text, message] of cases) {
      expect(() => parseGoDuration(text), JSON.stringify(text)).toThrow(DurationError);
      expect(() => parseGoDuration(text), JSON.stringify(text)).toThrow(message);
    }
  });
});

describe('Duration.String', () => {
  it('prints what Go prints', () => {
    const micro = '\xc2\xb5'; // µ as the UTF-8 bytes strata's outputs hold
    const cases: [bigint, string][] = [
      [0n, '0s'],
      [1n, '1ns'],
      [1100n, `1.1${micro}s`],
      [2200000n, '2.2ms'],
      [3300000000n, '3.3s'],
      [245000000000n, '4m5s'],
      [245001000000n, '4m5.001s'],
      [18367001000000n, '5h6m7.001s'],
      [480000000001n, '8m0.000000001s'],
      [9223372036854775807n, '2562047h47m16.854775807s'],
      [-9223372036854775808n, '-2562047h47m16.854775808s'],
      [300000000000n, '5m0s'],
      [90000000000n, '1m30s'],
      [1500000000n, '1.5s'],
    ];
    for (const [ns, text] of cases) expect(formatGoDuration(ns), String(ns)).toBe(text);
  });
});
