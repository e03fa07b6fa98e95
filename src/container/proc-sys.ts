// A container's /proc/sys: the kernel's settings (sysctl). Of them strata simulates only the UTS
// namespace's, the five files of kernel/utsname_sysctl.c's uts_kern_table: kernel/ostype,
// osrelease and version (what uname(2) gives: strata's uname applet's values), hostname and
// domainname (the container's --hostname and --domainname). Every other setting is the host
// kernel's (121 names in kernel/ alone on the oracle's 6.18, pid_max 4194304 there: the raw
// transcripts test/recorded/proc-sys/docker-*.txt, made by its record.sh), so reading one,
// listing a directory of /proc/sys, or copying one is refused by name (recorded:
// docker-*/proc-sys/kernel-uts for what is simulated).
// The daemon mounts /proc/sys read-only in every container (moby oci/defaults.go ReadonlyPaths:
// `proc /proc/sys proc ro,...` in /proc/mounts after the network files), so a write fails with
// EROFS: `sh: can't create /proc/sys/kernel/hostname: Read-only file system`.

import type { Backend } from '../fs/backend.ts';
import { ShellNotSimulated } from '../fs/errors.ts';
import { dir, file, type DirNode, type RealNode } from '../fs/node.ts';
import { TreeBackend } from '../fs/tree-backend.ts';
import { KERNEL_RELEASE, KERNEL_VERSION } from '../shell/applets/basic.ts';

/** The names of /proc/sys/kernel strata simulates (uts_kern_table). */
export const UTS_SYSCTLS = ['domainname', 'hostname', 'osrelease', 'ostype', 'version'] as const;

const SIMULATED = `only the UTS namespace's are: ${UTS_SYSCTLS.map((n) => `/proc/sys/kernel/${n}`).join(', ')}`;

function unknownSetting(path: string): ShellNotSimulated {
  return new ShellNotSimulated(`strata does not simulate ${path}: the kernel's settings under /proc/sys are the host kernel's; ${SIMULATED}`);
}

function unknownEntries(path: string): ShellNotSimulated {
  return new ShellNotSimulated(`strata does not simulate the entries of ${path}: the kernel's settings under /proc/sys are the host kernel's (hundreds of names, by kernel version); ${SIMULATED}`);
}

/** The tree: proc's 0555 directories, the UTS files 0644 (the names a process may set) and 0444. */
export function procSysTree(uts: { hostname: string; domainname: string }, mtime: number): DirNode {
  const m = { mtime };
  return dir({ mode: 0o555, ...m }, {
    kernel: dir({ mode: 0o555, ...m }, {
      // a container without a domain name reads the kernel's "(none)" (recorded: core/run-domainname)
      domainname: file(`${uts.domainname || '(none)'}\n`, { mode: 0o644, ...m }),
      hostname: file(`${uts.hostname}\n`, { mode: 0o644, ...m }),
      osrelease: file(`${KERNEL_RELEASE}\n`, { mode: 0o444, ...m }),
      ostype: file('Linux\n', { mode: 0o444, ...m }),
      version: file(`${KERNEL_VERSION}\n`, { mode: 0o444, ...m }),
    }),
  });
}

/**
 * The backend of the /proc/sys mount: the tree's names answer; a name it lacks, a listing, and a
 * copy of a directory are refused by name, since the real directory holds the host kernel's
 * settings. No `child` method, so every lookup comes through `get` with its whole path.
 */
export class ProcSysBackend implements Backend {
  readonly fstype = 'proc';
  readonly device = 'proc';
  private readonly tree: TreeBackend;

  constructor(root: () => RealNode) {
    this.tree = new TreeBackend(root, { fstype: 'proc', device: 'proc' });
  }

  private path(rel: string[]): string {
    return ['/proc/sys', ...rel].join('/');
  }

  get(rel: string[]): RealNode | undefined {
    const node = this.tree.get(rel);
    if (node === undefined) throw unknownSetting(this.path(rel));
    return node;
  }

  list(rel: string[]): string[] {
    throw unknownEntries(this.path(rel));
  }

  materialize(rel: string[]): RealNode | undefined {
    if (this.get(rel)?.kind === 'dir') throw unknownEntries(this.path(rel));
    return this.tree.materialize(rel);
  }

  // the mount is read-only: the namespace refuses each change (EROFS) before it comes here
  writable(rel: string[]): RealNode {
    throw unknownSetting(this.path(rel));
  }
  update(rel: string[]): void {
    throw unknownSetting(this.path(rel));
  }
  writableDir(rel: string[]): DirNode {
    throw unknownSetting(this.path(rel));
  }
  put(rel: string[], name: string): void {
    throw unknownSetting(this.path([...rel, name]));
  }
  remove(rel: string[], name: string): void {
    throw unknownSetting(this.path([...rel, name]));
  }
  link(_from: string[], rel: string[], name: string): void {
    throw unknownSetting(this.path([...rel, name]));
  }

  used(): number {
    return 0;
  }
}
