// Values an interactive program prints that differ from one real run to the next, so that a
// page copied from a real terminal keeps its own where strata's line says the same otherwise:
// - mysql's time after each statement (client/mysql.cc com_go and mysql_end_timer: ` (0.01 sec)`,
//   what the statement took), which the stand-in always prints as 0.00; MariaDB's client prints
//   milliseconds (` (0.001 sec)`, test/pages/pty/mariadb-session.json), the stand-in 0.000;
// - the connection ID in the banner (`Your MySQL connection id is 8`, `Your MariaDB connection id
//   is 3`: the server's count of the connections since it started, health checks and other
//   clients included);
// - the time before a postgres server's line (elog.c's %m of log_line_prefix '%m [%p] ': the
//   reader's day and the milliseconds of the run), which strata prints from its clock with .000
//   (container/server-log.ts); likewise redis's ("1:M 31 Dec 2026 00:00:01.000 * ...", and the
//   Unix time of its signal handler's line), the mysql and mariadb entrypoints' and servers',
//   httpd's error log's and nginx's and httpd's access logs' times.
// BuildKit's and compose's durations are timings.ts's.

/** The lines whose value varies, with the value masked; undefined for any other line. */
function mask(line: string): string | undefined {
  const id = /^Your (MySQL|MariaDB) connection id is \d+$/.exec(line);
  if (id) return `Your ${id[1]} connection id is N`;
  const pg = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC( \[1\] [A-Z]+:  .*)$/.exec(line);
  if (pg) return `TIME UTC${pg[1]}`;
  // redis's "%d %b %Y %H:%M:%S.mmm" and its signal handler's Unix time
  const redis = /^1:([CM]) \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d\.\d{3} ([*#] .*)$/.exec(line);
  if (redis) return `1:${redis[1]} TIME ${redis[2]}`;
  const handler = /^1:signal-handler \(\d+\) (.*)$/.exec(line);
  if (handler) return `1:signal-handler (TIME) ${handler[1]}`;
  // the mysql and mariadb entrypoints' `date --rfc-3339=seconds`, mysqld's UTC time with
  // microseconds, mariadbd's local time (the hour space-padded)
  const entry = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00( \[(?:Note|Warn|ERROR)\] \[Entrypoint\]: .*)$/.exec(line);
  if (entry) return `TIME${entry[1]}`;
  const mysqld = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z( \d+ \[[A-Za-z]+\] \[MY-\d{6}\] .*)$/.exec(line);
  if (mysqld) return `TIME${mysqld[1]}`;
  const mariadbd = /^\d{4}-\d\d-\d\d [ \d]\d:\d\d:\d\d( \d+ \[(?:Note|Warning|ERROR)\] .*)$/.exec(line);
  if (mariadbd) return `TIME${mariadbd[1]}`;
  // httpd's error log time with microseconds, and the access logs' "[%d/%b/%Y:%H:%M:%S %z]"
  const httpd = /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d\.\d{6} \d{4}\]( \[[a-z_]+:[a-z]+\] .*)$/.exec(line);
  if (httpd) return `[TIME]${httpd[1]}`;
  const access = /^(\S+ - \S+ )\[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\]( ".*)$/.exec(line);
  if (access) return `${access[1]}[TIME]${access[2]}`;
  // (the number of decimals is the client's: MySQL's two, MariaDB's three)
  const m = /^((?:Query OK, \d+ rows? affected(?:, \d+ warnings?)?)|Empty set|\d+ rows? in set) \(\d+\.(\d\d\d?) sec\)$/.exec(line);
  return m ? `${m[1]} (N.${m[2].length} sec)` : undefined;
}

/**
 * `actual` with the page's own line wherever the line at the same place on the page masks the
 * same (`mask`: the line with what varies masked, undefined for a line compared as it is).
 */
export function keepPageLines(page: readonly string[], actual: readonly string[], mask: (line: string) => string | undefined): string[] {
  return actual.map((line, i) => {
    const m = mask(line);
    return m !== undefined && i < page.length && mask(page[i]) === m ? page[i] : line;
  });
}

/** `actual` with the page's own line wherever it differs only by an interactive client's varying value. */
export function keepPageVarying(page: readonly string[], actual: readonly string[]): string[] {
  return keepPageLines(page, actual, mask);
}
