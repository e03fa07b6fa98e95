// The `# ?` / `# =` syntax of lesson questions (docs/scenario-format.md, section 2.5).

import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioSyntaxError } from '../../src/scenario/parse.ts';
import { lessonQuestions } from '../../src/scenario/questions.ts';

const lesson = (...lines: string[]): string => ['# engine: docker-26.1', '', '$ docker rm app', 'app', ...lines, ''].join('\n');
const errorOf = (text: string): string => {
  try {
    parseScenario(text, 'l.scenario');
  } catch (e) {
    if (e instanceof ScenarioSyntaxError) return e.message;
    throw e;
  }
  throw new Error('parsed');
};

describe('lesson questions', () => {
  it('reads the three kinds, their answers and checks, and the command each asks about', () => {
    const s = parseScenario(
      lesson(
        '# ? Is it gone? [yes/no]',
        '# = No  check: test -e x',
        '# ? Which one? [choice: named volume,  Anonymous   volume]',
        '# = anonymous volume check: where app:/data',
        '# ? What does it print? [output]',
        '$ true',
        '# ? Differs? [yes/no]',
        '# = yes on docker-20.10, no on docker-26.1  check: docker volume inspect keep',
      ),
      'l.scenario',
    );
    const qs = lessonQuestions(s);
    expect(qs.map((q) => [q.line, q.command, q.question.kind])).toEqual([
      [5, 0, 'yes/no'],
      [7, 0, 'choice'],
      [9, 0, 'output'],
      [11, 1, 'yes/no'],
    ]);
    expect(qs[0].question.answer).toEqual({ line: 6, byEngine: { 'docker-20.10': 'no', 'docker-26.1': 'no' }, check: 'test -e x' });
    // a choice is kept as written; the answer is spelled as the choice
    expect(qs[1].question.choices).toEqual(['named volume', 'Anonymous volume']);
    expect(qs[1].question.answer?.byEngine['docker-26.1']).toBe('Anonymous volume');
    expect(qs[1].question.answer?.check).toBe('where app:/data');
    expect(qs[2].question.answer).toBeNull();
    expect(qs[3].question.answer?.byEngine).toEqual({ 'docker-20.10': 'yes', 'docker-26.1': 'no' });
    // the comment lines stay in the scenario as written
    expect(s.steps.filter((st) => st.kind === 'comment').length).toBe(7);
  });

  it.each([
    [['# ? Gone?'], 'l.scenario:5: malformed question'],
    [['# ? Gone? [maybe]'], 'unknown question kind [maybe]'],
    [['# ? Which? [choice: a]', '# = a  check: true'], 'give two choices or more'],
    [['# ? Which? [choice: a, A]', '# = a  check: true'], 'the choice "A" is given twice'],
    [['# ? Gone? [yes/no]'], 'l.scenario:5: a [yes/no] or [choice: ...] question needs its answer'],
    [['# ? Gone? [yes/no]', '# = maybe  check: true'], 'l.scenario:6: the answer "maybe" is neither yes nor no'],
    [['# ? Which? [choice: a, b]', '# = c  check: true'], 'the answer "c" is not one of the choices (a, b)'],
    [['# ? Gone? [yes/no]', '# = yes'], 'l.scenario:6: malformed answer'],
    [['# ? Gone? [yes/no]', '# = yes  check:   '], 'the answer has no check'],
    [['# ? Gone? [yes/no]', '# = yes on docker-26.1  check: true'], 'no answer on docker-20.10'],
    [['# ? Gone? [yes/no]', '# = yes on docker-9, no on docker-26.1  check: true'], 'unknown engine "docker-9"'],
    [['# ? Printed? [output]', '# = x  check: true'], 'l.scenario:6: an [output] question has no "# =" line'],
    [['# = yes  check: true'], 'l.scenario:5: an answer line (# =) must directly follow its question'],
    [['# ? Gone? [yes/no]', '# note', '# = yes  check: true'], 'l.scenario:5: a [yes/no] or [choice: ...] question needs'],
  ])('refuses %j', (lines, message) => {
    expect(errorOf(lesson(...lines))).toContain(message);
  });

  it('refuses a question before the first command', () => {
    expect(errorOf('# ? Gone? [output]\n$ true\n')).toBe('l.scenario:1: a question (# ?) and its answer (# =) must come after the command they ask about');
  });
});
