// A detached container's main process that sleeps inside loops, functions or compound commands
// (src/shell/interpreter.ts SleepFrame, src/container/lifecycle.ts endDueSleeps): its shell stops at
// the sleep and goes on from there as strata's clock moves (about a second a command). What it
// cannot follow is refused by name (SleepLoopNotSimulated), with nothing kept.

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';

/** Run command lines in order from `st`; the outputs and the state after the last. */
function session(lines: string[], st: EngineState = initialState()): { outputs: string[]; codes: number[]; state: EngineState } {
  const outputs: string[] = [];
  const codes: number[] = [];
  for (const line of lines) {
    const r = execute(st, line);
    outputs.push(r.output);
    codes.push(r.exitCode);
    st = r.state;
  }
  return { outputs, codes, state: st };
}

describe('a background loop that sleeps', () => {
  it('runs with the clock: one iteration per second of it, the log grows between commands', () => {
    const { outputs } = session([
      `docker run -d --name loop -v logs:/data busybox sh -c 'while true; do echo tick >> /data/log; sleep 1; done'`,
      `docker exec loop wc -l /data/log`,
      `sleep 3`,
      `docker exec loop wc -l /data/log`,
    ]);
    // the first line at the start, one more at each second: 2 when the exec runs a second later
    expect(outputs[1]).toBe('2 /data/log\n');
    // the host's sleep 3 ends 3 seconds later, the exec a second after that
    expect(outputs[3]).toBe('6 /data/log\n');
  });

  it('keeps a compound command\'s output file where it was, and the top-level descriptors exec changed', () => {
    const { outputs } = session([
      `docker run -d --name writer -v wdata:/data busybox sh -c 'exec 2>> /data/err; for i in 1 2 3; do echo $i; echo e$i >&2; sleep 1; done > /data/out; read -r first < /data/out; echo "first $first" >&2'`,
      `docker wait writer`,
      `docker run --rm -v wdata:/data busybox sh -c 'cat /data/out /data/err'`,
    ]);
    expect(outputs[1]).toBe('0\n');
    // `>` truncated once: the writes after each sleep go on at the file's offset
    expect(outputs[2]).toBe('1\n2\n3\ne1\ne2\ne3\nfirst 1\n');
  });

  it('goes on while a foreground docker run or docker exec sleeps: the command line takes that time, as a host sleep', () => {
    const { outputs } = session([
      `docker run -d --name writer -v lg:/data busybox sh -c 'while true; do echo x >> /data/log; sleep 1; done'`,
      `docker run --rm -v lg:/data busybox sh -c 'a=$(wc -l < /data/log); sleep 3; b=$(wc -l < /data/log); echo $((b - a))'`,
      `docker exec writer sh -c 'a=$(wc -l < /data/log); sleep 4; b=$(wc -l < /data/log); echo $((b - a))'`,
    ]);
    // a sleep of N in a command moves the clock N - 1 seconds within it (its own second came first)
    expect(outputs[1]).toBe('2\n');
    expect(outputs[2]).toBe('3\n');
  });

  it('reads on from a redirected input, and keeps a function\'s locals, arguments and redirections', () => {
    const { outputs } = session([
      `printf 'a\\nb\\nc\\n' > /tmp/in`,
      `docker run -d --name reader -v /tmp/in:/in busybox sh -c 'f() { local n=0; while read -r l; do n=$((n+1)); echo "$1 $l $n"; sleep 1; done; echo "f done $n $#"; }; f x y < /in; echo "after [$n] $1"' sh top`,
      `docker wait reader`,
      `docker logs reader`,
    ]);
    expect(outputs[2]).toBe('0\n');
    expect(outputs[3]).toBe('x a 1\nx b 2\nx c 3\nf done 3 2\nafter [] top\n');
  });

  it('runs an EXIT trap after the loop, and set -e holds after a sleep', () => {
    const { outputs } = session([
      `docker run -d --name errexit busybox sh -c 'trap "echo bye" EXIT; set -e; for i in 1 2; do sleep 1; echo $i; done; false; echo never'`,
      `docker wait errexit`,
      `docker logs errexit`,
    ]);
    expect(outputs[1]).toBe('1\n');
    expect(outputs[2]).toBe('1\n2\nbye\n');
  });

  it('lets sleeps in eval, subshells and pipes pass at once as before, so such a loop is still refused by name', () => {
    const before = initialState();
    const sub = execute(before, `docker run -d --name sub busybox sh -c '(while true; do echo x; sleep 1; done)'`);
    expect(sub.output).toContain('strata does not simulate a background process that sleeps in a loop (sh -c (while true; do echo x; sleep 1; done))');
    expect(sub.exitCode).toBe(125);
    expect(sub.state).toBe(before);
    // shorter than 0.01 s: no clock time either
    const fast = execute(before, `docker run -d --name fast busybox sh -c 'while true; do sleep 0.001; done'`);
    expect(fast.output).toContain('sleeps shorter than 0.01 s');
    expect(fast.state).toBe(before);
    // a sleep in eval passes at once: the script is done when docker run returns
    const ev = session([`docker run -d --name ev busybox sh -c 'eval "sleep 5"; echo done'`, `docker ps -a --format '{{.Names}} {{.State}}'`, `docker logs ev`], before);
    expect(ev.outputs.slice(1)).toEqual(['ev exited\n', 'done\n']);
    // a process that slept and then meets something else strata does not simulate is refused for that
    const random = execute(before, `docker run -d --name random busybox sh -c 'sleep 0.001; echo $RANDOM'`);
    expect(random.output).toContain('strata does not simulate $RANDOM: its value is random');
    expect(random.state).toBe(before);
    // no sleep: the step budget as before (a busy loop is not a program people run in a container)
    const busy = execute(before, `docker run -d --name busy busybox sh -c 'while true; do :; done'`);
    expect(busy.output).toContain('strata: script exceeded the step budget');
  });

  it('never runs away: a loop woken too often in one command is followed no further, and docker wait on one that never ends is refused with nothing kept', () => {
    const { state } = session([`docker run -d --name fast -v fastvol:/v busybox sh -c 'while true; do echo x >> /v/log; echo x; sleep 0.01; done'`]);
    // a second of the clock: 100 wakes, each writing one more line
    const one = execute(state, `docker logs fast | wc -l`);
    expect(one.output).toBe('101\n');
    const wait = execute(state, `docker wait fast`);
    expect(wait.output).toContain("strata does not simulate fast's loop for that long: its script woke from a sleep more than 1000 times in one command");
    expect(wait.exitCode).toBe(125);
    expect(wait.state).toBe(state);
    // the line that moves the clock that far goes on, and so do the lines after it; what would
    // show the container, or the volume it writes, is refused (container/unfollowed.ts)
    const long = execute(state, `sleep 30; echo after`);
    expect(long).toMatchObject({ exitCode: 0, output: 'after\n' });
    const later = execute(long.state, `docker logs fast`);
    expect(later.output).toMatch(/^strata does not simulate fast's loop for that long: its script woke from a sleep more than 1000 times in one command/);
    expect(later.exitCode).toBe(125);
    expect(execute(long.state, `docker run --rm -v fastvol:/v busybox wc -l /v/log`).output).toMatch(/^strata does not simulate volume fastvol past /);
    expect(execute(long.state, `sleep 30; docker volume ls -q`)).toMatchObject({ exitCode: 0, output: 'fastvol\n' });
    expect(execute(long.state, `docker rm -f fast`)).toMatchObject({ exitCode: 0, output: 'fast\n' });
    const slow = session([`docker run -d --name slow busybox sh -c 'while :; do sleep 1; done'`]).state;
    const w = execute(slow, `docker wait slow`);
    expect(w.output).toContain('strata does not simulate waiting for slow that long: its main process still runs after 600 of its sleeps');
    expect(w.state).toBe(slow);
    // docker logs -f follows alike; a process blocked for good is refused at once
    const f = execute(slow, `docker logs -f slow`);
    expect(f.output).toContain("strata does not simulate following slow's log that long");
    expect(f.state).toBe(slow);
    const forever = session([`docker run -d --name forever busybox sleep infinity`, `docker logs -f forever`]);
    expect(forever.outputs[1]).toBe('strata does not simulate `--follow` of a running container that does not end by itself (forever would print until it is stopped)\n');
    expect(forever.codes[1]).toBe(125);
  });

  it('stops with the stop signal\'s grace time: a trapped TERM runs after the current sleep, an ignored one waits the timeout', () => {
    const { outputs } = session([
      `docker run -d --name trapper --stop-signal SIGTERM busybox sh -c 'trap "echo caught; exit 7" TERM; while true; do sleep 5; done'`,
      `a=$(date +%s); docker stop trapper; b=$(date +%s); echo $((b - a))`,
      `docker inspect -f '{{.State.ExitCode}}' trapper; docker logs trapper`,
      `docker run -d --name ignorer --stop-signal SIGTERM busybox sh -c 'while true; do sleep 1; done'`,
      `a=$(date +%s); docker stop ignorer; b=$(date +%s); echo $((b - a))`,
      `docker inspect -f '{{.State.ExitCode}}' ignorer`,
    ]);
    // the sleep started a second before the stop: 4 seconds left of it
    expect(outputs[1]).toBe('trapper\n4\n');
    expect(outputs[2]).toBe('7\ncaught\n');
    // a trap that does not exit: the loop goes on after it
    const hup = session([
      `docker run -d --name hupper busybox sh -c 'trap "echo got" HUP; while true; do sleep 1; echo tick; done'`,
      `docker kill -s HUP hupper`,
      `docker logs hupper`,
      `docker logs hupper`,
    ]);
    expect(hup.outputs[2]).toBe('tick\ngot\ntick\n');
    expect(hup.outputs[3]).toBe('tick\ngot\ntick\ntick\n');
    // SIGTERM ignored by PID 1 (no trap): the default 10 s, then SIGKILL
    expect(outputs[4]).toBe('ignorer\n10\n');
    expect(outputs[5]).toBe('137\n');
  });
});
