// A shell's background jobs (`cmd &`) as its job table keeps them, for `kill` of a job's PID or
// `%N`, `wait` and `jobs` (busybox ash and bash; dash is not followed: its kill is refused).
//
// strata runs a job to its end when it starts it (interpreter.ts runBackground), so whether the job
// would still be running at a later moment of its parent is told from time: each shell keeps a
// clock of the seconds its own foreground sleeps took (a subshell's count for its parent, a job's
// do not), and a job ends at its start plus the seconds it slept. A job strata can stop part-way is
// one whose only command is `sleep` (nothing follows the sleep that a kill would undo) or one that
// blocked in a background container (nothing after its blocking sleep ran). A job that would be
// running but did more than sleep, or one that ends at the very moment it is asked about (a race
// in the real shells), is refused by name.

import { ShellNotSimulated } from './types.ts';

export interface Job {
  /** The job number (`%N`). */
  readonly no: number;
  readonly pid: number;
  /** The parent's clock when it started the job, and the job's own when it ended (Infinity: blocked). */
  readonly startedAt: number;
  readonly endsAt: number;
  /** Whether a kill can stop it part-way (see above). */
  readonly stoppable: boolean;
  /** Its status as `$?` shows it: the exit status, 128+N once a signal ended it. */
  status: number;
  /** The signal that ended it, and the parent's clock then. */
  signal?: number;
  killedAt?: number;
  /** The parent collected its status (waitpid): a later kill of its PID finds no process. */
  reaped: boolean;
  /** busybox: `wait` or `jobs` has seen it ended (makejob reuses such a slot; jobs frees it). */
  waited: boolean;
}

export type JobState = 'running' | 'zombie' | 'gone';

/**
 * Where a job is at the parent's clock `now`. A job killed at `now` has not been collected yet
 * (the real shells reap it at the next child they wait for: any later sleep, or `wait`); one that
 * ended on its own before `now` has been (the parent's sleep since then waited for children).
 */
export function jobState(j: Job, now: number, what?: string): JobState {
  if (j.signal !== undefined) return j.reaped || now > (j.killedAt ?? now) ? 'gone' : 'zombie';
  if (j.endsAt > now) return 'running';
  // (`wait` has no race: it collects a job that ends as it asks)
  if (j.endsAt < now || j.reaped || what === undefined) return 'gone';
  throw new ShellNotSimulated(`strata does not simulate ${what} of a background job at the moment it ends (in the real shells the outcome is a race)`);
}

/**
 * What each signal's default action does to a process (signal(7)): end it, or nothing. The ones
 * that stop a process, INT and QUIT (a job of a shell without job control starts with them
 * ignored, POSIX 2.11, unless the parent's kill comes first: a race) and those that dump core
 * (whose wording depends on the core size limit) are not followed.
 */
const IGNORED_BY_DEFAULT = new Set([0, 17, 18, 23, 28]);
/** glibc's strsignal words (sysdeps/generic/siglist.h), which both shells print. */
const ENDING: ReadonlyMap<number, string> = new Map([
  [1, 'Hangup'],
  [9, 'Killed'],
  [10, 'User defined signal 1'],
  [12, 'User defined signal 2'],
  [13, 'Broken pipe'],
  [14, 'Alarm clock'],
  [15, 'Terminated'],
  [16, 'Stack fault'],
  [26, 'Virtual timer expired'],
  [27, 'Profiling timer expired'],
  [29, 'I/O possible'],
  [30, 'Power failure'],
]);

export function signalDescription(signal: number): string {
  return ENDING.get(signal) ?? `Unknown signal ${signal}`;
}

/**
 * Deliver `signal` to a running job: it ends (status 128+N) or ignores it. Refused where strata
 * cannot say what the job did: it did more than sleep, or the signal is not followed.
 */
export function signalRunningJob(j: Job, signal: number, now: number): void {
  if (IGNORED_BY_DEFAULT.has(signal)) return;
  if (!ENDING.has(signal)) throw new ShellNotSimulated(`strata does not simulate signal ${signal} sent to a background job (it stops the job, dumps core, or may find it ignoring it)`);
  if (!j.stoppable) throw new ShellNotSimulated(`strata does not simulate a signal to a background job that would still be running (kill ${j.pid}): it ran the whole job when it started it, and the job did more than sleep`);
  j.signal = signal;
  j.killedAt = now;
  j.status = 128 + signal;
}

/**
 * `jobs` in busybox ash without job control (mirror/busybox@1_35_0 shell/ash.c showjob): the
 * job number, `+` for the current job and `-` for the one before it, the state (`Running`, the
 * signal's words, `Done` or `Done(N)`: sprint_status48), padded with spaces to column 33, then
 * the command, which a shell without job control never records (forkparent keeps ps_cmd only
 * `if (doing_jobctl)`), so nothing. Recorded: shell/busybox-kill-job.
 */
export function ashJobLine(j: Job, mark: string, running: boolean): string {
  const head = `[${j.no}]${mark}  `;
  const state = running ? 'Running' : j.signal !== undefined ? signalDescription(j.signal) : j.status === 0 ? 'Done' : `Done(${j.status})`;
  const text = head + state;
  return text + ' '.repeat(Math.max(1, 33 - text.length));
}

/**
 * What bash prints when it collects a background job that a signal ended, in a shell that is not
 * interactive (bminor/bash@bash-5.2 jobs.c notify_of_job_status): nothing for INT, TERM and PIPE
 * (DONT_REPORT_SIGTERM and DONT_REPORT_SIGPIPE, config-top.h) or a signal the shell traps; else
 * `NAME: line N: ` and pretty_print_job's JLIST_NONINTERACTIVE line: the PID as `%5ld`, a space,
 * the signal's words padded to LONGEST_SIGNAL_DESC (24), the command.
 */
export function bashReportsSignal(signal: number): boolean {
  return signal !== 2 && signal !== 13 && signal !== 15;
}

export function bashJobReport(j: Job, command: string): string {
  const words = signalDescription(j.signal ?? 0);
  return `${String(j.pid).padStart(5)} ${words}${' '.repeat(Math.max(0, 24 - words.length))}${command}\n`;
}
