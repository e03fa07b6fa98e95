// Who owns what BuildKit creates for `COPY/ADD --chown=SPEC` and for a `WORKDIR` after
// `USER SPEC`: both go through llb.WithUser (client/llb/fileop.go), resolved when the step runs
// by solver/llbsolver/ops/user_linux.go readUser (BuildKit 0.13, as in Docker 26.1).

import type { Vfs } from '../../fs/vfs.ts';
import { databaseRows } from '../../fs/database.ts';

export interface Owner {
  uid: number;
  gid: number;
}


/**
 * WithUser splits the spec at its first `:`; `root` and numbers (strconv.ParseInt) are IDs, a
 * number's gid is the number itself (whatever the passwd row says). readUser gives a name found
 * in /etc/passwd its row's uid and gid; a name not found (an empty one too) leaves 0:0, without
 * an error. A group found (by name in /etc/group, or a number) replaces the gid; a group name
 * not found leaves it.
 */
export function buildkitOwner(fs: Vfs, spec: string): Owner {
  const cut = spec.indexOf(':');
  const user = cut < 0 ? spec : spec.slice(0, cut);
  const group = cut < 0 ? undefined : spec.slice(cut + 1);
  const byId = (v: string): number | undefined => (v === 'root' ? 0 : /^[+-]?\d+$/.test(v) ? Number(v) : undefined);
  let owner: Owner = { uid: 0, gid: 0 };
  const uid = byId(user);
  if (uid !== undefined) owner = { uid, gid: uid };
  else {
    const row = databaseRows(fs, '/etc/passwd').find((r) => r[0] === user);
    if (row) owner = { uid: Number(row[2]), gid: Number(row[3]) };
  }
  // Stryker disable next-line ConditionalExpression: without a group the lookups below find nothing (no row's name is undefined) and return `owner` too
  if (group === undefined) return owner;
  const gid = byId(group);
  if (gid !== undefined) return { uid: owner.uid, gid };
  const row = databaseRows(fs, '/etc/group').find((r) => r[0] === group);
  return row ? { uid: owner.uid, gid: Number(row[2]) } : owner;
}
