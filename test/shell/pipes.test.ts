// Pipelines whose reader stops early (SIGPIPE), and the applets added with them: kill, rev, tac.
// The recorded ground truth is test/recorded/docker-*/shell/ (busybox-pipes-sigpipe, busybox-kill,
// host-pipes-cmp); these tests pin the mechanism.

import { describe, expect, it } from 'vitest';
import { ShellLimitError } from '../../src/shell/types.ts';
import { type Setup, setup, sh } from './helpers.ts';

/** A busybox setup whose /bin also links the real applets these tests use. */
function bb(): Setup {
  const s = setup('busybox');
  for (const name of ['yes', 'head', 'seq', 'kill', 'rev', 'tac', 'wc', 'tr']) s.fs.symlink('/bin/busybox', `/bin/${name}`);
  return s;
}

describe('SIGPIPE: a reader with a known demand stops an endless writer', () => {
  it('ends yes, seq and loops once head has its lines or bytes', () => {
    expect(sh('yes | head -2; yes abc | head -n 3; seq 1 1000000000 | head -1; yes | head -c 5; echo', bb()).out).toBe(
      'y\ny\nabc\nabc\nabc\n1\ny\ny\ny\n',
    );
    expect(sh('while true; do echo y; done | head -3', bb()).out).toBe('y\ny\ny\n');
    expect(sh('yes | head -5 | wc -l', bb()).out).toBe('5\n');
    expect(sh('yes | busybox head -n1; yes | /bin/head -1', bb()).out).toBe('y\ny\n');
  });

  it('kills the writer with status 141; a short writer still finishes (it fits in the pipe)', () => {
    const r = sh('set -o pipefail; yes | head -1; echo rc=$?; (echo a; echo b; echo c) | head -1; echo rc=$?', bb());
    expect(r.out).toBe('y\nrc=141\na\nrc=0\n');
    expect(sh('set -o pipefail; yes | head -1; echo rc=$?', setup('gnu')).out).toBe('y\nrc=141\n');
  });

  it('runs the reader before the writer learns that the pipe broke', () => {
    // the subshell goes on after yes died: its stderr line comes after head's output
    expect(sh('exec 2>&1; (yes; echo after >&2) | head -1', bb()).out).toBe('y\nafter\n');
  });

  it('leaves readers without a declared demand reading everything', () => {
    expect(() => sh('yes | wc -l', bb())).toThrow(ShellLimitError);
    // expansions in the reader's words: its demand is not known before it runs
    expect(() => sh('n=1; yes | head -n $n', bb())).toThrow(ShellLimitError);
    // stdin redirected away from the pipe
    const s = bb();
    s.fs.writeFile('/tmp/f', 'one\ntwo\n');
    expect(sh('seq 3 | head -1 < /tmp/f', s).out).toBe('one\n');
  });

  it('does not take a shell function for the applet', () => {
    expect(sh('head() { echo fn; }; seq 3 | head -1', bb()).out).toBe('fn\n');
  });
});

describe('kill', () => {
  it('leaves the PID 1 shell alive, except SIGINT in an ash -c shell (exits 130)', () => {
    expect(sh('kill -9 $$; echo a; kill $$; echo b; kill -TERM 1; echo c', bb()).out).toBe('a\nb\nc\n');
    expect(sh('kill -s INT 1; echo never', bb())).toMatchObject({ out: '', status: 130 });
  });

  it('lists and converts signals', () => {
    const r = sh('kill -l | head -3; kill -l 9; kill -l KILL; kill -l 137', bb());
    expect(r.out).toBe(' 1) HUP\n 2) INT\n 3) QUIT\nKILL\n9\nKILL\n');
    const g = sh('kill -l | head -1; kill -l | tail -1; kill -l 29', setup('gnu'));
    expect(g.out).toBe(' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n63) SIGRTMAX-1\t64) SIGRTMAX\t\nIO\n');
  });

  it('words errors as the shell builtin or as the program', () => {
    expect(sh('kill; kill 99999; kill -FOO 1; kill abc; echo rc=$?', bb()).all).toBe(
      "sh: you need to specify whom to kill\nsh: can't kill pid 99999: No such process\nsh: bad signal name 'FOO'\nsh: invalid number 'abc'\nrc=1\n",
    );
    expect(sh('/bin/kill 99999; echo rc=$?', bb()).all).toBe("kill: can't kill pid 99999: No such process\nrc=1\n");
    expect(sh('kill 99999; kill -FOO 1; kill abc; kill', setup('gnu')).all).toBe(
      'bash: line 1: kill: (99999) - No such process\nbash: line 1: kill: FOO: invalid signal specification\n' +
        'bash: line 1: kill: abc: arguments must be process or job IDs\n' +
        'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n',
    );
  });
});

describe('rev and tac', () => {
  it('reverses lines and line order, keeping a missing final newline', () => {
    expect(sh('printf "abc\\nxy\\n" | rev; printf "no-nl" | rev; echo; seq 3 | tac; printf "a\\nb" | tac', bb()).out).toBe(
      'cba\nyx\nln-on\n3\n2\n1\nba\n',
    );
  });
});

describe('test/[ as a shell builtin', () => {
  it('prefixes errors with the shell (ash: sh:, bash: bash: line N: [:)', () => {
    expect(sh('[ 1 -eq a ]; [ x; test 1 -lt; [ a b c ]', bb()).err).toBe(
      'sh: a: bad number\nsh: missing ]\nsh: -lt: argument expected\nsh: b: unknown operand\n',
    );
    expect(sh('[ 1 -eq a ]; [ x\ntest a -eq 1', setup('gnu')).err).toBe(
      "bash: line 1: [: a: integer expression expected\nbash: line 1: [: missing `]'\nbash: line 2: test: a: integer expression expected\n",
    );
  });
});

describe('long pipelines', () => {
  it('runs a 5000-stage pipeline without using up the JS stack', () => {
    const r = sh('echo hi | ' + Array(5000).fill('cat').join(' | '), bb());
    expect(r).toMatchObject({ status: 0, out: 'hi\n' });
    expect(sh('set -o pipefail; exitwith 3 | ' + Array(3000).fill('cat').join(' | ') + '; echo $?', bb()).out).toBe('3\n');
  });

  it('nests only where a pipe breaks, and refuses a runaway chain of broken pipes', () => {
    // each `yes` breaks its pipe: the rest of the pipeline runs inside its write
    expect(sh(Array(50).fill('yes | head -1').join(' | '), bb()).out).toBe('y\n');
    expect(() => sh(Array(1000).fill('yes | head -1').join(' | '), bb())).toThrow(/nesting too deep/);
  });
});
