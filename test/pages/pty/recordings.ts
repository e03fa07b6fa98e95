// The sessions recorded on a pseudo-terminal (this directory, README.md), as the page tests read
// them: a recording's argv, the bytes the terminal received, what was typed, the exit status.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PTY_DIR = import.meta.dirname;

export interface Recording {
  argv: string[];
  /** The items typed, one per read (`\x04`: Ctrl-D); absent when nothing was. */
  typed: string[];
  output: string;
  exit: number;
}

/** A recording as stored (its output as the JSON holds it). */
export function recording(name: string): Recording {
  const r = JSON.parse(readFileSync(join(PTY_DIR, name), 'utf8')) as Partial<Recording> & Omit<Recording, 'typed'>;
  return { ...r, typed: r.typed ?? [] };
}

/** The recording's typed items as a page's keyboard: one per read, Ctrl-D (`\x04`) as the end of input. */
export function keyboard(typed: readonly string[]): (pending: string, echo: boolean) => string | undefined {
  const left = [...typed];
  return () => {
    const t = left.shift();
    return t === undefined || t === '\\x04' ? undefined : t;
  };
}

/** A recording with its output (the terminal's bytes, stored as latin-1 chars) decoded as UTF-8. */
export function decodedRecording(name: string): Recording {
  const r = recording(name);
  return { ...r, output: Buffer.from(r.output, 'latin1').toString('utf8') };
}

/** The docker command line of a recording, without the oracle's `-H SOCKET` (and what comes before it). */
export function recordedCommand(r: { argv: readonly string[] }): string {
  return `docker ${r.argv.slice(r.argv.indexOf('-H') + 2).join(' ')}`;
}

/** recordedCommand with each word quoted for the shell where it needs it (`sh -c 'echo out; ...'`). */
export function quotedCommand(r: { argv: readonly string[] }): string {
  return ['docker', ...r.argv.slice(r.argv.indexOf('-H') + 2)].map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`)).join(' ');
}
