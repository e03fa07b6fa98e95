// `-u USER[:GROUP]` and the image's USER: names are looked up in the container's /etc/passwd
// and /etc/group, numbers are taken as they are.

import { fromBytes } from '../fs/bytes.ts';
import type { Container, EngineState } from '../engine/state.ts';
import { rootOnlyFs } from './runtime-fs.ts';
import { DaemonError } from './errors.ts';

export interface UserIds {
  uid: number;
  gid: number;
  /** The user's home from /etc/passwd (the process's HOME unless -e sets one). */
  home?: string;
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

/** Throws DaemonError when a user or group name is not in the container's files (runc's words). */
export function resolveUser(st: EngineState, c: Container, override?: string): UserIds {
  const spec = override ?? c.config.User;
  const passwd = table(st, c, '/etc/passwd');
  const [u, g] = (spec || 'root').split(':');
  let row = /^\d+$/.test(u) ? passwd.find((r) => r[2] === u) : passwd.find((r) => r[0] === u);
  if (!row && !/^\d+$/.test(u)) {
    if (u === 'root' && !spec) row = ['root', 'x', '0', '0', 'root', '/root'];
    else throw new DaemonError(`unable to find user ${u}: no matching entries in passwd file`);
  }
  const uid = row ? Number(row[2]) : Number(u);
  let gid = row ? Number(row[3]) : 0;
  if (g !== undefined) {
    if (/^\d+$/.test(g)) gid = Number(g);
    else {
      const grp = table(st, c, '/etc/group').find((r) => r[0] === g);
      if (!grp) throw new DaemonError(`unable to find group ${g}: no matching entries in group file`);
      gid = Number(grp[2]);
    }
  }
  return { uid, gid, home: row?.[5] || '/' };
}
