// `docker build`: one step per instruction. RUN runs in a temporary container of the image
// built so far, and its writable layer becomes the next image layer. The two builders differ
// (EngineProfile.builder): the legacy builder runs RUN containers with the image's VOLUMEs
// mounted as anonymous volumes (so later changes under them are discarded), keeps every step as
// an intermediate image (each the parent of the next), and skips empty layers; BuildKit mounts no
// volumes, keeps no intermediates, adds PATH to Env, keeps even empty RUN layers, and its build
// cache keeps a reference to every layer it made.

import { dir, type DirNode } from '../../fs/node.ts';
import { Namespace } from '../../fs/namespace.ts';
import { sha256Hex } from '../../engine/ids.ts';
import type { EngineEvent } from '../../engine/events.ts';
import type { EngineProfile } from '../../engine/profile.ts';
import type { EngineState, HistoryEntry, Image, ImageConfig } from '../../engine/state.ts';
import { createContainer } from '../../container/create.ts';
import { startContainer } from '../../container/lifecycle.ts';
import { removeContainer } from '../../container/remove.ts';
import { DaemonError } from '../../container/errors.ts';
import { UnionBackend } from '../../union/union-backend.ts';
import { findImage } from '../store.ts';
import { buildBaseImage } from '../pull.ts';
import { addLayer, regularFileSize } from '../layers.ts';
import { treeSize } from '../../fs/node.ts';
import { DEFAULT_PATH } from '../base.ts';
import { DockerfileError, KNOWN_UNSIMULATED, parseDockerfile, parseKeyValues, processWord, splitWords, substitute, type Instruction } from './dockerfile.ts';
import { contextTarSize, readDockerIgnore, stdinContextSize, type DockerIgnore } from './context.ts';
import { contextFilesSize, recordBuild } from './cache.ts';
import { humanSizeWithPrecision } from '../../docker/format/units.ts';
import type { Vfs } from '../../fs/vfs.ts';
import { normalize } from '../../fs/path.ts';
import { mkdirAll } from '../../fs/mkdir-all.ts';
import { isTarHeader, readTar } from '../../archive/tar.ts';

export interface BuildRequest {
  dockerfile: string;
  /** Build context on the host (undefined for `docker build - <<EOF`). */
  context?: { fs: Vfs; dir: string };
  tag?: string;
  /** `--build-arg KEY=VALUE`. */
  buildArgs?: Record<string, string>;
}

/**
 * `error` is printed as is (it carries its framing: `Error response from daemon: `, `ERROR: `);
 * `refused` marks a strata refusal (exit 125).
 */
export type BuildResult = { ok: true; imageId: string; log: string } | { ok: false; error: string; status: number; log: string; refused?: boolean };

interface BuildState {
  layers: string[];
  config: ImageConfig;
  history: HistoryEntry[];
  parent: string;
}

/** A step failed: `legacy` / `buildkit` are each builder's message (exit status `code` / 1). */
class StepFailure extends Error {
  constructor(
    readonly instruction: Instruction,
    readonly legacyText: string,
    readonly buildkitText: string,
    readonly code: number,
  ) {
    super(legacyText);
  }
}

class Refusal extends Error {}

function imageIdFor(b: BuildState): string {
  return sha256Hex(JSON.stringify({ c: b.config, l: b.layers, h: b.history.map((h) => [h.createdBy, h.emptyLayer]), p: b.parent }));
}

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
}

/** Substitution environment: ARG values, overridden by ENV (the image config). */
function substitutionEnv(b: BuildState, args: ArgScope): Record<string, string> {
  const env: Record<string, string> = {};
  for (const a of args.declared) if (a.value !== undefined) env[a.name] = a.value;
  return { ...env, ...envMap(b.config) };
}

/** nat.ParsePortSpecs for EXPOSE: `80` is `80/tcp`, ranges expand. */
function portKeys(spec: string): string[] {
  const [range, proto = 'tcp'] = spec.split('/');
  const [lo, hi] = range.split('-');
  const first = Number(lo);
  const last = hi === undefined ? first : Number(hi);
  if (!Number.isInteger(first) || !Number.isInteger(last)) return [`${range}/${proto}`];
  const out: string[] = [];
  for (let p = first; p <= last; p++) out.push(`${p}/${proto.toLowerCase()}`);
  return out;
}

export function build(st: EngineState, profile: EngineProfile, req: BuildRequest, events: EngineEvent[]): BuildResult {
  const legacy = profile.builder === 'legacy';
  const layersBefore = new Set(Object.keys(st.layers));
  const ignore = req.context ? readDockerIgnore(req.context.fs, req.context.dir) : undefined;
  const sizeText = humanSizeWithPrecision(req.context && ignore ? contextTarSize(req.context.fs, req.context.dir, ignore) : stdinContextSize(req.dockerfile), 4);
  // The CLI's progress line ends in CRs (it redraws the line), kept when -q prints the log.
  const sending = legacy ? `Sending build context to Docker daemon  ${sizeText}\r\r\n` : '';
  const daemonFail = (message: string): BuildResult => ({ ok: false, error: `Error response from daemon: ${message}`, status: 1, log: sending });
  if (req.dockerfile.trim() === '') {
    if (legacy) return daemonFail('the Dockerfile (Dockerfile) cannot be empty');
    if (!req.context) return { ok: false, error: 'ERROR: failed to solve: failed to read dockerfile: no local sources enabled', status: 1, log: '' };
    return { ok: false, error: 'ERROR: failed to solve: the Dockerfile cannot be empty', status: 1, log: '' };
  }
  let instructions: Instruction[];
  try {
    instructions = parseDockerfile(req.dockerfile);
  } catch (e) {
    if (!(e instanceof DockerfileError)) throw e;
    if (legacy) return daemonFail(`dockerfile parse error line ${e.line}: unknown instruction: ${e.word}`);
    const suggestion = suggest(e.word, ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);
    return { ok: false, error: sourceExcerpt(req.dockerfile, e.line) + `ERROR: failed to solve: dockerfile parse error on line ${e.line}: unknown instruction: ${e.word}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`, status: 1, log: '' };
  }
  const unsimulated = instructions.find((i) => KNOWN_UNSIMULATED.includes(i.cmd));
  if (unsimulated) return { ok: false, error: `strata does not simulate the Dockerfile instruction \`${unsimulated.cmd}\``, status: 125, log: '', refused: true };
  const from = instructions[0];
  if (!from || from.cmd !== 'FROM') {
    if (legacy) return daemonFail('no build stage in current context');
    return { ok: false, error: sourceExcerpt(req.dockerfile, from?.line ?? 1) + 'ERROR: failed to solve: no build stage in current context', status: 1, log: '' };
  }
  if (instructions.slice(1).some((i) => i.cmd === 'FROM') || /\s(as|AS)\s/.test(from.rest)) {
    return { ok: false, error: 'strata does not simulate multi-stage builds (a second FROM or FROM ... AS)', status: 125, log: '', refused: true };
  }
  const baseRef = from.rest.split(/\s+/)[0];
  let base = findImage(st, baseRef);
  let pullLog = '';
  if (!base) {
    // A base image that is not here is pulled, as on a machine with a registry (the oracle's
    // proxy error is its sandbox: docs/compat.md).
    const pulled = buildBaseImage(st, profile, baseRef, events);
    if (!pulled.ok) {
      if (legacy) return { ok: false, error: pulled.error, status: 1, log: `${sending}Step 1/${instructions.length} : ${from.original}\n` };
      return { ok: false, error: sourceExcerpt(req.dockerfile, from.line) + `ERROR: ${pulled.error}`, status: 1, log: '' };
    }
    base = pulled.image;
    pullLog = pulled.log;
  }
  const b: BuildState = {
    layers: [...base.layers],
    config: cloneJson(base.config),
    history: base.history.map((h) => ({ ...h, imageId: undefined })),
    parent: base.id,
  };
  // Both builders give the stage a PATH (moby dispatchState.setDefaultPath, BuildKit's default
  // env); the legacy one only shows it in images it commits, i.e. after the first step.
  if (!(b.config.Env ?? []).some((e) => e.startsWith('PATH=')) && (!legacy || instructions.length > 1)) {
    b.config.Env = legacy ? [...(b.config.Env ?? []), DEFAULT_PATH] : [DEFAULT_PATH, ...(b.config.Env ?? [])];
  }
  const args: ArgScope = { declared: [] };
  const temps: string[] = [];
  const total = instructions.length;
  let log = legacy ? `${sending}Step 1/${total} : ${from.original}\n${pullLog} ---> ${base.id.slice(0, 12)}\n` : '';
  let lastId = base.id;
  let cmdSetHere = false;
  // Both builders cache steps: the same instruction on the same image gives the same layer, so
  // the same Dockerfile builds the same image ID again. A step's files therefore get times from
  // a clock derived from the step itself, never from when the build ran; the engine's clock is
  // restored afterwards.
  const buildStartClock = st.clock;
  try {
    instructions.slice(1).forEach((ins, idx) => {
      st.clock = stepClock(b, ins, buildStartClock);
      if (legacy) log += `Step ${idx + 2}/${total} : ${ins.original}\n`;
      const env = substitutionEnv(b, args);
      const nop = (text: string, legacyText = `/bin/sh -c #(nop)  ${text}`) => {
        b.history.push({ created: st.clock, createdBy: legacy ? legacyText : text, comment: legacy ? '' : 'buildkit.dockerfile.v0', emptyLayer: true, size: 0 });
      };
      // The legacy builder records the image each step ran on.
      if (legacy) b.config.Image = `sha256:${b.parent}`;
      switch (ins.cmd) {
        case 'ENV': {
          const pairs = parseKeyValues(ins.rest, env);
          const list = [...(b.config.Env ?? [])];
          for (const [k, v] of pairs) {
            const i = list.findIndex((e) => e.startsWith(k + '='));
            if (i >= 0) list[i] = `${k}=${v}`;
            else list.push(`${k}=${v}`);
          }
          b.config.Env = list;
          nop(`ENV ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`);
          break;
        }
        case 'LABEL': {
          const pairs = parseKeyValues(ins.rest, env);
          b.config.Labels = { ...(b.config.Labels ?? {}), ...Object.fromEntries(pairs) };
          nop(`LABEL ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`);
          break;
        }
        case 'ARG': {
          const [name, ...rest] = ins.rest.split('=');
          const def = rest.length > 0 ? processWord(rest.join('='), env) : undefined;
          const value = req.buildArgs?.[name] ?? def;
          args.declared = [...args.declared.filter((a) => a.name !== name), { name, value }];
          nop(`ARG ${name}${def !== undefined ? `=${def}` : ''}`);
          break;
        }
        case 'WORKDIR': {
          const wd = substitute(ins.rest, env);
          // A relative WORKDIR is joined to the current one and cleaned (filepath.Join).
          b.config.WorkingDir = wd.startsWith('/') ? wd : normalize(`${b.config.WorkingDir || '/'}/${wd}`);
          workdirStep(st, b, profile.workdirLayer);
          break;
        }
        case 'USER':
          b.config.User = substitute(ins.rest, env);
          nop(`USER ${b.config.User}`);
          break;
        case 'STOPSIGNAL':
          b.config.StopSignal = substitute(ins.rest, env);
          nop(`STOPSIGNAL ${b.config.StopSignal}`);
          break;
        case 'EXPOSE': {
          // moby sorts the EXPOSE arguments as parsed; BuildKit prints the port set as a Go map.
          const specs = splitWords(ins.rest).flatMap((w) => processWord(w, env).split(/\s+/)).filter((w) => w !== '').sort();
          const keys = [...new Set(specs.flatMap(portKeys))].sort();
          b.config.ExposedPorts = { ...(b.config.ExposedPorts ?? {}), ...Object.fromEntries(keys.map((k) => [k, {}])) };
          nop(legacy ? `EXPOSE ${specs.join(' ')}` : `EXPOSE map[${keys.map((k) => `${k}:{}`).join(' ')}]`);
          break;
        }
        case 'MAINTAINER':
          nop(`MAINTAINER ${ins.rest}`);
          break;
        case 'CMD':
        case 'ENTRYPOINT': {
          const words = ins.json ?? ['/bin/sh', '-c', ins.rest];
          if (ins.cmd === 'CMD') {
            b.config.Cmd = words;
            cmdSetHere = true;
          } else {
            b.config.Entrypoint = words;
            // ENTRYPOINT resets a CMD inherited from the base image.
            if (!cmdSetHere) b.config.Cmd = null;
          }
          // BuildKit marks its CMD/ENTRYPOINT as already escaped (Docker's image spec field).
          if (!legacy) b.config.ArgsEscaped = true;
          nop(`${ins.cmd} ${goList(words)}`);
          break;
        }
        case 'VOLUME': {
          const paths = ins.json ?? ins.rest.split(/\s+/).filter((p) => p !== '');
          if (paths.some((p) => p === '')) throw new StepFailure(ins, 'VOLUME specified can not be an empty string', 'VOLUME specified can not be an empty string', 1);
          b.config.Volumes = { ...(b.config.Volumes ?? {}), ...Object.fromEntries(paths.map((p) => [substitute(p, env), {}])) };
          nop(`VOLUME ${goList(paths)}`.replace(/"/g, ''));
          break;
        }
        case 'RUN':
          // A RUN step's own container and volumes are the builder's business, not the
          // user's: their events are not reported.
          log += runStep(st, profile, b, ins, args, temps, []);
          break;
        case 'COPY':
        case 'ADD':
          copyStep(st, profile, b, ins, req, env, ignore);
          break;
        default:
          throw new Refusal(`strata does not simulate the Dockerfile instruction \`${ins.cmd}\``);
      }
      if (legacy) {
        const id = registerImage(st, b);
        b.parent = id;
        lastId = id;
        log += ` ---> ${id.slice(0, 12)}\n`;
      }
    });
  } catch (e) {
    st.clock = buildStartClock;
    cleanupTemps(st, temps);
    if (e instanceof Refusal) return { ok: false, error: e.message, status: 125, log: '', refused: true };
    if (e instanceof StepFailure) {
      if (legacy) return { ok: false, error: e.legacyText, status: e.code, log };
      return { ok: false, error: sourceExcerpt(req.dockerfile, e.instruction.line) + `ERROR: failed to solve: ${e.buildkitText}`, status: 1, log: '' };
    }
    throw e;
  }
  st.clock = buildStartClock;
  cleanupTemps(st, temps);
  // BuildKit keeps no intermediate images and records no parent.
  const finalId = legacy ? lastId : registerImage(st, { ...b, parent: '' });
  if (!legacy) {
    recordBuild(st, {
      // The Dockerfile is a byte string already (read from the host or from stdin).
      dockerfileBytes: req.dockerfile.length,
      contextBytes: req.context && ignore ? contextFilesSize(req.context.fs, req.context.dir, ignore, 'Dockerfile') : undefined,
      baseImage: base.id,
      newLayers: b.layers.filter((l) => !layersBefore.has(l)),
    });
  }
  if (req.tag) st.tags[req.tag.includes(':') ? req.tag : `${req.tag}:latest`] = finalId;
  events.push({ type: 'image-built', image: finalId, tag: req.tag });
  if (legacy) log += `Successfully built ${finalId.slice(0, 12)}\n` + (req.tag ? `Successfully tagged ${req.tag.includes(':') ? req.tag : req.tag + ':latest'}\n` : '');
  return { ok: true, imageId: finalId, log };
}

/** The time a build step's files get: fixed by the image it runs on and the instruction. */
function stepClock(b: BuildState, ins: Instruction, fallback: number): number {
  const h = sha256Hex(JSON.stringify([b.layers, b.config, ins.original]));
  return BASE_STEP_TIME + (parseInt(h.slice(0, 7), 16) % (365 * 24 * 3600)) || fallback;
}

/** 2024-06-01T00:00:00Z: build steps' times fall in the year after it. */
const BASE_STEP_TIME = 1717200000;

function registerImage(st: EngineState, b: BuildState): string {
  const id = imageIdFor(b);
  if (!st.images[id] || st.images[id].removed) {
    const image: Image = {
      id,
      layers: [...b.layers],
      config: cloneJson(b.config),
      history: b.history.map((h) => ({ ...h, imageId: undefined })),
      created: st.clock,
      parent: b.parent,
      comment: '',
    };
    st.images[id] = image;
  }
  return id;
}

function addBuildLayer(st: EngineState, profile: EngineProfile, b: BuildState, tree: DirNode): number {
  const legacy = profile.builder === 'legacy';
  const size = legacy ? treeSize(tree) : regularFileSize(tree);
  b.layers.push(addLayer(st, b.layers, tree, { size, cached: !legacy }));
  return size;
}

/** Runs a RUN step; returns the legacy builder's log lines for it. */
function runStep(st: EngineState, profile: EngineProfile, b: BuildState, ins: Instruction, args: ArgScope, temps: string[], events: EngineEvent[]): string {
  const legacy = profile.builder === 'legacy';
  const argv = ins.json ?? ['/bin/sh', '-c', ins.rest];
  // Build args reach the RUN process as environment variables (ENV wins over ARG).
  const envNames = new Set(Object.keys(envMap(b.config)));
  const argEnv = args.declared.filter((a) => a.value !== undefined && !envNames.has(a.name)).map((a) => `${a.name}=${a.value}`);
  // The RUN container's image: BuildKit mounts no volumes, so its config has none.
  let imageId = b.parent;
  if (!legacy) {
    imageId = registerImage(st, { ...b, config: { ...b.config, Volumes: null } });
    temps.push(imageId);
  }
  let c;
  try {
    c = createContainer(
      st,
      { imageId, imageRef: imageId, cmd: argv, entrypoint: '', env: argEnv, tty: false, openStdin: false, binds: [], anonymous: [], mounts: [], tmpfs: {}, volumesFrom: [], readOnly: false, autoRemove: false, labels: {}, buildkitStep: !legacy },
      events,
    );
  } catch (e) {
    if (e instanceof DaemonError) throw new StepFailure(ins, e.message, e.message, 1);
    throw e;
  }
  let output = '';
  let r;
  try {
    r = startContainer(st, c, { attached: true, io: { stdin: '', stdout: (d) => (output += d), stderr: (d) => (output += d) } }, events);
  } catch (e) {
    // A USER the image's passwd/group files cannot resolve: neither builder's words for it are
    // recorded, so strata says so instead of guessing them (it was an internal error).
    if (!(e instanceof DaemonError)) throw e;
    removeContainer(st, c, { removeVolumes: true, by: 'build' }, events);
    throw new Refusal(`strata does not simulate a RUN step that cannot start (${e.message}): the builder's error for it is not recorded`);
  }
  const status = r.kind === 'running' ? 0 : r.status;
  const upper = c.upper;
  const short = c.id.slice(0, 12);
  let log = legacy ? ` ---> Running in ${short}\n${output}` : '';
  const shown = ins.json ? ins.json.join(' ') : `/bin/sh -c ${ins.rest}`;
  if (status !== 0) {
    // The legacy builder leaves the failed container behind; BuildKit's never was a container.
    if (!legacy) removeContainer(st, c, { removeVolumes: true, by: 'build' }, events);
    throw new StepFailure(ins, `${log}The command '${shown}' returned a non-zero code: ${status}`, `process "${shown}" did not complete successfully: exit code: ${status}`, status);
  }
  removeContainer(st, c, { removeVolumes: true, by: 'build' }, events);
  if (legacy) log += `Removing intermediate container ${short}\n`;
  const createdBy = argPrefix(profile, args, envNames) + shown;
  const empty = Object.keys(upper.entries).length === 0;
  if (empty && legacy) {
    b.history.push({ created: st.clock, createdBy, comment: '', emptyLayer: true, size: 0 });
    return log;
  }
  const size = addBuildLayer(st, profile, b, upper);
  b.history.push({ created: st.clock, createdBy: legacy ? createdBy : `RUN ${createdBy} # buildkit`, comment: legacy ? '' : 'buildkit.dockerfile.v0', emptyLayer: false, size });
  return log;
}

/**
 * The `|N K=V ... ` prefix of a RUN history row when build args are in scope: the legacy builder
 * lists those with a value that ENV does not override, sorted; BuildKit every declared one, in
 * declaration order.
 */
function argPrefix(profile: EngineProfile, args: ArgScope, envNames: Set<string>): string {
  const list = profile.builder === 'legacy'
    ? args.declared.filter((a) => a.value !== undefined && !envNames.has(a.name)).map((a) => `${a.name}=${a.value}`).sort()
    : args.declared.map((a) => `${a.name}=${a.value ?? ''}`);
  return list.length > 0 ? `|${list.length} ${list.join(' ')} ` : '';
}

/** `--chown=user[:group]` against the image's /etc/passwd and /etc/group. */
function resolveChown(fs: Namespace, spec: string, ins: Instruction): { uid: number; gid: number } {
  const [user, group] = spec.split(':');
  const table = (path: string): string[][] => {
    try {
      return fs.readFile(path).split('\n').filter((l) => l !== '').map((l) => l.split(':'));
    } catch {
      return [];
    }
  };
  const passwd = table('/etc/passwd');
  const groups = table('/etc/group');
  let uid: number;
  let primary: number | undefined;
  if (/^\d+$/.test(user)) uid = Number(user);
  else {
    const row = passwd.find((r) => r[0] === user);
    if (!row) throw new StepFailure(ins, `unable to convert uid/gid chown string to host mapping: can't find uid for user ${user}: no such user: ${user}`, `unable to convert uid/gid chown string to host mapping: can't find uid for user ${user}: no such user: ${user}`, 1);
    uid = Number(row[2]);
    primary = Number(row[3]);
  }
  if (group === undefined) return { uid, gid: primary ?? uid };
  if (/^\d+$/.test(group)) return { uid, gid: Number(group) };
  const row = groups.find((r) => r[0] === group);
  if (!row) throw new StepFailure(ins, `unable to convert uid/gid chown string to host mapping: can't find gid for group ${group}: no such group: ${group}`, `unable to convert uid/gid chown string to host mapping: can't find gid for group ${group}: no such group: ${group}`, 1);
  return { uid, gid: Number(row[2]) };
}

function copyStep(st: EngineState, profile: EngineProfile, b: BuildState, ins: Instruction, req: BuildRequest, env: Record<string, string>, ignore: DockerIgnore | undefined): void {
  const legacy = profile.builder === 'legacy';
  const raw = ins.json ?? splitWords(ins.rest);
  const flags = ins.json ? [] : raw.filter((w) => w.startsWith('--'));
  const words = ins.json ?? raw.filter((w) => !w.startsWith('--'));
  let chownSpec: string | undefined;
  for (const f of flags) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(f);
    if (m && m[1] === 'chown' && m[2] !== undefined) chownSpec = processWord(m[2], env);
    else throw new Refusal(`strata does not simulate \`${ins.cmd} ${f.split('=')[0]}\``);
  }
  if (words.length < 2) throw new StepFailure(ins, `${ins.cmd} requires at least two arguments`, `${ins.cmd} requires at least two arguments`, 1);
  const sources = words.slice(0, -1).map((s) => processWord(s, env));
  let dest = processWord(words[words.length - 1], env);
  if (!dest.startsWith('/')) dest = `${b.config.WorkingDir || '/'}/${dest}`.replace(/\/+/g, '/');
  if (!req.context) throw new Refusal(`strata does not simulate ${ins.cmd} without a build context (the Dockerfile came from stdin)`);
  if (sources.some((s) => /[*?[]/.test(s))) throw new Refusal(`strata does not simulate wildcards in ${ins.cmd} sources`);
  if (legacy && sources.length > 1 && !dest.endsWith('/')) {
    throw new StepFailure(ins, `When using ${ins.cmd} with more than one source file, the destination must be a directory and end with a /`, '', 1);
  }
  const upper = dir();
  const lowers = b.layers.map((l) => st.layers[l].tree).reverse();
  const fs = new Namespace([{ target: '/', backend: new UnionBackend(upper, lowers), readonly: false, source: 'overlay' }], { clock: () => st.clock });
  const owner = chownSpec === undefined ? { uid: 0, gid: 0 } : resolveChown(fs, chownSpec, ins);
  const ctx = req.context;
  const hashes: string[] = [];
  const destIsDir = dest.endsWith('/') || sources.length > 1;
  let kind: 'file' | 'dir' = 'file';
  for (const src of sources) {
    const rel = src.split('/').filter((p) => p !== '' && p !== '.').join('/');
    const from = rel === '' ? ctx.dir : `${ctx.dir}/${rel}`;
    if (!ctx.fs.exists(from) || (rel !== '' && ignore?.excludes(rel))) {
      throw new StepFailure(
        ins,
        `${ins.cmd} failed: file not found in build context or excluded by .dockerignore: stat ${src}: file does not exist`,
        `failed to compute cache key: "/${rel}": not found`,
        1,
      );
    }
    const isDir = ctx.fs.stat(from).kind === 'dir';
    if (src === sources[0]) kind = isDir ? 'dir' : 'file';
    // --chown: BuildKit gives every directory it creates the owner; the legacy builder only the
    // destination directory itself (its parents stay root's).
    const chownParents = chownSpec !== undefined && !legacy;
    if (isDir) {
      const to = dest.replace(/\/$/, '') || '/';
      mkdirAll(fs, to.slice(0, to.lastIndexOf('/')) || '/', 0o755, chownParents ? owner : undefined);
      copyTree(ctx.fs, from, rel, fs, to, owner, ignore);
      hashes.push(sha256Hex(from));
      continue;
    }
    if (ins.cmd === 'ADD' && isTarHeader(ctx.fs.readFile(from).slice(0, 512))) {
      // ADD unpacks a local tar archive into the destination directory, entries keeping their
      // mode and owner (unless --chown).
      const to = dest.replace(/\/$/, '') || '/';
      mkdirAll(fs, to, 0o755, chownSpec !== undefined ? owner : undefined);
      extractTar(fs, to, ctx.fs.readFile(from), chownSpec === undefined ? undefined : owner);
      hashes.push(sha256Hex(ctx.fs.readFile(from)));
      continue;
    }
    const target = destIsDir || (fs.exists(dest) && fs.stat(dest).kind === 'dir') ? `${dest.replace(/\/$/, '')}/${rel.split('/').pop()}` : dest;
    const parent = target.slice(0, target.lastIndexOf('/')) || '/';
    mkdirAll(fs, parent.slice(0, parent.lastIndexOf('/')) || '/', 0o755, chownParents ? owner : undefined);
    mkdirAll(fs, parent, 0o755, chownSpec !== undefined && (!legacy || destIsDir) ? owner : undefined);
    copyTree(ctx.fs, from, rel, fs, target, owner, ignore);
    hashes.push(sha256Hex(ctx.fs.readFile(from)));
  }
  const size = addBuildLayer(st, profile, b, upper);
  b.history.push({
    created: st.clock,
    createdBy: legacy ? `/bin/sh -c #(nop) ${ins.cmd} ${kind}:${hashes[0]} in ${dest} ` : `${ins.cmd} ${words.join(' ')} # buildkit`,
    comment: legacy ? '' : 'buildkit.dockerfile.v0',
    emptyLayer: false,
    size,
  });
}

/**
 * WORKDIR makes the (cleaned) directory. BuildKit always commits a layer for it, empty when the
 * directory exists already; the legacy builder commits its step container, which adds a layer
 * only when the directory was missing (core/workdir-clean: three images deleted, not two).
 */
function workdirStep(st: EngineState, b: BuildState, alwaysLayer: boolean): void {
  const upper = dir();
  const lowers = b.layers.map((l) => st.layers[l].tree).reverse();
  const fs = new Namespace([{ target: '/', backend: new UnionBackend(upper, lowers), readonly: false, source: 'overlay' }], { clock: () => st.clock });
  const wd = b.config.WorkingDir;
  const created = !fs.exists(normalize(wd));
  mkdirAll(fs, normalize(wd));
  const legacyText = `/bin/sh -c #(nop) WORKDIR ${wd}`;
  if (!alwaysLayer && !created) {
    b.history.push({ created: st.clock, createdBy: legacyText, comment: '', emptyLayer: true, size: 0 });
    return;
  }
  // BuildKit's build cache holds the layer; the legacy builder's step image is all that does.
  b.layers.push(addLayer(st, b.layers, upper, { size: 0, cached: alwaysLayer }));
  b.history.push({ created: st.clock, createdBy: alwaysLayer ? `WORKDIR ${wd}` : legacyText, comment: alwaysLayer ? 'buildkit.dockerfile.v0' : '', emptyLayer: false, size: 0 });
}

/**
 * Copy a context entry. A directory that already exists keeps its mode and owner (`ADD dir /tmp`
 * leaves /tmp 1777); the ones the copy creates take the source's mode. Everything copied is
 * owned by the --chown owner (root without it). Entries .dockerignore excludes are not there.
 */
function copyTree(src: Vfs, from: string, rel: string, dst: Namespace, to: string, owner: { uid: number; gid: number }, ignore: DockerIgnore | undefined): void {
  if (rel !== '' && ignore?.excludes(rel)) return;
  const s = src.lstat(from);
  if (s.kind === 'dir') {
    if (!dst.exists(to)) {
      dst.mkdir(to, 0o755);
      dst.chmod(to, s.mode);
      dst.chown(to, owner.uid, owner.gid);
    }
    for (const name of src.readdir(from).sort()) copyTree(src, `${from}/${name}`, rel === '' ? name : `${rel}/${name}`, dst, `${to}/${name}`, owner, ignore);
    return;
  }
  if (s.kind === 'symlink' && s.target !== undefined) {
    dst.symlink(s.target, to);
    dst.chown(to, owner.uid, owner.gid, true);
    return;
  }
  dst.writeFile(to, src.readFile(from));
  dst.chmod(to, s.mode);
  dst.chown(to, owner.uid, owner.gid);
}

function extractTar(fs: Namespace, to: string, archive: string, owner: { uid: number; gid: number } | undefined): void {
  for (const e of readTar(archive)) {
    const path = `${to === '/' ? '' : to}/${e.name.replace(/^\.?\/+/, '')}`.replace(/\/+$/, '');
    if (path === '' || path === to) continue;
    mkdirAll(fs, path.slice(0, path.lastIndexOf('/')) || '/', 0o755, owner);
    if (e.type === 'dir') {
      if (!fs.exists(path)) fs.mkdir(path, 0o755);
    } else if (e.type === 'symlink' && e.linkname !== undefined) {
      fs.symlink(e.linkname, path);
      fs.chown(path, owner?.uid ?? e.uid, owner?.gid ?? e.gid, true);
      continue;
    } else if (e.type === 'file') fs.writeFile(path, e.data ?? '');
    else throw new Refusal(`strata does not simulate ADD of a tar archive holding ${e.type} entries`);
    fs.chmod(path, e.mode);
    fs.chown(path, owner?.uid ?? e.uid, owner?.gid ?? e.gid);
  }
}

function cleanupTemps(st: EngineState, temps: string[]): void {
  for (const id of temps) {
    if (!Object.values(st.tags).includes(id)) delete st.images[id];
  }
  temps.length = 0;
}

/**
 * BuildKit's error excerpt (buildx errdefs Source.Print): the failing line plus up to 4 lines of
 * context, added alternately before and after, the file's final empty line included.
 */
export function sourceExcerpt(dockerfile: string, line: number): string {
  const lines = dockerfile.split('\n');
  let start = line;
  let end = line;
  for (let p = 0; p < 4; ) {
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
  let out = `Dockerfile:${line}\n--------------------\n`;
  for (let i = start; i <= end; i++) out += `${String(i).padStart(4)} | ${i === line ? '>>>' : '   '} ${lines[i - 1]}\n`;
  return out + '--------------------\n';
}

/** BuildKit's suggest.WrapError: the closest name within Levenshtein distance 2, same case. */
function suggest(word: string, options: string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let min = 3;
  for (const opt of options) {
    const d = levenshtein(lower, opt.toLowerCase());
    if (d < min) {
      min = d;
      best = opt;
    }
  }
  if (best === undefined) return undefined;
  if (word === word.toLowerCase()) return best.toLowerCase();
  if (word === word.toUpperCase()) return best.toUpperCase();
  return best;
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Deep copy of plain data (drafts included: structuredClone refuses immer proxies). */
function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
