// volume-subpath resolution at container start (moby daemon/volume/safepath): symlinks inside
// the volume are followed; a path that leaves the volume root is refused; it must exist.

import { nodeAt } from '../fs/locate.ts';
import type { DirNode } from '../fs/node.ts';
import { components } from '../fs/path.ts';

export type SubpathResult = { kind: 'ok'; parts: string[] } | { kind: 'missing' } | { kind: 'escapes' };

export function resolveSubpath(root: DirNode, subpath: string): SubpathResult {
  let todo = components(subpath);
  let cur: string[] = [];
  let links = 0;
  while (todo.length > 0) {
    const c = todo.shift()!;
    if (c === '..') {
      if (cur.length === 0) return { kind: 'escapes' };
      cur.pop();
      continue;
    }
    cur.push(c);
    const node = nodeAt(root, cur);
    if (node === undefined) return { kind: 'missing' };
    if (node.kind === 'symlink') {
      if (++links > 40) return { kind: 'missing' };
      if (node.target.startsWith('/')) return { kind: 'escapes' };
      cur.pop();
      todo = [...components(node.target), ...todo];
    }
  }
  return { kind: 'ok', parts: cur };
}
