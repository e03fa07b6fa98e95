import { describe, expect, it } from 'vitest';
import { execute } from '../../src/engine/engine.ts';
import { runLines as run } from './run-lines.ts';

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
