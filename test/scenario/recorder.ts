// The recorder (shared/oracle/record.mjs) as a typed module, for differential tests.

import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Scenario } from '../../src/scenario/index.ts';
import { RECORDER_PATH } from './corpus.ts';

export type RecorderItem =
  | { kind: 'header' | 'comment' | 'blank'; line: string }
  | { kind: 'cmd'; lines: string[]; cmd: string; output: string[] };

export interface RecorderModule {
  parseScenario(text: string): RecorderItem[];
  makeNormalizer(o: { workdir: string; known: { ids: Set<string>; imgs: Set<string> } }): (text: string) => string;
}

/** The recorder's data root (its normalizer replaces it by /var/lib/docker). */
export const RECORDER_DATA_ROOT = '/tmp/dockersim-oracle/root';
export const RECORDER_EXEC_ROOT = '/tmp/dockersim-oracle/exec';

export async function loadRecorder(): Promise<RecorderModule | undefined> {
  if (!fs.existsSync(RECORDER_PATH)) return undefined;
  if (process.env.ORACLE_ENGINE !== undefined && process.env.ORACLE_ENGINE !== '20.10') return undefined;
  if (process.env.ORACLE_BASE !== undefined) return undefined;
  const mod: unknown = await import(pathToFileURL(RECORDER_PATH).href);
  return mod as RecorderModule;
}

/** Our model in the recorder's item shape. */
export function asRecorderItems(s: Scenario): RecorderItem[] {
  const items: RecorderItem[] = s.header.map((h) => (h.kind === 'blank' ? { kind: 'blank', line: '' } : { kind: 'header', line: h.text }));
  for (const st of s.steps) {
    if (st.kind === 'blank') items.push({ kind: 'blank', line: '' });
    else if (st.kind === 'comment') items.push({ kind: 'comment', line: st.text });
    else {
      const output = st.output.map((l) => (l === '' ? '<blank>' : l));
      if (st.exitCode !== 0) output.push(`[exit ${st.exitCode}]`);
      items.push({ kind: 'cmd', lines: st.source, cmd: st.command, output });
    }
  }
  return items;
}

