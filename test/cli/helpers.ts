// Running the CLI in tests: in-process through main() (fast, for exit codes and messages), or as
// the real process through bin/strata.js (for what only a process shows: signals, races, memory,
// standard input).

import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { main } from '../../src/cli/main.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'strata.js');

/** The newest modification time under `dir`: is dist/ older than the sources it was built from? */
export function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

/** `strata ARGS...` in this process. */
export function strata(...args: string[]): Run {
  let stdout = '';
  let stderr = '';
  const status = main(['node', 'strata', ...args], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; } });
  return { status, stdout, stderr };
}

/** `strata ARGS...` as a real process (synchronously). */
export function strataProcess(args: string[], opts: { input?: string; cwd?: string; uid?: number; gid?: number } = {}): Run {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input,
    encoding: 'utf8',
    uid: opts.uid,
    gid: opts.gid,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? 128 + 9, stdout: r.stdout, stderr: r.stderr };
}

/** Start `strata ARGS...` as a real process without waiting. */
export function startStrata(args: string[], cwd = ROOT) {
  return spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'strata-cli-'));
  dirs.push(d);
  return d;
}

/** A message that is a Node stack trace or an unexplained crash, not a user-facing error. */
export const CRASH = /\n\s+at |node:internal|Error: .*\n\s+at|RangeError|TypeError|internal error|Maximum call stack/;
