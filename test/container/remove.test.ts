// Removing containers through the engine: which volumes go (only anonymous ones, only with -v or
// --rm, only when unused), what the events say, and tmpfs/bind mounts being ignored.

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';
import { tableKeys } from '../../src/engine/table.ts';

function runAll(lines: string[], st: EngineState = initialState()): { st: EngineState; outputs: string[]; events: unknown[] } {
  const outputs: string[] = [];
  const events: unknown[] = [];
  for (const line of lines) {
    const r = execute(st, line);
    expect(r.exitCode, `${line}\n${r.output}`).toBe(0);
    st = r.state;
    outputs.push(r.output);
    events.push(...r.events);
  }
  return { st, outputs, events };
}

describe('removeContainer', () => {
  it('--rm with tmpfs and bind mounts removes only the anonymous volume', () => {
    const { st, events } = runAll(['docker run --rm --tmpfs /t -v /tmp:/h -v keep:/k -v /anon --mount type=tmpfs,dst=/t2 busybox sh -c "echo 12345 > /anon/f"']);
    expect(tableKeys(st.volumes)).toEqual(['keep']);
    const removed = events.filter((e) => (e as { type: string }).type === 'volume-removed');
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ type: 'volume-removed', bytes: 6 });
    expect((removed[0] as { volume: string }).volume).toMatch(/^[0-9a-f]{64}$/);
  });
  it('plain rm keeps the anonymous volume and reports it orphaned', () => {
    const { st, events } = runAll(['docker create --name c1 -v /anon -v named:/n busybox', 'docker rm c1']);
    expect(tableKeys(st.volumes).sort()).toHaveLength(2);
    const orphaned = events.filter((e) => (e as { type: string }).type === 'volume-orphaned');
    expect(orphaned).toHaveLength(1);
    expect(orphaned[0]).toMatchObject({ type: 'volume-orphaned', name: 'c1' });
    expect(events.filter((e) => (e as { type: string }).type === 'volume-removed')).toEqual([]);
  });
  it('rm -v keeps an anonymous volume another container still uses (--volumes-from)', () => {
    const { st, events } = runAll(['docker create --name c1 -v /anon busybox', 'docker create --name c2 --volumes-from c1 busybox', 'docker rm -v c1']);
    expect(tableKeys(st.volumes)).toHaveLength(1);
    expect(events.filter((e) => ['volume-removed', 'volume-orphaned'].includes((e as { type: string }).type))).toEqual([]);
    const after = runAll(['docker rm -v c2'], st);
    expect(tableKeys(after.st.volumes)).toEqual([]);
  });
});
