// od in both shells, against what GNU coreutils 9.1's od and busybox 1.35's printed for the same
// script (run by test/shell/differential/real.ts and read over). Each row: the script, the host's
// output, the container's; `[exit N]` is the script's status.
import { describe } from 'vitest';
import { itInBothShells } from '../differential/simulated.ts';

const CASES: [string, string, string][] = [
  [
    "printf 'hello\\tworld\\n\\001\\377ab' > o.bin; od o.bin; od -c o.bin; od -x o.bin; od -An -tx1 o.bin; od -b o.bin; od -An -c o.bin; printf 'abc' | od -c; printf '' | od; od nope; echo rc=$?",
    "0000000 062550 066154 004557 067567 066162 005144 177401 061141\n0000020\n0000000   h   e   l   l   o  \\t   w   o   r   l   d  \\n 001 377   a   b\n0000020\n0000000 6568 6c6c 096f 6f77 6c72 0a64 ff01 6261\n0000020\n 68 65 6c 6c 6f 09 77 6f 72 6c 64 0a 01 ff 61 62\n0000000 150 145 154 154 157 011 167 157 162 154 144 012 001 377 141 142\n0000020\n   h   e   l   l   o  \\t   w   o   r   l   d  \\n 001 377   a   b\n0000000   a   b   c\n0000003\n0000000\nod: nope: No such file or directory\nrc=1\n[exit 0]",
    "0000000 062550 066154 004557 067567 066162 005144 177401 061141\n0000020\n0000000   h   e   l   l   o  \\t   w   o   r   l   d  \\n 001 377   a   b\n0000020\n0000000 6568 6c6c 096f 6f77 6c72 0a64 ff01 6261\n0000020\n 68 65 6c 6c 6f 09 77 6f 72 6c 64 0a 01 ff 61 62\n0000000 150 145 154 154 157 011 167 157 162 154 144 012 001 377 141 142\n0000020\n   h   e   l   l   o  \\t   w   o   r   l   d  \\n 001 377   a   b\n0000000   a   b   c\n0000003\n0000000\nod: nope: No such file or directory\nrc=1\n[exit 0]",
  ],
  [
    "printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' | od -c; printf 'abc' > o3; od -tx1 -v o3; od -t x1 o3; od -An -tx1 -w4 o3; od -d o3",
    "0000000   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a\n*\n0000040   a   a   a   a   a   a   a   a   b\n0000051\n0000000 61 62 63\n0000003\n0000000 61 62 63\n0000003\n 61 62 63\n0000000 25185    99\n0000003\n[exit 0]",
    "0000000   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a\n*\n0000040   a   a   a   a   a   a   a   a   b\n0000051\n0000000 61 62 63\n0000003\n0000000 61 62 63\n0000003\n 61 62 63\n0000000 25185    99\n0000003\n[exit 0]",
  ],
  [
    "printf 'abc' > o3; printf '\\000\\a\\b\\f\\r\\v\\033 ~\\177\\200' > o4; od -x o3; od -d o3; od o3; od -c o4; od -Ax -tx1 o3; od -Ad -c o3; od -tx2 o3; od -tx4 o3; od -tu1 o3; od -td1 o4; od -to1 o3; od o3 o3; od -N2 -c o3; od -j1 -c o3; od -An -tx1 nope o3; echo rc=$?",
    "0000000 6261 0063\n0000003\n0000000 25185    99\n0000003\n0000000 061141 000143\n0000003\n0000000  \\0  \\a  \\b  \\f  \\r  \\v 033       ~ 177 200\n0000013\n000000 61 62 63\n000003\n0000000   a   b   c\n0000003\n0000000 6261 0063\n0000003\n0000000 00636261\n0000003\n0000000  97  98  99\n0000003\n0000000    0    7    8   12   13   11   27   32  126  127 -128\n0000013\n0000000 141 142 143\n0000003\n0000000 061141 060543 061542\n0000006\n0000000   a   b\n0000002\n0000001   b   c\n0000003\nod: nope: No such file or directory\n 61 62 63\nrc=1\n[exit 0]",
    "0000000 6261 0063\n0000003\n0000000 25185    99\n0000003\n0000000 061141 000143\n0000003\n0000000  \\0  \\a  \\b  \\f  \\r  \\v 033       ~ 177 200\n0000013\n000000 61 62 63\n000003\n0000000   a   b   c\n0000003\n0000000 6261 0063\n0000003\n0000000 00636261\n0000003\n0000000  97  98  99\n0000003\n0000000    0    7    8   12   13   11   27   32  126  127 -128\n0000013\n0000000 141 142 143\n0000003\n0000000 061141 060543 061542\n0000006\n0000000   a   b\n0000002\n0000001   b   c\n0000003\nod: nope: No such file or directory\n 61 62 63\nrc=1\n[exit 0]",
  ],
  [
    "printf 'abc' > o3; od -tx1 -tc o3",
    "0000000  61  62  63\n          a   b   c\n0000003\n[exit 0]",
    "0000000 61 62 63\n          a   b   c\n0000003\n[exit 0]",
  ],
  [
    "printf '' | od -An -c; echo \"[$?]\"; echo hi | od -An -tx1 | tr -d ' '",
    "[0]\n68690a\n[exit 0]",
    "[0]\n68690a\n[exit 0]",
  ],
  [
    "printf 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' | od -An -c",
    "   x   x   x   x   x   x   x   x   x   x   x   x   x   x   x   x\n*\n   x   x   x   x   x\n[exit 0]",
    "   x   x   x   x   x   x   x   x   x   x   x   x   x   x   x   x\n*\n   x   x   x   x   x\n[exit 0]",
  ],
  [
    "mkdir d; od < d; echo rc=$?; od -c d; echo rc=$?; printf 'ab' > f; od -c d f; echo rc=$?",
    "od: 'standard input': Is a directory\n0000000\nrc=1\nod: d: Is a directory\n0000000\nrc=1\nod: d: Is a directory\n0000000   a   b\n0000002\nrc=1\n[exit 0]",
    "od: standard input: read error\n0000000\nrc=1\nod: d: read error\n0000000\nrc=1\nod: d: read error\n0000000   a   b\n0000002\nrc=1\n[exit 0]",
  ],
];

describe('od: the default, -c, -x, -An -tx1 and the other types', () => {
  itInBothShells(CASES);
});
