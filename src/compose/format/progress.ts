// What compose prints while it works (compose pkg/progress). Without a terminal, `plain` mode
// writes one line per event, ` ID TEXT STATUS` (plain.go: fmt.Fprintln(out, "", e.ID, e.Text,
// e.StatusText), so a leading space and two spaces when Text is empty); `quiet` writes nothing.
// On a terminal (a Markdown page's session), `auto` is the tty display (tty.go): a frame of one
// header line and one line per object, redrawn in place every 100 ms and once more when the
// operation ends. strata writes that last frame: what the reader's screen shows afterwards
// (recorded on a pseudo-terminal: test/pages/pty/compose-*.json).
// logrus warnings go to stderr in its text format, whatever the mode.

import { NotSimulated } from '../../engine/not-simulated.ts';
import { TERMINAL_COLUMNS, TERMINAL_LINES } from '../../engine/terminal.ts';
import { quote } from '../../docker/format/fmt.ts';
import { rfc3339 } from '../../docker/views/time.ts';
import { encodeRune, runeCount } from '../../fs/utf8.ts';

export type ProgressMode = 'plain' | 'quiet' | 'tty';

export interface ComposeOutput {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Seconds since the epoch, for logrus' time field. */
  clock: number;
}

/**
 * The title of the display's header (`[+] Running 3/3`): progress.Run says `Running`,
 * RunWithTitle its own word (pkg/compose/create.go `Creating`, stop.go `Stopping`, restart.go
 * `Restarting`, remove.go `Removing`, kill.go `Killing`, pause.go `Pausing`, cp.go `Copying`,
 * pull.go `Pulling`; up.go, down.go, start.go, scale.go and pause.go's UnPause use progress.Run).
 */
export const PROGRESS_TITLES: Record<string, string> = {
  create: 'Creating',
  stop: 'Stopping',
  restart: 'Restarting',
  rm: 'Removing',
  kill: 'Killing',
  pause: 'Pausing',
  cp: 'Copying',
  // cmd/compose/run.go's progress.Run draws nothing: startDependencies' Create draws its own
  // display (recorded: test/pages/pty/compose-run-T.json)
  run: 'Creating',
  pull: 'Pulling',
};


/** pkg/progress/event.go's EventStatus. */
type EventStatus = 'working' | 'done' | 'warning' | 'error';

/**
 * The status each status word comes with in compose 2.26.1 (event.go's constructors and the
 * NewEvent calls of pkg/compose: convergence.go `Recreate`/`Recreated`, down.go's warnings,
 * kill.go's `Error while Killing`, pause.go, cp.go). Unlisted words are Working.
 */
const STATUS_OF: Record<string, EventStatus> = {
  Created: 'done',
  Started: 'done',
  Healthy: 'done',
  Exited: 'done',
  Restarted: 'done',
  Running: 'done',
  Stopped: 'done',
  Killed: 'done',
  Removed: 'done',
  Recreated: 'done',
  Paused: 'done',
  Unpaused: 'done',
  Copied: 'done',
  'Warning: No resource found to remove': 'done',
  'Resource is still in use': 'warning',
  'No resource found to remove': 'warning',
  Error: 'error',
  'Error while Killing': 'error',
  'Error while Stopping': 'error',
  'Error while Removing': 'error',
};

/**
 * How long the daemon takes for what an event reports done, in milliseconds: a nominal time
 * (the 26.1 oracle's, test/pages/pty/compose-*.json), as strata has no wall clock. The timing
 * column shows it, and it decides which frames were drawn before the last one (the header's
 * count of lines). A page's timings are matched loosely when it is checked (src/pages).
 */
function duration(id: string, word: string): number {
  const kind = id.split(' ')[0];
  if (word === 'Created') return kind === 'Container' ? 140 : kind === 'Network' ? 40 : 10;
  if (word === 'Removed') return kind === 'Network' ? 110 : 10;
  if (word === 'Stopped') return 400;
  if (word === 'Started' || word === 'Restarted' || word === 'Healthy' || word === 'Exited') return 500;
  if (word === 'Recreated') return 500;
  if (word === 'Killed') return 500;
  // a pull (pull.go): the registry's answers and the layers' downloads (any length: matched loosely)
  if (word === 'Pulled') return 1000;
  if (word === 'Download complete' || word === 'Pull complete') return 100;
  return 20;
}

/** The ticker of ttyWriter.Start: a frame every 100 ms, and one when the operation ends. */
const TICK = 100;

interface Line {
  id: string;
  text: string;
  status: EventStatus;
  word: string;
  /** When the line appeared (its spinner was made then too: newSpinner). */
  start: number;
  /** When it was first done, warned or failed (Event.stop); it is never reset. */
  end?: number;
  /** Event.ParentID: a pull's layer under its service, drawn indented below it. */
  parent?: string;
}

// aec's colours (colors.go: DoneColor, TimerColor blue; CountColor yellow; SuccessColor green;
// WarningColor yellow bold; ErrorColor red bold), each `ESC [ ... m` per attribute + text +
// `ESC [ 0 m` (recorded: `ESC [ 33 m ESC [ 1 m !` in compose-down-network-in-use.json)
const color = (...codes: string[]) => (s: string) => `${codes.map((c) => `\x1b[${c}m`).join('')}${s}\x1b[0m`;
const BLUE = color('34');
const YELLOW = color('33');
const GREEN = color('32');
const YELLOW_BOLD = color('33', '1');
const RED_BOLD = color('31', '1');

/** spinner.go's frames (code points: a page's check masks them, src/pages/timings.ts). */
export const SPINNER_FRAMES: readonly number[] = [0x280b, 0x2819, 0x2839, 0x2838, 0x283c, 0x2834, 0x2826, 0x2827, 0x2807, 0x280f];
/** The frames and event.go's marks as UTF-8 byte strings. */
const SPINNER = SPINNER_FRAMES.map(encodeRune);
const MARK_DONE = encodeRune(0x2714);
const MARK_ERROR = encodeRune(0x2718);

/** tty.go's lenAnsi: runes outside `ESC ... m`. */
function lenAnsi(s: string): number {
  return runeCount(s.replace(/\x1b[^m]*m/g, ''));
}

export class Progress {
  private lines: Line[] = [];
  private tails: string[] = [];
  /** The virtual time of the current tty display, in ms since it started. */
  private now = 0;
  /** ttyWriter.hasFollowupAction: a done event stays working (attached `up`'s containers). */
  private followup = false;
  /** Outside a progress.Run, events go to progress.ContextWriter's noopWriter. */
  private muted = false;

  constructor(
    private readonly out: ComposeOutput,
    readonly mode: ProgressMode,
    private title = 'Running',
  ) {}

  /**
   * One event: `Container demo-app-1` + `Creating`; `status` overrides the word's own status;
   * `parent`: the line it is drawn under on a terminal (plain.go prints no parent).
   */
  event(id: string, word: string, text = '', status: EventStatus = STATUS_OF[word] ?? 'working', parent?: string): void {
    if (this.mode === 'quiet' || this.muted) return;
    if (this.mode === 'plain') {
      this.out.stderr(` ${id} ${text} ${word}\n`);
      return;
    }
    this.ttyEvent(id, word, text, status, parent);
  }

  /** A line of its own (TailMsgf): after the display's last frame on a terminal. */
  tail(msg: string): void {
    if (this.mode === 'quiet') return;
    if (this.mode === 'tty') this.tails.push(msg);
    else this.out.stderr(`${msg}\n`);
  }

  /**
   * The end of the last progress.Run (its frame drawn): the events after it are shown nowhere
   * (attached `up` starts its containers outside one: up.go).
   */
  mute(): void {
    this.finish();
    this.muted = true;
  }

  /**
   * A progress.Run after the muted part (attached `up`'s Stop once a container exited under
   * --abort-on-container-exit: up.go's stopFn): its events are shown again, on a display titled
   * `title`.
   */
  resume(title: string): void {
    this.muted = false;
    this.finish(title);
  }

  /** ttyWriter.HasMore (create.go: `up` without -d attaches to the containers afterwards). */
  hasMore(more: boolean): void {
    this.followup = more;
  }

  /**
   * The end of one progress.Run: on a terminal, its last frame and its tail messages; a new
   * display begins with the next event (titled `title` when given).
   */
  finish(title?: string): void {
    if (this.mode === 'tty') {
      const frame = this.frame();
      if (frame !== '') this.out.stderr(frame);
      for (const t of this.tails) this.out.stderr(`${t}\n`);
    }
    this.lines = [];
    this.tails = [];
    this.now = 0;
    this.followup = false;
    if (title !== undefined) this.title = title;
  }

  /** ttyWriter.event: the line of `id` appears or changes. */
  private ttyEvent(id: string, word: string, text: string, status: EventStatus, parent?: string): void {
    const last = this.lines.find((l) => l.id === id);
    if (status !== 'working') this.now += duration(id, word || text);
    if (!last) {
      const line: Line = { id, text, status, word, start: this.now, ...(parent !== undefined ? { parent } : {}) };
      if (status === 'done' || status === 'error') line.end = this.now;
      this.lines.push(line);
      return;
    }
    if (status === 'done' && this.followup) status = 'working';
    if (status === 'working') {
      // already done, don't overwrite
      if (last.end !== undefined) return;
    } else if (last.end === undefined) last.end = this.now;
    last.status = status;
    last.text = text;
    last.word = word;
    // allow set/unset of parent, but not swapping
    if (last.parent === undefined || parent === undefined) {
      if (parent === undefined) delete last.parent;
      else last.parent = parent;
    }
  }

  /** ttyWriter.print at the operation's end, as the first frame writes it (the others are under it). */
  private frame(): string {
    if (this.lines.length === 0) return '';
    const end = this.now;
    // the frame before: the last tick strictly before the end (events at a tick's time come first)
    const lastTick = Math.ceil(end / TICK) * TICK - TICK;
    // tty.go print, frame by frame (one every 100 ms): once the display holds more events than the
    // terminal has lines less two, it stops drawing the children's lines, for good
    // (skipChildEvents), and a frame shorter than the one before pads with lines of spaces as
    // long as the terminal is wide, up to the count that frame drew (while under the terminal's
    // height less two). So how many blank lines a pull display taller than the terminal leaves
    // depends on when its layers' events arrived (the network's timing: recorded
    // test/pages/pty/compose-pull-tall-*.json, 0 or 14): a page matches any count
    // (scenario/interleave.ts). The header counts, after the slash, what the frame before drew.
    let skipChildren = false;
    let drawn = 0;
    const shown = (ls: readonly Line[]): Line[] => {
      const rows: Line[] = [];
      for (const l of ls) {
        if (l.parent !== undefined) continue;
        rows.push(l);
        if (!skipChildren) rows.push(...ls.filter((c) => c.parent === l.id));
      }
      return rows;
    };
    /** One frame of `ls`: its rows, and the blank lines that pad it. */
    const draw = (ls: readonly Line[]): { rows: Line[]; blank: number } => {
      if (ls.length === 0) return { rows: [], blank: 0 };
      if (ls.length > TERMINAL_LINES - 2) skipChildren = true;
      const rows = shown(ls);
      let blank = 0;
      while (rows.length + blank < drawn && rows.length + blank < TERMINAL_LINES - 2) blank++;
      drawn = rows.length + blank;
      return { rows, blank };
    };
    for (let t = TICK; t <= lastTick; t += TICK) draw(this.lines.filter((l) => l.start <= t));
    const before = drawn;
    const last = draw(this.lines);
    // (its services' lines alone taller than the terminal: the frames scroll it, and the cursor
    // cannot go back above its top)
    if (last.rows.length > TERMINAL_LINES - 2) {
      throw new NotSimulated(`strata does not simulate compose's progress display when its lines do not fit the terminal (${TERMINAL_LINES} lines): use docker compose --progress plain`);
    }
    const done = this.lines.filter((l) => l.status !== 'working').length;
    let header = `[+] ${this.title} ${done}/${before}`;
    if (before !== 0 && done === before) header = BLUE(header);
    // statusPadding: the longest `ID TEXT`, in bytes (Go's len), less 2 at each child line met
    // (tty.go print: the running maximum is lowered after every child, in the events' order)
    let padding = 0;
    for (const l of this.lines) {
      padding = Math.max(padding, `${l.id} ${l.text}`.length);
      if (l.parent !== undefined) padding -= 2;
    }
    let out = '';
    for (const l of last.rows) {
      const txt = `${l.id} ${l.text}`;
      // the status text is cut on errors, which are several lines long (tty.go lineText)
      const maxStatus = TERMINAL_COLUMNS - txt.length - padding - 15;
      const word = maxStatus > 0 && l.word.length > maxStatus ? `${l.word.slice(0, maxStatus)}...` : l.word;
      const mark = l.status === 'done' ? GREEN(MARK_DONE) : l.status === 'warning' ? YELLOW_BOLD('!') : l.status === 'error' ? RED_BOLD(MARK_ERROR) : YELLOW(SPINNER[this.spins(l, end)]);
      const colored = l.status === 'done' ? GREEN(word) : l.status === 'warning' ? YELLOW_BOLD(word) : l.status === 'error' ? RED_BOLD(word) : word;
      const pad = l.parent !== undefined ? '  ' : '';
      const text = `${pad} ${mark} ${txt}${' '.repeat(Math.max(0, padding - txt.length))} ${colored}`;
      // lineText: a working line's time runs on; another's stops when it was done, or at its
      // start when it never was (a warning as its first event is not stopped: ttyWriter.event)
      const ms = (l.status === 'working' ? end : (l.end ?? l.start)) - l.start;
      const timer = BLUE(`${(ms / 1000).toFixed(1)}s `);
      const width = lenAnsi(text) + lenAnsi(timer);
      // a longer line wraps, and the frames drawn over it no longer line up
      if (width > TERMINAL_COLUMNS) throw new NotSimulated(`strata does not simulate compose's progress display with a line wider than the terminal (${TERMINAL_COLUMNS} columns): use docker compose --progress plain`);
      out += `${text}${' '.repeat(TERMINAL_COLUMNS - width)}${timer}\n`;
    }
    out += `${' '.repeat(TERMINAL_COLUMNS)}\n`.repeat(last.blank);
    // up one line and down again, column 0, the cursor hidden while it draws (aec Up, Down, Column, Hide, Show)
    return `\x1b[1A\x1b[1B\x1b[0G\x1b[?25l${header}\n${out}\x1b[?25h`;
  }

  /**
   * spinner.String: the frame index moves on at each frame drawn more than 100 ms after the
   * spinner was made (it never takes a new time), while the line is working.
   */
  private spins(l: Line, end: number): number {
    let n = 0;
    for (let t = TICK; t < end; t += TICK) if (t - l.start > TICK && t >= l.start) n++;
    if (end - l.start > TICK) n++;
    return n % SPINNER.length;
  }
}

/** logrus' text formatter on a pipe: `time="..." level=warning msg="..."`. */
export function logrusLine(clock: number, level: 'warning' | 'error' | 'info', msg: string): string {
  return `time="${rfc3339(clock)}" level=${level} msg=${quote(msg)}\n`;
}

/**
 * logrus' text formatter on a terminal (sirupsen/logrus v1.9.3 text_formatter.go printColored,
 * compose 2.26.1's version): the level's first four letters in its colour, the seconds since
 * the program started (`[0000]`: compose warns as it starts), the message padded to 44 runes
 * (`%-44s`) and a space (recorded: test/pages/pty/compose-up-d-version-warning.json).
 */
export function logrusTerminalLine(level: 'warning' | 'error' | 'info', msg: string): string {
  const colour = level === 'warning' ? 33 : level === 'error' ? 31 : 36;
  const text = level === 'warning' ? 'WARN' : level === 'error' ? 'ERRO' : 'INFO';
  const m = msg.endsWith('\n') ? msg.slice(0, -1) : msg;
  return `\x1b[${colour}m${text}\x1b[0m[0000] ${m}${' '.repeat(Math.max(0, 44 - runeCount(m)))} \n`;
}
