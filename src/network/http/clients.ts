// HTTP clients: the host's curl (7.88.1, Debian 12's) and GNU wget (1.21.3), and busybox's wget
// (1.35) inside containers, fetching from what web.ts connects them to. Only what a transcript can
// show without timing is simulated: bodies, error pages, exit codes and error lines. Headers
// (`-i`, `-I`, `-v`, `-S`) are refused by name: the oracle has no network to record them
// from, so strata does not invent them; so are the progress meters, which show speeds and times.

import { FsError, STRERROR } from '../../fs/errors.ts';
import { basename, join } from '../../fs/path.ts';
import type { Applet, AppletContext } from '../../shell/types.ts';
import { REASONS } from './pages.ts';
import type { HttpRequest, HttpResponse } from './server.ts';
import { WebNotSimulated } from './server.ts';
import type { Endpoint } from './web.ts';

/** Where a client's TCP connection goes (web.ts connect, bound to its origin). */
export type Dial = (host: string, port: number) => Endpoint;

export interface Url {
  /** The authority as written (`localhost:8080`, `localhost`): busybox wget's server.host. */
  authority: string;
  host: string;
  port: number;
  /** Path and query, as sent in the request line. */
  target: string;
}

/**
 * An http URL as curl reads one (lib/urlapi.c, curl-7_88_1): the scheme may be left out (then
 * http is guessed), the fragment is dropped, dot segments are removed (dedotdotify) unless
 * --path-as-is. Other
 * schemes are refused: https to a plain-HTTP port is a TLS error strata does not simulate.
 */
export function parseUrl(text: string, prog: string, pathAsIs = false): Url {
  let rest = text;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(rest);
  if (scheme) {
    if (scheme[1].toLowerCase() !== 'http') throw new WebNotSimulated(`${prog}: strata does not simulate ${scheme[1]}:// URLs (only http://)`);
    rest = rest.slice(scheme[0].length);
  }
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const slash = rest.search(/[/?]/);
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  let target = slash < 0 ? '/' : rest.slice(slash);
  if (target.startsWith('?')) target = `/${target}`;
  if (authority.includes('@')) throw new WebNotSimulated(`${prog}: strata does not simulate user names in URLs`);
  let host = authority;
  let portText = '';
  const v6 = /^\[([^\]]*)\](?::(.*))?$/.exec(authority);
  if (v6) {
    host = v6[1];
    portText = v6[2] ?? '';
  } else if (authority.includes(':')) {
    host = authority.slice(0, authority.indexOf(':'));
    portText = authority.slice(authority.indexOf(':') + 1);
  }
  if (host === '' || !/^\d*$/.test(portText) || (portText !== '' && Number(portText) > 65535)) {
    throw new WebNotSimulated(`${prog}: strata does not simulate this URL: ${text}`);
  }
  return { authority, host, port: portText === '' ? 80 : Number(portText), target: pathAsIs ? target : removeDotSegments(target) };
}

/** RFC 3986 5.2.4 on the path, the query left as it is. */
function removeDotSegments(target: string): string {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const query = q < 0 ? '' : target.slice(q);
  const out: string[] = [];
  const segs = path.split('/').slice(1);
  segs.forEach((s, i) => {
    const last = i === segs.length - 1;
    if (s === '.' || s === '..') {
      if (s === '..' && out.length > 0) out.pop();
      if (last) out.push('');
    } else out.push(s);
  });
  return `/${out.join('/')}${query}`;
}

/** The Host header a client sends: the port only when it is not 80. */
function hostHeader(url: Url): string {
  const h = url.host.includes(':') ? `[${url.host}]` : url.host;
  return url.port === 80 ? h : `${h}:${url.port}`;
}

/**
 * The User-Agent each client sends (the servers' access logs show it): curl's "curl/" VERSION
 * (src/tool_operate.c, 7.88.1), GNU Wget's "Wget/" VERSION (src/http.c, 1.21.3), busybox wget's
 * "Wget" (networking/wget.c G.user_agent, 1_35_0).
 */
const CURL_AGENT = 'curl/7.88.1';
const GNU_WGET_AGENT = 'Wget/1.21.3';
const BUSYBOX_WGET_AGENT = 'Wget';

type Fetched = { kind: 'refused'; url: Url } | { kind: 'response'; url: Url; response: HttpResponse } | { kind: 'too-many'; url: Url };

/** GET `url`, following up to `redirects` redirects (0: none). */
function fetch(dial: Dial, first: Url, redirects: number, prog: string, client: Pick<HttpRequest, 'method' | 'agent'>): Fetched {
  let url = first;
  for (let n = 0; ; n++) {
    const ep = dial(url.host, url.port);
    if (ep.kind === 'refused') return { kind: 'refused', url };
    const response = ep.server.serve({ target: url.target, host: hostHeader(url), ...client });
    if (response.location === undefined || redirects === 0) return { kind: 'response', url, response };
    if (n >= redirects) return { kind: 'too-many', url };
    url = parseUrl(response.location, prog);
  }
}

/** Write `data` to FILE (relative to the cwd), creating or truncating it; the errno on failure. */
function writeOut(ctx: AppletContext, file: string, data: string): FsError['code'] | undefined {
  try {
    ctx.fs.writeFile(join(ctx.cwd, file), data);
    return undefined;
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
}

/** Run a client, turning what strata does not simulate into a refusal by name (exit 125). */
function guarded(prog: string, run: (ctx: AppletContext, args: string[]) => number): Applet {
  return (ctx, args) => {
    try {
      return run(ctx, args);
    } catch (e) {
      if (!(e instanceof WebNotSimulated)) throw e;
      const msg = e.message.startsWith(`${prog}: `) ? e.message : `${prog}: ${e.message}`;
      ctx.stderr(`${msg}\n`);
      // (a fact, not words to match: the caller may send them to /dev/null and go on)
      ctx.refused?.(msg);
      return 125;
    }
  };
}

const refuseOption = (prog: string, opt: string, what: string): never => {
  throw new WebNotSimulated(`${prog}: strata does not simulate ${what} (${opt})`);
};

/** curl options strata refuses by name, and why. */
const CURL_REFUSED: Record<string, string> = {
  '-i': 'response headers',
  '--include': 'response headers',
  '-I': 'HEAD requests and response headers',
  '--head': 'HEAD requests and response headers',
  '-v': "curl's verbose output (the request and response headers)",
  '--verbose': "curl's verbose output (the request and response headers)",
  '-D': 'response headers',
  '--dump-header': 'response headers',
  '--trace': "curl's traces",
  '--trace-ascii': "curl's traces",
  '-X': 'other request methods than GET',
  '--request': 'other request methods than GET',
  '-d': 'POST requests',
  '--data': 'POST requests',
  '--data-raw': 'POST requests',
  '--data-binary': 'POST requests',
  '-F': 'POST requests',
  '--form': 'POST requests',
  '-T': 'uploads',
  '--upload-file': 'uploads',
  '-H': 'request headers',
  '--header': 'request headers',
  '-A': 'request headers',
  '--user-agent': 'request headers',
  '-u': 'authentication',
  '--user': 'authentication',
  '-x': 'proxies',
  '--proxy': 'proxies',
  '-r': 'range requests',
  '--range': 'range requests',
  '-C': 'resumed transfers',
  '--continue-at': 'resumed transfers',
  '-b': 'cookies',
  '--cookie': 'cookies',
  '-c': 'cookies',
  '--cookie-jar': 'cookies',
  '--resolve': 'name resolution',
  '--connect-to': 'name resolution',
};

/** curl options that take an argument and change nothing strata shows (timeouts, retries). */
const CURL_IGNORED_WITH_ARG = new Set(['-m', '--max-time', '--connect-timeout', '--retry', '--retry-delay', '--retry-max-time', '--max-redirs']);
/** curl options without an argument that change nothing strata shows. */
const CURL_IGNORED = new Set(['-k', '--insecure', '--compressed', '--http1.1', '-q', '--disable', '-g', '--globoff', '-4', '--ipv4']);

/**
 * The host's curl, 7.88.1 (Debian 12; the recording host's, `curl --version`). Its words:
 * lib/connect.c `Failed to connect to %s port %u after %ld ms: %s` with lib/strerror.c
 * `Couldn't connect to server` (CURLE_COULDNT_CONNECT, 7: the connection is refused at once, so
 * `0 ms`), lib/http.c `The requested URL returned error: %d` (CURLE_HTTP_RETURNED_ERROR, 22,
 * with -f), lib/sendf.c `Failure writing output to destination` (23), src/tool_operate.c
 * `curl: (%d) %s` (shown unless -s, or with -S), src/tool_cb_wrt.c `Failed to open the file %s:
 * %s` (a warning, muted by -s), src/tool_operate.c `no URL specified!`. Without -s (or
 * --no-progress-meter) curl prints its progress meter on stderr whenever its output is not a
 * terminal (src/tool_progress.c), as in a recording: speeds and times, refused by name. Output
 * to a terminal (a page's `curl localhost:8080`) switches the meter off.
 */
export function curl(dial: Dial): Applet {
  return guarded('curl', (ctx, args) => {
    let silent = false;
    let showError = false;
    let noMeter = false;
    let fail = false;
    let location = false;
    let output: string | undefined;
    let remoteName = false;
    let pathAsIs = false;
    let format: string | undefined;
    const urls: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const takeArg = (): string => {
        if (i + 1 >= args.length) throw new WebNotSimulated(`curl: strata does not simulate curl's option ${a} without its argument`);
        return args[++i];
      };
      // `-X GET` asks for what curl does anyway
      if ((a === '-X' || a === '--request') && args[i + 1] === 'GET') {
        i++;
        continue;
      }
      if (a.startsWith('--')) {
        if (a in CURL_REFUSED) refuseOption('curl', a, CURL_REFUSED[a]);
        else if (a === '--silent') silent = true;
        else if (a === '--show-error') showError = true;
        else if (a === '--no-progress-meter') noMeter = true;
        else if (a === '--fail') fail = true;
        else if (a === '--location') location = true;
        else if (a === '--output') output = takeArg();
        else if (a === '--remote-name') remoteName = true;
        else if (a === '--url') urls.push(takeArg());
        else if (a === '--path-as-is') pathAsIs = true;
        else if (a === '--write-out') format = takeArg();
        else if (CURL_IGNORED_WITH_ARG.has(a)) takeArg();
        else if (!CURL_IGNORED.has(a)) refuseOption('curl', a, "this option of curl's");
        continue;
      }
      if (a.startsWith('-') && a.length > 1) {
        for (let j = 1; j < a.length; j++) {
          const f = `-${a[j]}`;
          if (f === '-X' && (j + 1 < a.length ? a.slice(j + 1) : args[i + 1]) === 'GET') {
            if (j + 1 >= a.length) i++;
            break;
          }
          if (f in CURL_REFUSED) refuseOption('curl', f, CURL_REFUSED[f]);
          else if (f === '-s') silent = true;
          else if (f === '-S') showError = true;
          else if (f === '-f') fail = true;
          else if (f === '-L') location = true;
          else if (f === '-O') remoteName = true;
          else if (f === '-o' || f === '-w' || CURL_IGNORED_WITH_ARG.has(f)) {
            // the rest of the word is the argument (`-ofile`), else the next word
            const value = j + 1 < a.length ? a.slice(j + 1) : takeArg();
            if (f === '-o') output = value;
            if (f === '-w') format = value;
            break;
          } else if (!CURL_IGNORED.has(f)) refuseOption('curl', f, "this option of curl's");
        }
        continue;
      }
      urls.push(a);
    }
    if (urls.length === 0) {
      ctx.stderr("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    if (urls.length > 1) throw new WebNotSimulated('curl: strata does not simulate several URLs in one curl command');
    // "we send the output to a tty, therefore we switch off the progress meter" (src/tool_operate.c
    // single_transfer): a body written to the terminal (no -o/-O, or `-o -`) is shown alone, as on
    // a Markdown page's terminal (checked with curl 7.88.1 under script(1): the body only)
    if (!remoteName && (output === undefined || output === '-') && ctx.isatty?.(1) === true) noMeter = true;
    // a meter written to /dev/null (`2>/dev/null`) is seen by nobody: what it would say does not matter
    if (!silent && !noMeter && ctx.discards?.(2) !== true) {
      throw new WebNotSimulated("curl: strata does not simulate curl's progress meter, which it prints on stderr when its output is not a terminal (speeds and times): use curl -s");
    }
    if (format !== undefined) checkWriteOut(format);
    const showErrors = !silent || showError;
    const warn = (msg: string): void => {
      if (!silent) ctx.stderr(`Warning: ${msg}\n`);
    };
    // the --write-out text comes after the transfer and its error line (src/tool_operate.c
    // post_per_transfer: the error, then ourWriteOut)
    const finish = (code: number, status: number, size: number): number => {
      if (format !== undefined) ctx.stdout(expandWriteOut(format, status, size));
      return code;
    };
    const error = (code: number, msg: string, status = 0): number => {
      if (showErrors) ctx.stderr(`curl: (${code}) ${msg}\n`);
      return finish(code, status, 0);
    };
    const url = parseUrl(urls[0], 'curl', pathAsIs);
    // curl's default --max-redirs is 50 (lib/urldata.h: DEFAULT_MAXREDIRS)
    const got = fetch(dial, url, location ? 50 : 0, 'curl', { method: 'GET', agent: CURL_AGENT });
    if (got.kind === 'refused') return error(7, `Failed to connect to ${got.url.host} port ${got.url.port} after 0 ms: Couldn't connect to server`);
    if (got.kind === 'too-many') return error(47, 'Maximum (50) redirects followed');
    const res = got.response;
    if (fail && res.status >= 400) return error(22, `The requested URL returned error: ${res.status}`, res.status);
    let file = output;
    if (file === undefined && remoteName) {
      const name = urls[0].replace(/[?#].*$/, '').replace(/^[A-Za-z]+:\/\/[^/]*/, '');
      file = name.slice(name.lastIndexOf('/') + 1);
      // src/tool_operate.c: `Remote file name has no length!` and CURLE_WRITE_ERROR before any
      // transfer; whether curl then prints its `(23)` line is not settled here
      if (file === '') throw new WebNotSimulated('curl: strata does not simulate -O with a URL that names no file');
    }
    if (file === undefined || file === '-') {
      ctx.stdout(res.body);
      return finish(0, res.status, res.body.length);
    }
    // the file is made when the first data arrives (src/tool_cb_wrt.c tool_create_output_file),
    // or empty after a transfer that brought none (src/tool_operate.c post_per_transfer)
    const why = writeOut(ctx, file, res.body);
    if (why !== undefined) {
      warn(`Failed to open the file ${file}: ${STRERROR[why]}`);
      return error(23, 'Failure writing output to destination', res.status);
    }
    return finish(0, res.status, res.body.length);
  });
}

/**
 * The --write-out variables strata can answer: the status (`%03ld`: 000 when no response came)
 * and the body's size. src/tool_writeout.c (curl-7_88_1): `%%`, `\n`, `\r`, `\t` (another
 * escape is printed as it is), `%{name}`; the others (times, headers, addresses) are refused.
 */
const WRITE_OUT_VARIABLES = new Set(['http_code', 'response_code', 'size_download']);

function checkWriteOut(format: string): void {
  if (format.startsWith('@')) throw new WebNotSimulated('curl: strata does not simulate a --write-out format read from a file');
  for (const m of format.matchAll(/%\{([^}]*)\}/g)) {
    if (!WRITE_OUT_VARIABLES.has(m[1].toLowerCase())) throw new WebNotSimulated(`curl: strata does not simulate the --write-out variable %{${m[1]}} (only http_code, response_code and size_download)`);
  }
  if (/%header\{/.test(format)) throw new WebNotSimulated('curl: strata does not simulate response headers (%header{...})');
}

function expandWriteOut(format: string, status: number, size: number): string {
  return format.replace(/%%|%\{([^}]*)\}|\\([nrt])/g, (all, name: string | undefined, esc: string | undefined) => {
    if (all === '%%') return '%';
    if (esc !== undefined) return esc === 'n' ? '\n' : esc === 'r' ? '\r' : '\t';
    return name!.toLowerCase() === 'size_download' ? String(size) : String(status).padStart(3, '0');
  });
}

/**
 * GNU wget 1.21.3 (Debian 12's), quiet (-q) only: without it wget prints the time and the
 * transfer's speed. src/main.c opens `-O FILE` before it connects (so a failed download leaves
 * it empty); without -O the file is named after the URL's last path segment (index.html for
 * none), made only on success, with `.1`, `.2`... when the name is taken (src/url.c
 * url_file_name, unique_name). Exit codes (src/exits.h): 4 network failure, 8 server error
 * response; redirects are followed (20 at most, src/retr.c MAX_REDIRECTIONS).
 */
export function gnuWget(dial: Dial): Applet {
  return guarded('wget', (ctx, args) => {
    let quiet = false;
    let spider = false;
    let output: string | undefined;
    const urls: string[] = [];
    const refused: Record<string, string> = {
      '-S': 'response headers',
      '--server-response': 'response headers',
      '-d': "wget's debug output",
      '--debug': "wget's debug output",
      '--post-data': 'POST requests',
      '--post-file': 'POST requests',
      '--header': 'request headers',
      '-c': 'resumed transfers',
      '--continue': 'resumed transfers',
      '-r': 'recursive downloads',
      '--recursive': 'recursive downloads',
      '-N': 'time stamps',
      '--timestamping': 'time stamps',
      '-nv': "wget's one-line log (it shows the time)",
      '--no-verbose': "wget's one-line log (it shows the time)",
    };
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a in refused) refuseOption('wget', a, refused[a]);
      if (a === '-q' || a === '--quiet') quiet = true;
      else if (a === '--spider') spider = true;
      else if (a === '-O' || a === '--output-document') output = args[++i];
      else if (a.startsWith('--output-document=')) output = a.slice(18);
      else if (/^-q?O./.test(a)) {
        quiet ||= a.startsWith('-q');
        output = a.slice(a.indexOf('O') + 1);
      } else if (a === '-qO') {
        quiet = true;
        output = args[++i];
      } else if (/^--(tries|timeout)=/.test(a) || /^-[tT]\d+$/.test(a)) continue;
      else if (a === '-t' || a === '-T' || a === '--tries' || a === '--timeout') i++;
      else if (a.startsWith('-') && a.length > 1) refuseOption('wget', a, "this option of wget's");
      else urls.push(a);
    }
    if (urls.length !== 1) throw new WebNotSimulated('wget: strata does not simulate wget without exactly one URL');
    if (!quiet) throw new WebNotSimulated("wget: strata does not simulate wget's progress output (the time and the transfer speed): use wget -q");
    if (output !== undefined && output !== '-' && !spider) {
      const why = writeOut(ctx, output, '');
      if (why !== undefined) {
        ctx.stderr(`${output}: ${STRERROR[why]}\n`);
        return 3;
      }
    }
    const url = parseUrl(urls[0], 'wget');
    const got = fetch(dial, url, 20, 'wget', { method: spider ? 'HEAD' : 'GET', agent: GNU_WGET_AGENT });
    if (got.kind === 'refused') return 4;
    if (got.kind === 'too-many') return 8;
    const res = got.response;
    if (res.status >= 400) return 8;
    // --spider asks with HEAD (src/http.c) and keeps nothing: the status is the answer
    if (spider) return 0;
    if (output === '-') {
      ctx.stdout(res.body);
      return 0;
    }
    if (output !== undefined) {
      writeOut(ctx, output, res.body);
      return 0;
    }
    const path = url.target.replace(/\?.*$/, '');
    const name = basename(path) === '' || path.endsWith('/') ? 'index.html' : decodeURIComponentSafe(basename(path));
    let file = name;
    for (let n = 1; ctx.fs.exists(join(ctx.cwd, file)); n++) file = `${name}.${n}`;
    const why = writeOut(ctx, file, res.body);
    if (why !== undefined) {
      ctx.stderr(`${file}: ${STRERROR[why]}\n`);
      return 3;
    }
    return 0;
  });
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * busybox 1.35 wget (networking/wget.c): `Connecting to HOST (ADDR:PORT)` unless -q (then its
 * progress bar, refused by name); libbb/xconnect.c `can't connect to remote host (ADDR):
 * Connection refused`; `server returned error: HTTP/1.1 404 Not Found` for any status but 200
 * and the redirects it follows (16 at most: `too many redirections`); all exit 1. The output file
 * is opened after the response's headers: `-O FILE` truncates, the default name (the last path
 * segment, or index.html) must not exist (O_EXCL: `can't open 'index.html': File exists`).
 * --spider sends the same GET, reads no body and writes no file (`remote file exists` unless -q):
 * the health check `wget -q --spider http://localhost/ || exit 1`.
 * `localhost` resolves to 127.0.0.1 (FEATURE_PREFER_IPV4_ADDRESS).
 */
export function busyboxWget(dial: Dial): Applet {
  return guarded('wget', (ctx, args) => {
    let quiet = false;
    let spider = false;
    let output: string | undefined;
    const urls: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-S' || a === '--server-response') refuseOption('wget', a, 'response headers');
      if (a === '--spider') {
        spider = true;
        continue;
      }
      if (a === '--header' || a === '--post-data' || a === '--post-file' || a === '-U' || a === '--user-agent' || a === '-c' || a === '--continue') refuseOption('wget', a, 'this option of wget');
      if (a === '-O' || a === '--output-document') {
        output = args[++i];
        continue;
      }
      if (a === '-q' || a === '--quiet') {
        quiet = true;
        continue;
      }
      if (a === '-T' || a === '-t' || a === '--timeout' || a === '--tries') {
        i++;
        continue;
      }
      if (/^-[qO]+/.test(a) && a !== '-') {
        // a cluster like -qO- or -qO FILE: O takes the rest, or the next word
        for (let j = 1; j < a.length; j++) {
          if (a[j] === 'q') quiet = true;
          else if (a[j] === 'O') {
            output = j + 1 < a.length ? a.slice(j + 1) : args[++i];
            break;
          } else refuseOption('wget', a, 'this option of wget');
        }
        continue;
      }
      if (a.startsWith('-') && a.length > 1) refuseOption('wget', a, 'this option of wget');
      urls.push(a);
    }
    if (urls.length !== 1) throw new WebNotSimulated('wget: strata does not simulate wget without exactly one URL');
    const url = parseUrl(urls[0], 'wget');
    const addr = url.host.toLowerCase() === 'localhost' ? '127.0.0.1' : url.host;
    // server.host keeps a port given in the URL (`Connecting to 127.0.0.1:8080 (127.0.0.1:8080)`,
    // recorded: web/busybox-wget-nothing-listens)
    if (!quiet) ctx.stderr(`Connecting to ${url.authority} (${addr}:${url.port})\n`);
    const first = dial(url.host, url.port);
    if (first.kind === 'refused') {
      ctx.stderr(`wget: can't connect to remote host (${addr}): Connection refused\n`);
      return 1;
    }
    // --spider reads no body, so no progress bar: `remote file exists` instead
    if (!quiet && !spider) throw new WebNotSimulated("wget: strata does not simulate wget's progress bar: use wget -q");
    const got = fetch(dial, url, 16, 'wget', { method: 'GET', agent: BUSYBOX_WGET_AGENT });
    if (got.kind === 'refused') {
      const a = got.url.host.toLowerCase() === 'localhost' ? '127.0.0.1' : got.url.host;
      ctx.stderr(`wget: can't connect to remote host (${a}): Connection refused\n`);
      return 1;
    }
    if (got.kind === 'too-many') {
      ctx.stderr('wget: too many redirections\n');
      return 1;
    }
    const res = got.response;
    if (res.status !== 200) {
      ctx.stderr(`wget: server returned error: HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}\n`);
      return 1;
    }
    if (spider) {
      if (!quiet) ctx.stderr('remote file exists\n');
      return 0;
    }
    if (output === '-') {
      ctx.stdout(res.body);
      return 0;
    }
    let file = output;
    if (file === undefined) {
      // named after the URL given, not where a redirect led
      const path = url.target.replace(/\?.*$/, '');
      file = path.endsWith('/') ? 'index.html' : basename(path);
      if (ctx.fs.exists(join(ctx.cwd, file))) {
        ctx.stderr(`wget: can't open '${file}': File exists\n`);
        return 1;
      }
    }
    const why = writeOut(ctx, file, res.body);
    if (why !== undefined) {
      ctx.stderr(`wget: can't open '${file}': ${STRERROR[why]}\n`);
      return 1;
    }
    return 0;
  });
}
