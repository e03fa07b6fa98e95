import { describe, expect, it } from 'vitest';
import { toBytes } from '../../../src/fs/bytes.ts';
import { DOCKER_TABLE, renderQuiet, renderRows, tabwrite } from '../../../src/docker/format/table.ts';
import { cellWidth, ellipsis, stringWidth } from '../../../src/docker/format/display.ts';
import { TemplateError } from '../../../src/docker/format/template.ts';
import { goType } from '../../../src/docker/format/value.ts';

describe('tabwrite', () => {
  it('pads columns to the widest cell plus padding, min width 10', () => {
    expect(tabwrite('DRIVER\tVOLUME NAME\nlocal\tappdata\n')).toBe('DRIVER    VOLUME NAME\nlocal     appdata\n');
    expect(tabwrite('a\tb\tc\naaaaaaaaaaaa\tb\tc\n')).toBe('a              b         c\naaaaaaaaaaaa   b         c\n');
  });

  it('does not pad the trailing cell; column blocks end at lines without the column', () => {
    // b and c are in distinct column blocks (the example from Go's docs)
    const out = tabwrite('aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n', {
      minwidth: 0,
      tabwidth: 8,
      padding: 1,
      padchar: '.',
    });
    expect(out).toBe('aaaa.bbb.d\naa...b...dd\na....\naa...cccc.eee\n');
    // a line without tabs ends the block (and flushes)
    expect(tabwrite('x\ty\nplain line\nlonger-cell\ty\n')).toBe('x         y\nplain line\nlonger-cell   y\n');
    // a trailing tab makes the last cell part of the column
    expect(tabwrite('a\tb\t\n')).toBe('a         b         \n');
  });

  it('supports right alignment, debug and wide characters', () => {
    expect(tabwrite('a\tbbb\t\nccc\td\t\n', { minwidth: 0, tabwidth: 8, padding: 1, padchar: ' ', alignRight: true })).toBe(
      '   a bbb\n ccc   d\n',
    );
    expect(tabwrite('a\tb\nc\td\n', { minwidth: 0, tabwidth: 8, padding: 1, padchar: ' ', debug: true })).toBe('a |b\nc |d\n');
    expect(stringWidth(toBytes('日本'))).toBe(4);
    expect(tabwrite(toBytes('日本\tx\nab\ty\n'))).toBe(toBytes('日本      x\nab        y\n'));
    // Go's own tabwriter (the 20.10 CLI) counts runes.
    expect(tabwrite(toBytes('日本語日本語日本語\tx\nab\ty\n'), { ...DOCKER_TABLE, width: cellWidth('20.10') })).toBe(toBytes('日本語日本語日本語   x\nab          y\n'));
    expect(tabwrite(toBytes('日本語日本語日本語\tx\nab\ty\n'), { ...DOCKER_TABLE, width: cellWidth('28.2') })).toBe(toBytes('日本語日本語日本語   x\nab                   y\n'));
  });
});

describe('renderRows', () => {
  const headers = { ID: 'IMAGE', CreatedBy: 'CREATED BY', Size: 'SIZE' };

  it('renders a docker history table', () => {
    const createdBy = '/bin/sh -c #(nop)  CMD ["sh" "-c" "echo hi!"]';
    expect(createdBy.length).toBe(45);
    const rows = [
      { ID: 'abcdef012345', CreatedBy: createdBy, Size: '0B' },
      { ID: '<missing>', CreatedBy: '/bin/sh -c #(nop) ADD file:abc in /', Size: '7.8MB' },
    ];
    const out = renderRows('table {{.ID}}\\t{{.CreatedBy}}\\t{{.Size}}', rows, headers);
    expect(out.split('\n')).toEqual([
      'IMAGE          CREATED BY                                      SIZE',
      'abcdef012345   /bin/sh -c #(nop)  CMD ["sh" "-c" "echo hi!"]   0B',
      '<missing>      /bin/sh -c #(nop) ADD file:abc in /             7.8MB',
      '',
    ]);
  });

  it('renders docker volume ls', () => {
    const out = renderRows('table {{.Driver}}\t{{.Name}}', [{ Driver: 'local', Name: 'appdata' }], {
      Driver: 'DRIVER',
      Name: 'VOLUME NAME',
    });
    expect(out).toBe('DRIVER    VOLUME NAME\nlocal     appdata\n');
  });

  it('prints the header even with no rows; header functions leave headers intact', () => {
    expect(renderRows('table {{.Driver}}\\t{{upper .Name}}\\t{{truncate .Name 2}}', [], { Driver: 'DRIVER', Name: 'VOLUME NAME' })).toBe(
      'DRIVER    VOLUME NAME   VOLUME NAME\n',
    );
    expect(renderRows('table {{.Name}}\\t{{.Label "com.example.my-label"}}', [], { Name: 'NAME' })).toBe('NAME      my label\n');
    // a field without a header prints what Go prints for a missing map key
    expect(renderRows('table {{.Name}}\\t{{.Other}}', [], { Name: 'NAME' })).toBe('NAME      <no value>\n');
  });

  it('non-table formats get a newline per row and no header', () => {
    const rows = [{ Name: 'a', Driver: 'local' }, { Name: 'b', Driver: 'local' }];
    expect(renderRows('{{.Name}}: {{.Driver}}', rows, { Name: 'NAME' })).toBe('a: local\nb: local\n');
    expect(renderRows('{{.Name}}\\t{{.Driver}}', rows)).toBe('a\tlocal\nb\tlocal\n');
    expect(renderRows('{{json .}}', [{ Name: 'a' }])).toBe('{"Name":"a"}\n');
  });

  it('wraps errors as docker does', () => {
    const row = goType({ Name: 'a' }, '*formatter.volumeContext');
    expect(() => renderRows('{{.Nope}}', [row])).toThrow(TemplateError);
    expect(() => renderRows('{{.Nope}}', [row])).toThrow(
      'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.volumeContext',
    );
    expect(() => renderRows('{{.Name', [row])).toThrow('template parsing error: template: :1: unclosed action');
  });

  it('renderQuiet prints one value per line', () => {
    expect(renderQuiet(['a', 'b'])).toBe('a\nb\n');
    expect(renderQuiet([])).toBe('');
  });
});

describe('formatter.Ellipsis', () => {
  it('cuts ASCII by runes and other text by display width, on runes', () => {
    expect(ellipsis('abcdefghijklmnopqrstuvwxyz', 5)).toBe(toBytes('abcd…'));
    expect(ellipsis('abcde', 5)).toBe('abcde');
    // 18 runes, 20 bytes: fits in 20 columns (a byte count would cut it).
    expect(ellipsis(toBytes("echo 'héllo wörld'"), 20)).toBe(toBytes("echo 'héllo wörld'"));
    expect(ellipsis(toBytes('ünïcödé ünïcödé'), 8)).toBe(toBytes('ünïcödé…'));
    // East Asian Wide runes take two columns.
    expect(ellipsis(toBytes('日本語のテキスト'), 6)).toBe(toBytes('日本…'));
    expect(ellipsis('abc', 1)).toBe('a');
    expect(ellipsis('abc', 0)).toBe('');
  });
});
