// Styled lines (src/explain/styled.ts) drawn for where they go: colours on a terminal, plain text
// on a pipe or when NO_COLOR is set (https://no-color.org).

import type { Style, Styled } from '../explain/styled.ts';

const SGR: Record<Style, string> = {
  title: '\x1b[1m',
  command: '\x1b[1;36m',
  output: '',
  note: '\x1b[33m',
  comment: '\x1b[2m',
  question: '\x1b[1;35m',
  right: '\x1b[32m',
  wrong: '\x1b[31m',
  plain: '',
};

/** Whether to colour what goes to a stream: only a terminal, and never with NO_COLOR set. */
export const useColor = (isTTY: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean =>
  isTTY === true && (env.NO_COLOR ?? '') === '' && env.TERM !== 'dumb';

export function draw(lines: readonly Styled[], color: boolean): string {
  return lines.map((l) => (color && SGR[l.style] !== '' && l.text !== '' ? `${SGR[l.style]}${l.text}\x1b[0m\n` : `${l.text}\n`)).join('');
}
