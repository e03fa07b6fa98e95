// Running programs: what a command name resolves to (PATH search in the file system for busybox,
// applet names on the gnu host), permission and `#!` checks like execve, busybox's dispatch on
// argv[0], calling an applet with its AppletContext, nested shells (`sh -c`, scripts), and the
// messages of a launch that fails. Functions, builtins and special builtins are handled before
// this (interpreter.ts, builtins.ts); these functions take the Shell that runs the command.

import { FsError, STRERROR } from '../fs/errors.ts';
import { fsChanged } from '../fs/changes.ts';
import { StdinFailure, directoryStdin } from './stdin-errors.ts';
import { basename, join } from '../fs/path.ts';
import { BUSYBOX_SIZE, REAL_BUSYBOX_SIZE, busyboxBinary, realBusyboxBinary } from '../fs/busybox-binary.ts';
import type { Credentials, Stat, Vfs } from '../fs/vfs.ts';
import { getApplet } from './applets/index.ts';
import { USER_APPLETS, usersApplet } from './applets/users.ts';
import { dashEcho } from './applets/basic.ts';
import { internalErrors, WriteError } from './control.ts';
import { Capture, type Fds, type Input, type Sink, fdsFromIO, typeMore } from './fds.ts';
import { refusalListener } from '../engine/not-simulated.ts';
import { ashErrmsg } from './redirections.ts';
import { ashBanner, ashPrompt, dashPrompts, terminalPrompts } from './interactive.ts';
import { ashHistFile } from './history.ts';
import { jobState } from './jobs.ts';
import { isName } from './parser.ts';
import { shellLanguage, type Shell, type ShellInit } from './interpreter.ts';
import { BlockedSignal, BrokenPipe, busyboxBuildOf, ORACLE_BUSYBOX_BUILD, SIGPIPE_STATUS, ShellLimitError, ShellNotSimulated, type Applet, type AppletContext, type Budget, type Flavor, type ProcessIO, type ShellEnvironment } from './types.ts';

/** A process's environment: shared between the shell and the processes it starts, never changed. */
type Env = Readonly<Record<string, string>>;

const BUSYBOX = '/bin/busybox';
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
export const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);
/** Shell builtins that are applets here: found without PATH, as ash and bash have them built in. */
export const BUILTIN_APPLETS = new Set(['echo', 'printf', 'test', '[', '[[', 'kill']);

/**
 * Applets with a /bin symlink in the busybox image (busybox-static 1.35, see
 * shared/oracle/base-image.txt): named but not simulated means a clear refusal, not "not found".
 */
const BUSYBOX_APPLETS = new Set(
  `[ [[ acpid adjtimex ar arch arp arping ascii ash awk base64 basename bc blkdiscard blockdev brctl bunzip2
  bzcat bzip2 cal cat chgrp chmod chown chroot chvt clear cmp cp cpio crc32 crond crontab cttyhack cut date dc
  dd deallocvt depmod devmem df diff dirname dmesg dnsdomainname dos2unix dpkg dpkg-deb du dumpkmap dumpleases
  echo ed egrep env expand expr factor fallocate false fatattr fdisk fgrep find findfs fold free freeramdisk
  fsfreeze fstrim ftpget ftpput getopt getty grep groups gunzip gzip halt head hexdump hostid hostname httpd
  hwclock i2cdetect i2cdump i2cget i2cset i2ctransfer id ifconfig ifdown ifup init insmod ionice ip ipcalc
  ipneigh kill killall klogd last less link linux32 linux64 linuxrc ln loadfont loadkmap logger login logname
  logread losetup ls lsmod lsscsi lzcat lzma lzop md5sum mdev microcom mim mkdir mkdosfs mke2fs mkfifo mknod
  mkpasswd mkswap mktemp modinfo modprobe more mount mt mv nameif nc netstat nl nologin nproc nsenter nslookup
  nuke od openvt partprobe passwd paste patch pidof ping ping6 pivot_root poweroff printf ps pwd rdate readlink
  realpath reboot renice reset resume rev rm rmdir rmmod route rpm rpm2cpio run-init run-parts sed seq
  setkeycodes setpriv setsid sh sha1sum sha256sum sha3sum sha512sum shred shuf sleep sort ssl_client
  start-stop-daemon stat strings stty su sulogin svc svok swapoff swapon switch_root sync sysctl syslogd tac
  tail tar taskset tc tee telnet telnetd test tftp time timeout top touch tr traceroute traceroute6 true
  truncate ts tty tunctl ubirename udhcpc udhcpd uevent umount uname uncompress unexpand uniq unix2dos unlink
  unlzma unshare unxz unzip uptime usleep uudecode uuencode vconfig vi w watch watchdog wc wget which who
  whoami xargs xxd xz xzcat yes zcat`.split(/\s+/),
);
/**
 * Common host programs beyond busybox's, and bash builtins strata has not (bash would run them:
 * "command not found" would be a wrong answer), refused with a clear message on the host.
 */
const GNU_TOOLS = new Set(
  `gawk mawk python python3 perl ruby node npm npx git curl make gcc cc g++ vim nano emacs ssh scp rsync jq
  apt apt-get dpkg yum dnf rpm systemctl service journalctl ss zip xz strace file patch lsblk useradd
  usermod groupadd script screen tmux htop column locale iptables openssl gpg
  declare typeset shopt mapfile readarray compgen complete compopt enable caller bind builtin disown
  dirs pushd popd suspend coproc`.split(/\s+/),
);

/**
 * A host command bash would run and strata does not simulate. `[[` is busybox's applet, never a
 * command to bash (its parser reads `[[ ... ]]`; `'[['` is "command not found").
 */
function unsimulatedOnHost(name: string): boolean {
  return GNU_TOOLS.has(name) || (BUSYBOX_APPLETS.has(name) && name !== '[[');
}

/** The interpreters every Linux host has, which strata's host has as applets (resolveFile). */
const HOST_INTERPRETERS = new Set(['/bin/sh', '/bin/bash', '/usr/bin/sh', '/usr/bin/bash', '/usr/bin/env']);

/** What a command name resolves to. */
export type Target =
  | { kind: 'applet'; applet: Applet }
  /** A file whose real path is /bin/busybox: the applet is chosen by argv[0]. */
  | { kind: 'busybox' }
  /** sh/ash/bash/dash: a nested shell; `file`: a GNU image's shell file (GnuUserland.shellFiles). */
  | { kind: 'shell'; file?: string }
  /** A `#!` script for a shell, or an executable text file without `#!`. */
  | { kind: 'script'; path: string; interp: string[]; shebang: boolean }
  | { kind: 'external' }
  | { kind: 'unsimulated' }
  /** `interpreter`: the file is there, its `#!` interpreter is not. */
  | { kind: 'not-found'; interpreter?: true }
  | { kind: 'permission' }
  | { kind: 'is-dir' }
  /** execve's ELOOP: a `#!` interpreter chain deeper than the kernel follows (a loop of scripts). */
  | { kind: 'loop' };

/** How launch failures are reported: by the shell, by `exec`, by an applet's run(), or by docker. */
export type Launcher = { kind: 'shell' } | { kind: 'exec' } | { kind: 'applet'; caller: string } | { kind: 'docker' };

export function lookupApplet(sh: Shell, name: string, flavor: Flavor = sh.sys.flavor): Applet | undefined {
  // (the environment's own flavor: what the system is, whichever flavor the caller looks up in)
  return sh.sys.applets?.(name, sh.sys.flavor) ?? getApplet(name, flavor);
}

/**
 * What a PATH search makes of a regular file without an execute bit (shellSearch):
 * - 'ignored': taken as any file (busybox ash 1.35 to 1.37 find_command: stat and S_ISREG only;
 *   its shellexec then tries each entry from that one on, so a later executable file runs);
 * - 'preferred': passed over for a later file with one, taken when there is none (bash
 *   findcmd.c find_user_command_in_path: FS_EXEC_PREFERRED keeps the first file as
 *   file_to_lose_on, `bash: /a/foo: Permission denied`, 126; and execvp(3), which tries each
 *   entry and reports EACCES when none ran: the programs that exec another, env, xargs);
 * - 'required': passed over, a name with only such files is not found, with EACCES as the search's
 *   error: `sh: 1: foo: Permission denied`, status 127, and `command -v foo` prints nothing (dash
 *   src/exec.c find_command's test_exec, 0.5.12; busybox 1.38's ash the same).
 * Measured: bash 5.2.15, dash 0.5.12, busybox 1.35, 1.36.1, 1.37.0 and 1.38.0 (test/recorded/shell-fidelity).
 */
export type ExecBits = 'ignored' | 'preferred' | 'required';

/** A shell's own PATH search (see ExecBits): the real busybox:latest's 1.38 ash is dash's. */
export function shellSearch(sh: Shell): ExecBits {
  if (sh.gnu) return 'preferred';
  return sh.dash || sh.sys.busyboxBuild?.().real !== undefined ? 'required' : 'ignored';
}

/** A regular file with an execute bit for someone (what the shells' searches and execvp ask of a stat). */
function hasExecBit(st: Stat): boolean {
  return (st.mode & 0o111) !== 0;
}

/**
 * PATH search in the file system: the first regular file (after symlinks) named `name`, one
 * without an execute bit as `bits` says (`.` reads any: 'ignored').
 */
export function searchPath(sh: Shell, name: string, pathVar: string | undefined, bits: ExecBits = 'ignored'): string | undefined {
  return searchPathStat(sh, name, pathVar, bits)?.path;
}

/** searchPath, with the file's stat (what resolveFile would stat again). */
function searchPathStat(sh: Shell, name: string, pathVar: string | undefined, bits: ExecBits): { path: string; st: Stat } | undefined {
  let fallback: { path: string; st: Stat } | undefined;
  for (const dir of (pathVar ?? DEFAULT_PATH).split(':')) {
    const p = join(join(sh.cwd, dir || '.'), name);
    try {
      const st = sh.sys.fs.statIfAny(p);
      if (st?.kind !== 'file') continue;
      if (bits === 'ignored' || hasExecBit(st)) return { path: join(dir || '.', name), st };
      if (bits === 'preferred') fallback ??= { path: join(dir || '.', name), st };
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
    }
  }
  return fallback;
}

/**
 * busybox ash (and busybox's own exec of a program, as in `env` or `xargs`) runs one of its applets
 * before searching PATH (FEATURE_SH_STANDALONE / FEATURE_PREFER_APPLETS in the image's busybox):
 * `httpd` is busybox's httpd even when /usr/local/apache2/bin/httpd comes first in PATH. Only a
 * name with a `/` reaches such a file; docker's own exec (runc) searches PATH.
 */
export function prefersApplet(sh: Shell, name: string): boolean {
  // (Alpine's ash is not standalone: BusyboxBuild.standalone)
  return sh.sys.flavor === 'busybox' && !name.includes('/') && BUSYBOX_APPLETS.has(name) && sh.sys.busyboxBuild?.().standalone !== false;
}

/**
 * Resolve a command name like execvp would (busybox) or by applet name (the gnu host). `standalone`:
 * the name is run by busybox itself (its shell or an applet), which prefers its applets; false for
 * docker's execve of a container's command.
 */
export function resolve(sh: Shell, name: string, pathVar: string | undefined, standalone = true): Target {
  if (name.includes('/')) return resolveFile(sh, name);
  if (sh.onHost) {
    if (SHELLS.has(name)) return { kind: 'shell' };
    const applet = lookupApplet(sh, name);
    if (applet) return { kind: 'applet', applet };
    if (sh.sys.external) return { kind: 'external' };
    return unsimulatedOnHost(name) ? { kind: 'unsimulated' } : { kind: 'not-found' };
  }
  if (standalone && prefersApplet(sh, name)) return { kind: 'busybox' };
  const known = searchCache(sh, pathVar);
  const cached = known?.targets.get(name);
  if (cached !== undefined) return cached;
  // (execvp: a file without an execute bit fails with EACCES and the next entry is tried)
  const found = searchPathStat(sh, name, pathVar, 'preferred');
  const target = found ? resolveFile(sh, found.path, found.st) : { kind: 'not-found' as const };
  // (frozen: every caller shares it, and only reads it)
  known?.targets.set(name, Object.freeze(target));
  return target;
}

/**
 * What PATH searches found (resolve's targets, by name) in one view of a file system, for one PATH
 * (and working directory, which a relative PATH entry is relative to) and whether the name is run
 * standalone, while the view's change count stays where it was taken (Vfs.changes, fs/changes.ts).
 * A script runs the same few programs many times (the mysql stand-in's entrypoint runs chmod 80
 * times): each search stats a file in every PATH directory before the one that has it, and
 * resolveFile reads it, which was a twentieth of a page's time.
 */
interface SearchCache {
  changes: number;
  /** What resolve's answer depends on besides the files: the system the shell runs in. */
  userland: ShellEnvironment['userland'];
  flavor: Flavor;
  /** By PATH (and the working directory, when an entry of PATH is relative), then by name. */
  targets: Map<string, Map<string, Target>>;
  /** searchPathIndexed's answers (null: found nowhere), keyed as targets. */
  found: Map<string, Map<string, Found | null>>;
}

/** By the Vfs the search ran in (its credentials and whether it is a stand-in's view decide what it finds). */
const SEARCHES = new WeakMap<Vfs, SearchCache>();

/**
 * The PATH searches of `sh`'s file system view that hold now, by name (emptied when they no longer
 * do); undefined for a view that counts no changes.
 */
function searchCache(sh: Shell, pathVar: string | undefined): { targets: Map<string, Target>; found: Map<string, Found | null> } | undefined {
  const fs = sh.sys.fs;
  if (fs.changes === undefined) return undefined;
  const changes = fs.changes();
  const { userland, flavor } = sh.sys;
  let cache = SEARCHES.get(fs);
  if (cache === undefined || cache.changes !== changes || cache.userland !== userland || cache.flavor !== flavor) {
    cache = { changes, userland, flavor, targets: new Map(), found: new Map() };
    SEARCHES.set(fs, cache);
  }
  const path = pathVar ?? DEFAULT_PATH;
  // (the working directory matters only to a relative entry: an empty one, `.`, `bin`)
  const key = hasRelativeEntry(path) ? `${path}\0${sh.cwd}` : path;
  let targets = cache.targets.get(key);
  if (targets === undefined) cache.targets.set(key, (targets = new Map()));
  let found = cache.found.get(key);
  if (found === undefined) cache.found.set(key, (found = new Map()));
  return { targets, found };
}

/** Whether an entry of the PATH value `path` is relative (empty, `.`, `bin`), which the working directory decides. */
function hasRelativeEntry(path: string): boolean {
  for (let i = 0; ; ) {
    // (an empty value, a trailing `:` or `::` is an empty entry: charCodeAt past the end is NaN)
    if (path.charCodeAt(i) !== 0x2f) return true;
    const colon = path.indexOf(':', i);
    if (colon < 0) return false;
    i = colon + 1;
  }
}

/** True when the mount `st` lives on has the `noexec` option (the last mount at that target wins). */
function onNoexecMount(fs: Vfs, st: Stat): boolean {
  return fs.mountOptions(st.mount)?.includes('noexec') === true;
}

/**
 * A file with busybox's bytes, wherever it lies. By the bytes, not by comparing with the image's
 * own /bin/busybox: a FROM scratch image holding a copy (COPY --from=builder /bin/busybox /server)
 * runs it as busybox (`server: applet not found`, recorded: builds/realworld-multistage-scratch,
 * both engines), and a host file mounted over /bin/busybox is no busybox to compare with.
 */
function isBusyboxCopy(fs: Vfs, path: string, st: Stat): boolean {
  if (st.kind !== 'file') return false;
  // the real busybox:latest's (image/busybox-real.ts): its applets are hard links of it
  if (st.size === REAL_BUSYBOX_SIZE) return fs.readFile(path) === realBusyboxBinary();
  return st.size === BUSYBOX_SIZE && fs.readFile(path) === busyboxBinary();
}

/**
 * True when `real` (a realpath) is the image's busybox binary. A single-file bind on one of its
 * links (`-v $PWD/f.txt:/bin/sh`) is mounted on the link's target, /bin/busybox itself (runc's
 * securejoin), so every applet link then reaches the host's file, which execs as any file does:
 * `exec: "true": executable file not found in $PATH` for a file without an execute bit
 * (recorded: host-mounts/pci-bind-over-image-links, both engines).
 */
function isImageBusybox(real: string, st: Stat): boolean {
  return real === BUSYBOX && st.mount !== BUSYBOX;
}

/** The `#!` line of a file whose first bytes are `head`: the interpreter and its one optional argument. */
function shebangOf(head: string): { interp: string; arg: string } | undefined {
  if (!head.startsWith('#!')) return undefined;
  // The kernel (fs/binfmt_script.c) strips spaces and tabs only: a CRLF script's interpreter is
  // `/bin/sh\r`, which is not there (recorded: builds/realworld-entrypoint-scripts).
  const line = head.slice(2).split('\n')[0].replace(/^[ \t]+|[ \t]+$/g, '');
  const sp = line.search(/[ \t]/);
  return { interp: sp < 0 ? line : line.slice(0, sp), arg: sp < 0 ? '' : line.slice(sp).trim() };
}

/**
 * The `#!` line of an interpreter that is itself a script (undefined for busybox, a binary, or a
 * file that is not there: the caller checks that).
 */
function interpreterShebang(sh: Shell, path: string): { interp: string; arg: string } | undefined {
  const fs = sh.sys.fs;
  try {
    const st = fs.stat(path);
    const real = fs.realpath(path);
    if (st.kind !== 'file' || isImageBusybox(real, st) || sh.sys.userland?.shellFiles.has(real)) return undefined;
  } catch (e) {
    if (e instanceof FsError) return undefined;
    throw e;
  }
  return shebangOf(fs.readFile(path, 256));
}

/**
 * Linux's exec_binprm follows at most 5 interpreter rewrites (`if (depth > 5) return -ELOOP`,
 * fs/exec.c): a script whose interpreter is a script is run by that one's interpreter with both
 * paths as arguments (`#!/m/c.sh` → `sh /m/c.sh /m/d.sh x`), and a longer chain, or two scripts
 * naming each other, fails with ELOOP (recorded: host-mounts/pci-bind-script-loops, both engines).
 */
const MAX_INTERPRETER_SCRIPTS = 5;

/**
 * What executing the file at `display` (relative to cwd, or absolute) does; `known`: its stat,
 * when the PATH search that found it just took it.
 */
export function resolveFile(sh: Shell, display: string, known?: Stat): Target {
  const fs = sh.sys.fs;
  const path = join(sh.cwd, display);
  let st: Stat;
  let real: string;
  try {
    st = known ?? fs.stat(path);
    real = fs.realpath(path);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return e.code === 'EACCES' ? { kind: 'permission' } : { kind: 'not-found' };
  }
  if (st.kind === 'dir') return { kind: 'is-dir' };
  // execve(2) fails with EACCES for any file on a noexec mount, root included (tmpfs mounts are
  // noexec unless `exec` is given: recorded mounts/tmpfs-noexec); `sh FILE` only reads it.
  if (onNoexecMount(fs, st)) return { kind: 'permission' };
  if (isImageBusybox(real, st)) return { kind: 'busybox' };
  if (st.kind !== 'file' || (st.mode & 0o111) === 0) return { kind: 'permission' };
  // a GNU image's bash: the stand-in's file (a script running busybox sh) is the real image's bash
  if (sh.sys.userland?.shellFiles.has(real)) return { kind: 'shell', file: real };
  // a copy of busybox (`cp /bin/busybox /tmp/bb`) is busybox: it dispatches on its own name, so
  // `/tmp/bb true` is `bb: applet not found` (recorded: users/perms-sticky-umask, both engines)
  if (isBusyboxCopy(fs, path, st)) return { kind: 'busybox' };
  const head = fs.readFile(path, 256);
  const shebang = shebangOf(head);
  if (shebang) {
    let { interp, arg } = shebang;
    // Interpreters that are scripts themselves, outermost last: each becomes an argument.
    let through: string[] = [];
    for (let scripts = 1; ; scripts++) {
      // The kernel needs the interpreter itself to exist. strata's host has its programs as
      // applets, not files (its file system holds /dev, /home and /tmp): a host script's
      // `#!/bin/sh`, `#!/bin/bash` or `#!/usr/bin/env bash` is there as on any Linux host
      if (!fs.exists(join(sh.cwd, interp))) {
        if (sh.onHost && HOST_INTERPRETERS.has(interp)) break;
        return { kind: 'not-found', interpreter: true };
      }
      const inner = interpreterShebang(sh, join(sh.cwd, interp));
      if (inner === undefined) break;
      if (scripts >= MAX_INTERPRETER_SCRIPTS) return { kind: 'loop' };
      through = [interp, ...(arg ? [arg] : []), ...through];
      ({ interp, arg } = inner);
    }
    let shellName = basename(interp);
    if (shellName === 'env' && SHELLS.has(arg.split(/[ \t]/)[0])) {
      shellName = arg.split(/[ \t]/)[0];
      arg = arg.split(/[ \t]+/).slice(1).join(' ');
    }
    if (!SHELLS.has(shellName)) return { kind: 'unsimulated' };
    return { kind: 'script', path: display, interp: [shellName, ...(arg ? [arg] : []), ...through], shebang: true };
  }
  // A shell binary that is not busybox (dash, bash as a file of the image).
  if (SHELLS.has(basename(real))) return { kind: 'shell' };
  if (head.startsWith('\x7fELF')) return { kind: 'unsimulated' };
  return { kind: 'script', path: display, interp: ['sh'], shebang: false };
}

/** Run a program (no functions or builtins) through resolution. */
/**
 * Run a program. `tempPath`: the command assigns PATH for itself (`PATH=/x foo`), which every
 * shell searches without its table (bash search_for_command's temp_path, ash's DO_ALTPATH) and
 * which empties the table as any assignment to PATH does (checked on bash 5.2, dash 0.5.12 and
 * busybox 1.35: `PATH=/x /bin/true` leaves `hash` empty).
 */
export function runProgram(sh: Shell, argv: string[], env: Env, fds: Fds, how: Launcher, tempPath = false): number {
  const name = argv[0];
  if (name === 'printf' && sh.gnu && argv[1] === '-v' && how.kind !== 'exec') return printfToVariable(sh, argv.slice(2), env, fds);
  if (BUILTIN_APPLETS.has(name) && how.kind !== 'exec') {
    const applet = sh.dash && name === 'echo' ? dashEcho : lookupApplet(sh, name);
    if (applet) return callApplet(sh, applet, name, argv.slice(1), env, fds, true);
  }
  if (tempPath) {
    if (sh.commandHash.size > 0) sh.ownCommandHash().clear();
  } else if ((how.kind === 'shell' || how.kind === 'exec') && hashes(sh, name, env.PATH)) return runHashed(sh, argv, env.PATH, env, fds, how);
  return launchSearched(sh, argv, env.PATH, env, fds, how);
}

/**
 * Launch a name a PATH search finds (execvp's way: resolve). A shell whose own search requires an
 * execute bit (shellSearch 'required': dash, busybox 1.38) reports a name found only as files
 * without one as find_command does: `NAME: Permission denied`, status 127 (its evalcommand's
 * status for a command not found); its `exec` runs shellexec, execvp's way (126).
 */
function launchSearched(sh: Shell, argv: string[], pathVar: string | undefined, env: Env, fds: Fds, how: Launcher): number {
  const t = resolve(sh, argv[0], pathVar);
  if (t.kind === 'permission' && how.kind === 'shell' && !sh.onHost && !argv[0].includes('/') && shellSearch(sh) === 'required') return launchFailed(sh, 'permission', argv[0], fds, how, false, 127);
  return launch(sh, t, argv, env, fds, how);
}

/**
 * Whether the shell looks `name` up in its command hash table (command-hash.ts): a container's
 * shell (the simulated host's finds applets by name), a name without a `/` that is no busybox
 * applet ash runs first, and the shell's own PATH (exported: a process gets what it searched).
 */
export function hashes(sh: Shell, name: string, pathVar: string | undefined): pathVar is string {
  return pathVar !== undefined && name !== '' && !sh.onHost && !name.includes('/') && !prefersApplet(sh, name) && pathVar === sh.getVar('PATH');
}

/** What the table (or a new search, entered in it) says of `name`: the path, the index of its PATH entry. */
interface Hashed {
  path: string;
  index: number;
  /** The name was in the table (bash's `is hashed`, dash's `is a tracked alias for`). */
  hashed: boolean;
}

/**
 * Look `name` up as the shell does before it runs it or describes it (`enter`: a run, `hash NAME`;
 * bash's `type` and `command -v` enter nothing, ash's and dash's find_command enters every
 * answer). bash counts a hit for a name it has; ash and dash search again after a `cd` (rehash:
 * an absolute entry before the kept one is skipped, the kept one taken without a stat). A name
 * searched and not found leaves the table (ash delete_cmd_entry). bash and dash enter no file
 * found in a relative PATH entry here (bash keeps them differently; not simulated), dash no file
 * without an execute bit (its search skips them).
 */
export function lookupHashed(sh: Shell, name: string, pathVar: string, enter: boolean): Hashed | undefined {
  const e = sh.commandHash.get(name);
  if (sh.gnu) {
    if (e !== undefined) {
      sh.ownCommandHash().hit(name);
      // bash in posix mode (run as `sh`, an Oracle Linux image's) runs a kept path only while it is
      // an executable file, else forgets it and searches again (search_for_command's
      // posixly_correct check; `type` asks no file). Checked: this host's bash run as `sh`.
      if (!(enter && bashPosix(sh) && !executableFile(sh, e.path))) return { path: e.path, index: e.index, hashed: true };
      sh.ownCommandHash().delete(name);
    }
    const found = searchPathIndexed(sh, name, pathVar, -1);
    if (found !== undefined && enter && found.path.startsWith('/')) sh.ownCommandHash().set(name, found.path, found.index, 1);
    return found && { path: found.path, index: found.index, hashed: false };
  }
  if (e !== undefined && !e.rehash) return { path: e.path, index: e.index, hashed: true };
  const found = searchPathIndexed(sh, name, pathVar, e?.rehash ? e.index : -1);
  if (found === undefined) {
    if (e !== undefined) sh.ownCommandHash().delete(name);
    return undefined;
  }
  if (!(sh.dash && (!found.path.startsWith('/') || !found.executable))) sh.ownCommandHash().set(name, found.path, found.index, 0);
  else if (e !== undefined) sh.ownCommandHash().delete(name);
  return { path: found.path, index: found.index, hashed: e !== undefined };
}

/** bash started as `sh`: posix mode. */
export function bashPosix(sh: Shell): boolean {
  return sh.gnu && basename(sh.sys.shellName) === 'sh';
}

/** bash's file_status: FS_EXISTS and FS_EXECABLE (a regular file with an execute bit). */
function executableFile(sh: Shell, path: string): boolean {
  try {
    const st = sh.sys.fs.statIfAny(join(sh.cwd, path));
    return st?.kind === 'file' && (st.mode & 0o111) !== 0;
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return false;
  }
}

/**
 * Run a name through the table. bash execs the path it keeps, and a failure names that path
 * (`bash: /a/foo: No such file or directory`, 127). ash and dash exec each PATH entry from the
 * kept one on (shellexec: `--idx < 0`), the first that execs running; a failure names the command
 * with the last error that was not ENOENT (`sh: foo: not found`, 127; `Permission denied`, 126).
 */
function runHashed(sh: Shell, argv: string[], pathVar: string, env: Env, fds: Fds, how: Launcher): number {
  const name = argv[0];
  const found = lookupHashed(sh, name, pathVar, true);
  // (a name found nowhere: the search's own answer)
  if (found === undefined) return launchSearched(sh, argv, pathVar, env, fds, how);
  if (sh.gnu) {
    const t = fileTarget(sh, found.path);
    // bash runs the whole path, and names it when it fails (execute_cmd.c shell_execve's file_error)
    if (failed(t) && (how.kind === 'shell' || how.kind === 'exec')) return launchFailed(sh, t.kind, found.path, fds, how, t.kind === 'not-found' && t.interpreter === true);
    return launch(sh, t, argv, env, fds, how);
  }
  const dirs = pathVar.split(':');
  let failure: Target | undefined;
  for (let i = found.index; i < dirs.length; i++) {
    const t = fileTarget(sh, join(dirs[i] || '.', name));
    if (!failed(t)) return launch(sh, t, argv, env, fds, how);
    // (ENOENT and ENOTDIR keep the error an earlier entry gave)
    if (t.kind !== 'not-found' || failure === undefined) failure = t;
  }
  return launch(sh, failure ?? { kind: 'not-found' }, argv, env, fds, how);
}

type Failure = Extract<Target, { kind: 'not-found' | 'permission' | 'is-dir' | 'loop' }>;

function failed(t: Target): t is Failure {
  return t.kind === 'not-found' || t.kind === 'permission' || t.kind === 'is-dir' || t.kind === 'loop';
}

/**
 * PATH search as the shells' find_command does it: the first regular file (after symlinks) named
 * `name`, with the index of its PATH entry. `prev` (ash's and dash's rehash after a `cd`, else -1):
 * absolute entries before it are skipped and the one at it is taken unstat'ed.
 */
function searchPathIndexed(sh: Shell, name: string, pathVar: string, prev: number): Found | undefined {
  const bits = shellSearch(sh);
  if (prev >= 0) return searchIndexed(sh, name, pathVar, prev, bits);
  // (kept while no file changes, as resolve's answers: each new shell process searches anew; a
  // Debian image's bash and dash search the same files their own ways)
  const known = searchCache(sh, pathVar)?.found;
  const key = bits === 'ignored' ? name : `${bits}\0${name}`;
  const cached = known?.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const found = searchIndexed(sh, name, pathVar, -1, bits);
  known?.set(key, found === undefined ? null : Object.freeze(found));
  return found;
}

/** A PATH search's answer: the path, the index of its PATH entry, whether the file has an execute bit. */
interface Found {
  readonly path: string;
  readonly index: number;
  readonly executable: boolean;
}

function searchIndexed(sh: Shell, name: string, pathVar: string, prev: number, bits: ExecBits): Found | undefined {
  const dirs = pathVar.split(':');
  let fallback: Found | undefined;
  for (let i = 0; i < dirs.length; i++) {
    const dir = dirs[i];
    if (i <= prev && dir.startsWith('/')) {
      if (i < prev) continue;
      return { path: join(dir, name), index: i, executable: true };
    }
    try {
      const st = sh.sys.fs.statIfAny(join(join(sh.cwd, dir || '.'), name));
      if (st?.kind !== 'file') continue;
      const found = { path: join(dir || '.', name), index: i, executable: hasExecBit(st) };
      if (bits === 'ignored' || found.executable) return found;
      if (bits === 'preferred') fallback ??= found;
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
    }
  }
  return fallback;
}

/** resolveFile, kept while the file system view's change count stays (as resolve's searches are). */
function fileTarget(sh: Shell, path: string): Target {
  const known = searchCache(sh, FILES)?.targets;
  const key = path.startsWith('/') ? path : `${sh.cwd}\0${path}`;
  const cached = known?.get(key);
  if (cached !== undefined) return cached;
  const target = resolveFile(sh, path);
  known?.set(key, Object.freeze(target));
  return target;
}

/** searchCache's key for fileTarget's answers (no PATH value holds a NUL). */
const FILES = '\0files';

/**
 * bash's `printf -v NAME FORMAT [ARG]...` (builtins/printf.def): what printf would write, into the
 * variable (busybox's printf has no -v: it prints `-v` as its format).
 */
function printfToVariable(sh: Shell, args: string[], env: Env, fds: Fds): number {
  const usage = 'printf: usage: printf [-v var] format [arguments]\n';
  if (args.length === 0) {
    sh.write(fds, 2, `${sh.prefix()}printf: -v: option requires an argument\n${usage}`);
    return 2;
  }
  const [name, ...rest] = args;
  if (name.includes('[')) throw new ShellNotSimulated(`strata does not simulate bash arrays (printf -v ${name})`);
  if (!isName(name)) {
    sh.write(fds, 2, `${sh.prefix()}printf: \`${name}': not a valid identifier\n`);
    return 2;
  }
  if (rest.length === 0) {
    sh.write(fds, 2, usage);
    return 2;
  }
  const cap = new Capture(sh.sys.budget.maxBytes);
  const f: Fds = new Map(fds);
  f.set(1, { kind: 'out', sink: cap });
  const status = callApplet(sh, lookupApplet(sh, 'printf')!, 'printf', rest, env, f, true);
  sh.setVar(name, cap.data);
  return status;
}

export function launch(sh0: Shell, t: Target, argv: string[], env: Env, fds: Fds, how: Launcher): number {
  const name = argv[0];
  // a catalog stand-in's script that execs another program (`exec "$@"`: the user's command) is
  // that program now, which sees placeholder files as any program does (runNestedShell gives a
  // stand-in's own script its view back)
  const sh = how.kind === 'exec' || how.kind === 'docker' ? sh0.asUserProgram() : sh0;
  switch (t.kind) {
    case 'applet':
      return callApplet(sh, t.applet, name, argv.slice(1), env, fds);
    case 'busybox':
      return runBusybox(sh, argv, env, fds, how);
    case 'shell':
      // the stand-in's bash file prints the real image's `bash --version` (catalog/bash); called
      // as dash (a Debian or Ubuntu stand-in's dash is a link to it) it is dash, which has no
      // --version
      if (t.file !== undefined && argv[1] === '--version' && shellLanguage({ ...sh.sys, shellName: name }) === 'bash') return runNestedShell(sh, ['sh', t.file, ...argv.slice(1)], env, fds);
      return runNestedShell(sh, argv, env, fds);
    case 'script':
      return runNestedShell(sh, [...t.interp, t.path, ...argv.slice(1)], env, fds);
    case 'external': {
      let status: number | undefined;
      try {
        status = outside(() => sh.sys.external!(name, argv.slice(1), processIO(sh, fds), sh.cwd, env));
      } catch (e) {
        if (e instanceof BrokenPipe) return SIGPIPE_STATUS;
        throw e;
      }
      if (status !== undefined) return status;
      return launchFailed(sh, unsimulatedOnHost(name) ? 'unsimulated' : 'not-found', name, fds, how);
    }
    default:
      return launchFailed(sh, t.kind, name, fds, how, t.kind === 'not-found' && t.interpreter === true);
  }
}

/**
 * Whose words an applet link prints: in a GNU image (sys.userland) one of the real image's commands
 * is GNU's, any other link (and `busybox NAME`) the stand-in's busybox; elsewhere the flavor's.
 */
function appletFlavor(sh: Shell, applet: string, named: boolean): Flavor {
  const userland = sh.sys.userland;
  if (userland === undefined) return sh.sys.flavor;
  return !named && userland.commands.has(applet) ? 'gnu' : 'busybox';
}

/** busybox dispatches on argv[0]'s basename (`busybox NAME ...` names the applet itself). */
function runBusybox(sh: Shell, argv: string[], env: Env, fds: Fds, how: Launcher): number {
  let args = argv;
  const named = basename(argv[0]) === 'busybox';
  if (named) {
    // the real busybox:latest's (BusyboxBuild.real): `busybox` alone or `busybox --help` prints its
    // help on stdout and exits 0 (libbb/appletlib.c busybox_main; test/recorded/busybox-latest-real/chroot.txt)
    const real = sh.sys.busyboxBuild?.().real;
    if (real !== undefined && (argv.length < 2 || (argv[1] === '--help' && argv.length === 2))) {
      sh.write(fds, 1, real.help());
      return 0;
    }
    if (argv.length < 2) return launchFailed(sh, 'unsimulated', 'busybox', fds, how);
    args = argv.slice(1);
  }
  const applet = basename(args[0]);
  // every applet strata simulates is one of the real busybox:latest's too, but for bash and dash
  if (SHELLS.has(applet) && (applet === 'sh' || applet === 'ash' || sh.sys.busyboxBuild?.().real === undefined)) return runNestedShell(sh, args, env, fds);
  // the applets of the busybox that runs: a name it has none of is its own error, whatever strata
  // simulates under that name (Alpine's busybox has no httpd: `busybox httpd` is `httpd: applet not
  // found`; the oracle's 1.35 has no adduser, which a link of an Alpine stand-in names there). The
  // environment's own applets (the container's ps and wget, a test's) are that busybox's.
  const build = sh.sys.busyboxBuild?.();
  const applets = build?.real?.applets ?? build?.applets ?? BUSYBOX_APPLETS;
  const flavor = appletFlavor(sh, applet, named);
  const provided = sh.sys.applets?.(applet, sh.sys.flavor);
  // (`busybox busybox ls` is busybox again: appletlib.c run_applet_and_exit)
  if (provided === undefined && !applets.has(applet) && applet !== 'busybox' && !(named && applet.startsWith('-'))) {
    // two writes (libbb/appletlib.c busybox_main: full_write2_str(applet_name), then the rest): the
    // legacy builder colours each (recorded: users/busybox-adduser-oracle)
    sh.write(fds, 2, applet);
    sh.write(fds, 2, ': applet not found\n');
    return 127;
  }
  // the login utilities of the image's own busybox (Alpine's), which the oracle's has not
  const users = flavor === 'busybox' && USER_APPLETS.has(applet) ? build?.users : undefined;
  const fn = users !== undefined ? usersApplet(applet, users) : (provided ?? getApplet(applet, flavor));
  if (fn) return callApplet(sh, fn, applet, args.slice(1), env, fds, false, flavor);
  // an applet of the busybox that runs, which strata does not simulate: refused by name
  return launchFailed(sh, 'unsimulated', named ? `busybox ${applet}` : applet, fds, how);
}

function launchFailed(sh: Shell, why: 'not-found' | 'permission' | 'is-dir' | 'unsimulated' | 'loop', name: string, fds: Fds, how: Launcher, interpreter = false, searchStatus?: number): number {
  const status = searchStatus ?? (why === 'permission' || why === 'is-dir' ? 126 : 127);
  const unsim = 'strata does not simulate this command';
  // the refusal is a fact its caller cannot swallow (`tree >/dev/null 2>&1 || true`): the real
  // program would have run (ShellEnvironment.standInRefused); the words, not their prefix
  if (why === 'unsimulated') sh.sys.standInRefused?.(`${name}: ${unsim}`);
  // sudo looks the program up itself (sudo.c command_info): what it cannot run is not a command to it
  if (how.kind === 'applet' && how.caller === 'sudo' && why !== 'unsimulated') {
    sh.write(fds, 2, `sudo: ${name}: command not found\n`);
    return 1;
  }
  if (how.kind === 'applet' || how.kind === 'docker') {
    const text = why === 'unsimulated' ? unsim : why === 'not-found' ? STRERROR.ENOENT : why === 'is-dir' ? STRERROR.EISDIR : why === 'loop' ? STRERROR.ELOOP : STRERROR.EACCES;
    // env names what it could not run its own way: busybox's BB_EXECVP_or_die (libbb/executable.c:
    // `env: can't execute 'x': Permission denied`, recorded: shell/busybox-path-without-exec-bit),
    // coreutils' quote() (`env: 'x': No such file or directory`, measured: coreutils 9.1, C locale)
    if (how.kind === 'applet' && how.caller === 'env' && why !== 'unsimulated') {
      sh.write(fds, 2, sh.sys.flavor === 'busybox' ? `env: can't execute '${name}': ${text}\n` : `env: '${name}': ${text}\n`);
      return status;
    }
    sh.write(fds, 2, `${how.kind === 'applet' ? how.caller : 'strata'}: ${name}: ${text}\n`);
    return status;
  }
  const exec = how.kind === 'exec';
  // bash's exec of a file it cannot run (bminor/bash@bash-5.2 builtins/exec.def): the file's full
  // path (full_pathname), shell_execve's file_error, then, unless it was not found, `exec: PATH:
  // cannot execute: ERROR` for a file without an execute bit or a directory (executable_file),
  // file_error again for any other; 126 (measured, bash 5.2.15: test/recorded/shell-fidelity)
  if (exec && sh.gnu && !interpreter && (why === 'permission' || why === 'is-dir' || (why === 'not-found' && name.includes('/')))) {
    // (sh_makepath's MP_RMDOT: one leading `./` dropped)
    const path = name.startsWith('/') ? name : `${sh.cwd === '/' ? '' : sh.cwd}/${name.startsWith('./') ? name.slice(2) : name}`;
    const error = why === 'permission' ? STRERROR.EACCES : why === 'is-dir' ? STRERROR.EISDIR : STRERROR.ENOENT;
    sh.error(fds, `${path}: ${error}`);
    if (why === 'not-found') return status;
    if (why === 'permission' && executableFile(sh, path)) sh.error(fds, `${path}: ${error}`);
    else sh.builtinError('exec', fds, `${path}: cannot execute: ${error}`);
    return status;
  }
  let text: string;
  if (why === 'unsimulated') text = unsim;
  // bash 5.2 (execute_cmd.c shell_execve): a script whose interpreter is missing "cannot execute"
  else if (why === 'not-found' && interpreter && sh.gnu && !exec) text = 'cannot execute: required file not found';
  else if (why === 'not-found') text = !sh.gnu || exec ? 'not found' : name.includes('/') ? STRERROR.ENOENT : 'command not found';
  else if (why === 'is-dir' && sh.gnu) text = STRERROR.EISDIR;
  // ash: `sh: /m/a.sh: Too many levels of symbolic links`, 127 (recorded: pci-bind-script-loops)
  else if (why === 'loop') text = STRERROR.ELOOP;
  else text = STRERROR.EACCES;
  if (exec) sh.builtinError('exec', fds, `${name}: ${text}`);
  else sh.error(fds, `${name}: ${text}`);
  return status;
}

/** The ProcessIO view of a descriptor table (stdin is consumed when read). */
function processIO(sh: Shell, fds: Fds): ProcessIO {
  const input = fds.get(0);
  const keyboard = input?.kind === 'in' ? input.input.keyboard : undefined;
  const outTerminal = { stdout: sinkIsTerminal(fds, 1), stderr: sinkIsTerminal(fds, 2) };
  const err = fds.get(2);
  return {
    get stdin(): string {
      return readStdin(sh, fds);
    },
    stdout: (d: string) => sh.write(fds, 1, d),
    stderr: (d: string) => sh.write(fds, 2, d),
    // fd 0 is still the reader's terminal (not a pipe, a file or a here-document)
    ...(keyboard ? { keyboard } : {}),
    ...(outTerminal.stdout || outTerminal.stderr ? { outTerminal } : {}),
    ...(err?.kind === 'out' && err.sink.transcript === true ? { transcript: true } : {}),
    ...(err?.kind === 'out' && err.sink.discards === true ? { stderrDiscarded: true as const } : {}),
  };
}

function sinkIsTerminal(fds: Fds, n: number): boolean {
  const d = fds.get(n);
  return d?.kind === 'out' && d.sink.terminal === true;
}

/**
 * On a stdin nobody closes (Input.open) a read with nothing left waits for ever: the process
 * blocks there (a background process's BlockedSignal). Programs' reads and the `read` builtin's.
 */
export function waitOnOpenStdin(sh: Shell, input: Input): void {
  if (input.open && input.pos >= input.data.length) outside(() => sh.sys.sleep(Infinity));
}

/**
 * Run `fn`, a call out of the shell into the engine (a sleep moves strata's clock, which runs other
 * processes and the daemon; a signal to PID 1 may stop the container): what ran there may change
 * file systems without a namespace's writes (a container's start fills a volume), so every cache of
 * what was found in them is given up (fs/changes.ts).
 */
export function outside<T>(fn: () => T): T {
  try {
    return fn();
  } finally {
    fsChanged();
  }
}

/** Everything left on fd 0, consumed (waitOnOpenStdin first). */
function readStdin(sh: Shell, fds: Fds): string {
  const input = fds.get(0);
  if (input?.kind !== 'in') return '';
  waitOnOpenStdin(sh, input.input);
  // on the reader's terminal: every line typed up to Ctrl-D
  while (typeMore(input.input));
  const d = input.input.data.slice(input.input.pos);
  input.input.pos = input.input.data.length;
  return d;
}

/**
 * The context of one applet call, as a class rather than an object of closures: an applet call
 * (`[`, `echo`) is what scripts do most, and building a dozen closures for each cost more than
 * many applets' own work.
 */
/** AppletContext.builtin: the words before a builtin's error, as the shell words it. */
class BuiltinPrefix {
  constructor(private readonly sh: Shell) {}

  get errorPrefix(): string {
    const sh = this.sh;
    return sh.gnu || sh.dash ? sh.prefix() : `${basename(sh.sys.shellName)}: `;
  }
}

class AppletProcess implements AppletContext {
  readonly fs: Vfs;
  readonly cwd: string;
  readonly flavor: Flavor;
  readonly budget: Budget;
  readonly hostname: string;
  readonly builtin: { errorPrefix: string } | undefined;
  readonly stdoutDiscarded: boolean | undefined;

  /** The exit status a directory stdin imposes once read (stdin-errors.ts `empty`). */
  directoryStatus: number | undefined;

  constructor(
    private readonly sh: Shell,
    readonly name: string,
    readonly env: Env,
    private readonly fds: Fds,
    builtin: boolean,
    private readonly args: readonly string[] = [],
    flavor: Flavor = sh.sys.flavor,
  ) {
    const sys = sh.sys;
    this.fs = sh.fs;
    this.cwd = sh.cwd;
    this.flavor = flavor;
    this.budget = sys.budget;
    this.hostname = sys.hostname;
    // ash's builtins report through busybox's applet name, the shell's basename (not $0); worded
    // only when an error is (every `[` and printf of a script ran here): the shell's line and
    // file stay as they are while the builtin runs. kill, which can signal PID 1 (this shell's
    // traps may run: deliverSignal) before it words an error for its next operand, takes them now.
    const prefix = builtin ? new BuiltinPrefix(sh) : undefined;
    this.builtin = prefix && name === 'kill' ? { errorPrefix: prefix.errorPrefix } : prefix;
    const out = fds.get(1);
    this.stdoutDiscarded = out?.kind === 'out' && out.sink.discards ? true : undefined;
  }

  // Asked only by `id USER` (BusyboxBuild.musl).
  get musl(): boolean {
    return this.flavor === 'busybox' && this.sh.sys.busyboxBuild?.().musl === true;
  }

  // Asked only by a usage text (util.ts busyboxBanner): finding the build reads the file system.
  get busyboxVersion(): string | undefined {
    return this.flavor === 'busybox' ? this.sh.sys.busyboxBuild?.().real?.version : undefined;
  }

  // Asked by the few programs that word a directory stdin themselves (paste), not at every call.
  get stdinIsDirectory(): boolean {
    const input = this.fds.get(0);
    return input?.kind === 'in' && input.input.directory === true;
  }

  get stdin(): string {
    if (this.stdinIsDirectory) return this.readDirectory();
    return readStdin(this.sh, this.fds);
  }

  /** Reading a directory opened as stdin: the program's own words (stdin-errors.ts). */
  private readDirectory(): string {
    const rule = directoryStdin(this.flavor, this.name, this.args);
    if (rule.kind === 'eof') return '';
    if (this.directoryStatus === undefined) this.stderr(`${rule.message}\n`);
    this.directoryStatus = rule.status;
    if (rule.kind === 'fail') throw new StdinFailure(rule.status);
    return '';
  }

  stdout(d: string): void {
    this.sh.write(this.fds, 1, d);
  }
  stderr(d: string): void {
    this.sh.write(this.fds, 2, d);
  }
  get pid(): number | undefined {
    return this.sh.execing ? (this.sh.sys.pid ?? 1) : undefined;
  }
  sleep(seconds: number): void {
    outside(() => this.sh.sys.sleep(seconds, this.sh.bareSleep));
    this.sh.clock.now += seconds;
    this.sh.clock.owner.clockMoved();
  }
  run(argv: string[], io: ProcessIO, env: Env = this.env): number {
    return runFromApplet(this.sh, this.name, argv, env, io);
  }
  runAs(ids: Credentials, path: string, argv: string[], io: ProcessIO, env: Env): number | undefined {
    return runAsUser(this.sh, this.name, ids, path, argv, env, io);
  }
  sendSignal(pid: number, signal: number): boolean {
    return deliverSignal(this.sh, pid, signal);
  }
  jobPids(spec: string): number[] | { error: string; reported?: true } {
    const sh = this.sh;
    if (sh.dash) throw new ShellNotSimulated(`strata does not simulate dash's job spec ${spec}`);
    const job = sh.findJob(spec);
    if (typeof job === 'string' && sh.gnu) return { error: job };
    if (typeof job === 'string') {
      sh.builtinError('kill', this.fds, job);
      return { error: job, reported: true };
    }
    // ash's killcmd skips a job's processes that were collected (ps_status no longer -1)
    return jobState(job, sh.clock.now, `kill ${spec}`) === 'gone' ? [] : [job.pid];
  }
  isatty(fd: number): boolean {
    const d = this.fds.get(fd);
    return d?.kind === 'in' ? d.input.terminal === true : d?.kind === 'out' && d.sink.terminal === true;
  }
  discards(fd: number): boolean {
    const d = this.fds.get(fd);
    return d?.kind === 'out' && d.sink.discards === true;
  }
  refused(line: string): void {
    this.sh.sys.standInRefused?.(line);
  }
}

function callApplet(sh: Shell, applet: Applet, name: string, args: string[], env: Env, fds: Fds, builtin = false, flavor: Flavor = sh.sys.flavor): number {
  const ctx = new AppletProcess(sh, name, env, fds, builtin, args, flavor);
  try {
    const status = applet(ctx, args);
    return ctx.directoryStatus ?? status;
  } catch (e) {
    if (e instanceof StdinFailure) return e.status;
    if (e instanceof ShellLimitError || e instanceof BlockedSignal) throw e;
    // SIGPIPE kills the applet's own process; a builtin's is the shell's (see boundary)
    if (e instanceof BrokenPipe) {
      if (builtin) throw e;
      return SIGPIPE_STATUS;
    }
    if (e instanceof WriteError) {
      // busybox (recorded: mounts/tmpfs-full-messages): an applet run as ash's builtin reports
      // under the shell's name (`sh: write error: ...`), printf says nothing (its stdio error
      // only sets the status), and head, writing through stdio, dies in die_if_ferror_stdout
      // (`head: standard output: I/O error`, no errno)
      if (!sh.gnu && builtin && name === 'printf') return 1;
      if (!sh.gnu && name === 'head') sh.write(fds, 2, `${name}: standard output: I/O error\n`);
      else if (builtin) {
        if (sh.gnu) sh.builtinError(name, fds, `write error: ${e.message}`);
        else sh.write(fds, 2, `sh: write error: ${e.message}\n`);
      } else sh.write(fds, 2, `${name}: write error: ${e.message}\n`);
      return 1;
    }
    // Applets should report file errors themselves; this guard keeps one bug from crashing.
    if (e instanceof FsError) {
      sh.write(fds, 2, `${name}: ${STRERROR[e.code]}\n`);
      return 1;
    }
    if (internalErrors.rethrow) throw e;
    sh.write(fds, 2, `strata: internal error in ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/**
 * AppletContext.sendSignal. There is no process table: the only process a script can name is
 * PID 1 (`$$`), taken to be this shell (a container's `sh -c` main process) or its process group
 * (0). PID 1 ignores every signal it has no handler for, even SIGKILL; busybox ash in `-c` mode
 * handles SIGINT, so it exits with 130 once the current command is done.
 */
function deliverSignal(sh: Shell, pid: number, signal: number): boolean {
  // a `docker exec`'s shell is not PID 1: PID 1 is its container's main process
  if (pid === 1 && sh.sys.initSignal) {
    const initSignal = sh.sys.initSignal;
    if (signal !== 0) outside(() => initSignal(signal));
    return true;
  }
  // one of this shell's own jobs (jobs.ts); one a parent shell started (seen from a subshell) or
  // one of dash's is not followed
  const job = sh.dash ? undefined : sh.jobByPid(pid);
  if (job) return sh.signalJob(job, signal);
  if (sh.isJob(pid)) throw new ShellNotSimulated(`strata does not simulate signals to a background job (kill ${pid}) from ${sh.dash ? 'dash' : 'a subshell of the shell that started it'}`);
  // an exec's own PID ($$): it exists; what another signal does to a process that is not PID 1 is not simulated
  if (pid !== 1 && pid === sh.sys.pid) {
    if (signal === 0) return true;
    throw new ShellNotSimulated(`strata does not simulate a docker exec process signalling itself (kill ${pid})`);
  }
  if (pid !== 1 && pid !== 0) return false;
  if (signal === 2 && !sh.gnu && sh.commandString) sh.caughtSignal = signal;
  return true;
}

/** AppletContext.run: execvp from inside an applet (xargs, env, timeout...). */
function runFromApplet(sh: Shell, caller: string, argv: string[], env: Env, io: ProcessIO): number {
  sh.step();
  if (argv.length === 0) return 0;
  const fds = fdsFromIO(io);
  const target = resolve(sh, argv[0], env.PATH);
  if (target.kind === 'not-found' && (argv[0] === 'true' || argv[0] === 'false')) return argv[0] === 'true' ? 0 : 1;
  const sub = sh.fork();
  // busybox env execs its program: `exec env VAR=x prog` leaves prog in the caller's process
  // (PID 1 for an entrypoint, whose traps `docker stop` then runs)
  if (caller === 'env') {
    sub.leader = sh.leader;
    sub.execing = sh.execing;
  }
  return sub.boundary(() => launch(sub, target, argv, env, fds, { kind: 'applet', caller }));
}

/**
 * AppletContext.runAs: `su`'s setgid, setuid and execv. The process is the caller's (as `exec env`
 * leaves its program in the caller's process: PID 1 for an entrypoint, which becomes the user, so
 * docker top, ps and an exec's /proc/1 see it so: ShellEnvironment.initCredentials); it sees the
 * file system as the new user (fs.asUser: built again after PID 1's change, whose /proc/1 is then
 * the user's).
 */
function runAsUser(sh: Shell, caller: string, ids: Credentials, path: string, argv: string[], env: Env, io: ProcessIO): number | undefined {
  if (sh.sys.fs.asUser === undefined) return undefined;
  sh.step();
  if (sh.execing && (sh.sys.pid ?? 1) === 1) sh.sys.initCredentials?.(ids);
  const fs = sh.sys.fs.asUser(ids);
  const target = resolve(sh, path, env.PATH);
  const sub = sh.fork({ ...sh.sys, fs });
  sub.leader = sh.leader;
  sub.execing = sh.execing;
  return sub.boundary(() => launch(sub, target, argv, env, fdsFromIO(io), { kind: 'applet', caller }));
}

/** `sh [-eux] -c CMD [NAME ARGS...]`, `sh FILE ARGS...`, or `sh` reading stdin. */
function runNestedShell(sh: Shell, argv: string[], env: Env, fds: Fds): number {
  const name = argv[0];
  const sys: ShellEnvironment = { ...sh.sys, cwd: sh.cwd, env, shellName: name };
  // the started shell's words (a GNU image's dash runs its bash, and the other way round); dash's
  // messages before it reads a line name line 0 (main.c, error.c: errlinno starts at 0)
  const lang = shellLanguage(sys);
  const flags: string[] = [];
  let command: string | undefined;
  let i = 1;
  let cflag = false;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--' || a === '-') {
      i++;
      break;
    }
    if (!/^[-+]./.test(a)) break;
    if (a.startsWith('--') && lang === 'dash') {
      // dash 0.5.12 has no long options (options.c options: `--` alone ends them, any other
      // `--word` is "Illegal option --" through sh_error, status 2; checked against this host's dash)
      sh.write(fds, 2, `${name}: 0: Illegal option --\n`);
      return 2;
    }
    if (a.startsWith('--')) {
      // --login, --norc ...; the file of --rcfile and --init-file
      if (a === '--rcfile' || a === '--init-file') i++;
      continue;
    }
    if (a.includes('c') && a[0] === '-') cflag = true;
    const rest = a.slice(1).replace(/[cils]/g, '');
    if (rest) flags.push(a[0] + rest);
    // each `o` of the cluster takes the next word as its option's name (`bash -euo pipefail -c`)
    for (const ch of rest) if (ch === 'o' && i + 1 < argv.length) flags.push(argv[++i]);
  }
  let init: ShellInit;
  // an interactive ash reading stdin, whether that stdin stays open with nothing to read, and whether it is a terminal
  let interactive = false;
  let waits = false;
  let promptTty = false;
  // (how the busybox of an interactive ash was built: its banner, prompts, history; types.ts)
  let build = ORACLE_BUSYBOX_BUILD;
  if (cflag) {
    command = argv[i];
    if (command === undefined) {
      sh.write(fds, 2, lang === 'bash' ? `${name}: -c: option requires an argument\n` : lang === 'dash' ? `${name}: 0: -c requires an argument\n` : `${name}: -c requires an argument\n`);
      return 2;
    }
    init = { argv0: argv[i + 1] ?? name, positional: argv.slice(i + 2), fileMode: false, commandString: true, asShell: true };
  } else if (i < argv.length) {
    const file = argv[i];
    try {
      command = sh.sys.fs.readFile(join(sh.cwd, file));
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      const why = STRERROR[e.code];
      if (lang === 'dash') sh.write(fds, 2, `${name}: 0: cannot open ${file}: ${ashErrmsg(e.code, 'No such file')}\n`);
      else sh.write(fds, 2, lang === 'bash' ? `${name}: ${file}: ${why}\n` : `${name}: can't open '${file}': ${why}\n`);
      return lang === 'bash' ? 127 : 2;
    }
    init = { argv0: file, positional: argv.slice(i + 1), fileMode: true, asShell: true };
    // a server stand-in's own program reads and writes its placeholder files (types.ts standInScript)
    const server = sys.standInScript?.(command, env);
    if (server !== undefined && sys.fs.standInView !== undefined) {
      sys.fs = sys.fs.standInView(sys.standInRules?.(server, env));
      sys.standInServer = server;
    }
  } else {
    // ash is interactive when its stdin and stdout are terminals (isatty), or with -i, and greets
    // with busybox's banner before its first prompt (recorded: core/detached-open-stdin, `docker
    // run -dt busybox`: its logs; exec/stdin-prompts, `sh -i` fed a pipe). A shell about to wait on
    // a stdin that stays open (a detached -i or -t container) has printed its prompt (see
    // ashPrompt); one reading commands from a pipe or a here-doc prints one as it reads each line
    // (Shell.prompts), on stdout, as busybox's fgets-mode read_line_input does.
    const input = fds.get(0);
    const output = fds.get(1);
    const tty = input?.kind === 'in' && input.input.terminal === true && output?.kind === 'out' && output.sink.terminal === true;
    interactive = lang !== 'bash' && (tty || argv.slice(1, i).some((a) => /^-[a-z]*i/.test(a)));
    if (interactive && lang === 'ash') build = busyboxBuildOf(sys);
    waits = input?.kind === 'in' && input.input.open === true && input.input.pos >= input.input.data.length;
    if (interactive && lang === 'dash') {
      // dash 0.5.12 (jobs.c setjobctl: "can't access tty; job control turned off" through
      // sh_warnx, `NAME: 0: `): no banner, its prompts on stderr, PS1 `# ` for root and `$ ` for
      // others (var.c), neither with backslash escapes. Checked against this host's dash -i.
      if (!tty) sh.write(fds, 2, `${name}: 0: can't access tty; job control turned off\n`);
      if (waits) sh.write(fds, 2, env.PS1 ?? (sh.sys.fs.uid === 0 ? '# ' : '$ '));
    } else if (interactive) {
      // ash.c setjobctl: -i without a terminal to control
      if (!tty) sh.write(fds, 2, `${name}: can't access tty; job control turned off\n`);
      sh.write(fds, 1, ashBanner(build));
      if (waits) sh.write(fds, build.editorOnStderr ? 2 : 1, ashPrompt(sh, env.PS1, tty && build.asksCursor));
    }
    // On the reader's terminal (a page's `docker run -it IMAGE sh`, `docker exec -it C bash`) the
    // shell reads each line as it is typed: see Shell.runTerminal.
    const keyboard = input?.kind === 'in' ? input.input.keyboard : undefined;
    if (tty && keyboard !== undefined && input?.kind === 'in' && !waits) {
      const child = sh.spawn(sys, { argv0: name, positional: [], fileMode: false, asShell: true });
      child.setOptions(flags);
      return child.runTerminal(input.input, fds, terminalPrompts(child, lang, argv.slice(1, i), fds));
    }
    promptTty = tty;
    command = processIO(sh, fds).stdin;
    init = { argv0: name, positional: [], fileMode: false, asShell: true };
  }
  const child = sh.spawn(sys, init);
  child.setOptions(flags);
  if (interactive && lang === 'ash') ashHistFile(child, build);
  if (interactive && !waits) {
    // PS1 (default `\w \$ `) before a command's first line or an empty one, PS2 (default `> `)
    // before each line that continues one, both through the same escapes (ash.c setprompt_if,
    // lineedit.c parse_and_put_prompt)
    child.prompts =
      lang === 'dash'
        ? { fd: 2, ...dashPrompts(child) }
        : { fd: build.editorOnStderr ? 2 : 1, ps1: () => ashPrompt(child, child.getVar('PS1'), promptTty && build.asksCursor), ps2: () => ashPrompt(child, child.getVar('PS2') ?? '> ', promptTty && build.asksCursor) };
  }
  // a script's refusal is heard on its stderr, wherever that goes (types.ts standInRefused)
  const heard = init.fileMode && sys.standInRefused !== undefined ? hearRefusal(fds) : undefined;
  if (heard === undefined) return child.runTop(command, new Map(fds));
  const status = child.runTop(command, heard.fds);
  const line = heard.line();
  if (status === 125 && line !== undefined) sys.standInRefused!(line);
  return status;
}

/**
 * The descriptors of a script whose stderr is listened to for a stand-in's refusal
 * (engine/not-simulated.ts refusalLine): each write goes on where it went (a file, /dev/null, a
 * pipe), and the first refusal line among them is kept.
 */
function hearRefusal(fds: Fds): { fds: Fds; line: () => string | undefined } {
  const heard = new Map(fds);
  const err = fds.get(2);
  if (err?.kind !== 'out') return { fds: heard, line: () => undefined };
  const sink = err.sink;
  const listener = refusalListener((d) => sink.write(d));
  const listening: Sink = {
    write: listener.write,
    // (what the script's programs ask of their stderr: /dev/null, a terminal, a file's place)
    ...(sink.discards === true ? { discards: true } : {}),
    ...(sink.terminal === true ? { terminal: true } : {}),
    ...(sink.transcript === true ? { transcript: true } : {}),
    ...(sink.file !== undefined ? { file: sink.file } : {}),
  };
  heard.set(2, { kind: 'out', sink: listening });
  return { fds: heard, line: listener.line };
}
