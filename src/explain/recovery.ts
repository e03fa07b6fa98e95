// How to get data back, and what a prune does to a volume on the scenario's engine. The
// commands are real docker command lines that work on both engines (test/explain/recovery.test.ts
// runs each of them in strata on the scenarios' orphans).

import type { EngineProfile } from '../engine/profile.ts';
import type { Volume } from '../engine/state.ts';
import { isAnonymous, isPrunable } from '../volume/store.ts';
import type { Command, ImageRef, PruneRule, VolumeRef } from './schema.ts';
import { holdsPlaceholder, type Node } from '../fs/node.ts';

/** What stands for a volume's name in a command when the transcript never prints it. */
export const UNPRINTED_VOLUME = '<VOLUME>';

/** The volume as a command argument: its name as shown (a full name: Docker does not resolve short volume IDs). */
export function volumeArg(v: VolumeRef): string {
  return v.shown ?? UNPRINTED_VOLUME;
}

/**
 * Commands to find, look at, keep and reattach an orphaned volume. `destination` and `image` are
 * where the data was and what used it (for the reattaching `docker run`); `keepAs` is the named
 * volume to copy it into; `data` is the volume's tree.
 *
 * A server's data (a database's files: src/fs/node.ts FileNode.placeholder, DirNode.placeholder)
 * has sizes and, in some directories, names strata does not know, so `ls -lR` of it would be
 * refused in a normal install: the look is `ls -A` of its top, where those names are the real
 * server's, and none where even they are not all known (mongo's dbpath). The copy runs either way
 * (`cp -a` carries the files strata does not know: Namespace.entriesToCopy).
 */
export function recoveryCommands(v: VolumeRef, destination: string, image: ImageRef | undefined, keepAs: string, data: Node): Command[] {
  const arg = volumeArg(v);
  const out: Command[] = [];
  if (v.shown === null) out.push({ purpose: `find its name (${UNPRINTED_VOLUME} below) among the volumes no container uses`, command: 'docker volume ls -f dangling=true' });
  if (!holdsPlaceholder(data)) out.push({ purpose: 'see what it holds', command: `docker run --rm -v ${arg}:/data busybox ls -lR /data` });
  else if (data.kind !== 'dir' || data.placeholder !== true) {
    out.push({ purpose: "see the names at its top (a server's data, whose files' sizes strata does not know)", command: `docker run --rm -v ${arg}:/data busybox ls -A /data` });
  }
  out.push({ purpose: `keep it: copy it into the named volume ${keepAs}`, command: `docker run --rm -v ${arg}:/from -v ${keepAs}:/to busybox cp -a /from/. /to/` });
  if (image?.shown) out.push({ purpose: `use it again: mount it where the data was`, command: `docker run -d -v ${arg}:${destination} ${image.shown}` });
  return out;
}

/** A name for the volume to copy an orphan into (`db-data` for the data of container db). */
export function keepName(containerName: string): string {
  const base = containerName.replace(/[^a-zA-Z0-9_.-]/g, '').replace(/^[^a-zA-Z0-9]+/, '');
  return `${base || 'rescued'}-data`;
}

/** What `docker volume prune` does to this volume on this engine once no container uses it. */
export function pruneRule(profile: EngineProfile, v: Volume): PruneRule {
  const prune = isPrunable(profile, v, false);
  const pruneAll = isPrunable(profile, v, true);
  let why: string;
  if (!pruneAll) why = 'docker volume prune never removes a volume with driver options';
  else if (!profile.pruneAnonymousOnly) why = `on ${profile.name} docker volume prune removes every volume no container uses, named ones too`;
  else if (isAnonymous(v)) why = `on ${profile.name} docker volume prune removes the anonymous volumes no container uses`;
  else if (/^[0-9a-f]{64}$/.test(v.name)) {
    why = `on ${profile.name} docker volume prune keeps it: it lacks the anonymous label (--mount without a source does not set it); docker volume prune -a removes it`;
  } else why = `on ${profile.name} docker volume prune keeps named volumes; docker volume prune -a removes it`;
  return { prune, pruneAll, why };
}
