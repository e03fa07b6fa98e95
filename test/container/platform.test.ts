// `--platform` (src/container/platform.ts): containerd's platforms.Parse as the CLI runs it
// (containerd/platforms platforms.go Parse, database.go normalizeOS and normalizeArch: the
// cases below follow their switch statements), and the daemon's choice of the local image,
// which is linux/amd64 (core/run-settings-errors, recorded on both engines: "image with
// reference busybox was found but does not match the specified platform").

import { describe, expect, it } from 'vitest';
import { initialState } from '../../src/engine/engine.ts';
import { BASE_IMAGE_ID } from '../../src/image/base.ts';
import { localImageFor, parsePlatform, platformMismatch } from '../../src/container/platform.ts';

const p = (os: string, arch: string, variant = '') => ({ os, arch, variant });

describe('platforms.Parse', () => {
  it('normalizeArch: i386, x86_64 and amd64/v1, aarch64 and its v8/v9 spellings', () => {
    expect(parsePlatform('linux/i386')).toEqual(p('linux', '386'));
    // i386 drops any variant
    expect(parsePlatform('linux/i386/v2')).toEqual(p('linux', '386'));
    expect(parsePlatform('linux/x86-64')).toEqual(p('linux', 'amd64'));
    expect(parsePlatform('linux/amd64/v1')).toEqual(p('linux', 'amd64'));
    expect(parsePlatform('linux/amd64/v2')).toEqual(p('linux', 'amd64', 'v2'));
    // case 3 gives an arm64 without a variant v8 again; 9, 9.0, v9.0 are v9
    expect(parsePlatform('linux/aarch64/8')).toEqual(p('linux', 'arm64', 'v8'));
    expect(parsePlatform('linux/arm64/v8')).toEqual(p('linux', 'arm64', 'v8'));
    expect(parsePlatform('linux/arm64/9')).toEqual(p('linux', 'arm64', 'v9'));
    expect(parsePlatform('linux/arm64/v9')).toEqual(p('linux', 'arm64', 'v9'));
    expect(parsePlatform('linux/arm64/v8-2')).toEqual(p('linux', 'arm64', 'v8-2'));
  });
  it('normalizeArch: armhf is arm v7, armel arm v6, arm takes 5, 6, 7, 8 as vN; a lone v7 is dropped in cases 1 and 2', () => {
    expect(parsePlatform('linux/armhf')).toEqual(p('linux', 'arm'));
    expect(parsePlatform('linux/armhf/v5')).toEqual(p('linux', 'arm', 'v7'));
    expect(parsePlatform('linux/armel')).toEqual(p('linux', 'arm', 'v6'));
    expect(parsePlatform('linux/ARMEL/v7')).toEqual(p('linux', 'arm', 'v6'));
    expect(parsePlatform('linux/arm/7')).toEqual(p('linux', 'arm', 'v7'));
    expect(parsePlatform('linux/arm/5')).toEqual(p('linux', 'arm', 'v5'));
    expect(parsePlatform('linux/arm/6')).toEqual(p('linux', 'arm', 'v6'));
    expect(parsePlatform('linux/arm/8')).toEqual(p('linux', 'arm', 'v8'));
    expect(parsePlatform('linux/arm/v6')).toEqual(p('linux', 'arm', 'v6'));
    expect(parsePlatform('linux/arm/9')).toEqual(p('linux', 'arm', '9'));
    expect(parsePlatform('armhf')).toEqual(p('linux', 'arm'));
    expect(parsePlatform('armel')).toEqual(p('linux', 'arm', 'v6'));
    expect(parsePlatform('arm')).toEqual(p('linux', 'arm'));
  });
  it('normalizeOS: lower case, macos is darwin; a known OS alone gets the host arch (amd64); the OS version is not kept', () => {
    expect(parsePlatform('LINUX/AMD64')).toEqual(p('linux', 'amd64'));
    expect(parsePlatform('macos')).toEqual(p('darwin', 'amd64'));
    expect(parsePlatform('MacOS/arm64')).toEqual(p('darwin', 'arm64'));
    expect(parsePlatform('windows(10.0.17763)/amd64')).toEqual(p('windows', 'amd64'));
    expect(parsePlatform('linux()/amd64')).toEqual(p('linux', 'amd64'));
    expect(parsePlatform('freebsd/riscv64')).toEqual(p('freebsd', 'riscv64'));
    // an unknown OS with an arch is fine (case 2 does not look it up)
    expect(parsePlatform('plan10/amd64')).toEqual(p('plan10', 'amd64'));
  });
  it('the components must match osAndVersionRe and specifierRe whole', () => {
    const osErr = (part: string, spec: string) =>
      `"${part}" is an invalid OS component of "${spec}": OSAndVersion specifier component must match "^([A-Za-z0-9_-]+)(?:\\(([A-Za-z0-9_.-]*)\\))?$": invalid argument`;
    const partErr = (part: string, spec: string) =>
      `"${part}" is an invalid component of "${spec}": platform specifier component must match "^[A-Za-z0-9_-]+$": invalid argument`;
    expect(parsePlatform('!linux/amd64')).toBe(osErr('!linux', '!linux/amd64'));
    expect(parsePlatform('linux(1)x/amd64')).toBe(osErr('linux(1)x', 'linux(1)x/amd64'));
    expect(parsePlatform('linux(a b)')).toBe(osErr('linux(a b)', 'linux(a b)'));
    expect(parsePlatform('linux/amd64!')).toBe(partErr('amd64!', 'linux/amd64!'));
    expect(parsePlatform('linux/!amd64')).toBe(partErr('!amd64', 'linux/!amd64'));
    expect(parsePlatform('linux/arm/')).toBe(partErr('', 'linux/arm/'));
    // so normalizeArch's v8.0, 9.0 and v9.0 never come from Parse
    expect(parsePlatform('linux/arm64/v8.0')).toBe(partErr('v8.0', 'linux/arm64/v8.0'));
    // strings.SplitN(specifier, "/", 4): the fourth part keeps the rest, slashes included
    expect(parsePlatform('linux/arm/v7/x/y')).toBe(partErr('x/y', 'linux/arm/v7/x/y'));
    expect(parsePlatform('linux/arm/v7/x')).toBe('"linux/arm/v7/x": cannot parse platform specifier: invalid argument');
  });
});

describe('the local image for a platform', () => {
  const st = initialState({ oracleBase: true });
  it('only linux/amd64, or no platform, finds the local image', () => {
    expect(localImageFor(st, 'busybox', undefined)?.id).toBe(BASE_IMAGE_ID);
    expect(localImageFor(st, 'busybox', '')?.id).toBe(BASE_IMAGE_ID);
    expect(localImageFor(st, 'busybox', 'linux/x86_64')?.id).toBe(BASE_IMAGE_ID);
    expect(localImageFor(st, 'busybox', 'amd64')?.id).toBe(BASE_IMAGE_ID);
    expect(localImageFor(st, 'busybox', 'linux/arm64')).toBeUndefined();
    expect(localImageFor(st, 'busybox', 'windows/amd64')).toBeUndefined();
    expect(localImageFor(st, 'busybox', 'bogus')).toBeUndefined();
    expect(localImageFor(st, 'nothere', 'linux/amd64')).toBeUndefined();
  });
  it("the daemon's not-found error names the platform asked for, for an image that exists only", () => {
    expect(platformMismatch(st, 'busybox', 'linux/arm/v7')).toBe(
      'image with reference busybox was found but does not match the specified platform: wanted linux/arm/v7, actual: linux/amd64',
    );
    expect(platformMismatch(st, 'busybox', 'windows/amd64')).toBe(
      'image with reference busybox was found but does not match the specified platform: wanted windows/amd64, actual: linux/amd64',
    );
    expect(platformMismatch(st, 'busybox', 'linux/arm64')).toBe(
      'image with reference busybox was found but does not match the specified platform: wanted linux/arm64, actual: linux/amd64',
    );
    expect(platformMismatch(st, 'busybox', 'linux/amd64')).toBeUndefined();
    expect(platformMismatch(st, 'busybox', undefined)).toBeUndefined();
    expect(platformMismatch(st, 'busybox', '')).toBeUndefined();
    expect(platformMismatch(st, 'busybox', 'bogus')).toBeUndefined();
    expect(platformMismatch(st, 'nothere', 'linux/arm64')).toBeUndefined();
  });
});
