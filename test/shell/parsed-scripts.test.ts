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
import { LazyFunctionDef, scriptChunks, useParsedScripts, type ParsedChunk } from '../../src/shell/index.ts';
import { readStoredScript, storedScript } from '../../src/cli/scripts.ts';
import { expectReadBackAsParsed } from './stored-parse.ts';

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

  it('stored as the build stores them (function bodies apart), read back, are the commands the shell parses', () => {
    let functions = 0;
    for (const src of scripts) {
      for (const bash of [false, true]) {
        const chunks = scriptChunks(src, bash);
        if (!chunks) continue;
        const text = storedScript(src, chunks);
        // ASCII, one JSON text a line: the CLI reads it as latin1
        expect(text).toMatch(/^[\x00-\x7f]*$/);
        expect(readStoredScript(text, src + ' ')).toBeUndefined();
        const read = readStoredScript(text, src)!;
        // a definition read back is a LazyFunctionDef; with its body read it is the definition parsed
        functions += expectReadBackAsParsed(read, chunks);
      }
    }
    // the stand-ins define their functions at their top level: hundreds of them
    expect(functions).toBeGreaterThan(200);
  });

  it('run a page as the build stores them, decoding only the bodies of the functions called', () => {
    const stored = new Map<string, string>();
    for (const src of scripts) {
      for (const bash of [false, true]) {
        const chunks = scriptChunks(src, bash);
        if (chunks) stored.set(`${bash}\0${src}`, storedScript(src, chunks));
      }
    }
    // (bash, Oracle Linux's sh, runs the mysql stand-in)
    const client = `true\0${scripts.find((s) => s.includes('Stand-in for the `mysql` command-line client'))!}`;
    // the bodies the client's runs decode: its function definitions, each read back once
    const lines = stored.get(client)!.split('\n');
    const bodyLines = lines.length - 1 - 2 - (JSON.parse(lines[1]) as number);
    const decoded = new Set<string>();
    useParsedScripts((src, bash) => {
      const text = stored.get(`${bash}\0${src}`);
      if (text === undefined) return undefined;
      const commands = readStoredScript(text, src)!;
      if (`${bash}\0${src}` !== client) return commands;
      return (n) => {
        const chunk = commands(n);
        for (const ao of chunk?.list.items ?? []) {
          ao.head.commands = ao.head.commands.map((c) =>
            c instanceof LazyFunctionDef
              ? new LazyFunctionDef(c.name, c.line, () => {
                  decoded.add(c.name);
                  return c.body;
                })
              : c,
          );
        }
        return chunk;
      };
    });
    clearMemos();
    const file = join(import.meta.dirname, '..', '..', 'scenarios', 'tutorials', '002-docker-volume-persistent-data-store.md');
    const r = checkPage(readFileSync(file, 'utf8'), { file });
    expect(r.diff).toBe('');
    expect(r.passed).toBe(true);
    // the statements of the page call the tokenizer and a few statements' parsers, not all
    expect(decoded.has('feed_line')).toBe(true);
    expect(decoded.has('st_create')).toBe(true);
    expect(decoded.size).toBeGreaterThan(10);
    expect(decoded.size).toBeLessThan(bodyLines);
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
