// `docker compose ...`: the Compose v2 CLI plugin (docker/compose v2.26.1 cmd/compose/compose.go
// RootCommand): global flags before the subcommand (cobra TraverseChildren), then the
// subcommand's own flags. Flag errors exit 16 (CommandSyntaxFailure); errors of the project files
// exit 15 (ComposeParseFailure) or 14 (FileNotFoundFailure); other failures exit 1, as the CLI
// plugin framework prints them.

import { argCountProblem, flagBool, parseArgs, type CommandSpec, type FlagSpec, type ParsedArgs } from '../docker/args.ts';
import { FormatError } from '../docker/output.ts';
import type { DockerContext } from '../docker/context.ts';
import { hostFs } from '../container/runtime-fs.ts';
import { ComposeFileError } from './model/interpolate.ts';
import { ComposeUnsupported, type HostFiles, type LoadOptions } from './model/load.ts';
import { loadProjectRemembered } from './model/load-memo.ts';
import type { Project } from './model/project.ts';
import { YamlUnsupported } from './yaml.ts';
import { NotSimulated } from '../engine/not-simulated.ts';
import { formatConfig } from './format/config.ts';
import { logrusLine, logrusTerminalLine, Progress, PROGRESS_TITLES, type ComposeOutput, type ProgressMode } from './format/progress.ts';
import { COMPOSE_HELP } from './format/help.ts';
import { ComposeError, type ComposeEnv } from './project/env.ts';
import { SUBCOMMANDS } from './commands/index.ts';
import type { Subcommand } from './commands/command.ts';

export const GLOBAL_FLAGS: FlagSpec[] = [
  { long: 'ansi', kind: 'string', help: 'Control when to print ANSI control characters ("never"|"always"|"auto")' },
  { long: 'compatibility', kind: 'bool', help: 'Run compose in backward compatibility mode', refuse: 'compose v1 naming is not simulated' },
  { long: 'dry-run', kind: 'bool', help: 'Execute command in dry run mode', refuse: 'dry runs are not simulated' },
  { long: 'env-file', kind: 'list', help: 'Specify an alternate environment file' },
  { long: 'file', short: 'f', kind: 'list', help: 'Compose configuration files' },
  { long: 'parallel', kind: 'int', help: 'Control max parallelism, -1 for unlimited' },
  { long: 'profile', kind: 'list', help: 'Specify a profile to enable' },
  { long: 'progress', kind: 'string', help: 'Set type of progress output (auto, tty, plain, quiet)' },
  { long: 'project-directory', kind: 'string', help: 'Specify an alternate working directory' },
  { long: 'project-name', short: 'p', kind: 'string', help: 'Project name' },
  { long: 'verbose', kind: 'bool', help: 'Show more output', hidden: true },
  // hidden; RunE prints the help when no command follows, before it looks at the flag
  // (cmd/compose/compose.go at v2.26.1; recorded: compose/cli-forms)
  { long: 'version', short: 'v', kind: 'bool', help: 'Show the Docker Compose version information', hidden: true },
];

const ROOT: CommandSpec = { path: 'compose', usage: 'docker compose [OPTIONS] COMMAND', description: 'Docker Compose', flags: GLOBAL_FLAGS, args: { min: 0 }, interspersed: false };

function hostFiles(ctx: DockerContext): HostFiles {
  const fs = hostFs(ctx.st);
  return {
    read(path) {
      try {
        if (fs.stat(path).kind !== 'file') return undefined;
        return fs.readFile(path);
      } catch {
        return undefined;
      }
    },
    kind(path) {
      try {
        const k = fs.stat(path).kind;
        return k === 'dir' ? 'dir' : 'file';
      } catch {
        return undefined;
      }
    },
  };
}

function output(ctx: DockerContext): ComposeOutput {
  // Compose's strings are byte strings like the docker CLI's (docker/errors.ts): written as they are.
  return { stdout: (t) => ctx.io.stdout(t), stderr: (t) => ctx.io.stderr(t), clock: ctx.st.clock };
}

export function runCompose(ctx: DockerContext, argv: string[]): number {
  const out = output(ctx);
  const fail = (msg: string, status: number): number => {
    out.stderr(`${msg}\n`);
    return status;
  };
  const root = parseArgs(ROOT, argv, '28.2');
  if (!root.ok) return root.refused ? fail(root.error, 125) : fail(root.error, 16);
  const [name, ...rest] = root.parsed.args;
  if (name === undefined) {
    out.stdout(COMPOSE_HELP);
    return 0;
  }
  if (flagBool(root.parsed, 'version')) return fail('strata does not simulate `docker compose --version` followed by a command', 125);
  const sub: Subcommand | undefined = SUBCOMMANDS[name];
  if (sub === undefined) {
    out.stdout(COMPOSE_HELP);
    return fail(`unknown docker command: "compose ${name}"`, 16);
  }
  if ('refused' in sub) return fail(`strata does not simulate \`docker compose ${name}\` (${sub.refused})`, 125);
  const parsed = parseArgs(sub.spec, rest, '28.2');
  if (!parsed.ok) return parsed.refused ? fail(parsed.error, 125) : fail(parsed.error, 16);
  // cobra's Args check, framed as docker/cli's cli.RequiresMinArgs and friends do it
  const problem = argCountProblem(sub.spec.args, parsed.parsed.args.length, '28.2');
  if (problem !== undefined) {
    const path = `docker ${sub.spec.path}`;
    return fail(`${JSON.stringify(path)} ${problem}.\nSee '${path} --help'.\n\nUsage:  ${sub.spec.usage}\n\n${sub.spec.description}`, 1);
  }
  const g = root.parsed.flags;
  const progressFlag = typeof g.progress === 'string' ? g.progress : 'auto';
  const ansi = typeof g.ansi === 'string' ? g.ansi : 'auto';
  // PersistentPreRunE (compose.go): the progress mode; without a terminal `auto` is plain.
  let mode: ProgressMode;
  switch (progressFlag) {
    case 'auto':
    case 'plain':
      if (progressFlag === 'plain' && ansi === 'always') return fail("can't use --progress plain while ANSI support is forced", 1);
      // on a terminal (a Markdown page's session) `auto` is the tty display (progress.ts): when
      // the display's own stream is one (writer.go NewWriter: compose's stdinfo(), stderr)
      mode = progressFlag === 'auto' && ansi !== 'never' && ctx.io.outTerminal?.stderr ? 'tty' : 'plain';
      break;
    case 'quiet':
    case 'none':
      mode = 'quiet';
      break;
    case 'tty':
      if (ansi === 'never') return fail("can't use --progress tty while ANSI support is disabled", 1);
      if (!ctx.io.outTerminal?.stderr) return fail('provided file is not a console', 1);
      mode = 'tty';
      break;
    default:
      return fail(`unsupported --progress value ${JSON.stringify(progressFlag)}`, 1);
  }
  const env: ComposeEnv = {
    ctx,
    out,
    progress: new Progress(out, mode, PROGRESS_TITLES[name]),
    ansi: ansi === 'always' || (ansi === 'auto' && ctx.io.outTerminal?.stdout === true),
    options: {
      host: hostFiles(ctx),
      cwd: ctx.cwd,
      env: ctx.env ?? {},
      files: Array.isArray(g.file) ? g.file : [],
      projectName: typeof g['project-name'] === 'string' ? g['project-name'] : undefined,
      projectDirectory: typeof g['project-directory'] === 'string' ? g['project-directory'] : undefined,
      envFiles: Array.isArray(g['env-file']) ? g['env-file'] : [],
      profiles: Array.isArray(g.profile) ? g.profile : [],
    },
    // logrus colours its lines when its output (stderr) is a terminal (checkIfTerminal)
    warn: (msg) => out.stderr(ctx.io.outTerminal?.stderr ? logrusTerminalLine('warning', msg) : logrusLine(ctx.st.clock, 'warning', msg)),
  };
  try {
    const status = sub.run(env, parsed.parsed);
    env.progress.finish();
    return status;
  } catch (e) {
    // on a terminal, the display's last frame comes before the error (progress.Run returns it)
    try {
      env.progress.finish();
    } catch (e2) {
      if (e2 instanceof NotSimulated) return fail(e2.message, 125);
      throw e2;
    }
    if (e instanceof ComposeFileError) return fail(e.message, e.status);
    if (e instanceof ComposeError) return fail(e.message, e.status);
    if (e instanceof ComposeUnsupported || e instanceof YamlUnsupported || e instanceof NotSimulated) return fail(e.message, 125);
    if (e instanceof FormatError) return fail(e.message.startsWith('template parsing error') ? e.message : `template parsing error: ${e.message}`, 1);
    throw e;
  }
}

/** Load the project for a subcommand, printing the loader's warnings as compose logs them. */
export function load(env: ComposeEnv, extra: Partial<LoadOptions> = {}): Project {
  const warnings: string[] = [];
  try {
    return loadProjectRemembered({ ...env.options, ...extra }, warnings);
  } finally {
    for (const w of warnings) env.warn(w);
  }
}

export { formatConfig, type ParsedArgs };
