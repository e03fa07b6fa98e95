// test's integer operands that are not numbers: busybox (coreutils/test.c syntax) names a
// non-empty operand before `bad number` and an empty one not at all; bash and GNU test word it
// their own way. Each script runs in strata and in the real shell (test/shell/differential/real.ts).
import { describeAgainstReal } from './differential/against-real.ts';

const SCRIPTS = ['test "" -gt 5; echo "s=$?"', 'test x -gt 5; echo "s=$?"', '[ 3 -lt "" ]; echo "s=$?"', 'test " " -eq 0; echo "s=$?"'];

describeAgainstReal('busybox', 'test with an operand that is not a number in busybox sh', SCRIPTS);
describeAgainstReal('gnu', 'test with an operand that is not a number in bash', SCRIPTS);
