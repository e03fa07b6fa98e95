// BuildKit converts the whole Dockerfile to LLB before any step runs (dockerfile2llb/convert.go
// toDispatchState: each stage the target needs is dispatched, in file order, and dispatch expands
// the words of every instruction, RUN's --mount values included). So a word that does not expand,
// or a --mount value it refuses, fails the build even after a RUN that would fail, and a stage the
// target does not need is never looked at (recorded: builds/expand-instructions,
// builds/run-mount-options). This pass walks the stages with the environment each instruction
// sees (the base image's Env, ENV and ARG values) and expands what dispatch expands; the steps
// then run with the same words. A base image that is not here is left to the run (its pull fails
// first in BuildKit too).

import type { EngineState } from '../../engine/state.ts';
import { findImage } from '../store.ts';
import { DEFAULT_PATH } from '../base.ts';
import { normalize } from '../../fs/path.ts';
import { jsonArray, splitFlags, splitWords, type Instruction } from './dockerfile.ts';
import type { Stage } from './stages.ts';
import { stepExpander, stepWordsExpander } from './expand.ts';
import { argPairs, builderFlags, keyValuePairs, runFlagValues } from './parse-checks.ts';
import { MountError, parseRunMounts } from './run-mount.ts';
import { EMPTY_VOLUME, StepFailure } from './failures.ts';
import { referenceMessage, referenceProblem } from '../reference.ts';
import { quote } from '../../docker/format/fmt.ts';
import { findStage } from './stages.ts';
import { parsePortSpec } from '../../network/ports.ts';
import { parseSignal } from '../../container/signals.ts';

function envOf(list: readonly string[] | null | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of list ?? []) {
    const i = kv.indexOf('=');
    env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return env;
}

/**
 * A COPY or ADD step seen by the conversion walk: its environment, and whether `--from=REF` names
 * the very state the step copies onto (the same image, or a stage whose last file step is the
 * same: ENV, USER and the like change no state in LLB).
 */
export type CopyVisitor = (ins: Instruction, env: Readonly<Record<string, string>>, ontoItself: (ref: string) => boolean) => void;

/**
 * Throws the StepFailure of the first instruction BuildKit's conversion refuses; `visit` sees
 * each COPY and ADD after it checked out. `all`: every stage of the Dockerfile (a --from index
 * counts in it).
 */
export function checkConversion(st: EngineState, stages: readonly Stage[], meta: Readonly<Record<string, string>>, buildArgs: Readonly<Record<string, string>> | undefined, visit?: CopyVisitor, all: readonly Stage[] = stages): void {
  const finished = new Map<number, { env: Record<string, string>; dir: string; state: string }>();
  for (const stage of [...stages].sort((a, b) => a.index - b.index)) {
    let env: Record<string, string>;
    let dir: string;
    /** The LLB state the stage is at: its base's, then the last step that changes files. */
    let state: string;
    // BuildKit takes a FROM for an earlier stage only when it is the stage's name as stored, in
    // lower case (`FROM ONE` after `AS one` is an image; the legacy builder matches it: recorded,
    // builds/expand-conversion-env on both engines)
    const prior = stages.find((o) => o.name === stage.baseRef && o.index < stage.index);
    if (prior) {
      const done = finished.get(prior.index);
      if (!done) continue;
      env = { ...done.env };
      dir = done.dir;
      state = done.state;
    } else {
      // an image, whose name is parsed as a reference before any step runs (the same recording)
      const problem = fromReferenceProblem(stage.baseRef, false);
      if (problem !== undefined) throw new StepFailure(stage.from, problem, problem, 1);
      const image = findImage(st, stage.baseRef);
      if (!image) continue;
      env = envOf(image.config.Env);
      if (!('PATH' in env)) env.PATH = DEFAULT_PATH.slice('PATH='.length);
      dir = image.config.WorkingDir || '/';
      state = `image ${image.id}`;
    }
    // one environment: ENV and ARG values in the order they come, the later one wins
    // (dispatchEnv and dispatchArg both AddEnv; an ARG without a value adds nothing)
    for (const ins of stage.commands) {
      const x = stepExpander(ins, env, false);
      switch (ins.cmd) {
        case 'ENV':
        case 'LABEL': {
          const pairs = keyValuePairs(ins.rest, ins.escape).map(([k, v]) => [x(k), x(v)]);
          if (ins.cmd === 'ENV') for (const [k, v] of pairs) env[k] = v;
          break;
        }
        case 'ARG': {
          const values: [string, string][] = [];
          for (const p of argPairs(ins.rest, ins.escape)) {
            const name = x(p.name);
            const value = buildArgs?.[name] ?? (p.value !== undefined ? x(p.value) : undefined) ?? meta[name];
            if (value !== undefined) values.push([name, value]);
          }
          for (const [k, v] of values) env[k] = v;
          break;
        }
        case 'WORKDIR': {
          const wd = x(ins.rest);
          dir = wd.startsWith('/') ? wd : normalize(`${dir}/${wd}`);
          // (no mkdir for `/`: workdir.ts)
          if (normalize(dir) !== '/') state = `${stage.index} ${ins.line}`;
          break;
        }
        case 'USER':
          x(ins.rest);
          break;
        case 'STOPSIGNAL': {
          // dockerfile2llb dispatchStopSignal: moby/sys/signal ParseSignal's `invalid signal: S`
          // while converting, before any step runs (recorded: builds/rw-config-fields)
          const signal = x(ins.rest);
          if (parseSignal(signal) === undefined) throw new StepFailure(ins, `invalid signal: ${signal}`, `invalid signal: ${signal}`, 1);
          break;
        }
        case 'VOLUME':
          if ((ins.json ?? ins.rest.split(/\s+/).filter((p) => p !== '')).map(x).includes('')) throw new StepFailure(ins, EMPTY_VOLUME, EMPTY_VOLUME, 1);
          break;
        case 'EXPOSE': {
          // dispatchExpose parses the ports (nat.ParsePortSpecs) while it converts
          const ports = exposedPorts(splitWords(ins.rest, ins.escape).flatMap(stepWordsExpander(ins, env, false)));
          if (!ports.ok) throw new StepFailure(ins, ports.error, ports.error, 1);
          break;
        }
        case 'COPY':
        case 'ADD': {
          // --chown (and ADD's --checksum) and every source and the destination
          const { flags, args: rest } = splitFlags(ins.rest);
          // dispatch: a COPY --from of a stage not dispatched yet (this one or a later one: stages
          // are dispatched in file order) fails before its words expand (dockerfile2llb/convert.go
          // dispatch, CopyCommand: `!src.dispatched`; an unnamed stage is `stage-N`; recorded:
          // builds/conversion-stages)
          for (const f of flags) {
            const from = f.startsWith('--from=') ? findStage(stages, f.slice('--from='.length)) : undefined;
            if (from !== undefined && from.index >= stage.index) {
              const message = `cannot copy from stage ${quote(f.slice('--from='.length))}, it needs to be defined before current stage ${quote(stage.name ?? `stage-${stage.index}`)}`;
              throw new StepFailure(ins, message, message, 1);
            }
          }
          for (const f of flags) if (/^--(chown|checksum)=/.test(f)) x(f.slice(f.indexOf('=') + 1));
          // toCommand: a --from that names no stage is an image, parsed as a reference
          for (const f of flags) {
            const ref = f.startsWith('--from=') ? f.slice('--from='.length) : undefined;
            const problem = ref === undefined || findStage(stages, ref) ? undefined : fromReferenceProblem(ref, false);
            if (problem !== undefined) throw new StepFailure(ins, problem, problem, 1);
          }
          (jsonArray(rest) ?? splitWords(rest, ins.escape)).forEach(x);
          const onto = state;
          visit?.(ins, env, (ref) => {
            const source = findStage(all, ref);
            if (source) return finished.get(source.index)?.state === onto;
            const image = findImage(st, ref);
            return image !== undefined && `image ${image.id}` === onto;
          });
          state = `${stage.index} ${ins.line}`;
          break;
        }
        case 'RUN': {
          state = `${stage.index} ${ins.line}`;
          if (ins.json) break;
          const parsed = runFlagValues(builderFlags(ins.rest).flags, false);
          if ('problem' in parsed) break;
          try {
            parseRunMounts(parsed.mounts, x, dir);
          } catch (e) {
            if (e instanceof MountError) throw new StepFailure(ins, e.message, e.message, 1);
            throw e;
          }
          break;
        }
      }
    }
    finished.set(stage.index, { env, dir, state });
  }
}

/**
 * What is wrong with `--from=REF` as an image reference (distribution/reference
 * ParseNormalizedNamed), in the builder's words: the legacy builder's (wrapped in `invalid from
 * flag value REF: ` by its caller) or BuildKit's `failed to parse stage name "REF": ...`.
 * undefined for a valid reference. 64 hex digits are refused too, as ParseNormalizedNamed does
 * (`invalid repository name (REF), cannot specify 64-byte hexadecimal strings`), in a FROM and
 * a --from alike (recorded: builds/conversion-stages on 26.1, builds/copy-from-reference-legacy on
 * 20.10).
 */
export function fromReferenceProblem(ref: string, legacy: boolean): string | undefined {
  const p = referenceProblem(ref, !legacy);
  if (p === undefined) return undefined;
  return legacy ? referenceMessage(p, false) : `failed to parse stage name ${quote(ref)}: ${referenceMessage(p, true)}`;
}

/**
 * The keys of EXPOSE's ports (`80/tcp`, a range expanded), or the first spec's error: go-connections
 * nat.ParsePortSpecs as moby's and BuildKit's dispatchExpose call it, in the version both engines
 * vendor (v0.4.0, capitalised words). A spec is `[[ip:]hostPort:]port[-port][/proto]`: the IP is
 * checked, then the container port (`No port specified: SPEC<empty>`, ParsePortRange's base-10
 * numbers up to 65535 with `end >= start`, else `Invalid containerPort: PORT`), the host port, a
 * host range of another length than a container range, and the protocol last, shown as written
 * and compared lower-cased (recorded: builds/expose-bad-ports, both engines: `abc`, `80-x`,
 * `90-88`, `65536`, `53/xyz`, `/tcp`; `8080-8081/UDP` is `8080/udp` and `8081/udp`, `0100` is
 * `100/tcp`, `127.0.0.1:8000:80` is `80/tcp`).
 */
export function exposedPorts(specs: readonly string[]): { ok: true; keys: string[] } | { ok: false; error: string } {
  const keys: string[] = [];
  for (const spec of specs) {
    // the 20.10 client's nat is that same v0.4.0 (src/network/ports.ts)
    const mappings = parsePortSpec(spec, '20.10');
    if (typeof mappings === 'string') return { ok: false, error: mappings };
    for (const m of mappings) keys.push(m.port);
  }
  return { ok: true, keys };
}
