#!/usr/bin/env python3
"""A registry (Docker Registry HTTP API v2, pull only) on 127.0.0.1:PORT serving images of N small
layers, for recording compose's pull display on the oracle engine, which has no registry: the
daemon reaches a loopback registry without its proxy (Go's ProxyFromEnvironment never proxies
loopback hosts) and over HTTP (127.0.0.0/8 is an insecure registry by default).

  python3 fake-registry.py PORT NAME:LAYERS [NAME:LAYERS...]

serves NAME:latest with LAYERS layers (each a gzip tar of one file /NAME/N), as a schema 2 image
manifest; `--delay S` sleeps S seconds before each blob, as a slow network would."""
import gzip, hashlib, http.server, io, json, sys, tarfile, time

args = sys.argv[1:]
delay = 0.0
if args[0] == '--delay':
    delay = float(args[1]); args = args[2:]
port = int(args[0])
blobs, manifests = {}, {}

def add(data):
    d = 'sha256:' + hashlib.sha256(data).hexdigest()
    blobs[d] = data
    return d

for spec in args[1:]:
    name, n = spec.split(':')
    layers, diff_ids = [], []
    for i in range(int(n)):
        raw = io.BytesIO()
        with tarfile.open(fileobj=raw, mode='w', format=tarfile.USTAR_FORMAT) as t:
            body = f'{name} layer {i}\n'.encode()
            info = tarfile.TarInfo(f'{name}/{i}'); info.size = len(body); info.mtime = 0
            t.addfile(info, io.BytesIO(body))
        tar = raw.getvalue()
        diff_ids.append('sha256:' + hashlib.sha256(tar).hexdigest())
        gz = gzip.compress(tar, mtime=0)
        layers.append({'mediaType': 'application/vnd.docker.image.rootfs.diff.tar.gzip', 'size': len(gz), 'digest': add(gz)})
    config = json.dumps({'architecture': 'amd64', 'os': 'linux', 'config': {'Cmd': ['sh']},
                         'rootfs': {'type': 'layers', 'diff_ids': diff_ids}, 'history': [{'created_by': f'layer {i}'} for i in range(int(n))]}).encode()
    cd = add(config)
    manifest = json.dumps({'schemaVersion': 2, 'mediaType': 'application/vnd.docker.distribution.manifest.v2+json',
                           'config': {'mediaType': 'application/vnd.docker.container.image.v1+json', 'size': len(config), 'digest': cd},
                           'layers': layers}).encode()
    manifests[name] = manifest

class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def reply(self, code, body=b'', ctype='application/json', extra=None):
        self.send_response(code)
        self.send_header('Content-Type', ctype)
        self.send_header('Content-Length', str(len(body)))
        self.send_header('Docker-Distribution-API-Version', 'registry/2.0')
        for k, v in (extra or {}).items(): self.send_header(k, v)
        self.end_headers()
        if self.command != 'HEAD': self.wfile.write(body)
    def do_HEAD(self): self.do_GET()
    def do_GET(self):
        p = self.path.split('?')[0].split('/')
        if self.path.rstrip('/') == '/v2': return self.reply(200, b'{}')
        if len(p) == 5 and p[3] == 'manifests' and p[2] in manifests:
            m = manifests[p[2]]
            return self.reply(200, m, 'application/vnd.docker.distribution.manifest.v2+json', {'Docker-Content-Digest': 'sha256:' + hashlib.sha256(m).hexdigest()})
        if len(p) == 5 and p[3] == 'blobs' and p[4] in blobs:
            if delay: time.sleep(delay)
            return self.reply(200, blobs[p[4]], 'application/octet-stream', {'Docker-Content-Digest': p[4]})
        self.reply(404, b'{"errors":[{"code":"NOT_FOUND"}]}')

http.server.ThreadingHTTPServer(('127.0.0.1', port), H).serve_forever()
