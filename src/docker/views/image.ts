// `docker image inspect` (the daemon's ImageInspect) and rows for `docker images`/`history`.

import type { EngineProfile } from '../../engine/profile.ts';
import type { EngineState, Image, ImageConfig } from '../../engine/state.ts';
import { GoNil, NIL_MAP, NIL_PTR, NIL_SLICE, type GoValue, stringMap } from '../format/value.ts';
import { digestRefsOf, imageSize, tagsOf } from '../../image/store.ts';
import { rfc3339 } from './time.ts';
import { apiJson } from '../format/json.ts';
import { healthView } from './health.ts';

/**
 * The image Config. Both daemons send every field (moby container.Config order); the 28.2 client
 * decodes it into the OCI image config (DockerOCIImageConfig) and re-encodes that with
 * omitempty, so `{{json .Config}}` shows only the set fields, in the OCI order
 * (image-layers/buildkit-image-config, probe image-inspect-misc).
 */
export function configView(cfg: ImageConfig, profile: EngineProfile, daemonJson = false): GoValue {
  const volumes = cfg.Volumes ? new Map(Object.keys(cfg.Volumes).map((k) => [k, {}])) : NIL_MAP;
  const ports = cfg.ExposedPorts && Object.keys(cfg.ExposedPorts).length > 0 ? new Map(Object.keys(cfg.ExposedPorts).sort().map((k) => [k, {}])) : undefined;
  const labels = stringMap(cfg.Labels ?? null);
  // Templates see every field with Go's zero values (`{{.Config.ExposedPorts}}` is map[] when
  // the image exposes nothing); only the JSON encoding leaves omitempty fields out.
  const full: Record<string, GoValue> = {
    Hostname: '',
    Domainname: '',
    User: cfg.User,
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    ExposedPorts: ports ?? NIL_MAP,
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: cfg.Env ?? NIL_SLICE,
    Cmd: cfg.Cmd ?? NIL_SLICE,
    Healthcheck: cfg.Healthcheck ? healthView(cfg.Healthcheck, profile) : NIL_PTR,
    ArgsEscaped: cfg.ArgsEscaped ?? false,
    Image: cfg.Image ?? '',
    Volumes: volumes,
    WorkingDir: cfg.WorkingDir,
    Entrypoint: cfg.Entrypoint ?? NIL_SLICE,
    OnBuild: cfg.OnBuild ?? NIL_SLICE,
    Labels: labels,
    StopSignal: cfg.StopSignal,
    Shell: cfg.Shell ?? NIL_SLICE,
  };
  // daemonJson: what the daemon sent, before the 28.2 client re-encodes it (inspect's raw JSON).
  if (profile.client === '20.10' || daemonJson) {
    // moby container.Config: ExposedPorts, ArgsEscaped and StopSignal are omitempty.
    const json: Record<string, GoValue | undefined> = {
      ...full,
      ExposedPorts: ports,
      Healthcheck: cfg.Healthcheck ? full.Healthcheck : undefined,
      ArgsEscaped: cfg.ArgsEscaped || undefined,
      StopSignal: cfg.StopSignal || undefined,
      Shell: cfg.Shell && cfg.Shell.length > 0 ? cfg.Shell : undefined,
    };
    const view = { ...full };
    Object.defineProperty(view, 'MarshalJSON', { value: () => apiJson(stripUndefined(json)), enumerable: false });
    return view;
  }
  const oci: Record<string, GoValue | undefined> = {
    User: cfg.User,
    ExposedPorts: ports,
    Env: cfg.Env ?? NIL_SLICE,
    Entrypoint: cfg.Entrypoint ?? NIL_SLICE,
    Cmd: cfg.Cmd ?? NIL_SLICE,
    Volumes: volumes,
    WorkingDir: cfg.WorkingDir,
    Labels: labels,
    StopSignal: cfg.StopSignal,
    ArgsEscaped: cfg.ArgsEscaped ?? false,
    // DockerOCIImageConfigExt, after the OCI fields
    Healthcheck: full.Healthcheck,
    OnBuild: full.OnBuild,
    Shell: full.Shell,
  };
  // Templates still see every field; only the JSON encoding omits the empty ones.
  const omit: Record<string, GoValue> = {};
  for (const [k, v] of Object.entries(oci)) {
    if (v === '' || v === false || v instanceof GoNil || v === undefined) continue;
    omit[k] = v;
  }
  const view = { ...full };
  Object.defineProperty(view, 'MarshalJSON', { value: () => apiJson(omit), enumerable: false });
  return view;
}

/** Fields with omitempty that are empty are left out of the struct's JSON. */
function stripUndefined(o: Record<string, GoValue | undefined>): GoValue {
  const r: Record<string, GoValue> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) r[k] = v;
  return r;
}

/** `daemonJson`: the daemon's own JSON (the raw element docker inspect's template falls back to). */
export function inspectImage(st: EngineState, image: Image, profile: EngineProfile, daemonJson = false): GoValue {
  const tags = tagsOf(st, image.id);
  return {
    Id: `sha256:${image.id}`,
    RepoTags: tags,
    RepoDigests: digestRefsOf(st, image.id),
    Parent: image.parent ? `sha256:${image.parent}` : '',
    Comment: image.comment,
    Created: rfc3339(image.created, true),
    DockerVersion: profile.client === '20.10' ? '20.10.24+dfsg1' : '',
    Author: image.author ?? '',
    // The 20.10 daemon still sends the config of the container that made the image; the
    // base image (loaded from an archive) has an empty one (Cmd null).
    ...(profile.client === '20.10' ? { ContainerConfig: configView({ ...image.config, Cmd: null, Env: null, Entrypoint: null, Volumes: null, Labels: null, User: '', WorkingDir: '', Image: '', ExposedPorts: null }, profile) } : {}),
    Config: configView(image.config, profile, daemonJson),
    Architecture: 'amd64',
    Os: 'linux',
    Size: imageSize(st, image),
    VirtualSize: imageSize(st, image),
    GraphDriver: { Data: NIL_MAP, Name: 'overlay2' },
    RootFS: { Type: 'layers', Layers: image.layers.map((l) => `sha256:${l}`) },
    Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
  };
}
