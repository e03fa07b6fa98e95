// Resolving a path inside a root file system the way the daemon resolves a destination it
// writes to: every symlink on the way is followed, the last component's too, absolute link
// targets start again at the root and `..` stops there; what does not exist yet is kept as it
// is, so a dangling link's target is where a copy lands (moby pkg/symlink FollowSymlinkInScope,
// used by containerfs ResolveScopedPath(path, true) for COPY/ADD destinations in
// builder/dockerfile/copy.go copyInfo.fullPath, by container.GetResourcePath for WORKDIR, `-w`
// and docker cp; BuildKit's continuity fs.RootPath likewise).
//
// Both give up on a loop, each counting its own way (recorded: fs/symlink-loop, fs/symlink-chain,
// both engines): moby's evalSymlinksInScope counts the steps of its walk, one per part of the path
// it takes off the front, and fails after 255 ("too many links in " + the path); a link to an
// absolute target costs two steps (the empty part before the target's `/`, then the name), so a
// chain of 127 links fails where 126 do not. continuity's walkLink, and Go's
// filepath.EvalSymlinks, count the links and fail past 255 ("too many links").

import type { Vfs } from './vfs.ts';
import { normalize } from './path.ts';

/** moby evalSymlinksInScope's maxIter, and continuity's and Go's bound of links walked. */
const MAX_STEPS = 255;

/** `steps`: moby pkg/symlink's count (the classic builder, the daemon's -w and docker cp); `links`: continuity's (BuildKit). */
export type LinkCount = 'steps' | 'links';

/** The walk gave up on a loop (or a chain too long); `path` is the path asked for, cleaned (moby's originalPath). */
export class TooManyLinks extends Error {
  constructor(readonly path: string) {
    super(`too many links in ${path}`);
  }
}

export function followInScope(fs: Pick<Vfs, 'lstat'>, path: string, count: LinkCount = 'steps'): string {
  const original = normalize(path);
  // moby walks the rest of the path as a string, taking one part off the front per step
  let rest = original;
  let cur: string[] = [];
  let links = 0;
  for (let steps = 0; rest !== ''; steps++) {
    if (count === 'steps' && steps > MAX_STEPS) throw new TooManyLinks(original);
    const slash = rest.indexOf('/');
    const c = slash < 0 ? rest : rest.slice(0, slash);
    rest = slash < 0 ? '' : rest.slice(slash + 1);
    // an empty part (a leading or doubled `/`) and `.` change nothing, but each is a step
    if (c === '' || c === '.') continue;
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
    if (count === 'links' && ++links > MAX_STEPS) throw new TooManyLinks(original);
    cur.pop();
    if (target.startsWith('/')) cur = [];
    rest = target + '/' + rest;
  }
  return '/' + cur.join('/');
}
