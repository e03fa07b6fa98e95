// Command lines run one after the other on a fresh engine, as a scenario runs them: the state at
// the end and the last line's output and exit status (for tests that look past one command).
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';

export function runLines(engine: 'docker-20.10' | 'docker-26.1', lines: readonly string[]): { st: EngineState; output: string; exitCode: number } {
  let st = initialState({ engine });
  let last = { output: '', exitCode: 0 };
  for (const line of lines) {
    const r = execute(st, line);
    st = r.state;
    last = r;
  }
  return { st, ...last };
}
