// The hand-written part of docs/compat.md about hard links and mounts backed by the host: what
// strata follows, recorded on both engines (test/recorded/docker-*/hardlinks/ and host-mounts/).

export const FILESYSTEM_NOTES = `
## Hard links and host-backed mounts

Recorded on both engines (\`test/recorded/docker-20.10/hardlinks/\`, \`host-mounts/\` and their
\`docker-26.1\` twins); the two engines agree on every row (their CLIs frame the daemon's errors
differently, as everywhere: 26.1 adds a blank line and \`Run 'docker run --help' for more
information\`, and its runtime errors start \`failed to create task for container:\`). The rules sit
in \`src/fs/hard-link.ts\`, \`src/union/union-backend.ts\`, \`src/container/runtime-fs.ts\`,
\`src/container/file-binds.ts\` and \`src/volume/bind.ts\`, next to the moby, runc and overlayfs
behaviour they follow.

| what | both engines | recorded |
| --- | --- | --- |
| \`ln\` without \`-s\` | one inode: the count in \`stat\`/\`ls -l\`, a write or \`chmod\` seen through every name, \`rm\` of one name keeps the data; across mounts \`Invalid cross-device link\`; a symlink can be hard-linked | \`names-share-inode\` |
| a hard link in an image layer, written in a container | overlayfs without \`index=on\` copies up one name: a new inode with 1 link; the other names keep the lower inode and its count, also after \`rm\` of a name | \`lower-copy-up\` |
| \`ln\` of a lower file | the file is copied up, then linked: both names in the writable layer, 2 links | \`lower-copy-up\`, \`image-layers/hardlinks\` |
| \`docker commit\`, \`docker export\`, \`docker cp\`, \`tar\` | hard links travel as links (\`hrw-r--r-- ... link to\`); the layer and the copy keep them | \`tar-and-cp\` |
| copy-on-mount, \`cp -a\`, busybox \`cp -r\` | keep the hard links among what they copy | \`volume-copy-on-mount\` |
| \`ADD\` of a tar holding links, \`COPY\` of linked context files | one inode in the layer | \`build-context-links\` |
| sizes (\`docker ps -s\`, layers, volumes) | a hard-linked file counts once | \`names-share-inode\` |
| a hard link between a bound host directory and the rest of the host | one inode inside the container too: the count, writes and new links reach the name outside the bind | \`bind-hard-links\` |
| a bind whose host source is a symlink | mounts the link's target; a dangling one: \`-v\` fails at start (\`error while creating mount source path ...: mkdir ...: file exists\`), \`--mount\` at create (\`bind source path does not exist\`) | \`bind-symlink-source\` |
| a mount where the image has a symlink | mounted on the link's target (runc's securejoin), a dangling link's target is made; inspect keeps the destination as given | \`mount-over-image-symlink\` |
| a single-file bind | keeps the inode it was started with: a host file replaced by \`mv\` (or removed) is seen at the next start | \`bind-file-keeps-inode\` |
| \`--opt type=none,o=bind,device=DIR\` | the volume is DIR: copy-on-mount (while DIR is empty) and writes land there, \`volume rm\` leaves it; a missing DIR fails the start (\`failed to mount local volume\`), the container stays Created | \`local-bind-volume\`, \`local-bind-volume-copy\` |
| \`--opt type=nfs\` (also \`nfs4\`, \`cifs\`, \`smb3\`, \`ceph\`, \`9p\`, \`afs\`) | refused by name when a container mounts it: the oracle's kernel has no such client and fails with \`no such device\`, a normal install's loads one and asks the server, whose answer depends on the network. Other types: a disk file system needs a block device the simulated host lacks (\`no such file or directory\`, \`block device required\`); an unknown type is \`no such device\` | \`local-volume-other-types\` |
| \`-w\` naming a missing directory inside a bind | runc makes it after the mounts, as root (0755), so it appears on the host | \`workdir-in-bind\` |
| a volume, bind or tmpfs over \`/etc\` | runc's mount points \`hostname\`, \`hosts\`, \`resolv.conf\` are made in it (empty files); a volume also gets the \`mtab\` link by copy-on-mount from the init layer | \`volume-over-etc\` |

## The simulated host's system files

Tutorials and compose files bind host system paths (\`-v /var/run/docker.sock:/var/run/docker.sock\`,
\`-v /etc/localtime:/etc/localtime:ro\`, \`-v /etc/timezone:...\`, \`-v /etc/hosts:...\`,
\`--mount type=bind,source=/etc/os-release,...\`, \`-v /:/host:ro\`, \`-v /tmp:/tmp\`). Strata's host
has what a Debian 12 install with Debian's \`docker.io\` has at those paths, and nothing else of a
system (\`src/engine/host-files.ts\`, with the source of each file):

| path | what |
| --- | --- |
| \`/var/run\` | a link to \`/run\` |
| \`/run/docker.sock\` | the daemon's socket, \`srw-rw----\` root:docker (gid 105), dated when the daemon started; \`test -S\` is true, \`find -type s\` finds it, opening it (\`cat\`, \`>\`, \`head\`) fails with \`No such device or address\` (ENXIO), also through a \`:ro\` bind; a container shows the gid as a number (\`105\`; \`UNKNOWN\` in \`stat\`); \`rm\` of it as a mount point is \`Device or resource busy\`. Nothing listens: a client inside the container (\`docker\`, \`curl --unix-socket\`) is not simulated |
| \`/etc/localtime\` | a link to \`/usr/share/zoneinfo/Etc/UTC\` (tzdata's 114-byte TZif file; \`UTC\` links to it): a bind of it mounts the file (\`regular file 644\`), \`date +%Z\` says \`UTC\` |
| \`/etc/timezone\` | \`Etc/UTC\` |
| \`/etc/os-release\` | a link to \`../usr/lib/os-release\`, Debian 12's |
| \`/etc/hostname\`, \`/etc/hosts\` | \`host\` (what the host's \`hostname\` says) and debian-installer's lines for it; a \`--network host\` container without \`--add-host\` gets a copy of this \`/etc/hosts\` (libnetwork copies the host's), with \`--add-host\` the default lines and the extra ones |
| \`/etc/passwd\`, \`/etc/group\` | base-passwd's entries and the \`docker\` group |
| \`/root\` (0700), \`/var/tmp\` (1777), \`/var/log\` (empty), \`/tmp\` (1777) | as base-files makes them; \`-v /tmp:/tmp\` shares \`/tmp\` both ways |

Recorded on both engines (\`host-mounts/ph-docker-socket\`, \`host-mounts/ph-system-files\`): each row
the recording host can show agrees with it. **Where the recording host differs from a normal
install**: its daemons listen on \`/tmp/dockersim-oracle*/docker.sock\`, and it has no
\`/run/docker.sock\` (a literal \`-v /var/run/docker.sock:...\` would make an empty directory there, as
strata did for every such path before), so the socket cases bind the engine's own socket through
\`DOCKER_HOST\` (unset on strata: the default path); its name is \`vm\` and its \`/etc/hosts\` a VM's (three
\`127.0.0.1\` lines), so the cases compare the container's copy with the host's file instead of
printing it; its \`/etc/hostname\` and \`/etc/hosts\` are mode 0755 (a normal install's 0644); its
\`/etc/passwd\` and \`/etc/group\` have more system users (systemd's, postgres, a user 1000). The
docker group's gid is 105 there and here, but it depends on what was installed before it (Docker's
own docker-ce packages on Ubuntu often give 999). Not modelled: the host's \`/etc/resolv.conf\`
(machine-specific; scenarios never print it), \`~/.ssh\` (missing: a bind of \`$HOME/.ssh\` makes an
empty root-owned directory, as Docker does for any missing \`-v\` source), logs under \`/var/log\`,
programs under \`/usr\`.

\`/dev/tty\` (a normal host's is \`crw-rw-rw-\` root:tty, udev's group; the recording host's, in its
sandbox, root:root, so no case prints it) opens only with a controlling terminal: without one
(every recording, \`docker run\` without \`-t\`) \`cat /dev/tty\` and \`echo > /dev/tty\` fail with
\`No such device or address\` in both shells, as bash 5.2, coreutils and busybox 1.35 do
(\`host-mounts/ph-shell-leftovers\`); strata's own terminal (\`strata shell\`) is the host's, and a
\`-t\` container has one. \`/dev/full\` reads as \`/dev/zero\` does (\`head -c 5 /dev/full\`); writes fail
with \`No space left on device\`.

\`docker top\` prints what the daemon's \`ps -ef\` on the host shows, through the CLI's tabwriter
(columns 20 wide: \`UID PID PPID C STIME TTY TIME CMD\`), for the processes strata follows: a
running (or paused) container's main process and its \`docker exec -d\` processes, in the order they
started, each while it is what waits (a bare \`sleep\`, \`tail\`, \`cat\`, a shell reading its stdin)
or while it is a script asleep in a \`sleep\`, which is a child listed after it (a loop's newest
\`sleep 1\` last: \`exec/exec-detached-kinds\`), after \`/sbin/docker-init -- ...\` with \`--init\`; UID is the
host's name for the uid (\`nobody\` for 65534, the number when the host has none). PID, PPID, C
and STIME are the host's and differ on every machine and run: strata shows inspect's
\`State.Pid\` (1000; with \`--init\` docker-init's, the program 1001), the shim as parent (999), C 0,
STIME the start on its clock as procps prints it (\`HH:MM\`), TTY \`?\` (also with \`-t\`, recorded),
TIME \`00:00:00\` (recorded with those columns masked: \`host-mounts/ph-docker-top\`; a stopped or
created container: \`Container ID is not running\`, exit 1). A script with other children (one
waiting in \`wait\`, an image's entrypoint starting a server and its workers) and ps options
(\`docker top c aux\`) are refused by name: their processes are not simulated.

**Directory order.** Programs that walk a directory as the kernel lists it (\`tar cv\`, and
so a later \`tar xv\` or \`tar t\` of its archive, \`find\`, \`du -a\`, \`ls -f\`, in busybox and GNU alike) print ext4's order on a real
engine: with \`dir_index\` even a one-block directory is read in the order of a hash of each name
salted with the file system's own seed (Linux \`fs/ext4/dir.c\` \`is_dx_dir\`, \`ext4_dx_readdir\`), so
it differs from machine to machine (recorded once: \`tar cvf\` of \`a.txt\` and \`sub/\` listed \`sub/\`
first). strata walks in name order, as \`ls\` and Docker's own archives (\`docker cp ... -\`,
\`export\`: moby \`pkg/archive\` walks with Go's \`filepath.Walk\`, which sorts) do; a scenario that lists such a walk pipes it
through \`sort\` or walks one entry per directory (\`tutorials/pt-backup-volumes-from-ubuntu\`).
`;
