// The reader's terminal, as strata sizes it for the programs that ask (a Markdown page's session
// is typed at one: src/pages/session.ts): 80 columns and 24 lines, the pseudo-terminal the pages'
// sessions were recorded on (test/pages/pty/record.py, TIOCSWINSZ 24x80). BuildKit's display
// (image/build/progress.ts), compose's (compose/format/progress.ts, goterm.Width and Height) and
// ls's columns (shell/applets/ls.ts) lay their lines out for it.

export const TERMINAL_COLUMNS = 80;
export const TERMINAL_LINES = 24;
