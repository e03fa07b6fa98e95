// The text diagram: every line of every step of the real scenarios fits 80 columns, and it says
// what a student needs (which volume is orphaned, what it holds, what removed what).
import { describe, expect, it } from 'vitest';
import { renderText, TEXT_COLUMNS } from '../../../src/explain/diagram/text.ts';
import { REAL_SCENARIOS, replayed } from './helpers.ts';

describe('text diagram', () => {
  it.each(REAL_SCENARIOS)('%s: every line of every step fits 80 columns', (file) => {
    const r = replayed(file);
    for (let step = 0; step <= r.steps; step++) {
      const text = renderText(r.at(step), { file });
      for (const line of text.split('\n')) expect([...line].length, `step ${step}: ${line}`).toBeLessThanOrEqual(TEXT_COLUMNS);
    }
  });

  it('postgres walkthrough, last step: the orphaned anonymous volume holds the row; both pgdata volumes were removed', () => {
    const text = renderText(replayed('scenarios/walkthroughs/postgres-named-volume.scenario').at(), { file: 'pg' });
    expect(text).toContain('after step 13 of 13: $ docker volume ls -q | wc -l');
    expect(text).toMatch(/\[2\] anonymous volume [0-9a-f]{12} +ORPHANED: no container uses it/);
    expect(text).toContain('    base/users "alice"');
    expect(text).toMatch(/\[1\] volume pgdata +REMOVED in step 8\n    by \$ docker volume rm pgdata/);
    expect(text).toMatch(/pg \([0-9a-f]{12}\) +REMOVED in step 5\n    by \$ docker rm pg\n/);
    expect(text).toContain('over volume pgdata: hides its data/ (empty)');
  });

  it('postgres walkthrough after the first run: the nested mount is marked on both sides', () => {
    const text = renderText(replayed('scenarios/walkthroughs/postgres-named-volume.scenario').at(3));
    expect(text).toMatch(/ {2}mount \/var\/lib\/postgresql {6}-> \[1\] volume pgdata\n {8}hides image content here: data \(copied into the volume\)\n/);
    expect(text).toMatch(/\[1\] volume pgdata +in use\n(?: {4}.*\n)* {4}data\/ hidden in pg under anonymous volume [0-9a-f]{12}\n/);
  });
});
