// docker inspect (any object: containers first, then images, networks, volumes), and the typed
// `docker container inspect` / `docker image inspect` / `docker volume inspect`.

import type { DockerCommand } from '../command.ts';
import { flagString } from '../args.ts';
import type { DockerContext } from '../context.ts';
import { errOut, noSuchText, out } from '../errors.ts';
import { FormatError, formatValue, inspectJson } from '../output.ts';
import type { GoValue } from '../format/value.ts';
import { findContainer } from '../../container/lookup.ts';
import { findImage } from '../../image/store.ts';
import { inspectContainer } from '../views/container.ts';
import { inspectImage } from '../views/image.ts';
import { inspectVolume } from '../views/volume.ts';
import { inspectNetwork } from '../views/network.ts';
import { findNetwork } from '../../network/store.ts';
import { tableGet } from '../../engine/table.ts';

type Kind = 'any' | 'container' | 'image' | 'volume' | 'network';

function lookup(ctx: DockerContext, kind: Kind, ref: string, size: boolean, raw: boolean): GoValue | undefined {
  if (kind === 'any' || kind === 'container') {
    const c = findContainer(ctx.st, ref);
    if (c) return inspectContainer(ctx.st, c, size, raw);
  }
  if (kind === 'any' || kind === 'image') {
    const i = findImage(ctx.st, ref);
    if (i) return inspectImage(ctx.st, i, ctx.profile);
  }
  // The CLI tries networks before volumes (docker/cli cli/command/system/inspect.go inspectAll).
  if (kind === 'any' || kind === 'network') {
    const n = findNetwork(ctx.st, ref);
    if (n) return inspectNetwork(ctx.st, n, ctx.profile);
  }
  if (kind === 'any' || kind === 'volume') {
    const v = tableGet(ctx.st.volumes, ref);
    if (v) return inspectVolume(v);
  }
  return undefined;
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
      const format = flagString(p, 'format');
      const type = flagString(p, 'type');
      if (type !== undefined && kind === 'any') {
        if (type !== 'container' && type !== 'image' && type !== 'volume' && type !== 'network') {
          errOut(ctx, `"${type}" is not a valid value for --type\n`);
          return 1;
        }
        const { type: _omit, ...flags } = p.flags;
        return inspectCommand(`${type} inspect`, type, usage).run(ctx, { ...p, flags });
      }
      const found: GoValue[] = [];
      const errors: string[] = [];
      let text = '';
      for (const ref of p.args) {
        const v = lookup(ctx, kind, ref, p.flags['size'] === true, format === undefined);
        if (v === undefined) {
          errors.push(notFound(ctx, kind, ref));
          continue;
        }
        found.push(v);
        if (format !== undefined) {
          try {
            text += formatValue(format, v);
          } catch (e) {
            if (e instanceof FormatError) {
              errOut(ctx, `Template parsing error: ${e.message}\n`);
              return 1;
            }
            throw e;
          }
        }
      }
      if (format === undefined) out(ctx, inspectJson(found));
      // With a template and nothing found, the CLI still flushes one empty line.
      else out(ctx, found.length === 0 ? '\n' : text);
      for (const e of errors) errOut(ctx, e + '\n');
      return errors.length > 0 ? 1 : 0;
    },
  };
}

export const inspect = inspectCommand('inspect', 'any', 'docker inspect [OPTIONS] NAME|ID [NAME|ID...]');
export const containerInspect = inspectCommand('container inspect', 'container', 'docker container inspect [OPTIONS] CONTAINER [CONTAINER...]');
export const imageInspect = inspectCommand('image inspect', 'image', 'docker image inspect [OPTIONS] IMAGE [IMAGE...]');
export const volumeInspect = inspectCommand('volume inspect', 'volume', 'docker volume inspect [OPTIONS] VOLUME [VOLUME...]');
