// `strata where FILE CONTAINER:PATH [--after N] [--json]`: which layer, volume, bind or tmpfs
// provides a path of a container at a step, what it hides, which command put it there and what
// would destroy it on the scenario's engine (src/explain/where.ts).

import { where, WhereError } from '../explain/where.ts';
import { firstRefusal, loadSession } from './explain.ts';
import { CliError } from './files.ts';

interface Streams {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** `--after N`: a whole number of commands (0 = before the first one). */
function parseAfter(value: string): number {
  if (!/^\d+$/.test(value)) throw new CliError(`--after ${value}: give a number of commands (0 or more)`);
  return Number(value);
}

/** `CONTAINER:PATH` (a container name or ID never holds a colon). */
function parseTarget(target: string): { container: string; path: string } {
  const i = target.indexOf(':');
  if (i <= 0 || i === target.length - 1) throw new CliError(`${target}: give CONTAINER:PATH (for example db:/var/lib/mysql)`);
  return { container: target.slice(0, i), path: target.slice(i + 1) };
}

/** `strata where FILE CONTAINER:PATH [--after N] [--json]` (defined in src/cli/main.ts): its exit status. */
export function whereVerb(file: string, target: string, opts: { after?: string; json?: boolean }, globals: { engine?: string; daemon?: string }, io: Streams): number {
  const { container, path } = parseTarget(target);
  const after = opts.after === undefined ? undefined : parseAfter(opts.after);
  const session = loadSession(file, globals.engine, globals.daemon);
  let p;
  try {
    p = where(session, container, path, after);
  } catch (e) {
    if (e instanceof WhereError) throw new CliError(e.message);
    throw e;
  }
  io.stdout(opts.json ? JSON.stringify(p, null, 2) + '\n' : p.notes.join('\n') + '\n');
  const refusal = firstRefusal({ ...session, steps: session.steps.slice(0, p.after) });
  if (refusal === undefined) return 0;
  io.stderr(`${refusal}\n`);
  return 125;
}
