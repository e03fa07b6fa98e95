// A read-only command's output where a pulled catalog image shows what strata knows of the real
// image (image/real.ts): the command runs with each unknown fact set two ways, and what it prints
// stands only when it is the same both ways; otherwise the command is refused, naming the fact.

import type { DockerContext } from './context.ts';
import { holdsRealImages, sureOutput } from '../image/real.ts';

interface Captured {
  out: string[];
  code: number;
}

/** Run `run` on `ctx` through sureOutput, then write what it printed (stdout and stderr, in order). */
export function sureCommand(ctx: DockerContext, command: string, run: (ctx: DockerContext) => number): number {
  if (holdsRealImages(ctx.st).length === 0) return run(ctx);
  const once = (): Captured => {
    const out: string[] = [];
    const io = Object.create(ctx.io) as typeof ctx.io;
    io.stdout = (d: string) => void out.push(`1${d}`);
    io.stderr = (d: string) => void out.push(`2${d}`);
    const code = run({ ...ctx, io });
    return { out, code };
  };
  const r = sureOutput(ctx.st, once, (a, b) => a.code === b.code && a.out.join('\u0000') === b.out.join('\u0000'), command);
  // (methods of the caller's io: called on it)
  for (const chunk of r.out) {
    if (chunk[0] === '1') ctx.io.stdout(chunk.slice(1));
    else ctx.io.stderr(chunk.slice(1));
  }
  return r.code;
}
