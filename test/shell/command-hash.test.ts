// The shells' command hash tables (src/shell/command-hash.ts, hash-builtin.ts) in a Debian
// stand-in: bash as `bash -c` and dash as `sh -c`. Every expected line was printed by this host's
// bash 5.2.15 and dash 0.5.12 (Debian 12, as the stand-in's image) running the same script, its
// directories under a temporary directory ($D, empty in the container) and the directory's name
// taken out of the output; never taken from strata. busybox ash's table is recorded on both
// oracle engines: test/recorded/docker-*/shell/busybox-command-hash.scenario.

import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

function diff(title: string, steps: string): string {
  return diffIn('debian:bookworm', title, steps);
}

function diffIn(image: string, title: string, steps: string): string {
  const text = `# title: ${title}\n# images: ${image}\n${steps}`;
  return checkScenario(parseScenario(text, 't.scenario'), new SimulatedDocker({ busyboxStandIns: false })).diff;
}

describe('the command hash table', () => {
  it("bash keeps the whole path: a removed program's path fails though another comes first in PATH, in a subshell too; `sh -c` and `bash -c` start empty; PATH=$PATH forgets it", () => {
    expect(
      diff(
        'bash command hash',
        `$ docker run --rm debian:bookworm bash -c 'mk() { mkdir -p $D$1; printf "#!/bin/sh\\necho $2\\n" > $D$1/foo; chmod +x $D$1/foo; }; mk /a A; PATH=$D/b:$D/a:$PATH; foo; hash; type foo; command -V foo; command -v foo; rm $D/a/foo; mk /b B; foo; echo "status $?"; type foo; (foo; echo "subshell $?"); echo "$(type foo)"; hash; sh -c "type foo"; bash -c "hash"; cd /; type foo; PATH=$PATH; type foo; foo; hash'
A
hits	command
   1	/a/foo
foo is hashed (/a/foo)
foo is hashed (/a/foo)
/a/foo
bash: line 1: /a/foo: No such file or directory
status 127
foo is hashed (/a/foo)
bash: line 1: /a/foo: No such file or directory
subshell 127
foo is hashed (/a/foo)
hits	command
   6	/a/foo
   1	/usr/bin/chmod
   1	/usr/bin/mkdir
   1	/usr/bin/rm
foo is /b/foo
hash: hash table empty
foo is hashed (/a/foo)
foo is /b/foo
B
hits	command
   1	/b/foo
`,
      ),
    ).toBe('');
  });

  it('bash hash -t, -l, -d, -p and NAME, as bash 5.2 words them; export PATH forgets nothing', () => {
    expect(
      diff(
        'bash command hash',
        `$ docker run --rm debian:bookworm bash -c 'mk() { mkdir -p $D$1; printf "#!/bin/sh\\necho $2\\n" > $D$1/foo; chmod +x $D$1/foo; }; mk /a A; PATH=$D/a:$PATH; hash -t foo; echo "t $?"; foo; hash -t foo; hash -t foo mkdir nosuch; echo "t $?"; hash -l; hash -d foo; hash -d foo; echo "d $?"; hash -p $D/a/foo bar; bar; hash; hash foo; hash; hash -r; hash; export PATH; foo; hash'
bash: line 1: hash: foo: not found
t 1
A
/a/foo
foo	/a/foo
bash: line 1: hash: mkdir: not found
bash: line 1: hash: nosuch: not found
t 1
builtin hash -p /a/foo foo
bash: line 1: hash: foo: not found
d 1
A
hits	command
   1	/a/foo
hits	command
   0	/a/foo
   1	/a/foo
hash: hash table empty
A
hits	command
   1	/a/foo
`,
      ),
    ).toBe('');
  });

  it('bash names the whole path of a file it cannot run; PATH=x for one command searches it alone and empties the table', () => {
    expect(
      diff(
        'bash command hash',
        `$ docker run --rm debian:bookworm bash -c 'mk() { mkdir -p $D$1; printf "#!/bin/sh\\necho $2\\n" > $D$1/foo; chmod +x $D$1/foo; }; mk /a A; PATH=$D/a:$PATH; foo; chmod -x $D/a/foo; foo; echo "status $?"; PATH=/nowhere foo; echo "temporary $?"; hash'
A
bash: line 1: /a/foo: Permission denied
status 126
bash: line 1: foo: command not found
temporary 127
hash: hash table empty
`,
      ),
    ).toBe('');
  });

  it("dash keeps the PATH entry's index: a tracked alias, a cd marks every entry, a run tries PATH from the kept entry on, PATH=$PATH forgets", () => {
    expect(
      diff(
        'dash command hash',
        `$ docker run --rm debian:bookworm sh -c 'mk() { mkdir -p $D$1; printf "#!/bin/sh\\necho $2\\n" > $D$1/foo; chmod +x $D$1/foo; }; mk /a A; PATH=$D/b:$D/a:$PATH; foo; hash; type foo; type foo; command -V foo; command -v foo; rm $D/a/foo; mk /b B; foo; echo "status $?"; (foo; echo "subshell $?"); echo "$(type foo)"; cd /; hash; foo; hash; PATH=$PATH; type foo; foo; hash -r; hash'
A
/a/foo
foo is a tracked alias for /a/foo
foo is a tracked alias for /a/foo
foo is a tracked alias for /a/foo
/a/foo
sh: 1: foo: not found
status 127
sh: 1: foo: not found
subshell 127
foo is a tracked alias for /a/foo
/usr/bin/rm*
/a/foo*
/usr/bin/mkdir*
/usr/bin/chmod*
sh: 1: foo: not found
/usr/bin/rm*
/a/foo
/usr/bin/mkdir*
/usr/bin/chmod*
foo is /b/foo
B
`,
      ),
    ).toBe('');
  });

  it('dash from the kept entry on finds a later one; hash NAME searches again; a function of the name takes its entry; export PATH forgets nothing', () => {
    expect(
      diff(
        'dash command hash',
        `$ docker run --rm debian:bookworm sh -c 'mk() { mkdir -p $D$1; printf "#!/bin/sh\\necho $2\\n" > $D$1/foo; chmod +x $D$1/foo; }; mk /a A; PATH=$D/a:$D/b:$PATH; foo; rm $D/a/foo; mk /b B; foo; type foo; hash foo; hash; hash nosuch; echo "nosuch $?"; foo() { echo function; }; hash; export PATH; hash'
A
B
foo is a tracked alias for /a/foo
/usr/bin/rm
/b/foo
/usr/bin/mkdir
/usr/bin/chmod
sh: 1: hash: nosuch: not found
nosuch 1
/usr/bin/rm
/usr/bin/mkdir
/usr/bin/chmod
/usr/bin/rm
/usr/bin/mkdir
/usr/bin/chmod
`,
      ),
    ).toBe('');
  });


  // An Oracle Linux image's `sh` is bash in posix mode; expected: this host's bash 5.2.15 run as
  // `sh` (`exec -a sh bash -c`). The image's bash is 5.1.8: only one name is listed, as the order
  // of several (bash 5.2's 256 buckets) is not checked on that version.
  it('bash as sh (posix mode) forgets a kept path that is no executable file any more and searches again; no "hash table empty"', () => {
    expect(diffIn('mysql:8.4', 'bash posix command hash', `$ docker run --rm mysql:8.4 sh -c 'mk() { mkdir -p $D$1; printf "#!/bin/sh\\necho $2\\n" > $D$1/foo; chmod +x $D$1/foo; }; mk /a A; PATH=$D/b:$D/a:$PATH; hash; foo; type foo; rm $D/a/foo; mk /b B; type foo; foo; echo "status $?"; type foo; hash -t foo'
A
foo is hashed (/a/foo)
foo is hashed (/a/foo)
B
status 0
foo is hashed (/b/foo)
/b/foo
`)).toBe('');
  });
});
