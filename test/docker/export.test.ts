import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';

function run(engine: 'docker-20.10' | 'docker-26.1', lines: string[]): { st: EngineState; output: string; exitCode: number } {
  let st = initialState({ engine });
  let last = { output: '', exitCode: 0 };
  for (const line of lines) {
    const r = execute(st, line);
    st = r.state;
    last = r;
  }
  return { st, ...last };
}

// The recorded cases are core/export-output-path; the 20.10 rename error names a random
// temporary file, so it is checked here by its shape.
describe('docker export -o onto a directory', () => {
  it('20.10: the rename of the temporary file fails and nothing is written', () => {
    const r = run('docker-20.10', ['docker create --name c1 busybox', 'mkdir d', 'docker export -o d c1']);
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/^rename \.\/\.docker_temp_\d+ d: file exists\n$/);
    const ls = execute(r.st, 'ls -A d');
    expect(ls.output).toBe('');
  });
  it('26.1: the CLI refuses a directory before exporting', () => {
    const r = run('docker-26.1', ['docker create --name c1 busybox', 'mkdir d', 'docker export -o d c1']);
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe('failed to export container: cannot write to a directory\n');
  });
  it('writes the archive through a path with `..` in it', () => {
    const r = run('docker-26.1', ['docker create --name c1 busybox', 'mkdir d', 'docker export -o ./d/../c1.tar c1', 'tar -tf c1.tar | head -2']);
    expect(r.output).toBe('.dockerenv\nbin/\n');
  });
});
