// Figure 2 of issue #14: the engine's CPU per scenario command over every recorded scenario in
// the repository (test/conformance, test/recorded, scenarios), warm: one pass to warm up, then
// each timed pass is a sample. Engine time only: the commands and the ID snapshots after each,
// not parsing, normalizing or comparing.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenario } from '../src/scenario/parse.ts';
import { checkScenario } from '../src/scenario/replay.ts';
import { SimulatedDocker } from '../src/engine/scenario-engine.ts';
import { expandPaths } from '../src/cli/files.ts';
import { DEFAULT_ENGINE, type EngineName } from '../src/engine/profile.ts';
import { cpuMicros, type Figure } from './stats.ts';

const ROOT = join(import.meta.dirname, '..');

class TimedEngine extends SimulatedDocker {
  micros = 0;
  commands = 0;

  override run(command: string): { output: string; exitCode: number } {
    let r!: { output: string; exitCode: number };
    this.micros += cpuMicros(() => (r = super.run(command)));
    this.commands++;
    return r;
  }

  override knownIds(): { ids: Set<string>; imageIds: Set<string> } {
    let r!: { ids: Set<string>; imageIds: Set<string> };
    this.micros += cpuMicros(() => (r = super.knownIds()));
    return r;
  }
}

export function benchCorpus(passes: number): { figure: Figure; scenarios: number; commands: number; failed: number } {
  const files = expandPaths([join(ROOT, 'test', 'conformance'), join(ROOT, 'test', 'recorded'), join(ROOT, 'scenarios')]);
  const parsed = files.map((f) => parseScenario(readFileSync(f, 'utf8'), f));
  const samples: number[] = [];
  let commands = 0;
  let failed = 0;
  for (let pass = 0; pass <= passes; pass++) {
    let micros = 0;
    commands = 0;
    failed = 0;
    for (const s of parsed) {
      const engine = new TimedEngine({ engine: (s.engine ?? DEFAULT_ENGINE) as EngineName });
      try {
        if (!checkScenario(s, engine).passed) failed++;
      } catch {
        failed++;
      }
      micros += engine.micros;
      commands += engine.commands;
    }
    // pass 0 warms the JIT up
    if (pass > 0) samples.push(micros / commands);
  }
  const figure: Figure = { name: `engine CPU per command, ${parsed.length} recorded scenarios (warm)`, samples, unit: 'µs', target: '≤ 70 µs' };
  return { figure, scenarios: parsed.length, commands, failed };
}
