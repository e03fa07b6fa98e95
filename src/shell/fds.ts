// File descriptors: each command gets a small table mapping numbers to input buffers or output
// sinks (redirections.ts builds the tables). Sinks forward each chunk at once, so merged
// stdout/stderr keep their real interleaving. Capture is the sink of a pipe's write end and of a
// command substitution (the SIGPIPE model it implements is described at the top of
// interpreter.ts); DiscardSink is /dev/null, which costs steps instead of bytes.

import { BrokenPipe, ShellLimitError, spendSteps, type Budget, type Keyboard, type ProcessIO, type StdinDemand } from './types.ts';

export interface Input {
  data: string;
  pos: number;
  /**
   * Set when the descriptor is open on a directory (`< dir`): open(2) succeeds, every read(2)
   * fails with EISDIR, and each program says so in its own words (stdin-errors.ts).
   */
  directory?: true;
  /** Nobody closes it, nobody writes more (ProcessIO.stdinOpen): a read past the data waits for ever. */
  open?: true;
  /** The terminal (ProcessIO.terminal). */
  terminal?: true;
  /** The reader's keyboard (ProcessIO.keyboard): a read past `data` asks it for a line. */
  keyboard?: Keyboard;
}
export interface Sink {
  write(data: string): void;
  /** True when what is written is not kept anywhere (/dev/null): see DiscardSink. */
  readonly discards?: boolean;
  /** The terminal (ProcessIO.terminal). */
  readonly terminal?: boolean;
  /** What the scenario or page shows (ProcessIO.transcript). */
  readonly transcript?: boolean;
  /** A file a redirection opened: where it is and where the next write goes (a sleeping shell keeps it, redirections.ts describeFds). */
  readonly file?: () => { path: string; target: string; append: boolean; offset: number };
}
export type Fd = { kind: 'in'; input: Input } | { kind: 'out'; sink: Sink };
export type Fds = Map<number, Fd>;

/** Bytes a pipe holds (Linux's default pipe capacity). */
const PIPE_CAPACITY = 65536;

/**
 * Collects a pipe's or a command substitution's output, within the byte budget. With the reader's
 * stdin demand (pipes only), it breaks once the reader has what it needs and the writer has filled
 * one more pipe capacity.
 */
export class Capture implements Sink {
  data = '';
  /** Length past which writes break the pipe (set once the demand is met). */
  private cutoff: number | undefined;
  constructor(
    private readonly max: number,
    private readonly demand?: StdinDemand,
    /** Runs the reader on what was written, when the pipe breaks (before the writer learns it). */
    private readonly onBreak?: (data: string) => void,
  ) {}
  write(d: string): void {
    if (this.cutoff !== undefined && this.data.length + d.length > this.cutoff) {
      this.onBreak?.(this.data);
      throw new BrokenPipe();
    }
    this.data += d;
    if (this.data.length > this.max) throw new ShellLimitError(`output exceeded the size limit (${this.max} bytes)`);
    if (this.demand && this.cutoff === undefined && this.demand.satisfiedBy(d)) this.cutoff = this.data.length + PIPE_CAPACITY;
  }
}

/** Bytes written to /dev/null per step of the step budget: one stdio block, what a write(2) carries. */
const DISCARD_BLOCK = 4096;

/**
 * A descriptor open on /dev/null. What is written is dropped, so it costs nothing of the byte
 * budget (applets learn it through AppletContext.stdoutDiscarded and skip their own count). It
 * costs steps instead, one per DISCARD_BLOCK bytes: a writer that never stops (`yes > /dev/null`)
 * still ends, with the step-budget refusal, as a loop that never stops does.
 */
export class DiscardSink implements Sink {
  readonly discards = true;
  /** Bytes written and not yet charged (less than one block). */
  private pending = 0;
  constructor(
    private readonly budget: Budget,
    /** The device write itself (permission checks), whose data goes nowhere. */
    private readonly device: (data: string) => void,
    readonly file?: Sink['file'],
  ) {}
  write(d: string): void {
    this.device(d);
    this.pending += d.length;
    const blocks = Math.floor(this.pending / DISCARD_BLOCK);
    if (blocks === 0) return;
    this.pending -= blocks * DISCARD_BLOCK;
    spendSteps(this.budget, blocks);
  }
}

/**
 * A read past what `input` holds, on the reader's terminal: the line the reader types next is
 * added to it. False when there is nothing to ask (more to read, or no keyboard) and at Ctrl-D.
 */
export function typeMore(input: Input, echo = true): boolean {
  if (input.keyboard === undefined || input.pos < input.data.length) return false;
  const line = input.keyboard.line(echo);
  if (line === undefined) return false;
  input.data += line + '\n';
  return true;
}

export function fdsFromIO(io: ProcessIO): Fds {
  return new Map<number, Fd>([
    [0, { kind: 'in', input: { data: io.stdin, pos: 0, ...(io.stdinOpen ? { open: true as const } : {}), ...(io.terminal ? { terminal: true as const } : {}), ...(io.keyboard ? { keyboard: io.keyboard } : {}) } }],
    [1, { kind: 'out', sink: { write: (d) => io.stdout(d), ...(io.terminal ? { terminal: true } : {}), ...(io.transcript ? { transcript: true } : {}) } }],
    [2, { kind: 'out', sink: { write: (d) => io.stderr(d), ...(io.terminal ? { terminal: true } : {}), ...(io.transcript ? { transcript: true } : {}) } }],
  ]);
}
