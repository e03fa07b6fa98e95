// Readonly variables (src/shell/declarations.ts, interpreter.ts ReadonlyVariable): `readonly`,
// bash's `declare -r`/`typeset -r`/`local -r` and its own UID and EUID, what an assignment, export,
// unset, local, read, for or an expansion does to one, each shell's words and statuses. Every
// script runs in strata and in the real shell of this host: bash 5.2 and busybox 1.35 through
// test/shell/differential/real.ts, dash 0.5.12 (a Debian image's /bin/sh) below. Recorded in a
// container too: test/recorded/docker-*/shell/readonly-variables.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execute, initialState } from '../../src/engine/engine.ts';
import type { EngineState } from '../../src/engine/state.ts';
import { describeAgainstReal } from './differential/against-real.ts';
import { runSimulated } from './differential/simulated.ts';

/** Scripts every shell runs, against a readonly X=1 (and Z without a value). */
const COMMON = [
  'X=2; echo same',
  'X=2 true; echo "next $?"',
  'X=2 echo hi; echo "next $?"',
  'export X=3; echo "next $?"',
  'export X; echo "next $?"',
  'readonly X=4; echo "next $?"',
  'readonly X; echo "next $? $X"',
  'unset X; echo "next $?"',
  'unset -v X; echo "next $?"',
  'f() { local X=5; echo "in f $?"; }; f; echo "next $?"',
  'f() { local X; echo "in f $? $X"; }; f; echo "next $?"',
  'for X in a b; do echo "loop $X"; done; echo "next $?"',
  'echo v | { read X; echo "in $?"; }; echo "next $?"',
  'echo "a v b" | { read A X B; echo "in $? [$A] [$B]"; }',
  'echo $((X=3)); echo "next $?"',
  ': ${X:=3}; echo "next $?"',
  ': ${Z:=3}; echo "next $? Z=$Z"',
  '(X=2; echo "in sub $?"); echo "next $?"',
  'x=$(X=2; echo "in cs $?"); echo "cs=[$x] next $?"',
  'eval X=2; echo "next $?"',
  'f3() { echo f3; }; X=2 f3; echo "next $?"',
  'X=2 :; echo "next $?"',
  'X=2 || echo alt; echo "next $?"',
  'if X=2; then echo then; fi; echo "next $?"',
  'Q=1 X=2; echo same; echo "Q=$Q"',
  'X=2 Q=1; echo same; echo "Q=$Q"',
  'export Q=1 X=2 R=3; echo "next $? Q=$Q R=$R"',
  'unset Q X R; echo "next $?"',
  'set -e; X=2; echo same',
  'set -e; export X=2; echo "next $?"',
  'f() { X=2; echo "in f"; }; f; echo "same line $?"',
  'readonly -z; echo "next $?"',
  'readonly 1a=2; echo "next $?"',
  'readonly -- Q=2; echo "next $? $Q"',
  "readonly B2='it'\"'\"'s $x'; echo \"$B2\"",
].map((s) => `readonly X=1; readonly Z\necho start\n${s}\necho "end $? X=$X"`);

/** The same in a script file, whose lines bash reads one by one (its DISCARD ends one line). */
const FILES = [
  "printf 'readonly X=1\\nX=2; echo same\\necho \"after $?\"\\n' > f.sh; SH f.sh; echo \"rc=$?\"",
  "printf 'readonly X=1\\nf() { X=2; echo in; }\\nf; echo same\\necho \"after $?\"\\n' > f.sh; SH f.sh; echo \"rc=$?\"",
];

/** ash's and dash's listing: `readonly NAME='value'`, sorted, one without a value bare. */
const LISTINGS = ["readonly B=1 A Q='it'\"'\"'s'; readonly -p; echo ---; readonly; export A; export -p | grep ' A'"];

/** bash only: its declare, typeset and local -r, its readonly UID. */
const BASH = [
  'declare -r Y=1; Y=2; echo same\necho "next $? Y=$Y"',
  'declare -r Y=\'a"b$c\'; declare -p Y; declare Y=2; echo "s=$?"; typeset -x Y; declare -p Y; declare -p Q; echo "s=$?"',
  'f() { declare -r Y=1; echo "in f $Y"; }; f; echo "next $? Y=$Y"',
  'f() { typeset -rx Y=1; echo "in f $Y"; }; f; echo "next $? Y=$Y"',
  'f() { local -r L=1; L=2; echo "in f $?"; }; f; echo "next $? L=$L"\necho "after $?"',
  'f() { local -r L=1; local L=2; echo "s=$?"; declare -p L; local -rx M; declare -p M; }; f',
  'declare -g G=1; f() { declare -g H=2; }; f; echo "$G $H"',
  'declare -z; echo "s=$?"; typeset -z; echo "s=$?"; f() { local -z; echo "s=$?"; }; f',
  'f() { local 1a; echo "s=$?"; }; f',
  'readonly -f; echo "s=$?"',
  'readonly X=1; export X=2; echo "s=$?"; export -p | grep " X="',
  'unset UID EUID PPID; echo "next $?"',
  'BASH_VERSINFO=9; echo same\necho "next $?"',
  'type declare; command -v typeset',
];

describeAgainstReal('gnu', 'readonly variables in bash', [...COMMON, ...FILES.map((f) => f.replace('SH', 'bash')), ...BASH]);
describeAgainstReal('busybox', 'readonly variables in busybox sh', [...COMMON, ...FILES.map((f) => f.replace('SH', 'sh')), ...LISTINGS]);

/** dash: this host's dash run as `sh`, in an empty directory, against a Debian image's sh in strata. */
describe('readonly variables in dash', () => {
  const dash = spawnSync('sh', ['-c', 'command -v dash'], { encoding: 'utf8' }).stdout.trim();
  if (dash === '') {
    it.skip('needs dash (apt-get install dash)', () => undefined);
    return;
  }
  let state: EngineState | undefined;
  const simulated = (script: string): { output: string; exitCode: number } => {
    if (state === undefined) state = execute(initialState({ engine: 'docker-26.1' }), 'docker pull -q debian:bookworm >/dev/null').state;
    const r = execute(state, `docker run --rm -w /w debian:bookworm sh -c '${script.replace(/'/g, `'\\''`)}'`);
    return { output: r.output, exitCode: r.exitCode };
  };
  const real = (script: string): { output: string; exitCode: number } => {
    const dir = mkdtempSync(join(tmpdir(), 'strata-readonly-dash-'));
    try {
      const r = spawnSync('env', ['-i', 'PATH=/usr/bin:/bin', 'bash', '-c', 'exec -a sh dash -c "$1" 2>&1', '_', script], { cwd: dir, encoding: 'utf8' });
      return { output: r.stdout, exitCode: r.status ?? -1 };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  it.each([...COMMON, ...FILES.map((f) => f.replace('SH', 'sh')), ...LISTINGS.map((l) => l.replace(/export -p \| grep ' A'$/, "export -p | grep ' A='"))])('%s', (script) => {
    expect(simulated(script)).toEqual(real(script));
  });
});

describe("what strata does not keep of bash's own readonly variables: refused by name", () => {
  it('its listings (PPID, SHELLOPTS, BASHOPTS, the array BASH_VERSINFO)', () => {
    for (const line of ['readonly', 'readonly -p', 'declare', 'declare -r', 'typeset -p']) {
      const r = runSimulated('gnu', `readonly A=1; ${line}`);
      expect(r, line).toEqual({ output: expect.stringMatching(/^strata does not simulate bash's `(readonly -p|declare|declare -r|typeset -p)` listing: it shows PPID, SHELLOPTS, BASHOPTS and BASH_VERSINFO, whose values strata does not keep\n$/), exitCode: 125 });
    }
  });
  it('$PPID in every shell, $SHELLOPTS and $BASHOPTS in bash; what a script assigns to PPID in ash', () => {
    expect(runSimulated('gnu', 'echo $PPID')).toEqual({ output: "strata does not simulate $PPID: the parent process's PID is not kept\n", exitCode: 125 });
    expect(runSimulated('gnu', 'echo "${SHELLOPTS:-x}"')).toEqual({ output: "strata does not simulate bash's $SHELLOPTS\n", exitCode: 125 });
    expect(runSimulated('busybox', 'echo $PPID')).toEqual({ output: "strata does not simulate $PPID: the parent process's PID is not kept\n", exitCode: 125 });
    expect(runSimulated('busybox', 'PPID=7; echo $PPID')).toEqual({ output: '7\n', exitCode: 0 });
  });
  it('the attributes strata does not keep', () => {
    for (const [line, what] of [
      ['declare -a A', '`declare -a` (bash\'s arrays)'],
      ['declare -i I=1', '`declare -i` (bash\'s variable attributes but -r and -x)'],
      ['readonly -a A', '`readonly -a` (bash\'s arrays)'],
      ['declare +x A', '`declare +x` (an attribute taken off)'],
      ['readonly -f f', '`readonly -f` (readonly functions)'],
    ] as const) {
      expect(runSimulated('gnu', line), line).toEqual({ output: `strata does not simulate ${what}\n`, exitCode: 125 });
    }
  });
});

describe("bash's UID and EUID", () => {
  it('are the process\'s uid, readonly, unless the environment gave them', () => {
    let st = execute(initialState({ engine: 'docker-26.1' }), 'docker pull -q debian:bookworm >/dev/null').state;
    const run = (line: string): string => {
      const r = execute(st, line);
      st = r.state;
      return `${r.output}[exit ${r.exitCode}]`;
    };
    expect(run("docker run --rm -u 1000 debian:bookworm bash -c 'echo $UID $EUID; UID=5; echo no'")).toBe('1000 1000\nbash: line 1: UID: readonly variable\n[exit 1]');
    // measured: `env UID=5 bash -c 'UID=6; echo $UID'` prints 6
    expect(run("docker run --rm -e UID=5 debian:bookworm bash -c 'UID=6; echo $UID $EUID'")).toBe('6 0\n[exit 0]');
    expect(run("docker run --rm debian:bookworm sh -c 'echo \"[$UID]\"; UID=5; echo $UID'")).toBe('[]\n5\n[exit 0]');
  });
});
