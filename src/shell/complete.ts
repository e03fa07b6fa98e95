// Whether a command line is complete, as an interactive bash decides when to print its PS2 (`> `)
// prompt and read another line: an open quote, an unfinished `if`/`while`/`for`/`case`, a line
// ending in a backslash, or a here-document whose delimiter line has not come yet. Used by the
// web playground's terminal, the Markdown page reader and the scenario parser (a scenario file
// writes those further lines as `> ` lines).

import { Parser, ParseError } from './parser.ts';
import { ShellLimitError } from './types.ts';

/** The bash wordings of a syntax error that only more input can fix. */
const AT_END = /unexpected end of file|unexpected EOF while looking for (matching|`\]\]')|unexpected token `EOF' in conditional command/;

/** The bash wording of an input that ends inside a quote (`'`, `"`, a backquote): `quote` of openness. */
const IN_QUOTE = /looking for matching `[`'"]'/;

/** Whether a line ends in a backslash that joins the next line to it (an odd run of them). */
export function continuesLine(line: string): boolean {
  return /(?:^|[^\\])(?:\\\\)*\\$/.test(line);
}

/**
 * What a command still waits for, from one parse: `more`, whether a shell would read another line
 * (a final `\`, an open quote or compound command, a here-document without its delimiter line);
 * `quote`, whether it ends inside a quote (bash's history keeps the newline there: history.ts);
 * `awaited`, when it is complete but for here-document bodies, their delimiters in order. Markdown
 * pages write such bodies without the `> ` prompts a terminal shows (src/pages/page.ts).
 */
export function openness(text: string): { more: boolean; quote: boolean; awaited: readonly { delimiter: string; stripTabs: boolean }[] } {
  // the host's shell is bash: `for (( i=0; i<3; i++ )); do` waits for more as it does
  const p = new Parser(text, 1, true);
  try {
    p.parseProgram();
  } catch (e) {
    if (e instanceof ParseError) return { more: continuesLine(text) || AT_END.test(e.bash), quote: IN_QUOTE.test(e.bash), awaited: [] };
    // what the parse refuses (bash's arrays, a nesting too deep) is refused when it runs, not here
    if (e instanceof ShellLimitError) return { more: continuesLine(text), quote: false, awaited: [] };
    throw e;
  }
  return { more: continuesLine(text) || p.unterminatedHeredoc, quote: false, awaited: p.awaitedDelimiters };
}

export function needsMoreInput(text: string): boolean {
  // a final backslash needs no parse
  return continuesLine(text) || openness(text).more;
}
