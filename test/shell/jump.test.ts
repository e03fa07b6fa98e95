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
  // return outside a function: in a command substitution or subshell at top level (bash refuses it
  // and goes on, busybox leaves the subshell with the status), at the top of a sourced file
  'x=$(return 13; echo no); echo "sub:$? [$x]"',
  'x=$(return; echo no); echo "sub:$? [$x]"',
  'false; x=$(return; echo no); echo "sub:$? [$x]"',
  'echo $(return 13); echo "s=$?"',
  '(return 4; echo no); echo "paren:$?"',
  'printf "echo one\\nreturn 8\\necho two\\n" > t.sh; . ./t.sh; echo "sourced:$?"',
  // an assignment before return: bash restores the variable, busybox keeps it (a special builtin)
  'f() { x=1 return 4; }; x=0; f; echo "st=$? x=$x"',
  'f() { x=1 return; }; f; echo "st=$? x=$x"',
  'x=1 break; echo "x=$x"; for i in 1; do x=2 break; done; echo "x=$x"',
  // `! return N` negates in busybox, not in bash (the function returns N)
  'f() { ! return 0; }; f; echo "neg0:$?"; g() { ! return 3; echo inside; }; g; echo "neg3:$?"',
  // break and continue outside a loop: bash warns and goes on with status 0, busybox says nothing;
  // in a function called from a loop busybox leaves (or continues) the caller's loop
  'break; echo "after break $?"',
  'continue; echo "after continue $?"',
  'break 2; echo "after break 2 $?"',
  'for i in 1 2; do (break); echo "i=$i $?"; done',
  'f() { break; }; for i in 1 2 3; do echo $i; f; done; echo "done $?"',
  'f() { continue; }; for i in 1 2 3; do f; echo $i; done; echo "done $?"',
  'f() { break; }; f; echo "no loop $?"',
  'break 0; echo "b0 $?"',
  'for i in 1 2; do echo $i; break 0; echo "after $?"; done; echo "b0loop $?"',
  'for i in 1 2; do break x; done; echo "bx $?"',
];

const BASH_ONLY = [
  'f() { for ((i = 0; i < 5; i++)); do [ $i = 2 ] && return $i; done; }; f; echo "s=$?"',
  'for ((i = 0; i < 4; i++)); do [ $i = 1 ] && continue; [ $i = 3 ] && break; echo $i; done; echo "s=$?"',
  'f() { [[ -n x ]] && return 3; }; f; echo "s=$?"',
];

describeAgainstReal('gnu', 'return, break and continue in bash on the host', [...SCRIPTS, ...BASH_ONLY]);
describeAgainstReal('busybox', 'return, break and continue in busybox sh in a container', SCRIPTS);

// `return` at the top level of a script run as a program: bash refuses it and reads on, busybox
// exits with the status
describeAgainstReal('gnu', 'return at the top of a script in bash', ['printf "echo one\\\\nreturn 8\\\\necho two\\\\n" > t.sh; bash t.sh; echo "script:$?"', 'return 5; echo "after $?"']);
describeAgainstReal('busybox', 'return at the top of a script in busybox sh', ['printf "echo one\\\\nreturn 8\\\\necho two\\\\n" > t.sh; sh t.sh; echo "script:$?"', 'return 5; echo "after $?"']);

// break/continue operands and the loops a subshell, pipeline or `$( )` keeps, in both shells
const OPERANDS = [
  '(exit 3); for i in 1; do break x; done',
  'for i in 1; do break 1 2; done; echo "st $?"',
  'for i in 1 2; do break " 2"; done; echo "st $?"',
  'for j in a b; do for i in 1 2; do echo $j$i; continue 0; done; done; echo "c0 $?"',
  'for i in 1 2; do for j in 1 2; do echo $i$j; continue +1; done; done; echo "st $?"',
  'for i in 1; do break -1; done; echo "st $?"',
  'break x; echo "st $?"',
  'f() { for i in 1 2; do echo $i; break 3; done; echo "in f"; }; for j in a b; do echo $j; f; done; echo "st $?"',
  'for i in 1 2; do break | cat; echo $i; done',
  'for i in 1 2; do echo "[$(break; echo x)]"; done',
  'for i in 1 2; do (continue; echo no); echo $i; done',
  'for i in 1 2; do { break; } & wait; echo $i; done',
  'f() { ! break; }; f; echo "st $?"; for i in 1 2; do ! break; done; echo "st $?"',
  'for i in 1 2; do ! continue; done; echo "st $?"',
  // assignments before other special builtins: temporary in bash but for what export/readonly name
  'x=1 :; echo "x=$x"',
  'x=1 eval "echo in=\\$x; x=2"; echo "x=$x"',
  'x=1 eval "y=3"; echo "y=$y"',
  'echo "x=5" > f; x=1 . ./f; echo "x=$x"',
  'x=0; x=1 export x; echo "x=$x"',
  'x=1 export y=2; echo "x=$x y=$y"',
  'x=1 readonly x; echo "x=$x"',
  'x=1 set -- a; echo "x=$x $1"',
];
describeAgainstReal('gnu', 'break and continue operands, assignments before special builtins in bash', OPERANDS);
describeAgainstReal('busybox', 'break and continue operands, assignments before special builtins in busybox sh', OPERANDS);
