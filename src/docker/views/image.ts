// `docker image inspect` (the daemon's ImageInspect) and rows for `docker images`/`history`.

import { dockerVersion } from '../../image/config-json.ts';
import type { EngineProfile } from '../../engine/profile.ts';
import type { EngineState, Image, ImageConfig } from '../../engine/state.ts';
import { GoNil, NIL_MAP, NIL_PTR, NIL_SLICE, type GoValue, stringMap, stringSet, stringSlice } from '../format/value.ts';
import { digestRefsOf, tagsOf } from '../../image/store.ts';
import { alt, holdsReal, shownCreatedNano, shownId, shownSize } from '../../image/real.ts';
import { rfc3339 } from './time.ts';
import { apiJson, ownMarshalJSON } from '../format/json.ts';
import { healthView } from './health.ts';
import { sha256Hex } from '../../engine/ids.ts';
import { DATA_ROOT } from '../../engine/data-root.ts';
import { BASE_IMAGE_ID } from '../../image/base.ts';
import { REAL_BASE_IMAGE_ID } from '../../image/busybox-real.ts';
import { omitEmpty } from './omitempty.ts';

/**
 * The overlay2 directory of an image layer: the daemon names it with a random cache ID; here a
 * digest of the layer's ID, so an image and the containers on it name the same directory.
 */
export function layerDir(layerId: string): string {
  return `${DATA_ROOT}/overlay2/${sha256Hex(`overlay2 cache-id ${layerId}`)}`;
}

/**
 * overlay2's GetMetadata for an image's top layer: UpperDir, WorkDir, MergedDir of that layer,
 * and the layers below it top-down in LowerDir (none for a single layer; recorded:
 * inspect/inspect-graph-driver). Keys in Go's map order (sorted).
 */
function imageGraphDriverData(layers: readonly string[]): GoValue {
  if (layers.length === 0) return NIL_MAP;
  const top = layerDir(layers[layers.length - 1]);
  const lower = layers.slice(0, -1).reverse().map((l) => `${layerDir(l)}/diff`).join(':');
  return stringMap({ ...(lower === '' ? {} : { LowerDir: lower }), MergedDir: `${top}/merged`, UpperDir: `${top}/diff`, WorkDir: `${top}/work` });
}

/**
 * The image Config. Both daemons send every field (moby container.Config order); the 28.2 client
 * decodes it into the OCI image config (DockerOCIImageConfig) and re-encodes that with
 * omitempty, so `{{json .Config}}` shows only the set fields, in the OCI order
 * (image-layers/buildkit-image-config, probe image-inspect-misc).
 */
export function configView(cfg: ImageConfig, profile: EngineProfile, daemonJson = false): GoValue {
  // The 20.10 client's image Config is the API's container.Config (strslice.StrSlice commands,
  // nat.PortSet); the 28.2 client's the OCI image config, plain []string and sets (recorded:
  // inspect/template-typed-values).
  const api = profile.client === '20.10';
  const command = api ? 'strslice.StrSlice' : '[]string';
  const volumes = stringSet(cfg.Volumes ? Object.keys(cfg.Volumes) : null);
  const portKeys = cfg.ExposedPorts && Object.keys(cfg.ExposedPorts).length > 0 ? Object.keys(cfg.ExposedPorts).sort() : undefined;
  const ports = portKeys && stringSet(portKeys, api ? 'nat.PortSet' : 'map[string]struct {}');
  const labels = stringMap(cfg.Labels ?? null);
  // Templates see every field with Go's zero values (`{{.Config.ExposedPorts}}` is map[] when
  // the image exposes nothing); only the JSON encoding leaves omitempty fields out.
  // a committed image keeps its container's fields (ImageConfig.fromContainer)
  const own = cfg.fromContainer;
  const full: Record<string, GoValue> = {
    Hostname: own?.Hostname ?? '',
    Domainname: own?.Domainname ?? '',
    User: cfg.User,
    AttachStdin: own?.AttachStdin ?? false,
    AttachStdout: own?.AttachStdout ?? false,
    AttachStderr: own?.AttachStderr ?? false,
    ExposedPorts: ports ?? stringSet(null, api ? 'nat.PortSet' : 'map[string]struct {}'),
    Tty: own?.Tty ?? false,
    OpenStdin: own?.OpenStdin ?? false,
    StdinOnce: own?.StdinOnce ?? false,
    Env: stringSlice(cfg.Env ?? null),
    Cmd: stringSlice(cfg.Cmd ?? null, command),
    Healthcheck: cfg.Healthcheck ? healthView(cfg.Healthcheck, profile) : NIL_PTR,
    ArgsEscaped: cfg.ArgsEscaped ?? false,
    Image: cfg.Image ?? '',
    Volumes: volumes,
    WorkingDir: cfg.WorkingDir,
    Entrypoint: stringSlice(cfg.Entrypoint ?? null, command),
    // the 20.10 client's container.Config also has NetworkDisabled, MacAddress and StopTimeout
    // (omitempty): `{{.Config}}` prints them (recorded: inspect/template-print-structs)
    ...(profile.client === '20.10' || daemonJson ? { NetworkDisabled: own?.NetworkDisabled ?? false, MacAddress: '' } : {}),
    OnBuild: stringSlice(cfg.OnBuild ?? null),
    Labels: labels,
    StopSignal: cfg.StopSignal,
    ...(profile.client === '20.10' ? { StopTimeout: NIL_PTR } : {}),
    Shell: stringSlice(cfg.Shell ?? null, command),
  };
  // daemonJson: what the daemon sent, before the 28.2 client re-encodes it (inspect's raw JSON).
  if (profile.client === '20.10' || daemonJson) {
    // moby container.Config: ExposedPorts, ArgsEscaped and StopSignal are omitempty.
    const json: Record<string, GoValue | undefined> = {
      ...full,
      ExposedPorts: ports,
      Healthcheck: cfg.Healthcheck ? full.Healthcheck : undefined,
      ArgsEscaped: cfg.ArgsEscaped || undefined,
      NetworkDisabled: own?.NetworkDisabled === true ? true : undefined,
      MacAddress: undefined,
      StopSignal: cfg.StopSignal || undefined,
      StopTimeout: undefined,
      Shell: cfg.Shell && cfg.Shell.length > 0 ? cfg.Shell : undefined,
    };
    const view = { ...full };
    Object.defineProperty(view, 'MarshalJSON', { value: ownMarshalJSON(() => apiJson(stripUndefined(json))), enumerable: false });
    return view;
  }
  const oci: Record<string, GoValue | undefined> = {
    User: cfg.User,
    ExposedPorts: ports,
    Env: full.Env,
    Entrypoint: full.Entrypoint,
    Cmd: full.Cmd,
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
    // omitempty leaves an empty map or slice out too: a committed container's `Labels: {}`
    // (recorded: commit-hostname/commit-domainname, 26.1)
    if ((v instanceof Map && v.size === 0) || (Array.isArray(v) && v.length === 0)) continue;
    omit[k] = v;
  }
  const view = { ...full };
  Object.defineProperty(view, 'MarshalJSON', { value: ownMarshalJSON(() => apiJson(omit)), enumerable: false });
  return view;
}

/** Fields with omitempty that are empty are left out of the struct's JSON. */
function stripUndefined(o: Record<string, GoValue | undefined>): GoValue {
  const r: Record<string, GoValue> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) r[k] = v;
  return r;
}

/**
 * `daemonJson`: the daemon's own JSON (what inspect prints without --format, and the raw element
 * its template falls back to); otherwise the client's struct that templates run on.
 *
 * Fields in each side's order (recorded: inspect/inspect-base-image). The 20.10 daemon (API
 * 1.41) sends Container and ContainerConfig after Created, then DockerVersion and Author; API
 * 1.45 leaves out Container, ContainerConfig and VirtualSize, and the 28.2 client's struct keeps
 * them for templates (`.Container` "", `.ContainerConfig` nil, `.VirtualSize` 0) but omits them
 * from its JSON when empty, like Variant. Comment falls back to the last history entry's comment
 * (moby image_inspect.go / image_routes.go toImageInspect): the base image's
 * `dockersim oracle base image`, a BuildKit image's `buildkit.dockerfile.v0`.
 */
export function inspectImage(st: EngineState, image: Image, profile: EngineProfile, daemonJson = false): GoValue {
  const tags = tagsOf(st, image.id);
  // The oracle's base image was loaded from an archive, and the real busybox:latest's config
  // (image/busybox-real.ts) has neither: no docker_version, an empty container config.
  const loaded = image.id === BASE_IMAGE_ID || image.id === REAL_BASE_IMAGE_ID;
  const history = image.history;
  // a pulled catalog image is the real one (image/real.ts): what strata does not know of it
  // (its layers, what built it) is shown another way under alt('layers'), so a template that
  // prints it is refused (docker/sure.ts)
  const unknownLayers = alt('layers', holdsReal(st, image));
  const layers = unknownLayers ? [...image.layers].reverse().map((l) => [...l].reverse().join('')) : image.layers;
  const emptyConfig: ImageConfig = { User: '', Env: null, Cmd: null, Entrypoint: null, WorkingDir: '', Volumes: null, Labels: null, Image: '', ExposedPorts: null, StopSignal: loaded ? '' : image.config.StopSignal };
  const containerConfig = configView(image.container?.config ?? { ...image.config, ...emptyConfig }, profile, profile.client === '20.10');
  // the client's struct names it ID (json "Id"): a template's `.Id` falls back to the raw JSON
  const head = {
    [daemonJson ? 'Id' : 'ID']: `sha256:${shownId(st, image)}`,
    RepoTags: stringSlice(tags),
    RepoDigests: stringSlice(digestRefsOf(st, image.id)),
    Parent: image.parent ? `sha256:${image.parent}` : '',
    Comment: unknownLayers ? '?' : image.comment !== '' ? image.comment : (history[history.length - 1]?.comment ?? ''),
    Created: shownCreatedNano(st, image, (s) => rfc3339(s, true)),
  };
  const tail = {
    // the daemon that made the image: a legacy build or a commit (BuildKit leaves it empty)
    // (an import's too, on both engines: image-layers/savev1-import-config)
    // (a loaded image: its config's, recorded: image-layers/loadkeep-foreign)
    DockerVersion: unknownLayers ? '?' : image.loadedConfig !== undefined ? dockerVersion(image, profile) : image.container !== undefined || image.imported === true ? (profile.client === '20.10' ? '20.10.24+dfsg1' : '26.1.5+dfsg1') : loaded || profile.client !== '20.10' ? '' : '20.10.24+dfsg1',
    Author: image.author ?? '',
    Config: configView(unknownLayers ? { ...image.config, Image: '?' } : image.config, profile, daemonJson),
    Architecture: 'amd64',
    Variant: '',
    Os: 'linux',
    OsVersion: '',
    Size: shownSize(st, image),
  };
  const rest = {
    GraphDriver: { Data: imageGraphDriverData(layers), Name: 'overlay2' },
    // the 20.10 client's types.RootFS also has BaseLayer (omitempty): `{layers [...] }`
    RootFS: omitEmpty({ Type: 'layers', Layers: layers.map((l) => `sha256:${l}`), ...(profile.client === '20.10' ? { BaseLayer: '' } : {}) }, ['BaseLayer']),
    Metadata: { LastTagTime: '0001-01-01T00:00:00Z' },
  };
  if (profile.client === '20.10') {
    return omitEmpty({ ...head, Container: image.container?.id ?? '', ContainerConfig: unknownLayers ? NIL_PTR : containerConfig, ...tail, VirtualSize: shownSize(st, image), ...rest }, ['Variant', 'OsVersion'], [], { ID: 'Id' });
  }
  if (daemonJson) return omitEmpty({ ...head, ...tail, ...rest }, ['Variant', 'OsVersion']);
  return omitEmpty({ ...head, Container: '', ContainerConfig: NIL_PTR, ...tail, VirtualSize: 0, ...rest }, ['Container', 'Variant', 'OsVersion', 'VirtualSize'], ['ContainerConfig'], { ID: 'Id' });
}
