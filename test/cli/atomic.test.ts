// `check --update` under SIGKILL and under a concurrent update of the same file: the file is
// always either the old one or the new one, byte for byte, never empty or half written; what a
// killed update leaves behind (a lock, a temporary file) is cleaned up by the next one.

import { watch, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startStrata, strataProcess, tempDir } from './helpers.ts';

// A long line repeated: a transcript of about 6 MB, so that writing it takes a moment, from a
// replay that takes little.
const LINE = '0123456789'.repeat(19);
const OLD = `# title: big\n$ yes ${LINE} | head -n 30000\n`;
const NEW = `${OLD}${`${LINE}\n`.repeat(30000)}`;

const exited = (child: ReturnType<typeof startStrata>): Promise<number | null> =>
  new Promise((resolve) => child.on('exit', (code) => resolve(code)));

describe('check --update is atomic', () => {
  it('SIGKILL while the new text is being written leaves the old file; the next update completes it', async () => {
    const d = tempDir();
    const p = join(d, 'big.scenario');
    // kill the moment a write shows: a temporary file appearing, or the file itself changing (how
    // an in-place write shows). Whether the kill lands before the rename is up to the scheduler,
    // so try a few times; a temporary file still there afterwards proves it did.
    let midWrite = false;
    for (let attempt = 0; attempt < 4 && !midWrite; attempt++) {
      writeFileSync(p, OLD);
      const child = startStrata(['check', '--update', p]);
      const done = exited(child);
      const w = watch(d, (_event, name) => {
        if (name !== null && (name.endsWith('.tmp') || name === 'big.scenario')) child.kill('SIGKILL');
      });
      await done;
      w.close();
      midWrite = readdirSync(d).some((n) => n.endsWith('.tmp'));
      const now = readFileSync(p, 'utf8');
      if (midWrite) expect(now === OLD, 'killed mid-write: the old file').toBe(true);
      else expect(now === OLD || now === NEW, 'the old file or the new one').toBe(true);
    }
    expect(midWrite).toBe(true);
    expect(existsSync(join(d, '.big.scenario.strata-lock'))).toBe(true);

    const r = strataProcess(['check', '--update', p]);
    expect(r.status).toBe(0);
    expect(readFileSync(p, 'utf8') === NEW).toBe(true);
    expect(readdirSync(d)).toEqual(['big.scenario']);
  });

  it('SIGKILL at any moment leaves the old file or the new one', async () => {
    const d = tempDir();
    const p = join(d, 'big.scenario');
    // delays spread over the whole run: start-up, replay, writing, after the rename
    for (const ms of [400, 1400, 2000]) {
      writeFileSync(p, OLD);
      const child = startStrata(['check', '--update', p]);
      const done = exited(child);
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      await done;
      clearTimeout(timer);
      const now = readFileSync(p, 'utf8');
      const state = now === OLD ? 'old' : now === NEW ? 'new' : `a third state (${now.length} bytes)`;
      expect(state, `killed after ${ms} ms`).toMatch(/^(old|new)$/);
    }
  });

  it('two concurrent updates of one file: the file ends complete, and an update that lost the race says so', async () => {
    const d = tempDir();
    const p = join(d, 'big.scenario');
    writeFileSync(p, OLD);
    const runs = [startStrata(['check', '--update', p]), startStrata(['check', '--update', p])];
    const outputs = runs.map((c) => {
      let out = '';
      c.stdout.on('data', (b: Buffer) => { out += b.toString(); });
      return () => out;
    });
    const codes = await Promise.all(runs.map(exited));
    expect(readFileSync(p, 'utf8') === NEW).toBe(true);
    expect(codes.every((c) => c === 0 || c === 2), `exit codes ${codes}`).toBe(true);
    expect(codes).toContain(0);
    codes.forEach((c, i) => {
      if (c === 2) expect(outputs[i]()).toMatch(/another strata \(PID \d+\) is updating this file|the file changed while strata was replaying it/);
    });
    expect(readdirSync(d)).toEqual(['big.scenario']);
  });
});
