import { describe, expect, it } from 'vitest';
import {
  bytesSize,
  formatG,
  fromHumanSize,
  humanDuration,
  humanSize,
  humanSizeWithPrecision,
  parseRamInBytes,
  ramInBytes,
} from '../../../src/docker/format/units.ts';

describe('humanSize', () => {
  it('uses %.4g with decimal units', () => {
    expect(humanSize(3)).toBe('3B');
    expect(humanSize(1000)).toBe('1kB');
    expect(humanSize(1984241)).toBe('1.984MB');
    expect(humanSize(51200)).toBe('51.2kB');
    expect(humanSize(0)).toBe('0B');
    expect(humanSize(1e9)).toBe('1GB');
    expect(humanSize(7.5e12)).toBe('7.5TB');
    expect(humanSize(999999)).toBe('1000kB');
  });

  it('supports precision 3 (docker images / history)', () => {
    expect(humanSizeWithPrecision(1984241, 3)).toBe('1.98MB');
    expect(humanSizeWithPrecision(102400, 3)).toBe('102kB');
    expect(humanSizeWithPrecision(52224, 3)).toBe('52.2kB');
    expect(humanSizeWithPrecision(0, 3)).toBe('0B');
    expect(humanSizeWithPrecision(77822976, 3)).toBe('77.8MB');
    // Go's %g switches to exponent form when rounding reaches the precision
    expect(humanSizeWithPrecision(999999, 3)).toBe('1e+03kB');
    // exact ties round half to even, as Go does
    expect(humanSizeWithPrecision(100500, 3)).toBe('100kB');
    expect(humanSizeWithPrecision(101500, 3)).toBe('102kB');
  });

  it('bytesSize uses binary units', () => {
    expect(bytesSize(1048576)).toBe('1MiB');
    expect(bytesSize(1536)).toBe('1.5KiB');
    expect(bytesSize(100)).toBe('100B');
  });

  it('formatG matches Go %g', () => {
    expect(formatG(0.0001234, 3)).toBe('0.000123');
    expect(formatG(0.00001234, 3)).toBe('1.23e-05');
    expect(formatG(123456, 4)).toBe('1.235e+05');
    expect(formatG(1, 4)).toBe('1');
  });
});

describe('RAMInBytes', () => {
  it('parses binary sizes', () => {
    expect(parseRamInBytes('64k')).toBe(65536);
    expect(parseRamInBytes('64K')).toBe(65536);
    expect(parseRamInBytes('1mb')).toBe(1048576);
    expect(parseRamInBytes('1MiB')).toBe(1048576);
    expect(parseRamInBytes('1g')).toBe(1073741824);
    expect(parseRamInBytes('100')).toBe(100);
    expect(parseRamInBytes('100b')).toBe(100);
    expect(parseRamInBytes('1.5 GB')).toBe(1610612736);
    expect(parseRamInBytes('0.3')).toBe(0);
    expect(fromHumanSize('1.5kB')).toBe(1500);
  });

  it('rejects bad input with go-units messages', () => {
    expect(() => parseRamInBytes('abc')).toThrow("invalid size: 'abc'");
    expect(() => parseRamInBytes('-1')).toThrow("invalid size: '-1'");
    expect(() => parseRamInBytes('1kk')).toThrow("invalid suffix: 'kk'");
    expect(() => parseRamInBytes('1bb')).toThrow("invalid suffix: 'bb'");
    expect(() => parseRamInBytes('1x')).toThrow("invalid suffix: 'x'");
    expect(() => parseRamInBytes('1kibb')).toThrow("invalid suffix: 'kibb'");
    expect(ramInBytes('nope')).toBeUndefined();
    expect(ramInBytes('2m')).toBe(2097152);
  });
});

describe('humanDuration (go-units HumanDuration)', () => {
  it('picks the unit by thresholds', () => {
    expect(humanDuration(0.5)).toBe('Less than a second');
    expect(humanDuration(1)).toBe('1 second');
    expect(humanDuration(59)).toBe('59 seconds');
    expect(humanDuration(60)).toBe('About a minute');
    expect(humanDuration(119)).toBe('About a minute');
    expect(humanDuration(59 * 60)).toBe('59 minutes');
    expect(humanDuration(3600)).toBe('About an hour');
    expect(humanDuration(47 * 3600)).toBe('47 hours');
    expect(humanDuration(3 * 86400)).toBe('3 days');
    expect(humanDuration(20 * 86400)).toBe('2 weeks');
    expect(humanDuration(365 * 86400)).toBe('12 months');
    expect(humanDuration(3 * 365 * 86400)).toBe('3 years');
  });
});
