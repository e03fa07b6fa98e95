// The servers whose stand-ins write data files strata does not know (src/fs/node.ts
// `placeholder`): which scripts are their own programs, and which of the directories they fill
// hold names of the real server's that the stand-in does not make. docs/compat.md ("The servers'
// data files") says what a user sees.

import { toBytes } from '../../fs/bytes.ts';
import { catalogData } from './contexts.generated.ts';
import { registerMemo } from '../../engine/memos.ts';
import type { StandInRules } from '../../fs/vfs.ts';

/**
 * The repositories whose stand-ins stand for a server that writes data files of its own (a
 * database's, WordPress's copy of itself), whose bytes and sizes strata does not know.
 */
export const DATA_SERVERS: ReadonlySet<string> = new Set(['postgres', 'mysql', 'mariadb', 'mongo', 'redis', 'wordpress']);

let programs: Map<string, string[]> | undefined;
registerMemo(() => (programs = undefined));

/** programEntries() as the bundle's build wrote it (src/cli/stand-ins.ts), or undefined. */
let builtPrograms: (() => [string, string[]][] | undefined) | undefined;

/**
 * Where to read programEntries() as the build computed it: the bundle reads it instead of every
 * context's texts (dist/catalog-blobs.json, ~550 KB parsed) and their bytes (toBytes of ~220 KB)
 * at the first program a container runs (~2 % of checking a tutorial page).
 */
export function useBuiltPrograms(read: (() => [string, string[]][] | undefined) | undefined): void {
  builtPrograms = read;
  programs = undefined;
}

/**
 * Each `#!` text of the DATA_SERVERS' contexts, as bytes, with the repositories that have it; none
 * that another repository has too (the shared `bash`, `unsimulated`).
 */
export function programEntries(): [string, string[]][] {
  const { blobs, images } = catalogData();
  const byText = new Map<string, Set<string>>();
  const others = new Set<string>();
  for (const e of images) {
    for (const f of e.files) {
      const text = blobs[f.blob];
      if (!text.startsWith('#!')) continue;
      if (!DATA_SERVERS.has(e.repository)) others.add(text);
      else byText.set(text, (byText.get(text) ?? new Set()).add(e.repository));
    }
  }
  return [...byText].filter(([text]) => !others.has(text)).map(([text, repos]) => [toBytes(text), [...repos]]);
}

function programTexts(): Map<string, string[]> {
  programs ??= new Map(builtPrograms?.() ?? programEntries());
  return programs;
}

/** The image's own variables that say which server a container of it is (each stand-in's Dockerfile, from the real one). */
const SERVER_ENV: readonly [string, string][] = [
  ['PG_MAJOR', 'postgres'],
  ['MARIADB_VERSION', 'mariadb'],
  ['MYSQL_VERSION', 'mysql'],
  ['MONGO_VERSION', 'mongo'],
  ['REDIS_VERSION', 'redis'],
];

/**
 * The server whose stand-in's program `bytes` is (an entrypoint, `psql`, `redis-cli`: a `#!` file
 * of its context, wherever it lies in a container: `cp postgres initdb` makes more), or
 * undefined. mysql's client serves mariadb too (catalog.json sharedFiles): the process's
 * environment tells which.
 */
export function serverOfProgram(bytes: string, env: Readonly<Record<string, string>>): string | undefined {
  const repos = programTexts().get(bytes);
  if (repos === undefined) return undefined;
  if (repos.length === 1) return repos[0];
  return SERVER_ENV.find(([name, repo]) => env[name] !== undefined && repos.includes(repo))?.[1] ?? repos[0];
}

/**
 * The directories a server fills with names its stand-in does not all make, as rules on a
 * directory's path in the container (its last components) and whether the stand-in made it
 * (`made`) or only adds names to it (a data directory that was there, a volume's root): listing
 * one is refused by name (src/fs/node.ts DirNode.placeholder). What a stand-in makes in the others
 * is what the real server has there.
 *
 * - postgres: initdb's tree (src/bin/initdb/initdb.c subdirs[]) is the stand-in's. The real
 *   cluster's files are not: global/ and base/<oid>/ hold every catalog's relation files and
 *   forks (pg_filenode.map, pg_internal.init, 1259_fsm ...), pg_wal/ the first segment
 *   (000000010000000000000001), pg_xact/, pg_subtrans/, pg_multixact/members/ and offsets/ their
 *   SLRU segments (0000), pg_logical/ replorigin_checkpoint, pg_stat/ and pg_stat_tmp/ the
 *   statistics files a start or stop writes; before 15 template0 and postgres had OIDs initdb
 *   assigns (base/1 and two others), from 15 fixed at 4 and 5 (src/include/catalog/pg_database.dat).
 * - mysql: mysql/ (its CSV logs and the tables' .sdi files), performance_schema/ (one .sdi per
 *   table), #innodb_redo/ (the #ib_redoN files innodb_redo_log_capacity divides into 32) and
 *   #innodb_temp/ (temp_1.ibt ... temp_10.ibt); a database of the user's holds its tables' .ibd.
 * - mariadb: mysql/ (the system tables' .frm, .MAI, .MAD, .ibd) and sys/ (the sys schema's views).
 * - mongo: every directory of its dbpath: WiredTiger's files are named with random numbers
 *   (collection-0-<random>.wt) on a real install, and its journal/ and diagnostic.data/ fill as it runs.
 * - wordpress: wp-admin/, wp-includes/ and wp-content/'s plugins/ and themes/ (and what they
 *   hold) of WordPress's tarball, of which the stand-in copies a skeleton (catalog/wordpress/SOURCES.md).
 */
function incompleteDirs(server: string, env: Readonly<Record<string, string>>): (path: string, made: boolean) => boolean {
  const last = (path: string, n: number): string => path.split('/').slice(-n).join('/');
  switch (server) {
    case 'postgres': {
      const before15 = Number(env.PG_MAJOR) < 15;
      return (path, made) =>
        made &&
        (['global', 'pg_wal', 'pg_xact', 'pg_subtrans', 'pg_logical', 'pg_stat', 'pg_stat_tmp'].includes(last(path, 1)) ||
        ['pg_multixact/members', 'pg_multixact/offsets'].includes(last(path, 2)) ||
        /(^|\/)base\/\d+$/.test(path) ||
          (before15 && last(path, 1) === 'base'));
    }
    case 'mysql':
      return (path, made) => made && ['mysql', 'performance_schema', '#innodb_redo', '#innodb_temp'].includes(last(path, 1));
    case 'mariadb':
      return (path, made) => made && ['mysql', 'sys'].includes(last(path, 1));
    case 'mongo':
      return () => true;
    case 'wordpress':
      // (wp-content/plugins/ and themes/ also where the image made them empty, /var/www/html's,
      // which the copy fills: the tarball's themes are not the skeleton's)
      return (path, made) => (made && ['wp-admin', 'wp-includes'].includes(last(path, 1))) || /\/wp-content\/(plugins|themes)(\/|$)/.test(path);
    default:
      return () => false;
  }
}

/**
 * The files of WordPress's tree that the wordpress stand-in has with their real contents
 * (catalog/wordpress/SOURCES.md): the Dockerfile's `.htaccess` and docker-library's
 * `wp-config-docker.php`, shipped as they are; its entrypoint's copies of them are exact too. The
 * rest of /usr/src/wordpress is a skeleton of WordPress's tarball (empty files, a few of its
 * directories' names), which the image holds as it is: not placeholders (a stand-in's build makes
 * no placeholder), only the entrypoint's copy is.
 */
const WORDPRESS_REAL = ['.htaccess', 'wp-config-docker.php'];

/**
 * The files a server's stand-in writes with the real server's bytes, so that they are no
 * placeholders: postgres' PG_VERSION, in the data directory and in each database's directory,
 * holds the major version and a newline (src/bin/initdb/initdb.c write_version_file:
 * `PG_MAJORVERSION "\n"`; src/backend/commands/dbcommands.c CreateDirAndVersionFile), which the
 * stand-in writes as `$PG_MAJOR` (the image's ENV, from the real Dockerfile). Before 15 the
 * stand-in's base/4 and base/5 are not the real databases' directories (see incompleteDirs).
 */
function exactFiles(server: string, env: Readonly<Record<string, string>>): (path: string) => boolean {
  if (server === 'wordpress') return (path) => WORDPRESS_REAL.some((name) => path.endsWith(`/${name}`));
  if (server !== 'postgres') return () => false;
  const before15 = Number(env.PG_MAJOR) < 15;
  return (path) => path.endsWith('/PG_VERSION') && !(before15 && /\/base\/[45]\/PG_VERSION$/.test(path));
}

/**
 * The files a server's stand-in makes where the real server binds a Unix socket, which are sockets
 * in a normal install (fs/node.ts SocketNode.standIn): postgres' `.s.PGSQL.<port>` in its socket
 * directory (src/include/libpq/pqcomm.h UNIXSOCK_PATH: `%s/.s.PGSQL.%d`), mysqld's and MariaDB's
 * `socket` (mysqld.sock) and MySQL's X plugin socket (mysqlx.sock), mongod's
 * `/tmp/mongodb-<port>.sock`; redis' stand-in makes none (no `unixsocket` by default).
 */
function socketFiles(server: string): (path: string) => boolean {
  if (server === 'postgres') return (path) => /\/\.s\.PGSQL\.\d+$/.test(path);
  if (server === 'mysql' || server === 'mariadb' || server === 'mongo') return (path) => path.endsWith('.sock');
  return () => false;
}

/** The rules of a server's stand-in (ShellEnvironment.standInRules). */
export function standInRules(server: string, env: Readonly<Record<string, string>>): StandInRules {
  return { incompleteDir: incompleteDirs(server, env), exactFile: exactFiles(server, env), socket: socketFiles(server) };
}
