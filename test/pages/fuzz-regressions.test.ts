// Pages the fuzz campaign (npm run test:fuzz) found strata mishandling, one test each.

import { describe, expect, it } from 'vitest';
import { parsePage } from '../../src/pages/page.ts';
import { checkPage } from '../../src/pages/session.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const check = (text: string) => checkPage(text, 'p.md', new SimulatedDocker({ engine: 'docker-26.1' }));

describe('pages from the fuzz campaign', () => {
  it('a console block left open to the end of the page is read, updated, and read again', () => {
    for (const ending of ['\n', '', '\n\n']) {
      const text = `# t\n\n~~~console\n$ echo hi\nstale\n\`\`\`${ending}`;
      expect(parsePage(text, 'p.md').commands.map((c) => c.output)).toEqual([['stale', '```', ...(ending === '\n\n' ? [''] : [])]]);
      const r = check(text);
      expect(r.passed).toBe(false);
      expect(r.updated.startsWith('# t\n\n~~~console\n$ echo hi\nhi')).toBe(true);
      expect(check(r.updated).passed).toBe(true);
    }
  });
});
