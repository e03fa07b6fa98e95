// The JSON that `strata explain --json` and `strata where --json` print matches the documented
// schema (docs/explain.schema.json): every walkthrough and lesson, and `where` answers of each
// provider kind. The schema forbids undocumented fields, so a field added to the code without
// the docs fails here. The validator is the subset of JSON Schema the file uses.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { where } from '../../src/explain/where.ts';
import { EXPLAIN_SCHEMA } from '../../src/explain/schema.ts';
import { explainSteps } from '../../src/explain/explain.ts';
import { DOCKER_IDS_PAGE, explainFile, pageSessionOfText, ROOT, sessionOf, sessionOfText, STORIES } from './helpers.ts';

type Schema = { [k: string]: unknown };
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'docs', 'explain.schema.json'), 'utf8')) as Schema;

/** Problems of `value` against `schema` (empty when it validates). */
function validate(value: unknown, schema: Schema, path = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/$defs/', '');
    const def = (SCHEMA.$defs as Record<string, Schema>)[name];
    if (!def) return [`${path}: unknown $ref ${schema.$ref}`];
    return validate(value, def, path);
  }
  if (Array.isArray(schema.oneOf)) {
    const ok = (schema.oneOf as Schema[]).filter((s) => validate(value, s, path).length === 0).length;
    return ok === 1 ? [] : [`${path}: matches ${ok} of the oneOf alternatives: ${JSON.stringify(value).slice(0, 200)}`];
  }
  const out: string[] = [];
  if ('const' in schema && value !== schema.const) out.push(`${path}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const fits = types.some((t) => t === actual || (t === 'integer' && typeof value === 'number' && Number.isInteger(value)));
    if (!fits) return [...out, `${path}: ${actual} is not ${types.join(' or ')}`];
  }
  if (Array.isArray(value) && schema.items) value.forEach((v, i) => out.push(...validate(v, schema.items as Schema, `${path}[${i}]`)));
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) out.push(`${path}: ${r} is missing`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) out.push(...validate(v, props[k], `${path}.${k}`));
      else if (schema.additionalProperties === false) out.push(`${path}: ${k} is not in the schema`);
    }
  }
  return out;
}

/** As a tool reads it: through JSON. */
const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

describe('the documented JSON schema', () => {
  it('the validator rejects what the schema forbids (a missing field, an extra field, a wrong kind)', () => {
    const x = asJson(explainFile('scenarios/walkthroughs/mysql-data-gone.scenario')) as { steps: { events: Record<string, unknown>[] }[]; schema: string };
    expect(validate(x, SCHEMA)).toEqual([]);
    const broken = structuredClone(x);
    broken.steps[6].events[0].extra = 1;
    expect(validate(broken, SCHEMA).length).toBeGreaterThan(0);
    const missing = structuredClone(x);
    delete missing.steps[6].events[0].by;
    expect(validate(missing, SCHEMA).length).toBeGreaterThan(0);
    const wrong = structuredClone(x);
    wrong.schema = 'strata-explain/0';
    expect(validate(wrong, SCHEMA).length).toBeGreaterThan(0);
  });

  it('names the version the code prints', () => {
    expect(((SCHEMA.$defs as Record<string, Schema>).Explanation.properties as Record<string, Schema>).schema.const).toBe(EXPLAIN_SCHEMA);
  });

  it.each(STORIES)('explain --json of %s validates', (file) => {
    expect(validate(asJson(explainFile(file)), SCHEMA)).toEqual([]);
    expect(validate(asJson(explainFile(file, 'docker-20.10')), SCHEMA)).toEqual([]);
  });

  it('a page with ids=docker validates too', () => {
    const x = explainSteps(pageSessionOfText(DOCKER_IDS_PAGE)).explanation;
    expect(x.ids).toBe('docker');
    expect(validate(asJson(x), SCHEMA)).toEqual([]);
  });

  it('a container the daemon restarts validates (its `unfollowed` event), and `where` refuses it', () => {
    const session = sessionOfText("$ docker run -d --name rs --restart always busybox sh -c 'exit 2'\n<id1>\n");
    const x = explainSteps(session).explanation;
    const events = x.steps.flatMap((s) => s.events);
    expect(events.filter((e) => e.type === 'unfollowed').map((e) => (e.type === 'unfollowed' ? e.container.label : ''))).toEqual(['container rs']);
    expect(validate(asJson(x), SCHEMA)).toEqual([]);
    expect(() => where(session, 'rs', '/etc/hostname')).toThrow(/^strata does not simulate the daemon restarting rs: /);
  });

  it('where --json of every provider kind validates', () => {
    const mysql = 'scenarios/walkthroughs/mysql-data-gone.scenario';
    const layers = 'scenarios/lessons/copy-up-whiteout-opaque.scenario';
    const tmpfs = sessionOfText("$ docker run -d --name t1 --tmpfs /cache busybox sh -c 'echo x > /cache/f; exec sleep 100000'\n<id1>\n");
    const answers = [
      where(sessionOf(mysql), 'db', '/var/lib/mysql/shop/orders.csv', 3),
      where(sessionOf(mysql), 'db', '/usr/local/bin/docker-entrypoint.sh', 3),
      where(sessionOf(mysql), 'db', '/etc/hostname', 3),
      where(sessionOf(mysql), 'db', '/nothing/here', 3),
      where(sessionOf(layers), 'layers', '/etc/group', 1),
      where(sessionOf(layers), 'layers', '/etc/passwd', 1),
      where(sessionOf('scenarios/walkthroughs/php-nginx-volumes-from.scenario'), 'nginx', '/etc/nginx/conf.d/default.conf', 5),
      where(tmpfs, 't1', '/cache/f'),
    ];
    expect(new Set(answers.map((a) => a.provider.kind))).toEqual(new Set(['mount', 'image-layer', 'runtime', 'none', 'writable-layer', 'whiteout']));
    for (const a of answers) expect(validate(asJson(a), SCHEMA)).toEqual([]);
  });
});
