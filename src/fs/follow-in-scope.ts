// Resolving a path inside a root file system the way the daemon resolves a destination it
// writes to: every symlink on the way is followed, the last component's too, absolute link
// targets start again at the root and `..` stops there; what does not exist yet is kept as it
// is, so a dangling link's target is where a copy lands (moby pkg/symlink FollowSymlinkInScope,
// used by containerfs ResolveScopedPath(path, true) for COPY/ADD destinations in
// builder/dockerfile/copy.go copyInfo.fullPath; BuildKit's continuity fs.RootPath likewise).

import type { Vfs } from './vfs.ts';
import { components } from './path.ts';

/** Linux's limit of symlinks followed in one lookup (MAXSYMLINKS); moby's is 255. */
const MAX_LINKS = 255;

export function followInScope(fs: Vfs, path: string): string {
  let todo = components(path);
  let cur: string[] = [];
  let links = 0;
  while (todo.length > 0) {
    const [c, ...rest] = todo;
    todo = rest;
    // (components drops empty parts and `.`, from the path and from every target)
    if (c === '..') {
      cur.pop();
      continue;
    }
    cur.push(c);
    let target: string | undefined;
    try {
      // only a symlink has a target
      // Stryker disable next-line StringLiteral: the namespace reads a path from the root with or without its leading / (components), and the path of an error here is not looked at
      target = fs.lstat('/' + cur.join('/')).target;
    } catch {
      // Missing (or not searchable): no link to follow here, and the walk goes on, as moby's
      // does ("if path does not exist, there is no symlink to follow"): a later `..` can come
      // back to a link that exists (recorded: builds/copy-dest-through-missing, `/nope/../dang/`).
    }
    if (target === undefined) continue;
    if (++links > MAX_LINKS) return normalizeRest(cur, todo);
    cur.pop();
    if (target.startsWith('/')) cur = [];
    todo = [...components(target), ...todo];
  }
  return '/' + cur.join('/');
}

function normalizeRest(cur: string[], rest: string[]): string {
  const out = [...cur];
  for (const c of rest) {
    if (c === '..') out.pop();
    else out.push(c);
  }
  return '/' + out.join('/');
}
