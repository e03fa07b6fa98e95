// docker network inspect: the daemon's network resources (views/network.ts), formatted like every
// inspect (commands/inspect.ts). A missing network: the 20.10 CLI's `Error: No such network: X`,
// the 28.2 CLI passes the daemon's `network X not found` through.

import type { DockerContext } from '../../context.ts';
import type { NetworkLookup } from '../../../network/store.ts';
import { inspectCommand } from '../inspect.ts';

/** The error line for a network that `lookupNetwork` did not find. */
export function networkNotFound(ctx: DockerContext, ref: string, found: Exclude<NetworkLookup, { network: unknown }>): string {
  if (found.error === 'ambiguous') return `Error response from daemon: network ${ref} is ambiguous (${found.matches} matches found based on ID prefix)`;
  return ctx.profile.client === '20.10' ? `Error: No such network: ${ref}` : `Error response from daemon: network ${ref} not found`;
}

export const networkInspect = inspectCommand('network inspect', 'network', 'docker network inspect [OPTIONS] NETWORK [NETWORK...]');
