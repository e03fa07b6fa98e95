// `kill` of a background job (its PID, `%N`), and what `wait` and `jobs` say afterwards
// (src/shell/jobs.ts), each script run by strata and by the real shell (bash 5.2 with GNU tools,
// Debian's busybox sh). PIDs differ from run to run, so no script prints one; each kill is
// followed by a `sleep 1` before `wait`, as whether `wait` or an earlier command collects the job
// is a race in both shells. The oracle's busybox in a container: test/recorded/*/shell/busybox-kill-job.
import { describe, expect, it } from 'vitest';
import { describeAgainstReal } from './differential/against-real.ts';
import { shown } from './differential/simulated.ts';

const BOTH = [
  'sleep 100 & kill $!; echo "kill=$?"; sleep 1; wait $!; echo "wait=$?"',
  'sleep 100 & kill %1; echo "kill=$?"; wait; echo "wait=$?"',
  'sleep 100 & kill %2; echo "kill=$?"; kill %1; sleep 1; wait %1; echo "wait=$?"; kill %1; echo "again=$?"; wait %1; echo "w=$?"',
  'sleep 1 & sleep 2; kill $! 2>/dev/null; echo "kill=$?"; wait $!; echo "wait=$?"',
  'true & false & sleep 1; wait $!; echo "false=$?"; wait; echo "all=$?"',
  'kill %1; echo "none=$?"; wait %1; echo "wait=$?"; wait 12345; echo "pid=$?"',
  // (not `kill $!; kill $!`: whether the second kill finds the job not yet collected is a race
  // in the real shell, which failed a whole run once on a loaded machine)
  'sleep 100 & sleep 100 & kill %+ %-; echo "both=$?"; sleep 1; wait; echo "w=$?"',
  'sleep 100 & kill -0 $!; echo "alive=$?"; kill $!; sleep 1; kill -0 $! 2>/dev/null; echo "gone=$?"',
  'sleep 100 & kill -s CONT $!; kill -WINCH $!; kill -0 $!; echo "still=$?"; kill $!; sleep 1; wait $!; echo "w=$?"',
  'sleep 2 & sleep 1; kill -0 $!; echo "running=$?"; wait $!; echo "w=$?"',
];

describeAgainstReal('gnu', 'kill of a background job in bash', [
  ...BOTH,
  // bash names the job spec (`kill: %x: no such job`) and goes on with the next operand
  'sleep 100 & kill %x $!; echo "k=$?"; sleep 1; wait; echo "w=$?"',
  'sleep 100 & kill %sl; echo "k=$?"; sleep 1; wait %sl; echo "w=$?"',
]);
describeAgainstReal('busybox', 'kill of a background job in busybox sh', [
  ...BOTH,
  // busybox: one unknown spec fails the whole command (status 2, nothing sent)
  'sleep 100 & kill $! %x; echo "k=$?"; kill -0 $!; echo "alive=$?"; kill %1; sleep 1; jobs; echo "j=$?"',
  'true & false & sleep 1; jobs; sleep 100 & jobs; kill %1; sleep 1; jobs',
  'kill %; echo "cur=$?"; kill %-; echo "prev=$?"',
]);

describe('what strata does not follow, it refuses by name', () => {
  it.each([
    // the job did more than sleep: stopping it part-way would undo what it printed
    ['(sleep 100; echo never) & kill $!', 'busybox'],
    // whether the job has died when `jobs` runs is a race
    ['sleep 100 & kill $!; jobs', 'busybox'],
    // bash reports a KILL when it collects the job after the next command: not placed
    ['sleep 100 & kill -9 $!; sleep 1; echo after', 'gnu'],
    // stops the job
    ['sleep 100 & kill -STOP $!', 'busybox'],
  ] as const)('%s (%s)', (script, flavour) => {
    expect(shown(flavour, script)).toMatch(/strata does not simulate .*\n\[exit 125\]$|strata does not simulate/);
  });
});

// bash's builtin kill fails only when no operand succeeded (kill.def any_succeeded); busybox's
// status is 1 when any failed (signal 0 to the shell itself: nothing is sent)
const STATUS = ['kill -0 $$ 99999 2>/dev/null; echo "k=$?"', 'kill -0 99999 $$ 2>/dev/null; echo "k=$?"'];
describeAgainstReal('gnu', 'bash kill status with operands that fail', [...STATUS, 'kill -0 99999 abc 2>&1; echo "k=$?"']);
describeAgainstReal('busybox', 'busybox kill status with operands that fail', STATUS);
