// Which tools a container runs (src/container/userland.ts): the marker of a Debian-, Ubuntu- or
// Oracle Linux-based stand-in, the catalog's markers, and what such a container prints. Every
// expected GNU or dash output below was printed by the real program on the recorder's host
// (Debian 12: dash 0.5.12 run as `sh`, coreutils 9.1, tar 1.34, findutils 4.9, LC_ALL=C), never
// taken from strata; the busybox side is the oracle's recording of the same stand-in.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USERLAND_MARKER, USERLANDS, userlandOf } from '../../src/container/userland.ts';
import { dir, file } from '../../src/fs/node.ts';
import { harness } from '../shell/applets/ctx.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const root = join(import.meta.dirname, '..', '..');

function fsWith(marker?: string) {
  return harness({ root: dir({}, marker === undefined ? {} : { '.strata-stand-in': dir({}, { userland: file(marker) }) }) }).fs;
}

describe('userlandOf', () => {
  it('reads the marker: Debian and Ubuntu have dash as sh, Oracle Linux bash', () => {
    expect(USERLAND_MARKER).toBe('/.strata-stand-in/userland');
    expect(userlandOf(fsWith('debian:bookworm\n'), false)).toBe(USERLANDS['debian:bookworm']);
    expect(userlandOf(fsWith('ubuntu:noble\n'), false)?.sh).toBe('dash');
    expect(userlandOf(fsWith('oraclelinux:9\n'), false)?.sh).toBe('bash');
  });

  it('is busybox without a marker, with a marker it does not know, and for the oracle', () => {
    expect(userlandOf(fsWith(), false)).toBeUndefined();
    expect(userlandOf(fsWith('alpine:3.24\n'), false)).toBeUndefined();
    expect(userlandOf(fsWith('debian:bookworm\n'), true)).toBeUndefined();
  });

  it("runs GNU's words for the real image's commands only", () => {
    const debian = USERLANDS['debian:trixie'];
    for (const c of ['ls', 'cat', 'cp', 'du', 'df', 'tar', 'find', 'grep', 'sed', 'awk', 'which', 'bash']) expect(debian.commands.has(c), c).toBe(true);
    // procps, bc, bsdextrautils, wget are no part of debian:bookworm (repo-info's package list);
    // rev is util-linux's (trixie's util-linux 2.41.5 .deb has /usr/bin/rev)
    for (const c of ['ps', 'bc', 'wget', '[[']) expect(debian.commands.has(c), c).toBe(false);
    expect(debian.commands.has('rev')).toBe(true);
    // Oracle Linux's awk is gawk, not the mawk strata simulates; it has no diffutils or which
    const ol = USERLANDS['oraclelinux:9'];
    for (const c of ['awk', 'cmp', 'which', 'hostname']) expect(ol.commands.has(c), c).toBe(false);
    expect(ol.commands.has('tar')).toBe(true);
  });
});

describe("the catalog's markers", () => {
  /** Each generated context's marker (undefined: none), by `repository:tag`. */
  const markers = new Map<string, string | undefined>();
  for (const repo of readdirSync(join(root, 'catalog'))) {
    const dirPath = join(root, 'catalog', repo);
    if (!existsSync(join(dirPath, 'catalog.json'))) continue;
    for (const tag of readdirSync(dirPath)) {
      const dockerfile = join(dirPath, tag, 'Dockerfile');
      if (!existsSync(dockerfile)) continue;
      const m = /echo (\S+) > \/\.strata-stand-in\/userland/.exec(readFileSync(dockerfile, 'utf8'));
      markers.set(`${repo}:${tag}`, m?.[1]);
    }
  }

  it('name a system strata knows', () => {
    for (const [ref, m] of markers) if (m !== undefined) expect(Object.keys(USERLANDS), ref).toContain(m);
  });

  it("mark the images built on Debian, Ubuntu and Oracle Linux, and no busybox, Alpine or scratch one", () => {
    expect(markers.get('debian:bookworm')).toBe('debian:bookworm');
    expect(markers.get('ubuntu:22.04')).toBe('ubuntu:jammy');
    expect(markers.get('postgres:13')).toBe('debian:bullseye');
    expect(markers.get('postgres:16')).toBe('debian:trixie');
    expect(markers.get('mysql:8.4')).toBe('oraclelinux:9');
    expect(markers.get('mariadb:12.3')).toBe('ubuntu:noble');
    expect(markers.get('mongo:7')).toBe('ubuntu:jammy');
    expect(markers.get('redis:7')).toBe('debian:bookworm');
    expect(markers.get('node:22')).toBe('debian:bookworm');
    for (const ref of ['python:3.12-slim', 'php:apache', 'wordpress:latest', 'httpd:latest', 'nginx:latest']) expect(markers.get(ref), ref).toBe('debian:trixie');
    for (const ref of ['alpine:3.24', 'nginx:alpine', 'hello-world:latest', 'postgres:16-alpine', 'redis:8-alpine', 'node:alpine', 'python:alpine', 'httpd:alpine']) {
      expect(markers.has(ref), ref).toBe(true);
      expect(markers.get(ref), ref).toBeUndefined();
    }
  });
});

/** Replay a scenario on a normal install (the images' GNU tools) or the oracle's stand-ins. */
function check(text: string, busyboxStandIns: boolean): { passed: boolean; diff: string } {
  return checkScenario(parseScenario(text, 't.scenario'), new SimulatedDocker({ busyboxStandIns }));
}

describe('merged /usr and the bash version of a GNU image', () => {
  // The layout part as the oracle printed it for these stand-ins (busybox, both engines, this
  // session's recording of the catalog; postgres:13's `%F` alone, as GNU stat quotes `%N` of a
  // directory); PATH finds programs through /usr/bin first.
  const LAYOUT = `# title: merged /usr
# images: debian:trixie mysql:8.4 postgres:13 ubuntu:22.04
$ docker run --rm debian:trixie sh -c 'stat -c "%N" /bin /sbin /lib /lib64; which ls'
'/bin' -> 'usr/bin'
'/sbin' -> 'usr/sbin'
'/lib' -> 'usr/lib'
'/lib64' -> 'usr/lib64'
/usr/bin/ls
$ docker run --rm --entrypoint sh mysql:8.4 -c 'stat -c "%N" /bin'
'/bin' -> 'usr/bin'
$ docker run --rm --entrypoint sh postgres:13 -c 'stat -c "%F" /bin'
directory
$ docker run --rm ubuntu:22.04 sh -c 'stat -c "%N" /bin /lib64 /lib32 /libx32'
'/bin' -> 'usr/bin'
'/lib64' -> 'usr/lib64'
'/lib32' -> 'usr/lib32'
'/libx32' -> 'usr/libx32'
`;

  it('is laid out as the real image on both sides (GNU stat and which print the same here)', () => {
    expect(check(LAYOUT, true).diff).toBe('');
    expect(check(LAYOUT, false).diff).toBe('');
  });

  it("finds programs through the links and sets each release's $BASH_VERSION; the host's is Debian 12's", () => {
    // bash's `command -v` prints the first PATH match (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin);
    // the versions are the releases' (src/container/userland.ts), bookworm's as this host's bash 5.2.15 prints it
    const r = check(
      `# title: bash versions
# images: debian:bookworm ubuntu:22.04 mysql:8.4 postgres:13 ubuntu:latest
$ docker run --rm debian:bookworm bash -c 'echo "$BASH_VERSION $BASH_VERSINFO"; command -v ls sh'
5.2.15(1)-release 5
/usr/bin/ls
/usr/bin/sh
$ docker run --rm ubuntu:22.04 bash -c 'echo $BASH_VERSION'
5.1.16(1)-release
$ docker run --rm --entrypoint sh mysql:8.4 -c 'echo $BASH_VERSION; command -v ls'
5.1.8(1)-release
/usr/bin/ls
$ docker run --rm --entrypoint sh postgres:13 -c 'echo "[$BASH_VERSION]"; command -v ls'
[]
/bin/ls
$ echo "$BASH_VERSION"
5.2.15(1)-release
`,
      false,
    );
    expect(r.diff).toBe('');
    expect(USERLANDS['ubuntu:resolute'].bashVersion).toBeUndefined();
  });
});

describe('a container of a GNU image', () => {
  // The same commands run by dash as `sh` and this host's tools (LC_ALL=C): `exec -a sh dash -c '...'`.
  const DASH = `# title: dash and coreutils in ubuntu
# images: ubuntu:24.04
$ docker run --rm ubuntu:24.04 sh -c 'nope; cat /nope; ls -ld /nope; echo -e "a\\tb"; cd /nope; cat < /nope'
sh: 1: nope: not found
cat: /nope: No such file or directory
ls: cannot access '/nope': No such file or directory
-e a\tb
sh: 1: cd: can't cd to /nope
sh: 1: cannot open /nope: No such file
[exit 2]
`;

  it("prints dash's and coreutils' words", () => {
    const r = check(DASH, false);
    expect(r.diff).toBe('');
    expect(r.passed).toBe(true);
  });

  it("prints busybox's words on the oracle's stand-ins", () => {
    // (a different output: busybox's sh says `sh: nope: not found`, echo -e tabs, ...)
    expect(check(DASH, true).passed).toBe(false);
  });

  // Docker's docs example (storage/volumes, "Back up a volume"), as GNU tar 1.34, cp and find print
  // it on this host for the same files: `tar cvf /tmp/gs.tar /tmp/gsd/sub/f`, `cp -v`, `find`.
  it("prints GNU tar's, cp's and find's words", () => {
    const r = check(
      `# title: GNU tools in debian
# images: debian:bookworm
$ docker run --rm debian:bookworm sh -c 'mkdir -p /tmp/gsd/sub; echo hi > /tmp/gsd/sub/f; tar cvf /tmp/gs.tar /tmp/gsd/sub/f 2>&1; cp -v /tmp/gsd/sub/f /tmp/gsd/g; find /tmp/gsd -name g; find /nope'
tar: Removing leading \`/' from member names
/tmp/gsd/sub/f
'/tmp/gsd/sub/f' -> '/tmp/gsd/g'
/tmp/gsd/g
find: '/nope': No such file or directory
[exit 1]
`,
      false,
    );
    expect(r.diff).toBe('');
  });

  it('runs bash as bash: the recorded words of bash 5.2 -c', () => {
    // `bash: line 1: docker-compose: command not found`: the oracle host's bash (recorded,
    // test/recorded/docker-*/compose); the image's is bash 5.2.21
    const r = check(
      `# title: bash in ubuntu
# images: ubuntu:24.04
$ docker run --rm ubuntu:24.04 bash -c 'nope; echo -e "a\\tb"'
bash: line 1: nope: command not found
a\tb
`,
      false,
    );
    expect(r.diff).toBe('');
  });

  // dash 0.5.12 run as `sh` on this host (a symlink named sh), the same lines
  it("speaks dash: line numbers in every message, its open errors and echo", () => {
    const r = check(
      `# title: dash in debian
# images: debian:bookworm
$ docker run --rm debian:bookworm sh -c "printf 'foo\\n\\nbar\\n' > /s.sh; sh /s.sh"
/s.sh: 1: foo: not found
/s.sh: 3: bar: not found
[exit 127]
$ docker run --rm debian:bookworm sh nope.sh
sh: 0: cannot open nope.sh: No such file
[exit 2]
$ docker run --rm debian:bookworm sh -c
sh: 0: -c requires an argument
[exit 2]
$ docker run --rm debian:bookworm sh -c 'exit foo'
sh: 1: exit: Illegal number: foo
[exit 2]
$ docker run --rm debian:bookworm sh -c 'set -Z'
sh: 1: set: Illegal option -Z
[exit 2]
$ docker run --rm debian:bookworm sh -c "echo '\\\\101' '\\\\0101' 'a\\\\tb' '\\\\\\\\' '\\\\q' x; echo -n y; echo"
A A a\tb \\ \\q x
y
$ docker run --rm debian:bookworm sh -c 'echo > /nope/x; x=$(nope); echo $?'
sh: 1: cannot create /nope/x: Directory nonexistent
sh: 1: nope: not found
127
`,
      false,
    );
    expect(r.diff).toBe('');
  });

  it("runs Oracle Linux's bash as sh and as bash in mysql (brace expansion: bash 5.2 and dash here)", () => {
    const r = check(
      `# title: bash in mysql
# images: mysql:8.4 debian:bookworm
$ docker run --rm mysql:8.4 sh -c 'echo {a,b}'
a b
$ docker run --rm mysql:8.4 bash -c 'echo {a,b}'
a b
$ docker run --rm debian:bookworm sh -c 'echo {a,b}'
{a,b}
`,
      false,
    );
    expect(r.diff).toBe('');
  });

  it("words syntax errors as dash does (dash 0.5.12 run as sh here)", () => {
    const r = check(
      `# title: dash syntax errors
# images: debian:bookworm
$ docker run --rm debian:bookworm sh -c 'if'
sh: 1: Syntax error: end of file unexpected (expecting "then")
[exit 2]
$ docker run --rm debian:bookworm sh -c 'eval "if"'
sh: 1: eval: Syntax error: end of file unexpected (expecting "then")
[exit 2]
$ docker run --rm debian:bookworm sh -c 'fi'
sh: 1: Syntax error: "fi" unexpected
[exit 2]
$ docker run --rm debian:bookworm sh -c 'echo "a'
sh: 1: Syntax error: Unterminated quoted string
[exit 2]
$ docker run --rm debian:bookworm sh -c 'for 1 in x; do :; done'
sh: 1: Syntax error: Bad for loop variable
[exit 2]
$ docker run --rm debian:bookworm sh -c "printf 'echo a\\nif\\n' > /se.sh; sh /se.sh"
a
/se.sh: 3: Syntax error: end of file unexpected (expecting "then")
[exit 2]
`,
      false,
    );
    expect(r.diff).toBe('');
  });
});

describe("dash's arithmetic", () => {
  // dash 0.5.12 run as `sh` on this host (`exec -a sh dash -c '...'`): a variable's value is a
  // number (strtoimax base 0) or `Illegal number`, never an expression as in bash and busybox; the
  // side of &&, || and ?: left out is not evaluated, as in bash (busybox evaluates it)
  it('reads a variable as a number and short-circuits', () => {
    const r = check(
      `# title: dash arithmetic
# images: debian:bookworm
$ docker run --rm debian:bookworm sh -c 'a=b; b=3; echo $((a)); echo not reached'
sh: 1: Illegal number: b
[exit 2]
$ docker run --rm debian:bookworm sh -c 'a=" 0x10 "; b=-010; c=+5; d=" "; unset e; echo $((a)) $((b)) $((c)) $((d)) $((e + 1))'
16 -8 5 0 1
$ docker run --rm debian:bookworm sh -c 'a=99999999999999999999; echo $((a))'
sh: 1: Illegal number: 99999999999999999999
[exit 2]
$ docker run --rm debian:bookworm sh -c 'a=b; x=0; echo $((0 && a)) $((1 ? 2 : a)) $((0 && (x=1))) $((1 || (x=2))) $((1 ? 3 : (x=4))) $x'
0 2 0 1 3 0
$ docker run --rm debian:bookworm sh -c 'a=1+1; echo $((a++))'
sh: 1: Illegal number: 1+1
[exit 2]
`,
      false,
    );
    expect(r.diff).toBe('');
  });
});

describe("dash's builtins", () => {
  // dash 0.5.12 run as `sh` on this host (`exec -a sh dash -c '...'`): shift past $# is an error
  // that ends the shell (busybox returns 1), umask's and the dot command's own words; an unknown
  // `set` option, a letter or a -o name, ends the shell
  it("words shift, umask, . and set as dash does", () => {
    const r = check(
      `# title: dash builtins
# images: debian:bookworm
$ docker run --rm debian:bookworm sh -c 'set -- a b; shift 3; echo not reached'
sh: 1: shift: can't shift that many
[exit 2]
$ docker run --rm debian:bookworm sh -c 'shift x'
sh: 1: shift: Illegal number: x
[exit 2]
$ docker run --rm debian:bookworm sh -c 'umask 999; echo s=$?'
sh: 1: umask: Illegal number: 999
s=2
$ docker run --rm debian:bookworm sh -c 'umask a=q; echo s=$?'
sh: 1: umask: Illegal mode: a=q
s=2
$ docker run --rm debian:bookworm sh -c '. /nope.sh'
sh: 1: .: cannot open /nope.sh: No such file
[exit 2]
$ docker run --rm debian:bookworm sh -c '. nope.sh; echo not reached'
sh: 1: .: nope.sh: not found
[exit 2]
$ docker run --rm debian:bookworm sh -c 'set +o nosuch; echo not reached'
sh: 1: set: Illegal option -o nosuch
[exit 2]
$ docker run --rm debian:bookworm sh -c 'set -Z; echo not reached'
sh: 1: set: Illegal option -Z
[exit 2]
`,
      false,
    );
    expect(r.diff).toBe('');
  });
});

describe("a GNU image's bash describes commands by its PATH", () => {
  // bash 5.2 on this host with PATH=/tmp/tb/bin holding cat and ls printed the same lines for
  // that directory (`type cat echo; command -v ls; command -V ls; type nosuch`): `type` and
  // `command -v` name the file PATH finds, /usr/bin's (before /bin, a link to it in the real image
  // and in the stand-in).
  it('type, command -v and command -V name the file found in PATH', () => {
    const r = check(
      `# title: type in bash
# images: ubuntu:24.04
$ docker run --rm ubuntu:24.04 bash -c 'type cat echo; command -v ls; command -V ls; type nosuch; echo "s=$?"'
cat is /usr/bin/cat
echo is a shell builtin
/usr/bin/ls
ls is /usr/bin/ls
bash: line 1: type: nosuch: not found
s=1
`,
      false,
    );
    expect(r.diff).toBe('');
  });
});

describe("a Debian image's sh lists its options as dash does", () => {
  // dash 0.5.12 run as `sh` on this host printed these lines for the same command
  // (`exec -a sh dash -c '...'`): its 18 options under a heading, `set +o` as commands, and no
  // pipefail (an illegal option, the shell exits 2).
  it('set -o, set +o and set -o pipefail', () => {
    const r = check(
      `# title: set -o in dash
# images: debian:bookworm
$ docker run --rm debian:bookworm sh -c 'set -eo; set +o | head -3; set -o pipefail; echo not reached'
Current option settings
errexit         on
noglob          off
ignoreeof       off
interactive     off
monitor         off
noexec          off
stdin           off
xtrace          off
verbose         off
vi              off
emacs           off
noclobber       off
allexport       off
notify          off
nounset         off
privileged      off
nolog           off
debug           off
set -o errexit
set +o noglob
set +o ignoreeof
sh: 1: set: Illegal option -o pipefail
[exit 2]
`,
      false,
    );
    expect(r.diff).toBe('');
  });
});
