import type { BuildDisplay } from '../../image/build/progress.ts';
// What every compose subcommand runs with: the docker context it talks to (the simulated daemon),
// its output, the progress writer, and the project options from the global flags.

import type { DockerContext } from '../../docker/context.ts';
import type { ComposeOutput, Progress } from '../format/progress.ts';
import type { LoadOptions } from '../model/load.ts';

export interface ComposeEnv {
  ctx: DockerContext;
  out: ComposeOutput;
  progress: Progress;
  /** The loader's options from the global flags (-f, -p, --project-directory, --env-file, --profile). */
  options: Omit<LoadOptions, 'services'>;
  /**
   * Whether log lines are coloured (formatter.SetANSIMode, cmd/formatter/colors.go at v2.26.1):
   * `--ansi always`, or `auto` with stdout a terminal.
   */
  ansi: boolean;
  /** A logrus warning on stderr. */
  warn(msg: string): void;
  /** The builds of this command to show on the terminal, once all are done (project/build.ts showBuilds). */
  builds?: { service: string; display: BuildDisplay; network?: string; context?: string }[];
  /**
   * What BuildKit held of each context directory before this command's builds (engine state
   * buildContextSent), while it builds several services: they run side by side, so each
   * transfer starts from that, not from the one strata ran before it.
   */
  contextsHeldBefore?: Record<string, Record<string, string> | undefined>;
}

/** A failure compose reports with its own words and exit status. */
export class ComposeError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}
