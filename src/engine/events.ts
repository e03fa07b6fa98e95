// Events: what happened to data, emitted by every reducer. They name containers by name too,
// because an explanation is read after the fact, when a container may already be gone.
// src/explain/ turns them, with the states before and after each command, into what a student
// reads (`strata explain`, `strata replay --explain`).
//
// Objects that a single command creates and removes again (a `run --rm` container, its anonymous
// volume) leave no trace in the state after the command; the removal events therefore carry what
// was destroyed (the writable layer, the volume's data, the tmpfs content), taken when it happened.
// Those trees are snapshots (settled(): never a draft), shared with the states, never modified.

import { current, isDraft, type Draft } from 'immer';
import type { DirNode } from '../fs/node.ts';
import type { MountPoint } from './state.ts';

/**
 * What removed a container: `docker rm` (also -f), the end of a `run --rm` container (or its
 * failed start), `docker container prune`, `docker system prune`, the clean-up of a create that
 * failed, or the builder removing a step's container.
 */
export type ContainerRemoval = 'rm' | 'auto-remove' | 'container-prune' | 'system-prune' | 'create-failed' | 'build' | ComposeRemoval;

/** Compose removing a project's container: `down` (its anonymous volumes too with -v), `rm` (-v), or the old container of a recreate. */
export type ComposeRemoval = 'compose-down' | 'compose-rm' | 'compose-recreate';

/** What removed a volume: `docker volume rm`, a prune, or the removal of its container (rm -v, --rm). */
export type VolumeRemoval = 'volume-rm' | 'volume-prune' | 'system-prune' | 'with-container' | 'compose-down';

export type EngineEvent =
  /** `image`: the image ID the container runs. */
  | { type: 'container-created'; container: string; name: string; image: string }
  | { type: 'container-started'; container: string; name: string }
  /** `tmpfs`: what each tmpfs mount held when the main process ended (its content is gone). */
  | { type: 'container-stopped'; container: string; name: string; exitCode: number; tmpfsDiscarded: string[]; tmpfs: Record<string, DirNode> }
  /** Its main process ended and the daemon restarts it: strata follows it no further (container/unfollowed.ts); `why` is the refusal its readers get. */
  | { type: 'container-unfollowed'; container: string; name: string; why: string }
  /** A `docker exec` process ran in the container. */
  | { type: 'container-exec'; container: string; name: string }
  | {
      type: 'container-removed';
      container: string;
      name: string;
      writableLayerBytes: number;
      by: ContainerRemoval;
      /** `rm -v`, `--rm`: its anonymous volumes go too (unless another container uses them). */
      removeVolumes: boolean;
      /** `docker rm -f`. */
      force?: boolean;
      image: string;
      mounts: MountPoint[];
      /** The writable layer as it was when the container was removed. */
      upper: DirNode;
    }
  /** `project`: the compose project whose label it carries (created by compose). */
  | { type: 'volume-created'; volume: string; anonymous: boolean; project?: string }
  /** Copy-on-empty-mount: `image`'s content at `from` was copied into the empty volume. */
  | { type: 'volume-populated'; volume: string; from: string; container: string; name: string; image: string }
  | {
      type: 'volume-removed';
      volume: string;
      bytes: number;
      by: VolumeRemoval;
      /** The container it was removed with (`with-container`). */
      container?: string;
      name?: string;
      /** The volume's data as it was when it was removed. */
      data: DirNode;
    }
  | { type: 'volume-orphaned'; volume: string; container: string; name: string }
  /** `docker build`: `tag` is the first `-t` as the image was tagged (`app` is `app:latest`), as image-committed's. */
  | { type: 'image-built'; image: string; tag?: string }
  /** `docker commit`: the container's writable layer became the new image's top layer. */
  | { type: 'image-committed'; image: string; container: string; name: string; tag?: string }
  | { type: 'image-removed'; image: string }
  | { type: 'image-pulled'; image: string; ref: string }
  /** A pull of an image the catalog of stand-ins does not hold (src/image/catalog). */
  | { type: 'image-not-in-catalog'; ref: string }
  /** `docker cp HOST C:PATH`: the archive was extracted at `path` (through the container's mounts). */
  | { type: 'copied-to-container'; container: string; name: string; path: string }
  /** `docker cp C:PATH DEST`: `to` is the host directory it was extracted into, or `-` for a tar stream on stdout. */
  | { type: 'copied-from-container'; container: string; name: string; path: string; to: string };

/** A tree or list as it is now, safe to keep after the command's draft is finished. */
export function settled<T extends object>(value: T): T {
  return isDraft(value) ? (current(value as Draft<T>) as T) : value;
}
