// Writing transcripts: outputs of any length, strata's own messages never written as Docker's,
// and the `# engine:` header that --engine asks for.

import { describe, expect, it } from 'vitest';
import {
  parseScenario,
  renderTranscript,
  ScenarioRefusalError,
  strataMessage,
  updateScenario,
  withEngineHeader,
} from '../../src/scenario/index.ts';

const out = (output: string[], exitCode = 0) => ({ output, exitCode });

describe('render', () => {
  it('writes an output of 300,000 lines (spreading them into push() overflowed the stack)', () => {
    const s = parseScenario('$ seq 1 300000\n', 'f');
    const lines = Array.from({ length: 300000 }, (_, i) => String(i + 1));
    const text = updateScenario(s, [out(lines)]);
    expect(text.length).toBe('$ seq 1 300000\n'.length + lines.join('\n').length + 1);
    expect(renderTranscript(s, [out(lines)])).toBe(text);
  });

  it('refuses to write strata\'s own words as an output: refusals, budgets, internal errors', () => {
    const s = parseScenario('# t\n$ docker run --privileged busybox true\n', 'f.scenario');
    for (const said of [
      'strata does not simulate `--privileged` (...)',
      'ERROR: strata does not simulate the Dockerfile instruction `ONBUILD`',
      'strata: script exceeded the step budget (possible infinite loop)',
      'strata: internal error in dd: x',
      // a stand-in program's refusal in its own name (catalog/mysql/files/mysql refuse())
      'mysql: strata stand-in: prompting for a password (-p without a value) is not simulated',
    ]) {
      expect(strataMessage(['ok', said])).toBe(said);
      expect(() => updateScenario(s, [out(['ok', said], 125)])).toThrow(ScenarioRefusalError);
      expect(() => updateScenario(s, [out(['ok', said], 125)])).toThrow(`f.scenario:2: $ docker run --privileged busybox true: ${said}`);
    }
    // words that only mention strata are Docker's (or the command's) to print
    expect(strataMessage(['strata', 'the strata: of rock', 'stratadoes not simulate'])).toBeUndefined();
  });
});

describe('a command left open', () => {
  it('is never written over: the lines after it are its own, written without "> "', () => {
    // parsed (only a here-document or a final backslash is refused at parse time), then refused
    // at the write: --update would have replaced `echo $v` and `done` with bash's syntax error
    for (const text of ['$ for v in 1 2; do\necho $v\ndone\n', '$ echo "a\nb"\n']) {
      const s = parseScenario(text, 'f.scenario');
      expect(() => updateScenario(s, [out(['bash: -c: line 1: syntax error: unexpected end of file'], 2)])).toThrow(
        'f.scenario:1: the command goes on past its last line',
      );
    }
    const whole = parseScenario('$ for v in 1 2; do\n> echo $v\n> done\n', 'f.scenario');
    expect(updateScenario(whole, [out(['1', '2'])])).toBe('$ for v in 1 2; do\n> echo $v\n> done\n1\n2\n');
  });
});

describe('withEngineHeader', () => {
  const header = (text: string, engine: 'docker-20.10' | 'docker-26.1') => {
    const s = withEngineHeader(parseScenario(text, 'f'), engine, 'docker-26.1');
    return updateScenario(s, s.steps.filter((x) => x.kind === 'command').map(() => out([])));
  };

  it('rewrites the # engine: line in place', () => {
    expect(header('# title: t\n# engine: docker-26.1\n# x\n$ true\n', 'docker-20.10')).toBe('# title: t\n# engine: docker-20.10\n# x\n$ true\n');
  });
  it('adds one after the last # title:/# tags: line, or first', () => {
    expect(header('# x\n# tags: a\n# title: t\n\n$ true\n', 'docker-20.10')).toBe('# x\n# tags: a\n# title: t\n# engine: docker-20.10\n\n$ true\n');
    expect(header('$ true\n', 'docker-20.10')).toBe('# engine: docker-20.10\n$ true\n');
    expect(header('', 'docker-20.10')).toBe('# engine: docker-20.10\n');
  });
  it('leaves the file alone when it already replays on that engine', () => {
    expect(header('# title: t\n$ true', 'docker-26.1')).toBe('# title: t\n$ true');
    expect(header('# engine: docker-20.10\n$ true\n', 'docker-20.10')).toBe('# engine: docker-20.10\n$ true\n');
  });
});
