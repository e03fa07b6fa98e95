// The shape of one docker CLI command: its spec (usage, flags, as `docker X --help` lists them)
// and what it does.

import type { CommandSpec, ParsedArgs } from './args.ts';
import type { DockerContext } from './context.ts';

export interface DockerCommand {
  spec: CommandSpec;
  run(ctx: DockerContext, args: ParsedArgs): number;
}

/** A stub for a real docker command strata does not simulate (listed in docs/compat.md). */
export interface RefusedCommand {
  path: string;
  reason: string;
}
