// Copies of a real server's files in explain's "gone for good": a server's files are placeholders
// in a normal install (FileNode.placeholder), often empty, and count as data (trees.ts holdsData).
// A copy made with cp -a or tar (which carry the mark) must keep them from being told as lost.

import { describe, expect, it } from 'vitest';
import { explainSteps } from '../../src/explain/explain.ts';
import { scenarioSession } from '../../src/explain/session.ts';
import { parseScenario } from '../../src/scenario/parse.ts';

const notesOf = (text: string): string[] =>
  explainSteps(scenarioSession(parseScenario(`# engine: docker-26.1\n# images: postgres:16\n\n${text}`, 'test.scenario'), {})).explanation.steps.flatMap((s) => s.notes);

/** A postgres cluster in an anonymous volume, orphaned by docker rm -f, then its name in $V for the commands after. */
const ORPHAN = `$ docker run -d --name db -e POSTGRES_PASSWORD=secret -v /var/lib/postgresql/data postgres:16
$ docker exec db psql -U postgres -c "CREATE TABLE t (x int);"
$ docker rm -f db
`;

describe("a copy of a server's files keeps them from being gone for good", () => {
  it('cp -a into a named volume, then the prune: no file is gone for good (the copies survive)', () => {
    const notes = notesOf(`${ORPHAN}$ docker run --rm -v $(docker volume ls -q -f dangling=true | head -1):/from -v db-data:/to busybox cp -a /from/. /to/
$ docker volume prune -f
`);
    const prune = notes.filter((n) => n.includes('removed (docker volume prune'));
    expect(prune.length).toBeGreaterThan(0);
    for (const n of prune) expect(n).not.toContain('gone for good');
    expect(prune.join('\n')).toContain('survives in volume db-data');
  });
  it('without the copy the same prune loses them', () => {
    const notes = notesOf(`${ORPHAN}$ docker volume prune -f
`);
    const prune = notes.filter((n) => n.includes('removed (docker volume prune'));
    expect(prune.join('\n')).toContain('gone for good');
  });
  it('tar of the volume into the host, then the prune: the archive keeps them', () => {
    const notes = notesOf(`${ORPHAN}$ docker run --rm -v $(docker volume ls -q -f dangling=true | head -1):/data -v $(pwd):/backup busybox tar cf /backup/pg.tar -C /data .
$ docker volume prune -f
`);
    const prune = notes.filter((n) => n.includes('removed (docker volume prune'));
    expect(prune.length).toBeGreaterThan(0);
    for (const n of prune) expect(n).not.toContain('gone for good');
    expect(prune.join('\n')).toContain('archive member');
  });
});
