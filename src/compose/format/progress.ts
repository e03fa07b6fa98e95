// What compose prints while it works, without a terminal (compose pkg/progress): `plain` mode
// writes one line per event, ` ID TEXT STATUS` (plain.go: fmt.Fprintln(out, "", e.ID, e.Text,
// e.StatusText), so a leading space and two spaces when Text is empty); `quiet` writes nothing.
// logrus warnings go to stderr in its text format, whatever the mode.

import { NotSimulated } from '../../engine/not-simulated.ts';
import { quote } from '../../docker/format/fmt.ts';
import { rfc3339 } from '../../docker/views/time.ts';

export type ProgressMode = 'plain' | 'quiet' | 'tty';

export interface ComposeOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Seconds since the epoch, for logrus' time field. */
  clock: number;
}

/**
 * On a terminal (a Markdown page's session) `--progress auto` is compose's tty display
 * (cmd/compose/compose.go, pkg/progress/tty.go), which redraws its lines with their timings.
 */
const TTY_DISPLAY = "strata does not simulate compose's progress display on a terminal (it redraws its lines with their timings): use docker compose --progress plain, or the page option tty=no";

export class Progress {
  constructor(
    private readonly out: ComposeOutput,
    readonly mode: ProgressMode,
  ) {}

  /** One event: `Container demo-app-1` + `Creating`. */
  event(id: string, status: string, text = ''): void {
    if (this.mode === 'quiet') return;
    if (this.mode === 'tty') throw new NotSimulated(TTY_DISPLAY);
    this.out.stderr(` ${id} ${text} ${status}\n`);
  }

  /** A line of its own (TailMsgf). */
  tail(msg: string): void {
    if (this.mode === 'quiet') return;
    if (this.mode === 'tty') throw new NotSimulated(TTY_DISPLAY);
    this.out.stderr(`${msg}\n`);
  }
}

/** logrus' text formatter on a pipe: `time="..." level=warning msg="..."`. */
export function logrusLine(clock: number, level: 'warning' | 'error' | 'info', msg: string): string {
  return `time="${rfc3339(clock)}" level=${level} msg=${quote(msg)}\n`;
}
