// `docker build` through the engine (src/image/build/builder.ts): what each builder says of a
// Dockerfile that does not parse, what each metadata instruction sets and writes in the history,
// build args, the legacy builder's log, multi-stage rules and a failing RUN. Every expectation is
// a recorded one (the scenario named in each test, under test/recorded/docker-*/).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { parseDaemonFlags } from '../../src/daemon/config.ts';

const ENGINES = ['docker-20.10', 'docker-26.1'] as const;
type Engine = (typeof ENGINES)[number];

/** `printf DOCKERFILE | docker build -q [flags] -`: the Dockerfile from stdin, no context. */
function stdinBuild(d: SimulatedDocker, dockerfile: string, flags = ''): { output: string; exitCode: number } {
  return d.run(`printf '${dockerfile.replace(/\n/g, '\\n')}' | docker build -q ${flags} -`);
}

const lastLine = (output: string): string => output.trimEnd().split('\n').pop()!;

describe('a Dockerfile that does not parse', () => {
  // legacy: the daemon's error after the context is sent; BuildKit: the excerpt and its error
  // (recorded: builds/build-suggestions, core/build-unknown-instruction, builds/multi-stage-errors,
  // builds/meta-args)
  const cases: [string, string, string][] = [
    ['FROM busybox\nfoo bar\n', 'dockerfile parse error line 2: unknown instruction: FOO', 'dockerfile parse error on line 2: unknown instruction: foo (did you mean from?)'],
    ['FROM busybox\nFoo bar\n', 'dockerfile parse error line 2: unknown instruction: FOO', 'dockerfile parse error on line 2: unknown instruction: Foo (did you mean from?)'],
    ['FROM busybox\nCOPPY a b\n', 'dockerfile parse error line 2: unknown instruction: COPPY', 'dockerfile parse error on line 2: unknown instruction: COPPY (did you mean COPY?)'],
    ['FROM busybox\nXYZZY a\n', 'dockerfile parse error line 2: unknown instruction: XYZZY', 'dockerfile parse error on line 2: unknown instruction: XYZZY'],
    ['ARG V=1\nRUN true\n', 'no build stage in current context', 'no build stage in current context'],
    ['FROM busybox AS 1bad\nRUN true\n', 'dockerfile parse error line 1: invalid name for build stage: "1bad", name can\'t start with a number or contain symbols', 'dockerfile parse error on line 1: invalid name for build stage: "1bad", name can\'t start with a number or contain symbols'],
    ['FROM busybox AS one two\n', 'dockerfile parse error line 1: FROM requires either one or three arguments', 'dockerfile parse error on line 1: FROM requires either one or three arguments'],
  ];
  it('fails before any step, with each builder\'s words and framing', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      for (const [dockerfile, legacy, buildkit] of cases) {
        const r = stdinBuild(d, dockerfile.replace(/'/g, "'\\''"));
        expect(r.exitCode, `${engine} ${dockerfile}`).toBe(1);
        // (the CLI's tar of one short Dockerfile: 2,048 bytes, right-aligned in 8 columns)
        if (engine === 'docker-20.10') expect(r.output, dockerfile).toBe(`Sending build context to Docker daemon  2.048kB\r\r\nError response from daemon: ${legacy}\n`);
        else {
          // (no build stage: the first instruction after the meta args)
          const line = /line (\d+)/.exec(buildkit)?.[1] ?? '2';
          expect(r.output, dockerfile).toMatch(new RegExp(`^Dockerfile:${line}\\n-+\\n[^]*\\nERROR: failed to solve: ${escape(buildkit)}\\n$`));
        }
      }
    }
  });
  it('an empty Dockerfile: the legacy daemon names it, BuildKit cannot read one from stdin (recorded: core/build-unknown-instruction)', () => {
    const words: Record<Engine, RegExp> = {
      'docker-20.10': /^Sending build context to Docker daemon {2}1\.536kB\r\r\nError response from daemon: the Dockerfile \(Dockerfile\) cannot be empty\n$/,
      'docker-26.1': /^ERROR: failed to solve: failed to read dockerfile: no local sources enabled\n$/,
    };
    for (const engine of ENGINES) {
      const r = new SimulatedDocker({ engine }).run('docker build -q - < /dev/null');
      expect(r.exitCode, engine).toBe(1);
      expect(r.output, engine).toMatch(words[engine]);
    }
  });
  it('an empty Dockerfile in a context: each builder names it (recorded: builds/build-odds)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      const r = d.run('mkdir ctx && touch ctx/Dockerfile && docker build -q ctx');
      expect(r, engine).toEqual({
        output: engine === 'docker-20.10' ? 'Sending build context to Docker daemon  1.536kB\r\r\nError response from daemon: the Dockerfile (Dockerfile) cannot be empty\n' : 'ERROR: failed to solve: the Dockerfile cannot be empty\n',
        exitCode: 1,
      });
    }
  });
  it('a --target no stage has; a stage name matches in any case (recorded: builds/multi-stage, builds/build-suggestions)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      const r = stdinBuild(d, 'FROM busybox AS one\nFROM busybox AS child\n', '--target chld');
      expect(r.exitCode, engine).toBe(1);
      expect(lastLine(r.output), engine).toBe(engine === 'docker-20.10' ? 'Error response from daemon: failed to reach build target chld in Dockerfile' : 'ERROR: failed to solve: target stage "chld" could not be found');
      expect(stdinBuild(d, 'FROM busybox AS one\nRUN touch /one\nFROM busybox AS child\n', '--target ONE -t up').exitCode, engine).toBe(0);
      expect(d.run('docker run --rm up ls /one').output, engine).toBe('/one\n');
    }
  });
  it("a stand-in program's refusal inside a RUN step refuses the build by name, never a step failure in Docker's words", () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      const r = stdinBuild(d, 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n');
      expect(r, engine).toEqual({ output: 'strata does not simulate `apt-get update`: the stand-in images install no packages (catalog/README.md)\n', exitCode: 125 });
    }
  });
  it("a refusal the step's shell swallowed refuses the build too in a normal install, which -q would hide; the oracle's stand-ins go on", () => {
    for (const engine of ENGINES) {
      // (the status, the words, or both: the process hears the stand-in's refusal wherever it went)
      for (const run of ['apk add --no-cache curl || true', '(apk add curl; true)', 'apk add curl; echo done', 'apk add --no-cache curl >/dev/null 2>&1 || true', 'apk add -q curl 2>/dev/null && echo ok', 'sh -c "apk add curl" 2>&1 | tail -n 0']) {
        const d = new SimulatedDocker({ engine });
        const r = stdinBuild(d, `FROM alpine:3.24\nRUN ${run}\n`, '-t swallowed');
        expect(r, `${engine} ${run}`).toEqual({ output: 'strata does not simulate `apk add`: the stand-in images install no packages (catalog/README.md)\n', exitCode: 125 });
        expect(d.run('docker images -q swallowed').output, `${engine} ${run}`).toBe('');
      }
      // as the oracle ran it: the stand-in's own words in the step's output, and an image
      const oracle = new SimulatedDocker({ engine, busyboxStandIns: true });
      expect(stdinBuild(oracle, 'FROM alpine:3.24\nRUN apk add curl || true\n', '-t swallowed').exitCode, engine).toBe(0);
      expect(oracle.run('docker images -q swallowed').output, engine).not.toBe('');
      expect(stdinBuild(oracle, 'FROM alpine:3.24\nRUN apk add curl >/dev/null 2>&1 || true\n', '-t hidden').exitCode, engine).toBe(0);
      expect(oracle.run('docker images -q hidden').output, engine).not.toBe('');
    }
  });
  it('an instruction whose flags do not parse fails the build when the Dockerfile is parsed, before any step leaves an image (recorded: builds/healthcheck-flags)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      const r = stdinBuild(d, 'FROM busybox\nENV A=1\nHEALTHCHECK --interval=1s --interval=2s CMD true\n');
      expect(r.exitCode, engine).toBe(1);
      expect(lastLine(r.output), engine).toBe(engine === 'docker-20.10' ? 'Error response from daemon: dockerfile parse error line 3: Duplicate flag specified: interval' : 'ERROR: failed to solve: dockerfile parse error on line 3: duplicate flag specified: interval');
      expect(d.run('docker images -a -q | wc -l').output.trim(), engine).toBe('1');
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('metadata instructions', () => {
  // recorded: builds/build-metadata-history, image-layers/build-env-workdir-expose
  const dockerfile = 'FROM busybox\nENV A=1 B="two words" C=\'single $A\'\nENV D old-style value here\nLABEL lab="$A and \'$A\'"\nUSER 5:6\nSTOPSIGNAL SIGTERM\nEXPOSE 80 443/tcp 53/udp 7000-7001\nMAINTAINER me\nCMD ["a", "b"]\nENTRYPOINT sleep 1\nVOLUME /v /w\n';
  const history: Record<Engine, string[]> = {
    'docker-20.10': [
      '/bin/sh -c #(nop)  VOLUME [/v /w]',
      '/bin/sh -c #(nop)  ENTRYPOINT ["/bin/sh" "-c" "sleep 1"]',
      '/bin/sh -c #(nop)  CMD ["a" "b"]',
      '/bin/sh -c #(nop)  MAINTAINER me',
      '/bin/sh -c #(nop)  EXPOSE 443/tcp 53/udp 7000-7001 80',
      '/bin/sh -c #(nop)  STOPSIGNAL SIGTERM',
      '/bin/sh -c #(nop)  USER 5:6',
      "/bin/sh -c #(nop)  LABEL lab=1 and '1'",
      '/bin/sh -c #(nop)  ENV D=old-style value here',
      '/bin/sh -c #(nop)  ENV A=1 B=two words C=single $A',
    ],
    'docker-26.1': [
      'VOLUME [/v /w]',
      'ENTRYPOINT ["/bin/sh" "-c" "sleep 1"]',
      'CMD ["a" "b"]',
      'MAINTAINER me',
      'EXPOSE map[443/tcp:{} 53/udp:{} 7000/tcp:{} 7001/tcp:{} 80/tcp:{}]',
      'STOPSIGNAL SIGTERM',
      'USER 5:6',
      "LABEL lab=1 and '1'",
      'ENV D=old-style value here',
      'ENV A=1 B=two words C=single $A',
    ],
  };
  it('set the config and write one empty history row each, in each builder\'s words', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      expect(stdinBuild(d, dockerfile.replace(/'/g, "'\\''"), '-t meta').exitCode, engine).toBe(0);
      const rows = d.run("docker history --no-trunc --format '{{.CreatedBy}}|{{.Size}}' meta").output.trimEnd().split('\n');
      expect(rows.slice(0, -1), engine).toEqual(history[engine].map((h) => `${h}|0B`));
      const config = d.run("docker image inspect --format '{{json .Config.Env}} {{json .Config.Labels}} {{json .Config.User}} {{json .Config.ExposedPorts}} {{json .Config.Cmd}} {{json .Config.Entrypoint}} {{json .Config.Volumes}} {{json .Config.StopSignal}} {{json .Config.ArgsEscaped}}' meta").output;
      expect(config, engine).toBe(
        '["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","A=1","B=two words","C=single $A","D=old-style value here"] {"lab":"1 and \'1\'"} "5:6" {"443/tcp":{},"53/udp":{},"7000/tcp":{},"7001/tcp":{},"80/tcp":{}} ["a","b"] ["/bin/sh","-c","sleep 1"] {"/v":{},"/w":{}} "SIGTERM" ' +
          `${engine === 'docker-26.1'}\n`,
      );
    }
  });
  it('ENV sets a variable the image has in place (recorded: core/build-env-forms)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      expect(stdinBuild(d, 'FROM busybox\nENV A=1\nENV PATH=/opt/bin:$PATH\n', '-t envp').exitCode, engine).toBe(0);
      expect(d.run("docker image inspect --format '{{json .Config.Env}}' envp").output, engine).toBe('["PATH=/opt/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","A=1"]\n');
    }
  });
  it('ENTRYPOINT drops a CMD the base image set, not one the same stage set before it', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      expect(stdinBuild(d, 'FROM busybox\nCMD ["c"]\nENTRYPOINT ["e"]\n', '-t meta2').exitCode, engine).toBe(0);
      expect(stdinBuild(d, 'FROM meta2\nENTRYPOINT ["f"]\n', '-t meta3').exitCode, engine).toBe(0);
      expect(d.run("docker image inspect --format '{{json .Config.Cmd}} {{json .Config.Entrypoint}}' meta2 meta3").output, engine).toBe('["c"] ["e"]\nnull ["f"]\n');
    }
  });
  it('WORKDIR expands, joins a relative path to the current one and cleans it', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      expect(stdinBuild(d, 'FROM busybox\nENV BASE=/opt\nWORKDIR $BASE\nWORKDIR app\nWORKDIR sub/dir\nRUN pwd > /pwd.txt\nWORKDIR ../up\n', '-t wd').exitCode, engine).toBe(0);
      expect(d.run("docker run --rm wd sh -c 'pwd; cat /pwd.txt'").output, engine).toBe('/opt/app/sub/up\n/opt/app/sub/dir\n');
    }
  });
});

describe('the image built', () => {
  // recorded: builds/build-odds
  it('is tagged as given; its Parent is the last step\'s image on the legacy builder, none on BuildKit', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      expect(stdinBuild(d, 'FROM busybox\nENV A=1\n', '-t name:v1').exitCode, engine).toBe(0);
      expect(d.run("docker image inspect --format '{{if .Parent}}parent{{else}}none{{end}}' name:v1").output, engine).toBe(engine === 'docker-20.10' ? 'parent\n' : 'none\n');
      expect(d.run("docker images --format '{{.Repository}}:{{.Tag}}' | sort").output, engine).toBe('busybox:latest\nname:v1\n');
    }
  });
});

describe('BuildKit\'s build cache', () => {
  // recorded: sizes/build-cache: a record of the Dockerfile and of the context each build read,
  // one per layer it made anew, and one for its base image the first time
  it('grows by each build\'s Dockerfile, context and new layers', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    const cache = (): string => d.run("docker system df --format '{{.Type}} {{.TotalCount}} {{.Active}} {{.Size}} {{.Reclaimable}}' | tail -1").output;
    expect(stdinBuild(d, 'FROM busybox\nRUN echo hi > /x\n', '-t a1').exitCode).toBe(0);
    expect(cache()).toBe('Build Cache 4 0 30B 30B\n');
    expect(stdinBuild(d, 'FROM busybox\nRUN echo hi > /x\nRUN echo two > /y\n', '-t a2').exitCode).toBe(0);
    expect(cache()).toBe('Build Cache 7 0 78B 78B\n');
    expect(stdinBuild(d, 'FROM busybox\nLABEL a=b\n', '-t a3').exitCode).toBe(0);
    expect(cache()).toBe('Build Cache 9 0 101B 101B\n');
    d.run("mkdir ctx && echo hello > ctx/f.txt && printf 'FROM busybox\\nCOPY f.txt /f.txt\\n' > ctx/Dockerfile");
    expect(d.run('docker build -q -t a4 ctx').exitCode).toBe(0);
    expect(cache()).toBe('Build Cache 13 0 138B 138B\n');
  });
});

describe('a stage\'s PATH', () => {
  // recorded: builds/build-default-path
  it('comes after the base image\'s Env on both builders; the legacy builder adds it only in an image a step commits', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run("mkdir e && echo z > e/z && tar -cf e.tar -C e z && docker import e.tar tiny && docker import --change 'ENV X=1' e.tar tinyx");
      for (const [tag, dockerfile] of [['p1', 'FROM tiny\nENV A=1\n'], ['p0', 'FROM tiny\n'], ['p2', 'FROM tinyx\nENV A=1\n']]) expect(stdinBuild(d, dockerfile, `-t ${tag}`).exitCode, `${engine} ${tag}`).toBe(0);
      const path = '"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"';
      expect(d.run("docker image inspect --format '{{json .Config.Env}}' p1 p0 p2").output, engine).toBe(`[${path},"A=1"]\n${engine === 'docker-20.10' ? 'null' : `[${path}]`}\n["X=1",${path},"A=1"]\n`);
    }
  });
});

describe('build args', () => {
  // recorded: image-layers/build-env-workdir-expose, builds/meta-args
  it('reach RUN as environment (a --build-arg over the default), and prefix its history row: the legacy builder sorted, BuildKit in declaration order', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      const dockerfile = 'FROM busybox\nARG WHO=default\nARG OTHER=otherdef\nENV SEEN=$WHO\nRUN echo "$WHO $OTHER" > /arg.txt\n';
      expect(stdinBuild(d, dockerfile, '--build-arg WHO=cli -t argimg').exitCode, engine).toBe(0);
      expect(d.run("docker run --rm argimg sh -c 'cat /arg.txt; echo \"[$WHO] [$SEEN]\"'").output, engine).toBe('cli otherdef\n[] [cli]\n');
      const rows = d.run("docker history --no-trunc --format '{{.CreatedBy}}' argimg").output.split('\n').slice(0, 4);
      expect(rows, engine).toEqual(
        engine === 'docker-20.10'
          ? ['|2 OTHER=otherdef WHO=cli /bin/sh -c echo "$WHO $OTHER" > /arg.txt', '/bin/sh -c #(nop)  ENV SEEN=cli', '/bin/sh -c #(nop)  ARG OTHER=otherdef', '/bin/sh -c #(nop)  ARG WHO=default']
          : ['RUN |2 WHO=cli OTHER=otherdef /bin/sh -c echo "$WHO $OTHER" > /arg.txt # buildkit', 'ENV SEEN=cli', 'ARG OTHER=otherdef', 'ARG WHO=default'],
      );
    }
  });
  it('without a value, declared twice, overridden by ENV: the legacy prefix lists the args ENV leaves, BuildKit every ARG line with the step\'s value (recorded: builds/build-arg-forms)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      expect(stdinBuild(d, 'FROM busybox\nARG X\nARG Y=1\nARG A=arg\nARG Y=2\nENV A=env\nRUN echo "$X|$Y|$A" > /o\n', '-t ar').exitCode, engine).toBe(0);
      expect(d.run('docker run --rm ar cat /o').output, engine).toBe('|2|env\n');
      expect(d.run("docker history --no-trunc --format '{{.CreatedBy}}' ar").output.split('\n')[0], engine).toBe(
        engine === 'docker-20.10' ? '|1 Y=2 /bin/sh -c echo "$X|$Y|$A" > /o' : 'RUN |4 X= Y=2 A=env Y=2 /bin/sh -c echo "$X|$Y|$A" > /o # buildkit',
      );
    }
  });
  it('an ARG before the first FROM serves the FROM lines (a --build-arg over its default), and a stage sees it only when it declares it again', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      const dockerfile = 'ARG BASE=busybox\nARG TAG=latest\nFROM ${BASE}:${TAG} AS first\nARG TAG\nRUN echo "tag=$TAG base=$BASE" > /info\nFROM $BASE\nCOPY --from=first /info /info\n';
      expect(stdinBuild(d, dockerfile, '-t meta').exitCode, engine).toBe(0);
      expect(d.run('docker run --rm meta cat /info').output, engine).toBe('tag=latest base=\n');
      // BASE=meta: both FROM lines start from the image just built
      expect(stdinBuild(d, dockerfile, '--build-arg TAG=latest --build-arg BASE=meta -t meta2').exitCode, engine).toBe(0);
      expect(d.run('docker run --rm meta2 cat /info').output, engine).toBe('tag=latest base=\n');
      expect(d.run("docker image inspect --format '{{len .RootFS.Layers}}' meta meta2").output, engine).toBe('2\n3\n');
    }
  });
});

describe('the legacy builder\'s log', () => {
  // recorded: builds/build-log, builds/meta-args, core/build-failing-run
  it('prints a step per instruction, the image each commits, the intermediate containers, the cache, and the final lines', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    d.run("mkdir ctx && echo a > ctx/a && printf 'FROM busybox\\nENV A=1\\nRUN echo hi\\nCOPY a /a\\n' > ctx/Dockerfile");
    const log = (): string => d.run('docker build -t logt ctx').output.replace(/[0-9a-f]{12}/g, 'ID');
    const step = (n: number, line: string): string => `Step ${n}/4 : ${line}\n`;
    expect(log()).toMatch(
      new RegExp(
        `^Sending build context to Docker daemon  3\\.072kB\\r\\r\\n${escape(
          step(1, 'FROM busybox') + ' ---> ID\n' + step(2, 'ENV A=1') + ' ---> Running in ID\nRemoving intermediate container ID\n ---> ID\n' + step(3, 'RUN echo hi') + ' ---> Running in ID\nhi\nRemoving intermediate container ID\n ---> ID\n' + step(4, 'COPY a /a') + ' ---> ID\nSuccessfully built ID\nSuccessfully tagged logt:latest\n',
        )}$`,
      ),
    );
    expect(log()).toContain(step(2, 'ENV A=1') + ' ---> Using cache\n ---> ID\n' + step(3, 'RUN echo hi') + ' ---> Using cache\n ---> ID\n' + step(4, 'COPY a /a') + ' ---> Using cache\n ---> ID\nSuccessfully built ID\n');
  });
  it('commits every metadata instruction through a container of its own (recorded: builds/build-log-metadata)', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    const lines = ['LABEL a=b', 'ARG X=1', 'WORKDIR /w', 'USER 1', 'STOPSIGNAL SIGTERM', 'EXPOSE 80', 'MAINTAINER me', 'CMD ["c"]', 'ENTRYPOINT ["e"]', 'VOLUME /v', 'ENV E=1'];
    const log = d.run(`printf '${['FROM busybox', ...lines].join('\\n')}\\n' | docker build -t all -`).output.replace(/[0-9a-f]{12}/g, 'ID');
    const steps = lines.map((l, i) => `Step ${i + 2}/12 : ${l}\n ---> Running in ID\nRemoving intermediate container ID\n ---> ID\n`).join('');
    expect(log).toMatch(new RegExp(`\\r\\r\\nStep 1/12 : FROM busybox\\n ---> ID\\n${escape(steps)}Successfully built ID\\nSuccessfully tagged all:latest\\n$`));
  });
  it('names the tag as given, and no tag without -t (recorded: builds/build-log-tags)', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    d.run("mkdir ctx && printf 'FROM busybox\\nENV A=1\\n' > ctx/Dockerfile");
    expect(d.run('docker build -t name:v1 ctx').output.replace(/[0-9a-f]{12}/g, 'ID')).toMatch(/ ---> ID\nSuccessfully built ID\nSuccessfully tagged name:v1\n$/);
    expect(d.run('docker build ctx').output.replace(/[0-9a-f]{12}/g, 'ID')).toMatch(/ ---> ID\nSuccessfully built ID\n$/);
  });
  it('counts the meta args as steps, and a failing RUN ends the log with its command and status', () => {
    const d = new SimulatedDocker({ engine: 'docker-20.10' });
    const r = stdinBuild(d, 'ARG V=1\nFROM busybox\nRUN echo "v=$V"; exit 3\n', '--build-arg V=2');
    expect(r.exitCode).toBe(3);
    expect(r.output.replace(/[0-9a-f]{12}/g, 'ID')).toMatch(/\r\r\nStep 1\/3 : ARG V=1\nStep 2\/3 : FROM busybox\n ---> ID\nStep 3\/3 : RUN echo "v=\$V"; exit 3\n ---> Running in ID\nv=\nThe command '\/bin\/sh -c echo "v=\$V"; exit 3' returned a non-zero code: 3\n$/);
  });
});

describe('a failing RUN on BuildKit', () => {
  // recorded: core/build-failing-run (26.1)
  it('names the process Go\'s way and its exit code', () => {
    const r = stdinBuild(new SimulatedDocker({ engine: 'docker-26.1' }), 'FROM busybox\nRUN echo out && exit 7\nRUN echo after\n');
    expect(r.exitCode).toBe(1);
    expect(lastLine(r.output)).toBe('ERROR: failed to solve: process "/bin/sh -c echo out && exit 7" did not complete successfully: exit code: 7');
  });
});

describe('RUN', () => {
  it('that changes nothing: the legacy builder commits no layer, BuildKit an empty one (recorded: builds/build-empty-run)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      expect(stdinBuild(d, 'FROM busybox\nRUN true\nRUN echo x > /x\n', '-t er').exitCode, engine).toBe(0);
      const rows = d.run("docker history --no-trunc --format '{{.CreatedBy}}|{{.Size}}' er").output.split('\n').slice(0, 2);
      expect(rows, engine).toEqual(engine === 'docker-20.10' ? ['/bin/sh -c echo x > /x|2B', '/bin/sh -c true|0B'] : ['RUN /bin/sh -c echo x > /x # buildkit|2B', 'RUN /bin/sh -c true # buildkit|0B']);
      expect(d.run("docker image inspect --format '{{len .RootFS.Layers}}' er").output, engine).toBe(engine === 'docker-20.10' ? '2\n' : '3\n');
    }
  });
  it('--mount needs BuildKit; BuildKit takes it, leaves no mount point behind, takes --network=none and refuses another network by name (recorded: builds/buildkit-only-flags*, run-mount-options-legacy)', () => {
    const legacy = stdinBuild(new SimulatedDocker({ engine: 'docker-20.10' }), 'FROM busybox\nRUN --mount=type=cache,target=/var/cache/app true\n');
    expect(legacy.exitCode).toBe(1);
    expect(lastLine(legacy.output)).toBe('the --mount option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled');
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(stdinBuild(d, 'FROM busybox\nRUN --mount=type=tmpfs,target=/scratch echo t > /scratch/t && ls /scratch > /seen\n', '-t mnt').exitCode).toBe(0);
    expect(d.run("docker run --rm mnt sh -c 'cat /seen; ls -d /scratch'").output).toBe('t\nls: /scratch: No such file or directory\n');
    // --network=none is what every step gets here; another network is refused by name
    expect(stdinBuild(d, 'FROM busybox\nRUN --network=none true\n').exitCode).toBe(0);
    expect(stdinBuild(d, 'FROM busybox\nRUN --network=host true\n')).toEqual({ output: 'strata does not simulate `RUN --network=host`\n', exitCode: 125 });
  });
  it('a bind --mount of a source that is not there, or of a context the Dockerfile came without, is refused by name', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    d.run("mkdir ctx && printf 'FROM busybox\\nRUN --mount=type=bind,source=nope,target=/n true\\n' > ctx/Dockerfile");
    expect(d.run('docker build -q ctx')).toEqual({ output: "strata does not simulate RUN --mount of a missing source (nope): the builder's words for it are not recorded\n", exitCode: 125 });
    expect(stdinBuild(d, 'FROM busybox\nRUN --mount=type=bind,target=/c true\n')).toEqual({ output: 'strata does not simulate RUN --mount=type=bind of the context when the Dockerfile came from stdin\n', exitCode: 125 });
    expect(stdinBuild(d, 'FROM busybox\nRUN --mount=type=bind,from=busybox,source=nope,target=/n true\n')).toEqual({ output: "strata does not simulate RUN --mount of a missing source (nope in busybox): the builder's words for it are not recorded\n", exitCode: 125 });
  });
  it('on a --bridge=none daemon BuildKit\'s RUN finds no network bridge unless the build chose another network (recorded: compose/bridge-none-build)', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', daemon: parseDaemonFlags('--bridge=none') });
    d.run("mkdir app && printf 'FROM busybox\\nRUN echo hi > /hi\\n' > app/Dockerfile");
    const compose = (network: string): { output: string; exitCode: number } =>
      d.run(`printf 'services:\\n  web:\\n    build:\\n      context: ./app\\n      network: ${network}\\n' > compose.yaml && docker compose -p cb --progress quiet build`);
    expect(compose('default')).toEqual({ output: 'failed to solve: process "/bin/sh -c echo hi > /hi" did not complete successfully: network bridge not found\n', exitCode: 17 });
    expect(compose('host')).toEqual({ output: '', exitCode: 0 });
  });
  it('after a VOLUME: the legacy builder discards what RUN does under it (an anonymous volume, removed), BuildKit keeps it (recorded: test/conformance/docker-*/dockerfile-volume)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      expect(stdinBuild(d, 'FROM busybox\nRUN mkdir /data && echo seed > /data/seed.txt\nVOLUME /data\nRUN echo after > /data/after.txt && rm /data/seed.txt && echo elsewhere > /root/elsewhere.txt\n', '-t vb').exitCode, engine).toBe(0);
      expect(d.run("docker run --rm vb sh -c 'ls /data /root'").output, engine).toBe(`/data:\n${engine === 'docker-20.10' ? 'seed.txt' : 'after.txt'}\n\n/root:\nelsewhere.txt\n`);
      expect(d.run('docker volume ls -q | wc -l').output.trim(), engine).toBe('0');
    }
  });
  it('a failing RUN leaves its container behind on the legacy builder only (recorded: core/build-failing-run)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      expect(stdinBuild(d, 'FROM busybox\nRUN echo out && exit 7\nRUN echo after\n').exitCode, engine).not.toBe(0);
      expect(d.run("docker ps -a --format '{{.Status}}' | wc -l").output.trim(), engine).toBe(engine === 'docker-20.10' ? '1' : '0');
      expect(d.run("docker images -a --format '{{.Repository}}:{{.Tag}}'").output, engine).toBe('busybox:latest\n');
    }
  });
  it('a RUN whose USER the passwd file lacks fails in each builder\'s words; the legacy builder keeps the step container (recorded: builds/env-path-idioms)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      const r = stdinBuild(d, 'FROM busybox\nUSER ghost\nRUN true\n');
      expect(r.exitCode, engine).toBe(1);
      if (engine === 'docker-20.10') expect(r.output).toMatch(/ ---> Running in [0-9a-f]{12}\nunable to find user ghost: no matching entries in passwd file\n$/);
      else expect(r.output).toMatch(/ERROR: failed to solve: process "\/bin\/sh -c true" did not complete successfully: unable to find user ghost: no matching entries in passwd file\n$/);
      expect(d.run("docker ps -a --format '{{.Status}}'").output, engine).toBe(engine === 'docker-20.10' ? 'Created\n' : '');
    }
  });
  it('the legacy builder refuses a VOLUME over a file, naming where a symlink leads (recorded: builds/workdir-volume-over-file)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      stdinBuild(d, 'FROM busybox\nRUN echo hi > /f && mkdir /real && echo hi > /real/file && ln -s /real/file /link\n', '-t withfile');
      const r = stdinBuild(d, 'FROM withfile\nVOLUME /link\nRUN cat /link\n');
      if (engine === 'docker-26.1') expect(r.exitCode).toBe(0);
      else expect(lastLine(r.output)).toMatch(/^cannot mount volume over existing file, file exists \/var\/lib\/docker\/overlay2\/[0-9a-z]+\/merged\/real\/file$/);
    }
  });
});

describe('stages', () => {
  // recorded: builds/multi-stage-errors
  it('legacy: --from names only a finished stage by index, and a stage name once; BuildKit takes both', () => {
    const cases: [string, string][] = [
      ['FROM busybox AS one\nCOPY --from=1 /bin/sh /sh\nFROM busybox\n', 'invalid from flag value 1: index out of bounds'],
      ['FROM busybox AS one\nFROM busybox AS ONE\nENV B=2\n', 'one stage name already used'],
    ];
    for (const [dockerfile, legacy] of cases) {
      const l = stdinBuild(new SimulatedDocker({ engine: 'docker-20.10' }), dockerfile);
      expect(l.exitCode, dockerfile).toBe(1);
      expect(lastLine(l.output), dockerfile).toBe(legacy);
      expect(stdinBuild(new SimulatedDocker({ engine: 'docker-26.1' }), dockerfile).exitCode, dockerfile).toBe(0);
    }
  });
  it('BuildKit runs only the stages the target needs; the legacy builder every stage up to it, and counts their steps (recorded: builds/build-unneeded-stage)', () => {
    const dockerfile = 'FROM busybox AS bad\nRUN exit 5\nFROM busybox AS ok\nRUN true\nFROM busybox AS after\nRUN exit 6\n';
    const legacy = stdinBuild(new SimulatedDocker({ engine: 'docker-20.10' }), dockerfile, '--target ok');
    expect(legacy.exitCode).toBe(5);
    expect(legacy.output.replace(/[0-9a-f]{12}/g, 'ID')).toMatch(/\r\r\nStep 1\/4 : FROM busybox AS bad\n ---> ID\nStep 2\/4 : RUN exit 5\n ---> Running in ID\nThe command '\/bin\/sh -c exit 5' returned a non-zero code: 5\n$/);
    expect(stdinBuild(new SimulatedDocker({ engine: 'docker-26.1' }), dockerfile, '--target ok').exitCode).toBe(0);
    // the stages after the target: neither builder runs them
    for (const engine of ENGINES) expect(stdinBuild(new SimulatedDocker({ engine }), 'FROM busybox AS ok\nRUN true\nFROM busybox AS after\nRUN exit 6\n', '--target ok').exitCode, engine).toBe(0);
  });
  it('BuildKit refuses a cycle of stages, even among stages the target does not need, with the excerpt of each line on it, the last first (recorded: builds/multi-stage-circular)', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    const r = stdinBuild(d, 'FROM busybox AS one\nCOPY --from=two /bin/sh /sh\nFROM busybox AS two\nCOPY --from=one /bin/sh /sh\nFROM busybox\nRUN true\n');
    expect(r.exitCode).toBe(1);
    expect(r.output.split('\n').filter((l) => /^Dockerfile:|^ERROR/.test(l))).toEqual(['Dockerfile:4', 'Dockerfile:2', 'ERROR: failed to solve: circular dependency detected on stage: one']);
  });
  it('BuildKit builds a stage that only a RUN --mount names (recorded: builds/run-mount-kinds)', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    expect(stdinBuild(d, 'FROM busybox AS src\nRUN mkdir /stuff && echo s > /stuff/s.txt\nFROM busybox\nRUN --mount=type=bind,from=src,source=/stuff,target=/mnt cat /mnt/s.txt > /from-stage\n', '-t rm').exitCode).toBe(0);
    expect(d.run('docker run --rm rm cat /from-stage').output).toBe('s\n');
  });
  it('BuildKit: --from an index no stage has fails before any step, without an excerpt, even in a stage the target does not need (recorded: builds/rw-copy-from-forms)', () => {
    expect(stdinBuild(new SimulatedDocker({ engine: 'docker-26.1' }), 'FROM busybox\nCOPY --from=5 /bin/sh /sh\n')).toEqual({ output: 'ERROR: failed to solve: invalid stage index 5\n', exitCode: 1 });
    expect(stdinBuild(new SimulatedDocker({ engine: 'docker-26.1' }), 'FROM busybox AS unused\nCOPY --from=02 /bin/sh /sh\nFROM busybox\nRUN exit 3\n')).toEqual({ output: 'ERROR: failed to solve: invalid stage index 2\n', exitCode: 1 });
  });
  it('FROM scratch starts from no image: no base layer or history row, PATH in Env, BuildKit\'s WorkingDir /; a RUN there finds no shell (recorded: builds/realworld-scratch-forms)', () => {
    for (const engine of ENGINES) {
      const legacy = engine === 'docker-20.10';
      const d = new SimulatedDocker({ engine });
      d.run("mkdir ctx && echo hi > ctx/greeting && printf 'FROM scratch\\nCOPY greeting /\\nCMD [\"/greeting\"]\\n' > ctx/Dockerfile");
      expect(d.run('docker build -q -t scratchy ctx >/dev/null && echo built').output, engine).toBe('built\n');
      expect(d.run("docker image inspect --format '{{json .Config.Env}} {{.Config.WorkingDir}}| {{len .RootFS.Layers}} {{.Size}}' scratchy").output, engine).toBe(`["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"] ${legacy ? '' : '/'}| 1 3\n`);
      expect(d.run("docker history --format '{{.CreatedBy}}' scratchy | wc -l").output.trim(), engine).toBe('2');
      expect(d.run("docker create --name sc scratchy >/dev/null && docker cp sc:/greeting - | tar -xO").output, engine).toBe('hi\n');
      const meta = stdinBuild(d, 'FROM scratch\nLABEL only=metadata\n', '-t meta');
      expect(meta.exitCode, engine).toBe(0);
      expect(d.run("docker image inspect --format '{{len .RootFS.Layers}} {{.Size}}' meta").output, engine).toBe('0 0\n');
      const run = stdinBuild(d, 'FROM scratch\nRUN echo hi\n');
      expect(lastLine(run.output), engine).toBe(legacy ? 'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/sh": stat /bin/sh: no such file or directory: unknown' : 'ERROR: failed to solve: process "/bin/sh -c echo hi" did not complete successfully: exit code: 1');
    }
  });
  it('a # escape=` directive after a # syntax= one makes the backtick continue lines (a \\ one changes nothing; one below the first instruction is a comment)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run("mkdir -p e1 e2 e3 && printf '# syntax=docker/dockerfile:1\\n# ESCAPE = `\\nFROM busybox\\nRUN echo a `\\n  b > /x\\n' > e1/Dockerfile && printf '# escape=\\\\\\nFROM busybox\\nRUN echo a \\\\\\n  b > /x\\n' > e2/Dockerfile && printf 'FROM busybox\\n# escape=`\\nENV A=1\\\\2 B=3`4\\n' > e3/Dockerfile");
      for (const dir of ['e1', 'e2']) expect(d.run(`docker build -q -t ${dir} ${dir} >/dev/null && docker run --rm ${dir} cat /x`).output, `${engine} ${dir}`).toBe('a b\n');
      expect(d.run("docker build -q -t e3 e3 >/dev/null && docker run --rm e3 sh -c 'echo $A $B'").output, engine).toBe('12 3`4\n');
    }
  });
  it('--from the current stage: the legacy builder\'s words, a cycle to BuildKit', () => {
    const dockerfile = 'FROM busybox AS one\nCOPY --from=0 /bin/sh /sh\n';
    expect(lastLine(stdinBuild(new SimulatedDocker({ engine: 'docker-20.10' }), dockerfile).output)).toBe('invalid from flag value 0: refers to current build stage');
    expect(lastLine(stdinBuild(new SimulatedDocker({ engine: 'docker-26.1' }), dockerfile).output)).toBe('ERROR: failed to solve: circular dependency detected on stage: one');
  });
  it('a chain of stages: FROM a stage, COPY --from a stage; the legacy builder keeps its intermediate images', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      expect(stdinBuild(d, 'FROM busybox AS one\nRUN true\nFROM one AS two\nFROM two\nCOPY --from=two /bin/sh /sh2\n', '-t chain').exitCode, engine).toBe(0);
      // (the real busybox:latest's /bin/busybox, of which /bin/sh is a hard link: test/recorded/busybox-latest-real/rootfs.txt)
      expect(d.run("docker run --rm chain stat -c '%a %u:%g %s %n' /sh2").output, engine).toBe('755 0:0 1041984 /sh2\n');
      expect(d.run('docker images -a -q | wc -l').output.trim(), engine).toBe(engine === 'docker-20.10' ? '3' : '2');
    }
  });
});

// What strata refuses by name before any step (exit 125): forms whose Docker words are not recorded,
// or that would crash Docker (a Go panic), never an internal error or a guess (build/builder.ts build()).
describe('refused before any step', () => {
  it("BuildKit's here-document that does not parse", () => {
    expect(stdinBuild(new SimulatedDocker({ engine: 'docker-26.1' }), 'FROM busybox\nRUN <<EOF\necho\n')).toEqual({ output: "strata does not simulate BuildKit's error for a here-document that does not parse (unterminated heredoc): its words are not recorded\n", exitCode: 125 });
  });
  it("a meta ARG's value, a FROM line's image or platform that would crash BuildKit's lexer", () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    const refusal = (word: string): { output: string; exitCode: number } => ({ output: `strata does not simulate \`${word}\`: an empty pattern crashes Docker's lexer (a Go panic)\n`, exitCode: 125 });
    expect(stdinBuild(d, 'ARG A=${B#}\nFROM busybox\n')).toEqual(refusal('${B#}'));
    expect(stdinBuild(d, 'FROM busybox${A#}\n')).toEqual(refusal('${A#}'));
    expect(stdinBuild(d, 'FROM --platform=${A#} busybox\n')).toEqual(refusal('${A#}'));
  });
  it('FROM --platform of a platform that is not recorded: BuildKit would pull it, the legacy builder takes linux/arm64 only', () => {
    expect(stdinBuild(new SimulatedDocker({ engine: 'docker-26.1' }), 'FROM --platform=linux/arm64 busybox\n')).toEqual({ output: 'strata does not simulate FROM --platform=linux/arm64: BuildKit pulls the base image for that platform from the registry\n', exitCode: 125 });
    expect(stdinBuild(new SimulatedDocker({ engine: 'docker-20.10' }), 'FROM --platform=windows/amd64 busybox\n')).toEqual({ output: "strata does not simulate FROM --platform=windows/amd64: the legacy builder's handling of that platform is not recorded\n", exitCode: 125 });
  });
  it("prints the refusal alone: no buildx warning of a context's .git directory before it", () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    d.run('mkdir -p ctx/.git');
    for (const [dockerfile, refusal] of [
      ['FROM busybox\\nRUN <<EOF\\necho\\n', "strata does not simulate BuildKit's error for a here-document that does not parse (unterminated heredoc): its words are not recorded\n"],
      ['FROM --platform=linux/arm64 busybox\\n', 'strata does not simulate FROM --platform=linux/arm64: BuildKit pulls the base image for that platform from the registry\n'],
      ['FROM busybox${A#}\\n', "strata does not simulate `${A#}`: an empty pattern crashes Docker's lexer (a Go panic)\n"],
    ]) {
      expect(d.run(`printf '${dockerfile}' > ctx/Dockerfile && docker build -q ctx`), dockerfile).toEqual({ output: refusal, exitCode: 125 });
    }
  });
  it("after a BuildKit build from stdin, docker system df refuses BuildKit's build cache records, naming which stdin; the legacy builder keeps none", () => {
    const setup = "mkdir c && printf 'FROM busybox\\n' > c/Dockerfile && tar -cf c.tar -C c .";
    const refused = (what: string): { output: string; exitCode: number } => ({ output: `strata does not simulate BuildKit's build cache records after ${what}\n`, exitCode: 125 });
    for (const [build, what] of [['docker build -q - < c.tar', 'a build context read from stdin'], ["printf 'FROM busybox\\n' | docker build -q -f - c", 'a Dockerfile read from stdin with a context directory (`-f -`)']]) {
      const bk = new SimulatedDocker({ engine: 'docker-26.1' });
      bk.run(setup);
      expect(bk.run('docker build -q c >/dev/null && docker system df >/dev/null').exitCode, 'a context directory').toBe(0);
      expect(bk.run(`${build} >/dev/null`).exitCode, build).toBe(0);
      expect(bk.run('docker system df'), build).toEqual(refused(what));
      const legacy = new SimulatedDocker({ engine: 'docker-20.10' });
      legacy.run(setup);
      expect(legacy.run(`${build} >/dev/null && docker system df >/dev/null`).exitCode, build).toBe(0);
    }
  });
});
