// Explanations a student can follow (issue 11, item 7): IDs spelled as the transcript shows them,
// "gone for good" only when no copy exists, and silence about --rm containers that wrote nothing
// outside their mounts. Plus the plain words of the events the stories do not have.

import { describe, expect, it } from 'vitest';
import { explainSteps } from '../../src/explain/explain.ts';
import type { Explanation } from '../../src/explain/schema.ts';
import type { Session } from '../../src/explain/session.ts';
import { DOCKER_IDS_PAGE, ofType, pageSessionOfText, sessionOf, sessionOfText, STORIES } from './helpers.ts';

const explain = (s: Session): Explanation => explainSteps(s).explanation;
const notesOf = (x: Explanation): string[] => [...x.steps.flatMap((s) => s.notes), ...x.summary.notes];
const notesAt = (x: Explanation, step: number): string[] => x.steps[step - 1].notes;
const PLACEHOLDER = /<(?:id|img)\d+(?::12)?>/g;
const HEX = /(?<![0-9a-f])(?:[0-9a-f]{64}|[0-9a-f]{12})(?![0-9a-f])/;

describe('IDs in notes are spelled as the transcript shows them', () => {
  it.each(STORIES)('%s: every placeholder of a note is one the outputs show; no raw hex', (file) => {
    const s = sessionOf(file);
    const shown = new Set(s.steps.flatMap((st) => st.output.join('\n').match(PLACEHOLDER) ?? []).map((p) => p.replace(':12', '')));
    const x = explain(s);
    for (const n of notesOf(x)) {
      for (const p of n.match(PLACEHOLDER) ?? []) expect(shown, `${n}`).toContain(p.replace(':12', ''));
      expect(n, 'a note of a scenario spells IDs as placeholders').not.toMatch(HEX);
    }
  });

  it('the walkthroughs do name objects by placeholder (the test above is not vacuous)', () => {
    const n = notesOf(explain(sessionOf('scenarios/walkthroughs/mysql-data-gone.scenario'))).join('\n');
    expect(n).toContain('anonymous volume <id2>');
    expect(n).not.toContain('<id1>'); // the container is named db: the notes say db
  });

  it('a page with ids=docker: the volume by the full name Docker printed, the same in the recovery command', () => {
    const s = pageSessionOfText(DOCKER_IDS_PAGE);
    const printed = s.steps[1].output[0];
    expect(printed).toMatch(/^[0-9a-f]{64}$/);
    const x = explain(s);
    const [o] = ofType(x.steps[2].events, 'orphaned');
    expect(o.volume.shown).toBe(printed);
    expect(o.recovery[0].command).toBe(`docker run --rm -v ${printed}:/data busybox ls -lR /data`);
    for (const n of notesOf(x)) expect(n).not.toMatch(PLACEHOLDER);
    // the notes never use the 12-character prefix for a volume (Docker would create a new volume of that name)
    expect(notesOf(x).join('\n')).not.toMatch(new RegExp(`${printed.slice(0, 12)}(?![0-9a-f])`));
  });

  it('an ID the transcript never prints is not given one: the object is described instead', () => {
    const x = explain(sessionOfText("$ docker run --name c1 -v /data busybox sh -c 'echo x > /data/f'\n$ docker rm c1\nc1\n"));
    expect(notesAt(x, 2).join('\n')).toContain('the anonymous volume made by command 1 is orphaned');
    expect(notesAt(x, 2).join('\n')).toContain('docker volume ls -f dangling=true');
    for (const n of notesOf(x)) expect(n).not.toMatch(HEX);
  });
});

describe('"gone for good" only when no copy exists', () => {
  const destroyedNote = (x: Explanation, step: number): string => notesAt(x, step).find((n) => n.includes('gone for good') || n.includes('survives')) ?? '';

  it('no copy anywhere: gone for good', () => {
    const x = explain(sessionOfText("$ docker run --name c1 busybox sh -c 'echo only-here > /root/f'\n$ docker rm c1\nc1\n"));
    expect(destroyedNote(x, 2)).toContain('gone for good: no copy exists');
    expect(x.summary.losses[0].lost.map((e) => e.path)).toEqual(['/root/f']);
  });

  it('docker cp to the host, under another name and short: a copy survives', () => {
    const x = explain(sessionOfText("$ docker run --name c1 busybox sh -c 'echo hi > /root/f'\n$ docker cp c1:/root/f ./saved.txt\n$ docker rm c1\nc1\n"));
    expect(destroyedNote(x, 3)).not.toContain('gone for good');
    expect(destroyedNote(x, 3)).toContain("a copy of /root/f survives in the host's $PWD/saved.txt");
    expect(x.summary.losses[0].lost).toEqual([]);
  });

  it('the same short content under another name elsewhere is no copy (a process id is not a backup)', () => {
    const x = explain(sessionOfText("$ docker run --name c1 busybox sh -c 'echo 1 > /root/a.pid'\n$ docker run --name c2 busybox sh -c 'echo 1 > /root/b.pid'\n$ docker rm c1\nc1\n"));
    expect(destroyedNote(x, 3)).toContain('gone for good: no copy exists');
  });

  it('docker commit: a copy survives in the image', () => {
    const x = explain(sessionOfText("$ docker run --name c1 busybox sh -c 'echo kept > /root/f'\n$ docker commit c1 snap\n<img1>\n$ docker rm c1\nc1\n"));
    expect(destroyedNote(x, 3)).toContain('a copy of /root/f survives in layer 2 of image snap at /root/f');
  });

  it('a tar.gz backup on the host: a copy survives as an archive member', () => {
    const x = explain(sessionOfText([
      "$ docker run --name c1 -v /data busybox sh -c 'echo notes > /data/n.txt'",
      '$ docker run --rm --volumes-from c1 -v "$PWD":/b busybox tar czf /b/backup.tgz /data',
      "tar: removing leading '/' from member names",
      '$ docker rm -v c1',
      'c1',
      '',
    ].join('\n')));
    expect(destroyedNote(x, 3)).toContain("a copy of n.txt survives in the host's $PWD/backup.tgz (archive member data/n.txt)");
    expect(destroyedNote(x, 3)).not.toContain('gone for good');
  });

  it('another volume: a copy survives there', () => {
    const x = explain(sessionOfText([
      "$ docker run --name c1 -v /data busybox sh -c 'echo rows > /data/t'",
      '$ docker run --rm --volumes-from c1 -v safe:/s busybox cp /data/t /s/t',
      '$ docker rm -v c1',
      'c1',
      '',
    ].join('\n')));
    expect(destroyedNote(x, 3)).toContain('a copy of t survives in volume safe at t');
  });

  it('of several copies in one place, the one at the same path is named (equal contents are common)', () => {
    const x = explain(sessionOfText([
      "$ docker run --name c1 -v /data busybox sh -c 'mkdir /data/a /data/b; echo 16 > /data/a/V; echo 16 > /data/b/V'",
      '$ docker run --rm --volumes-from c1 -v safe:/s busybox cp -a /data/. /s/',
      '$ docker rm -v c1',
      'c1',
      '',
    ].join('\n')));
    expect(destroyedNote(x, 3)).toContain('a copy of a/V survives in volume safe at a/V');
    expect(destroyedNote(x, 3)).toContain('a copy of b/V survives in volume safe at b/V');
  });

  it('part saved, part not: both said', () => {
    const x = explain(sessionOfText("$ docker run --name c1 busybox sh -c 'echo a > /a; echo b > /b'\n$ docker cp c1:/a ./a\n$ docker rm c1\nc1\n"));
    expect(destroyedNote(x, 3)).toContain('gone for good, no copy exists: /b (2 bytes)');
    expect(destroyedNote(x, 3)).toContain("a copy of /a survives in the host's $PWD/a");
  });
});

describe('--rm containers that wrote nothing outside their mounts produce no note', () => {
  it('a --rm run that changes nothing: no note at all', () => {
    expect(notesAt(explain(sessionOfText('$ docker run --rm busybox true\n')), 1)).toEqual([]);
  });

  it('a --rm run that writes only into an existing named volume: only that write is told', () => {
    const x = explain(sessionOfText("$ docker volume create vv\nvv\n$ docker run --rm -v vv:/d busybox sh -c 'echo x > /d/f'\n"));
    expect(notesAt(x, 2)).toEqual(['the container of command 2 wrote into volume vv, not into its writable layer: created /d/f (2 bytes)']);
  });

  it('a --rm run that writes into its writable layer: that loss is told', () => {
    const x = explain(sessionOfText("$ docker run --rm busybox sh -c 'echo x > /f'\n"));
    expect(notesAt(x, 1)).toEqual([
      'the container of command 1 wrote into its writable layer: created /f (2 bytes)',
      'the container of command 1 removed (docker run --rm), and with it its writable layer: /f (2 bytes); gone for good: no copy exists',
    ]);
  });
});

describe('the summary', () => {
  it('lists at most 20 entries per list in words, all of them in the data', () => {
    const runs = Array.from({ length: 23 }, (_, i) => `$ docker run --rm busybox sh -c 'echo run-${i} > /f'`).join('\n') + '\n';
    const x = explain(sessionOfText(runs));
    expect(x.summary.losses).toHaveLength(23);
    const lines = x.summary.notes.filter((n) => n.startsWith('  command '));
    expect(lines).toHaveLength(20);
    expect(x.summary.notes).toContain('  ... and 3 more losses (strata explain --json lists them all)');
  });
});

describe('plain words for the other events', () => {
  it('a stop empties a tmpfs, and says what was lost', () => {
    const x = explain(sessionOfText("$ docker run -d --name t1 --tmpfs /cache busybox sh -c 'echo x > /cache/f; exec sleep 100000'\n<id1>\n$ docker stop t1\nt1\n"));
    expect(notesAt(x, 1)).toContain('container t1 wrote into its tmpfs at /cache (memory only): created /cache/f (2 bytes)');
    expect(notesAt(x, 2)).toEqual(['the tmpfs at /cache of container t1 emptied by the end of the main process of container t1 (exit 137): tmpfs lives in memory only: /cache/f (2 bytes); gone for good: no copy exists']);
  });

  it('volume rm takes the data; an image no registry has is named', () => {
    const x = explain(sessionOfText("$ docker run --rm -v notes:/n busybox sh -c 'echo hello > /n/a'\n$ docker volume rm notes\nnotes\n$ docker run --rm my_image\n"));
    expect(notesAt(x, 2)).toEqual(['volume notes removed (docker volume rm): a (6 bytes); gone for good: no copy exists']);
    expect(notesAt(x, 3)).toEqual(['image my_image:latest is in no registry strata has: build it first in the scenario (docker build -t my_image:latest ...), or add a stand-in to the catalog (catalog/README.md)']);
  });

  it('a committed image does not hold what the mounts showed, but what lay under them', () => {
    const x = explain(sessionOfText([
      "$ docker build -q -t seeded - <<'EOF'",
      '> FROM busybox',
      '> RUN mkdir /data && echo seed > /data/s',
      '> EOF',
      '<img1>',
      "$ docker run --name c1 -v /data busybox true",
      "$ docker run --name c2 -v vol:/data seeded sh -c 'echo mine > /data/m'",
      '$ docker commit c2 snap',
      '<img2>',
      '',
    ].join('\n')));
    const n = notesAt(x, 4).join('\n');
    expect(n).toContain('not in it: what /data showed (mounts are never committed)');
    expect(n).toContain('image snap has at /data what lay under the mount there (/data/s (5 bytes))');
  });

  it('a copy-on-empty-mount, and a bind mount that hides the image\'s content', () => {
    const x = explain(sessionOfText("$ docker run --rm -v etc-copy:/etc busybox true\n$ mkdir empty && docker run --rm -v \"$PWD/empty\":/etc busybox true\n"));
    expect(notesAt(x, 1)[1]).toMatch(/^volume etc-copy was empty, so Docker copied image busybox's \/etc into it when the container of command 1 was created: /);
    // (the real busybox:latest's /etc/group: test/recorded/busybox-latest-real/rootfs.txt)
    expect(notesAt(x, 2).join('\n')).toContain("the mount at /etc hides what layer 1 of image busybox has there (/etc/group (306 bytes)");
    // runc makes its network-file mount points inside a bind over /etc (host-mounts/volume-over-etc)
    expect(notesAt(x, 2).join('\n')).toContain("wrote into the host's $PWD/empty, not into its writable layer: created $PWD/empty/hostname (0 bytes; /etc/hostname in the container)");
  });
});
