// How the CLI runs a verb on several containers: the names that worked first, then the errors.

import type { DockerContext } from '../../context.ts';
import { errOut } from '../../errors.ts';

/** The CLI runs the verb on every container, prints the names that worked, then the errors. */
export function eachContainer(ctx: DockerContext, refs: string[], action: (ref: string) => string | undefined): number {
  const errors: string[] = [];
  for (const ref of refs) {
    const error = action(ref);
    if (error !== undefined) errors.push(`Error response from daemon: ${error}\n`);
  }
  for (const e of errors) errOut(ctx, e);
  return errors.length > 0 ? 1 : 0;
}

