// A stand-alone namespace over one plain tree, with /dev/null and /dev/zero: the simulated host
// starts as one, and tests use it wherever no layers or mounts are needed.

import { Namespace, type NamespaceOptions } from './namespace.ts';
import { device, dir, entryOf, entryToChange, setEntry, type DeviceName, type DirNode } from './node.ts';
import { TreeBackend } from './tree-backend.ts';

const DEVICES: [string, DeviceName][] = [
  ['null', 'null'],
  ['zero', 'zero'],
  ['full', 'full'],
  ['urandom', 'urandom'],
  ['random', 'random'],
  ['tty', 'tty'],
  ['stdin', 'fd0'],
  ['stdout', 'fd1'],
  ['stderr', 'fd2'],
];

/** Ensure /dev exists with the character devices scripts redirect to. */
export function withDevices(root: DirNode): DirNode {
  const seen = entryOf(root, 'dev');
  // a /dev that is no directory is left alone
  if (seen !== undefined && seen.kind !== 'dir') return root;
  // Every command looks at the host through here: when nothing is missing, look without
  // drafting (taking /dev through a command's draft copied the root's and /dev's entries).
  // Stryker disable next-line ConditionalExpression,ArrowFunction: a shortcut: the walk below finds every device there and adds none
  if (seen !== undefined && DEVICES.every(([name]) => entryOf(seen, name) !== undefined)) return root;
  let dev = entryToChange(root, 'dev') as DirNode | undefined;
  if (dev === undefined) setEntry(root, 'dev', (dev = dir()));
  // /dev/tty is root:tty (gid 5 in base-passwd's group.master) 0666 on a systemd host: systemd's
  // rules.d/50-udev-default.rules.in, `SUBSYSTEM=="tty", KERNEL=="tty", GROUP="tty", MODE="0666"`;
  // the other devices stay root:root.
  for (const [name, device_] of DEVICES) if (entryToChange(dev, name) === undefined) setEntry(dev, name, device(device_, device_ === 'tty' ? { gid: 5 } : {}));
  return root;
}

export function memoryFs(root: DirNode = dir(), opts: NamespaceOptions = {}, linked?: () => DirNode[]): Namespace {
  const tree = withDevices(root);
  return new Namespace([{ target: '/', backend: new TreeBackend(() => tree, { linked }), readonly: false, source: '/dev/sda1' }], opts);
}
