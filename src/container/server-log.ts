// What a normal install's `docker logs` shows of the catalog's servers (postgres, nginx, redis,
// mysql, mariadb, httpd, mongo) beyond what their stand-ins print. The stand-ins print the servers' messages bare, byte for byte the
// same on strata and on the oracle's real engines (catalog/README.md), so the recordings, made on
// busybox (`--busybox-stand-ins`), keep them so. The real programs put a prefix before each
// message, and print lines the stand-ins leave out; this module says, line by line of the log as
// the json-file driver keeps it, what the real image's log holds there:
//
// - a line whose prefix is determined gets it, its time from strata's clock (the second the line
//   was logged; milliseconds .000: the real ones differ from run to run, see varying.ts);
// - a line, or a run of lines, whose text depends on what strata does not know (a PID the
//   kernel hands out, the host's kernel and CPUs, the compiler of the real build) is `unknown`,
//   with the words of the refusal: `docker logs` refuses by name to print it (never invents it);
// - a line the stand-in leaves out whose text and prefix are both determined (httpd's start-up
//   notices, mysqld 8.4's "MySQL Server - end.") is added, and so is the access log's line of a
//   request strata's clients made to nginx or httpd (network/http/web.ts records it).
//
// postgres (PostgreSQL's own source, REL_16 and the other majors the catalog has):
// - log_line_prefix defaults to '%m [%p] ' (src/backend/utils/misc/guc_tables.c) and %m is
//   "%Y-%m-%d %H:%M:%S.mmm %Z" in log_timezone (src/backend/utils/error/elog.c
//   setup_formatted_log_time); initdb sets log_timezone from the system's zone, Etc/UTC in the
//   images (the stand-in's initdb says "selecting default time zone ... Etc/UTC"), printed "UTC";
// - the server logs to stderr (log_destination 'stderr', logging_collector off), where the
//   entrypoint and initdb write to stdout: the lines move to stderr here;
// - [%p] is the PID of the process that logs. The entrypoint execs the server as PID 1
//   (docker-library/postgres docker-entrypoint.sh `exec "$@"` after gosu), so the postmaster's
//   own lines say [1]: "listening on ..." (src/backend/libpq/pqcomm.c ListenServerPort), "database
//   system is ready to accept connections", "received fast/smart shutdown request", "aborting any
//   active transactions" (src/backend/postmaster/postmaster.c), "database system is shut down"
//   (src/backend/utils/init/miscinit.c UnlinkLockFiles, the postmaster's last act), and the
//   FATAL "database files are incompatible with server" with its DETAIL (miscinit.c
//   ValidatePgVersion, from checkDataDir before the server locks its directory). The others
//   come from its children, whose PIDs depend on how many processes ran before them:
//   "shutting down" and "checkpoint starting: ..." (the checkpointer: access/transam/xlog.c
//   ShutdownXLOG, LogCheckpointStart), "database system was not properly shut down; automatic
//   recovery in progress" (the startup process), and every line of the entrypoint's temporary
//   server (started by pg_ctl, never PID 1);
// - the lines the stand-in leaves out (catalog/postgres/SOURCES.md, "Log lines") are unknown
//   where the real server prints them: "starting PostgreSQL <version> on x86_64-pc-linux-gnu,
//   compiled by gcc (...)" before the first "listening on" (the stand-in does not log it), "database
//   system was shut down at <time>" before "ready to accept connections" (a child), the
//   background worker's exit after the shutdown request (its PID), "checkpoint complete: ..."
//   (the checkpointer).
// nginx (nginx/nginx at release-1.31.3; the image's nginx.conf logs `error_log
// /var/log/nginx/error.log notice`, a link to /dev/stderr):
// - after the entrypoint's "Configuration complete; ready for start up", nginx's notices
//   ("YYYY/MM/DD HH:MM:SS [notice] 1#1: ...", src/core/ngx_log.c) name the host: `OS: Linux
//   <kernel>` and `getrlimit(RLIMIT_NOFILE): <limits>` (src/os/unix/ngx_posix_init.c
//   ngx_os_status), the compiler (`built by gcc ...`), and one `start worker process <PID>` per
//   CPU (`worker_processes auto`, src/os/unix/ngx_process_cycle.c): unknown as a whole;
// - a stop that nginx sees (SIGQUIT, SIGTERM: exit 0) logs its workers' exits, with their PIDs
//   (ngx_process_cycle.c ngx_reap_children): unknown as a whole; a kill (137) logs nothing.
// `--busybox-stand-ins` (the recordings) shows the stand-ins' lines as they are.

import type { AccessRecord, Container, EngineState, LogChunk } from '../engine/state.ts';
import { tablePeek } from '../engine/table.ts';
import { realBase } from '../image/real.ts';
import { containerFs } from './runtime-fs.ts';
import { FsError } from '../fs/errors.ts';

/** A line of a container's log as `docker logs` prints it. */
export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** The line with its newline (a partial entry without). */
  data: string;
  /** strata's clock when the log driver logged it (seconds). */
  at?: number;
  /** The main process's run it belongs to (0: the first start). */
  run: number;
  /** How that run ended: its exit status (undefined while it runs). */
  runStatus?: number;
  /** What the real line holds that strata does not know: the refusal's words (the line is not printed). */
  unknown?: string;
  /** A request the container's web server answered: its access log line is written here. */
  request?: AccessRecord;
}

/**
 * The log as the json-file driver keeps it: entries, each with its stream. moby's log copier
 * (daemon/logger/copier.go) reads each stream on its own and logs a line when its newline comes,
 * so a stream's unfinished line waits there while the other stream's lines are logged; what is
 * left of a line when the stream closes (the run ends: LogChunk.end) is logged then, as a partial
 * entry that `docker logs` prints as it is. A running container's unfinished lines are not in
 * the log yet: a detached interactive sh's prompt shows only once it stopped (recorded:
 * exec/interactive-shell-logs, both engines).
 */
export function logLines(chunks: readonly LogChunk[], running: boolean): LogLine[] {
  const out: LogLine[] = [];
  const open: { stdout: string; stderr: string } = { stdout: '', stderr: '' };
  let run = 0;
  const flush = (at: number | undefined): void => {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (open[stream] !== '') out.push({ stream, data: open[stream], at, run });
      open[stream] = '';
    }
  };
  let runStart = 0;
  for (const c of chunks) {
    if (c.end) {
      flush(c.at);
      // how the run ended, for the lines that follow a server's stop (container/server-log.ts)
      for (let i = runStart; i < out.length; i++) out[i].runStatus = c.status;
      run++;
      runStart = out.length;
      continue;
    }
    if (c.request !== undefined) {
      // a web server's access log line (container/server-log.ts writes it), logged whole
      out.push({ stream: c.stream, data: '', at: c.at, run, request: c.request });
      continue;
    }
    let rest = c.data;
    while (rest !== '') {
      const nl = rest.indexOf('\n');
      if (nl < 0) {
        open[c.stream] += rest;
        break;
      }
      out.push({ stream: c.stream, data: open[c.stream] + rest.slice(0, nl + 1), at: c.at, run });
      open[c.stream] = '';
      rest = rest.slice(nl + 1);
    }
  }
  if (!running) flush(chunks.at(-1)?.at);
  return out;
}

const PG_TEMP = "the PIDs of the processes that initialise the database (initdb's bootstrap backend, the entrypoint's temporary server), in the `[PID]` of their lines";
const PG_CHILD = "the PIDs of the server's startup process, checkpointer and background workers, in the `[PID]` of their lines";
// (the line is the server's PG_VERSION_STR, which the stand-in's `SELECT version()` gives for the
// catalog's builds, catalog/postgres/SOURCES.md; its server does not log it, and the stand-in's bytes
// are the oracle's, so the line stays out: a log with it has the PIDs above beside it anyway)
const PG_BUILD = '`starting PostgreSQL ...`, the real build\'s version line (`SELECT version()` in the stand-in), which the stand-in\'s server does not log';
const PG_CONFIG = 'the log line prefix of a server started with its own logging settings (time zone, log_line_prefix, destination)';
const NGINX_START =
  "nginx's start-up notices: `OS: Linux` with the host's kernel, `getrlimit(RLIMIT_NOFILE)` with the daemon's limits, `built by` the real build's compiler, and a `start worker process PID` line per CPU of the host";
const NGINX_ERROR = "nginx's [error] line for a request it refused or did not find (its worker's PID and the connection's number)";
const NGINX_STOP = "nginx's shutdown notices: its worker processes' exits, with their PIDs";

/** The postmaster's own messages (above): logged by PID 1 once the entrypoint exec'ed the server. */
const POSTMASTER = [
  /^listening on (IPv4|IPv6) address "/,
  /^listening on Unix socket "/,
  /^database system is ready to accept connections$/,
  /^received (fast|smart|immediate) shutdown request$/,
  /^aborting any active transactions$/,
  /^database system is shut down$/,
  /^database files are incompatible with server$/,
  /^The data directory was initialized by PostgreSQL version \S+, which is not compatible with this version /,
];

/**
 * Lines the stand-in prints on stdout that the real image writes to stderr (the stand-in keeps
 * one stream so that its log has one order): initdb's warnings and hints (postgres
 * src/common/logging.c pg_log_generic writes to stderr; 13's trust warning goes on for two more
 * lines, initdb.c of 13), the alpine shell's `sh: locale: not found`, and the entrypoint's
 * POSTGRES_HOST_AUTH_METHOD=trust warning between its two lines of 80 asterisks
 * (docker-entrypoint.sh docker_verify_minimum_env: `cat >&2`).
 */
const PG_STDERR = [
  /^initdb: (warning|hint): /,
  /^You can change this by editing pg_hba\.conf or using the option -A, or$/,
  /^--auth-local and --auth-host, the next time you run initdb\.$/,
  /^sh: locale: not found$/,
];
const STARS = '*'.repeat(80);

/** A server message as the stand-in prints it: `LOG:  text` (elog.c's severity, two spaces). */
const PG_MESSAGE = /^(LOG|WARNING|ERROR|FATAL|PANIC|NOTICE|DETAIL|HINT|STATEMENT):  (.*)\n?$/;

const SERVERS = ['postgres', 'nginx', 'redis', 'mysql', 'mariadb', 'httpd', 'mongo'] as const;
type Server = (typeof SERVERS)[number];

/** The catalog server a container runs, when a normal install shows its real prefixes. */
function serverOf(st: EngineState, c: Container): Server | undefined {
  if (st.busyboxStandIns === true) return undefined;
  const image = tablePeek(st.images, c.imageId);
  const ref = image === undefined ? undefined : realBase(st, image)?.facts.ref;
  const repo = ref?.split(':')[0];
  return SERVERS.find((s) => s === repo);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** postgres's %m in UTC at the second `t` (milliseconds .000). */
export function postgresTime(t: number): string {
  const d = new Date(t * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000 UTC`;
}

/** The log as the real image's would hold it (above); other containers' as they are. */
export function serverLogLines(st: EngineState, c: Container, all: readonly LogLine[]): LogLine[] {
  const server = serverOf(st, c);
  if (server === 'nginx') return nginxLines(st, c, all);
  if (server === 'httpd') return httpdLines(st, c, all);
  // the access records are nginx's and httpd's (with the oracle's stand-ins there are none)
  const lines = all.filter((l) => l.request === undefined);
  if (server === 'postgres') return postgresLines(c, lines);
  if (server === 'redis') return redisLines(st, c, lines);
  if (server === 'mysql' || server === 'mariadb') return mysqlLines(st, c, server, lines);
  if (server === 'mongo') return mongoLines(c, lines);
  return lines;
}

/** Each catalog server's programs, as its image's entrypoint or command names them. */
const SERVER_PROGRAMS: Readonly<Record<Server, readonly string[]>> = {
  postgres: ['postgres'],
  nginx: ['nginx'],
  redis: ['redis-server'],
  mysql: ['mysqld'],
  mariadb: ['mariadbd', 'mysqld'],
  httpd: ['httpd-foreground', 'httpd'],
  mongo: ['mongod'],
};

/**
 * Whether the container's main process is its catalog server (serverLogLines completes its lines
 * for an attached client): the image's own entrypoint with the image's command, or with arguments
 * its entrypoint hands the server (`-c ...`, `--appendonly yes`: docker-library's entrypoints put
 * the server before a first argument that starts with `-`), or the server program named. Another
 * program in a server's image (`docker run --rm redis:7 cat /etc/os-release`) prints as it writes.
 */
export function completesServerLog(st: EngineState, c: Container): boolean {
  const server = serverOf(st, c);
  if (server === undefined) return false;
  const image = tablePeek(st.images, c.imageId);
  const isServer = (program: string | undefined): boolean => program !== undefined && SERVER_PROGRAMS[server].includes(program.split('/').at(-1)!);
  const argv = [c.path, ...c.args];
  const ownEntrypoint = image !== undefined && JSON.stringify(c.config.Entrypoint ?? null) === JSON.stringify(image.config.Entrypoint ?? null) && (c.config.Entrypoint ?? []).length > 0;
  if (!ownEntrypoint) return isServer(argv[0]);
  const cmd = argv.slice((c.config.Entrypoint ?? []).length);
  const imageCmd = JSON.stringify(cmd) === JSON.stringify(image.config.Cmd ?? []);
  return imageCmd || cmd.length === 0 || cmd[0].startsWith('-') || isServer(cmd[0]);
}

/**
 * What a client attached to a catalog server's container (`docker run` without -d) prints of the
 * run whose entries start at `from`: the same lines `docker logs` shows of that run, since the
 * real server writes its prefixes itself and the client prints what it writes (moby's attach
 * streams the same stdout and stderr the log driver copies). Undefined outside a catalog server's
 * image (and with the oracle's stand-ins, whose recordings show the bare lines); `unknown`: the
 * refusal's words for lines strata does not know (not printed), as `docker logs` refuses them.
 */
export function attachedServerOutput(st: EngineState, c: Container, from: number, stderrDiscarded: boolean): { lines: LogLine[]; unknown?: string } | undefined {
  if (serverOf(st, c) === undefined) return undefined;
  // this run's entries: the runs before it end with an `end` entry each (logLines counts them)
  const run = c.logs.slice(0, from).filter((l) => l.end === true).length;
  // (a run that goes on is flushed too: an attached client prints an unfinished line as it comes)
  const lines = serverLogLines(st, c, logLines(c.logs, false)).filter((l) => l.run === run);
  const unknown = lines.filter((l) => l.unknown !== undefined && !(l.stream === 'stderr' && stderrDiscarded));
  if (unknown.length === 0) return { lines: lines.filter((l) => l.unknown === undefined) };
  return { lines: [], unknown: unknownWords(unknown) };
}

/** The refusal's words for lines strata does not know: each reason once, in order (`; ` between). */
export function unknownWords(lines: readonly LogLine[]): string {
  return [...new Set(lines.flatMap((l) => (l.unknown === undefined ? [] : l.unknown.split('; '))))].join('; ');
}

// The access log (network/http/web.ts records each request a stand-in's server answers): nginx's
// "main" format (nginx.conf: `$remote_addr - $remote_user [$time_local] "$request" $status
// $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"`), httpd's
// "common" (`%h %l %u %t \"%r\" %>s %b`, httpd.conf `CustomLog /proc/self/fd/1 common`; `-` for
// no body), on stdout, the time "[%d/%b/%Y:%H:%M:%S %z]" of strata's clock in UTC; the request
// line as the client sent it (curl, GNU wget and busybox wget send HTTP/1.1); an unknown client
// address is refused by name.
const ACCESS_CLIENT = "the client's address in the access log line of a request (a container on several networks or the host's network, another host name)";

/** "[%d/%b/%Y:%H:%M:%S +0000]" at the second `t`. */
function accessTime(t: number): string {
  const d = new Date(t * 1000);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

function accessLine(st: EngineState, c: Container, server: 'nginx' | 'httpd', l: LogLine): LogLine {
  const a = l.request!;
  const tz = (c.config.Env ?? []).some((e) => e.startsWith('TZ='));
  if (a.client === undefined || tz) return { ...l, stream: 'stdout', data: '', request: undefined, unknown: tz ? "the access log's time in a container given a time zone" : ACCESS_CLIENT };
  const request = `${a.method} ${a.target} HTTP/1.1`;
  const time = accessTime(l.at ?? st.clock);
  const data =
    server === 'nginx'
      ? `${a.client} - - [${time}] "${request}" ${a.status} ${a.bytes} "-" "${a.agent}" "-"\n`
      : `${a.client} - - [${time}] "${request}" ${a.status} ${a.bytes === 0 ? '-' : a.bytes}\n`;
  return { ...l, stream: 'stdout', data, request: undefined };
}

/**
 * One unknown entry standing for a run of real lines on `stream` (stderr unless said: postgres's,
 * nginx's, mysqld's log; redis logs to stdout): a run of unknowns on one stream is one entry.
 */
function pushUnknown(out: LogLine[], like: LogLine, why: string, stream: LogLine['stream'] = 'stderr'): void {
  const last = out.at(-1);
  if (last?.unknown !== undefined && last.run === like.run && last.stream === stream) {
    if (!last.unknown.includes(why)) last.unknown = `${last.unknown}; ${why}`;
    return;
  }
  out.push({ ...like, stream, data: '', unknown: why });
}

function postgresLines(c: Container, lines: readonly LogLine[]): LogLine[] {
  // a server started with its own logging settings prints other prefixes (or none)
  const configured =
    (c.config.Env ?? []).some((e) => /^(TZ|PGTZ)=/.test(e)) || c.args.some((a) => /log_line_prefix|log_timezone|log_destination|logging_collector|config_file/.test(a));
  const out: LogLine[] = [];
  // each start of the entrypoint initialises (initdb, a temporary server) or finds a database,
  // then execs the server
  let phase: 'final' | 'init' = 'init';
  let stars = false;
  let pending: string | undefined;
  let run = -1;
  // what the final server printed last in this run: to place the lines the stand-in leaves out
  let listening = false;
  let afterSocket = false;
  for (const l of lines) {
    if (l.run !== run) {
      run = l.run;
      phase = 'init';
      stars = false;
      pending = undefined;
      listening = false;
      afterSocket = false;
    }
    const text = l.data.replace(/\n$/, '');
    const waiting = /^(waiting for server to (?:start|shut down)\.\.\.\.)(.+)$/.exec(text);
    if (waiting !== null && l.stream === 'stdout') {
      // pg_ctl writes its dots to stdout and ` done` when the server is up (or down): one stdout
      // line the log driver logs when its newline comes, after the server's lines on stderr
      // (moby daemon/logger/copier.go); the stand-in prints the server's first line after the dots
      pending = waiting[1];
      pushUnknown(out, l, PG_TEMP);
      continue;
    }
    if (pending !== undefined && l.stream === 'stdout' && text === ' done') {
      out.push({ ...l, data: `${pending}${l.data}` });
      pending = undefined;
      continue;
    }
    if (text === 'PostgreSQL init process complete; ready for start up.' || text === 'PostgreSQL Database directory appears to contain a database; Skipping initialization') {
      phase = 'final';
      out.push(l);
      continue;
    }
    if (phase === 'init' && (text === STARS || stars || PG_STDERR.some((r) => r.test(text)))) {
      if (text === STARS) stars = !stars;
      out.push({ ...l, stream: 'stderr' });
      continue;
    }
    const m = PG_MESSAGE.exec(l.data);
    if (m === null) {
      out.push(l);
      continue;
    }
    if (phase === 'init') {
      pushUnknown(out, l, PG_TEMP);
      continue;
    }
    if (configured) {
      pushUnknown(out, l, PG_CONFIG);
      continue;
    }
    const message = m[2];
    const own = POSTMASTER.some((r) => r.test(message));
    if (!own) {
      // the startup process, the checkpointer: "shutting down", "checkpoint starting: ...", the recovery
      pushUnknown(out, l, PG_CHILD);
      continue;
    }
    if (message.startsWith('listening on') && !listening) {
      listening = true;
      pushUnknown(out, l, PG_BUILD);
    }
    if (message === 'database system is ready to accept connections' && afterSocket) pushUnknown(out, l, PG_CHILD);
    afterSocket = message.startsWith('listening on Unix socket');
    out.push({ ...l, stream: 'stderr', data: `${postgresTime(l.at ?? 0)} [1] ${l.data}` });
    // the logical replication launcher exits on a shutdown request (its PID in the line)
    if (message === 'aborting any active transactions' || message === 'received smart shutdown request') pushUnknown(out, l, PG_CHILD);
    if (message === 'database system is shut down') listening = false;
  }
  return out;
}

/** nginx's own command (the image's CMD), not `nginx -t` or another program. */
function runsNginx(c: Container): boolean {
  const [prog, ...rest] = c.args;
  return (prog === 'nginx' || prog === 'nginx-debug') && rest.every((a, i) => (i === 0 ? a === '-g' : !a.startsWith('-')));
}

function nginxLines(st: EngineState, c: Container, lines: readonly LogLine[]): LogLine[] {
  if (!runsNginx(c)) return lines.filter((l) => l.request === undefined);
  const out: LogLine[] = [];
  const started = new Set<number>();
  const ended = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    // a 403 or 404 first logs an [error] line (open() failed, directory index forbidden) with
    // the worker's PID and the connection's number (ngx_http_static_module.c, log_not_found on)
    if (l.request !== undefined && (l.request.status === 403 || l.request.status === 404)) pushUnknown(out, l, NGINX_ERROR);
    out.push(l.request === undefined ? l : accessLine(st, c, 'nginx', l));
    if (l.data === '/docker-entrypoint.sh: Configuration complete; ready for start up\n') {
      started.add(l.run);
      pushUnknown(out, l, NGINX_START);
    }
    const last = i === lines.length - 1 || lines[i + 1].run !== l.run;
    if (last && started.has(l.run) && !ended.has(l.run) && l.runStatus === 0) {
      ended.add(l.run);
      pushUnknown(out, l, NGINX_STOP);
    }
  }
  return out;
}

// redis (redis/redis src/server.c serverLogRaw at 7.4.1 and 8.0; the image's log goes to stdout,
// `logfile ""`): "%d:%c %s %c %s\n" with the PID, the role, the time ("%d %b %Y %H:%M:%S." and
// the milliseconds, in the server's local time: UTC in the images, which set no TZ), the level's
// character (".-*#": debug, verbose, notice, warning) and the message.
// - the PID is 1: the entrypoint execs the server (docker-library-redis docker-entrypoint.sh; the
//   server's own "Redis version=..., pid=1" line says so);
// - the role is C until initServer sets server.pid (`pid != server.pid`: the lines logged before
//   it, from "Redis is starting" to "Configuration loaded"), then M (a master);
// - a signal handler logs "%d:signal-handler (%ld) %s" with the Unix time in seconds
//   (serverLogRawFromHandler): "Received SIGTERM scheduling shutdown...";
// - the lines the stand-in leaves out (catalog/redis/SOURCES.md, "Log lines") are unknown where
//   the real server prints them: the host's memory warnings (linuxMemoryWarnings, before "Redis is
//   starting": `vm.overcommit_memory`, transparent huge pages), "Increased maximum number of open
//   files" and "monotonic clock: ..." (initServer, before "Running mode": the host's limits and
//   clock), the modules' lines of redis 8 (the entrypoint passes them as --loadmodule arguments;
//   before "Server initialized"), "RDB age"/"RDB memory usage" after "Loading RDB produced by",
//   and the load's duration after "Done loading RDB" ("DB loaded from disk: %.3f seconds");
// - a terminal (`-t`) shows the ASCII logo instead of "Running mode=..." (redisAsciiArt: stdout
//   is a tty), and another logfile, loglevel, syslog or always-show-logo setting, or a TZ, changes
//   the lines: unknown.

const REDIS_HOST = "redis's host-dependent lines: its memory warnings (`vm.overcommit_memory`, transparent huge pages), the open files limit and `monotonic clock: ...`";
const REDIS_MODULES = "the lines of redis 8's modules (`<bf> ...`, `<search> ...`, `Module '...' loaded from ...`: the image's module builds)";
const REDIS_LOAD = "redis's lines about the file it loads: `RDB age N seconds`, `RDB memory usage when created N Mb` and how long the load took";
const REDIS_CONFIG = 'the lines of a redis server started with its own logging settings (logfile, loglevel, syslog, the logo, a time zone, an include)';
const REDIS_OTHER = 'a redis line the stand-in prints differently from the real server';
// rdbSaveBackground and backgroundSaveDoneHandlerDisk (src/rdb.c at 7.4.1): the parent's
// "Background saving started by pid N", the child's "DB saved on disk" and "Fork CoW for RDB:
// ..." as N:C, then "Background saving terminated with success" when the child ends
const REDIS_BGSAVE =
  "redis's background save lines (`BGSAVE`): `Background saving started by pid N`, the saving child's own lines under its PID (`DB saved on disk`, `Fork CoW for RDB: ...`) and `Background saving terminated with success`";

/** The stand-in's bare messages that the real server logs, with their level: C (before initServer) or M. */
const REDIS_MESSAGES: readonly [RegExp, 'C' | 'M', '*' | '#'][] = [
  [/^oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo$/, 'C', '*'],
  [/^Redis version=\S+, bits=64, commit=00000000, modified=[01], pid=1, just started$/, 'C', '*'],
  [/^Configuration loaded$/, 'C', '*'],
  [/^Warning: no config file specified, using the default config\. /, 'C', '#'],
  [/^Fatal error, can't open config file '/, 'C', '#'],
  [/^Running mode=standalone, port=\d+\.$/, 'M', '*'],
  [/^Server initialized$/, 'M', '*'],
  [/^Loading RDB produced by version /, 'M', '*'],
  [/^Reading RDB base file on AOF loading\.\.\.$/, 'M', '*'],
  [/^RDB is base AOF$/, 'M', '*'],
  [/^Done loading RDB, keys loaded: \d+, keys expired: \d+\.$/, 'M', '*'],
  [/^(Creating|Opening) AOF (base|incr) file \S+ on server start$/, 'M', '*'],
  [/^Ready to accept connections tcp$/, 'M', '*'],
  [/^User requested shutdown\.\.\.$/, 'M', '*'],
  [/^Calling fsync\(\) on the AOF file\.$/, 'M', '*'],
  [/^Saving the final RDB snapshot before exiting\.$/, 'M', '*'],
  [/^DB saved on disk$/, 'M', '*'],
  [/^Redis is now ready to exit, bye bye\.\.\.$/, 'M', '#'],
];

/** The entrypoint's own words (docker-entrypoint.sh `echo`), printed as they are. */
const REDIS_ENTRYPOINT = [/^Starting Redis Server$/, /^Notice: Unknown file '/, /^Warning: cannot change (owner|mode) to '/];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** redis's time ("%d %b %Y %H:%M:%S.mmm") in UTC at the second `t` (milliseconds .000). */
export function redisTime(t: number): string {
  const d = new Date(t * 1000);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000`;
}

/** A logging directive that changes what the log holds (redis.conf's defaults leave it as it is). */
function redisLogSetting(name: string, value: string): boolean {
  const v = value.replace(/^(["'])(.*)\1$/, '$2').toLowerCase();
  switch (name.toLowerCase()) {
    case 'logfile':
      return v !== '';
    case 'loglevel':
      return v !== 'notice';
    case 'syslog-enabled':
    case 'always-show-logo':
      return v !== 'no';
    case 'include':
      return true;
    default:
      return false;
  }
}

/** The server's logging settings differ from the defaults, or cannot be read. */
function redisConfigured(st: EngineState, c: Container): boolean {
  if (c.config.Tty === true || (c.config.Env ?? []).some((e) => e.startsWith('TZ='))) return true;
  let args = [...c.args];
  if (args.length > 0 && (args[0].startsWith('-') || args[0].endsWith('.conf'))) args = ['redis-server', ...args];
  if (!/(^|\/)redis-server$/.test(args[0] ?? '')) return false;
  args = args.slice(1);
  if (args.length > 0 && !args[0].startsWith('-')) {
    const file = args.shift()!;
    let text: string;
    try {
      const path = file.startsWith('/') ? file : `${c.config.WorkingDir || '/data'}/${file}`;
      text = containerFs(st, c, { createMountpoints: false }).readFile(path);
    } catch (e) {
      if (e instanceof FsError) return false; // the server does not start: its error is the stand-in's
      throw e;
    }
    for (const line of text.split('\n')) {
      const m = /^\s*(\S+)\s*(.*?)\s*$/.exec(line);
      if (m !== null && !m[1].startsWith('#') && redisLogSetting(m[1], m[2])) return true;
    }
  }
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) continue;
    const [name, inline] = args[i].slice(2).split(/\s+(.*)/s);
    const value = inline ?? (args[i + 1] !== undefined && !args[i + 1].startsWith('--') ? args[i + 1] : '');
    if (redisLogSetting(name, value)) return true;
  }
  return false;
}

function redisLines(st: EngineState, c: Container, lines: readonly LogLine[]): LogLine[] {
  const configured = redisConfigured(st, c);
  const out: LogLine[] = [];
  let run = -1;
  let entrypoint = false;
  for (const l of lines) {
    if (l.run !== run) {
      run = l.run;
      entrypoint = false;
    }
    const text = l.data.replace(/\n$/, '');
    if (REDIS_ENTRYPOINT.some((r) => r.test(text))) {
      if (text === 'Starting Redis Server') entrypoint = true;
      out.push(l);
      continue;
    }
    // the stand-in's mark of a BGSAVE (catalog/redis/files/redis-server bgsaved_log)
    if (text === 'Background saving started') {
      pushUnknown(out, l, REDIS_BGSAVE, 'stdout');
      continue;
    }
    const signal = /^Received (SIGTERM|SIGINT) scheduling shutdown\.\.\.$/.exec(text);
    const known = REDIS_MESSAGES.find(([r]) => r.test(text));
    if (signal === null && known === undefined) {
      pushUnknown(out, l, REDIS_OTHER, 'stdout');
      continue;
    }
    if (configured) {
      pushUnknown(out, l, REDIS_CONFIG, 'stdout');
      continue;
    }
    // redis 8's binary says modified=1 (built with its modules' checkouts); its stand-in says so
    // only when started through the entrypoint
    if (/^Redis version=8\..*modified=0/.test(text)) {
      pushUnknown(out, l, REDIS_OTHER, 'stdout');
      continue;
    }
    if (text.startsWith('oO0OoO0OoO0Oo')) pushUnknown(out, l, REDIS_HOST, 'stdout');
    if (text.startsWith('Running mode=')) pushUnknown(out, l, REDIS_HOST, 'stdout');
    if (text === 'Server initialized' && entrypoint) pushUnknown(out, l, REDIS_MODULES, 'stdout');
    const at = l.at ?? 0;
    const data = signal !== null ? `1:signal-handler (${Math.floor(at)}) ${l.data}` : `1:${known![1]} ${redisTime(at)} ${known![2]} ${l.data}`;
    out.push({ ...l, data });
    if (text.startsWith('Loading RDB produced by version ') || text.startsWith('Done loading RDB')) pushUnknown(out, l, REDIS_LOAD, 'stdout');
  }
  return out;
}

// mysql and mariadb (docker-library/mysql and MariaDB/mariadb-docker docker-entrypoint.sh;
// mysql-server share/messages_to_error_log.txt and sql/log.cc; MariaDB sql/mysqld.cc):
// - the entrypoint's messages: mysql_log's `printf '%s [%s] [Entrypoint]: %s\n' "$dt" "$type"
//   "$text"` with `dt="$(date --rfc-3339=seconds)"`, the container's local time (UTC in the
//   images: "2026-12-31 00:00:01+00:00"); only the first line of a multi-line message has it;
// - mysqld (8.0 and later): "%sZ %u [%s] [MY-%06u] [%s] %s", the time in UTC (log_timestamps'
//   default) with microseconds, then the thread ID: 0 for the lines the server logs outside a
//   connection ("X Plugin ready for connections", "ready for connections", "Received SHUTDOWN
//   from user <via user signal>", "Shutdown complete", 8.4's and 9's "MySQL Server - end."
//   after it; real logs of the 8.0, 8.4 and 9 images), the connection's ID in "Received
//   SHUTDOWN from user root" (the entrypoint's mysqladmin: unknown);
// - mariadbd: "%d-%02d-%02d %2d:%02d:%02d %lu [%s] " (sql/mysqld.cc print_buffer_to_file: the
//   local time, the hour space-padded, the thread ID, 0 outside a connection), the second line
//   of "ready for connections.\nVersion: ..." bare;
// - the lines the stand-ins leave out are unknown where the real server prints them: the start's
//   ("starting as process N" / "Starting MariaDB ... as process N", InnoDB's, the TLS set-up's)
//   before the ready lines, MariaDB's InnoDB shutdown lines, and every line of `mysqld
//   --initialize` and of the entrypoint's temporary mysqld (its process ID, its connection's),
//   and mysql_tzinfo_to_sql's warnings after "Temporary server started." (some images print
//   `Warning: Unable to load '/usr/share/zoneinfo/...' as time zone. Skipping it.`, others not);
// - a TZ changes the entrypoint's times (and MariaDB's), and log settings in the arguments
//   (--log-error, --log-timestamps, ...) or in a configuration file the server reads change the
//   server's: unknown.

const MYSQL_TEMP = "the lines of mysqld --initialize and of the entrypoint's temporary server (`starting as process N`, InnoDB's, the connection's thread ID in `Received SHUTDOWN from user root`)";
const MYSQL_START = "the server's start-up lines before it is ready (`starting as process N`, InnoDB's initialisation, the certificates and TLS set-up, the pid file's warning)";
const MARIADB_START = "the server's start-up lines before it is ready (`Starting MariaDB ... as process N`, InnoDB's buffer pool, log sequence number and tablespaces, the plugins)";
const MARIADB_STOP = "InnoDB's shutdown lines (the buffer pool dump, the log sequence number and transaction ID)";
const MARIADB_END = "whether `Shutdown complete` is followed by an empty line (the message's own newline, which depends on the MariaDB version)";
const MYSQL_TZINFO = "mysql_tzinfo_to_sql's `Warning: Unable to load '/usr/share/zoneinfo/...' as time zone. Skipping it.` lines (they depend on the image's tzdata)";
const MYSQL_END = "the lines after `Shutdown complete` of this MySQL version";
const MYSQL_CONFIG = 'the lines of a server or entrypoint started with its own logging settings (a time zone, --log-error, --log-timestamps, a configuration file that sets them)';
const MYSQL_OTHER = 'a server line the stand-in prints differently from the real server';

/** mysqld's lines the stand-in prints that the real server logs as thread 0 (outside a connection). */
const MYSQL_THREAD0 = [
  /^\[System\] \[MY-011323\] \[Server\] X Plugin ready for connections\. /,
  /^\[System\] \[MY-010931\] \[Server\] \/usr\/sbin\/mysqld: ready for connections\. /,
  /^\[System\] \[MY-013172\] \[Server\] Received SHUTDOWN from user <via user signal>\. /,
  /^\[System\] \[MY-010910\] \[Server\] \/usr\/sbin\/mysqld: Shutdown complete /,
];

/** A configuration file the images' servers read (mysql: /etc/my.cnf, 8.0 /etc/mysql/my.cnf; both: conf.d). */
const MYSQL_CONFIG_DIRS = ['/etc/mysql/conf.d', '/etc/mysql/mariadb.conf.d'];
const MYSQL_LOG_SETTING = /^\s*(log[-_]error|log[-_]timestamps|log[-_]warnings|log[-_]error[-_]verbosity|log[-_]error[-_]services|syslog|console)\b/m;

function mysqlConfigured(st: EngineState, c: Container): { entrypoint: boolean; server: boolean } {
  const tz = (c.config.Env ?? []).some((e) => e.startsWith('TZ='));
  const args = c.args.some((a) => /^--(log[-_]error|log[-_]timestamps|log[-_]warnings|syslog|defaults[-_](extra[-_])?file|console)/.test(a));
  let files = false;
  try {
    const fs = containerFs(st, c, { createMountpoints: false });
    const texts: string[] = [];
    for (const dir of MYSQL_CONFIG_DIRS) if (fs.exists(dir)) for (const name of fs.readdir(dir)) if (name.endsWith('.cnf')) texts.push(fs.readFile(`${dir}/${name}`));
    files = texts.some((t) => MYSQL_LOG_SETTING.test(t));
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    files = true;
  }
  return { entrypoint: tz, server: args || files };
}

/** `date --rfc-3339=seconds` in UTC at the second `t`. */
export function rfc3339Seconds(t: number): string {
  const d = new Date(t * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+00:00`;
}

/** mysqld's time in UTC at the second `t`, microseconds .000000. */
export function mysqlTime(t: number): string {
  const d = new Date(t * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000000Z`;
}

/** mariadbd's time (its local time, UTC in the image) at the second `t`: the hour space-padded. */
export function mariadbTime(t: number): string {
  const d = new Date(t * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${String(d.getUTCHours()).padStart(2, ' ')}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function mysqlLines(st: EngineState, c: Container, server: 'mysql' | 'mariadb', lines: readonly LogLine[]): LogLine[] {
  const configured = mysqlConfigured(st, c);
  const version = (c.config.Env ?? []).find((e) => e.startsWith('MYSQL_VERSION='))?.slice('MYSQL_VERSION='.length) ?? '';
  // 8.4 and 9 log "MySQL Server - end." (MY-015016) after "Shutdown complete"; 8.0 does not
  const end: 'none' | 'line' | 'unknown' = /^8\.0\./.test(version) ? 'none' : /^(8\.4|9)\./.test(version) ? 'line' : 'unknown';
  const out: LogLine[] = [];
  let run = -1;
  let init = false;
  // mysql_tzinfo_to_sql's warnings come after the temporary server started (and the socket link)
  let tzinfo = false;
  const skipTz = (c.config.Env ?? []).some((e) => /^MYSQL_INITDB_SKIP_TZINFO=./.test(e));
  for (const l of lines) {
    if (l.run !== run) {
      run = l.run;
      init = false;
      tzinfo = false;
    }
    const text = l.data.replace(/\n$/, '');
    const at = l.at ?? 0;
    if (tzinfo) {
      tzinfo = false;
      if (/^'\/var\/lib\/mysql\/mysql\.sock' -> /.test(text)) {
        out.push(l);
        pushUnknown(out, l, MYSQL_TZINFO);
        continue;
      }
      pushUnknown(out, l, MYSQL_TZINFO);
    }
    if (/^\[(Note|Warn|ERROR)\] \[Entrypoint\]: /.test(text)) {
      if (server === 'mysql' && init && !skipTz && text === '[Note] [Entrypoint]: Temporary server started.') tzinfo = true;
      if (/\[Entrypoint\]: Initializing database files$/.test(text)) init = true;
      if (/\[Entrypoint\]: (MySQL|MariaDB) init process done\. Ready for start up\.$/.test(text)) init = false;
      if (configured.entrypoint) pushUnknown(out, l, MYSQL_CONFIG, l.stream);
      else out.push({ ...l, data: `${rfc3339Seconds(at)} ${l.data}` });
      continue;
    }
    const mysqlServer = server === 'mysql' && /^\[(System|Warning|ERROR|Note)\] \[MY-\d{6}\] /.test(text);
    const mariadbServer = server === 'mariadb' && /^\[(Note|Warning|ERROR)\] /.test(text);
    if (!mysqlServer && !mariadbServer) {
      out.push(l);
      continue;
    }
    if (configured.server || (server === 'mariadb' && configured.entrypoint)) {
      pushUnknown(out, l, MYSQL_CONFIG);
      continue;
    }
    if (server === 'mysql') {
      if (init) {
        pushUnknown(out, l, MYSQL_TEMP);
        continue;
      }
      if (!MYSQL_THREAD0.some((r) => r.test(text))) {
        pushUnknown(out, l, MYSQL_OTHER);
        continue;
      }
      if (/ X Plugin ready for connections\. /.test(text)) pushUnknown(out, l, MYSQL_START);
      out.push({ ...l, data: `${mysqlTime(at)} 0 ${l.data}` });
      if (/ Shutdown complete /.test(text)) {
        if (end === 'line') out.push({ ...l, data: `${mysqlTime(at)} 0 [System] [MY-015016] [Server] MySQL Server - end.\n` });
        if (end === 'unknown') pushUnknown(out, l, MYSQL_END);
      }
      continue;
    }
    const ready = text === '[Note] mariadbd: ready for connections.';
    const stop = text === '[Note] mariadbd (initiated by: unknown): Normal shutdown';
    const complete = text === '[Note] mariadbd: Shutdown complete';
    if (!ready && !stop && !complete) {
      pushUnknown(out, l, MYSQL_OTHER);
      continue;
    }
    if (ready) pushUnknown(out, l, MARIADB_START);
    if (complete) pushUnknown(out, l, MARIADB_STOP);
    out.push({ ...l, data: `${mariadbTime(at)} 0 ${l.data}` });
    if (complete) pushUnknown(out, l, MARIADB_END);
  }
  return out;
}

// httpd (docker-library/httpd 2.4: `ErrorLog /proc/self/fd/2`, httpd-foreground execs
// `httpd -DFOREGROUND` as PID 1): after the two AH00558 warnings (written to stderr before the
// error log opens, as the stand-in prints them), the error log's notices "[%a %b %d %H:%M:%S.%06u
// %Y] [module:notice] [pid 1:tid N] ..." (server/log.c, util_time.c ap_recent_ctime_ex: the
// local time, UTC in the image, with microseconds): "AH00489: Apache/<version> (Unix) configured
// -- resuming normal operations" (mpm_event) and "AH00094: Command line: 'httpd -D FOREGROUND'"
// (core). The thread is the main one: tid 1 in real logs of the 2.4.65 and 2.4.68 images (the
// kernel's thread ID, the PID of the main thread), a pthread address in 2.4.59 and before: other
// versions and the Alpine builds are unknown, and so is a command line with other arguments.
// At a stop that httpd sees (status 0), its notice names the signal: "AH00492: caught SIGWINCH,
// shutting down gracefully" for the image's STOPSIGNAL, "AH00491: caught SIGTERM, shutting
// down" for another: strata does not keep which one came, so the line is unknown.

const HTTPD_START = "httpd's start-up notices (`AH00489: Apache/... configured -- resuming normal operations`, `AH00094: Command line: ...`) of this version, build or command line";
const HTTPD_STOP = "httpd's notice of the signal that stopped it (`AH00492: caught SIGWINCH, shutting down gracefully` or `AH00491: caught SIGTERM, shutting down`)";
const HTTPD_ERROR = "httpd's error line for a request it refused (its worker's PID and thread, the client's port)";
const HTTPD_CONFIG = "httpd's notices in a container given a time zone";
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** httpd's error log time (ap_recent_ctime_ex with microseconds) in UTC at the second `t`, .000000. */
export function httpdTime(t: number): string {
  const d = new Date(t * 1000);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.000000 ${d.getUTCFullYear()}`;
}

function httpdLines(st: EngineState, c: Container, lines: readonly LogLine[]): LogLine[] {
  const image = tablePeek(st.images, c.imageId);
  const ref = (image === undefined ? undefined : realBase(st, image)?.facts.ref) ?? '';
  const version = (c.config.Env ?? []).find((e) => e.startsWith('HTTPD_VERSION='))?.slice('HTTPD_VERSION='.length) ?? '';
  const tz = (c.config.Env ?? []).some((e) => e.startsWith('TZ='));
  const known = !ref.includes('alpine') && /^2\.4\.(6[5-9]|[7-9]\d)$/.test(version) && c.path === 'httpd-foreground' && c.args.length === 0;
  const out: LogLine[] = [];
  const started = new Set<number>();
  let fqdn = 0;
  let run = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.run !== run) {
      run = l.run;
      fqdn = 0;
    }
    // a 403 first logs an error line (AH01630 client denied, AH00132 file permissions deny, AH01276
    // no DirectoryIndex) with the worker's PID and thread and the client's port; a 404's
    // AH00128 is at info level, below the image's LogLevel warn
    if (l.request !== undefined && l.request.status === 403) pushUnknown(out, l, HTTPD_ERROR);
    out.push(l.request === undefined ? l : accessLine(st, c, 'httpd', l));
    const text = l.data.replace(/\n$/, '');
    // the configuration is read twice, each time with its warning (AH00557 and AH00558, or
    // AH00558 alone; none with a ServerName): the notices follow the second reading
    if (text.startsWith('AH00558: httpd: Could not reliably determine the server')) fqdn++;
    const next = lines[i + 1];
    const runEnds = next === undefined || next.run !== l.run;
    if (fqdn === 2 && !started.has(l.run) && (runEnds || next.request !== undefined || !next.data.startsWith('AH00558: '))) {
      started.add(l.run);
      if (!known) pushUnknown(out, l, HTTPD_START);
      else if (tz) pushUnknown(out, l, HTTPD_CONFIG);
      else {
        const t = httpdTime(l.at ?? 0);
        out.push({ ...l, stream: 'stderr', data: `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${version} (Unix) configured -- resuming normal operations\n` });
        out.push({ ...l, stream: 'stderr', data: `[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n` });
      }
    }
    if (runEnds && started.has(l.run) && l.runStatus === 0) pushUnknown(out, l, HTTPD_STOP);
  }
  return out;
}

// mongo (docker-library/mongo docker-entrypoint.sh): mongod logs JSON lines to stdout from its
// start to its stop ({"t":{"$date":...},"s":"I","c":"CONTROL","id":...,"ctx":"initandlisten",...}),
// which name the host (the container's host name, its kernel in "Operating System", the PID,
// the build's versions): the stand-in prints none of them (catalog/mongo/SOURCES.md), so a normal
// install refuses each run's by name. A first start that creates a root user runs a temporary
// mongod (`--fork`: "about to fork child process ...", "forked process: N", its JSON lines, then
// mongosh's output and the shutdown's lines) around the entrypoint's own lines.

const MONGO_RUN = "mongod's JSON log lines (they name the container's host, its kernel, the PID and the build)";
const MONGO_TEMP = "the entrypoint's temporary mongod's lines (`forked process: N`, its JSON log lines, mongosh's output)";

/** mongod as the main program (the image's CMD, or options the entrypoint gives it), not `mongod --version`. */
function runsMongod(c: Container): boolean {
  const [prog, ...rest] = c.args;
  if (prog === undefined) return false;
  if (prog !== 'mongod' && !prog.startsWith('-')) return false;
  return ![prog, ...rest].some((a) => a === '--version' || a === '--help' || a === '-h');
}

function mongoLines(c: Container, lines: readonly LogLine[]): LogLine[] {
  if (!runsMongod(c)) return [...lines];
  const out: LogLine[] = [];
  if (lines.length === 0) {
    // a run logs nothing but mongod's lines: one refused entry stands for them
    if (c.state.startedAt > 0) out.push({ stream: 'stdout', data: '', run: 0, unknown: MONGO_RUN });
    return out;
  }
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const first = i === 0 || lines[i - 1].run !== l.run;
    const last = i === lines.length - 1 || lines[i + 1].run !== l.run;
    const initDone = lines.findIndex((x, j) => j >= i && x.run === l.run && x.data === 'MongoDB init process complete; ready for start up.\n');
    if (first && initDone >= 0) pushUnknown(out, l, MONGO_TEMP, 'stdout');
    // the temporary mongod's shutdown lines come before the blank line that precedes the message
    if (initDone === i + 1 && l.data === '\n') pushUnknown(out, l, MONGO_TEMP, 'stdout');
    out.push(l);
    if (last) pushUnknown(out, l, MONGO_RUN, 'stdout');
  }
  return out;
}
