// The JSON documents `docker save` writes for an image: its config (the image ID's content) and,
// for every layer, the legacy v1 image JSON (`<v1 id>/json` on 20.10, a blob on 26.1), whose
// digest-derived v1 ID names the layer's directory. Both engines write the same v1 JSON (recorded:
// image-layers/savev1-layer-json, 721 bytes for busybox on both).
//
// moby image/tarexport/save.go (v20.10.24 and v26.1.5) saveImage: for each layer i a v1 image
// `V1Image{Created: time.Unix(0, 0)}` (lower layers), or the image's own V1Image (the top layer),
// its ID from v1.CreateID(v1Img, ChainID(diff_ids[:i+1]), parent v1 ID), its Parent the layer
// below's v1 ID, its OS the image's; saveLayer/saveConfig write json.Marshal of it.

import type { EngineState, HistoryEntry, Image, ImageConfig } from '../engine/state.ts';
import type { EngineProfile } from '../engine/profile.ts';
import { sha256Hex } from '../engine/ids.ts';
import { configView } from '../docker/views/image.ts';
import { rfc3339 } from '../docker/views/time.ts';
import { goJson } from '../docker/format/json.ts';
import { BASE_IMAGE_ID } from './base.ts';
import { tablePeek } from '../engine/table.ts';

/**
 * Go's json.Marshal escapes `<`, `>`, `&`, U+2028 and U+2029 (HTMLEscape) in every string, also in
 * what a MarshalJSON method returns: configView's text is the daemon's API JSON, written without
 * that escaping (httputils.WriteJSON). Those characters only occur inside strings.
 */
function htmlEscaped(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The text of a view's MarshalJSON (configView's own JSON). */
function marshalled(view: unknown): string {
  const m = (view as { MarshalJSON?: () => string }).MarshalJSON;
  return m === undefined ? JSON.stringify(view) : m.call(view);
}

/** moby's container.Config as json.Marshal writes it (every field but the omitempty ones that are empty). */
function containerConfigJson(cfg: ImageConfig, profile: EngineProfile): string {
  return htmlEscaped(marshalled(configView(cfg, profile, true)));
}

/** A zero container.Config: what a V1Image without container_config marshals. */
const ZERO_CONFIG: ImageConfig = { User: '', Env: null, Cmd: null, Entrypoint: null, WorkingDir: '', Volumes: null, Labels: null, StopSignal: '', Image: '' };

/**
 * Whether the daemon wrote the image's config itself (moby image.Image, MarshalJSON): a commit, a
 * legacy build step, an import. BuildKit writes its own; the oracle's busybox was loaded.
 */
function daemonMade(image: Image): boolean {
  return image.container !== undefined || image.imported === true;
}

/** Whether the image's V1Image has its comment (not a commit's: image.NewChildImage leaves it out). */
function v1Comment(image: Image): boolean {
  return image.comment !== '' && image.container === undefined;
}

/** A loaded image's config as parsed JSON (Image.loadedConfig), or undefined. */
export function loadedConfigJson(image: Image): Record<string, unknown> | undefined {
  if (image.loadedConfig === undefined) return undefined;
  try {
    const v = JSON.parse(image.loadedConfig) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A string field of a loaded config ('' when absent or not a string). */
function loadedText(c: Record<string, unknown>, k: string): string {
  return typeof c[k] === 'string' ? (c[k] as string) : '';
}

/**
 * The daemon that wrote an image's config names its version (dockerversion.Version); a loaded
 * image's is its config's, whoever wrote it (recorded: image-layers/loadkeep-foreign, 17.03.0-ce).
 */
export function dockerVersion(image: Image, profile: EngineProfile): string {
  const loaded = loadedConfigJson(image);
  if (loaded !== undefined) return loadedText(loaded, 'docker_version');
  if (daemonMade(image)) return profile.client === '20.10' ? '20.10.24+dfsg1' : '26.1.5+dfsg1';
  return '';
}

/**
 * The top layer's V1Image fields of a loaded image, from its config (moby save.go
 * `v1Img = img.V1Image`: the config parsed into image.Image, so the struct's fields only, each
 * container.Config written whole).
 */
function loadedV1Fields(c: Record<string, unknown>, profile: EngineProfile): [string, string][] {
  const own: [string, string][] = [];
  const text = (k: string): void => {
    if (loadedText(c, k) !== '') own.push([k, key(loadedText(c, k))]);
  };
  text('comment');
  // (a time.Time marshalled again: the text as a daemon wrote it, RFC3339Nano)
  own.push(['created', key(loadedText(c, 'created') || '0001-01-01T00:00:00Z')]);
  text('container');
  own.push(['container_config', containerConfigJson(imageConfigFromJson(c.container_config), profile)]);
  text('docker_version');
  text('author');
  if (c.config !== null && typeof c.config === 'object') own.push(['config', containerConfigJson(imageConfigFromJson(c.config), profile)]);
  text('architecture');
  text('variant');
  text('os');
  return own;
}

/**
 * How an image's times read in its config. The oracle's busybox:latest was loaded from a config
 * with whole seconds (2024-01-01T00:00:00Z: its ID is that config's digest), and the rows a later
 * image inherits from it keep them; a time the daemon took (a commit, a build step) has
 * nanoseconds, which strata does not keep: written with nine digits, as docker inspect shows
 * Created, the length nine real times in ten have (Go's RFC3339Nano drops trailing zeros).
 */
function timeText(seconds: number, exact: boolean): string {
  return exact ? rfc3339(seconds) : rfc3339(seconds, true);
}

function baseRows(st: EngineState): readonly HistoryEntry[] {
  return tablePeek(st.images, BASE_IMAGE_ID)?.history ?? [];
}

function inheritedRow(st: EngineState, h: HistoryEntry): boolean {
  return baseRows(st).some((b) => b.created === h.created && b.createdBy === h.createdBy && b.comment === h.comment);
}

/** A Go string in JSON (json.Marshal: HTML characters escaped). */
function key(k: string): string {
  return goJson(k);
}

/**
 * The image's config as the daemon stored it (RawJSON; the image ID is its digest in Docker). A
 * commit's, a legacy build's and an import's (moby image.Image MarshalJSON: the struct marshalled,
 * then again through a map, so keys sorted) carry container_config (zero for an import),
 * docker_version and the container, if any; BuildKit's
 * its OCI config with the empty fields left out; the loaded base its own bytes (recorded:
 * image-layers/savev1-layer-json, image-layers/save-config).
 */
export function imageConfigJson(st: EngineState, profile: EngineProfile, image: Image, diffIds: readonly string[]): string {
  const base = image.id === BASE_IMAGE_ID;
  const config = base
    ? '{"Cmd":["sh"],"StopSignal":"SIGKILL"}'
    : daemonMade(image) || profile.client === '20.10'
      ? containerConfigJson(image.config, profile)
      : htmlEscaped(marshalled(configView(image.config, profile, false)));
  const history = image.history.map((h) => {
    const row: string[] = [`"created":${key(timeText(h.created, base || inheritedRow(st, h)))}`];
    // moby image.History: author, created_by, comment and empty_layer are omitempty
    if (h.author !== undefined && h.author !== '') row.push(`"author":${key(h.author)}`);
    if (h.createdBy !== '') row.push(`"created_by":${key(h.createdBy)}`);
    if (h.comment !== '') row.push(`"comment":${key(h.comment)}`);
    if (h.emptyLayer) row.push('"empty_layer":true');
    return `{${row.join(',')}}`;
  });
  const fields: [string, string][] = [
    ['architecture', '"amd64"'],
    ['config', config],
    ['created', key(timeText(image.created, base))],
    ['history', `[${history.join(',')}]`],
    ['os', '"linux"'],
    ['rootfs', `{"type":"layers","diff_ids":[${diffIds.map((d) => `"sha256:${d}"`).join(',')}]}`],
  ];
  if (image.author) fields.push(['author', key(image.author)]);
  // a commit's message is its history row's comment only (moby image.NewChildImage sets no
  // V1Image.Comment; recorded: image-layers/loadkeep-roundtrip's config, no "comment"), an
  // import's is both (image_import.go; image-layers/savev1-import-config)
  if (v1Comment(image)) fields.push(['comment', key(image.comment)]);
  // V1Image.ContainerConfig is a struct: written, zero, where no container made the image
  if (image.container !== undefined) fields.push(['container', key(image.container.id)]);
  if (daemonMade(image)) fields.push(['container_config', containerConfigJson(image.container?.config ?? ZERO_CONFIG, profile)]);
  const version = dockerVersion(image, profile);
  if (version !== '') fields.push(['docker_version', key(version)]);
  fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${fields.map(([k, v]) => `${key(k)}:${v}`).join(',')}}`;
}

/** layer.CreateChainID: the first diff ID, then sha256 of `<chain below> <diff ID>` (both `sha256:` digests). */
export function chainIds(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) out.push(out.length === 0 ? d : sha256Hex(`sha256:${out[out.length - 1]} sha256:${d}`));
  return out;
}

/** One layer's legacy v1 image: its ID and the JSON written for it. */
export interface V1Layer {
  id: string;
  json: string;
}

/**
 * The v1 image of every layer, bottom first. Lower layers: created at the epoch, a zero
 * container_config, the image's OS. The top layer: the image's V1Image, i.e. its config's
 * comment, created, container, container_config (zero when it has none), docker_version,
 * author, config (as container.Config marshals it: every field), architecture and os. The ID is
 * sha256 of that JSON without id and parent (the OS only for the top layer, which has it before
 * CreateID) plus layer_id (the chain ID) and the parent's v1 ID, through a map (keys sorted).
 */
export function v1Layers(st: EngineState, profile: EngineProfile, image: Image, diffIds: readonly string[]): V1Layer[] {
  const chains = chainIds(diffIds);
  const zero = containerConfigJson(ZERO_CONFIG, profile);
  const out: V1Layer[] = [];
  let parent = '';
  chains.forEach((chain, i) => {
    const top = i === chains.length - 1;
    // V1Image's fields in struct order, without id and parent
    const own: [string, string][] = [];
    const loaded = top ? loadedConfigJson(image) : undefined;
    if (loaded !== undefined) own.push(...loadedV1Fields(loaded, profile));
    else if (top) {
      if (v1Comment(image)) own.push(['comment', key(image.comment)]);
      own.push(['created', key(timeText(image.created, image.id === BASE_IMAGE_ID))]);
      if (image.container !== undefined) own.push(['container', key(image.container.id)]);
      own.push(['container_config', image.container !== undefined ? containerConfigJson(image.container.config, profile) : zero]);
      const version = dockerVersion(image, profile);
      if (version !== '') own.push(['docker_version', key(version)]);
      if (image.author) own.push(['author', key(image.author)]);
      own.push(['config', containerConfigJson(image.config, profile)]);
      own.push(['architecture', '"amd64"']);
      own.push(['os', '"linux"']);
    } else {
      own.push(['created', key('1970-01-01T00:00:00Z')]);
      own.push(['container_config', zero]);
    }
    const forId: [string, string][] = [...own, ['layer_id', key(`sha256:${chain}`)], ...(parent === '' ? [] : ([['parent', key(`sha256:${parent}`)]] as [string, string][]))];
    forId.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const id = sha256Hex(`{${forId.map(([k, v]) => `${key(k)}:${v}`).join(',')}}`);
    const written: [string, string][] = [['id', key(id)], ...(parent === '' ? [] : ([['parent', key(parent)]] as [string, string][])), ...own];
    // a lower layer gets its OS after CreateID (v1Img.OS = img.OS)
    if (!top) written.push(['os', '"linux"']);
    out.push({ id, json: `{${written.map(([k, v]) => `${key(k)}:${v}`).join(',')}}` });
    parent = id;
  });
  return out;
}

type Json = Record<string, unknown>;

function strings(v: unknown): string[] | null {
  return Array.isArray(v) ? v.map(String) : null;
}

function stringMap<T>(v: unknown, each: (x: unknown) => T): Record<string, T> | null {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
  return Object.fromEntries(Object.entries(v as Json).map(([k, x]) => [k, each(x)]));
}

/**
 * What strata keeps of a config's container.Config (`docker load`, the reverse of
 * containerConfigJson): the fields it simulates, absent ones at their zero value; the
 * container's own fields (Hostname, Attach*, Tty, ...) where one is set.
 */
export function imageConfigFromJson(v: unknown): ImageConfig {
  const c = (v !== null && typeof v === 'object' ? v : {}) as Json;
  const text = (k: string): string => (typeof c[k] === 'string' ? (c[k] as string) : '');
  const flag = (k: string): boolean => c[k] === true;
  const empty = (): Record<string, never> => ({});
  const cfg: ImageConfig = {
    User: text('User'),
    Env: strings(c.Env),
    Cmd: strings(c.Cmd),
    Entrypoint: strings(c.Entrypoint),
    WorkingDir: text('WorkingDir'),
    Volumes: stringMap(c.Volumes, empty),
    Labels: stringMap(c.Labels, String),
    StopSignal: text('StopSignal'),
  };
  if ('Image' in c) cfg.Image = text('Image');
  if (c.ExposedPorts !== undefined) cfg.ExposedPorts = stringMap(c.ExposedPorts, empty);
  if (flag('ArgsEscaped')) cfg.ArgsEscaped = true;
  if (Array.isArray(c.OnBuild)) cfg.OnBuild = strings(c.OnBuild);
  if (c.Shell !== undefined) cfg.Shell = strings(c.Shell);
  const h = c.Healthcheck;
  if (h !== null && typeof h === 'object') {
    const hc = h as Json;
    const num = (k: string): number | undefined => (typeof hc[k] === 'number' && hc[k] !== 0 ? (hc[k] as number) : undefined);
    cfg.Healthcheck = { Test: strings(hc.Test) ?? [] };
    for (const k of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const) {
      const n = num(k);
      if (n !== undefined) cfg.Healthcheck[k] = n;
    }
  }
  const domainname = text('Domainname');
  const own = {
    Hostname: text('Hostname'),
    ...(domainname ? { Domainname: domainname } : {}),
    AttachStdin: flag('AttachStdin'),
    AttachStdout: flag('AttachStdout'),
    AttachStderr: flag('AttachStderr'),
    Tty: flag('Tty'),
    OpenStdin: flag('OpenStdin'),
    StdinOnce: flag('StdinOnce'),
    NetworkDisabled: flag('NetworkDisabled'),
  };
  if (Object.values(own).some((x) => x !== '' && x !== false)) cfg.fromContainer = own;
  return cfg;
}
