// The shape of one `docker compose` subcommand (docker/compose cmd/compose/<verb>.go): its cobra
// spec and what it does, or the reason strata refuses it.

import type { CommandSpec, ParsedArgs } from '../../docker/args.ts';
import type { ComposeEnv } from '../project/env.ts';

export interface ComposeCommand {
  spec: CommandSpec;
  run(env: ComposeEnv, p: ParsedArgs): number;
}

export type Subcommand = ComposeCommand | { refused: string };
