import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compatMarkdown } from '../../src/docker/compat.ts';

describe('docs/compat.md', () => {
  it('is generated from the code (run `npm run docs:compat` after changing a command)', () => {
    expect(readFileSync(new URL('../../docs/compat.md', import.meta.url), 'utf8')).toBe(compatMarkdown());
  });
});
