// A variable's value in arithmetic is read as a number the way the expression's own constants
// are (src/shell/expand.ts Arith.variable): a leading 0 is octal, 0x hex, a sign or blanks around
// it allowed, and a digit 8 or 9 after a leading 0 an error. Each script runs in strata and in the
// real shell (test/shell/differential/real.ts), outputs and statuses compared.
import { describeAgainstReal } from './differential/against-real.ts';

const SCRIPTS = [
  'a=010; echo $((a)) $((a + 1))',
  'a=-010; echo $((a))',
  'a=" 010 "; echo $((a))',
  'a=0x1f; echo $((a))',
  'a=0; b=-0; echo $((a)) $((b))',
  'a=09; echo $((a)); echo not reached',
  'a=007; a=$((a + 1)); echo $a',
];

describeAgainstReal('gnu', 'numeric variable values in bash arithmetic', SCRIPTS);
describeAgainstReal('busybox', 'numeric variable values in busybox sh arithmetic', SCRIPTS);
