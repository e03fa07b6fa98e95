import { describe, expect, it } from 'vitest';
import { toBytes } from '../../../src/fs/bytes.ts';
import { apiJson, goJson, indentJson, marshalIndent, JsonError, jsonString } from '../../../src/docker/format/json.ts';
import { GoFloat, NIL_MAP, NIL_PTR, NIL_SLICE } from '../../../src/docker/format/value.ts';

describe('goJson', () => {
  it('encodes structs in field order, maps sorted, nils as null', () => {
    const v = {
      Name: 'appdata',
      Labels: new Map([['z', '1'], ['a', '2']]),
      Options: NIL_MAP,
      Mounts: NIL_SLICE,
      Health: NIL_PTR,
      Any: null,
      Skipped: undefined,
      Empty: new Map(),
      List: [],
      N: 3,
      F: new GoFloat(1.5),
      B: false,
    };
    expect(goJson(v)).toBe(
      '{"Name":"appdata","Labels":{"a":"2","z":"1"},"Options":null,"Mounts":null,"Health":null,"Any":null,"Empty":{},"List":[],"N":3,"F":1.5,"B":false}',
    );
    expect(goJson(new Map([['/data', {}]]))).toBe('{"/data":{}}');
  });

  it('escapes strings like Go (HTML-safe by default)', () => {
    expect(goJson('<a href="x">&</a>')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"');
    expect(goJson('<&>', { escapeHTML: false })).toBe('"<&>"');
    expect(apiJson({ Cmd: ['sh', '-c', 'echo a > /x && true'] })).toBe('{"Cmd":["sh","-c","echo a > /x && true"]}');
    expect(jsonString(toBytes('\u2028\u2029'), false)).toBe('"\\u2028\\u2029"');
    // Bytes in, bytes out: a valid rune is kept, an invalid byte is \ufffd (encoding/json appendString).
    expect(jsonString(toBytes('é😀'), false)).toBe(toBytes('"é😀"'));
    expect(jsonString('\xc3\xff(', false)).toBe('"\\ufffd\\ufffd("');
    expect(jsonString('\xed\xa0\x80', false)).toBe('"\\ufffd\\ufffd\\ufffd"'); // a surrogate in UTF-8 is invalid
    expect(goJson('a\nb\tc\rd\\e\x01\x1f\x7f\b\f')).toBe('"a\\nb\\tc\\rd\\\\e\\u0001\\u001f\x7f\\b\\f"');
    expect(goJson(toBytes('é😀'))).toBe(toBytes('"é😀"'));
    expect(goJson('\ud800')).toBe('"\\ufffd"');
  });

  it('formats floats like Go', () => {
    expect(goJson(new GoFloat(1e21))).toBe('1e+21');
    expect(goJson(new GoFloat(1e20))).toBe('100000000000000000000');
    expect(goJson(new GoFloat(1e-7))).toBe('1e-7');
    expect(goJson(new GoFloat(0.000001))).toBe('0.000001');
    expect(goJson(new GoFloat(2))).toBe('2');
    expect(() => goJson(new GoFloat(NaN))).toThrow(JsonError);
  });

  it('encodes []byte as base64 and honours MarshalJSON', () => {
    expect(goJson(new Uint8Array([104, 105]))).toBe('"aGk="');
    class Time {
      MarshalJSON(): string {
        return ' "2024-01-01T00:00:00Z" ';
      }
    }
    expect(goJson({ T: new Time() })).toBe('{"T":"2024-01-01T00:00:00Z"}');
  });
});

describe('indentJson', () => {
  it('re-indents like json.Indent (docker volume inspect)', () => {
    const vol = {
      CreatedAt: '2024-01-01T00:00:00Z',
      Driver: 'local',
      Labels: new Map(),
      Mountpoint: '/var/lib/docker/volumes/appdata/_data',
      Name: 'appdata',
      Options: NIL_MAP,
      Scope: 'local',
    };
    expect(indentJson(goJson([vol]))).toBe(
      [
        '[',
        '    {',
        '        "CreatedAt": "2024-01-01T00:00:00Z",',
        '        "Driver": "local",',
        '        "Labels": {},',
        '        "Mountpoint": "/var/lib/docker/volumes/appdata/_data",',
        '        "Name": "appdata",',
        '        "Options": null,',
        '        "Scope": "local"',
        '    }',
        ']',
      ].join('\n'),
    );
  });

  it('keeps empty containers compact, drops whitespace, keeps trailing whitespace', () => {
    expect(indentJson('  { "a" : [ ] , "b":{ },"c":[1, {"d": "x, y: {"}]}\n')).toBe(
      '{\n    "a": [],\n    "b": {},\n    "c": [\n        1,\n        {\n            "d": "x, y: {"\n        }\n    ]\n}\n',
    );
    expect(indentJson('[]')).toBe('[]');
    expect(indentJson('"x"')).toBe('"x"');
    expect(marshalIndent({ A: [1] }, '  ')).toBe('{\n  "A": [\n    1\n  ]\n}');
    expect(() => indentJson('{"a":1')).toThrow(JsonError);
  });
});
