// Every recorded corpus file: parses, writes back byte for byte, parses like the recorder parses
// it, and replays clean on a fake engine that prints the recorded outputs "denormalized".

import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkScenario,
  commandSteps,
  decodeScenario,
  formatScenario,
  parseScenario,
  updateScenario,
  type Scenario,
  type ScenarioEngine,
} from '../../src/scenario/index.ts';
import { corpusFiles, relative } from './corpus.ts';
import { asRecorderItems, loadRecorder } from './recorder.ts';

const files = corpusFiles();
const recorder = await loadRecorder();

const read = (file: string): string => decodeScenario(new Uint8Array(fs.readFileSync(file)), relative(file));

const hex = (label: string): string => createHash('sha256').update(label).digest('hex');

/** An engine that prints the expected outputs with real-looking IDs, paths and times. */
function denormalizingEngine(s: Scenario): ScenarioEngine {
  const pwd = '/tmp/strata-test/work/wQ3x9Z';
  const ids = new Set<string>();
  const imageIds = new Set<string>();
  const steps = commandSteps(s);
  let k = 0;
  return {
    pwd,
    knownIds: () => ({ ids, imageIds }),
    run(command) {
      const step = steps[k++];
      expect(command).toBe(step.command);
      const text = step.output
        .map((l) =>
          l
            .replace(/<(id|img)(\d+)(:12)?>/g, (_m, kind: string, n: string, short: string | undefined) => {
              const full = hex(`${kind}${n}`);
              (kind === 'img' ? imageIds : ids).add(full);
              return short ? full.slice(0, 12) : full;
            })
            .split('<time>').join('2024-05-06T07:08:09.123456789Z')
            .split('$PWD').join(pwd),
        )
        .join('\n');
      return { output: step.output.length === 0 ? '' : text + '\n', exitCode: step.exitCode };
    },
  };
}

describe.skipIf(files.length === 0)('recorded corpus', () => {
  it('has files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((f) => [relative(f), f]))('%s: round trip, recorder parse, replay', (name, file) => {
    const text = read(file);
    const s = parseScenario(text, name);
    expect(formatScenario(s)).toBe(text);
    expect(s.engine === 'docker-20.10' || s.engine === 'docker-26.1').toBe(true);
    expect(s.title).toBeTruthy();
    if (recorder) expect(asRecorderItems(s)).toEqual(recorder.parseScenario(text));

    const check = checkScenario(s, denormalizingEngine(s));
    expect(check.diff).toBe('');
    expect(check.passed).toBe(true);
    expect(check.replay.transcript).toBe(text);
    expect(updateScenario(s, check.replay.results)).toBe(text);
  });
});
