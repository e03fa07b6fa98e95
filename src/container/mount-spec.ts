// Daemon-side parsing and validation of mount requests (moby daemon/volume/mounts
// linux_parser.go and validate.go), with the daemon's error texts.

import type { ApiMount, MountPoint } from '../engine/state.ts';
import { cleanPath, isAbsolute } from './paths.ts';
import { DaemonError } from './errors.ts';
import { DATA_ROOT } from '../engine/data-root.ts';

export class MountConfigError extends Error {}

const RW_MODES = new Set(['rw', 'ro']);
const LABEL_MODES = new Set(['z', 'Z']);
const PROPAGATION = new Set(['private', 'rprivate', 'shared', 'rshared', 'slave', 'rslave']);
const CONSISTENCY = new Set(['consistent', 'cached', 'delegated']);

interface ParsedMode {
  rw: boolean;
  nocopy: boolean;
  propagation?: string;
  raw: string;
}

function parseMode(mode: string): ParsedMode | undefined {
  const seen = { rw: 0, label: 0, prop: 0, copy: 0, cons: 0 };
  const out: ParsedMode = { rw: true, nocopy: false, raw: mode };
  for (const part of mode.split(',')) {
    if (RW_MODES.has(part)) {
      seen.rw++;
      out.rw = part === 'rw';
    } else if (LABEL_MODES.has(part)) seen.label++;
    else if (PROPAGATION.has(part)) {
      seen.prop++;
      out.propagation = part;
    } else if (part === 'nocopy') {
      seen.copy++;
      out.nocopy = true;
    } else if (CONSISTENCY.has(part)) seen.cons++;
    else return undefined;
  }
  if (Object.values(seen).some((n) => n > 1)) return undefined;
  return out;
}

/**
 * One `--volumes-from CONTAINER[:MODE]` (moby's ParseVolumesFrom): the mode is a -v mode without
 * propagation or nocopy (core/create-errors); it is checked before the container is looked up.
 */
export function parseVolumesFrom(spec: string): { ref: string; ro: boolean } {
  if (spec === '') throw new DaemonError('volumes-from specification cannot be an empty string');
  const colon = spec.indexOf(':');
  if (colon < 0) return { ref: spec, ro: false };
  const mode = spec.slice(colon + 1);
  if (mode === '') return { ref: spec.slice(0, colon), ro: false };
  const parsed = parseMode(mode);
  if (!parsed || parsed.propagation !== undefined || parsed.nocopy) throw new DaemonError(`invalid mode: ${mode}`);
  return { ref: spec.slice(0, colon), ro: !parsed.rw };
}

/** Parse one `HostConfig.Binds` entry (`SRC:DST[:MODE]`) into a mount point. */
export function parseBind(raw: string): MountPoint {
  const invalid = () => new MountConfigError(`invalid volume specification: '${raw}'`);
  const fields = raw.split(':');
  if (fields.length < 2 || fields.length > 3 || fields[0] === '') throw invalid();
  const [source, destination] = fields;
  let mode: ParsedMode = { rw: true, nocopy: false, raw: '' };
  if (fields.length === 3) {
    const m = parseMode(fields[2]);
    if (!m) throw new MountConfigError(`invalid mode: ${fields[2]}`);
    mode = m;
  } else if (parseMode(destination) !== undefined) {
    throw invalid();
  }
  if (destination === '') throw invalid();
  const type = isAbsolute(source) ? 'bind' : 'volume';
  if (!isAbsolute(destination)) {
    throw new MountConfigError(
      `invalid volume specification: '${raw}': invalid mount config for type "${type}": invalid mount path: '${destination}' mount path must be absolute`,
    );
  }
  if (cleanPath(destination) === '/') {
    throw new MountConfigError(`invalid volume specification: '${raw}': invalid mount config for type "${type}": invalid specification: destination can't be '/'`);
  }
  if (type === 'bind' && mode.nocopy) {
    throw new MountConfigError(`invalid volume specification: '${raw}': invalid mount config for type "bind": field VolumeOptions must not be specified`);
  }
  if (type === 'volume' && mode.propagation) {
    throw new MountConfigError(`invalid volume specification: '${raw}': invalid mount config for type "volume": field BindOptions must not be specified`);
  }
  const modeText = type === 'volume' && mode.raw === '' ? 'z' : mode.raw;
  return {
    type,
    destination,
    // The daemon cleans a host path (filepath.Clean): `$PWD/d/..` is `$PWD`.
    source: type === 'bind' ? cleanPath(source) : source,
    rw: mode.rw,
    mode: modeText,
    propagation: type === 'bind' ? nearDaemonRoot(source, mode.propagation) ?? mode.propagation ?? 'rprivate' : '',
    specSource: source,
    copyData: !mode.nocopy,
    origin: 'bind-flag',
  };
}

/** Validate one `--mount` (HostConfig.Mounts) entry; the bind source existence is checked by the caller. */
export function validateApiMount(m: ApiMount): void {
  const prefix = `invalid mount config for type "${m.Type}": `;
  if (m.Target === '') throw new MountConfigError(prefix + 'field Target must not be empty');
  if (!isAbsolute(m.Target)) throw new MountConfigError(prefix + `invalid mount path: '${m.Target}' mount path must be absolute`);
  if (cleanPath(m.Target) === '/') throw new MountConfigError(prefix + "invalid specification: destination can't be '/'");
  if (m.Type === 'bind') {
    if (m.Source === '') throw new MountConfigError(prefix + 'field Source must not be empty');
    // linux_parser.go validateMountConfigImpl: a propagation mode is checked before the source
    // path, so a bogus mode is the error even for a missing source (mounts/bind-propagation-options)
    const propagation = m.BindOptions?.Propagation;
    if (propagation && !PROPAGATION.has(propagation)) throw new MountConfigError(prefix + `invalid propagation mode: ${propagation}`);
    if (!isAbsolute(m.Source)) throw new MountConfigError(prefix + `invalid mount path: '${m.Source}' mount path must be absolute`);
  }
  if (m.Type === 'volume' && m.Source === '') {
    if (m.VolumeOptions?.Subpath !== undefined) throw new MountConfigError(prefix + 'must not set Subpath when using anonymous volumes');
    if (m.ReadOnly) throw new MountConfigError(prefix + 'must not set ReadOnly mode when using anonymous volumes');
  }
  const sub = m.VolumeOptions?.Subpath;
  if (sub !== undefined && !isLocalPath(sub)) {
    throw new MountConfigError(prefix + 'subpath must be a relative path within the volume');
  }
  if (m.Type === 'tmpfs' && m.Source !== '') throw new MountConfigError(prefix + 'field Source must not be specified');
  if (m.Type !== 'bind' && m.Type !== 'volume' && m.Type !== 'tmpfs') {
    throw new MountConfigError(prefix + (['npipe', 'cluster', 'image'].includes(m.Type) ? `strata does not simulate mount type '${m.Type}'` : 'mount type unknown'));
  }
}

/** Go's filepath.IsLocal: relative, not empty, never climbing above its start. */
function isLocalPath(p: string): boolean {
  if (p === '' || p.startsWith('/')) return false;
  let depth = 0;
  for (const c of p.split('/')) {
    if (c === '..') {
      if (--depth < 0) return false;
    } else if (c !== '' && c !== '.') depth++;
  }
  return true;
}

export function apiMountToPoint(m: ApiMount): MountPoint {
  const rw = !m.ReadOnly;
  if (m.Type === 'tmpfs') {
    return {
      type: 'tmpfs',
      destination: m.Target,
      source: '',
      rw,
      mode: '',
      propagation: '',
      specSource: '',
      copyData: false,
      tmpfsSize: m.TmpfsOptions?.SizeBytes,
      tmpfsMode: m.TmpfsOptions?.Mode,
      origin: 'mount-flag',
    };
  }
  return {
    type: m.Type,
    destination: m.Target,
    source: m.Type === 'bind' ? cleanPath(m.Source) : m.Source,
    rw,
    mode: m.Type === 'volume' ? 'z' : '',
    // linux_parser.go ParseMountSpec: BindOptions.Propagation, else the default rprivate. Which
    // mode a mount really gets is not simulated: a normal install's / is a shared mount, so every
    // mode starts (the oracle's is private: `rshared` and `rslave` fail there, docs/compat.md).
    propagation: m.Type === 'bind' ? nearDaemonRoot(m.Source, m.BindOptions?.Propagation || undefined) ?? (m.BindOptions?.Propagation || 'rprivate') : '',
    specSource: m.Source,
    copyData: m.Type === 'volume' && !m.VolumeOptions?.NoCopy,
    subpath: m.VolumeOptions?.Subpath,
    origin: 'mount-flag',
  };
}

/**
 * A bind whose source holds the daemon's data root, or lies inside it (a plain string prefix
 * either way), must not keep private references to the daemon's mounts: without a propagation
 * it gets `rslave`; `rslave` and `rshared` are kept; any other is refused (moby
 * daemon/volumes_linux.go validateBindDaemonRoot, called for -v binds and --mount alike by
 * daemon/volumes.go registerMountPoints). `-v /:/host` shows `rslave` in inspect.
 */
function nearDaemonRoot(source: string, propagation: string | undefined): string | undefined {
  if (!source.startsWith(DATA_ROOT) && !DATA_ROOT.startsWith(source)) return undefined;
  if (propagation === undefined) return 'rslave';
  if (propagation === 'rslave' || propagation === 'rshared') return propagation;
  throw new MountConfigError(
    `invalid mount config: must use either propagation mode "rslave" or "rshared" when mount source is within the daemon root, daemon root: "${DATA_ROOT}", bind mount source: "${source}", propagation: "${propagation}"`,
  );
}

/** `--tmpfs DST[:OPTS]`: the options are kept as given and validated at start (tmpfs.ts). */
export function tmpfsPoint(destination: string, options: string): MountPoint {
  return {
    type: 'tmpfs',
    destination,
    source: '',
    rw: !options.split(',').includes('ro'),
    mode: '',
    propagation: '',
    specSource: '',
    copyData: false,
    tmpfsOptions: options,
    origin: 'tmpfs-flag',
  };
}
