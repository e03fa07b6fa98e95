// The explanation's data: what `strata explain --json` prints and what the library returns, for
// tools built on it (a storage diagram, a quiz, an interactive shell). Plain data only: strings,
// numbers, booleans, arrays and objects, no classes, no trees, no engine state. docs/explain.md
// documents every field and holds the JSON schema; test/explain/schema.test.ts checks that the
// explanations of the walkthroughs validate against it.
//
// Naming: every object is given twice, by what it really is (`id`, `name`, a host `path`) and by
// how the notes call it (`shown`, `label`): the spelling the transcript itself shows (`<id2>` in a
// scenario, the short or full hex on a page with ids=docker), so that a student can find it above.

import type { EngineName } from '../engine/profile.ts';

/** The schema's name and version; a change that drops or renames a field bumps the number. */
export const EXPLAIN_SCHEMA = 'strata-explain/1';

// ---------------------------------------------------------------- what things are called

export interface ContainerRef {
  /** The 64-hex container ID. */
  id: string;
  /** Its name (Docker's generated one when none was given). */
  name: string;
  /** How the transcript shows it: the name given with --name, else its ID as printed; null when neither is shown. */
  shown: string | null;
  /** A noun phrase for sentences: `container db`, `container <id1>`, `the container of command 10`. */
  label: string;
}

export interface VolumeRef {
  /** The volume's name (64 hex digits for an anonymous volume). */
  name: string;
  /** Created without a name (image VOLUME, `-v /path`, `--mount` without source). */
  anonymous: boolean;
  /** How the transcript shows it; null for an anonymous volume whose ID is never printed. */
  shown: string | null;
  /** `volume mysql-data`, `anonymous volume <id2>`, `an anonymous volume (its ID is not printed)`. */
  label: string;
}

export interface ImageRef {
  id: string;
  /** A tag (`mysql:8.0`; `:latest` left out), else the ID as printed, else null. */
  shown: string | null;
  label: string;
}

// ---------------------------------------------------------------- where bytes live

/**
 * A storage place. Paths of entries in a place are absolute from the place's root: for an image
 * layer and a writable layer that is the container's `/`, for a volume its `_data` directory,
 * for a tmpfs the mount's root, for the host the host's `/`.
 */
export type Place =
  /** Layer `layer` of `layers` of an image, counted from the bottom (1 = the base image's first). */
  | { kind: 'image-layer'; image: ImageRef; layer: number; layers: number }
  | { kind: 'writable-layer'; container: ContainerRef }
  | { kind: 'volume'; volume: VolumeRef }
  /** The simulated host; `shown` writes the scenario's working directory as `$PWD`. */
  | { kind: 'host'; path: string; shown: string }
  | { kind: 'tmpfs'; container: ContainerRef; destination: string };

export type EntryKind = 'file' | 'dir' | 'symlink' | 'device';

/** One file, directory, symlink or device node in a place. */
export interface Entry {
  path: string;
  kind: EntryKind;
  /** Bytes of a file, length of a symlink's target, 0 otherwise (and 0 where `sizeUnknown`). */
  bytes: number;
  /** A symlink's target. */
  target?: string;
  /**
   * A file a real server writes, or a directory holding one (FileNode.placeholder): its real size
   * is not known, only the catalog stand-in's placeholder is there, so `bytes` leaves it out and the
   * words say so instead of a number. It holds data all the same.
   */
  sizeUnknown?: true;
}

/** How a container sees a place at a path. */
export interface MountInfo {
  destination: string;
  type: 'volume' | 'bind' | 'tmpfs';
  /** For a volume. */
  volume?: VolumeRef;
  /** For a bind: the host path (and as shown). */
  host?: { path: string; shown: string };
  readOnly: boolean;
  /**
   * Why the mount is there: the image's VOLUME (`image-volume`), `-v /path` (`anonymous-flag`),
   * `-v NAME:/path` or `-v /host:/path` (`v-flag`), `--mount` (`mount-flag`), `--tmpfs`
   * (`tmpfs-flag`), or copied from another container by `--volumes-from` (`volumes-from`).
   */
  origin: 'image-volume' | 'anonymous-flag' | 'v-flag' | 'mount-flag' | 'tmpfs-flag' | 'volumes-from';
  /** `--mount ...,volume-subpath=`. */
  subpath?: string;
}

// ---------------------------------------------------------------- what happened

/** A change to one entry of a place (the entry as it is after the change; as it was, for a deletion). */
export interface Change extends Entry {
  /**
   * `created` (new), `modified` (content or metadata), `copied-up` (a writable layer's first change
   * to a file of the image: overlayfs copied the whole file up from `layer`), `deleted` (gone; in a
   * writable layer a file of `layer` is hidden by a whiteout), `replaced` (a directory removed and
   * made again in a writable layer: it is opaque, the image's content below it is hidden).
   */
  change: 'created' | 'modified' | 'copied-up' | 'deleted' | 'replaced';
  /** The image layer the entry came from or hides (1 = bottom; 0 = Docker's init layer). */
  layer?: number;
  /** Where the writing container saw it, when that differs from `path` (through a mount). */
  seenAt?: string;
}

/** Who changed a place. */
export type Actor =
  /** Processes of these containers (the main process, `docker exec`, a stop signal's trap). */
  | { kind: 'container'; containers: ContainerRef[] }
  /** `docker cp` into (or out of) the container. */
  | { kind: 'docker-cp'; container: ContainerRef }
  /** A command on the host (outside any container). */
  | { kind: 'host' };

/** What destroyed something. */
export type Cause =
  /** `docker rm`; `volumes`: with -v; `force`: with -f. */
  | { kind: 'rm'; volumes: boolean; force: boolean; container: ContainerRef }
  /** A `docker run --rm` container ended (or failed to start) and was removed, with its anonymous volumes. */
  | { kind: 'auto-remove'; container: ContainerRef }
  | { kind: 'container-prune' }
  | { kind: 'system-prune' }
  /** A failed `docker create`/`run` is cleaned up, its anonymous volumes with it. */
  | { kind: 'create-failed'; container: ContainerRef }
  | { kind: 'volume-rm' }
  | { kind: 'volume-prune' }
  /** The container's main process ended (exit, `docker stop`, `kill`, `restart`): tmpfs content is gone. */
  | { kind: 'stopped'; container: ContainerRef; exitCode: number }
  /** `docker rmi` / `image prune`: layers no other image holds. */
  | { kind: 'image-removed' }
  /** A docker compose command (`command`: its words, e.g. `docker compose down -v`), with the container it removed. */
  | { kind: 'compose'; command: string; container?: ContainerRef };

/** A copy of a destroyed entry that still exists. */
export interface Copy {
  /** The destroyed entry's path (in the destroyed place). */
  path: string;
  at: Place;
  /** Where the copy is in that place. */
  atPath: string;
  /** The member name when the copy is inside a tar archive (`atPath`). */
  member?: string;
}

/** A real docker command that helps, for a student to run. */
export interface Command {
  /** What it does, in words. */
  purpose: string;
  /** The command line, with IDs spelled as the transcript shows them. */
  command: string;
}

/** What `docker volume prune` does to a volume on this scenario's engine, once no container uses it. */
export interface PruneRule {
  /** `docker volume prune` (and `system prune --volumes`) removes it. */
  prune: boolean;
  /** `docker volume prune -a` removes it (26.1; the 20.10 CLI has no -a, its prune removes it anyway). */
  pruneAll: boolean;
  /** Why, in words (the engine's rule). */
  why: string;
}

export type DataEvent =
  /** An image appeared: built, committed from a container, or pulled (a catalog stand-in). */
  | {
      type: 'image-created';
      image: ImageRef;
      how: 'built' | 'committed' | 'pulled';
      layers: number;
      /** The image's VOLUME paths: each container gets an anonymous volume there unless a mount covers it. */
      volumes: string[];
      /** committed: the container whose writable layer became the top layer. */
      container?: ContainerRef;
      /** committed: mounts whose content is not in the image (it has what lay under them instead). */
      notIncluded?: MountInfo[];
    }
  | { type: 'image-removed'; image: ImageRef }
  /** The daemon restarts the container again and again: strata follows it no further, and says why (container/unfollowed.ts). */
  | { type: 'unfollowed'; container: ContainerRef; why: string }
  /** A pull failed: no registry strata has holds the image. */
  | { type: 'image-unavailable'; ref: string }
  /** `autoRemove`: `docker run --rm` (removed with its anonymous volumes when its main process ends). */
  | { type: 'container-created'; container: ContainerRef; image: ImageRef; mounts: MountInfo[]; autoRemove: boolean }
  | {
      type: 'volume-created';
      volume: VolumeRef;
      /** The container it was created for, and where it is mounted there (absent for `docker volume create`). */
      container?: ContainerRef;
      destination?: string;
      /** The compose project it was created for (its com.docker.compose.project label). */
      project?: string;
    }
  /** Copy-on-empty-mount: the volume was empty, so the image's content at `destination` was copied into it. */
  | { type: 'copied-from-image'; volume: VolumeRef; container: ContainerRef; image: ImageRef; destination: string; entries: Entry[] }
  /** A mount hides what lies at its destination in the container: the image's content, or a shallower mount's. */
  | { type: 'shadowed'; container: ContainerRef; mount: MountInfo; hidden: Place; entries: Entry[] }
  /**
   * What lay under a mount shows again: when a tmpfs goes with the main process (`tmpfs-gone`),
   * and in a committed image, which has what lay under the container's mounts (`commit`).
   */
  | { type: 'revealed'; container: ContainerRef; destination: string; why: 'tmpfs-gone' | 'commit'; shows: Place; entries: Entry[] }
  | { type: 'written'; place: Place; by: Actor; changes: Change[] }
  | { type: 'container-removed'; container: ContainerRef; by: Cause; writableLayer: Entry[] }
  /**
   * Data destroyed: `entries` were in `place`; `copies` still exist elsewhere; `lost` are the
   * entries with data (non-empty files, symlinks) of which no copy exists: gone for good.
   */
  | { type: 'destroyed'; place: Place; by: Cause; entries: Entry[]; copies: Copy[]; lost: Entry[] }
  /** An anonymous volume no container uses any more, still on disk: what it holds and how to get it back. */
  | { type: 'orphaned'; volume: VolumeRef; container: ContainerRef; destination: string; entries: Entry[]; recovery: Command[]; prune: PruneRule }
  /**
   * A container was given a new anonymous volume at `destination` while `orphan`, the volume an
   * earlier container (of the same name or image) had there, still holds that container's data.
   */
  | { type: 'not-reattached'; container: ContainerRef; destination: string; volume: VolumeRef; orphan: VolumeRef; entries: Entry[] };

/** One command of the scenario (or page) and what it did to data. */
export interface StepExplanation {
  /** 1-based command number (`strata where --after N` is the state after command N). */
  step: number;
  /** Line of the command in the file (the page line for a Markdown page). */
  line: number;
  command: string;
  /** Its output as the transcript shows it (normalized for a scenario; as on the page for a page). */
  output: string[];
  exitCode: number;
  events: DataEvent[];
  /** The events in plain words, as `strata explain` prints them. */
  notes: string[];
}

/** A place that holds data at the end. */
export interface Holding {
  place: Place;
  entries: Entry[];
  /** The entries' bytes; a lower bound where one of them has sizeUnknown (then `sizeUnknown` is set too). */
  bytes: number;
  sizeUnknown?: true;
  /** Containers that use it (volumes: mount it; a writable layer: its own container). */
  users: ContainerRef[];
  /** For a volume: what a prune would do once no container uses it. */
  prune?: PruneRule;
}

/** Data destroyed by one command. */
export interface Loss {
  step: number;
  line: number;
  command: string;
  place: Place;
  by: Cause;
  /** Gone for good: no copy exists. */
  lost: Entry[];
  /** Destroyed here, but a copy survives. */
  copies: Copy[];
}

export interface Orphan {
  volume: VolumeRef;
  /** The command that left it unused. */
  step: number;
  entries: Entry[];
  recovery: Command[];
  prune: PruneRule;
}

export interface Summary {
  /** After the last command. */
  step: number;
  data: Holding[];
  losses: Loss[];
  orphaned: Orphan[];
  /** The summary in plain words. */
  notes: string[];
}

export interface Explanation {
  schema: typeof EXPLAIN_SCHEMA;
  file: string;
  engine: EngineName;
  /** How the transcript spells IDs: scenario placeholders (`<id1>`), or Docker's hex (pages with ids=docker). */
  ids: 'placeholders' | 'docker';
  steps: StepExplanation[];
  summary: Summary;
}
