// The shape of one docker CLI command: its spec (usage, flags, as `docker X --help` lists them)
// and what it does.

import type { CommandSpec, ParsedArgs } from './args.ts';
import type { DockerContext } from './context.ts';
import type { UsageFrame } from './errors.ts';

export interface DockerCommand {
  spec: CommandSpec;
  run(ctx: DockerContext, args: ParsedArgs): number;
  /**
   * When another program answers this command's usage errors (BuildKit's buildx answers
   * `docker build`), its frame: buildx frames them as the 20.10 CLI did, behind `ERROR: `.
   */
  foreignFrame?(ctx: DockerContext): (UsageFrame & { prefix: string }) | undefined;
}

/** A stub for a real docker command strata does not simulate (listed in docs/compat.md). */
export interface RefusedCommand {
  path: string;
  reason: string;
}
