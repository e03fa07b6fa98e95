// The CLI's value parsers of the storage-neutral flags, against their Go originals: opts.ParseCPUs
// (big.Rat: "1.5", "3/2", "1e-1"; "value is too precise"), go-units ParseUlimit, containerd
// platforms.Parse, moby signal.ParseSignal.

import { describe, expect, it } from 'vitest';
import { parseCpus, parseUlimit } from '../../src/docker/commands/container/settings-flags.ts';
import { parsePlatform } from '../../src/container/platform.ts';
import { parseSignal, validSignalForPlatform } from '../../src/container/signals.ts';

describe('opts.ParseCPUs', () => {
  it('takes decimals, fractions and exponents as exact rationals', () => {
    expect(parseCpus('1.5')).toBe(1500000000);
    expect(parseCpus('3/2')).toBe(1500000000);
    expect(parseCpus('1e-1')).toBe(100000000);
    expect(parseCpus('.5')).toBe(500000000);
    expect(parseCpus('-1')).toBe(-1000000000);
  });
  it('refuses what big.Rat cannot parse and what is finer than a nano CPU', () => {
    expect(parseCpus('abc')).toBe('failed to parse abc as a rational number');
    expect(parseCpus('1/0')).toBe('failed to parse 1/0 as a rational number');
    expect(parseCpus('0.0000000001')).toBe('value is too precise');
  });
});

describe('units.ParseUlimit', () => {
  it('soft[:hard], hard defaulting to soft', () => {
    expect(parseUlimit('nofile=1024:2048')).toEqual({ Name: 'nofile', Soft: 1024, Hard: 2048 });
    expect(parseUlimit('nproc=10')).toEqual({ Name: 'nproc', Soft: 10, Hard: 10 });
    expect(parseUlimit('core=-1:-1')).toEqual({ Name: 'core', Soft: -1, Hard: -1 });
  });
  it('errors', () => {
    expect(parseUlimit('nofile')).toBe('invalid ulimit argument: nofile');
    expect(parseUlimit('bogus=1')).toBe('invalid ulimit type: bogus');
    expect(parseUlimit('nofile=20:10')).toBe('ulimit soft limit must be less than or equal to hard limit: 20 > 10');
    expect(parseUlimit('nofile=1:2:3')).toBe('too many limit value arguments - 1:2:3, can only have up to two, `soft[:hard]`');
    expect(parseUlimit('nofile=x')).toBe('strconv.ParseInt: parsing "x": invalid syntax');
  });
});

describe('platforms.Parse', () => {
  it('normalizes os/arch/variant', () => {
    expect(parsePlatform('linux/amd64')).toEqual({ os: 'linux', arch: 'amd64', variant: '' });
    expect(parsePlatform('linux/x86_64')).toEqual({ os: 'linux', arch: 'amd64', variant: '' });
    expect(parsePlatform('linux/aarch64')).toEqual({ os: 'linux', arch: 'arm64', variant: '' });
    // A 3-part arm64 gets its variant back (platforms.Parse case 3).
    expect(parsePlatform('linux/arm64/v8')).toEqual({ os: 'linux', arch: 'arm64', variant: 'v8' });
    expect(parsePlatform('linux/arm')).toEqual({ os: 'linux', arch: 'arm', variant: '' });
    expect(parsePlatform('arm64')).toEqual({ os: 'linux', arch: 'arm64', variant: '' });
    expect(parsePlatform('linux')).toEqual({ os: 'linux', arch: 'amd64', variant: '' });
  });
  it('errors as recorded (core/run-settings-errors)', () => {
    expect(parsePlatform('bogus')).toBe('"bogus": unknown operating system or architecture: invalid argument');
    expect(parsePlatform('linux/bogus/x/y')).toBe('"linux/bogus/x/y": cannot parse platform specifier: invalid argument');
    expect(parsePlatform('linux/*')).toBe('"linux/*": wildcards not yet supported: invalid argument');
  });
});

describe('signal.ParseSignal', () => {
  it('names with or without SIG, any case, and non-zero numbers', () => {
    const read = (raws: string[]) => raws.map(parseSignal);
    expect(read(['SIGTERM', 'term', 'KILL', 'SIGRTMIN+3', 'rtmax-1', 'sigiot', '9', '64', '+15', '99'])).toEqual([15, 15, 9, 37, 63, 6, 9, 64, 15, 99]);
    // strings.TrimPrefix: only a leading SIG goes
    expect(read(['FOO', '0', 'SIGBOGUS', '', 'SIG', '1x', 'TERMSIG', 'SIGSIGTERM'])).toEqual(Array(8).fill(undefined));
  });
  it('a number is sent only when Linux has it: 1 to 31 and 34 to 64 (lifecycle/kill-stop-signals: 99 and 32 refused)', () => {
    expect([1, 31, 34, 64].map(validSignalForPlatform)).toEqual([true, true, true, true]);
    expect([32, 33, 65, 99, -1].map(validSignalForPlatform)).toEqual([false, false, false, false, false]);
  });
});
