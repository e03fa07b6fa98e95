// An expansion error in bash abandons the command being read, not the shell (DiscardSignal,
// src/shell/control.ts), unless it is an unset parameter (`set -u`, `${x?}`: the shell exits
// 127); the reader that goes on is the script's, an `eval`'s or a sourced file's, and a subshell
// ends with 1. busybox sh exits 2 for every one. Each script runs in strata and in the real shell.
import { describeAgainstReal } from './differential/against-real.ts';

const SCRIPTS = [
  'echo $((1+)); echo same\necho after $?',
  'x=a:b\necho $((x+1)) && echo no || echo or\necho after $?',
  'if true; then\necho $((1+))\necho in-if\nfi\necho after $?',
  'f() {\necho $((1+))\necho in-f\n}\nf\necho after $?',
  'for i in 1 2; do echo $((i+)); echo loop; done\necho after $?',
  'echo ${!nope}; echo same\necho after $?',
  'x="a b"; echo ${!x}\necho after $?',
  'echo $((2**-1))\necho after $?',
  'x=5; echo ${x:$((1/0))}\necho after $?',
  'x=abc; echo ${x:1+}\necho after $?',
  'x=abc; echo ${x:1:2+}; echo same\necho after $?',
  'echo hi > $((1+))\necho after $?',
  'cat <<E\n$((1+))\nE\necho after $?',
  'x=$((1+)) echo hi\necho after $?',
  "eval $'echo $((1+))\\necho in-eval'; echo same $?\necho after $?",
  'f() { eval "echo \\$((1+))"; echo in-f $?; }; f\necho after $?',
  'trap "echo trapped" EXIT; echo $((1+))\necho after $?',
  'set -e; echo $((1+)); echo same\necho after $?',
  '( echo $((1+)); echo sub )\necho after $?',
  'y=$(echo $((1+)); echo inner); echo "[$y] $?"\necho next',
  'echo $((1+)) | cat\necho after $?',
  'set -u; echo $nope\necho after $?',
  'echo ${x?}\necho after $?',
  'echo ${x:?gone}; echo same\necho after $?',
  'echo $((1+))',
  // bash's words for a parenthesis left open before another token (expr.c: missing `)')
  ...['(1 2)', '(1:2)', '2*(3 4)+1', '(1 @ 2)'].map((e) => `echo $(( ${e} ))\necho after $?`),
];

describeAgainstReal('gnu', 'an expansion error in bash abandons the command it reads', SCRIPTS);
// (left out for busybox: bash-only syntax)
const BUSYBOX = [
  ...SCRIPTS.filter((s) => !/\$\{!|\*\*/.test(s)),
  // busybox's "malformed ?: operator" for a `:` without its `?`, once an operand follows it
  ...['a:b', '1:2:3', '1,2:3', '(1:2)', '1?2', '5:', '1:2+', '(1 2)'].map((e) => `echo $((${e}))`),
];
describeAgainstReal('busybox', 'an expansion error in busybox sh ends the shell', BUSYBOX);
