// Here-documents in a Dockerfile, as BuildKit's parser reads them (Dockerfile 1.4 syntax): the
// cases of buildkit's own parser tests (frontend/dockerfile/parser/parser_heredoc_test.go,
// TestParseHeredocHelpers and TestHeredocsFromLine at v0.13.2), and what the legacy parser reads.
import { describe, expect, it } from 'vitest';
import { DockerfileError, HeredocError, chompHeredoc, parseDockerfile, parseHeredoc } from '../../src/image/build/dockerfile.ts';

describe('parseHeredoc (buildkit ParseHeredoc)', () => {
  it('opens a document named EOF for each valid form, expanding only an unquoted name', () => {
    const valid: [string, boolean, boolean][] = [
      ['<<EOF', true, false],
      ["<<'EOF'", false, false],
      ['<<"EOF"', false, false],
      ['<<-EOF', true, true],
      ["<<-'EOF'", false, true],
      ['<<-"EOF"', false, true],
      ['<<EO"F"', false, false],
    ];
    for (const [src, expand, chomp] of valid) expect(parseHeredoc(src), src).toEqual({ name: 'EOF', expand, chomp });
  });
  it('is no here-document for words that only look like one', () => {
    for (const src of ['', 'EOF', '<<', '<<-', '<EOF', '<<<EOF', '<<EOF sh']) expect(parseHeredoc(src), src).toBeUndefined();
  });
  it('fails on a name whose quotes are not closed', () => {
    for (const src of ["<<'EOF", '<<"EOF', "<<EOF'", '<<EOF"']) expect(() => parseHeredoc(src), src).toThrow(HeredocError);
  });
});

describe('parseDockerfile with here-documents', () => {
  const text = 'FROM busybox\nRUN 4<<EOF cat <<-\'TWO\' && echo\none $X\nEOF\n\t\ttwo\n\tTWO\nCOPY <<A /a\nx\nA\nENV Z=1\n';
  it('reads each document a RUN, COPY or ADD line opens, in order, up to its terminator (tabs ignored before it with <<-)', () => {
    const ins = parseDockerfile(text, { heredocs: true });
    expect(ins.map((i) => i.cmd)).toEqual(['FROM', 'RUN', 'COPY', 'ENV']);
    expect(ins[1].heredocs).toEqual([
      { name: 'EOF', content: 'one $X\n', expand: true, chomp: false },
      { name: 'TWO', content: '\t\ttwo\n', expand: false, chomp: true },
    ]);
    expect(ins[1].line).toBe(2);
    expect(ins[2].heredocs).toEqual([{ name: 'A', content: 'x\n', expand: true, chomp: false }]);
    expect(chompHeredoc(ins[1].heredocs![1].content)).toBe('two\n');
  });
  it('reads no document in the exec form, nor in the legacy parser: the lines after are instructions', () => {
    expect(() => parseDockerfile('FROM busybox\nRUN ["cat", "<<EOF"]\nEOF\n', { heredocs: true })).toThrow(new DockerfileError(3, 'EOF'));
    // recorded: builds/heredocs on 20.10 (`unknown instruction: ECHO`)
    expect(() => parseDockerfile(text)).toThrow(new DockerfileError(3, 'one'));
    expect(() => parseDockerfile('FROM busybox\nLABEL a=<<EOF\nEOF\n', { heredocs: true })).toThrow(new DockerfileError(3, 'EOF'));
  });
  it('fails on a document that never ends', () => {
    expect(() => parseDockerfile('FROM busybox\nRUN <<EOF\necho\n', { heredocs: true })).toThrow(HeredocError);
  });
});

describe('here-document lines as buildkit parser.go reads them', () => {
  const docs = (text: string) => parseDockerfile(text, { heredocs: true });
  it('a terminator loses its trailing CRs and newlines (trimNewline) and, with <<-, only its leading tabs; a line is compared whole', () => {
    expect(docs('RUN <<EOF\nE\rOF\nhi\r\nEOF\r\r\n')[0].heredocs).toEqual([{ name: 'EOF', content: 'E\rOF\nhi\r\n', expand: true, chomp: false }]);
    expect(docs('RUN <<-EOF\nE\tOF\n\t\tEOF\n')[0].heredocs).toEqual([{ name: 'EOF', content: 'E\tOF\n', expand: true, chomp: true }]);
    expect(chompHeredoc('\t\ta\tb\n\tc\t\n')).toBe('a\tb\nc\t\n');
  });
  it('ADD opens documents too; an instruction without one has none; a document never ended fails at the line of its instruction', () => {
    expect(docs('ADD <<A /a\nx\nA\n')[0].heredocs).toEqual([{ name: 'A', content: 'x\n', expand: true, chomp: false }]);
    expect(docs('FROM busybox\nRUN true\n')[1]).toEqual({ cmd: 'RUN', rest: 'true', json: undefined, line: 2, endLine: 2, original: 'RUN true' });
    try {
      docs('FROM busybox\n\nRUN cat <<EOF\nx\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HeredocError);
      expect([(e as HeredocError).line, (e as Error).message]).toEqual([3, 'unterminated heredoc']);
    }
    expect(() => parseHeredoc('<<E"OF')).toThrow('unclosed quote in the here-document name E"OF');
  });
});
