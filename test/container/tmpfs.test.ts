// tmpfs mounts (src/container/tmpfs.ts): their options, mode and owner, noexec, sizes refused at
// start, what inspect and /proc/mounts show, and what a tmpfs hides. Each excerpt is copied unedited from the recording it names (test/container/recorded.ts replays it).

import { describe, it } from 'vitest';
import { expectRecorded, expectRecordingFile } from './recorded.ts';

describe('tmpfs mounts', () => {
  it.each(['docker-20.10', 'docker-26.1'] as const)('size and mode in the kernel\'s number forms, 010k octal and 0X10k hex; a bad digit, a percentage or mode with a stray letter refused (mounts/tmpfs-number-forms, whole, %s)', (engine) => {
    expectRecordingFile(engine, 'mounts/tmpfs-number-forms');
  });
  it('default mode 1777 and noexec,nosuid,nodev; exec and uid options (mounts/tmpfs-modes-default, mounts/tmpfs-noexec)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm --tmpfs /t busybox sh -c 'stat -c "%a %U:%G" /t; grep " /t " /proc/mounts | cut -d" " -f4'
1777 root:root
rw,nosuid,nodev,noexec,relatime
$ docker run --rm --tmpfs /t:exec,mode=755,uid=65534 busybox sh -c 'stat -c "%a %U:%G" /t; grep " /t " /proc/mounts | cut -d" " -f4'
755 nobody:root
rw,nosuid,nodev,relatime,mode=755,uid=65534
$ docker run --rm --mount type=tmpfs,target=/m busybox sh -c 'stat -c "%a" /m; grep " /m " /proc/mounts | cut -d" " -f4'
1777
rw,nosuid,nodev,noexec,relatime
$ docker run --rm --mount type=tmpfs,target=/m,readonly busybox sh -c 'touch /m/x'
touch: /m/x: Read-only file system
[exit 1]
`);
    expectRecorded('docker-26.1', `
$ docker run --rm --tmpfs /t busybox sh -c 'exec 2>&1; printf "#!/bin/sh\\necho ran\\n" > /t/s.sh; chmod +x /t/s.sh; /t/s.sh; echo rc=$?; sh /t/s.sh; cp /bin/busybox /t/bb; /t/bb echo hi; echo rc=$?'
sh: /t/s.sh: Permission denied
rc=126
ran
sh: /t/bb: Permission denied
rc=126
$ docker run --rm --tmpfs /t:exec busybox sh -c 'exec 2>&1; printf "#!/bin/sh\\necho ran\\n" > /t/s.sh; chmod +x /t/s.sh; /t/s.sh; echo rc=$?'
ran
rc=0
$ docker run --rm --tmpfs /t:noexec busybox sh -c 'exec 2>&1; cp /bin/busybox /t/bb; cd /t && ./bb true; echo rc=$?'
sh: ./bb: Permission denied
rc=126
$ docker run --rm --mount type=tmpfs,target=/t busybox sh -c 'exec 2>&1; cp /bin/echo /t/e; /t/e hi; echo rc=$?'
sh: /t/e: Permission denied
rc=126
$ docker run --name nx --tmpfs /t busybox sh -c 'cp /bin/busybox /t/bb; exec /t/bb true'
sh: exec: line 0: /t/bb: Permission denied
[exit 126]
$ docker run --rm --tmpfs /bin busybox true
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "true": executable file not found in $PATH: unknown
<blank>
Run 'docker run --help' for more information
[exit 127]
$ docker run --rm -w /t --tmpfs /t busybox sh -c 'exec 2>&1; echo "echo hi" > s; chmod 755 s; ./s; echo rc=$?'
sh: ./s: Permission denied
rc=126
`);
  });
  it('an invalid size passes create and fails at start (mounts/tmpfs-invalid-size)', () => {
    expectRecorded('docker-26.1', `
$ docker create --name tz --tmpfs /t:size=abc busybox true
<id1>
$ docker start tz
Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "tmpfs" to rootfs at "/t": mount tmpfs:/t (via /proc/self/fd/6), flags: 0xe, data: size=abc: invalid argument: unknown
Error: failed to start containers: tz
[exit 1]
$ docker ps -a --format '{{.Names}} {{.Status}}'
tz Created
$ docker run -d --name tr --tmpfs /t:size=12q busybox true
<id2>
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "tmpfs" to rootfs at "/t": mount tmpfs:/t (via /proc/self/fd/6), flags: 0xe, data: size=12q: invalid argument: unknown
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker ps -a --format '{{.Names}} {{.Status}}' --filter name=tr
tr Created
$ docker run -d --name ts --tmpfs /t:size=-1 busybox true
<id3>
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "tmpfs" to rootfs at "/t": mount tmpfs:/t (via /proc/self/fd/6), flags: 0xe, data: size=-1: invalid argument: unknown
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --tmpfs /t:size=1k busybox df -k /t
Filesystem           1K-blocks      Used Available Use% Mounted on
tmpfs                        4         0         4   0% /t
$ docker run --rm --tmpfs /t:size=0 busybox df -k /t
Filesystem           1K-blocks      Used Available Use% Mounted on
tmpfs                        0         0         0   0% /t
$ docker run -d --name tm --tmpfs /t:mode=abc busybox true
<id4>
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "tmpfs" to rootfs at "/t": mount tmpfs:/t (via /proc/self/fd/6), flags: 0xe, data: mode=abc: invalid argument: unknown
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run -d --name te --tmpfs /t:size= busybox true
<id5>
docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "tmpfs" to rootfs at "/t": mount tmpfs:/t (via /proc/self/fd/6), flags: 0xe, data: size=: invalid argument: unknown
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker inspect --format '{{json .HostConfig.Tmpfs}}' tz
{"/t":"size=abc"}
`);
  });
  it('tmpfs-mode at the first start and after a restart; --tmpfs and --mount in inspect (mounts/tmpfs-mount-mode-restart, mounts/inspect-tmpfs-both)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --name rt --mount type=tmpfs,target=/m,tmpfs-mode=0750 --tmpfs /t:mode=0710 busybox sleep 100000
<id1>
$ docker exec rt stat -c '%a %n' /m /t
750 /m
710 /t
$ docker restart rt
rt
$ docker exec rt stat -c '%a %n' /m /t
755 /m
755 /t
$ docker stop rt
rt
$ docker start rt
rt
$ docker exec rt stat -c '%a %n' /m /t
755 /m
755 /t
`);
    expectRecorded('docker-26.1', `
$ docker create --name t1 --tmpfs /t:size=1m,mode=700 busybox
<id1>
$ docker inspect --format '{{json .HostConfig.Tmpfs}} {{json .Mounts}} {{json .HostConfig.Mounts}}' t1
{"/t":"size=1m,mode=700"} [] null
$ docker create --name t2 --mount type=tmpfs,target=/m,tmpfs-size=1m,tmpfs-mode=0700 busybox
<id2>
$ docker inspect --format '{{json .Mounts}}' t2
[{"Type":"tmpfs","Source":"","Destination":"/m","Mode":"","RW":true,"Propagation":""}]
$ docker inspect --format '{{json .HostConfig.Mounts}} {{json .HostConfig.Tmpfs}}' t2
[{"Type":"tmpfs","Target":"/m","TmpfsOptions":{"SizeBytes":1048576,"Mode":448}}] null
`);
  });
  it('a tmpfs over an image VOLUME or directory: no anonymous volume, no copy (mounts/tmpfs-over-image-volume, mounts/tmpfs-shadows-image-dir)', () => {
    expectRecorded('docker-26.1', `
$ docker build -q -t volimg - <<'EOF'
> FROM busybox
> RUN mkdir /data && echo seed > /data/seed
> VOLUME /data
> EOF
<img1>
$ docker run --rm --tmpfs /data volimg ls -a /data
.
..
$ docker volume ls -q | wc -l
0
$ docker run --rm --mount type=tmpfs,target=/data volimg ls -a /data
.
..
$ docker volume ls -q | wc -l
0
$ docker run --rm -v "$PWD":/data volimg ls -a /data
.
..
$ docker volume ls -q | wc -l
0
`);
    expectRecorded('docker-26.1', `
$ docker build -q -t app - <<'EOF'
> FROM busybox
> RUN mkdir /app && echo img > /app/f
> EOF
<img1>
$ docker run --name t1 --tmpfs /app app sh -c 'ls -a /app; echo new > /app/g'
.
..
$ docker diff t1
$ docker export t1 | tar -t | grep '^app'
app/
app/f
$ docker run --name t2 --mount type=tmpfs,target=/newdir app sh -c 'ls -a /newdir'
.
..
$ docker diff t2
A /newdir
`);
  });
});
