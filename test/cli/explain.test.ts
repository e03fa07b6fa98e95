// `strata explain`, `strata where` and `strata replay --explain` as a student runs them: what they
// print, their exit statuses, and clear errors (exit 2, never a stack trace) for bad input.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { CRASH, strata, tempDir } from './helpers.ts';

const MYSQL = 'scenarios/walkthroughs/mysql-data-gone.scenario';

describe('strata explain', () => {
  it('the MySQL walkthrough: names the orphaned anonymous volume and the command that gets it back', () => {
    const r = strata('explain', MYSQL);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('# strata: anonymous volume <id2> is orphaned: no container uses it, but it is still on disk with shop/orders.csv (14 bytes)');
    expect(r.stdout).toContain('# strata:   to see what it holds: docker run --rm -v <id2>:/data busybox ls -lR /data');
    expect(r.stdout).toContain('# strata: summary after command 14 (docker-26.1):');
    // the output is itself a scenario: the notes are comments, the outputs are the transcript's
    const s = parseScenario(r.stdout, 'out.scenario');
    expect(s.steps.filter((x) => x.kind === 'command')).toHaveLength(14);
  });

  it('--json prints the structured explanation', () => {
    const r = strata('explain', '--json', MYSQL);
    expect(r.status).toBe(0);
    const x = JSON.parse(r.stdout) as { schema: string; steps: { events: { type: string }[] }[] };
    expect(x.schema).toBe('strata-explain/1');
    expect(x.steps[6].events.map((e) => e.type)).toEqual(['container-removed', 'orphaned']);
  });

  it('--engine picks the engine, as for replay', () => {
    const r = strata('--engine', 'docker-20.10', 'explain', MYSQL);
    expect(r.stdout).toContain('on docker-20.10 docker volume prune removes every volume no container uses');
  });

  it('a Markdown page: its console blocks are one session', () => {
    const dir = tempDir();
    const page = join(dir, 'p.md');
    writeFileSync(page, "# A page\n\n```console\n$ docker run --name c1 -v /data busybox sh -c 'echo x > /data/f'\n$ docker rm c1\nc1\n```\n");
    const r = strata('explain', page);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# strata: the anonymous volume made by command 1 is orphaned');
  });

  it('bad input: exit 2 and a clear message, never a stack trace', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.scenario');
    writeFileSync(bad, 'out of place\n');
    const badPage = join(dir, 'bad.md');
    writeFileSync(badPage, '<!-- strata engine=docker-1.0 -->\n\n```console\n$ true\n```\n');
    for (const args of [['explain', join(dir, 'missing.scenario')], ['explain', bad], ['explain', badPage], ['explain'], ['--engine', 'docker-9', 'explain', MYSQL]]) {
      const r = strata(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).not.toMatch(CRASH);
      // one line says what is wrong (a usage error is followed by the usage, as for every verb)
      expect(r.stderr.split('\n')[0], args.join(' ')).toMatch(/^(strata: \S.*|error: \S.*)$/);
    }
  });

  it('a refused command: the explanation is printed, the refusal named, exit 125', () => {
    const dir = tempDir();
    const f = join(dir, 'r.scenario');
    writeFileSync(f, '$ docker compose watch\n');
    const r = strata('explain', f);
    expect(r.status).toBe(125);
    expect(r.stderr).toMatch(/r\.scenario:1: \$ docker compose watch: .*file watching is not simulated/);
  });
});

describe('strata replay --explain', () => {
  it('prints the notes after each command, without the summary', () => {
    const r = strata('replay', '--explain', MYSQL);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# strata: anonymous volume <id2> is orphaned');
    expect(r.stdout).not.toContain('summary after command');
    const plain = strata('replay', MYSQL).stdout;
    // the same transcript, with comment lines added
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('# strata:')).join('\n')).toBe(plain);
  });
});

describe('strata where', () => {
  it('the order in the MySQL walkthrough after command 3', () => {
    const r = strata('where', MYSQL, 'db:/var/lib/mysql/shop/orders.csv', '--after', '3');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  lives in: anonymous volume <id2>, mounted at /var/lib/mysql (the image\'s VOLUME), as shop/orders.csv');
    expect(r.stdout).toContain('    docker rm -f -v db: YES (rm -v removes the container\'s anonymous volumes that no other container uses)');
    const j = JSON.parse(strata('where', '--json', MYSQL, 'db:/var/lib/mysql/shop/orders.csv', '--after', '3').stdout) as { schema: string; provider: { kind: string } };
    expect(j).toMatchObject({ schema: 'strata-where/1', provider: { kind: 'mount' } });
  });

  it('bad input: exit 2 with a clear message', () => {
    const cases: [string[], RegExp][] = [
      [['where', MYSQL, 'db'], /give CONTAINER:PATH/],
      [['where', MYSQL, 'db:/x', '--after', 'three'], /--after three: give a number of commands/],
      [['where', MYSQL, 'db:/x', '--after', '99'], /--after 99: the scenario has 14 commands/],
      [['where', MYSQL, 'db:relative', '--after', '3'], /give an absolute path inside the container/],
      [['where', MYSQL, 'ghost:/x', '--after', '3'], /no container ghost after command 3; containers then: db/],
      [['where', 'nope.scenario', 'db:/x'], /nope\.scenario: no such file or directory/],
    ];
    for (const [args, message] of cases) {
      const r = strata(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(CRASH);
    }
  });
});
