// `mkdir -p` through a Vfs with the daemon's defaults (0755, the process's owner): mount points,
// WORKDIR, bind sources and extraction parents are all made this way.

import { components } from './path.ts';
import type { Vfs } from './vfs.ts';

export function mkdirAll(fs: Vfs, path: string, mode = 0o755): void {
  let cur = '';
  for (const part of components(path)) {
    cur += '/' + part;
    if (!fs.exists(cur)) fs.mkdir(cur, mode);
  }
}
