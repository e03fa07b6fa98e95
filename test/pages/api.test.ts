// The library entry (src/index.ts): what a docs build calls, with no CLI and no files.

import { describe, expect, it } from 'vitest';
import { checkPage, checkScenarioText, replay, updatePage, updateScenarioText } from '../../src/index.ts';

describe('the library entry', () => {
  it('fills a page and then checks it', () => {
    const page = '# Volumes\n\n```console\n$ docker volume create data\n$ docker volume ls -q\n```\n';
    const filled = updatePage(page, { file: 'volumes.md' });
    expect(filled).toBe('# Volumes\n\n```console\n$ docker volume create data\ndata\n$ docker volume ls -q\ndata\n```\n');
    const r = checkPage(filled, { file: 'volumes.md' });
    expect(r.passed).toBe(true);
    const wrong = checkPage(filled.replace('$ docker volume ls -q\ndata', '$ docker volume ls -q\nother'), { file: 'volumes.md' });
    expect(wrong.passed).toBe(false);
    expect(wrong.mismatches.map((m) => m.location)).toEqual(['volumes.md:7']);
  });

  it('honours the engine asked for: 20.10 prunes named volumes, 26.1 only anonymous ones', () => {
    const page = '```console\n$ docker volume create keep\n$ docker volume prune -f\n```\n';
    expect(updatePage(page, { engine: 'docker-20.10' })).toContain('Deleted Volumes:\nkeep\n');
    expect(updatePage(page, { engine: 'docker-26.1' })).toContain('Total reclaimed space: 0B\n');
  });

  it('replays, checks and fills scenarios', () => {
    const text = '$ echo hi\n';
    expect(replay(text).transcript).toBe('$ echo hi\nhi\n');
    expect(checkScenarioText(text).passed).toBe(false);
    expect(updateScenarioText(text)).toBe('$ echo hi\nhi\n');
    expect(checkScenarioText(updateScenarioText(text)).passed).toBe(true);
  });
});
