import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ScenarioSyntaxError,
  decodeScenario,
  formatScenario,
  parseScenario,
  commandSteps,
  type CommandStep,
  type Scenario,
} from '../../src/scenario/index.ts';
import { asRecorderItems, loadRecorder, type RecorderItem } from './recorder.ts';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MALFORMED = path.join(HERE, 'malformed');

const parseBytes = (bytes: Uint8Array, file: string) => parseScenario(decodeScenario(bytes, file), file);

describe('malformed scenarios', () => {
  const cases = fs.readdirSync(MALFORMED).filter((f) => f.endsWith('.scenario')).sort();

  it('every example has its .error file', () => {
    expect(cases.length).toBeGreaterThan(10);
    for (const c of cases) expect(fs.existsSync(path.join(MALFORMED, c.replace(/\.scenario$/, '.error'))), c).toBe(true);
  });

  it.each(cases)('%s', (name) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(MALFORMED, name)));
    const want = fs.readFileSync(path.join(MALFORMED, name.replace(/\.scenario$/, '.error')), 'utf8').replace(/\n$/, '');
    const file = `malformed/${name}`;
    let err: unknown;
    try {
      parseBytes(bytes, file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioSyntaxError);
    const se = err as ScenarioSyntaxError;
    expect(se.message).toBe(want);
    expect(se.file).toBe(file);
    expect(`${se.file}:${se.line}: ${se.reason}`).toBe(want);
  });
});

const SAMPLE = [
  '# title: a sample',
  '# tags: one,  two , ,three',
  '# engine: docker-26.1',
  '# free text',
  '',
  '# still header',
  '$ docker volume prune -f',
  'Deleted Volumes:',
  'v',
  '<blank>',
  'Total reclaimed space: 0B',
  '$ cat <<EOF',
  '> a',
  '>',
  '> ',
  '> EOF',
  'a',
  '<blank>',
  '<blank>',
  '# a comment',
  '$ false',
  '[exit 1]',
  '',
  '',
  '$ printf \'\\t x  \\n$\\n\'',
  '\t x  ',
  '$',
  '$ exit 137',
  '[exit 137]',
  '$ true',
].join('\n') + '\n';

describe('parseScenario', () => {
  const s = parseScenario(SAMPLE, 'sample.scenario');
  const cmds = s.steps.filter((st): st is CommandStep => st.kind === 'command');

  it('reads the header', () => {
    expect(s.title).toBe('a sample');
    expect(s.tags).toEqual(['one', 'two', 'three']);
    expect(s.engine).toBe('docker-26.1');
    expect(s.header.map((h) => h.kind)).toEqual(['header', 'header', 'header', 'header', 'blank', 'header']);
    expect(s.header[5]).toEqual({ kind: 'header', line: 6, text: '# still header' });
  });

  it('reads commands, continuations, outputs, <blank> and [exit N]', () => {
    expect(cmds.map((c) => c.line)).toEqual([7, 12, 21, 25, 28, 30]);
    expect(cmds[0].output).toEqual(['Deleted Volumes:', 'v', '', 'Total reclaimed space: 0B']);
    expect(cmds[0].exitCode).toBe(0);
    expect(cmds[1].command).toBe('cat <<EOF\na\n\n\nEOF');
    expect(cmds[1].source).toEqual(['$ cat <<EOF', '> a', '>', '> ', '> EOF']);
    expect(cmds[1].output).toEqual(['a', '', '']);
    expect(cmds[2]).toMatchObject({ command: 'false', output: [], exitCode: 1 });
    expect(cmds[3].output).toEqual(['\t x  ', '$']);
    expect(cmds[4]).toMatchObject({ output: [], exitCode: 137 });
    expect(cmds[5]).toMatchObject({ output: [], exitCode: 0 });
    expect(s.steps.map((st) => st.kind)).toEqual([
      'command', 'command', 'comment', 'command', 'blank', 'blank', 'command', 'command', 'command',
    ]);
  });

  it('writes back byte for byte', () => {
    expect(formatScenario(s)).toBe(SAMPLE);
  });

  it('round-trips edge cases: no final newline, empty file, only header, blank lines at the end', () => {
    for (const text of ['', '\n', '\n\n', '# title: t', '# title: t\n', '$ true', '$ echo x\nx', '$ true\n\n\n', '# a\n\n# b\n', '$ a\n$ b\n# c\n\n']) {
      const p = parseScenario(text, 't.scenario');
      expect(formatScenario(p)).toBe(text);
    }
    expect(parseScenario('$ echo x\nx', 't').finalNewline).toBe(false);
    expect(parseScenario('', 't')).toMatchObject({ header: [], steps: [], finalNewline: false, tags: [] });
  });

  it('a scenario without engine line has no engine; # engine: after the first command is a comment', () => {
    const p = parseScenario('# title: t\n$ true\n# engine: whatever\n', 't');
    expect(p.engine).toBeUndefined();
    expect(p.steps[1]).toEqual({ kind: 'comment', line: 3, text: '# engine: whatever' });
  });

  it('# images: lines name stand-in images with their lines; after the first command it is a comment', () => {
    const p = parseScenario('# title: t\n# images: postgres:16  nginx\n# images: mysql:9.2.0\n$ true\n# images: redis\n', 't');
    expect(p.images).toEqual([
      { ref: 'postgres:16', line: 2 },
      { ref: 'nginx', line: 2 },
      { ref: 'mysql:9.2.0', line: 3 },
    ]);
    expect(parseScenario('$ true\n', 't').images).toEqual([]);
  });

  it('refuses a # images: word that the recorder would not take as an image reference', () => {
    for (const bad of ['Postgres:16', 'postgres:', ':16', 'a b:c:d']) {
      expect(() => parseScenario(`# images: ${bad}\n$ true\n`, 'bad.scenario')).toThrow(ScenarioSyntaxError);
    }
    expect(() => parseScenario('# images: Postgres:16\n$ true\n', 'bad.scenario')).toThrow('bad.scenario:1: not an image reference in "# images:": "Postgres:16"');
  });

  it('decodes UTF-8 and keeps non-ASCII text', () => {
    const bytes = new TextEncoder().encode('# title: café\n$ echo …\n…\n');
    const p = parseBytes(bytes, 'u.scenario');
    expect(p.title).toBe('café');
    expect((p.steps[0] as CommandStep).output).toEqual(['…']);
  });

  it('keeps \\r in output lines (as the recorder writes them) and refuses it at the end of other lines', () => {
    const text = '# engine: docker-20.10\n$ docker exec ex nosuchcmd\nOCI runtime exec failed: x\r\n[exit 126]\n$ docker build -q .\nSending  2.048kB\r\r\n\r\n<blank>\r\n[exit 1]\r\n';
    const p = parseScenario(text, 'cr.scenario');
    const cmds = commandSteps(p);
    expect(cmds[0]).toMatchObject({ output: ['OCI runtime exec failed: x\r'], exitCode: 126 });
    expect(cmds[1]).toMatchObject({ output: ['Sending  2.048kB\r\r', '\r', '<blank>\r', '[exit 1]\r'], exitCode: 0 });
    expect(formatScenario(p)).toBe(text);
    for (const [bad, line] of [['$ true\r\n', 1], ['# t\r\n$ true\n', 1], ['$ true\n# c\r\n', 2], ['$ cat <<E\n> E\r\n', 2]] as const) {
      expect(() => parseScenario(bad, 'c')).toThrow(`c:${line}: line ends with \\r\\n (CRLF): scenario files use \\n line endings (only an output line may end in \\r)`);
    }
  });

  it('refuses an unpaired surrogate', () => {
    expect(() => parseScenario('$ echo x\n\uD800\n', 's.scenario')).toThrow('s.scenario:2: not valid UTF-8 (unpaired surrogate)');
  });
});

const recorder = await loadRecorder();

describe('parseScenario against the recorder on random texts', () => {
  const line = fc.constantFrom(
    '$ echo x', '$ cat <<EOF', '$ ', '$', '> a', '>', '> ', '# c', '# title: t', '# tags: a, b', '# engine: docker-20.10',
    '# engine: docker-26.1', '', '', 'out', 'x\ty  ', '<blank>', '[exit 1]', '[exit 137]', '[exit 0]', '[exit 01]', 'é…',
    // carriage returns: ordinary in output lines, a CRLF line ending elsewhere
    'err\r', 'kB\r\r', '\r', 'a\rb', '<blank>\r', '[exit 1]\r', '# c\r', '$ echo x\r', '> a\r',
  );
  // The recorder writes output lines verbatim, \r included, but its reader turns \r\n into \n. Our
  // parser reads a file as the recorder's writer meant it: as the recorder's reader would if \r were
  // an ordinary character. A stand-in character that the recorder treats as ordinary models that.
  const CR_STAND_IN = '\u0001';
  const recorderItems = (t: string): RecorderItem[] =>
    JSON.parse(JSON.stringify(recorder?.parseScenario(t.replaceAll('\r', CR_STAND_IN))).replaceAll('\\u0001', '\\r')) as RecorderItem[];
  const text = fc.tuple(fc.array(line, { maxLength: 14 }), fc.boolean()).map(([ls, nl]) => ls.join('\n') + (nl && ls.length ? '\n' : ''));

  it('accepts a subset of what the recorder accepts, with the same items, and writes it back unchanged', () => {
    let accepted = 0;
    fc.assert(
      fc.property(text, (t) => {
        let s: Scenario;
        try {
          s = parseScenario(t, 'r.scenario');
        } catch (e) {
          expect(e).toBeInstanceOf(ScenarioSyntaxError);
          return;
        }
        accepted++;
        expect(formatScenario(s)).toBe(t);
        if (recorder) expect(asRecorderItems(s)).toEqual(recorderItems(t));
        if (recorder && !t.includes('\r')) expect(asRecorderItems(s)).toEqual(recorder.parseScenario(t));
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
