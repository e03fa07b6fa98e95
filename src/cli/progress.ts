// A progress line for long runs (`strata check` over many files): one line on standard error,
// rewritten in place, cleared at the end. Only on a terminal: piped, redirected or in CI
// (the CI variable that GitHub Actions, GitLab, CircleCI, Travis and others set) it says nothing,
// so logs and reports stay clean.

export interface ProgressSink {
  write(text: string): void;
  /** Standard error is a terminal. */
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** Terminal width (characters); the line is cut to fit. */
  columns?: number;
}

export class Progress {
  private readonly on: boolean;
  private shown = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly total: number,
  ) {
    const ci = (sink.env.CI ?? '') !== '' && sink.env.CI !== 'false';
    // a single file finishes before a progress line would help
    this.on = sink.isTTY && !ci && sink.env.TERM !== 'dumb' && total > 1;
  }

  /** Before file `k` (0-based) of the run. */
  update(k: number, what: string): void {
    if (!this.on) return;
    const width = Math.max(20, (this.sink.columns ?? 80) - 1);
    let text = `[${k + 1}/${this.total}] ${what}`;
    if (text.length > width) text = `${text.slice(0, width - 1)}…`;
    this.sink.write(`\r\x1b[K${text}`);
    this.shown = true;
  }

  /** Clear the line (before the report is printed, and at the end). */
  clear(): void {
    if (!this.on || !this.shown) return;
    this.sink.write('\r\x1b[K');
    this.shown = false;
  }
}
