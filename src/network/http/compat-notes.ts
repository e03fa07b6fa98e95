// The hand-written part of docs/compat.md about curl and wget against published ports and inside
// containers (src/network/http).

export const WEB_NOTES = `
## curl and wget: what the nginx and httpd stand-ins serve

Tutorials check a web server with \`curl localhost:8080\` (or \`wget -qO- http://localhost:8080\`)
after \`docker run -d -p 8080:80 -v "$PWD/site":/usr/share/nginx/html:ro nginx\`. The catalog's
nginx and httpd images serve no HTTP themselves (\`catalog/nginx/SOURCES.md\`), so strata answers for
them (\`src/network/http/\`): the host's \`curl\` (7.88.1, Debian 12's, the recording host's) and GNU
\`wget\` (1.21.3), and busybox's \`wget\` (1.35) in containers, get a file of the server's document
root **as the container sees it through its mounts** (a bind, a volume, or the image's own files
where no mount shadows them), read at the moment of the request: a file edited on the host shows at
once, without a restart, because a bind is the host's directory.

| what | simulated | source |
| --- | --- | --- |
| where \`localhost:PORT\` (\`127.0.0.1\`, \`::1\`, \`0.0.0.0\`) leads from the host | a running container publishing PORT (\`docker port\`), a \`--network host\` container's own port; anything else: \`curl: (7) Failed to connect to localhost port PORT after 0 ms: Couldn't connect to server\` (exit 7; \`-s\` prints nothing), GNU wget exit 4. A stopped container has released its ports; with \`--bridge=none\` (the oracle) a container on the default network publishes nothing, so there every such check is refused (recorded: \`web/nginx-bind-curl-no-bridge\`). The milliseconds are how long the attempt took: 0 on an idle machine, more under load. Ubuntu 24.04's curl 8.5.0 prints the same line; from curl 8.9.0 on (Debian 13's 8.14.1) it ends \`Could not connect to server\` | curl \`lib/connect.c\`, \`lib/strerror.c\` (curl-7_88_1, curl-8_5_0, curl-8_9_0); wget \`src/exits.h\` |
| the server | a running container whose stand-in wrote its pid file (\`/run/nginx.pid\`, \`/usr/local/apache2/logs/httpd.pid\`), listening on 80, with its image's configuration; another \`nginx.conf\`, \`conf.d/*.conf\` or \`httpd.conf\` is refused by name | \`catalog/nginx/files/nginx\`, \`catalog/httpd/files/httpd\`; recorded inside the containers: \`web/nginx-worker-view\` (the pid files, the packaged root, index and user, a root-only file the worker cannot read) |
| nginx | root \`/usr/share/nginx/html\`, \`index index.html index.htm\`, autoindex off, workers as \`nginx\` (101): a file, its 404 and 403 pages (a directory without an index file, a file or directory the worker may not read), a directory without \`/\`: 301 to \`http://HOST/DIR/\` with nginx's own port 80 left out (so \`curl -L localhost:8080/dir\` goes to the host's port 80), a \`..\` above the root: 400. Pages end their lines with CRLF and name \`nginx/VERSION\`, the image's (1.31.3 \`latest\`, 1.31.6 \`alpine\`) | nginx \`src/http/ngx_http_special_response.c\`, \`modules/ngx_http_index_module.c\`, \`modules/ngx_http_static_module.c\`, \`ngx_http_core_module.c\` (release-1.31.3) |
| httpd | \`htdocs\` (\`It works!\`), \`DirectoryIndex index.html\`, workers as \`www-data\` (33), \`.ht*\` files 403, its 404 and 403 pages (no signature: \`ServerSignature\` is off), a directory without \`/\`: 301 to \`http://HOST:PORT/DIR/\` (the Host header's port). A directory without an index file is a listing (\`Options Indexes\`): refused by name | httpd \`modules/http/http_protocol.c\`, \`modules/mappers/mod_dir.c\` (2.4.x) |
| curl options | \`-s\`, \`-S\`, \`-f\` (\`curl: (22) The requested URL returned error: 404\`), \`-L\` (50 redirects), \`-o FILE\`, \`-O\`, \`--no-progress-meter\`, \`--path-as-is\`, \`-w\` with \`%{http_code}\` (\`000\` without a response), \`%{response_code}\`, \`%{size_download}\` (its other variables are times, headers and addresses: refused); timeouts, \`-k\`, \`--compressed\` change nothing shown | curl \`lib/http.c\`, \`src/tool_operate.c\`, \`src/tool_writeout.c\` |
| GNU wget | \`-q\` with \`-O FILE\` (made empty before connecting, so a failed download leaves it), \`-O -\`, or the URL's file name (\`index.html\`, then \`index.html.1\`); exit 8 for an error page; 20 redirects; \`-q --spider\`: the status alone | wget \`src/main.c\`, \`src/url.c\`, \`src/retr.c\` |
| busybox wget in a container | its own localhost (with \`--network container:X\`, X's; with \`--network host\`, the host's): the container's server, or \`wget: can't connect to remote host (127.0.0.1): Connection refused\` (exit 1; without \`-q\` after \`Connecting to localhost:8080 (127.0.0.1:8080)\`, recorded: \`web/busybox-wget-nothing-listens\`, and as a health check's output: \`web/health-wget-spider-nothing-listens\`), \`wget: server returned error: HTTP/1.1 404 Not Found\`; \`--spider\` (the usual \`HEALTHCHECK CMD wget -q --spider http://localhost/ || exit 1\`): the status alone, \`remote file exists\` without \`-q\`; a port the image \`EXPOSE\`s with no simulated server is refused by name | busybox \`networking/wget.c\`, \`libbb/xconnect.c\` (1_35_0) |

Refused by name (\`strata does not simulate ...\`, exit 125), because the oracle has no network to
record them from and strata does not invent them: response headers and anything showing them (\`-i\`,
\`-I\`/\`--head\`, \`-v\`, \`-D\`, \`--trace\`, wget \`-S\`), requests other than GET
(\`-X\`, \`-d\`, \`-F\`, \`-T\`), request headers, cookies, proxies, https, hosts other than localhost
(other containers by name or address, the internet), several URLs in one command, a paused container's server (the
connection waits until the client gives up), and a published
port whose container has no simulated server behind it (docker-proxy takes the connection, then the
client sees a reset or an empty reply depending on timing). **Progress meters** too: curl prints its
meter on stderr whenever its output is not a terminal, as in every recording, and it shows speeds
and times; so \`curl\` needs \`-s\` (or \`--no-progress-meter\`) and wget \`-q\`. On a terminal, plain
\`curl localhost:8080\` prints the page alone, and a meter sent to \`/dev/null\` (\`2>/dev/null\`) is
seen by nobody: the transfer runs.

Each request a server answers writes its access log line to \`docker logs\` in a normal install
(docs/compat.md, "docker logs of postgres, nginx, ..."; the oracle's stand-ins log none). Not
simulated: MIME types, caching headers, HTTP/2, keep-alive, \`error_page\` targets (a 500 would show
\`/50x.html\`: refused), and \`curl\` inside the nginx images (the real ones have it; the stand-ins,
built on busybox, do not).
`;
