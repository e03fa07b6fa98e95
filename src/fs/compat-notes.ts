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
| \`-w\` naming a missing directory inside a bind | runc makes it after the mounts, as root (0755), so it appears on the host | \`workdir-in-bind\` |
| a volume, bind or tmpfs over \`/etc\` | runc's mount points \`hostname\`, \`hosts\`, \`resolv.conf\` are made in it (empty files); a volume also gets the \`mtab\` link by copy-on-mount from the init layer | \`volume-over-etc\` |
`;
