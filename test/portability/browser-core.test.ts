// The core (src/ except src/cli/) runs unchanged in a browser (issue #15, item 3): no node:
// module and no Node global (Buffer, process, require) may reach it. Three checks, cheapest first:
//  - every import in the core names a relative file or a package, never a Node builtin (static);
//  - esbuild bundles src/index.ts for platform=browser, which fails on any Node builtin that any
//    dependency brings in, and the bundle holds nothing from src/cli/;
//  - the bundle runs in a bare JavaScript context that has only the browser globals the core
//    uses (TextEncoder, TextDecoder): no Buffer, process, require, console. A scenario that builds
//    an image, hashes, compresses and formats gives there what it gives under Node.
// `tsc -p tsconfig.core.json` (npm run typecheck) is the static check for globals: it types the
// core without @types/node, so any use of Buffer or process anywhere in it is an error.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { replay } from '../../src/index.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function coreFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return p === join(SRC, 'cli') ? [] : coreFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** The module specifiers a file imports or re-exports (static and dynamic imports). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const re = /^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

// One scenario touching what used Node before: image and layer IDs (sha256), the hash applets,
// gzip and base64, and Go template functions that count UTF-8 bytes.
const SCENARIO = `# engine: docker-26.1
$ mkdir -p ctx && printf 'h\\303\\251llo\\n' > ctx/a.txt && printf 'FROM busybox\\nCOPY a.txt /a.txt\\nRUN gzip -c /a.txt > /a.gz && md5sum /a.txt > /sums\\n' > ctx/Dockerfile
$ docker build -q -t web-core ctx
$ docker images --no-trunc --format '{{.ID}} {{.Repository}}'
$ docker image inspect --format '{{.Id}} {{len .RootFS.Layers}} {{index .RootFS.Layers 1}}' web-core
$ docker run --rm web-core sh -c 'cat /sums; printf abc | sha256sum; printf abc | sha1sum; printf abc | sha512sum; base64 /a.gz; zcat /a.gz; echo aGk= | base64 -d; wc -c /a.gz'
$ docker run --rm web-core sh -c 'tar czf /t.tgz /a.txt 2>/dev/null; tar tzf /t.tgz; gunzip -c /t.tgz | wc -c'
$ docker inspect --format '{{len "h\u00e9llo"}} {{slice "h\u00e9llo" 0 3}} {{printf "%x" "\u00e9"}} {{truncate "h\u00e9llo" 2}}' web-core
$ echo hello > h.txt && sha256sum h.txt && md5sum h.txt && gzip h.txt && gunzip -c h.txt.gz && base64 h.txt.gz
`;

const outputs = (r: { results: { rawOutput: string; exitCode: number }[] }): string => JSON.stringify(r.results.map((x) => [x.rawOutput, x.exitCode]));

describe('the core runs in a browser', () => {
  it('imports no Node builtin, and nothing from src/cli/', () => {
    const bad: string[] = [];
    const files = coreFiles(SRC);
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      for (const s of specifiers(readFileSync(f, 'utf8'))) {
        if (NODE_BUILTINS.has(s) || s.startsWith('node:')) bad.push(`${relative(ROOT, f)}: ${s}`);
        if (s.startsWith('.') && resolve(join(f, '..'), s).startsWith(join(SRC, 'cli'))) bad.push(`${relative(ROOT, f)}: ${s} (the CLI)`);
      }
    }
    expect(bad).toEqual([]);
    // The scan sees what it must refuse.
    expect(specifiers("import { x } from 'node:crypto';\nexport * from \"zlib\";\nconst m = await import('node:fs');")).toEqual(['node:crypto', 'zlib', 'node:fs']);
  });

  it('bundles for the browser with esbuild, and the bundle runs without Node globals', async () => {
    let result;
    try {
      result = await build({
        entryPoints: [join(SRC, 'index.ts')],
        bundle: true,
        platform: 'browser',
        // As for a Web Worker (the playground may run the engine off the page's thread): a worker
        // has no DOM, and this condition picks decode-named-character-reference's (a markdown
        // parser dependency) plain build instead of the one that calls document.createElement.
        conditions: ['worker'],
        format: 'iife',
        globalName: 'strata',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
    } catch (e) {
      // esbuild lists each Node builtin it could not resolve for the browser, with the importing file.
      const errors = (e as { errors?: { text: string; location?: { file: string } | null }[] }).errors ?? [];
      throw new Error(`the core does not bundle for the browser:\n${errors.map((x) => `${x.location?.file ?? '?'}: ${x.text}`).join('\n') || String(e)}`);
    }
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => p.startsWith('src/cli/') || NODE_BUILTINS.has(p))).toEqual([]);
    expect(inputs.some((p) => p.includes('@noble/hashes'))).toBe(true);

    const code = result.outputFiles[0].text;
    // A bare context: JavaScript's own globals plus the two the core uses from the web platform.
    const context = vm.createContext({ TextEncoder, TextDecoder });
    vm.runInContext('delete globalThis.console', context); // V8 gives every context one; the core prints nothing itself
    for (const name of ['Buffer', 'process', 'require', 'global', 'console', 'setImmediate']) {
      expect(vm.runInContext(`typeof ${name}`, context)).toBe('undefined');
    }
    vm.runInContext(code, context, { filename: 'strata-browser.js' });
    const inBrowser = vm.runInContext(`strata.replay(${JSON.stringify(SCENARIO)})`, context) as Parameters<typeof outputs>[0];
    const inNode = replay(SCENARIO);
    expect(outputs(inBrowser)).toBe(outputs(inNode));
    // The scenario did what it is meant to exercise (FIPS 180-4's sha256 of "abc", a built image).
    const all = inNode.results.map((r) => r.rawOutput).join('');
    expect(all).toContain('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -');
    expect(inNode.results.every((r) => r.exitCode === 0)).toBe(true);
    expect(inNode.results[2].rawOutput).toMatch(/^sha256:[0-9a-f]{64} web-core\n/);
  });
});
