// A `${` that no shell can expand or that is never closed: busybox ash (and dash) say `missing '}'`
// when the text ends inside it and `bad substitution` only when it is expanded, after the commands
// before it ran (parser.ts badSubstitution); bash names the text and the line it began on. Each
// script is run by strata and by the real shell (test/shell/differential/real.ts) and compared.
import { describeAgainstReal } from './differential/against-real.ts';

const SCRIPTS = [
  'echo ${x',
  'echo "${x"',
  'echo ${x:-a',
  'echo "${x:-a"',
  'echo ${x:-"a}',
  'echo ${#x',
  'echo ${',
  'echo ${x%y',
  'echo ${x:-${y}',
  'echo ${x!}',
  'echo ${}',
  'echo before; echo ${x y}; echo after',
  'echo before; echo ${x!}; echo after',
  'echo ${#x y}',
  'echo ${x:+${y z}} ok',
  'echo ${x:-${y z}} ok',
  'f() { echo ${x y}; }; echo def',
  'f() { echo ${x y}; }; f; echo after',
  'echo ${x\\n}',
  'echo a; echo ${x\necho b',
  'x=1; echo ${x y} || echo no',
  '(echo ${x y}); echo "sub $?"',
  'echo "${x y}"',
  'echo ${x:-a}}',
  'echo ${1x}',
  'echo ${#1x}',
  'echo ${##}',
  'echo ${#:}',
  'if true; then echo ${x y}; fi; echo after',
  'eval \'echo ${x\'; echo "after $?"',
  'echo a; echo "x\ny',
  "echo a; echo 'x\ny",
  'echo a\necho ${x:-\ny',
  'echo a; echo ${x"}; echo b',
  'echo a; echo ${x\\}; echo b',
]

// the same in a script file (SHELL: `sh` or `bash`), where the messages name a line
const FILES = [
  'printf "echo one\\necho \\${x y}\\necho two\\n" > u.sh; SHELL u.sh',
  'printf "f() {\\n  echo \\${x y}\\n}\\necho one\\n\\nf\\necho two\\n" > v.sh; SHELL v.sh',
  'printf "echo one\\necho \\${x\\n" > t.sh; SHELL t.sh',
  'printf "echo one\\necho \\${x y\\n\\n" > t.sh; SHELL t.sh',
  'printf "echo one\\necho \\${\\n\\n" > t.sh; SHELL t.sh',
  'printf "echo one\\necho \\${#x\\n\\n" > t.sh; SHELL t.sh',
  'printf "echo one\\necho \\"\\${x\\n\\n" > t.sh; SHELL t.sh',
  'printf "echo one\\n. ./u.sh\\necho two\\n" > w.sh; printf "echo in\\necho \\${x y}\\n" > u.sh; SHELL w.sh',
];

describeAgainstReal('busybox', 'bad and unterminated ${...} in busybox sh', [...SCRIPTS, ...FILES.map((s) => s.replace('SHELL', 'sh'))]);
describeAgainstReal('gnu', 'bad and unterminated ${...} in bash', [...SCRIPTS, ...FILES.map((s) => s.replace('SHELL', 'bash'))]);
