// What the Dockerfile parsers refuse before any step runs, and the raw arguments of ENV, LABEL,
// ARG and RUN's flags. Both builders parse with github.com/moby/buildkit frontend/dockerfile
// (20.10 vendors buildkit eeb7b65, 26.1 vendors v0.13.2), in two passes with two framings:
// - parser.Parse builds the AST: ENV and LABEL arguments (line_parsers.go parseNameVal). The
//   legacy builder prints `Error response from daemon: failed to parse Dockerfile: MSG`, BuildKit
//   the excerpt and `ERROR: failed to solve: MSG` (AstError);
// - instructions.Parse reads each instruction: argument counts, blank names, flags, RUN --mount
//   (for the legacy builder all of parseMount, for BuildKit only what needs no expansion).
//   `dockerfile parse error line N: MSG` (legacy) / `dockerfile parse error on line N: MSG`
//   (instructionProblem, thrown as a StageError by stages.ts).
// Recorded on both engines: builds/env-arg-forms, builds/run-mount-options-legacy, builds/shell,
// builds/healthcheck.

import { jsonArray, splitWords, type EscapeToken, type Instruction } from './dockerfile.ts';
import { quote } from '../../docker/format/fmt.ts';
import { mountParseProblem, withSuggestion } from './run-mount.ts';
import { parseHealthcheck } from './healthcheck.ts';

/** An error of parser.Parse (the AST), for the whole Dockerfile before any instruction is read. */
export class AstError extends Error {
  constructor(
    readonly instruction: Instruction,
    message: string,
  ) {
    super(message);
  }
}

/** reWhitespace of line_parsers.go. */
const WHITESPACE = /[\t\v\f\r ]+/;

/** parseNameVal's errors for ENV and LABEL, the first in the file. */
export function astCheck(instructions: readonly Instruction[]): void {
  for (const ins of instructions) {
    if (ins.cmd !== 'ENV' && ins.cmd !== 'LABEL') continue;
    // (parseNameVal reads the words after the flags: a flag is instructionProblem's)
    const rest = builderFlags(ins.rest).rest;
    const words = splitWords(rest, ins.escape);
    if (words.length === 0) continue;
    if (!words[0].includes('=')) {
      // the old form `ENV name value...`
      if (rest.split(WHITESPACE).length < 2) throw new AstError(ins, `${ins.cmd} must have two arguments`);
      continue;
    }
    const bare = words.find((w) => !w.includes('='));
    if (bare !== undefined) throw new AstError(ins, `Syntax error - can't find = in ${quote(bare)}. Must be of the form: name=value`);
  }
}

/**
 * ENV's or LABEL's pairs as written (quotes and variables in place): `name=value` words, or the
 * old form's name and the rest of the line. The instruction passed astCheck.
 */
export function keyValuePairs(rest: string, escape?: EscapeToken): [string, string][] {
  const words = splitWords(rest, escape);
  if (words.length > 0 && !words[0].includes('=')) {
    const m = WHITESPACE.exec(rest)!;
    return [[rest.slice(0, m.index), rest.slice(m.index + m[0].length)]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    return [w.slice(0, eq), w.slice(eq + 1)];
  });
}

/** ARG's names and (optional) values as written: one per word (parseArg). */
export function argPairs(rest: string, escape?: EscapeToken): { name: string; value: string | undefined }[] {
  return splitWords(rest, escape).map((w) => {
    const eq = w.indexOf('=');
    return eq < 0 ? { name: w, value: undefined } : { name: w.slice(0, eq), value: w.slice(eq + 1) };
  });
}

/**
 * The leading `--flag` words of an instruction, quotes and escapes taken out, and the text after
 * them (parser.go extractBuilderFlags; a lone `--` ends the flags and is dropped).
 */
export function builderFlags(rest: string): { flags: string[]; rest: string } {
  const flags: string[] = [];
  let word = '';
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quoteCh = '';
  // (Go's blankOK is left out: a word starts with `--`, so it is never blank)
  for (let pos = 0; pos <= rest.length; pos++) {
    // undefined at the end, where only the phase is read
    let ch = rest[pos];
    if (phase === 'spaces') {
      if (/\s/.test(ch)) continue;
      // (at the end too: nothing is left)
      if (ch !== '-' || rest[pos + 1] !== '-') return { flags, rest: rest.slice(pos) };
      phase = 'word';
    }
    if (pos === rest.length) {
      if (word !== '--') flags.push(word);
      break;
    }
    if (phase === 'word') {
      if (/\s/.test(ch)) {
        phase = 'spaces';
        if (word === '--') return { flags, rest: rest.slice(pos) };
        flags.push(word);
        word = '';
        continue;
      }
      if (ch === "'" || ch === '"') {
        quoteCh = ch;
        phase = 'quote';
        continue;
      }
      if (ch === '\\') {
        if (pos + 1 === rest.length) continue;
        ch = rest[++pos];
      }
      word += ch;
      continue;
    }
    // in quotes
    if (ch === quoteCh) {
      phase = 'word';
      continue;
    }
    if (ch === '\\') {
      if (pos + 1 === rest.length) {
        phase = 'word';
        continue;
      }
      ch = rest[++pos];
    }
    word += ch;
  }
  return { flags, rest: '' };
}

/** A flag's name and its value, undefined without `=` (BFlags.Parse: strings.Cut(arg[2:], "=")). */
export function cutFlag(flag: string): { name: string; value: string | undefined } {
  const body = flag.slice(2);
  const eq = body.indexOf('=');
  return eq < 0 ? { name: body, value: undefined } : { name: body.slice(0, eq), value: body.slice(eq + 1) };
}

/**
 * The instructions whose parse function reads flags and knows none (FROM, RUN, COPY, ADD and
 * HEALTHCHECK have their own; parseArg and parseStopSignal never call flags.Parse, so BuildKit
 * drops an ARG's or STOPSIGNAL's `--x` words: recorded, builds/rw-flagless-instructions).
 */
const FLAGLESS = new Set(['ENV', 'LABEL', 'WORKDIR', 'USER', 'EXPOSE', 'VOLUME', 'CMD', 'ENTRYPOINT', 'MAINTAINER', 'SHELL', 'ONBUILD']);

/** COPY's and ADD's flags, by parser (see instructionProblem). */
const COPY_FLAGS = {
  legacy: { COPY: ['chown', 'from', 'chmod'], ADD: ['chown', 'chmod'] },
  buildkit: { COPY: ['chown', 'from', 'chmod', 'link', 'parents', 'exclude'], ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'exclude'] },
} as const;

/** RUN's flags: the legacy builder knows only --mount (network and security are build-tagged out). */
const RUN_FLAGS = { legacy: ['mount'], buildkit: ['mount', 'network'] };

/** BFlags.Parse of RUN's flags: the --mount values, or the parser's words. */
export function runFlagValues(flags: readonly string[], legacy: boolean): { mounts: string[]; network: string | undefined } | { problem: string } {
  const known = legacy ? RUN_FLAGS.legacy : RUN_FLAGS.buildkit;
  const mounts: string[] = [];
  let network: string | undefined;
  for (const flag of flags) {
    const { name, value } = cutFlag(flag);
    if (!known.includes(name)) {
      return { problem: legacy ? `Unknown flag: ${name}` : withSuggestion(`unknown flag: ${name}`, name, known) };
    }
    if (name === 'network' && network !== undefined) return { problem: 'duplicate flag specified: network' };
    if (value === undefined) return { problem: `${legacy ? 'Missing' : 'missing'} a value on flag: ${name}` };
    if (name === 'mount') mounts.push(value);
    else network = value;
  }
  return { mounts, network };
}

/**
 * BuildKit's RUN --network value, checked when the instruction is parsed, after the mounts
 * (frontend/dockerfile/instructions/commands_runnetwork.go runNetworkPostHook: default, none or
 * host; recorded: builds/conversion-instructions, a parse error even after a failing RUN).
 */
function networkProblem(network: string | undefined): string | undefined {
  if (network === undefined || ['default', 'none', 'host'].includes(network)) return undefined;
  return `invalid network mode ${quote(network)}`;
}

/** instructions.Parse's refusal of one instruction (not FROM), in the dialect's words. */
export function instructionProblem(ins: Instruction, legacy: boolean): string | undefined {
  // Every instruction's leading `--words` are its flags (parser.go splitCommand calls
  // extractBuilderFlags for all of them), and each parse function starts with req.flags.Parse(),
  // which knows no flag of these: `WORKDIR --chown=nobody /app` is `Unknown flag: chown`, before
  // the instruction's own checks (instructions/parse.go parseWorkdir, parseEnv, parseCmd, ...;
  // recorded: builds/rw-build-failures, builds/rw-flagless-instructions).
  if (FLAGLESS.has(ins.cmd)) {
    const [flag] = builderFlags(ins.rest).flags;
    if (flag !== undefined) {
      const { name } = cutFlag(flag);
      return legacy ? `Unknown flag: ${name}` : `unknown flag: ${name}`;
    }
  }
  switch (ins.cmd) {
    case 'ENV':
    case 'LABEL': {
      const pairs = keyValuePairs(ins.rest, ins.escape);
      if (pairs.length === 0) return `${ins.cmd} requires at least one argument`;
      if (pairs.some(([k]) => k === '')) return `${ins.cmd} names can not be blank`;
      return undefined;
    }
    case 'ARG': {
      const pairs = argPairs(ins.rest, ins.escape);
      if (pairs.length === 0) return 'ARG requires at least one argument';
      // (a word is never empty: a blank name has an `=`)
      if (pairs.some((p) => p.name === '')) return 'ARG names can not be blank';
      return undefined;
    }
    case 'RUN': {
      // (the exec form starts with `[`: no flags)
      const parsed = runFlagValues(builderFlags(ins.rest).flags, legacy);
      if ('problem' in parsed) return parsed.problem;
      return mountParseProblem(parsed.mounts, legacy) ?? (legacy ? undefined : networkProblem(parsed.network));
    }
    // parseCopy/parseAdd: fewer than two arguments, then a flag the parser does not know, are
    // errors before any step (recorded: builds/build-flag-parse-errors, both builders). The legacy builder's
    // vendored parser (moby 20.10) knows COPY --chown/--from/--chmod and ADD --chown/--chmod;
    // BuildKit 0.13 adds --link, --parents and --exclude, ADD --keep-git-dir and --checksum
    // (buildkit frontend/dockerfile/instructions/parse.go). ADD --from: stages.ts.
    case 'COPY':
    case 'ADD': {
      const { flags, rest } = builderFlags(ins.rest);
      // (errNoDestinationArgument, before the flags)
      if ((jsonArray(rest) ?? splitWords(rest, ins.escape)).length < 2) return `${ins.cmd} requires at least two arguments, but only one was provided. Destination could not be determined`;
      const known: readonly string[] = COPY_FLAGS[legacy ? 'legacy' : 'buildkit'][ins.cmd];
      for (const flag of flags) {
        const { name } = cutFlag(flag);
        if (name === 'from' && ins.cmd === 'ADD') continue;
        if (!known.includes(name)) return legacy ? `Unknown flag: ${name}` : withSuggestion(`unknown flag: ${name}`, name, known);
      }
      return undefined;
    }
    // parseVolume: `VOLUME` and `VOLUME []` (buildkit frontend/dockerfile/instructions/parse.go
    // `if len(req.args) == 0 { return nil, errAtLeastOneArgument("VOLUME") }`; recorded:
    // builds/volume-no-args, both builders)
    case 'VOLUME':
      return (ins.json ?? [ins.rest]).every((w) => w === '') ? 'VOLUME requires at least one argument' : undefined;
    // parseShell: only the exec form, with at least the shell itself (recorded: builds/shell)
    case 'SHELL':
      if (ins.json === undefined) return 'SHELL requires the arguments to be in JSON form';
      return ins.json.length === 0 ? 'SHELL requires at least one argument' : undefined;
    case 'HEALTHCHECK': {
      const parsed = parseHealthcheck(ins.rest, legacy);
      return parsed.ok ? undefined : parsed.error;
    }
    // parseOnBuild (recorded: builds/healthcheck)
    case 'ONBUILD': {
      const trigger = onbuildTrigger(ins);
      if (trigger === '') return 'ONBUILD requires at least one argument';
      const word = trigger.split(/\s+/)[0].toUpperCase();
      if (word === 'ONBUILD') return "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed";
      if (word === 'MAINTAINER' || word === 'FROM') return `${word} isn't allowed as an ONBUILD trigger`;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The trigger an ONBUILD stores: the line as written without the keyword (`(?i)^\s*ONBUILD\s*`). */
export function onbuildTrigger(ins: Instruction): string {
  return ins.original.replace(/^\s*ONBUILD\s*/i, '');
}
