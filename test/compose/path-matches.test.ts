// compose-go's tree.Path.Matches (tree/path.go): a path matches a pattern of as many dotted
// parts, `*` matching any one part. pathMatches compares in place; this checks it against that
// definition, written here as compose-go writes it (split both, compare part by part).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pathMatches } from '../../src/compose/model/path.ts';

const RUNS = Number(process.env.STRATA_PROPERTY_RUNS ?? 100) * 10;

function bySplitting(p: string, pattern: string): boolean {
  const parts = p.split('.');
  const want = pattern.split('.');
  return parts.length === want.length && parts.every((part, i) => want[i] === '*' || want[i] === part);
}

describe('pathMatches', () => {
  it('answers as splitting both at their dots and comparing part by part', () => {
    const part = fc.constantFrom('', '*', '**', '[]', 'services', 'service', 'ports', 'x*', 'a');
    const path = fc.array(part, { minLength: 1, maxLength: 5 }).map((a) => a.join('.'));
    fc.assert(fc.property(path, path, (p, pattern) => {
      expect(pathMatches(p, pattern)).toBe(bySplitting(p, pattern));
    }), { numRuns: RUNS });
  });

  it('matches what compose-go\'s patterns are written for', () => {
    expect(pathMatches('services.web.ports.[]', 'services.*.ports.[]')).toBe(true);
    expect(pathMatches('services.web.ports', 'services.*.ports.[]')).toBe(false);
    expect(pathMatches('services.web.ports.[].x', 'services.*.ports.[]')).toBe(false);
    expect(pathMatches('services.web.port', 'services.*.ports')).toBe(false);
    expect(pathMatches('services..ports', 'services.*.ports')).toBe(true);
    expect(pathMatches('', '')).toBe(true);
    expect(pathMatches('', '*')).toBe(true);
    expect(pathMatches('a', '')).toBe(false);
  });
});
