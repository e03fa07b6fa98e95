// A Dockerfile's build stages: each FROM starts one (`FROM image [AS name]`), holding the
// instructions up to the next FROM. Stage names are case-insensitive (stored lower-case) and
// must match BuildKit's validStageName, which moby's legacy builder shares (both parse with
// buildkit's frontend/dockerfile/instructions: parseBuildStageName).

import { splitFlags, splitWords, type Instruction } from './dockerfile.ts';
import { cutFlag, instructionProblem } from './parse-checks.ts';
import { withSuggestion } from './run-mount.ts';

export interface Stage {
  index: number;
  /** Lower-case `AS` name, if any. */
  name?: string;
  /** The image (or earlier stage) the stage starts from, as written. */
  baseRef: string;
  from: Instruction;
  commands: Instruction[];
  /** The FROM line's words did not expand: the lexer's error (builder.ts expandBase). */
  fromError?: string;
  /** `FROM --platform=VALUE`, as written (expanded by builder.ts expandBase). */
  platform?: string;
  /** A platform strata cannot build for: its refusal (builder.ts expandBase). */
  platformRefusal?: string;
}

/** A line that does not parse: a FROM (the same words from both builders) or a flag. */
export class StageError extends Error {
  constructor(
    readonly instruction: Instruction,
    message: string,
    /** The legacy builder's words when they differ. */
    readonly legacyMessage = message,
  ) {
    super(message);
  }
}

// buildkit frontend/dockerfile/instructions/parse.go: validStageName
const VALID_STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

/**
 * Split instructions (the first one a FROM) into stages. Each instruction is read as
 * instructions.Parse reads it, in order (parse-checks.ts instructionProblem; `legacy`: the
 * legacy builder's parser).
 */
export function splitStages(instructions: Instruction[], legacy = false): Stage[] {
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.cmd !== 'FROM') {
      const problem = instructionProblem(ins, legacy);
      if (problem !== undefined) throw new StageError(ins, problem);
      // ADD takes no --from on either builder (moby BFlags.Parse when the instructions are
      // parsed, before any step; recorded: builds/copy-json-flags).
      if (ins.cmd === 'ADD' && splitFlags(ins.rest).flags.some((f) => /^--from(=|$)/.test(f))) throw new StageError(ins, 'unknown flag: from', 'Unknown flag: from');
      stages[stages.length - 1].commands.push(ins);
      continue;
    }
    // The parser takes the leading `--` words as flags (buildkit parser extractBuilderFlags);
    // parseFrom checks the stage name, then the flags: only --platform is one (recorded:
    // builds/build-flag-parse-errors, both builders).
    const { flags, args } = splitFlags(ins.rest);
    const words = splitWords(args, ins.escape);
    let name: string | undefined;
    if (words.length === 3 && words[1].toLowerCase() === 'as') {
      name = words[2].toLowerCase();
      if (!VALID_STAGE_NAME.test(name)) throw new StageError(ins, `invalid name for build stage: "${words[2]}", name can't start with a number or contain symbols`);
    } else if (words.length !== 1) throw new StageError(ins, 'FROM requires either one or three arguments');
    let platform: string | undefined;
    for (const flag of flags) {
      const { name: flagName, value } = cutFlag(flag);
      if (flagName !== 'platform') throw new StageError(ins, withSuggestion(`unknown flag: ${flagName}`, flagName, ['platform']), `Unknown flag: ${flagName}`);
      platform = value ?? '';
    }
    stages.push({ index: stages.length, name, baseRef: words[0], from: ins, commands: [], ...(platform === undefined ? {} : { platform }) });
  }
  return stages;
}

/** The stage a name or an index (`--from=1`, `--target`) refers to. */
export function findStage(stages: readonly Stage[], ref: string): Stage | undefined {
  const lower = ref.toLowerCase();
  const named = stages.find((s) => s.name === lower);
  if (named) return named;
  if (/^\d+$/.test(ref)) return stages[Number(ref)];
  return undefined;
}
