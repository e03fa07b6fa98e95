// curl and wget against published ports and inside containers (src/network/http): what a normal
// install answers, which no recording can show (the oracle has no bridge: its published ports
// answer nothing, test/recorded/docker-*/web/). Each expected page is the servers' source text
// (nginx ngx_http_special_response.c, httpd http_protocol.c), each error line curl's, GNU wget's
// or busybox's (see src/network/http/clients.ts for the files).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import { sha256Hex } from '../../src/engine/ids.ts';
import { PACKAGED, requestPath } from '../../src/network/http/server.ts';
import { parseUrl } from '../../src/network/http/clients.ts';

const catalog = join(import.meta.dirname, '..', '..', 'catalog');

function session(images: string) {
  let st = initialState({ engine: 'docker-26.1' });
  const run = (line: string): string => {
    const r = execute(st, line);
    st = r.state;
    return r.output + (r.exitCode === 0 ? '' : `[exit ${r.exitCode}]\n`);
  };
  run(`docker pull -q ${images.split(' ')[0]} >/dev/null`);
  for (const ref of images.split(' ').slice(1)) run(`docker pull -q ${ref} >/dev/null`);
  return run;
}

const nginxPage = (title: string, version: string): string =>
  `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;

describe('the packaged configurations the servers are simulated with', () => {
  it('are the catalog files (and default.conf with the IPv6 line the entrypoint adds)', () => {
    const f = (p: string): string => readFileSync(join(catalog, p), 'latin1');
    expect(sha256Hex(f('nginx/files/nginx.conf'))).toBe(PACKAGED.nginxConf);
    expect(sha256Hex(f('nginx/files/default.conf'))).toBe(PACKAGED.nginxDefault);
    expect(sha256Hex(f('httpd/files/httpd.conf'))).toBe(PACKAGED.httpdConf);
  });
});

describe('request targets', () => {
  it('decodes, merges slashes and dot segments, and refuses to leave the root (nginx: 400)', () => {
    expect(requestPath('/a//b/./c?x=1')).toBe('/a/b/c');
    expect(requestPath('/a/b/../c/')).toBe('/a/c/');
    expect(requestPath('/%61bout.html')).toBe('/about.html');
    expect(requestPath('/..')).toBeUndefined();
    expect(requestPath('/a/%00')).toBeUndefined();
  });
  it('keeps a trailing slash, and a root-only path is the root', () => {
    const cases: [string, string | undefined][] = [
      ['/', '/'],
      ['/?x=1', '/'],
      ['//', '/'],
      ['/a/', '/a/'],
      ['/a/.', '/a/'],
      ['/a/b/..', '/a/'],
      ['/a/b/../', '/a/'],
      ['/a/./b', '/a/b'],
      ['/a//b//', '/a/b/'],
      ['/a/..', '/'],
      ['/a/../..', undefined],
      ['/../a', undefined],
      ['/./../a', undefined],
    ];
    for (const [target, path] of cases) expect(requestPath(target), target).toBe(path);
  });
  it('parses URLs as curl does: scheme guessed, fragment dropped, dot segments removed', () => {
    expect(parseUrl('localhost:8080/x/../about.html#top', 'curl')).toEqual({ authority: 'localhost:8080', host: 'localhost', port: 8080, target: '/about.html' });
    expect(parseUrl('http://[::1]/?q', 'curl')).toEqual({ authority: '[::1]', host: '::1', port: 80, target: '/?q' });
  });
});

describe('nginx behind a published port (a normal install)', () => {
  it('serves the bind-mounted directory: a host edit shows at once, no restart', () => {
    const run = session('nginx:latest');
    run("mkdir site && echo '<h1>Hello</h1>' > site/index.html && echo about > site/about.html");
    run('docker run -d --name web -p 8080:80 -v "$PWD/site":/usr/share/nginx/html:ro nginx');
    expect(run('curl -s localhost:8080')).toBe('<h1>Hello</h1>\n');
    expect(run('curl -s http://localhost:8080/about.html')).toBe('about\n');
    run("echo '<h1>Edited</h1>' > site/index.html");
    expect(run('curl -s http://127.0.0.1:8080/')).toBe('<h1>Edited</h1>\n');
    expect(run('docker exec web cat /usr/share/nginx/html/index.html')).toBe('<h1>Edited</h1>\n');
    expect(run('wget -qO- http://localhost:8080/about.html')).toBe('about\n');
  });

  it("answers with nginx's own pages, its version the image's (1.31.3 latest, 1.31.6 alpine)", () => {
    const run = session('nginx:latest nginx:alpine');
    run('mkdir -p site/empty site/dir && echo x > site/dir/index.htm && echo secret > site/secret.txt && chmod 600 site/secret.txt');
    run('docker run -d --name web -p 8080:80 -v "$PWD/site":/usr/share/nginx/html nginx');
    expect(run('curl -s localhost:8080/missing')).toBe(nginxPage('404 Not Found', '1.31.3'));
    // no index.html or index.htm in an existing directory: "directory index ... is forbidden"
    expect(run('curl -s localhost:8080/empty/')).toBe(nginxPage('403 Forbidden', '1.31.3'));
    expect(run('curl -s localhost:8080/nothere/')).toBe(nginxPage('404 Not Found', '1.31.3'));
    expect(run('curl -s localhost:8080/dir/')).toBe('x\n');
    // the worker runs as nginx (101): a root-only file is forbidden
    expect(run('curl -s localhost:8080/secret.txt')).toBe(nginxPage('403 Forbidden', '1.31.3'));
    // a directory without `/`: 301 to http://localhost/dir/ (nginx's own port 80), which -L follows to the host's port 80
    expect(run('curl -s localhost:8080/dir')).toBe(nginxPage('301 Moved Permanently', '1.31.3'));
    expect(run('curl -sSL localhost:8080/dir')).toBe("curl: (7) Failed to connect to localhost port 80 after 0 ms: Couldn't connect to server\n[exit 7]\n");
    expect(run('curl -sSf localhost:8080/missing')).toBe('curl: (22) The requested URL returned error: 404\n[exit 22]\n');
    expect(run('curl -s localhost:8080/missing; echo $?')).toContain('0\n');
    run('docker run -d --name alp -p 8081:80 nginx:alpine');
    expect(run('curl -s localhost:8081/missing')).toBe(nginxPage('404 Not Found', '1.31.6'));
  });

  it("shows the image's page where no mount shadows it, and a volume's copy of it", () => {
    const run = session('nginx:latest');
    run('docker run -d --name plain -p 8080:80 nginx');
    const welcome = run('docker exec plain cat /usr/share/nginx/html/index.html');
    expect(welcome).toContain('<title>Welcome to nginx!</title>');
    expect(run('curl -s localhost:8080')).toBe(welcome);
    run('docker run -d --name vol -p 8081:80 -v html:/usr/share/nginx/html nginx');
    run('docker exec vol sh -c "echo from-volume > /usr/share/nginx/html/index.html"');
    expect(run('curl -s localhost:8081')).toBe('from-volume\n');
    expect(run('curl -s localhost:8080')).toBe(welcome);
  });

  it('refuses the connection once the container stops, or where nothing is published', () => {
    const run = session('nginx:latest');
    run('docker run -d --name web -p 127.0.0.1:8080:80 nginx');
    expect(run('curl -s localhost:8080 >/dev/null; echo $?')).toBe('0\n');
    expect(run('curl -sS localhost:9999')).toBe("curl: (7) Failed to connect to localhost port 9999 after 0 ms: Couldn't connect to server\n[exit 7]\n");
    expect(run('curl -s localhost:9999')).toBe('[exit 7]\n');
    run('docker stop web');
    expect(run('curl -sS http://127.0.0.1:8080/')).toBe("curl: (7) Failed to connect to 127.0.0.1 port 8080 after 0 ms: Couldn't connect to server\n[exit 7]\n");
    expect(run('wget -qO- localhost:8080; echo $?')).toBe('4\n');
    // GNU wget opens -O FILE before it connects
    expect(run('wget -q -O page.html localhost:8080; wc -c < page.html')).toBe('0\n');
  });

  it('saves as wget does: the URL name, then .1; busybox wget inside sees its own nginx', () => {
    // busybox's wget is the alpine image's (nginx:latest, built on Debian, has no wget)
    const run = session('nginx:alpine');
    run('docker run -d --name web -p 8080:80 nginx:alpine');
    expect(run('wget -q localhost:8080/ && wget -q localhost:8080/ && ls')).toBe('index.html\nindex.html.1\n');
    expect(run('docker exec web wget -qO- http://localhost/50x.html')).toContain('<h1>An error occurred.</h1>');
    expect(run('docker exec web wget -qO- localhost/nope')).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n[exit 1]\n');
    expect(run('docker exec web wget -q localhost:81')).toBe("wget: can't connect to remote host (127.0.0.1): Connection refused\n[exit 1]\n");
    // --spider: the status alone, no file
    expect(run('docker exec -w /tmp web sh -c "wget --spider http://localhost/ && ls"')).toBe('Connecting to localhost (127.0.0.1:80)\nremote file exists\n');
    expect(run('docker exec web wget -q --spider localhost/nope')).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n[exit 1]\n');
    expect(run('wget -q --spider localhost:8080/; echo $?; wget -q --spider localhost:8080/nope; echo $?; ls')).toBe('0\n8\nindex.html\nindex.html.1\n');
  });

  it('answers a HEALTHCHECK that asks the server with busybox wget', () => {
    const run = session('nginx:alpine');
    run(`docker run -d --name web --health-cmd 'wget -q --spider http://localhost/ || exit 1' --health-interval 1s nginx:alpine`);
    run('sleep 3');
    expect(run("docker inspect -f '{{.State.Health.Status}} {{(index .State.Health.Log 0).ExitCode}}' web")).toBe('healthy 0\n');
    run(`docker run -d --name bad --health-cmd 'wget -q --spider http://localhost/missing || exit 1' --health-interval 1s nginx:alpine`);
    run('sleep 5');
    expect(run("docker inspect -f '{{.State.Health.Status}} {{(index .State.Health.Log 0).Output}}' bad")).toBe('unhealthy wget: server returned error: HTTP/1.1 404 Not Found\n\n');
  });

  it('writes -o FILE as curl does: the body, an empty file for an empty one, curl (23) where it cannot', () => {
    const run = session('nginx:alpine');
    run('mkdir site && : > site/empty.txt && echo hi > site/a.txt');
    run('docker run -d --name web -p 8080:80 -v "$PWD/site":/usr/share/nginx/html nginx:alpine');
    expect(run('curl -s -o out.txt localhost:8080/a.txt && cat out.txt')).toBe('hi\n');
    expect(run('curl -so empty.out localhost:8080/empty.txt && wc -c < empty.out')).toBe('0\n');
    expect(run('curl -sS -o nodir/x localhost:8080/a.txt')).toBe('curl: (23) Failure writing output to destination\n[exit 23]\n');
    expect(run('curl --no-progress-meter -o nodir/x localhost:8080/a.txt')).toBe(
      'Warning: Failed to open the file nodir/x: No such file or directory\ncurl: (23) Failure writing output to destination\n[exit 23]\n',
    );
    expect(run('curl -s -O localhost:8080/a.txt && cat a.txt')).toBe('hi\n');
    // GNU wget: an error page is exit 8 and no file, but -O FILE was made before connecting
    expect(run('wget -q localhost:8080/nope; echo $?; test -e nope || echo none')).toBe('8\nnone\n');
    expect(run('wget -q -O got.html localhost:8080/nope; echo $?; wc -c < got.html')).toBe('8\n0\n');
    // busybox wget: the default name must not exist (O_EXCL)
    run('docker exec web wget -q localhost/a.txt -O /tmp/a.txt');
    expect(run('docker exec -w /tmp web wget -q localhost/a.txt')).toBe("wget: can't open 'a.txt': File exists\n[exit 1]\n");
  });

  it("prints --write-out's status and size variables after the transfer, 000 without a response", () => {
    const run = session('nginx:latest');
    run('mkdir site && echo hello > site/index.html');
    run('docker run -d --name web -p 8080:80 -v "$PWD/site":/usr/share/nginx/html nginx');
    expect(run("curl -s -o /dev/null -w '%{http_code}\\n' localhost:8080")).toBe('200\n');
    expect(run("curl -s -o /dev/null -w '%{http_code} %{size_download}' localhost:8080/nope")).toBe('404 153');
    expect(run("curl -s -w ' %{response_code} 100%%\\t!\\q' localhost:8080")).toBe('hello\n 200 100%\t!\\q');
    expect(run("curl -sSf -w '%{http_code}\\n' localhost:8080/nope")).toBe('curl: (22) The requested URL returned error: 404\n404\n[exit 22]\n');
    expect(run("curl -s -w '%{http_code}\\n' localhost:9999")).toBe('000\n[exit 7]\n');
    expect(run('curl -s -X GET localhost:8080 && curl -sXGET localhost:8080')).toBe('hello\nhello\n');
    expect(run("curl -s -w '%{time_total}' localhost:8080")).toMatch(/^curl: strata does not simulate the --write-out variable %\{time_total\}/);
  });

  it('refuses what it cannot show by name: headers, the progress meter, changed configuration, other servers', () => {
    const run = session('nginx:latest nginx:alpine');
    run('docker run -d --name web -p 8080:80 nginx:alpine');
    for (const flag of ['-i', '-I', '-v', '--head', '-sI', '-D -', '-X POST', '-d x=1', '-H Host:x']) {
      expect(run(`curl ${flag} localhost:8080`)).toMatch(/^curl: strata does not simulate .*\n\[exit 125\]\n$/);
    }
    expect(run('curl localhost:8080')).toMatch(/^curl: strata does not simulate curl's progress meter.*\n\[exit 125\]\n$/);
    expect(run('wget -O- localhost:8080')).toMatch(/^wget: strata does not simulate wget's progress output.*\n\[exit 125\]\n$/);
    expect(run('docker exec web wget -S -qO- localhost')).toMatch(/^wget: strata does not simulate response headers/);
    run("echo 'server { listen 80; root /srv; }' > my.conf");
    run('docker run -d --name custom -p 8081:80 -v "$PWD/my.conf":/etc/nginx/conf.d/default.conf:ro nginx');
    expect(run('curl -s localhost:8081')).toMatch(/^curl: strata does not simulate nginx with another configuration than its image's \(\/etc\/nginx\/conf.d\/default.conf in container custom\)\n/);
    run('docker run -d --name idle -p 8082:80 nginx sleep 1000');
    expect(run('curl -s localhost:8082')).toMatch(/^curl: strata does not simulate what answers on port 8082: container idle publishes it from its port 80\/tcp/);
    expect(run('curl -s http://example.com/')).toMatch(/^curl: strata does not simulate network access from the host to example.com/);
  });
});

describe('where the host finds the server', () => {
  it('a --network host container listens on the host\'s own port; curl and wget are /usr/bin programs of the host', () => {
    const run = session('nginx:latest');
    run('docker run -d --name hostnet --network host nginx');
    expect(run('curl -s localhost/nope | tr -d "\\r" | head -2')).toBe('<html>\n<head><title>404 Not Found</title></head>\n');
    expect(run('which curl wget')).toBe('/usr/bin/curl\n/usr/bin/wget\n');
    expect(run('docker run --rm busybox which curl')).toBe('[exit 1]\n');
  });

  it("a container on another's network (container:web) reaches its server on localhost; a paused one is refused by name", () => {
    const run = session('nginx:latest');
    run('docker run -d --name web nginx');
    expect(run('docker run --rm --network container:web busybox wget -qO- localhost/50x.html')).toContain('<h1>An error occurred.</h1>');
    expect(run('docker run --rm busybox wget -qO- localhost/50x.html')).toBe("wget: can't connect to remote host (127.0.0.1): Connection refused\n[exit 1]\n");
    run('docker run -d --name pub -p 8080:80 nginx');
    run('docker pause pub');
    expect(run('curl -s localhost:8080')).toMatch(/^curl: strata does not simulate a request to a paused container \(pub\)/);
    run('docker unpause pub');
    expect(run('curl -s localhost:8080/x')).toContain('404 Not Found');
  });
});

describe('nginx: the rules of its index and static modules, one by one', () => {
  it('maps each error of stat and open to its page, as ngx_http_index_module and ngx_http_static_module do', () => {
    const run = session('nginx:latest');
    run('mkdir -p site/locked site/open site/idxdir/index.html && echo a > site/a.txt && echo in > site/locked/index.html && chmod 700 site/locked && echo o > site/open/index.htm');
    run('ln -s loop1 site/loop2 && ln -s loop2 site/loop1 && ln -s a.txt site/link.txt');
    run('docker run -d --name web --network host -v "$PWD/site":/usr/share/nginx/html nginx');
    const page = (t: string): string => nginxPage(t, '1.31.3');
    // a directory nginx may not search: its index is forbidden
    expect(run('curl -s localhost/locked/')).toBe(page('403 Forbidden'));
    expect(run('curl -s localhost/locked/index.html')).toBe(page('403 Forbidden'));
    // index.htm when there is no index.html
    expect(run('curl -s localhost/open/')).toBe('o\n');
    // a file where a directory is expected
    expect(run('curl -s localhost/a.txt/')).toBe(page('404 Not Found'));
    expect(run('curl -s localhost/a.txt/x')).toBe(page('404 Not Found'));
    // a symlink is followed; a loop of them is forbidden (ELOOP)
    expect(run('curl -s localhost/link.txt')).toBe('a\n');
    expect(run('curl -s localhost/loop1')).toBe(page('403 Forbidden'));
    // an index "file" that is a directory: the redirect to it, then 301 with its own `/`
    expect(run('curl -s localhost/idxdir/')).toBe(page('301 Moved Permanently'));
    // on the host's network nginx's port 80 is the host's: -L follows the Location, query kept
    expect(run('curl -sL "localhost/open?x=1"')).toBe('o\n');
    expect(run('curl -s localhost/%61.txt')).toBe('a\n');
    // curl removes dot segments itself; with --path-as-is nginx sees `..` above its root
    expect(run('curl -s localhost/x/../a.txt')).toBe('a\n');
    expect(run('curl -s --path-as-is localhost/../a.txt')).toBe(page('400 Bad Request'));
  });

  it('publishes on the addresses -p names: 127.0.0.1 only is not ::1', () => {
    const run = session('nginx:latest');
    run('docker run -d --name v4 -p 127.0.0.1:8080:80 nginx');
    expect(run('curl -s http://127.0.0.1:8080/x')).toBe(nginxPage('404 Not Found', '1.31.3'));
    expect(run('curl -s http://127.0.0.2:8080/x')).toBe(nginxPage('404 Not Found', '1.31.3'));
    expect(run('curl -sS "http://[::1]:8080/x"')).toBe("curl: (7) Failed to connect to ::1 port 8080 after 0 ms: Couldn't connect to server\n[exit 7]\n");
    run('docker run -d --name v6 -p "[::1]:8081:80" nginx');
    expect(run('curl -s "http://[::1]:8081/x"')).toBe(nginxPage('404 Not Found', '1.31.3'));
    expect(run('curl -s http://127.0.0.1:8081/x')).toBe('[exit 7]\n');
    expect(run('curl -s http://localhost:8081/x')).toBe(nginxPage('404 Not Found', '1.31.3'));
  });
});

describe('what strata will not answer for', () => {
  it('an nginx configuration that is not the image\'s, a server on another port, a port the image exposes with no server', () => {
    const run = session('nginx:latest');
    run("echo 'server { listen 81; }' > extra.conf && echo '# kept' > note.txt");
    run('docker run -d --name extra -p 8080:80 -v "$PWD/extra.conf":/etc/nginx/conf.d/extra.conf:ro nginx');
    expect(run('curl -s localhost:8080')).toMatch(/^curl: strata does not simulate nginx with another configuration than its image's \(\/etc\/nginx\/conf.d in container extra\)/);
    // only *.conf files are configuration
    run('docker run -d --name note -p 8081:80 -v "$PWD/note.txt":/etc/nginx/conf.d/note.txt:ro nginx');
    expect(run('curl -s localhost:8081/x')).toBe(nginxPage('404 Not Found', '1.31.3'));
    run('docker run -d --name main -p 8082:80 -v "$PWD/extra.conf":/etc/nginx/nginx.conf:ro nginx');
    expect(run('curl -s localhost:8082')).toMatch(/^curl: strata does not simulate nginx with another configuration than its image's \(\/etc\/nginx\/nginx.conf in container main\)/);
    // nginx listens on 80: a container port 8080 has nothing behind it
    run('docker run -d --name wrongport -p 8083:8080 nginx');
    expect(run('curl -s localhost:8083')).toMatch(/^curl: strata does not simulate what answers on port 8083: container wrongport publishes it from its port 8080\/tcp/);
    // the host's own network: nginx's port 80 is the host's; nginx's image without its server exposes 80
    run('docker run -d --name idle --network host nginx sleep 1000');
    expect(run('curl -s localhost/')).toMatch(/^curl: strata does not simulate what listens on port 80\/tcp of container idle \(on the host's network\)/);
    expect(run('curl -s localhost:9/')).toBe('[exit 7]\n');
    run('docker run -d --name idle2 nginx:alpine sleep 1000');
    expect(run('docker exec idle2 wget -qO- localhost')).toMatch(/^wget: strata does not simulate what listens on port 80\/tcp in container idle2/);
    expect(run('docker exec idle2 wget -qO- http://other/')).toMatch(/^wget: strata does not simulate network access from a container to other/);
  });

  it('every loopback address reaches the published ports; a container reaches itself by its host name', () => {
    const run = session('nginx:latest');
    run('docker run -d --name web -p 8080:80 nginx');
    for (const url of ['http://0.0.0.0:8080/x', 'http://[::]:8080/x', 'http://127.1.2.3:8080/x', 'http://LOCALHOST:8080/x']) {
      expect(run(`curl -s '${url}'`), url).toBe(nginxPage('404 Not Found', '1.31.3'));
    }
    expect(run("curl -sS 'http://127.0.0.1.5:8080/x'")).toMatch(/^curl: strata does not simulate network access from the host to 127.0.0.1.5/);
    run('docker run -d --name alp nginx:alpine');
    expect(run(`docker exec alp sh -c 'wget -qO- http://$(hostname)/nope'`)).toBe('wget: server returned error: HTTP/1.1 404 Not Found\n[exit 1]\n');
  });
});

describe('httpd behind a published port', () => {
  it("serves htdocs ('It works!'), with httpd's pages and mod_dir's redirect to the Host's port", () => {
    const run = session('httpd:latest');
    run('docker run -d --name web -p 8080:80 httpd');
    expect(run('curl -s localhost:8080')).toBe('<html><body><h1>It works!</h1></body></html>\n');
    expect(run('curl -s localhost:8080/nope')).toBe(
      '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n',
    );
    run('mkdir -p site/sub && echo in-sub > site/sub/index.html');
    run('docker run -d --name bound -p 8081:80 -v "$PWD/site":/usr/local/apache2/htdocs httpd');
    expect(run('curl -s localhost:8081/sub')).toContain('<p>The document has moved <a href="http://localhost:8081/sub/">here</a>.</p>\n');
    expect(run('curl -sL localhost:8081/sub')).toBe('in-sub\n');
    expect(run('curl -s localhost:8081/.htaccess')).toContain("<p>You don't have permission to access this resource.</p>\n");
  });

  it("forbids what www-data may not read, refuses a directory listing, 404s a file with a trailing slash", () => {
    const run = session('httpd:latest');
    run('mkdir -p site/locked site/list && echo a > site/a.txt && echo s > site/secret.txt && chmod 600 site/secret.txt && echo in > site/locked/index.html && chmod 700 site/locked && echo p > site/.htpasswd');
    run('docker run -d --name web -p 8080:80 -v "$PWD/site":/usr/local/apache2/htdocs httpd');
    const forbidden = run('curl -s localhost:8080/.htpasswd');
    expect(forbidden).toContain('<title>403 Forbidden</title>');
    expect(run('curl -s localhost:8080/secret.txt')).toBe(forbidden);
    expect(run('curl -s localhost:8080/locked/')).toBe(forbidden);
    expect(run('curl -s localhost:8080/locked/index.html')).toBe(forbidden);
    expect(run('curl -s localhost:8080/a.txt')).toBe('a\n');
    expect(run('curl -s localhost:8080/a.txt/')).toContain('<title>404 Not Found</title>');
    expect(run('curl -s localhost:8080/list/')).toMatch(/^curl: strata does not simulate httpd's directory listings \(mod_autoindex, Options Indexes\): \/list\/ has no index.html\n/);
    expect(run('curl -s "localhost:8080/list?x=1"')).toContain('<a href="http://localhost:8080/list/?x=1">here</a>');
    expect(run('curl -s localhost:8080/../a.txt')).toBe('a\n');
    expect(run('curl -s --path-as-is localhost:8080/../a.txt')).toMatch(/^curl: strata does not simulate what httpd answers to this request target/);
    run("echo 'ServerName x' >> conf.txt");
    run('docker run -d --name conf -p 8081:80 -v "$PWD/conf.txt":/usr/local/apache2/conf/httpd.conf:ro httpd');
    expect(run('curl -s localhost:8081')).toMatch(/^curl: strata does not simulate httpd with another configuration than its image's/);
  });
});
