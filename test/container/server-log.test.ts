// `docker logs` of the catalog's servers in a normal install (src/container/server-log.ts): the
// lines the real images print, each settled from its source, never from strata's output:
// - postgres: log_line_prefix defaults to '%m [%p] ' (postgres src/backend/utils/misc/guc_tables.c),
//   %m is "%Y-%m-%d %H:%M:%S" + ".mmm" + " %Z" (src/backend/utils/error/elog.c
//   setup_formatted_log_time), the zone the images' initdb picks is Etc/UTC, printed "UTC"; the
//   server logs to stderr (log_destination 'stderr'); docker-library/postgres's
//   docker-entrypoint.sh execs the server, so the postmaster is PID 1; "database system is ready
//   to accept connections" (postmaster.c) and "database system is shut down" (miscinit.c
//   UnlinkLockFiles) are the postmaster's. The time is the second docker says the container
//   started or finished (`.State.StartedAt`, `.State.FinishedAt`), with the milliseconds strata
//   prints as .000 (the real ones differ from run to run).
// - lines whose PID another process has (the entrypoint's temporary server, the startup process,
//   the checkpointer) and nginx's start-up notices (the host's kernel, limits and CPUs) are
//   refused by name.
// The oracle's stand-ins (`busyboxStandIns`) keep the bare lines the recordings hold
// (test/recorded/docker-*/catalog/postgres-16-stop-start-keeps-data.scenario).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { keepPageVarying } from '../../src/pages/varying.ts';

/** postgres's %m (elog.c) for an RFC 3339 time docker prints, in UTC, milliseconds .000. */
function pgTime(rfc3339: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(rfc3339.trim());
  if (!m) throw new Error(`not a UTC time: ${rfc3339}`);
  return `${m[1]} ${m[2]}.000 UTC`;
}

function started(d: SimulatedDocker, name: string): string {
  return pgTime(d.run(`docker inspect -f '{{.State.StartedAt}}' ${name}`).output);
}

const REFUSED = /^strata does not simulate what `docker logs db` prints here: /;

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker logs of postgres:16 in a normal install (%s)', (engine) => {
  it("prefixes the postmaster's lines with the time and [1], on stderr", () => {
    const d = new SimulatedDocker({ engine });
    expect(d.run('docker run -d --name db -e POSTGRES_PASSWORD=pw postgres:16 >/dev/null').exitCode).toBe(0);
    const t = started(d, 'db');
    expect(d.run('docker logs --tail 1 db').output).toBe(`${t} [1] LOG:  database system is ready to accept connections\n`);
    // the server's log is stderr: nothing of it on stdout
    expect(d.run('docker logs --tail 1 db 2>/dev/null').output).toBe('');
    // the entrypoint's words are stdout (docker-entrypoint.sh `echo 'PostgreSQL init process complete; ready for start up.'`, between empty echos)
    const stdout = d.run('docker logs db 2>/dev/null');
    expect(stdout.exitCode).toBe(0);
    expect(stdout.output.endsWith('\nPostgreSQL init process complete; ready for start up.\n\n')).toBe(true);
    expect(stdout.output).not.toMatch(/LOG: {2}/);
  });

  it('refuses the lines of processes whose PIDs vary: the temporary server, the checkpointer, the startup process', () => {
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name db -e POSTGRES_PASSWORD=pw postgres:16 >/dev/null');
    const all = d.run('docker logs db');
    expect(all.exitCode).toBe(125);
    expect(all.output).toMatch(REFUSED);
    expect(all.output).toContain("the entrypoint's temporary server");
    // before "ready": the startup process's "database system was shut down at ..." (its own PID)
    const two = d.run('docker logs --tail 2 db');
    expect(two.exitCode).toBe(125);
    expect(two.output).toContain('startup process');
    // -t and --since stay refused: strata's log keeps no timestamps docker would print
    expect(d.run('docker logs -t db').exitCode).toBe(125);
    expect(d.run('docker logs --since 1m db').exitCode).toBe(125);
  });

  it("ends a docker stop with the postmaster's last line; the checkpointer's before it are refused", () => {
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name db -e POSTGRES_PASSWORD=pw postgres:16 >/dev/null');
    expect(d.run('docker stop db').exitCode).toBe(0);
    const t = pgTime(d.run("docker inspect -f '{{.State.FinishedAt}}' db").output);
    expect(d.run('docker logs --tail 1 db').output).toBe(`${t} [1] LOG:  database system is shut down\n`);
    // "checkpoint complete: ..." before it is the checkpointer's
    expect(d.run('docker logs --tail 2 db').exitCode).toBe(125);
    // a restart on the data: the new start's ready line, at the new start's time
    d.run('docker start db');
    const t2 = started(d, 'db');
    expect(d.run('docker logs --tail 1 db').output).toBe(`${t2} [1] LOG:  database system is ready to accept connections\n`);
    expect(d.run('docker logs --tail 2 db').exitCode).toBe(125);
  });

  it("keeps on stdout only what the real image writes there: pg_ctl's dots and ` done`, not initdb's warnings or the trust warning", () => {
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name db -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16 >/dev/null');
    const lines = d.run('docker logs db 2>/dev/null').output.split('\n');
    // pg_ctl.c: print_msg("waiting for server to start..."), a dot a second, then " done\n" and
    // "server started" (and "waiting for server to shut down...", " done", "server stopped"), on
    // stdout: one line of the log, logged when its newline comes
    expect(lines).toContain('waiting for server to start.... done');
    expect(lines).toContain('waiting for server to shut down.... done');
    expect(lines).toContain('server started');
    // initdb's pg_log_warning/pg_log_info go to stderr (src/common/logging.c), and so does
    // docker-entrypoint.sh's POSTGRES_HOST_AUTH_METHOD warning (`cat >&2`)
    expect(lines.some((l) => l.startsWith('initdb: '))).toBe(false);
    expect(lines.some((l) => l.includes('POSTGRES_HOST_AUTH_METHOD'))).toBe(false);
    expect(lines.some((l) => l.startsWith('*'))).toBe(false);
  });

  it('refuses a prefix the server was told to change (a time zone)', () => {
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name db -e POSTGRES_PASSWORD=pw -e TZ=Europe/Paris postgres:16 >/dev/null');
    const r = d.run('docker logs --tail 1 db');
    expect(r.exitCode).toBe(125);
    expect(r.output).toMatch(REFUSED);
  });

  it("prints the postmaster's FATAL for an older major's data directory with [1]: no other process ran", () => {
    // ValidatePgVersion (postgres src/backend/utils/init/miscinit.c) runs in the postmaster
    // (PID 1 after the entrypoint's exec) before it forks anything or logs "starting PostgreSQL"
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name old -e POSTGRES_PASSWORD=pw -v pgdata:/var/lib/postgresql/data postgres:13 >/dev/null');
    d.run('docker rm -f old');
    d.run('docker run -d --name db -v pgdata:/var/lib/postgresql/data postgres:16 >/dev/null');
    expect(d.run("docker inspect -f '{{.State.ExitCode}}' db").output).toBe('1\n');
    const t = started(d, 'db');
    const r = d.run('docker logs db');
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe(
      '\nPostgreSQL Database directory appears to contain a database; Skipping initialization\n\n' +
        `${t} [1] FATAL:  database files are incompatible with server\n` +
        `${t} [1] DETAIL:  The data directory was initialized by PostgreSQL version 13, which is not compatible with this version 16.15 (Debian 16.15-1.pgdg13+2).\n`,
    );
    expect(d.run('docker logs db 2>/dev/null').output).not.toMatch(/FATAL/);
  });

  it('keeps the stand-ins\' bare lines with the oracle\'s stand-ins (the recordings)', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run('docker run -d --name db -e POSTGRES_PASSWORD=pw postgres:16 >/dev/null');
    expect(d.run('docker logs --tail 1 db').output).toBe('LOG:  database system is ready to accept connections\n');
  });
});

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker logs of nginx in a normal install (%s)', (engine) => {
  // docker-library/nginx docker-entrypoint.sh: its words go to stdout; nginx's notices to
  // error.log, a link to /dev/stderr, and name the host (src/os/unix/ngx_posix_init.c ngx_os_status)
  it("refuses nginx's start-up notices and prints the entrypoint's words when stderr is discarded", () => {
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name web nginx:latest >/dev/null');
    const all = d.run('docker logs web');
    expect(all.exitCode).toBe(125);
    expect(all.output).toMatch(/^strata does not simulate what `docker logs web` prints here: nginx's start-up notices: `OS: Linux` with the host's kernel/);
    const stdout = d.run('docker logs web 2>/dev/null');
    expect(stdout.exitCode).toBe(0);
    expect(stdout.output.split('\n').at(-2)).toBe('/docker-entrypoint.sh: Configuration complete; ready for start up');
    // --tail counts lines: the notices are among the last, whatever the streams' redirections
    expect(d.run('docker logs --tail 1 web 2>/dev/null').exitCode).toBe(125);
    // a stop adds the workers' exits (their PIDs)
    d.run('docker stop web');
    expect(d.run('docker logs web').output).toContain("nginx's shutdown notices");
  });

  it('prints no notices for `nginx -v`, which logs nothing', () => {
    const d = new SimulatedDocker({ engine });
    const r = d.run('docker run --name tv nginx:latest nginx -v >/dev/null 2>&1; docker logs tv');
    expect(r.exitCode).toBe(0);
    // docker-entrypoint.sh configures for any `nginx` command (`if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]`);
    // src/core/nginx.c ngx_show_version_info: "nginx version: nginx/" NGINX_VERSION on stderr, then exit
    // (1.31.3: the image's NGINX_VERSION); nothing reaches the error log
    const lines = r.output.split('\n');
    expect(lines.slice(-3)).toEqual(['/docker-entrypoint.sh: Configuration complete; ready for start up', 'nginx version: nginx/1.31.3', '']);
  });
});

describe('docker compose logs of a postgres service in a normal install', () => {
  // compose cmd/formatter/logs.go: `<service>-<n>` padded to the longest name plus one, ` | `,
  // after the terminal's erase-line sequence; the line itself as docker logs has it (above)
  it('prints the postmaster\'s last line with --tail 1 and refuses the whole log', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    d.run("printf 'services:\\n  db:\\n    image: postgres:16\\n    environment:\\n      POSTGRES_PASSWORD: pw\\n' > compose.yaml");
    expect(d.run('docker compose up -d --quiet-pull >/dev/null 2>&1').exitCode).toBe(0);
    const t = pgTime(d.run("docker inspect -f '{{.State.StartedAt}}' $(docker compose ps -q db)").output);
    expect(d.run('docker compose logs --tail 1 db').output).toBe(`\x1b[2Kdb-1  | ${t} [1] LOG:  database system is ready to accept connections\n`);
    const all = d.run('docker compose logs db');
    expect(all.exitCode).toBe(125);
    expect(all.output).toMatch(/^strata does not simulate what `docker compose logs` prints here: /);
  });
});

describe('a page copied from a real terminal keeps its own time before a postgres line (varying.ts)', () => {
  it('masks the time, not the PID or the message', () => {
    const page = ['2024-01-10 10:00:00.123 UTC [1] LOG:  database system is ready to accept connections'];
    const same = ['2026-12-31 00:00:01.000 UTC [1] LOG:  database system is ready to accept connections'];
    expect(keepPageVarying(page, same)).toEqual(page);
    const other = ['2026-12-31 00:00:01.000 UTC [1] LOG:  database system is shut down'];
    expect(keepPageVarying(page, other)).toEqual(other);
    const pid = ['2024-01-10 10:00:00.123 UTC [64] LOG:  database system is ready to accept connections'];
    expect(keepPageVarying(pid, same)).toEqual(same);
  });
});

/** redis's time (server.c serverLogRaw: "%d %b %Y %H:%M:%S." + "%03d") for a UTC time docker prints, .000. */
function redisTime(rfc3339: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(rfc3339.trim());
  if (!m) throw new Error(`not a UTC time: ${rfc3339}`);
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m[2]) - 1];
  return `${m[3]} ${month} ${m[1]} ${m[4]}.000`;
}

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker logs of redis in a normal install (%s)', (engine) => {
  // redis/redis src/server.c (7.4.1, 8.0): serverLogRaw prints "%d:%c %s %c %s\n" (PID, role,
  // time, ".-*#"[level], message) on stdout; PID 1 (the entrypoint execs the server); role C
  // before initServer sets server.pid, M after; "Ready to accept connections %s" and
  // "DB saved on disk" are LL_NOTICE (*), "%s is now ready to exit, bye bye..." LL_WARNING (#);
  // sigShutdownHandler logs through serverLogRawFromHandler: "%d:signal-handler (%ld) %s".
  it('prefixes the ready line with 1:M, the time and *', () => {
    const d = new SimulatedDocker({ engine });
    expect(d.run('docker run -d --name cache redis:7 >/dev/null').exitCode).toBe(0);
    const t = redisTime(d.run("docker inspect -f '{{.State.StartedAt}}' cache").output);
    expect(d.run('docker logs --tail 1 cache').output).toBe(`1:M ${t} * Ready to accept connections tcp\n`);
    // stdout, as redis logs with `logfile ""`
    expect(d.run('docker logs --tail 1 cache 2>/dev/null').output).toBe(`1:M ${t} * Ready to accept connections tcp\n`);
    // before "Running mode": the host's "monotonic clock: ..." (and open files limit); before
    // "Redis is starting": the host's memory warnings
    const all = d.run('docker logs cache');
    expect(all.exitCode).toBe(125);
    expect(all.output).toMatch(/^strata does not simulate what `docker logs cache` prints here: redis's host-dependent lines/);
    // those lines are stdout too: discarding stderr does not leave them out
    expect(d.run('docker logs cache 2>/dev/null').exitCode).toBe(125);
  });

  it('logs the stop with the signal handler\'s Unix time, then the shutdown at the stop\'s time', () => {
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name cache redis:7 >/dev/null');
    expect(d.run('docker stop cache').exitCode).toBe(0);
    const finished = d.run("docker inspect -f '{{.State.FinishedAt}}' cache").output.trim();
    const t = redisTime(finished);
    const unix = Math.floor(Date.parse(finished) / 1000);
    expect(d.run('docker logs --tail 5 cache').output).toBe(
      [
        `1:signal-handler (${unix}) Received SIGTERM scheduling shutdown...`,
        `1:M ${t} * User requested shutdown...`,
        `1:M ${t} * Saving the final RDB snapshot before exiting.`,
        `1:M ${t} * DB saved on disk`,
        `1:M ${t} # Redis is now ready to exit, bye bye...`,
        '',
      ].join('\n'),
    );
    // a start on the saved dump: "RDB age ..." and the load's duration (rdb.c, server.c) are refused
    d.run('docker start cache');
    expect(d.run('docker logs --tail 1 cache').output).toMatch(/^1:M .* \* Ready to accept connections tcp\n$/);
    const load = d.run('docker logs --tail 2 cache');
    expect(load.exitCode).toBe(125);
    expect(load.output).toContain('RDB age N seconds');
  });

  it("refuses redis 8's module lines before `Server initialized`, and a server given its own log level", () => {
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name cache redis:8 >/dev/null');
    expect(d.run('docker logs --tail 1 cache').output).toMatch(/^1:M .* \* Ready to accept connections tcp\n$/);
    // "Server initialized" comes right after the modules' lines
    expect(d.run('docker logs --tail 2 cache').output).toMatch(/^1:M .* \* Server initialized\n1:M .* \* Ready/);
    const modules = d.run('docker logs --tail 3 cache');
    expect(modules.exitCode).toBe(125);
    expect(modules.output).toContain("redis 8's modules");
    d.run('docker run -d --name quiet redis:8 redis-server --loglevel warning >/dev/null');
    expect(d.run('docker logs --tail 1 quiet').exitCode).toBe(125);
  });

  it("keeps the stand-in's bare lines with the oracle's stand-ins (the recordings)", () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run('docker run -d --name cache redis:7 >/dev/null');
    expect(d.run('docker logs --tail 1 cache').output).toBe('Ready to accept connections tcp\n');
  });
});

describe('a page copied from a real terminal keeps its own time before a redis line (varying.ts)', () => {
  it('masks the time, not the role or the message', () => {
    const page = ['1:M 02 Dec 2025 14:32:58.470 * Ready to accept connections tcp', '1:signal-handler (1764686000) Received SIGTERM scheduling shutdown...'];
    const same = ['1:M 31 Dec 2026 00:00:01.000 * Ready to accept connections tcp', '1:signal-handler (1798675204) Received SIGTERM scheduling shutdown...'];
    expect(keepPageVarying(page, same)).toEqual(page);
    const role = ['1:C 31 Dec 2026 00:00:01.000 * Ready to accept connections tcp'];
    expect(keepPageVarying(page, role)).toEqual(role);
  });
});

/** `date --rfc-3339=seconds` (the entrypoints' mysql_log) for a UTC time docker prints. */
function entrypointTime(rfc3339: string): string {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(rfc3339.trim());
  if (!m) throw new Error(`not a UTC time: ${rfc3339}`);
  return `${m[1]} ${m[2]}+00:00`;
}

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker logs of mysql and mariadb in a normal install (%s)', (engine) => {
  // docker-library/mysql and MariaDB/mariadb-docker docker-entrypoint.sh: mysql_log prints
  // `printf '%s [%s] [Entrypoint]: %s\n' "$dt" "$type" "$text"`, dt=`date --rfc-3339=seconds`
  // (UTC: the images set no TZ); mysql_note on stdout, mysql_warn and mysql_error on stderr.
  it("prefixes the entrypoint's notes with `date --rfc-3339=seconds`, on stdout", () => {
    const d = new SimulatedDocker({ engine });
    expect(d.run('docker run -d --name db -e MYSQL_ROOT_PASSWORD=pw mysql:8.4 >/dev/null').exitCode).toBe(0);
    const t = entrypointTime(d.run("docker inspect -f '{{.State.StartedAt}}' db").output);
    const stdout = d.run('docker logs db 2>/dev/null');
    expect(stdout.exitCode).toBe(0);
    const lines = stdout.output.split('\n');
    expect(lines[0]).toBe(`${t} [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.11-1.el9 started.`);
    expect(lines).toContain(`${t} [Note] [Entrypoint]: MySQL init process done. Ready for start up.`);
    // the socket link (`ln -sfTv`) is printed as coreutils prints it
    expect(lines).toContain("'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'");
  });

  it("prefixes mysqld's ready and shutdown lines with the UTC time and thread 0; 8.4 ends with `MySQL Server - end.`", () => {
    // real logs of the 8.0, 8.4 and 9 images: "2026-09-25T00:43:22.513099Z 0 [System]
    // [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. ...", "... 0 [System]
    // [MY-015016] [Server] MySQL Server - end." after "Shutdown complete" (8.4, 9)
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name db -e MYSQL_ROOT_PASSWORD=pw mysql:8.4 >/dev/null');
    const started = d.run("docker inspect -f '{{.State.StartedAt}}' db").output;
    const t = entrypointTime(started).replace(' ', 'T').replace('+00:00', '.000000Z');
    expect(d.run('docker logs --tail 1 db').output).toBe(
      `${t} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.11'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n`,
    );
    // before X Plugin's line: "starting as process 1", InnoDB, TLS (refused)
    expect(d.run('docker logs --tail 2 db').exitCode).toBe(0);
    const start = d.run('docker logs --tail 3 db');
    expect(start.exitCode).toBe(125);
    expect(start.output).toContain('starting as process N');
    d.run('docker stop db');
    const s = entrypointTime(d.run("docker inspect -f '{{.State.FinishedAt}}' db").output).replace(' ', 'T').replace('+00:00', '.000000Z');
    expect(d.run('docker logs --tail 3 db').output).toBe(
      [
        `${s} 0 [System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: 8.4.11).`,
        `${s} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld 8.4.11)  MySQL Community Server - GPL.`,
        `${s} 0 [System] [MY-015016] [Server] MySQL Server - end.`,
        '',
      ].join('\n'),
    );
  });

  it("refuses the temporary server's lines and a time zone's entrypoint times", () => {
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name db -e MYSQL_ROOT_PASSWORD=pw mysql:8.0 >/dev/null');
    const all = d.run('docker logs db');
    expect(all.exitCode).toBe(125);
    expect(all.output).toContain("the entrypoint's temporary server");
    d.run('docker run -d --name tz -e TZ=Europe/Paris -e MYSQL_ROOT_PASSWORD=pw mysql:8.0 >/dev/null');
    expect(d.run('docker logs tz 2>/dev/null').exitCode).toBe(125);
    // mysqld's own times stay UTC (log_timestamps)
    expect(d.run('docker logs --tail 1 tz').output).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z 0 \[System\] \[MY-010931\] /);
  });

  it("prefixes mariadbd's ready line with its local time (hour space-padded) and thread 0; the Version line stays bare", () => {
    // MariaDB sql/mysqld.cc print_buffer_to_file: "%d-%02d-%02d %2d:%02d:%02d %lu [%s] "; real
    // logs: "2024-11-27 16:05:06 0 [Note] mariadbd: ready for connections." then "Version: ..."
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name db -e MARIADB_ROOT_PASSWORD=pw mariadb:lts >/dev/null');
    const m = /^(\d{4}-\d\d-\d\d)T(\d\d):(\d\d:\d\d)/.exec(d.run("docker inspect -f '{{.State.StartedAt}}' db").output)!;
    const t = `${m[1]} ${String(Number(m[2])).padStart(2, ' ')}:${m[3]}`;
    const two = d.run('docker logs --tail 2 db');
    expect(two.output.split('\n')[0]).toBe(`${t} 0 [Note] mariadbd: ready for connections.`);
    expect(two.output.split('\n')[1]).toMatch(/^Version: '/);
    // before it: "Starting MariaDB ... as process 1", InnoDB's lines
    expect(d.run('docker logs --tail 3 db').exitCode).toBe(125);
    // the stop: InnoDB's shutdown lines before "Shutdown complete" are refused
    d.run('docker stop db');
    expect(d.run('docker logs --tail 1 db').exitCode).toBe(125);
  });

  it("keeps the stand-ins' bare lines with the oracle's stand-ins (the recordings)", () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run('docker run -d --name db -e MYSQL_ROOT_PASSWORD=pw mysql:8.4 >/dev/null');
    expect(d.run('docker logs --tail 1 db').output).toMatch(/^\[System\] \[MY-010931\] \[Server\] \/usr\/sbin\/mysqld: ready for connections\./);
  });
});

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker logs of httpd and the access logs in a normal install (%s)', (engine) => {
  it("adds httpd's start-up notices after its two AH00558 warnings: pid 1, tid 1, the UTC time with microseconds", () => {
    // real logs of httpd 2.4.65 and 2.4.68 (docker-library/httpd): "[Sat Nov 29 15:04:51.122921
    // 2025] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.65 (Unix) configured -- resuming
    // normal operations", "[...] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'"
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name web httpd:2.4 >/dev/null');
    const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d)/.exec(d.run("docker inspect -f '{{.State.StartedAt}}' web").output)!;
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][date.getUTCDay()];
    const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m[2]) - 1];
    const t = `${day} ${month} ${m[3]} ${m[4]}.000000 ${m[1]}`;
    const r = d.run('docker logs --tail 2 web');
    expect(r.output).toBe(
      `[${t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.68 (Unix) configured -- resuming normal operations\n[${t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`,
    );
    // the error log is stderr (ErrorLog /proc/self/fd/2)
    expect(d.run('docker logs --tail 2 web 2>/dev/null').output).toBe('');
    // a stop's notice names the signal, which strata does not keep
    d.run('docker stop web');
    expect(d.run('docker logs --tail 1 web').exitCode).toBe(125);
  });

  it("writes httpd's common-format access line for a request to a published port, from the bridge's gateway", () => {
    // httpd.conf `CustomLog /proc/self/fd/1 common`: `%h %l %u %t \"%r\" %>s %b`; docker-proxy dials
    // the container from the default bridge's gateway 172.17.0.1; the body of htdocs/index.html is
    // 45 bytes ("<html><body><h1>It works!</h1></body></html>\n")
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name web -p 8080:80 httpd:2.4 >/dev/null');
    // (one command line, one second of strata's clock: date prints the request's second)
    const t = d.run("curl -s localhost:8080/ >/dev/null; date -u '+%d/%b/%Y:%H:%M:%S'").output.trim();
    expect(d.run('docker logs --tail 1 web').output).toBe(`172.17.0.1 - - [${t} +0000] "GET / HTTP/1.1" 200 45\n`);
    // GNU wget --spider asks with HEAD: no body, `-` (mod_log_config %b)
    d.run('wget -q --spider http://localhost:8080/');
    expect(d.run('docker logs --tail 1 web').output).toMatch(/"HEAD \/ HTTP\/1\.1" 200 -\n$/);
  });

  it("writes nginx's main-format access line with the client's User-Agent; a 404's [error] line is refused", () => {
    // nginx.conf log_format main: `$remote_addr - $remote_user [$time_local] "$request" $status
    // $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"`; busybox wget
    // sends "User-Agent: Wget" (networking/wget.c) and connects to 127.0.0.1
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name web nginx:alpine >/dev/null');
    d.run('docker exec web wget -qO- http://localhost/index.html >/dev/null');
    const size = d.run('docker exec web wc -c /usr/share/nginx/html/index.html').output.trim().split(/\s+/)[0];
    expect(d.run('docker logs --tail 1 web').output).toMatch(new RegExp(`^127\\.0\\.0\\.1 - - \\[[^\\]]+\\] "GET /index\\.html HTTP/1\\.1" 200 ${size} "-" "Wget" "-"\\n$`));
    d.run('docker exec web wget -qO- http://localhost/missing >/dev/null 2>&1');
    expect(d.run('docker logs --tail 1 web').output).toMatch(/"GET \/missing HTTP\/1\.1" 404 \d+ "-" "Wget" "-"\n$/);
    // before it: `open() "/usr/share/nginx/html/missing" failed (2: No such file or directory)`, with the worker's PID
    expect(d.run('docker logs --tail 2 web').exitCode).toBe(125);
  });

  it('logs no request with the oracle\'s stand-ins (they serve nothing)', () => {
    const d = new SimulatedDocker({ engine, busyboxStandIns: true });
    d.run('docker run -d --name web nginx:alpine >/dev/null');
    d.run('docker exec web wget -qO- http://localhost/ >/dev/null 2>&1');
    expect(d.run('docker logs --tail 1 web').output).toBe('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
  });
});

describe("a page copied from a real terminal keeps its own times before mysql's, mariadb's, httpd's and the access logs' lines (varying.ts)", () => {
  it('masks the time, not the thread, the level or the message', () => {
    const page = [
      '2025-03-25 13:36:57+00:00 [Note] [Entrypoint]: MySQL init process done. Ready for start up.',
      "2026-09-25T00:43:22.513099Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.11'",
      '2024-11-27 16:05:06 0 [Note] mariadbd: ready for connections.',
      "[Sat Nov 29 15:04:51.127781 2025] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
      '172.17.0.1 - - [22/Apr/2021:00:54:48 +0000] "GET / HTTP/1.1" 200 45',
    ];
    const same = [
      '2026-12-31 00:00:01+00:00 [Note] [Entrypoint]: MySQL init process done. Ready for start up.',
      "2026-12-31T00:00:01.000000Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.11'",
      '2026-12-31  0:00:01 0 [Note] mariadbd: ready for connections.',
      "[Thu Dec 31 00:00:01.000000 2026] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'",
      '172.17.0.1 - - [31/Dec/2026:00:00:02 +0000] "GET / HTTP/1.1" 200 45',
    ];
    expect(keepPageVarying(page, same)).toEqual(page);
    const other = [
      '2026-12-31 00:00:01+00:00 [Note] [Entrypoint]: Temporary server stopped',
      "2026-12-31T00:00:01.000000Z 13 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.11'",
      '2026-12-31  0:00:01 3 [Note] mariadbd: ready for connections.',
      "[Thu Dec 31 00:00:01.000000 2026] [core:notice] [pid 1:tid 2] AH00094: Command line: 'httpd -D FOREGROUND'",
      '172.17.0.1 - - [31/Dec/2026:00:00:02 +0000] "GET / HTTP/1.1" 404 45',
    ];
    expect(keepPageVarying(page, other)).toEqual(other);
  });
});

describe.each(['docker-20.10', 'docker-26.1'] as const)('docker logs of mongo in a normal install (%s)', (engine) => {
  // mongod logs JSON lines to stdout from its start (docker-library/mongo: no --logpath for the
  // final server); they name the host, the PID and the build: refused, never an empty log
  it("refuses mongod's lines instead of printing an empty log", () => {
    const d = new SimulatedDocker({ engine });
    d.run('docker run -d --name db mongo:7 >/dev/null');
    const r = d.run('docker logs db');
    expect(r.exitCode).toBe(125);
    expect(r.output).toContain("mongod's JSON log lines");
    expect(d.run('docker logs db 2>/dev/null').exitCode).toBe(125);
    expect(d.run('docker logs --tail 0 db').exitCode).toBe(0);
    // the oracle's stand-in prints nothing
    const b = new SimulatedDocker({ engine, busyboxStandIns: true });
    b.run('docker run -d --name db mongo:7 >/dev/null');
    expect(b.run('docker logs db').output).toBe('');
  });
});
