// The built-in base image `busybox:latest`, identical to the oracle engines' (see
// shared/oracle/README.md "Base image"): one layer of 277 entries, owner 0:0, mtime
// 2024-01-01T00:00:00Z, config Cmd ["sh"] and StopSignal SIGKILL, and its single history row.
// Every catalog stand-in is built on it, and `--busybox-stand-ins` (the oracle's recordings)
// starts with it; a normal install's busybox:latest is the real image (busybox-real.ts), under
// the same registry data (BASE_REGISTRY): `baseImage` chooses.

import { freeze } from 'immer';
import { dir, file, symlink, type DirNode } from '../fs/node.ts';
import { treeSize } from '../fs/node.ts';
import { BUSYBOX_APPLETS } from './busybox-applets.ts';
import { BUSYBOX_SIZE, busyboxBinary } from '../fs/busybox-binary.ts';
import type { EngineState, Image, Layer } from '../engine/state.ts';
import { registerMemo } from '../engine/memos.ts';
import { realBusyboxImage, realBusyboxLayer } from './busybox-real.ts';

export const BASE_IMAGE_ID = '6d13d7844333113d5b4bab8670d9684968220ddb9935b72d2a13b69d769d0310';
export const BASE_LAYER_ID = '6e4212a3223d2a922dca4a830fbe1bee2ef258d3c554b188f759dc2f845514e0';
export const BASE_IMAGE_REF = 'busybox:latest';
/**
 * What `docker pull busybox` finds: strata's registry holds the base image as `busybox:latest`
 * (the catalog's stand-ins are built on it), under the registry data of the real tag
 * (docker-library/repo-info 01a7054230d50b3dccaf8d579f161c522be8c9f0,
 * repos/busybox/remote/latest.md: the index digest and the linux/amd64 layer).
 */
export const BASE_REGISTRY = {
  digest: 'sha256:dc2d74b28e4cf8984fa52af1f39bc7c3d9c73760b41a74d629f5d11b1ab28616',
  layers: ['sha256:b05093807bb0294152bb9cf86d64da722732dddaf7f8882fa1f120477dbc4db3'],
};
/** 2024-01-01T00:00:00Z */
export const BASE_MTIME = 1704067200;
export { BUSYBOX_SIZE } from '../fs/busybox-binary.ts';
export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n';
const GROUP = 'root:x:0:\nnogroup:x:65534:\n';

export function busyboxTree(): DirNode {
  const m = { mtime: BASE_MTIME };
  // all names at once (one entries set of 270 names, not 270 writes into a growing one)
  const bin = dir(m, [['busybox', file(busyboxBinary(), { ...m, mode: 0o755 })], ...BUSYBOX_APPLETS.map((name) => [name, symlink('busybox', m)] as const)]);
  return dir(m, {
    bin,
    etc: dir(m, {
      group: file(GROUP, m),
      passwd: file(PASSWD, m),
    }),
    root: dir({ ...m, mode: 0o700 }),
    tmp: dir({ ...m, mode: 0o1777 }),
    var: dir(m),
  });
}

/**
 * The base layer, made once: every engine state starts with it (every stand-in build is a fresh
 * engine), and making it cost a 2 MB string and a walk to size it each time. Frozen, as immer
 * freezes what a state holds, so that sharing it between states can never leak a change.
 */
let baseLayer: Layer | undefined;
registerMemo(() => (baseLayer = undefined));
export function busyboxLayer(): Layer {
  if (baseLayer === undefined) {
    const tree = busyboxTree();
    baseLayer = freeze({ id: BASE_LAYER_ID, tree, size: treeSize(tree) }, true);
  }
  return baseLayer;
}

/**
 * The busybox:latest an engine starts with and `docker pull busybox` gives: the oracle's
 * (`oracle`: `--busybox-stand-ins`, and the engine a stand-in is built in) or the real one.
 */
export function baseImage(oracle: boolean): { layer: Layer; image: Image } {
  const layer = oracle ? busyboxLayer() : realBusyboxLayer();
  return { layer, image: oracle ? busyboxImage(layer.size) : realBusyboxImage(layer.size) };
}

/** Whether the engine's busybox:latest is the oracle's (EngineState.oracleBase, busyboxStandIns). */
export function usesOracleBase(st: Pick<EngineState, 'busyboxStandIns' | 'oracleBase'>): boolean {
  return st.busyboxStandIns === true || st.oracleBase === true;
}

export function busyboxImage(size: number): Image {
  return {
    id: BASE_IMAGE_ID,
    layers: [BASE_LAYER_ID],
    config: {
      User: '',
      Env: null,
      Cmd: ['sh'],
      Entrypoint: null,
      WorkingDir: '',
      Volumes: null,
      Labels: null,
      StopSignal: 'SIGKILL',
    },
    history: [
      {
        created: BASE_MTIME,
        createdBy: '/bin/sh -c #(nop) ADD busybox-static 1:1.35.0-4+deb12u1+b1 rootfs in / ',
        comment: 'dockersim oracle base image',
        emptyLayer: false,
        size,
      },
    ],
    created: BASE_MTIME,
    parent: '',
    comment: '',
  };
}
