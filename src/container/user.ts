// `-u USER[:GROUP]` and the image's USER: names are looked up in the container's /etc/passwd
// and /etc/group, numbers are taken as they are.

import type { Container, EngineState } from '../engine/state.ts';
import { databaseRows } from '../fs/database.ts';
import type { Vfs } from '../fs/vfs.ts';
import { rootOnlyFs } from './runtime-fs.ts';
import { DaemonError } from './errors.ts';

export interface UserIds {
  uid: number;
  gid: number;
  /**
   * The process's supplementary gids besides its own: the /etc/group memberships runc's
   * GetExecUser finds, then the `--group-add` ones, for the main process and every exec.
   */
  groups: number[];
}

/**
 * The container's databases as the daemon reads them (its rootfs alone), the view made once for
 * one lookup's reads of /etc/passwd and /etc/group (a view of the layers was ~0.3 % of a
 * whole-corpus check, made again for each file).
 */
function tables(st: EngineState, c: Container): (path: string) => readonly (readonly string[])[] {
  const fs = rootOnlyFs(st, c);
  return (path) => databaseRows(fs, path);
}

/**
 * runc's GetExecUser (core/users-lookup): an empty user is uid 0 and, like a number, is looked up
 * by uid (a number missing from /etc/passwd is used as it is: gid 0, HOME /); a name must be in
 * /etc/passwd, even root. An empty group keeps the user's. Throws DaemonError in runc's words.
 */
export function resolveUser(st: EngineState, c: Container, override?: string): UserIds {
  const spec = override ?? c.config.User ?? '';
  const [user = '', group] = spec.split(':');
  const isNumber = (s: string): boolean => /^\d+$/.test(s);
  const byUid = user === '' ? '0' : isNumber(user) ? user : undefined;
  const table = tables(st, c);
  const passwd = table('/etc/passwd');
  const row = byUid !== undefined ? passwd.find((r) => r[2] === byUid) : passwd.find((r) => r[0] === user);
  if (!row && byUid === undefined) throw new DaemonError(`unable to find user ${user}: no matching entries in passwd file`);
  const uid = row ? Number(row[2]) : Number(byUid);
  let gid = row ? Number(row[3]) : 0;
  if (group !== undefined && group !== '') {
    if (isNumber(group)) gid = Number(group);
    else {
      const grp = table('/etc/group').find((r) => r[0] === group);
      if (!grp) throw new DaemonError(`unable to find group ${group}: no matching entries in group file`);
      gid = Number(grp[2]);
    }
  }
  // GetExecUser's Sgids: with no group in the spec (`-u svc`, `-u 1500`, `-u svc:`), a user found
  // in /etc/passwd also gets every group whose member list names it; an explicit group gives none
  // (runc libcontainer/user/user.go: "If implicit group format, fill supplementary gids"; recorded:
  // users/sw-passwd-lookups, both engines: `-u 1500:users` keeps only users, `-u svc` adds ops).
  const sgids = (group === undefined || group === '') && row ? memberOf(table, row[0]) : [];
  return { uid, gid, groups: [...sgids, ...additionalGroups(table, c)] };
}

/** The gids of the /etc/group entries whose member list names `name`, in file order. */
function memberOf(table: (path: string) => readonly (readonly string[])[], name: string): number[] {
  return table('/etc/group')
    .filter((r) => r.length >= 4 && r[3].split(',').includes(name))
    .map((r) => Number(r[2]));
}

/**
 * The process's HOME unless its environment has one: runc (libcontainer/init_linux.go setupUser)
 * looks the numeric uid the daemon resolved up again, in the container's /etc/passwd as mounted
 * (a file bound over it counts, where the daemon read the image's), and takes that entry's home,
 * or `/` (users/passwd-bind-user, both engines).
 */
export function runtimeHome(fs: Vfs, uid: number): string {
  const row = databaseRows(fs, '/etc/passwd').find((r) => r[2] === String(uid));
  return row?.[5] || '/';
}

/**
 * runc libcontainer/user GetAdditionalGroups, run by the daemon when it builds the spec (moby
 * daemon/oci_linux.go getUser, for the container and each exec): a name from the container's
 * /etc/group first, else a number; anything else fails the start (the container stays Created).
 */
function additionalGroups(table: (path: string) => readonly (readonly string[])[], c: Container): number[] {
  const names = c.hostConfig.GroupAdd ?? [];
  if (names.length === 0) return [];
  const groups = table('/etc/group');
  return names.map((ag) => {
    const row = groups.find((r) => r[0] === ag);
    if (row) return Number(row[2]);
    if (/^\d+$/.test(ag)) return Number(ag);
    throw new DaemonError(`Unable to find group ${ag}: no matching entries in group file`);
  });
}
