// The nginx bind-mount tutorial flow as a checked Markdown page (scenarios/pages/): every output
// is the one strata prints, nothing is refused, and the page shows the host edit served at once.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPage } from '../../src/index.ts';

const file = 'scenarios/pages/nginx-bind-mount-curl.md';
const text = readFileSync(join(import.meta.dirname, '..', '..', file), 'utf8');

describe(file, () => {
  const r = checkPage(text, { file });

  it('passes, and no command is refused', () => {
    expect(r.passed, r.diff).toBe(true);
    for (const res of r.results) expect(res.rawOutput, `${file}:${res.step.line}`).not.toContain('strata does not simulate');
  });

  it('serves the host edit through the bind without a restart', () => {
    const out = (command: string): string => r.results.find((x) => x.step.command === command)!.rawOutput;
    expect(out('curl -s localhost:8080')).toBe('<h1>Hello from my laptop</h1>\n');
    expect(out('curl -s http://localhost:8080/')).toBe('<h1>Edited on the host</h1>\n');
    expect(out('curl -sS localhost:8080')).toContain("curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server");
  });
});
