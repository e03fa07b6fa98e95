// The owner names a daemon writes into the tar headers of `docker export` and `docker cp` out of
// a container.
//
// 20.10 builds those archives in a re-executed process chrooted into the container's root
// (moby pkg/chrootarchive Tar), with pkg/archive's FileInfoHeader, which is archive/tar's: it
// fills Uname and Gname by looking the uid and gid up (os/user LookupId / LookupGroupId), and in
// the chroot that reads the container's /etc/passwd and /etc/group. From 23.0 moby builds headers
// with FileInfoHeaderNoLookups, so the names are empty and `tar -tv` shows numbers (recorded:
// shell/symlink-times, uid 5 is alpine's `sync`, gid 5 its `tty`).

import type { Vfs } from '../fs/vfs.ts';
import type { TarEntry } from './tar.ts';
import type { EngineProfile } from '../engine/profile.ts';
import { databaseRows } from '../fs/database.ts';

/**
 * Name of each id in a passwd- or group-style file, the first line that names it winning; none
 * when the file cannot be read (the lookup fails and the header keeps no name).
 */
function idNames(fs: Vfs, path: string, minFields: number): Map<number, string> {
  const names = new Map<number, string>();
  for (const parts of databaseRows(fs, path)) {
    // os/user's file parser (lookup_unix.go): too few fields, an empty name and NIS `+`/`-`
    // entries match nothing
    if (parts.length < minFields || parts[0] === '' || parts[0].startsWith('+') || parts[0].startsWith('-')) continue;
    if (!/^\d+$/.test(parts[2])) continue;
    const id = Number(parts[2]);
    if (!names.has(id)) names.set(id, parts[0]);
  }
  return names;
}

/**
 * A container archive's entries as the profile's daemon writes them: with Uname and Gname looked
 * up in `root`'s /etc/passwd and /etc/group (EngineProfile.tarOwnerNames), else as they are.
 */
export function withOwnerNames(profile: EngineProfile, root: Vfs, entries: TarEntry[]): TarEntry[] {
  if (!profile.tarOwnerNames) return entries;
  const users = idNames(root, '/etc/passwd', 6);
  const groups = idNames(root, '/etc/group', 4);
  return entries.map((e) => {
    const uname = users.get(e.uid);
    const gname = groups.get(e.gid);
    return uname === undefined && gname === undefined ? e : { ...e, ...(uname === undefined ? {} : { uname }), ...(gname === undefined ? {} : { gname }) };
  });
}
