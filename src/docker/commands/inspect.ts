// docker inspect (any object: containers first, then images, networks, volumes), and the typed
// `docker container inspect` / `docker image inspect` / `docker volume inspect` / `network inspect`.
//
// How a --format template runs follows docker/cli cli/command/inspect/inspector.go: the template
// is parsed once (a parse error is `template parsing error: ...`, exit 64, nothing printed);
// each object is executed against the client's typed struct, and when that fails and the client
// also has the daemon's raw JSON, once more against that JSON decoded into `any` with
// Option("missingkey=error") (tryRawInspectFallback): a field the struct lacks but the JSON has
// (`{{index .Config "Image"}}`) then works, and a missing one is `map has no entry for key`.
// Errors are collected, the output is flushed (one empty line when nothing succeeded), then the
// errors are printed, exit 1. `docker volume inspect` asks for no raw JSON (cli/command/volume/
// inspect.go), so its errors name the struct (`types.Volume`, 28.2: `volume.Volume`).

import type { DockerCommand } from '../command.ts';
import { flagString } from '../args.ts';
import type { DockerContext } from '../context.ts';
import { sureCommand } from '../sure.ts';
import { errOut, noSuchText, out } from '../errors.ts';
import { inspectJson, templateOptions } from '../output.ts';
import { Template, TemplateError } from '../format/template.ts';
import { apiJson, parseJsonBytes, unescapedBytes } from '../format/json.ts';
import { type GoValue, JsonNumber, goType } from '../format/value.ts';
import { peekFindContainer } from '../../container/lookup.ts';
import { findImage } from '../../image/store.ts';
import { inspectContainer } from '../views/container.ts';
import { inspectImage } from '../views/image.ts';
import { inspectVolume } from '../views/volume.ts';
import { inspectNetwork } from '../views/network.ts';
import { findNetwork } from '../../network/store.ts';
import { tablePeek } from '../../engine/table.ts';

type Kind = 'any' | 'container' | 'image' | 'volume' | 'network';

/** Swarm objects: `--type` accepts them, and a daemon that is no swarm manager refuses them. */
const SWARM_TYPES_2010 = ['node', 'service', 'task', 'secret'];
const SWARM_TYPES_28 = [...SWARM_TYPES_2010, 'config'];
/** docker/cli 28.2 cli/command/system/inspect.go allTypes, in its order. */
const ALL_TYPES_28 = ['config', 'container', 'image', 'network', 'node', 'plugin', 'secret', 'service', 'task', 'volume'];
const NOT_SWARM_MANAGER =
  'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';

interface Found {
  typed: GoValue;
  /** The daemon's JSON as the client received it, when the client asked for it. */
  raw: (() => GoValue) | undefined;
  /** `docker inspect -s` of an object that has no size (inspectAll prints a warning). */
  sizeIgnored?: string;
}

function lookup(ctx: DockerContext, kind: Kind, ref: string, size: boolean, format: boolean, withRaw: boolean): Found | undefined {
  const raw = (make: () => GoValue) => (withRaw ? () => decodeRaw(apiJson(make())) : undefined);
  // inspectAll warns when -s meets an object without sizes (only containers have them).
  const other = (v: GoValue, type: string): Found => ({ typed: v, raw: raw(() => v), ...(size ? { sizeIgnored: type } : {}) });
  if (kind === 'any' || kind === 'container') {
    const c = peekFindContainer(ctx.st, ref);
    if (c) return { typed: inspectContainer(ctx.st, c, size, !format), raw: raw(() => inspectContainer(ctx.st, c, size, true)) };
  }
  if (kind === 'any' || kind === 'image') {
    const i = findImage(ctx.st, ref);
    // without a format the daemon's JSON is printed as it came (inspect/inspect-base-image)
    if (i) return { ...other(inspectImage(ctx.st, i, ctx.profile, !format), 'image'), raw: raw(() => inspectImage(ctx.st, i, ctx.profile, true)) };
  }
  // The CLI tries networks before volumes (docker/cli cli/command/system/inspect.go inspectAll).
  if (kind === 'any' || kind === 'network') {
    const n = findNetwork(ctx.st, ref);
    if (n) return other(inspectNetwork(ctx.st, n, ctx.profile), 'network');
  }
  if (kind === 'any' || kind === 'volume') {
    const vol = tablePeek(ctx.st.volumes, ref);
    if (vol) return other(inspectVolume(vol, ctx.profile), 'volume');
  }
  return undefined;
}

/**
 * encoding/json Decoder.Decode into `any` with UseNumber (docker/cli tryRawInspectFallback):
 * objects become maps, arrays slices, null nil, numbers json.Number (their literal: the daemon's
 * encoder writes integers as digits, which String() of the parsed number gives back).
 */
function decodeRaw(text: string): GoValue {
  const conv = (v: unknown): GoValue => {
    if (typeof v === 'number') return new JsonNumber(String(v));
    if (v === null || typeof v !== 'object') return v as GoValue;
    // Decoded into `any`: []interface {} and map[string]interface {}, whatever they hold.
    if (Array.isArray(v)) return goType(v.map(conv), '[]interface {}');
    return goType(new Map(Object.entries(v).map(([k, x]) => [unescapedBytes(k), conv(x)])), 'map[string]interface {}');
  };
  return conv(parseJsonBytes(text));
}

function notFound(ctx: DockerContext, kind: Kind, ref: string): string {
  switch (kind) {
    case 'volume':
      return ctx.profile.client === '20.10' ? `Error: No such volume: ${ref}` : `Error response from daemon: get ${ref}: no such volume`;
    case 'image':
    case 'container':
      return noSuchText(ctx, kind, ref);
    case 'network':
      return ctx.profile.client === '20.10' ? `Error: No such network: ${ref}` : `Error response from daemon: network ${ref} not found`;
    default:
      return `Error: No such object: ${ref}`;
  }
}

/** The `--type` check of `docker inspect`: the error text, or the kind to look up. */
function checkType(ctx: DockerContext, type: string): { error: string } | { kind: Kind } | { other: string } {
  const is28 = ctx.profile.client === '28.2';
  // 28.2: an explicitly empty --type is an error; 20.10 treats it as no --type.
  if (type === '') return is28 ? { error: `type is empty: must be one of "${ALL_TYPES_28.join('", "')}"` } : { kind: 'any' };
  if (type === 'container' || type === 'image' || type === 'volume' || type === 'network') return { kind: type };
  if (type === 'plugin' || (is28 ? SWARM_TYPES_28 : SWARM_TYPES_2010).includes(type)) return { other: type };
  return { error: is28 ? `unknown type: "${type}": must be one of "${ALL_TYPES_28.join('", "')}"` : `"${type}" is not a valid value for --type` };
}

/** Plugins and swarm objects are not simulated: the engine has none and is no swarm manager. */
function otherNotFound(ctx: DockerContext, type: string, ref: string): string {
  if (type !== 'plugin') return NOT_SWARM_MANAGER;
  return ctx.profile.client === '20.10' ? `Error: No such plugin: ${ref}` : `Error response from daemon: plugin "${ref}" not found`;
}

export function inspectCommand(path: string, kind: Kind, usage: string): DockerCommand {
  return {
    spec: {
      path,
      args: { min: 1 },
      usage,
      description: kind === 'any' ? 'Return low-level information on Docker objects' : `Display detailed information on one or more ${kind}s`,
      flags: [
        { long: 'format', short: 'f', kind: 'string', help: 'Format output using a custom template' },
        // Only `docker inspect` can be told the object's type.
        ...(kind === 'any' ? [{ long: 'type', kind: 'string' as const, help: 'Only inspect objects of the given type' }] : []),
        ...(kind === 'volume' || kind === 'image' || kind === 'network'
          ? []
          : [{ long: 'size', short: 's', kind: 'bool' as const, help: 'Display total file sizes if the type is container' }]),
        ...(kind === 'network'
          ? [{ long: 'verbose', short: 'v', kind: 'bool' as const, help: 'Verbose output for diagnostics', refuse: 'swarm is outside the storage model' }]
          : []),
      ],
    },
    run(ctx, p) {
      // a pulled catalog image is the real one: what strata does not know of it is refused (image/real.ts)
      return sureCommand(ctx, `docker ${path}`, (c) => runInspect(c, p));
    },
  };

  function runInspect(ctx: DockerContext, p: Parameters<DockerCommand['run']>[1]): number {
    {
      const format = flagString(p, 'format');
      const type = flagString(p, 'type');
      let lookupKind = kind;
      let other: string | undefined;
      if (type !== undefined && kind === 'any') {
        const t = checkType(ctx, type);
        if ('error' in t) {
          errOut(ctx, t.error + '\n');
          return 1;
        }
        if ('kind' in t) lookupKind = t.kind;
        else other = t.other;
      }
      // An empty format prints the indented array; 28.2 also takes `json` for compact JSON
      // (inspector.go NewTemplateInspectorFromString), which 20.10 runs as a template.
      const compact = format === 'json' && ctx.profile.client === '28.2';
      let tmpl: Template | undefined;
      if (format !== undefined && format !== '' && !compact) {
        try {
          tmpl = Template.parse(format);
        } catch (e) {
          errOut(ctx, `template parsing error: ${(e as Error).message}\n`);
          return 64;
        }
      }
      const found: GoValue[] = [];
      const errors: string[] = [];
      let text = '';
      const size = p.flags['size'] === true;
      for (const ref of p.args) {
        if (other !== undefined) {
          errors.push(otherNotFound(ctx, other, ref));
          continue;
        }
        // Only `docker volume inspect` asks the daemon for no raw JSON.
        const f = lookup(ctx, lookupKind, ref, size, tmpl !== undefined, path !== 'volume inspect');
        if (f === undefined) {
          errors.push(notFound(ctx, lookupKind, ref));
          continue;
        }
        if (f.sizeIgnored !== undefined) errOut(ctx, `WARNING: --size ignored for ${f.sizeIgnored}\n`);
        found.push(f.typed);
        if (tmpl === undefined) continue;
        try {
          text += tmpl.execute(f.typed, templateOptions(ctx.profile.client)) + '\n';
        } catch (e) {
          if (!(e instanceof TemplateError)) throw e;
          if (f.raw === undefined) {
            errors.push(`template parsing error: ${e.message}`);
            continue;
          }
          try {
            text += tmpl.execute(f.raw(), { ...templateOptions(ctx.profile.client), missingKeyError: true, untyped: true }) + '\n';
          } catch (e2) {
            if (!(e2 instanceof TemplateError)) throw e2;
            errors.push(`template parsing error: ${e2.message}`);
          }
        }
      }
      if (tmpl === undefined) out(ctx, compact ? compactJson(found) : inspectJson(found));
      // TemplateInspector.Flush: one empty line when nothing was printed.
      else out(ctx, text === '' ? '\n' : text);
      if (errors.length > 0) errOut(ctx, errors.join('\n') + '\n');
      return errors.length > 0 ? 1 : 0;
    }
  }
}

/** `--format json` (28.2): one compact JSON array (cli/command/inspect NewJSONInspector). */
function compactJson(values: GoValue[]): string {
  return (values.length === 0 ? '[]' : apiJson(values)) + '\n';
}

export const inspect = inspectCommand('inspect', 'any', 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]');
export const containerInspect = inspectCommand('container inspect', 'container', 'docker container inspect [OPTIONS] CONTAINER [CONTAINER...]');
export const imageInspect = inspectCommand('image inspect', 'image', 'docker image inspect [OPTIONS] IMAGE [IMAGE...]');
export const volumeInspect = inspectCommand('volume inspect', 'volume', 'docker volume inspect [OPTIONS] VOLUME [VOLUME...]');
