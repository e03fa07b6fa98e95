// `docker commit -c 'INSTRUCTION'` (and `docker import -c`): the daemon applies a Dockerfile
// instruction to the image config (moby dockerfile.BuildFromConfig). Only the config-changing
// instructions are allowed.

import type { ImageConfig } from '../engine/state.ts';
import { DockerfileError, parseDockerfile, parseKeyValues, processWord, splitWords } from './build/dockerfile.ts';

const ALLOWED = ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];

function envOf(cfg: ImageConfig): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of cfg.Env ?? []) env[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
  return env;
}

/** The new config, or the daemon's error message. */
export function applyCommitChange(cfg: ImageConfig, change: string, asWritten: boolean): ImageConfig | string {
  let ins;
  try {
    ins = parseDockerfile(change)[0];
  } catch (e) {
    // BuildFromConfig checks each parsed line against the allowed commands before anything
    // knows the instruction: an unknown word is refused like a disallowed one (recorded:
    // image-layers/import-changes).
    if (e instanceof DockerfileError) return `${asWritten ? e.word : e.word.toLowerCase()} is not a valid change command`;
    return `dockerfile parse error line 1: ${(e as Error).message}`;
  }
  if (!ins) return cfg;
  if (!ALLOWED.includes(ins.cmd)) return `${asWritten ? ins.original.split(/\s/)[0] : ins.cmd.toLowerCase()} is not a valid change command`;
  const env = envOf(cfg);
  const next: ImageConfig = { ...cfg };
  switch (ins.cmd) {
    case 'CMD':
      next.Cmd = ins.json ?? ['/bin/sh', '-c', ins.rest];
      break;
    case 'ENTRYPOINT':
      next.Entrypoint = ins.json ?? ['/bin/sh', '-c', ins.rest];
      break;
    case 'ENV': {
      const list = [...(cfg.Env ?? [])];
      for (const [k, v] of parseKeyValues(ins.rest, env)) {
        const i = list.findIndex((e) => e.startsWith(k + '='));
        if (i >= 0) list[i] = `${k}=${v}`;
        else list.push(`${k}=${v}`);
      }
      next.Env = list;
      break;
    }
    case 'LABEL':
      next.Labels = { ...(cfg.Labels ?? {}), ...Object.fromEntries(parseKeyValues(ins.rest, env)) };
      break;
    case 'VOLUME': {
      const paths = ins.json ?? splitWords(ins.rest).map((w) => processWord(w, env));
      next.Volumes = { ...(cfg.Volumes ?? {}), ...Object.fromEntries(paths.map((p) => [p, {}])) };
      break;
    }
    case 'WORKDIR': {
      const wd = processWord(ins.rest, env);
      next.WorkingDir = wd.startsWith('/') ? wd : `${cfg.WorkingDir || '/'}/${wd}`.replace(/\/+/g, '/');
      break;
    }
    case 'USER':
      next.User = processWord(ins.rest, env);
      break;
    case 'STOPSIGNAL':
      next.StopSignal = processWord(ins.rest, env);
      break;
    case 'EXPOSE': {
      const ports = splitWords(ins.rest).map((w) => processWord(w, env)).map((p) => (p.includes('/') ? p : `${p}/tcp`));
      next.ExposedPorts = { ...(cfg.ExposedPorts ?? {}), ...Object.fromEntries(ports.map((p) => [p, {}])) };
      break;
    }
    default:
      return `strata does not simulate \`${ins.cmd}\` in docker commit -c`;
  }
  return next;
}

/**
 * Every `--change` of `docker commit` or `docker import`, in order, over `cfg` (moby
 * builder/dockerfile BuildFromConfig, which both daemon handlers call with the request's list):
 * the final config, or the daemon's error for the first change it refuses.
 */
export function applyCommitChanges(cfg: ImageConfig, changes: readonly string[], asWritten: boolean): { config: ImageConfig } | { error: string } {
  let config = cfg;
  for (const change of changes) {
    const r = applyCommitChange(config, change, asWritten);
    if (typeof r === 'string') return { error: r };
    config = r;
  }
  return { config };
}
