// Every refusal of strata's own programs is heard, whatever its words and wherever they went:
// wget's and curl's (`wget: strata does not simulate ...`, network/http/clients.ts), a command
// strata does not simulate (`sh: dmesg: strata does not simulate this command`), `ulimit -n`'s.
// They tell the process they ran in (AppletContext.refused -> ShellEnvironment.standInRefused), so
// a script that swallowed the words and the status (`>/dev/null 2>&1 || true`) is refused by name
// (engine/not-simulated.ts SwallowedRefusal) instead of going on as if the program had worked;
// likewise on the host, in a build, and in what a detached script runs after a kept sleep
// (container/lifecycle.ts wakeScript: strata follows that container no further).

import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';

function session(opts: { busyboxStandIns?: boolean } = {}) {
  let st = initialState({ engine: 'docker-26.1', ...(opts.busyboxStandIns ? { busyboxStandIns: true } : {}) });
  const run = (line: string): { out: string; code: number } => {
    const r = execute(st, line);
    st = r.state;
    return { out: r.output.replace(/^[0-9a-f]{64}\n/, ''), code: r.exitCode };
  };
  run('docker pull -q alpine >/dev/null');
  return run;
}

const WGET = 'wget: strata does not simulate network access from a container to example.com: only its own localhost';
const CURL = 'curl: strata does not simulate network access from the host to example.com: only localhost reaches the published ports';

describe('a refusal worded with its program first', () => {
  it('refuses a container process that swallowed it, and keeps nothing of it', () => {
    const run = session();
    expect(run("docker run --name sw alpine sh -c 'wget -q http://example.com/ >/dev/null 2>&1 || true; echo after'")).toEqual({ out: `after\n${WGET}\n`, code: 125 });
    // nothing kept: the name is free
    expect(run('docker ps -aq --filter name=sw')).toEqual({ out: '', code: 0 });
  });

  it('is the user\'s when they read it: the script goes on', () => {
    const run = session();
    expect(run("docker run --rm alpine sh -c 'wget -q http://example.com/ 2>&1 || true; echo after'")).toEqual({ out: `${WGET}\nafter\n`, code: 0 });
  });

  it('refuses a detached container that ended with it (not an "Exited (125)" container)', () => {
    const run = session();
    const r = run('docker run -d --name dw alpine wget http://example.com/');
    expect(r.code).toBe(125);
    expect(r.out).toBe(`${WGET}\n`);
  });

  it('refuses a build step that swallowed it', () => {
    const run = session();
    run("printf 'FROM alpine\\nRUN wget -q http://example.com/ >/dev/null 2>&1 || true\\n' > Dockerfile");
    expect(run('docker build -q -t sw-img .')).toEqual({ out: `${WGET}\n`, code: 125 });
    expect(run('docker images -q sw-img')).toEqual({ out: '', code: 0 });
    // shown in the step's output, its status swallowed or not: never a step that worked or failed
    for (const step of ['RUN wget -q http://example.com/ || true', 'RUN wget -q http://example.com/']) {
      run(`printf 'FROM alpine\\n${step}\\n' > Dockerfile`);
      expect(run('docker build -q -t sw-img .'), step).toEqual({ out: `${WGET}\n`, code: 125 });
    }
  });

  it('refuses a host line that swallowed curl\'s, not one that showed it', () => {
    const run = session();
    expect(run('curl -s http://example.com/ >/dev/null 2>&1 || true; echo after')).toEqual({ out: `after\n${CURL}\n`, code: 125 });
    expect(run('curl -s http://example.com/ 2>&1 | cat; echo after')).toEqual({ out: `${CURL}\nafter\n`, code: 0 });
  });

  it('is heard for a command strata does not simulate and for ulimit\'s resource limits', () => {
    const run = session();
    expect(run("docker run --rm alpine sh -c 'dmesg 2>/dev/null; echo $?'")).toEqual({ out: '127\ndmesg: strata does not simulate this command\n', code: 125 });
    expect(run("docker run --rm alpine sh -c 'dmesg; echo $?'")).toEqual({ out: 'sh: dmesg: strata does not simulate this command\n127\n', code: 0 });
    const u = run("docker run --rm alpine sh -c 'ulimit -n 2>/dev/null; echo x'");
    expect(u.code).toBe(125);
    expect(u.out).toMatch(/^x\nulimit: strata does not simulate resource limits \(ulimit -n\)/);
  });

  it("goes on as the oracle's recordings did with its stand-ins (busyboxStandIns)", () => {
    const run = session({ busyboxStandIns: true });
    expect(run("docker run --rm alpine sh -c 'dmesg 2>/dev/null; echo $?'")).toEqual({ out: '127\n', code: 0 });
  });
});

describe('what a detached script runs after a kept sleep', () => {
  it('runs with the programs of its start (busybox wget), heard as at its start', () => {
    const run = session();
    run("docker run -d --name ok alpine sh -c 'sleep 3; wget -qO- http://localhost:1/; echo done $?'");
    run('sleep 4');
    expect(run('docker logs ok')).toEqual({ out: "wget: can't connect to remote host (127.0.0.1): Connection refused\ndone 1\n", code: 0 });
  });

  it('makes strata follow the container no further when it refused there, and the session goes on', () => {
    const run = session();
    run("docker run -d --name sw alpine sh -c 'sleep 3; wget -q http://example.com/ 2>/dev/null; echo done'");
    run("docker run -d --name rnd alpine sh -c 'sleep 3; echo $RANDOM; sleep 100'");
    run("docker run -d --name fine alpine sh -c 'sleep 3; echo fine'");
    // the line whose clock woke them is not theirs: it goes on
    expect(run('sleep 4; echo slept')).toEqual({ out: 'slept\n', code: 0 });
    expect(run('docker logs sw')).toEqual({
      out: `strata does not simulate what sw's main process ran after a sleep (${WGET}), so strata follows sw no further; \`docker rm -f sw\` removes it\n`,
      code: 125,
    });
    expect(run('docker inspect -f "{{.State.Status}}" rnd')).toEqual({
      out: "strata does not simulate what rnd's main process ran after a sleep (strata does not simulate $RANDOM: its value is random), so strata follows rnd no further; `docker rm -f rnd` removes it\n",
      code: 125,
    });
    expect(run('docker logs fine')).toEqual({ out: 'fine\n', code: 0 });
    expect(run('docker rm -f sw rnd')).toEqual({ out: 'sw\nrnd\n', code: 0 });
    expect(run("docker ps -a --format '{{.Names}} {{.Status}}'").out).toMatch(/^fine Exited \(0\) \d+ seconds ago\n$/);
  });

  it('is the same for a docker exec -d script', () => {
    const run = session();
    run("docker run -d --name host alpine sleep 1000");
    run("docker exec -d host sh -c 'sleep 3; dmesg >/dev/null 2>&1; echo x > /x'");
    run('sleep 4');
    expect(run('docker exec host cat /x')).toEqual({
      out: "strata does not simulate what host's exec (sh -c sleep 3; dmesg >/dev/null 2>&1; echo x > /x) ran after a sleep (dmesg: strata does not simulate this command), so strata follows host no further; `docker rm -f host` removes it\n",
      code: 125,
    });
  });

  it('never runs the rest after a sleep the container is stopped in (recorded: lifecycle/rest-after-sleep)', () => {
    const run = session();
    run("docker run -d --name long alpine sh -c 'sleep 1000; wget -q http://example.com/; echo after'");
    expect(run('docker stop long')).toEqual({ out: 'long\n', code: 0 });
    expect(run("docker ps -a --format '{{.Status}}'").out).toMatch(/^Exited \(137\)/);
    expect(run('docker logs long')).toEqual({ out: '', code: 0 });
  });
});
