// `<!-- strata file=PATH -->` before a block of any language: the page shows a file (a compose
// file, a Dockerfile, a page of HTML) the way docs do, and the session has it where the reader
// saved it, at that point of the page. The block itself is never run nor rewritten.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { checkPage } from '../../src/pages/session.ts';
import { PageSyntaxError } from '../../src/pages/page.ts';

const check = (text: string) => checkPage(text, 'p.md', new SimulatedDocker({ engine: 'docker-26.1', terminal: true }));

const COMPOSE = ['services:', '  web:', '    image: busybox', '    volumes:', '      - ./site:/site:ro', '      - notes:/notes', 'volumes:', '  notes:'];

describe('a file= block', () => {
  it('is the file the session reads, byte for byte with a final newline, and the page is left as it is', () => {
    const text = [
      'Save this as `compose.yaml`:',
      '',
      '<!-- strata file=compose.yaml -->',
      '```yaml',
      ...COMPOSE,
      '```',
      '',
      '<!-- strata file=site/index.html -->',
      '```html',
      '<h1>$HOME stays `as typed`</h1>',
      '```',
      '',
      '```console',
      '$ docker compose config --services',
      '$ docker compose config --volumes',
      '$ cat site/index.html',
      '$ wc -c < compose.yaml',
      '```',
      '',
    ].join('\n');
    const r = check(text);
    const shown = r.results.map((x) => x.rawOutput);
    // the two hidden saves, then the four commands
    expect(shown.slice(2)).toEqual(['web\n', 'notes\n', '<h1>$HOME stays `as typed`</h1>\n', `${COMPOSE.join('\n').length + 1}\n`]);
    // only the console block's output lines are filled in
    const updated = r.updated.split('\n');
    expect(updated.slice(0, 13)).toEqual(text.split('\n').slice(0, 13));
  });

  it('is saved where it stands in the session: after a cd, in that directory; a later block replaces it', () => {
    const text = [
      '```console',
      '$ mkdir app && cd app',
      '```',
      '<!-- strata file=Dockerfile -->',
      '```dockerfile',
      'FROM busybox',
      '```',
      '```console',
      '$ cat Dockerfile',
      'FROM busybox',
      '```',
      '<!-- strata file=Dockerfile -->',
      '```dockerfile',
      'FROM busybox',
      'RUN echo second > /second',
      '```',
      '```console',
      '$ cat ../app/Dockerfile',
      'FROM busybox',
      'RUN echo second > /second',
      '```',
      '',
    ].join('\n');
    expect(check(text).passed).toBe(true);
  });

  it('keeps a text that holds the delimiter strata would use', () => {
    const text = ['<!-- strata file=x.txt -->', '```', 'STRATA_FILE', 'end', '```', '```console', '$ cat x.txt', 'STRATA_FILE', 'end', '```', ''].join('\n');
    expect(check(text).passed).toBe(true);
  });

  it.each([
    [['<!-- strata file=a -->', '', 'prose', '', '```', 'x', '```'], 1, /file=a: no code block right after this comment/],
    [['<!-- strata file=a -->'], 1, /file=a: no code block right after this comment/],
    [['<!-- strata file=a -->', '```console', '$ ls', '```'], 1, /file=a: the block after it must hold the file's text, not commands/],
    [['<!-- strata file=a/ -->', '```', 'x', '```'], 1, /file=a\/: give the file's path/],
    [['<!-- strata file=$HOME/a -->', '```', 'x', '```'], 1, /give the file's path/],
    [['<!-- strata file=a -->', '```', 'x', '```', '<!-- strata file=a/b -->', '```', 'y', '```'], 5, /file=a\/b: cannot be saved there: mkdir: cannot create directory 'a': File exists/],
  ])('is bad input with its line when it cannot be followed (%#)', (lines, line, message) => {
    let thrown: unknown;
    try {
      check(lines.join('\n') + '\n');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PageSyntaxError);
    expect((thrown as PageSyntaxError).line).toBe(line);
    expect((thrown as PageSyntaxError).message).toMatch(message);
  });
});
