// `strata check` of many files on more than one core (issue #14: a whole-corpus check in a few
// seconds on a 2-core machine). The files are independent: each is checked on a new engine, and what
// a process keeps between them (parsed scripts, stand-in images, flattened layers) are memos of
// pure work, which give the same answer whichever thread computed them first (test/engine/memos.test.ts:
// emptying them changes no output). So the main thread and worker threads each take the next
// unchecked file from a shared list, checking it as a sequential run would, and the main thread
// reports the outcomes in the files' order: the report, and the exit status made of them, are the
// same bytes as a sequential run's.
//
// The main thread takes files from the front of the list and the workers from its back, where
// they meet: files of one folder (one engine's recordings, one topic) mostly go to one thread,
// whose memos then serve them, where taking files in turn made every thread compute nearly every
// memo (and compile the code of every kind of command) for itself.
//
// The main thread stays synchronous (the verbs return their exit status): a worker posts each
// outcome on a MessagePort, which the main thread reads with receiveMessageOnPort once its own
// share is done, waiting on the shared `done` cell (Atomics.wait) for the workers that are still
// checking their last file.

import { createRequire } from 'node:module';
import type * as NodeOs from 'node:os';
import type * as WorkerThreads from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

// node:worker_threads (and node:os) are loaded when a check starts a worker, not with the module:
// a check of fewer than 16 files (a page) never does, and loading them cost every verb ~10 M
// instructions (valgrind, `node -e "require('node:worker_threads')"` against `node -e 0`).
const load = createRequire(import.meta.url);
let threadsModule: typeof WorkerThreads | undefined;
const workerThreads = (): typeof WorkerThreads => (threadsModule ??= load('node:worker_threads') as typeof WorkerThreads);

/** What runParallel appends to a worker's process.argv: how serveParallel knows it runs in one without loading node:worker_threads. */
const WORKER_ARG = '--strata-parallel-worker';

/** The cells of the shared Int32Array: a lock over the next two, the first and last files left, the workers done. */
const LOCK = 0;
const FRONT = 1;
const BACK = 2;
const DONE = 3;

/** The next file to check, from the front or the back of what is left; -1 when none is. */
function claim(cells: Int32Array, fromBack: boolean): number {
  // (held for a few instructions, once a file: spinning costs nothing measurable)
  while (Atomics.compareExchange(cells, LOCK, 0, 1) !== 0);
  const front = Atomics.load(cells, FRONT);
  const back = Atomics.load(cells, BACK);
  let k = -1;
  if (front <= back) {
    k = fromBack ? back : front;
    if (fromBack) Atomics.store(cells, BACK, back - 1);
    else Atomics.store(cells, FRONT, front + 1);
  }
  Atomics.store(cells, LOCK, 0);
  return k;
}

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
  return Math.max(1, Math.min((load('node:os') as typeof NodeOs).availableParallelism(), 4));
}

/**
 * How a worker loads a bundle with V8's code cache, as the main thread loaded it (bin/bundle.js's
 * loadBundle): `loader` is that module, `cache` the cache file. Started on the bundle's file
 * alone, a worker compiled the engine's 1.5 MB from source and every function it ran for the
 * first time (the main thread's cache holds them compiled).
 */
export interface CodeCache {
  loader: string;
  cache: string;
}

/** The code a worker is started with (eval) to load `file` with a code cache. */
function loaderSource(file: string, { loader, cache }: CodeCache): string {
  const [f, l, c] = [file, loader, cache].map((p) => JSON.stringify(p));
  return `require(${l}).loadBundle(${f}, ${c}, require('node:module').createRequire(${f}));`;
}

/**
 * work(items[k], context) for every k, in order, computed by this thread and `threads - 1` workers
 * running `workerFile` (a module that calls serveParallel with the same `work` when started as a
 * worker; with `codeCache`, a bundle loaded with it); progress(k, before) before each item this
 * thread works on, `before` items having been taken before it by all the threads. A worker that
 * cannot start leaves its share to the others.
 */
export function runParallel<I, C, O>(items: I[], context: C, threads: number, workerFile: string, work: (item: I, context: C) => O, progress: (k: number, before: number) => void, codeCache?: CodeCache): { outcomes: O[]; byWorkers: number } {
  const outcomes: (O | undefined)[] = new Array<O | undefined>(items.length);
  const got: boolean[] = new Array<boolean>(items.length).fill(false);
  const shared = new SharedArrayBuffer(16);
  const cells = new Int32Array(shared);
  cells[BACK] = items.length - 1;
  const ports: MessagePort[] = [];
  for (let w = 1; w < threads; w++) {
    const { MessageChannel, Worker } = workerThreads();
    const { port1, port2 } = new MessageChannel();
    try {
      const data: Record<string, Assignment<I, C>> = { [KEY]: { items, context, shared, port: port2 } };
      const options = { workerData: data, transferList: [port2], argv: [WORKER_ARG] };
      const worker = codeCache === undefined ? new Worker(workerFile, options) : new Worker(loaderSource(workerFile, codeCache), { ...options, eval: true });
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
  for (let k = claim(cells, false); k >= 0; k = claim(cells, false)) {
    // (how many files the threads have taken before this one)
    progress(k, Atomics.load(cells, FRONT) + items.length - 2 - Atomics.load(cells, BACK));
    outcomes[k] = work(items[k], context);
    got[k] = true;
  }
  // the workers' files: each is posted before the worker counts itself done
  const drain = (): void => {
    for (const port of ports) while (take(workerThreads().receiveMessageOnPort(port)));
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
 * In a worker started by runParallel: take files from the back of the list until none is left, post
 * each outcome, then count this worker done. Returns false when this thread is no such worker.
 */
export function serveParallel<I, C, O>(work: (item: I, context: C) => O): boolean {
  if (!process.argv.includes(WORKER_ARG)) return false;
  const data = (workerThreads().workerData as Record<string, Assignment<I, C> | undefined> | null)?.[KEY];
  if (data === undefined) return false;
  const cells = new Int32Array(data.shared);
  try {
    for (let k = claim(cells, true); k >= 0; k = claim(cells, true)) {
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
