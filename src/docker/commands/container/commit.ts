// docker commit: the writable layer becomes a new image layer (mount content never does; mount
// points the runtime created do). Config: the container's, including Config.Volumes, with the
// `-c` Dockerfile instructions applied; `-m` is the image (and history row) comment, `-a` its author.

import type { DockerCommand } from '../../command.ts';
import { flagList, flagString } from '../../args.ts';
import { daemonError, errOut, out } from '../../errors.ts';
import { findContainer } from '../../../container/lookup.ts';
import { isEmptyDir, treeSize } from '../../../fs/node.ts';
import { addLayer, withoutSockets } from '../../../image/layers.ts';
import { sha256Hex } from '../../../engine/ids.ts';
import { normalizeRef } from '../../../image/store.ts';
import { applyCommitChanges } from '../../../image/commit-changes.ts';
import type { Image, ImageConfig } from '../../../engine/state.ts';
import { tablePeek, tableSet } from '../../../engine/table.ts';

export const commit: DockerCommand = {
  spec: {
    path: 'commit',
    args: { min: 1, max: 2 },
    usage: 'docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]',
    description: "Create a new image from a container's changes",
    flags: [
      { long: 'message', short: 'm', kind: 'string', help: 'Commit message' },
      { long: 'author', short: 'a', kind: 'string', help: 'Author' },
      { long: 'pause', short: 'p', kind: 'bool', help: 'Pause container during commit' },
      { long: 'change', short: 'c', kind: 'list', help: 'Apply Dockerfile instruction to the created image' },
    ],
  },
  run(ctx, p) {
    const [ref, repo] = p.args;
    const c = findContainer(ctx.st, ref ?? '');
    if (!c) {
      errOut(ctx, `Error response from daemon: No such container: ${ref}\n`);
      return 1;
    }
    const base = tablePeek(ctx.st.images, c.imageId)!;
    // moby daemon/commit.go: the container's Config merged under the changes, every field
    // (recorded: inspect/inspect-commit-config)
    const fromContainer = {
      Hostname: c.config.Hostname,
      // c.Config is nil from the CLI, so the whole container Config is the image's: --domainname
      // too (moby daemon/commit.go CreateImageFromContainer; recorded: commit-hostname/commit-domainname)
      ...(c.config.Domainname ? { Domainname: c.config.Domainname } : {}),
      AttachStdin: c.config.AttachStdin ?? false,
      AttachStdout: c.config.AttachStdout ?? true,
      AttachStderr: c.config.AttachStderr ?? true,
      Tty: c.config.Tty,
      OpenStdin: c.config.OpenStdin,
      StdinOnce: c.config.StdinOnce ?? false,
      NetworkDisabled: c.config.NetworkDisabled ?? false,
    };
    let config: ImageConfig = {
      Image: c.config.Image,
      fromContainer,
      User: c.config.User,
      // the container's own Env: none when neither its image nor `-e` gave one (nil: `"Env":null`
      // in the image's config, recorded: image-layers/savev1-layer-json)
      Env: c.config.Env !== null && c.config.Env.length > 0 ? c.config.Env : null,
      Cmd: c.config.Cmd,
      Entrypoint: c.config.Entrypoint,
      WorkingDir: c.config.WorkingDir,
      // Only anonymous specs are kept: the CLI never commits named volumes or binds.
      Volumes: c.config.Volumes,
      // a container's Labels are never nil (moby daemon/commit.go merge at its creation): `{}`
      // (recorded: image-layers/savev1-layer-json, both engines)
      Labels: { ...c.config.Labels },
      // The image takes the container's config (moby daemon/commit.go): `--stop-signal`, and the
      // `-p`/`--expose` ports next to the image's own (recorded: core/commit-settings).
      StopSignal: c.config.StopSignal !== (base.config.StopSignal || 'SIGTERM') ? c.config.StopSignal : base.config.StopSignal,
      ...(c.config.ExposedPorts ?? base.config.ExposedPorts ? { ExposedPorts: { ...(base.config.ExposedPorts ?? {}), ...(c.config.ExposedPorts ?? {}) } } : {}),
    };
    const before = config;
    const changed = applyCommitChanges(config, flagList(p, 'change'), ctx.profile.commitChangeWordAsWritten);
    if ('error' in changed) return daemonError(ctx, changed.error);
    config = changed.config;
    // A container that changed nothing gives an empty diff, which the image store does not keep as
    // a layer (moby image/store: an empty tar's DiffID is an empty layer): the image has its
    // base's layers and a 0B history row (recorded: image-layers/commit-without-changes).
    const unchanged = isEmptyDir(c.upper) && !c.upper.opaque;
    const layers = unchanged ? [...base.layers] : [...base.layers, addLayer(ctx.st, base.layers, withoutSockets(c.upper))];
    const createdBy = [c.path, ...c.args].join(' ');
    const comment = flagString(p, 'message') ?? '';
    const author = flagString(p, 'author') ?? '';
    const image: Image = {
      id: '',
      layers,
      config,
      history: [...base.history.map((h) => ({ ...h, imageId: undefined })), { created: ctx.st.clock, ...(author !== '' ? { author } : {}), createdBy, comment, emptyLayer: unchanged, size: unchanged ? 0 : treeSize(c.upper) }],
      created: ctx.st.clock,
      parent: base.id,
      comment,
      author,
      container: { id: c.id, config: before },
    };
    image.id = sha256Hex(JSON.stringify({ ...image, id: '' }));
    tableSet(ctx.st.images, image.id, image);
    if (repo) ctx.st.tags[normalizeRef(repo)] = image.id;
    ctx.events.push({ type: 'image-committed', image: image.id, container: c.id, name: c.name, ...(repo ? { tag: normalizeRef(repo) } : {}) });
    out(ctx, `sha256:${image.id}\n`);
    return 0;
  },
};
