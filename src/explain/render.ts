// The explanation as text: the transcript (a valid scenario: every note is a `# strata:` comment
// line after its command's output), then the summary as comments too. `strata replay --explain`
// prints the same without the summary.

import { renderTranscript } from '../scenario/render.ts';
import type { Explanation } from './schema.ts';
import type { Session } from './session.ts';

export const NOTE_PREFIX = 'strata: ';

/** A note as one comment line: a line break in a file name must not end it (the rest would read as output). */
const oneLine = (note: string): string => note.replace(/\r/g, '\\r').replace(/\n/g, '\\n');

export function renderExplanation(session: Session, x: Explanation, opts: { summary: boolean }): string {
  const text = renderTranscript(
    session.scenario,
    x.steps.map((s) => ({ output: s.output, exitCode: s.exitCode, notes: s.notes.map((n) => NOTE_PREFIX + oneLine(n)) })),
  );
  if (!opts.summary) return text;
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${sep}#\n${x.summary.notes.map((n) => `# ${NOTE_PREFIX}${oneLine(n)}\n`).join('')}`;
}
