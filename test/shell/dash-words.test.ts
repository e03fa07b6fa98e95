// dash's words where they differ from busybox ash's and bash's, and the builtins' edges each
// shell words its own way. Every expected line below was printed by the real shell on this
// project's recording host (Debian 12: dash 0.5.12 run as `sh` through \`exec -a sh dash -c\`,
// busybox 1.35's sh, bash 5.2 with LC_ALL=C), never taken from strata; the dash phrases are
// dash 0.5.12's own strings: src/arith_yacc.c yyerror ("arithmetic expression: %s: \"%s\"",
// "division by zero", "expecting primary", "expecting EOF", "expecting ':'"), src/parser.c
// readtoken1 ("Missing '))'"), src/trap.c trapcmd ("trap: %s: bad trap", no shell name),
// src/miscbltin.c readcmd ("arg count"), src/options.c nextopt ("Illegal option -%c"),
// src/mystring.c number ("Illegal number: %s").

import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

function diff(text: string): string {
  return checkScenario(parseScenario(text, 't.scenario'), new SimulatedDocker({ busyboxStandIns: false })).diff;
}

describe("dash's words", () => {
  it('arithmetic (arith_yacc.c), trap, read, unset, return and exit as dash 0.5.12 prints them', () => {
    expect(
      diff(`# title: dash words
# images: debian:bookworm
$ docker run --rm debian:bookworm sh -c 'echo $((1/0))'
sh: 1: arithmetic expression: division by zero: "1/0"
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo $(( 7 % 0 ))'
sh: 1: arithmetic expression: division by zero: " 7 % 0 "
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo $((1+))'
sh: 1: arithmetic expression: expecting primary: "1+"
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo $((2#12)) not reached'
sh: 1: arithmetic expression: expecting EOF: "2#12"
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo $((08))'
sh: 1: arithmetic expression: expecting EOF: "08"
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo $((1,2))'
sh: 1: arithmetic expression: expecting EOF: "1,2"
[exit 2]
$ docker run --rm debian:bookworm sh -c 'x=1; echo $((x++))'
sh: 1: arithmetic expression: expecting primary: "x++"
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo $((2**3))'
sh: 1: arithmetic expression: expecting primary: "2**3"
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo $((1?2))'
sh: 1: arithmetic expression: expecting ':': "1?2"
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo $(())'
sh: 1: arithmetic expression: expecting primary: ""
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo $(( (1 ))'
sh: 1: Syntax error: Missing '))'
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo $((x=5)) $x; x=3; echo $((x+=2)) $((x<<=2)) $((x%=7)) $x'
5 5
5 20 6 6
$ docker run --rm debian:bookworm sh -c 'echo $((1 << 65)) $((1 << -1)) $((-1 >> 70)) $((5 % -3)) $((-5 / 2)) $((99999999999999999999))'
2 -9223372036854775808 -1 2 -2 9223372036854775807
$ docker run --rm debian:bookworm sh -c 'echo $((1 - 2 - 3)) $((2 * 3 + 4 * 5)) $((1 + 2 << 1)) $((7 & 3 | 8 ^ 1)) $((5 > 3 > 0)) $((--5)) $((!!3))'
-4 26 6 11 1 5 1
$ docker run --rm debian:bookworm sh -c 'x=0; echo $((0 && (x=1))) $((1 || (x=2))) $((1 ? 3 : (x=4))) $((0 ? (x=5) : 6)) $x'
0 1 3 6 0
$ docker run --rm debian:bookworm sh -c 'trap x NOSIG; echo "s=$?"'
trap: NOSIG: bad trap
s=1
$ docker run --rm debian:bookworm sh -c 'trap x INT NOSIG TERM; trap'
trap: NOSIG: bad trap
trap -- 'x' INT
$ docker run --rm debian:bookworm sh -c 'read; echo "s=$?"'
sh: 1: read: arg count
s=2
$ docker run --rm debian:bookworm sh -c 'unset -z x; echo not reached'
sh: 1: unset: Illegal option -z
[exit 2]
$ docker run --rm debian:bookworm sh -c 'unset -vf x; echo "s=$?"'
s=0
$ docker run --rm debian:bookworm sh -c 'f() { return 300; }; f; echo "$?"; f'
300
[exit 44]
$ docker run --rm debian:bookworm sh -c 'f() { return -1; }; f; echo not reached'
sh: 1: return: Illegal number: -1
[exit 2]
$ docker run --rm debian:bookworm sh -c 'exit -1'
sh: 1: exit: Illegal number: -1
[exit 2]
$ docker run --rm debian:bookworm sh -c 'exit 2147483648'
sh: 1: exit: Illegal number: 2147483648
[exit 2]
$ docker run --rm debian:bookworm sh -c 'exit 300'
[exit 44]
`),
    ).toBe('');
  });

  // this host's dash 0.5.12 (`exec -a sh dash -c`, `exec -a sh dash FILE`): parser.c readtoken1's
  // "Missing '}'" at the end of the text, expand.c's "Bad substitution" only when the word is
  // expanded, at the command's line (ash names the line its parser read to: parser.ts badSubstitution)
  it("a ${ never closed, and one no shell can expand", () => {
    expect(
      diff(`# title: dash bad substitution
# images: debian:bookworm
$ docker run --rm debian:bookworm sh -c 'echo \${x'
sh: 1: Syntax error: Missing '}'
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo "\${x"'
sh: 1: Syntax error: Unterminated quoted string
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo before; echo \${x y}; echo after'
before
sh: 1: Bad substitution
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo \${x:+\${y z}} not expanded'
not expanded
$ docker run --rm debian:bookworm sh -c 'echo a; echo \${x"}; echo b'
a
sh: 1: Bad substitution
[exit 2]
$ docker run --rm debian:bookworm sh -c 'printf "echo one\\necho \\\${x y}\\necho two\\n" > /u.sh; sh /u.sh'
one
/u.sh: 2: Bad substitution
[exit 2]
$ docker run --rm debian:bookworm sh -c 'printf "echo one\\necho \\\${x\\n" > /t.sh; sh /t.sh'
one
/t.sh: 2: Syntax error: Missing '}'
[exit 2]
`),
    ).toBe('');
  });
});

describe("a Debian or Ubuntu stand-in's dash", () => {
  // `dash` is a link to the stand-in's bash (scripts/catalog.ts usrMergeStep), run as the dash it
  // is called (recorded on the real engines, where it is busybox sh: catalog/gnu-standins-dash);
  // every line below was printed by this host's dash 0.5.12 run under the same name (`exec -a dash
  // dash -c`, `exec -a sh dash --version`, `exec -a /bin/dash dash -c`): dash has no long options
  it('is dash, by whatever name it is called, and only bash prints --version', () => {
    expect(
      diff(`# title: dash in a stand-in
# images: debian:bookworm
$ docker run --rm debian:bookworm dash -c 'echo \$0 \${x'
dash: 1: Syntax error: Missing '}'
[exit 2]
$ docker run --rm debian:bookworm dash --version
dash: 0: Illegal option --
[exit 2]
$ docker run --rm debian:bookworm sh --version
sh: 0: Illegal option --
[exit 2]
$ docker run --rm debian:bookworm /bin/dash -c 'echo "x" \${x y}'
/bin/dash: 1: Bad substitution
[exit 2]
$ echo 'echo \$0' | docker run --rm -i debian:bookworm dash
dash
$ docker run --rm debian:bookworm bash --version | head -1
GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)
`),
    ).toBe('');
  });
});

describe('the same builtins in busybox ash and bash', () => {
  it('busybox 1.35', () => {
    expect(
      diff(`# title: busybox words
$ docker run --rm busybox sh -c 'trap x INT NOSIG TERM; trap'
sh: trap: line 0: NOSIG: invalid signal specification
trap -- 'x' INT
trap -- 'x' TERM
$ docker run --rm busybox sh -c 'unset -z x; echo not reached'
sh: unset: line 0: illegal option -z
[exit 2]
$ docker run --rm busybox sh -c 'unset -vf x; echo "s=$?"'
s=0
$ docker run --rm busybox sh -c 'f() { return 300; }; f; echo "$?"; f'
44
[exit 44]
$ docker run --rm busybox sh -c 'f() { return -1; }; f; echo not reached'
sh: return: line 0: Illegal number: -1
[exit 2]
$ docker run --rm busybox sh -c 'exit -1'
sh: exit: line 0: Illegal number: -1
[exit 2]
$ docker run --rm busybox sh -c 'exit 300'
[exit 44]
`),
    ).toBe('');
  });
  it('bash 5.2', () => {
    expect(
      diff(`# title: bash words
$ bash -c 'trap x INT NOSIG TERM; trap'
bash: line 1: trap: NOSIG: invalid signal specification
trap -- 'x' SIGINT
trap -- 'x' SIGTERM
$ bash -c 'unset -z x; echo not reached'
bash: line 1: unset: -z: invalid option
unset: usage: unset [-f] [-v] [-n] [name ...]
not reached
$ bash -c 'unset -vf x; echo "s=$?"'
bash: line 1: unset: cannot simultaneously unset a function and a variable
s=1
$ bash -c 'f() { return 300; }; f; echo "$?"; f'
44
[exit 44]
$ bash -c 'f() { return -1; }; f; echo not reached'
not reached
$ bash -c 'exit -1'
[exit 255]
$ bash -c 'exit 300'
[exit 44]
`),
    ).toBe('');
  });
});

describe('an interactive dash reading its commands from a pipe', () => {
  // this host's dash 0.5.12 run as sh (`printf ... | exec -a sh dash -i 2>&1 | od -c`): the
  // job-control warning through sh_warnx (`sh: 0: `), PS1 `# ` for root and PS2 `> ` on stderr
  // before each line it reads (a line continuing `if` gets PS2), PS1 and a newline at the end of
  // its input, none after `exit`
  it('prints its prompts on stderr as it reads each line', () => {
    expect(
      diff(`# title: dash -i
# images: debian:bookworm
$ printf 'echo $0\\nif true\\nthen echo b\\nfi\\ncd /tmp\\n' | docker run --rm -i debian:bookworm sh -i 2>&1 | od -c
0000000   s   h   :       0   :       c   a   n   '   t       a   c   c
0000020   e   s   s       t   t   y   ;       j   o   b       c   o   n
0000040   t   r   o   l       t   u   r   n   e   d       o   f   f  \\n
0000060   #       s   h  \\n   #       >       >       b  \\n   #       #
0000100      \\n
0000102
$ printf 'PS1="p> "\\necho a\\nexit 3\\n' | docker run --rm -i debian:bookworm sh -i 2>&1 | od -c
0000000   s   h   :       0   :       c   a   n   '   t       a   c   c
0000020   e   s   s       t   t   y   ;       j   o   b       c   o   n
0000040   t   r   o   l       t   u   r   n   e   d       o   f   f  \\n
0000060   #       p   >       a  \\n   p   >    
0000072
`),
    ).toBe('');
  });
});
