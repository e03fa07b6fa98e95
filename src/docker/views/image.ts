// `docker image inspect` (the daemon's ImageInspect) and rows for `docker images`/`history`.

import type { EngineProfile } from '../../engine/profile.ts';
import type { EngineState, Image, ImageConfig } from '../../engine/state.ts';
import { NIL_MAP, NIL_SLICE, type GoValue } from '../format/value.ts';
import { imageSize, tagsOf } from '../../image/store.ts';
import { rfc3339 } from './time.ts';
import { apiJson } from '../format/json.ts';

/**
 * The image Config. Both daemons send every field; the 28.2 client re-encodes the struct with
 * omitempty, so empty fields vanish from `{{json .Config}}` (image-layers/buildkit-image-config).
 */
export function configView(cfg: ImageConfig, profile: EngineProfile): GoValue {
  const full: Record<string, GoValue | undefined> = {
    Hostname: '',
    Domainname: '',
    User: cfg.User,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: cfg.Env ?? NIL_SLICE,
    Cmd: cfg.Cmd ?? NIL_SLICE,
    Image: '',
    Volumes: cfg.Volumes ? new Map(Object.keys(cfg.Volumes).map((k) => [k, {}])) : NIL_MAP,
    WorkingDir: cfg.WorkingDir,
    Entrypoint: cfg.Entrypoint ?? NIL_SLICE,
    OnBuild: NIL_SLICE,
    Labels: cfg.Labels ? new Map(Object.entries(cfg.Labels)) : NIL_MAP,
    StopSignal: cfg.StopSignal || undefined,
  };
  if (profile.client === '20.10') return full as GoValue;
  // Templates still see every field; only the JSON encoding omits the empty ones.
  const omit: Record<string, GoValue> = {};
  for (const [k, v] of Object.entries(full)) {
    if (v === '' || v === false || v === NIL_SLICE || v === NIL_MAP || v === undefined) continue;
    omit[k] = v;
  }
  Object.defineProperty(full, 'MarshalJSON', { value: () => apiJson(omit), enumerable: false });
  return full as GoValue;
}

export function inspectImage(st: EngineState, image: Image, profile: EngineProfile): GoValue {
  const tags = tagsOf(st, image.id);
  return {
    Id: `sha256:${image.id}`,
    RepoTags: tags,
    RepoDigests: [],
    Parent: image.parent ? `sha256:${image.parent}` : '',
    Comment: image.comment,
    Created: rfc3339(image.created, true),
    DockerVersion: profile.client === '20.10' ? '20.10.24+dfsg1' : '',
    Author: '',
    Config: configView(image.config, profile),
    Architecture: 'amd64',
    Os: 'linux',
    Size: imageSize(st, image),
    VirtualSize: imageSize(st, image),
    GraphDriver: { Data: NIL_MAP, Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: image.layers.map((l) => `sha256:${l}`) },
    Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
  };
}
