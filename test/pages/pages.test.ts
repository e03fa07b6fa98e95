// Markdown pages (src/pages/): which blocks run, and the laws of `--update`: it changes nothing
// outside the output lines of console blocks, and updating twice equals updating once.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePage, PageSyntaxError } from '../../src/pages/page.ts';
import { checkPage } from '../../src/pages/session.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? 40);

const check = (text: string, file = 'page.md') => checkPage(text, file, new SimulatedDocker({ terminal: true }));

/** The page without the output lines of its visible commands: what --update must keep. */
function skeleton(text: string): string {
  const page = parsePage(text, 'p.md');
  const out = new Set(page.commands.filter((c) => !c.hidden).flatMap((c) => c.outputLines));
  return page.lines
    .filter((_, i) => !out.has(i + 1))
    .map((l) => l.text + l.eol)
    .join('');
}

describe('which blocks a page runs', () => {
  it('console, shell-session and sh-session blocks, and a block after <!-- strata -->; never prose or other blocks', () => {
    const page = parsePage(
      [
        'Text $ echo no',
        '```sh',
        '$ echo not-run',
        '```',
        '```console',
        '$ echo one',
        '```',
        '```shell-session',
        '$ echo two',
        '```',
        '```sh-session',
        '$ echo three',
        '```',
        '<!-- strata -->',
        '```text',
        '$ echo four',
        '```',
        '<!-- strata skip -->',
        '```console',
        '$ echo skipped',
        '```',
        '````markdown',
        '```console',
        '$ echo nested-in-another-block',
        '```',
        '````',
        '',
      ].join('\n'),
      'p.md',
    );
    expect(page.commands.map((c) => c.command)).toEqual(['echo one', 'echo two', 'echo three', 'echo four']);
  });

  it('page options, hidden setup commands and here-documents', () => {
    const page = parsePage(
      [
        '<!-- strata engine=docker-20.10 images=alpine:3.19,alpine:latest ids=docker -->',
        '<!-- strata hidden',
        '$ docker volume create setup',
        '-->',
        '```console',
        "$ cat > f <<'EOF'",
        '> hello',
        '> EOF',
        '$ cat f',
        'hello',
        '```',
        '',
      ].join('\n'),
      'p.md',
    );
    expect(page.options).toEqual({ engine: 'docker-20.10', images: ['alpine:3.19', 'alpine:latest'], ids: 'docker' });
    expect(page.commands.map((c) => [c.command, c.hidden, c.line, c.output])).toEqual([
      ['docker volume create setup', true, 3, []],
      ["cat > f <<'EOF'\nhello\nEOF", false, 6, []],
      ['cat f', false, 9, ['hello']],
    ]);
  });

  it('takes here-document bodies written without "> " for the command\'s, up to each delimiter line', () => {
    // A terminal shows `> ` before each line of a body; pages often leave it out. Taken for the
    // command's output, the body was run as nothing and --update replaced it.
    const page = parsePage(['```console', "$ cat > f <<'EOF'", 'a: 1', '$ not a command', 'EOF', '$ cat <<A <<-B', 'x', 'A', '\t\ty', '\tB', 'y', '```', ''].join('\n'), 'p.md');
    expect(page.commands.map((c) => [c.command, c.line, c.output])).toEqual([
      ["cat > f <<'EOF'\na: 1\n$ not a command\nEOF", 2, []],
      ['cat <<A <<-B\nx\nA\n\t\ty\n\tB', 6, ['y']],
    ]);
    expect(() => parsePage('```console\n$ cat <<EOF\nno end\n```\n', 'p.md')).toThrow('p.md:2: here-document without its delimiter line "EOF" before the end of the block');
  });

  it('takes the lines after one ending in "\\" for the command\'s, and refuses a command left open', () => {
    const page = parsePage(['```console', '$ docker run -d \\', '  --name db \\', '> -v data:/data \\', '  busybox sleep 9', '<id1>', '$ echo a\\\\', 'a\\', '```', ''].join('\n'), 'p.md');
    expect(page.commands.map((c) => [c.command, c.output])).toEqual([
      ['docker run -d \\\n  --name db \\\n-v data:/data \\\n  busybox sleep 9', ['<id1>']],
      ['echo a\\\\', ['a\\']],
    ]);
    for (const open of ['$ echo "a', '$ for v in a b; do', '$ docker run \\']) {
      expect(() => parsePage(`\`\`\`console\n${open}\n\`\`\`\n`, 'p.md')).toThrow('p.md:2: the command goes on past its last line');
    }
  });

  it('refuses output before the first command of a block and unknown options, naming the line', () => {
    expect(() => parsePage('```console\nstray\n$ echo x\n```\n', 'p.md')).toThrow(PageSyntaxError);
    expect(() => parsePage('```console\nstray\n$ echo x\n```\n', 'p.md')).toThrow('p.md:2: output line before any command');
    expect(() => parsePage('<!-- strata colour=blue -->\n', 'p.md')).toThrow('p.md:1: unknown strata option "colour=blue"');
  });
});

describe('checking and updating a page', () => {
  it('reports the first wrong output line as PAGE:LINE and fills a block in a list with its indentation', () => {
    const text = '# T\n\n```console\n$ echo one\nbad\n```\n\n- item\n\n  ```console\n  $ echo two\n  ```\n';
    const r = check(text);
    expect(r.passed).toBe(false);
    expect(r.mismatches.map((m) => m.location)).toEqual(['page.md:5', 'page.md:11']);
    expect(r.updated).toBe('# T\n\n```console\n$ echo one\none\n```\n\n- item\n\n  ```console\n  $ echo two\n  two\n  ```\n');
    expect(check(r.updated).passed).toBe(true);
  });

  it('runs a here-document body written without "> " and keeps it byte for byte', () => {
    const text = "```console\n$ cat > compose.yaml <<'EOF'\nservices:\n  db:\n    image: postgres:16\nEOF\n$ grep -c : compose.yaml\n```\n";
    const r = check(text);
    expect(r.mismatches.map((m) => m.location)).toEqual(['page.md:7']);
    expect(r.updated).toBe(text.replace('compose.yaml\n```', 'compose.yaml\n3\n```'));
    expect(check(r.updated).passed).toBe(true);
  });

  it('is one terminal session: cd, variables and functions hold for the lines after, in every block', () => {
    // A scenario runs each line in a fresh `bash -c`, as its recorder does; a page is what a
    // reader types into one terminal (bash 5.2 printed the same for these lines in one shell).
    const text = [
      '```console', '$ export X=5', '$ Y=7', '$ mkdir -p app && cd app', '$ f() { echo "$X $Y $PWD"; }', '```', '',
      '```console', '$ f', '$ sh -c \'echo "[$X] [$Y]"\'', '$ cd .. && pwd', '```', '',
    ].join('\n');
    const r = check(text);
    expect(r.updated).toBe(text.replace('$ f\n', '$ f\n5 7 $PWD/app\n').replace("'\n$ cd", "'\n[5] []\n$ cd").replace('&& pwd\n', '&& pwd\n$PWD\n'));
    expect(check(r.updated).passed).toBe(true);
  });

  it("speaks as a terminal's bash: its messages name no line (bash 5.2 -i printed these)", () => {
    const text = '```console\n$ cd nope\n$ nosuchcmd\n$ f() { cd nope2; }; f\n$ (cd nope3)\n$ for )\n```\n';
    expect(check(text).updated).toBe(
      '```console\n$ cd nope\nbash: cd: nope: No such file or directory\n$ nosuchcmd\nbash: nosuchcmd: command not found\n' +
        '$ f() { cd nope2; }; f\nbash: cd: nope2: No such file or directory\n$ (cd nope3)\nbash: cd: nope3: No such file or directory\n' +
        "$ for )\nbash: syntax error near unexpected token `)'\n```\n",
    );
  });

  it('keeps CRLF endings and a missing final newline', () => {
    const text = 'intro\r\n```console\r\n$ echo a\r\n```';
    const r = check(text);
    expect(r.updated).toBe('intro\r\n```console\r\n$ echo a\r\na\r\n```');
  });

  it('shows IDs as placeholders by default and as realistic, stable IDs with ids=docker', () => {
    const body = '```console\n$ docker create --name cc busybox\n```\n';
    const placeholders = check(body).updated;
    expect(placeholders).toContain('\n<id1>\n');
    const real = check('<!-- strata ids=docker -->\n' + body).updated;
    const id = /\n([0-9a-f]{64})\n/.exec(real)?.[1];
    expect(id).toBeDefined();
    expect(check('<!-- strata ids=docker -->\n' + body).updated).toBe(real);
    // A page that already shows real IDs is checked in that form without the option.
    expect(check(real.replace('<!-- strata ids=docker -->\n', '')).passed).toBe(true);
  });
});

// ------------------------------------------------------------------ laws over generated pages

const word = fc.stringMatching(/^[a-z]{1,8}$/);
const prose = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
const command = fc.oneof(
  word.map((w) => `echo ${w}`),
  word.map((w) => `docker volume create ${w}`),
  fc.constant('docker volume ls -q'),
  fc.constant("printf 'a\\n\\nb\\n'"),
);
const output = fc.array(fc.oneof(word, fc.constant('')), { maxLength: 3 });
const consoleBlock = fc
  .tuple(fc.array(fc.tuple(command, output), { minLength: 1, maxLength: 3 }), fc.constantFrom('console', 'shell-session', 'sh-session'))
  .map(([cmds, lang]) => [`\`\`\`${lang}`, ...cmds.flatMap(([c, o]) => [`$ ${c}`, ...o]), '```']);
const otherBlock = fc.tuple(prose, fc.constantFrom('sh', 'bash', '')).map(([p, lang]) => ['```' + lang, `$ ${p}`, p, '```']);
const nestedFence = consoleBlock.map((b) => ['````markdown', ...b, '````']);
const indent = (lines: string[], by: string): string[] => lines.map((l) => (l === '' ? l : by + l));
const element = fc.oneof(
  prose.map((p) => [p]),
  consoleBlock,
  otherBlock,
  nestedFence,
  fc.tuple(prose, consoleBlock).map(([p, b]) => [`- ${p}`, '', ...indent(b, '  ')]),
  fc.tuple(prose, consoleBlock).map(([p, b]) => [`1. ${p}`, '', ...indent(b, '   ')]),
  consoleBlock.map((b) => ['> quote', '>', ...b.map((l) => (l === '' ? '>' : `> ${l}`))]),
  fc.constant(['<!-- just a comment -->']),
);
const page = fc
  .tuple(fc.array(element, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean())
  .map(([els, crlf, finalNewline]) => {
    const text = els.map((e) => e.join('\n')).join('\n\n') + (finalNewline ? '\n' : '');
    return crlf ? text.replace(/\n/g, '\r\n') : text;
  });

describe('laws of --update on generated pages', () => {
  it('changes nothing outside the output lines of console blocks', () => {
    fc.assert(
      fc.property(page, (text) => {
        const r = check(text);
        expect(skeleton(r.updated)).toBe(skeleton(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('updating twice equals updating once, and the updated page passes', () => {
    fc.assert(
      fc.property(page, (text) => {
        const once = check(text).updated;
        const again = check(once);
        expect(again.passed).toBe(true);
        expect(again.updated).toBe(once);
      }),
      { numRuns: RUNS },
    );
  });
});
