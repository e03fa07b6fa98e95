// tar: c x t with f, v, z, O, C, --strip-components, old-style bundled options.

import { type TarEntry, TarFormatError, archiveHead, createTar, memberName, readTar } from '../../archive/tar.ts';
import { FsError } from '../../fs/errors.ts';
import { components, join } from '../../fs/path.ts';
import type { Applet } from '../types.ts';
import { type Ctx, DEVICE_NUMBERS, Out, abs, byteCompare, checkSize, errCode, errText, groups, modeString, parseOpts, passwd, warn } from './util.ts';
import { GunzipError, gunzipBytes, gzipBytes } from '../../archive/gzip.ts';
import { Bzip2Error, bunzip2, isBzip2 } from '../../archive/bzip2.ts';
import { isXz, unxz, XzError, XzUnsupported } from '../../archive/xz.ts';
import { LimitError } from '../../fs/errors.ts';
import { placeholderListingRefusal, placeholderRefusal } from '../../fs/node.ts';
import type { ShellNotSimulated } from '../types.ts';

/** Expand an old-style first argument (`cvf x.tar`) into dashed options. */
function expandOldStyle(args: string[]): string[] {
  if (args.length === 0) return args;
  const first = args[0];
  if (first.startsWith('-') || !/^[A-Za-z]+$/.test(first)) return args;
  const takesArg = new Set(['f', 'C', 'b', 'T', 'X', 'K', 'N', 'g', 'L', 'V']);
  const out: string[] = [];
  let next = 1;
  for (const c of first) {
    out.push('-' + c);
    if (takesArg.has(c) && next < args.length) out.push(args[next++]);
  }
  return [...out, ...args.slice(next)];
}

function fail(ctx: Ctx, msg: string): void {
  warn(ctx, 'tar', msg);
}

export const tar: Applet = (ctx, argsIn) => {
  const gnu = ctx.flavor === 'gnu';
  const args = expandOldStyle(argsIn);
  const opts = parseOpts(ctx, 'tar', args, {
    short: 'cxtf:vzjJOC:hpomkX:T:aP',
    long: {
      create: { key: 'c' },
      extract: { key: 'x' },
      get: { key: 'x' },
      list: { key: 't' },
      file: { key: 'f', arg: 'required' },
      verbose: { key: 'v' },
      gzip: { key: 'z' },
      gunzip: { key: 'z' },
      'to-stdout': { key: 'O' },
      directory: { key: 'C', arg: 'required' },
      'strip-components': { key: 'S', arg: 'required' },
      dereference: { key: 'h' },
      'preserve-permissions': { key: 'p' },
      'same-permissions': { key: 'p' },
      'no-same-owner': { key: 'o' },
      'same-owner': { key: 'SO' },
      'numeric-owner': { key: 'NO' },
      'touch': { key: 'm' },
      'keep-old-files': { key: 'k' },
      exclude: { key: 'EX', arg: 'required' },
      'absolute-names': { key: 'P' },
      overwrite: { key: 'OW' },
      owner: { key: 'OWNER', arg: 'required' },
      group: { key: 'GROUP', arg: 'required' },
      mode: { key: 'MODE', arg: 'required' },
      mtime: { key: 'MTIME', arg: 'required' },
      sort: { key: 'SORT', arg: 'required' },
    },
  });
  if (!opts) {
    if (gnu) {
      // parseOpts printed the GNU hint with --help only; tar also mentions --usage
    }
    return 2;
  }
  const modes = ['c', 'x', 't'].filter((m) => opts.has(m));
  if (modes.length !== 1) {
    if (gnu) {
      fail(ctx, modes.length === 0 ? "You must specify one of the '-Acdtrux', '--delete' or '--test-label' options" : "You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option");
      ctx.stderr("Try 'tar --help' or 'tar --usage' for more information.\n");
      return 2;
    }
    ctx.stderr('Usage: tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [-T FILE] [-X FILE] [LONGOPT]... [FILE]...\n');
    return 1;
  }
  const mode = modes[0];
  const file = opts.get('f') ?? '-';
  const verbose = opts.count('v');
  const dirOpt = opts.get('C');
  const baseDir = dirOpt !== undefined ? abs(ctx, dirOpt) : ctx.cwd;
  const errStatus = gnu ? 2 : 1;
  let strip = 0;
  if (opts.has('S')) {
    const v = opts.get('S') ?? '';
    if (!/^\d+$/.test(v)) {
      fail(ctx, gnu ? `Invalid number of elements: '${v}'` : `invalid number '${v}'`);
      return errStatus;
    }
    strip = Number(v);
  }
  const excludes = opts.all('EX');
  const exiting = (): void => {
    if (gnu) fail(ctx, 'Exiting with failure status due to previous errors');
  };

  // Creating a bzip2 or xz archive needs a compressor strata does not have: refused by name
  // rather than writing a plain tar under a compressed archive's name.
  if (mode === 'c' && (opts.has('j') || opts.has('J'))) {
    fail(ctx, `strata does not simulate ${opts.has('j') ? 'bzip2 (-j)' : 'xz (-J)'} compression`);
    return errStatus;
  }
  // GNU tar --mtime=DATE: every member's time (create.c set_mtime_option, without
  // --clamp-mtime); the date forms a scenario writes (`2020-01-02`, `2020-01-02 03:04[:05]` in
  // the recordings' TZ=UTC, `@SECONDS`), any other (a reference file, relative dates) refused
  const mtimeOpt = mode === 'c' && gnu ? opts.get('MTIME') : undefined;
  let forcedMtime: number | undefined;
  if (mtimeOpt !== undefined) {
    const d = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(mtimeOpt);
    if (d !== null) forcedMtime = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(d[4] ?? 0), Number(d[5] ?? 0), Number(d[6] ?? 0)) / 1000;
    else if (/^@\d+$/.test(mtimeOpt)) forcedMtime = Number(mtimeOpt.slice(1));
    else {
      fail(ctx, `strata does not simulate --mtime='${mtimeOpt}' (only YYYY-MM-DD [HH:MM[:SS]] and @SECONDS)`);
      return errStatus;
    }
  }
  // Entering -C: a directory that is not there (or not a directory) ends the run (busybox
  // tar_main's xchdir; GNU 1.34 chdir_do). False once the error is printed.
  const changeDir = (): boolean => {
    if (dirOpt === undefined) return true;
    try {
      if (ctx.fs.stat(baseDir).kind !== 'dir') throw new FsError('ENOTDIR', baseDir);
    } catch (e) {
      fail(ctx, gnu ? `${dirOpt}: Cannot open: ${errText(e)}` : `can't change directory to '${dirOpt}': ${errText(e)}`);
      if (gnu) fail(ctx, 'Error is not recoverable: exiting now');
      return false;
    }
    return true;
  };
  if (mode === 'c') {
    // busybox's tar_main opens (creates, truncates) the archive before its xchdir(-C): a backup
    // whose -C directory is missing still leaves an empty archive behind
    // (mirror/busybox@1_35_0:archival/tar.c; recorded: archive/backup-tar-errors)
    if (gnu && !changeDir()) return errStatus;
    if (opts.operands.length === 0) {
      if (gnu) {
        fail(ctx, 'Cowardly refusing to create an empty archive');
        ctx.stderr("Try 'tar --help' or 'tar --usage' for more information.\n");
        return 2;
      }
      fail(ctx, 'empty archive');
      return 1;
    }
    let archivePath: string | undefined;
    if (file !== '-') {
      try {
        archivePath = abs(ctx, file);
        ctx.fs.writeFile(archivePath, '');
        archivePath = ctx.fs.realpath(archivePath);
      } catch (e) {
        fail(ctx, gnu ? `${file}: Cannot open: ${errText(e)}` : `can't open '${file}': ${errText(e)}`);
        if (gnu) fail(ctx, 'Error is not recoverable: exiting now');
        return errStatus;
      }
    }
    if (!gnu && !changeDir()) return errStatus;
    const pw = passwd(ctx);
    const gr = groups(ctx);
    const uname = (uid: number): string => pw.find((e) => e.id === uid)?.name ?? '';
    const gname = (gid: number): string => gr.find((e) => e.id === gid)?.name ?? '';
    const entries: TarEntry[] = [];
    const vout = new Out(ctx);
    const vlines: string[] = [];
    let failed = false;
    let warnedSlash = false;
    let total = 0;
    // A file with more links whose inode is archived already becomes a hard-link member naming
    // the first one (both tars, as moby's tarAppender does): hardlinks/tar-and-cp probe.
    const seen = new Map<string, string>();
    // A server's files strata does not know (Vfs.entriesToCopy, readToCopy) are archived marked
    // (TarEntry.placeholder), and the archive is then a placeholder too: its bytes and size stay
    // unknown, extracting it carries the marks on. The refusal of the first, for where they would show.
    let unknown: ShellNotSimulated | undefined;
    const excluded = (name: string): boolean =>
      excludes.some((pat) => {
        const re = new RegExp('^' + pat.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '(/.*)?$');
        return name.split('/').some((_, i, parts) => re.test(parts.slice(i).join('/')));
      });
    // GNU tar's -v shows each file by the name it was given, a leading `/` kept (`tar cvf b.tar
    // /dbdata` lists `/dbdata/` after the `Removing leading` warning: Debian 12's tar 1.34, run on
    // the recorder's host); busybox lists the member's name
    const shownName = (e: TarEntry, given = e.name): string => memberName(gnu ? { ...e, name: given } : e);
    const add = (name: string, path: string, top: boolean): void => {
      if (excluded(name)) return;
      let st;
      try {
        st = top && opts.has('h') ? ctx.fs.stat(path) : opts.has('h') ? ctx.fs.stat(path) : ctx.fs.lstat(path);
      } catch (e) {
        fail(ctx, gnu ? `${name}: Cannot stat: ${errText(e)}` : `${name}: ${errText(e)}`);
        failed = true;
        return;
      }
      if (archivePath !== undefined && st.kind === 'file') {
        try {
          if (ctx.fs.realpath(path) === archivePath) {
            fail(ctx, gnu ? `${name}: file is the archive; not dumped` : `${name}: file is the archive; skipping`);
            return;
          }
        } catch {
          // ignore
        }
      }
      // A socket is not archived, with a warning and no error: GNU tar dump_file0 before it strips
      // the leading `/` (start_header), busybox writeFileToTarball after (strip_unsafe_prefix);
      // both name it as given (recorded with busybox: fs/socket-in-writable-layer)
      if (gnu && st.kind === 'socket') {
        fail(ctx, `${name}: socket ignored`);
        return;
      }
      let memberName0 = name;
      if (memberName0.startsWith('/') && !opts.has('P')) {
        if (!warnedSlash) {
          fail(ctx, gnu ? "Removing leading `/' from member names" : "removing leading '/' from member names");
          warnedSlash = true;
        }
        memberName0 = memberName0.replace(/^\/+/, '');
      }
      if (st.kind === 'socket') {
        fail(ctx, `${name}: socket ignored`);
        return;
      }
      const base: TarEntry = {
        name: memberName0,
        type: 'file',
        mode: st.mode,
        uid: st.uid,
        gid: st.gid,
        uname: uname(st.uid),
        gname: gname(st.gid),
        mtime: forcedMtime ?? st.mtime,
      };
      if (st.kind === 'dir') {
        base.type = 'dir';
        if (memberName0 !== '') {
          entries.push(base);
          vlines.push(shownName(base, name));
        }
        let names: string[] = [];
        try {
          const listed = ctx.fs.entriesToCopy(path);
          names = listed.names.sort(byteCompare);
          if (listed.incomplete) {
            // -v would list every name archived, the server's unknown ones too
            if (verbose) throw placeholderListingRefusal(path);
            base.placeholder = true;
            unknown ??= placeholderListingRefusal(path);
          }
        } catch (e) {
          fail(ctx, gnu ? `${name}: Cannot open: ${errText(e)}` : `${name}: ${errText(e)}`);
          failed = true;
          return;
        }
        for (const n of names) add(name.endsWith('/') ? name + n : name + '/' + n, join(path, n), false);
        return;
      }
      if (st.kind === 'symlink') {
        base.type = 'symlink';
        base.linkname = st.target ?? '';
      } else if (st.kind === 'fifo') {
        // busybox writeFileToTarball and GNU tar archive a FIFO as one, no data (recorded with
        // busybox: fs/fifo-in-writable-layer)
        base.type = 'fifo';
      } else if (st.kind === 'chardev') {
        base.type = 'chardev';
        const [maj, min] = DEVICE_NUMBERS[st.device ?? 'null'] ?? [0, 0];
        base.devmajor = maj;
        base.devminor = min;
      } else if (st.kind === 'file' && st.ino !== undefined && (st.nlink ?? 1) > 1 && seen.has(`${st.mount}\0${st.ino}`)) {
        base.type = 'hardlink';
        base.linkname = seen.get(`${st.mount}\0${st.ino}`);
      } else {
        if (st.ino !== undefined && (st.nlink ?? 1) > 1) seen.set(`${st.mount}\0${st.ino}`, memberName0);
        try {
          const read = ctx.fs.readToCopy(path);
          base.data = read.data;
          if (read.placeholder) {
            base.placeholder = true;
            if (read.placeholderId !== undefined) base.placeholderId = read.placeholderId;
            unknown ??= placeholderRefusal(path);
          }
        } catch (e) {
          fail(ctx, gnu ? `${name}: Cannot open: ${errText(e)}` : `can't open '${name}': ${errText(e)}`);
          failed = true;
          return;
        }
        total += base.data.length;
        checkSize(ctx, total);
      }
      entries.push(base);
      vlines.push(shownName(base, name));
    };
    for (const o of opts.operands) {
      const trimmed = o.length > 1 ? o.replace(/\/+$/, '') : o;
      let p: string;
      try {
        // both tars take the operand without its trailing slashes: `tar -c link/` archives the
        // symlink itself, not the directory it names (fs/trailing-slash: busybox in a container,
        // GNU tar 1.34 on the host)
        p = trimmed.startsWith('/') ? trimmed : join(baseDir, trimmed);
        if (o === '') throw new FsError('ENOENT', o);
      } catch (e) {
        fail(ctx, gnu ? `${o}: Cannot stat: ${errText(e)}` : `${o}: ${errText(e)}`);
        failed = true;
        continue;
      }
      add(trimmed === '/' ? '/' : trimmed, p, true);
    }
    let archive = createTar(entries, { recordSize: gnu ? 10240 : undefined, magic: gnu ? 'gnu' : 'gnu' });
    if (opts.has('z')) archive = gzipBytes(archive);
    checkSize(ctx, archive.length);
    if (verbose) {
      const text = vlines.map((l) => l + '\n').join('');
      if (file === '-') ctx.stderr(text);
      else vout.write(text);
    }
    vout.flush();
    // an archive of files strata does not know has unknown bytes: written to a file it is a
    // placeholder (a restore reads it back), written to a pipe or a terminal they would show
    if (file === '-' && unknown !== undefined) throw unknown;
    if (file === '-') ctx.stdout(archive);
    else {
      try {
        ctx.fs.writeFile(archivePath ?? abs(ctx, file), archive, { placeholder: unknown !== undefined });
      } catch (e) {
        fail(ctx, gnu ? `${file}: Cannot write: ${errText(e)}` : `error writing to '${file}': ${errText(e)}`);
        if (gnu) fail(ctx, 'Error is not recoverable: exiting now');
        return errStatus;
      }
    }
    if (failed) {
      if (gnu) exiting();
      else fail(ctx, 'error exit delayed from previous errors');
      return errStatus;
    }
    return 0;
  }

  // ---- x and t: read the archive
  let data: string;
  // an archive tar made of a server's files strata does not know (the create side above) is read
  // with its marks; any other placeholder's bytes are unknown
  let carried = false;
  if (file === '-') data = ctx.stdin;
  else {
    try {
      ({ data, placeholder: carried } = ctx.fs.readToCopy(abs(ctx, file)));
    } catch (e) {
      fail(ctx, gnu ? `${file}: Cannot open: ${errText(e)}` : `can't open '${file}': ${errText(e)}`);
      if (gnu) fail(ctx, 'Error is not recoverable: exiting now');
      return errStatus;
    }
  }
  if (carried && !madeOfPlaceholders(data)) throw placeholderRefusal(abs(ctx, file));
  // -C is entered once the archive is open, before a block is read, even to list: a directory
  // that is not there ends the run (busybox tar_main's xchdir; GNU 1.34 chdir_do; both seen from
  // the real binaries of the oracle's host, recorded: archive/backup-host-gnu-tar)
  if (!changeDir()) return errStatus;
  // the compression shows in the first bytes (read from its pieces when createTar made it: tar.ts)
  const head = archiveHead(data, 8);
  const gz = head.length >= 2 && head.charCodeAt(0) === 0x1f && head.charCodeAt(1) === 0x8b;
  if (!gnu) {
    // Debian's busybox 1.35 tar has no FEATURE_TAR_AUTODETECT: it decompresses only what -z or -j
    // ask for. A compressed archive read as tar dies in get_header_tar: `short read` for less than
    // a block, `invalid tar magic` otherwise; -z/-j on other data fail in the decoder child
    // (check_signature16's `invalid magic`), whose empty pipe is then the parent's `short read`
    // (mirror/busybox@1_35_0:archival/libarchive/get_header_tar.c, open_transformer.c; recorded:
    // archive/backup-tar-errors; the same from the busybox binary of the base image on the host)
    const compressed = gz || isBzip2(head) || isXz(head);
    const asked = opts.has('z') ? 'z' : opts.has('j') ? 'j' : opts.has('J') ? 'J' : '';
    if (asked === '' && compressed) {
      fail(ctx, data.length < 512 ? 'short read' : 'invalid tar magic');
      return 1;
    }
    if (asked === 'J' && !isXz(head)) {
      fail(ctx, 'strata does not simulate the words for -J on data that is not xz');
      return 1;
    }
    if ((asked === 'z' && !gz) || (asked === 'j' && !isBzip2(head))) {
      fail(ctx, 'invalid magic');
      fail(ctx, 'short read');
      return 1;
    }
  }
  if (gz) {
    try {
      data = gunzipBytes(data);
    } catch (e) {
      // the file budget is the simulation's, not a corrupt stream
      if (e instanceof LimitError) throw e;
      if (gnu) {
        ctx.stderr('\ngzip: stdin: unexpected end of file\n');
        fail(ctx, 'Child returned status 1');
        fail(ctx, 'Error is not recoverable: exiting now');
      } else fail(ctx, 'corrupted data');
      return errStatus;
    }
  } else if (isBzip2(head)) {
    try {
      data = bunzip2(data);
    } catch (e) {
      fail(ctx, `strata does not simulate the words for corrupt bzip2 data (${decoderMessage(e)})`);
      return errStatus;
    }
  } else if (isXz(head)) {
    try {
      data = unxz(data);
    } catch (e) {
      fail(ctx, e instanceof XzUnsupported ? `strata does not simulate ${e.message}` : `strata does not simulate the words for corrupt xz data (${decoderMessage(e)})`);
      return errStatus;
    }
  } else if (opts.has('J')) {
    fail(ctx, 'strata does not simulate the words for -J on data that is not xz');
    return errStatus;
  } else if (opts.has('z')) {
    if (gnu) {
      ctx.stderr('\ngzip: stdin: not in gzip format\n');
      fail(ctx, 'Child returned status 1');
      fail(ctx, 'Error is not recoverable: exiting now');
    } else {
      // busybox 1.35 unpacks in a child (open_transformer.c check_signature16: `invalid magic`),
      // whose pipe then gives the parent nothing: get_header_tar's `short read` at offset 0
      // (recorded: archive/tar-restore-streams)
      fail(ctx, 'invalid magic');
      fail(ctx, 'short read');
    }
    return errStatus;
  }
  let entries: TarEntry[];
  try {
    entries = readTar(data, carried);
  } catch (e) {
    if (e instanceof TarFormatError) {
      if (gnu) {
        fail(ctx, 'This does not look like a tar archive');
        exiting();
        return 2;
      }
      // busybox 1.35 get_header_tar: nothing at all to read is a `short read`; tar_main fails
      // when it saw no header (recorded: archive/tar-restore-streams)
      fail(ctx, e.message === 'empty archive' ? 'short read' : e.message);
      return 1;
    }
    throw e;
  }
  /** Where the member's name, bytes or size would show, a marked one is refused by name. */
  const shown = (e: TarEntry, name: string, size: boolean): void => {
    if (e.placeholder !== true) return;
    if (e.type === 'dir') throw placeholderListingRefusal(name);
    if (size) throw placeholderRefusal(name);
  };
  /** The server's directories archived marked: an operand under one may name a member strata does not know. */
  const markedDirs = entries.filter((e) => e.placeholder === true && e.type === 'dir').map((e) => memberName(e).replace(/^\/+/, ''));
  /**
   * A server's directory extracted (TarEntry.placeholder) gets the files strata does not know at
   * `dest`, as the real tar extracts them there: only into a directory with no names yet (made by
   * the extraction, or found empty), where none can meet a name already there
   * (Vfs.markCopyIncomplete refuses where one could fail to be made).
   */
  const carryUnknown = (dest: string, name: string, existed = true): void => {
    if (existed && ctx.fs.readdir(dest).length > 0) throw placeholderListingRefusal(name);
    ctx.fs.markCopyIncomplete(dest);
  };
  const out = new Out(ctx);
  let failed = false;
  let warnedSlash = false;
  const wanted = opts.operands.map((o) => o.replace(/\/+$/, ''));
  const found = new Set<string>();
  const selected = (name: string): boolean => {
    if (wanted.length === 0) return true;
    for (const w of wanted) {
      if (name === w || name.startsWith(w + '/')) {
        found.add(w);
        return true;
      }
    }
    return false;
  };
  const pw = passwd(ctx);
  const gr = groups(ctx);
  const dirTimes: { path: string; mtime: number; mode: number }[] = [];
  const asRoot = ctx.fs.uid === 0;
  let ugWidth = 19;
  const listLine = (e: TarEntry, name: string): string => {
    const kind = e.type === 'dir' ? 'dir' : e.type === 'symlink' ? 'symlink' : e.type === 'chardev' ? 'chardev' : 'file';
    let ms = modeString(kind, e.mode);
    // busybox lists a hard link with its target's file type (tar-and-cp probe: `-rw-r--r-- ... b -> a`)
    if (e.type === 'hardlink' && gnu) ms = 'h' + ms.slice(1);
    if (e.type === 'blockdev') ms = 'b' + ms.slice(1);
    if (e.type === 'fifo') ms = 'p' + ms.slice(1);
    // GNU tar's print_header shows the numbers under --numeric-owner (gnu tar src/list.c:
    // `... && !numeric_owner_option`); busybox's header_verbose_list always shows the names
    // (mirror/busybox@1_35_0:archival/libarchive/header_verbose_list.c; recorded: archive/backup-gzip-listing)
    const numeric = gnu && opts.has('NO');
    const user = (!numeric && e.uname) || String(e.uid);
    const group = (!numeric && e.gname) || String(e.gid);
    const size = e.type === 'chardev' || e.type === 'blockdev' ? `${e.devmajor ?? 0},${e.devminor ?? 0}` : String(e.data?.length ?? 0);
    const d = new Date(e.mtime * 1000);
    const p2 = (n: number): string => String(n).padStart(2, '0');
    const date = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
    let suffix = '';
    if (e.type === 'symlink') suffix = ` -> ${e.linkname ?? ''}`;
    if (e.type === 'hardlink') suffix = gnu ? ` link to ${e.linkname ?? ''}` : ` -> ${e.linkname ?? ''}`;
    if (gnu) {
      const ug = `${user}/${group}`;
      const pad = ug.length + 1 + size.length;
      if (pad > ugWidth) ugWidth = pad;
      return `${ms} ${ug} ${size.padStart(ugWidth - pad + size.length)} ${date} ${name}${suffix}`;
    }
    return `${ms} ${user}/${group} ${size.padStart(9)} ${date}:${p2(d.getUTCSeconds())} ${name}${suffix}`;
  };
  // busybox's bb_make_directory(dst_name's parent, FILEUTILS_RECUR) (ARCHIVE_CREATE_LEADING_DIRS):
  // each missing directory is made; one that cannot be (a file is there: EEXIST) is reported by
  // its path as far as it goes and the member is tried anyway (mirror/busybox@1_35_0:
  // libbb/make_directory.c; recorded: archive/backup-restore-merge)
  const leadingDirs = (rel: string): void => {
    const segs = rel.split('/');
    for (let i = 0; i < segs.length - 1; i++) {
      if (segs[i] === '' || segs[i] === '.') continue;
      const shown = segs.slice(0, i + 1).join('/');
      const cur = join(baseDir, shown);
      let st;
      try {
        st = ctx.fs.stat(cur);
      } catch (err) {
        if (!(err instanceof FsError)) throw err;
        if (err.code !== 'ENOENT') {
          fail(ctx, `can't create directory '${shown}': ${errText(err)}`);
          return;
        }
      }
      if (st !== undefined && st.kind === 'dir') continue;
      if (st !== undefined) {
        fail(ctx, `can't create directory '${shown}': ${errText(new FsError('EEXIST', cur))}`);
        return;
      }
      try {
        ctx.fs.mkdir(cur, 0o777);
      } catch (err) {
        if (!(err instanceof FsError)) throw err;
        fail(ctx, `can't create directory '${shown}': ${errText(err)}`);
        return;
      }
    }
  };
  for (const e of entries) {
    let name = memberName(e);
    // GNU tar warns but lists a member by its name as stored (print_header shows
    // orig_file_name): `/`, `/bin/` in `docker cp C:/ - | tar -t` (recorded: cp/cp-root)
    const stored = name;
    if (name.startsWith('/') && !opts.has('P')) {
      if (!warnedSlash) {
        fail(ctx, gnu ? "Removing leading `/' from member names" : "removing leading '/' from member names");
        warnedSlash = true;
      }
      name = name.replace(/^\/+/, '');
      if (name === '' && !(gnu && mode === 't')) continue;
    }
    if (!selected(name.replace(/\/$/, ''))) continue;
    if (mode === 't') {
      // Neither lists stripped names: busybox strips only in data_extract_all
      // (mirror/busybox@1_35_0:archival/libarchive/data_extract_all.c), GNU shows the original
      // name unless --show-transformed-names (recorded: archive/backup-strip-mismatch)
      const shownAs = gnu ? stored : name;
      shown(e, shownAs, verbose > 0);
      out.line(verbose ? listLine(e, shownAs) : shownAs);
      continue;
    }
    // extract
    let rel = name.replace(/\/$/, '');
    if (strip > 0) {
      const parts = stripParts(rel);
      if (parts.length <= strip) {
        // busybox's header_list names the member before data_extract_all skips what the strip
        // leaves empty (`dbdata/` of `tar xvf backup.tar --strip 1`: recorded
        // archive/backup-docs-dbstore-ubuntu); GNU names only what it extracts
        if (!gnu && verbose && !opts.has('O')) {
          shown(e, name, verbose > 1);
          out.line(verbose > 1 ? listLine(e, name) : name);
        }
        // a server's directory stripped to nothing: its unknown files land in -C's directory
        // (one level less) or are stripped away too (more): only the first is known
        if (e.placeholder === true && !opts.has('O')) {
          if (parts.length < strip) throw placeholderListingRefusal(name);
          if (verbose) throw placeholderListingRefusal(name);
          carryUnknown(baseDir, name);
        }
        continue;
      }
      rel = parts.slice(strip).join('/');
    }
    if (components(rel).includes('..')) {
      fail(ctx, gnu ? `${name}: Member name contains '..'` : `skipping unsafe path '${name}'`);
      failed = true;
      continue;
    }
    if (verbose) shown(e, name, verbose > 1 && !opts.has('O'));
    if (verbose && !opts.has('O')) out.line(verbose > 1 ? listLine(e, name) : name);
    else if (verbose && opts.has('O')) ctx.stderr(name + '\n');
    if (opts.has('O')) {
      if (e.type === 'file') {
        shown(e, name, true);
        out.write(e.data ?? '');
      }
      continue;
    }
    const dest = join(baseDir, rel);
    try {
      // parents
      if (gnu) {
        const parts = components(rel);
        let cur = baseDir;
        for (const part of parts.slice(0, -1)) {
          cur = join(cur, part);
          try {
            const st = ctx.fs.stat(cur);
            if (st.kind !== 'dir') throw new FsError('ENOTDIR', cur);
          } catch (err) {
            if (errCode(err) !== 'ENOENT') throw err;
            ctx.fs.mkdir(cur, 0o777);
          }
        }
      } else leadingDirs(rel);
      const perm = asRoot || opts.has('p') ? e.mode & 0o7777 : e.mode & 0o777 & ~ctx.fs.umask;
      const uid = opts.has('NO') ? e.uid : (pw.find((x) => x.name === e.uname)?.id ?? e.uid);
      const gid = opts.has('NO') ? e.gid : (gr.find((x) => x.name === e.gname)?.id ?? e.gid);
      let existing;
      try {
        existing = ctx.fs.lstatIfAny(dest);
      } catch {
        existing = undefined;
      }
      if (!gnu && e.type !== 'dir' && !opts.has('k')) {
        // busybox's ARCHIVE_UNLINK_OLD: unlink(2) what is there; any failure but ENOENT (a
        // directory: EISDIR, a file where a parent should be: ENOTDIR) ends the run
        // (data_extract_all: bb_perror_msg_and_die; recorded: archive/backup-restore-merge)
        let code: FsError['code'] | undefined;
        if (existing?.kind === 'dir') code = 'EISDIR';
        else if (existing === undefined) {
          try {
            ctx.fs.lstat(dest);
          } catch (err) {
            if (!(err instanceof FsError)) throw err;
            if (err.code !== 'ENOENT') code = err.code;
          }
        }
        if (code === undefined && existing !== undefined) {
          // the unlink itself can fail too: a read-only mount (EROFS; recorded:
          // archive/backup-volume-create-and-ro)
          try {
            ctx.fs.unlink(dest);
            existing = undefined;
          } catch (err) {
            if (!(err instanceof FsError)) throw err;
            code = err.code;
          }
        }
        if (code !== undefined) {
          fail(ctx, `can't remove old file ${rel}: ${errText(new FsError(code, dest))}`);
          out.flush();
          return 1;
        }
      }
      if (e.type === 'dir') {
        // busybox mkdirs and ignores EEXIST, whatever is there: a file in the way keeps its
        // content and gets the directory's mode, owner and time (data_extract_all S_IFDIR)
        if (gnu && existing && existing.kind !== 'dir') ctx.fs.unlink(dest);
        if (gnu ? !existing || existing.kind !== 'dir' : !existing) {
          if (gnu) ctx.fs.mkdir(dest, 0o700);
          else {
            // busybox data_extract_all: a directory it cannot make is reported, not fatal
            try {
              ctx.fs.mkdir(dest, 0o700);
            } catch (err) {
              if (!(err instanceof FsError)) throw err;
              // the server's files strata does not know would each fail too, by their names
              if (e.placeholder === true) throw placeholderListingRefusal(name);
              fail(ctx, `can't make dir ${rel}: ${errText(err)}`);
              continue;
            }
          }
        }
        if (gnu) {
          if (asRoot && !opts.has('o')) ctx.fs.chown(dest, uid, gid);
          // GNU tar sets a directory's mode and times once its entries are made (delay_set_stat)
          dirTimes.push({ path: dest, mtime: e.mtime, mode: perm });
        } else {
          // busybox's data_extract_all sets them when it makes the directory, so the entries
          // made in it afterwards leave its mtime at now (archive/tar-times, both engines); it
          // ignores what chown, chmod and utimes return, so a user extracting into a directory
          // not theirs (./ into /tmp or a volume root) goes on (archive/tar-nonroot-restore)
          if (asRoot && !opts.has('o')) ignoringFsErrors(() => ctx.fs.chown(dest, uid, gid));
          ignoringFsErrors(() => ctx.fs.chmod(dest, perm));
          if (!opts.has('m')) ignoringFsErrors(() => ctx.fs.utimes(dest, e.mtime));
        }
        if (e.placeholder === true) carryUnknown(dest, name, existing !== undefined);
        continue;
      }
      if (existing) {
        if (existing.kind === 'dir') ctx.fs.rmdir(dest);
        else if (opts.has('k')) {
          fail(ctx, gnu ? `${rel}: Cannot open: File exists` : `can't open '${rel}': File exists`);
          failed = true;
          continue;
        } else ctx.fs.unlink(dest);
      }
      if (e.type === 'symlink') {
        ctx.fs.symlink(e.linkname ?? '', dest);
        if (asRoot && !opts.has('o')) ctx.fs.chown(dest, uid, gid, true);
        // GNU tar's set_stat gives a symlink its own time (AT_SYMLINK_NOFOLLOW); busybox's
        // data_extract_all sets none, so it stays now (recorded: shell/symlink-times)
        if (gnu && !opts.has('m')) ctx.fs.utimes(dest, e.mtime, { noFollow: true });
        continue;
      }
      if (e.type === 'hardlink') {
        let target = e.linkname ?? '';
        target = target.replace(/^\/+/, '');
        if (strip > 0) target = stripParts(target).slice(strip).join('/');
        const tp = join(baseDir, target);
        ctx.fs.link(tp, dest);
        continue;
      }
      if (e.type === 'fifo') {
        // busybox data_extract_all and GNU tar: mknod of the FIFO with the member's mode
        // (recorded with busybox: fs/fifo-in-writable-layer); its owner and time are not recorded
        ctx.fs.mkfifo(dest, e.mode);
        ctx.fs.chmod(dest, e.mode);
        continue;
      }
      if (e.type !== 'file') {
        // devices cannot be created in the simulation: skip them quietly
        continue;
      }
      const placeholder = e.placeholder === true;
      const placeholderId = e.placeholderId;
      if (gnu) ctx.fs.writeFile(dest, e.data ?? '', { mode: 0o600, placeholder, placeholderId });
      else {
        // busybox xopen3: `can't open 'NAME': ...` ends the run (archive/tar-nonroot-restore)
        try {
          ctx.fs.writeFile(dest, e.data ?? '', { mode: 0o600, placeholder, placeholderId });
        } catch (err) {
          if (!(err instanceof FsError)) throw err;
          fail(ctx, `can't open '${rel}': ${errText(err)}`);
          out.flush();
          return 1;
        }
      }
      const settle = (f: () => void): void => (gnu ? f() : ignoringFsErrors(f));
      if (asRoot && !opts.has('o')) settle(() => ctx.fs.chown(dest, uid, gid));
      settle(() => ctx.fs.chmod(dest, perm));
      if (!opts.has('m')) settle(() => ctx.fs.utimes(dest, e.mtime));
    } catch (err) {
      if (!(err instanceof FsError)) throw err;
      if (e.placeholder === true && e.type === 'dir') throw placeholderListingRefusal(name);
      if (gnu) fail(ctx, `${rel}: Cannot open: ${errText(err)}`);
      else fail(ctx, `can't create '${rel}': ${errText(err)}`);
      failed = true;
      if (!gnu) {
        out.flush();
        return 1;
      }
    }
  }
  for (const d of dirTimes.reverse()) {
    try {
      ctx.fs.chmod(d.path, d.mode);
      if (!opts.has('m')) ctx.fs.utimes(d.path, d.mtime);
    } catch {
      // ignore
    }
  }
  out.flush();
  for (const w of wanted) {
    // an operand under a server's directory may name one of its files strata does not know
    if (!found.has(w) && markedDirs.some((d) => w.replace(/^\/+/, '').startsWith(d))) throw placeholderListingRefusal(w);
    if (!found.has(w)) {
      fail(ctx, gnu ? `${w}: Not found in archive` : `${w}: not found in archive`);
      failed = true;
    }
  }
  if (failed) {
    exiting();
    return errStatus;
  }
  return 0;
};

/** Run f, ignoring a file system error as C code does that never looks at what a call returns. */
function ignoringFsErrors(f: () => void): void {
  try {
    f();
  } catch (err) {
    if (!(err instanceof FsError)) throw err;
  }
}

/** A decoder's complaint (Bzip2Error, XzError); anything else is a bug and goes on up. */
function decoderMessage(e: unknown): string {
  if (e instanceof Bzip2Error || e instanceof XzError) return e.message;
  throw e;
}

/**
 * A member name's components as --strip-components counts them: `.` is one (`./sub/b` less one
 * is `sub/b`), as busybox's data_extract_all steps from slash to slash and GNU's
 * stripped_prefix_len does (recorded: archive/backup-strip-mismatch).
 */
function stripParts(name: string): string[] {
  return name.split('/').filter((p) => p !== '');
}

/**
 * Whether a placeholder file is an archive this tar made of a server's files (its members marked,
 * TarEntry.placeholder; gzipped with -z): only such a one is read. Any other placeholder's bytes
 * are the stand-in's, not the real file's, so what tar would make of them is not known.
 */
function madeOfPlaceholders(data: string): boolean {
  try {
    const head = archiveHead(data, 2);
    const tarData = head.charCodeAt(0) === 0x1f && head.charCodeAt(1) === 0x8b ? gunzipBytes(data) : data;
    return readTar(tarData, true).some((e) => e.placeholder === true);
  } catch (e) {
    if (e instanceof TarFormatError || e instanceof GunzipError) return false;
    throw e;
  }
}
