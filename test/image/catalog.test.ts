// The catalog's generated contexts and the embedded bundle match their sources (catalog/README.md).

import { describe, expect, it } from 'vitest';
import { applyTemplate, CatalogError, checkCatalog } from '../../scripts/catalog.ts';

describe('catalog generation', () => {
  it('every generated context and the bundle are current (run `npm run catalog`)', () => {
    expect(checkCatalog()).toEqual([]);
  });

  it('fills {{NAME}} placeholders and refuses one without a value', () => {
    expect(applyTemplate('ENV PG_MAJOR={{PG_MAJOR}}\nVOLUME {{DATA}}', { PG_MAJOR: '16', DATA: '/var/lib/postgresql/data' }, 't')).toBe('ENV PG_MAJOR=16\nVOLUME /var/lib/postgresql/data');
    expect(() => applyTemplate('{{MISSING}}', {}, 'where')).toThrow(CatalogError);
    expect(() => applyTemplate('{{MISSING}}', {}, 'where')).toThrow('where: no value for {{MISSING}}');
  });
});
