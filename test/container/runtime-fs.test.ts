// A container's mount namespace (src/container/runtime-fs.ts) as the recordings show it: the
// runtime's mounts (/dev, /proc, /sys, /dev/shm, the network files, docker-init), the user's
// tmpfs, bind and volume mounts in depth order, the mount points runc makes and its errors, and
// the view docker cp has. Each excerpt is copied unedited from the recording it names
// (test/container/recorded.ts replays it).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { expectRecorded, expectRecordingFile } from './recorded.ts';

describe('the runtime mounts', () => {
  it('/dev/tty is the terminal of a process that has none: it cannot be opened (host-mounts/ph-shell-leftovers)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm busybox sh -c 'exec 2>&1; cat /dev/tty; echo "status $?"; echo hi > /dev/tty; echo "status $?"; read x < /dev/tty; echo "status $?"; stat -c "%A %t,%T" /dev/tty'
cat: can't open '/dev/tty': No such device or address
status 1
sh: can't create /dev/tty: No such device or address
status 1
sh: can't open /dev/tty: No such device or address
status 1
crw-rw-rw- 5,0
`);
  });
  it('/dev, /proc, /sys and the network files as runc and the daemon mount them, read-only with --read-only (core/runtime-view)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm busybox stat -c '%A %F %N' /dev/fd /dev/full /dev/mqueue /dev/null /dev/ptmx /dev/pts /dev/random /dev/shm /dev/stderr /dev/stdin /dev/stdout /dev/tty /dev/urandom /dev/zero
lrwxrwxrwx symbolic link '/dev/fd' -> '/proc/self/fd'
crw-rw-rw- character special file /dev/full
drwxrwxrwt directory /dev/mqueue
crw-rw-rw- character special file /dev/null
lrwxrwxrwx symbolic link '/dev/ptmx' -> 'pts/ptmx'
drwxr-xr-x directory /dev/pts
crw-rw-rw- character special file /dev/random
drwxrwxrwt directory /dev/shm
lrwxrwxrwx symbolic link '/dev/stderr' -> '/proc/self/fd/2'
lrwxrwxrwx symbolic link '/dev/stdin' -> '/proc/self/fd/0'
lrwxrwxrwx symbolic link '/dev/stdout' -> '/proc/self/fd/1'
crw-rw-rw- character special file /dev/tty
crw-rw-rw- character special file /dev/urandom
crw-rw-rw- character special file /dev/zero
$ docker run --rm busybox stat -c '%A %F %N' /dev/console
stat: can't stat '/dev/console': No such file or directory
[exit 1]
$ docker run --rm busybox stat -c '%a %U:%G %F %n' /sys /proc /dev /proc/1 /proc/1/fd /proc/mounts /etc/hostname /etc/hosts /etc/resolv.conf
555 root:root directory /sys
555 root:root directory /proc
755 root:root directory /dev
555 root:root directory /proc/1
500 root:root directory /proc/1/fd
777 root:root symbolic link /proc/mounts
644 root:root regular file /etc/hostname
644 root:root regular file /etc/hosts
644 root:root regular file /etc/resolv.conf
$ docker run --rm busybox ls /dev
fd
full
mqueue
null
ptmx
pts
random
shm
stderr
stdin
stdout
tty
urandom
zero
$ docker run --rm --read-only busybox sh -c 'exec 2>&1; touch /etc/hostname; echo $?; touch /etc/hosts; echo x > /etc/resolv.conf; echo $?; touch /sys/x; touch /dev/x && echo dev-ok; touch /proc/x'
touch: /etc/hostname: Read-only file system
1
touch: /etc/hosts: Read-only file system
sh: can't create /etc/resolv.conf: Read-only file system
1
touch: /sys/x: Read-only file system
dev-ok
touch: /proc/x: No such file or directory
[exit 1]
$ docker run --rm busybox sh -c 'touch /sys/x 2>&1; echo x > /etc/hostname && cat /etc/hostname; hostname | wc -c'
touch: /sys/x: Read-only file system
x
13
$ docker run --rm -h myhost busybox sh -c 'cat /etc/hostname; hostname'
myhost
myhost
$ docker run --rm busybox sh -c 'df -h /dev /dev/shm | tail -n +2 | while read fs size rest; do echo $fs $size; done'
tmpfs 64.0M
shm 64.0M
$ docker run --rm busybox sh -c 'grep -E " /dev(/shm)? " /proc/mounts; readlink /proc/mounts'
tmpfs /dev tmpfs rw,nosuid,size=65536k,mode=755 0 0
shm /dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k 0 0
self/mounts
$ docker run --rm --hostname web-1 busybox sh -c 'echo $HOSTNAME; cat /etc/hostname; hostname; uname -n'
web-1
web-1
web-1
web-1
$ docker create --name hn -h h2 busybox
<id1>
$ docker inspect --format '{{.Config.Hostname}}' hn
h2
$ docker rm hn
hn
`);
  });
  it('/proc/mounts lists /proc, /dev and /sys, then /dev/shm, with their options (core/proc-mounts-order)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm busybox sh -c "grep -E ' /(proc|sys|dev|dev/shm) ' /proc/mounts | cut -d' ' -f2-4"
/proc proc rw,nosuid,nodev,noexec,relatime
/dev tmpfs rw,nosuid,size=65536k,mode=755
/sys sysfs ro,nosuid,nodev,noexec,relatime
/dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k
`);
  });
  it('--read-only leaves volumes, tmpfs, /dev and /dev/shm writable (mounts/readonly-rootfs-mounts)', () => {
    expectRecorded('docker-26.1', `
$ docker build -q -t volimg - <<'EOF'
> FROM busybox
> VOLUME /iv
> EOF
<img1>
$ docker run --rm --read-only -v /anon -v nv:/nv --tmpfs /t volimg sh -c 'exec 2>&1; for d in /anon /nv /t /iv /tmp /; do touch $d/x && echo ok $d; done; echo h >> /etc/hosts'
ok /anon
ok /nv
ok /t
ok /iv
touch: /tmp/x: Read-only file system
touch: //x: Read-only file system
sh: can't create /etc/hosts: Read-only file system
[exit 1]
$ docker run --rm --read-only busybox sh -c 'exec 2>&1; touch /dev/shm/x && echo shm ok; touch /dev/x && echo dev ok'
shm ok
dev ok
`);
  });
  it('/dev and /dev/shm are shared by the execs of one run and empty after a restart (mounts/shm-lifetime)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --name shm1 busybox sleep 3600
<id1>
$ docker exec shm1 sh -c 'echo kept > /dev/shm/note; echo dev > /dev/mine'
$ docker exec shm1 sh -c 'cat /dev/shm/note /dev/mine'
kept
dev
$ docker restart -t 1 shm1
shm1
$ docker exec shm1 sh -c 'ls /dev/shm; ls /dev/mine 2>&1'
ls: /dev/mine: No such file or directory
[exit 1]
$ docker diff shm1
$ docker rm -f shm1
shm1
`);
  });
  it('--init bind-mounts docker-init read-only at /sbin/docker-init, its mount point left in the writable layer (core/init-flag)', () => {
    expectRecorded('docker-26.1', `
$ docker run --init --name ini busybox sh -c 'exec 2>&1; stat -c "%s %a %U:%G %F" /sbin/docker-init; ls /sbin; echo x > /sbin/docker-init'
708080 755 root:root regular file
docker-init
sh: can't create /sbin/docker-init: Read-only file system
[exit 1]
$ docker diff ini
A /sbin
A /sbin/docker-init
$ docker export ini | tar -tv | grep sbin | sed 's/ .* sbin/ sbin/'
drwxr-xr-x sbin/
-rwxr-xr-x sbin/docker-init
$ docker run --rm --init busybox sh -c 'grep docker-init /proc/mounts | cut -d" " -f2,4 | cut -d, -f1'
/sbin/docker-init ro
$ docker run --rm --init=false busybox ls /sbin
ls: /sbin: No such file or directory
[exit 1]
$ docker inspect --format '{{json .HostConfig.Init}}' ini
true
$ docker rm ini
ini
`);
  });
});

describe('the runtime mounts, recorded whole on both engines', () => {
  // runc's device nodes as a process uses them (each one's driver: /dev/full's writes fail with
  // ENOSPC, /dev/null discards, /dev/zero and /dev/*random never end), and the time of a bind's
  // source directory the daemon makes at start (runtime-fs.ts hostFs: the engine's clock)
  it.each(['docker-20.10', 'docker-26.1'] as const)('/dev, /proc, /sys, /etc/hostname and a tmpfs dated at each start, hosts and resolv.conf when a start makes the network sandbox (core/runtime-times, network/runtime-times-user-network, %s)', (engine) => {
    expectRecordingFile(engine, 'core/runtime-times');
    expectRecordingFile(engine, 'network/runtime-times-user-network');
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)('devices and a made bind source (core/runtime-devices, %s)', (engine) => {
    expectRecordingFile(engine, 'core/runtime-devices');
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)("the devices' numbers, devpts' ptmx that /dev/ptmx links to among them (core/runtime-device-numbers, %s)", (engine) => {
    expectRecordingFile(engine, 'core/runtime-device-numbers');
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)('/dev/shm: its size from --shm-size, 64 MiB by default, no /dev/shm at all with --ipc none (mounts/shm-size, %s)', (engine) => {
    expectRecordingFile(engine, 'mounts/shm-size');
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)("host files bound over the runtime's; --network host's /etc/hosts a copy of the host's unless --add-host (host-mounts/ph-system-files, %s)", (engine) => {
    expectRecordingFile(engine, 'host-mounts/ph-system-files');
  });
});

describe('user mounts', () => {
  it('a tmpfs root takes the mode of an existing mount point, else its mode option (mounts/tmpfs-root-mode)', () => {
    expectRecorded('docker-26.1', `
$ docker build -q -t seeded - <<'EOF'
> FROM busybox
> RUN mkdir -p /data && echo seed > /data/seed && chown nobody /data && chmod 700 /data
> EOF
<img1>
$ docker run -d --name t1 --tmpfs /data --tmpfs /fresh --mount type=tmpfs,target=/opt/m,tmpfs-mode=0750 seeded sleep 100000
<id1>
$ docker exec t1 stat -c '%n %a %U' /data /fresh /opt/m
/data 700 root
/fresh 1777 root
/opt/m 750 root
$ docker exec t1 ls -a /data
.
..
$ docker restart t1
t1
$ docker exec t1 stat -c '%n %a %U' /data /fresh /opt/m
/data 700 root
/fresh 755 root
/opt/m 755 root
$ docker run --rm --tmpfs /data:mode=0711,uid=65534 seeded stat -c '%n %a %U' /data
/data 700 nobody
$ docker run --rm --tmpfs /tmp seeded stat -c '%n %a %U' /tmp
/tmp 1777 root
`);
  });
  it('tmpfs refused at create or at start (mounts/tmpfs-errors)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm --tmpfs data busybox true
docker: Error response from daemon: invalid mount path: 'data' mount path must be absolute
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run -d --name badopt --tmpfs /data:bogus=1 busybox true
<id1>
docker: Error response from daemon: invalid tmpfs option "bogus"
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --tmpfs / busybox true
docker: Error response from daemon: invalid specification: destination can't be '/'
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --mount type=tmpfs,target=/t,tmpfs-size=abc busybox true
invalid argument "type=tmpfs,target=/t,tmpfs-size=abc" for "--mount" flag: invalid value for tmpfs-size: abc
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker ps -a --format '{{.Names}} {{.Status}}'
badopt Created
`);
  });
  it('a tmpfs volume is empty unless a running container holds it, with its size in df (named-volumes/tmpfs-driver-option)', () => {
    expectRecorded('docker-26.1', `
$ docker volume create --opt type=tmpfs --opt device=tmpfs --opt o=size=1m tv
tv
$ docker build -q -t seeded - <<'EOF'
> FROM busybox
> RUN mkdir /seed && echo a > /seed/a.txt
> EOF
<img1>
$ docker run --rm -v tv:/seed seeded ls -a /seed
.
..
$ docker run -d --name holder -v tv:/data busybox sleep 100000
<id1>
$ docker exec holder sh -c 'echo x > /data/x; ls /data'
x
$ docker run --rm -v tv:/d busybox ls /d
x
$ docker stop holder
holder
$ docker run --rm -v tv:/d busybox ls -a /d
.
..
$ docker volume inspect --format '{{json .Options}}' tv
{"device":"tmpfs","o":"size=1m","type":"tmpfs"}
$ docker run --rm -v tv:/d busybox sh -c 'df -k /d | tail -1'
tmpfs                     1024         0      1024   0% /d
$ docker volume prune -f
Total reclaimed space: 0B
$ docker volume prune -a -f
Total reclaimed space: 0B
$ docker volume create --opt type=nfs x1
Error response from daemon: create x1: missing required option: "device"
[exit 1]
$ docker volume create --opt foo=bar x2
Error response from daemon: create x2: invalid option: "foo"
[exit 1]
$ docker volume ls -q
tv
`);
  });
  it('duplicate destinations: which mount wins (mounts/dup-mount-points)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm -v /data --tmpfs /data busybox true
$ docker run --rm -v v1:/data --mount type=volume,source=v2,target=/data busybox true
docker: Error response from daemon: Duplicate mount point: /data
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --mount type=tmpfs,target=/data --mount type=volume,target=/data busybox true
docker: Error response from daemon: Duplicate mount point: /data
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --tmpfs /data --mount type=tmpfs,target=/data busybox true
$ docker run --rm --tmpfs /data --mount type=volume,source=v3,target=/data busybox sh -c 'grep " /data " /proc/mounts | cut -d" " -f1'
tmpfs
$ docker run --rm -v /data -v /data busybox true
$ docker ps -a -q | wc -l
0
`);
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)('a bind over /etc/hosts is the one mount there in /proc/mounts (mounts/proc-mounts-user-over-runtime, %s)', (engine) => {
    expectRecordingFile(engine, 'mounts/proc-mounts-user-over-runtime');
  });

  it.each(['docker-20.10', 'docker-26.1'] as const)('only a bind\'s source is made on the host at start, never a volume\'s name (%s)', (engine) => {
    // MountPoint.Setup creates a missing source for a bind only; a volume's source is its name
    const d = new SimulatedDocker({ engine });
    expect(d.run('docker run --rm -v mc4vol:/x -v /mc4src:/b --tmpfs /t busybox true').exitCode).toBe(0);
    expect(d.run('test -d /mc4src').exitCode).toBe(0);
    expect(d.run('test -e /mc4vol || test -e mc4vol').exitCode).toBe(1);
  });

  it('a file bound over /etc/hosts replaces the runtime file (mounts/bind-over-etc-hosts)', () => {
    expectRecorded('docker-26.1', `
$ printf '10.0.0.1 myhost\\n' > hosts
$ docker run --rm -v "$PWD/hosts":/etc/hosts busybox cat /etc/hosts
10.0.0.1 myhost
$ docker run --rm -v "$PWD/hosts":/etc/hosts:ro busybox sh -c 'echo x >> /etc/hosts'
sh: can't create /etc/hosts: Read-only file system
[exit 1]
$ docker run --name hb -v "$PWD/hosts":/etc/hosts busybox sh -c 'echo 10.0.0.2 other >> /etc/hosts'
$ cat hosts
10.0.0.1 myhost
10.0.0.2 other
$ docker diff hb
`);
  });
  it('a mount over /etc gets the mount points of the network files, inside a bind too (host-mounts/volume-over-etc)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm -v ev:/etc busybox sh -c 'ls -A /etc; readlink /etc/mtab'
group
hostname
hosts
mtab
passwd
resolv.conf
/proc/mounts
$ docker run --rm -v ev:/x busybox sh -c 'ls -A /x; stat -c "%s %F %n" /x/hostname /x/hosts /x/resolv.conf; readlink /x/mtab'
group
hostname
hosts
mtab
passwd
resolv.conf
0 regular empty file /x/hostname
0 regular empty file /x/hosts
0 regular empty file /x/resolv.conf
/proc/mounts
$ docker run --rm -v ev2:/etc busybox cat /etc/hostname /etc/passwd | wc -l
3
$ mkdir he
$ docker run --rm -v "$PWD/he":/etc busybox true
$ ls -A he
hostname
hosts
resolv.conf
$ stat -c '%s %F %n' he/hostname he/hosts he/resolv.conf
0 regular empty file he/hostname
0 regular empty file he/hosts
0 regular empty file he/resolv.conf
$ readlink he/mtab
[exit 1]
$ docker run --rm --tmpfs /etc busybox ls -A /etc
hostname
hosts
resolv.conf
`);
  });
  it('a mount where the image has a symlink lands on its target (host-mounts/mount-over-image-symlink)', () => {
    expectRecorded('docker-26.1', `
$ docker build -q -t symimg - <<'EOF'
> FROM busybox
> RUN mkdir -p /real && echo img > /real/f && ln -s /real /data && ln -s real /rel && ln -s /nowhere /dangling
> EOF
<img1>
$ docker run --rm -v sv:/data symimg sh -c 'ls -ld /data | cut -c1-10; ls /real; cut -d" " -f2 /proc/mounts | grep -e real -e data; echo v > /data/g; ls /real'
lrwxrwxrwx
f
/real
f
g
$ docker run --rm -v sv:/x busybox ls /x
f
g
$ mkdir hb
$ docker run --rm -v "$PWD/hb":/rel symimg sh -c 'ls -ld /rel | cut -c1-10; cut -d" " -f2 /proc/mounts | grep -e real -e rel; echo b > /rel/b'
lrwxrwxrwx
/real
$ ls hb
b
$ docker run --rm -v "$PWD/hb":/dangling symimg sh -c 'ls -ld /dangling /nowhere | cut -c1-10; ls /nowhere'
lrwxrwxrwx
drwxr-xr-x
b
$ docker run --name sd -v /data symimg true
$ docker inspect -f '{{range .Mounts}}{{.Destination}}{{end}}' sd
/data
$ docker diff sd
$ docker rm -v sd
sd
`);
  });
  it('a bind source that is a host symlink mounts its target; a dangling one fails (host-mounts/bind-symlink-source)', () => {
    expectRecorded('docker-26.1', `
$ mkdir real
$ echo hi > real/f
$ ln -s real link
$ ln -s "$PWD/real" alink
$ docker run --rm -v "$PWD/link":/m busybox sh -c 'cat /m/f; echo w > /m/w'
hi
$ cat real/w
w
$ docker run --rm --mount type=bind,src="$PWD/alink",dst=/m busybox ls /m
f
w
$ docker run --rm -v "$PWD/alink":/m busybox sh -c 'grep " /m " /proc/mounts | cut -d" " -f2,3'
/m ext4
$ ln -s nowhere dang
$ docker run --rm -v "$PWD/dang":/m busybox true
docker: Error response from daemon: error while creating mount source path '$PWD/dang': mkdir $PWD/dang: file exists
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --mount type=bind,src="$PWD/dang",dst=/m busybox true
docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: $PWD/dang
<blank>
Run 'docker run --help' for more information
[exit 125]
$ echo file > hf
$ ln -s hf flink
$ docker run --rm -v "$PWD/flink":/f busybox cat /f
file
$ ls -l dang | cut -c1-10
lrwxrwxrwx
`);
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)('a single-file bind is its inode: another hard link of it writes through, an unrelated hard-linked pair does not (host-mounts/bind-file-hard-links, whole, %s)', (engine) => {
    expectRecordingFile(engine, 'host-mounts/bind-file-hard-links');
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)('a single-file bind is a new inode beside two hard-linked pairs on the host: a write through it reaches neither pair (host-mounts/bind-file-hard-link-groups, whole, %s)', (engine) => {
    expectRecordingFile(engine, 'host-mounts/bind-file-hard-link-groups');
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)('a local volume is mounted from the data root\'s ext4, a tmpfs volume is a tmpfs, read-only with :ro (named-volumes/volume-mount-lines, %s)', (engine) => {
    expectRecordingFile(engine, 'named-volumes/volume-mount-lines');
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)('a bound directory is part of the host\'s file system: a hard link to a file outside it is one inode inside (host-mounts/bind-hard-links, whole, %s)', (engine) => {
    expectRecordingFile(engine, 'host-mounts/bind-hard-links');
  });
  it('a single-file bind keeps the inode it started with (host-mounts/bind-file-keeps-inode)', () => {
    expectRecorded('docker-26.1', `
$ echo one > conf
$ docker run -d --name fb -v "$PWD/conf":/conf busybox sleep 100000
<id1>
$ docker exec fb cat /conf
one
$ echo two > conf
$ docker exec fb cat /conf
two
$ echo three > new
$ mv new conf
$ docker exec fb cat /conf
two
$ cat conf
three
$ docker exec fb sh -c 'echo four > /conf'
$ cat conf
three
$ docker restart fb
fb
$ docker exec fb cat /conf
three
$ rm conf
$ docker exec fb cat /conf
three
$ docker stop fb
fb
$ docker start fb
Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "$PWD/conf" to rootfs at "/conf": mount $PWD/conf:/conf (via /proc/self/fd/6), flags: 0x5000: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type
Error: failed to start containers: fb
[exit 1]
$ docker rm -f fb
fb
`);
  });
  it('a bind volume with o=bind,ro, rbind, and a file device (host-mounts/local-bind-volume-options)', () => {
    expectRecorded('docker-26.1', `
$ mkdir vd; echo f > vf
$ docker volume create --opt type=none --opt o=rbind --opt device="$PWD/missing" rb
rb
$ docker run --rm -v rb:/d busybox true
docker: Error response from daemon: error while mounting volume '/var/lib/docker/volumes/rb/_data': failed to mount local volume: mount $PWD/missing:/var/lib/docker/volumes/rb/_data, flags: 0x5000: no such file or directory
<blank>
Run 'docker run --help' for more information
[exit 127]
$ docker volume create --opt type=none --opt o=ro,bind --opt device="$PWD/missing" rob
rob
$ docker run --rm -v rob:/d busybox true
docker: Error response from daemon: error while mounting volume '/var/lib/docker/volumes/rob/_data': failed to mount local volume: mount $PWD/missing:/var/lib/docker/volumes/rob/_data, flags: 0x1001: no such file or directory
<blank>
Run 'docker run --help' for more information
[exit 127]
$ docker volume create --opt type=none --opt o=bind,ro --opt device="$PWD/vd" bro
bro
$ docker run --rm -v bro:/d busybox sh -c 'touch /d/x; ls /d'
touch: /d/x: Read-only file system
$ docker volume create --opt type=none --opt o=bind --opt device="$PWD/vf" fb
fb
$ docker run --rm -v fb:/d busybox true
docker: Error response from daemon: error while mounting volume '/var/lib/docker/volumes/fb/_data': failed to mount local volume: mount $PWD/vf:/var/lib/docker/volumes/fb/_data, flags: 0x1000: not a directory
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker volume create --opt type=none --opt device="$PWD/vd" nob
nob
$ docker run --rm -v nob:/d busybox sh -c 'echo n > /d/n'
docker: Error response from daemon: error while mounting volume '/var/lib/docker/volumes/nob/_data': failed to mount local volume: mount $PWD/vd:/var/lib/docker/volumes/nob/_data: no such device
<blank>
Run 'docker run --help' for more information
[exit 125]
$ ls vd
$ docker volume rm rb rob bro fb nob
rb
rob
bro
fb
nob
`);
  });
  it('volume-subpath through a symlink that leaves the volume fails at start (mounts/subpath-symlink-escapes)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm -v sy:/v busybox sh -c 'ln -s ../.. /v/up; ln -s /etc /v/abs; mkdir /v/d; ln -s d /v/rel'
$ docker run --rm --mount type=volume,src=sy,dst=/d,volume-subpath=up busybox true
docker: Error response from daemon: path concatenation escapes the base directory, base: /var/lib/docker/volumes/sy/_data, subpath: up
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --mount type=volume,src=sy,dst=/d,volume-subpath=abs busybox ls /d
docker: Error response from daemon: path concatenation escapes the base directory, base: /var/lib/docker/volumes/sy/_data, subpath: abs
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --mount type=volume,src=sy,dst=/d,volume-subpath=rel busybox sh -c 'ls -a /d; stat -c %F /d'
.
..
directory
$ docker volume rm sy
sy
`);
  });
  it('volume-subpath: read-only, a file, a directory the volume lacks (mounts/subpath-ro-and-missing-volume)', () => {
    expectRecorded('docker-26.1', `
$ docker volume create sv
sv
$ docker run --rm -v sv:/v busybox sh -c 'mkdir /v/d && echo 1 > /v/d/one'
$ docker run --rm --mount type=volume,src=sv,dst=/data,volume-subpath=d,ro busybox sh -c 'cat /data/one; rm /data/one'
1
rm: can't remove '/data/one': Read-only file system
[exit 1]
$ docker run --rm --mount type=volume,src=sv,dst=/data,volume-subpath=d/one busybox cat /data
1
$ docker run --rm --mount type=volume,src=sv,dst=/data,volume-subpath=d/one busybox ls -la /data/one
ls: /data/one: Not a directory
[exit 1]
`);
  });
});

describe('mount points', () => {
  it('a file bound to a path whose parents are missing: the parents and an empty file in the layer (mounts/bind-file-into-missing-dir)', () => {
    expectRecorded('docker-26.1', `
$ echo cfg > app.conf
$ docker run --name bf -v "$PWD/app.conf":/etc/app/conf/app.conf busybox sh -c 'cat /etc/app/conf/app.conf; ls -a /etc/app/conf'
cfg
.
..
app.conf
$ docker diff bf | sort
A /etc/app
A /etc/app/conf
A /etc/app/conf/app.conf
C /etc
$ docker export bf | tar -t | grep '^etc/app'
etc/app/
etc/app/conf/
etc/app/conf/app.conf
`);
  });
  it('a file onto a directory and a directory onto a file fail at start with runc\'s message (mounts/bind-file-onto-dir)', () => {
    expectRecorded('docker-26.1', `
$ docker build -q -t img - <<'EOF'
> FROM busybox
> RUN mkdir /adir && echo f > /afile
> EOF
<img1>
$ echo hi > hf
$ mkdir hd
$ docker run -d --name f2d -v "$PWD/hf":/adir img true 2>&1 | grep -o 'Are you trying.*'
Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type
$ docker run -d --name d2f -v "$PWD/hd":/afile img true 2>&1 | grep -o 'Are you trying.*'
Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type
$ docker ps -a --format '{{.Names}} {{.Status}}' | sort
d2f Created
f2d Created
`);
  });
  it('a created container whose bind does not fit its target stays created, on both engines (mounts/start-error-bind-mismatch)', () => {
    expectRecorded('docker-26.1', `
$ docker build -q -t img - <<'EOF'
> FROM busybox
> RUN mkdir /adir
> EOF
<img1>
$ echo hi > hf
$ docker create --name sc -v "$PWD/hf":/adir img true
<id1>
$ docker start sc 2>&1 | grep -o 'Are you trying.*'
Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type
$ docker start sc > /dev/null 2>&1; echo $?
1
$ docker ps -a --format '{{.Names}} {{.Status}}'
sc Created
$ docker rm sc
sc
`);
    expectRecorded('docker-20.10', `
$ docker build -q -t img - <<'EOF'
> FROM busybox
> RUN mkdir /adir
> EOF
<img1>
$ echo hi > hf
$ docker create --name sc -v "$PWD/hf":/adir img true
<id1>
$ docker start sc 2>&1 | grep -o 'Are you trying.*'
Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type
$ docker start sc > /dev/null 2>&1; echo $?
1
$ docker ps -a --format '{{.Names}} {{.Status}}'
sc Created
$ docker rm sc
sc
`);
  });
  it('a mount point under a single-file bind: runc cannot open it (mounts/mount-point-under-file)', () => {
    expectRecorded('docker-26.1', `
$ echo > hd
$ docker run --rm -v "$PWD/hd":/srv -v inner:/srv/inner busybox true
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/var/lib/docker/volumes/inner/_data" to rootfs at "/srv/inner": open o_path procfd: open /var/lib/docker/overlay2/<id1>/merged/srv/inner: not a directory: unknown: Are you trying to mount a directory onto a file (or vice-versa)? Check if the specified host path exists and is the expected type
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker ps -a --format '{{.Status}}'
$ docker volume ls -q
inner
`);
  });
});

describe('where runc mounts, and its errors (recorded whole on both engines)', () => {
  // filepath-securejoin v0.2.3 (runc 1.1.5): absolute and relative links, `..` stopping at /,
  // and past 255 links ELOOP naming the rest of the walk; a volume's create fails first, in the
  // daemon's GetResourcePath (moby container.CopyImagePathContent)
  it.each(['docker-20.10', 'docker-26.1'] as const)('a destination through the image\'s symlinks, and a loop (host-mounts/securejoin-links, %s)', (engine) => {
    expectRecordingFile(engine, 'host-mounts/securejoin-links');
  });
  // runc createIfNotExists: the network files' mount points in a bind over /etc only where
  // missing (an empty 0755 file; an existing hosts keeps its content), whatever other mounts the
  // container has; a file bind's mount point in a volume; EROFS under a read-only /etc
  it.each(['docker-20.10', 'docker-26.1'] as const)('the mount points runc makes in a bind over /etc and in a volume (host-mounts/etc-bind-runtime-files, %s)', (engine) => {
    expectRecordingFile(engine, 'host-mounts/etc-bind-runtime-files');
  });
  // moby sortMounts (daemon/volumes.go): by depth, then in the order given
  it.each(['docker-20.10', 'docker-26.1'] as const)('a deeper mount given first lands inside the shallower one (mounts/mounts-depth-order, %s)', (engine) => {
    expectRecordingFile(engine, 'mounts/mounts-depth-order');
  });
  // runc mountToRootfs: the source is "tmpfs" for a tmpfs, the flags MS_NOSUID|MS_NODEV|MS_NOEXEC
  // (0xe) for a tmpfs, MS_BIND|MS_REC (0x5000) for a bind, plus MS_RDONLY (0x5001) for `:ro` on
  // 20.10 only
  it.each(['docker-20.10', 'docker-26.1'] as const)('the mount type errors of a tmpfs and a bind, rw and ro (mounts/mount-type-errors, %s)', (engine) => {
    expectRecordingFile(engine, 'mounts/mount-type-errors');
  });
});

describe("docker cp's view", () => {
  it('without the tmpfs mounts: a path under one is the writable layer beneath (cp/cp-tmpfs-layer, cp/cp-out-of-tmpfs)', () => {
    expectRecorded('docker-26.1', `
$ echo host > f.txt
$ docker run -d --name ct --tmpfs /t busybox sleep 100000
<id1>
$ docker cp f.txt ct:/t/f.txt
$ docker exec ct ls -a /t
.
..
$ docker diff ct
A /t
A /t/f.txt
$ docker cp ct:/t/f.txt - | tar -xO
host
$ docker exec ct mkdir /t/d
$ docker cp f.txt ct:/t/nod/x.txt
Error response from daemon: Could not find the file /t/nod in container ct
[exit 1]
$ docker stop -t 0 ct
ct
$ docker diff ct
A /t
A /t/f.txt
$ docker cp ct:/t/f.txt - | tar -xO
host
$ docker start ct
ct
$ docker exec ct ls -a /t
.
..
$ docker run --name cs --tmpfs /t busybox true
$ docker cp f.txt cs:/t/f.txt
$ docker diff cs
A /t
A /t/f.txt
$ docker start -a cs
$ docker run --rm --volumes-from cs busybox ls /t
ls: /t: No such file or directory
[exit 1]
$ docker run -d --name cm --mount type=tmpfs,target=/m busybox sleep 100000
<id2>
$ docker cp f.txt cm:/m/f.txt
$ docker exec cm ls -a /m
.
..
$ docker diff cm
A /m
A /m/f.txt
$ docker cp cm:/m/f.txt - | tar -xO
host
`);
    expectRecorded('docker-26.1', `
$ docker run --name base busybox sh -c 'mkdir /d && echo image > /d/f && chmod 700 /d'
$ docker commit base imgd
<img1>
$ docker run -d --name tt --tmpfs /d imgd sh -c 'echo tmp > /d/g; exec sleep 100000'
<id1>
$ docker exec tt sh -c 'until [ -s /d/g ]; do sleep 0.1; done; ls /d; stat -c %a /d'
g
700
$ docker cp tt:/d - | tar -t | sort
d/
d/f
$ docker cp tt:/d/f - | tar -xO
image
$ docker cp tt:/d/g -
Error response from daemon: Could not find the file /d/g in container tt
[exit 1]
$ docker cp tt:/d out && ls out
f
$ docker run -d --name tm --tmpfs /d:mode=1777 --tmpfs /fresh:mode=1777 imgd sleep 100000
<id2>
$ docker exec tm stat -c '%a %n' /d /fresh
700 /d
1777 /fresh
$ docker restart -t 0 tm
tm
$ docker exec tm stat -c '%a %n' /d /fresh
700 /d
755 /fresh
$ docker run --rm --tmpfs /d:mode=0711 --mount type=tmpfs,target=/bin2,tmpfs-mode=0700 imgd stat -c '%a %n' /d /bin2
700 /d
700 /bin2
`);
  });
  // the daemon's view without /proc, /dev, /sys and /dev/shm (the init layer's directories
  // there), and the network files empty until the first start (container.NetworkMounts skips
  // what it cannot stat), running or not
  it.each(['docker-20.10', 'docker-26.1'] as const)('without the runtime mounts, and the network files of a container never started (cp/cp-root, cp/cp-network-files, %s)', (engine) => {
    expectRecordingFile(engine, 'cp/cp-root');
    expectRecordingFile(engine, 'cp/cp-network-files');
  });
});

describe('a tmpfs volume in /proc/mounts', () => {
  // A volume made with type=tmpfs and o=size=1m is mounted as tmpfs with the kernel's view of its
  // size, KiB of whole pages (shmem_show_options): `tmpfs /ram tmpfs rw,relatime,size=1024k`.
  it('compose/named-volume-driver-opts', () => {
    expectRecordingFile('docker-26.1', 'compose/named-volume-driver-opts');
  });
});
