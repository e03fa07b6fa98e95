// The CLI side of the storage-neutral `docker run`/`create` flags (docker/cli
// cli/command/container/opts.go addFlags and parse; opts/*.go validators): their specs, the
// per-value validators pflag runs (`invalid argument "x" for "--dns" flag: ...`), and parse's
// own checks, in parse's order. The daemon's checks are in src/container/settings.ts.

import type { FlagSpec, ParsedArgs } from '../../args.ts';
import { flagBool, flagList, flagString, keyValues } from '../../args.ts';
import type { EngineProfile } from '../../../engine/profile.ts';
import type { RestartPolicy, Ulimit } from '../../../engine/state.ts';
import { parseRamInBytes, UnitsError } from '../../format/units.ts';
import { DurationError, parseGoDuration } from '../../format/duration.ts';
import { defaultSettings, OTHER_LOG_DRIVERS, type ContainerSettings } from '../../../container/settings.ts';
import { isIP } from '../../../network/ipv4.ts';
import { parseExpose, parsePortSpec, standardNotation } from '../../../network/ports.ts';
import { isUserDefinedMode } from '../../../network/store.ts';


/** units.RAMInBytes's complaint (MemBytes.Set). */
export function memBytesProblem(value: string): string | undefined {
  try {
    parseRamInBytes(value);
    return undefined;
  } catch (e) {
    if (e instanceof UnitsError) return e.message;
    throw e;
  }
}

/** opts.ParseCPUs: a big.Rat (`1.5`, `3/2`, `1e-1`) times 1e9 that must be a whole number. */
export function parseCpus(value: string): number | string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value);
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(value);
  let num: bigint;
  let den: bigint;
  if (frac) {
    num = BigInt(frac[1]);
    den = BigInt(frac[2]);
    if (den === 0n) return `failed to parse ${value} as a rational number`;
  } else if (m && (m[2] !== '' || (m[3] ?? '') !== '')) {
    const digits = (m[2] || '0') + (m[3] ?? '');
    const exp = Number(m[4] ?? '0') - (m[3] ?? '').length;
    num = BigInt(digits) * (exp > 0 ? 10n ** BigInt(exp) : 1n);
    den = exp < 0 ? 10n ** BigInt(-exp) : 1n;
    if (m[1] === '-') num = -num;
  } else {
    return `failed to parse ${value} as a rational number`;
  }
  const nano = num * 1000000000n;
  if (nano % den !== 0n) return 'value is too precise';
  return Number(nano / den);
}

/** units.ParseUlimit (the 15 names the daemon can set, `soft[:hard]`). */
export function parseUlimit(val: string): Ulimit | string {
  const eq = val.indexOf('=');
  if (eq < 0) return `invalid ulimit argument: ${val}`;
  const name = val.slice(0, eq);
  const NAMES = ['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack'];
  if (!NAMES.includes(name)) return `invalid ulimit type: ${name}`;
  const limits = val.slice(eq + 1).split(':');
  if (limits.length > 2) return `too many limit value arguments - ${val.slice(eq + 1)}, can only have up to two, \`soft[:hard]\``;
  const int = (s: string): number | string => (/^[+-]?\d+$/.test(s) ? Number(s) : `strconv.ParseInt: parsing "${s}": invalid syntax`);
  const soft = int(limits[0]);
  if (typeof soft === 'string') return soft;
  let hard = soft;
  if (limits.length === 2) {
    const h = int(limits[1]);
    if (typeof h === 'string') return h;
    hard = h;
  }
  if (hard !== -1 && soft > hard) return `ulimit soft limit must be less than or equal to hard limit: ${soft} > ${hard}`;
  return { Name: name, Hard: hard, Soft: soft };
}

const DOMAIN = /^(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])))*)\.?\s*$/;

/**
 * The flags' specs, with the help texts of docker/cli opts.go. A flag's validator is the one
 * its ListOpts runs on each value; the profile picks the client's wording.
 */
export function settingsFlags(): FlagSpec[] {
  const ip = (v: string, client: '20.10' | '28.2') =>
    isIP(v.trim()) ? undefined : client === '20.10' ? `${v} is not an ip address` : `IP address is not correctly formatted: ${v}`;
  const extraHost = (val: string, client: '20.10' | '28.2'): string | undefined => {
    // opts.ValidateExtraHost: 28.2 also takes `host=ip` and `[ip]`.
    let k: string;
    let v: string;
    const eq = client === '28.2' ? val.indexOf('=') : -1;
    const sep = eq >= 0 ? eq : val.indexOf(':');
    if (sep < 0) return `bad format for add-host: "${val}"`;
    k = val.slice(0, sep);
    v = val.slice(sep + 1);
    if (k === '' || (client === '28.2' && k.includes(':'))) return `bad format for add-host: "${val}"`;
    if (v === 'host-gateway') return undefined;
    if (client === '28.2' && v.length > 2 && v.startsWith('[') && v.endsWith(']')) v = v.slice(1, -1);
    return isIP(v.trim()) ? undefined : `invalid IP address in add-host: "${v}"`;
  };
  return [
    { long: 'publish', short: 'p', kind: 'list', help: "Publish a container's port(s) to the host" },
    { long: 'publish-all', short: 'P', kind: 'bool', help: 'Publish all exposed ports to random ports' },
    { long: 'expose', kind: 'list', help: 'Expose a port or a range of ports' },
    { long: 'network-alias', kind: 'list', help: 'Add network-scoped alias for the container' },
    { long: 'net-alias', kind: 'list', help: 'Add network-scoped alias for the container', hidden: true },
    { long: 'net', kind: 'list', help: 'Connect a container to a network', hidden: true },
    { long: 'add-host', kind: 'list', help: 'Add a custom host-to-IP mapping (host:ip)', validate: extraHost },
    { long: 'dns', kind: 'list', help: 'Set custom DNS servers', validate: ip },
    { long: 'dns-option', kind: 'list', help: 'Set DNS options' },
    { long: 'dns-opt', kind: 'list', help: 'Set DNS options', hidden: true },
    {
      long: 'dns-search',
      kind: 'list',
      help: 'Set custom DNS search domains',
      validate: (v) => {
        const t = v.replace(/^ +| +$/g, '');
        if (t === '.') return undefined;
        return /[a-zA-Z]/.test(t) && DOMAIN.test(t) ? undefined : `${t} is not a valid domain`;
      },
    },
    { long: 'memory-swap', kind: 'string', help: "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", validate: (v) => (v === '-1' ? undefined : memBytesProblem(v)) },
    { long: 'memory-reservation', kind: 'string', help: 'Memory soft limit', validate: memBytesProblem },
    { long: 'cpus', kind: 'string', help: 'Number of CPUs', validate: (v) => (typeof parseCpus(v) === 'string' ? (parseCpus(v) as string) : undefined) },
    { long: 'cpu-shares', short: 'c', kind: 'int', help: 'CPU shares (relative weight)' },
    { long: 'group-add', kind: 'list', help: 'Add additional groups to join' },
    { long: 'init', kind: 'bool', help: 'Run an init inside the container that forwards signals and reaps processes' },
    { long: 'log-driver', kind: 'string', help: 'Logging driver for the container' },
    { long: 'log-opt', kind: 'list', help: 'Log driver options' },
    { long: 'stop-signal', kind: 'string', help: 'Signal to stop the container' },
    { long: 'stop-timeout', kind: 'int', help: 'Timeout (in seconds) to stop a container' },
    { long: 'pid', kind: 'string', help: 'PID namespace to use' },
    { long: 'ipc', kind: 'string', help: 'IPC mode to use' },
    { long: 'ulimit', kind: 'list', help: 'Ulimit options', validate: (v) => { const u = parseUlimit(v); return typeof u === 'string' ? u : undefined; } },
    { long: 'cap-add', kind: 'list', help: 'Add Linux capabilities' },
    { long: 'cap-drop', kind: 'list', help: 'Drop Linux capabilities' },
    { long: 'security-opt', kind: 'list', help: 'Security Options' },
    // The health flags make the container's health check (run by container/health-monitor.ts);
    // the durations are pflag DurationVars (time.ParseDuration).
    { long: 'health-cmd', kind: 'string', help: 'Command to run to check health' },
    { long: 'health-interval', kind: 'string', help: 'Time between running the check (ms|s|m|h) (default 0s)', validate: durationProblem },
    { long: 'health-retries', kind: 'int', help: 'Consecutive failures needed to report unhealthy' },
    { long: 'health-timeout', kind: 'string', help: 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)', validate: durationProblem },
    {
      long: 'health-start-period',
      kind: 'string',
      help: 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)',
      validate: durationProblem,
    },
    {
      long: 'health-start-interval',
      kind: 'string',
      help: 'Time between running the check during the start period (ms|s|m|h) (default 0s)',
      validate: durationProblem,
      minClient: '28.2',
    },
    { long: 'no-healthcheck', kind: 'bool', help: 'Disable any container-specified HEALTHCHECK' },
  ];
}

export type SettingsResult = { ok: true; settings: ContainerSettings } | { ok: false; clientError: string } | { ok: false; refused: string };

/** The values of a flag and its hidden alias (`--net` for `--network`), in the order given. */
function both(p: ParsedArgs, a: string, b: string): string[] {
  return [...flagList(p, a), ...flagList(p, b)];
}

/** opts.go parse(): the settings, or the first complaint, in parse's order. */
export function parseSettings(p: ParsedArgs, profile: EngineProfile): SettingsResult {
  const client = profile.client;
  const s = defaultSettings();
  const fail = (clientError: string): SettingsResult => ({ ok: false, clientError });

  // -p / --expose (convertToStandardNotation, nat.ParsePortSpecs, the expose loop).
  for (const raw of flagList(p, 'publish')) {
    const std = standardNotation(raw);
    if (typeof std !== 'string') return fail(std.error);
    const specs = parsePortSpec(std, client);
    if (typeof specs === 'string') return fail(specs);
    for (const m of specs) {
      if (!s.exposedPorts.includes(m.port)) s.exposedPorts.push(m.port);
      s.portBindings[m.port] = [...(s.portBindings[m.port] ?? []), m.binding];
    }
  }
  for (const e of flagList(p, 'expose')) {
    const ports = parseExpose(e, client);
    if (typeof ports === 'string') return fail(ports);
    for (const port of ports) if (!s.exposedPorts.includes(port)) s.exposedPorts.push(port);
  }
  s.publishAll = flagBool(p, 'publish-all');

  const pid = flagString(p, 'pid') ?? '';
  if (!(pid === '' || pid === 'host' || (pid.startsWith('container:') && pid.length > 'container:'.length))) return fail('--pid: invalid PID mode');
  s.pidMode = pid;

  // --ipc (api/types/container IpcMode): a private /dev/shm (`private`, `shareable`, the
  // daemon's default `private`) or none at all; another container's or the host's is not simulated
  const ipc = flagString(p, 'ipc') ?? '';
  if (!['', 'none', 'private', 'shareable'].includes(ipc)) {
    return { ok: false, refused: `strata does not simulate --ipc ${ipc} (only private, shareable and none)` };
  }
  s.ipcMode = ipc;
  // --shm-size (opts.MemBytes): 0 is the daemon's default, 64 MiB
  const shm = flagString(p, 'shm-size');
  if (shm !== undefined) s.shmSize = parseRamInBytes(shm);

  // --restart (opts.ParseRestartPolicy); the flag's default is "no".
  const restart = parseRestartPolicy(flagString(p, 'restart') ?? 'no', client);
  if (typeof restart === 'string') return fail(restart);
  s.restart = restart;

  // --log-driver / --log-opt (parseLoggingOpts).
  s.logDriver = flagString(p, 'log-driver') ?? '';
  const logOpts = flagList(p, 'log-opt');
  if (s.logDriver === 'none' && logOpts.length > 0) return fail(`invalid logging opts for driver ${s.logDriver}`);
  if (OTHER_LOG_DRIVERS.includes(s.logDriver)) return { ok: false, refused: `strata does not simulate the ${s.logDriver} log driver (only json-file, local and none)` };
  s.logOpts = keyValues(logOpts);

  // --security-opt (parseSecurityOpts, parseSystemPaths).
  for (const opt of flagList(p, 'security-opt')) {
    let sep = opt.indexOf('=');
    if (sep < 0 && opt !== 'no-new-privileges') sep = opt.indexOf(':');
    const k = sep >= 0 ? opt.slice(0, sep) : opt;
    const v = sep >= 0 ? opt.slice(sep + 1) : '';
    if ((sep < 0 || v === '') && k !== 'no-new-privileges') return fail(`Invalid --security-opt: "${opt}"`);
    if (k === 'seccomp' && v !== 'unconfined' && (client === '20.10' || v !== 'builtin')) {
      return { ok: false, refused: 'strata does not simulate seccomp profile files (--security-opt seccomp=FILE)' };
    }
    if (!['no-new-privileges', 'seccomp', 'apparmor', 'label', 'systempaths'].includes(k)) {
      return { ok: false, refused: `strata does not simulate --security-opt ${k}` };
    }
    s.securityOpt.push(opt);
  }

  if (flagBool(p, 'rm') && !(s.restart.Name === 'no' || s.restart.Name === '')) {
    return fail(client === '20.10' ? 'Conflicting options: --restart and --rm' : 'conflicting options: cannot specify both --restart and --rm');
  }
  if (p.flags['init'] !== undefined) s.init = flagBool(p, 'init');

  // --network / --network-alias (parseNetworkOpts).
  const nets = both(p, 'network', 'net');
  if (nets.length > 1) return { ok: false, refused: 'strata does not simulate several --network values (connect more with docker network connect)' };
  if (nets.some((n) => n.includes('=') || n.includes(','))) return { ok: false, refused: 'strata does not simulate the advanced --network syntax (name=...,alias=...)' };
  const aliases = both(p, 'network-alias', 'net-alias');
  if (nets.length === 1) {
    if (nets[0].trim() === '') return fail('no name set for network');
    s.networkMode = nets[0];
    if (!isUserDefinedMode(nets[0]) && aliases.length > 0) return fail('network-scoped aliases are only supported for user-defined networks');
    s.networkAliases = aliases;
  } else if (client === '28.2' && aliases.length > 0) {
    // 28.2 attaches the aliases to the `default` network; 20.10 drops them.
    return fail('network-scoped aliases are only supported for user-defined networks');
  }

  s.extraHosts = flagList(p, 'add-host').map((h) => {
    if (client === '20.10') return h;
    const eq = h.indexOf('=');
    const k = eq >= 0 ? h.slice(0, eq) : h.slice(0, h.indexOf(':'));
    let v = eq >= 0 ? h.slice(eq + 1) : h.slice(h.indexOf(':') + 1);
    if (v.length > 2 && v.startsWith('[') && v.endsWith(']')) v = v.slice(1, -1);
    return `${k}:${v}`;
  });
  s.dns = flagList(p, 'dns').map((d) => d.trim());
  s.dnsOptions = both(p, 'dns-option', 'dns-opt');
  s.dnsSearch = flagList(p, 'dns-search').map((d) => d.replace(/^ +| +$/g, ''));
  s.capAdd = flagList(p, 'cap-add');
  s.groupAdd = flagList(p, 'group-add');
  s.capDrop = flagList(p, 'cap-drop');
  const memory = flagString(p, 'memory');
  if (memory !== undefined) s.memory = parseRamInBytes(memory);
  // opts.MemBytes, stored as given (recorded: core/settings-stored)
  const reservation = flagString(p, 'memory-reservation');
  if (reservation !== undefined) s.memoryReservation = parseRamInBytes(reservation);
  const swap = flagString(p, 'memory-swap');
  if (swap !== undefined) s.memorySwap = swap === '-1' ? -1 : parseRamInBytes(swap);
  const cpus = flagString(p, 'cpus');
  if (cpus !== undefined) s.nanoCpus = parseCpus(cpus) as number;
  const shares = flagString(p, 'cpu-shares');
  if (shares !== undefined) s.cpuShares = Number(shares);
  const byName = new Map<string, Ulimit>();
  for (const u of flagList(p, 'ulimit')) {
    const l = parseUlimit(u) as Ulimit;
    byName.set(l.Name, l);
  }
  s.ulimits = [...byName.values()].sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  // run.go: `-d` attaches nothing; otherwise stdout and stderr, and stdin with -i.
  const detached = flagBool(p, 'detach');
  s.attachStdin = !detached && flagBool(p, 'interactive');
  s.attachStdout = !detached;
  s.attachStderr = !detached;
  s.stopSignal = flagString(p, 'stop-signal');
  const timeout = flagString(p, 'stop-timeout');
  if (timeout !== undefined) s.stopTimeout = Number(timeout);
  // The health check (docker/cli opts.go parse: only a flag with a value other than zero counts;
  // recorded: lifecycle/health-flags).
  const cmd = flagString(p, 'health-cmd') ?? '';
  const retries = Number(flagString(p, 'health-retries') ?? '0');
  const durations = (['interval', 'timeout', 'start-period', 'start-interval'] as const).map((name) => {
    const text = flagString(p, `health-${name}`);
    return { name, ns: text === undefined ? 0n : parseGoDuration(text) };
  });
  const haveHealth = cmd !== '' || retries !== 0 || durations.some((d) => d.ns !== 0n);
  if (flagBool(p, 'no-healthcheck')) {
    if (haveHealth) return fail('--no-healthcheck conflicts with --health-* options');
    s.healthcheck = { Test: ['NONE'] };
  } else if (haveHealth) {
    const [interval, timeoutD, startPeriod, startInterval] = durations;
    for (const d of [interval, timeoutD]) if (d.ns < 0n) return fail(`--health-${d.name} cannot be negative`);
    if (retries < 0) return fail('--health-retries cannot be negative');
    for (const d of [startPeriod, startInterval]) if (d.ns < 0n) return fail(`--health-${d.name} cannot be negative`);
    s.healthcheck = { Test: cmd !== '' ? ['CMD-SHELL', cmd] : [] };
    const fields = { interval: 'Interval', timeout: 'Timeout', 'start-period': 'StartPeriod', 'start-interval': 'StartInterval' } as const;
    for (const d of durations) if (d.ns !== 0n) s.healthcheck[fields[d.name]] = Number(d.ns);
    if (retries !== 0) s.healthcheck.Retries = retries;
  }
  return { ok: true, settings: s };
}

/** A pflag Duration's complaint: time.ParseDuration's error. */
function durationProblem(value: string): string | undefined {
  try {
    parseGoDuration(value);
    return undefined;
  } catch (e) {
    if (e instanceof DurationError) return e.message;
    throw e;
  }
}

/**
 * `--restart` as the client parses it (opts.ParseRestartPolicy; the 28.2 client words its errors
 * as "invalid restart policy format: ..."): the policy, or the error's text. "" is no policy.
 */
export function parseRestartPolicy(restart: string, client: '20.10' | '28.2'): RestartPolicy | string {
  if (restart === '') return { Name: '', MaximumRetryCount: 0 };
  if (client === '20.10') {
    const parts = restart.split(':');
    if (parts.length > 2) return 'invalid restart policy format';
    if (parts.length === 2 && !/^[+-]?\d+$/.test(parts[1])) return 'maximum retry count must be an integer';
    return { Name: parts[0], MaximumRetryCount: parts.length === 2 ? Number(parts[1]) : 0 };
  }
  const colon = restart.indexOf(':');
  const k = colon >= 0 ? restart.slice(0, colon) : restart;
  const v = colon >= 0 ? restart.slice(colon + 1) : '';
  if (colon >= 0 && k === '') return 'invalid restart policy format: no policy provided before colon';
  if (v !== '' && !/^[+-]?\d+$/.test(v)) return 'invalid restart policy format: maximum retry count must be an integer';
  return { Name: k, MaximumRetryCount: v !== '' ? Number(v) : 0 };
}
