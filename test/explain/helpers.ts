// Explaining the project's own scenarios in tests: the walkthroughs and lessons students read.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainSteps } from '../../src/explain/explain.ts';
import type { DataEvent, Explanation } from '../../src/explain/schema.ts';
import { pageSession, scenarioSession, type Session } from '../../src/explain/session.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import type { EngineName } from '../../src/engine/profile.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Every walkthrough and lesson, as paths from the repository root. */
export const STORIES: string[] = ['scenarios/walkthroughs', 'scenarios/lessons'].flatMap((d) =>
  readdirSync(join(ROOT, d))
    .filter((f) => f.endsWith('.scenario'))
    .sort()
    .map((f) => `${d}/${f}`),
);

const cache = new Map<string, Session>();

/** The session of a scenario file (replayed once per test file and engine). */
export function sessionOf(file: string, engine?: EngineName): Session {
  const key = `${file}@${engine ?? ''}`;
  let s = cache.get(key);
  if (!s) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    s = file.endsWith('.md') ? pageSession(text, file, engine ? { engine } : {}) : scenarioSession(parseScenario(text, file), engine ? { engine } : {});
    cache.set(key, s);
  }
  return s;
}

/** A session of scenario text written in a test. */
export function sessionOfText(text: string, engine?: EngineName): Session {
  return scenarioSession(parseScenario(text, 'test.scenario'), engine ? { engine } : {});
}

export function explainFile(file: string, engine?: EngineName): Explanation {
  return explainSteps(sessionOf(file, engine)).explanation;
}

/** The events of command `step` (1-based). */
export function eventsAt(x: Explanation, step: number): DataEvent[] {
  return x.steps[step - 1].events;
}

export function ofType<T extends DataEvent['type']>(events: readonly DataEvent[], type: T): Extract<DataEvent, { type: T }>[] {
  return events.filter((e): e is Extract<DataEvent, { type: T }> => e.type === type);
}

/** A session of a Markdown page written in a test. */
export function pageSessionOfText(markdown: string, engine?: EngineName): Session {
  return pageSession(markdown, 'test.md', engine ? { engine } : {});
}

/** A page that shows Docker's own IDs (ids=docker): an anonymous volume's name printed, then orphaned. */
export const DOCKER_IDS_PAGE = [
  '# Where did my file go?',
  '',
  '<!-- strata ids=docker -->',
  '',
  '```console',
  "$ docker run -d --name web -v /data busybox sh -c 'echo hi > /data/x; exec sleep 100000'",
  "$ docker inspect --format '{{range .Mounts}}{{.Name}}{{end}}' web",
  '$ docker rm -f web',
  '```',
  '',
].join('\n');
