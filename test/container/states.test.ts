// A container's states and names through its life (src/container/registry.ts, lookup.ts,
// remove.ts): create, start, stop, kill, restart, rm, several at once, rename. Each excerpt is copied unedited from the recording it names (test/container/recorded.ts replays it).

import { describe, it } from 'vitest';
import { expectRecorded } from './recorded.ts';

describe('states', () => {
  it('create, start, stop, kill, restart, rm and the states they leave (core/lifecycle-basic)', () => {
    expectRecorded('docker-26.1', `
$ docker create --name lc busybox sleep 1000
<id1>
$ docker ps -a --format '{{.Names}}|{{.State}}|{{.Status}}|{{.Command}}|{{.Image}}'
lc|created|Created|"sleep 1000"|busybox
$ docker inspect --format '{{.State.Status}} {{.State.Running}} {{.State.ExitCode}} {{.State.Pid}} {{.Name}} {{.Path}} {{json .Args}}' lc
created false 0 0 /lc sleep ["1000"]
$ docker start lc
lc
$ docker start lc
lc
$ docker ps --format '{{.Names}}|{{.State}}'
lc|running
$ docker inspect --format '{{.State.Status}} {{.State.Running}} {{.State.Paused}} {{.State.Restarting}} {{.State.OOMKilled}} {{.State.Dead}} {{.State.ExitCode}} {{.State.Error}}' lc
running true false false false false 0 
$ docker rm lc
Error response from daemon: cannot remove container "/lc": container is running: stop the container before removing or force remove
[exit 1]
$ docker kill lc
lc
$ docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' lc
exited 137
$ docker kill lc
Error response from daemon: cannot kill container: lc: container <id1> is not running
[exit 1]
$ docker stop lc
lc
$ docker restart lc
lc
$ docker inspect --format '{{.State.Status}} {{.RestartCount}}' lc
running 0
$ docker stop lc
lc
$ docker ps -a --format '{{.Names}}|{{.State}}'
lc|exited
$ docker rm -f lc
lc
$ docker rm lc
Error response from daemon: No such container: lc
[exit 1]
$ docker rm -f lc
Error response from daemon: No such container: lc
`);
  });
  it('rm of a running container, name conflicts (core/rm-running)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --name rr --network none busybox sleep 1000
<id1>
$ docker rm rr
Error response from daemon: cannot remove container "/rr": container is running: stop the container before removing or force remove
[exit 1]
$ docker run -d --name rr busybox sleep 1000
docker: Error response from daemon: Conflict. The container name "/rr" is already in use by container "<id1>". You have to remove (or rename) that container to be able to reuse that name.
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker create --name rr busybox
Error response from daemon: Conflict. The container name "/rr" is already in use by container "<id1>". You have to remove (or rename) that container to be able to reuse that name.
[exit 1]
$ docker rename rr rr2
$ docker ps --format '{{.Names}}'
rr2
$ docker rm -f rr2
rr2
$ docker ps -a -q | wc -l
0
$ docker run --name t busybox true
docker: Error response from daemon: Invalid container name (t), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --name 'bad name' busybox true
docker: Error response from daemon: Invalid container name (bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed
<blank>
Run 'docker run --help' for more information
[exit 125]
`);
  });
  it('several containers at once, some missing (core/multi-arg-lifecycle)', () => {
    expectRecorded('docker-26.1', `
$ docker create --name m1 busybox sleep 1000
<id1>
$ docker create --name m2 busybox sleep 1000
<id2>
$ docker start m1 m2
m1
m2
$ docker stop m1 ghost m2
m1
m2
Error response from daemon: No such container: ghost
[exit 1]
$ docker restart m1 m2
m1
m2
$ docker kill m1 m2
m1
m2
$ docker rm m1 ghost m2
m1
m2
Error response from daemon: No such container: ghost
[exit 1]
$ docker ps -a -q | wc -l
0
$ docker create --name m3 busybox echo hi
<id3>
$ docker restart m3
m3
$ docker logs m3
hi
$ docker stop m3
m3
$ docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' m3
exited 0
`);
  });
  it('pause, wait, rename (core/pause-wait-rename, lifecycle/lifecycle-wait-rename)', () => {
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
$ docker run -d --name wt busybox sh -c 'exit 6'
<id2>
$ docker wait wt
6
$ docker rename wt wt-renamed
$ docker inspect --format '{{.Name}}' wt-renamed
/wt-renamed
$ docker rename wt-renamed wt-renamed
Error response from daemon: Renaming a container with the same name as its current name
Error: failed to rename container named wt-renamed
[exit 1]
`);
    expectRecorded('docker-26.1', `
$ docker run -d --name wt busybox sh -c 'exit 6'
<id1>
$ docker create --name wc busybox true
<id2>
$ docker run --name w0 busybox true
$ docker wait wt
6
$ docker wait wt w0 ghost wc
6
0
0
Error response from daemon: No such container: ghost
[exit 1]
$ docker container wait wc
0
$ docker rename wt wt-renamed
$ docker inspect --format '{{.Name}} {{.State.ExitCode}}' wt-renamed
/wt-renamed 6
$ docker rename wt-renamed w0
Error response from daemon: Error when allocating new name: Conflict. The container name "/w0" is already in use by container "<id3>". You have to remove (or rename) that container to be able to reuse that name.
Error: failed to rename container named wt-renamed
[exit 1]
$ docker rename wt-renamed 'bad name'
Error response from daemon: Error when allocating new name: Invalid container name (/bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed
Error: failed to rename container named wt-renamed
[exit 1]
$ docker rename wt-renamed x
Error response from daemon: Error when allocating new name: Invalid container name (/x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed
Error: failed to rename container named wt-renamed
[exit 1]
$ docker rename ghost other
Error response from daemon: No such container: ghost
Error: failed to rename container named ghost
[exit 1]
$ docker rename wt-renamed /slashed
$ docker ps -a --format '{{.Names}}' | sort
slashed
w0
wc
$ docker container rename slashed wt
$ docker run -d --name rr --network none busybox sleep 1000
<id4>
$ docker rename rr rr2
$ docker ps --format '{{.Names}} {{.State}}'
rr2 running
$ docker exec rr2 hostname | wc -c
13
$ docker ps -a --filter name=rr --format '{{.Names}}'
rr2
`);
  });
  it('docker cp onto a single-file bind is busy (cp/cp-bind-file-busy)', () => {
    expectRecorded('docker-26.1', `
$ echo bound > b.txt && echo new > n.txt && mkdir hd && echo in > hd/in.txt
$ docker run -d --name cb -v $PWD/b.txt:/etc/b.txt -v $PWD/hd:/hd busybox sleep 100000
<id1>
$ docker cp n.txt cb:/etc/b.txt
Error response from daemon: unlinkat /etc/b.txt: device or resource busy
[exit 1]
$ cat b.txt
bound
$ docker cp n.txt cb:/hd/in.txt
$ cat hd/in.txt
new
$ docker stop -t 0 cb
cb
$ docker cp n.txt cb:/etc/b.txt
Error response from daemon: unlinkat /etc/b.txt: device or resource busy
[exit 1]
$ docker cp cb:/etc/b.txt - | tar -xO
bound
$ docker create --name cc -v $PWD/b.txt:/b.txt busybox true
<id2>
$ docker cp n.txt cc:/b.txt
Error response from daemon: unlinkat //b.txt: device or resource busy
[exit 1]
$ cat b.txt
bound
`);
  });
});
