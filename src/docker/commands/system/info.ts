// docker info / docker system info (docker/cli cli/command/system/info.go): with --format, the
// template runs over the CLI's info struct, whose embedded server part is the daemon's report
// (GET /info). strata knows the storage model's fields of it (src/daemon/info.ts); the rest are
// the host's (kernel, CPUs, memory, plugins, versions), so a template that reads one of them is
// refused by name, and so is the report without --format, which prints them all.

import type { DockerCommand } from '../../command.ts';
import { flagString } from '../../args.ts';
import { errOut, out, refusal } from '../../errors.ts';
import { Template, TemplateError } from '../../format/template.ts';
import { goType } from '../../format/value.ts';
import { templateOptions } from '../../output.ts';
import { NotSimulated } from '../../../engine/not-simulated.ts';
import { systemInfo, type SystemInfo } from '../../../daemon/index.ts';

/**
 * The fields of the server's Info struct as each client decodes it: types.Info of the 20.10 CLI
 * (docker/cli@v20.10.24 vendor/github.com/docker/docker/api/types/types.go) and system.Info of
 * the 28.2 CLI (docker/cli@v28.2.2 vendor/github.com/docker/docker/api/types/system/info.go), then
 * the CLI's own fields beside the embedded struct (cli/command/system/info.go `info` /
 * `dockerInfo`). A field not listed is a template error; a listed one strata does not know is refused.
 */
const SHARED_FIELDS = [
  'ID', 'DriverStatus', 'SystemStatus', 'Plugins', 'MemoryLimit', 'SwapLimit', 'KernelMemory', 'KernelMemoryTCP',
  'CPUCfsPeriod', 'CPUCfsQuota', 'CPUShares', 'CPUSet', 'PidsLimit', 'IPv4Forwarding', 'Debug', 'NFd', 'OomKillDisable',
  'NGoroutines', 'SystemTime', 'LoggingDriver', 'CgroupDriver', 'CgroupVersion', 'NEventsListener', 'KernelVersion',
  'OperatingSystem', 'OSVersion', 'OSType', 'Architecture', 'IndexServerAddress', 'RegistryConfig', 'NCPU', 'MemTotal',
  'GenericResources', 'HTTPProxy', 'HTTPSProxy', 'NoProxy', 'Name', 'Labels', 'ExperimentalBuild', 'ServerVersion',
  'Runtimes', 'DefaultRuntime', 'Swarm', 'LiveRestoreEnabled', 'Isolation', 'InitBinary', 'ContainerdCommit',
  'RuncCommit', 'InitCommit', 'SecurityOptions', 'ProductLicense', 'DefaultAddressPools', 'Warnings',
  'ServerErrors', 'ClientInfo', 'ClientErrors',
];
const HOST_FIELDS: Record<'20.10' | '28.2', readonly string[]> = {
  '20.10': [...SHARED_FIELDS, 'BridgeNfIptables', 'BridgeNfIP6tables', 'ClusterStore', 'ClusterAdvertise'],
  '28.2': [...SHARED_FIELDS, 'FirewallBackend', 'CDISpecDirs', 'DiscoveredDevices', 'Containerd', 'UserName'],
};

/** The struct's type as Go's template errors name it: `info` (20.10) and `dockerInfo` (28.2) of package system. */
const TYPE_NAME = { '20.10': 'system.info', '28.2': 'system.dockerInfo' } as const;

const KNOWN = '.Driver, .DockerRootDir, .Containers, .ContainersRunning, .ContainersPaused, .ContainersStopped and .Images';

/** A field whose reading refuses (an enumerable getter, so `{{json .}}` and `{{.}}` refuse too). */
function refusedField(value: Record<string, unknown>, field: string, refusal: () => NotSimulated): void {
  Object.defineProperty(value, field, {
    enumerable: true,
    get(): never {
      throw refusal();
    },
  });
}

/** The CLI's info struct: the daemon's storage fields, and a refusal behind every field of the host. */
function infoValue(info: SystemInfo, client: '20.10' | '28.2'): object {
  const { countsUnknown, ...known } = info;
  const value: Record<string, unknown> = { ...known };
  if (countsUnknown !== undefined) {
    for (const field of ['Containers', 'ContainersRunning', 'ContainersPaused', 'ContainersStopped']) refusedField(value, field, () => countsUnknown);
  }
  for (const field of HOST_FIELDS[client]) {
    refusedField(value, field, () => new NotSimulated(`strata does not simulate docker info's .${field}: it is the host's (strata knows ${KNOWN})`));
  }
  return goType(value, TYPE_NAME[client]);
}

export const info: DockerCommand = {
  spec: {
    path: 'info',
    args: { min: 0, max: 0 },
    usage: 'docker info [OPTIONS]',
    description: 'Display system-wide information',
    flags: [{ long: 'format', short: 'f', kind: 'string', help: 'Format output using a custom template' }],
  },
  run(ctx, p) {
    const format = flagString(p, 'format') ?? '';
    if (format === '') {
      return refusal(ctx, `strata does not simulate docker info without --format: its report is the host's (kernel, CPUs, memory, plugins); use --format with ${KNOWN}`);
    }
    const client = ctx.profile.client;
    // formatInfo: `json` is the JSON shortcut from 23.0 (formatter.JSONFormatKey); 20.10 runs the word as a template.
    const text = format === 'json' && client === '28.2' ? '{{json .}}' : format;
    let tmpl: Template;
    try {
      tmpl = Template.parse(text);
    } catch (e) {
      // cli.StatusError{StatusCode: 64, Status: "template parsing error: ..."}
      errOut(ctx, `template parsing error: ${(e as Error).message}\n`);
      return 64;
    }
    const data = infoValue(systemInfo(ctx.st), client);
    try {
      out(ctx, tmpl.execute(data, templateOptions(client)) + '\n');
      return 0;
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      // tmpl.Execute leaves what it wrote, then formatInfo prints a newline whatever the error
      out(ctx, e.partial + '\n');
      errOut(ctx, `${e.message}\n`);
      return 1;
    }
  },
};
