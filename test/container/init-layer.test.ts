// The init layer (src/container/init-layer.ts) and the writable layer as docker export and docker
// diff show them. Each excerpt is copied unedited from the recording it names (test/container/recorded.ts replays it).

import { describe, it } from 'vitest';
import { expectRecorded, expectRecordingFile } from './recorded.ts';

describe('the init layer', () => {
  it('a BuildKit RUN step has none: only /etc/hosts and /etc/resolv.conf are mounted, over empty files in its layer (image-layers/run-step-view, whole)', () => {
    expectRecordingFile('docker-26.1', 'image-layers/run-step-view');
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)('its placeholders and directories are dated at create; a RUN step sees the runtime mounts of its own start (core/init-layer-times, %s)', (engine) => {
    expectRecordingFile(engine, 'core/init-layer-times');
  });
  it('placeholders for the runtime files and mount points in an export (core/init-layer-export)', () => {
    expectRecorded('docker-26.1', `
$ docker create --name ic busybox
<id1>
$ mkdir x && docker export ic | tar -x -C x && stat -c '%a %s %F %n' x/.dockerenv x/etc/hostname x/etc/hosts x/etc/resolv.conf x/dev/console x/dev/pts x/dev/shm x/proc x/sys x/etc/mtab && readlink x/etc/mtab
755 0 regular empty file x/.dockerenv
755 0 regular empty file x/etc/hostname
755 0 regular empty file x/etc/hosts
755 0 regular empty file x/etc/resolv.conf
755 0 regular empty file x/dev/console
755 4096 directory x/dev/pts
755 4096 directory x/dev/shm
755 4096 directory x/proc
755 4096 directory x/sys
777 12 symbolic link x/etc/mtab
/proc/mounts
$ find x/dev x/proc x/sys | sort
x/dev
x/dev/console
x/dev/pts
x/dev/shm
x/proc
x/sys
$ docker run --name ic2 busybox sh -c 'exec 2>&1; rm /etc/hostname /.dockerenv; mkdir /proc/x 2>/dev/null; ls -a /'
rm: can't remove '/etc/hostname': Device or resource busy
.
..
bin
dev
etc
proc
root
sys
tmp
var
$ docker diff ic2
D /.dockerenv
$ rm -rf y && mkdir y && docker export ic2 | tar -x -C y && ls -a y | tr '\\n' ' '
. .. bin dev etc proc root sys tmp var 
$ docker rm ic ic2
ic
ic2
`);
  });
  it('volume mount points and the working directory in an export (core/export-missing-dir-volume-order-workdir)', () => {
    expectRecorded('docker-26.1', `
$ docker create --name c1 busybox
<id1>
$ docker export -o nodir/c1.tar c1
failed to export container: invalid output path: stat nodir: no such file or directory
[exit 1]
$ docker export --output=/nonexistent/x.tar c1
failed to export container: invalid output path: stat /nonexistent: no such file or directory
[exit 1]
$ docker volume create vol10
vol10
$ docker volume create vol2
vol2
$ docker volume create Vol1
Vol1
$ docker volume create vol1
vol1
$ docker volume create v_9
v_9
$ docker volume ls
DRIVER    VOLUME NAME
local     Vol1
local     v_9
local     vol1
local     vol2
local     vol10
$ docker volume ls -q
Vol1
v_9
vol1
vol2
vol10
$ docker run --rm -w /../../tmp busybox pwd
/tmp
$ docker run --rm -w /a/../b/./c busybox pwd
/b/c
$ docker run --rm -w /tmp/../.. busybox sh -c 'pwd; ls -d /b /a 2>&1'
/
ls: /b: No such file or directory
ls: /a: No such file or directory
[exit 1]
$ docker rm c1
c1
$ docker volume rm vol10 vol2 Vol1 vol1 v_9
vol10
vol2
Vol1
vol1
v_9
`);
  });
});
