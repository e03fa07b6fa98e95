// awk in both shells, against what the real programs printed for the same script (Debian 12's
// mawk 1.3.4 20200120 as the host's awk, and busybox 1.35.0's awk of the busybox image, run by
// test/shell/differential/real.ts and read over). Each row: the script, the host's output, the
// container's; `[exit N]` is the script's status.
import { describe } from 'vitest';
import { itInBothShells } from '../differential/simulated.ts';

const CASES: [string, string, string][] = [
  [
    "printf 'root:x:0:0:root:/root:/bin/bash\\nbin:x:1:1::/bin:/sbin/nologin\\n' > p; awk -F: '{print $1}' p; awk -F: '$3 >= 1 {print $1, $NF}' p",
    "root\nbin\nbin /sbin/nologin\n[exit 0]",
    "root\nbin\nbin /sbin/nologin\n[exit 0]",
  ],
  [
    "printf 'Filesystem Size Use%%\\n/dev/sda1 10G 42%%\\ntmpfs 1G 0%%\\n' | awk 'NR>1 {print $3}'",
    "42%\n0%\n[exit 0]",
    "42%\n0%\n[exit 0]",
  ],
  [
    "printf 'err one\\nok\\nerr two\\n' | awk '/err/ {n++} END {print n, NR}'",
    "2 3\n[exit 0]",
    "2 3\n[exit 0]",
  ],
  [
    "printf 'a 1\\nb 2\\na 3\\n' | awk '{s[$1] += $2} END {for (k in s) printf \"%s=%d\\n\", k, s[k]}'",
    "b=2\na=4\n[exit 0]",
    "a=4\nb=2\n[exit 0]",
  ],
  [
    "awk -v name=world -v n=3 'BEGIN { for (i = 1; i <= n; i++) printf \"%d: hello %s\\n\", i, name }'",
    "1: hello world\n2: hello world\n3: hello world\n[exit 0]",
    "1: hello world\n2: hello world\n3: hello world\n[exit 0]",
  ],
  [
    "echo 'a b c' | awk '{ $2 = \"\"; print; print NF; $0 = \"x y\"; print $2, NF }'",
    "a  c\n3\ny 2\n[exit 0]",
    "a  c\n3\ny 2\n[exit 0]",
  ],
  [
    "awk 'BEGIN { s = \"foo.bar.baz\"; n = gsub(/\\./, \"/\", s); print n, s, length(s), substr(s, 5), index(s, \"bar\"), toupper(s) }'",
    "2 foo/bar/baz 11 bar/baz 5 FOO/BAR/BAZ\n[exit 0]",
    "2 foo/bar/baz 11 bar/baz 5 FOO/BAR/BAZ\n[exit 0]",
  ],
  [
    "awk 'BEGIN { n = split(\"2024-01-02\", d, \"-\"); print n, d[1] + 0, d[2] d[3]; print sprintf(\"%05.2f|%-4s|%x\", 3.14159, \"ab\", 255) }'",
    "3 2024 0102\n03.14|ab  |ff\n[exit 0]",
    "3 2024 0102\n03.14|ab  |ff\n[exit 0]",
  ],
  [
    "awk 'BEGIN { print 2147483648, 1e6, 0.1 + 0.2, 100/3, 1e300 * 10 }'",
    "2.14748e+09 1000000 0.3 33.3333 1e+301\n[exit 0]",
    "2147483648 1000000 0.3 33.3333 1e+301\n[exit 0]",
  ],
  [
    "awk 'BEGIN { for (i = 1; i <= 12; i++) a[i]; for (k in a) printf \"%s \", k; print \"\" }'",
    "3 10 8 6 5 2 11 1 4 12 9 7 \n[exit 0]",
    "10 11 12 1 2 3 4 5 6 7 8 9 \n[exit 0]",
  ],
  [
    "awk 'BEGIN { a[\"x\"]; a[\"y\"]; a[\"z\"]; a[\"apple\"]; a[\"b\"]; for (k in a) printf \"%s \", k; print \"\" }'",
    "x b z y apple \n[exit 0]",
    "z b apple x y \n[exit 0]",
  ],
  [
    "echo '0x1A 010 1e2 3x' | awk '{ print ($1 == 26), ($2 == 8), ($3 == 100), $4 + 1 }'",
    "0 0 1 4\n[exit 0]",
    "1 1 1 4\n[exit 0]",
  ],
  [
    "awk 'BEGIN { print \"a\"; x = 1 / 0; print \"b\", x }'; echo rc=$?",
    "a\nb inf\nrc=0\n[exit 0]",
    "a\nawk: cmd. line:1: Division by zero\nrc=1\n[exit 0]",
  ],
  [
    "awk 'BEGIN { print 2 ^ 10 }'; echo rc=$?",
    "1024\nrc=0\n[exit 0]",
    "awk: cmd. line:1: Math support is not compiled in\nrc=1\n[exit 0]",
  ],
  [
    "awk 'BEGIN { printf \"%d %s\\n\", 1 }'; echo rc=$?",
    "awk: run time error: not enough arguments passed to printf(\"%d %s\n\")\n\tFILENAME=\"\" FNR=0 NR=0\n1 rc=2\n[exit 0]",
    "1 \nrc=0\n[exit 0]",
  ],
  [
    "awk 'BEGIN { print 1'; echo rc=$?",
    "awk: line 2: missing } near end of file\nrc=2\n[exit 0]",
    "awk: cmd. line:1: Unexpected token\nrc=1\n[exit 0]",
  ],
  [
    "awk '{ print }' nope; echo rc=$?",
    "awk: cannot open nope (No such file or directory)\nrc=2\n[exit 0]",
    "awk: nope: No such file or directory\nrc=1\n[exit 0]",
  ],
  [
    "awk 'BEGIN { print \"x\" > \"/dev/stderr\"; print \"y\" }' 2>&1",
    "x\ny\n[exit 0]",
    "x\ny\n[exit 0]",
  ],
  [
    "printf 'b\\na\\n' | awk '{ print | \"sort\" } END { print \"end\" }'",
    "a\nb\nend\n[exit 0]",
    "end\na\nb\n[exit 0]",
  ],
  [
    "awk 'BEGIN { while ((\"echo one; echo two\" | getline l) > 0) print \"got \" l; print \"out\" > \"f\"; close(\"f\"); getline x < \"f\"; print x }'",
    "got one\ngot two\nout\n[exit 0]",
    "got one\ngot two\nout\n[exit 0]",
  ],
  [
    "printf 'one\\ntwo\\nthree\\n' | awk 'NR == 1 { next } { print NR \": \" $0 } NR == 2 { exit 4 } END { print \"end\" }'; echo rc=$?",
    "2: two\nend\nrc=4\n[exit 0]",
    "2: two\nend\nrc=4\n[exit 0]",
  ],
  [
    "awk 'BEGIN { printf \"[%5s][%-5s][%.2s][%c][%c]\\n\", \"ab\", \"ab\", \"abc\", 65, \"xyz\"; printf \"%u %x\\n\", -1, -1 }'",
    "[   ab][ab   ][ab][A][x]\n0 0\n[exit 0]",
    "[   ab][ab   ][ab][A][x]\n4294967295 ffffffff\n[exit 0]",
  ],
  [
    "awk 'BEGIN { print substr(\"hello\", -1, 3), substr(\"hello\", 0, 2), index(\"abc\", \"\") }'",
    "hell he 1\n[exit 0]",
    "hel he 0\n[exit 0]",
  ],
  [
    "awk 'BEGIN { print \"a\" \"\\q\" \"\\/\" }'",
    "a\\q\\/\n[exit 0]",
    "aq/\n[exit 0]",
  ],
  [
    "printf 'x\\n' | awk '{ print FILENAME \"|\" NR }'; awk 'BEGIN { print FILENAME \"|\" }'",
    "-|1\n|\n[exit 0]",
    "-|1\n|\n[exit 0]",
  ],
  [
    "awk 'BEGIN { print 1 > 2 ? \"y\" : \"n\" }'; cat y",
    "1\n[exit 0]",
    "1\n[exit 0]",
  ],
  [
    "awk 'BEGIN { \"echo hi\" | getline; print $0, NR; \"echo a b\" | getline v; print v, NR }'",
    "hi 0\na b 0\n[exit 0]",
    "hi 0\na b 0\n[exit 0]",
  ],
  [
    "awk 'BEGIN { print \"a\" > \"d/nope/x\" }'; echo rc=$?",
    "awk: cannot open \"d/nope/x\" for output (No such file or directory)\nrc=2\n[exit 0]",
    "awk: can't open 'd/nope/x': No such file or directory\nrc=1\n[exit 0]",
  ],
  [
    "awk 'BEGIN { print substr(\"hello\", 2, 3 }'; echo rc=$?",
    "awk: line 1: missing ) near }\nrc=2\n[exit 0]",
    "awk: cmd. line:1: Unexpected token\nrc=1\n[exit 0]",
  ],
  [
    "awk 'BEGIN { print 010, 0x10, 1e3, .5, 5. }'",
    "10 0 1000 0.5 5\n[exit 0]",
    "8 16 1000 0.5 5\n[exit 0]",
  ],
  [
    "mkdir d; awk 'BEGIN { print \"start\" } { print } END { print \"end\", NR }' < d; echo \"rc=$?\"; awk '{ print } END { print \"end\", NR }' d; echo \"rc=$?\"",
    "awk: read error (Is a directory)\nstart\nrc=2\nawk: read error (Is a directory)\nrc=2\n[exit 0]",
    "start\nawk: cmd. line:1: Is a directory\nrc=1\nawk: cmd. line:1: Is a directory\nrc=1\n[exit 0]",
  ],
  [
    "printf '10\\n\\n' | awk '{ print ($1 < $2), ($1 == $1 + 0) }'; echo 'a b' | awk '{ print ($5 == 0), ($5 == \"\") }'",
    "0 1\n0 0\n0 1\n[exit 0]",
    "0 1\n0 0\n1 1\n[exit 0]",
  ],
  [
    "printf 'b\\na\\n' | awk 'BEGIN { printf \"start\\n\" } { print | \"sort\" } END { print \"end\" }'",
    "start\na\nb\nend\n[exit 0]",
    "start\nend\na\nb\n[exit 0]",
  ],
  [
    "awk 'NR == 1 END { print NR }' /dev/null; echo rc=$?",
    "awk: line 1: syntax error at or near END\nrc=2\n[exit 0]",
    "awk: cmd. line:1: Unexpected token\nrc=1\n[exit 0]",
  ],
  [
    "awk 'BEGIN { x = 0; printf \"%.2f|\", x / 0; print x / 0 }'; echo rc=$?",
    "-nan|-nan\nrc=0\n[exit 0]",
    "awk: cmd. line:1: Division by zero\nrc=1\n[exit 0]",
  ],
];

describe('awk: tutorial one-liners and where mawk and busybox differ', () => {
  itInBothShells(CASES);
});
