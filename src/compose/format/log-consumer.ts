// compose's log consumer: how attached `docker compose up` prints its containers' lines
// (docker/compose cmd/formatter/logs.go and colors.go at v2.26.1).
//
// Each container is registered once (printer.go ContainerEventAttach), in the order attach.go
// attaches them (sorted by name, "This enforce predictable colors assignment"), and gets the next
// colour of the rainbow: cyan, yellow, green, magenta, blue, then the same five intense (`;1`),
// over again; monochrome with --no-color, or when ANSI is off (SetANSIMode: `--ansi never`, or
// `auto` with stdout not a terminal). Its prefix is its name padded to the longest registered
// name plus one, then ` | `, in its colour (presenter.setPrefix; every prefix is recomputed at each
// registration). A line goes to stdout (the container's stdout) or stderr (its stderr), after
// ClearLine's `ESC [ 2 K`, which goes to the process's stdout whatever the line's stream and
// whether or not it is a terminal. `NAME exited with code N` (Status) is the whole line and its
// newline in the colour, on stdout. Recorded: test/pages/pty/compose-attached-*.json,
// test/recorded/docker-26.1/compose/attached-up-*.scenario.

import type { ComposeOutput } from './progress.ts';

/** formatter.ClearLine: erase the line the cursor is on (`ESC [ 2 K`). */
export const ERASE_LINE = '\x1b[2K';

/** colors.go's rainbow: cyan, yellow, green, magenta, blue, then each intense. */
const RAINBOW = ['36', '33', '32', '35', '34', '36;1', '33;1', '32;1', '35;1', '34;1'];

/** ansiColor: the code, the text, then the reset. */
const paint = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const monochrome = (s: string): string => s;

export interface LogConsumerOptions {
  /** Colours: not --no-color, and ANSI on (formatter.SetANSIMode). */
  color: boolean;
  /** Not --no-log-prefix. */
  prefix: boolean;
}

interface Presenter {
  colors: (s: string) => string;
  prefix: string;
}

export class LogConsumer {
  private readonly presenters = new Map<string, Presenter>();
  private next = 0;

  constructor(
    private readonly out: ComposeOutput,
    private readonly opts: LogConsumerOptions,
  ) {}

  /** Register: the next colour, and every prefix padded to the longest name (computeWidth). */
  register(name: string): void {
    const colors = this.opts.color ? paint(RAINBOW[this.next++ % RAINBOW.length]) : monochrome;
    this.presenters.set(name, { colors, prefix: '' });
    if (!this.opts.prefix) return;
    const width = Math.max(...[...this.presenters.keys()].map((n) => n.length)) + 1;
    for (const [n, p] of this.presenters) p.prefix = p.colors(`${n.padEnd(width)} | `);
  }

  private presenter(name: string): Presenter {
    if (!this.presenters.has(name)) this.register(name);
    return this.presenters.get(name)!;
  }

  /** Log (the container's stdout) or Err (its stderr): one line, without its newline. */
  line(stream: 'stdout' | 'stderr', name: string, text: string): void {
    const p = this.presenter(name);
    this.out.stdout(ERASE_LINE);
    this.out[stream](`${p.prefix}${text}\n`);
  }

  /** Status: `NAME MESSAGE` and its newline, in the container's colour, on stdout. */
  status(name: string, msg: string): void {
    this.out.stdout(this.presenter(name).colors(`${name} ${msg}\n`));
  }
}
