// Client-side parsing of `docker run` / `docker create` options (docker/cli
// cli/command/container/opts.go): -v specs split into binds and anonymous volumes, --mount CSV,
// --tmpfs, and the rest of the container config. Errors here are the client's own.

import type { FlagSpec, ParsedArgs } from '../../args.ts';
import { envProblem, flagBool, flagList, flagString, keyValues } from '../../args.ts';
import type { ApiMount } from '../../../engine/state.ts';
import type { EngineProfile } from '../../../engine/profile.ts';
import type { CreateRequest } from '../../../container/create.ts';
import { ramInBytes } from '../../format/units.ts';
import { NotSimulated } from '../../../engine/not-simulated.ts';
import { memBytesProblem, parseSettings, settingsFlags } from './settings-flags.ts';

const BASE_FLAGS: FlagSpec[] = [
  { long: 'name', kind: 'string', help: 'Assign a name to the container' },
  { long: 'volume', short: 'v', kind: 'list', help: 'Bind mount a volume' },
  { long: 'mount', kind: 'list', help: 'Attach a filesystem mount to the container' },
  { long: 'tmpfs', kind: 'list', help: 'Mount a tmpfs directory' },
  { long: 'volumes-from', kind: 'list', help: 'Mount volumes from the specified container(s)' },
  { long: 'read-only', kind: 'bool', help: "Mount the container's root filesystem as read only" },
  { long: 'env', short: 'e', kind: 'list', help: 'Set environment variables', validate: envProblem },
  { long: 'workdir', short: 'w', kind: 'string', help: 'Working directory inside the container' },
  { long: 'user', short: 'u', kind: 'string', help: 'Username or UID (format: <name|uid>[:<group|gid>])' },
  { long: 'interactive', short: 'i', kind: 'bool', help: 'Keep STDIN open even if not attached' },
  { long: 'tty', short: 't', kind: 'bool', help: 'Allocate a pseudo-TTY' },
  { long: 'entrypoint', kind: 'string', help: 'Overwrite the default ENTRYPOINT of the image' },
  { long: 'label', short: 'l', kind: 'list', help: 'Set meta data on a container' },
  { long: 'network', kind: 'list', help: 'Connect a container to a network' },
  { long: 'env-file', kind: 'list', help: 'Read in a file of environment variables' },
  { long: 'restart', kind: 'string', help: 'Restart policy to apply when a container exits' },
  {
    long: 'privileged',
    kind: 'bool',
    help: 'Give extended privileges to this container',
    refuse: "a privileged container sees the host's devices in /dev and may mount file systems, which strata does not simulate",
  },
  { long: 'hostname', short: 'h', kind: 'string', help: 'Container host name' },
  { long: 'domainname', kind: 'string', help: 'Container NIS domain name' },
  { long: 'memory', short: 'm', kind: 'string', help: 'Memory limit', validate: memBytesProblem },
  { long: 'shm-size', kind: 'string', help: 'Size of /dev/shm', validate: memBytesProblem },
  { long: 'volume-driver', kind: 'string', help: 'Optional volume driver for the container', refuse: 'only the local driver is simulated' },
  { long: 'platform', kind: 'string', help: 'Set platform if server is multi-platform capable' },
  { long: 'pull', kind: 'string', help: 'Pull image before running ("always", "missing", "never")' },
];

/** The flags of both CLIs (the 28.2-only ones are marked), for `docker run` and `docker create`. */
export const CREATE_FLAGS: FlagSpec[] = [...BASE_FLAGS, ...settingsFlags()];

export type OptionsResult =
  | { ok: true; req: Omit<CreateRequest, 'imageId'> }
  | { ok: false; flagError: string }
  | { ok: false; clientError: string }
  | { ok: false; refused: string };

interface VolumeSpec {
  source: string;
  target: string;
}

/** compose-go's isWindowsDrive: a colon right after a single letter belongs to the token. */
function isWindowsDrive(buffer: string, char: string): boolean {
  return char === ':' && buffer.length === 1 && /\p{L}/u.test(buffer);
}

/**
 * The CLI's -v parser (docker/cli volumespec.Parse, compose's ParseVolume): scan characters,
 * splitting at colons except one that follows a lone letter (a Windows drive); the first field
 * is the source unless it is the only one. Returns the error text the parser would give.
 */
function parseVolumeSpec(spec: string): { spec: VolumeSpec; error?: string } {
  const v: VolumeSpec = { source: '', target: '' };
  if (spec.length === 0) return { spec: v, error: 'invalid empty volume spec' };
  if (spec.length <= 2) return { spec: { source: '', target: spec } };
  let buffer = '';
  const END = '\u0000';
  for (const char of [...spec, END]) {
    if (isWindowsDrive(buffer, char)) {
      buffer += char;
      continue;
    }
    if (char !== ':' && char !== END) {
      buffer += char;
      continue;
    }
    if (buffer.length === 0) return { spec: v, error: `invalid spec: ${spec}: empty section between colons` };
    if (v.source === '' && char === END) v.target = buffer;
    else if (v.source === '') v.source = buffer;
    else if (v.target === '') v.target = buffer;
    else if (char === ':') return { spec: v, error: `invalid spec: ${spec}: too many colons` };
    buffer = '';
  }
  return { spec: v };
}

/** compose's isFilePath: what makes a -v source a host path rather than a volume name. */
function isFilePath(source: string): boolean {
  if (source === '') return false;
  if ('./~'.includes(source[0]) || source.startsWith('\\\\')) return true;
  return source.length > 1 && isWindowsDrive(source[0], source[1]);
}

/**
 * Route one -v value like the CLI does: with a source it goes to HostConfig.Binds as written
 * (the daemon parses it again), without one to Config.Volumes (an anonymous volume). The 20.10
 * CLI ignores parse errors and keeps what was parsed; the 28.2 CLI reports them. CLI 23+ makes a
 * relative bind source starting with '.' absolute.
 */
function splitVolumeSpec(raw: string, profile: EngineProfile, cwd: string): { bind?: string; anonymous?: string } | { error: string } {
  const parsed = parseVolumeSpec(raw);
  if (parsed.error !== undefined && profile.client === '28.2') return { error: parsed.error };
  if (parsed.spec.source === '') return { anonymous: raw };
  if (profile.client === '28.2' && isFilePath(parsed.spec.source)) {
    const i = raw.indexOf(':');
    const host = raw.slice(0, i);
    if (!host.startsWith('/') && host.startsWith('.')) return { bind: normalizeJoin(cwd, host) + raw.slice(i) };
  }
  return { bind: raw };
}

function normalizeJoin(cwd: string, p: string): string {
  const out: string[] = [];
  for (const c of `${cwd}/${p}`.split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') out.pop();
    else out.push(c);
  }
  return '/' + out.join('/');
}

const MOUNT_KEYS_2010 = new Set(['type', 'source', 'src', 'target', 'dst', 'destination', 'readonly', 'ro', 'consistency', 'bind-propagation', 'bind-nonrecursive', 'volume-nocopy', 'volume-label', 'volume-driver', 'volume-opt', 'tmpfs-size', 'tmpfs-mode']);
const MOUNT_KEYS_28 = new Set([...MOUNT_KEYS_2010, 'volume-subpath', 'bind-recursive']);

/**
 * encoding/csv's Reader.Read of the one record a --mount value is (docker/cli opts/mount.go
 * MountOpt.Set): a field that starts with `"` is quoted, so it may hold commas and `""` is a
 * quote (`'type=bind,"src=/a,b",dst=/m'`: recorded, host-mounts/pci-bind-options). Undefined
 * where csv fails (a `"` inside an unquoted field, text after a closing quote, no closing
 * quote) or where a line break would end the record early: strata does not guess those words.
 * The empty value stays one empty field.
 */
export function csvRecord(value: string): string[] | undefined {
  if (/[\r\n]/.test(value)) return undefined;
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (value[i] === '"') {
      i++;
      for (;;) {
        const q = value.indexOf('"', i);
        if (q < 0) return undefined;
        field += value.slice(i, q);
        i = q + 1;
        if (value[i] !== '"') break;
        field += '"';
        i++;
      }
      if (i < value.length && value[i] !== ',') return undefined;
    } else {
      const end = value.indexOf(',', i);
      field = value.slice(i, end < 0 ? value.length : end);
      if (field.includes('"')) return undefined;
      i = end < 0 ? value.length : end;
    }
    fields.push(field);
    if (i >= value.length) return fields;
    i++; // the comma
    if (i >= value.length) {
      fields.push('');
      return fields;
    }
  }
}

function parseBool(v: string | undefined): boolean | undefined {
  if (v === undefined) return true;
  if (['true', '1', 't', 'T', 'TRUE', 'True'].includes(v)) return true;
  if (['false', '0', 'f', 'F', 'FALSE', 'False'].includes(v)) return false;
  return undefined;
}

/**
 * docker/cli opts/mount.go: parse one --mount value. A field without `=` is a key=value pair
 * unless it is one of the boolean keys, checked before the key itself (both clients:
 * `bind-create-src` alone is `invalid field ... must be a key=value pair`). `warn` gets the
 * 28.2 client's logrus warnings (`bind-nonrecursive=BOOL` is deprecated). Recorded:
 * mounts/bind-propagation-options, mounts/bind-recursive-options (26.1).
 */
export function parseMountFlag(value: string, profile: EngineProfile, cwd: string, warn: (msg: string) => void = () => {}): ApiMount | string {
  const known = profile.client === '20.10' ? MOUNT_KEYS_2010 : MOUNT_KEYS_28;
  const m: ApiMount = { Type: 'volume', Source: '', Target: '' };
  let sawVolumeOpt = false;
  let sawTmpfsOpt = false;
  let nocopy: boolean | undefined;
  let subpath: string | undefined;
  let labels: Record<string, string> | undefined;
  let driverName: string | undefined;
  let driverOpts: Record<string, string> | undefined;
  let size: number | undefined;
  let mode: number | undefined;
  let consistency: string | undefined;
  let bind: NonNullable<ApiMount['BindOptions']> | undefined;
  const bindOptions = () => (bind ??= {});
  const fields = csvRecord(value);
  if (fields === undefined) throw new NotSimulated(`strata does not simulate a --mount value that encoding/csv refuses (${value}): its parse error's words are not recorded`);
  for (const field of fields) {
    const eq = field.indexOf('=');
    const key = (eq >= 0 ? field.slice(0, eq) : field).toLowerCase();
    const val = eq >= 0 ? field.slice(eq + 1) : undefined;
    const boolKeys = ['readonly', 'ro', 'volume-nocopy', 'bind-nonrecursive'];
    if (val === undefined && !boolKeys.includes(key)) return `invalid field '${field}' must be a key=value pair`;
    if (!known.has(key)) return `unexpected key '${key}' in '${field}'`;
    switch (key) {
      case 'type':
        // Any type passes the client; the daemon refuses unknown ones (create.ts).
        m.Type = val!.toLowerCase() as ApiMount['Type'];
        break;
      case 'source':
      case 'src':
        m.Source = profile.client === '28.2' && val!.startsWith('.') ? normalizeJoin(cwd, val!) : val!;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        m.Target = val!;
        break;
      case 'readonly':
      case 'ro': {
        const b = parseBool(val);
        if (b === undefined) return `invalid value for ${key}: ${val}`;
        m.ReadOnly = b;
        break;
      }
      case 'volume-nocopy': {
        const b = parseBool(val);
        if (b === undefined) return `invalid value for volume-nocopy: ${val}`;
        nocopy = b;
        sawVolumeOpt = true;
        break;
      }
      case 'volume-subpath':
        subpath = val;
        sawVolumeOpt = true;
        break;
      case 'volume-label':
      case 'volume-opt': {
        const [k, ...rest] = val!.split('=');
        if (key === 'volume-label') labels = { ...labels, [k]: rest.join('=') };
        else driverOpts = { ...driverOpts, [k]: rest.join('=') };
        sawVolumeOpt = true;
        break;
      }
      case 'volume-driver':
        driverName = val;
        sawVolumeOpt = true;
        break;
      case 'tmpfs-size': {
        const n = ramInBytes(val!);
        if (n === undefined) return `invalid value for tmpfs-size: ${val}`;
        size = n;
        sawTmpfsOpt = true;
        break;
      }
      case 'tmpfs-mode': {
        const n = parseInt(val!, 8);
        if (Number.isNaN(n)) return `invalid value for tmpfs-mode: ${val}`;
        mode = n;
        sawTmpfsOpt = true;
        break;
      }
      case 'consistency':
        consistency = val!.toLowerCase();
        break;
      case 'bind-propagation':
        bindOptions().Propagation = val!.toLowerCase();
        break;
      case 'bind-nonrecursive': {
        const b = parseBool(val);
        if (b === undefined) return `invalid value for ${key}: ${val}`;
        bindOptions().NonRecursive = b;
        if (val !== undefined && profile.client !== '20.10') warn('bind-nonrecursive is deprecated, use bind-recursive=disabled instead');
        break;
      }
      case 'bind-recursive':
        // 28.2 only; `enabled` is the default and sets nothing (not even BindOptions)
        if (val === 'disabled') bindOptions().NonRecursive = true;
        else if (val === 'writable') bindOptions().ReadOnlyNonRecursive = true;
        else if (val === 'readonly') bindOptions().ReadOnlyForceRecursive = true;
        else if (val !== 'enabled') return `invalid value for ${key}: ${val} (must be "enabled", "disabled", "writable", or "readonly")`;
        break;
    }
  }
  if ((m.Type as string) === '') return 'type is required';
  if (m.Target === '') return 'target is required';
  if (sawVolumeOpt && m.Type !== 'volume') return `cannot mix 'volume-*' options with mount type '${m.Type}'`;
  if (bind !== undefined && m.Type !== 'bind') return `cannot mix 'bind-*' options with mount type '${m.Type}'`;
  if (sawTmpfsOpt && m.Type !== 'tmpfs') return `cannot mix 'tmpfs-*' options with mount type '${m.Type}'`;
  if (bind?.ReadOnlyNonRecursive && !m.ReadOnly) return "option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction";
  if (bind?.ReadOnlyForceRecursive) {
    if (!m.ReadOnly) return "option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction";
    if (bind.Propagation !== 'rprivate') return "option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction";
  }
  if (consistency !== undefined) m.Consistency = consistency;
  if (bind) m.BindOptions = bind;
  if (sawVolumeOpt) {
    // docker/cli creates VolumeOptions with an empty DriverConfig as soon as any volume-* key
    // is given (inspect shows "DriverConfig":{}).
    m.VolumeOptions = {};
    if (nocopy) m.VolumeOptions.NoCopy = true;
    if (labels) m.VolumeOptions.Labels = labels;
    if (subpath !== undefined) m.VolumeOptions.Subpath = subpath;
    m.VolumeOptions.DriverConfig = {};
    if (driverName !== undefined) m.VolumeOptions.DriverConfig.Name = driverName;
    if (driverOpts) m.VolumeOptions.DriverConfig.Options = driverOpts;
  }
  if (size !== undefined || mode !== undefined) {
    m.TmpfsOptions = {};
    if (size !== undefined) m.TmpfsOptions.SizeBytes = size;
    if (mode !== undefined) m.TmpfsOptions.Mode = mode;
  }
  return m;
}

export function createOptions(p: ParsedArgs, profile: EngineProfile, cwd: string, warn?: (msg: string) => void): OptionsResult {
  const binds: string[] = [];
  const anonymous: string[] = [];
  for (const spec of flagList(p, 'volume')) {
    const r = splitVolumeSpec(spec, profile, cwd);
    if ('error' in r) return { ok: false, clientError: r.error };
    if (r.anonymous !== undefined && !anonymous.includes(r.anonymous)) anonymous.push(r.anonymous);
    if (r.bind !== undefined && !binds.includes(r.bind)) binds.push(r.bind);
  }
  const mounts: ApiMount[] = [];
  for (const v of flagList(p, 'mount')) {
    const m = parseMountFlag(v, profile, cwd, warn);
    if (typeof m === 'string') return { ok: false, flagError: `invalid argument "${v}" for "--mount" flag: ${m}` };
    mounts.push(m);
  }
  const tmpfs: Record<string, string> = {};
  for (const t of flagList(p, 'tmpfs')) {
    const i = t.indexOf(':');
    tmpfs[i >= 0 ? t.slice(0, i) : t] = i >= 0 ? t.slice(i + 1) : '';
  }
  const labels = keyValues(flagList(p, 'label'));
  const settings = parseSettings(p, profile);
  if (!settings.ok) return settings;
  return {
    ok: true,
    req: {
      name: flagString(p, 'name'),
      imageRef: '',
      cmd: [],
      entrypoint: flagString(p, 'entrypoint'),
      env: flagList(p, 'env'),
      workdir: flagString(p, 'workdir'),
      hostname: flagString(p, 'hostname'),
      domainname: flagString(p, 'domainname'),
      user: flagString(p, 'user'),
      tty: flagBool(p, 'tty'),
      openStdin: flagBool(p, 'interactive'),
      binds,
      anonymous,
      mounts,
      tmpfs,
      volumesFrom: flagList(p, 'volumes-from'),
      readOnly: flagBool(p, 'read-only'),
      autoRemove: false,
      labels,
      settings: settings.settings,
      platform: flagString(p, 'platform'),
    },
  };
}
