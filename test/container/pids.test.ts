// PIDs inside a container (src/container/process.ts nextPid/execPid). Recorded on both engines
// (exec/exec-pids) with only their order printed, because the numbers vary from run to run:
// runc's init takes one PID for the process and, for its Go threads, 5 more in most runs on the
// recording host (4 to 6 in others). These are the numbers of the runs with 5, which strata
// prints: `docker exec c sh -c 'echo $$'` after `docker run -d c sleep 1000` printed 7, 13, 19 on
// the 20.10 engine (7 13 19 25 31 37 43 49 in a longer run); a fork after the runc init's threads
// (an exec at 26 ran `ls` as 32 and `sh -c` as 33 in the probe), so a job's `$!` is 13 after 7.

import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const diff = (text: string): string => checkScenario(parseScenario(`# title: pids\n# engine: docker-20.10\n${text}`, 't.scenario'), new SimulatedDocker({})).diff;

describe('PIDs in a container', () => {
  it('the main process is 1, each docker exec the next PID after the runc init threads before it, a new run from 1 again', () => {
    expect(
      diff(`$ docker run --rm busybox sh -c 'echo $$; (echo $$)'
1
1
$ docker run -d --name pc busybox sleep 1000
<id1>
$ docker exec pc sh -c 'echo $$'
7
$ docker exec pc sh -c 'echo $$'
13
$ docker exec -d pc sh -c 'echo $$ > /tmp/pid; sleep 1000'
$ docker exec pc cat /tmp/pid
19
$ docker restart -t 0 pc
pc
$ docker exec pc sh -c 'echo $$'
7
`),
    ).toBe('');
  });

  it("$! is a background job's PID, the namespace's next (after the exec's runc init threads); empty before the first job", () => {
    expect(
      diff(`$ docker run -d --name pc busybox sleep 1000
<id1>
$ docker exec pc sh -c 'echo "[$!]"; true & echo $$ $!; true & echo $!'
[]
7 13
14
$ docker exec pc sh -c 'echo $$'
15
`),
    ).toBe('');
  });
});
