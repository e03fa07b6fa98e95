// A process with a pseudo-terminal (`-t`): both of its streams go to the one terminal, whose line
// discipline (onlcr) turns every "\n" into "\r\n" (recorded: core/tty-without-terminal, `docker
// run -t` and `docker exec -t` print "out\r", and "a\r\n" becomes "a\r\r\n"; `docker logs` keeps
// the terminal's stream).

import type { ProcessIO } from '../shell/types.ts';

export function ttyIO(io: ProcessIO): ProcessIO {
  const write = (d: string) => io.stdout(d.replace(/\n/g, '\r\n'));
  return { stdin: io.stdin, stdout: write, stderr: write, terminal: true, ...(io.stdinOpen ? { stdinOpen: true } : {}), ...(io.keyboard ? { keyboard: io.keyboard } : {}) };
}
