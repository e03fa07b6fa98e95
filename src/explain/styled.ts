// Text for the interactive verbs (`strata quiz`, `strata shell`): lines with a meaning attached,
// so that the terminal can colour them and a pipe, a test or a browser gets the same words
// without escape codes. Pure data; src/cli/terminal.ts draws it.

export type Style =
  /** what the student reads first: a lesson's title, a verb's banner */
  | 'title'
  /** a command line, as typed */
  | 'command'
  /** what the command printed */
  | 'output'
  /** strata's explanation of a command (`# strata: ...`) */
  | 'note'
  /** the lesson author's own comment */
  | 'comment'
  /** a question and its choices */
  | 'question'
  | 'right'
  | 'wrong'
  /** everything else: hints, summaries */
  | 'plain';

export interface Styled {
  text: string;
  style: Style;
}

export const line = (text: string, style: Style = 'plain'): Styled => ({ text, style });

/** The lines as plain text, one `\n` after each. */
export const plainText = (lines: readonly Styled[]): string => lines.map((l) => `${l.text}\n`).join('');
