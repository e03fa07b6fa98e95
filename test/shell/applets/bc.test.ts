// bc in both shells, against what GNU bc 1.07.1 and busybox 1.35's bc printed for the same script
// (run by test/shell/differential/real.ts and read over). Each row: the script, the host's output,
// the container's; `[exit N]` is the script's status.
import { describe, expect, it } from 'vitest';
import { itInBothShells, shown as run } from '../differential/simulated.ts';

const CASES: [string, string, string][] = [
  [
    "echo '1+2; scale=3; 10/3; 2^10; sqrt(2)' | bc",
    "3\n3.333\n1024\n1.414\n[exit 0]",
    "3\n3.333\n1024\n1.414\n[exit 0]",
  ],
  [
    "echo 'x=5; x*2; 7%3; -3/2; scale=2; 1/3; 3.5*2; 0.5; -0.25*2' | bc",
    "10\n1\n-1\n.33\n7.0\n.5\n-.50\n[exit 0]",
    "10\n1\n-1\n.33\n7.0\n.5\n-.50\n[exit 0]",
  ],
  [
    "echo 'foo(' | bc; echo rc=$?",
    "(standard_in) 2: syntax error\nrc=0\n[exit 0]",
    "bc: bad expression at ''\nrc=1\n[exit 0]",
  ],
  [
    "echo '2^100; 2^300' | bc; echo 'scale=2; 5%3; 5.5%2' | bc; echo '1.50+1' | bc; echo 'obase=16; 255' | bc",
    "1267650600228229401496703205376\n20370359763344860862684456884093781610514683936659362506361404493543\\\n81299763336706183397376\n.02\n0\n2.50\nFF\n[exit 0]",
    "1267650600228229401496703205376\n20370359763344860862684456884093781610514683936659362506361404493543\\\n81299763336706183397376\n.02\n0\n2.50\nFF\n[exit 0]",
  ],
  [
    "echo '3 > 2; 2 == 3' | bc; printf 'a=3\\na+1\\na++\\na\\n' | bc",
    "1\n0\n4\n3\n4\n[exit 0]",
    "1\n0\n4\n3\n4\n[exit 0]",
  ],
  [
    "echo '10/4' | bc -l; echo 'scale=50; 1/7' | bc; echo '2*(3+4)' | bc",
    "2.50000000000000000000\n.14285714285714285714285714285714285714285714285714\n14\n[exit 0]",
    "2.50000000000000000000\n.14285714285714285714285714285714285714285714285714\n14\n[exit 0]",
  ],
  [
    "echo '-5%3; 5.25/1; 0.1+0.2; 1.000*3; 3*1.5; 10^-2; scale=4; 10^-2' | bc",
    "-2\n5\n.3\n3.000\n4.5\n0\n.0100\n[exit 0]",
    "-2\n5\n.3\n3.000\n4.5\n0\n.0100\n[exit 0]",
  ],
  [
    "a=3; b=4; echo \"$a * $b + 0.5\" | bc; echo \"scale=2; $a / $b\" | bc; echo \"sqrt(16); length(123.45); scale(1.500)\" | bc",
    "12.5\n.75\n4\n5\n3\n[exit 0]",
    "12.5\n.75\n4\n5\n3\n[exit 0]",
  ],
  [
    "echo 'scale=3; 22/7; -22/7; 100.5 - 0.75' | bc; echo '12345678901234567890 * 98765432109876543210' | bc",
    "3.142\n-3.142\n99.75\n1219326311370217952237463801111263526900\n[exit 0]",
    "3.142\n-3.142\n99.75\n1219326311370217952237463801111263526900\n[exit 0]",
  ],
  [
    "printf '1+1\\n2+2\\n' > f; bc f </dev/null; echo rc=$?",
    "2\n4\nrc=0\n[exit 0]",
    "2\n4\nrc=0\n[exit 0]",
  ],
];

describe('bc: arithmetic with scale, variables, and each one\'s errors', () => {
  itInBothShells(CASES);

  it("divides by zero: busybox's error; GNU's names an address in its program, refused by name", () => {
    expect(run('busybox', "echo '1/0' | bc; echo rc=$?")).toBe('bc: divide by zero\nrc=1\n[exit 0]');
    expect(run('gnu', "echo '1/0' | bc")).toMatch(/strata does not simulate GNU bc's divide by zero/);
  });
});
