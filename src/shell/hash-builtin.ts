// The `hash` builtin of each shell over its command hash table (command-hash.ts).
// bash 5.2 (builtins/hash.def): `hash` lists `hits\tcommand` then `%4d\t%s` per entry, or says
// `hash: hash table empty` (stdout, 0); `-r` empties the table; `-l` lists entries as `builtin hash
// -p PATH NAME` (nothing when empty); `-t NAME...` prints the kept paths (`NAME\tPATH` for several);
// `-d NAME...` forgets names; `-p PATH NAME` enters PATH with 0 hits; a NAME alone is searched
// again and entered with 0 hits (add_hashed_command); a name with a `/`, a function or a builtin
// is passed over. busybox ash and dash (hashcmd): `hash` lists each program's path, a `*` after
// one a `cd` marked; `-r` empties the table and ends there; a NAME is searched again (find_command
// with DO_ERR). Each name not found: `hash: NAME: not found`, status 1. Checked on this host's
// bash 5.2.15, dash 0.5.12 and busybox 1.35.0 (test/shell/command-hash.test.ts).

import { FsError, STRERROR } from '../fs/errors.ts';
import { join } from '../fs/path.ts';
import type { Fds } from './fds.ts';
import type { Shell } from './interpreter.ts';
import { BUILTINS } from './builtins.ts';
import { BUILTIN_APPLETS, bashPosix, hashes, lookupHashed } from './programs.ts';
import { ShellNotSimulated } from './types.ts';

export function hashBuiltin(sh: Shell, args: string[], fds: Fds): number {
  return sh.gnu ? bashHash(sh, args, fds) : ashHash(sh, args, fds);
}

function bashHash(sh: Shell, args: string[], fds: Fds): number {
  const flags = new Set<string>();
  let pathname: string | undefined;
  let i = 0;
  for (; i < args.length && args[i].startsWith('-') && args[i] !== '-'; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    for (let k = 1; k < a.length; k++) {
      const c = a[k];
      if (c === 'p') {
        pathname = k + 1 < a.length ? a.slice(k + 1) : args[++i];
        if (pathname === undefined) throw new ShellNotSimulated('strata does not simulate hash -p without a pathname');
        break;
      }
      if (!'dlrt'.includes(c)) throw new ShellNotSimulated(`strata does not simulate hash -${c}`);
      flags.add(c);
    }
  }
  const names = args.slice(i);
  const table = sh.commandHash;
  if (names.length === 0 && flags.has('t')) {
    sh.builtinError('hash', fds, '-t: option requires an argument');
    return 1;
  }
  if (names.length === 0 && !flags.has('r')) {
    const listed = table.listed(true, sh.sys.userland?.bashVersion?.startsWith('4.') === true);
    if (flags.has('l')) sh.write(fds, 1, listed.map(([name, e]) => `builtin hash -p ${e.path} ${name}\n`).join(''));
    // (not in posix mode: print_hashed_commands' caller checks posixly_correct)
    else if (listed.length === 0 && !bashPosix(sh)) sh.write(fds, 1, 'hash: hash table empty\n');
    else if (listed.length === 0) return 0;
    else sh.write(fds, 1, 'hits\tcommand\n' + listed.map(([, e]) => `${String(e.hits).padStart(4)}\t${e.path}\n`).join(''));
    return 0;
  }
  if (flags.has('r') && table.size > 0) sh.ownCommandHash().clear();
  let status = 0;
  if (flags.has('t')) {
    for (const name of names) {
      const e = sh.commandHash.get(name);
      if (e === undefined) {
        sh.builtinError('hash', fds, `${name}: not found`);
        status = 1;
        continue;
      }
      sh.ownCommandHash().hit(name);
      sh.write(fds, 1, flags.has('l') ? `builtin hash -p ${e.path} ${name}\n` : `${names.length > 1 ? `${name}\t` : ''}${e.path}\n`);
    }
    return status;
  }
  for (const name of names) {
    if (name.includes('/')) continue;
    if (pathname !== undefined) {
      if (isDirectory(sh, pathname)) {
        sh.builtinError('hash', fds, `${pathname}: ${STRERROR.EISDIR}`);
        status = 1;
      } else sh.ownCommandHash().set(name, pathname, -1, 0);
    } else if (flags.has('d')) {
      if (!sh.ownCommandHash().delete(name)) {
        sh.builtinError('hash', fds, `${name}: not found`);
        status = 1;
      }
    } else if (!sh.functions.has(name) && !BUILTINS.has(name) && !BUILTIN_APPLETS.has(name)) {
      // add_hashed_command: forgotten first (a new place in the listing), then searched
      sh.ownCommandHash().delete(name);
      const pathVar = sh.getVar('PATH');
      const found = hashes(sh, name, pathVar) ? lookupHashed(sh, name, pathVar, true) : undefined;
      if (found === undefined) {
        sh.builtinError('hash', fds, `${name}: not found`);
        status = 1;
      } else if (sh.commandHash.get(name) !== undefined) sh.ownCommandHash().set(name, found.path, found.index, 0);
    }
  }
  return status;
}

function ashHash(sh: Shell, args: string[], fds: Fds): number {
  let i = 0;
  if (args[0] === '--') i = 1;
  else if (args[0]?.startsWith('-') && args[0] !== '-') {
    if (/^-r+$/.test(args[0])) {
      if (sh.commandHash.size > 0) sh.ownCommandHash().clear();
      return 0;
    }
    throw new ShellNotSimulated(`strata does not simulate hash ${args[0]}`);
  }
  const names = args.slice(i);
  if (names.length === 0) {
    sh.write(fds, 1, sh.commandHash.listed(false).map(([, e]) => `${e.path}${e.rehash ? '*' : ''}\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const name of names) {
    const pathVar = sh.getVar('PATH');
    // a name with a `/`, a function, a builtin, one of busybox's applets: found, never entered
    if (!hashes(sh, name, pathVar) || sh.functions.has(name) || BUILTINS.has(name) || BUILTIN_APPLETS.has(name)) continue;
    if (sh.commandHash.get(name) !== undefined) sh.ownCommandHash().delete(name);
    if (lookupHashed(sh, name, pathVar, true) === undefined) {
      sh.builtinError('hash', fds, `${name}: not found`);
      status = 1;
    }
  }
  return status;
}

function isDirectory(sh: Shell, path: string): boolean {
  try {
    return sh.sys.fs.statIfAny(join(sh.cwd, path))?.kind === 'dir';
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    return false;
  }
}
