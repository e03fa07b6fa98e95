// `docker ARGS...`: find the command (with docker's aliases), parse its flags the way the
// matching client does, and run it. Commands strata does not simulate are refused by name.

import { argCountProblem, parseArgs } from './args.ts';
import type { DockerContext } from './context.ts';
import { NotSimulated } from '../engine/not-simulated.ts';
import { argCountError, errOut, flagError, refusal, type UsageFrame } from './errors.ts';
import { ALIASES, COBRA_ALIASES, COMMANDS, REFUSED } from './commands/index.ts';
import type { DockerCommand } from './command.ts';
import { FormatError } from './output.ts';
import { runCompose } from '../compose/cli.ts';

const BY_PATH = new Map(COMMANDS.map((c) => [c.spec.path, c]));

function find(argv: string[], buildx: boolean): { command?: DockerCommand; rest: string[]; refused?: string; path: string } {
  for (const n of [2, 1]) {
    if (argv.length < n) continue;
    const path = argv.slice(0, n).join(' ');
    // The buildx plugin ships with BuildKit engines only; the 20.10 CLI knows no `buildx`.
    if (!buildx && argv[0] === 'buildx') break;
    const canonical = ALIASES[path] ?? path;
    const command = BY_PATH.get(canonical);
    if (command) return { command, rest: argv.slice(n), path };
    if (REFUSED[path]) return { refused: REFUSED[path], rest: [], path };
  }
  return { rest: [], path: argv[0] ?? '' };
}

export function runDocker(ctx: DockerContext, argv: string[]): number {
  if (argv.length === 0 || argv[0] === '--help') {
    ctx.io.stdout(usage());
    return 0;
  }
  // `docker compose` is a CLI plugin with its own parser (src/compose/cli.ts); only engines whose
  // install has Compose v2 know it.
  if (argv[0] === 'compose') {
    if (ctx.profile.compose === undefined) return refusal(ctx, `strata does not simulate \`docker compose\` on ${ctx.profile.name} (its install has no Compose v2 plugin; use the docker-26.1 engine)`);
    return runCompose(ctx, argv.slice(1));
  }
  const found = find(argv, ctx.profile.builder === 'buildkit');
  if (found.refused) return refusal(ctx, `strata does not simulate \`docker ${found.path}\` (${found.refused})`);
  if (!found.command) {
    errOut(ctx, `docker: '${argv[0]}' is not a docker command.\nSee 'docker --help'\n`);
    return 1;
  }
  const { spec } = found.command;
  // cobra's help flag, unless it comes after the positional arguments of a command that stops
  // parsing flags there (interspersed: false): `docker run busybox ps --help` gives ps its --help
  // (recorded: shell/ps-busybox, both engines)
  if (found.rest.includes('--help')) {
    const trial = spec.interspersed === false ? parseArgs(spec, found.rest, ctx.profile.client) : undefined;
    if (!(trial?.ok === true && trial.parsed.args.includes('--help'))) {
      ctx.io.stdout(`\nUsage:  ${spec.usage}\n\n${spec.description}\n`);
      return 0;
    }
  }
  const frame = usageFrame(found.path, found.command, ctx.profile.client);
  const parsed = parseArgs(spec, found.rest, ctx.profile.client);
  if (!parsed.ok) {
    if (parsed.refused) return refusal(ctx, parsed.error);
    return flagError(ctx, parsed.error, frame.path, frame.usage);
  }
  // cobra checks the number of arguments after the flags, before the command runs.
  const n = parsed.parsed.args.length;
  const foreign = found.command.foreignFrame?.(ctx);
  const problem = argCountProblem(spec.args, n, foreign ? '20.10' : ctx.profile.client);
  if (problem !== undefined) return argCountError(ctx, foreign ?? frame, spec.args, problem, foreign);
  try {
    return found.command.run(ctx, parsed.parsed);
  } catch (e) {
    // a question whose answer depends on what strata does not simulate (engine/not-simulated.ts)
    if (e instanceof NotSimulated) return refusal(ctx, e.message);
    if (e instanceof FormatError) {
      // formatter.Context: parse and execution errors both read `template parsing error: ...`.
      errOut(ctx, `${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/** The command as the CLI names it in usage errors: as typed, cobra aliases resolved; the usage line's first name to match. */
function usageFrame(typed: string, command: DockerCommand, client: '20.10' | '28.2'): UsageFrame {
  const path = COBRA_ALIASES[typed] ?? typed;
  const { spec } = command;
  const own = `docker ${spec.path}`;
  const usage = spec.usage.startsWith(own) ? `docker ${path}${spec.usage.slice(own.length)}` : spec.usage;
  const description = client === '20.10' ? (spec.legacyDescription ?? spec.description) : spec.description;
  return { path, usage, description };
}

export function usage(): string {
  const lines = COMMANDS.map((c) => `  ${c.spec.path.padEnd(18)} ${c.spec.description}`);
  return `\nUsage:  docker [OPTIONS] COMMAND\n\nA simulated Docker Engine (strata): only the storage model is real.\n\nCommands:\n${lines.join('\n')}\n`;
}
