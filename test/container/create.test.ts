// Creating a container (src/container/create.ts) as the recordings show it: the daemon's refusals
// (names, commands, working directory, mount specifications, duplicates, --volumes-from), how
// the config merges the image's with the command line, mount registration and its precedence,
// anonymous volumes, and copy-on-mount into empty volumes. Each excerpt is copied unedited from
// the recording it names (test/container/recorded.ts replays it).

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { expectRecorded, expectRecordingFile } from './recorded.ts';

describe('refusals', () => {
  it('names, commands, working directory, volumes-from and mount specs (core/create-errors, mounts/create-errors-format)', () => {
    expectRecorded('docker-26.1', `
$ docker create --name 'bad name' busybox
Error response from daemon: Invalid container name (bad name), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed
[exit 1]
$ docker create --name _x busybox
Error response from daemon: Invalid container name (_x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed
[exit 1]
$ docker create --name ok1 busybox
<id1>
$ docker create --name ok1 busybox
Error response from daemon: Conflict. The container name "/ok1" is already in use by container "<id1>". You have to remove (or rename) that container to be able to reuse that name.
[exit 1]
$ docker create --name /ok2 busybox
<id2>
$ docker ps -a --format '{{.Names}}' | sort
ok1
ok2
$ docker create --entrypoint '' busybox
Error response from daemon: no command specified
[exit 1]
$ docker run --rm --entrypoint '' busybox
docker: Error response from daemon: no command specified
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker create -w rel busybox
Error response from daemon: the working directory 'rel' is invalid, it needs to be an absolute path
[exit 1]
$ docker create --volumes-from '' busybox
Error response from daemon: volumes-from specification cannot be an empty string
[exit 1]
$ docker create --volumes-from nosuch busybox
Error response from daemon: No such container: nosuch
[exit 1]
$ docker create --volumes-from ok1:bogus busybox
Error response from daemon: invalid mode: bogus
[exit 1]
$ docker create --volumes-from ok1:ro,rw busybox
Error response from daemon: invalid mode: ro,rw
[exit 1]
$ docker create --volumes-from ok1:nocopy busybox
Error response from daemon: invalid mode: nocopy
[exit 1]
$ docker create --volumes-from ok1:rprivate busybox
Error response from daemon: invalid mode: rprivate
[exit 1]
$ docker create --volumes-from nosuch:nocopy busybox
Error response from daemon: invalid mode: nocopy
[exit 1]
$ docker create --volumes-from ok1:ro:x busybox
Error response from daemon: invalid mode: ro:x
[exit 1]
$ docker create --name vf1 --volumes-from ok1:ro,z busybox
<id3>
$ docker create --name vf2 --volumes-from ok1: busybox
<id4>
$ docker create -v /x:rel busybox
Error response from daemon: invalid volume specification: '/x:rel': invalid mount config for type "bind": invalid mount path: 'rel' mount path must be absolute
[exit 1]
$ docker create -v v1:/ busybox
Error response from daemon: invalid volume specification: 'v1:/': invalid mount config for type "volume": invalid specification: destination can't be '/'
[exit 1]
$ docker create -v v1:/x/.. busybox
Error response from daemon: invalid volume specification: 'v1:/x/..': invalid mount config for type "volume": invalid specification: destination can't be '/'
[exit 1]
$ docker create --mount type=volume,src=v1,dst=/x/.. busybox
Error response from daemon: invalid mount config for type "volume": invalid specification: destination can't be '/'
[exit 1]
$ docker create --mount type=bind,src=/tmp,dst=//. busybox
Error response from daemon: invalid mount config for type "bind": invalid specification: destination can't be '/'
[exit 1]
$ docker create --mount type=volume,src=v3,dst=/x,volume-opt=type=tmpfs busybox
Error response from daemon: create v3: missing required option: "device"
[exit 1]
$ docker volume ls -q
$ docker create --name full -v "$PWD":/b:ro --mount type=volume,dst=/c --tmpfs /d:size=1m --label l=1 --volumes-from ok1:ro busybox
<id5>
$ docker inspect --format '{{json .HostConfig.Binds}} {{json .HostConfig.Tmpfs}} {{json .HostConfig.VolumesFrom}} {{json .Config.Labels}}' full
["$PWD:/b:ro"] {"/d":"size=1m"} ["ok1:ro"] {"l":"1"}
$ docker inspect --format '{{json .HostConfig.Mounts}}' full
[{"Type":"volume","Target":"/c"}]
$ docker inspect --format '{{json .HostConfig.Binds}} {{json .HostConfig.Mounts}} {{json .HostConfig.Tmpfs}} {{json .HostConfig.VolumesFrom}} {{.Config.StopSignal}} {{json .Config.Volumes}}' ok1
null null null null SIGKILL null
$ docker rm ok1 ok2 full vf1 vf2
ok1
ok2
full
vf1
vf2
`);
    expectRecorded('docker-26.1', `
$ docker create --name d1 -v v1:/data -v v2:/data busybox
Error response from daemon: Duplicate mount point: /data
[exit 1]
$ docker create --name d2 --mount type=bind,source="$PWD/none",target=/data busybox
Error response from daemon: invalid mount config for type "bind": bind source path does not exist: $PWD/none
[exit 1]
$ docker create --name d3 -v v1:/data:bogus busybox
Error response from daemon: invalid mode: bogus
[exit 1]
$ docker create --name d4 --mount type=volume,target=/data,readonly busybox
Error response from daemon: invalid mount config for type "volume": must not set ReadOnly mode when using anonymous volumes
[exit 1]
$ docker create --name d5 --tmpfs relative busybox
Error response from daemon: invalid mount path: 'relative' mount path must be absolute
[exit 1]
$ docker ps -a -q | wc -l
0
`);
  });
  it('invalid --mount and -v values (mounts/invalid-mount-specs, mounts/invalid-v-specs)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm --mount type=volume,source=v,target=data busybox true
docker: Error response from daemon: invalid mount config for type "volume": invalid mount path: 'data' mount path must be absolute
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --mount type=bind,source=rel,target=/data busybox true
docker: Error response from daemon: invalid mount config for type "bind": invalid mount path: 'rel' mount path must be absolute
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --mount type=tmpfs,source=x,target=/data busybox true
docker: Error response from daemon: invalid mount config for type "tmpfs": field Source must not be specified
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --mount type=foo,target=/data busybox true
docker: Error response from daemon: invalid mount config for type "foo": mount type unknown
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --mount type=volume,target=/data,bind-propagation=shared busybox true
invalid argument "type=volume,target=/data,bind-propagation=shared" for "--mount" flag: cannot mix 'bind-*' options with mount type 'volume'
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --mount type=volume,source=v busybox true
invalid argument "type=volume,source=v" for "--mount" flag: target is required
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --mount type=volume,src=v,dst=/d,readonly=maybe busybox true
invalid argument "type=volume,src=v,dst=/d,readonly=maybe" for "--mount" flag: invalid value for readonly: maybe
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
`);
    expectRecorded('docker-26.1', `
$ docker run --rm -v a::b busybox true
docker: Error response from daemon: invalid mode: b
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm -v v:/a:/b:ro busybox true
docker: Error response from daemon: invalid volume specification: 'v:/a:/b:ro'
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm -v v:/data:rw,ro busybox true
docker: Error response from daemon: invalid mode: rw,ro
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm -v /p:nocopy busybox true
docker: Error response from daemon: invalid volume specification: '/p:nocopy'
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm -v v:/data:bogus busybox true
docker: Error response from daemon: invalid mode: bogus
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm -v v:data busybox true
$ docker run --rm -v v:/ busybox true
$ docker volume ls -q | wc -l
0
`);
  });
  it('--mount type=bind with a missing source is refused at create, -v creates it (mounts/invalid-mount-bind-missing-src)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm --mount type=bind,source="$PWD/nothere",target=/data busybox true
docker: Error response from daemon: invalid mount config for type "bind": bind source path does not exist: $PWD/nothere
<blank>
Run 'docker run --help' for more information
[exit 125]
$ ls -a
.
..
$ docker run --rm -v "$PWD/nothere":/data busybox true
$ ls -a
.
..
nothere
$ stat -c '%a %U' nothere
755 root
`);
  });
  it('a volume where the image has a file (mounts/anon-volume-over-image-file, mounts/volume-over-image-file)', () => {
    expectRecorded('docker-26.1', `
$ docker build -q -t fileimg - <<'EOF'
> FROM busybox
> RUN echo content > /data
> EOF
<img1>
$ docker create --name anon-over-file -v /data fileimg
Error response from daemon: cannot mount volume over existing file, file exists /var/lib/docker/overlay2/<id1>/merged/data
[exit 1]
$ docker ps -a --format '{{.Names}}' | wc -l
0
$ docker volume ls -q | wc -l
0
`);
    expectRecorded('docker-26.1', `
$ docker build -q -t fileimg - <<'EOF'
> FROM busybox
> RUN echo content > /data
> EOF
<img1>
$ docker run -d --name named-over-file -v nv:/data fileimg true
docker: Error response from daemon: source /var/lib/docker/overlay2/<id1>/merged/data is not directory
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker ps -a --format '{{.Names}} {{.Status}}'
$ docker volume ls --format '{{.Name}}'
nv
`);
  });
});

describe('the config', () => {
  it('env, labels, stop signal, workdir, entrypoint and cmd merged with the image (core/config-merge, core/cmd-entrypoint)', () => {
    expectRecorded('docker-26.1', `
$ docker build -q -t cfg - <<'EOF'
> FROM busybox
> ENV A=img B=img
> LABEL la=img lb=img
> STOPSIGNAL SIGUSR1
> WORKDIR /w/../w2
> CMD ["echo", "from-cmd"]
> EOF
<img1>
$ docker create --name cm -e A=cli -e C=cli --label lb=cli --label lc=cli cfg
<id1>
$ docker inspect --format '{{json .Config.Env}} {{json .Config.Labels}} {{.Config.StopSignal}} {{.Config.WorkingDir}} {{json .Config.Cmd}} {{json .Config.Entrypoint}}' cm
["A=cli","C=cli","PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","B=img"] {"la":"img","lb":"cli","lc":"cli"} SIGUSR1 /w/../w2 ["echo","from-cmd"] null
$ docker create --name cm2 --entrypoint echo cfg hi
<id2>
$ docker inspect --format '{{json .Config.Cmd}} {{json .Config.Entrypoint}}' cm2
["hi"] ["echo"]
$ docker start -a cm2
hi
$ docker create --name cm3 --entrypoint '' cfg pwd
<id3>
$ docker inspect --format '{{json .Config.Cmd}} {{json .Config.Entrypoint}}' cm3
["pwd"] null
$ docker start -a cm3
/w2
$ docker create --name cm4 --entrypoint sh cfg
<id4>
$ docker inspect --format '{{json .Config.Cmd}} {{json .Config.Entrypoint}}' cm4
null ["sh"]
$ docker run --rm -w /x/./y/.. cfg sh -c 'pwd; ls -d /x'
/x
/x
$ docker rm cm cm2 cm3 cm4
cm
cm2
cm3
cm4
$ docker rmi cfg
Untagged: cfg:latest
Deleted: <img1>
`);
    expectRecorded('docker-26.1', `
$ docker build -q -t ep1 - <<'EOF'
> FROM busybox
> ENTRYPOINT ["echo", "ep"]
> CMD ["default", "args"]
> EOF
<img1>
$ docker build -q -t ep2 - <<'EOF'
> FROM busybox
> ENTRYPOINT echo shellform
> CMD ["ignored"]
> EOF
<img2>
$ docker build -q -t ep3 - <<'EOF'
> FROM busybox
> CMD echo cmd shell $HOME
> EOF
<img3>
$ docker run --rm ep1
ep default args
$ docker run --rm ep1 given
ep given
$ docker run --rm --entrypoint printf ep1 '%s\\n' x y
x
y
$ docker run --rm ep2 extra
shellform
$ docker run --rm ep3
cmd shell /root
$ docker run --rm ep3 echo replaced
replaced
$ docker image inspect --format '{{json .Config.Entrypoint}} {{json .Config.Cmd}}' ep1 ep2 ep3
["echo","ep"] ["default","args"]
["/bin/sh","-c","echo shellform"] ["ignored"]
null ["/bin/sh","-c","echo cmd shell $HOME"]
$ docker history --format '{{.CreatedBy}}' ep2
CMD ["ignored"]
ENTRYPOINT ["/bin/sh" "-c" "echo shellform"]
/bin/sh -c #(nop) ADD busybox-static 1:1.35.…
$ docker create --name c-ep1 ep1 a b
<id1>
$ docker inspect --format '{{.Path}} {{json .Args}} {{json .Config.Cmd}} {{json .Config.Entrypoint}}' c-ep1
echo ["ep","a","b"] ["a","b"] ["echo","ep"]
$ docker create --name c-ep3 --entrypoint '' ep3
Error response from daemon: no command specified
[exit 1]
$ docker inspect --format '{{.Path}} {{json .Args}} {{json .Config.Cmd}} {{json .Config.Entrypoint}}' c-ep3
<blank>
Error: No such object: c-ep3
[exit 1]
`);
  });
  it('the working directory cleaned, made in the writable layer at create, refused when a file is in the way (core/workdir-clean on both engines, core/run-workdir-diff, core/workdir-blocked)', () => {
    expectRecorded('docker-26.1', `
$ docker create --name wd1 -w /x/../y/./z/ busybox pwd
<id1>
$ docker inspect --format '{{.Config.WorkingDir}}' wd1
/y/z
$ docker start -a wd1
/y/z
$ docker diff wd1
A /y
A /y/z
$ docker build -q -t wdimg - <<'EOF'
> FROM busybox
> WORKDIR /a/./b/../c/
> RUN pwd > /pwd.txt
> EOF
<img1>
$ docker image inspect --format '{{.Config.WorkingDir}}' wdimg
/a/./b/../c/
$ docker run --rm wdimg sh -c 'pwd; cat /pwd.txt'
/a/c
/a/c
$ docker rm wd1
wd1
$ docker rmi wdimg
Untagged: wdimg:latest
Deleted: <img1>
`);
    expectRecorded('docker-20.10', `
$ docker create --name wd1 -w /x/../y/./z/ busybox pwd
<id1>
$ docker inspect --format '{{.Config.WorkingDir}}' wd1
/y/z
$ docker start -a wd1
/y/z
$ docker diff wd1
A /y
A /y/z
$ docker build -q -t wdimg - <<'EOF'
> FROM busybox
> WORKDIR /a/./b/../c/
> RUN pwd > /pwd.txt
> EOF
<img1>
$ docker image inspect --format '{{.Config.WorkingDir}}' wdimg
/a/./b/../c/
$ docker run --rm wdimg sh -c 'pwd; cat /pwd.txt'
/a/c
/a/c
$ docker rm wd1
wd1
$ docker rmi wdimg
Untagged: wdimg:latest
Deleted: <img1>
Deleted: <img2>
Deleted: <img3>
Deleted: <img4>
`);
    expectRecorded('docker-26.1', `
$ docker run --name wd -w /srv/app busybox pwd
/srv/app
$ docker diff wd
A /srv
A /srv/app
$ printf 'K1=v1\\n# comment\\nK2=has space\\n' > env.list
$ docker run --rm --env-file env.list busybox sh -c 'echo "$K1|$K2"'
v1|has space
$ docker run --name us -u 65534:65534 busybox id
uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)
$ docker inspect --format '{{.Config.User}} {{.Config.WorkingDir}}' us wd
65534:65534 
 /srv/app
$ docker run --rm -w relative busybox pwd
docker: Error response from daemon: the working directory 'relative' is invalid, it needs to be an absolute path
<blank>
Run 'docker run --help' for more information
[exit 125]
`);
    expectRecorded('docker-26.1', `
$ docker run --rm -w /etc/passwd busybox pwd
docker: Error response from daemon: Cannot mkdir: /etc/passwd is not a directory
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm -w /etc/passwd/x busybox pwd
docker: Error response from daemon: lstat /var/lib/docker/overlay2/<id1>/merged/etc/passwd/x: not a directory
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker ps -a --format '{{.Names}}'
$ docker run --rm -v wv:/v:ro -w /v/sub busybox pwd
/v/sub
$ docker run --name wr -v wv:/v:ro -w /v/sub busybox pwd
/v/sub
$ docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' wr
exited 0
$ docker rm -v wr
wr
$ docker volume rm wv
wv
`);
    expectRecorded('docker-20.10', `
$ docker run --rm -w /etc/passwd busybox pwd
docker: Error response from daemon: Cannot mkdir: /etc/passwd is not a directory.
See 'docker run --help'.
[exit 125]
$ docker run --rm -w /etc/passwd/x busybox pwd
docker: Error response from daemon: lstat /var/lib/docker/overlay2/<id1>/merged/etc/passwd/x: not a directory.
See 'docker run --help'.
[exit 125]
$ docker ps -a --format '{{.Names}}'
$ docker run --rm -v wv:/v:ro -w /v/sub busybox pwd
/v/sub
$ docker run --name wr -v wv:/v:ro -w /v/sub busybox pwd
/v/sub
$ docker inspect -f '{{.State.Status}} {{.State.ExitCode}}' wr
exited 0
$ docker rm -v wr
wr
$ docker volume rm wv
wv
`);
  });
});

describe('mount registration', () => {
  it('-v routed to Binds or Config.Volumes, anonymous volumes in .Mounts (mounts/v-spec-routing-binds-vs-volumes, mounts/inspect-anon-v-path)', () => {
    expectRecorded('docker-26.1', `
$ docker create --name c1 -v vv:data busybox
Error response from daemon: invalid volume specification: 'vv:data': invalid mount config for type "volume": invalid mount path: 'data' mount path must be absolute
[exit 1]
$ docker create --name c2 -v x:data busybox
<id1>
$ docker inspect --format '{{json .HostConfig.Binds}} {{json .Config.Volumes}}' c2
null {"x:data":{}}
$ docker create --name c3 -v x:/ busybox
<id2>
$ docker inspect --format '{{json .HostConfig.Binds}} {{json .Config.Volumes}}' c3
null {"x:/":{}}
$ docker create --name c4 -v x:/data:ro busybox
Error response from daemon: create x: volume name is too short, names should be at least two alphanumeric characters
[exit 1]
$ docker create --name c5 -v /data:/other:ro busybox
<id3>
$ docker inspect --format '{{json .HostConfig.Binds}} {{json .Config.Volumes}}' c5
["/data:/other:ro"] null
$ docker create --name c6 -v vv:/data:ro,nocopy busybox
<id4>
$ docker inspect --format '{{json .HostConfig.Binds}}' c6
["vv:/data:ro,nocopy"]
$ docker ps -a --format '{{.Names}}' | sort
c2
c3
c5
c6
`);
    expectRecorded('docker-26.1', `
$ docker create --name ctr -v /data busybox
<id1>
$ docker inspect --format '{{range .Mounts}}{{.Type}}|{{.Destination}}|{{.Driver}}|{{.Mode}}|{{.RW}}|{{.Propagation}}{{end}}' ctr
volume|/data|local||true|
$ docker inspect --format '{{json .Config.Volumes}} {{json .HostConfig.Binds}} {{json .HostConfig.Mounts}}' ctr
{"/data":{}} null null
$ docker volume ls -q | wc -l
1
`);
  });
  it('--volumes-from: missing, modes, :ro, overridden, transitive (mounts/volumes-from-*)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm --volumes-from ghost busybox true
docker: Error response from daemon: No such container: ghost
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker create --name ctr --volumes-from ghost busybox
Error response from daemon: No such container: ghost
[exit 1]
$ docker ps -a -q | wc -l
0
$ docker run --rm --volumes-from "" busybox true
docker: Error response from daemon: volumes-from specification cannot be an empty string
<blank>
Run 'docker run --help' for more information
[exit 125]
`);
    expectRecorded('docker-26.1', `
$ mkdir hd
$ docker create --name s1 -v nv:/data busybox
<id1>
$ docker create --name h1 --volumes-from s1 busybox
<id2>
$ docker inspect --format '{{range .Mounts}}{{.Name}}|{{.Mode}}|{{.RW}}{{end}}' s1 h1
nv|z|true
nv||true
$ docker create --name s2 -v "$PWD/hd":/hd:ro busybox
<id3>
$ docker create --name h2 --volumes-from s2:rw busybox
<id4>
$ docker inspect --format '{{range .Mounts}}{{.Type}}|{{.Mode}}|{{.RW}}|{{.Propagation}}{{end}}' s2 h2
bind|ro|false|rprivate
bind||false|rprivate
`);
    expectRecorded('docker-26.1', `
$ docker run --name src1 -v /data -v other:/other busybox sh -c 'echo inherited > /data/f; echo o > /other/o'
$ docker run --rm --volumes-from src1 -v mine:/data busybox sh -c 'ls -a /data; ls /other'
.
..
o
$ docker run --rm --volumes-from src1 --tmpfs /data busybox ls -a /data
.
..
$ docker run --rm --volumes-from src1 --mount type=volume,target=/data busybox ls -a /data
.
..
$ docker volume ls -q | wc -l
3
`);
    expectRecorded('docker-26.1', `
$ mkdir hd
$ docker create --name src1 -v "$PWD/hd":/hd -v rov:/rov:ro busybox
<id1>
$ docker run --rm --volumes-from src1:ro busybox sh -c 'touch /hd/x'
touch: /hd/x: Read-only file system
[exit 1]
$ docker run --rm --volumes-from src1:rw busybox sh -c 'touch /hd/y; touch /rov/z'
touch: /rov/z: Read-only file system
[exit 1]
$ ls hd
y
$ docker run --rm --volumes-from src1:ro busybox sh -c 'grep -E " /(hd|rov) " /proc/mounts | cut -d" " -f2,4 | cut -d, -f1 | sort'
/hd ro
/rov ro
`);
    expectRecorded('docker-26.1', `
$ docker create --name aa -v /a -v na:/na busybox
<id1>
$ docker create --name bb --volumes-from aa -v /b busybox
<id2>
$ docker run --name cc --volumes-from bb busybox sh -c 'ls -d /a /na /b'
/a
/b
/na
$ docker inspect --format '{{len .Mounts}}' cc
3
$ docker volume ls -q | wc -l
3
$ docker inspect --format '{{json .HostConfig.VolumesFrom}}' cc
["bb"]
`);
  });
  it('--mount volume options create the named volume with them; a named volume replaces an image VOLUME (mounts/mount-volume-labels-opts, mounts/named-overrides-image-volume)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm --mount type=volume,source=lv,target=/d,volume-label=team=web,volume-driver=local busybox true
$ docker volume inspect --format '{{json .Labels}} {{.Driver}}' lv
{"team":"web"} local
$ docker run --rm --mount type=volume,source=lv,target=/d,volume-label=team=db busybox true
$ docker volume inspect --format '{{json .Labels}}' lv
{"team":"web"}
`);
    expectRecorded('docker-26.1', `
$ docker build -q -t volimg - <<'EOF'
> FROM busybox
> RUN mkdir /data && echo seed > /data/seed
> VOLUME /data
> EOF
<img1>
$ docker run --name c1 -v mine:/data volimg ls /data
seed
$ docker volume ls --format '{{.Name}}'
mine
$ docker inspect --format '{{range .Mounts}}{{.Name}} {{.Destination}}{{end}}' c1
mine /data
$ docker inspect --format '{{json .Config.Volumes}}' c1
{"/data":{}}
$ docker run --name c2 -v mine2:/data:nocopy volimg ls -a /data
.
..
$ docker volume ls -q | wc -l
2
`);
  });
});

describe('copy-on-mount', () => {
  it('create alone copies the image directory into an empty volume, :ro too, with its mode and owner (mounts/copy-*)', () => {
    expectRecorded('docker-26.1', `
$ docker build -q -t app - <<'EOF'
> FROM busybox
> RUN mkdir /app && echo one > /app/one
> EOF
<img1>
$ docker create --name ctr -v cv:/app app ls /app
<id1>
$ docker run --rm -v cv:/x busybox ls /x
one
$ docker run --rm -v cv:/x busybox rm /x/one
$ docker start -a ctr
$ docker volume ls --format '{{.Name}}'
cv
`);
    expectRecorded('docker-26.1', `
$ docker build -q -t emptydir - <<'EOF'
> FROM busybox
> RUN mkdir -p /data && chown nobody:nogroup /data && chmod 1770 /data
> EOF
<img1>
$ docker run --rm -v ev:/data emptydir sh -c 'ls -a /data; stat -c "%a %U:%G" /data'
.
..
1770 nobody:nogroup
$ docker run --rm -v ev:/x busybox stat -c "%a %U:%G" /x
1770 nobody:nogroup
$ docker run --rm -v ev2:/data:nocopy emptydir stat -c "%a %U:%G" /data
755 root:root
`);
    expectRecorded('docker-26.1', `
$ docker build -q -t app - <<'EOF'
> FROM busybox
> RUN mkdir /app && echo cfg > /app/cfg
> EOF
<img1>
$ docker run --rm -v rov:/app:ro app sh -c 'exec 2>&1; cat /app/cfg; touch /app/new'
cfg
touch: /app/new: Read-only file system
[exit 1]
$ docker run --rm --mount type=volume,source=rov2,target=/app,readonly app ls /app
cfg
$ docker run --rm -v rov:/x busybox ls /x
cfg
`);
    expectRecorded('docker-26.1', `
$ docker build -q -t owned - <<'EOF'
> FROM busybox
> RUN mkdir -p /data && echo a > /data/a && chown -R nobody:nogroup /data && chmod 700 /data
> EOF
<img1>
$ docker run --name ctr --mount type=volume,target=/data owned sh -c 'ls -a /data; stat -c "%a %U:%G" /data /data/a'
.
..
a
700 nobody:nogroup
644 nobody:nogroup
$ docker run --rm -v "$(docker inspect --format '{{range .Mounts}}{{.Name}}{{end}}' ctr)":/v busybox sh -c 'ls /v; stat -c "%a %U:%G" /v'
a
700 nobody:nogroup
`);
    expectRecorded('docker-26.1', `
$ docker build -q -t rich - <<'EOF2'
> FROM busybox
> RUN mkdir -p /data/sub && echo h > /data/.hidden && ln -s sub/f /data/link && echo f > /data/sub/f && chmod 2750 /data/sub && chown -R nobody:nogroup /data/sub && chmod 711 /data && chmod 600 /data/.hidden
> EOF2
<img1>
$ docker run --rm -v cv:/data rich sh -c 'ls -a /data; stat -c "%a %U:%G %n" /data /data/.hidden /data/sub /data/sub/f; readlink /data/link'
.
..
.hidden
link
sub
711 root:root /data
600 root:root /data/.hidden
2750 nobody:nogroup /data/sub
644 nobody:nogroup /data/sub/f
sub/f
$ docker run --rm -v cv:/x busybox sh -c 'ls -a /x; stat -c "%a %U:%G" /x; cat /x/link'
.
..
.hidden
link
sub
711 root:root
f
`);
  });
  it('nested anonymous volumes and volume subpaths (mounts/anon-volume-nested-image-volume, mounts/subpath-copy-on-mount)', () => {
    expectRecorded('docker-26.1', `
$ docker build -q -t volimg - <<'EOF'
> FROM busybox
> RUN mkdir -p /data/sub && echo top > /data/top && echo s > /data/sub/s
> VOLUME /data
> EOF
<img1>
$ docker run --name nv -v /data/sub volimg sh -c 'ls /data /data/sub'
/data:
sub
top
<blank>
/data/sub:
s
$ docker volume ls -q | wc -l
2
$ docker run --rm --volumes-from nv busybox sh -c 'ls /data /data/sub'
/data:
sub
top
<blank>
/data/sub:
s
`);
    expectRecorded('docker-26.1', `
$ docker build -q -t app - <<'EOF'
> FROM busybox
> RUN mkdir /conf && echo img > /conf/img.txt && chmod 750 /conf
> EOF
<img1>
$ docker run --rm -v sv:/v busybox sh -c 'mkdir /v/empty /v/full && echo mine > /v/full/mine.txt'
$ docker run --rm --mount type=volume,source=sv,target=/conf,volume-subpath=empty app sh -c 'ls /conf; stat -c %a /conf'
img.txt
750
$ docker run --rm --mount type=volume,source=sv,target=/conf,volume-subpath=full app ls /conf
mine.txt
$ docker run --rm -v sv:/v busybox sh -c 'ls /v /v/empty; stat -c %a /v/empty'
/v:
empty
full
<blank>
/v/empty:
img.txt
750
`);
  });
});

describe('what create registers (core/create-registration, recorded on both engines)', () => {
  // -e replaces an image variable of the same whole name only (PC and Q leave PA, PB and QA); an
  // image without STOPSIGNAL gives the container none ("") and a created container no error;
  // --volumes-from never copies the image into the volume it shares (moby registerMountPoints:
  // CopyData false), even where the image has content; an existing volume keeps its labels and
  // ignores --mount's volume-opt; a nameless --mount volume is made with the mount's labels and
  // options, without the anonymous label, and its options are checked; a failed create removes
  // the anonymous volumes it made, -v and --mount ones; a missing volume-subpath fails only at
  // start; a bind volume whose device is missing fails the copy-on-mount at create.
  it.each(['docker-20.10', 'docker-26.1'] as const)('%s', (engine) => {
    expectRecordingFile(engine, 'core/create-registration');
  });
});

describe('a volume driver the daemon does not have', () => {
  // moby volume/service/store.go: Create wraps the driver lookup's error as `create NAME: ...`
  // (OpErr), for a volume --mount names (checkConflict looks the driver up even for an existing
  // volume) and for the one it names itself (CreateDriver); drivers/extpoint.go lookup words it.
  // The CLI takes that NotFound for a missing image (docker/cli create.go createContainer): it
  // pulls and sends the create again, whose error it prints; so no recording can show it.
  it.each(['docker-20.10', 'docker-26.1'] as const)('%s', (engine) => {
    const d = new SimulatedDocker({ engine });
    const fails = (line: string, name: string) => {
      const r = d.run(line);
      expect(r.exitCode).toBe(1);
      expect(r.output).toMatch(/^Unable to find image 'busybox:latest' locally\nlatest: Pulling from library\/busybox\n/);
      expect(r.output.endsWith(`\nError response from daemon: create ${name}: error looking up volume plugin nosuch: plugin "nosuch" not found\n`)).toBe(true);
    };
    fails('docker create --mount type=volume,src=mc4v,dst=/m,volume-driver=nosuch busybox true', 'mc4v');
    expect(d.run('docker volume create mc4v').exitCode).toBe(0);
    fails('docker create --mount type=volume,src=mc4v,dst=/m,volume-driver=nosuch busybox true', 'mc4v');
    const before = d.run('docker volume ls -q').output;
    const r = d.run('docker create --mount type=volume,dst=/m,volume-driver=nosuch busybox true');
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/\nError response from daemon: create [0-9a-f]{64}: error looking up volume plugin nosuch: plugin "nosuch" not found\n$/);
    expect(d.run('docker volume ls -q').output).toBe(before);
    expect(d.run('docker create --mount type=volume,src=mc4v,dst=/m,volume-driver=local busybox true').exitCode).toBe(0);
  });
});

describe('--volumes-from a container with a --mount tmpfs', () => {
  // moby registerMountPoints looks a copied mount point without a source up as a volume by its
  // name; a --mount tmpfs has neither, so the create fails with a 404 `get: no such volume`, which
  // the CLI takes for a missing image: it pulls and tries again (observed on both oracle engines
  // up to the pull their proxy guard stops; no recording can keep it). A --tmpfs is no mount
  // point and is left out.
  it.each(['docker-20.10', 'docker-26.1'] as const)('%s', (engine) => {
    const d = new SimulatedDocker({ engine });
    expect(d.run('docker create --name vft1 --mount type=tmpfs,dst=/t busybox').exitCode).toBe(0);
    expect(d.run('docker create --name vft2 --tmpfs /t busybox').exitCode).toBe(0);
    const r = d.run('docker create --name vfr1 --volumes-from vft1 busybox');
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/^Unable to find image 'busybox:latest' locally\nlatest: Pulling from library\/busybox\n/);
    expect(r.output.endsWith('\nError response from daemon: get: no such volume\n')).toBe(true);
    const run = d.run('docker run --rm --volumes-from vft1 busybox true');
    expect(run.exitCode).toBe(125);
    expect(run.output).toMatch(/docker: Error response from daemon: get: no such volume/);
    expect(d.run('docker create --name vfr2 --volumes-from vft2 busybox').exitCode).toBe(0);
    // by ID there is no name to pull: the error alone
    const id = d.run('docker image inspect -f {{.Id}} busybox').output.trim();
    expect(d.run(`docker create --volumes-from vft1 ${id}`).output).toBe('Error response from daemon: get: no such volume\n');
    expect(d.run("docker ps -a --format '{{.Names}}'").output.split('\n').filter(Boolean).sort()).toEqual(['vfr2', 'vft1', 'vft2']);
  });
});

describe('a working directory through too many links (fs/symlink-loop, fs/symlink-chain, both engines)', () => {
  // moby SetupWorkingDirectory resolves -w with FollowSymlinkInScope first: a loop, or a chain
  // longer than its walk takes, fails the create with evalSymlinksInScope's words
  it.each(['docker-20.10', 'docker-26.1'] as const)('%s', (engine) => {
    expectRecordingFile(engine, 'fs/symlink-loop');
    expectRecordingFile(engine, 'fs/symlink-chain');
  });
});

describe('a mount from compose', () => {
  // Compose's mount for `volume: {nocopy: true}` has VolumeOptions without a DriverConfig (the
  // docker CLI always sets one): the recording's named volumes are made, nocopy leaves one empty
  // where the image has content, the other is filled (compose/read-only-and-nocopy).
  it('nocopy: VolumeOptions without a DriverConfig (compose/read-only-and-nocopy)', () => {
    expectRecordingFile('docker-26.1', 'compose/read-only-and-nocopy');
  });
});
