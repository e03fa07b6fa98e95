// `set -o` and `set +o` without an option name list the shell's options (src/shell/builtins.ts
// optionListing): each shell's names in its own order and format, the state of the ones strata
// tracks, a -c shell's defaults for the rest. Run by strata and by the real shell, compared
// (test/shell/differential/real.ts); dash's listing is in test/container/userland.test.ts.
import { describeAgainstReal } from './differential/against-real.ts';

const SCRIPTS = [
  'set -o',
  'set +o',
  'set -eo pipefail; set -o',
  'set -o nounset -o noglob; set +o',
  'set -Ca; set -o | grep -E "noclobber|allexport"',
  'set -eo; echo "after $?"',
  'set -e; set +o errexit; set +o | grep errexit; false; echo survived',
  'eval "$(set -eo pipefail; set +o)"; set -o | grep -E "^(errexit|pipefail)"',
  // names of Object.prototype's members are no options either
  'set -o constructor; echo "s=$?"; set +o toString; echo "t=$?"',
];

describeAgainstReal('gnu', 'set -o and set +o listings in bash', SCRIPTS);
describeAgainstReal('busybox', 'set -o and set +o listings in busybox sh', SCRIPTS);
