// Direct tree navigation for canonical paths (no symlink following): used where a path was
// already resolved, e.g. a bind mount's host source.

import { entryToChange, type DirNode, type Node, type RealNode } from './node.ts';
import { components } from './path.ts';

export function nodeAt(root: DirNode, path: string | string[]): RealNode | undefined {
  let node: RealNode = root;
  for (const name of typeof path === 'string' ? components(path) : path) {
    if (node.kind !== 'dir') return undefined;
    const child: Node | undefined = entryToChange(node, name);
    if (child === undefined || child.kind === 'whiteout') return undefined;
    node = child;
  }
  return node;
}
