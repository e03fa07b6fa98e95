import { describe, expect, it } from 'vitest';
import type { Command, CompoundCommand, SimpleCommand, WordPart } from '../../src/shell/ast.ts';
import { ParseError, formatParseError, parse } from '../../src/shell/index.ts';
import { ShellLimitError } from '../../src/shell/types.ts';
import { needsMoreInput } from '../../src/shell/complete.ts';

function first(src: string): Command {
  return parse(src).items[0].head.commands[0];
}

function simple(src: string): SimpleCommand {
  const c = first(src);
  if (c.kind !== 'simple') throw new Error(`not simple: ${c.kind}`);
  return c;
}

function parseError(src: string): ParseError {
  try {
    parse(src);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`no parse error for ${JSON.stringify(src)}`);
}

describe('words and quoting', () => {
  it('keeps quoting in word parts', () => {
    const parts = simple(`echo a'b c'"d $x"\\e`).words[1].parts;
    expect(parts).toEqual<WordPart[]>([
      { kind: 'lit', text: 'a' },
      { kind: 'sq', text: 'b c' },
      { kind: 'dq', parts: [{ kind: 'lit', text: 'd ' }, { kind: 'param', name: 'x' }] },
      { kind: 'esc', text: 'e' },
    ]);
  });

  it('parses parameter forms', () => {
    const w = simple('echo $1 ${10} $? $@ ${#v} ${v:-d} ${v%.*}').words.slice(1).map((x) => x.parts[0]);
    expect(w[0]).toEqual({ kind: 'param', name: '1', digit: true });
    expect(w[1]).toEqual({ kind: 'param', name: '10' });
    expect(w[2]).toEqual({ kind: 'param', name: '?' });
    expect(w[3]).toEqual({ kind: 'param', name: '@' });
    expect(w[4]).toEqual({ kind: 'length', name: 'v' });
    expect(w[5]).toMatchObject({ kind: 'param', name: 'v', op: ':-', arg: { parts: [{ kind: 'lit', text: 'd' }] } });
    expect(w[6]).toMatchObject({ kind: 'param', name: 'v', op: '%' });
  });

  it('parses command substitution, backquotes and arithmetic', () => {
    const w = simple('echo $(echo a; echo b) `echo c` $((1 + $x))').words;
    expect(w[1].parts[0]).toMatchObject({ kind: 'cmdsub', body: { items: [{}, {}] } });
    expect(w[2].parts[0]).toMatchObject({ kind: 'cmdsub' });
    expect(w[3].parts[0]).toMatchObject({ kind: 'arith', expr: { parts: [{ kind: 'lit', text: '1 + ' }, { kind: 'param', name: 'x' }] } });
  });

  it('finds the end of $(...) holding case patterns and parentheses', () => {
    const c = simple('x=$(case a in a) echo ")";; esac) y');
    expect(c.assigns[0].name).toBe('x');
    expect(c.words).toHaveLength(1);
  });

  it('joins line continuations and skips comments', () => {
    const c = simple('echo a\\\nb # comment');
    expect(c.words.map((w) => w.parts)).toEqual([[{ kind: 'lit', text: 'echo' }], [{ kind: 'lit', text: 'ab' }]]);
  });

  it('splits assignments from words', () => {
    const c = simple('A=1 B="x y" cmd C=2');
    expect(c.assigns.map((a) => a.name)).toEqual(['A', 'B']);
    expect(c.words).toHaveLength(2);
  });
});

describe('commands', () => {
  it('parses pipelines, and-or lists and negation', () => {
    const list = parse('! a | b && c || d; e &');
    expect(list.items).toHaveLength(2);
    expect(list.items[0].head.negated).toBe(true);
    expect(list.items[0].head.commands).toHaveLength(2);
    expect(list.items[0].tail.map((t) => t.op)).toEqual(['&&', '||']);
    expect(list.items[1].background).toBe(true);
  });

  it('parses compound commands', () => {
    expect(first('if a; then b; elif c; then d; else e; fi')).toMatchObject({ kind: 'if', clauses: [{}, {}], elseBody: {} });
    expect(first('for i in 1 2; do echo $i; done')).toMatchObject({ kind: 'for', name: 'i', words: [{}, {}] });
    expect(first('for i; do :; done')).toMatchObject({ kind: 'for', words: undefined });
    expect(first('for i\ndo :\ndone')).toMatchObject({ kind: 'for', words: undefined });
    expect(first('while a; do b; done')).toMatchObject({ kind: 'loop', until: false });
    expect(first('until a; do b; done')).toMatchObject({ kind: 'loop', until: true });
    expect(first('case $x in a|b) echo;; (c) ;; *) x\nesac')).toMatchObject({ kind: 'case', items: [{ patterns: [{}, {}] }, {}, {}] });
    expect(first('{ a; b; } > f')).toMatchObject({ kind: 'brace', redirs: [{ op: '>' }] });
    expect(first('(a; b)')).toMatchObject({ kind: 'subshell' });
  });

  it('parses function definitions', () => {
    const f = first('greet() {\n echo hi\n}');
    expect(f).toMatchObject({ kind: 'function', name: 'greet', body: { kind: 'brace' } });
  });

  it('parses redirections with fd numbers and dups', () => {
    const c = simple('cmd >out 2>>err <in 2>&1 >&2 3<&-');
    expect(c.redirs.map((r) => [r.fd, r.op])).toEqual([
      [undefined, '>'],
      [2, '>>'],
      [undefined, '<'],
      [2, '>&'],
      [undefined, '>&'],
      [3, '<&'],
    ]);
  });

  it('reads here-document bodies after the line', () => {
    const list = parse("cat <<EOF; cat <<-'END'\nhello $x\nEOF\n\tliteral $y\n\tEND\necho after");
    const [a, b] = list.items.slice(0, 2).map((i) => (i.head.commands[0] as SimpleCommand).redirs[0].heredoc!);
    expect(a.quoted).toBe(false);
    expect(a.body.parts).toEqual([{ kind: 'lit', text: 'hello ' }, { kind: 'param', name: 'x' }, { kind: 'lit', text: '\n' }]);
    expect(b).toMatchObject({ quoted: true, stripTabs: true, body: { parts: [{ kind: 'sq', text: 'literal $y\n' }] } });
    expect(list.items).toHaveLength(3);
  });

  it('keeps reserved words as arguments', () => {
    expect(simple('echo if then fi }').words).toHaveLength(5);
  });
});

describe('syntax errors', () => {
  it('reports the unexpected token both ways', () => {
    const e = parseError('if true; then fi');
    expect(e.ash).toBe('unexpected "fi"');
    expect(formatParseError(e, false, 'sh')).toBe('sh: syntax error: unexpected "fi"\n');
    expect(formatParseError(e, true, 'bash: -c: line 1')).toBe(
      "bash: -c: line 1: syntax error near unexpected token `fi'\nbash: -c: line 1: `if true; then fi'\n",
    );
  });

  it('reports end of file with what was expected', () => {
    const e = parseError('if true; then echo');
    expect(e.ash).toBe('unexpected end of file (expecting "fi")');
    expect(e.bash).toBe('syntax error: unexpected end of file');
  });

  it('names the word an empty body at the end of the text waits for (busybox 1.35 sh -c, run on the host)', () => {
    const cases: [string, string][] = [
      ['if', 'then'],
      ['{', '}'],
      ['(', ')'],
      ['while', 'do'],
      ['until', 'do'],
      ['for x in a; do', 'done'],
      ['if true; then', 'fi'],
      ['if true; then :; else', 'fi'],
      ['case x in', ')'],
      ['case x in a)', ';;'],
    ];
    for (const [src, word] of cases) expect(parseError(src).ash, src).toBe(`unexpected end of file (expecting "${word}")`);
    // a body that is not empty, or a token that is not the end, names nothing
    expect(parseError('if then').ash).toBe('unexpected "then"');
    expect(parseError('{ }').ash).toBe('unexpected "}"');
    expect(parseError('f() ').ash).toBe('unexpected end of file');
  });

  it('describes operators and unterminated quotes', () => {
    expect(parseError('echo a; ;').ash).toBe('unexpected ";"');
    expect(parseError('( )').ash).toBe('unexpected ")"');
    expect(parseError('echo "abc').ash).toBe('unterminated quoted string');
    expect(parseError("echo 'abc").bash).toBe("unexpected EOF while looking for matching `''");
    // a `${` no shell can expand is an error when expanded, not when parsed (brace-param-errors.test.ts)
    expect(parse('echo ${x!}').items[0].head.commands[0]).toMatchObject({ words: [{ parts: [{ kind: 'lit', text: 'echo' }] }, { parts: [{ kind: 'badsub', text: '${x!}' }] }] });
    expect(parseError('echo ${x y').ash).toBe("missing '}'");
  });

  it('carries the line number', () => {
    expect(parseError('echo a\necho b\ndone').line).toBe(3);
  });

  it('accepts a here-document cut short by the end of the script', () => {
    expect(() => parse('cat <<E\nbody')).not.toThrow();
  });

  it('throws ParseError on incomplete input', () => {
    for (const src of ['$(', '`', '${', '$((1', '<<', 'a |', '&&', 'case', 'for 1', '))']) {
      expect(() => parse(src)).toThrow(ParseError);
    }
    // bash's function body is a compound command; ash's any command (ash.c: parse_command)
    expect(() => parse('f() x', true)).toThrow(ParseError);
    expect(parse('f() x').items[0].head.commands[0]).toMatchObject({ kind: 'function', name: 'f', body: { kind: 'brace' } });
  });
});

describe('nesting limits', () => {
  const nested = (open: string, inner: string, close: string, n: number): string => open.repeat(n) + inner + close.repeat(n);

  it('refuses ${x:-${x:-...}} nested past the limit, plain or in double quotes, instead of overflowing the JS stack', () => {
    for (const n of [301, 3000, 30_000]) {
      expect(() => parse('echo ' + nested('${x:-', 'y', '}', n))).toThrow(new ShellLimitError('script nesting too deep'));
      expect(() => parse('echo ' + nested('"${x:-', 'y', '}"', n))).toThrow(ShellLimitError);
    }
    expect(() => parse('echo ' + nested('${x:-', 'y', '}', 250))).not.toThrow();
  });

  it('counts $(( )), here-documents and backquotes parsed by nested parsers against the same limit', () => {
    expect(() => parse('echo ' + nested('$((', '1', '))', 3000))).toThrow(ShellLimitError);
    expect(() => parse('echo ' + nested('$((', '1', '))', 100))).not.toThrow();
    // an arithmetic expansion inside ${x:-...}: the levels add up
    expect(() => parse('echo ' + nested('${x:-', nested('$((', '1', '))', 200), '}', 200))).toThrow(ShellLimitError);
    // here-documents whose bodies hold command substitutions with here-documents...
    let heredoc = 'echo hi\n';
    for (let i = 0; i < 2000; i++) heredoc = `cat <<E${i}\n$(${heredoc})\nE${i}\n`;
    expect(() => parse(heredoc)).toThrow(ShellLimitError);
  });
});

describe('needsMoreInput: when an interactive shell asks for another line', () => {
  const cases: [string, boolean][] = [
    ['echo hi', false],
    ["cat <<'EOF'", true],
    ['cat <<EOF\nhi', true],
    ["cat <<'EOF'\nhi\nEOF", false],
    ['cat <<-EOF\n\thi\n\tEOF', false],
    ['cat <<A <<B\nx\nA\ny', true],
    ["echo 'abc", true],
    ['echo "$(echo', true],
    ['echo a \\', true],
    ['echo a \\\\', false],
    ['if true; then', true],
    ['for x in a', true],
    ['echo )', false],
  ];
  for (const [text, more] of cases) it(`${JSON.stringify(text)} → ${more}`, () => expect(needsMoreInput(text)).toBe(more));
});
