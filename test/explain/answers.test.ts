// Lesson answers are found on the engine (src/explain/answers.ts): every written answer of the
// project's lessons is borne out on each engine it was recorded on, and a wrong one is caught.

import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { answerMismatches, findAnswers } from '../../src/explain/answers.ts';
import { lessonQuestions } from '../../src/scenario/questions.ts';
import { ROOT, sessionOf, sessionOfText } from './helpers.ts';

/** Every lesson with questions, in scenarios/lessons/ and in the recorded corpora. */
const LESSONS = ['scenarios/lessons', 'test/recorded/docker-20.10/lessons', 'test/recorded/docker-26.1/lessons']
  .filter((d) => existsSync(join(ROOT, d)))
  .flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.scenario')).map((f) => `${d}/${f}`))
  .filter((f) => lessonQuestions(sessionOf(f).scenario).length > 0);

describe('the answers of the lessons', () => {
  it('there are lessons with questions', () => {
    expect(LESSONS.filter((f) => f.startsWith('scenarios/')).length).toBeGreaterThanOrEqual(9);
  });

  it.each(LESSONS)('%s: every check gives the written answer', (file) => {
    const session = sessionOf(file);
    const found = findAnswers(session);
    expect(answerMismatches(session, found)).toEqual([]);
    for (const f of found) {
      if (f.at.question.kind === 'output') expect(f.answer).toBeNull();
      else expect(f.answer, `${file}:${f.at.line}`).toBe(f.written);
    }
  });

  it('a wrong written answer is reported with the answer found and its evidence', () => {
    const s = sessionOfText(
      [
        '$ docker run --name app -v /data busybox sh -c "echo 42 > /data/answer"',
        '# ? Which place holds it? [choice: writable layer, anonymous volume]',
        '# = writable layer  check: where app:/data/answer',
        '$ docker rm app',
        'app',
        '# ? Is the volume gone? [yes/no]',
        '# = yes  check: test "$(docker volume ls -q | wc -l)" -eq 0',
        '',
      ].join('\n'),
      'docker-26.1',
    );
    expect(answerMismatches(s)).toEqual([
      'test.scenario:3: the answer on docker-26.1 is "anonymous volume" (check "where app:/data/answer": anonymous volume), not "writable layer" as written',
      'test.scenario:7: the answer on docker-26.1 is "no" (check "test "$(docker volume ls -q | wc -l)" -eq 0": exit 1), not "yes" as written',
    ]);
  });

  it('a check runs on the state right after its command, and changes nothing after it', () => {
    const s = sessionOfText(
      [
        '$ docker volume create vol',
        'vol',
        '# ? Is vol there? [yes/no]',
        '# = yes  check: docker volume rm vol >/dev/null',
        '$ docker volume rm vol',
        'vol',
        '# ? Is vol there? [yes/no]',
        '# = no  check: docker volume inspect vol >/dev/null 2>&1',
        '',
      ].join('\n'),
    );
    expect(findAnswers(s).map((f) => f.answer)).toEqual(['yes', 'no']);
    expect(answerMismatches(s)).toEqual([]);
    expect(s.steps[1].exitCode).toBe(0);
  });

  it('an answer that differs between the engines is checked on each', () => {
    const text = [
      '$ docker volume create keep',
      'keep',
      '$ docker volume prune -f',
      '# ? Is keep gone? [yes/no]',
      '# = yes on docker-20.10, no on docker-26.1  check: ! docker volume inspect keep >/dev/null 2>&1',
      '',
    ].join('\n');
    expect(findAnswers(sessionOfText(text, 'docker-20.10'))[0].answer).toBe('yes');
    expect(findAnswers(sessionOfText(text, 'docker-26.1'))[0].answer).toBe('no');
  });

  it('a check that gives no answer is a failure, not a pass', () => {
    const s = sessionOfText(
      [
        '$ docker volume create vol',
        'vol',
        '# ? Where? [choice: named volume, tmpfs]',
        '# = tmpfs  check: where ghost:/x',
        '# ? Where? [choice: a, b]',
        '# = a  check: echo c',
        '# ? Where? [yes/no]',
        '# = yes  check: where ghost:/x',
        '',
      ].join('\n'),
    );
    const m = answerMismatches(s);
    expect(m).toHaveLength(3);
    expect(m[0]).toContain('test.scenario:4: check "where ghost:/x" gives no answer on docker-26.1: no container ghost');
    expect(m[1]).toContain('the check prints "c", which is none of the choices (a, b)');
    expect(m[2]).toContain('no container ghost');
  });
});
