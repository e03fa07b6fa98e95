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
    }
    // the big ones parse: the mysql and postgres client stand-ins, the entrypoints
    expect(parsed).toBeGreaterThan(20);
  });

  it('run a page as its stand-ins parsed give it', () => {
    const stored = new Map<string, ParsedChunk[]>();
    for (const src of scripts) {
      const chunks = scriptChunks(src);
      if (chunks) stored.set(src, JSON.parse(JSON.stringify(chunks)) as ParsedChunk[]);
    }
    const used = new Set<string>();
    useParsedScripts((src) => {
      const chunks = stored.get(src);
      if (!chunks) return undefined;
      used.add(src);
      return (n) => chunks[n] ?? null;
    });
    clearMemos();
    // the postgres stand-in, whose scripts dash runs as ash does (a GNU image's `sh`; the mysql
    // stand-in's run in Oracle Linux's bash, which parses its own way): its entrypoint and the
    // multi-call script of its server, initdb and psql
    const file = join(import.meta.dirname, '..', '..', 'scenarios', 'tutorials', '001-docker-volumes-episode-6.md');
    const r = checkPage(readFileSync(file, 'utf8'), { file });
    expect(r.diff).toBe('');
    expect(r.passed).toBe(true);
    expect([...used].some((s) => s.includes('Stand-in for the PostgreSQL programs of the official image'))).toBe(true);
    expect(used.size).toBeGreaterThanOrEqual(3);
  });
});
