// compose-go's template rules (template/template.go) as properties: defaults, `$$`, and the
// required forms, for any variable name, value and default text.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { substitute } from '../../src/compose/model/interpolate.ts';

const name = fc.stringMatching(/^[_a-zA-Z][_a-zA-Z0-9]{0,8}$/);
// text without `$` or `}` (which would start another substitution or close the braces)
const text = fc.string({ maxLength: 12 }).filter((s) => !s.includes('$') && !s.includes('}'));

function run(template: string, env: Record<string, string>): { value: string; warnings: string[] } {
  const warnings: string[] = [];
  const value = substitute(template, { lookup: (n) => env[n], warnings });
  return { value, warnings };
}

describe('compose interpolation', () => {
  it('${V:-D} takes D when V is unset or empty, ${V-D} only when unset; neither warns', () => {
    fc.assert(
      fc.property(name, fc.option(text, { nil: undefined }), text, (n, v, d) => {
        const env: Record<string, string> = v === undefined ? {} : { [n]: v };
        const colon = run(`\${${n}:-${d}}`, env);
        const dash = run(`\${${n}-${d}}`, env);
        expect(colon.value).toBe(v === undefined || v === '' ? d : v);
        expect(dash.value).toBe(v === undefined ? d : v);
        expect([...colon.warnings, ...dash.warnings]).toEqual([]);
      }),
    );
  });

  it('$$ is a literal $ and an unset $V is blank with a warning naming it', () => {
    fc.assert(
      fc.property(name, text, (n, t) => {
        expect(run(`$$${n}${t}`, {}).value).toBe(`$${n}${t}`);
        const r = run(`\${${n}}${t}`, {});
        expect(r.value).toBe(t);
        expect(r.warnings).toEqual([`The ${JSON.stringify(n)} variable is not set. Defaulting to a blank string.`]);
      }),
    );
  });

  it('${V:?msg} fails with the message when V is unset or empty, and passes V through otherwise', () => {
    fc.assert(
      fc.property(name, fc.option(text, { nil: undefined }), (n, v) => {
        const env: Record<string, string> = v === undefined ? {} : { [n]: v };
        const t = `\${${n}:?needed}`;
        if (v === undefined || v === '') expect(() => run(t, env)).toThrow(/needed/);
        else expect(run(t, env).value).toBe(v);
      }),
    );
  });
});
