// The init layer moby puts between the image and the writable layer (daemon/initlayer): mount
// point placeholders and /.dockerenv. It is part of the diff's parent, so `docker diff` never
// lists these, while `docker export` includes them (shared/oracle/README.md, "What a running
// container shows").

import { freeze } from 'immer';
import { dir, file, symlink, type DirNode } from '../fs/node.ts';
import { registerMemo } from '../engine/memos.ts';

/**
 * Every look at a container's file system stacks its init layer, a function of the creation
 * time alone: the layers of the containers seen last are kept, frozen (a lower layer is never
 * changed in place), instead of building ten nodes again for each lookup path.
 */
const MEMO_SIZE = 64;

function remembered(memo: Map<number, DirNode>, mtime: number, make: (mtime: number) => DirNode): DirNode {
  let tree = memo.get(mtime);
  if (tree === undefined) {
    tree = freeze(make(mtime), true);
    // Stryker disable next-line all: when the memo is emptied only decides what is built again
    if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
    memo.set(mtime, tree);
  }
  return tree;
}

const initMemo = new Map<number, DirNode>();
const buildkitInitMemo = new Map<number, DirNode>();
registerMemo(() => {
  initMemo.clear();
  buildkitInitMemo.clear();
});

/**
 * BuildKit runs RUN steps without Docker's init layer: no /.dockerenv, no /etc/hostname or
 * /etc/mtab; it bind-mounts /etc/hosts and /etc/resolv.conf (recorded in
 * test/recorded/docker-26.1/image-layers/run-step-view.scenario).
 */
export function buildkitInitLayer(mtime: number): DirNode {
  return remembered(buildkitInitMemo, mtime, makeBuildkitInitLayer);
}

function makeBuildkitInitLayer(mtime: number): DirNode {
  const m = { mtime };
  return dir(m, {
    dev: dir(m),
    etc: dir(m, { hosts: file('', { ...m, mode: 0o755 }), 'resolv.conf': file('', { ...m, mode: 0o755 }) }),
    proc: dir(m),
    sys: dir(m),
  });
}

export function initLayer(mtime: number): DirNode {
  return remembered(initMemo, mtime, makeInitLayer);
}

function makeInitLayer(mtime: number): DirNode {
  const m = { mtime };
  return dir(m, {
    '.dockerenv': file('', { ...m, mode: 0o755 }),
    dev: dir(m, {
      console: file('', { ...m, mode: 0o755 }),
      pts: dir(m),
      shm: dir(m),
    }),
    etc: dir(m, {
      hostname: file('', { ...m, mode: 0o755 }),
      hosts: file('', { ...m, mode: 0o755 }),
      mtab: symlink('/proc/mounts', m),
      'resolv.conf': file('', { ...m, mode: 0o755 }),
    }),
    proc: dir(m),
    sys: dir(m),
  });
}

/**
 * The default lines of a container's /etc/hosts (150 bytes); the `--add-host` entries and a line
 * per network address follow (network/endpoints.ts hostsFileExtra).
 */
export const ETC_HOSTS =
  '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n';

/** The host's resolv.conf is machine-specific; scenarios never print it. */
export const RESOLV_CONF = 'nameserver 127.0.0.53\noptions edns0 trust-ad\n';
