// Who the process runs as (src/container/user.ts): -u by name or number, with or without a
// group, images without /etc/passwd or /etc/group, --group-add, and what the user then may do.
// Each excerpt is copied unedited from the recording it names (test/container/recorded.ts replays it).

import { describe, it } from 'vitest';
import { expectRecorded } from './recorded.ts';

describe('-u and --group-add', () => {
  it('names and numbers looked up in the image, a missing user refused at start (core/users-lookup)', () => {
    expectRecorded('docker-26.1', `
$ docker build -q -t nopasswd - <<'EOF'
> FROM busybox
> RUN rm /etc/passwd /etc/group
> EOF
<img1>
$ docker run --rm nopasswd sh -c 'id; echo $HOME'
uid=0 gid=0 groups=0
/
$ docker run --rm -u :10 nopasswd sh -c 'id; echo $HOME'
uid=0 gid=10 groups=10
/
$ docker run --rm -u 1000: nopasswd sh -c 'id; echo $HOME'
uid=1000 gid=0 groups=0
/
$ docker run --rm -u root nopasswd id
docker: Error response from daemon: unable to find user root: no matching entries in passwd file
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm -u 0 nopasswd sh -c 'id; echo $HOME'
uid=0 gid=0 groups=0
/
$ docker run --rm -u 1234:5678 nopasswd sh -c 'id; echo $HOME'
uid=1234 gid=5678 groups=5678
/
$ docker build -q -t nobodyimg - <<'EOF'
> FROM busybox
> USER nobody
> EOF
<img2>
$ docker run --rm nobodyimg sh -c 'id; echo $HOME'
uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)
/nonexistent
$ docker run --rm -u root nobodyimg id
uid=0(root) gid=0(root) groups=0(root)
$ docker run --rm -u :10 busybox id
uid=0(root) gid=10 groups=10
$ docker run --rm -u 1000: busybox id
uid=1000 gid=0(root) groups=0(root)
$ docker run --rm -u : busybox sh -c 'id; echo $HOME'
uid=0(root) gid=0(root) groups=0(root)
/root
$ docker run --rm -u nobody: busybox id
uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)
$ docker run --rm -u root:0 busybox id
uid=0(root) gid=0(root) groups=0(root)
$ docker run --rm -u 65534 busybox sh -c 'id; echo $HOME'
uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)
/nonexistent
$ docker rmi nopasswd nobodyimg
Untagged: nopasswd:latest
Deleted: <img1>
Untagged: nobodyimg:latest
Deleted: <img2>
`);
  });
  it('--group-add gives supplementary groups, by number or by name (users/group-add)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm --group-add 1234 --group-add nogroup busybox id
uid=0(root) gid=0(root) groups=0(root),1234,65534(nogroup)
$ docker run --rm -u nobody --group-add 5000 --group-add root busybox id
uid=65534(nobody) gid=65534(nogroup) groups=0(root),5000,65534(nogroup)
$ docker run --rm -u 1000:1000 --group-add 29 busybox sh -c 'id; id -G'
uid=1000 gid=1000 groups=29,1000
1000 29
$ docker run --rm --group-add 0 --group-add 7 --group-add 7 busybox id
uid=0(root) gid=0(root) groups=0(root),7
$ docker run -d --name ga --group-add nosuchgroup busybox id
<id1>
docker: Error response from daemon: Unable to find group nosuchgroup: no matching entries in group file
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker ps -a --format '{{.Names}} {{.Status}}'
ga Created
$ docker create --name gi --group-add 10 --group-add nogroup busybox true
<id2>
$ docker create --name gn busybox true
<id3>
$ docker inspect --format '{{.HostConfig.GroupAdd}}|{{json .HostConfig.GroupAdd}}' gi ga gn
[10 nogroup]|["10","nogroup"]
[nosuchgroup]|["nosuchgroup"]
[]|null
$ docker run --name gp busybox sh -c 'mkdir -m 770 /g && chgrp 29 /g && echo x > /g/f && chmod 660 /g/f && chgrp 29 /g/f'
$ docker commit gp gpimg
<img1>
$ docker run --rm -u nobody gpimg sh -c 'exec 2>&1; cat /g/f; echo rc=$?'
cat: can't open '/g/f': Permission denied
rc=1
$ docker run --rm -u nobody --group-add 29 gpimg sh -c 'exec 2>&1; cat /g/f; echo y > /g/new; stat -c "%u %g %n" /g/new; ls /g'
x
65534 65534 /g/new
f
new
$ docker run -d --name gx -u nobody --group-add 29 gpimg sleep 100000
<id4>
$ docker exec gx sh -c 'id; cat /g/f'
uid=65534(nobody) gid=65534(nogroup) groups=29,65534(nogroup)
x
$ docker exec -u root gx id
uid=0(root) gid=0(root) groups=0(root),29
$ docker exec -u nobody:nogroup gx id
uid=65534(nobody) gid=65534(nogroup) groups=29,65534(nogroup)
`);
  });
  it('a volume filled from a directory owned by nobody is writable by nobody (users/users-volume-owner)', () => {
    expectRecorded('docker-26.1', `
$ docker run --name prep busybox sh -c 'mkdir -p /srv/app /srv/rootdir && echo seed > /srv/app/seed && chown -R nobody:nogroup /srv/app && chmod 755 /srv/app'
$ docker commit prep ownimg
<img1>
$ docker run --rm -u nobody -v appv:/srv/app ownimg sh -c 'exec 2>&1; echo w > /srv/app/w && stat -c "%U %G %a %n" /srv/app /srv/app/w /srv/app/seed'
nobody nogroup 755 /srv/app
nobody nogroup 644 /srv/app/w
nobody nogroup 644 /srv/app/seed
$ docker run --rm -u nobody -v rootv:/srv/rootdir ownimg sh -c 'exec 2>&1; echo w > /srv/rootdir/w; echo rc=$?'
sh: can't create /srv/rootdir/w: Permission denied
rc=1
$ docker run --rm -u nobody -v emptyv:/newpath ownimg sh -c 'exec 2>&1; stat -c "%U %a" /newpath; touch /newpath/x; echo rc=$?'
root 755
touch: /newpath/x: Permission denied
rc=1
$ docker run --rm -u nobody --tmpfs /scratch ownimg sh -c 'exec 2>&1; touch /scratch/ok && stat -c "%U %G" /scratch/ok'
nobody nogroup
$ docker run --rm -v appv:/v busybox sh -c 'ls -ln /v | cut -c1-10,15-30 | tr -s " "'
total 8
-rw-r--r--1 65534 65534
-rw-r--r--1 65534 65534
`);
  });
});
