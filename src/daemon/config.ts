// The daemon's own configuration: the dockerd flags strata simulates, as moby's daemon/config
// holds them. The default is a normal install (`dockerd` with no flags); a scenario header
// `# daemon: FLAGS` or the CLI's `--daemon FLAGS` chooses another one. Only flags whose effect
// is simulated everywhere it shows are known; any other is refused by name, never ignored.
//
// --bridge=none (`-b none`): moby daemon/daemon.go isBridgeNetworkDisabled sets
// config.DisableBridge when the bridge interface is "none" (config.DisableNetworkBridge). Then
// daemon_unix.go initNetworkController does not call initBridgeDriver: there is no `bridge`
// network and no docker0, HostGatewayIP stays nil, and connectToNetwork marks a container whose
// network is `bridge` network-disabled (daemon/container_operations.go). Where each effect is
// applied: src/network/ (store.ts, endpoints.ts). The oracle's daemons run with it
// (shared/oracle/start-engine.sh; docs/compat.md).

export interface DaemonConfig {
  /** `--bridge=none`: moby config.DisableBridge. */
  disableBridge: boolean;
}

/** `dockerd` with no flags, as a package installs it. */
export const NORMAL_INSTALL: DaemonConfig = { disableBridge: false };

/** The flags strata knows, as a sentence for error messages. */
export const KNOWN_DAEMON_FLAGS = '--bridge=none';

export class DaemonFlagError extends Error {}

/**
 * Parse dockerd flags (`--bridge=none`, `--bridge none`, `-b none`, `-b=none`; pflag's forms),
 * words separated by spaces. Empty text is a normal install. Throws a DaemonFlagError naming the
 * first flag it does not simulate.
 */
export function parseDaemonFlags(text: string): DaemonConfig {
  const words = text.split(/\s+/).filter((w) => w !== '');
  const config: DaemonConfig = { ...NORMAL_INSTALL };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const m = /^(--bridge|-b)(?:=(.*))?$/.exec(w);
    if (!m) {
      throw new DaemonFlagError(w.startsWith('-') ? `unknown daemon flag "${w}" (strata simulates: ${KNOWN_DAEMON_FLAGS})` : `"${w}" is not a daemon flag (strata simulates: ${KNOWN_DAEMON_FLAGS})`);
    }
    let value = m[2];
    if (value === undefined) {
      value = words[i + 1];
      if (value === undefined) throw new DaemonFlagError(`flag needs an argument: ${w}`);
      i++;
    }
    // Any other value names a host interface to attach containers to: a host strata has not.
    if (value !== 'none') throw new DaemonFlagError(`strata does not simulate ${m[1]}=${value} (a host bridge interface); only --bridge=none`);
    config.disableBridge = true;
  }
  return config;
}

/** The flags that give `config` (empty for a normal install), as `parseDaemonFlags` reads them. */
export function formatDaemonFlags(config: DaemonConfig): string {
  return config.disableBridge ? '--bridge=none' : '';
}

/** The daemon configuration of an engine state (absent: a normal install). */
export function daemonConfig(st: { daemon?: DaemonConfig }): DaemonConfig {
  return st.daemon ?? NORMAL_INSTALL;
}
