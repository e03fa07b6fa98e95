// `strata check` of many files on more than one core (issue #14: a whole-corpus check in a few
// seconds on a 2-core machine). The files are independent: each is checked on a new engine, and what
// a process keeps between them (parsed scripts, stand-in images, flattened layers) are memos of
// pure work, which give the same answer whichever thread computed them first (test/engine/memos.test.ts:
// emptying them changes no output). So the main thread
// and worker threads take the next unchecked file in turn from one shared counter, each checking it
// as a sequential run would, and the main thread reports the outcomes in the files' order: the
// report, and the exit status made of them, are the same bytes as a sequential run's.
//
// The main thread stays synchronous (the verbs return their exit status): a worker posts each
// outcome on a MessagePort, which the main thread reads with receiveMessageOnPort once its own
// share is done, waiting on the shared counter's `done` cell (Atomics.wait) for the workers that
// are still checking their last file.

import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort } from 'node:worker_threads';

/** The cells of the shared Int32Array. */
const NEXT = 0;
const DONE = 1;

/** What a worker is started with (its workerData, under this key). */
const KEY = 'strataParallel';

interface Assignment<I, C> {
  items: I[];
  /** What every item is worked on with (cloned to the workers). */
  context: C;
  shared: SharedArrayBuffer;
  port: MessagePort;
}

interface Posted<O> {
  k: number;
  outcome: O;
}

/**
 * How many threads to check `count` files on: 1 (this one) unless there are enough files to pay
 * for a worker's start (loading the engine and its stand-ins, ~0.1-0.2 s of CPU) and more than one
 * core. STRATA_CHECK_THREADS=N sets it (1: sequential).
 */
export function threadsFor(count: number, env: Record<string, string | undefined>): number {
  const asked = env.STRATA_CHECK_THREADS;
  if (asked !== undefined && /^[1-9][0-9]?$/.test(asked)) return Math.min(Number(asked), count);
  if (count < 16) return 1;
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/**
 * work(items[k], context) for every k, in order, computed by this thread and `threads - 1` workers
 * running `workerFile` (a module that calls serveParallel with the same `work` when started as a
 * worker); progress(k) before each item this thread works on. A worker that cannot start leaves
 * its share to the others.
 */
export function runParallel<I, C, O>(items: I[], context: C, threads: number, workerFile: string, work: (item: I, context: C) => O, progress: (k: number) => void): { outcomes: O[]; byWorkers: number } {
  const outcomes: (O | undefined)[] = new Array<O | undefined>(items.length);
  const got: boolean[] = new Array<boolean>(items.length).fill(false);
  const shared = new SharedArrayBuffer(8);
  const cells = new Int32Array(shared);
  const ports: MessagePort[] = [];
  for (let w = 1; w < threads; w++) {
    const { port1, port2 } = new MessageChannel();
    try {
      const data: Record<string, Assignment<I, C>> = { [KEY]: { items, context, shared, port: port2 } };
      const worker = new Worker(workerFile, { workerData: data, transferList: [port2] });
      // a worker whose start fails never takes a file: the others check them all
      worker.on('error', () => undefined);
      worker.unref();
      ports.push(port1);
    } catch {
      port1.close();
    }
  }
  let byWorkers = 0;
  const take = (message: { message: unknown } | undefined): boolean => {
    if (message === undefined) return false;
    const posted = message.message as Posted<O>;
    outcomes[posted.k] = posted.outcome;
    got[posted.k] = true;
    byWorkers++;
    return true;
  };
  for (let k = Atomics.add(cells, NEXT, 1); k < items.length; k = Atomics.add(cells, NEXT, 1)) {
    progress(k);
    outcomes[k] = work(items[k], context);
    got[k] = true;
  }
  // the workers' files: each is posted before the worker counts itself done
  const drain = (): void => {
    for (const port of ports) while (take(receiveMessageOnPort(port)));
  };
  drain();
  while (got.includes(false)) {
    const done = Atomics.load(cells, DONE);
    // (a worker that started has taken its files: every file not got is being checked)
    if (done >= ports.length) {
      drain();
      break;
    }
    Atomics.wait(cells, DONE, done, 1000);
    drain();
  }
  for (const port of ports) port.close();
  // a worker that died on a file (it never does: checkFile catches its errors) leaves it to us
  got.forEach((g, k) => {
    if (!g) outcomes[k] = work(items[k], context);
  });
  return { outcomes: outcomes as O[], byWorkers };
}

/**
 * In a worker started by runParallel: take files from the shared counter until none is left, post
 * each outcome, then count this worker done. Returns false when this thread is no such worker.
 */
export function serveParallel<I, C, O>(work: (item: I, context: C) => O): boolean {
  const data = (workerData as Record<string, Assignment<I, C> | undefined> | null)?.[KEY];
  if (data === undefined) return false;
  const cells = new Int32Array(data.shared);
  try {
    for (let k = Atomics.add(cells, NEXT, 1); k < data.items.length; k = Atomics.add(cells, NEXT, 1)) {
      const posted: Posted<O> = { k, outcome: work(data.items[k], data.context) };
      data.port.postMessage(posted);
    }
  } finally {
    Atomics.add(cells, DONE, 1);
    Atomics.notify(cells, DONE);
    data.port.close();
  }
  return true;
}
