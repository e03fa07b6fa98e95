// `docker build`: one step per instruction. RUN runs in a temporary container of the image
// built so far, and its writable layer becomes the next image layer. The two builders differ
// (EngineProfile.builder): the legacy builder runs RUN containers with the image's VOLUMEs
// mounted as anonymous volumes (so later changes under them are discarded), keeps every step as
// an intermediate image, and skips empty layers; BuildKit mounts no volumes, keeps no
// intermediates, adds PATH to Env, and keeps even empty RUN layers.

import { dir, treeSize, type DirNode } from '../../fs/node.ts';
import { fromBytes, toBytes } from '../../fs/bytes.ts';
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
import { addLayer } from '../layers.ts';
import { DEFAULT_PATH } from '../base.ts';
import { parseDockerfile, parseKeyValues, substitute, type Instruction } from './dockerfile.ts';
import type { Vfs } from '../../fs/vfs.ts';

export interface BuildRequest {
  dockerfile: string;
  /** Build context on the host (undefined for `docker build - <<EOF`). */
  context?: { fs: Vfs; dir: string };
  tag?: string;
}

export type BuildResult = { ok: true; imageId: string; log: string } | { ok: false; error: string; status: number; log: string };

interface BuildState {
  layers: string[];
  config: ImageConfig;
  history: HistoryEntry[];
  parent: string;
}

class StepFailure extends Error {
  constructor(
    readonly instruction: Instruction,
    readonly detail: string,
    readonly code: number,
  ) {
    super(detail);
  }
}

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

export function build(st: EngineState, profile: EngineProfile, req: BuildRequest, events: EngineEvent[]): BuildResult {
  const legacy = profile.builder === 'legacy';
  let instructions: Instruction[];
  try {
    instructions = parseDockerfile(req.dockerfile);
  } catch (e) {
    return { ok: false, error: (e as Error).message, status: 1, log: '' };
  }
  const from = instructions[0];
  if (!from || from.cmd !== 'FROM') return { ok: false, error: 'failed to parse Dockerfile: no FROM', status: 1, log: '' };
  const base = findImage(st, from.rest.split(/\s+/)[0]);
  if (!base) {
    return { ok: false, error: 'Get "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused', status: 1, log: '' };
  }
  const b: BuildState = {
    layers: [...base.layers],
    config: cloneJson(base.config),
    history: base.history.map((h) => ({ ...h, imageId: undefined })),
    parent: base.id,
  };
  b.history[b.history.length - 1].imageId = base.id;
  if (!legacy && !(b.config.Env ?? []).some((e) => e.startsWith('PATH='))) {
    b.config.Env = [DEFAULT_PATH, ...(b.config.Env ?? [])];
  }
  const temps: string[] = [];
  const total = instructions.length;
  let log = legacy ? `Sending build context to Docker daemon  2.048kB\nStep 1/${total} : ${from.original}\n ---> ${base.id.slice(0, 12)}\n` : '';
  let lastId = base.id;
  let cmdSetHere = false;
  try {
    instructions.slice(1).forEach((ins, idx) => {
      if (legacy) log += `Step ${idx + 2}/${total} : ${ins.original}\n`;
      const env = envMap(b.config);
      const nop = (text: string, legacyText = `/bin/sh -c #(nop)  ${text}`) => {
        b.history.push({ created: st.clock, createdBy: legacy ? legacyText : text, comment: legacy ? '' : 'buildkit.dockerfile.v0', emptyLayer: true, size: 0 });
      };
      switch (ins.cmd) {
        case 'ENV': {
          const pairs = parseKeyValues(ins.rest).map(([k, v]) => [k, substitute(v, env)] as const);
          const list = [...(b.config.Env ?? [])];
          if (legacy && !list.some((e) => e.startsWith('PATH='))) list.unshift(DEFAULT_PATH);
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
          const pairs = parseKeyValues(ins.rest);
          b.config.Labels = { ...(b.config.Labels ?? {}), ...Object.fromEntries(pairs) };
          nop(`LABEL ${pairs.map(([k, v]) => `${k}=${v}`).join(' ')}`);
          break;
        }
        case 'WORKDIR': {
          const wd = substitute(ins.rest, env);
          b.config.WorkingDir = wd.startsWith('/') ? wd : `${b.config.WorkingDir || '/'}/${wd}`.replace(/\/+/g, '/');
          if (profile.workdirLayer) workdirLayer(st, b);
          else nop(`WORKDIR ${b.config.WorkingDir}`, `/bin/sh -c #(nop) WORKDIR ${b.config.WorkingDir}`);
          break;
        }
        case 'USER':
          b.config.User = substitute(ins.rest, env);
          nop(`USER ${b.config.User}`);
          break;
        case 'STOPSIGNAL':
          b.config.StopSignal = ins.rest;
          nop(`STOPSIGNAL ${ins.rest}`);
          break;
        case 'EXPOSE':
        case 'ARG':
        case 'MAINTAINER':
          nop(`${ins.cmd} ${ins.rest}`);
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
          nop(`${ins.cmd} ${goList(words)}`);
          break;
        }
        case 'VOLUME': {
          const paths = ins.json ?? ins.rest.split(/\s+/).filter((p) => p !== '');
          if (paths.some((p) => p === '')) throw new StepFailure(ins, 'VOLUME specified can not be an empty string', 1);
          b.config.Volumes = { ...(b.config.Volumes ?? {}), ...Object.fromEntries(paths.map((p) => [substitute(p, env), {}])) };
          nop(`VOLUME ${goList(paths)}`.replace(/"/g, ''));
          break;
        }
        case 'RUN':
          runStep(st, profile, b, ins, temps, events);
          break;
        case 'COPY':
        case 'ADD':
          copyStep(st, profile, b, ins, req);
          break;
        default:
          throw new StepFailure(ins, `strata does not simulate the ${ins.cmd} instruction`, 1);
      }
      if (legacy) {
        const id = registerImage(st, b);
        b.history[b.history.length - 1].imageId = id;
        b.parent = id;
        lastId = id;
        log += ` ---> ${id.slice(0, 12)}\n`;
      }
    });
  } catch (e) {
    cleanupTemps(st, temps, events);
    if (e instanceof StepFailure) {
      if (legacy) {
        return { ok: false, error: `The command '${e.detail}' returned a non-zero code: ${e.code}`, status: e.code, log };
      }
      return { ok: false, error: buildkitError(req.dockerfile, e), status: 1, log: '' };
    }
    throw e;
  }
  cleanupTemps(st, temps, events);
  const finalId = legacy ? lastId : registerImage(st, b);
  if (!legacy) {
    // BuildKit keeps no intermediate images: only the final one has an ID in history.
    b.history.forEach((h) => (h.imageId = undefined));
    st.images[finalId].history = b.history.map((h, i) => ({ ...h, imageId: i === b.history.length - 1 ? finalId : undefined }));
  }
  if (req.tag) st.tags[req.tag.includes(':') ? req.tag : `${req.tag}:latest`] = finalId;
  events.push({ type: 'image-built', image: finalId, tag: req.tag });
  if (legacy) log += `Successfully built ${finalId.slice(0, 12)}\n` + (req.tag ? `Successfully tagged ${req.tag.includes(':') ? req.tag : req.tag + ':latest'}\n` : '');
  return { ok: true, imageId: finalId, log };
}

function registerImage(st: EngineState, b: BuildState): string {
  const id = imageIdFor(b);
  if (!st.images[id]) {
    const history = b.history.map((h) => ({ ...h }));
    history[history.length - 1].imageId = id;
    const image: Image = {
      id,
      layers: [...b.layers],
      config: cloneJson(b.config),
      history,
      created: st.clock,
      parent: b.parent,
      comment: '',
    };
    st.images[id] = image;
  }
  return id;
}

function addBuildLayer(st: EngineState, b: BuildState, tree: DirNode): void {
  b.layers.push(addLayer(st, b.layers, tree));
}

function runStep(st: EngineState, profile: EngineProfile, b: BuildState, ins: Instruction, temps: string[], events: EngineEvent[]): void {
  const legacy = profile.builder === 'legacy';
  const argv = ins.json ?? ['/bin/sh', '-c', ins.rest];
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
      { imageId, imageRef: imageId, cmd: argv, entrypoint: '', env: [], tty: false, openStdin: false, binds: [], anonymous: [], mounts: [], tmpfs: {}, volumesFrom: [], readOnly: false, autoRemove: false, labels: {} },
      events,
    );
  } catch (e) {
    if (e instanceof DaemonError) throw new StepFailure(ins, e.message, 1);
    throw e;
  }
  let output = '';
  const r = startContainer(st, c, { attached: true, io: { stdin: '', stdout: (d) => (output += d), stderr: (d) => (output += d) } }, events);
  const status = r.kind === 'running' ? 0 : r.status;
  const upper = c.upper;
  removeContainer(st, c, { removeVolumes: true }, events);
  void fromBytes(output);
  const shown = ins.json ? ins.json.join(' ') : `/bin/sh -c ${ins.rest}`;
  if (status !== 0) throw new StepFailure(ins, shown, status);
  const empty = Object.keys(upper.entries).length === 0;
  const size = treeSize(upper);
  if (empty && legacy) {
    b.history.push({ created: st.clock, createdBy: shown, comment: '', emptyLayer: true, size: 0 });
    return;
  }
  addBuildLayer(st, b, upper);
  b.history.push({ created: st.clock, createdBy: legacy ? shown : `RUN ${shown} # buildkit`, comment: legacy ? '' : 'buildkit.dockerfile.v0', emptyLayer: false, size });
}

function copyStep(st: EngineState, profile: EngineProfile, b: BuildState, ins: Instruction, req: BuildRequest): void {
  const legacy = profile.builder === 'legacy';
  const words = ins.json ?? ins.rest.split(/\s+/).filter((w) => !w.startsWith('--'));
  if (words.length < 2) throw new StepFailure(ins, `${ins.cmd} requires at least two arguments`, 1);
  const env = envMap(b.config);
  const sources = words.slice(0, -1).map((s) => substitute(s, env));
  let dest = substitute(words[words.length - 1], env);
  if (!dest.startsWith('/')) dest = `${b.config.WorkingDir || '/'}/${dest}`.replace(/\/+/g, '/');
  if (!req.context) throw new StepFailure(ins, `${ins.cmd} failed: no build context (the Dockerfile came from stdin)`, 1);
  const upper = dir();
  const lowers = b.layers.map((l) => st.layers[l].tree).reverse();
  const fs = new Namespace([{ target: '/', backend: new UnionBackend(upper, lowers), readonly: false, source: 'overlay' }], { clock: () => st.clock });
  const ctx = req.context;
  const hashes: string[] = [];
  const destIsDir = dest.endsWith('/') || sources.length > 1;
  for (const src of sources) {
    const from = `${ctx.dir}/${src}`.replace(/\/+/g, '/');
    if (!ctx.fs.exists(from)) throw new StepFailure(ins, `failed to compute cache key: "/${src}": not found`, 1);
    const target = destIsDir || (fs.exists(dest) && fs.stat(dest).kind === 'dir') ? `${dest.replace(/\/$/, '')}/${src.split('/').pop()}` : dest;
    mkdirP(fs, target.slice(0, target.lastIndexOf('/')) || '/');
    copyTree(ctx.fs, from, fs, ctx.fs.stat(from).kind === 'dir' ? dest.replace(/\/$/, '') : target);
    hashes.push(sha256Hex(ctx.fs.stat(from).kind === 'dir' ? from : ctx.fs.readFile(from)));
  }
  addBuildLayer(st, b, upper);
  const size = treeSize(upper);
  const kind = ctx.fs.stat(`${ctx.dir}/${sources[0]}`).kind === 'dir' ? 'dir' : 'file';
  b.history.push({
    created: st.clock,
    createdBy: legacy ? `/bin/sh -c #(nop) ${ins.cmd} ${kind}:${hashes[0]} in ${dest} ` : `${ins.cmd} ${words.join(' ')} # buildkit`,
    comment: legacy ? '' : 'buildkit.dockerfile.v0',
    emptyLayer: false,
    size,
  });
  void toBytes;
}

/** BuildKit: WORKDIR makes the directory in a layer of its own, empty when it exists already. */
function workdirLayer(st: EngineState, b: BuildState): void {
  const upper = dir();
  const lowers = b.layers.map((l) => st.layers[l].tree).reverse();
  const fs = new Namespace([{ target: '/', backend: new UnionBackend(upper, lowers), readonly: false, source: 'overlay' }], { clock: () => st.clock });
  mkdirP(fs, b.config.WorkingDir);
  addBuildLayer(st, b, upper);
  b.history.push({ created: st.clock, createdBy: `WORKDIR ${b.config.WorkingDir}`, comment: 'buildkit.dockerfile.v0', emptyLayer: false, size: 0 });
}

function mkdirP(fs: Namespace, path: string): void {
  let cur = '';
  for (const part of path.split('/').filter((p) => p !== '')) {
    cur += '/' + part;
    if (!fs.exists(cur)) fs.mkdir(cur, 0o755);
  }
}

function copyTree(src: Vfs, from: string, dst: Namespace, to: string): void {
  const s = src.stat(from);
  if (s.kind === 'dir') {
    if (!dst.exists(to)) dst.mkdir(to, 0o755);
    dst.chmod(to, s.mode);
    for (const name of src.readdir(from).sort()) copyTree(src, `${from}/${name}`, dst, `${to}/${name}`);
    return;
  }
  dst.writeFile(to, src.readFile(from));
  dst.chmod(to, s.mode);
  dst.chown(to, 0, 0);
}

function cleanupTemps(st: EngineState, temps: string[], events: EngineEvent[]): void {
  void events;
  for (const id of temps) {
    if (!Object.values(st.tags).includes(id)) delete st.images[id];
  }
  temps.length = 0;
}

function buildkitError(dockerfile: string, e: StepFailure): string {
  const lines = dockerfile.split('\n');
  const n = e.instruction.line;
  const first = Math.max(1, n - 4);
  const last = Math.min(lines.length, n + 1);
  let out = `Dockerfile:${n}\n--------------------\n`;
  for (let i = first; i <= last; i++) {
    const num = String(i).padStart(4);
    out += `${num} | ${i === n ? '>>>' : '   '} ${lines[i - 1]}\n`;
  }
  out += '--------------------\n';
  const detail = e.code === 1 && !e.detail.startsWith('/') && !e.instruction.json ? e.detail : `process "${e.detail}" did not complete successfully: exit code: ${e.code}`;
  return out + `ERROR: failed to solve: ${detail}`;
}

/** Deep copy of plain data (drafts included: structuredClone refuses immer proxies). */
function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
