import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ScenarioOutputError,
  checkScenario,
  commandSteps,
  compareScenario,
  parseScenario,
  renderCommand,
  renderOutput,
  replayScenario,
  updateScenario,
  type ScenarioEngine,
} from '../../src/scenario/index.ts';

const hex = (label: string): string => createHash('sha256').update(label).digest('hex');
const C1 = hex('c1');
const C2 = hex('c2');
const IMG = hex('img');

/** A scripted engine: outputs per command text, IDs revealed after given commands. */
function scripted(
  script: Record<string, { output: string; exitCode?: number; ids?: string[]; images?: string[]; removeIds?: string[] }>,
  pwd = '/sim/work',
): ScenarioEngine & { ran: string[] } {
  const ids = new Set<string>();
  const imageIds = new Set<string>([`sha256:${IMG}`]);
  const ran: string[] = [];
  return {
    pwd,
    ran,
    knownIds: () => ({ ids: new Set(ids), imageIds: new Set(imageIds) }),
    run(command) {
      ran.push(command);
      const r = script[command];
      if (!r) return { output: `bash: ${command}: command not found\n`, exitCode: 127 };
      for (const id of r.ids ?? []) ids.add(id);
      for (const id of r.images ?? []) imageIds.add(id);
      for (const id of r.removeIds ?? []) ids.delete(id);
      return { output: r.output, exitCode: r.exitCode ?? 0 };
    },
  };
}

const SCENARIO = `# title: replay sample
# engine: docker-20.10

$ docker run -d --name web busybox sleep 60
<id1>
# the short form of the same ID
$ docker ps -q
<id1:12>
$ docker rm -f web
web
$ docker inspect --format '{{.Image}}' busybox
<img1>
$ docker run --rm busybox hostname
<id2:12>
$ pwd; ls missing
$PWD
ls: missing: No such file or directory
[exit 1]
$ printf 'a\\n\\nb'
a
<blank>
b
`;

const engineFor = () =>
  scripted({
    'docker run -d --name web busybox sleep 60': { output: `${C1}\n`, ids: [C1] },
    'docker ps -q': { output: `${C1.slice(0, 12)}\n` },
    'docker rm -f web': { output: 'web\n', removeIds: [C1] },
    "docker inspect --format '{{.Image}}' busybox": { output: `sha256:${IMG}\n` },
    // a --rm container: gone before the next snapshot, but seen while it ran
    'docker run --rm busybox hostname': { output: `${C2.slice(0, 12)}\n`, ids: [C2], removeIds: [] },
    'pwd; ls missing': { output: '/sim/work\nls: missing: No such file or directory\n', exitCode: 1 },
    "printf 'a\\n\\nb'": { output: 'a\n\nb' },
  });

describe('replayScenario / checkScenario', () => {
  const s = parseScenario(SCENARIO, 'sample.scenario');

  it('runs every command in order and normalizes the transcript', () => {
    const engine = engineFor();
    const r = replayScenario(s, engine);
    expect(engine.ran).toEqual(s.steps.flatMap((st) => (st.kind === 'command' ? [st.command] : [])));
    expect(r.results.map((x) => x.output)).toEqual([
      ['<id1>'], ['<id1:12>'], ['web'], ['<img1>'], ['<id2:12>'],
      ['$PWD', 'ls: missing: No such file or directory'], ['a', '', 'b'],
    ]);
    expect(r.results[0].rawOutput).toBe(`${C1}\n`);
    expect(r.results.map((x) => x.exitCode)).toEqual([0, 0, 0, 0, 0, 1, 0]);
    expect(r.transcript).toBe(SCENARIO);
  });

  it('passes when everything matches', () => {
    const c = checkScenario(s, engineFor());
    expect(c).toMatchObject({ passed: true, diff: '', mismatches: [] });
  });

  it('reports a unified diff with the file\'s line numbers when an output or status differs', () => {
    const engine = engineFor();
    const orig = engine.run.bind(engine);
    engine.run = (cmd) => {
      const r = orig(cmd);
      if (cmd === 'docker rm -f web') return { output: 'Error: No such container: web\n', exitCode: 1 };
      return r;
    };
    const c = checkScenario(s, engine, { fromLabel: 'sample.scenario', toLabel: 'strata' });
    expect(c.passed).toBe(false);
    expect(c.mismatches.map((m) => m.step.line)).toEqual([9]);
    expect(c.diff).toBe(
      [
        '--- sample.scenario',
        '+++ strata',
        '@@ -7,7 +7,8 @@',
        ' $ docker ps -q',
        ' <id1:12>',
        ' $ docker rm -f web',
        '-web',
        '+Error: No such container: web',
        '+[exit 1]',
        " $ docker inspect --format '{{.Image}}' busybox",
        ' <img1>',
        ' $ docker run --rm busybox hostname',
        '',
      ].join('\n'),
    );
  });

  it('an exit status difference alone is a mismatch', () => {
    const res = compareScenario(parseScenario('$ true\n', 't'), [{ output: [], exitCode: 2 }]);
    expect(res.passed).toBe(false);
    expect(res.diff).toBe('--- expected\n+++ actual\n@@ -1 +1,2 @@\n $ true\n+[exit 2]\n');
  });

  it('explains a difference the format cannot show', () => {
    const res = compareScenario(parseScenario('$ echo\n<blank>\n', 't.scenario'), [{ output: ['<blank>'], exitCode: 0 }]);
    expect(res.passed).toBe(false);
    expect(res.diff).toBe('t.scenario:1: actual output differs but is ambiguous in the scenario format: ["<blank>"] [exit 0]\n');
  });
});

describe('updateScenario', () => {
  const text = '# title: t\n# engine: docker-26.1\n\n$ docker volume ls -q\nold\n# keep me\n$ cat <<EOF\n> x\n>\n> EOF\nx\n\n\n$ false\n';
  const s = parseScenario(text, 'u.scenario');

  it('replaces outputs only', () => {
    const out = updateScenario(s, [
      { output: ['v1', '', 'v2  '], exitCode: 0 },
      { output: ['x', ''], exitCode: 0 },
      { output: [], exitCode: 1 },
    ]);
    expect(out).toBe('# title: t\n# engine: docker-26.1\n\n$ docker volume ls -q\nv1\n<blank>\nv2  \n# keep me\n$ cat <<EOF\n> x\n>\n> EOF\nx\n<blank>\n\n\n$ false\n[exit 1]\n');
    expect(parseScenario(out, 'u.scenario').steps.length).toBe(s.steps.length);
  });

  it('keeps a missing final newline', () => {
    const p = parseScenario('$ echo a\na', 'n');
    expect(updateScenario(p, [{ output: ['b'], exitCode: 0 }])).toBe('$ echo a\nb');
  });

  it('refuses output lines the format cannot hold', () => {
    for (const bad of ['# x', '$ ls', '> x', '>', '<blank>', '[exit 3]', '[exit x]', 'nul\0']) {
      expect(() => updateScenario(s, [{ output: [bad], exitCode: 0 }, { output: [], exitCode: 0 }, { output: [], exitCode: 1 }])).toThrow(ScenarioOutputError);
    }
    expect(() => updateScenario(s, [{ output: ['# x'], exitCode: 0 }, { output: [], exitCode: 0 }, { output: [], exitCode: 1 }])).toThrow(
      'u.scenario:4: $ docker volume ls -q: output line is ambiguous in the scenario format: "# x" (change the scenario)',
    );
  });

  it('writes output lines holding \\r verbatim, and reads them back', () => {
    const lines = ['Sending build context to Docker daemon  2.048kB\r\r', '\r', '<blank>\r', '[exit 1]\r', 'a\rb'];
    const out = updateScenario(s, [{ output: lines, exitCode: 0 }, { output: [], exitCode: 0 }, { output: ['x\r'], exitCode: 126 }]);
    expect(out).toContain('\n' + lines.join('\n') + '\n# keep me\n');
    expect(out).toContain('\nx\r\n[exit 126]\n');
    const back = commandSteps(parseScenario(out, 'u.scenario'));
    expect(back[0].output).toEqual(lines);
    expect(back[2]).toMatchObject({ output: ['x\r'], exitCode: 126 });
  });

  it('needs one result per command', () => {
    expect(() => updateScenario(s, [])).toThrow('u.scenario: 0 results for 3 commands');
  });
});

describe('render helpers', () => {
  it('renders commands and outputs', () => {
    expect(renderCommand('cat <<EOF\na\n\nEOF')).toEqual(['$ cat <<EOF', '> a', '>', '> EOF']);
    expect(renderOutput(['a', '', 'b'], 0)).toEqual(['a', '<blank>', 'b']);
    expect(renderOutput([], 125)).toEqual(['[exit 125]']);
  });
});
