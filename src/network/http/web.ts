// Where a TCP connection from the host or from inside a container ends up: a stand-in's web
// server (server.ts), nothing (connection refused), or something strata does not simulate.
//
// From the host, localhost:PORT reaches a running container that publishes PORT (`-p PORT:80`),
// as docker-proxy and the NAT rules of a normal install forward it; a stopped container has
// released its ports (network/endpoints.ts), and with `--bridge=none` (the oracle) a container on
// the default network publishes nothing: refused, as on any port nothing listens on. A container
// on the host network listens on the host's own ports. Inside a container, localhost is its own
// network namespace: its server, or nothing.

import type { AccessRecord, Container, EngineState } from '../../engine/state.ts';
import { containerById } from '../../container/registry.ts';
import { networkByName } from '../store.ts';
import { containerFs } from '../../container/runtime-fs.ts';
import { FsError } from '../../fs/errors.ts';
import { containerList, runningContainers } from '../../container/registry.ts';
import { refuseIfUnfollowed } from '../../container/unfollowed.ts';
import { peekFindContainer } from '../../container/lookup.ts';
import { tablePeek } from '../../engine/table.ts';
import { webServer, WebNotSimulated, type HttpRequest, type HttpResponse, type WebServer } from './server.ts';

export type Endpoint = { kind: 'server'; server: WebServer } | { kind: 'refused' };

/** A connection's side: the host, or a container's network namespace. */
export type Origin = { kind: 'host' } | { kind: 'container'; container: Container };

/** An address of the loopback interface, as its family: IPv4 (127/8, and 0.0.0.0 which Linux connects to loopback) or IPv6. */
function loopback(host: string): 'v4' | 'v6' | 'both' | undefined {
  if (host.toLowerCase() === 'localhost') return 'both';
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === '0.0.0.0') return 'v4';
  if (host === '::1' || host === '::') return 'v6';
  return undefined;
}

/** Whether a binding on `hostIp` accepts a connection to a loopback address of `family`. */
function bindingAccepts(hostIp: string, family: 'v4' | 'v6' | 'both'): boolean {
  const v4 = hostIp === '' || hostIp === '0.0.0.0' || hostIp.startsWith('127.');
  const v6 = hostIp === '' || hostIp === '::' || hostIp === '::1';
  return family === 'both' ? v4 || v6 : family === 'v4' ? v4 : v6;
}

/** Where a TCP connection from `origin` to `host`:`port` goes. Throws WebNotSimulated. */
export function connect(st: EngineState, origin: Origin, host: string, port: number): Endpoint {
  if (origin.kind === 'container') {
    const c = origin.container;
    const mode = c.hostConfig.NetworkMode ?? '';
    if (mode === 'host') return connect(st, { kind: 'host' }, host, port);
    // `--network container:X` shares X's network namespace: its localhost is X's
    if (mode.startsWith('container:')) {
      const owner = peekFindContainer(st, mode.slice('container:'.length));
      if (owner !== undefined && owner.id !== c.id) return connect(st, { kind: 'container', container: owner }, host, port);
    }
    if (loopback(host) === undefined && host !== c.config.Hostname) {
      throw new WebNotSimulated(`strata does not simulate network access from a container to ${host}: only its own localhost`);
    }
    return own(st, c, port, loopback(host));
  }
  const family = loopback(host);
  if (family === undefined) throw new WebNotSimulated(`strata does not simulate network access from the host to ${host}: only localhost reaches the published ports`);
  // whether a container the daemon keeps restarting answers depends on timing (container/restart.ts)
  for (const c of containerList(st).filter((x) => x.unfollowed !== undefined)) {
    const published = (c.hostConfig.NetworkMode ?? '') === 'host' || Object.entries(c.hostConfig.PortBindings ?? {}).some(([, bs]) => (bs ?? []).some((b) => Number(b.HostPort) === port));
    if (published) refuseIfUnfollowed(c);
  }
  for (const c of runningContainers(st)) {
    if ((c.hostConfig.NetworkMode ?? '') === 'host') {
      const server = webServer(st, c);
      // (the host's curl to localhost tries ::1 first, which nginx's IPv6 listen also takes: unknown)
      if (server?.port === port) return answering(st, c, server, undefined);
      if (exposes(st, c, port)) throw new WebNotSimulated(`strata does not simulate what listens on port ${port}/tcp of container ${c.name} (on the host's network)`);
      continue;
    }
    const m = (c.ports ?? []).find((p) => p.hostPort === port && p.port.endsWith('/tcp') && bindingAccepts(p.hostIp, family));
    if (m === undefined) continue;
    const server = webServer(st, c);
    if (server !== undefined && `${server.port}/tcp` === m.port) return answering(st, c, server, proxySource(st, c));
    // docker-proxy (or the NAT rule) takes the connection and finds nothing listening behind it:
    // the client sees a reset or an empty reply, depending on timing
    throw new WebNotSimulated(`strata does not simulate what answers on port ${port}: container ${c.name} publishes it from its port ${m.port}, where no server strata simulates listens (only the nginx and httpd images' servers are)`);
  }
  return { kind: 'refused' };
}

/**
 * A server that answers, unless its container is paused: then the connection waits, a timeout
 * strata does not simulate. Each request it answers goes to its access log, which both images
 * send to the container's stdout (nginx's access.log is a link to /dev/stdout; httpd's
 * `CustomLog /proc/self/fd/1 common`): a record in the container's log that a normal install's
 * `docker logs` writes out (container/server-log.ts). The oracle's stand-ins serve nothing and log
 * nothing: `--busybox-stand-ins` records none.
 */
function answering(st: EngineState, c: Container, server: WebServer, client: string | undefined): Endpoint {
  if (c.state.paused) throw new WebNotSimulated(`strata does not simulate a request to a paused container (${c.name}): it waits until the client gives up`);
  if (st.busyboxStandIns === true || !accessToStdout(st, c, server)) return { kind: 'server', server };
  const id = c.id;
  const serve = (req: HttpRequest): HttpResponse => {
    const res = server.serve(req);
    const method = req.method ?? 'GET';
    const record: AccessRecord = { method, target: req.target, status: res.status, bytes: method === 'HEAD' ? 0 : res.body.length, agent: req.agent ?? '' };
    if (client !== undefined) record.client = client;
    containerById(st, id)?.logs.push({ stream: 'stdout', data: '', at: st.clock, request: record });
    return res;
  };
  return { kind: 'server', server: { ...server, serve } };
}

/**
 * Whether the access log reaches the container's stdout: httpd's packaged configuration writes
 * to /proc/self/fd/1; nginx's to /var/log/nginx/access.log, the image's link to /dev/stdout,
 * unless a mount over /var/log/nginx put a file there (then the line goes to the file, which
 * strata does not write).
 */
function accessToStdout(st: EngineState, c: Container, server: WebServer): boolean {
  if (server.kind === 'httpd') return true;
  try {
    return containerFs(st, c, { createMountpoints: false }).readlink('/var/log/nginx/access.log') === '/dev/stdout';
  } catch (e) {
    if (e instanceof FsError) return false;
    throw e;
  }
}

/**
 * The client's address as the server sees it, for a connection from the host to a published
 * port: docker-proxy (the userland proxy, on by default) takes loopback connections and dials the
 * container from the host's side of its bridge, so the source is the network's gateway
 * (172.17.0.1 on the default bridge). A container on several networks, or on one without a
 * gateway, leaves it unknown.
 */
function proxySource(st: EngineState, c: Container): string | undefined {
  const names = Object.keys(c.networks ?? {});
  if (names.length !== 1) return undefined;
  const gateway = networkByName(st, names[0])?.gateway;
  return gateway === undefined || gateway === '' ? undefined : gateway;
}

/** A port the image declares (EXPOSE): where its real program would listen. */
function exposes(st: EngineState, c: Container, port: number): boolean {
  return tablePeek(st.images, c.imageId)?.config.ExposedPorts?.[`${port}/tcp`] !== undefined;
}

/**
 * A connection to the container's own loopback (or its own host name: from its own address,
 * which the access log shows, unknown here). busybox wget resolves localhost to 127.0.0.1
 * (recorded: `Connecting to localhost:8080 (127.0.0.1:8080)`).
 */
function own(st: EngineState, c: Container, port: number, family: 'v4' | 'v6' | 'both' | undefined): Endpoint {
  const server = webServer(st, c);
  if (server?.port === port) return answering(st, c, server, family === undefined ? undefined : family === 'v6' ? '::1' : '127.0.0.1');
  if (exposes(st, c, port)) {
    throw new WebNotSimulated(`strata does not simulate what listens on port ${port}/tcp in container ${c.name}`);
  }
  return { kind: 'refused' };
}
