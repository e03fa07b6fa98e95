// The `strata` command: replay a scenario (print what a real Docker Engine would print), or
// check scenarios against their recorded outputs.
//
// Exit statuses tell the truth, so CI can rely on them: 0 everything passed (or was updated),
// 1 an output differs, 125 strata refused a command or ran out of a budget inside a scenario,
// 2 bad input (a usage error, a missing, unreadable or malformed file, a file --update could not
// write, nothing to check). When several files fail differently the most serious wins, in the
// order 2, 125, 1. No failure reaches the user as a stack trace (STRATA_DEBUG=1 adds them).

import { Command, CommanderError, Option } from 'commander';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { LineReader } from './stdin.ts';
import { useColor } from './terminal.ts';
import { EXIT } from './exit.ts';
import { verbs } from './verbs.ts';

// This file is the program: its verbs, their arguments and options, help and usage errors. What a
// verb does is in ./commands.ts, reached through ./verbs.ts when the verb runs: keep this file's
// imports to what defining the program needs (scripts/build.mjs refuses a bundle of it that
// takes in more), so that `strata --help` loads no simulator.

export { EXIT };

/** Where the CLI writes (the process's streams, or a capture in tests and the fuzz campaign). */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard input for the interactive verbs (quiz, shell), one line at a time; null at its end. */
  readLine?(): string | null;
  /** Standard input is a terminal. */
  interactive?: boolean;
  /** Colour the interactive verbs' output. */
  color?: boolean;
  /** Standard error is a terminal (a progress line for strata check). */
  stderrIsTTY?: boolean;
  /** The environment (CI, TERM, NO_COLOR) and the terminal's width, for the progress line. */
  env?: Record<string, string | undefined>;
  columns?: number;
}

let stdinLines: LineReader | undefined;
const processIO: CliIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readLine: () => (stdinLines ??= new LineReader()).readLine(),
  get interactive() {
    return process.stdin.isTTY === true;
  },
  get color() {
    return useColor(process.stdout.isTTY);
  },
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  },
  env: process.env,
  get columns() {
    return process.stderr.columns;
  },
};

/** Help laid out the way `docker --help` lays out its own. */
function dockerStyleHelp(cmd: Command): string {
  const isRoot = cmd.parent === null;
  const name = isRoot ? 'strata' : `strata ${cmd.name()}`;
  const args = cmd.registeredArguments
    .map((a) => {
      const word = a.name().toUpperCase().replace(/S$/, a.variadic ? '' : 'S');
      const one = a.variadic ? `${word} [${word}...]` : word;
      return a.required ? one : `[${one}]`;
    })
    .join(' ');
  const usage = isRoot ? 'strata [OPTIONS] COMMAND' : `${name} [OPTIONS]${args ? ' ' + args : ''}`;
  const options = [...cmd.options.map((o) => ({ flags: o.flags.replace(/<[^>]+>/, 'string'), description: o.description }))];
  options.push({ flags: '-h, --help', description: 'Print usage' });
  const optLines = options.map((o) => {
    const flags = o.flags.startsWith('--') ? `    ${o.flags}` : o.flags;
    return `  ${flags.padEnd(20)} ${o.description}`;
  });
  let text = `\nUsage:  ${usage}\n\n${cmd.description()}\n\nOptions:\n${optLines.join('\n')}\n`;
  const subs = cmd.commands.filter((c) => c.name() !== 'help');
  if (subs.length > 0) {
    text += `\nCommands:\n${subs.map((c) => `  ${c.name().padEnd(11)} ${c.description()}`).join('\n')}\n`;
    text += `\nRun 'strata COMMAND --help' for more information on a command.\n`;
  }
  return text;
}

/** `--busybox-stand-ins` of check and replay: the oracle's stand-ins (src/container/userland.ts). */
const BUSYBOX_STAND_INS_HELP = 'Replay as the oracle recorded: its busybox:latest (Debian\'s busybox 1.35) and the Debian- and Ubuntu-based stand-ins on busybox (default: a normal install\'s busybox:latest and the real images\' GNU tools)';

export function main(argv: string[], io: CliIO = processIO): number {
  let status: number = EXIT.ok;
  const program = new Command();
  program
    .name('strata')
    .description(
      "A simulated Docker Engine for storage: image layers, containers, volumes, bind mounts and tmpfs,\nreplayed from scenario scripts and printed exactly as a real engine prints them",
    )
    .addOption(new Option('--engine <name>', 'Engine to simulate: docker-26.1 (default) or docker-20.10').choices(['docker-20.10', 'docker-26.1']))
    .addOption(new Option('--daemon <flags>', 'dockerd flags to simulate, over a scenario\'s "# daemon:" header: --bridge=none (default: none, a normal install)'))
    .showHelpAfterError()
    .configureHelp({ formatHelp: dockerStyleHelp })
    .configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t) })
    .exitOverride();
  const globals = (): { engine?: string; daemon?: string } => ({ engine: program.opts().engine as string | undefined, daemon: program.opts().daemon as string | undefined });

  program
    .command('replay')
    .description('Replay a scenario and print each command with the output a real engine would print')
    .argument('[file]', 'a .scenario file, or - for standard input (default: a bundled data-loss story)')
    .option('--explain', 'After each command, say where data went and what destroyed or orphaned it')
    .option('--busybox-stand-ins', BUSYBOX_STAND_INS_HELP)
    .action((file: string | undefined, opts: { explain?: boolean; busyboxStandIns?: boolean }) => {
      status = verbs().replayVerb(file, opts, globals(), io);
    });

  program
    .command('check')
    .description('Replay scenarios and Markdown pages and compare with their outputs (files or directories)')
    .argument('<paths...>', '.scenario files, Markdown pages (.md) or directories (- for standard input)')
    .option('--update', 'Write the simulated outputs back into the files')
    .addOption(new Option('--reporter <name>', 'Report as text (default), junit (JUnit XML for CI) or json').choices(['text', 'junit', 'json']))
    .option('--busybox-stand-ins', BUSYBOX_STAND_INS_HELP)
    .action((paths: string[], opts: { update?: boolean; reporter?: 'text' | 'junit' | 'json'; busyboxStandIns?: boolean }) => {
      status = verbs().checkVerb(paths, opts, globals(), io);
    });

  program
    .command('images')
    .description('List the stand-in images a scenario can use (# images:, docker pull, docker run)')
    .option('--catalog', 'List the catalog of stand-in images with their volumes (the default)')
    .action(() => {
      status = verbs().imagesVerb(globals(), io);
    });

  program
    .command('diagram')
    .description('Draw where the data is after a step of a scenario: containers, their layers and mounts, volumes, binds, tmpfs')
    .argument('<file>', 'a .scenario file or a Markdown page (- for standard input)')
    .option('--after <n>', 'After the N-th command (default: the last; 0: before the first)')
    .addOption(new Option('--format <format>', 'text (80 columns, the default), svg or mermaid').choices(['text', 'svg', 'mermaid']))
    .action((file: string, opts: { after?: string; format?: 'text' | 'svg' | 'mermaid' }) => {
      status = verbs().diagramVerb(file, opts, globals(), io);
    });

  program
    .command('explain')
    .description('Say after each command where data went and what destroyed or orphaned it, then where the data is at the end')
    .argument('<file>', 'a .scenario file or a Markdown page (.md), or - for a scenario on standard input')
    .option('--json', 'Print the explanation as JSON (the schema is in docs/explain.md)')
    .action((file: string, opts: { json?: boolean }) => {
      status = verbs().explainVerb(file, opts, globals(), io);
    });

  program
    .command('where')
    .description("Say which layer, volume, bind or tmpfs provides a container's path at a step, what it hides, where it came from and what would destroy it")
    .argument('<file>', 'a .scenario file or a Markdown page (.md), or - for a scenario on standard input')
    .argument('<target>', 'CONTAINER:PATH (a name, an ID or a placeholder of the transcript such as <id1>)')
    .option('--after <n>', 'After the first N commands (default: all of them)')
    .option('--json', 'Print the answer as JSON (the schema is in docs/explain.md)')
    .action((file: string, target: string, opts: { after?: string; json?: boolean }) => {
      status = verbs().whereVerb(file, target, opts, globals(), io);
    });

  program
    .command('quiz')
    .description("Take a lesson: each command is shown, you predict what it does, then see Docker's output and what happened to the data")
    .argument('<lesson>', "a .scenario file with # ? questions, or a bundled lesson's name (strata lessons lists them)")
    .option('--predict', 'Also ask for the output of every command the lesson asks nothing about')
    .action((file: string, opts: { predict?: boolean }) => {
      status = verbs().quizVerb(file, opts, globals(), io);
    });

  program
    .command('lessons')
    .description('List the bundled lessons (take one with strata quiz NAME)')
    .action(() => {
      status = verbs().lessonsVerb(io);
    });

  program
    .command('shell')
    .description('Type docker and shell commands as on a host and see, below Docker\'s output, what happened to the data (:help inside)')
    .action(() => {
      status = verbs().shellVerb(globals(), io);
    });

  try {
    program.parse(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    // (thrown by a verb: its work is loaded)
    return verbs().failure(e, io);
  }
  return status;
}

/**
 * For the real process: a closed stdout (`strata replay | head -1`) ends strata quietly, as it
 * ends any Unix tool, instead of an unhandled EPIPE error.
 */
export function guardStdio(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

if (process.argv[1] && existsSync(process.argv[1]) && fileURLToPath(import.meta.url) === process.argv[1]) {
  guardStdio();
  process.exitCode = main(process.argv);
}
