// Plain-language explanations of engine events: where data went and what destroyed or orphaned
// it. Only events that change what survives are explained; starts and creations are not.

import type { EngineEvent } from './events.ts';

function vol(name: string): string {
  return /^[0-9a-f]{64}$/.test(name) ? `anonymous volume ${name.slice(0, 12)}` : `volume "${name}"`;
}

function bytes(n: number): string {
  return n === 1 ? '1 byte' : `${n} bytes`;
}

export function explainEvent(e: EngineEvent): string | undefined {
  switch (e.type) {
    case 'container-removed':
      return `container "${e.name}" removed: its writable layer (${bytes(e.writableLayerBytes)} of changes) is gone for good`;
    case 'container-stopped':
      return e.tmpfsDiscarded.length > 0
        ? `container "${e.name}" stopped (exit ${e.exitCode}): tmpfs ${e.tmpfsDiscarded.join(', ')} emptied (tmpfs lives in memory only)`
        : undefined;
    case 'volume-created':
      return e.anonymous ? `${vol(e.volume)} created (only this container will find it by path)` : `${vol(e.volume)} created`;
    case 'volume-populated':
      return `${vol(e.volume)} was empty when container "${e.name}" was created: the image's content of ${e.from} was copied into it`;
    case 'volume-removed':
      return `${vol(e.volume)} removed, and with it ${bytes(e.bytes)} of data`;
    case 'volume-orphaned':
      return `${vol(e.volume)} is no longer used by any container; its data stays on disk until "docker volume rm" or "docker volume prune"`;
    case 'image-removed':
      return `image ${e.image.slice(0, 12)} removed`;
    case 'image-pulled':
      return `image ${e.ref} pulled: strata's stand-in for it (catalog/), with the real image's volumes, users, paths and entrypoint`;
    case 'image-not-in-catalog':
      return `image ${e.ref} is in no registry strata has: build it first in the scenario (docker build -t ${e.ref} ...), or add a stand-in to the catalog (catalog/README.md)`;
    default:
      return undefined;
  }
}
