// The order bash's `hash` lists its command hash table in, by the image's bash release: 4.4
// (oraclelinux:8: mysql:8.0's base) walks 64 buckets of a hash that starts at 0, 5.1 and 5.2 (every other image)
// 256 of FNV-1 (src/shell/command-hash.ts). Ground truth: the real bash 4.4.19, 5.1.4 and 5.2.15
// (test/recorded/shell-fidelity/hash-order.sh, unedited output in hash-order.txt).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';

const DIR = join(import.meta.dirname, '..', 'recorded', 'shell-fidelity');
const script = /^SCRIPT='(.*)'$/m.exec(readFileSync(join(DIR, 'hash-order.sh'), 'utf8').replace(/'"\$NAMES"'/, /^NAMES='(.*)'$/m.exec(readFileSync(join(DIR, 'hash-order.sh'), 'utf8'))![1]))![1];
/** hash-order.txt by bash version (`4.4.19(1)-release`). */
const runs = new Map(
  readFileSync(join(DIR, 'hash-order.txt'), 'utf8')
    .split(/^### /m)
    .slice(1)
    .map((block) => [block.slice(0, block.indexOf('\n')), block.slice(block.indexOf('\n') + 1)] as const),
);

describe.each([
  ['mysql:8.0', '4.4.19(1)-release'],
  ['mysql:8.4', '5.1.4(1)-release'],
  ['debian:bookworm', '5.2.15(1)-release'],
])('%s lists its hash table as bash %s does', (image, version) => {
  it('hash and hash -l', () => {
    const want = runs.get(version);
    expect(want).toBeDefined();
    const state = execute(initialState({ engine: 'docker-26.1' }), `docker pull -q ${image} >/dev/null`).state;
    const r = execute(state, `docker run --rm --entrypoint bash ${image} -c '${script.replace(/'/g, `'\\''`)}'`);
    expect({ output: r.output, exitCode: r.exitCode }).toEqual({ output: want, exitCode: 0 });
  });
});
