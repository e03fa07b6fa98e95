// Constructs bash and busybox ash (its bash compatibility, Debian's 1.35) share beyond POSIX sh,
// each run by strata and by the real shell (test/shell/differential/real.ts) and compared: what
// they print (stdout and stderr merged) and their exit status. Before, strata read `&>` as `&`
// then `>` (the command went to the background and printed), `function f {` as a syntax error and
// `$'a\tb'` as `$` and a quote.
import { describe, expect, it } from 'vitest';
import { describeAgainstReal } from './differential/against-real.ts';
import { runSimulated } from './differential/simulated.ts';
import { needsMoreInput, openness } from '../../src/shell/complete.ts';

const BOTH = [
  'echo hi &> out; echo status $?; cat out',
  'ls /nonexistent-dir &> out; echo status $?; cat out | wc -l',
  'echo hi &>/dev/null; echo ok',
  'f() { echo out; echo err >&2; }; f &> both; wc -l < both',
  'function f { echo in f "$@"; }; f a b',
  'function g() { echo in g; }; g',
  'function h ()\n{\n  echo in h\n}\nh',
  "printf '%s' $'a\\tb' | wc -c",
  "echo $'it\\'s'",
  "printf '[%s]\\n' $'a\\nb'",
  "printf '%s' $'\\101\\x42\\x4a\\x4g\\xg\\1010' | cut -c1-3,5-",
  "printf '%s' $'\\e\\E\\cA\\?\\q' | wc -c",
  "printf '%s' $'x\\u00e9\\U1F600\\u41\\u7f'",
  "printf '[%s]' $'a\\0b' | wc -c",
  "echo \"$'not special in double quotes'\"",
  "x=$'one\\ttwo'; echo \"$x\" | cut -f2",
  "echo $'\\e[1m' | wc -c",
  "echo $'a\\0b'",
  "echo $'back\\\\slash \\q'",
  'let x=1+2 y=x*2; echo $? $x $y; let 0; echo $?; let x++; echo $? $x',
  'let; echo $?',
  'let "1+"; echo $?',
  'type let',
  'echo $((16#ff)) $((2#101)) $((64#@_)) $((36#Z)) $((10#012)); x=16#ff; echo $((x + 1))',
  'echo $((08))',
  'echo $((16#fg))',
  'echo $((1#1))',
  'echo $((37#Z))',
  'echo $((2#))',
  // `-euo pipefail`: each `o` of a cluster takes the next word (strata refused the cluster)
  'set -euo pipefail; false | true; echo "status $?"',
  'set -oe pipefail; true | false; echo after',
  'set -o nounset -e; echo $u; echo after',
  // $- in each shell's order, with the options strata takes without simulating them (bash: flags.c
  // shell_flags then `c`; ash: its optletters backwards)
  'echo $-; set -eu; echo $-; set +e -C; echo $-; set -o allexport -f; echo $-; set +Ca +fu -b; echo $-',
  // set -u's words: bash names an unbraced positional parameter with its `$`
  'set -u; echo $1',
  'set -u; echo "${1}"',
  'set -u; echo ${10}',
  'set -u; f() { echo "$2"; }; f a',
];

// bash's own (busybox ash reads each otherwise, which the second list checks): here-strings,
// `+=`, `&>>`, `|&`.
const BASH_ONLY = [
  'cat <<< hi',
  'read -r a b <<< "1 2"; echo $b',
  'x=world; tr a-z A-Z <<< "hello $x"',
  'cat <<<"$(echo one; echo two)" | wc -l',
  'wc -c <<< ""',
  "grep -c . <<< 'a b'",
  'x=1; x+=2; echo $x',
  'a=b; a+=c d=e; echo $a $d',
  'x=1; x+=2 env | grep ^x=; echo $x',
  'unset y; y+=z; echo $y',
  'echo one &>> f; echo two &>> f; cat f',
  'ls /nonexistent-dir &>> g; wc -l < g',
  'ls /nonexistent-dir |& wc -l',
  'f() { echo out; echo err >&2; }; f |& sort',
  '{ echo a; echo b >&2; } |& cat',
  's=hello; echo ${s^^} ${s^} ${s,,} ${s,}; S=HeLLo; echo ${S,,} ${S,} ${S^^} "${S^}"; echo ${u^^}.',
  'x=PWD; y=x; echo ${!y} ${!x:+set}; set -- p q; n=2; echo ${!n}; e=; echo ${!e:-def}',
  "x='a b'; echo ${!x}; echo after",
  'unset x; echo ${!x}; echo after',
  'echo ${!}.',
];

// `[[ ... ]]`, run by both shells and compared with each: bash reads it in its parser (no field
// splitting or globbing of the operands, `&&` `||` `!` `( )` `<` `>` its own, the right side of
// `==` a pattern unless quoted, of `=~` an ERE, `-eq` arithmetic, its syntax errors' words and
// statuses); busybox ash passes `&&` and `||` after a `[[` word to its `[[` builtin, a test
// that matches `==` with fnmatch and `=~` with regcomp (ash.c simplecmd, coreutils/test.c).
// strata refused `[[` in both shells before.
const DOUBLE_BRACKETS = [
  '[[ abc == a* ]]; echo $?; [[ abc == "a*" ]]; echo $?; [[ abc != a?c ]]; echo $?; [[ "a*" == a\\* ]]; echo $?',
  'x="a b"; [[ $x == "a b" ]]; echo $?; [[ -n $x ]]; echo $?',
  'x="*"; [[ abc == $x ]]; echo $?; [[ abc == "$x" ]]; echo $?',
  'touch abc a1; [[ abc == a* ]]; echo $?; [[ x == a* ]]; echo $?',
  '[[ -n "" || a ]]; echo $?; [[ -n "" && a ]]; echo $?; [[ a && b || "" ]]; echo $?; [[ ! a ]]; echo $?',
  '[[ a -a b ]]; echo $?',
  '[[ a && ]]; echo $?',
  '[[ a ]] ]]; echo $?',
  '[[ a == a; echo $?',
  '[[ ( a ) ]]; echo $?',
  '[[ 1 -eq 1 ]]; echo $?; [[ 1+1 -eq 2 ]]; echo $?; [[ 010 -eq 8 ]]; echo $?; x=3; [[ x -lt 4 ]]; echo $?',
  '[[ 1 -eq "1 +" || a ]]; echo $?',
  '[[ abc =~ ^a.c$ ]]; echo $?; [[ abc =~ "a.c" ]]; echo $?; [[ ab =~ (a|b)+ ]]; echo $?; r="b*"; [[ abc =~ $r ]]; echo $?',
  'for r in "*a" "a|*b" "a**" "x{1}{2}" "a{2,1}" "[z-a]" "[a-]" "a{,2}" "(" ")" "[[:foo:]]"; do [[ a =~ $r ]]; echo "$r $?"; done',
  '[[ -d . && ! -f . ]] && echo dir; [[ -e nope ]] || echo none; [[ -v HOME ]]; echo $?',
  'echo [[ a && b ]]; echo $?',
  'f() [[ $1 == a ]]; f a; echo $?; f b; echo $?',
  'for f in a.txt b.log c.txt; do [[ $f == *.txt ]] && echo "$f"; done',
  'i=; while [[ $i != xxx ]]; do i=x$i; done; echo $i',
  '[[ a ]] > out; echo $?; ls',
  "'[[' a ]]; echo $?",
  'set -e; [[ a == b ]]; echo not',
  '[[ ]]; echo $?',
  'echo [z-a]; case b in [z-a]) echo m;; *) echo no;; esac; x=abc; echo ${x#[z-a]}',
  'echo $(( *.c )); echo after',
  'echo $(( 1 + .c ))',
];

// printf's conversions as C's printf does them: GNU (bash's builtin) reads a float into x86's long
// double, busybox into a double, and both round the exact binary value half to even (strata used
// JavaScript's toFixed: 2.5 was 3, and %a, %q and bash's `-v` were refused or misread)
const PRINTF = [
  'printf "%.0f %.0f %.0f %.0f %.1f %.2f\\n" 0.5 1.5 2.5 3.5 0.25 1.005',
  'printf "%.20f|%.17g|%.20e\\n" 0.1 0.1 0.1',
  'printf "%f %f|%e %g %G\\n" 1e20 1e30 12345.678 0.0001 1e-5',
  'printf "%g %g %g %g %g\\n" 100000 1000000 123456.5 0.00001 999999.5',
  'printf "%#.0f %#.0e %#g %#.3g|%+.1e|% g|%010.3g\\n" 3 3 0.5 100 12 0.5 -0.000123',
  'printf "%f %f %e|%5.1f|%-6e|%06f\\n" 1e5000 1e-5000 4e-4951 inf nan -inf; echo $?',
  'printf "%g %e\\n" 1e-310 1e308; echo $?',
  'printf "%a|%.1a|%.0a|%#a|%10a|%-12a|%010a|%+a\\n" 1.03125 1.03125 1.5 1 1 1 1 1; echo $?',
  'printf "%a %A %a %a %.3a %.0a\\n" 0.1 0.1 1e-320 -0 3.14159 1.9375; echo $?',
  'printf "%u %x %o|" -1 -2 +3; printf "%d %u %x\\n" 9223372036854775808 18446744073709551616 -9223372036854775809; echo $?',
  "printf '%d|' 1 x 2 99999999999999999999 3; echo $?",
  'printf "%z\\n"; echo $?; printf "a%yb%s\\n" c d; echo $?; printf "%5.2"; echo " $?"; printf "x%lld %Lf %hhd\\n" 1 2 3; echo $?',
  'printf "%jd %td|" 1 2; echo $?',
  'printf "%5b|%b\\n" a b; echo $?',
  "printf 'a\\cb'; echo; printf '%b|' 'x\\cy' z; echo",
  'printf; echo $?',
];

// paste, which tutorials pipe into (`seq 10 | paste -sd+`): GNU's empty field for a file that ran
// out against busybox's skipped field and unended line (strata refused paste before)
const PASTE = [
  "printf '1\\n2\\n3\\n' > a; printf 'x\\ny' > b; paste a b; echo \"[$?]\"; paste -d, a b b; paste -s a b; paste -sd+ a",
  "printf '1\\n2\\n3\\n' > a; printf 'x\\ny' > b; paste -d '' a b; echo \"[$?]\"",
  "seq 6 | paste - -; seq 5 | paste -s -d '\\t,'; seq 7 | paste -d '\\n:' - - -",
  'printf "1\\n" > a; paste a nope; echo $?; paste nope1 nope2; echo $?; paste -sd, nope a; echo $?',
  'paste < /dev/null; echo $?; printf "" | paste -s; echo $?',
  "printf '1\\n2\\n' > a; paste -d '\\0' a a; paste -d 'a\\zb' a a a a; paste -d 'x\\' a a; echo $?",
  "seq 1 10 | grep -E '^[0-9]$' | paste -sd+; printf 'a\\nb\\n' > f; printf '1\\n2\\n3\\n4\\n' > g; paste f g f; echo end",
  'printf "1\\n2\\n" > a; seq 3 | paste - a -; echo $?; printf "a\\n\\nb\\n" | paste -s -d,; printf "\\n\\n" | paste - -',
];

// bash's words alone (ash reads these as commands and redirections)
const BASH_PRINTF = [
  "printf '%q\\n' 'a b' \"it's\" '$x' '' '#a' 'a#b' '~x' 'a=~b' 'a:~' $'tab\\there' $'\\x01\\x7f\\xe9' 'plain-word_1.2' 'a,b' '=x'",
  "printf '%#q|%10q|%-6q|%.3q\\n' \"it's\" ab 'a b' abcdef",
  'printf -v; echo $?; printf -v 1x a; echo $?; printf -v x; echo $?; printf -v x "%s-%d" a 5 b; echo "$x"; printf -v y "a\\n"; echo "[$y]"; f() { local z; printf -v z hi; echo $z; }; f; echo "[$z]"',
  "printf '\\x41\\101\\u00e9\\U0001F600\\u41\\e[0m\\c more'; echo",
  // coreutils' usage errors (busybox's name its own build, which the image's is not)
  'mkfifo; echo $?; mknod; echo $?',
  'bash -euo pipefail -c "false | true; echo st \\$?"; echo $?',
  // a host script runs with its #! interpreter, which every host has (strata's host had no /bin)
  "printf '#!/bin/sh\\necho \"args: $# $1\"\\n' > s.sh; chmod +x s.sh; ./s.sh one two; echo $?",
  "printf '#!/usr/bin/env bash\\necho \"in bash $1\"\\n' > b.sh; chmod +x b.sh; ./b.sh x; echo $?",
  "printf '#!/bin/bash\\nset -e\\nfalse\\necho no\\n' > c.sh; chmod +x c.sh; ./c.sh; echo $?",
  "printf '#!/bin/nosuch\\necho x\\n' > d.sh; chmod +x d.sh; ./d.sh; echo $?",
];

const BASH_DOUBLE_BRACKETS = [
  '[[ a < b ]]; echo $?; [[ b > a ]]; echo $?; [[ a < "" ]]; echo $?',
  '[[ a ]]; echo $?; [[ "" ]]; echo $?; [[ a == b || ( c == c && -d / ) ]]; echo $?',
  '[[ $(echo a b) == "a b" ]]; echo $?; [[ ~ == /root ]]; echo $?',
  'set -x; [[ "x y" == "a b"* ]]; [[ -n "x y" ]]; [[ ! -z "" ]]; [[ ! ( a == b ) ]]; [[ a =~ "(x)"y$ ]]; [[ 1 -eq 1 && 2 -lt 1 ]]',
  'x=; [[ -v x ]]; echo $?; [[ -v 1 ]]; echo $?; [[ -o errexit ]]; echo $?; set -e; [[ -o errexit ]]; echo $?',
  'false\n[[ a b ]]\necho not reached',
  'x=1\n[[ $x == 1 ]] && echo one\n[[ -f a b ]]\necho not reached',
  'eval "[[ a b ]]"; echo $?',
  '[[ a', '[[ a ]', '[[ a ]] b', '[[ -f', '[[ a ==', '[[ a == b', '[[ (', '[[ ( a', '[[ a &&', '[[ -n a',
  '[[ a\n]]; echo $?', '[[ a &&\nb ]]; echo $?', '[[ a ; ]]', '[[ a == b|c ]]', '[[ a == (a|b) ]]', '[[ || a ]]', '[[ a < ]]',
  '[[ a =~ ( ]]', '[[ x =~ x) ]]', '[[ a !~ b ]]',
];

describeAgainstReal('gnu', 'bash on the host', [...BOTH, ...BASH_ONLY, ...DOUBLE_BRACKETS, ...PRINTF, ...PASTE, ...BASH_DOUBLE_BRACKETS, ...BASH_PRINTF]);
describeAgainstReal('busybox', 'busybox sh in a container', [...BOTH, ...BASH_ONLY, ...DOUBLE_BRACKETS, ...PRINTF, ...PASTE]);

// What strata cannot answer is refused by name, never answered wrongly: $RANDOM is a new number at
// each read in both shells (it expanded to nothing), and bash's builtins strata has not are no
// "command not found" (busybox ash has none of them: its "not found" stays).
describe('refused by name', () => {
  it.each([
    ['gnu', 'echo $RANDOM'],
    ['gnu', 'x=$((RANDOM % 6)); echo $x'],
    ['gnu', 'echo $SRANDOM'],
    ['busybox', 'echo $RANDOM'],
    ['busybox', ': $((RANDOM))'],
  ] as const)('%s: %s', (flavour, script) => {
    const got = runSimulated(flavour, script);
    expect(got.exitCode).toBe(125);
    expect(got.output).toMatch(/^strata does not simulate \$S?RANDOM: its value is random\n$/);
  });

  it.each([
    ['a=(1 2); echo ${a[1]}', 'strata does not simulate bash arrays (a=(...))'],
    ['echo ${PIPESTATUS[0]}', 'strata does not simulate bash arrays (${PIPESTATUS[...]})'],
    ['echo ${!HO*}', 'strata does not simulate ${!HO*} (the names of variables)'],
    ['s=hi; echo ${s^^[h]}', 'strata does not simulate a pattern in ${s^^...}'],
  ])('bash: %s', (script, words) => {
    expect(runSimulated('gnu', script)).toEqual({ output: `${words}\n`, exitCode: 125 });
  });

  // whatever strata could get wrong of `[[`: what =~ matched (JavaScript's regex matches
  // leftmost-first, POSIX leftmost-longest), extended patterns, -N (atime), unknown options
  it.each([
    ['[[ abc =~ b ]]; echo "$BASH_REMATCH"', 'strata does not simulate BASH_REMATCH (the text =~ matched)'],
    ['[[ abc =~ (b) ]]; echo "${BASH_REMATCH[1]}"', 'strata does not simulate bash arrays (${BASH_REMATCH[...]})'],
    ['[[ a == @(a|b) ]]', "strata does not simulate bash's extended patterns (@(...)) in [[ ... ]]"],
    ['[[ -N / ]]', 'strata does not simulate [[ -N ... ]]'],
    ['[[ -o hashall ]]', 'strata does not simulate the shell option hashall ([[ -o hashall ]])'],
    ['printf "%(%Y)T" 0', 'strata does not simulate printf %(...)T (a time)'],
    ['printf "%n" x', 'strata does not simulate printf %n (it sets a variable)'],
    ['printf -v "a[1]" x', 'strata does not simulate bash arrays (printf -v a[1])'],
  ])('bash: %s', (script, words) => {
    expect(runSimulated('gnu', script)).toEqual({ output: `${words}\n`, exitCode: 125 });
  });

  it('a line left open inside [[ ... ]] waits for more, as bash -i prompts for it', () => {
    expect(needsMoreInput('[[ a &&')).toBe(true);
    expect(needsMoreInput('[[ -n a')).toBe(true);
    expect(needsMoreInput('[[ a b ]]')).toBe(false);
    expect(needsMoreInput('[[ a == b ]] && echo x')).toBe(false);
  });

  // strata's file systems have no device nodes of their own: making one is refused, in both
  // shells, where the command used to fail as "not simulated" and the script went on
  it.each([
    ['gnu', 'mknod n c 1 3; ls'],
    ['busybox', 'mknod /tmp/null c 1 3'],
  ] as const)('%s: %s', (flavour, script) => {
    expect(runSimulated(flavour, script)).toEqual({ output: 'strata does not simulate mknod of a device node: its file systems have no device nodes of their own\n', exitCode: 125 });
  });

  // FIFOs are made (fs/node.ts FifoNode; recorded with busybox: fs/fifo-in-writable-layer; GNU's
  // words checked against this Debian 12 host's coreutils 9.1), and what reads or writes one, which
  // would wait for the other end, is refused by name
  it('mkfifo and mknod NAME p make a FIFO, in GNU and busybox words; reading one is refused', () => {
    expect(runSimulated('gnu', "mkfifo p; mkfifo p; echo $?; mknod p p; echo $?; mkfifo -m 600 q; ls -l p q | cut -c1-10; test -p p && echo fifo; ls -F")).toEqual({
      output: "mkfifo: cannot create fifo 'p': File exists\n1\nmknod: p: File exists\n1\nprw-r--r--\nprw-------\nfifo\np|\nq|\n",
      exitCode: 0,
    });
    expect(runSimulated('gnu', 'mkfifo -m 999 p; echo $?')).toEqual({ output: 'mkfifo: invalid mode\n1\n', exitCode: 0 });
    expect(runSimulated('busybox', 'mkfifo /tmp/p; mkfifo /tmp/p; echo $?; mknod /tmp/q p 1 2; echo $?; cat /tmp/p')).toMatchObject({ exitCode: 125 });
    const read = runSimulated('busybox', 'mkfifo /tmp/p; echo before; cat /tmp/p');
    expect(read).toEqual({ output: 'before\nstrata does not simulate reading or writing a named pipe (/tmp/p): it runs no reader and writer at once\n', exitCode: 125 });
    expect(runSimulated('busybox', 'mkfifo /tmp/p; echo x > /tmp/p')).toEqual({ output: 'strata does not simulate reading or writing a named pipe (/tmp/p): it runs no reader and writer at once\n', exitCode: 125 });
  });

  it('busybox mkfifo and mknod without operands print their usage (exit 1)', () => {
    const got = runSimulated('busybox', 'mkfifo; echo $?; mknod; echo $?');
    expect(got.output).toContain('Usage: mkfifo [-m MODE] NAME\n\nCreate named pipe\n');
    expect(got.output).toContain('\tp\tNamed pipe (MAJOR MINOR must be omitted)\n1\n');
    expect(got.output.match(/^1$/gm)).toHaveLength(2);
  });

  // the page reader, strata shell and the scenario parser ask whether a line is complete: a refused
  // construct is a complete line (refused when it runs), never an internal error there
  it('a line the parse refuses is complete to the page reader and strata shell', () => {
    expect(openness('a=(1 2); echo ${a[1]}')).toEqual({ more: false, quote: false, awaited: [] });
    expect(needsMoreInput('echo ${!HO*} \\')).toBe(true);
    expect(needsMoreInput('echo ${PIPESTATUS[0]}')).toBe(false);
  });

  it('bash builtins strata has not are refused, busybox says they are not there', () => {
    for (const name of ['shopt', 'mapfile', 'readarray']) {
      expect(runSimulated('gnu', `${name} x`).output).toBe(`bash: line 1: ${name}: strata does not simulate this command\n`);
    }
    expect(runSimulated('busybox', 'declare x')).toEqual({ output: 'sh: declare: not found\n', exitCode: 127 });
  });
});
