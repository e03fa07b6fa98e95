// A --mount value is one encoding/csv record (docker/cli opts/mount.go): quoted fields keep
// commas and `""`; what csv refuses is refused by name. Recorded end to end:
// test/recorded/docker-*/host-mounts/pci-bind-options.scenario.

import { describe, expect, it } from 'vitest';
import { csvRecord, parseMountFlag } from '../../src/docker/commands/container/options.ts';
import { PROFILES } from '../../src/engine/profile.ts';
import { NotSimulated } from '../../src/engine/not-simulated.ts';

describe('csvRecord', () => {
  it.each([
    ['type=bind,src=/a,dst=/m', ['type=bind', 'src=/a', 'dst=/m']],
    ['type=bind,"src=/a,b",dst=/m', ['type=bind', 'src=/a,b', 'dst=/m']],
    ['"a ""q"" b",c', ['a "q" b', 'c']],
    ['a,', ['a', '']],
    [',a', ['', 'a']],
    ['"",x', ['', 'x']],
    ['', ['']],
  ])('reads %j as %j', (value, fields) => {
    expect(csvRecord(value)).toEqual(fields);
  });

  it.each(['a"b', '"ab"c', '"open', 'a\nb', 'x,"y'])('refuses %j', (value) => {
    expect(csvRecord(value)).toBeUndefined();
  });
});

describe('parseMountFlag with quoted fields', () => {
  const profile = PROFILES['docker-20.10'];
  it('takes a quoted source with a comma as one field', () => {
    expect(parseMountFlag('type=bind,"source=/a,b",target=/m', profile, '/w')).toMatchObject({ Type: 'bind', Source: '/a,b', Target: '/m' });
  });
  it('refuses what csv refuses, by name', () => {
    expect(() => parseMountFlag('type=bind,src=/a"b,dst=/m', profile, '/w')).toThrow(NotSimulated);
  });
});
