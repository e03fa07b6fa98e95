// `return`, `break` and `continue` leave the commands around them without exceptions (Shell.jump,
// src/shell/control.ts Jump): every construct that runs commands one after another stops while a
// jump is set, and the function, sourced file, loop or process it leaves takes it. Each script is
// run by strata and by the real shell (test/shell/differential/real.ts) and compared: what it
// prints (stdout and stderr merged) and its exit status, including the statuses $? shows after a
// jump and what set -e, `!` and the EXIT trap make of them.
import { describeAgainstReal } from './differential/against-real.ts';

const SCRIPTS = [
  // return: from every kind of command list, with its status or $?'s
  'f() { echo a; return 3; echo no; }; f; echo "s=$?"',
  'f() { false; return; echo no; }; f; echo "s=$?"',
  'f() { if true; then return 4; fi; echo no; }; f; echo "s=$?"',
  'f() { if return 5; then echo then; else echo else; fi; echo no; }; f; echo "s=$?"',
  'f() { case x in x) echo c; return 6 ;; esac; echo no; }; f; echo "s=$?"',
  'f() { { echo b; return 7; echo no; }; echo no; }; f; echo "s=$?"',
  'f() { true && return 8 || echo no; echo no; }; f; echo "s=$?"',
  'f() { false || return 9 && echo no; echo no; }; f; echo "s=$?"',
  'f() { while :; do for i in 1 2; do return 10; done; done; echo no; }; f; echo "s=$?"',
  'f() { eval "echo e; return 11; echo no"; echo no; }; f; echo "s=$?"',
  'f() { ( return 12; echo no ); echo "sub=$?"; }; f; echo "s=$?"',
  'f() { return 14 | cat; echo "after pipe $?"; }; f; echo "s=$?"',
  'f() { g; echo "g=$?"; return 2; }; g() { return 15; echo no; }; f; echo "s=$?"',
  'f() { { return 17; } > out; echo no; }; f; echo "s=$?"; cat out',
  'f() { local v=in; return 18; }; v=out; f; echo "s=$? v=$v"',
  'set -e; f() { return 1; }; f || echo handled; echo after',
  'set -e; f() { return 0; echo no; }; f; echo after',
  'set -e; f() { return 3; }; f; echo not reached',
  "trap 'echo trap $?' EXIT; f() { return 4; }; f",
  'f() { trap "echo in trap" EXIT; return 5; }; (f; echo "sub $?")',
  'echo "return 19; echo no" > s.sh; . ./s.sh; echo "s=$?"',
  'f() { echo "return 20" > s2.sh; . ./s2.sh; echo "after source $?"; return 21; }; f; echo "s=$?"',
  'f() { for i in 1 2 3; do echo $i; [ $i = 2 ] && return $i; done; }; f; echo "s=$?"',
  // break and continue: levels, statuses, loops of every kind
  'for i in 1 2 3; do echo $i; break; echo no; done; echo "s=$?"',
  'for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done; echo "s=$?"',
  'for i in 1 2; do for j in a b; do echo $i$j; break 2; done; done; echo "s=$?"',
  'for i in 1 2; do for j in a b; do echo $i$j; continue 2; echo no; done; echo no; done; echo "s=$?"',
  'for i in 1 2; do for j in a b c; do [ $j = b ] && continue; echo $i$j; done; done',
  'i=0; while :; do i=$((i+1)); [ $i -gt 3 ] && break; echo $i; done; echo "s=$?"',
  'i=0; until [ $i -ge 3 ]; do i=$((i+1)); [ $i = 2 ] && continue; echo $i; done; echo "s=$?"',
  'while break; do echo no; done; echo "s=$?"',
  'for i in 1 2; do false; break; done; echo "s=$?"',
  // the loop's status after a break is the body's as the break left it: break's own 0 (strata kept
  // the status of the body before)
  'for i in 1 2; do if [ $i = 1 ]; then false; else break; fi; done; echo "s=$?"',
  'i=0; while [ $i -lt 3 ]; do i=$((i+1)); if [ $i = 3 ]; then continue; fi; false; done; echo "s=$?"',
  'for i in 1 2; do false; for j in a; do break 2; done; done; echo "s=$?"',
  'for i in 1 2 3; do case $i in 2) continue ;; esac; echo $i; done',
  'for i in 1 2; do echo $i | while read x; do break; done; echo "after $i"; done',
  'for i in 1 2 3; do eval "[ $i = 2 ] && break"; echo $i; done',
  'for i in 1 2 3; do { echo $i; break; } > /dev/null; done; echo "s=$?"',
  'for i in 1 2; do for j in 1 2; do break 5; done; echo no; done; echo "s=$?"',
  'for i in 1 2; do echo "break" > b.sh; . ./b.sh; echo no; done; echo "s=$?"',
  'set -e; for i in 1 2; do false || break; done; echo after',
  'for i in a b; do continue; done; echo "s=$?"',
];

const BASH_ONLY = [
  'f() { for ((i = 0; i < 5; i++)); do [ $i = 2 ] && return $i; done; }; f; echo "s=$?"',
  'for ((i = 0; i < 4; i++)); do [ $i = 1 ] && continue; [ $i = 3 ] && break; echo $i; done; echo "s=$?"',
  'f() { [[ -n x ]] && return 3; }; f; echo "s=$?"',
];

describeAgainstReal('gnu', 'return, break and continue in bash on the host', [...SCRIPTS, ...BASH_ONLY]);
describeAgainstReal('busybox', 'return, break and continue in busybox sh in a container', SCRIPTS);
