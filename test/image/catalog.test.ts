// The catalog's generated contexts and the embedded bundle match their sources (catalog/README.md).

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTemplate, CatalogError, checkCatalog, CATALOG_DIR } from '../../scripts/catalog.ts';
import { catalogEntries, dockerfileOf } from '../../src/image/catalog/index.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { REPO_ROOT } from '../scenario/corpus.ts';

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

describe('every catalog image is sourced and recorded', () => {
  const entries = catalogEntries();

  it('the catalog holds the images tutorials use', () => {
    const refs = new Set(entries.map((e) => `${e.repository}:${e.tag}`));
    for (const ref of ['postgres:16', 'postgres:16-alpine', 'postgres:18', 'mysql:9.2.0', 'nginx:alpine', 'nginx:latest', 'alpine:latest', 'alpine:3.19', 'php:apache', 'node:20-alpine', 'ubuntu:latest', 'redis:latest', 'mongo:latest', 'mariadb:latest', 'httpd:latest', 'wordpress:latest', 'python:latest', 'debian:latest']) {
      expect(refs.has(ref), ref).toBe(true);
    }
  });

  it('each repository says where its facts come from (SOURCES.md), and each Dockerfile cites them', () => {
    for (const repo of new Set(entries.map((e) => e.repository))) {
      expect(fs.existsSync(path.join(CATALOG_DIR, repo, 'SOURCES.md')), `catalog/${repo}/SOURCES.md`).toBe(true);
    }
    for (const e of entries) {
      // a pinned commit (40 hex digits) of the upstream repository or of repo-info
      expect(dockerfileOf(e), `${e.repository}:${e.tag}`).toMatch(/[0-9a-f]{40}|@[0-9a-f]{7,}/);
    }
  });

  it.each(['docker-20.10', 'docker-26.1'])('each image is named by a recorded scenario on %s', (engine) => {
    const dir = path.join(REPO_ROOT, 'test/recorded', engine, 'catalog');
    const named = new Set<string>();
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.scenario'))) {
      const s = parseScenario(fs.readFileSync(path.join(dir, f), 'utf8'), f);
      for (const i of s.images) named.add(i.ref.includes(':') ? i.ref : `${i.ref}:latest`);
    }
    const missing = entries.map((e) => `${e.repository}:${e.tag}`).filter((r) => !named.has(r));
    expect(missing).toEqual([]);
  });
});
