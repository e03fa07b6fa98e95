// The `strata` command: replay a scenario (print what a real Docker Engine would print), or
// check scenarios against their recorded outputs.

import { Command, Option } from 'commander';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { parseScenario, ScenarioSyntaxError } from '../scenario/parse.ts';
import { checkScenario, replayScenario } from '../scenario/replay.ts';
import { renderTranscript, updateScenario } from '../scenario/render.ts';
import { explainEvent } from '../engine/explain.ts';
import { SimulatedDocker } from '../engine/scenario-engine.ts';
import { DEFAULT_ENGINE, isEngineName, PROFILES, type EngineName } from '../engine/profile.ts';
import { formatCatalog, listCatalog } from '../image/catalog/listing.ts';
import { expandPaths, readText, writeText } from './files.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SCENARIO = join(here, '..', '..', 'scenarios', 'lessons', 'anonymous-volume-orphaned.scenario');

function engineFor(fileEngine: string | undefined, override: string | undefined): EngineName {
  const name = override ?? fileEngine ?? DEFAULT_ENGINE;
  if (!isEngineName(name)) throw new Error(`unknown engine "${name}" (known: docker-20.10, docker-26.1)`);
  return name;
}

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

function load(file: string) {
  return parseScenario(readText(file), file);
}

export function main(argv: string[]): number {
  let status = 0;
  const program = new Command();
  program
    .name('strata')
    .description(
      "A simulated Docker Engine for storage: image layers, containers, volumes, bind mounts and tmpfs,\nreplayed from scenario scripts and printed exactly as a real engine prints them",
    )
    .addOption(new Option('--engine <name>', 'Engine to simulate: docker-26.1 (default) or docker-20.10').choices(['docker-20.10', 'docker-26.1']))
    .showHelpAfterError()
    .configureHelp({ formatHelp: dockerStyleHelp })
    .exitOverride();

  program
    .command('replay')
    .description('Replay a scenario and print each command with the output a real engine would print')
    .argument('[file]', 'a .scenario file (default: a bundled data-loss story)')
    .option('--explain', 'After each command, say where data went and what destroyed or orphaned it')
    .action((file: string | undefined, opts: { explain?: boolean }) => {
      const path = file ?? DEFAULT_SCENARIO;
      const s = load(path);
      const engine = new SimulatedDocker({ engine: engineFor(s.engine, program.opts().engine) });
      const replay = replayScenario(s, engine);
      if (!opts.explain) {
        process.stdout.write(replay.transcript);
        return;
      }
      const explained = replay.results.map((r, k) => ({
        ...r,
        notes: (engine.eventsByRun[k] ?? []).map(explainEvent).filter((n): n is string => n !== undefined).map((n) => `strata: ${n}`),
      }));
      process.stdout.write(renderTranscript(s, explained));
    });

  program
    .command('check')
    .description('Replay scenarios and compare with their recorded outputs (files or directories)')
    .argument('<paths...>', '.scenario files or directories')
    .option('--update', 'Write the simulated outputs back into the files')
    .action((paths: string[], opts: { update?: boolean }) => {
      let passed = 0;
      let failed = 0;
      let files: string[];
      try {
        files = expandPaths(paths);
      } catch (e) {
        process.stderr.write(`strata: ${(e as Error).message}\n`);
        status = 2;
        return;
      }
      for (const file of files) {
        let s;
        try {
          s = load(file);
        } catch (e) {
          if (e instanceof ScenarioSyntaxError) {
            process.stdout.write(`FAIL ${file}\n${e.message}\n`);
            failed++;
            continue;
          }
          throw e;
        }
        const engine = new SimulatedDocker({ engine: engineFor(s.engine, program.opts().engine) });
        let r;
        try {
          r = checkScenario(s, engine);
        } catch (e) {
          if (e instanceof ScenarioSyntaxError) {
            process.stdout.write(`FAIL ${file}\n${e.message}\n`);
            failed++;
            continue;
          }
          process.stdout.write(`FAIL ${file}\nstrata crashed: ${(e as Error).stack}\n`);
          failed++;
          continue;
        }
        if (opts.update) writeText(file, updateScenario(s, r.replay.results));
        if (r.passed) passed++;
        else {
          failed++;
          process.stdout.write(`FAIL ${file}\n${r.diff}\n`);
        }
      }
      process.stdout.write(`${passed} passed, ${failed} failed\n`);
      if (failed > 0 && !opts.update) status = 1;
    });

  program
    .command('images')
    .description('List the stand-in images a scenario can use (# images:, docker pull, docker run)')
    .option('--catalog', 'List the catalog of stand-in images with their volumes (the default)')
    .action(() => {
      process.stdout.write(formatCatalog(listCatalog(PROFILES[engineFor(undefined, program.opts().engine)])));
    });

  try {
    program.parse(argv);
  } catch (e) {
    const code = (e as { exitCode?: number }).exitCode;
    if (code !== undefined) return code;
    if (e instanceof ScenarioSyntaxError) {
      process.stderr.write(`strata: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return status;
}

if (process.argv[1] && existsSync(process.argv[1]) && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv);
}
