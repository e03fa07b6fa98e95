// Start, stop, kill and exec (src/container/lifecycle.ts) as the recordings show them: the
// runtime's errors at start and exec and the state they leave, the output and logs of the main
// process, what a signal does to PID 1 with and without a trap or --init, docker stop's signal,
// and what a start does to tmpfs mounts and the working directory. Each excerpt is copied
// unedited from the recording it names (test/container/recorded.ts replays it).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { expectRecorded, expectRecordingFile } from './recorded.ts';

describe('starting the main process', () => {
  it('a command runc cannot run: exit 127 when missing, 126 when not executable, the container left created with the error (core/lifecycle-exit-codes)', () => {
    expectRecorded('docker-26.1', `
$ docker run --name ex3 busybox sh -c 'exit 3'
[exit 3]
$ docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' ex3
exited 3
$ docker run -d --name nocmd busybox nosuchcmd arg
<id1>
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown
<blank>
Run 'docker run --help' for more information
[exit 127]
$ docker inspect --format '{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}' nocmd
created 127 failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown
$ docker ps -a --format '{{.Names}}|{{.State}}|{{.Command}}' | sort
ex3|exited|"sh -c 'exit 3'"
nocmd|created|"nosuchcmd arg"
$ docker run -d --name noexec busybox /etc/passwd
<id2>
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/etc/passwd": permission denied: unknown
<blank>
Run 'docker run --help' for more information
[exit 126]
$ docker run -d --name isdir busybox /tmp
<id3>
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/tmp": permission denied: unknown
<blank>
Run 'docker run --help' for more information
[exit 126]
$ docker ps -a --format '{{.Names}}|{{.State}}' | sort
ex3|exited
isdir|created
nocmd|created
noexec|created
$ docker start nocmd
Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown
Error: failed to start containers: nocmd
[exit 1]
$ docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' noexec isdir
created 126
created 126
$ docker run --rm busybox false
[exit 1]
$ docker run --rm busybox sh -c 'kill -9 $$; echo survived'
survived
`);
  });
  it('a failure of the log driver or the network leaves exit code 128 and the error, and removes a --rm container (core/run-settings-errors, lifecycle/kill-stop-signals)', () => {
    expectRecorded('docker-26.1', `
$ docker create --name lo --log-driver json-file --log-opt max-size=abc busybox true
<id1>
$ docker start lo
Error response from daemon: failed to create task for container: failed to initialize logging driver: invalid size: 'abc'
Error: failed to start containers: lo
[exit 1]
$ docker inspect --format '{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}' lo
created 128 failed to create task for container: failed to initialize logging driver: invalid size: 'abc'
$ docker run --rm --name r1 --log-opt max-size=abc busybox true
docker: Error response from daemon: failed to create task for container: failed to initialize logging driver: invalid size: 'abc'
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker ps -a --format '{{.Names}}' --filter name=r1
`);
    expectRecorded('docker-20.10', `
$ docker run --rm --name r1 --log-opt max-size=abc busybox true
docker: Error response from daemon: failed to initialize logging driver: invalid size: 'abc'.
[exit 125]
$ docker ps -a --format '{{.Names}}' --filter name=r1
`);
  });
  it('a mount that fails at start removes a --rm container; a paused container is killed or stopped unpaused (lifecycle/start-failures)', () => {
    expectRecorded('docker-26.1', `
$ echo hi > hf
$ docker run --rm --name rr -v "$PWD/hf":/bin busybox true
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "$PWD/hf" to rootfs at "/bin": mount $PWD/hf:/bin (via /proc/self/fd/6), flags: 0x5000: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker ps -a --format '{{.Names}}'
$ docker volume create sv
sv
$ docker run --rm --name rs --mount type=volume,src=sv,dst=/d,volume-subpath=nope busybox true
docker: Error response from daemon: cannot access path /var/lib/docker/volumes/sv/_data/nope: lstat /var/lib/docker/volumes/sv/_data/nope: no such file or directory
<blank>
Run 'docker run --help' for more information
[exit 127]
$ docker run --rm --mount type=volume,src=sv,dst=/d,volume-subpath=../x busybox true
docker: Error response from daemon: invalid mount config for type "volume": subpath must be a relative path within the volume
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --mount type=volume,src=sv,dst=/d,volume-subpath=a/../../x busybox true
docker: Error response from daemon: invalid mount config for type "volume": subpath must be a relative path within the volume
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker ps -a --format '{{.Names}}'
$ docker run -d --name pk busybox sleep 1000
<id1>
$ docker pause pk
pk
$ docker kill pk
pk
$ docker inspect -f '{{.State.Status}} {{.State.Paused}} {{.State.ExitCode}}' pk
exited false 137
$ docker run -d --name ps1 busybox sleep 1000
<id2>
$ docker pause ps1
ps1
$ docker stop -t 1 ps1
ps1
$ docker inspect -f '{{.State.Status}} {{.State.Paused}} {{.State.ExitCode}}' ps1
exited false 137
$ docker rm pk ps1
pk
ps1
$ docker volume rm sv
sv
`);
  });
  it('a detached --rm container goes with its anonymous volumes when its process ends; a trap writes to the logs and may block; -w under a read-only volume fails the start; a script whose interpreter is missing fails after the start (lifecycle/rm-detached-and-start-errors)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --rm --name d1 -v /anon -v named:/n busybox sleep 1000
<id1>
$ docker volume ls -q | wc -l
2
$ docker stop d1
d1
$ sleep 1; docker ps -a --format '{{.Names}}'
$ docker volume ls -q
named
$ docker run -d --rm --name d2 busybox sh -c 'trap "exit 3" TERM; sleep 1000 & wait'
<id2>
$ sleep 1; docker kill -s TERM d2
d2
$ sleep 1; docker ps -a --format '{{.Names}}'
$ docker run -d --name d3 busybox sh -c 'trap "echo err >&2; echo out; exit 4" TERM; sleep 1000 & wait'
<id3>
$ sleep 1; docker kill -s TERM d3
d3
$ docker wait d3
4
$ docker logs d3 2>/dev/null
out
$ docker logs d3 2>&1 >/dev/null
err
$ docker run -d --name d4 busybox sh -c 'trap "sleep 1000" TERM; sleep 1000 & wait'
<id4>
$ sleep 1; docker kill -s TERM d4
d4
$ sleep 1; docker inspect -f '{{.State.Status}}' d4
running
$ docker rm -f d3 d4
d3
d4
$ docker run --rm -v full:/v busybox touch /v/f
$ docker run --rm -v full:/v:ro -w /v/sub busybox pwd
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: mkdir /v/sub: read-only file system: unknown
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm -v full:/v busybox ls /v
f
$ docker run --rm -v sc:/s busybox sh -c 'printf "#!/nonexistent\\n" > /s/x; chmod +x /s/x'
$ docker run --rm -v sc:/s busybox /s/x
exec /s/x: no such file or directory
[exit 1]
$ docker run -d --name sx -v sc:/s busybox sleep 1000
<id5>
$ docker exec sx /s/x
exec /s/x: no such file or directory
[exit 1]
$ docker rm -f sx
sx
$ docker volume rm named full sc
named
full
sc
`);
  });
  it('a start after a failed one clears the error, which left exit code 128; a detached start gives no stdin; stop keeps an exited container\'s code; a --rm container whose log driver fails goes with its anonymous volume (lifecycle/start-state)', () => {
    expectRecorded('docker-26.1', `
$ docker create --name u1 -u joe busybox id
<id1>
$ docker start u1
Error response from daemon: unable to find user joe: no matching entries in passwd file
Error: failed to start containers: u1
[exit 1]
$ docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}' u1
created 128 unable to find user joe: no matching entries in passwd file
$ printf 'root:x:0:0:root:/root:/bin/sh\\njoe:x:1234:1234::/home/joe:/bin/sh\\n' > passwd
$ docker cp passwd u1:/etc/passwd
$ docker start -a u1
uid=1234(joe) gid=1234 groups=1234
$ docker inspect -f '{{.State.Status}} {{.State.ExitCode}} [{{.State.Error}}]' u1
exited 0 []
$ docker create --name c1 busybox cat
<id2>
$ docker start c1
c1
$ docker wait c1
0
$ docker logs c1 | wc -c
0
$ docker restart c1
c1
$ docker wait c1
0
$ docker logs c1 | wc -c
0
$ docker run --name e1 busybox sh -c 'exit 3'
[exit 3]
$ docker stop e1
e1
$ docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' e1
exited 3
$ docker run --rm -v /anon --log-opt max-size=abc busybox true
docker: Error response from daemon: failed to create task for container: failed to initialize logging driver: invalid size: 'abc'
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker volume ls -q | wc -l
0
$ docker rm u1 c1 e1
u1
c1
e1
`);
  });
  it('docker start of a running container does not start its process again (lifecycle/start-running)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --name sr busybox sh -c 'echo hi; sleep 1000'
<id1>
$ sleep 1; docker start sr
sr
$ docker logs sr
hi
$ docker rm -f sr
sr
`);
  });
  it('the output goes to the logs, stdout and stderr apart, and to the terminal only when attached (core/logs-basic)', () => {
    expectRecorded('docker-26.1', `
$ docker run --name lg busybox sh -c 'for i in 1 2 3 4 5; do echo line$i; done'
line1
line2
line3
line4
line5
$ docker logs lg
line1
line2
line3
line4
line5
$ docker logs --tail 2 lg
line4
line5
$ docker logs -n 1 lg
line5
$ docker logs ghost
Error response from daemon: No such container: ghost
[exit 1]
$ docker run --name lg2 busybox sh -c 'echo to-err >&2'
to-err
$ docker logs lg2 2>/dev/null | wc -l
0
$ docker logs lg2 2>&1 >/dev/null
to-err
$ docker create --name lg3 busybox echo never
<id1>
$ docker logs lg3 | wc -l
0
`);
  });
  it('stdin reaches the process only with -i (core/stdin-needs-i)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --name srv busybox sleep 1000
<id1>
$ echo hi | docker exec -i srv cat
hi
$ echo hi | docker exec srv cat
$ echo hi | docker run --rm busybox cat
$ echo hi | docker run --rm -i busybox cat
hi
$ printf 'a\\nb\\n' > in.txt
$ docker exec -i srv sh -c 'read x; read y; echo "$y $x"' < in.txt
b a
$ docker create -i --name c1 busybox cat
<id2>
$ echo started | docker start -ai c1
started
`);
  });
  it('each start mounts empty tmpfs mounts, whose root takes the mode of the mount point once it exists (mounts/tmpfs-restart-options)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --name rt --tmpfs /t --tmpfs /s:size=64k --mount type=tmpfs,target=/m,tmpfs-mode=0700,tmpfs-size=1m busybox sleep 100000
<id1>
$ docker exec rt sh -c 'stat -c "%a %n" /t /s /m; grep -E " /(t|s|m) " /proc/mounts | cut -d" " -f2,4 | sort'
1777 /t
1777 /s
700 /m
/m rw,nosuid,nodev,noexec,relatime,size=1024k,mode=700
/s rw,nosuid,nodev,noexec,relatime,size=64k
/t rw,nosuid,nodev,noexec,relatime
$ docker restart rt
rt
$ docker exec rt sh -c 'stat -c "%a %n" /t /s /m; grep -E " /(t|s|m) " /proc/mounts | cut -d" " -f2,4 | sort'
755 /t
755 /s
755 /m
/m rw,nosuid,nodev,noexec,relatime,size=1024k,mode=700
/s rw,nosuid,nodev,noexec,relatime,size=64k
/t rw,nosuid,nodev,noexec,relatime
`);
  });
  it('a tmpfs volume loses its data when its last user stops (mounts/local-tmpfs-volume)', () => {
    expectRecorded('docker-26.1', `
$ docker volume create --driver local --opt type=tmpfs --opt device=tmpfs --opt o=size=1m tv
tv
$ docker volume inspect --format '{{.Driver}} {{json .Options}}' tv
local {"device":"tmpfs","o":"size=1m","type":"tmpfs"}
$ docker run -d --name w1 -v tv:/d busybox sh -c 'echo hi > /d/f; sleep 100000'
<id1>
$ docker exec w1 sh -c 'until [ -s /d/f ]; do sleep 0.1; done; cat /d/f'
hi
$ docker run --rm -v tv:/d busybox cat /d/f
hi
$ docker stop w1
w1
$ docker run --rm -v tv:/d busybox ls -a /d
.
..
$ docker volume ls --format '{{.Name}}'
tv
`);
  });
  it('a missing working directory is made by root after the mounts, inside a bind too (host-mounts/workdir-in-bind)', () => {
    expectRecorded('docker-26.1', `
$ mkdir b
$ docker run --rm -u 1000 -v "$PWD/b":/b -w /b/x/y busybox sh -c 'pwd; stat -c "%u %a %n" /b/x /b/x/y; touch f 2>/dev/null || echo cannot-write'
/b/x/y
0 755 /b/x
0 755 /b/x/y
cannot-write
$ stat -c '%u %a %n' b/x b/x/y
0 755 b/x
0 755 b/x/y
$ docker run --rm -v "$PWD/b":/b -w /b/x/y busybox ls
$ docker run --rm -u 1000 -v wv:/w -w /w/n busybox stat -c '%u %a %n' /w/n
0 755 /w/n
$ docker run --rm -u 1000 -w /new/dir busybox stat -c '%u %a %n' /new /new/dir
0 755 /new
0 755 /new/dir
`);
  });
});

describe('runc at start and exec (lifecycle/lookpath-start-codes, replayed whole)', () => {
  // LookPath skips a directory and a file without an execute bit and finds a script on PATH whose
  // interpreter is missing; a failed start leaves 127 for a mount or a working directory that is
  // not a directory, 128 for a read-only one and for a daemon error; exec -e NAME unsets NAME;
  // a detached run's stderr reaches the logs only.
  it.each(['docker-20.10', 'docker-26.1'] as const)('%s', (engine) => {
    expectRecordingFile(engine, 'lifecycle/lookpath-start-codes');
  });
});

describe('the process and its settings (lifecycle/process-settings, replayed whole)', () => {
  // -e NAME without a value gives no NAME; a detached process's short sleep ends, a minute's keeps
  // it running; a user or group not all digits is a name; max-file must be a number; docker-init.
  it.each(['docker-20.10', 'docker-26.1'] as const)('%s', (engine) => {
    expectRecordingFile(engine, 'lifecycle/process-settings');
  });
});

describe("the log driver's options, checked at start (core/log-opts-bounds, core/log-opts-compress, core/log-opts-edges, replayed whole)", () => {
  // json-file: max-size above 0, max-file a number from 1, compress only with two files and a
  // size; local: its options' errors name the option, 5 compressed files by default, so one file
  // needs compress=false (moby daemon/logger/jsonfilelog New, daemon/logger/local New).
  it.each(['docker-20.10', 'docker-26.1'] as const)('%s', (engine) => {
    expectRecordingFile(engine, 'core/log-opts-bounds');
    expectRecordingFile(engine, 'core/log-opts-compress');
    // compress without either of max-size and max-file 2, the local driver's one file, int64's ends
    expectRecordingFile(engine, 'core/log-opts-edges');
  });
});

describe('signals', () => {
  it.each(['docker-20.10', 'docker-26.1'] as const)('a stop signal without a handler, or whose trap blocks, does nothing, so stop kills at the timeout; a trap runs as the container user, on no stdin (lifecycle/signal-edges, whole, %s)', (engine) => {
    expectRecordingFile(engine, 'lifecycle/signal-edges');
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)('a trap that sleeps a moment, writes and exits runs whole on the signal (lifecycle/trap-short-sleep, whole, %s)', (engine) => {
    expectRecordingFile(engine, 'lifecycle/trap-short-sleep');
  });

  it('PID 1 sees a signal only through a trap; busybox ash in wait leaves on SIGINT (shell/signals-traps)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --name t1 busybox sh -c 'trap "echo exit trap" EXIT; sleep 1000 & wait'
<id1>
$ docker kill -s INT t1
t1
$ docker wait t1
130
$ docker logs t1
exit trap
$ docker run -d --name t2 busybox sh -c 'trap "echo bye" TERM; sleep 1000 & wait; echo after wait $?'
<id2>
$ docker kill -s TERM t2
t2
$ docker wait t2
0
$ docker logs t2
bye
after wait 143
$ docker run -d --name t3 busybox sh -c 'trap "echo hup" HUP; sleep 1000 & wait'
<id3>
$ docker kill -s QUIT t3
t3
$ docker inspect -f '{{.State.Status}}' t3
running
$ docker kill -s HUP t3
t3
$ docker wait t3
129
$ docker logs t3
hup
$ docker run -d --name t4 busybox sh -c 'sleep 1000 & wait'
<id4>
$ docker kill -s TERM t4
t4
$ docker inspect -f '{{.State.Status}}' t4
running
$ docker kill -s INT t4
t4
$ docker wait t4
130
$ docker run -d --name t5 busybox sh -c 'trap "echo never" INT; sleep 1000'
<id5>
$ docker kill -s INT t5
t5
$ docker inspect -f '{{.State.Status}}' t5
running
$ docker kill t5
t5
$ docker wait t5
137
$ docker run -d --name t6 busybox sh -c 'f() { trap "echo term in f; exit 7" TERM; sleep 1000 & wait; }; f; echo not reached'
<id6>
$ docker kill -s TERM t6
t6
$ docker wait t6
7
$ docker logs t6
term in f
$ docker run -d --name t7 busybox sh -c 'trap "" TERM; sleep 1000 & wait'
<id7>
$ docker kill -s TERM t7
t7
$ docker inspect -f '{{.State.Status}}' t7
running
$ docker rm -f t7
t7
$ docker run --name t8 busybox sh -c 'trap "echo exiting \\$?" EXIT; exit 4'
exiting 4
[exit 4]
$ docker run --name t9 busybox sh -c 'trap "echo one" EXIT; trap; trap - EXIT; trap'
trap -- 'echo one' EXIT
$ docker run -d --name t10 busybox sh -c 'trap "echo caught; exit 0" TERM; exec sh -c "sleep 1000 & wait"'
<id8>
$ docker kill -s TERM t10
t10
$ docker inspect -f '{{.State.Status}}' t10
running
$ docker rm -f t10
t10
`);
  });
  it('docker kill -s and stop -s by number or name, invalid signals refused, tini forwarding (lifecycle/kill-stop-signals)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --name s1 busybox sh -c 'trap "echo term; exit 5" TERM; sleep 1000 & wait'
<id1>
$ docker kill -s 15 s1
s1
$ docker wait s1
5
$ docker logs s1
term
$ docker run -d --name s2 busybox sh -c 'trap "echo hup; exit 6" HUP; sleep 1000 & wait'
<id2>
$ docker kill -s sighup s2
s2
$ docker wait s2
6
$ docker logs s2
hup
$ docker run -d --name s3 --stop-signal SIGUSR1 busybox sh -c 'trap "echo usr1; exit 7" USR1; sleep 1000 & wait'
<id3>
$ docker stop s3
s3
$ docker inspect -f '{{.State.ExitCode}}' s3
7
$ docker logs s3
usr1
$ docker run -d --name s4 busybox sh -c 'trap "echo usr2; exit 8" USR2; sleep 1000 & wait'
<id4>
$ docker stop -s USR2 s4
s4
$ docker inspect -f '{{.State.ExitCode}}' s4
8
$ docker logs s4
usr2
$ docker run -d --name s5 busybox sh -c 'sleep 1000 & wait'
<id5>
$ docker kill -s 2 s5
s5
$ docker wait s5
130
$ docker run -d --name s6 busybox sleep 1000
<id6>
$ docker kill -s 9 s6
s6
$ docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' s6
exited 137
$ docker kill -s FOO s6
Error response from daemon: cannot kill container: s6: invalid signal: FOO
[exit 1]
$ docker kill -s FOO nosuch
Error response from daemon: cannot kill container: nosuch: invalid signal: FOO
[exit 1]
$ docker kill -s 99 nosuch
Error response from daemon: cannot kill container: nosuch: the linux daemon does not support signal 99
[exit 1]
$ docker run -d --name s7 busybox sleep 1000
<id7>
$ docker kill -s FOO s7
Error response from daemon: cannot kill container: s7: invalid signal: FOO
[exit 1]
$ docker kill -s 0 s7
Error response from daemon: cannot kill container: s7: invalid signal: 0
[exit 1]
$ docker kill -s 99 s7
Error response from daemon: cannot kill container: s7: the linux daemon does not support signal 99
[exit 1]
$ docker kill -s 32 s7
Error response from daemon: cannot kill container: s7: the linux daemon does not support signal 32
[exit 1]
$ docker kill -s SIGRTMIN+3 s7
s7
$ docker stop -s FOO s7
Error response from daemon: cannot stop container: s7: invalid signal: FOO
[exit 1]
$ docker inspect -f '{{.State.Status}}' s7
running
$ docker stop -s FOO s6
s6
$ docker run -d --name i1 --init busybox sleep 1000
<id8>
$ docker kill -s 28 i1
i1
$ docker kill -s CHLD i1
i1
$ docker kill -s CONT i1
i1
$ docker kill -s URG i1
i1
$ sleep 1; docker inspect -f '{{.State.Status}}' i1
running
$ docker kill -s 10 i1
i1
$ sleep 1; docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' i1
exited 138
$ docker run -d --name i2 --init busybox sleep 1000
<id9>
$ docker kill -s TSTP i2
i2
$ docker kill -s TTIN i2
i2
$ docker kill -s TTOU i2
i2
$ docker kill -s STOP i2
i2
$ sleep 1; docker inspect -f '{{.State.Status}}' i2
running
$ docker run -d --name i3 --init busybox sleep 1000
<id10>
$ docker kill -s ABRT i3
i3
$ docker kill -s IOT i3
i3
$ docker kill -s SEGV i3
i3
$ docker kill -s 31 i3
i3
$ docker kill -s FPE i3
i3
$ docker kill -s ILL i3
i3
$ docker kill -s BUS i3
i3
$ docker kill -s TRAP i3
i3
$ sleep 1; docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' i3
running 0
$ docker kill -s RTMIN+3 i3
i3
$ sleep 1; docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' i3
exited 165
$ docker run -d --name i4 --init busybox sh -c 'trap "echo t; exit 3" TERM; sleep 1000 & wait'
<id11>
$ sleep 1; docker stop i4
i4
$ docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' i4
exited 137
$ docker logs i4
$ docker run -d --name i5 --init busybox sh -c 'trap "" HUP; sleep 1000 & wait'
<id12>
$ sleep 1; docker kill -s HUP i5
i5
$ sleep 1; docker inspect -f '{{.State.Status}}' i5
running
`);
    expectRecorded('docker-20.10', `
$ docker run -d --name s6 busybox sleep 1000
<id6>
$ docker kill -s 9 s6
s6
$ docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' s6
exited 137
$ docker kill -s FOO s6
Error response from daemon: Invalid signal: FOO
[exit 1]
$ docker kill -s FOO nosuch
Error response from daemon: Invalid signal: FOO
[exit 1]
$ docker kill -s 99 nosuch
Error response from daemon: Cannot kill container: nosuch: No such container: nosuch
[exit 1]
$ docker run -d --name s7 busybox sleep 1000
<id7>
$ docker kill -s FOO s7
Error response from daemon: Invalid signal: FOO
[exit 1]
$ docker kill -s 0 s7
Error response from daemon: Invalid signal: 0
[exit 1]
$ docker kill -s 99 s7
Error response from daemon: Cannot kill container: s7: The linux daemon does not support signal 99
[exit 1]
$ docker kill -s 32 s7
Error response from daemon: Cannot kill container: s7: The linux daemon does not support signal 32
[exit 1]
$ docker kill -s SIGRTMIN+3 s7
s7
$ docker stop -s FOO s7
unknown shorthand flag: 's' in -s
See 'docker stop --help'.
[exit 125]
$ docker inspect -f '{{.State.Status}}' s7
running
`);
  });
  it('docker stop sends the stop signal and kills after the timeout; with --init it ends a process that does not trap it (core/init-flag)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --name i1 --init --stop-signal SIGTERM busybox sleep 1000
<id1>
$ docker stop i1
i1
$ docker inspect --format '{{.State.ExitCode}}' i1
143
$ docker run -d --name i2 --stop-signal SIGTERM busybox sleep 1000
<id2>
$ docker stop -t 1 i2
i2
$ docker inspect --format '{{.State.ExitCode}}' i2
137
$ docker run -d --name i3 --init busybox sleep 1000
<id3>
$ docker kill -s WINCH i3
i3
$ docker kill -s TERM i3
i3
$ docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' i3
exited 143
$ docker rm -f i1 i2 i3
i1
i2
i3
`);
  });
});

describe('docker exec', () => {
  it('working directory, environment, users, runc errors, exit status, a stopped container (core/exec-options)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --name e1 -w /tmp -e FROMRUN=1 busybox sleep 3600
<id1>
$ docker exec e1 pwd
/tmp
$ docker exec -w / e1 pwd
/
$ docker exec -w /nonexistent e1 pwd
OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("/nonexistent") set in config.json failed: no such file or directory: unknown\r
[exit 126]
$ docker exec -w /etc/passwd e1 pwd
OCI runtime exec failed: exec failed: unable to start container process: chdir to cwd ("/etc/passwd") set in config.json failed: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type\r
[exit 126]
$ docker exec -w relative e1 pwd
OCI runtime exec failed: exec failed: Cwd must be an absolute path: unknown\r
[exit 126]
$ docker exec -e A=1 -e B= -e C e1 sh -c 'echo "[$A][$B][\${C-unset}][$FROMRUN]"'
[1][][unset][1]
$ docker exec -e =x e1 true
invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x
<blank>
Usage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]
<blank>
Run 'docker exec --help' for more information
[exit 125]
$ docker exec e1 sh -c 'echo "$HOME $PATH $HOSTNAME" | sed "s/[0-9a-f]\\{12\\}/<host>/"'
/root /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin <host>
$ docker exec -u 1000 e1 sh -c 'id; echo $HOME'
uid=1000 gid=0(root) groups=0(root)
/
$ docker exec -u 1000:1000 e1 id
uid=1000 gid=1000 groups=1000
$ docker exec -u nobody e1 sh -c 'id; echo $HOME'
uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)
/nonexistent
$ docker exec -u root:wheel e1 id
unable to find group wheel: no matching entries in group file\r
[exit 126]
$ docker exec -u 0:10 e1 id
uid=0(root) gid=10 groups=10
$ docker exec -u daemon:100 e1 id
unable to find user daemon: no matching entries in passwd file\r
[exit 126]
$ docker exec -u nosuchuser e1 id
unable to find user nosuchuser: no matching entries in passwd file\r
[exit 126]
$ docker exec -u 0:nosuchgroup e1 id
unable to find group nosuchgroup: no matching entries in group file\r
[exit 126]
$ docker exec e1 /etc/passwd
OCI runtime exec failed: exec failed: unable to start container process: exec: "/etc/passwd": permission denied: unknown\r
[exit 126]
$ docker exec e1 nosuchcmd
OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchcmd": executable file not found in $PATH: unknown\r
[exit 126]
$ docker exec e1 /nosuch/path
OCI runtime exec failed: exec failed: unable to start container process: exec: "/nosuch/path": stat /nosuch/path: no such file or directory: unknown\r
[exit 126]
$ docker exec e1 ./nosuch
OCI runtime exec failed: exec failed: unable to start container process: exec: "./nosuch": stat ./nosuch: no such file or directory: unknown\r
[exit 126]
$ docker exec e1 /etc/passwd/x
OCI runtime exec failed: exec failed: unable to start container process: exec: "/etc/passwd/x": stat /etc/passwd/x: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type\r
[exit 126]
$ docker exec e1 /tmp
OCI runtime exec failed: exec failed: unable to start container process: exec: "/tmp": permission denied: unknown\r
[exit 126]
$ docker run --rm busybox /nosuch/path
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/nosuch/path": stat /nosuch/path: no such file or directory: unknown
<blank>
Run 'docker run --help' for more information
[exit 127]
$ docker exec e1 sh -c 'exec 2>&1; echo out; echo err >&2; exit 3'
out
err
[exit 3]
$ docker stop -t 1 e1
e1
$ docker exec e1 true
Error response from daemon: container <id1> is not running
[exit 1]
$ docker rm e1
e1
`);
  });
  it('is refused in a paused container (core/pause-wait-rename)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --name pw busybox sleep 1000
<id1>
$ docker pause pw
pw
$ docker ps --format '{{.Names}} {{.State}}'
pw paused
$ docker inspect --format '{{.State.Status}} {{.State.Paused}}' pw
paused true
$ docker exec pw true
Error response from daemon: Container pw is paused, unpause the container before exec
[exit 1]
$ docker rm -f pw
pw
`);
  });
});

describe("a stand-in's refusal in a detached process", () => {
  // A stand-in program that cannot do what the real one does says `strata does not simulate ...`
  // and exits 125 (catalog/README.md). Attached, the user reads it as it runs; detached, it would
  // only reach the container's log, and the container would pass for one that exited 125 where on
  // a normal install it runs: the docker command that started it is refused by name instead.
  it.each(['docker-20.10', 'docker-26.1'] as const)('docker run -d and docker start are refused with the stand-in\'s words (%s)', (engine) => {
    const d = new SimulatedDocker({ engine });
    d.loadImages(['node:20']);
    const words = 'strata does not simulate `node -e`: the node stand-in runs no JavaScript (catalog/node/SOURCES.md)';
    const run = d.run("docker run -d --name api node:20 node -e 'setInterval(() => {}, 1000)'");
    expect(run.exitCode).toBe(125);
    expect(run.output.split('\n')).toContain(words);
    const start = d.run('docker start api');
    expect(start.exitCode).toBe(125);
    expect(start.output).toBe(`${words}\n`);
    // a detached process that fails in its own words is Docker's business, not a refusal
    const plain = d.run("docker run -d --name ex busybox sh -c 'echo no >&2; exit 125'");
    expect(plain.exitCode).toBe(0);
  });
});

describe("a stand-in's refusal the process swallowed", () => {
  // A script that runs a stand-in program which refuses (catalog/unsimulated) and goes on, its
  // words swallowed (or, detached, read by nobody), did what the real program would not have let
  // it: in a normal install the command line is refused with the program's own line once the
  // process ends or blocks, nothing kept (container/process.ts hearRefusals); what it printed
  // before stays. The oracle ran the stand-ins themselves, so --busybox-stand-ins goes on as its
  // recordings show.
  const apt = 'strata does not simulate `apt-get update`: the stand-in images install no packages (catalog/README.md)';
  const apk = 'strata does not simulate `apk add`: the stand-in images install no packages (catalog/README.md)';
  it.each(['docker-20.10', 'docker-26.1'] as const)('docker run, run -d and exec are refused, nothing kept (%s)', (engine) => {
    const d = new SimulatedDocker({ engine });
    d.loadImages(['debian:bookworm']);
    expect(d.run("docker run --name apt1 debian:bookworm sh -c 'apt-get update >/dev/null 2>&1; echo done'")).toEqual({ output: `done
${apt}
`, exitCode: 125 });
    const detached = d.run("docker run -d --name apt2 debian:bookworm sh -c 'apt-get update -qq 2>/dev/null || true; sleep 600'");
    expect(detached.exitCode).toBe(125);
    expect(detached.output.endsWith(`
${apt}
`)).toBe(true);
    expect(d.run('docker ps -aq').output).toBe('');
    d.run('docker run -d --name box debian:bookworm sleep 600');
    expect(d.run("docker exec box sh -c 'apt-get update >/dev/null 2>&1 && echo ok; exit 0'")).toEqual({ output: `${apt}
`, exitCode: 125 });
    // a refusal the attached user read is theirs, and one that ends the process is its end, as before
    expect(d.run("docker exec box sh -c 'apt-get update; echo done'")).toEqual({ output: `${apt}\ndone\n`, exitCode: 0 });
    expect(d.run('docker run --name apt3 debian:bookworm apt-get update')).toEqual({ output: `${apt}
`, exitCode: 125 });
    expect(d.run("docker ps -a --format '{{.Names}} {{.Status}}'").output).toMatch(/^apt3 Exited \(125\) .*\nbox Up .*\n$/);
  });
  it('docker compose run and exec are refused the same way', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    d.loadImages(['alpine:3.24']);
    d.run("printf 'services:\\n  app:\\n    image: alpine:3.24\\n    command: sleep 600\\n' > compose.yaml");
    expect(d.run('docker compose -p demo up -d').exitCode).toBe(0);
    expect(d.run("docker compose -p demo run --rm app sh -c 'apk add curl >/dev/null 2>&1 || true; echo ran'")).toEqual({ output: `ran\n${apk}\n`, exitCode: 125 });
    expect(d.run("docker compose -p demo exec app sh -c 'apk add curl 2>/dev/null; echo ran'")).toEqual({ output: `ran\n${apk}\n`, exitCode: 125 });
  });
  it("the oracle's stand-ins go on", () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1', busyboxStandIns: true });
    d.loadImages(['debian:bookworm']);
    expect(d.run("docker run --rm debian:bookworm sh -c 'apt-get update >/dev/null 2>&1; echo done'")).toEqual({ output: 'done\n', exitCode: 0 });
  });
  it("a health check's test that swallows one fails as before, and the command lines after it go on", () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    d.loadImages(['debian:bookworm']);
    d.run("docker run -d --name checked --health-cmd 'apt-get update >/dev/null 2>&1 || exit 1' --health-interval 1s --health-retries 1 debian:bookworm sleep 600");
    d.run('sleep 3');
    expect(d.run("docker inspect --format '{{.State.Health.Status}}' checked")).toEqual({ output: 'unhealthy\n', exitCode: 0 });
  });
});

describe('the main process at start, recorded whole on both engines', () => {
  it.each(['docker-20.10', 'docker-26.1'] as const)('a detached container with -i or -t keeps its stdin open: sh and cat wait there (core/detached-open-stdin, %s)', (engine) => {
    // (its logs hold the banner of the oracle's busybox; busybox:latest's own prints none: docs/compat.md)
    expectRecordingFile(engine, 'core/detached-open-stdin', true);
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)("a detached bare sleep ends when strata's clock has moved its seconds, killing an exec that sleeps on (exec/exec-main-exiting, %s)", (engine) => {
    expectRecordingFile(engine, 'exec/exec-main-exiting');
  });
});
