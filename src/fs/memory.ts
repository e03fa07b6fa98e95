// A stand-alone namespace over one plain tree, with /dev/null and /dev/zero: the simulated host
// starts as one, and tests use it wherever no layers or mounts are needed.

import { Namespace, type NamespaceOptions } from './namespace.ts';
import { device, dir, type DirNode } from './node.ts';
import { TreeBackend } from './tree-backend.ts';

/** Ensure /dev exists with the character devices scripts redirect to. */
export function withDevices(root: DirNode): DirNode {
  const dev = (root.entries.dev ??= dir());
  if (dev.kind === 'dir') {
    dev.entries.null ??= device('null');
    dev.entries.zero ??= device('zero');
    dev.entries.full ??= device('full');
    dev.entries.urandom ??= device('urandom');
    dev.entries.random ??= device('random');
    dev.entries.stdin ??= device('fd0');
    dev.entries.stdout ??= device('fd1');
    dev.entries.stderr ??= device('fd2');
  }
  return root;
}

export function memoryFs(root: DirNode = dir(), opts: NamespaceOptions = {}, linked?: () => DirNode[]): Namespace {
  const tree = withDevices(root);
  return new Namespace([{ target: '/', backend: new TreeBackend(() => tree, { linked }), readonly: false, source: '/dev/sda1' }], opts);
}
