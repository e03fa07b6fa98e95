// The recovery commands the notes give are real docker commands that work: each is run in strata
// on the state right after the command that orphaned the volume, with the volume's real name
// where the note spells it as the transcript shows it (`<id2>`) or asks the student to find it
// (`<VOLUME>`). The prune rule each note states is checked the same way: by pruning.

import { describe, expect, it } from 'vitest';
import { execute } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';
import { tableGet } from '../../src/engine/table.ts';
import { explainSteps } from '../../src/explain/explain.ts';
import { UNPRINTED_VOLUME } from '../../src/explain/recovery.ts';
import type { DataEvent } from '../../src/explain/schema.ts';
import type { Session } from '../../src/explain/session.ts';
import { holdsData } from '../../src/explain/trees.ts';
import { ofType, sessionOf, sessionOfText, STORIES } from './helpers.ts';
import { holdsPlaceholder } from '../../src/fs/node.ts';
import { entryOf, type Node } from '../../src/fs/node.ts';

type Orphaned = Extract<DataEvent, { type: 'orphaned' }>;

function run(st: EngineState, line: string): { st: EngineState; output: string; exitCode: number } {
  const r = execute(st, line);
  return { st: r.state, output: r.output, exitCode: r.exitCode };
}

/** Every orphan event of a session, with the state after its command. */
function orphans(session: Session): { o: Orphaned; st: EngineState }[] {
  const x = explainSteps(session).explanation;
  return x.steps.flatMap((s) => ofType(s.events, 'orphaned').map((o) => ({ o, st: session.steps[s.step - 1].after })));
}

function check(o: Orphaned, after: EngineState): void {
  const name = o.volume.name;
  const real = (cmd: string): string => cmd.split(o.volume.shown ?? UNPRINTED_VOLUME).join(name);
  const files = o.entries.filter(holdsData);
  let st = after;
  for (const c of o.recovery) {
    const r = run(st, real(c.command));
    expect(r.exitCode, `${c.command}\n${r.output}`).toBe(0);
    st = r.st;
    if (c.command.startsWith('docker volume ls')) expect(r.output.split('\n')).toContain(`local     ${name}`);
    if (c.command.includes(' ls -lR ')) for (const f of files) expect(r.output).toContain(f.path.split('/').pop());
    // a server's data: the names at its top
    if (c.command.includes(' ls -A ')) for (const f of files) expect(r.output.split('\n')).toContain(f.path.split('/')[1]);
    if (c.command.includes(' cp -a ')) {
      const keep = /-v ([^:]+):\/to/.exec(c.command)![1];
      for (const f of files) {
        const source = nodeOf(after, name, f.path);
        const copy = nodeOf(st, keep, f.path);
        // a server's file strata does not know is copied as it stands, still a placeholder (its bytes are refused)
        if (source?.kind === 'file' && source.placeholder === true) {
          expect(copy).toMatchObject({ kind: 'file', placeholder: true, data: source.data, mode: source.mode, uid: source.uid });
          continue;
        }
        const cat = run(st, `docker run --rm -v ${keep}:/k busybox cat /k${f.path}`);
        expect(cat.exitCode, cat.output).toBe(0);
        expect(cat.output).toBe(catOf(after, name, f.path));
      }
    }
    if (c.command.startsWith('docker run -d')) {
      const id = r.output.trim();
      // a server's data: the names at its top (ls -R would be refused in directories the server fills)
      const server = holdsPlaceholder(tableGet(st.volumes, name)!.data);
      const seen = run(st, `docker run --rm --volumes-from ${id} busybox ls ${server ? '-A' : '-R'} ${o.destination}`);
      expect(seen.exitCode, seen.output).toBe(0);
      for (const f of files) expect(seen.output).toContain(server ? f.path.split('/')[1] : f.path.split('/').pop());
      const mounts = run(st, `docker inspect --format '{{range .Mounts}}{{.Name}} {{.Destination}}{{end}}' ${id}`);
      expect(mounts.output.trim()).toBe(`${name} ${o.destination}`);
    }
  }
  // the prune rule the note states, checked by pruning
  const pruned = run(after, 'docker volume prune -f');
  expect(tableGet(pruned.st.volumes, name) === undefined, o.prune.why).toBe(o.prune.prune);
  if (after.engine === 'docker-26.1') {
    const all = run(after, 'docker volume prune -a -f');
    expect(tableGet(all.st.volumes, name) === undefined, o.prune.why).toBe(o.prune.pruneAll);
  }
}

function nodeOf(st: EngineState, volume: string, path: string): Node | undefined {
  let node: Node | undefined = tableGet(st.volumes, volume)!.data;
  for (const part of path.split('/').filter((p) => p !== '')) node = node?.kind === 'dir' ? entryOf(node, part) : undefined;
  return node;
}

function catOf(st: EngineState, volume: string, path: string): string {
  const node = nodeOf(st, volume, path);
  return node?.kind === 'file' ? node.data : '';
}

describe('recovery commands run in strata and get the data back', () => {
  for (const engine of ['docker-20.10', 'docker-26.1'] as const) {
    it.each(STORIES)(`%s [${engine}]`, (file) => {
      for (const { o, st } of orphans(sessionOf(file, engine))) check(o, st);
    });
  }

  it('the stories have orphans with data to recover (the loop above is not empty), a server\'s data among them (in a normal install)', () => {
    const all = STORIES.flatMap((f) => orphans(sessionOf(f)));
    expect(all.some(({ o, st }) => holdsPlaceholder(tableGet(st.volumes, o.volume.name)!.data) && o.recovery.some((c) => c.command.includes(' ls -A ')))).toBe(true);
    expect(all.filter(({ o }) => o.entries.some(holdsData)).length).toBeGreaterThanOrEqual(4);
    expect(all.some(({ o }) => o.volume.shown === null)).toBe(true);
    expect(all.some(({ o }) => o.volume.shown !== null)).toBe(true);
  });

  it('an anonymous volume from --mount without a source: 26.1 prunes it only with -a (it lacks the anonymous label); 20.10 prunes it', () => {
    const text = "$ docker run --name m1 --mount type=volume,target=/data busybox sh -c 'echo kept > /data/k'\n$ docker rm m1\nm1\n";
    for (const engine of ['docker-20.10', 'docker-26.1'] as const) {
      const found = orphans(sessionOfText(text, engine));
      expect(found).toHaveLength(1);
      const { o, st } = found[0];
      expect(o.prune.prune).toBe(engine === 'docker-20.10');
      if (engine === 'docker-26.1') expect(o.prune.why).toContain('lacks the anonymous label');
      check(o, st);
    }
  });
});
