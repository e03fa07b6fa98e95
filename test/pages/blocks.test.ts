// src/pages/blocks.ts reads a page's nodes from micromark's flow level instead of the full
// parse (mdast-util-from-markdown). The law: the page read from either is the same (commands,
// their lines and outputs, prefixes, options, or the same error), for generated pages that mix
// every kind of block, container and inline piece, and for every Markdown file of the repository.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mdastNodes, pageNodes } from '../../src/pages/blocks.ts';
import { readPage } from '../../src/pages/page.ts';

const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? 150);

/** The page read from the given nodes, or the error it raised. */
function read(text: string, nodes: (t: string) => Parameters<typeof readPage>[2]): unknown {
  try {
    return readPage(text, 'p.md', nodes(text));
  } catch (e) {
    return { error: String(e) };
  }
}

const word = fc.constantFrom('a', 'docker', 'volume', '$', '>', '-->', '<b>', '`x`', '*em*', '&amp;', '\\*', '[l](u)', '<!--', 'x\ty');
/** Prose, sometimes ending with an inline comment (an HTML node inside the paragraph). */
const inline = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 5 }), fc.constantFrom('', '', '', ' <!-- strata -->', ' <!-- strata skip -->', ' <!-- x -->'))
  .map(([ws, end]) => ws.join(' ') + end);
const strataComment = fc.constantFrom(
  '<!-- strata -->',
  '<!-- strata skip -->',
  '<!-- strata engine=docker-20.10 -->',
  '<!-- strata ids=docker -->',
  '<!-- strata hidden\n$ docker volume create v\n-->',
  '<!-- not strata -->',
  '<div>',
);
const info = fc.constantFrom('console', 'Console', 'shell-session', 'sh-session', 'sh', '', 'console title', 'con\\sole', '&#99;onsole', 'console{x}');
const body = fc.array(fc.constantFrom('$ docker volume ls', '$ echo a \\', '> b', 'DRIVER    VOLUME NAME', '', '\tindented', '```', '~~~'), { maxLength: 4 });
const fence = fc.tuple(fc.constantFrom('```', '~~~', '````'), info, body, fc.boolean()).map(([f, i, b, closed]) => [f + i, ...b, ...(closed ? [f] : [])]);
const indent = (lines: string[], by: string): string[] => lines.map((l) => (l === '' ? l : by + l));
const element: fc.Arbitrary<string[]> = fc.letrec<{ el: string[] }>((tie) => ({
  // comments and blocks weigh most: what page.ts decides is which comment applies to which block
  el: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: inline.map((p) => [p]), weight: 3 },
    { arbitrary: fc.tuple(inline, inline).map(([a, b]) => [a, b]), weight: 1 },
    { arbitrary: inline.map((p) => [`# ${p}`]), weight: 1 },
    { arbitrary: inline.map((p) => [p, '===']), weight: 1 },
    { arbitrary: fc.constant<string[]>(['---']), weight: 1 },
    { arbitrary: strataComment.map((c) => c.split('\n')), weight: 2 },
    { arbitrary: fc.tuple(strataComment, fc.constantFrom([], ['']), tie('el')).map(([c, gap, el]) => [...c.split('\n'), ...gap, ...el]), weight: 6 },
    { arbitrary: fence, weight: 6 },
    { arbitrary: body.map((b) => indent(['$ docker volume ls', ...b], '    ')), weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom('- ', '1. ', '* '), tie('el')).map(([m, el]) => [m + (el[0] ?? ''), ...indent(el.slice(1), ' '.repeat(m.length))]), weight: 2 },
    { arbitrary: tie('el').map((el) => el.map((l) => (l === '' ? '>' : `> ${l}`))), weight: 2 },
    { arbitrary: fc.constant<string[]>(['[ref]: /url "title"']), weight: 1 },
  ),
})).el;
const page = fc
  .tuple(fc.array(element, { minLength: 1, maxLength: 7 }), fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }), fc.boolean(), fc.boolean())
  .map(([els, tight, crlf, finalNewline]) => {
    const text = els.map((e, i) => e.join('\n') + (i < els.length - 1 ? (tight[i] ? '\n' : '\n\n') : '')).join('') + (finalNewline ? '\n' : '');
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

describe('a page read from micromark flow events is the page read from mdast', () => {
  it('for generated pages', () => {
    fc.assert(
      fc.property(page, (text) => {
        expect(read(text, pageNodes)).toEqual(read(text, mdastNodes));
      }),
      { numRuns: RUNS },
    );
  });

  // Between `<!-- strata -->` and a block, what does and does not end the comment's hold: each
  // kind of node once, in and out of lists and quotes (generated pages meet these rarely).
  it('for a comment, each kind of node, then a block', () => {
    const between = [
      ['text'],
      ['# heading'],
      ['heading', '==='],
      ['***'],
      ['[ref]: /url'],
      ['    $ docker volume ls'],
      ['<div>'],
      ['<!-- other -->'],
      ['text <!-- strata skip -->'],
      ['# heading <!-- strata -->'],
      ['- item'],
      ['> quote'],
    ];
    const blocks = [
      ['```sh', '$ docker volume ls', '```'],
      ['- ```sh', '  $ docker volume ls', '  ```'],
      ['1. text', '', '   ```sh', '   $ docker volume ls', '   ```'],
      ['> ```sh', '> $ docker volume ls', '> ```'],
      ['    $ docker volume ls', '    x'],
    ];
    for (const comment of ['<!-- strata -->', '<!-- strata skip -->']) {
      for (const b of between) {
        for (const block of blocks) {
          for (const gap of [[], ['']]) {
            const text = [comment, ...gap, ...b, '', ...block, ''].join('\n');
            expect(read(text, pageNodes), text).toEqual(read(text, mdastNodes));
          }
        }
      }
    }
  });

  it('for every Markdown file of the repository', () => {
    const root = join(import.meta.dirname, '..', '..');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        // what .gitignore leaves out: the build, dependencies, and reports/, where Stryker keeps
        // its sandboxes (a copy of every page per run, removed while a walk may be reading it)
        if (name === 'node_modules' || name.startsWith('.') || name === 'dist' || name === 'reports') continue;
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (name.endsWith('.md')) files.push(p);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(read(text, pageNodes), f).toEqual(read(text, mdastNodes));
    }
  });
});
