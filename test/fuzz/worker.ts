// A fuzz worker: runs inputs FROM..TO-1 of campaign SEED in this process and reports each to the
// campaign (process.send), which watches it for hangs and memory. Started by campaign.ts as
// `node --import tsx --max-old-space-size=... worker.ts SEED FROM TO CLI_EVERY TIMEOUT_MS`.

import { generate } from './generate.ts';
import { runCli, runOne, type Anomaly } from './run-one.ts';

export type WorkerMessage =
  | { type: 'begin'; index: number }
  | { type: 'end'; index: number; kind: string; stage: string; ms: number; maxRssKb: number; anomalies: Anomaly[]; cli: boolean };

const [seed, from, to, cliEvery, timeoutMs] = process.argv.slice(2).map(Number);
const send = (m: WorkerMessage): void => void process.send?.(m);

/** `--expose-gc` (the campaign passes it): collect the garbage of earlier inputs first. */
const gc = (globalThis as { gc?: () => void }).gc;

for (let index = from; index < to; index++) {
  // The peak resident memory recorded is the worker's, over all its inputs: collecting what
  // earlier inputs left before the next one keeps that peak close to the largest single input's.
  if (gc && process.memoryUsage().rss > 384 * 1024 * 1024) gc();
  send({ type: 'begin', index });
  const t0 = performance.now();
  const input = generate(seed, index);
  let anomalies: Anomaly[];
  let stage = 'crash';
  let cli = false;
  try {
    const o = runOne(input);
    stage = o.stage;
    anomalies = o.anomalies;
    if (cliEvery > 0 && index % cliEvery === 0) {
      cli = true;
      anomalies = [...anomalies, ...runCli(input, o, timeoutMs)];
    }
  } catch (e) {
    anomalies = [{ kind: 'crash', detail: `the harness itself: ${e instanceof Error ? e.stack : String(e)}` }];
  }
  send({ type: 'end', index, kind: input.kind, stage, ms: performance.now() - t0, maxRssKb: process.resourceUsage().maxRSS, anomalies, cli });
}
process.disconnect?.();
