// strata quiz and strata lessons on the bundled lessons: answers piped in, the score, the
// reveal of each command's output, and what an unreadable or missing answer does.

import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { findAnswers } from '../../src/explain/answers.ts';
import { ROOT, strataProcess } from './helpers.ts';
import { sessionOf } from '../explain/helpers.ts';

const LESSONS = readdirSync(join(ROOT, 'scenarios', 'lessons'))
  .filter((f) => f.endsWith('.scenario'))
  .map((f) => `scenarios/lessons/${f}`)
  .filter((f) => findAnswers(sessionOf(f)).length > 0);

/** `strata quiz FILE` in this process with these lines on standard input. */
function quiz(file: string, answers: string[], args: string[] = []): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const input = [...answers];
  const status = main(['node', 'strata', ...args, 'quiz', join(ROOT, file)], {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readLine: () => input.shift() ?? null,
  });
  return { status, stdout, stderr };
}

/** The right answers, as the engine finds them; an [output] question is answered with the output on one line. */
function rightAnswers(file: string): string[] {
  const s = sessionOf(file);
  return findAnswers(s).map((f) => (f.at.question.kind === 'output' ? s.steps[f.at.command].output.join(' ') : f.answer!));
}

/** A wrong answer to each question: another choice, or an output nobody prints. */
function wrongAnswers(file: string): string[] {
  return findAnswers(sessionOf(file)).map((f) => (f.at.question.kind === 'output' ? 'something else entirely' : f.at.question.choices.find((c) => c !== f.answer)!));
}

describe('strata quiz', () => {
  it('has lessons to test', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(9);
  });

  it.each(LESSONS)('%s: all right, all wrong, each scored and revealed', (file) => {
    const n = rightAnswers(file).length;
    const right = quiz(file, rightAnswers(file));
    expect(right.stderr).toBe('');
    expect(right.status).toBe(0);
    expect(right.stdout).toContain(`Score: ${n} of ${n} right`);
    expect(right.stdout).not.toContain('Wrong:');
    const wrong = quiz(file, wrongAnswers(file));
    expect(wrong.status).toBe(0);
    expect(wrong.stdout).toContain(`Score: 0 of ${n} right`);
    // every command and every output line is shown
    for (const st of sessionOf(file).steps) {
      expect(right.stdout).toContain(`$ ${st.command.split('\n')[0]}\n`);
      for (const o of st.output) expect(right.stdout).toContain(`${o}\n`);
    }
  });

  it('shows the command before its question and its output only after the answer', () => {
    const r = quiz('scenarios/lessons/rm-keeps-anonymous-volume.scenario', ['anonymous volume', 'no', '1']);
    const cmd = r.stdout.indexOf('$ docker rm app\n');
    const ask = r.stdout.indexOf('Did "docker rm" delete the volume');
    const verdict = r.stdout.indexOf('  Right: no\n');
    const output = r.stdout.indexOf('\napp\n', cmd);
    expect(cmd).toBeGreaterThan(-1);
    expect(cmd).toBeLessThan(ask);
    expect(ask).toBeLessThan(verdict);
    expect(verdict).toBeLessThan(output);
    // the check that proves the answer, and strata's note on the command
    expect(r.stdout).toContain('(strata checked: test "$(docker volume ls -q | wc -l)" -eq 0: exit 1)');
    expect(r.stdout).toContain('strata: the anonymous volume made by command 1 is orphaned');
  });

  it('asks again after an answer it cannot read; takes a number or the start of a choice', () => {
    const r = quiz('scenarios/lessons/rm-keeps-anonymous-volume.scenario', ['anon', 'maybe', 'n', '9', '1']);
    expect(r.stdout).toContain('> anon\n  Right: anonymous volume\n');
    expect(r.stdout).toContain('> maybe\n  Answer yes or no.\n');
    expect(r.stdout).toContain('> 9\n  Answer one of the choices, or its number (1 to 3).\n> 1\n  Right: 1\n');
    expect(r.stdout).toContain('Score: 3 of 3 right');
  });

  it('grades by the engine it runs on: a lesson whose answer differs between engines', () => {
    const file = 'scenarios/lessons/volume-prune-differs.scenario';
    expect(quiz(file, ['no', 'yes']).stdout).toContain('Score: 2 of 2 right');
    const on2010 = quiz(file, ['no', 'yes'], ['--engine', 'docker-20.10']);
    expect(on2010.stdout).toContain('Wrong: the answer is yes, not no');
    expect(on2010.stdout).toContain('Score: 1 of 2 right');
  });

  it('standard input ending early: the rest of the lesson is shown, unanswered questions score nothing', () => {
    const r = quiz('scenarios/lessons/tmpfs-empty-after-restart.scenario', ['tmpfs']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(no answer) The answer is: no');
    expect(r.stdout).toContain('$ docker rm -f cache\n');
    expect(r.stdout).toContain('Score: 1 of 3 right');
  });

  it('--predict asks for the output of the commands without a question of their own', () => {
    const file = 'scenarios/lessons/commit-leaves-volumes-out.scenario';
    const s = sessionOf(file);
    // commands 1, 3, 4, 5 have no question; 2 has two: answered right from the engine's outputs and checks
    const [yes, no] = findAnswers(s).map((f) => f.answer!);
    const answers = ['', yes, no, s.steps[2].output.join(' '), 'wrong guess', s.steps[4].output.join(' ')];
    const r = quiz(file, answers, []);
    expect(r.stdout).toContain('Score: 2 of 2 right');
    expect(r.stdout).not.toContain('What does it print?');
    let out = '';
    const input = [...answers];
    main(['node', 'strata', 'quiz', '--predict', join(ROOT, file)], { stdout: (t) => void (out += t), stderr: () => {}, readLine: () => input.shift() ?? null });
    expect(out).toContain('? [1/6] What does it print?');
    expect(out).toContain('Score: 5 of 6 right');
    expect(out).toContain('the answer: the output shown');
  });

  it('a bundled lesson by name; an unknown one is a clear error', () => {
    let out = '';
    expect(main(['node', 'strata', 'quiz', 'commit-leaves-volumes-out'], { stdout: (t) => void (out += t), stderr: () => {}, readLine: () => null })).toBe(0);
    expect(out).toContain('Lesson: "docker commit" saves the writable layer');
    let err = '';
    expect(main(['node', 'strata', 'quiz', 'no-such-lesson'], { stdout: () => {}, stderr: (t) => void (err += t) })).toBe(2);
    expect(err).toContain('no-such-lesson');
  });

  it('as a real process with answers piped in: exits 0 and prints the score', () => {
    const file = 'scenarios/lessons/tmpfs-empty-after-restart.scenario';
    const r = strataProcess(['quiz', file], { input: 'tmpfs\nno\nyes\n' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Score: 3 of 3 right');
    expect(r.stdout).not.toContain('\x1b[');
  });
});

describe('strata lessons', () => {
  it('lists every bundled lesson with its number of questions and its title', () => {
    let out = '';
    expect(main(['node', 'strata', 'lessons'], { stdout: (t) => void (out += t), stderr: () => {} })).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LESSON +QUESTIONS +TITLE$/);
    const files = readdirSync(join(ROOT, 'scenarios', 'lessons')).filter((f) => f.endsWith('.scenario'));
    expect(lines.length - 1).toBe(files.length);
    expect(out).toMatch(/\ntmpfs-empty-after-restart +3 +A tmpfs mount is empty after a restart/);
  });
});
