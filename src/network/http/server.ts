// What the web server of a catalog stand-in answers to a GET: the catalog's nginx and httpd images
// serve no HTTP themselves (catalog/nginx/SOURCES.md), so strata answers for them, from the
// container's file system as their worker process sees it (through its mounts: a bind, a volume,
// or the image's files under them), with the server's own rules and pages.
//
// A server runs while its stand-in's pid file exists in a running container (/run/nginx.pid,
// /usr/local/apache2/logs/httpd.pid: written at start, removed at stop), with the configuration
// its image ships; another configuration is refused by name.

import { sha256Hex } from '../../engine/ids.ts';
import type { Container, EngineState } from '../../engine/state.ts';
import { containerFs } from '../../container/runtime-fs.ts';
import { FsError } from '../../fs/errors.ts';
import type { Stat, Vfs } from '../../fs/vfs.ts';
import { httpdPage, nginxPage } from './pages.ts';

/** What a server answered. `location`: a redirect's Location header. */
export interface HttpResponse {
  status: number;
  body: string;
  location?: string;
}

/** A request as the server reads it: the request target (path and query) and the Host header. */
export interface HttpRequest {
  target: string;
  host: string;
  /** GET, or HEAD (GNU wget --spider): the servers answer both alike, the access log names it. */
  method?: 'GET' | 'HEAD';
  /** The User-Agent header the client sent (the access log shows it). */
  agent?: string;
}

/** The server a container runs, listening on `port` (tcp) inside the container. */
export interface WebServer {
  kind: 'nginx' | 'httpd';
  port: number;
  /** nginx's version, as in its pages (NGINX_VER). */
  version: string;
  serve(req: HttpRequest): HttpResponse;
}

/** A question strata declines to answer: the message says what it does not simulate. */
export class WebNotSimulated extends Error {}

const NGINX_PID = '/run/nginx.pid';
const HTTPD_PID = '/usr/local/apache2/logs/httpd.pid';

/**
 * sha256 of the packaged configuration files (catalog/nginx/files/nginx.conf, default.conf without
 * the `listen  [::]:80;` line the entrypoint's 10-listen-on-ipv6-by-default.sh adds, and
 * catalog/httpd/files/httpd.conf; test/network/http.test.ts checks them against the catalog).
 */
export const PACKAGED = {
  nginxConf: '4dee6b0c7c8278f6a9b827261c25d3215c9ea8955e41ff7fe3eabdd5297edce7',
  nginxDefault: '48801b39b849818cd0a79221fa1e2b60aa198453368fdd46071d4b9883f5777c',
  httpdConf: 'ee27299eed6fc0a7341e6d31a15ac22dd267b7011f68da0a656dbf5ba0641117',
};

/** The line 10-listen-on-ipv6-by-default.sh inserts after `listen       80;`. */
const IPV6_LISTEN = '\n    listen  [::]:80;';

/** The web server the running container `c` runs, if any. */
export function webServer(st: EngineState, c: Container): WebServer | undefined {
  if (c.state.status !== 'running') return undefined;
  const root = containerFs(st, c, { createMountpoints: false });
  if (exists(root, NGINX_PID)) return nginx(st, c, root);
  if (exists(root, HTTPD_PID)) return httpd(st, c, root);
  return undefined;
}

function exists(fs: Vfs, path: string): boolean {
  try {
    fs.lstat(path);
    return true;
  } catch (e) {
    if (e instanceof FsError) return false;
    throw e;
  }
}

function read(fs: Vfs, path: string): string | undefined {
  try {
    return fs.readFile(path);
  } catch (e) {
    if (e instanceof FsError) return undefined;
    throw e;
  }
}

function nginx(st: EngineState, c: Container, root: Vfs): WebServer {
  // nginx.conf: `include /etc/nginx/conf.d/*.conf;`, so every such file is configuration
  const changed = (what: string): WebNotSimulated =>
    new WebNotSimulated(`strata does not simulate nginx with another configuration than its image's (${what} in container ${c.name})`);
  if (sha256Hex(read(root, '/etc/nginx/nginx.conf') ?? '') !== PACKAGED.nginxConf) throw changed('/etc/nginx/nginx.conf');
  let confs: string[];
  try {
    confs = root.readdir('/etc/nginx/conf.d').filter((n) => n.endsWith('.conf'));
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    confs = [];
  }
  if (confs.length !== 1 || confs[0] !== 'default.conf') throw changed('/etc/nginx/conf.d');
  const conf = read(root, '/etc/nginx/conf.d/default.conf') ?? '';
  if (sha256Hex(conf.replace(IPV6_LISTEN, '')) !== PACKAGED.nginxDefault) throw changed('/etc/nginx/conf.d/default.conf');
  // the stand-in binary carries the version `nginx -v` prints (catalog Dockerfile's sed)
  const version = /^NGINX_BUILD_VERSION=(.*)$/m.exec(read(root, '/usr/sbin/nginx') ?? '')?.[1] ?? c.config.Env?.find((e) => e.startsWith('NGINX_VERSION='))?.slice(14) ?? '';
  // nginx.conf `user nginx;`: the workers run as nginx (101:101 in both images' /etc/passwd)
  const fs = containerFs(st, c, { createMountpoints: false, uid: 101, gid: 101, groups: [101] });
  return { kind: 'nginx', port: 80, version, serve: (req) => nginxServe(fs, req, version) };
}

function httpd(st: EngineState, c: Container, root: Vfs): WebServer {
  if (sha256Hex(read(root, '/usr/local/apache2/conf/httpd.conf') ?? '') !== PACKAGED.httpdConf) {
    throw new WebNotSimulated(`strata does not simulate httpd with another configuration than its image's (/usr/local/apache2/conf/httpd.conf in container ${c.name})`);
  }
  // httpd.conf `User www-data`, `Group www-data` (33:33, Debian's base-passwd)
  const fs = containerFs(st, c, { createMountpoints: false, uid: 33, gid: 33, groups: [33] });
  return { kind: 'httpd', port: 80, version: '', serve: (req) => httpdServe(fs, req) };
}

/**
 * The request target as a path below the document root: the query cut off, %XX decoded, empty
 * segments merged and dot segments resolved (nginx ngx_http_parse_complex_uri with merge_slashes
 * on; httpd ap_getparents and ap_no2slash). Undefined when `..` leaves the root or a NUL is
 * decoded (nginx: 400 Bad Request).
 */
export function requestPath(target: string): string | undefined {
  const q = target.indexOf('?');
  const raw = q < 0 ? target : target.slice(0, q);
  let decoded: string;
  try {
    decoded = raw.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const out: string[] = [];
  const parts = decoded.split('/');
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i];
    const last = i === parts.length - 1;
    if (p === '' || p === '.') {
      if (last) out.push('');
      continue;
    }
    if (p === '..') {
      if (out.length === 0 || (out.length === 1 && out[0] === '')) return undefined;
      if (out[out.length - 1] === '') out.pop();
      out.pop();
      if (last) out.push('');
      continue;
    }
    if (out[out.length - 1] === '') out.pop();
    out.push(p);
  }
  return '/' + out.join('/');
}

type Lookup = { ok: true; stat: Stat } | { ok: false; code: FsError['code'] };

function statAs(fs: Vfs, path: string): Lookup {
  try {
    return { ok: true, stat: fs.stat(path) };
  } catch (e) {
    if (e instanceof FsError) return { ok: false, code: e.code };
    throw e;
  }
}

function readAs(fs: Vfs, path: string): { ok: true; data: string } | { ok: false; code: FsError['code'] } {
  try {
    return { ok: true, data: fs.readFile(path) };
  } catch (e) {
    if (e instanceof FsError) return { ok: false, code: e.code };
    throw e;
  }
}

const NGINX_ROOT = '/usr/share/nginx/html';
const NGINX_INDEX = ['index.html', 'index.htm'];

/**
 * conf.d/default.conf: `location /` and `location = /50x.html`, both with root
 * /usr/share/nginx/html, `index index.html index.htm`; autoindex off. nginx/nginx release-1.31.3:
 * src/http/modules/ngx_http_index_module.c (a URI ending in `/`: the first index file that
 * exists, an internal redirect to it; ENOENT for all of them and the directory there: declined,
 * then ngx_http_core_content_phase's "directory index ... is forbidden", 403; the directory
 * missing: 404; EACCES: 403), src/http/modules/ngx_http_static_module.c (ENOENT, ENOTDIR: 404;
 * EACCES: 403; a directory: 301 to the URI with `/`; not a regular file: 404). The Location is
 * absolute (absolute_redirect on) with the Host header's name and nginx's own port, left out when
 * it is 80 (port_in_redirect on; ngx_http_header_filter_module.c).
 */
function nginxServe(fs: Vfs, req: HttpRequest, version: string): HttpResponse {
  const page = (status: 301 | 400 | 403 | 404, location?: string): HttpResponse => ({ status, body: nginxPage(status, version), ...(location ? { location } : {}) });
  const uri = requestPath(req.target);
  if (uri === undefined) return page(400);
  const query = req.target.includes('?') ? req.target.slice(req.target.indexOf('?')) : '';
  let path = uri;
  if (path.endsWith('/')) {
    let dirTested = false;
    let found: string | undefined;
    for (const index of NGINX_INDEX) {
      const r = statAs(fs, NGINX_ROOT + path + index);
      if (r.ok) {
        found = path + index;
        break;
      }
      if (r.code === 'ENOTDIR') return page(404);
      if (r.code === 'EACCES') return page(403);
      if (r.code === 'ELOOP') return page(403);
      if (!dirTested) {
        const d = statAs(fs, NGINX_ROOT + path);
        if (!d.ok && d.code === 'ENOENT') return page(404);
        if (!d.ok && d.code !== 'EACCES') throw internal(version);
        if (d.ok && d.stat.kind !== 'dir') throw internal(version);
        dirTested = true;
      }
      if (r.code !== 'ENOENT') throw internal(version);
    }
    if (found === undefined) return page(403);
    path = found;
  }
  const full = NGINX_ROOT + path;
  const s = statAs(fs, full);
  if (!s.ok) return s.code === 'EACCES' || s.code === 'ELOOP' ? page(403) : s.code === 'ENOENT' || s.code === 'ENOTDIR' ? page(404) : internal(version);
  if (s.stat.kind === 'dir') return page(301, `http://${hostName(req.host)}${encodeUriPath(path)}/${query}`);
  if (s.stat.kind !== 'file') return page(404);
  const data = readAs(fs, full);
  if (!data.ok) return data.code === 'EACCES' ? page(403) : page(404);
  return { status: 200, body: data.data };
}

/** A 500 (its page is default.conf's /50x.html, with status 500): not simulated. */
function internal(version: string): never {
  throw new WebNotSimulated(`strata does not simulate nginx/${version}'s internal server errors`);
}

/** The Host header's name without its port. */
function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const i = host.indexOf(':');
  return i < 0 ? host : host.slice(0, i);
}

/** ngx_escape_uri(NGX_ESCAPE_URI) / ap_os_escape_path: what a Location may not hold as is. */
function encodeUriPath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

const HTTPD_ROOT = '/usr/local/apache2/htdocs';

/**
 * httpd.conf: DocumentRoot /usr/local/apache2/htdocs, `DirectoryIndex index.html`, `Options
 * Indexes FollowSymLinks`, `<Files ".ht*"> Require all denied`. apache/httpd 2.4.x
 * (f45abec1bd20396cea777a411bd5975abefad279): server/request.c ap_directory_walk (a missing file:
 * 404; no search permission: 403), modules/mappers/mod_dir.c (a directory without `/`: 301 to it
 * with `/`, built by ap_construct_url with the Host header's name and port, UseCanonicalName Off;
 * with `/`: its DirectoryIndex file), modules/generators/mod_autoindex.c (a directory without
 * one: a listing, not simulated), server/core.c default_handler (an unreadable file: 403).
 */
function httpdServe(fs: Vfs, req: HttpRequest): HttpResponse {
  const page = (status: 301 | 403 | 404, location?: string): HttpResponse => ({ status, body: httpdPage(status, location), ...(location ? { location } : {}) });
  const uri = requestPath(req.target);
  if (uri === undefined) throw new WebNotSimulated('strata does not simulate what httpd answers to this request target');
  const query = req.target.includes('?') ? req.target.slice(req.target.indexOf('?')) : '';
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  if (name.startsWith('.ht')) return page(403);
  let path = uri;
  const s = statAs(fs, HTTPD_ROOT + path);
  if (!s.ok) return s.code === 'EACCES' ? page(403) : page(404);
  if (s.stat.kind === 'dir') {
    if (!path.endsWith('/')) return page(301, `http://${req.host}${encodeUriPath(path)}/${query}`);
    const index = statAs(fs, `${HTTPD_ROOT}${path}index.html`);
    if (!index.ok || index.stat.kind !== 'file') {
      if (!index.ok && index.code === 'EACCES') return page(403);
      throw new WebNotSimulated(`strata does not simulate httpd's directory listings (mod_autoindex, Options Indexes): ${path} has no index.html`);
    }
    path = `${path}index.html`;
  } else if (path.endsWith('/')) {
    return page(404);
  }
  if (s.ok && s.stat.kind !== 'dir' && s.stat.kind !== 'file') return page(403);
  const data = readAs(fs, HTTPD_ROOT + path);
  if (!data.ok) return data.code === 'EACCES' ? page(403) : page(404);
  return { status: 200, body: data.data };
}
