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
 * What the lookups find when the container's files do not name an id: the records systemd's
 * nss-systemd module synthesizes after `files` (`passwd: files systemd` in the daemon host's
 * nsswitch.conf, as Debian and Ubuntu install it): root and nobody, and the groups root and
 * nogroup (Debian builds systemd with nobody-group=nogroup). Recorded on the 20.10 oracle
 * (cp/pci-export-names*): a container whose /etc/group is broken, missing, or names only other
 * ids still gets root/root and nobody/nogroup, its own names win where it has them
 * (nobody2/nog2), and an id neither knows (7, the host's lp) stays a number.
 */
const SYNTHESIZED_USERS: ReadonlyMap<number, string> = new Map([
  [0, 'root'],
  [65534, 'nobody'],
]);
const SYNTHESIZED_GROUPS: ReadonlyMap<number, string> = new Map([
  [0, 'root'],
  [65534, 'nogroup'],
]);

/**
 * The names a Debian 12 host (the oracle's) gives to owners by number: base-passwd's static
 * users and groups (the same rows as catalog/debian/files/etc/passwd and group). Go's os/user
 * lookup in the daemon (not chrooted), for a build stage's files (image/build/source-hash.ts;
 * recorded: uid 1 `daemon`, gid 2 `bin`) and in the tar of a layer the daemon makes
 * (image/archive.ts layerTar). Another machine names other ids (a desktop's first user, 1000).
 */
export const HOST_USERS: Readonly<Record<number, string>> = {
  0: 'root', 1: 'daemon', 2: 'bin', 3: 'sys', 4: 'sync', 5: 'games', 6: 'man', 7: 'lp', 8: 'mail', 9: 'news', 10: 'uucp',
  13: 'proxy', 33: 'www-data', 34: 'backup', 38: 'list', 39: 'irc', 42: '_apt', 65534: 'nobody',
};
export const HOST_GROUPS: Readonly<Record<number, string>> = {
  0: 'root', 1: 'daemon', 2: 'bin', 3: 'sys', 4: 'adm', 5: 'tty', 6: 'disk', 7: 'lp', 8: 'mail', 9: 'news', 10: 'uucp',
  12: 'man', 13: 'proxy', 15: 'kmem', 20: 'dialout', 21: 'fax', 22: 'voice', 24: 'cdrom', 25: 'floppy', 26: 'tape',
  27: 'sudo', 29: 'audio', 30: 'dip', 33: 'www-data', 34: 'backup', 37: 'operator', 38: 'list', 39: 'irc', 40: 'src',
  42: 'shadow', 43: 'utmp', 44: 'video', 45: 'sasl', 46: 'plugdev', 50: 'staff', 60: 'games', 100: 'users', 65534: 'nogroup',
};

/** The container's names, then the synthesized ones for ids it does not name. */
function withFallback(names: Map<number, string>, synthesized: ReadonlyMap<number, string>): Map<number, string> {
  for (const [id, name] of synthesized) if (!names.has(id)) names.set(id, name);
  return names;
}

/**
 * A container archive's entries as the profile's daemon writes them: with Uname and Gname looked
 * up in `root`'s /etc/passwd and /etc/group (EngineProfile.tarOwnerNames), else as they are.
 */
export function withOwnerNames(profile: EngineProfile, root: Vfs, entries: TarEntry[]): TarEntry[] {
  if (!profile.tarOwnerNames) return entries;
  const users = withFallback(idNames(root, '/etc/passwd', 6), SYNTHESIZED_USERS);
  const groups = withFallback(idNames(root, '/etc/group', 4), SYNTHESIZED_GROUPS);
  return entries.map((e) => {
    const uname = users.get(e.uid);
    const gname = groups.get(e.gid);
    return uname === undefined && gname === undefined ? e : { ...e, ...(uname === undefined ? {} : { uname }), ...(gname === undefined ? {} : { gname }) };
  });
}
