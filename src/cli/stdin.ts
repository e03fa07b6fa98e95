// Lines from standard input, read synchronously: the interactive verbs (`strata quiz`,
// `strata shell`) wait for one line at a time, from a terminal (the line discipline hands over a
// line at Enter) or from a pipe (answers given in advance). Synchronous reads keep the CLI's
// main() synchronous, like every other verb.

import { readSync } from 'node:fs';

/** Reads standard input one line at a time; null at the end of input. */
export class LineReader {
  private buffer = Buffer.alloc(0);
  private ended = false;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(private readonly fd = 0) {}

  readLine(): string | null {
    for (;;) {
      const nl = this.buffer.indexOf(0x0a);
      if (nl !== -1) {
        const text = this.buffer.subarray(0, nl);
        this.buffer = this.buffer.subarray(nl + 1);
        return this.decoder.decode(text).replace(/\r$/, '');
      }
      if (this.ended) {
        if (this.buffer.length === 0) return null;
        const rest = this.decoder.decode(this.buffer);
        this.buffer = Buffer.alloc(0);
        return rest;
      }
      const chunk = Buffer.alloc(65536);
      let n: number;
      try {
        n = readSync(this.fd, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        // a non-blocking pipe with nothing yet: wait a little and read again
        if (code === 'EAGAIN') {
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
          continue;
        }
        if (code === 'EOF') n = 0;
        else throw e;
      }
      if (n === 0) this.ended = true;
      else this.buffer = Buffer.concat([this.buffer, chunk.subarray(0, n)]);
    }
  }
}
