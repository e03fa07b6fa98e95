// The init layer moby puts between the image and the writable layer (daemon/initlayer): mount
// point placeholders and /.dockerenv. It is part of the diff's parent, so `docker diff` never
// lists these, while `docker export` includes them (shared/oracle/README.md, "What a running
// container shows").

import { freeze } from 'immer';
import { dir, entryOf, file, symlink, type DirNode, type Node } from '../fs/node.ts';
import { registerMemo } from '../engine/memos.ts';

/**
 * Every look at a container's file system stacks its init layer, a function of the creation
 * time and of what the image has at its directories (initLayer): the layers of the containers
 * seen last are kept, frozen (a lower layer is never changed in place), instead of building ten
 * nodes again for each lookup path.
 */
const MEMO_SIZE = 64;

function remembered(memo: Map<string, DirNode>, key: string, make: () => DirNode): DirNode {
  let tree = memo.get(key);
  if (tree === undefined) {
    tree = freeze(make(), true);
    // Stryker disable next-line all: when the memo is emptied only decides what is built again
    if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
    memo.set(key, tree);
  }
  return tree;
}

const initMemo = new Map<string, DirNode>();
registerMemo(() => {
  initMemo.clear();
});

/**
 * The init layer of a container made at `mtime` over `image` (its merged layers). moby's
 * initlayer.Setup (daemon/initlayer/setup_unix.go) works in the init layer mounted over the
 * image: it unlinks what stands at each of its paths unless it is a directory (unlink fails on
 * one), then makes what os.Stat does not find, parents with MkdirAll. So its files and the mtab
 * link are always its own; a directory the image has stays the image's: /proc, /sys, /dev/pts
 * and /dev/shm are not made again, and /dev and /etc, which get files, are the image's
 * directories copied up (their mode and owner; the time of the files made in them). Recorded on
 * both engines: run-layer-mounts/etc-mode-seen (an image's 0700 /etc is 0700 in a container).
 */
export function initLayer(mtime: number, image?: DirNode): DirNode {
  const had = (node: Node | undefined): Meta | undefined => (node?.kind === 'dir' ? { mode: node.mode, uid: node.uid, gid: node.gid } : undefined);
  const dev = image && entryOf(image, 'dev');
  const over: ImageDirs = {
    dev: had(dev),
    etc: had(image && entryOf(image, 'etc')),
    kept: ['proc', 'sys'].filter((n) => had(image && entryOf(image, n)) !== undefined)
      .concat(dev?.kind === 'dir' ? ['pts', 'shm'].filter((n) => had(entryOf(dev, n)) !== undefined).map((n) => `dev/${n}`) : []),
  };
  const sig = (meta: Meta | undefined): string => (meta === undefined ? '-' : `${meta.mode} ${meta.uid} ${meta.gid}`);
  return remembered(initMemo, `${mtime}|${sig(over.dev)}|${sig(over.etc)}|${over.kept.join(',')}`, () => makeInitLayer(mtime, over));
}

interface Meta {
  mode: number;
  uid: number;
  gid: number;
}

/** What of the init layer's directories the image has: /dev's and /etc's metadata, and the directories it need not make. */
interface ImageDirs {
  dev: Meta | undefined;
  etc: Meta | undefined;
  kept: string[];
}

function makeInitLayer(mtime: number, over: ImageDirs): DirNode {
  const m = { mtime };
  const made = (path: string): boolean => !over.kept.includes(path);
  return dir(m, {
    '.dockerenv': file('', { ...m, mode: 0o755 }),
    dev: dir({ ...m, ...over.dev }, {
      console: file('', { ...m, mode: 0o755 }),
      ...(made('dev/pts') ? { pts: dir(m) } : {}),
      ...(made('dev/shm') ? { shm: dir(m) } : {}),
    }),
    etc: dir({ ...m, ...over.etc }, {
      hostname: file('', { ...m, mode: 0o755 }),
      hosts: file('', { ...m, mode: 0o755 }),
      mtab: symlink('/proc/mounts', m),
      'resolv.conf': file('', { ...m, mode: 0o755 }),
    }),
    ...(made('proc') ? { proc: dir(m) } : {}),
    ...(made('sys') ? { sys: dir(m) } : {}),
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
