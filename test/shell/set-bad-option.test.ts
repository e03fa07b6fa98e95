// `set` with an option the shell does not know (src/shell/builtins.ts set): an unknown letter and
// an unknown `-o NAME` have different words and statuses in each shell, and busybox exits for
// the letter only. Each script runs in strata and in the real shell (test/shell/differential/real.ts).
import { describeAgainstReal } from './differential/against-real.ts';

const SCRIPTS = ['set -o nosuch; echo "s=$?"', 'set +o nosuch; echo "s=$?"', 'set -Z; echo "s=$?"', 'set -eZ; echo "s=$?"', 'set -o errexit -o nosuch; echo "s=$?"', 'set -o errexit -Z; echo "s=$?"; false; echo after'];

describeAgainstReal('gnu', 'set with an unknown option in bash', SCRIPTS);
describeAgainstReal('busybox', 'set with an unknown option in busybox sh', SCRIPTS);
