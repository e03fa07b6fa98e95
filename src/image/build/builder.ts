// `docker build`: one step per instruction. RUN runs in a temporary container of the image
// built so far, and its writable layer becomes the next image layer. The two builders differ
// (EngineProfile.builder): the legacy builder runs RUN containers with the image's VOLUMEs
// mounted as anonymous volumes (so later changes under them are discarded), keeps every step as
// an intermediate image (each the parent of the next), and skips empty layers; BuildKit mounts no
// volumes, keeps no intermediates, adds PATH to Env, keeps even empty RUN layers, and its build
// cache keeps a reference to every layer it made.

import { refusalLine, SwallowedRefusal } from '../../engine/not-simulated.ts';
import type { EngineEvent } from '../../engine/events.ts';
import type { EngineProfile } from '../../engine/profile.ts';
import type { EngineState, ImageConfig } from '../../engine/state.ts';
import { createContainer } from '../../container/create.ts';
import { startContainer } from '../../container/lifecycle.ts';
import { removeContainer } from '../../container/remove.ts';
import { DaemonError } from '../../container/errors.ts';
import type { Namespace } from '../../fs/namespace.ts';
import { nextId, sha256Hex } from '../../engine/ids.ts';
import { findImage } from '../store.ts';
import { buildBaseImage } from '../pull.ts';
import { DEFAULT_PATH } from '../base.ts';
import { DirectiveError, DockerfileError, HeredocError, SUPPORTED, chompHeredoc, jsonArray, parseDockerfile, parseHeredoc, splitFlags, splitWords, type Instruction } from './dockerfile.ts';
import { LexError, lexWord, stepExpander, stepWordsExpander, type StepExpander } from './expand.ts';
import { parseSignal } from '../../container/signals.ts';
import { AstError, argPairs, astCheck, builderFlags, instructionProblem, keyValuePairs, onbuildTrigger, runFlagValues } from './parse-checks.ts';
import { checkConversion, exposedPorts, fromReferenceProblem } from './convert.ts';
import { referenceMessage, referenceProblem } from '../reference.ts';
import { archiveIgnore, contextTarSize, readDockerIgnore, stdinContextSize, type DockerIgnore } from './context.ts';
import { contextFilesSize, readsContext, recordBuild } from './cache.ts';
import { humanSizeWithPrecision } from '../../docker/format/units.ts';
import { quote } from '../../docker/format/fmt.ts';
import type { Vfs } from '../../fs/vfs.ts';
import { basename, normalize } from '../../fs/path.ts';
import { addBuildLayer, cloneJson, imageIdFor, nopText, registerImage, rootView, shellOf, stepMergedDir, stepView, type BuildState } from './build-state.ts';
import { healthcheckHistory, parseHealthcheck } from './healthcheck.ts';
import { mergeHealth } from '../../container/health.ts';
import { EMPTY_VOLUME, Refusal, StepFailure } from './failures.ts';
import { nearest } from './suggest.ts';
import { splitStages, findStage, StageError, type Stage } from './stages.ts';
import { checksumFailure, copyStep, requiresBuildKit } from './copy.ts';
import { workdirStep } from './workdir.ts';
import { daemonConfig } from '../../daemon/config.ts';
import { cacheTree, clearHost, MountError, parseRunMounts, placeOnHost, pruneMountPoints, takeFromHost, treeOf, type RunMount } from './run-mount.ts';
import { dir, file, isEmptyDir, type Node } from '../../fs/node.ts';
import { tableDelete, tableKeys, tablePeek } from '../../engine/table.ts';
import { contextTransfer, finishedSteps, firstFailure, fullReference, newBuildTrace, vertexName, VERTEX_INSTRUCTIONS } from './progress.ts';
import type { BuildTrace } from './progress.ts';

export interface BuildRequest {
  dockerfile: string;
  /** Build context on the host (undefined for `docker build - <<EOF`). */
  context?: { fs: Vfs; dir: string };
  /** `-t` names, in the order given (the CLI sends every one; moby's tagger and buildx name them all). */
  tags?: string[];
  /** `--build-arg KEY=VALUE`. */
  buildArgs?: Record<string, string>;
  /**
   * Every `--build-arg` name in the order given, one without a value too (the 20.10 CLI sends
   * `--build-arg KEY` with no value when KEY is not in its environment): the legacy builder warns
   * of those no ARG used.
   */
  buildArgNames?: string[];
  /** `--target STAGE`. */
  target?: string;
  /** `--secret id=ID,src=FILE` (BuildKit): each file's content, by id (run-mount.ts). */
  secrets?: Record<string, string>;
  /**
   * `--force-rm` (legacy builder): a failed step's container is removed too (moby Builder.build's
   * deferred containerManager.RemoveAll, which prints `Removing intermediate container ID` before
   * the error; recorded: builds/realworld-build-rm-flags).
   */
  forceRm?: boolean;
  /**
   * `--rm=false` (legacy builder, without `--force-rm`): every step's container stays, a metadata
   * step's created and never started, a RUN step's exited, and no `Removing intermediate
   * container` line is printed (moby evaluator.go dispatch removes them only with Remove or
   * ForceRemove; recorded: builds/build-rm-false). A cached step and COPY/ADD make none.
   */
  keepContainers?: boolean;
  /**
   * The network RUN steps run on (BuildKit): compose's `build: network:`; undefined or `default`:
   * the daemon's network named `bridge`.
   */
  network?: string;
  /**
   * A context the CLI does not send as a directory's tar (undefined: a directory, or a Dockerfile
   * alone on stdin). `archive`: a tar, maybe compressed, read from stdin (`docker build - <
   * ctx.tar`) and sent as it is, `bytes` long; the CLI applies no .dockerignore to it and the
   * legacy daemon takes out only the Dockerfile and .dockerignore when .dockerignore lists them
   * (docker/cli cli/command/image/build/context.go GetContextFromReader; moby
   * builder/remotecontext/detect.go removeDockerfile). `stdin-dockerfile`: `-f -` with a context
   * directory, `bytes` the legacy CLI sends (undefined when its map order decides it: then the
   * log has no `Sending build context` line and the caller refuses to print it).
   */
  contextFrom?: { kind: 'archive'; bytes: number; dockerfile: string } | { kind: 'stdin-dockerfile'; bytes: number | undefined };
  /**
   * `--no-cache`: no step is taken from the cache, so every step is made anew with a new time
   * and the image gets a new ID (recorded: builds/build-iidfile, both builders).
   */
  noCache?: boolean;
  /**
   * `--label K=V`: the legacy builder adds a `LABEL K=V` step per label, sorted by key, at the
   * end of the last stage it runs (moby builder/dockerfile/builder.go buildLabelOptions, after
   * --target); BuildKit sets them in the target's image config, without a history row
   * (dockerfile2llb; recorded: builds/build-label-env-arg).
   */
  labels?: Record<string, string>;
  /** `-f FILE` inside the context directory: its path relative to it (context.ts keepsDir). */
  dockerfileInContext?: string;
  /**
   * The name BuildKit's error excerpts give the Dockerfile: `-f`'s base name, wherever the file
   * is (`app.Dockerfile:2`); `Dockerfile` without `-f` or for `-f -` (recorded:
   * builds/excerpt-dockerfile-name).
   */
  dockerfileName?: string;
  /** The Dockerfile's own ignore file (`<Dockerfile>.dockerignore` beside it), which BuildKit prefers. */
  ownIgnore?: string;
  /** BuildKit: what its display on a terminal shows, filled as the build goes (progress.ts). */
  trace?: BuildTrace;
}

/**
 * `error` is printed as is (it carries its framing: `Error response from daemon: `, `ERROR: `);
 * `refused` marks a strata refusal (exit 125). `solveError` is BuildKit's error of a failed step
 * without the CLI's Dockerfile excerpt and `ERROR: ` (what compose prints).
 */
export type BuildResult = { ok: true; imageId: string; log: string } | { ok: false; error: string; status: number; log: string; refused?: boolean; solveError?: string };

function envMap(cfg: ImageConfig): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of cfg.Env ?? []) {
    const i = kv.indexOf('=');
    env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return env;
}

function goList(words: string[]): string {
  return '[' + words.map((w) => JSON.stringify(w)).join(' ') + ']';
}

/** Build args in scope: declared by ARG, in declaration order, with their values (if any). */
interface ArgScope {
  declared: { name: string; value: string | undefined }[];
  /** Every ARG's name in order, a name declared again included (BuildKit's d.buildArgs). */
  names: string[];
  /**
   * BuildKit: ARG values set after the last ENV of their name. BuildKit keeps one environment,
   * in which the later of ENV and ARG wins (dispatchArg and dispatchEnv both AddEnv), and an ARG
   * without a value leaves it alone; the legacy builder's ENV always wins over ARG (recorded:
   * builds/expand-defaults). Always empty for the legacy builder.
   */
  later: Record<string, string>;
  /**
   * The predefined proxy args given with --build-arg (moby builtinAllowedBuildArgs, BuildKit's
   * llb.WithProxy): every RUN sees them without an ARG line, and they stay out of its history row
   * unless an ARG declares them (recorded: builds/realworld-proxy-args).
   */
  proxies: Record<string, string>;
}

/**
 * The predefined proxy args: moby builder/dockerfile/buildargs.go builtinAllowedBuildArgs, which in
 * 20.10 has no ALL_PROXY or all_proxy (the legacy builder warns of them as not consumed and RUN
 * does not see them); BuildKit's dockerfile2llb takes all five kinds (recorded:
 * builds/proxy-arg-cases, builds/proxy-arg-warning).
 */
const PROXY_KINDS = ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'];

function proxyArgNames(legacy: boolean): string[] {
  return PROXY_KINDS.filter((k) => !legacy || k !== 'ALL_PROXY').flatMap((k) => [k, k.toLowerCase()]);
}

/**
 * The proxy values a RUN sees. The legacy builder passes each name given as it is; BuildKit makes
 * them its ProxyEnv (dockerfile2llb proxyEnvFromBuildArgs: either spelling, strings.EqualFold),
 * which the step gets in both spellings (solver/llbsolver/ops/exec.go proxyEnvList). With both
 * spellings given, Go's map order picks the value there: strata takes the upper-case one.
 */
function proxyValues(buildArgs: Readonly<Record<string, string>> | undefined, legacy: boolean): Record<string, string> {
  const given = (n: string): string | undefined => buildArgs?.[n];
  if (legacy) return Object.fromEntries(proxyArgNames(true).flatMap((n) => (given(n) === undefined ? [] : [[n, given(n)!]])));
  const out: Record<string, string> = {};
  for (const k of PROXY_KINDS) {
    const v = given(k) ?? given(k.toLowerCase());
    if (v !== undefined) {
      out[k] = v;
      out[k.toLowerCase()] = v;
    }
  }
  return out;
}

/** Substitution environment: ARG values, overridden by ENV (the image config). */
function substitutionEnv(b: BuildState, args: ArgScope): Record<string, string> {
  const env: Record<string, string> = {};
  for (const a of args.declared) if (a.value !== undefined) env[a.name] = a.value;
  return { ...env, ...envMap(b.config), ...args.later };
}

/**
 * The legacy CLI's progress line for the context it sent: it ends in CRs (it redraws the line),
 * kept when -q prints the log, and right-aligns the size in 8 columns (`5.12kB` gets three
 * spaces, `3.072kB` two).
 */
export function sendingLine(bytes: number): string {
  return `Sending build context to Docker daemon ${humanSizeWithPrecision(bytes, 4).padStart(8)}\r\r\n`;
}

export function build(st: EngineState, profile: EngineProfile, req: BuildRequest, events: EngineEvent[]): BuildResult {
  const legacy = profile.builder === 'legacy';
  // (BuildKit: its steps' cache keys and the context it was sent are kept whether a terminal
  // shows the build or not)
  if (!legacy && req.trace === undefined) req = { ...req, trace: newBuildTrace() };
  const layersBefore = new Set(tableKeys(st.layers));
  const from = req.contextFrom;
  const ignore = req.context ? (from?.kind === 'archive' ? archiveIgnore(req.context.fs, req.context.dir, !legacy, from.dockerfile) : readDockerIgnore(req.context.fs, req.context.dir, !legacy, legacy ? req.dockerfileInContext : undefined, legacy ? undefined : req.ownIgnore)) : undefined;
  if (ignore?.problem !== undefined) return { ok: false, error: ignore.problem, status: 1, log: '' };
  // BuildKit's records of a context from stdin (an upload: one record per build of the whole
  // stream, observed on 26.1) are not modelled: `docker system df` and prune refuse from here on.
  if (!legacy && from !== undefined) st.buildCacheUnsimulated = from.kind === 'archive' ? 'a build context read from stdin' : 'a Dockerfile read from stdin with a context directory (`-f -`)';
  const sentBytes = from !== undefined ? from.bytes : req.context && ignore ? contextTarSize(req.context.fs, req.context.dir, ignore) : stdinContextSize(req.dockerfile);
  const sending = legacy && sentBytes !== undefined ? sendingLine(sentBytes) : '';
  const daemonFail = (message: string): BuildResult => ({ ok: false, error: `Error response from daemon: ${message}`, status: 1, log: sending });
  // An empty file is refused before it is parsed (moby builder/remotecontext/detect.go
  // readAndParseDockerfile: the file's size is 0; BuildKit dockerui: no bytes); one of blank lines
  // or comments only is parsed, to no instruction (below; recorded: builds/empty-dockerfile-forms).
  if (req.dockerfile === '') {
    if (legacy) return daemonFail('the Dockerfile (Dockerfile) cannot be empty');
    if (!req.context) return { ok: false, error: 'ERROR: failed to solve: failed to read dockerfile: no local sources enabled', status: 1, log: '' };
    return { ok: false, error: 'ERROR: failed to solve: the Dockerfile cannot be empty', status: 1, log: '' };
  }
  let instructions: Instruction[];
  try {
    instructions = parseDockerfile(req.dockerfile, { heredocs: !legacy });
  } catch (e) {
    // A refused `# escape=` or repeated directive: the legacy daemon wraps the parser's error
    // with the Dockerfile's name in the context; BuildKit locates it at the directive's 0-based
    // line number, so one on the first line has no excerpt (recorded: builds/escape-directive).
    if (e instanceof DirectiveError) {
      const name = req.dockerfileInContext ?? 'Dockerfile';
      if (legacy) return daemonFail(`failed to parse ${name}: ${e.message}`);
      return { ok: false, error: (e.index > 0 ? sourceExcerpt(req.dockerfile, e.index, req.dockerfileName) : '') + `ERROR: failed to solve: ${e.message}`, status: 1, log: '' };
    }
    if (e instanceof HeredocError) return { ok: false, error: `strata does not simulate BuildKit's error for a here-document that does not parse (${e.message}): its words are not recorded`, status: 125, log: '', refused: true };
    if (!(e instanceof DockerfileError)) throw e;
    // moby's UnknownInstructionError upper-cases the word; BuildKit prints it as written
    // (recorded: builds/build-suggestions).
    if (legacy) return daemonFail(`dockerfile parse error line ${e.line}: unknown instruction: ${e.word.toUpperCase()}`);
    // every instruction Docker knows, the ones strata refuses too
    let suggestion: string | undefined;
    try {
      suggestion = suggest(e.word, [...SUPPORTED].sort());
    } catch (r) {
      if (r instanceof Refusal) return { ok: false, error: r.message, status: 125, log: '', refused: true };
      throw r;
    }
    return { ok: false, error: sourceExcerpt(req.dockerfile, e.line, req.dockerfileName, e.endLine) + `ERROR: failed to solve: dockerfile parse error on line ${e.line}: unknown instruction: ${e.word}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`, status: 1, log: '' };
  }
  // parser.Parse's `file with no instructions` (buildkit frontend/dockerfile/parser/parser.go: the
  // legacy daemon wraps it as it wraps every parser error; BuildKit locates it at the last line
  // the parser scanned; recorded: builds/empty-dockerfile-forms).
  if (instructions.length === 0) {
    if (legacy) return daemonFail(`failed to parse ${req.dockerfileInContext ?? 'Dockerfile'}: file with no instructions`);
    const scanned = req.dockerfile.split('\n').length - (req.dockerfile.endsWith('\n') ? 1 : 0);
    return { ok: false, error: sourceExcerpt(req.dockerfile, scanned, req.dockerfileName) + 'ERROR: failed to solve: file with no instructions', status: 1, log: '' };
  }
  // ARG and STOPSIGNAL drop their leading `--x` words: the parser takes them for flags (parser.go
  // splitCommand), and parseArg and parseStopSignal never read flags (recorded:
  // builds/rw-flagless-instructions, both builders; the other instructions: parse-checks.ts FLAGLESS).
  instructions = instructions.map((i) => (i.cmd === 'ARG' || i.cmd === 'STOPSIGNAL' ? { ...i, rest: builderFlags(i.rest).rest } : i));
  // parser.Parse's errors (ENV and LABEL forms) come before anything is read as an instruction
  // (parse-checks.ts; recorded: builds/env-arg-forms).
  try {
    astCheck(instructions);
  } catch (e) {
    if (!(e instanceof AstError)) throw e;
    if (legacy) return daemonFail(`failed to parse Dockerfile: ${e.message}`);
    return { ok: false, error: sourceExcerpt(req.dockerfile, e.instruction.line, req.dockerfileName, e.instruction.endLine) + `ERROR: failed to solve: ${e.message}`, status: 1, log: '' };
  }
  // ARGs before the first FROM are the meta args: FROM lines may use them, a stage sees one only
  // when it declares it again (moby/BuildKit instructions.Parse metaArgs; the legacy builder
  // prints a step for each).
  const metaCount = instructions.findIndex((i) => i.cmd !== 'ARG');
  const metaArgs = instructions.slice(0, metaCount < 0 ? instructions.length : metaCount);
  // BuildKit's platform args are meta args before the Dockerfile's own (dockerfile2llb
  // getPlatformArgs, each set from a --build-arg of its name): a stage's `ARG TARGETARCH` takes
  // amd64, and its RUN row lists it (recorded: builds/realworld-node-app). The legacy builder has none.
  const meta: Record<string, string> = legacy ? {} : Object.fromEntries(Object.entries(PLATFORM_ARGS).map(([k, v]) => [k, req.buildArgs?.[k] ?? v]));
  // A meta arg's value that does not expand: the legacy builder fails at its step; BuildKit
  // drops the error and takes '' (convert.go: `*metaArg.Value, info.deps, _ = ...`; recorded:
  // builds/expand-instructions).
  let metaFailure: { index: number; message: string } | undefined;
  for (const [index, a] of metaArgs.entries()) {
    const problem = instructionProblem(a, legacy);
    if (problem !== undefined) {
      if (legacy) return daemonFail(`dockerfile parse error line ${a.line}: ${problem}`);
      return { ok: false, error: sourceExcerpt(req.dockerfile, a.line, req.dockerfileName) + `ERROR: failed to solve: dockerfile parse error on line ${a.line}: ${problem}`, status: 1, log: '' };
    }
    for (const { name, value: written } of metaFailure ? [] : argPairs(a.rest, a.escape)) {
      let def: string | undefined;
      try {
        def = written === undefined ? undefined : lexWord(written, meta, legacy ? 'legacy' : 'buildkit', a.escape);
      } catch (e) {
        // (a value that would crash BuildKit's lexer: lexWord)
        if (e instanceof Refusal) return { ok: false, error: e.message, status: 125, log: '', refused: true };
        if (!(e instanceof LexError)) throw e;
        if (legacy) metaFailure = { index, message: e.message };
        def = '';
      }
      const value = req.buildArgs?.[name] ?? def;
      if (value !== undefined) meta[name] = value;
      else delete meta[name];
    }
  }
  const first = instructions[metaArgs.length];
  if (!first || first.cmd !== 'FROM') {
    if (legacy) return daemonFail('no build stage in current context');
    return { ok: false, error: sourceExcerpt(req.dockerfile, first?.line ?? 1, req.dockerfileName) + 'ERROR: failed to solve: no build stage in current context', status: 1, log: '' };
  }
  let stages: Stage[];
  try {
    stages = splitStages(instructions.slice(metaArgs.length), legacy).map((st0) => expandBase(st0, meta, legacy));
  } catch (e) {
    // HEALTHCHECK arguments whose words are not recorded (healthcheck.ts)
    if (e instanceof Refusal) return { ok: false, error: e.message, status: 125, log: '', refused: true };
    if (!(e instanceof StageError)) throw e;
    if (legacy) return daemonFail(`dockerfile parse error line ${e.instruction.line}: ${e.legacyMessage}`);
    return { ok: false, error: sourceExcerpt(req.dockerfile, e.instruction.line, req.dockerfileName, e.instruction.endLine) + `ERROR: failed to solve: dockerfile parse error on line ${e.instruction.line}: ${e.message}`, status: 1, log: '' };
  }
  const refusedPlatform = stages.find((s) => s.platformRefusal !== undefined);
  if (refusedPlatform) return { ok: false, error: refusedPlatform.platformRefusal!, status: 125, log: '', refused: true };
  // (BuildKit's frontend read the Dockerfile: what fails from here on shows more of its display)
  if (req.trace) req.trace.phase = 'convert';
  // BuildKit expands every FROM line first, the legacy builder each at its step (runStage).
  // Stage by stage (dockerfile2llb toDispatchState): the FROM line's words, then the stage's name,
  // which BuildKit looks up as a named context and so parses as an image reference
  // (NamedContext: `invalid context name NAME: ...`, without an excerpt; recorded:
  // builds/expand-conversion-env, `AS st_` on 26.1).
  if (!legacy) {
    for (const s of stages) {
      if (s.fromError !== undefined) return { ok: false, error: sourceExcerpt(req.dockerfile, s.from.line, req.dockerfileName, s.from.endLine) + `ERROR: failed to solve: ${s.fromError}`, status: 1, log: '' };
      const p = s.name === undefined ? undefined : referenceProblem(s.name, true);
      if (p !== undefined) return { ok: false, error: `ERROR: failed to solve: invalid context name ${s.name}: ${referenceMessage(p, true)}`, status: 1, log: '' };
    }
  }
  // --target names a stage (by name only: moby instructions.HasStage, BuildKit's
  // allDispatchStates.findStateByName); the build stops after it.
  let last = stages.length - 1;
  if (req.target !== undefined) {
    last = stages.findIndex((s) => s.name === req.target!.toLowerCase());
    if (last < 0) {
      // BuildKit 0.13 suggests no stage name (recorded: builds/build-suggestions).
      if (legacy) return daemonFail(`failed to reach build target ${req.target} in Dockerfile`);
      return { ok: false, error: `ERROR: failed to solve: target stage "${req.target}" could not be found`, status: 1, log: '' };
    }
  }
  // BuildKit's toCommand, for every stage's COPY --from once the target is found: a number is a
  // stage index, and one past the last stage is `invalid stage index N`, without an excerpt
  // (dockerfile2llb/convert.go toCommand, dispatchStates.findStateByIndex; recorded:
  // builds/rw-copy-from-forms). The legacy builder's words come at the step (copySource).
  if (!legacy) {
    for (const s of stages) {
      for (const ins of s.commands) {
        if (ins.cmd !== 'COPY') continue;
        const from = splitFlags(ins.rest).flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
        if (from !== undefined && /^\d+$/.test(from) && Number(from) >= stages.length) return { ok: false, error: `ERROR: failed to solve: invalid stage index ${Number(from)}`, status: 1, log: '' };
      }
    }
  }
  // The legacy builder runs every stage up to the target, in order; BuildKit only the target and
  // the stages it depends on (FROM a stage, COPY --from, RUN --mount from=), refusing a cycle.
  let order: Stage[];
  if (legacy) order = stages.slice(0, last + 1);
  else {
    const planned = buildkitOrder(stages, last);
    if (!planned.ok) return { ok: false, error: planned.lines.map((l) => sourceExcerpt(req.dockerfile, l, req.dockerfileName)).join('') + `ERROR: failed to solve: ${planned.error}`, status: 1, log: '' };
    order = planned.stages;
  }
  const labelKeys = Object.keys(req.labels ?? {}).sort();
  if (legacy && labelKeys.length > 0) {
    const target = stages[last];
    // (instructions.NewLabelCommand: the pair as given, not expanded)
    const steps = labelKeys.map((k): Instruction => ({ cmd: 'LABEL', rest: `${k}=${req.labels![k]}`, line: target.from.line, endLine: target.from.line, original: `LABEL ${k}=${req.labels![k]}` }));
    stages[last] = { ...target, commands: [...target.commands, ...steps] };
    order = stages.slice(0, last + 1);
  }
  // moby dispatchDockerfileWithCancellation: the step count is every FROM and instruction of the
  // stages it runs.
  const total = metaArgs.length + stages.slice(0, last + 1).reduce((n, s) => n + 1 + s.commands.length, 0);
  const results = new Map<number, StageResult>();
  // Stryker disable next-line ArrayDeclaration: cleanupTemps deletes an image that is not there as a no-op, so a bogus first entry changes nothing
  const temps: string[] = [];
  // moby Builder.build prints the parser's warnings (dockerfile.PrintWarnings) once the stages
  // and the target check out, before the first step, on the daemon's stderr stream, which the
  // CLI shows in red (recorded: builds/empty-continuation-log).
  const emptyLines = instructions.filter((i) => i.emptyContinuation).map((i) => `[WARNING]: Empty continuation line found in:\n    ${i.original}\n`);
  const warnings = emptyLines.length > 0 ? `\x1b[91m${emptyLines.join('')}[WARNING]: Empty continuation lines will become errors in a future release.\n\x1b[0m` : '';
  const run = { step: 0, log: sending + (legacy ? warnings : '') };
  if (legacy) {
    for (const [index, a] of metaArgs.entries()) {
      run.log += `Step ${++run.step}/${total} : ${a.original}\n`;
      if (metaFailure?.index === index) return { ok: false, error: metaFailure.message, status: 1, log: run.log };
    }
  }
  // Both builders cache steps: the same instruction on the same image gives the same layer, so
  // the same Dockerfile builds the same image ID again. A step's files therefore get times from
  // a clock derived from the step itself, never from when the build ran; the engine's clock is
  // restored afterwards.
  const buildStartClock = st.clock;
  const salt = req.noCache === true ? nextId(st.ids) : undefined;
  const containersBefore = new Set(tableKeys(st.containers));
  /** The steps ran (BuildKit's conversion of every stage checked out first). */
  let converted = false;
  try {
    if (!legacy) checkConversion(st, order, meta, req.buildArgs);
    converted = true;
    if (req.trace) traceSteps(st, req, stages, order, ignore);
    for (const stage of order) {
      results.set(stage.index, runStage(st, profile, req, stage, { stages, results, temps, total, run, ignore, events, clock: buildStartClock, salt, meta }));
    }
  } catch (thrown) {
    let e = thrown;
    // (BuildKit ran the other stages beside the one that failed: what the display shows of them)
    if (e instanceof StepFailure && req.trace !== undefined && !legacy && order.length > 1 && e.output !== undefined && req.trace.currentStage !== undefined) {
      // (the failed step, as the stages run beside it leave the trace)
      const trace = req.trace;
      const { current, currentStage, currentSlept } = trace;
      const beside = besideTheFailure(st, profile, req, order, stages, { stages, results, temps, total, run, ignore, events, clock: buildStartClock, salt, meta });
      Object.assign(trace, { current, currentStage, currentSlept });
      if (beside !== undefined && 'ok' in beside) {
        st.clock = buildStartClock;
        cleanupTemps(st, temps);
        return beside;
      }
      if (beside !== undefined && current !== undefined && currentStage !== undefined) {
        // Two stages failed: the build reports the failure that came first, the other step is
        // canceled (progress.ts firstFailure; recorded: buildkit-pb2-two-fail-*).
        const mine = { name: current, output: e.output, stage: currentStage, slept: currentSlept ?? 0 };
        const theirs = { name: beside.name, output: beside.failure.output ?? '', stage: beside.stage, slept: beside.slept };
        const first = firstFailure(trace, mine, theirs);
        if (first === 'tie') trace.unsupported ??= 'two stages that fail about together (which failure BuildKit reports depends on timing)';
        else if (first === 'other') {
          e = beside.failure;
          Object.assign(trace, { current: beside.name, currentStage: beside.stage, currentSlept: beside.slept, otherFailed: { name: mine.name, stage: mine.stage, slept: mine.slept } });
        } else trace.otherFailed = { name: theirs.name, stage: theirs.stage, slept: theirs.slept };
      }
    }
    st.clock = buildStartClock;
    cleanupTemps(st, temps);
    if (e instanceof Refusal) return { ok: false, error: e.message, status: 125, log: '', refused: true };
    if (e instanceof StepFailure) {
      if (legacy && req.forceRm) {
        // (the removal lines come before the error's last line, the daemon's message)
        let removed = '';
        for (const id of tableKeys(st.containers).filter((k) => !containersBefore.has(k))) {
          removeContainer(st, tablePeek(st.containers, id)!, { removeVolumes: true, by: 'build' }, events);
          removed += `Removing intermediate container ${id.slice(0, 12)}\n`;
        }
        const cut = e.legacyText.lastIndexOf('\n') + 1;
        return { ok: false, error: e.legacyText.slice(0, cut) + removed + e.legacyText.slice(cut), status: e.code, log: run.log };
      }
      if (legacy) return { ok: false, error: e.legacyText, status: e.code, log: run.log };
      const f = converted ? checksumFirst(st, e, { order, stages, meta, req, ignore, results }) : e;
      const trace = req.trace;
      if (trace?.phase === 'steps' && f === e && e.output !== undefined && trace.current !== undefined) {
        trace.failed = { name: trace.current, output: e.output, ...(trace.currentStage !== undefined ? { stage: trace.currentStage, slept: trace.currentSlept ?? 0 } : {}) };
        // BuildKit keeps what the build made before its RUN failed: the sources, the base, the
        // finished steps' layers, which the next build finds `CACHED` (recorded on 26.1:
        // `docker system df` counts 4 records after `FROM busybox`, `RUN echo x > /x`,
        // `RUN exit 1`; test/pages/pty/buildkit-build-fixed*.json; of several stages, the
        // steps that finished before the failure: buildkit-pb-fail-final-again)
        const finished = (finishedSteps(trace) ?? []).map((k) => trace.steps[k]);
        recordBuildOf(st, req, ignore, order, trace.baseImage ?? '', finished.map((s) => s.layer).filter((l) => l !== '' && !layersBefore.has(l)), finished);
      }
      const solveError = `${f.buildkitPrefix}${f.buildkitText}`;
      return { ok: false, error: sourceExcerpt(req.dockerfile, f.instruction.line, req.dockerfileName, f.instruction.endLine).repeat(f.excerptTwice ? 2 : 1) + `ERROR: ${solveError}`, status: 1, log: '', solveError };
    }
    throw e;
  }
  st.clock = buildStartClock;
  cleanupTemps(st, temps);
  const result = results.get(last)!;
  // BuildKit keeps no intermediate images and records no parent.
  if (!legacy && labelKeys.length > 0) result.state.config.Labels = { ...(result.state.config.Labels ?? {}), ...req.labels };
  const finalId = legacy ? result.imageId : registerImage(st, { ...result.state, parent: '' });
  // (the layers of the stages the target copies from are records too, a layer each step made:
  // recorded, test/recorded/docker-26.1/builds/multistage-cache-records: 6 records, 98B, the first
  // stage's RUN's 3B among them)
  const made = result.state.layers.filter((l) => !layersBefore.has(l));
  const intermediate = (req.trace?.steps ?? []).map((s) => s.layer).filter((l) => l !== '' && !layersBefore.has(l) && !made.includes(l));
  if (!legacy) recordBuildOf(st, req, ignore, order, result.baseImage, [...made, ...new Set(intermediate)]);
  // moby builder/dockerfile/imagecontext.go tagImages: one `Successfully tagged` line per -t, in order.
  const tags = (req.tags ?? []).map((t) => (t.includes(':') ? t : `${t}:latest`));
  for (const t of tags) st.tags[t] = finalId;
  events.push({ type: 'image-built', image: finalId, ...(tags.length > 0 ? { tag: tags[0] } : {}) });
  let log = run.log;
  if (legacy) log += unusedArgsWarning(req, metaArgs, order);
  if (legacy) log += `Successfully built ${finalId.slice(0, 12)}\n` + tags.map((t) => `Successfully tagged ${t}\n`).join('');
  return { ok: true, imageId: finalId, log };
}

/**
 * moby BuildArgs.WarnOnUnusedBuildArgs, after the last step: the --build-arg names that neither an
 * ARG of the stages it ran (a meta ARG too: processMetaArg's AddArg) nor the predefined proxy
 * args account for, in the order given (moby lists them in Go map order, so only one is
 * deterministic). On the build's stdout: not shown with -q (recorded:
 * builds/realworld-build-log-args).
 */
function unusedArgsWarning(req: BuildRequest, metaArgs: readonly Instruction[], order: readonly Stage[]): string {
  const referenced = new Set([...metaArgs, ...order.flatMap((s) => s.commands)].filter((i) => i.cmd === 'ARG').flatMap((i) => argPairs(i.rest, i.escape).map((p) => p.name)));
  const unused = [...new Set(req.buildArgNames ?? Object.keys(req.buildArgs ?? {}))].filter((n) => !referenced.has(n) && !proxyArgNames(true).includes(n));
  return unused.length > 0 ? `[Warning] One or more build-args [${unused.join(' ')}] were not consumed\n` : '';
}

/** BuildKit's cache records of a build (cache.ts), and its steps' keys, which stay with them. */
function recordBuildOf(st: EngineState, req: BuildRequest, ignore: DockerIgnore | undefined, order: readonly Stage[], baseImage: string, newLayers: string[], finished = req.trace?.steps ?? []): void {
  for (const step of finished) (st.buildSteps ??= {})[step.key] = step.layer;
  recordBuild(st, {
    // The Dockerfile is a byte string already (read from the host or from stdin).
    dockerfileBytes: req.dockerfile.length,
    context: req.context && ignore ? { dir: req.context.dir, bytes: contextFilesSize(req.context.fs, req.context.dir, ignore, 'Dockerfile'), read: readsContext(order) } : undefined,
    baseImage,
    moreBases: (req.trace?.stages ?? []).map((t) => t.baseImage).filter((b) => b !== baseImage),
    newLayers,
  });
}

/**
 * Before BuildKit's steps run: the shapes of build whose display strata does not simulate (not
 * recorded), and the context's transfer when a COPY or ADD reads it (what it sends: the files
 * the sources name, dockerfile2llb's FollowPaths, less what .dockerignore excludes; the data of
 * those BuildKit does not hold unchanged from the last build of the directory).
 */
function traceSteps(st: EngineState, req: BuildRequest, stages: readonly Stage[], order: readonly Stage[], ignore: DockerIgnore | undefined): void {
  const trace = req.trace!;
  trace.phase = 'steps';
  const commands = order.flatMap((s) => s.commands);
  // the stages that start from an image, not from an earlier stage
  const fromImage = order.filter((s) => !order.some((o) => o.index < s.index && o.name === s.baseRef.toLowerCase()));
  const why = (): string | undefined => {
    if (req.contextFrom !== undefined) return 'a build whose context comes from stdin, or `-f -` with a directory';
    if (req.ownIgnore !== undefined && req.context?.fs.exists(req.ownIgnore) === true) return "a Dockerfile's own .dockerignore";
    if (commands.some((c) => c.heredocs !== undefined || c.escape !== undefined)) return 'here-documents or an `# escape=` directive';
    if (commands.some((c) => (c.cmd === 'COPY' || c.cmd === 'ADD') && /(^|\s)--from\s/.test(c.rest))) return '`COPY --from` an image';
    if (commands.some((c) => c.cmd === 'RUN' && /(^|\s)--mount[=\s]/.test(c.rest))) return '`RUN --mount`';
    if (commands.some((c) => c.cmd === 'ADD' && /(https?:\/\/|git@)/.test(c.rest))) return 'ADD of a URL';
    return undefined;
  };
  trace.unsupported = why();
  if (trace.unsupported !== undefined || !req.context || !ignore || !readsContext(order)) return;
  // The sources as written: `path.Join("/", src)`, made relative; `.` is the whole context.
  const include: string[] = [];
  for (const c of commands) {
    if ((c.cmd !== 'COPY' && c.cmd !== 'ADD') || splitFlags(c.rest).flags.some((f) => f.startsWith('--from='))) continue;
    const words = c.json ?? splitWords(splitFlags(c.rest).args);
    if (words.some((w) => /["'$]/.test(w))) {
      trace.unsupported = 'a COPY or ADD whose sources are quoted or name variables';
      return;
    }
    for (const w of words.slice(0, -1)) include.push(normalize(`/${w}`).slice(1));
  }
  const dir = req.context.dir;
  const sent = contextTransfer(req.context.fs, dir, include.includes('') ? undefined : include, ignore, st.buildContextSent?.[dir]);
  if (sent === undefined) {
    trace.unsupported = 'a COPY or ADD of a pattern, or a context holding devices';
    return;
  }
  (st.buildContextSent ??= {})[dir] = sent.kept;
  // (the first step of a stage on an image that reads the context: the transfer starts before the FROM)
  const firstStepReads = fromImage.some((s) => {
    const first = s.commands.find((c) => VERTEX_INSTRUCTIONS.has(c.cmd));
    return first !== undefined && (first.cmd === 'COPY' || first.cmd === 'ADD') && !/(^|\s)--from[=\s]/.test(first.rest);
  });
  trace.context = { bytes: sent.bytes, firstStepReads };
}

/** The steps whose failure comes from running them (not from converting the Dockerfile). */
const EXECUTED = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * BuildKit solves the steps as a graph: the checksum of a COPY or ADD step's sources needs only
 * the sources' own state (the context, an image, a finished stage), so it is taken while the
 * steps the copy lands on still run, and a source that is not there fails the build before a
 * RUN, or another step's execution, that strata ran first (solver/llbsolver/ops/file.go CacheMap
 * gives each copy source a ComputeDigestFunc; recorded: builds/copy-source-before-run). Which
 * missing source BuildKit names when several steps lack one varies from run to run (recorded
 * twice, both seen); strata names the first in the stages' file order.
 */
function checksumFirst(st: EngineState, failure: StepFailure, build: { order: Stage[]; stages: Stage[]; meta: Record<string, string>; req: BuildRequest; ignore: DockerIgnore | undefined; results: Map<number, StageResult> }): StepFailure {
  if (failure.buildkitPrefix !== 'failed to solve: ' || !EXECUTED.has(failure.instruction.cmd)) return failure;
  const { req, stages, results } = build;
  let found: StepFailure | undefined;
  const source = (ref: string): Namespace | undefined => {
    const stage = findStage(stages, ref);
    const layers = stage ? results.get(stage.index)?.state.layers : findImage(st, ref)?.layers;
    return layers && rootView(st, layers);
  };
  checkConversion(st, build.order, build.meta, req.buildArgs, (ins, env, ontoItself) => {
    found ??= checksumFailure(ins, env, { context: req.context, ignore: build.ignore, source, ontoItself });
  }, stages);
  return found ?? failure;
}

/**
 * The legacy builder's metadata steps: each is committed through a container (moby
 * dispatchers.go: commit → probeAndCreate → create). COPY/ADD export a layer without one; RUN
 * runs its own.
 */
const COMMITTED_THROUGH_A_CONTAINER = new Set(['ENV', 'LABEL', 'ARG', 'WORKDIR', 'USER', 'STOPSIGNAL', 'EXPOSE', 'MAINTAINER', 'CMD', 'ENTRYPOINT', 'VOLUME', 'SHELL', 'HEALTHCHECK', 'ONBUILD']);

/** The container a legacy step was committed from: its ID ('' for COPY/ADD) and command. */
interface StepContainer {
  id: string;
  cmd: string[];
}

/**
 * The legacy builder's `Container` and `ContainerConfig` of a step's image (moby
 * builder/dockerfile internals.go commitContainer, exportImage): the step's run config with its
 * command. A metadata step's container was created from that very config, so the daemon wrote
 * the container's short ID into its Hostname (`created`); a RUN step's commit config is a copy
 * (runConfigForCacheProbe: no hostname, no entrypoint); COPY/ADD made no container (recorded:
 * builds/legacy-container-config).
 */
function stepContainerConfig(b: BuildState, c: StepContainer, created: boolean): { id: string; config: ImageConfig } {
  const config: ImageConfig = { ...cloneJson(b.config), Cmd: c.cmd };
  if (c.id !== '' && !created) config.Entrypoint = null;
  if (created) config.fromContainer = { Hostname: c.id.slice(0, 12), AttachStdin: false, AttachStdout: false, AttachStderr: false, Tty: false, OpenStdin: false, StdinOnce: false, NetworkDisabled: false };
  // the container's creation merged the image's config into this very config (moby daemon/commit.go
  // merge: `if userConf.Labels == nil { userConf.Labels = map[string]string{} }`), which the step
  // then commits as its container config (recorded: image-layers/savev1-layer-json, a CMD step's
  // `"Labels":{}`; a RUN step commits a copy made before, `null`: builds/legacy-container-config)
  if (created) config.Labels = config.Labels ?? {};
  return { id: c.id, config };
}

/**
 * The words of the comment command a step without a process is committed with, from its history
 * row (nopText): the shell, then `#(nop) ` and the comment as two words (withCmdComment) or, for
 * COPY/ADD and WORKDIR, as one (withCmdCommentString).
 */
function nopWords(b: BuildState): string[] {
  const shell = shellOf(b);
  const tail = b.history[b.history.length - 1].createdBy.slice(`${shell.join(' ')} #(nop) `.length);
  return tail.startsWith(' ') ? [...shell, '#(nop) ', tail.slice(1)] : [...shell, `#(nop) ${tail}`];
}

/** A RUN here-document run as a script file: mounted read-only at /dev/pipes/NAME for the step. */
interface PipeScript {
  mount: RunMount;
  tree: Node;
}

/**
 * RUN's process: the exec form's words, else the shell form under the current SHELL. With
 * here-documents (BuildKit dispatchRun): a command that is one here-document alone runs its text
 * as the shell's script, or, when it starts with `#!`, as a file at /dev/pipes/NAME (tabs chomped
 * for `<<-`, never expanded); any other command gets each document's lines and terminator after
 * it, for the shell to read as its own here-documents (recorded: builds/heredocs).
 */
function runProcess(b: BuildState, ins: Instruction): { argv: string[]; pipe?: PipeScript } {
  if (ins.json) return { argv: ins.json };
  const docs = ins.heredocs ?? [];
  if (docs.length === 0) return { argv: [...shellOf(b), ins.rest] };
  if (parseHeredoc(ins.rest) !== undefined) {
    const [doc] = docs;
    const data = doc.chomp ? chompHeredoc(doc.content) : doc.content;
    if (!doc.content.startsWith('#!')) return { argv: [...shellOf(b), data] };
    const mount: RunMount = { type: 'bind', target: '/dev/pipes', source: '', rw: false, id: '', mode: 0o755, uid: 0, gid: 0 };
    return { argv: [...shellOf(b), `/dev/pipes/${doc.name}`], pipe: { mount, tree: dir({ mode: 0o755 }, [[doc.name, file(data, { mode: 0o755 })]]) } };
  }
  return { argv: [...shellOf(b), ins.rest + docs.map((d) => `\n${d.content}${d.name}`).join('')] };
}

/**
 * The base image's ONBUILD triggers as instructions of the stage, at the FROM's line (BuildKit
 * points its errors there), and the failure of the first that does not parse. BuildKit parses
 * them all before the first runs: an unknown instruction fails the build, the FROM line shown
 * twice; the legacy builder parses each as it comes (moby dispatchTriggeredOnBuild), so the
 * triggers before it run first (recorded: builds/onbuild-triggers).
 */
function onbuildSteps(b: BuildState, stage: Stage, legacy: boolean): { steps: Instruction[]; failure?: StepFailure } {
  const steps: Instruction[] = [];
  for (const text of b.config.OnBuild ?? []) {
    let parsed: Instruction[];
    try {
      parsed = parseDockerfile(text);
    } catch (e) {
      if (!(e instanceof DockerfileError)) throw e;
      // moby's UnknownInstructionError upper-cases the word; BuildKit prints it as written
      const failure = new StepFailure(stage.from, `unknown instruction: ${e.word.toUpperCase()}`, `unknown instruction: ${e.word}`, 1, 'failed to solve: ', true);
      if (!legacy) throw failure;
      return { steps, failure };
    }
    if (parsed.length !== 1) throw new Refusal(`strata does not simulate the ONBUILD trigger \`${text}\`: the builders' words for a trigger that is not one instruction are not recorded`);
    const problem = instructionProblem(parsed[0], legacy);
    if (problem !== undefined) throw new Refusal(`strata does not simulate the ONBUILD trigger \`${text}\` whose arguments do not parse (${problem}): the builders' words for it are not recorded`);
    steps.push({ ...parsed[0], line: stage.from.line });
  }
  return { steps };
}

/** What a finished stage left: its state (FROM it, COPY --from it) and, legacy, its last image. */
interface StageResult {
  state: BuildState;
  imageId: string;
  /** The image the stage chain started from (BuildKit's build record). */
  baseImage: string;
  /** BuildKit: the ARG values in the stage's LLB environment at its end (args.later). */
  argEnv?: Record<string, string>;
}

interface StageRun {
  stages: Stage[];
  results: Map<number, StageResult>;
  temps: string[];
  total: number;
  /** The legacy builder's step counter and log so far. */
  run: { step: number; log: string };
  ignore: DockerIgnore | undefined;
  events: EngineEvent[];
  clock: number;
  /** `--no-cache`: mixed into every step's time, so that no step matches an earlier build's. */
  salt: string | undefined;
  /** The meta args' values (ARG before the first FROM, --build-arg applied). */
  meta: Record<string, string>;
}

/**
 * BuildKit's stages to solve for target `last`: its dependencies first (FROM <stage>, COPY --from
 * and RUN --mount from=). A cycle anywhere in the Dockerfile is refused first, even among stages
 * the target does not need (dockerfile2llb/validations.go validateCircularDependency: a walk
 * from each stage in order, naming the stage it started from, with the location of each
 * instruction on the path, the last one printed first).
 */
function buildkitOrder(stages: Stage[], last: number): { ok: true; stages: Stage[] } | { ok: false; error: string; lines: number[] } {
  const visited = new Set<number>();
  const path = new Set<number>();
  const visit = (s: Stage, current: number[]): number[] | undefined => {
    if (visited.has(s.index)) return undefined;
    visited.add(s.index);
    path.add(s.index);
    for (const dep of stageDependencies(stages, s)) {
      const next = [...current, dep.line];
      if (path.has(dep.stage.index)) return next;
      const found = visit(dep.stage, next);
      if (found) return found;
    }
    path.delete(s.index);
    return undefined;
  };
  for (const s of stages) {
    const lines = visit(s, []);
    if (lines) return { ok: false, error: `circular dependency detected on stage: ${s.name ?? ''}`, lines: [...lines].reverse() };
  }
  const out: Stage[] = [];
  const done = new Set<number>();
  const order = (s: Stage): void => {
    if (done.has(s.index)) return;
    done.add(s.index);
    for (const dep of stageDependencies(stages, s)) order(dep.stage);
    out.push(s);
  };
  order(stages[last]);
  return { ok: true, stages: out };
}

/** The stages `s` reads from, with the line that names each. */
function stageDependencies(stages: Stage[], s: Stage): { stage: Stage; line: number }[] {
  const deps: { stage: Stage; line: number }[] = [];
  // (BuildKit only: a FROM names a stage exactly as stored, in lower case; convert.ts)
  const base = stages.find((o) => o.name === s.baseRef && o.index < s.index);
  if (base) deps.push({ stage: base, line: s.from.line });
  for (const ins of s.commands) {
    for (const ref of fromReferences(ins)) {
      const dep = findStage(stages, ref);
      if (dep) deps.push({ stage: dep, line: ins.line });
    }
  }
  return deps;
}

/** `--from=X` of COPY (ADD has none: a parse error, stages.ts) and `from=X` of RUN --mount. */
function fromReferences(ins: Instruction): string[] {
  const words = splitFlags(ins.rest).flags;
  if (ins.cmd === 'COPY') return words.flatMap((w) => (w.startsWith('--from=') ? [w.slice(7)] : []));
  if (ins.cmd === 'RUN') {
    return words.flatMap((w) => (w.startsWith('--mount=') ? w.slice(8).split(',').flatMap((kv) => (kv.startsWith('from=') ? [kv.slice(5)] : [])) : []));
  }
  return [];
}

/**
 * A stage in the display (its index in trace.stages): its name, what it starts from, its count.
 * `prior`: the stage it starts from; `baseImage`: the image it starts from (a stage's: that one's).
 */
function traceStage(st: EngineState, trace: BuildTrace, stage: Stage, stages: readonly Stage[], prior: Stage | undefined, baseImage: string): number {
  // A stage FROM an earlier stage starts from that stage's state: no FROM vertex of its own,
  // none in its count (dockerfile2llb toDispatchState: `total = 1` only for an image base).
  // `FROM scratch` is no image either (dockerfile2llb: llb.Scratch(), no source op): no `load
  // metadata` line, no FROM line, none in the count (recorded: buildkit-pb-scratch, `[1/1] COPY`).
  const scratch = prior === undefined && stage.baseRef === 'scratch';
  const baseStage = prior === undefined ? undefined : trace.stages.findIndex((t) => t.index === prior.index);
  const baseRef = prior === undefined && !scratch ? fullReference(stage.baseRef) : undefined;
  if (prior === undefined && !scratch && baseRef === undefined) trace.unsupported ??= 'a base image named by its digest';
  const baseCached = (st.buildCache ?? []).some((c) => c.kind === 'base' && c.ref === baseImage);
  const total = (prior === undefined && !scratch ? 1 : 0) + stage.commands.filter((c) => VERTEX_INSTRUCTIONS.has(c.cmd)).length;
  trace.stages.push({
    index: stage.index,
    ...(stages.length > 1 || copiesFromImage(stages) ? { label: stage.name ?? `stage-${stage.index}` } : {}),
    ...(baseRef !== undefined ? { baseRef } : {}),
    ...(baseStage !== undefined && baseStage >= 0 ? { baseStage } : {}),
    ...(scratch ? { scratch } : {}),
    baseImage,
    baseCached,
    total,
  });
  return trace.stages.length - 1;
}

/** A RUN that failed in another stage than the first failure's, beside it: its failure and its place in the display. */
interface OtherFailure {
  failure: StepFailure;
  name: string;
  stage: number;
  slept: number;
}

/**
 * After a RUN failed in one stage of several: BuildKit ran the stages that do not read the failed
 * one beside it (solver/scheduler.go), so strata runs them too, for the display (which of their
 * steps had finished, run or not started when the failure came: progress.ts stepVertices); the
 * stages that read it wait for it: their steps before the first that reads it ran beside it
 * (recorded: test/pages/pty/buildkit-pb2-own-*.json), the rest never started. A RUN of another
 * stage may fail too: which failure BuildKit reports is the one that came first (the solve stops
 * at it and cancels the other: buildkit-pb2-two-fail-*), decided by the caller from the steps'
 * times. Undefined, the other failure, or the build's refusal.
 */
function besideTheFailure(st: EngineState, profile: EngineProfile, req: BuildRequest, order: readonly Stage[], stages: Stage[], ctx: StageRun): BuildResult | OtherFailure | undefined {
  const trace = req.trace!;
  const failed = trace.stages[trace.currentStage!]?.index;
  /** The stages that failed and those that read them, themselves or through another (`order` puts a stage after what it reads). */
  const blocked = new Set<number>([failed]);
  let other: OtherFailure | undefined;
  /** Runs a stage (`until`: its steps before that one); false when it failed (a second failure is kept). */
  const run = (stage: Stage, until?: number): boolean | BuildResult => {
    try {
      const r = runStage(st, profile, req, stage, ctx, until);
      if (until === undefined) ctx.results.set(stage.index, r);
      return true;
    } catch (e) {
      if (e instanceof Refusal) return { ok: false, error: e.message, status: 125, log: '', refused: true };
      if (!(e instanceof StepFailure)) throw e;
      // (a failure other than a RUN's, or a third: not recorded)
      if (other !== undefined || e.output === undefined || trace.current === undefined || trace.currentStage === undefined) {
        trace.unsupported ??= other !== undefined ? 'three stages that fail' : 'two stages that fail, one other than by a RUN step';
        return false;
      }
      other = { failure: e, name: trace.current, stage: trace.currentStage, slept: trace.currentSlept ?? 0 };
      blocked.add(stage.index);
      return false;
    }
  };
  for (const stage of order) {
    if (stage.index === failed || ctx.results.has(stage.index)) continue;
    const deps = stageDependencies(stages, stage);
    if (!deps.some((d) => blocked.has(d.stage.index))) {
      const r = run(stage);
      if (typeof r !== 'boolean') return r;
      continue;
    }
    blocked.add(stage.index);
    // A stage that waits: it starts from a stage that waits, or runs its own steps until the
    // first one that reads what waits (a COPY --from).
    const prior = stages.find((o) => o.name === stage.baseRef.toLowerCase() && o.index < stage.index);
    const reads = (c: Instruction): boolean => fromReferences(c).some((ref) => {
      const d = findStage(stages, ref);
      return d !== undefined && blocked.has(d.index) && d.index !== stage.index;
    });
    // (a stage that waits reads what waits, by its base or a command: `until` is never the whole stage)
    const firstRead = stage.commands.findIndex(reads);
    const until = firstRead < 0 ? 0 : firstRead;
    const baseWaits = prior !== undefined && blocked.has(prior.index);
    if (!baseWaits && stage.commands.slice(0, until).some((c) => VERTEX_INSTRUCTIONS.has(c.cmd))) {
      const r = run(stage, until);
      if (typeof r !== 'boolean') return r;
      continue;
    }
    const base = prior === undefined ? undefined : trace.stages.find((t) => t.index === prior.index);
    if (prior === undefined && stage.baseRef !== 'scratch' && findImage(st, stage.baseRef) === undefined) trace.unsupported ??= 'a base image pulled by the build';
    traceStage(st, trace, stage, stages, prior, base?.baseImage ?? (stage.baseRef === 'scratch' ? '' : (findImage(st, stage.baseRef)?.id ?? '')));
  }
  return other;
}

/** Whether a stage's `COPY --from` names an image, not a stage (BuildKit adds a stage for it). */
function copiesFromImage(stages: readonly Stage[]): boolean {
  return stages.some((s) => s.commands.some((c) => c.cmd === 'COPY' && fromReferences(c).some((ref) => findStage(stages, ref) === undefined)));
}

/**
 * The stage dockerfile2llb adds for a `COPY --from` that names an image, not a stage (moby/buildkit
 * v0.13.1 frontend/dockerfile/dockerfile2llb/convert.go toDispatchState: a dispatchState of its own
 * whose base is the image, after the Dockerfile's stages): the image gets a `load metadata` line
 * and a FROM line named without a stage (it has no commands: prefixCommand adds no `[...]`), and
 * since the build now has several stages, every stage's steps are named after their stage, even
 * the one stage of the Dockerfile (`[stage-0 2/3] COPY --from=mybase:1 ...`; recorded:
 * test/pages/pty/buildkit-pb-copy-image*.json). Its index in the trace's stages, one per image.
 */
function imageSourceStage(st: EngineState, trace: BuildTrace, ref: string, stageCount: number): number {
  const baseRef = fullReference(ref);
  if (baseRef === undefined) {
    trace.unsupported ??= 'a `COPY --from` image named by its digest';
    return -1;
  }
  const known = trace.stages.findIndex((t) => t.implicit === true && t.baseRef === baseRef);
  if (known >= 0) return known;
  const baseImage = findImage(st, ref)?.id ?? '';
  const baseCached = (st.buildCache ?? []).some((c) => c.kind === 'base' && c.ref === baseImage);
  trace.stages.push({ index: stageCount + trace.stages.filter((t) => t.implicit === true).length, implicit: true, baseRef, baseImage, baseCached, total: 0 });
  return trace.stages.length - 1;
}

/** The image (or stage) a FROM starts from, with the legacy builder's pull log. */
function stageBase(st: EngineState, profile: EngineProfile, stage: Stage, ctx: StageRun): { state: BuildState; id: string; baseImage: string; pullLog: string; argEnv?: Record<string, string> } {
  const legacy = profile.builder === 'legacy';
  // moby dispatchFrom / getFromImage: an earlier stage's name first (stagesBuildResults.getByName).
  // The legacy builder ignores case; BuildKit's lookup is exact, but a FROM that differs from a
  // stage name in case only is upper case, never an image reference, and fails its conversion first
  // (convert.ts).
  const prior = ctx.stages.find((o) => o.name === stage.baseRef.toLowerCase() && o.index < stage.index && ctx.results.has(o.index));
  if (prior) {
    const r = ctx.results.get(prior.index)!;
    return { state: { ...cloneJson(r.state), parent: r.imageId }, id: r.imageId, baseImage: r.baseImage, pullLog: '', argEnv: r.argEnv };
  }
  // `FROM scratch` starts from no image: no layers, no history, no parent (moby getFromImage:
  // api.NoBaseImageSpecifier gives an empty image; BuildKit dockerfile2llb emptyImage, whose
  // config has WorkingDir `/` and the default PATH). The legacy builder's config starts empty and
  // gets PATH as any base does (recorded: builds/realworld-scratch-forms, an image of one COPY;
  // `FROM scratch` + `LABEL` alone has 0 layers and size 0 on both).
  if (stage.baseRef === 'scratch') {
    const config: ImageConfig = { User: '', Env: legacy ? null : [DEFAULT_PATH], Cmd: null, Entrypoint: null, WorkingDir: legacy ? '' : '/', Volumes: null, Labels: null, StopSignal: '' };
    if (legacy && stage.commands.length > 0) config.Env = [DEFAULT_PATH];
    return { state: { layers: [], config, history: [], parent: '', ...(ctx.salt !== undefined ? { salt: ctx.salt } : {}) }, id: '', baseImage: '', pullLog: '' };
  }
  let base = findImage(st, stage.baseRef);
  let pullLog = '';
  if (!base) {
    // A base image that is not here is pulled, as on a machine with a registry (the oracle's
    // proxy error is its sandbox: docs/compat.md).
    const pulled = buildBaseImage(st, profile, stage.baseRef, ctx.events);
    if (!pulled.ok) throw new StepFailure(stage.from, pulled.error, pulled.error, 1, '');
    base = pulled.image;
    pullLog = pulled.log;
  }
  const state: BuildState = {
    layers: [...base.layers],
    config: cloneJson(base.config),
    history: base.history.map((h) => ({ ...h, imageId: undefined })),
    parent: base.id,
    // --no-cache: the legacy builder commits every step anew, so even metadata steps make a new
    // image; BuildKit's image of metadata steps only is the same one again (its RUN, COPY and
    // WORKDIR layers differ, by the salted step clock). Recorded: builds/build-no-cache-metadata,
    // builds/build-iidfile.
    ...(ctx.salt !== undefined && legacy ? { salt: ctx.salt } : {}),
  };
  // Both builders add a PATH after the base image's Env (moby dispatchState.setDefaultPath,
  // BuildKit's default env); the legacy one only in images it commits, i.e. after the first
  // step (recorded: builds/build-default-path).
  if (!(state.config.Env ?? []).some((e) => e.startsWith('PATH=')) && (!legacy || stage.commands.length > 0)) {
    state.config.Env = [...(state.config.Env ?? []), DEFAULT_PATH];
  }
  return { state, id: base.id, baseImage: base.id, pullLog };
}

/**
 * One stage: its FROM, then each instruction (the legacy builder commits an image per step).
 * `until`: only the instructions before that one (a stage whose next step waits for a stage that
 * failed: besideTheFailure).
 */
function runStage(st: EngineState, profile: EngineProfile, req: BuildRequest, stage: Stage, ctx: StageRun, until?: number): StageResult {
  const legacy = profile.builder === 'legacy';
  const { run, total } = ctx;
  // moby stagesBuildResults.checkStageNameAvailable, before the stage's FROM step is printed.
  if (legacy && stage.name !== undefined && ctx.stages.some((o) => o.index < stage.index && o.name === stage.name)) {
    throw new StepFailure(stage.from, `${stage.name} stage name already used`, '', 1);
  }
  if (legacy) run.log += `Step ${++run.step}/${total} : ${stage.from.original}\n`;
  if (stage.fromError !== undefined) throw new StepFailure(stage.from, stage.fromError, stage.fromError, 1);
  const trace = legacy ? undefined : req.trace;
  // (an earlier stage's name first, as stageBase looks it up)
  const prior = ctx.stages.find((o) => o.name === stage.baseRef.toLowerCase() && o.index < stage.index && ctx.results.has(o.index));
  if (trace && trace.unsupported === undefined && prior === undefined && stage.baseRef !== 'scratch' && findImage(st, stage.baseRef) === undefined) trace.unsupported = 'a base image pulled by the build';
  const base = stageBase(st, profile, stage, ctx);
  /** This stage in the display (its index in trace.stages) and its steps so far. */
  let traced: { at: number; steps: number } | undefined;
  if (trace) {
    traced = { at: traceStage(st, trace, stage, ctx.stages, prior, base.baseImage), steps: 0 };
    const t = trace.stages[traced.at];
    trace.baseRef = t.baseRef ?? trace.baseRef;
    trace.baseImage = base.baseImage;
    trace.baseCached = t.baseCached;
    trace.total = t.total;
  }
  const b = base.state;
  // The base image's ONBUILD triggers run first, as steps of this stage, and are gone from the
  // image it makes (recorded: builds/onbuild-triggers).
  const onbuild = onbuildSteps(b, stage, legacy);
  const triggers = onbuild.steps;
  const n = b.config.OnBuild?.length ?? 0;
  if (n > 0) b.config.OnBuild = null;
  if (legacy) {
    // moby dispatchTriggeredOnBuild prints the count instead of the base's ID, and the triggers'
    // steps without step lines or IDs of their own, then the ID after the last one.
    run.log += base.pullLog + (n > 0 ? `# Executing ${n} build trigger${n > 1 ? 's' : ''}\n` : ` ---> ${base.id.slice(0, 12)}\n`);
  }
  // BuildKit: a stage FROM another stage starts from that stage's LLB state, whose environment
  // holds its ARG values too; the image's Env is laid over it again, so an ENV of the same name
  // wins (dockerfile2llb toDispatchState: `d.state = d.base.state`, then AddEnv of
  // d.image.Config.Env). Its ARGs are not declared here: no `|N` in RUN rows (recorded:
  // builds/stage-inherit).
  const inherited = { ...(base.argEnv ?? {}) };
  for (const k of Object.keys(envMap(b.config))) delete inherited[k];
  const proxies = proxyValues(req.buildArgs, legacy);
  const args: ArgScope = { declared: [], names: [], later: inherited, proxies };
  let lastId = base.id;
  let cmdSetHere = false;
  const steps = [...triggers, ...stage.commands.slice(0, until)];
  if (trace && triggers.length > 0) trace.unsupported ??= "a base image's ONBUILD triggers";
  if (triggers.length === 0 && onbuild.failure) throw onbuild.failure;
  for (const [index, ins] of steps.entries()) {
    const trigger = index < triggers.length;
    st.clock = stepClock(b, ins, ctx.clock, ctx.salt);
    if (legacy && !trigger) run.log += `Step ${++run.step}/${total} : ${ins.original}\n`;
    /** The legacy builder's lines between a step's line and its image ID. */
    let stepLog = '';
    /** What the legacy builder prints before the step's container. */
    let note = '';
    /** A RUN step's container. */
    let ran: StepContainer | undefined;
    /** A RUN step's cache key without the proxy args, and the values it ran with. */
    let proxyRun: ProxyRun | undefined;
    const env = substitutionEnv(b, args);
    const x = stepExpander(ins, env, legacy);
    // BuildKit's display: the step's name, and what it runs on and with (its cache key)
    const tstage = trace && traced ? trace.stages[traced.at] : undefined;
    const vertex = trace && traced && tstage && VERTEX_INSTRUCTIONS.has(ins.cmd) ? { before: JSON.stringify([b.layers, b.config]), name: vertexName(ins.original, env, ins.cmd === 'RUN', traced.steps + (tstage.baseStage === undefined && tstage.scratch !== true ? 2 : 1), tstage.total, tstage.label) } : undefined;
    if (trace && vertex) {
      if (vertex.name === undefined) trace.unsupported ??= 'a step whose name has a `${...}` with a modifier';
      trace.current = vertex.name;
      trace.currentStage = traced!.at;
      trace.currentSlept = 0;
      // (an image a COPY --from names that is not here is pulled by the build: not recorded)
      if (fromReferences(ins).some((ref) => findStage(ctx.stages, ref) === undefined && findImage(st, ref) === undefined)) trace.unsupported ??= 'a base image pulled by the build';
    }
    const nop = (text: string) => {
      b.history.push({ created: st.clock, createdBy: legacy ? nopText(b, text) : text, comment: legacy ? '' : 'buildkit.dockerfile.v0', emptyLayer: true, size: 0 });
    };
    // The legacy builder records the image each step ran on.
    // (none after FROM scratch: moby's runConfig.Image is the empty image ID)
    if (legacy) b.config.Image = b.parent === '' ? '' : `sha256:${b.parent}`;
    switch (ins.cmd) {
      case 'ENV': {
        const pairs = keyValuePairs(ins.rest, ins.escape).map(([k, v]) => [x(k), x(v)]);
        const list = [...(b.config.Env ?? [])];
        for (const [k, v] of pairs) {
          delete args.later[k];
          const i = list.findIndex((e) => e.startsWith(k + '='));
          if (i >= 0) list[i] = `${k}=${v}`;
          else list.push(`${k}=${v}`);
        }
        b.config.Env = list;
        nop(`ENV ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`);
        break;
      }
      case 'LABEL': {
        const pairs = keyValuePairs(ins.rest, ins.escape).map(([k, v]) => [x(k), x(v)]);
        b.config.Labels = { ...(b.config.Labels ?? {}), ...Object.fromEntries(pairs) };
        nop(`LABEL ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`);
        break;
      }
      case 'ARG': {
        // one instruction may declare several (recorded: builds/env-arg-forms); all are
        // expanded against the environment before it
        const shown: string[] = [];
        for (const p of argPairs(ins.rest, ins.escape)) {
          const name = x(p.name);
          const def = p.value !== undefined ? x(p.value) : undefined;
          // A build arg wins over the default; without a default, the meta arg's value.
          const value = req.buildArgs?.[name] ?? def ?? ctx.meta[name];
          args.declared = [...args.declared.filter((a) => a.name !== name), { name, value }];
          args.names = [...args.names, name];
          if (!legacy && value !== undefined) args.later[name] = value;
          shown.push(`${name}${def !== undefined ? `=${def}` : ''}`);
        }
        nop(`ARG ${shown.join(' ')}`);
        break;
      }
      case 'WORKDIR': {
        const wd = x(ins.rest);
        // A WORKDIR that expands to nothing (`WORKDIR $HOME`, HOME set by no ENV): the legacy
        // builder's normalizeWorkdir refuses it (moby builder/dockerfile/dispatchers_unix.go,
        // `cannot normalize nothing`); BuildKit's keeps the current directory. Recorded:
        // builds/sb-workdir-unset-var (both engines).
        if (wd === '' && legacy) throw new StepFailure(ins, 'cannot normalize nothing', '', 1);
        // A relative WORKDIR is joined to the current one and cleaned (filepath.Join).
        b.config.WorkingDir = wd.startsWith('/') ? wd : normalize(`${b.config.WorkingDir || '/'}/${wd}`);
        workdirStep(st, profile, b, ins);
        break;
      }
      case 'USER':
        b.config.User = x(ins.rest);
        nop(`USER ${b.config.User}`);
        break;
      case 'STOPSIGNAL': {
        const signal = x(ins.rest);
        // moby 20.10 builder/dockerfile/dispatchers.go dispatchStopSignal: signal.ParseSignal's
        // `Invalid signal: S` at the step (BuildKit: convert.ts; recorded: builds/rw-config-fields)
        if (parseSignal(signal) === undefined) throw new StepFailure(ins, `Invalid signal: ${signal}`, `invalid signal: ${signal}`, 1);
        b.config.StopSignal = signal;
        nop(`STOPSIGNAL ${b.config.StopSignal}`);
        break;
      }
      case 'EXPOSE': {
        // The parser sorts the words as written, before they expand (buildkit
        // frontend/dockerfile/instructions/parse.go parseExpose `sort.Strings(portsTab)`), and
        // moby's dispatchExpose joins their expansions in that order: `EXPOSE ${PORT} 53/udp` with
        // PORT=8080 is `EXPOSE 8080 53/udp` (recorded: builds/realworld-app-args). BuildKit
        // prints the port set as a Go map.
        const specs = splitWords(ins.rest, ins.escape).sort().flatMap(stepWordsExpander(ins, env, legacy));
        const ports = exposedPorts(specs);
        if (!ports.ok) throw new StepFailure(ins, ports.error, ports.error, 1);
        const keys = [...new Set(ports.keys)].sort();
        b.config.ExposedPorts = { ...(b.config.ExposedPorts ?? {}), ...Object.fromEntries(keys.map((k) => [k, {}])) };
        nop(legacy ? `EXPOSE ${specs.join(' ')}` : `EXPOSE map[${keys.map((k) => `${k}:{}`).join(' ')}]`);
        break;
      }
      case 'MAINTAINER':
        nop(`MAINTAINER ${ins.rest}`);
        break;
      case 'SHELL':
        // checked to be a non-empty JSON array when the Dockerfile (or the trigger) was parsed
        b.config.Shell = ins.json!;
        nop(`SHELL [${b.config.Shell.join(' ')}]`);
        break;
      case 'HEALTHCHECK': {
        const parsed = parseHealthcheck(ins.rest, legacy);
        // checked when the Dockerfile was parsed (a trigger's in onbuildSteps)
        if (!parsed.ok) throw new Error(`HEALTHCHECK arguments not checked: ${parsed.error}`);
        const old = b.config.Healthcheck;
        // moby dispatchHealthcheck
        if (legacy && old && old.Test.length > 0 && old.Test[0] !== 'NONE') note = `Note: overriding previous HEALTHCHECK: [${old.Test.join(' ')}]\n`;
        b.config.Healthcheck = legacy ? mergeHealth(parsed.health, old) : parsed.health;
        nop(healthcheckHistory(parsed.health, legacy));
        break;
      }
      case 'ONBUILD': {
        const expression = onbuildTrigger(ins);
        b.config.OnBuild = [...(b.config.OnBuild ?? []), expression];
        // BuildKit's dispatchOnbuild only changes the config: no history row.
        if (legacy) nop(`ONBUILD ${expression}`);
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT': {
        const words = ins.json ?? [...shellOf(b), ins.rest];
        // An empty JSON form stores nothing (null), as a Dockerfile clears a base image's
        // entrypoint with `ENTRYPOINT []`: both builders parse ENTRYPOINT with emptyAsNil
        // (buildkit frontend/dockerfile/instructions/parse.go parseShellDependentCommand, vendored
        // by moby for the legacy builder too); the legacy builder keeps `CMD []` as `[]`, while
        // BuildKit's image config drops it (ocispec ImageConfig's `Cmd` is omitempty). The
        // history row still shows `[]`. Recorded: builds/sb-empty-exec-forms (both engines).
        const stored = words.length === 0 && (ins.cmd === 'ENTRYPOINT' || !legacy) ? null : words;
        if (ins.cmd === 'CMD') {
          b.config.Cmd = stored;
          cmdSetHere = true;
        } else {
          b.config.Entrypoint = stored;
          // ENTRYPOINT resets a CMD inherited from the base image.
          if (!cmdSetHere) b.config.Cmd = null;
        }
        // BuildKit marks its CMD/ENTRYPOINT as already escaped (Docker's image spec field).
        if (!legacy) b.config.ArgsEscaped = true;
        nop(`${ins.cmd} ${goList(words)}`);
        break;
      }
      case 'VOLUME': {
        // (rest is trimmed and not empty: parse-checks.ts refuses `VOLUME` without arguments)
        const paths = ins.json ?? ins.rest.split(/\s+/);
        // an empty path, also one that expands to nothing (recorded: builds/expand-defaults)
        const expanded = paths.map(x);
        if (expanded.some((p) => p === '')) throw new StepFailure(ins, EMPTY_VOLUME, EMPTY_VOLUME, 1);
        b.config.Volumes = { ...(b.config.Volumes ?? {}), ...Object.fromEntries(expanded.map((p) => [p, {}])) };
        if (legacy) volumeOverFile(st, b, ins);
        // Both builders print the expanded paths (moby dispatchVolume `fmt.Sprintf("VOLUME %v",
        // c.Volumes)` after VolumeCommand.Expand), the JSON form's too.
        nop(`VOLUME ${goList(expanded)}`.replace(/"/g, ''));
        break;
      }
      case 'RUN': {
        // A RUN step's own container and volumes are the builder's business, not the
        // user's: their events are not reported.
        const { command, mounts, network } = runFlags(profile, ins, x, b.config.WorkingDir || '/');
        // BuildKit keys the step by its ExecOp, whose mounts are the values parsed, not as written:
        // `size=1i` and `size=1ib` are the same tmpfs, so the same step and image (recorded:
        // builds/run-mount-size-values)
        if (!legacy && mounts.length > 0) st.clock = stepClock(b, { ...command, original: `RUN ${JSON.stringify({ mounts, network })} ${command.rest}` }, ctx.clock, ctx.salt);
        const { argv, pipe } = runProcess(b, command);
        if (!legacy && network === undefined) runNetwork(st, req, command, argv);
        ({ log: stepLog, container: ran, proxyRun } = runStep(st, profile, b, command, argv, args, ctx.temps, [], {
          mounts: pipe ? [...mounts, pipe.mount] : mounts,
          source: (m) => (m === pipe?.mount ? pipe.tree : mountSource(st, profile, stage, ctx, req, ins, m)),
          secrets: req.secrets ?? {},
        }, ctx.salt !== undefined, req.keepContainers === true, (seconds) => {
          // (how long the step sleeps: the display's durations, image/build/progress.ts)
          if (trace) trace.currentSlept = (trace.currentSlept ?? 0) + seconds;
        }));
        if (!legacy) (st.buildProxyRuns ??= {})[proxyRun.key] = { proxies: proxyRun.proxies, secrets: proxyRun.secrets, ref: b.layers[b.layers.length - 1] };
        break;
      }
      case 'COPY':
      case 'ADD':
        copyStep(st, profile, b, ins, { context: req.context, env, ignore: ctx.ignore, source: (ref) => copySource(st, profile, stage, ctx, ins, ref) });
        break;
      default:
        throw new Refusal(`strata does not simulate the Dockerfile instruction \`${ins.cmd}\``);
    }
    // (a WORKDIR that stays `/` makes no vertex: dispatchWorkdir)
    if (trace && vertex?.name !== undefined && !(ins.cmd === 'WORKDIR' && b.config.WorkingDir === '/')) {
      const layer = b.layers.at(-1) ?? '';
      const key = sha256Hex(JSON.stringify([vertex.before, ins.original, env, layer]));
      const held = st.buildSteps?.[key];
      const from = fromReferences(ins).flatMap((ref) => {
        const source = findStage(ctx.stages, ref);
        const at = source === undefined ? (ins.cmd === 'COPY' ? imageSourceStage(st, trace, ref, ctx.stages.length) : -1) : trace.stages.findIndex((t) => t.index === source.index);
        return at < 0 ? [] : [at];
      });
      const readsContext = (ins.cmd === 'COPY' || ins.cmd === 'ADD') && !/(^|\s)--from[=\s]/.test(ins.rest);
      trace.steps.push({ name: vertex.name, cached: ctx.salt === undefined && held !== undefined && proxyRunCached(st, false, held), key, layer, stage: traced!.at, from, readsContext, slept: trace.currentSlept ?? 0 });
      traced!.steps++;
    }
    if (legacy) {
      // moby probeCache: the same step on the same image was committed before (the image is
      // still there), so the builder takes it instead of running the step: ` ---> Using cache`.
      // Strata runs the step anyway (it is deterministic) and recognises the image it makes.
      const cached = tablePeek(st.images, imageIdFor(b));
      const id = registerImage(st, b);
      if (proxyRun !== undefined) (st.buildProxyRuns ??= {})[proxyRun.key] = { proxies: proxyRun.proxies, secrets: proxyRun.secrets, ref: id };
      if (cached !== undefined && !cached.removed) {
        stepLog = `${note} ---> Using cache\n`;
        // (a cached RUN step made no container: the one strata ran it in goes, kept or not)
        const again = ran !== undefined && req.keepContainers === true ? tablePeek(st.containers, ran.id) : undefined;
        if (again !== undefined) removeContainer(st, again, { removeVolumes: true, by: 'build' }, []);
      }
      else {
        const made = tablePeek(st.images, id)!;
        if (COMMITTED_THROUGH_A_CONTAINER.has(ins.cmd)) {
          // Every other step is committed through a container made for it (moby Builder.create
          // prints its ID, commitContainer removes it). One that stays (--rm=false) is a real
          // container, created from the step's image and config, never started; else only its ID
          // is made up. (After FROM scratch it runs on no image: none is kept then.)
          const cmd = nopWords(b);
          const kept = req.keepContainers === true && b.parent !== ''
            ? createContainer(st, { imageId: b.parent, imageRef: b.parent, cmd, entrypoint: '', env: b.config.Env ?? [], tty: false, openStdin: false, binds: [], anonymous: [], mounts: [], tmpfs: {}, volumesFrom: [], readOnly: false, autoRemove: false, labels: {} }, [])
            : undefined;
          const full = kept?.id ?? sha256Hex(`step container\n${id}\n${ins.original}`);
          const short = full.slice(0, 12);
          stepLog = `${note} ---> Running in ${short}\n${kept ? '' : `Removing intermediate container ${short}\n`}`;
          made.container = stepContainerConfig(b, { id: full, cmd }, true);
        } else made.container = stepContainerConfig(b, ran ?? { id: '', cmd: nopWords(b) }, false);
      }
      b.parent = id;
      lastId = id;
      run.log += trigger && (index < triggers.length - 1 || onbuild.failure) ? stepLog : `${stepLog} ---> ${id.slice(0, 12)}\n`;
    }
    if (trigger && index === triggers.length - 1 && onbuild.failure) throw onbuild.failure;
  }
  return { state: b, imageId: lastId, baseImage: base.baseImage, ...(legacy ? {} : { argEnv: args.later }) };
}

/**
 * The root file system COPY --from=REF reads: a stage by name or index, else an image (pulled if
 * missing). The legacy builder sees only stages already finished (moby stagesBuildResults.get:
 * the current index `refers to current build stage`, a later one is `index out of bounds`, and
 * a name not yet committed is taken for an image) and wraps errors in `invalid from flag value`.
 */
function copySource(st: EngineState, profile: EngineProfile, stage: Stage, ctx: StageRun, ins: Instruction, ref: string): { fs: Namespace; layers: readonly string[] } {
  const legacy = profile.builder === 'legacy';
  const fail = (why: string): never => {
    throw new StepFailure(ins, `invalid from flag value ${ref}: ${why}`, why, 1);
  };
  const named = ctx.stages.find((s) => s.name === ref.toLowerCase() && (!legacy || ctx.results.has(s.index)));
  let source: Stage | undefined = named;
  if (!source && /^\d+$/.test(ref)) {
    const ix = Number(ref);
    if (legacy && ix === stage.index) fail('refers to current build stage');
    if (legacy && ix > stage.index) fail('index out of bounds');
    // (BuildKit refused an index past the last stage before any step: build)
    source = ctx.stages[ix];
  }
  if (source) {
    const { layers } = ctx.results.get(source.index)!.state;
    return { fs: rootView(st, layers), layers };
  }
  // Neither builder expands --from: `$S` is an image name, and not a valid one (recorded:
  // builds/copy-from-variable; BuildKit names it while converting, convert.ts).
  const problem = fromReferenceProblem(ref, legacy);
  if (problem !== undefined) fail(problem);
  let image = findImage(st, ref);
  if (!image) {
    const pulled = buildBaseImage(st, profile, ref, ctx.events);
    if (!pulled.ok) {
      if (legacy) fail(pulled.error);
      throw new StepFailure(ins, pulled.error, pulled.error, 1, '');
    }
    image = pulled.image;
  }
  return { fs: rootView(st, image.layers), layers: image.layers };
}

/**
 * The legacy builder commits VOLUME through a container of the image, whose creation refuses a
 * volume over an existing file, naming the file a symlink leads to (moby daemon/volumes_unix.go
 * via the builder's container create; recorded: builds/workdir-volume-over-file). BuildKit's
 * VOLUME only records the path.
 */
function volumeOverFile(st: EngineState, b: BuildState, ins: Instruction): void {
  const { fs } = stepView(st, b.layers);
  for (const path of Object.keys(b.config.Volumes ?? {})) {
    const target = normalize(path.startsWith('/') ? path : `/${path}`);
    if (!fs.exists(target) || fs.stat(target).kind === 'dir') continue;
    const merged = stepMergedDir(true, JSON.stringify([b.layers, ins.original]));
    throw new StepFailure(ins, `cannot mount volume over existing file, file exists ${merged}${fs.realpath(target)}`, '', 1);
  }
}

/**
 * BuildKit runs a RUN step in a network namespace attached to the daemon's network named `bridge`
 * unless the build chose `none` or `host` (moby builder/builder-next/executor_linux.go: NetMode
 * UNSET is the bridgeProvider of networkName "bridge"). A `--bridge=none` daemon has no such
 * network, so the step fails (recorded: compose/bridge-none-build; the oracle's `docker build`
 * adds `--network=none`, shared/oracle/README.md). The legacy builder's RUN containers are
 * ordinary containers: network-disabled there, they run.
 */
function runNetwork(st: EngineState, req: BuildRequest, ins: Instruction, argv: string[]): void {
  if ((req.network ?? 'default') !== 'default' || !daemonConfig(st).disableBridge) return;
  const shown = argv.join(' ');
  throw new StepFailure(ins, '', `process ${quote(shown)} did not complete successfully: network bridge not found`, 1);
}

/**
 * RUN's flags, which the parser checked (parse-checks.ts): the legacy builder refuses --mount at
 * its step (moby dispatchers.go: "the --mount option requires BuildKit"); BuildKit's mounts are
 * simulated (run-mount.ts, each value expanded by `x`, a relative target joined to `workdir`) and
 * `--network=none` (or `default`) too; another network is refused by name. Returns the
 * instruction with its command alone, and the network a --network flag chose.
 */
function runFlags(profile: EngineProfile, ins: Instruction, x: StepExpander, workdir: string): { command: Instruction; mounts: RunMount[]; network?: 'none' } {
  if (ins.json) return { command: ins, mounts: [] };
  const { flags, rest } = builderFlags(ins.rest);
  if (flags.length === 0) return { command: ins, mounts: [] };
  const parsed = runFlagValues(flags, profile.builder === 'legacy');
  if ('problem' in parsed) throw new Refusal(`strata does not simulate \`RUN ${flags.join(' ')}\``);
  if (profile.builder === 'legacy') throw new StepFailure(ins, requiresBuildKit('mount'), '', 1);
  if (parsed.network !== undefined && parsed.network !== 'none' && parsed.network !== 'default') throw new Refusal(`strata does not simulate \`RUN --network=${parsed.network}\``);
  let mounts: RunMount[];
  try {
    mounts = parseRunMounts(parsed.mounts, x, workdir);
  } catch (e) {
    if (e instanceof MountError) throw new StepFailure(ins, e.message, e.message, 1);
    throw e;
  }
  const command = { ...ins, rest, json: jsonArray(rest) };
  return { command, mounts, ...(parsed.network === 'none' ? { network: 'none' as const } : {}) };
}

/** What a RUN --mount=type=bind shows: the context's `source`, or a stage's or an image's (`from=`). */
function mountSource(st: EngineState, profile: EngineProfile, stage: Stage, ctx: StageRun, req: BuildRequest, ins: Instruction, m: RunMount): Node {
  if (m.from !== undefined) {
    const view = copySource(st, profile, stage, ctx, ins, m.from).fs;
    const path = `/${m.source}`;
    if (!view.exists(path)) throw new Refusal(`strata does not simulate RUN --mount of a missing source (${m.source} in ${m.from}): the builder's words for it are not recorded`);
    return treeOf(view, path, { root: false });
  }
  if (!req.context) throw new Refusal('strata does not simulate RUN --mount=type=bind of the context when the Dockerfile came from stdin');
  const base = m.source === '' ? req.context.dir : `${req.context.dir === '/' ? '' : req.context.dir}/${m.source}`;
  if (!req.context.fs.exists(base) || (m.source !== '' && ctx.ignore?.hides(m.source))) {
    throw new Refusal(`strata does not simulate RUN --mount of a missing source (${m.source}): the builder's words for it are not recorded`);
  }
  const prefix = m.source === '' ? '' : `${m.source}/`;
  return treeOf(req.context.fs, base, { root: true, skip: (rel) => ctx.ignore?.hides(prefix + rel) ?? false });
}

/**
 * The components of `path` that `fs` lacks, the deepest first: the mount stubs the runtime makes
 * for a mount target (BuildKit executor/stubs.go MountStubsCleaner walks up from the target while
 * the path is not there).
 */
function missingStubs(fs: Namespace, path: string): string[] {
  const stubs: string[] = [];
  let cur = '';
  for (const part of path.split('/').filter((p) => p !== '')) {
    cur += '/' + part;
    if (stubs.length > 0 || !fs.exists(cur)) stubs.unshift(cur);
  }
  return stubs;
}

/** The time a build step's files get: fixed by the image it runs on and the instruction. */
function stepClock(b: BuildState, ins: Instruction, fallback: number, salt: string | undefined): number {
  // COPY --link is the same step as COPY to the 26.1 daemon's BuildKit (copy.ts), so the same
  // time: the same image ID (recorded: builds/copy-link)
  const text = ins.cmd === 'COPY' || ins.cmd === 'ADD' ? ins.original.replace(/ --link(=true|=false)?(?= )/g, '') : ins.original;
  const h = sha256Hex(JSON.stringify(salt === undefined ? [b.layers, b.config, text] : [b.layers, b.config, text, salt]));
  return BASE_STEP_TIME + (parseInt(h.slice(0, 7), 16) % (365 * 24 * 3600)) || fallback;
}

/** 2024-06-01T00:00:00Z: build steps' times fall in the year after it. */
const BASE_STEP_TIME = 1717200000;

/** RUN --mount's mounts, where a bind mount's tree comes from, and the build's secrets by id. */
interface StepMounts {
  mounts: RunMount[];
  source: (m: RunMount) => Node;
  secrets: Record<string, string>;
}

/**
 * Runs a RUN step's process (runProcess's argv); returns the legacy builder's log lines for it,
 * and its container's ID with the command the legacy builder commits it with (moby dispatchRun's
 * saveCmd: the build args' `|N K=V` words first).
 */
function runStep(st: EngineState, profile: EngineProfile, b: BuildState, ins: Instruction, argv: string[], args: ArgScope, temps: string[], events: EngineEvent[], step: StepMounts, fresh: boolean, keep: boolean, onSleep?: (seconds: number) => void): { log: string; container: StepContainer; proxyRun: ProxyRun } {
  const legacy = profile.builder === 'legacy';
  // Build args reach the RUN process as environment variables (ENV wins over ARG).
  const envNames = new Set(Object.keys(envMap(b.config)));
  const words = argWords(profile, args, envNames, substitutionEnv(b, args));
  const argValues: Record<string, string> = {};
  for (const a of args.declared) if (a.value !== undefined && !envNames.has(a.name)) argValues[a.name] = a.value;
  // The proxy args are no part of the step's cache key: moby dispatchRun commits and probes the
  // cache with a command whose `|N` words leave out the proxy args no ARG declared ("These args
  // are transparent so resulting image should be the same regardless of the value",
  // builder/dockerfile/dispatchers.go), and BuildKit's ExecOp.CacheMap sets `op.Meta.ProxyEnv =
  // nil` (solver/llbsolver/ops/exec.go). So while the result of an earlier run of the same step is
  // still cached, a build with other proxy values gets that result: strata runs the step again
  // with the values that run had (recorded: builds/build-proxy-cache, both engines; the legacy
  // builder's key still tells `|0` words from none, BuildKit's does not). --no-cache runs with
  // the build's own values and makes its result the one later builds find.
  const key = sha256Hex(JSON.stringify([b.layers, b.config, argv, argValues, args.later, words, step.mounts]));
  const prior = st.buildProxyRuns?.[key];
  const reused = prior !== undefined && !fresh && proxyRunCached(st, legacy, prior.ref);
  const proxies = reused ? prior.proxies : args.proxies;
  // A secret's content is no part of the key either (its mount is: run-mount.ts), so the step
  // runs with the secrets the cached run had, given to this build or not (recorded:
  // builds/sb-secret-mount, a build without --secret gets the earlier result).
  const secrets = reused ? (prior.secrets ?? {}) : step.secrets;
  const required = step.mounts.find((m) => m.type === 'secret' && m.required === true && secrets[m.id] === undefined);
  // (BuildKit's secret provider at the step: `secret ID: not found`; recorded: builds/sb-secret-required)
  if (required) throw new StepFailure(ins, '', `secret ${required.id}: not found`, 1);
  // a secret the build was not given is not mounted: no mount point either
  const mounts = step.mounts.filter((m) => m.type !== 'secret' || secrets[m.id] !== undefined);
  const proxyEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(proxies)) if (!envNames.has(k)) proxyEnv[k] = v;
  const argEnv = Object.entries({ ...proxyEnv, ...argValues, ...args.later }).map(([k, v]) => `${k}=${v}`);
  const proxyRun = { key, proxies, secrets };
  // The RUN container's image: BuildKit mounts no volumes, so its config has none.
  // The legacy builder's RUN right after FROM scratch runs on no image (moby's runConfig.Image
  // is ''): an empty one stands for it here (recorded: builds/realworld-scratch-forms).
  let imageId = b.parent;
  if (!legacy || imageId === '') {
    imageId = registerImage(st, { ...b, config: legacy ? b.config : { ...b.config, Volumes: null } });
    temps.push(imageId);
  }
  // RUN --mount: each tree is bound from the simulated host for the step; the mount points the
  // image lacks are taken out of the layer afterwards.
  const image = stepView(st, b.layers).fs;
  // BuildKit's stub cleaner (executor/stubs.go MountStubsCleaner, deferred by executor/
  // runcexecutor/executor.go before runc starts, recursive since client/llb/exec.go sets
  // RemoveMountStubsRecursive) notes /etc/resolv.conf, /etc/hosts and each mount's target, with
  // their parents, that the image lacks, in that order; after the step it removes each that is an
  // empty directory or an empty file, restoring the parent's times. A parent the image had keeps
  // the change in the layer: `RUN true` on busybox (no /etc/hosts) leaves etc/ in it; an image
  // without /etc gets none; one with both files neither (recorded on 26.1:
  // run-layer-mounts/buildkit-run-layer, buildkit-stub-parents). The legacy builder's container
  // has them in its init layer, never in the commit (run-layer-mounts/legacy-run-layer, 20.10).
  const runtimeStubs = legacy ? [] : ['/etc/resolv.conf', '/etc/hosts'].flatMap((p) => missingStubs(image, p));
  const created = [...runtimeStubs, ...mounts.flatMap((m) => missingStubs(image, m.target))];
  const binds: string[] = [];
  const tmpfs: Record<string, string> = {};
  mounts.forEach((m, i) => {
    if (m.type === 'tmpfs') tmpfs[m.target] = m.rw ? '' : 'ro';
    else {
      const tree = m.type === 'cache' ? cacheTree(st, m) : m.type === 'secret' ? file(secrets[m.id], { mode: m.mode, uid: m.uid, gid: m.gid }) : step.source(m);
      binds.push(`${placeOnHost(st, i, tree)}:${m.target}${m.rw ? '' : ':ro'}`);
    }
  });
  const unmount = (): void => {
    if (mounts.length === 0) return;
    mounts.forEach((m, i) => {
      const kept = m.type === 'cache' ? takeFromHost(st, i) : undefined;
      if (kept?.kind === 'dir') (st.buildMountCache ??= {})[m.id] = kept;
    });
    clearHost(st);
  };
  let c;
  try {
    c = createContainer(
      st,
      { imageId, imageRef: imageId, cmd: argv, entrypoint: '', env: argEnv, tty: false, openStdin: false, binds, anonymous: [], mounts: [], tmpfs, volumesFrom: [], readOnly: false, autoRemove: false, labels: {}, buildkitStep: !legacy },
      events,
    );
  } catch (e) {
    unmount();
    if (e instanceof DaemonError) throw new StepFailure(ins, e.message, e.message, 1);
    throw e;
  }
  let output = '';
  /** The same without the legacy builder's colours: what a stand-in's refusal is found in. */
  let raw = '';
  let r;
  try {
    // The legacy builder sends what the step writes on stderr through moby's
    // streamformatter.NewStderrWriter, which wraps each write in `\033[91m%s\033[0m` (pkg/
    // streamformatter/streamformatter.go; recorded: builds/run-stderr-colour). BuildKit's -q log is not shown.
    const stderr = (d: string): void => {
      raw += d;
      output += legacy ? `\x1b[91m${d}\x1b[0m` : d;
    };
    const stdout = (d: string): void => {
      raw += d;
      output += d;
    };
    r = startContainer(st, c, { attached: true, io: { stdin: '', stdout, stderr }, ...(onSleep ? { sleep: onSleep } : {}) }, events);
  } catch (e) {
    // A USER the image's passwd/group files cannot resolve: neither builder's words for it are
    // recorded, so strata says so instead of guessing them (it was an internal error).
    unmount();
    // In a normal install a stand-in's refusal the step swallowed (`|| true`, a subshell's last
    // command, `>/dev/null 2>&1`) refuses the build: the real program would have done its work,
    // so the layer is not known (container/process.ts hearRefusals). The oracle ran the stand-ins
    // themselves (busyboxStandIns), where the step goes on as its recordings show.
    if (e instanceof SwallowedRefusal) {
      removeContainer(st, c, { removeVolumes: true, by: 'build' }, events);
      throw new Refusal(e.message);
    }
    if (!(e instanceof DaemonError)) throw e;
    // A process that is not there (a SHELL naming a missing file): the legacy builder prints the
    // runtime's error after the step's container, which it leaves behind; BuildKit reports exit
    // code 1 (recorded: builds/shell). Other start failures are not recorded.
    if (/unable to start container process: exec: "[^"]*": stat [^:]*: no such file or directory/.test(e.message)) {
      if (!legacy) removeContainer(st, c, { removeVolumes: true, by: 'build' }, events);
      throw new StepFailure(ins, ` ---> Running in ${c.id.slice(0, 12)}\n${e.message}`, `process ${quote(argv.join(' '))} did not complete successfully: exit code: 1`, 1);
    }
    // A USER the image's passwd file does not list, or a group its group file does not: the
    // legacy builder prints the daemon's error after the step's container, which stays (Created);
    // BuildKit's process error carries it (recorded: builds/env-path-idioms, builds/rw-user-missing).
    if (/^unable to find (user [^:]*: no matching entries in passwd|group [^:]*: no matching entries in group) file$/.test(e.message)) {
      if (!legacy) removeContainer(st, c, { removeVolumes: true, by: 'build' }, events);
      throw new StepFailure(ins, ` ---> Running in ${c.id.slice(0, 12)}\n${e.message}`, `process ${quote(argv.join(' '))} did not complete successfully: ${e.message}`, 1);
    }
    removeContainer(st, c, { removeVolumes: true, by: 'build' }, events);
    throw new Refusal(`strata does not simulate a RUN step that cannot start (${e.message}): the builder's error for it is not recorded`);
  }
  const status = r.kind === 'running' ? 0 : r.status;
  // A stand-in program that cannot do what the real one does (a package manager: catalog/*/files/
  // unsimulated) refuses by name and exits 125; inside a build that is strata's refusal of the
  // build, never a step failure in Docker's words (on a normal install the step would succeed).
  // In a normal install a refusal the step's shell swallowed (`|| true`, a subshell's last
  // command) refuses it too: the real program would have done its work, so the layer is unknown,
  // and `build -q` or BuildKit's folded display would not even show the line (its words swallowed
  // too: SwallowedRefusal above). The oracle ran the stand-ins themselves (busyboxStandIns), where
  // the step goes on as its recordings show.
  // (strata's own programs tell theirs, whatever their words: `wget: strata does not simulate ...`)
  const told = r.kind === 'exited' ? r.refused : undefined;
  const standIn = status === 125 || st.busyboxStandIns !== true ? (told ?? refusalLine(raw)) : undefined;
  if (standIn !== undefined) {
    unmount();
    removeContainer(st, c, { removeVolumes: true, by: 'build' }, events);
    throw new Refusal(standIn);
  }
  unmount();
  const upper = c.upper;
  pruneMountPoints(upper, created);
  const short = c.id.slice(0, 12);
  let log = legacy ? ` ---> Running in ${short}\n${output}` : '';
  const shown = argv.join(' ');
  if (status !== 0) {
    // BuildKit quotes the command line Go's way (%q: `\"` inside); the legacy builder as it is.
    // The legacy builder leaves the failed container behind; BuildKit's never was a container.
    if (!legacy) removeContainer(st, c, { removeVolumes: true, by: 'build' }, events);
    const failure = new StepFailure(ins, `${log}The command '${shown}' returned a non-zero code: ${status}`, `process ${quote(shown)} did not complete successfully: exit code: ${status}`, status);
    failure.output = raw;
    throw failure;
  }
  if (!keep) {
    removeContainer(st, c, { removeVolumes: true, by: 'build' }, events);
    if (legacy) log += `Removing intermediate container ${short}\n`;
  }
  const createdBy = [...words, shown].join(' ');
  const container = { id: c.id, cmd: [...words, ...argv] };
  const empty = isEmptyDir(upper);
  if (empty && legacy) {
    b.history.push({ created: st.clock, createdBy, comment: '', emptyLayer: true, size: 0 });
    return { log, container, proxyRun };
  }
  const size = addBuildLayer(st, profile, b, upper);
  b.history.push({ created: st.clock, createdBy: legacy ? createdBy : `RUN ${createdBy} # buildkit`, comment: legacy ? '' : 'buildkit.dockerfile.v0', emptyLayer: false, size });
  return { log, container, proxyRun };
}

/** A RUN step's cache key without the proxy args, and the proxy values it ran with. */
interface ProxyRun {
  key: string;
  proxies: Record<string, string>;
  /** The secrets the step ran with (by id). */
  secrets: Record<string, string>;
}

/**
 * Whether what an earlier run of a step made is still in the builder's cache: the legacy
 * builder's step image (moby's image cache probes the local images), BuildKit's layer record.
 */
function proxyRunCached(st: EngineState, legacy: boolean, ref: string): boolean {
  if (legacy) {
    const image = tablePeek(st.images, ref);
    return image !== undefined && image.removed !== true;
  }
  return (st.buildCache ?? []).some((c) => c.kind === 'layer' && c.ref === ref);
}

/**
 * The `|N K=V ...` words before a RUN history row's command when build args are in scope: the legacy builder
 * lists those with a value that ENV does not override, sorted; BuildKit 0.13 (runCommandString)
 * every ARG instruction in order, one declared twice twice, each with the value the step's
 * environment gives its name (ENV over ARG), else empty (recorded: builds/build-arg-forms).
 */
function argWords(profile: EngineProfile, args: ArgScope, envNames: Set<string>, env: Record<string, string>): string[] {
  const list = profile.builder === 'legacy'
    ? args.declared.filter((a) => a.value !== undefined && !envNames.has(a.name)).map((a) => `${a.name}=${a.value}`).sort()
    : args.names.map((name) => `${name}=${env[name] ?? ''}`);
  // moby dispatchRun: the prefix is written whenever the step gets build args (FilterAllowed),
  // proxy args included, but prependEnvOnCmd lists only those an ARG declared: `|0 /bin/sh -c
  // ...` for a proxy arg alone (recorded: builds/realworld-proxy-args).
  const proxyOnly = profile.builder === 'legacy' && Object.keys(args.proxies).some((k) => !envNames.has(k));
  return list.length > 0 || proxyOnly ? [`|${list.length}`, ...list] : [];
}

function cleanupTemps(st: EngineState, temps: string[]): void {
  for (const id of temps) {
    if (!Object.values(st.tags).includes(id)) tableDelete(st.images, id);
  }
  temps.length = 0;
}

/**
 * BuildKit's error excerpt (buildkit solver/errdefs/source.go Source.Print): the lines of the
 * instruction the error is located at, `>>>` on each (a RUN continued over lines 3-5 marks all
 * three: the location is the parser node's StartLine..EndLine), with context lines added
 * alternately before and after up to 4 for a one-line range and 2 for a longer one, the file's
 * final empty line included; the header names the range's first line (recorded on 26.1:
 * builds/sw-nginx-nonroot).
 */
export function sourceExcerpt(dockerfile: string, line: number, name = 'Dockerfile', endLine = line): string {
  const lines = dockerfile.split('\n');
  let start = line;
  let end = Math.min(Math.max(endLine, line), lines.length);
  const pad = end === start ? 4 : 2;
  for (let p = 0; p < pad; ) {
    if (start > 1) {
      start--;
      p++;
    }
    if (end !== lines.length) {
      end++;
      p++;
    }
    p++;
  }
  let out = `${name}:${line}\n--------------------\n`;
  for (let i = start; i <= end; i++) out += `${String(i).padStart(4)} | ${i >= line && i <= endLine ? '>>>' : '   '} ${lines[i - 1]}\n`;
  return out + '--------------------\n';
}

/**
 * BuildKit's suggest.WrapError, case-insensitive: the first closest name within Levenshtein
 * distance 2, upper-case for an upper-case word, else lower-case (matchCase of the lower-cased
 * option: `Foo` gets `from`; recorded: builds/build-suggestions).
 */
function suggest(word: string, options: string[]): string | undefined {
  const best = nearest(word, options, false, true);
  if (best === undefined) return undefined;
  return word === word.toUpperCase() ? best.toUpperCase() : best.toLowerCase();
}

/** A stage's FROM with the meta args expanded; a word that does not expand is kept as an error. */
/**
 * The platform args BuildKit defines for FROM lines (dockerfile2llb: BUILDPLATFORM, TARGETPLATFORM
 * and their parts; the only platform strata simulates is linux/amd64). The legacy builder has none.
 */
const PLATFORM_ARGS: Record<string, string> = { BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDARCH: 'amd64', BUILDVARIANT: '', TARGETPLATFORM: 'linux/amd64', TARGETOS: 'linux', TARGETARCH: 'amd64', TARGETVARIANT: '' };

/**
 * FROM --platform: the legacy builder (20.10) takes the local image whatever platform it names
 * (linux/arm64 builds from the local amd64 busybox) and fails on an empty one, at the stage's step
 * (containerd platforms.Parse; recorded: builds/from-platform); BuildKit pulls the base image for a
 * platform other than its own (linux/amd64) from the registry: refused by name.
 */
function platformProblem(stage: Stage, meta: Record<string, string>, legacy: boolean): Partial<Stage> {
  if (stage.platform === undefined) return {};
  let value: string;
  try {
    value = lexWord(stage.platform, legacy ? meta : { ...PLATFORM_ARGS, ...meta }, legacy ? 'legacy' : 'buildkit', stage.from.escape);
  } catch (e) {
    if (!(e instanceof LexError)) throw e;
    return { platformRefusal: `strata does not simulate FROM --platform=${stage.platform}: it does not expand (${e.message})` };
  }
  if (legacy && value === '') return { fromError: 'failed to parse platform : "" is an invalid component of "": platform specifier component must match "^[A-Za-z0-9_-]+$": invalid argument' };
  if (value === 'linux/amd64' || (legacy && value === 'linux/arm64')) return {};
  return { platformRefusal: `strata does not simulate FROM --platform=${value}: ${legacy ? "the legacy builder's handling of that platform is not recorded" : 'BuildKit pulls the base image for that platform from the registry'}` };
}

function expandBase(stage: Stage, meta: Record<string, string>, legacy: boolean): Stage {
  const platform = platformProblem(stage, meta, legacy);
  if (platform.fromError !== undefined || platform.platformRefusal !== undefined) return { ...stage, ...platform };
  try {
    const baseRef = lexWord(stage.baseRef, meta, legacy ? 'legacy' : 'buildkit', stage.from.escape);
    // both builders' words (recorded: builds/from-empty-base)
    if (baseRef === '') return { ...stage, fromError: `base name (${stage.baseRef}) should not be blank` };
    return { ...stage, baseRef };
  } catch (e) {
    if (!(e instanceof LexError)) throw e;
    return { ...stage, fromError: e.message };
  }
}
