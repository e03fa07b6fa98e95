// What a terminal shows for what a session wrote to it: a Markdown page of a session typed at a
// terminal shows plain lines, as the reader's screen does, not the bytes the programs wrote.
//
// The bytes come from pseudo-terminals (test/pages/pty/*.json, recorded with a real PTY): a
// container's terminal turns each "\n" into "\r\n" (onlcr); busybox ash asks where the cursor is
// before each prompt (ESC [ 6 n, which the terminal answers and does not show) and may redraw its
// prompt after the answer ("\r/ # " ESC [ J); docker's pull progress moves the cursor up and down
// between its layers' lines and clears them (moby pkg/jsonmessage: ESC [ N A, ESC [ N B, ESC [ 1 K,
// ESC [ K); BuildKit's build display (moby/buildkit util/progress/progressui/display.go
// ttyDisplay.print, through github.com/morikuni/aec) hides the cursor while it draws a frame
// (ESC [ ? 25 l, then ESC [ ? 25 h), goes back to the frame's first line (ESC [ N A, then
// ESC [ 0 G: column 0, which a terminal takes as the first), and begins with ESC [ 1 A ESC [ 1 B,
// up into the line the command was typed on and down again (recorded:
// test/pages/pty/buildkit-*.json). Those are the controls interpreted here; colours
// (ESC [ ... m) are not shown on a page.

/** A control this screen does not interpret: the page cannot show what the terminal would. */
export class ScreenNotSimulated extends Error {
  constructor(readonly control: string) {
    super(`strata does not simulate the terminal control ${JSON.stringify(control)} on a page: write the page with <!-- strata tty=no -->`);
    this.name = 'ScreenNotSimulated';
  }
}

const CSI = /^\x1b\[([0-9;?]*)([A-Za-z])/;
/** xterm's OSC 0, 1 and 2: the icon name and window title, ended by BEL or ST (ESC \\). */
const OSC_TITLE = /^\x1b\][012];[^\x07\x1b]*(?:\x07|\x1b\\)/;

/**
 * The screen after `text` was written to an empty terminal from its top-left corner: its lines,
 * with `\n` after each one the cursor left (the last one has none when the cursor stayed on it).
 */
export function screenText(text: string): string {
  const lines: string[][] = [[]];
  // (a row below 0 is above the output: the command's own line, and what the screen showed before)
  let row = 0;
  let col = 0;
  const line = (): string[] => {
    if (row < 0) throw new ScreenNotSimulated('a write above the command line (after ESC [ A)');
    while (lines.length <= row) lines.push([]);
    return lines[row];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      // (what reaches the reader's terminal outside a container's terminal gets its "\r" from the
      // reader's own terminal, onlcr)
      row++;
      col = 0;
      if (row >= 0) line();
      continue;
    }
    if (ch === '\r') {
      col = 0;
      continue;
    }
    if (ch === '\x1b' && text[i + 1] === ']') {
      // an operating system command: ESC ] 0 ; TITLE BEL sets the window's title (xterm's
      // ctlseqs; Ubuntu's root .bashrc puts one before bash's prompt, recorded:
      // test/pages/pty/bash-ubuntu-*.json), which is not on the screen; one that sets anything
      // else, or is not ended (BEL, or ESC \\), is refused
      const m = OSC_TITLE.exec(text.slice(i, i + 512));
      if (!m) throw new ScreenNotSimulated(text.slice(i, i + 8));
      i += m[0].length - 1;
      continue;
    }
    if (ch === '\x1b') {
      const m = CSI.exec(text.slice(i, i + 16));
      if (!m) throw new ScreenNotSimulated(text.slice(i, i + 4));
      const [all, params, op] = m;
      const n = params === '' ? 1 : Number(params);
      if (op === 'A') row -= n;
      else if (op === 'B') {
        row += n;
        if (row >= 0) line();
      } else if (op === 'G') col = Math.max(n, 1) - 1;
      else if (op === 'K' && (params === '' || params === '0')) line().length = Math.min(line().length, col);
      else if (op === 'K' && params === '1') line().fill(' ', 0, Math.min(line().length, col + 1));
      else if (op === 'K' && params === '2') line().length = 0;
      else if (op === 'J' && (params === '' || params === '0')) {
        line().length = Math.min(line().length, col);
        lines.length = row + 1;
      } else if (op === 'n' && params === '6') {
        // a question to the terminal (where is the cursor?): answered, not shown
      } else if ((op === 'h' || op === 'l') && (params === '?2004' || params === '?25')) {
        // bracketed paste on and off (psql's readline around each read), the cursor hidden and
        // shown again (BuildKit's display while it draws): nothing shown
      } else if (op === 'm') {
        // colours and bold: a page shows the text only
      } else throw new ScreenNotSimulated(all);
      i += all.length - 1;
      continue;
    }
    const l = line();
    while (l.length < col) l.push(' ');
    l[col++] = ch;
  }
  const shown = lines.map((l) => l.join(''));
  // the cursor's line, when nothing was written on it, is not a line of the page
  if (shown.at(-1) === '' && row === lines.length - 1) return shown.slice(0, -1).map((l) => l + '\n').join('');
  return shown.join('\n');
}

/** The line the cursor is on, as the terminal shows it (what a program printed before it reads: its prompt). */
export function cursorLine(pending: string): string {
  return screenText(pending);
}
