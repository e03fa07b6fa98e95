// networkRemove (pkg/compose/down.go): compose's events around the daemon's network removal; a
// network still used by another container is left with a warning event, as compose does.

import { networkEndpoints, networkLookup, networkRemove } from '../../daemon/index.ts';
import type { ComposeEnv } from './env.ts';
import { LABEL } from './containers.ts';

/** Only a network labelled with the project is touched; one that is gone (or not the project's) is skipped silently. */
export function removeNetworkByName(env: ComposeEnv, name: string, project: string): void {
  const st = env.ctx.st;
  const n = networkLookup(st, name);
  if (!n || n.labels[LABEL.project] !== project) return;
  const id = `Network ${name}`;
  env.progress.event(id, 'Removing');
  if (networkEndpoints(st, n).length > 0) {
    env.progress.event(id, 'Resource is still in use');
    return;
  }
  networkRemove(st, n);
  env.progress.event(id, 'Removed');
}
