// `strata --daemon FLAGS`: the dockerd flags to simulate (src/daemon/config.ts), over a
// scenario's `# daemon:` header. Every command that runs an engine takes it.

import { DaemonFlagError, parseDaemonFlags, type DaemonConfig } from '../daemon/config.ts';
import { CliError } from './files.ts';

/** The daemon to simulate: `--daemon FLAGS` if given, else the file's `# daemon:` header. */
export function daemonFor(fileDaemon: DaemonConfig | undefined, override: string | undefined): DaemonConfig | undefined {
  if (override === undefined) return fileDaemon;
  try {
    return parseDaemonFlags(override);
  } catch (e) {
    if (e instanceof DaemonFlagError) throw new CliError(`--daemon: ${e.message}`);
    throw e;
  }
}
