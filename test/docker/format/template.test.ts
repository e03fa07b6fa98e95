import { describe, expect, it } from 'vitest';
import { toBytes } from '../../../src/fs/bytes.ts';
import { executeTemplate, parseDockerFormat, Template, TemplateError } from '../../../src/docker/format/template.ts';
import { GoFloat, NIL_MAP, NIL_PTR, NIL_SLICE, GoNil, goType, type GoValue } from '../../../src/docker/format/value.ts';

const run = (tmpl: string, data: unknown): string => executeTemplate(tmpl, data);
const fail = (tmpl: string, data: unknown): string => {
  try {
    executeTemplate(tmpl, data);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return (e as Error).message;
  }
  throw new Error('expected a template error');
};

const image = {
  Id: 'sha256:abc',
  Size: 1984241,
  Config: {
    Env: ['PATH=/usr/bin', 'GREETING=hello'],
    Labels: new Map([['purpose', 'history-demo']]),
    Volumes: new Map([['/data', {}]]),
    Cmd: NIL_SLICE,
    ExposedPorts: NIL_MAP,
  },
};

describe('fields and printing', () => {
  it('prints fields, nested fields and dot', () => {
    expect(run('{{.Id}}', image)).toBe('sha256:abc');
    expect(run('{{ .Config.Env }}', image)).toBe('[PATH=/usr/bin GREETING=hello]');
    expect(run('{{.}}', 'x')).toBe('x');
    expect(run('{{.Size}}', image)).toBe('1984241');
  });

  it('prints maps, nil maps, nil slices, structs with %v rules', () => {
    expect(run('{{.Config.Labels}}', image)).toBe('map[purpose:history-demo]');
    expect(run('{{.Config.Volumes}}', image)).toBe('map[/data:{}]');
    expect(run('{{.Config.ExposedPorts}}', image)).toBe('map[]');
    expect(run('{{.Config.Cmd}}', image)).toBe('[]');
    expect(run('{{.}}', { A: 1, B: 'x', C: [true, false] })).toBe('{1 x [true false]}');
    expect(run('{{.}}', new Map<string, GoValue>([['b', new Map([['z', 1]])], ['a', [1, 2]]]))).toBe('map[a:[1 2] b:map[z:1]]');
    expect(run('{{.P}}', { P: NIL_PTR })).toBe('<nil>');
    expect(run('{{.F}} {{.G}}', { F: new GoFloat(1e6), G: new GoFloat(0.25) })).toBe('1e+06 0.25');
    expect(run('[{{.E}}]', { E: '' })).toBe('[]');
  });

  it('prints <no value> for missing map keys and nil interfaces', () => {
    expect(run('{{.nope}}', new Map([['a', 'b']]))).toBe('<no value>');
    expect(run('{{.a.b.c}}', new Map())).toBe('<no value>');
    expect(run('{{.X}}', { X: null })).toBe('<no value>');
    expect(run('{{.}}', null)).toBe('<no value>');
    expect(run('{{print .X}}', { X: null })).toBe('<nil>');
  });

  it('fails on a missing struct field like Go', () => {
    expect(fail('{{.Nope}}', { A: 1 })).toBe(
      'template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type struct {}',
    );
    expect(fail('{{.Nope}}', goType({ A: 1 }, '*formatter.volumeContext'))).toBe(
      'template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.volumeContext',
    );
    expect(fail('x\n {{.Size.X}}', image)).toBe(
      'template: :2:8: executing "" at <.Size.X>: can\'t evaluate field X in type int',
    );
    expect(fail('{{.H.Status}}', { H: new GoNil('pointer', '*types.Health') })).toBe(
      'template: :1:4: executing "" at <.H.Status>: nil pointer evaluating *types.Health.Status',
    );
  });

  it('calls methods with arguments', () => {
    const row = {
      Name: 'v1',
      Label: (key: string): string => (key === 'com.x' ? 'yes' : ''),
    };
    expect(run('{{.Label "com.x"}}|{{.Label "other"}}', row)).toBe('yes|');
    expect(run('{{"com.x" | .Label}}', row)).toBe('yes');
    class Row {
      constructor(private readonly labels: Record<string, string>) {}
      Labels(): string {
        return Object.entries(this.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
      }
    }
    expect(run('{{.Labels}}', new Row({ a: '1', b: '2' }))).toBe('a=1,b=2');
    expect(fail('{{.Label}}', row)).toBe(
      'template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 0',
    );
    expect(fail('{{.Name "x"}}', row)).toBe(
      'template: :1:2: executing "" at <.Name>: Name has arguments but cannot be invoked as function',
    );
  });
});

describe('functions', () => {
  it('json', () => {
    expect(run('{{json .Config.Volumes}}', image)).toBe('{"/data":{}}');
    expect(run('{{json .Config.ExposedPorts}}', image)).toBe('null');
    expect(run('{{.Config.Env | json}}', image)).toBe('["PATH=/usr/bin","GREETING=hello"]');
    expect(run('{{json .}}', { A: '<b>&', B: undefined, C: 1 })).toBe('{"A":"<b>&","C":1}');
    expect(run('{{json .Missing}}', new Map())).toBe('null');
  });

  it('docker string functions', () => {
    expect(run('{{join .Config.Env ", "}}', image)).toBe('PATH=/usr/bin, GREETING=hello');
    expect(run('{{split "a:b:c" ":"}}', null)).toBe('[a b c]');
    expect(run('{{index (split "nginx:latest" ":") 1}}', null)).toBe('latest');
    expect(run('{{lower "ABC"}} {{upper "abc"}} {{title "hello world"}}', null)).toBe('abc ABC Hello World');
    expect(run('{{truncate "abcdef" 3}}|{{truncate "ab" 3}}', null)).toBe('abc|ab');
    expect(run('[{{pad "x" 2 1}}][{{pad "" 2 1}}]', null)).toBe('[  x ][]');
  });

  it('index, len, slice', () => {
    expect(run('{{index .Config.Env 0}}', image)).toBe('PATH=/usr/bin');
    expect(run('{{index .Config.Labels "purpose"}}|{{index .Config.Labels "nope"}}|', image)).toBe('history-demo||');
    expect(run('{{len .Config.Env}} {{len .Config.Labels}} {{len "hello"}} {{len .Config.Cmd}}', image)).toBe('2 1 5 0');
    // Templates are byte strings like everything the CLI handles: len counts bytes.
    expect(run(toBytes('{{len "héllo"}} {{index "é" 0}} {{slice "héllo" 1 3}} {{printf "%x" "é"}} {{json (slice "é" 0 1)}}'), null)).toBe(
      toBytes('6 195 é c3a9 "\\ufffd"'),
    );
    expect(run(toBytes('{{upper "ünï"}} {{lower "ÄÖ"}} {{title "élan vital"}} {{split "hé" ""}} {{truncate "héllo" 3}} {{urlquery "é"}} {{js "é<\u0085"}}'), null)).toBe(
      toBytes('ÜNÏ äö Élan Vital [h é] hé %C3%A9 é\\u003C\\u0085'),
    );
    expect(run(toBytes('{{lt "é" "z"}} {{lt "é" "😀"}} {{\'é\'}} {{"\\xff" | printf "%q"}} {{"\\303\\251"}}'), null)).toBe(toBytes('false true 233 "\\xff" é'));
    expect(fail(toBytes('é{{len 3}}'), null)).toBe('template: :1:4: executing "" at <len 3>: error calling len: len of type int');
    expect(fail(toBytes('{{€}}'), null)).toBe(toBytes("template: :1: unrecognized character in action: U+20AC '€'"));
    expect(run('{{slice "abcdef" 1 3}} {{slice .Config.Env 1}}', image)).toBe('bc [GREETING=hello]');
    expect(fail('{{index .Config.Env 5}}', image)).toBe(
      'template: :1:2: executing "" at <index .Config.Env 5>: error calling index: index out of range: 5',
    );
  });

  it('print, println, printf', () => {
    expect(run('{{print 1 2 "a" "b" 3}}', null)).toBe('1 2ab3');
    expect(run('{{println "a" 1}}', null)).toBe('a 1\n');
    expect(run('{{printf "%s is %d years, %5.1f%%|%-4s|%04d|%x|%q|%v|%t" "bob" 42 12.345 "ab" 7 255 "hi" .Config.Env true}}', image)).toBe(
      'bob is 42 years,  12.3%|ab  |0007|ff|"hi"|[PATH=/usr/bin GREETING=hello]|true',
    );
    expect(run('{{printf "%d %s"  "x"}}', null)).toBe('%!d(string=x) %!s(MISSING)');
    expect(run('{{printf "%s" "a" 1}}', null)).toBe('a%!(EXTRA int=1)');
  });

  it('comparisons and logic', () => {
    expect(run('{{eq 1 1}} {{eq "a" "b" "a"}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}}', null)).toBe(
      'true true true true true true false',
    );
    expect(run('{{and 1 0}} {{and 1 2}} {{or 0 ""}} {{or 0 "x"}} {{not 0}} {{not .Missing}}', new Map())).toBe('0 2  x true true');
    expect(run('{{eq .Missing "x"}}', new Map())).toBe('false');
    expect(fail('{{eq 1 "a"}}', null)).toBe(
      'template: :1:2: executing "" at <eq 1 "a">: error calling eq: incompatible types for comparison',
    );
    expect(run('{{if and .A (not .B)}}yes{{end}}', { A: true, B: false })).toBe('yes');
  });
});

describe('control structures', () => {
  it('range over slices and maps (sorted), with variables and else', () => {
    expect(run('{{range .Config.Env}}<{{.}}>{{end}}', image)).toBe('<PATH=/usr/bin><GREETING=hello>');
    expect(run('{{range $i, $v := .Config.Env}}{{$i}}={{$v}} {{end}}', image)).toBe('0=PATH=/usr/bin 1=GREETING=hello ');
    const labels = new Map([['z', '1'], ['a', '2'], ['m', '3']]);
    expect(run('{{range $k, $v := .}}{{$k}}={{$v}},{{end}}', labels)).toBe('a=2,m=3,z=1,');
    expect(run('{{range $v := .}}{{$v}}{{end}}', labels)).toBe('231');
    expect(run('{{range .}}x{{else}}none{{end}}', [])).toBe('none');
    expect(run('{{range .M}}x{{else}}none{{end}}', { M: NIL_MAP })).toBe('none');
    expect(run('{{range .}}x{{else}}none{{end}}', new Map())).toBe('none');
    expect(run('{{range $i, $e := .}}{{if eq $i 1}}{{continue}}{{end}}{{if eq $i 3}}{{break}}{{end}}{{$e}}{{end}}', [1, 2, 3, 4])).toBe('13');
    expect(run('{{range 3}}{{.}}{{end}}', null)).toBe('012');
  });

  it('if / else if / else and Go truthiness', () => {
    const t = '{{if .A}}a{{else if .B}}b{{else}}c{{end}}';
    expect(run(t, { A: 1, B: 1 })).toBe('a');
    expect(run(t, { A: 0, B: 'x' })).toBe('b');
    expect(run(t, { A: '', B: [] })).toBe('c');
    expect(run('{{if .}}t{{else}}f{{end}}', new Map())).toBe('f');
    expect(run('{{if .}}t{{else}}f{{end}}', {})).toBe('t');
    expect(run('{{if .}}t{{else}}f{{end}}', NIL_PTR)).toBe('f');
    expect(run('{{if .}}t{{else}}f{{end}}', new GoFloat(0))).toBe('f');
  });

  it('with and variables', () => {
    expect(run('{{with .Config}}{{.Env}}{{end}}', image)).toBe('[PATH=/usr/bin GREETING=hello]');
    expect(run('{{with .Nope}}x{{else}}y{{end}}', new Map())).toBe('y');
    expect(run('{{with $x := .Size}}{{$x}}{{end}}', image)).toBe('1984241');
    expect(run('{{$n := .Id}}{{range .Config.Env}}{{$n}} {{end}}', image)).toBe('sha256:abc sha256:abc ');
    expect(run('{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}', null)).toBe('2');
    expect(run('{{range .Config.Env}}{{$.Id}}{{end}}', image)).toBe('sha256:abcsha256:abc');
    expect(run('{{(index .Items 0).Name}}', { Items: [{ Name: 'first' }] })).toBe('first');
  });

  it('literals, trimming and comments', () => {
    expect(run('{{"a\\tb\\u00e9"}}|{{`raw\\n`}}|{{\'x\'}}|{{0x10}}|{{1.5}}|{{-2}}|{{true}}', null)).toBe(toBytes('a\tbé|raw\\n|120|16|1.5|-2|true'));
    expect(run('a  {{- 1 -}}  b', null)).toBe('a1b');
    expect(run('a {{/* comment */}} b', null)).toBe('a  b');
    expect(run('a\n  {{- /* c */ -}}\n  b', null)).toBe('ab');
    expect(run('{{3 | printf "%d-%s" 1}}', null)).toBe('1-%!s(int=3)');
  });

  it('reports parse errors like Go', () => {
    const perr = (t: string): string => {
      try {
        Template.parse(t);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(perr('{{foo .X}}')).toBe('template: :1: function "foo" not defined');
    expect(perr('{{if .X}}')).toBe('template: :1: unexpected EOF');
    expect(perr('{{end}}')).toBe('template: :1: unexpected {{end}}');
    expect(perr('{{$x}}')).toBe('template: :1: undefined variable "$x"');
    expect(perr('{{.X')).toBe('template: :1: unclosed action');
    expect(perr('{{break}}')).toBe('template: :1: {{break}} outside {{range}}');
  });
});

describe('parseDockerFormat', () => {
  it('strips the table prefix, trims spaces and converts \\t \\n escapes', () => {
    expect(parseDockerFormat('table {{.ID}}\\t{{.Name}}')).toEqual({ table: true, template: '{{.ID}}\t{{.Name}}' });
    expect(parseDockerFormat('{{.ID}}\\n')).toEqual({ table: false, template: '{{.ID}}\n' });
    expect(parseDockerFormat('  {{.ID}} ')).toEqual({ table: false, template: '{{.ID}}' });
    expect(parseDockerFormat('json')).toEqual({ table: false, template: '{{json .}}' });
    expect(parseDockerFormat('table')).toEqual({ table: true, template: '' });
  });
});

describe('execution options (docker inspect raw fallback)', () => {
  const raw = new Map<string, GoValue>([['Config', new Map<string, GoValue>([['Labels', new Map<string, GoValue>([['one', '1']])]])]]);
  const exec = (tmpl: string, data: unknown, opts: { missingKeyError?: boolean; untyped?: boolean }): string => {
    try {
      return Template.parse(tmpl).execute(data, opts);
    } catch (e) {
      return (e as Error).message;
    }
  };
  it('missingkey=error turns a missing map key into an error; the default prints <no value>', () => {
    expect(exec('{{.Config.Nope}}', raw, {})).toBe('<no value>');
    expect(exec('{{.Config.Nope}}', raw, { missingKeyError: true })).toBe('template: :1:9: executing "" at <.Config.Nope>: map has no entry for key "Nope"');
    // index never consults the option (Go's index returns the zero value).
    expect(exec('{{index .Config.Labels "nope"}}', raw, { missingKeyError: true })).toBe('');
  });
  it('untyped data names interface {} when a field meets a non-map value', () => {
    expect(exec('{{.Config.Labels.one.x}}', raw, { untyped: true })).toBe('template: :1:9: executing "" at <.Config.Labels.one.x>: can\'t evaluate field x in type interface {}');
    expect(exec('{{.Config.Labels.one.x}}', raw, {})).toBe('template: :1:9: executing "" at <.Config.Labels.one.x>: can\'t evaluate field x in type string');
  });
});
