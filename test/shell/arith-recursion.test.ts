// A variable whose value, evaluated as arithmetic, leads back to itself (src/shell/expand.ts
// Arith.variable): busybox refuses as soon as a name comes round again; bash follows the values
// down to its 1024th expression and names that one and its token. Values that nest without a
// cycle (bash: up to its 1024th expression), and a cycle that its own side effects end, evaluate. Each script runs in strata and in
// the real shell (test/shell/differential/real.ts), outputs and statuses compared.
import { describeAgainstReal } from './differential/against-real.ts';

const SCRIPTS = [
  'a=a; echo $((a)); echo not reached',
  'a=b; b=a; echo $((a + 1))',
  'a=b; b=c; c=a; echo $((c * 2))',
  'a="1+a"; echo $((a))',
  'a="  b"; b=" c + 1"; c=a; echo $((a))',
  'a=a; echo $((a += 1))',
  'a=a; echo $((++a))',
  'a=a; echo $((a++))',
  'a=a; [[ a -eq 1 ]]; echo "s=$?"',
  'v=a; a=a; [[ $v -eq a* ]]; echo "s=$?"',
  'a=b; b=c; c="2*3"; echo $((a + a))',
  'x=0; a="x<3 ? (x++, a) : 7"; echo $((a)) $x',
  'a=a; (echo $((a))); echo "sub=$?"',
  // chains without a cycle: bare names as deep as bash goes (1023) and past it, expressions 30 deep
  'i=0; while [ $i -lt 1100 ]; do eval "v$i=v$((i+1))"; i=$((i+1)); done; v1100=5; echo $((v0))',
  'i=0; while [ $i -lt 1000 ]; do eval "v$i=v$((i+1))"; i=$((i+1)); done; v1000=5; echo $((v0 + 1))',
  'i=0; while [ $i -lt 30 ]; do eval "w$i=\\"w$((i+1)) + 1\\""; i=$((i+1)); done; w30=5; echo $((w0))',
];

describeAgainstReal('gnu', 'arithmetic recursion in bash', SCRIPTS);
describeAgainstReal('busybox', 'arithmetic recursion in busybox sh', SCRIPTS.filter((s) => !s.includes('[[')));
