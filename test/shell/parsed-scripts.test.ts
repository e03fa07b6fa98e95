// Scripts parsed before (useParsedScripts: the CLI reads the catalog's stand-in scripts that
// `npm run build` parsed, through JSON): the commands read back are the commands the shell
// parses, and a page whose stand-ins run from them gives what it gives when they are parsed.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPage } from '../../src/index.ts';
import { toBytes } from '../../src/fs/bytes.ts';
import { catalogData } from '../../src/image/catalog/contexts.generated.ts';
import { clearMemos } from '../../src/engine/memos.ts';
import { scriptChunks, useParsedScripts, type ParsedChunk } from '../../src/shell/index.ts';

/** The catalog's shell scripts long enough for the shell to keep, as bytes (what build.mjs stores). */
const scripts = catalogData()
  .blobs.map(toBytes)
  .filter((s) => s.startsWith('#!') && s.length >= 512);

afterEach(() => {
  useParsedScripts(undefined);
  clearMemos();
});

describe('scripts parsed before', () => {
  it('read back through JSON, are the commands the shell parses', () => {
    let parsed = 0;
    for (const src of scripts) {
      const chunks = scriptChunks(src);
      if (!chunks) continue;
      parsed++;
      expect(JSON.parse(JSON.stringify(chunks))).toEqual(chunks);
      const bashChunks = scriptChunks(src, true);
      if (bashChunks) expect(JSON.parse(JSON.stringify(bashChunks))).toEqual(bashChunks);
    }
    // the big ones parse: the mysql and postgres client stand-ins, the entrypoints
    expect(parsed).toBeGreaterThan(20);
  });

  /** Run a page with every stand-in script parsed before (as ash and as bash), through JSON; the scripts it read, by parse. */
  function runPage(page: string): { ash: string[]; bash: string[] } {
    const stored = new Map<string, ParsedChunk[]>();
    for (const src of scripts) {
      for (const bash of [false, true]) {
        const chunks = scriptChunks(src, bash);
        if (chunks) stored.set(`${bash}\0${src}`, JSON.parse(JSON.stringify(chunks)) as ParsedChunk[]);
      }
    }
    const used = { ash: [] as string[], bash: [] as string[] };
    useParsedScripts((src, bash) => {
      const chunks = stored.get(`${bash}\0${src}`);
      if (!chunks) return undefined;
      used[bash ? 'bash' : 'ash'].push(src);
      return (n) => chunks[n] ?? null;
    });
    clearMemos();
    const file = join(import.meta.dirname, '..', '..', 'scenarios', 'tutorials', page);
    const r = checkPage(readFileSync(file, 'utf8'), { file });
    expect(r.diff).toBe('');
    expect(r.passed).toBe(true);
    return used;
  }

  it('run a page as its stand-ins parsed give it: dash runs the postgres stand-in as ash parsed it', () => {
    // its entrypoint and the multi-call script of its server, initdb and psql
    const used = runPage('001-docker-volumes-episode-6.md');
    expect(used.ash.some((s) => s.includes('Stand-in for the PostgreSQL programs of the official image'))).toBe(true);
    expect(used.ash.length).toBeGreaterThanOrEqual(3);
  });

  it("and bash, Oracle Linux's sh, the mysql stand-in as bash parsed it", () => {
    // its entrypoint, server and 2,000-line client
    const used = runPage('002-docker-volume-persistent-data-store.md');
    expect(used.bash.some((s) => s.includes('Stand-in for the `mysql` command-line client'))).toBe(true);
    expect(used.bash.length).toBeGreaterThanOrEqual(3);
  });
});
