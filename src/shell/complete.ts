// Whether a command line is complete, as an interactive bash decides when to print its PS2 (`> `)
// prompt and read another line: an open quote, an unfinished `if`/`while`/`for`/`case`, a line
// ending in a backslash, or a here-document whose delimiter line has not come yet. Used by the
// web playground's terminal (a scenario file writes those further lines as `> ` lines).

import { Parser, ParseError } from './parser.ts';

/** The bash wordings of a syntax error that only more input can fix. */
const AT_END = /unexpected end of file|unexpected EOF while looking for matching/;

/** Whether a line ends in a backslash that joins the next line to it (an odd run of them). */
export function continuesLine(line: string): boolean {
  return /(?:^|[^\\])(?:\\\\)*\\$/.test(line);
}

export function needsMoreInput(text: string): boolean {
  if (continuesLine(text)) return true;
  const p = new Parser(text);
  try {
    p.parseProgram();
  } catch (e) {
    if (e instanceof ParseError) return AT_END.test(e.bash);
    throw e;
  }
  return p.unterminatedHeredoc;
}

/**
 * The here-document delimiters a command still waits for, in order, when it is complete but for
 * their bodies (it parses, and a delimiter line has not come yet); none otherwise. Markdown pages
 * write such bodies without the `> ` prompts a terminal shows (src/pages/page.ts).
 */
export function awaitedHeredocs(text: string): readonly { delimiter: string; stripTabs: boolean }[] {
  const p = new Parser(text);
  try {
    p.parseProgram();
  } catch (e) {
    if (e instanceof ParseError) return [];
    throw e;
  }
  return p.awaitedDelimiters;
}
