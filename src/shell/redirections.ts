// Redirections: `<`, `>`, `>|`, `>>`, `<>`, `<&`, `>&`, `&>`, here-documents, here-strings. Each command's redirections
// apply to a copy of its descriptor table (see fds.ts); files are opened (and `>` truncates) before
// the command runs, and the messages of a failed open are the shell's.

import { type Errno, FsError, STRERROR } from '../fs/errors.ts';
import { join } from '../fs/path.ts';
import type { Stat } from '../fs/vfs.ts';
import type { Redirect } from './ast.ts';
import { WriteError } from './control.ts';
import { DiscardSink, type Fd, type Fds, type Input, type Sink } from './fds.ts';
import type { Shell } from './interpreter.ts';
import { ShellLimitError, type FdDesc } from './types.ts';

/** Apply redirections on a copy of the table; undefined (after a message) when one fails. */
export function redirect(sh: Shell, redirs: Redirect[], fds: Fds): Fds | undefined {
  if (redirs.length === 0) return fds;
  const f: Fds = new Map(fds);
  for (const r of redirs) {
    if (r.heredoc) {
      // Wrapped in double quotes: no tilde expansion, no splitting.
      const text = sh.expandHereDoc({ parts: [{ kind: 'dq', parts: r.heredoc.body.parts }] }, f);
      if (text === undefined) return undefined;
      f.set(r.fd ?? 0, { kind: 'in', input: { data: text, pos: 0 } });
      continue;
    }
    if (r.op === '<<<') {
      // bash redir.c write_here_string: the word expanded as a here-document's body is (no
      // splitting, no globbing), and a newline after it
      f.set(r.fd ?? 0, { kind: 'in', input: { data: `${sh.expandStr(r.target, f)}\n`, pos: 0 } });
      continue;
    }
    const target = sh.expandStr(r.target, f);
    const input = r.op === '<' || r.op === '<&' || r.op === '<>';
    const fd = r.fd ?? (input ? 0 : 1);
    const opens = r.op === '<' || r.op === '<>' || r.op === '>' || r.op === '>|' || r.op === '>>' || r.op === '&>' || r.op === '&>>';
    // one stat serves both the /dev/fd check and the open
    const st = opens ? statTarget(sh, target) : undefined;
    const dupOf = st === undefined ? undefined : fdDevice(st);
    if (dupOf !== undefined) {
      // /dev/stdout, /proc/self/fd/N and symlinks to them are the shell's own descriptors.
      const src = f.get(dupOf);
      for (const to of r.op === '&>' || r.op === '&>>' ? [1, 2] : [fd]) {
        if (src) f.set(to, src);
        else f.delete(to);
      }
    } else if (r.op === '<' || r.op === '<>') {
      const input = openIn(sh, target, f, st);
      if (input === undefined) return undefined;
      f.set(fd, { kind: 'in', input });
    } else if (r.op === '&>' || r.op === '&>>') {
      // `&>file`: `>file 2>&1` (bash redir.c; busybox ash's bash compatibility); `&>>`: bash's `>>file 2>&1`
      const sink = openOut(sh, target, r.op === '&>>', f, st);
      if (!sink) return undefined;
      f.set(1, { kind: 'out', sink });
      f.set(2, { kind: 'out', sink });
    } else if (r.op === '>' || r.op === '>|' || r.op === '>>') {
      const sink = openOut(sh, target, r.op === '>>', f, st);
      if (!sink) return undefined;
      f.set(fd, { kind: 'out', sink });
    } else if (target === '-') {
      f.delete(fd);
    } else if (/^[0-9]+$/.test(target)) {
      const src = f.get(Number(target));
      if (!src) {
        sh.error(f, `${target}: Bad file descriptor`);
        return undefined;
      }
      f.set(fd, src);
    } else if (r.op === '>&' && r.fd === undefined) {
      // bash: `>&file` sends both stdout and stderr to the file.
      const sink = openOut(sh, target, false, f, statTarget(sh, target));
      if (!sink) return undefined;
      f.set(1, { kind: 'out', sink });
      f.set(2, { kind: 'out', sink });
    } else {
      sh.error(f, sh.gnu ? `${target}: ambiguous redirect` : `${target}: bad number`);
      return undefined;
    }
  }
  return f;
}

/** What a redirection target is (after symlinks); undefined when it does not exist (or is ''). */
function statTarget(sh: Shell, target: string): Stat | undefined {
  if (target === '') return undefined;
  try {
    return sh.sys.fs.statIfAny(join(sh.cwd, target));
  } catch (e) {
    if (e instanceof FsError) return undefined;
    throw e;
  }
}

/** The descriptor number when the target is a /proc/self/fd/N device. */
function fdDevice(st: Stat): number | undefined {
  if (st.kind !== 'chardev') return undefined;
  const m = /^fd(\d)$/.exec(st.device ?? '');
  return m ? Number(m[1]) : undefined;
}

function openIn(sh: Shell, target: string, f: Fds, st: Stat | undefined): Input | undefined {
  try {
    if (target === '') throw new FsError('ENOENT', target);
    // `< dir` opens (O_RDONLY on a directory is allowed); the reads fail later (fds.ts Input).
    if (st?.kind === 'dir') return { data: '', pos: 0, directory: true };
    return { data: sh.sys.fs.readFile(join(sh.cwd, target), sh.sys.budget.maxBytes + 1), pos: 0 };
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    sh.error(f, sh.gnu ? `${target}: ${STRERROR[e.code]}` : sh.dash ? `cannot open ${target}: ${ashErrmsg(e.code, 'No such file')}` : `can't open ${target}: ${ashErrmsg(e.code, 'no such file')}`);
    return undefined;
  }
}

/**
 * Open for writing before the command runs (`>` truncates now). `st`: what the target is now
 * (statTarget). Like a real descriptor, each open has its own offset: `>` writes where its own
 * last write ended (over what another descriptor of the same file wrote there, after a hole of
 * zero bytes if the file was truncated below it), `>>` always at the end (O_APPEND).
 * `{ echo b > g; echo c; } > g` leaves `c`.
 */
function openOut(sh: Shell, target: string, append: boolean, f: Fds, st: Stat | undefined): Sink | undefined {
  const path = join(sh.cwd, target);
  try {
    if (target === '') throw new FsError('ENOENT', target);
    // Opening checks writability (EROFS) even for >> on an existing file, like open(2).
    // a device opens without a write, but /dev/tty needs a controlling terminal to open (ENXIO),
    // and another process's /proc/PID/fd/N the ptrace access check (EACCES: fs/node.ts DeviceNode)
    if (st?.kind !== 'chardev' || st.device === 'tty' || st.device === 'init1' || st.device === 'init2') sh.fs.writeFile(path, '', { append });
    return fileSink(sh, path, target, append, 0, st);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    sh.error(f, sh.gnu ? `${target}: ${STRERROR[e.code]}` : sh.dash ? `cannot create ${target}: ${ashErrmsg(e.code, 'Directory nonexistent')}` : `can't create ${target}: ${ashErrmsg(e.code, 'nonexistent directory')}`);
    return undefined;
  }
}

/** The write end of a file opened at `path` (`st`: what it was at the open), its offset at `start`. */
function fileSink(sh: Shell, path: string, target: string, append: boolean, start: number, st: Stat | undefined): Sink {
  const fs = sh.fs;
  const max = sh.sys.budget.maxBytes;
  const device = st?.kind === 'chardev';
  let offset = start;
  const write = (d: string): void => {
    if (d === '') return;
    try {
      if (device) {
        fs.writeFile(path, d, { append: true });
        return;
      }
      const current = fs.stat(path).size;
      const at = append ? current : offset;
      if (at + d.length > max) throw new ShellLimitError(`file ${target} exceeded the size limit (${max} bytes)`);
      if (at === current) fs.writeFile(path, d, { append: true });
      else {
        // Another descriptor moved the end: write in place (or past a hole), as pwrite would.
        const old = fs.readFile(path);
        fs.writeFile(path, old.slice(0, at).padEnd(at, '\0') + d + old.slice(at + d.length));
      }
      offset = at + d.length;
    } catch (e) {
      if (e instanceof FsError) throw new WriteError(e.code);
      throw e;
    }
  };
  const file = (): { path: string; target: string; append: boolean; offset: number } => ({ path, target, append, offset });
  return st?.kind === 'chardev' && st.device === 'null' ? new DiscardSink(sh.sys.budget, write, file) : { write, file };
}

/**
 * A descriptor table as plain data (a shell that sleeps keeps it, types.ts FdDesc): what `f` has
 * that `outer` (the table it was made from) does not. Undefined when a descriptor cannot be kept
 * (a pipe or a captured output: never in the main shell of a process, where sleeps are kept).
 */
export function describeFds(f: Fds, outer: Fds): FdDesc[] | undefined {
  const out: FdDesc[] = [];
  for (const n of outer.keys()) if (!f.has(n)) out.push({ fd: n, kind: 'closed' });
  const seen = new Map<Fd, number>();
  for (const [n, d] of f) {
    if (outer.get(n) === d) continue;
    const mine = seen.get(d);
    const theirs = mine === undefined ? [...outer].find(([, o]) => o === d)?.[0] : undefined;
    if (mine !== undefined) out.push({ fd: n, kind: 'same', as: mine });
    else if (theirs !== undefined) out.push({ fd: n, kind: 'outer', as: theirs });
    else if (d.kind === 'in') out.push({ fd: n, kind: 'in', data: d.input.data, pos: d.input.pos, ...(d.input.directory ? { directory: true as const } : {}) });
    else if (d.sink.file) out.push({ fd: n, kind: 'file', ...d.sink.file() });
    else return undefined;
    seen.set(d, n);
  }
  return out;
}

/** Open again what describeFds kept, over `outer`: files at their offsets (nothing is truncated again). */
export function reopenFds(sh: Shell, desc: readonly FdDesc[], outer: Fds): Fds {
  if (desc.length === 0) return outer;
  const f: Fds = new Map(outer);
  for (const d of desc) {
    if (d.kind === 'closed') f.delete(d.fd);
    else if (d.kind === 'same') f.set(d.fd, f.get(d.as)!);
    else if (d.kind === 'outer') {
      const o = outer.get(d.as);
      if (o) f.set(d.fd, o);
    } else if (d.kind === 'in') f.set(d.fd, { kind: 'in', input: { data: d.data, pos: d.pos, ...(d.directory ? { directory: true as const } : {}) } });
    else f.set(d.fd, { kind: 'out', sink: fileSink(sh, d.path, d.target, d.append, d.offset, statTarget(sh, d.path)) });
  }
  return f;
}

/**
 * ash's wording of a failed open (its `errmsg()`): a missing path (ENOENT, ENOTDIR) gets the
 * operation's own phrase (`nonexistent directory` when creating, `no such file` when reading),
 * anything else strerror. dash's errmsg() has its own phrases (dash 0.5.12 error.c: "No such file"
 * for E_OPEN, "Directory nonexistent" for E_CREAT; redir.c "cannot open %s: %s", "cannot create %s: %s").
 */
export function ashErrmsg(code: Errno, missing: string): string {
  return code === 'ENOENT' || code === 'ENOTDIR' ? missing : STRERROR[code];
}
