// `--platform` on docker run/create: the CLI parses it (containerd platforms.Parse, wrapped as
// "error parsing specified platform"), and the daemon only uses a local image whose platform it
// matches; every local image here is linux/amd64 (what the recording hosts build and load), so
// `--platform linux/arm64` makes the CLI look for another image, as recorded on both engines
// ("Unable to find image 'busybox:latest' locally", then the pull).

import type { EngineState, Image } from '../engine/state.ts';
import { findImage } from '../image/store.ts';

export interface Platform {
  os: string;
  arch: string;
  variant: string;
}

const KNOWN_OS = ['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos'];
const KNOWN_ARCH = [
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32',
  'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
];

/** platforms.normalizeArch. */
function normalizeArch(archIn: string, variantIn: string): [string, string] {
  let arch = archIn.toLowerCase();
  let variant = variantIn.toLowerCase();
  switch (arch) {
    case 'i386':
      arch = '386';
      variant = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      arch = 'amd64';
      if (variant === 'v1') variant = '';
      break;
    case 'aarch64':
    case 'arm64':
      arch = 'arm64';
      // containerd also reads v8.0, 9.0 and v9.0 here; Parse never passes a dot (specifierRe)
      if (variant === '8' || variant === 'v8') variant = '';
      else if (variant === '9') variant = 'v9';
      break;
    case 'armhf':
      arch = 'arm';
      variant = 'v7';
      break;
    case 'armel':
      arch = 'arm';
      variant = 'v6';
      break;
    case 'arm':
      if (variant === '' || variant === '7') variant = 'v7';
      else if (['5', '6', '8'].includes(variant)) variant = 'v' + variant;
      break;
  }
  return [arch, variant];
}

/** containerd platforms.Parse (vendored by docker/cli); the error text without the CLI's wrap. */
export function parsePlatform(specifier: string): Platform | string {
  const invalid = ': invalid argument';
  if (specifier.includes('*')) return `"${specifier}": wildcards not yet supported${invalid}`;
  const parts = specifier.split('/');
  if (parts.length > 4) parts.splice(3, parts.length - 3, parts.slice(3).join('/'));
  const osVer = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.-]*)\))?$/.exec(parts[0]);
  if (!osVer) {
    return `"${parts[0]}" is an invalid OS component of "${specifier}": OSAndVersion specifier component must match "^([A-Za-z0-9_-]+)(?:\\(([A-Za-z0-9_.-]*)\\))?$"${invalid}`;
  }
  for (const part of parts.slice(1)) {
    if (!/^[A-Za-z0-9_-]+$/.test(part)) {
      return `"${part}" is an invalid component of "${specifier}": platform specifier component must match "^[A-Za-z0-9_-]+$"${invalid}`;
    }
  }
  const os = osVer[1].toLowerCase() === 'macos' ? 'darwin' : osVer[1].toLowerCase();
  if (parts.length === 1) {
    if (KNOWN_OS.includes(os)) return { os, arch: 'amd64', variant: '' };
    let [arch, variant] = normalizeArch(parts[0], '');
    if (arch === 'arm' && variant === 'v7') variant = '';
    if (KNOWN_ARCH.includes(arch)) return { os: 'linux', arch, variant };
    return `"${specifier}": unknown operating system or architecture${invalid}`;
  }
  if (parts.length === 2) {
    let [arch, variant] = normalizeArch(parts[1], '');
    if (arch === 'arm' && variant === 'v7') variant = '';
    return { os, arch, variant };
  }
  if (parts.length === 3) {
    let [arch, variant] = normalizeArch(parts[1], parts[2]);
    if (arch === 'arm64' && variant === '') variant = 'v8';
    return { os, arch, variant };
  }
  return `"${specifier}": cannot parse platform specifier${invalid}`;
}

/** The local image `ref` names, if its platform (linux/amd64) is the one asked for. */
export function localImageFor(st: EngineState, ref: string, platform: string | undefined): Image | undefined {
  if (platform !== undefined && platform !== '') {
    const p = parsePlatform(platform);
    if (typeof p === 'string' || p.os !== 'linux' || p.arch !== 'amd64') return undefined;
  }
  return findImage(st, ref);
}

/** platforms.Format: os/arch[/variant]. */
function formatPlatform(p: Platform): string {
  return [p.os, p.arch, p.variant].filter((x) => x !== '').join('/');
}

/**
 * The daemon's not-found error when `ref` names a local image of another platform (moby
 * daemon/images/image.go GetImage: "image with reference X was found but does not match the
 * specified platform"; recorded on both engines: core/run-settings-errors); undefined otherwise.
 */
export function platformMismatch(st: EngineState, ref: string, platform: string | undefined): string | undefined {
  if (platform === undefined || platform === '') return undefined;
  const p = parsePlatform(platform);
  if (typeof p === 'string' || (p.os === 'linux' && p.arch === 'amd64') || findImage(st, ref) === undefined) return undefined;
  return `image with reference ${ref} was found but does not match the specified platform: wanted ${formatPlatform(p)}, actual: linux/amd64`;
}
