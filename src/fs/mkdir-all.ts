// `mkdir -p` through a Vfs with the daemon's defaults (0755, the process's owner): mount points,
// WORKDIR, bind sources, extraction parents and the builder's COPY destinations are all made
// this way (COPY --chown gives the directories it creates its owner).

import { components } from './path.ts';
import type { Vfs } from './vfs.ts';

export function mkdirAll(fs: Vfs, path: string, mode = 0o755, owner?: { uid: number; gid: number }): void {
  let cur = '';
  for (const part of components(path)) {
    cur += '/' + part;
    if (fs.exists(cur)) continue;
    fs.mkdir(cur, mode);
    if (owner) fs.chown(cur, owner.uid, owner.gid);
  }
}
