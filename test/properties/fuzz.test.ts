// Fuzzing of every input surface: the scenario parser, whole `docker ...` command lines (the
// docker argument parser and every command behind it) and the shell, on the host and inside
// containers. Inputs come from the real grammar (scenario line kinds, the docker commands' own
// flag specs, shell constructs), from mutations of the recorded corpora and from raw strings.
//
// The properties: strata never throws (every command line gives an output and an exit status in
// 0..255; the parser either parses or throws a ScenarioSyntaxError with file and line), never
// hangs (the shell's step, byte and nesting budgets bound every run; the wall-time assertion is
// only a safety net), and a refusal is a message, not a JS error text. Under vitest the shell
// rethrows internal errors instead of printing `strata: internal error`, so a bug anywhere
// behind `execute` surfaces here as a thrown exception with the offending line.
//
// Run counts: RUNS (STRATA_PROPERTY_RUNS, `npm run test:deep` = 50×).

import fc from 'fast-check';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALIASES, COMMANDS, REFUSED } from '../../src/docker/commands/index.ts';
import type { FlagSpec } from '../../src/docker/args.ts';
import { execute, initialState, type CommandResult } from '../../src/engine/engine.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import type { EngineState } from '../../src/engine/state.ts';
import { expandPaths } from '../../src/cli/files.ts';
import {
  decodeScenario,
  formatScenario,
  parseScenario,
  replayScenario,
  ScenarioSyntaxError,
  type Scenario,
} from '../../src/scenario/index.ts';
import { parse, ParseError } from '../../src/shell/index.ts';
import { ShellLimitError } from '../../src/shell/types.ts';
import { ENGINES, RUNS } from '../model/harness.ts';
import type { EngineName } from '../model/reference-model.ts';

/** `npm run test:deep`: also run the slowest hostile inputs. */
const DEEP = process.env.STRATA_PROPERTY_RUNS !== undefined && RUNS > 100;
/** Safety net only: the step/byte/nesting budgets are what bound a run. */
const WALL_MS = 30_000;
/** Parsing is cheap: more runs. */
const PARSE_RUNS = RUNS * 5;

const root = join(import.meta.dirname, '..', '..');

const q = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

/** Text that only a JS error (not a docker or shell message) would put in an output. */
const JS_ERROR = /TypeError|RangeError|ReferenceError|Maximum call stack|internal error|\[object \w+\]|\bundefined\b/;

/** Run one line through the engine and check the universal properties. */
/** `STRATA_FUZZ_TRACE=FILE`: each line is written there before it runs (the last one of a hang). */
const TRACE = process.env.STRATA_FUZZ_TRACE;
if (TRACE) writeFileSync(TRACE, '');

function runChecked(state: EngineState, line: string): CommandResult {
  if (TRACE) appendFileSync(TRACE, JSON.stringify(line) + '\n');
  const t0 = performance.now();
  let r: CommandResult;
  try {
    r = execute(state, line);
  } catch (e) {
    const what = e instanceof Error ? (e.stack ?? e.message) : String(e);
    throw new Error(`execute threw on ${JSON.stringify(line.length > 2000 ? line.slice(0, 2000) + '…' : line)}:\n${what}`);
  }
  const ms = performance.now() - t0;
  const shown = JSON.stringify(line.slice(0, 500));
  expect(ms, `wall time of ${shown}`).toBeLessThan(WALL_MS);
  expect(typeof r.output).toBe('string');
  expect(Number.isInteger(r.exitCode) && r.exitCode >= 0 && r.exitCode <= 255, `exit status ${r.exitCode} of ${shown}`).toBe(true);
  return r;
}

/** `re.test(text)`, failing with a bounded excerpt (vitest's diff of a 64 MB output would crash the worker). */
function mustMatch(text: string, re: RegExp, what: string, negate = false): void {
  const m = re.exec(text);
  if (!!m === !negate) return;
  const at = m ? Math.max(0, m.index - 200) : Math.max(0, text.length - 400);
  throw new Error(`${what}: output ${negate ? 'matches' : 'does not match'} ${re}:\n…${text.slice(at, at + 600)}`);
}

/**
 * Known bugs in src/ (reported to the lead; each has an \`it.fails\` reproduction at the end of this
 * file): random inputs that hit them are skipped so the properties keep looking for new ones.
 */
const KNOWN_BUGS: { name: string; line?: RegExp; output?: RegExp }[] = [];
const knownBug = (line: string): boolean => KNOWN_BUGS.some((b) => b.line?.test(line) === true);
/** The output with the lines of known bugs removed. */
const withoutKnownBugs = (output: string): string => KNOWN_BUGS.reduce((o, b) => (b.output ? o.replace(new RegExp(b.output.source, 'gm'), '') : o), output);

/** The recorded corpora: every `.scenario` file. */
const CORPUS_FILES = expandPaths([join(root, 'test', 'recorded'), join(root, 'test', 'conformance'), join(root, 'scenarios')]);
const CORPUS_TEXTS = CORPUS_FILES.map((f) => readFileSync(f, 'utf8'));
const CORPUS_COMMANDS: string[] = [];
for (const [i, text] of CORPUS_TEXTS.entries()) {
  try {
    for (const s of parseScenario(text, CORPUS_FILES[i]).steps) if (s.kind === 'command') CORPUS_COMMANDS.push(s.command);
  } catch {
    // a file another developer is editing right now: its commands are simply not used
  }
}

// ---------------------------------------------------------------------------------------------
// The scenario parser

/** The property of the parser: a Scenario or a ScenarioSyntaxError naming the file and a line. */
function parseChecked(text: string, file: string): Scenario | undefined {
  try {
    const s = parseScenario(text, file);
    expect(s.file).toBe(file);
    return s;
  } catch (e) {
    if (!(e instanceof ScenarioSyntaxError)) throw e;
    const lines = text.split('\n').length;
    expect(e.file).toBe(file);
    expect(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines, `line ${e.line} of ${lines}`).toBe(true);
    expect(e.reason.length).toBeGreaterThan(0);
    expect(e.reason).not.toMatch(JS_ERROR);
    expect(e.message).toBe(`${file}:${e.line}: ${e.reason}`);
    return undefined;
  }
}

const SCENARIO_COMMANDS = [
  'echo hi',
  'docker volume create v1',
  'docker run --rm busybox echo hi',
  'docker ps -a',
  'docker volume ls',
  'false',
  "printf 'a\\r\\nb'",
  'echo "$PWD"',
  'cat nope',
  'docker rm nope',
];

/** One line of a scenario file, from the format's line kinds (and near misses). */
const scenarioLine = fc.oneof(
  fc.constantFrom(...SCENARIO_COMMANDS).map((c) => `$ ${c}`),
  fc.constantFrom('$ ', '$', '$  ', '$ \t', '$ echo \\', '$ echo "open', "$ echo 'a"),
  fc.constantFrom('> continued', '>', '> ', '>>', '> echo x'),
  fc.constantFrom(
    '# title: a title',
    '# title:',
    '# tags: a, b,,c',
    '# engine: docker-26.1',
    '# engine: docker-20.10',
    '# engine: docker-99',
    '# engine:',
    '#',
    '# just a comment',
  ),
  fc.constantFrom('[exit 0]', '[exit 1]', '[exit 125]', '[exit 256]', '[exit -1]', '[exit x]', '[exit 01]', '[exit]', '[exit 99999999999999999999]'),
  fc.constantFrom('<blank>', '<blank> ', '', ' ', '\t', 'hi', 'output line', 'Error response from daemon: x', '  indented'),
  fc.constantFrom('\r', 'x\r', '$ echo\r', '# c\r', '\uFEFF', '\0', 'a\0b', '\ud800', '\udc80', 'é', '\u2028', '\u0085'),
  fc.string({ maxLength: 12 }),
);

const scenarioText = fc
  .tuple(fc.array(scenarioLine, { maxLength: 14 }), fc.boolean())
  .map(([lines, nl]) => lines.join('\n') + (nl && lines.length > 0 ? '\n' : ''));

/** Line-level mutations of a text (delete, duplicate, swap, insert, edit a character). */
function mutateLines(text: string, ops: readonly [number, number, number, string][]): string {
  const lines = text.split('\n');
  for (const [op, a, b, token] of ops) {
    if (lines.length === 0) lines.push('');
    const i = a % lines.length;
    const j = b % lines.length;
    switch (op % 6) {
      case 0:
        lines.splice(i, 1);
        break;
      case 1:
        lines.splice(i, 0, lines[j]);
        break;
      case 2:
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      case 3:
        lines.splice(i, 0, token);
        break;
      case 4: {
        const l = lines[i];
        const k = b % (l.length + 1);
        lines[i] = l.slice(0, k) + token + l.slice(k + 1);
        break;
      }
      default:
        lines[i] = lines[i] + token;
    }
  }
  return lines.join('\n');
}

const mutationOps = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.oneof(scenarioLine, fc.constantFrom('\r', '\0', '$', '>', '#', '[', ']'))), {
  minLength: 1,
  maxLength: 4,
});

describe('fuzz: the scenario parser', () => {
  it('parses or refuses with file:line on texts built from the format’s line kinds', () => {
    fc.assert(
      fc.property(scenarioText, (text) => {
        const s = parseChecked(text, 'fuzz/built.scenario');
        // a file that parses is written back byte for byte
        if (s) expect(formatScenario(s)).toBe(text);
      }),
      { numRuns: PARSE_RUNS },
    );
  });

  it('parses or refuses with file:line on raw strings (any code unit, NUL, lone surrogates)', () => {
    const raw = fc.oneof(
      fc.string({ maxLength: 200, unit: 'binary' }),
      fc.string({ maxLength: 200, unit: fc.constantFrom('$', ' ', '>', '#', '\n', '\r', '[', ']', 'e', 'x', 'i', 't', '1', '\0', '\ud800', '\udc00', '\uFEFF') }),
    );
    fc.assert(
      fc.property(raw, (text) => {
        parseChecked(text, 'raw.scenario');
      }),
      { numRuns: PARSE_RUNS },
    );
  });

  it('parses or refuses with file:line on mutations of the recorded corpora', () => {
    fc.assert(
      fc.property(fc.nat(CORPUS_TEXTS.length - 1), mutationOps, (k, ops) => {
        const s = parseChecked(mutateLines(CORPUS_TEXTS[k], ops), 'mutated.scenario');
        if (s) expect(formatScenario(s)).toBe(mutateLines(CORPUS_TEXTS[k], ops));
      }),
      { numRuns: PARSE_RUNS },
    );
  });

  it('decodes any bytes or refuses invalid UTF-8 with the line of the first bad byte', () => {
    const enc = new TextEncoder();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseChecked(decodeScenario(bytes, 'bytes.scenario'), 'bytes.scenario');
        } catch (e) {
          if (!(e instanceof ScenarioSyntaxError)) throw e;
          expect(e.file).toBe('bytes.scenario');
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(bytes.filter((b) => b === 0x0a).length + 1);
        }
      }),
      { numRuns: PARSE_RUNS },
    );
    // one invalid byte inserted into a valid file: the error names that byte's line
    fc.assert(
      fc.property(fc.nat(CORPUS_TEXTS.length - 1), fc.nat(), fc.constantFrom(0xff, 0xfe, 0xc3, 0x80, 0xed), (k, at, bad) => {
        const good = enc.encode(CORPUS_TEXTS[k]);
        // insert at a character boundary (not inside a multi-byte sequence)
        let pos = at % (good.length + 1);
        while (pos < good.length && (good[pos] & 0xc0) === 0x80) pos++;
        const next = good[pos];
        // 0xc3/0xed followed by a continuation byte would be valid or a different error
        if ((bad === 0xc3 || bad === 0xed) && next !== undefined && (next & 0xc0) === 0x80) return;
        const bytes = new Uint8Array([...good.subarray(0, pos), bad, ...good.subarray(pos)]);
        const line = good.subarray(0, pos).filter((b) => b === 0x0a).length + 1;
        expect(() => decodeScenario(bytes, 'bad.scenario')).toThrow(ScenarioSyntaxError);
        try {
          decodeScenario(bytes, 'bad.scenario');
        } catch (e) {
          expect(e instanceof ScenarioSyntaxError && e.line).toBe(line);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('replays parsed fuzz scenarios without throwing', () => {
    fc.assert(
      fc.property(scenarioText, fc.constantFrom(...ENGINES), (text, engine) => {
        const s = parseChecked(text, 'fuzz/replay.scenario');
        if (!s) return;
        const r = replayScenario(s, new SimulatedDocker({ engine }));
        expect(r.results.length).toBe(s.steps.filter((st) => st.kind === 'command').length);
        for (const res of r.results) expect(Number.isInteger(res.exitCode)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// docker command lines

/** Values for flags and positional arguments: real names, hostile paths, odd numbers, templates. */
const VALUES = [
  'c1', 'c2', 'c3', 'v1', 'v2', 'v3', 'busybox', 'busybox:latest', 'img1', 'img1:latest', 'nope', 'NoPe', '-', '',
  ' ', '.', '..', '../..', '/', '/etc', '/data', '/data/f', '/data/etc', '/data/etc/passwd', '/../../etc/passwd', '/t', '/h',
  'c1:/data', 'c1:/data/.', 'c1:/data/etc', 'c1:/data/etc/.', 'c1:../../etc/passwd', 'c2:/h', 'c2:/t', 'ctx', 'ctx/l', './out', '-:/x',
  'v1:/data', 'v1:/data:ro', 'v1:/data:rw,z', 'v1:/data:bogus', 'v2:/etc', ':/x', 'v1:', 'v1:rel', '/tmp:/h', '.:/h', '..:/up',
  '../../..:/up', '/nonexistent:/x', 'ctx/l:/l', 'a:b:c:d', '/x', '/data/../x',
  'type=volume,src=v1,dst=/d', 'type=volume,dst=/d,volume-nocopy', 'type=volume,src=v1,dst=/d,volume-subpath=sub',
  'type=volume,src=v1,dst=/d,volume-subpath=../x', 'type=bind,src=..,dst=/x', 'type=bind,src=ctx/l,dst=/x',
  'type=tmpfs,dst=/t', 'type=tmpfs,dst=/t,tmpfs-size=1k,tmpfs-mode=1777', 'type=nope,dst=/x', 'type=volume', 'src=v1', 'type=volume,dst=',
  '/t:size=1k', '/t:mode=777', '/t', 'size=abc',
  '0', '1', '-1', '3', '99999999999999999999', '1e3', '0x10', '1.5', '10s', '-5s', 'true', 'false', 'yes',
  '{{json .}}', '{{.Name}}', '{{.Mountpoint}}', '{{range .Mounts}}{{.Source}} {{.Destination}}{{end}}', '{{', '}}', '{{.Nope}}',
  '{{json .Mounts}}', 'table {{.ID}}\t{{.Names}}', '{{index .Config.Labels "a"}}', '{{printf "%q" .Id}}',
  'label=a', 'label=a=b', 'dangling=true', 'dangling=nope', 'name=v', 'name=', 'until=1h', 'status=exited', 'volume=v1', 'bogus=1',
  'a=b', '=b', 'KEY', 'json', 'table', 'raw', 'é', 'ünïcödé', '\t', 'a b', "it's", '"', '$x', '$(echo hi)', '*', '--', '-x',
  '\0', 'a\0b', '\udc80', '\xff\xfe', 'x'.repeat(300),
];
const value = fc.constantFrom(...VALUES);

const CONTAINER_CMDS = [
  [], ['true'], ['false'], ['echo', 'hi'], ['ls', '/data'], ['cat', '/data/f'], ['cat', '/data/etc/passwd'], ['sh', '-c', 'echo x > /data/g; ls /data'],
  ['sh', '-c', 'ln -s /etc /data/l2; readlink /data/l2'], ['sh', '-c', 'cd /..; pwd; ls ../../..'], ['sh', '-c', 'yes | head -c 10'],
  ['nope'], ['/bin/sh', '-c', 'exit 3'], ['sleep', '1'], ['top'], ['cat', '/dev/null'],
];

/** One flag of a command's spec, spelled in every way pflag accepts (and a few it does not). */
function flagTokens(f: FlagSpec): fc.Arbitrary<string[]> {
  const names = [`--${f.long}`, ...(f.short ? [`-${f.short}`] : [])];
  const name = fc.constantFrom(...names);
  if (f.kind === 'bool') {
    return fc.oneof(
      name.map((n) => [n]),
      fc.tuple(fc.constantFrom(`--${f.long}`), fc.constantFrom('true', 'false', 'maybe', '', '1')).map(([n, v]) => [`${n}=${v}`]),
    );
  }
  return fc.oneof(
    fc.tuple(name, value).map(([n, v]) => [n, v]),
    fc.tuple(fc.constantFrom(`--${f.long}`), value).map(([n, v]) => [`${n}=${v}`]),
    ...(f.short ? [value.map((v) => [`-${f.short}${v}`])] : []),
    // the flag at the end of the line, its value missing
    name.map((n) => [n]),
  );
}

interface DockerLine {
  path: string;
  argv: string[];
}

/** `docker <path> <flags and args>`, built from the command's own spec. */
const dockerLine: fc.Arbitrary<DockerLine> = fc.oneof(
  ...COMMANDS.map((c) => {
    const aliases = Object.entries(ALIASES)
      .filter(([, canonical]) => canonical === c.spec.path)
      .map(([alias]) => alias);
    const path = fc.constantFrom(c.spec.path, ...aliases);
    const flag = c.spec.flags.length > 0 ? fc.oneof(...c.spec.flags.map(flagTokens)) : fc.constant<string[]>([]);
    const extra = fc.oneof(
      { weight: 6, arbitrary: flag },
      { weight: 1, arbitrary: fc.constantFrom(['--bogus'], ['-Z'], ['--'], ['--help'], ['-itd'], ['-h'], ['--rm=false']) },
    );
    const positional = c.spec.interspersed === false
      ? fc.tuple(fc.constantFrom('busybox', 'img1', 'c1', 'c2', 'nope', ''), fc.constantFrom(...CONTAINER_CMDS)).map(([a, cmd]) => [a, ...cmd])
      : fc.array(value, { maxLength: 3 });
    return fc.tuple(path, fc.array(extra, { maxLength: 5 }), positional).map(([p, flags, pos]) => ({ path: p, argv: [...flags.flat(), ...pos] }));
  }),
  fc.tuple(fc.constantFrom(...Object.keys(REFUSED), 'nope', 'container', 'volume', 'image', 'system', 'buildx', 'help', ''), fc.array(value, { maxLength: 3 })).map(
    ([p, argv]) => ({ path: p, argv }),
  ),
);

const renderDocker = (d: DockerLine): string => ['docker', ...d.path.split(' ').filter((w) => w !== ''), ...d.argv.map(q)].join(' ');

/** Commands whose exit status can be a container process's own (silent) status. */
const PROCESS_COMMANDS = new Set(['run', 'container run', 'exec', 'container exec', 'start', 'container start', 'restart', 'container restart']);

const SETUP = [
  'docker volume create v1',
  `docker run --name c1 -v v1:/data busybox sh -c 'echo hi > /data/f; ln -s /etc /data/etc; ln -s ../../../.. /data/up; ln -s loop2 /data/loop1; ln -s loop1 /data/loop2'`,
  'docker create --name c2 --tmpfs /t -v /tmp:/h -v v2:/v busybox sleep 100',
  'docker commit c1 img1',
  `mkdir ctx && echo x > ctx/f && ln -s /etc ctx/l && ln -s ../.. ctx/up && printf 'FROM busybox\\nCOPY . /c\\nVOLUME /data\\n' > ctx/Dockerfile`,
  'docker run -d --name c3 -v v3:/data img1 sleep 1000',
];

const baseStates = new Map<EngineName, EngineState>();
function dockerBase(engine: EngineName): EngineState {
  let st = baseStates.get(engine);
  if (!st) {
    st = initialState({ engine });
    for (const line of SETUP) {
      const r = execute(st, line);
      if (r.exitCode !== 0) throw new Error(`setup \`${line}\` failed on ${engine}:\n${r.output}`);
      st = r.state;
    }
    baseStates.set(engine, st);
  }
  return st;
}

describe('fuzz: docker command lines', () => {
  it('every command, flag and value from the specs gives an output and an exit status, never a JS error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENGINES), fc.array(dockerLine, { minLength: 1, maxLength: 4 }), (engine, lines) => {
        let st = dockerBase(engine);
        for (const d of lines) {
          const line = renderDocker(d);
          if (knownBug(line)) continue;
          const r = runChecked(st, line);
          st = r.state;
          mustMatch(withoutKnownBugs(r.output), JS_ERROR, line, true);
          // a refusal says why: a non-zero status comes with a message, unless it is a container's own
          if (r.exitCode !== 0 && (!PROCESS_COMMANDS.has(d.path) || r.exitCode >= 125)) {
            expect(r.output.trim().length, `\`${line}\` exited ${r.exitCode} without a message`).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('raw argument vectors (any strings) never throw', () => {
    const word = fc.oneof(fc.string({ maxLength: 20, unit: 'binary' }), value, fc.constantFrom('run', 'volume', 'create', 'rm', 'cp', '-v', '--mount', '-it', '--format'));
    fc.assert(
      fc.property(fc.constantFrom(...ENGINES), fc.array(word, { maxLength: 8 }), (engine, words) => {
        const line = ['docker', ...words.map(q)].join(' ');
        if (!knownBug(line)) runChecked(dockerBase(engine), line);
      }),
      { numRuns: RUNS },
    );
  });

  it('mutations of the recorded command lines never throw', () => {
    const token = fc.oneof(
      value,
      fc.constantFrom("'", '"', '`', '$(', ')', '|', ';', '&&', '>', '<', '<<', '\\', ' --', ' -v ', ' --mount ', ' --rm ', '..', '/..', '\0', '\n', '#', '{', '}', '*'),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...ENGINES),
        fc.constantFrom(...CORPUS_COMMANDS),
        fc.array(fc.tuple(fc.nat(2), fc.nat(), fc.nat(40), token), { minLength: 1, maxLength: 3 }),
        (engine, command, ops) => {
          let line = command;
          for (const [op, at, len, tok] of ops) {
            const i = at % (line.length + 1);
            if (op === 0) line = line.slice(0, i) + line.slice(i + len);
            else if (op === 1) line = line.slice(0, i) + tok + line.slice(i);
            else line = line.slice(0, i) + line.slice(i, i + len) + line.slice(i);
          }
          if (!knownBug(line)) runChecked(dockerBase(engine), line);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// the shell

const WORDS = [
  'a', 'b', 'f', 'g', 'd', 'd/x', 'x y', '../x', '..', '../../..', '/', '/etc/passwd', '/dev/null', '/dev/zero', '*', '?', '[ab]', '~',
  '$x', '"$x"', '${x:-dflt}', '${x:=v}', '${#x}', '${x%/*}', '${x#*/}', '${y?unset}', '$?', '$#', '$@', '"$@"', '$1', '$$', '$((1+2*3))',
  '$((x/0))', '"$(echo sub)"', '$(cat f)', '`echo bq`', "'single q'", '""', "''", '\\$', '\\\\', 'a\\ b', '-n', '-e', '--', '-la', '5', '0',
  '-1', 'é', '\\0', '%s\\n', '%d', '%b', '"\\377\\376"', "$'\\x00\\xff'", 'x=1',
];
const word = fc.constantFrom(...WORDS);

const COMMANDS_SH = [
  'echo', 'printf', 'cat', 'ls', 'ls -la', 'mkdir -p', 'rm -rf', 'rmdir', 'touch', 'ln -s', 'ln', 'cp -r', 'mv', 'wc -c', 'wc -l',
  'head -n 2', 'tail -n 1', 'sort', 'uniq', 'tr a-z A-Z', 'sed s/a/b/', 'grep a', 'grep -v', 'seq', 'seq 1 5', 'test -e', 'test -f', '[ -d',
  'true', 'false', ':', 'cd', 'pwd', 'read x', 'export', 'unset', 'set --', 'shift', 'eval', 'local', 'return', 'break', 'continue',
  'cut -c1-3', 'basename', 'dirname', 'stat -c %s', 'find', 'du -s', 'readlink', 'readlink -f', 'realpath', 'sleep 0', 'kill', 'wait',
  'chmod 000', 'chmod 755', 'id', 'whoami', 'hostname', 'env', 'date', 'xargs echo', 'tee', 'tee -a', 'md5sum', 'od', 'cmp', 'diff',
  'tar -cf t.tar', 'tar -tf', 'yes | head -n 3', 'nope', 'exec true', 'trap', 'type', 'command -v', 'sh -c', 'exit 3', 'expr 1 +', 'expr 2 + 3',
];
const REDIRS = ['', '', '', '> f', '>> f', '< f', '2>&1', '2>/dev/null', '> /dev/null', '< /dev/null', '> ../../x', '> /', '> d/', '< nope', '>&3', '3>&1', '<> f', '>| f'];

type Sh = string;

/** Shell scripts from the grammar: simple commands, pipes, lists, compounds, here-docs, functions. */
const shell = fc.letrec<{ script: Sh; cmd: Sh; simple: Sh }>((tie) => ({
  simple: fc
    .tuple(fc.constantFrom(...COMMANDS_SH), fc.array(word, { maxLength: 3 }), fc.constantFrom(...REDIRS))
    .map(([c, ws, r]) => [c, ...ws, r].filter((s) => s !== '').join(' ')),
  cmd: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 6, arbitrary: tie('simple') },
    fc.tuple(tie('cmd'), tie('cmd')).map(([a, b]) => `${a} | ${b}`),
    fc.tuple(tie('cmd'), fc.constantFrom('&&', '||', ';', '\n', '&'), tie('cmd')).map(([a, op, b]) => `${a} ${op} ${b}`),
    tie('script').map((s) => `( ${s} )`),
    tie('script').map((s) => `{ ${s}; }`),
    tie('script').map((s) => `echo "$( ${s} )"`),
    tie('script').map((s) => `x=$(${s}); echo "$x"`),
    fc.tuple(tie('cmd'), tie('script'), tie('script')).map(([c, a, b]) => `if ${c}; then ${a}; else ${b}; fi`),
    fc.tuple(fc.array(word, { maxLength: 3 }), tie('script')).map(([ws, s]) => `for i in ${ws.join(' ')}; do ${s}; done`),
    tie('script').map((s) => `printf 'l1\\nl2\\n' > lines; while read l; do ${s}; done < lines`),
    tie('script').map((s) => `n=0; while [ $n -lt 3 ]; do n=$((n+1)); ${s}; done`),
    fc.tuple(word, tie('script')).map(([w, s]) => `case ${w} in a|b) ${s};; *) echo other;; esac`),
    fc.tuple(tie('script'), fc.nat(3)).map(([s, n]) => `fn() { ${s}; }; fn ${'a '.repeat(n)}; echo $?`),
    fc.tuple(fc.array(word, { maxLength: 3 }), fc.constantFrom('EOF', "'EOF'", '-EOF')).map(
      ([ws, tag]) => `cat <<${tag}\n${ws.join(' ')}\n\t$x ${ws.join('')}\n${tag.replaceAll("'", '').replace('-', '')}\n`,
    ),
    tie('script').map((s) => `sh -c ${q(s)}`),
    tie('script').map((s) => `eval ${q(s)}`),
  ),
  script: fc.array(tie('cmd'), { minLength: 1, maxLength: 3 }).map((cs) => cs.join('\n')),
}));

describe('fuzz: the shell', () => {
  it('parse() returns an AST or a ParseError / nesting refusal on grammar-built and raw scripts', () => {
    const raw = fc.oneof(shell.script, fc.string({ maxLength: 80, unit: fc.constantFrom(...'$()`\'"{}|&;<>\\ \n#*?[]!=a1'.split('')) }), fc.string({ maxLength: 60, unit: 'binary' }));
    fc.assert(
      fc.property(raw, (src) => {
        try {
          parse(src);
        } catch (e) {
          if (!(e instanceof ParseError || e instanceof ShellLimitError)) throw e;
          expect(e.message).not.toMatch(JS_ERROR);
        }
      }),
      { numRuns: PARSE_RUNS },
    );
  });

  it('scripts on the host (bash) give an output and a status, never a JS error', () => {
    fc.assert(
      fc.property(shell.script, (script) => {
        if (knownBug(script)) return;
        const st = dockerBase('docker-26.1');
        const r = runChecked(st, `x=d/x; mkdir -p d; echo a > f\n${script}`);
        mustMatch(r.output, /internal error|Maximum call stack/, script, true);
      }),
      { numRuns: RUNS },
    );
  });

  it('scripts inside a container (busybox sh -c) give an output and a status, never a JS error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ENGINES), shell.script, (engine, script) => {
        if (knownBug(script)) return;
        const r = runChecked(dockerBase(engine), `docker run --rm -v v1:/data -w /data busybox sh -c ${q(`x=d/x; mkdir -p d; echo a > f\n${script}`)}`);
        mustMatch(r.output, /internal error|Maximum call stack/, script, true);
      }),
      { numRuns: RUNS },
    );
  });

  it('raw strings (NUL, invalid UTF-8, any code unit) as host lines and as container scripts never throw', () => {
    const raw = fc.oneof(
      fc.string({ maxLength: 60, unit: 'binary' }),
      fc.string({ maxLength: 60, unit: fc.constantFrom('\0', '\udc80', '\ud800', '\xff', '\x80', 'é', '$', '(', ')', "'", '"', '`', '|', '\\', ' ', '\n', 'a', 'e', 'c', 'h', 'o') }),
    );
    fc.assert(
      fc.property(raw, fc.boolean(), (s, inContainer) => {
        const line = inContainer ? `docker run --rm busybox sh -c ${q(s)}` : s;
        if (!knownBug(line)) runChecked(dockerBase('docker-20.10'), line);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// hostile inputs, each with what strata must answer

interface Hostile {
  name: string;
  lines: string[];
  /** Checks on the last line's result. */
  expect: (r: CommandResult) => void;
}

const nested = (open: string, inner: string, close: string, n: number): string => open.repeat(n) + inner + close.repeat(n);
const LIMIT = /strata: (\S+: )?(script nesting too deep|script exceeded the step budget|output exceeds the limit)/;
const refusedBy = (re: RegExp) => (r: CommandResult): void => {
  expect(r.exitCode).toBe(125);
  mustMatch(r.output, re, 'refusal');
};

const HOSTILE: Hostile[] = [
  {
    name: 'a symlink loop on the host',
    lines: ['ln -s a b; ln -s b a; cat a'],
    expect: (r) => {
      expect(r.exitCode).toBe(1);
      expect(r.output).toMatch(/Too many levels of symbolic links/);
    },
  },
  {
    name: 'a symlink loop in a container and in a volume',
    lines: [`docker run --rm -v v1:/data busybox sh -c 'cd /data/loop2; ls -L /data/loop1; cat /data/loop1'`],
    expect: (r) => {
      expect(r.exitCode).toBe(1);
      expect(r.output).toMatch(/Too many levels of symbolic links/);
    },
  },
  {
    name: 'a volume holding `ln -s /etc x` mounted elsewhere resolves in the container, not on the host',
    lines: [`docker run --rm -v v1:/elsewhere busybox sh -c 'readlink /elsewhere/etc; head -1 /elsewhere/etc/passwd; ls /elsewhere/up/ | head -3'`],
    expect: (r) => {
      expect(r.exitCode).toBe(0);
      expect(r.output).toBe('/etc\nroot:x:0:0:root:/root:/bin/sh\nbin\ndev\nelsewhere\n');
    },
  },
  {
    name: '`docker cp` of a link out of a volume copies the link itself',
    lines: ['docker cp c1:/data/etc ./out && readlink out && docker cp c1:/data/etc/. ./out2 && ls out2 | head -2'],
    expect: (r) => {
      expect(r.exitCode).toBe(0);
      expect(r.output).toBe('/etc\ngroup\nhostname\n');
    },
  },
  {
    name: '`docker cp` through `..` and a link that climbs out stays inside the container',
    lines: ['docker cp c1:/../../../etc/passwd p1 && docker cp c1:/data/up/etc/passwd p2 && cmp p1 p2 && head -1 p1'],
    expect: (r) => {
      expect(r.exitCode).toBe(0);
      expect(r.output).toBe('root:x:0:0:root:/root:/bin/sh\n');
    },
  },
  {
    // moby pkg/archive createTarFile: a link whose target, joined to where it lands, leaves the
    // extraction directory is a breakout (the climbing one; 20.10's daemon words it as a failed
    // untar); an absolute target joins below it
    name: '`docker cp` of host links (absolute and climbing) into a volume',
    lines: [`docker cp ctx/l c3:/data/ && docker exec c3 readlink /data/l; docker cp ctx/up c3:/data/; echo "exit $?"; docker exec c3 ls /data/up`],
    expect: (r) => {
      expect(r.output).toMatch(/^\/etc\nError response from daemon: (Error processing tar file\(exit status 1\): )?invalid symlink "\/data\/up" -> "\.\.\/\.\."\nexit 1\nls: \/data\/up: No such file or directory\n/);
    },
  },
  {
    name: 'a bind mount of the parent directory and a link out of the host working directory',
    lines: [`docker run --rm -v "$(dirname "$PWD")":/up -v "$PWD":/h busybox sh -c 'ln -s / /h/rootlink; ls /up'; readlink rootlink; ls rootlink/ | head -3`],
    expect: (r) => {
      expect(r.exitCode).toBe(0);
      expect(r.output).toMatch(/^work\n\/\n/);
    },
  },
  // `y\n` reaches the budget of lines per command (engine.ts MAX_OUTPUT_LINES) before the bytes'
  { name: '`yes` fills the output limit', lines: ['yes'], expect: refusedBy(/strata: ((yes: )?output exceeds the limit of \d+ bytes|output exceeded the limit of \d+ lines)\n$/) },
  { name: '`cat /dev/zero` fills the output limit', lines: ['cat /dev/zero'], expect: refusedBy(/output exceeds the limit/) },
  { name: '`yes` in a container', lines: ['docker run --rm busybox yes'], expect: refusedBy(/output exceed(s|ed) the limit/) },
  {
    name: 'huge outputs through pipes stop early',
    lines: ['yes | head -n 2; seq 1 100000000 | head -n 2; cat /dev/zero | head -c 3 | wc -c; seq 1 300000 | tail -n 1'],
    expect: (r) => {
      expect(r.exitCode).toBe(0);
      expect(r.output).toBe('y\ny\n1\n2\n3\n300000\n');
    },
  },
  ...(DEEP ? [{ name: '`seq 1 100000000 | tail -1` (deep run only)', lines: ['seq 1 100000000 | tail -1'], expect: refusedBy(/output exceeds the limit/) }] : []),
  { name: 'an endless loop hits the step budget', lines: ['while true; do :; done'], expect: refusedBy(/step budget/) },
  { name: 'an endless loop in a container', lines: [`docker run --rm busybox sh -c 'while :; do :; done'`], expect: refusedBy(/step budget/) },
  { name: 'runaway recursion of a function', lines: ['f() { f; }; f'], expect: refusedBy(/nesting too deep/) },
  { name: 'runaway recursion through eval, source and sh', lines: [`echo '. ./s' > s; . ./s`], expect: refusedBy(/nesting too deep/) },
  { name: 'runaway recursion of sh scripts in a container', lines: [`docker run --rm busybox sh -c 'echo "sh /s" > /s; sh /s'`], expect: refusedBy(/nesting too deep/) },
  { name: '$( ) nested 3000 deep', lines: ['echo ' + nested('$(', 'echo hi', ')', 3000)], expect: refusedBy(LIMIT) },
  { name: '$( ) nested 100 deep works', lines: ['echo ' + nested('$(', 'echo hi', ')', 100)], expect: (r) => expect(r.exitCode).toBe(0) },
  // (spaced: `((` at the start of a host line is bash's arithmetic command, as below)
  { name: 'subshells nested 3000 deep', lines: [nested('( ', 'echo hi', ' )', 3000)], expect: refusedBy(LIMIT) },
  {
    // bash takes it for an arithmetic command and says its error (`((: ((((...`), status 1
    name: 'parentheses nested 3000 deep on the host: an arithmetic command',
    lines: [nested('(', 'echo hi', ')', 3000)],
    expect: (r) => {
      expect(r.exitCode).toBe(1);
      expect(r.output).toMatch(/^bash: line 1: \(\(: \(\(\(/);
    },
  },
  { name: 'groups nested 3000 deep', lines: [nested('{ ', 'echo hi', '; }', 3000)], expect: refusedBy(LIMIT) },
  { name: 'if nested 2000 deep', lines: [nested('if true; then ', 'echo hi', '; fi', 2000)], expect: refusedBy(LIMIT) },
  { name: 'subshells nested 2000 deep in a container', lines: [`docker run --rm busybox sh -c '${nested('(', 'echo hi', ')', 2000)}'`], expect: refusedBy(LIMIT) },
  {
    name: 'arithmetic nested 5000 deep',
    lines: [`echo $((${nested('(', '1', ')', 5000)}))`],
    expect: (r) => expect(r.exitCode === 0 || r.output.length > 0).toBe(true),
  },
  {
    name: 'a long && chain',
    lines: [Array(20000).fill('true').join(' && ') + ' && echo end'],
    expect: (r) => expect(r.output).toBe('end\n'),
  },
  {
    name: 'a very long argument list on the host',
    lines: ['echo ' + Array(100_000).fill('a').join(' ') + ' | wc -c'],
    expect: (r) => expect(r.output.trim()).toBe('200000'),
  },
  {
    name: 'a very long argument list to a container',
    lines: ['docker run --rm busybox echo ' + Array(20_000).fill('a').join(' ') + ' | wc -c'],
    expect: (r) => expect(r.output.trim()).toBe('40000'),
  },
  {
    name: 'docker rm of 3000 missing containers',
    lines: ['docker rm ' + Array.from({ length: 3000 }, (_, i) => `x${i}`).join(' ')],
    expect: (r) => {
      expect(r.exitCode).toBe(1);
      expect(r.output.split('\n').filter((l) => l.includes('No such container')).length).toBe(3000);
    },
  },
  {
    name: '200 mounts on one container',
    lines: ['docker run --rm ' + Array.from({ length: 200 }, (_, i) => `-v w${i}:/m${i}`).join(' ') + ' busybox sh -c "ls / | wc -l"'],
    expect: (r) => expect(r.exitCode).toBe(0),
  },
  {
    name: 'NUL and invalid UTF-8 bytes through files and pipes',
    lines: [`printf 'a\\0b\\377\\376c\\n' > bin; wc -c < bin; cat bin | wc -c; docker cp bin c1:/bin.dat; docker exec c3 true; docker run --rm -v "$PWD":/h busybox wc -c /h/bin`],
    expect: (r) => {
      expect(r.output).toBe('7\n7\n7 /h/bin\n');
    },
  },
  {
    name: 'file names with invalid UTF-8 bytes',
    lines: [`touch "$(printf 'n\\377m')"; ls | wc -l; docker run --rm -v "$PWD":/h busybox sh -c 'touch "/h/$(printf "\\\\377")"; ls /h | wc -l'`],
    expect: (r) => expect(r.exitCode).toBe(0),
  },
  {
    name: 'NUL characters and lone surrogates in the command line itself',
    lines: ['echo a\u0000b; echo \udc80; docker run --rm busybox echo "\ud800"; docker volume create "v\u0000x"'],
    expect: (r) => mustMatch(r.output, JS_ERROR, 'output', true),
  },
  {
    name: '`..` in mount targets, sources, subpaths and working directories',
    lines: [
      `docker run --rm -v v1:/a/../data -w /../../tmp busybox pwd; docker run --rm --mount type=volume,src=v1,dst=/d,volume-subpath=../../etc busybox ls /d; docker run --rm -v ../../../..:/r busybox ls /r`,
    ],
    expect: (r) => mustMatch(r.output, JS_ERROR, 'output', true),
  },
];

describe('fuzz: hostile inputs', () => {
  for (const h of HOSTILE) {
    it(h.name, () => {
      for (const engine of ENGINES) {
        let st = dockerBase(engine);
        let last: CommandResult | undefined;
        for (const line of h.lines) {
          last = runChecked(st, line);
          st = last.state;
        }
        if (last) h.expect(last);
      }
    });
  }
});

// Bugs the fuzzing found in src/ (reported to the lead). \`it.fails\` is a ratchet: when a fix lands,
// the test turns red; then turn it into a plain \`it\` and drop the entry from KNOWN_BUGS.
describe('fuzz: known bugs (expected to fail until fixed)', () => {
  it('a bind source with a `..` segment is cleaned like docker does (filepath.Clean)', () => {
    let st = dockerBase('docker-26.1');
    const a = runChecked(st, 'mkdir -p d && docker run --rm -v "$PWD/d/..":/x busybox ls /x');
    st = a.state;
    expect(a.output).toBe('ctx\nd\n');
    const b = runChecked(st, 'docker run --rm --mount type=bind,src="$PWD/d/..",dst=/x busybox ls /x');
    expect(b.output).toBe('ctx\nd\n');
  });

  it('`docker export -o` into a missing directory is the CLI\'s message, not an internal error', () => {
    const r = runChecked(dockerBase('docker-26.1'), 'docker export -o nodir/c1.tar c1');
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe('failed to export container: invalid output path: stat nodir: no such file or directory\n');
  });

  it('`cp -r . d/x` (a directory into its own subtree) is refused, not an endless copy', () => {
    const host = runChecked(dockerBase('docker-26.1'), 'mkdir d; cp -r . d/x');
    expect(host.exitCode).toBe(1);
    mustMatch(host.output, /cannot copy a directory, '\.', into itself, 'd\/x'/, 'host');
    // (a copy of the whole root would read /proc/sys, whose settings strata refuses by name)
    const ctr = runChecked(dockerBase('docker-26.1'), `docker run --rm -w /data/w busybox sh -c 'mkdir d; cp -r .. d/x'`);
    expect(ctr.exitCode).toBe(1);
    mustMatch(ctr.output, /recursion detected/, 'container');
  });

  // The pipeline runs its elements in a loop now: nothing to refuse, it simply runs (cat of an
  // empty stdin, 5000 times).
  it('a 5000-stage pipeline runs without a JS stack overflow', () => {
    const r = runChecked(dockerBase('docker-26.1'), Array(5000).fill('cat').join(' | '));
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe('');
  });

  it('${x:-...} nested 3000 deep is refused by the nesting budget, not a JS stack overflow', () => {
    const r = runChecked(dockerBase('docker-26.1'), 'echo ' + nested('${x:-', 'y', '}', 3000));
    expect(r.exitCode).toBe(125);
    mustMatch(r.output, /nesting too deep/, 'refusal');
  });

  // Found by fuzzing: commands that take a positional argument accepted none (`docker rm` exited 0
  // silently, `docker commit` said "No such container: undefined"). docker's CLI refuses them with
  // cobra's Args check; the usage line names a required argument in capitals.
  const requiresArgs = COMMANDS.filter((c) =>
    /^\s*[A-Z]/.test(c.spec.usage.split('\n')[0].slice(`docker ${c.spec.path}`.length).replace(/^\s*\[OPTIONS\]/, '')),
  );
  it('the usage lines name a required argument for most commands (the filter below is not empty)', () => {
    expect(requiresArgs.length).toBeGreaterThan(20);
  });
  for (const c of requiresArgs) {
    it(`\`docker ${c.spec.path}\` without arguments is a usage error`, () => {
      const old = runChecked(dockerBase('docker-20.10'), `docker ${c.spec.path}`);
      expect(old.exitCode).toBe(1);
      expect(old.output).toMatch(new RegExp(`^(ERROR: )?"docker (buildx )?${c.spec.path}" requires (at least|exactly) \\d+ (and at most \\d+ )?arguments?\\.`));
      const now = runChecked(dockerBase('docker-26.1'), `docker ${c.spec.path}`);
      expect(now.exitCode).toBe(1);
      expect(now.output).toMatch(new RegExp(`^(docker: 'docker ${c.spec.path}' requires|ERROR: "docker buildx build" requires)`));
    });
  }
});
