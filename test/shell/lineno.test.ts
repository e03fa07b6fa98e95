// $LINENO: bash's and busybox ash's are the lines their errors name, dash 0.5.12 (Debian's) has
// none. Ground truth: test/recorded/shell-fidelity/record.sh runs each case of lineno.txt in the
// real shells (SHELL-lineno.txt); each case runs in strata in the image that has that shell.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';

const DIR = join(import.meta.dirname, '..', 'recorded', 'shell-fidelity');
const cases = readFileSync(join(DIR, 'lineno.txt'), 'utf8').replace(/\n$/, '').split('\n%%\n');
const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

describe.each([
  { shell: 'bash-5.2', standIns: false, image: 'debian:bookworm', command: 'bash' },
  { shell: 'dash-0.5.12', standIns: false, image: 'debian:bookworm', command: 'sh' },
  { shell: 'busybox-1.35', standIns: true, image: 'busybox', command: 'sh' },
  { shell: 'busybox-1.36', standIns: false, image: 'alpine:3.19', command: 'sh' },
  { shell: 'busybox-1.38', standIns: false, image: 'busybox', command: 'sh' },
])('$LINENO in $shell', ({ shell, standIns, image, command }) => {
  const want = readFileSync(join(DIR, `${shell}-lineno.txt`), 'utf8')
    .split(/^### \d+\n/m)
    .slice(1);
  let state: EngineState | undefined;
  it('has a recorded run of each case', () => {
    expect(want).toHaveLength(cases.length);
  });
  it.each(cases.map((c, i) => [c, i] as const))('%s', (script, i) => {
    state ??= execute(initialState({ engine: 'docker-26.1', busyboxStandIns: standIns }), `docker pull -q ${image} >/dev/null`).state;
    const r = execute(state, `docker run --rm ${image} ${command} -c ${quote(script)}`);
    expect(`${r.output}[exit ${r.exitCode}]\n`).toBe(want[i]);
  });
});
