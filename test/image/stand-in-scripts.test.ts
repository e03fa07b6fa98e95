// The python and node stand-ins run no code: an existing script is taken for a server (the
// container keeps running, its log empty) only when its text shows a server and nothing else the
// stand-in cannot do; any other script is refused by name (exit 125). The rule and why:
// catalog/python/SOURCES.md and catalog/node/SOURCES.md ("Programs"). Each case below states which
// side of that rule a script is on, from the rule's own terms (a call that serves, what it loads,
// what it writes or prints), never from strata's output.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

type Expected = 'server' | 'refused';

/** A detached container of IMAGE running `program file` on a host file holding TEXT. */
function outcome(image: string, program: string, text: string, options = ''): { kind: Expected; output: string } {
  const d = new SimulatedDocker({ engine: 'docker-26.1' });
  expect(d.run(`docker pull -q ${image}`).exitCode).toBe(0);
  const file = program.startsWith('python') ? 'app.py' : 'app.js';
  // the text reaches the host file through printf's %s: no escapes of its own are read
  const quoted = `'${text.replaceAll("'", `'\\''`)}'`;
  expect(d.run(`mkdir -p app && printf '%s\\n' ${quoted} > app/${file}`).exitCode).toBe(0);
  const run = d.run(`docker run -d --name web ${options} -v $(pwd)/app:/app -w /app ${image} ${program} ${file}`);
  if (run.exitCode === 125) return { kind: 'refused', output: run.output };
  expect(run.exitCode, run.output).toBe(0);
  expect(d.run(`docker inspect -f '{{.State.Status}}' web`).output).toBe('running\n');
  expect(d.run('docker logs web').output).toBe('');
  return { kind: 'server', output: run.output };
}

describe('python: an existing script is a server only when it only serves', () => {
  const cases: [string, string, Expected, string?][] = [
    ['a socketserver', 'import http.server as hs, socketserver\nsocketserver.TCPServer(("", 8000), hs.SimpleHTTPRequestHandler).serve_forever()', 'server'],
    ['an asyncio server', 'import asyncio\nasync def main():\n    s = await asyncio.start_server(lambda r, w: None, "", 8000)\n    await s.serve_forever()\nasyncio.run(main())', 'server'],
    ['print into the block buffer of a server', 'import http.server\nprint("up")\nhttp.server.HTTPServer(("", 8000), http.server.SimpleHTTPRequestHandler).serve_forever()', 'server'],
    ['a script that prints and exits', 'print("hello")', 'refused'],
    ['an empty script', '# nothing yet', 'refused'],
    ['a server that writes a file', 'import http.server\nopen("/app/started", "w").write("1")\nhttp.server.HTTPServer(("", 8000), http.server.SimpleHTTPRequestHandler).serve_forever()', 'refused'],
    ['a server that logs', 'import http.server, logging\nlogging.warning("up")\nhttp.server.HTTPServer(("", 8000), http.server.SimpleHTTPRequestHandler).serve_forever()', 'refused'],
    ['a Flask app (no packages in the image)', 'from flask import Flask\napp = Flask(__name__)\napp.run(host="0.0.0.0")', 'refused'],
    ['a standard-library server that also imports a package', 'import os, requests\nimport http.server\nhttp.server.HTTPServer(("", 8000), http.server.SimpleHTTPRequestHandler).serve_forever()', 'refused'],
    ['print with flush', 'import http.server\nprint("up", flush=True)\nhttp.server.HTTPServer(("", 8000), http.server.SimpleHTTPRequestHandler).serve_forever()', 'refused'],
    ['print with python -u', 'import http.server\nprint("up")\nhttp.server.HTTPServer(("", 8000), http.server.SimpleHTTPRequestHandler).serve_forever()', 'refused', '-u'],
    ['print with -u among combined flags (python -Bu)', 'import http.server\nprint("up")\nhttp.server.HTTPServer(("", 8000), http.server.SimpleHTTPRequestHandler).serve_forever()', 'refused', '-Bu'],
    ['print with python -B (buffered)', 'import http.server\nprint("up")\nhttp.server.HTTPServer(("", 8000), http.server.SimpleHTTPRequestHandler).serve_forever()', 'server', '-B'],
    ['print with PYTHONUNBUFFERED', 'import http.server\nprint("up")\nhttp.server.HTTPServer(("", 8000), http.server.SimpleHTTPRequestHandler).serve_forever()', 'refused', 'env'],
  ];
  it.each(cases)('%s', (_name, text, expected, how) => {
    const program = how?.startsWith('-') ? `python ${how}` : 'python';
    const options = how === 'env' ? '-e PYTHONUNBUFFERED=1' : '';
    const got = outcome('python:3.12-slim', program, text, options);
    expect(got.kind).toBe(expected);
    if (expected === 'refused') expect(got.output).toContain('strata does not simulate `python app.py`: the python stand-in runs no Python');
  });
});

// CPython reads its options with its own getopt (Python/getopt.c; `python --help` lists them):
// one-letter options combine in one word (`-uB`), and -c, -m, -W and -X take the rest of their word
// or the next word as their argument; -c and -m end the options. -V prints the version (catalog.json's
// PYTHON_VERSION of the tag) after the options are read.
describe('python: combined short options are read as CPython reads them', () => {
  const version = (JSON.parse(readFileSync(new URL('../../catalog/python/catalog.json', import.meta.url), 'utf8')) as { tags: Record<string, { vars?: Record<string, string> }> }).tags['3.12-slim'].vars?.PYTHON_VERSION;
  const cases: [string, string, number][] = [
    ['python -uc "print(1)"', 'strata does not simulate `python -c`', 125],
    ['python -u -c "print(1)"', 'strata does not simulate `python -c`', 125],
    ['python -c"print(1)"', 'strata does not simulate `python -c`', 125],
    ['python -Wignore -m venv env', 'strata does not simulate `python -m venv`', 125],
    ['python -Bmvenv env', 'strata does not simulate `python -m venv`', 125],
    ['python -uV', `Python ${version}\n`, 0],
    ['python -I -V', `Python ${version}\n`, 0],
    ['python -uB missing.py', "python: can't open file '//missing.py': [Errno 2] No such file or directory\n", 2],
  ];
  it.each(cases)('%s', (command, expected, status) => {
    expect(version).toMatch(/^3\.12\.\d+$/);
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(d.run('docker pull -q python:3.12-slim').exitCode).toBe(0);
    const r = d.run(`docker run --rm python:3.12-slim ${command}`);
    expect(r.exitCode, r.output).toBe(status);
    if (status === 125) expect(r.output).toContain(expected);
    else expect(r.output).toBe(expected);
  });
});

describe('node: an existing script is a server only when it only serves', () => {
  const cases: [string, string, Expected][] = [
    ['an http server', "require('http').createServer((q, r) => r.end('hi')).listen(3000)", 'server'],
    ['an ES module server on node:http', "import { createServer } from 'node:http';\ncreateServer((q, r) => r.end('hi')).listen(3000);", 'server'],
    ['a script that prints and exits', "console.log('hi')", 'refused'],
    ['a server that logs its port', "require('http').createServer((q, r) => r.end('hi')).listen(3000, () => console.log('listening'))", 'refused'],
    ['a server that writes into a volume', "const fs = require('fs');\nfs.writeFileSync('/data/started', '1');\nrequire('http').createServer((q, r) => r.end('hi')).listen(3000)", 'refused'],
    ['an express app (npm install cannot run)', "const app = require('express')();\napp.listen(3000)", 'refused'],
    ['a comment only', '// server', 'refused'],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    const got = outcome('node:20-alpine', 'node', text);
    expect(got.kind).toBe(expected);
    if (expected === 'refused') expect(got.output).toContain('strata does not simulate `node app.js`: the node stand-in runs no JavaScript');
  });
});
