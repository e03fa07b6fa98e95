// The daemon's data root: where a normal install keeps layers, volumes and containers' files,
// and so the prefix of every host path the daemon prints (Mountpoint, GraphDriver dirs, the
// ResolvConfPath family, build errors that name a layer's merged directory).
//
// moby cmd/dockerd/config_unix.go: `defaultDataRoot = "/var/lib/docker"` (dockerd --data-root).
// A recording made with another data root is normalised to this one (src/scenario/normalize.ts).

import type { CopiedContents, CopiedEntries, Stat, StatFs, UtimesOptions, Vfs, WriteOptions } from '../fs/vfs.ts';
import type { DeviceName } from '../fs/node.ts';
import { normalize } from '../fs/path.ts';
import { ShellLimitError } from '../shell/types.ts';

export const DATA_ROOT = '/var/lib/docker';

/**
 * A host command reached into the data root: strata keeps layers and volumes as its own state,
 * not as the directories a daemon lays out there, so `ls /var/lib/docker/volumes/NAME/_data`
 * (as Linux tutorials show it, often with sudo) has no answer here. The command line is refused
 * (engine.ts), as a health check strata does not run is: answering "No such file or directory"
 * would tell a student the data is gone.
 */
export class DataRootNotSimulated extends ShellLimitError {}

const inDataRoot = (path: string): boolean => {
  const p = normalize(path);
  return p === DATA_ROOT || p.startsWith(`${DATA_ROOT}/`);
};

/**
 * The host's file system as its shell sees it: every path under the data root refused
 * (DataRootNotSimulated), and every path `refused` gives an error for (the host directories strata
 * no longer follows: container/unfollowed.ts).
 */
export function guardDataRoot(fs: Vfs, refused: (path: string) => Error | undefined = () => undefined): Vfs {
  return new DataRootGuard(fs, refused);
}

class DataRootGuard implements Vfs {
  constructor(
    private readonly fs: Vfs,
    private readonly refused: (path: string) => Error | undefined,
  ) {}

  get uid(): number {
    return this.fs.uid;
  }
  get gid(): number {
    return this.fs.gid;
  }
  get groups(): readonly number[] | undefined {
    return this.fs.groups;
  }
  get umask(): number {
    return this.fs.umask;
  }

  /** `path`, or the refusal when it is in the data root. */
  private p(path: string): string {
    if (inDataRoot(path)) {
      throw new DataRootNotSimulated(`strata does not simulate the daemon's data root on the host (${DATA_ROOT}): \`docker volume inspect NAME\` says where a volume's data is, and a container that mounts the volume shows its files`);
    }
    const e = this.refused(path);
    if (e !== undefined) throw e;
    return path;
  }

  withUmask(mask: number): Vfs {
    return new DataRootGuard(this.fs.withUmask(mask), this.refused);
  }
  lstat(path: string): Stat {
    return this.fs.lstat(this.p(path));
  }
  stat(path: string): Stat {
    return this.fs.stat(this.p(path));
  }
  lstatIfAny(path: string): Stat | undefined {
    return this.fs.lstatIfAny(this.p(path));
  }
  statIfAny(path: string): Stat | undefined {
    return this.fs.statIfAny(this.p(path));
  }
  exists(path: string): boolean {
    return this.fs.exists(this.p(path));
  }
  readdir(path: string): string[] {
    return this.fs.readdir(this.p(path));
  }
  readFile(path: string, limit?: number): string {
    return this.fs.readFile(this.p(path), limit);
  }
  // a copy of a server's files onto or from a host directory carries them as a container's does
  entriesToRemove(path: string): string[] {
    return this.fs.entriesToRemove?.(this.p(path)) ?? this.fs.readdir(this.p(path));
  }
  entriesToCopy(path: string): CopiedEntries {
    return this.fs.entriesToCopy(this.p(path));
  }
  readToCopy(path: string): CopiedContents {
    return this.fs.readToCopy(this.p(path));
  }
  markCopyIncomplete(path: string): void {
    this.fs.markCopyIncomplete(this.p(path));
  }
  writeFile(path: string, data: string, opts?: WriteOptions): void {
    this.fs.writeFile(this.p(path), data, opts);
  }
  mkdir(path: string, mode?: number): void {
    this.fs.mkdir(this.p(path), mode);
  }
  rmdir(path: string): void {
    this.fs.rmdir(this.p(path));
  }
  unlink(path: string): void {
    this.fs.unlink(this.p(path));
  }
  rename(from: string, to: string): void {
    this.fs.rename(this.p(from), this.p(to));
  }
  symlink(target: string, path: string): void {
    // the link's text is not a path it opens
    this.fs.symlink(target, this.p(path));
  }
  link(existing: string, path: string): void {
    this.fs.link(this.p(existing), this.p(path));
  }
  mknod(path: string, device: DeviceName, mode: number): void {
    this.fs.mknod(this.p(path), device, mode);
  }
  mkfifo(path: string, mode: number): void {
    this.fs.mkfifo(this.p(path), mode);
  }

  mksocket(path: string, mode: number): void {
    this.fs.mksocket(this.p(path), mode);
  }
  readlink(path: string): string {
    return this.fs.readlink(this.p(path));
  }
  chmod(path: string, mode: number): void {
    this.fs.chmod(this.p(path), mode);
  }
  chown(path: string, uid: number, gid: number, noFollow?: boolean, clearSetid?: boolean): void {
    this.fs.chown(this.p(path), uid, gid, noFollow, clearSetid);
  }
  utimes(path: string, mtime: number, opts?: UtimesOptions): void {
    this.fs.utimes(this.p(path), mtime, opts);
  }
  realpath(path: string): string {
    return this.fs.realpath(this.p(path));
  }
  statfs(path: string): StatFs {
    return this.fs.statfs(this.p(path));
  }
  mounts(): string {
    return this.fs.mounts();
  }
  mountOptions(target: string): string[] | undefined {
    return this.fs.mountOptions(target);
  }
  now(): number {
    return this.fs.now();
  }
}
