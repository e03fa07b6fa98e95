// Shell details measured against the real shells (test/recorded/shell-fidelity/: record.sh runs
// each case of cases.txt in this host's bash 5.2.15 and dash 0.5.12, and busybox 1.35 (the
// oracle's), 1.36.1 (Alpine 3.19) and 1.38.0 (the real busybox:latest) in chroots; their unedited
// outputs are the SHELL.txt files): `local` with an option or a bad name in ash and dash, the line
// numbers of errors in a multi-line `eval` string, a file without an execute bit earlier in PATH.
// Each case runs in strata in the image that has that shell.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';

const DIR = join(import.meta.dirname, '..', 'recorded', 'shell-fidelity');
const cases = readFileSync(join(DIR, 'cases.txt'), 'utf8').replace(/\n$/, '').split('\n%%\n');

/** SHELL.txt as one `output[exit N]` per case, in cases.txt's order. */
function recorded(shell: string): string[] {
  return readFileSync(join(DIR, `${shell}.txt`), 'utf8')
    .split(/^### \d+\n/m)
    .slice(1)
    .map((block) => block.replace(/\[exit (\d+)\]\n$/, '[exit $1]'));
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Each recorded shell: the engine and image whose shell strata runs it as. */
const SHELLS = [
  { shell: 'bash-5.2', standIns: false, image: 'debian:bookworm', command: 'bash' },
  { shell: 'dash-0.5.12', standIns: false, image: 'debian:bookworm', command: 'sh' },
  { shell: 'busybox-1.35', standIns: true, image: 'busybox', command: 'sh' },
  { shell: 'busybox-1.36', standIns: false, image: 'alpine:3.19', command: 'sh' },
  { shell: 'busybox-1.38', standIns: false, image: 'busybox', command: 'sh' },
] as const;

describe.each(SHELLS)('$shell', ({ shell, standIns, image, command }) => {
  const want = recorded(shell);
  let state: EngineState | undefined;
  const run = (script: string): string => {
    state ??= execute(initialState({ engine: 'docker-26.1', busyboxStandIns: standIns }), `docker pull -q ${image} >/dev/null`).state;
    const r = execute(state, `docker run --rm ${image} ${command} -c ${quote(script)}`);
    return `${r.output}[exit ${r.exitCode}]`;
  };

  it('has a recorded run of each case', () => {
    expect(want).toHaveLength(cases.length);
  });

  it.each(cases.map((c, i) => [c, i] as const))('%s', (script, i) => {
    expect(run(script)).toBe(want[i]);
  });
});

/**
 * What strata does not keep, refused by name. Measured on the same shells: `local -` gives a
 * function's caller the options back (`f() { local -; set -f; }; f; echo $-` has no `f` after it:
 * bash 5.2, dash 0.5.12, busybox 1.35 to 1.38); ash's and dash's `local 1a=2` sets the variable
 * unchecked and the shell exits 2 (`sh: 1a: bad variable name`) when the function returns.
 */
describe('local: what strata refuses by name', () => {
  let state: EngineState | undefined;
  const run = (image: string, command: string, script: string): { output: string; exitCode: number } => {
    state ??= execute(initialState({ engine: 'docker-26.1' }), 'docker pull -q debian:bookworm >/dev/null').state;
    const r = execute(state, `docker run --rm ${image} ${command} -c ${quote(script)}`);
    return { output: r.output, exitCode: r.exitCode };
  };
  it.each([
    ['debian:bookworm', 'bash'],
    ['debian:bookworm', 'sh'],
    ['busybox', 'sh'],
  ])('`local -` (%s %s)', (image, command) => {
    expect(run(image, command, 'f() { local -; set -f; }; f; echo "$-"')).toEqual({ output: 'strata does not simulate `local -` (the shell options a function gets back when it returns)\n', exitCode: 125 });
  });
  it('`local 1a=2` in dash and busybox ash; bash says it is not a valid identifier', () => {
    expect(run('debian:bookworm', 'sh', 'f() { local 1a=2; echo in; }; f')).toEqual({ output: 'strata does not simulate `local 1a=2` in dash (a local whose name is no variable name, refused only when the function returns)\n', exitCode: 125 });
    expect(run('busybox', 'sh', 'f() { local 1a=2; echo in; }; f')).toEqual({ output: 'strata does not simulate `local 1a=2` in busybox ash (a local whose name is no variable name, refused only when the function returns)\n', exitCode: 125 });
  });
});

/**
 * `.` reads a file found in PATH whatever its mode: the execute bit matters to a command search
 * only (measured: bash 5.2, dash 0.5.12, busybox 1.35, 1.36.1 and 1.38.0 all print `from a`).
 */
describe('`.` of a name in PATH', () => {
  it.each(SHELLS)('$shell reads the first file, without an execute bit too', ({ standIns, image, command }) => {
    const state = execute(initialState({ engine: 'docker-26.1', busyboxStandIns: standIns }), `docker pull -q ${image} >/dev/null`).state;
    const script = 'mkdir -p /tmp/a /tmp/b; echo "echo from a" > /tmp/a/lib.sh; echo "echo from b" > /tmp/b/lib.sh; chmod 644 /tmp/a/lib.sh; chmod 755 /tmp/b/lib.sh; PATH=/tmp/a:/tmp/b:$PATH; . lib.sh';
    const r = execute(state, `docker run --rm ${image} ${command} -c ${quote(script)}`);
    expect({ output: r.output, exitCode: r.exitCode }).toEqual({ output: 'from a\n', exitCode: 0 });
  });
});
