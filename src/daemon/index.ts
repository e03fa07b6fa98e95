// The daemon's operations as its clients call them: the Engine API of moby, one name per
// endpoint. Clients (the docker CLI in src/docker/commands/, compose in src/compose/) parse their
// own arguments, call these, and word the results and errors their own way; the rules (what a
// create mounts, what a removal takes with it, what a prune may delete) live behind this line.
//
// Each operation is implemented next to the concept it changes (src/container/, src/volume/,
// src/image/, src/network/, and src/daemon/volumes.ts for the volume endpoints that used to sit
// in the docker commands); this file is where a client finds them. Errors are Docker's: a
// DaemonError's message is what the daemon answers, without the CLI's `Error response from
// daemon: ` frame.

export { DaemonError, MountTypeError } from '../container/errors.ts';

/** POST /containers/create */
export { createContainer as containerCreate, type CreateRequest as ContainerCreateRequest } from '../container/create.ts';
/** POST /containers/{id}/start (attached: the CLI's attach + start of `docker run`) */
export { startContainer as containerStart, type StartResult as ContainerStartResult } from '../container/lifecycle.ts';
/** POST /containers/{id}/stop */
export { stopContainer as containerStop, type StopOptions as ContainerStopOptions } from '../container/lifecycle.ts';
/**
 * POST /containers/{id}/stop, sent by a client with others at once (compose's parallel requests):
 * each begins (its signal), then the clock moves for all of them together until each has ended.
 */
export { beginStop as containerStopBegin, stepStops as containerStopStep, stopEnded as containerStopEnded, awaitStops as containerStopsAwait, type PendingStop as PendingContainerStop } from '../container/lifecycle.ts';
/** POST /containers/{id}/kill */
export { signalContainer as containerSignal } from '../container/lifecycle.ts';
/** POST /containers/{id}/exec + /exec/{id}/start */
export { execInContainer as containerExec, ExecStartError } from '../container/lifecycle.ts';
/** DELETE /containers/{id} (?v=1: its anonymous volumes too) */
export { removeContainer as containerRemove, type RemoveOptions as ContainerRemoveOptions } from '../container/remove.ts';
/** POST /containers/{id}/rename (the checks of the name are the caller's) */
export { renameContainer as containerRename } from '../container/registry.ts';

/** POST /volumes/create, DELETE /volumes/{name}, POST /volumes/prune */
export { createVolume as volumeCreate, removeVolume as volumeRemove, pruneVolumes as volumesPrune, VolumeInUse, VolumeNotFound, type VolumeCreateRequest } from './volumes.ts';

/** POST /build (the daemon's builder: legacy or BuildKit by profile) */
export { build as imageBuild, type BuildRequest as ImageBuildRequest, type BuildResult as ImageBuildResult } from '../image/build/builder.ts';
/** GET /images/{name}/json (the lookup), DELETE /images/{name} */
export { findImage as imageLookup, deleteImage as imageRemove, ImageDeleteError } from '../image/store.ts';
/** GET /images/json: the images the daemon lists, and each one's RepoTags */
export { liveImages as imageList, tagsOf as imageTags } from '../image/store.ts';

/** POST /networks/create, DELETE /networks/{id}, the lookup by name */
export { createNetwork as networkCreate, removeNetwork as networkRemove, networkByName as networkLookup, activeEndpoints as networkEndpoints, NetworkError } from '../network/store.ts';

/** GET /info (the storage model's part of it) */
export { systemInfo, type SystemInfo } from './info.ts';
