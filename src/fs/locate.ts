// Direct tree navigation for canonical paths (no symlink following): used where a path was
// already resolved, e.g. a bind mount's host source.

import { entryOf, entryToChange, type DirNode, type Node, type RealNode } from './node.ts';
import { components } from './path.ts';

export function nodeAt(root: DirNode, path: string | string[], readOnly = false): RealNode | undefined {
  let node: RealNode = root;
  for (const name of typeof path === 'string' ? components(path) : path) {
    if (node.kind !== 'dir') return undefined;
    // inside a command's draft: the drafts of the way, to change what is found (entryToChange),
    // or, `readOnly`, the nodes as they stand, drafting nothing (entryOf)
    const child: Node | undefined = readOnly ? entryOf(node, name) : entryToChange(node, name);
    if (child === undefined || child.kind === 'whiteout') return undefined;
    node = child;
  }
  return node;
}
