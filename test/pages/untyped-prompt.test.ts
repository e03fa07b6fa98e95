// A page's interactive session whose prompts are not the ones the program shows (a page copied
// from another image's terminal, or edited): the typist finds no typed line, the session ends at
// its first read, and an update would replace what the page types with that short session. The
// check reports the mismatch; --update refuses to write such a block instead of dropping it.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { checkPage, unwritablePage } from '../../src/pages/session.ts';

const check = (text: string) => checkPage(text, 'p.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true }));
const page = (prompt: string): string =>
  ['```console', '$ docker run -d --name db -e POSTGRES_PASSWORD=pw postgres:16 >/dev/null 2>&1', '$ docker exec -it db bash', `${prompt}echo typed`, 'typed', `${prompt}exit`, 'exit', '```', ''].join('\n');

describe('a session whose page prompts are not the program\'s', () => {
  it('is a mismatch, and --update refuses to drop what the page types', () => {
    const r = check(page('bash-5.1# '));
    expect(r.passed).toBe(false);
    // (the prompt as the program showed it: the container's host name is its ID)
    expect(r.untyped.map((u) => u.location)).toEqual(['p.md:3']);
    expect(r.untyped[0].prompt).toMatch(/^root@[0-9a-f]{12}:\/# $/);
    expect(unwritablePage(r, 'p.md')).toMatch(/^p\.md:3: \$ docker exec -it db bash: no line of the page begins with the prompt the program showed \("root@[0-9a-f]{12}:\/# "\)/);
    // the updated text would have lost the typed line
    expect(r.updated).not.toContain('echo typed');
  });

  it("types a page's lines after the program's prompt, and writes nothing new when they match", () => {
    const r = check(page('root@<id1:12>:/# '));
    expect(r.untyped).toEqual([]);
    expect(r.passed).toBe(true);
  });

  it('fills a session block the page left empty (nothing typed: Ctrl-D)', () => {
    const r = check(['```console', '$ docker exec -it $(docker run -d -e POSTGRES_PASSWORD=pw postgres:16 2>/dev/null) bash', '```', ''].join('\n'));
    expect(r.untyped).toEqual([]);
    expect(unwritablePage(r, 'p.md')).toBeUndefined();
  });
});
