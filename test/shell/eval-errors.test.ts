// busybox ash's messages from inside `eval` (`sh: eval: line N: ...`, a builtin's own name, the
// eval's lines counted from the eval command's) and an expansion error in a here-document's body
// (a failed redirection: status 1, the shell goes on), each script run by strata and by Debian's
// busybox 1.35 sh (src/shell/interpreter.ts runEval, ashBase, expandHereDoc). The same in a
// container on both engines: test/recorded/*/shell/busybox-eval-errors.
import { describeAgainstReal } from './differential/against-real.ts';

const SCRIPTS = [
  "eval 'echo $((1+))'; echo after $?",
  "eval 'cd /nope'; echo after $?",
  "eval 'nosuchcmd'; echo after $?",
  "eval 'if'; echo after $?",
  "eval 'echo ${x?unset}'; echo after $?",
  "eval 'echo hi > /nope/x'; echo after $?",
  "eval 'f() { cd /nope; }; f'; echo after $?",
  "eval 'echo a\ncd /nope\nnosuch'; echo after $?",
  "eval 'echo a\necho $((1+))\necho b'; echo after $?",
  "eval 'shift 5'; echo after $?",
  "eval 'set -o bogus'; echo after $?",
  "eval 'echo \"unterminated'; echo after $?",
  "eval 'eval \"cd /nope\"'; echo after $?",
  "eval 'x=$((1/0))'; echo after $?",
  "eval 'echo ${x:?gone}'; echo after $?",
  "echo x\ncd /nope\neval 'cd /nope2'\necho after $?",
  "echo x\n\neval 'echo a\nnosuch'\nnosuch2\necho after $?",
  "echo x\neval 'echo a\n\nif'\necho after $?",
  "f() {\n  cd /nope\n  nosuch\n}\neval f\necho after $?",
  "eval 'g() {\ncd /nope\n}'\necho\ng\necho after $?",
  "echo 'cd /nope\nnosuch' > s.sh\n. ./s.sh\neval '. ./s.sh'\necho after $?",
  "echo 'eval \"cd /x\"\neval nosuch' > s.sh\necho\n. ./s.sh\necho after $?",
  "trap 'nosuch' EXIT\neval 'cd /nope'",
  'cat <<E\n$((1+))\nE\necho after $?',
  'cat <<E\n${x?unset}\nE\necho after $?',
  'cat <<E\n$(echo hi; cd /nope)\nE\necho after $?',
  'cat <<E\nline $((2+3))\nE\necho after $?',
  'x=1; cat <<E\n$((x=5))\nE\necho "x=$x"',
  'cat <<E; echo after $?\n$((1/0))\nE\necho end $?',
  'cat <<E | cat\n$((1/0))\nE\necho after $?',
  'cat <<E && echo ok || echo fail $?\n${x:?gone}\nE',
  '{ echo a; } <<E\n$((1+))\nE\necho after $?',
  'f() { cat; }; f <<E\n$((1+))\nE\necho after $?',
  'while cat <<E; do echo in; done\n$((1+))\nE\necho after $?',
  'set -e; cat <<E\n$((1+))\nE\necho after $?',
  'eval "cat <<E\n\\$((1+))\nE"; echo after $?',
];
describeAgainstReal('busybox', 'busybox eval errors and here-document expansion errors', SCRIPTS);
