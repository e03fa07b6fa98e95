// The daemon's image import (moby daemon/images/image_import.go): a tar of a root file system
// becomes an image of one layer, with no parent, the config the `--change` instructions build
// (no Cmd unless one is given) and one history row whose comment is the message.

import type { EngineState, Image, ImageConfig } from '../engine/state.ts';
import type { TarEntry } from '../archive/tar.ts';
import { dir, treeSize } from '../fs/node.ts';
import { Namespace } from '../fs/namespace.ts';
import { TreeBackend } from '../fs/tree-backend.ts';
import { extractEntries } from '../archive/untar.ts';
import { sha256Hex } from '../engine/ids.ts';
import { tableSet, tableSetDefault } from '../engine/table.ts';

/** An empty image config (what `docker import` starts from before its changes). */
export function emptyImageConfig(): ImageConfig {
  return { User: '', Env: null, Cmd: null, Entrypoint: null, WorkingDir: '', Volumes: null, Labels: null, StopSignal: '' };
}

/**
 * Store the archive's entries as a new image; returns it (not tagged). `tar` is the archive they
 * were read from: the layer store registers that stream and keeps it byte for byte (tar-split),
 * so `docker save` writes it back and the layer's diff ID is its digest (image_import.go
 * `i.layerStore.Register(inflatedLayerData, "")`; recorded: image-layers/loadkeep-import, an
 * export and a GNU tar of the host saved back unchanged on both engines).
 */
export function importImage(st: EngineState, entries: TarEntry[], config: ImageConfig, message: string, tar: string): Image {
  // The layer is the archive unpacked into an empty directory, owners and modes as archived.
  const tree = dir(); // 0755, root-owned, until the archive's `./` says otherwise
  const fs = new Namespace([{ target: '/', backend: new TreeBackend(() => tree), readonly: false, source: 'import' }], { clock: () => st.clock });
  extractEntries(fs, '/', entries, { chown: true });
  // Always one layer, even for an archive of nothing but its root (moby image_import.go
  // registers the tar as a layer unconditionally and lists its DiffID; recorded:
  // image-layers/import-empty, `{{len .RootFS.Layers}}` 1 and rmi deletes the layer).
  const layerId = sha256Hex(tar);
  tableSetDefault(st.layers, layerId, { id: layerId, tree, size: treeSize(tree), tar });
  const layers = [layerId];
  const image: Image = {
    id: '',
    layers,
    config,
    history: [{ created: st.clock, createdBy: '', comment: message, emptyLayer: false, size: treeSize(tree) }],
    created: st.clock,
    parent: '',
    comment: message,
  };
  image.id = sha256Hex(JSON.stringify({ ...image, id: '' }));
  image.imported = true;
  tableSet(st.images, image.id, image);
  return image;
}
