// Inputs of the fuzz campaign (`npm run test:fuzz`): every input is a function of the campaign's
// seed and the input's index alone, so any input can be made again from `SEED:INDEX`.
//
// Kinds of input (weights in KINDS): mutations of the recorded corpora (tokens, docker flags,
// paths, quoting, bytes, whole lines), generated Dockerfiles, deep and wide trees, docker
// command lines built from the commands' own flag specs, hostile shell (budgets), and scenario
// files built from the format's line kinds.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findScenarios } from '../../src/cli/files.ts';
import { COMMANDS, REFUSED } from '../../src/docker/commands/index.ts';
import type { FlagSpec } from '../../src/docker/args.ts';
import { commandSteps, parseScenario, type EngineName, type Scenario } from '../../src/scenario/index.ts';

// ---------------------------------------------------------------------------------------------
// Randomness from (seed, index)

/** A small fast PRNG (mulberry32). */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

/** The PRNG of input `index` of campaign `seed` (splitmix-style mixing: neighbours differ). */
export function rngFor(seed: number, index: number): Rng {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return new Rng((h ^ (h >>> 16)) >>> 0);
}

// ---------------------------------------------------------------------------------------------
// The corpora

const ROOT = join(import.meta.dirname, '..', '..');

interface CorpusFile {
  path: string;
  text: string;
  scenario: Scenario;
}

let corpusCache: CorpusFile[] | undefined;
/** Every recorded scenario that parses (a file someone is editing right now is left out). */
export function corpus(): CorpusFile[] {
  if (corpusCache) return corpusCache;
  const { files } = findScenarios([join(ROOT, 'test', 'conformance'), join(ROOT, 'test', 'recorded'), join(ROOT, 'scenarios')]);
  corpusCache = [];
  for (const path of files) {
    try {
      const text = readFileSync(path, 'utf8');
      corpusCache.push({ path, text, scenario: parseScenario(text, path) });
    } catch {
      // unreadable or being edited: not used
    }
  }
  return corpusCache;
}

let tokenCache: { words: string[]; flags: string[]; paths: string[] } | undefined;
/** Words of the corpus commands: all, docker flags, and path-like ones. */
function corpusTokens(): { words: string[]; flags: string[]; paths: string[] } {
  if (tokenCache) return tokenCache;
  const words = new Set<string>();
  for (const f of corpus()) for (const st of commandSteps(f.scenario)) for (const w of st.command.split(/\s+/)) if (w !== '' && w.length < 80) words.add(w);
  const all = [...words].sort();
  tokenCache = { words: all, flags: all.filter((w) => w.startsWith('-')), paths: all.filter((w) => w.includes('/')) };
  return tokenCache;
}

// ---------------------------------------------------------------------------------------------
// Pools

const HOSTILE_VALUES = [
  '', ' ', '.', '..', '../..', '/', '//', '/.', '/..', '/etc', '/etc/passwd', '/proc/self/fd/0', '/dev/zero', '/dev/null', '/dev/urandom',
  '/tmp', '/data', '/data/../..', '-', '--', '-x', '--bogus', '=', 'a=b', '=b', 'a=', ':', '::', 'a:b:c:d', 'v1:/data:ro,z', '/x:/y:bogus',
  'type=volume,dst=/d', 'type=bind,src=/,dst=/h', 'type=tmpfs,dst=/t,tmpfs-size=1', 'type=nope', 'src=,dst=', '0', '-1', '1e9', '99999999999999999999',
  '0x10', '3.5', '{{json .}}', '{{.Nope}}', '{{', '{{range .Mounts}}{{.Source}}{{end}}', 'table {{.Name}}', '*', '?', '[a-', '$x', '${x', '$(echo hi)',
  '`id`', "'", '"', '\\', 'é', '日本', '🐳', '\t', 'x'.repeat(255), 'x'.repeat(256), 'a b', 'A', 'NoPe', 'busybox', 'busybox:latest', 'busybox:1',
  'scratch', 'alpine', 'nginx:latest', 'c1', 'v1', 'img', 'img:tag', 'sha256:' + 'a'.repeat(64), 'a'.repeat(64), 'a'.repeat(12),
];

const PATH_MUTATIONS: ((p: string, r: Rng) => string)[] = [
  (p) => p + '/..',
  (p) => p + '/.',
  (p) => p + '/',
  (p) => '/' + p,
  (p) => p.replace(/^\//, ''),
  (p) => p + '//x',
  (p) => p.replace(/\/[^/]*$/, '/..'),
  (p) => '../../..' + p,
  (p) => p + '/' + 'd/'.repeat(40) + 'f',
  (p) => p + '/' + 'x'.repeat(256),
  (p) => p.replace(/\//g, '//'),
  (p) => p + '*',
  (p, r) => p + '/' + r.pick(['.wh.x', '.wh..wh..opq', 'lost+found', '-', ' ', 'é']),
  (p) => p.toUpperCase(),
];

const QUOTING: ((w: string, r: Rng) => string)[] = [
  (w) => `'${w}'`,
  (w) => `"${w}"`,
  (w) => `"${w}`,
  (w) => `'${w}`,
  (w) => `${w}\\`,
  (w) => `\\${w}`,
  (w) => `$(echo ${w})`,
  (w) => `\`echo ${w}\``,
  (w) => `\${x:-${w}}`,
  (w) => `${w};`,
  (w) => `${w} |`,
  (w) => `${w} &&`,
  (w) => `${w}&`,
  (w) => `${w} >`,
  (w) => `${w} 2>&1`,
  (w) => `<<EOF ${w}`,
  (w) => `{${w},x}`,
  (w) => `$((${w}))`,
  (w, r) => w.slice(0, r.int(w.length + 1)),
];

const ODD_CHARS = ['\r', '\t', '\0', '\x7f', '\x1b[31m', 'é', '日', '🐳', '\u2028', '\uFEFF', '\\', '$', '`', '"', "'", '#', ';', '|', '&', '>', '<', '(', ')', '{', '}', '*', '?', '[', '~', '!', '\n'];

// ---------------------------------------------------------------------------------------------
// Command-line mutations

function tokens(cmd: string): string[] {
  return cmd.split(' ');
}

function mutateCommand(cmd: string, r: Rng): string {
  const t = tokens(cmd);
  const i = r.int(t.length);
  const pool = corpusTokens();
  switch (r.int(9)) {
    case 0: // token: replace with a corpus word or a hostile value
      t[i] = r.chance(0.5) ? r.pick(pool.words) : r.pick(HOSTILE_VALUES);
      break;
    case 1: // token: delete, duplicate or swap
      if (r.chance(0.4)) t.splice(i, 1);
      else if (r.chance(0.5)) t.splice(i, 0, t[i]);
      else {
        const j = r.int(t.length);
        [t[i], t[j]] = [t[j], t[i]];
      }
      break;
    case 2: { // flag: insert a docker flag after `docker VERB`
      const d = t.indexOf('docker');
      const at = d >= 0 ? Math.min(t.length, d + 2 + r.int(2)) : i;
      t.splice(at, 0, ...flagTokens(r));
      break;
    }
    case 3: // flag: a corpus flag anywhere
      t.splice(i, 0, r.pick(pool.flags.length ? pool.flags : ['-v']));
      break;
    case 4: { // path
      const k = t.findIndex((w, n) => n >= i && w.includes('/'));
      const at = k >= 0 ? k : i;
      t[at] = r.pick(PATH_MUTATIONS)(t[at] || r.pick(pool.paths.length ? pool.paths : ['/x']), r);
      break;
    }
    case 5: // quoting
      t[i] = r.pick(QUOTING)(t[i] ?? '', r);
      break;
    case 6: { // characters
      const w = t[i] ?? '';
      const k = r.int(w.length + 1);
      t[i] = w.slice(0, k) + r.pick(ODD_CHARS) + w.slice(k);
      break;
    }
    case 7: // numbers
      t[i] = (t[i] ?? '').replace(/\d+/g, () => r.pick(['0', '-1', '255', '256', '65536', '4294967296', '1e3', '007']));
      break;
    default: // a whole corpus command appended to the line
      t.push(r.pick(['&&', ';', '||', '|']), ...tokens(r.pick(commandSteps(r.pick(corpus()).scenario))?.command.split('\n')[0] ?? 'true'));
  }
  return t.join(' ');
}

/** A docker flag with a value, from the commands' specs. */
function flagTokens(r: Rng): string[] {
  const c = r.pick(COMMANDS);
  if (c.spec.flags.length === 0) return ['--bogus'];
  const f: FlagSpec = r.pick(c.spec.flags);
  const value = (): string => (r.chance(0.6) ? r.pick(HOSTILE_VALUES) : r.pick(corpusTokens().words));
  const name = f.short && r.chance(0.3) ? `-${f.short}` : `--${f.long}`;
  if (f.kind === 'bool') return r.chance(0.8) ? [name] : [`--${f.long}=${r.pick(['true', 'false', 'x', ''])}`];
  if (r.chance(0.15)) return [name];
  return r.chance(0.5) ? [name, q(value())] : [`--${f.long}=${q(value())}`];
}

const q = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

// ---------------------------------------------------------------------------------------------
// Scenario text helpers

function scenarioText(header: string[], commands: { command: string; output?: string[]; exit?: number }[]): string {
  const lines = [...header];
  for (const c of commands) {
    c.command.split('\n').forEach((l, i) => lines.push(i === 0 ? `$ ${l}` : l === '' ? '>' : `> ${l}`));
    for (const o of c.output ?? []) lines.push(o === '' ? '<blank>' : o);
    if (c.exit) lines.push(`[exit ${c.exit}]`);
  }
  return lines.join('\n') + '\n';
}

const ENGINES: EngineName[] = ['docker-20.10', 'docker-26.1'];
const engineHeader = (r: Rng): string[] => [`# engine: ${r.pick(ENGINES)}`];

// ---------------------------------------------------------------------------------------------
// Generators

/** A window of a corpus file's commands (with their recorded outputs), commands mutated. */
function corpusWindow(r: Rng): string {
  const f = r.pick(corpus());
  const steps = commandSteps(f.scenario);
  const start = r.chance(0.6) || steps.length === 0 ? 0 : r.int(steps.length);
  const window = steps.slice(start, start + r.range(1, 4));
  const mutations = r.range(1, 3);
  const cmds = window.map((s) => ({ command: s.command, output: s.output, exit: s.exitCode }));
  for (let k = 0; k < mutations && cmds.length > 0; k++) {
    const c = r.pick(cmds);
    c.command = mutateCommand(c.command, r);
  }
  const header = f.scenario.header.filter((h) => h.kind === 'header').map((h) => (h.kind === 'header' ? h.text : ''));
  return scenarioText(header, cmds);
}

/** Line-level mutations of a whole corpus file: delete, duplicate, swap, insert, edit. */
function corpusLines(r: Rng): string {
  const small = corpus().filter((f) => commandSteps(f.scenario).length <= 15);
  const lines = r.pick(small).text.split('\n');
  const ops = r.range(1, 4);
  for (let k = 0; k < ops; k++) {
    const i = r.int(lines.length);
    const j = r.int(lines.length);
    switch (r.int(6)) {
      case 0: lines.splice(i, 1); break;
      case 1: lines.splice(i, 0, lines[j]); break;
      case 2: [lines[i], lines[j]] = [lines[j], lines[i]]; break;
      case 3: lines.splice(i, 0, r.pick(FORMAT_LINES)); break;
      case 4: {
        const l = lines[i] ?? '';
        const at = r.int(l.length + 1);
        lines[i] = l.slice(0, at) + r.pick(ODD_CHARS) + l.slice(at + 1);
        break;
      }
      default: lines[i] = (lines[i] ?? '') + r.pick([' ', '\r', '\\', ' #', '\t']);
    }
  }
  return lines.join('\n');
}

/** Byte-level mutations of a corpus file: invalid UTF-8, BOM, NUL, CR, truncation. */
function corpusBytes(r: Rng): Uint8Array {
  const text = r.pick(corpus().filter((f) => commandSteps(f.scenario).length <= 15)).text;
  const b = [...Buffer.from(text, 'utf8')];
  const ops = r.range(1, 3);
  for (let k = 0; k < ops; k++) {
    const i = r.int(b.length + 1);
    switch (r.int(8)) {
      case 0: b[i] = r.int(256); break;
      case 1: b.splice(i, 0, r.pick([0xff, 0xfe, 0xc3, 0x80, 0xed, 0xa0, 0xf4, 0x90, 0xc0, 0xe0])); break;
      case 2: b.splice(0, 0, 0xef, 0xbb, 0xbf); break;
      case 3: b.splice(i, 0, 0); break;
      case 4: b.splice(i, 0, 0x0d); break;
      case 5: b.splice(i); break;
      case 6: b.splice(i, 0, ...Buffer.from(r.pick(['\r\n', '\n$ ', '\n> ', '\n#', '\n[exit 1]', '\n<blank>', '\u2028', '\ud83d']), 'utf8')); break;
      default: b.splice(i, r.int(8));
    }
  }
  return Uint8Array.from(b);
}

/** Lines of the scenario format and its near misses. */
const FORMAT_LINES = [
  '$ echo hi', '$ docker volume create v1', '$ docker run --rm busybox echo hi', '$ docker ps -a --format {{.Names}}', '$ false', "$ printf 'a\\r\\nb'",
  '$ ', '$', '$  ', '$ \t', '$ echo \\', '$ echo "open', '> continued', '>', '> ', '>>', '# title: t', '# tags: a,,b', '# engine: docker-26.1',
  '# engine: docker-20.10', '# engine: docker-99', '# engine:', '# images: busybox', '# images: nope:1', '# images: UPPER', '#', '# comment',
  '[exit 0]', '[exit 1]', '[exit 125]', '[exit 256]', '[exit 01]', '[exit x]', '[exit]', '<blank>', '<blank> ', '', ' ', 'hi', 'output line',
  '\r', 'x\r', '$ echo\r', '# c\r', '\uFEFF', 'a\0b', 'é', '\u2028',
];

/** A scenario built from the format's line kinds. */
function formatLines(r: Rng): string {
  const n = r.range(0, 14);
  const lines = Array.from({ length: n }, () => r.pick(FORMAT_LINES));
  return lines.join('\n') + (r.chance(0.8) && n > 0 ? '\n' : '');
}

const DF_INSTRUCTIONS: ((r: Rng) => string)[] = [
  (r) => `RUN ${r.pick(['echo hi > /f', 'mkdir -p /a/b/c && echo x > /a/b/c/f', 'rm -rf /etc/hostname', 'ln -s /etc /l', 'chmod 700 /tmp', 'chown nobody /tmp', 'touch /x && rm /x', 'exit 3', 'false', 'mkdir /v && echo in > /v/f', `mkdir -p /${'d/'.repeat(r.range(1, 300))}`, 'for i in $(seq 1 200); do echo $i > /f$i; done', 'yes | head -c 100000 > /big', 'id', 'cat /nope', 'echo $HOME $PATH', 'adduser -D u 2>&1'])}`,
  (r) => `RUN ${r.pick(['["echo","x"]', '["/bin/sh","-c","echo $A"]', '["nope"]', '[]', '["echo",', '{"a":1}'])}`,
  (r) => `COPY ${r.pick(['f /f', 'f /d/', 'd /d', 'nope /x', '. /ctx', 'f f2 /multi/', '--chown=1:1 f /o', '--chmod=700 f /m', '../f /up', '* /glob/', 'f'])}`,
  (r) => `ADD ${r.pick(['f /a', 'd /d', 'a.tar /t/', 'http://x/y /z', 'nope /n'])}`,
  (r) => `WORKDIR ${r.pick(['/w', 'rel', '/a/../b', '', '$HOME/x', '/' + 'w/'.repeat(r.range(1, 300)), '.'])}`,
  (r) => `VOLUME ${r.pick(['/v', '["/v1","/v2"]', '/data /logs', '[]', '[""]', '/v\r', '$X', '/etc', '/'])}`,
  (r) => `USER ${r.pick(['nobody', '1000', '1:1', '1:g', 'ghost', 'root:root', '', 'nobody:nogroup', '$U', '65536'])}`,
  (r) => `ENV ${r.pick(['A=b', 'A b c', 'A="x y" B=$A', 'A', '=x', 'A=${B:-d}', 'PATH=/nope'])}`,
  (r) => `ARG ${r.pick(['A', 'A=1', 'A=$B', '', 'B=${A}x'])}`,
  (r) => `LABEL ${r.pick(['a=b', '"k k"="v v"', 'a', 'a=', 'a=b c=d'])}`,
  (r) => `${r.pick(['CMD', 'ENTRYPOINT'])} ${r.pick(['["echo","hi"]', 'echo hi', '["sh","-c","exit 2"]', '[', '["a",1]', ''])}`,
  (r) => `${r.pick(['EXPOSE 80', 'STOPSIGNAL SIGKILL', 'MAINTAINER me', 'SHELL ["/bin/sh","-c"]', 'ONBUILD RUN x', 'HEALTHCHECK CMD true', 'BOGUS x', 'from busybox', 'run echo lower', 'FROM busybox AS b', 'FROM scratch', '# comment', '', 'RUN echo a \\', '  continued', '# syntax=docker/dockerfile:1', 'RUN <<EOF', 'echo heredoc', 'EOF'])}`,
];

/** A generated Dockerfile, built and looked at. */
function dockerfile(r: Rng): string {
  const lines = [r.pick(['FROM busybox', 'FROM busybox', 'FROM busybox:latest', 'FROM scratch', 'FROM nope', 'FROM busybox AS base', 'from busybox', '# escape=`', ''])];
  const n = r.range(1, 8);
  for (let k = 0; k < n; k++) lines.push(r.pick(DF_INSTRUCTIONS)(r));
  if (r.chance(0.1)) lines.splice(r.int(lines.length), 0, lines[r.int(lines.length)] + '\r');
  const legacy = r.chance(0.5);
  const tag = r.pick(['t', 't:1', 'T', 'a/b:c', '']);
  const cmds: { command: string }[] = [
    { command: `mkdir -p ctx/d && echo f > ctx/f && echo g > ctx/d/g && (cd ctx && tar cf a.tar f) && cat > ctx/Dockerfile <<'EOF'\n${lines.join('\n')}\nEOF` },
    { command: `docker build -q ${tag ? `-t ${tag}` : ''} ${r.pick(['ctx', 'ctx', '-f ctx/Dockerfile ctx', '- < ctx/Dockerfile', 'nope'])}` },
  ];
  const ref = tag || 'busybox';
  const follow = [
    `docker run --rm ${ref} ls /`,
    `docker run --name c1 ${ref} sh -c 'ls /v /w 2>&1; id'`,
    `docker image inspect ${ref} --format '{{json .Config}}'`,
    `docker history --format '{{.CreatedBy}} {{.Size}}' ${ref}`,
    `docker run --rm -v vol:/v ${ref} ls /v`,
    'docker diff c1',
    'docker volume ls -q | wc -l',
    `docker rmi ${ref}`,
    'docker images --format {{.Repository}}:{{.Tag}}',
  ];
  const k = r.range(0, 4);
  for (let i = 0; i < k; i++) cmds.push({ command: r.pick(follow) });
  return scenarioText(legacy ? ['# engine: docker-20.10'] : engineHeader(r), cmds);
}

/** Deep and wide trees: on the host and in containers, copied, committed, diffed, removed. */
function trees(r: Rng): string {
  // mostly moderate (a tree near the depth budget costs seconds to copy), sometimes at and past it
  const depth = r.chance(0.85) ? r.pick([3, 10, 30, 60]) : r.pick([100, 127, 128, 129, 300, 5000]);
  const width = r.chance(0.95) ? r.pick([10, 50, 200]) : r.pick([1000, 3000]);
  const deep = Array.from({ length: depth }, () => 'd').join('/');
  const make = r.pick([
    `mkdir -p ${deep} && echo ok`,
    `p=.; for i in $(seq 1 ${depth}); do p=$p/d; done; mkdir -p $p && echo made`,
    `for i in $(seq 1 ${depth}); do mkdir d && cd d; done; pwd | wc -c`,
    `mkdir w && for i in $(seq 1 ${width}); do echo $i > w/f$i; done; ls w | wc -l`,
    `mkdir -p w && seq 1 ${width} | while read i; do mkdir w/d$i; done; ls w | wc -l`,
  ]);
  const inside = r.pick([
    `docker run --name c1 -v v1:/data busybox sh -c 'mkdir -p /data/${deep} && echo ok'`,
    `docker run --name c1 busybox sh -c 'for i in $(seq 1 ${width}); do echo $i > /f$i; done; ls / | wc -l'`,
    `docker run --name c1 -v "$PWD":/h busybox sh -c 'cp -r /h /copy 2>&1 | tail -1; du -s /copy | cut -f2'`,
    `docker run --name c1 -v "$PWD":/h busybox sh -c 'cd /h && tar cf /t.tar . 2>&1 | tail -1; tar tf /t.tar | wc -l'`,
    `docker run --name c1 busybox sh -c 'mkdir -p /x/${'y/'.repeat(depth)} && find /x | wc -l'`,
  ]);
  const after = [
    'docker cp c1:/ out 2>&1 | tail -1; ls out | wc -l',
    'docker cp . c1:/in 2>&1 | tail -1',
    'docker commit c1 img >/dev/null && docker run --rm img sh -c "ls / | wc -l"',
    'docker diff c1 | wc -l',
    'docker export c1 | tar tf - | wc -l',
    'rm -rf d w && echo gone',
    'find . | wc -l',
    'du -s . | cut -f2',
    'docker rm -v c1',
    'ls -R | wc -l',
  ];
  const cmds = [{ command: make }, { command: inside }];
  const k = r.range(0, 3);
  for (let i = 0; i < k; i++) cmds.push({ command: r.pick(after) });
  return scenarioText(engineHeader(r), cmds);
}

const SETUP = [
  'docker volume create v1',
  `docker run --name c1 -v v1:/data busybox sh -c 'echo hi > /data/f; ln -s /etc /data/etc'`,
  'docker create --name c2 --tmpfs /t -v /tmp:/h -v v2:/v busybox sleep 100',
  'docker commit c1 img1',
  'docker run -d --name c3 -v v3:/data img1 sleep 1000',
];

const CONTAINER_CMDS = ['true', 'false', 'echo hi', 'ls /data', 'cat /data/f', "sh -c 'echo x > /data/g; ls /data'", 'sleep 1', 'nope', "sh -c 'exit 3'", 'top', "sh -c 'yes | head -c 10'", 'cat /dev/null'];

/** docker command lines built from the commands' specs, after a setup. */
function dockerSoup(r: Rng): string {
  const cmds: { command: string }[] = [];
  const setup = r.range(0, SETUP.length);
  for (let i = 0; i < setup; i++) cmds.push({ command: SETUP[i] });
  const n = r.range(1, 5);
  for (let i = 0; i < n; i++) {
    if (r.chance(0.05)) {
      cmds.push({ command: `docker ${r.pick(Object.keys(REFUSED))} ${q(r.pick(HOSTILE_VALUES))}` });
      continue;
    }
    const c = r.pick(COMMANDS);
    const argv: string[] = [];
    const flags = r.range(0, 4);
    for (let k = 0; k < flags; k++) argv.push(...flagTokens(r));
    // flags of this very command, most of the time
    for (let k = 0; k < flags && c.spec.flags.length > 0; k++) {
      const f = r.pick(c.spec.flags);
      argv.push(f.kind === 'bool' ? `--${f.long}` : `--${f.long}=${q(r.pick(HOSTILE_VALUES))}`);
    }
    if (c.spec.interspersed === false) argv.push(r.pick(['busybox', 'img1', 'c1', 'c2', 'nope', '']), r.pick(CONTAINER_CMDS));
    else {
      const pos = r.range(0, 3);
      for (let k = 0; k < pos; k++) argv.push(q(r.chance(0.5) ? r.pick(['c1', 'c2', 'c3', 'v1', 'v2', 'img1', 'busybox']) : r.pick(HOSTILE_VALUES)));
    }
    cmds.push({ command: `docker ${c.spec.path} ${argv.join(' ')}` });
  }
  return scenarioText(engineHeader(r), cmds);
}

/**
 * Hostile shell: inputs that run into a budget (which takes a second or more each: the step
 * budget is 200,000 steps), and cheap hostile syntax (deep nesting, odd constructs).
 */
function hostileShell(r: Rng): string {
  const n = r.chance(0.85) ? r.pick([10, 1000, 30000]) : r.pick([1000000, 10000000]);
  const budgets = [
    'x=a; while true; do x=$x$x; done',
    `x=$(yes | head -c ${n}); echo \${#x}; y=\${x//y/${'z'.repeat(r.range(1, 80))}}; echo \${#y}`,
    `x=$(yes | head -c ${n}); echo \${x%y*} | wc -c; echo \${x##*y} | wc -c`,
    `dd if=/dev/zero of=f bs=${r.pick(['1', '512', '1M', '64M', '1G'])} count=${r.pick([1, 100, 2000])} 2>&1 | tail -1; ls -l f | cut -d' ' -f5`,
    `head -c ${n} /dev/urandom | wc -c`,
    `head -n ${r.pick([0, 1, 10, 100000])} /dev/${r.pick(['zero', 'urandom', 'null'])} | wc -c`,
    `cat /dev/zero | head -c ${n} | wc -c`,
    `seq 1 ${n} | tail -1`,
    `yes ${'y'.repeat(r.range(1, 200))} | head -n ${n} | wc -l`,
    'while true; do :; done',
    'f() { f; }; f',
    `printf '%${r.pick([10, 100000, 100000000])}s' x | wc -c`,
    `echo {1..${n}} | wc -c`,
    `for i in $(seq 1 ${Math.min(n, 200000)}); do :; done; echo done`,
    `tr -dc a-z < /dev/urandom | head -c ${n} | wc -c`,
    `i=0; while [ $i -lt ${Math.min(n, 100000)} ]; do i=$((i+1)); done; echo $i`,
    `docker run --rm busybox sh -c '${r.pick(['while true; do :; done', 'x=a; while true; do x=$x$x; done', 'yes > /f', `head -c ${n} /dev/urandom | wc -c`, 'cat /dev/zero > /f', `dd if=/dev/zero of=/f bs=1M count=${r.pick([1, 100])}`])}'`,
    `docker run -d --name bg busybox sh -c 'while true; do echo x; done' && docker logs bg | wc -l`,
  ];
  const odd = [
    `echo ${'$('.repeat(r.range(1, 300))}echo x${')'.repeat(r.range(1, 300))}`,
    `echo $((${'('.repeat(r.range(1, 500))}1${')'.repeat(r.range(1, 500))}))`,
    `${'{ '.repeat(r.range(1, 400))}echo deep;${' }'.repeat(r.range(1, 400))}`,
    'cat <<EOF\n$(seq 1 5)\nEOF',
    `echo ${'a'.repeat(r.pick([10, 100000, 1000000]))} | wc -c`,
    `wc -c /dev/${r.pick(['zero', 'urandom', 'null'])}`,
    'x=$(cat /dev/urandom | tr -dc a-z | head -c 20); echo ${#x}',
    `${'if true; then '.repeat(r.range(1, 200))}echo nested${'; fi'.repeat(r.range(1, 200))}`,
    `case x in ${'x|'.repeat(r.range(1, 1000))}x) echo matched;; esac`,
    `a=${'"'.repeat(r.range(1, 9))}b; echo "$a"`,
    `echo \${x:-${'${x:-'.repeat(r.range(1, 300))}y${'}'.repeat(r.range(1, 300))}}`,
    `trap 'echo trapped' EXIT; ${r.pick(['exit 3', 'kill -TERM $$', 'false', 'return'])}`,
    `set -${r.pick(['e', 'u', 'x', 'f', 'eu', 'o pipefail'])}; ${r.pick(['false; echo after', 'echo $unset', 'ls *', 'false | true; echo $?'])}`,
    `exec ${r.pick(['3>&1', '>&-', '2>/dev/null', 'nope', '<&-'])}; echo after`,
  ];
  const pick = (): string => (r.chance(0.25) ? r.pick(budgets) : r.pick(odd));
  const cmds = [{ command: pick() }];
  if (r.chance(0.5)) cmds.push({ command: pick() });
  return scenarioText(engineHeader(r), cmds);
}

/**
 * A Markdown page (`strata check` takes them too, docs/pages.md): prose around console blocks
 * holding mutated corpus commands with their recorded outputs, in lists and quotes, with hidden
 * and skip comments, page options, other fenced blocks, and now and then a broken fence.
 */
function page(r: Rng): string {
  const f = r.pick(corpus());
  const steps = commandSteps(f.scenario);
  const start = r.chance(0.6) || steps.length === 0 ? 0 : r.int(steps.length);
  const cmds = steps.slice(start, start + r.range(1, 4)).map((st) => ({ command: st.command, output: st.output }));
  for (let k = r.range(0, 2); k > 0 && cmds.length > 0; k--) {
    const c = r.pick(cmds);
    c.command = mutateCommand(c.command, r);
  }
  const out: string[] = [`# ${r.pick(['A page', 'Volumes', 'é 日本'])}`, ''];
  if (r.chance(0.6)) {
    const opts = [r.chance(0.7) ? `engine=${r.pick([...ENGINES, 'docker-99'])}` : '', r.chance(0.5) ? `ids=${r.pick(['docker', 'placeholders', 'x'])}` : '', ...f.scenario.images.map((i) => `images=${i.ref}`)];
    out.push(`<!-- strata ${opts.filter((o) => o !== '').join(' ')} -->`, '');
  }
  if (r.chance(0.2)) out.push('<!-- strata hidden', '$ docker volume create hidden-vol', '-->', '');
  const prefix = r.pick(['', '', '', '  ', '> ', '- ']);
  const inner = prefix === '- ' ? '  ' : prefix;
  if (r.chance(0.15)) out.push('<!-- strata skip -->');
  out.push(`${prefix}${r.pick(['```console', '```console', '```shell-session', '```sh-session', '~~~console', '```sh'])}`);
  for (const c of cmds) {
    c.command.split('\n').forEach((l, i) => out.push(`${inner}${i === 0 ? '$ ' : '> '}${l}`));
    if (r.chance(0.8)) for (const o of c.output) out.push(`${inner}${o}`);
  }
  if (r.chance(0.95)) out.push(`${inner}\`\`\``);
  out.push('', r.pick(['Some prose.', '```', '<!-- strata -->', '    indented code', '| a | b |', '']));
  const text = out.join(r.chance(0.05) ? '\r\n' : '\n') + (r.chance(0.9) ? '\n' : '');
  return r.chance(0.1) ? mutateLine(text, r) : text;
}

/** One odd character somewhere in a text. */
function mutateLine(text: string, r: Rng): string {
  const at = r.int(text.length + 1);
  return text.slice(0, at) + r.pick(ODD_CHARS) + text.slice(at);
}

export type Kind = 'corpus-window' | 'corpus-lines' | 'corpus-bytes' | 'format' | 'dockerfile' | 'trees' | 'docker' | 'shell' | 'page';

const KINDS: [Kind, number, (r: Rng) => string | Uint8Array][] = [
  ['corpus-window', 28, corpusWindow],
  ['page', 6, page],
  ['corpus-lines', 10, corpusLines],
  ['corpus-bytes', 8, corpusBytes],
  ['format', 8, formatLines],
  ['dockerfile', 14, dockerfile],
  ['trees', 3, trees],
  ['docker', 23, dockerSoup],
  ['shell', 2, hostileShell],
];
const TOTAL_WEIGHT = KINDS.reduce((a, [, w]) => a + w, 0);

export interface FuzzInput {
  seed: number;
  index: number;
  kind: Kind;
  /** The file's bytes. */
  bytes: Uint8Array;
  /** `strata --engine E check --update`: the engine given on the command line, if any. */
  engine?: EngineName;
  /** A Markdown page (`.md`) rather than a scenario. */
  page: boolean;
}

/** Input `index` of the campaign with seed `seed`. */
export function generate(seed: number, index: number): FuzzInput {
  const r = rngFor(seed, index);
  let w = r.int(TOTAL_WEIGHT);
  let k = 0;
  while (w >= KINDS[k][1]) w -= KINDS[k++][1];
  const [kind, , gen] = KINDS[k];
  const made = gen(r);
  const bytes = typeof made === 'string' ? Buffer.from(made, 'utf8') : made;
  const engine = r.chance(0.15) ? r.pick(ENGINES) : undefined;
  return { seed, index, kind, bytes: new Uint8Array(bytes), engine, page: kind === 'page' };
}
