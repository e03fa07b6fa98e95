// `-u USER[:GROUP]` and the image's USER: names are looked up in the container's /etc/passwd
// and /etc/group, numbers are taken as they are.

import { fromBytes } from '../fs/bytes.ts';
import type { Container, EngineState } from '../engine/state.ts';
import { rootOnlyFs } from './runtime-fs.ts';

export interface UserIds {
  uid: number;
  gid: number;
}

function table(st: EngineState, c: Container, path: string): string[][] {
  try {
    return fromBytes(rootOnlyFs(st, c).readFile(path))
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split(':'));
  } catch {
    return [];
  }
}

export function resolveUser(st: EngineState, c: Container, override?: string): UserIds {
  const spec = override ?? c.config.User;
  if (!spec) return { uid: 0, gid: 0 };
  const [u, g] = spec.split(':');
  const passwd = table(st, c, '/etc/passwd');
  let uid = 0;
  let gid = 0;
  if (/^\d+$/.test(u)) {
    uid = Number(u);
    const row = passwd.find((r) => r[2] === u);
    gid = row ? Number(row[3]) : uid;
  } else {
    const row = passwd.find((r) => r[0] === u);
    if (row) {
      uid = Number(row[2]);
      gid = Number(row[3]);
    }
  }
  if (g !== undefined) {
    if (/^\d+$/.test(g)) gid = Number(g);
    else {
      const row = table(st, c, '/etc/group').find((r) => r[0] === g);
      if (row) gid = Number(row[2]);
    }
  }
  return { uid, gid };
}
