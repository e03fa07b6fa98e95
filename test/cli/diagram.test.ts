// `strata diagram`: the three formats on real scenarios, --after, pages, and the exit statuses
// (0; 2 for bad input; 125 when strata refused a command on the way, the diagram still printed).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRASH, ROOT, strata, tempDir } from './helpers.ts';

const PG = join(ROOT, 'scenarios/walkthroughs/postgres-named-volume.scenario');
const PHP = join(ROOT, 'scenarios/walkthroughs/php-nginx-volumes-from.scenario');

describe('strata diagram', () => {
  it('text by default: the last step of the PostgreSQL walkthrough, 80 columns', () => {
    const r = strata('diagram', PG);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('after step 13 of 13: $ docker volume ls -q | wc -l');
    expect(r.stdout).toContain('ORPHANED: no container uses it');
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('--format svg: one SVG document', () => {
    const r = strata('diagram', '--format', 'svg', PG);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(r.stdout.trimEnd().endsWith('</svg>')).toBe(true);
    expect(r.stdout).toContain('Walkthrough &quot;PostgreSQL with a named volume&quot;');
  });

  it('--format mermaid --after 8: the --volumes-from story while all three containers exist', () => {
    const r = strata('diagram', '--format', 'mermaid', '--after', '8', PHP);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('flowchart LR\n')).toBe(true);
    expect(r.stdout).toContain('%% after step 8 of 15: $ docker build -q -t shop-code:2 - <<\'EOF\'');
    expect(r.stdout).toMatch(/subgraph C3 \["container nginx: running"\]/);
  });

  it('--after 0 is the state before the first command', () => {
    const r = strata('diagram', '--after', '0', PG);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('before the first command (13 commands in all)');
    expect(r.stdout).toContain('CONTAINERS (0)');
  });

  it('a Markdown page: its console blocks are the commands', () => {
    const dir = tempDir();
    const page = join(dir, 'page.md');
    writeFileSync(page, '# Volumes\n\n```console\n$ docker run --name writer -v notes:/notes busybox sh -c \'echo hi > /notes/n\'\n```\n');
    const r = strata('diagram', page);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[1] volume notes');
    expect(r.stdout).toContain('    n "hi"');
  });

  it('bad input exits 2 with one line: a step past the end, a bad number, an unknown format, a missing file', () => {
    for (const args of [
      ['--after', '14', PG],
      ['--after', 'x', PG],
      ['--after', '-1', PG],
      ['--format', 'png', PG],
      [join(ROOT, 'no-such.scenario')],
    ]) {
      const r = strata('diagram', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(CRASH);
    }
    expect(strata('diagram', '--after', '14', PG).stderr).toBe('strata: --after 14: the scenario has 13 commands (give 0 to 13)\n');
  });

  it('a command strata refuses: the diagram is printed, the refusal named, exit 125', () => {
    const dir = tempDir();
    const file = join(dir, 'refused.scenario');
    writeFileSync(file, '$ docker volume create kept\nkept\n$ docker swarm init\n');
    const r = strata('diagram', file);
    expect(r.status).toBe(125);
    expect(r.stdout).toContain('[1] volume kept');
    expect(r.stderr).toMatch(/refused\.scenario:3: \$ docker swarm init: strata/);
  });
});
