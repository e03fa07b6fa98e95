// The hand-written parts of docs/compat.md (compat.ts appends them to the generated tables):
// where strata follows a normal install rather than the oracle's sandbox, what it stores without
// enforcing, and why what is refused stays refused.

export const COMPAT_NOTES = `## Where strata follows a normal install, not the oracle's sandbox

The oracle's daemons run with \`dockerd --bridge=none\` and no network (\`shared/oracle/README.md\`):
a real configuration, but not the one a package installs. Strata simulates both, as a daemon
option (\`src/daemon/config.ts\`): by default a normal install (\`dockerd\` with no flags), what a
user's machine prints; with a scenario header \`# daemon: --bridge=none\` (or \`strata --daemon
--bridge=none\` on the command line) the oracle's daemon, following moby's \`config.DisableBridge\` paths
(\`daemon/daemon_unix.go\` initNetworkController, \`daemon/container_operations.go\` connectToNetwork,
allocateNetwork, releaseNetwork, \`daemon/rename.go\`). \`npm test\` replays every recorded file with
\`--bridge=none\`, the configuration of the daemons that printed it (\`test/conformance/conformance.test.ts\`;
the copies of the shared corpora stay unedited); \`test/recorded/docker-*/network/bridge-none*.scenario\`
record the option's effects on both engines, and \`test/network/normal-install.test.ts\` and
\`test/network/ports.test.ts\` pin the normal install, which no recording can show.

| what | \`--bridge=none\` (the oracle; \`# daemon: --bridge=none\`) | a normal install (strata's default) | source |
| --- | --- | --- | --- |
| the default \`bridge\` network | missing: \`docker network ls\` shows only \`host\` and \`none\`; \`docker network inspect bridge\` and \`rm bridge\` → \`Error: No such network: bridge\` (26.1: \`network bridge not found\`, and \`exit status 1\` after \`rm\`); \`network create bridge\` is still refused as predefined | \`bridge\` (\`docker0\`, 172.17.0.0/16, gateway 172.17.0.1, the six default bridge options) next to \`host\` and \`none\`; \`rm\` → \`bridge is a pre-defined network and cannot be removed\` | moby \`daemon/daemon_unix.go\` initBridgeDriver, \`daemon/network.go\` deleteNetwork |
| a container on the default network (\`default\` or \`--network bridge\`) | its first start connects nothing and marks it network-disabled: \`Config.NetworkDisabled\` \`true\`, the \`bridge\` entry of \`NetworkSettings.Networks\` stays empty, \`Ports\` \`{}\`; a sandbox (loopback only) is still made, with the \`--add-host\` lines in \`/etc/hosts\` and none for the container (\`hostname -i\` → \`Host name lookup failure\`). Every later start skips networking: the sandbox ID stays in \`NetworkSettings\`, the sandbox itself is gone, and so are the addresses of user networks it was connected to (20.10 still shows the old ones in inspect) | the lowest free address from 172.17.0.2, MAC \`02:42:\` + the address, an endpoint ID, the published ports while running; cleared at stop | \`daemon/container_operations.go\` connectToNetwork, allocateNetwork, releaseNetwork (20.10 returns at once for a disabled container); libnetwork ipam (not serial), \`netutils.GenerateMACFromIP\` |
| \`-p\` on the default network: \`docker ps\` PORTS, \`docker port\` | empty (nothing is published, so the same host port twice starts twice) | \`0.0.0.0:8080->80/tcp, :::8080->80/tcp\` (20.10 CLI) or \`0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\` (28.2 CLI); \`docker port\` likewise; the same host port twice: the second start fails with \`driver failed programming external connectivity on endpoint NAME (ID): Bind for 0.0.0.0:8080 failed: port is already allocated\` (recorded on a user network, where the sandbox does map ports) | libnetwork bridge \`allocatePorts\` (0.0.0.0 and ::), \`portallocator\`, docker/cli \`formatter.DisplayablePorts\`, \`container/port.go\` |
| \`--add-host NAME:host-gateway\` | \`<nil><TAB>NAME\` (HostGatewayIP is never set) | \`172.17.0.1<TAB>NAME\` (the default bridge's gateway) | moby \`daemon/daemon_unix.go\` (HostGatewayIP), \`daemon/container_operations.go\` |
| \`docker network connect bridge C\` / \`disconnect bridge C\` | a stopped container keeps an endpoint config named \`bridge\`; a running one becomes network-disabled, silently (its next start skips networking, even on \`--network none\` or a user network); \`disconnect\` of a running one → \`network bridge not found\` | connects or disconnects the default bridge | \`daemon/container_operations.go\` ConnectToNetwork, DisconnectFromNetwork |
| \`docker rename\` of a running container on the default network | after a restart: \`sandbox ID not found\` (both engines); after its first start, 26.1: \`network bridge not found\` (20.10 renames it) | renamed | \`daemon/rename.go\` (SandboxByID, then 26.1 looks up each network) |
| the subnet of a user network without \`--subnet\` | 172.17.0.0/16 for the first one on a freshly started daemon (no docker0); the oracle's daemons are not restarted between recordings, so theirs continue round robin from earlier ones | 172.18.0.0/16, then the next pools round robin (a removed network's pool is not reused at once) | libnetwork \`ipamutils\` pools, \`ipam.allocatePredefinedPool\` |
| an ephemeral host port (\`-p 80\`, \`-P\`) on a user network | continues from earlier recordings on the oracle (not simulated: strata is a freshly started daemon either way) | a freshly started daemon: 32768 first (\`ip_local_port_range\` 32768-60999), then round robin; larger container ports first | libnetwork \`portallocator\`, go-connections \`nat.SortPortMap\` |
| a bind with \`shared\`, \`rshared\`, \`slave\` or \`rslave\` propagation (\`-v SRC:DST:rshared\`, \`--mount ...,bind-propagation=rslave\`) | the start fails: \`path SRC is mounted on / but it is not a shared mount\` (\`... not a shared or slave mount\` for the slave modes): the sandbox's \`/\` is a private mount | starts (a systemd host's \`/\` is shared); inspect shows the mode either way (\`Propagation\`, \`BindOptions\`), what it would propagate is not simulated | moby \`daemon/oci_linux.go\` ensureShared, ensureSharedOrSlave |
| \`--privileged\` | 20.10: \`unable to apply caps: operation not permitted\` (the sandbox, not the flag) | refused by name (below) | |
| a BuildKit \`RUN\` step (26.1) with no build network (compose's \`build:\` without \`network:\`, or \`network: default\`) | \`failed to solve: process "/bin/sh -c ..." did not complete successfully: network bridge not found\` (compose: exit 17); \`network: none\` or \`host\` runs it | runs on the default bridge | moby \`builder/builder-next/executor_linux.go\` (NetMode UNSET: the network named \`bridge\`) |

\`docker build\` is the oracle's buildx, which adds \`--network=none\` to every build (its wrapper,
\`shared/oracle/README.md\`): its \`RUN\` steps run with either configuration, as in every recording; a
stock buildx against a \`--bridge=none\` daemon fails them as compose does (\`docker build --network\`
itself stays refused). Not simulated: on 20.10, removing a running network-disabled container that
is also on a user network leaves its endpoint behind until the daemon restarts (\`network rm\` and
\`network prune\` then keep the network).

\`docker image prune --filter dangling=false\` on 20.10 prunes every unused image, as \`-a\` does (the
CLI adds \`dangling=true\` and the daemon's ExactMatch chain lets \`false\` win: moby v20.10
\`daemon/images/image_prune.go\`); 26.1 refuses the pair (recorded). The 20.10 rule is from source, not
a recording: the prune removes the recording engine's base image, which ends the recorder's run.

Time in containers is strata's clock (a second a command, or what a host \`sleep N\` waits): a
detached container whose main process is a bare \`sleep N\` runs until the clock has moved N
seconds, then exits 0 (recorded: \`lifecycle/detached-sleep\`), and \`docker wait\` on it returns then.
A detached script's \`sleep N\` takes N seconds of that clock too, wherever its own shell runs it
(at the top, in a \`while\`/\`until\`/\`for\` loop, an \`if\` or \`case\` body, a brace group, a
function): the script stops there and goes on from that point as the clock moves, with its loop
variables, positional parameters, locals and the redirections of the commands around the sleep
(\`while ...; done >> /data/log\` keeps appending, \`> file\` writes on at its offset), so
\`while true; do date >> /data/log; sleep 1; done\` writes a line a second of strata's clock
(\`lifecycle/script-top-level-sleep\`, \`lifecycle/loop-sleep-finite\`, \`loop-sleep-infinite\`,
\`loop-sleep-stop-file\`, \`loop-sleep-io\`). \`docker wait\` moves the clock from sleep to sleep
until the script ends, and refuses after 600 of them; \`docker logs -f\` follows such a script to its
end alike (\`loop-sleep-logs-follow\`) and is refused for a container that never ends by itself. A sleep in a subshell, a pipe, a command substitution, \`eval\`,
\`.\` or a trap, or one shorter than 0.01 s, still passes at once (one of a minute or more blocks for
good), so a loop of those is refused by name. A container whose script would wake more than 1000
times during one command line (\`sleep 0.01\` beside a host \`sleep 60\`) is followed no further
from then on: the line goes on, and every later command that would show that container, or read a
volume or bind it can write, is refused by name until \`docker rm -f\` (src/container/unfollowed.ts). A signal the
sleeping script traps runs its trap once the current sleep is over, as ash does; one it does not
trap is ignored (PID 1), so \`docker stop\` with SIGTERM waits its timeout (10 s, \`-t\`,
\`--stop-timeout\`) on the clock, the script running meanwhile, then kills (137), and so does
\`docker restart\` (\`lifecycle/loop-sleep-stop-term\`, \`loop-sleep-signals\`; a real 26.1 restart
takes a second or so more); the oracle's busybox image (\`--busybox-stand-ins\`: StopSignal SIGKILL) stops at once, the real busybox:latest (no StopSignal) waits its timeout too. A script blocked in
\`wait\` (\`sleep 1000 & wait\`) that traps the signal runs its trap at once, \`wait\` returns 128+N,
and the script goes on after it, inside a loop too (\`lifecycle/trap-wait-loop\`: \`echo woke $?\`
prints 143 and the container keeps running); a \`wait\` with redirections of its own, or under a
pipe's descriptor, keeps no continuation: the process ends with wait's status after the trap. A \`sleep\` in
\`docker exec\` or a foreground \`docker run\` takes the command line's time as a host \`sleep\`
does (a command line that would wait more than a day, \`sleep infinity\` or a server run in the
foreground such as \`docker run -p 8080:80 nginx\`, waits in practice until Ctrl-C, which strata
does not simulate: it is refused by name), so the detached containers go on meanwhile (\`lifecycle/loop-sleep-foreground\`), and a
client waiting for its server lets the server's entrypoint go on. Since each command takes a second of strata's clock
where a real one takes a fraction, a sleep that ends within a few commands may end a few commands
early, and a loop writes more lines between two commands than a real one: count them with \`ge\`.

The simulated host's user is root, as on the recording host. \`sudo COMMAND\` (Linux tutorials'
\`sudo docker ...\`, \`sudo chown -R 1000:1000 ./data\`) runs the command as root, as root's own sudo
does without a password, in the environment sudoers' defaults give it (Debian's and Ubuntu's
\`env_reset\` and \`secure_path\`; \`-E\` keeps the caller's variables); a program it cannot run is
\`sudo: NAME: command not found\` (exit 1), and any other option (\`-i\`, \`-s\`, another user) is
refused by name. The recording host has no sudo, so this follows sudo's documentation
(sudoers(5), "Command environment"), not a recording. On a user's machine sudo may first ask for
a password on the terminal. The daemon's data root (\`/var/lib/docker\`) is not laid out on the
simulated host: a host command that reaches a path under it (\`sudo ls
/var/lib/docker/volumes/NAME/_data\`, as tutorials show where a volume's files are) is refused with
\`strata does not simulate the daemon's data root on the host\` rather than answered with
\`No such file or directory\`; \`docker volume inspect\` gives the \`Mountpoint\`, and a container
that mounts the volume shows its files.

Host-specific values strata fixes to the recording host's: 2 CPUs (\`--cpus 3\` → \`Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available\`),
\`CgroupnsMode\` \`host\` (a cgroup v1 host; a cgroup v2 host shows \`private\`), \`AppArmorProfile\` \`""\`, the
docker-init binary (708080 bytes), its RAM (a tmpfs without \`size=\` holds half of it: df shows
12341872 1K-blocks; \`size=N%\` is a share of it), the simulated host's name \`host\` (what \`--network host\` containers
see) and its \`/etc/hosts\` (the default lines), the users and groups a 20.10 daemon names in the
tar of a layer it makes (a commit, a build step: \`docker save\` writes that tar, \`tar -tv\` shows
\`root/root\`, \`daemon/bin\` for 1:2, \`nobody/nogroup\`, other ids as numbers): Debian 12's
base-passwd, where another machine names its own (a desktop's first user for 1000). A bind mount's line in \`/proc/mounts\` names the
host's disk as \`/dev/sda1\` with \`relatime\` (the recording host's is \`/dev/vda\` with ext4's own options). The predefined networks' IDs are random on a real
daemon and \`docker network ls\` prints them only shortened, so no scenario can pin them (strata's come
from its seed). Where the CLI walks a Go map (\`docker ps\` NETWORKS with
several networks, \`docker port\` with several ports on the 20.10 CLI, \`network prune\`'s list, the values the daemon
names in \`invalid filter 'dangling=[...]'\` and \`invalid filter 'all=[...]'\`), the
order varies from run to run; strata sorts. Times come from strata's clock, which starts at
2024-12-31 00:00:00 UTC and moves one second a command: how long ago something was made
(\`docker images\` and \`docker history\` CREATED, \`docker ps\` CREATED and STATUS) is measured
against it with go-units' HumanDuration, so the stand-in images (made 2024-01-01) are \`12 months
ago\` where a real machine says how long ago from its own day (\`2 years ago\` in December 2026). The 20.10 CLI sometimes adds
\`time="..." level=error msg="error waiting for container: context canceled"\` after a failed start of
\`docker run\`: a race, not reproduced. Two more races of the 28.2 CLI on 26.1, observed while probing: a \`docker cp\` into a
container refused before the copy (\`cannot copy directory\`, \`no such directory\`) prints the tar
goroutine's two \`level=error msg="Can't add file ... read/write on closed pipe"\` lines in about half the
runs (strata always prints them); and \`Config.Env\` of a container made with several \`-e\` from an image
without \`Env\` comes back rotated in some runs (\`[Y=2 Z=3 X=1]\` for \`-e X=1 -e Y=2 -e Z=3\`; strata keeps
the order given).

## Images: the catalog of stand-ins instead of a registry

strata has no registry. The images tutorials use (\`postgres:16\`, \`mysql:9.2.0\`, \`nginx:alpine\`,
... \`strata images --catalog\` lists them) are stand-ins built from \`catalog/\` (catalog/README.md):
\`FROM busybox:latest\` plus scripts that reproduce the real image's storage facts (volumes, users
and modes, paths, entrypoint behaviour) and minimal clients (\`psql\`, \`mysql\`, \`redis-cli\`, and
the health checks' \`pg_isready\`, \`mysqladmin ping\`, mariadb's \`healthcheck.sh\`), each fact cited
and recorded on both engines (\`health/postgres-pg-isready\`).

| what | the oracle prints | strata, like a normal install | source |
| --- | --- | --- | --- |
| \`docker pull postgres:16\`, or \`docker run\` of a missing image | \`Error response from daemon: Get "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused\` (its proxy guard) | a pull: \`16: Pulling from library/postgres\`, a line per layer of the real image (\`Pulling fs layer\`, \`Waiting\` past three downloads, \`Verifying Checksum\`, \`Download complete\`, \`Pull complete\`; \`Already exists\` for a prefix of layers another image has), \`Digest: sha256:...\` (the real tag's, from docker-library/repo-info), \`Status: Downloaded newer image for postgres:16\` or \`Status: Image is up to date for postgres:16\`; \`docker pull\` adds \`docker.io/library/postgres:16\`. One order a real pull can print: a real one interleaves differently from run to run | moby \`distribution/pull_v2.go\`, \`distribution/xfer/download.go\`; docker/cli \`jsonmessage\` (no progress bars without a terminal), \`image/pull.go\` |
| a bare name that is no official image (\`my_image\`, a tutorial's own image not built yet) | the proxy error above | \`Error response from daemon: pull access denied for my_image, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\`: Docker Hub's library namespace holds only the official images (docker-library/official-images \`library/\`, listed in src/image/catalog/official.ts), so such a name truly is not there; \`strata replay --explain\` says how to define it | moby \`distribution/errors.go\` (notFoundError), Docker Hub's error codes |
| an image Docker Hub may hold that no stand-in is (another tag of an official image: \`postgres:15.3\`; an official image without a stand-in: \`golang\`; another namespace or registry: \`docker/getting-started\`, \`ghcr.io/...\`) | the proxy error above | refused by name, naming the catalog's tags of that repository: \`strata does not simulate pulling postgres:15.3: ...\` (exit 125, nothing changed). Answering that the image does not exist, as a registry does for a name it lacks, would be a wrong answer on a machine with a network | catalog/README.md |
| \`docker pull busybox\` (\`busybox:latest\`) | the proxy error above (its base image is there, built locally) | the real \`busybox:latest\` (below), under the real tag's digest and layer (docker-library/repo-info), the image every engine starts with: \`Status: Image is up to date for busybox:latest\` while it is here (and a \`RepoDigests\` entry), a download of its one layer after \`docker rmi busybox\`. Other busybox tags are refused as above | src/image/base.ts, src/image/busybox-real.ts |
| \`docker build\` \`FROM\` an image that is not here | \`Get "https://registry-1.docker.io/v2/": proxyconnect ...\` (legacy, after \`Step 1/N : FROM x\`), \`ERROR: failed to solve: x: failed to resolve source metadata for docker.io/library/x:latest: failed to do request: ... proxyconnect ...\` (BuildKit) | the base is pulled: the legacy builder puts it in the image store and its build log shows the pull; BuildKit keeps it in its own cache (\`docker images\` does not list it). An image no catalog has: \`pull access denied for x, repository does not exist or may require 'docker login': ...\` (legacy), \`... failed to resolve source metadata for docker.io/library/x:latest: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed\` (BuildKit) | moby \`builder/dockerfile/imagecontext.go\`, BuildKit \`util/resolver\` |
| \`--pull always\\|missing\\|never\` | always: the proxy error | as the CLI does: always pulls first, missing pulls what is not there, never fails with \`No such image\`; the 28.2 CLI refuses another value, the 20.10 CLI takes it as never (recorded: pull/pull-errors) | docker/cli \`container/create.go\` |

**\`busybox:latest\` in a normal install is the real image**, docker-library/busybox's BusyBox 1.38.0
glibc build of 2026-05-13 that the tag's digest names (src/image/busybox-real.ts; ground truth in
\`test/recorded/busybox-latest-real/\`: the digest-checked rootfs of its \`dist-amd64\` branch, its
busybox run in a chroot, and the image loaded into both oracle engines under another tag). Its ID
\`c6348fa86ba0\`, its config (\`Env\` PATH, \`Cmd ["sh"]\`, no \`StopSignal\`), its one history row
\`BusyBox 1.38.0 (glibc), Debian 13\` and its size (4445830 bytes, \`4.45MB\`: moby counts a hard-linked
inode once) are the real ones, and so is its tree: \`bin dev etc home lib lib64 root tmp usr var\`,
/bin/busybox with 410 applets as hard links (\`ls -l\` shows 411 links), glibc in /lib, glibc's
\`getconf\`, buildroot's /etc (users daemon, bin, sys, sync, mail, www-data, operator, nobody).
Its binaries are stubs of their sizes (an ELF header, then NULs): reading their bytes
(\`md5sum /bin/busybox\`) is not what the real files give, \`getconf\` is refused by name, and so is \`docker save\` of it (moby writes the pulled layer's own tar back). Its
\`busybox\` and \`busybox --help\` print 1.38.0's help (exit 0), usage texts begin with its version
line (\`BusyBox v1.38.0 (2026-05-13 02:21:49 UTC) multi-call binary.\`), and an applet of its 410 that
strata does not simulate (\`tree\`, \`pgrep\`, \`nohup\`, ...) is refused by name; the applets strata
simulates print busybox 1.35's words otherwise (as in every busybox image). Where strata and the real
image still differ: /bin's size in \`ls -l /\` (ext4 gives a directory of 412 names 12288 bytes,
strata 4096). Its shell, busybox 1.38's ash, names the line in a \`-c\` string's errors (\`sh: line 0:
nosuch: not found\`, 1.35: \`sh: nosuch: not found\`) and runs no applet without its link in PATH (no
FEATURE_SH_STANDALONE in its defconfig: \`command -v ls\` is \`/bin/ls\`), as strata's ash does there
(test/recorded/busybox-path-only).
\`--busybox-stand-ins\` keeps the oracle's busybox:latest (Debian's busybox-static 1.35, shared/oracle
README "Base image"), and every catalog stand-in is built on that one in both modes, as the oracle
builds the same contexts: a stand-in's layers do not change with the mode.

What a pulled image shows (src/image/real.ts): in a normal install (pages, scenarios, \`strata replay\`)
a pulled catalog image, or one of a \`# images:\` line (pulled earlier, with its \`RepoDigests\`), is the
real image: its Image ID and Created are those docker-library/repo-info gives for the tag at the
pinned commit (catalog.json \`registry.image\`: the remote file's linux/amd64 Image ID and the date of
its last history step, to the second); its size only where repo-info's local file is of the same
build (its Virtual Size is in units of 10^6 bytes rounded to two decimals, repo-info's scan-local.sh,
so strata prints it only at a precision where every byte count it stands for prints the same:
\`docker images\`' \`161MB\` for nginx's \`161.33 Mb\`), or to the byte where the image's files are known
without it (catalog.json \`sizeBytes\`: hello-world is one file of 10072 bytes in
docker-library/hello-world, \`10.1kB\`; overlay2 counts a layer as its files' sizes). What
repo-info does not give is refused by name, never printed from the stand-in: \`docker images\`' SIZE
of the tags whose build no local file repo-info keeps names (a build's local file is often
under another of its tags: postgres:16's is \`16.15.md\`; known: nginx:latest and alpine, postgres:13, 16,
13-alpine, 16-alpine, 17-alpine and 18-alpine, mysql:8.0 and 26.7 (latest), alpine:3.24 (latest),
redis:8 (latest); the local files of postgres:17 and 18, mysql:8.4, httpd and mariadb kept in the index read
are other builds, mariadb's the 12.3.3 build whose \`12-noble\` remote file is kept: a re-pin that
changes the stand-in's version and its recordings), \`docker image inspect\`'s \`Size\`, its
\`Created\` when only the second is known, \`RootFS\` and \`GraphDriver\` (the real layers), \`docker
history\` (the real build steps and layer sizes), \`docker system df -v\` (each image's shared and
unique size), \`docker system df\` where two real images share layers (docker-library images share
exactly when their first registry layers are one: alpine and postgres:16-alpine) or where a figure
or percentage depends on where the sizes fall within repo-info's rounding (otherwise each real image
counts once, whole, with the layers of images built on it), \`docker ps -s\`'s virtual size and \`docker compose images\`' SIZE likewise, also for an
image built on a pulled one; a command or template that does not show them
runs (\`docker images --format '{{.Repository}} {{.ID}} {{.CreatedSince}}'\`). A tag whose catalog entry
has no \`registry.image\` yet (catalog/README.md) keeps its stand-in's ID, and \`docker images\` and
\`docker image inspect\` refuse what shows it or its Created. Ages: a normal
install's session starts at the reader's date, 2026-12-31 (READER_CLOCK, after every catalog image's
Created), where the oracle's recordings start at 2024-12-31; \`postgres:16\` is then \`3 months ago\`.
How old an image is depends on the day a page is read, so a page's age of an hour or more matches
any such age (src/pages/ages.ts; the table's padding with it) and \`--update\` keeps the page's; a
tag moves too, so a page showing another build of it (another ID or size) is a mismatch that
\`--update\` rewrites. \`--busybox-stand-ins\` keeps the stand-ins' own ID, size, history and build
time, as the recorder built them. \`docker rmi\` of a pulled image prints its \`Untagged:\` lines (the
tag and \`postgres@sha256:...\`, the tag's digest) and its \`Deleted: sha256:<Image ID>\` where it frees
no layer (another tag stays, or a stopped container keeps the layers after \`rmi -f\`); where it
would free the real image's layers (\`rmi\` of its last reference, \`image prune -a\`) it is refused by
name before changing anything: the daemon prints \`Deleted: sha256:<chain ID>\` for each freed layer
(moby \`daemon/images/image_delete.go\` imageDeleteHelper), and a chain ID needs the layers'
uncompressed digests (diff IDs), which repo-info does not give (src/image/store.ts). A real image
stands on none of busybox:latest's layers (strata's stand-in does): \`docker rmi busybox\` frees and
reports its layer as when nothing else is there. Still the
stand-in's in a normal install: \`docker save\`'s archive.
Digests in transcripts are normalized like IDs (\`Digest: <img1>\`). Programs that would need the real software (running
JavaScript or Python, package managers, server features beyond the clients' subsets) say
\`strata does not simulate ...\` and exit 125 rather than pretend. In a normal install a process that
swallows such a refusal's words (\`apk add curl >/dev/null 2>&1 || true\`, \`apt-get update -qq 2>/dev/null; echo done\`),
or a detached one that goes on after it, is refused with the program's own line once it ends or
blocks, since the real program would have done its work: \`docker run\` (\`-d\` too), \`docker exec\`,
\`docker compose run\` and \`exec\` refuse the whole command line, exit 125, nothing kept (what the
process printed before stays on the screen); a refusal an attached process showed is the reader's
to read, as before. \`docker build\` refuses the build for any refusal a step ran, shown or not. So are
strata's own programs' refusals, whatever their words (\`wget: strata does not simulate ...\`, a
command strata does not simulate, \`ulimit -n\`), and those of a host line (\`curl -s URL >/dev/null
2>&1 || true\`). What a detached script runs after a sleep (\`sh -c 'sleep 5; wget -q URL'\`) runs
when strata's clock passes the sleep, as on the engines (a \`docker stop\` before it kills the
script, which never runs the rest: recorded, lifecycle/rest-after-sleep); a refusal there, or
anything else strata does not simulate, makes strata follow that container no further: every
command that would show it is refused with the reason, \`docker rm -f\` removes it. The oracle ran the stand-ins themselves, so
\`--busybox-stand-ins\` goes on as its recordings show. Not yet so: a health check's test (\`curl -f
URL || exit 1\`, which fails with the refusal as its output) (src/container/process.ts hearRefusals). \`node app.js\` and \`python app.py\`
are taken for a server that keeps running with an empty log only when the script's text shows a
server of the language's own library and nothing else (no printing that would reach \`docker logs\`,
no file writes, no packages): a script that prints and exits, or writes into a volume, is refused
(catalog/node/SOURCES.md, catalog/python/SOURCES.md); the log lines servers print with
timestamps or process IDs are printed without them, or left out (each family's SOURCES.md), but for
postgres, nginx, redis, mysql, mariadb, httpd and mongo in a normal install (below).

**\`docker logs\` of postgres, nginx, redis, mysql, mariadb, httpd and mongo** (src/container/server-log.ts). The stand-ins print the
servers' messages bare (so the recordings, made on busybox, and \`--busybox-stand-ins\` show
\`LOG:  database system is ready to accept connections\`). In a normal install (pages, scenarios,
\`strata replay\`) \`docker logs\` and \`docker compose logs\` show what the real image's log holds,
line by line, or refuse by name, and so does an attached \`docker run\` (without \`-d\`, \`-i\` or \`-t\`)
of the server itself (the image's entrypoint and command, or the server's program or options),
which prints what the server writes: \`docker run --rm mysql:8.4\` without a password prints the
entrypoint's lines with their times (another program in such an image prints as it writes):

| line | a normal install shows | source |
| --- | --- | --- |
| the postgres postmaster's own lines (\`listening on ...\`, \`database system is ready to accept connections\`, \`received fast shutdown request\`, \`aborting any active transactions\`, \`database system is shut down\`) | \`2026-12-31 00:00:01.000 UTC [1] LOG:  ...\` on **stderr**: the second strata's clock logged it, milliseconds \`.000\` (a page copied from a terminal keeps its own time there: src/pages/varying.ts), PID 1 (the entrypoint execs the server) | postgres \`guc_tables.c\` (log_line_prefix \`'%m [%p] '\`), \`elog.c\` setup_formatted_log_time, \`postmaster.c\`, \`pqcomm.c\`, \`miscinit.c\` UnlinkLockFiles; docker-library/postgres \`docker-entrypoint.sh\` |
| the entrypoint's temporary server while it initialises (started by pg_ctl, not PID 1), the startup process's and checkpointer's lines (\`database system was shut down at ...\`, \`shutting down\`, \`checkpoint ...\`, the recovery after a kill), the background worker's exit, \`starting PostgreSQL ... compiled by gcc ...\` | refused by name (\`strata does not simulate what ... prints here: ...\`, exit 125): their PIDs depend on how many processes ran before (the entrypoint's, initdb's, the temporary server's backends for \`POSTGRES_DB\` and the init scripts, a health check's), and \`checkpoint complete\`'s figures (buffers written, times, LSNs) on the server's work, so a first start's log is never known whole; the \`starting\` line is the build's version line, which the stand-in's \`SELECT version()\` gives (catalog/postgres/SOURCES.md) but its server does not log. A \`--tail\` that leaves them out runs | postgres \`xlog.c\` ShutdownXLOG, LogCheckpointStart, LogCheckpointEnd; \`version.c\` |
| what the stand-in prints on stdout that the real image writes to stderr: initdb's \`initdb: warning:\`/\`hint:\` lines (13: the trust warning's three lines), alpine's \`sh: locale: not found\`, the entrypoint's \`POSTGRES_HOST_AUTH_METHOD\` warning between its lines of asterisks | on stderr, so \`2>/dev/null\` drops them | postgres \`src/common/logging.c\`; docker-library/postgres \`docker-entrypoint.sh\` (\`cat >&2\`) |
| pg_ctl's \`waiting for server to start....\` (the stand-in prints the temporary server's first line after the dots) | \`waiting for server to start.... done\` on stdout, one line logged when its newline comes, after the server's | postgres \`src/bin/pg_ctl/pg_ctl.c\`; moby \`daemon/logger/copier.go\` |
| a server given \`TZ\`/\`PGTZ\` or its own logging settings (\`-c log_line_prefix=...\`, \`config_file\`) | refused by name | |
| redis's lines (7, 8, 8-alpine) | \`1:C 31 Dec 2026 00:00:01.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\` on stdout: PID 1, role \`C\` before the server's initialisation and \`M\` after, the time of strata's clock with milliseconds \`.000\` (a page keeps its own), the level's \`*\` or \`#\`; the signal handler's \`1:signal-handler (UNIX TIME) Received SIGTERM scheduling shutdown...\` | redis \`src/server.c\` serverLogRaw, serverLogRawFromHandler, sigShutdownHandler (7.4.1, 8.0) |
| redis's host-dependent lines (the memory overcommit warning, the open files limit, \`monotonic clock: ...\`), redis 8's module lines, \`RDB age\`, \`RDB memory usage\` and the load's duration, the lines of a \`BGSAVE\` (\`Background saving started by pid N\` and the saving child's own lines), and every line of a server given a TZ, a terminal (\`-t\`: the logo) or its own \`logfile\`, \`loglevel\`, \`syslog-enabled\`, \`always-show-logo\` or \`include\` (arguments or config file) | refused by name | redis \`src/server.c\` main, linuxMemoryWarnings, redisAsciiArt; \`src/rdb.c\` |
| the mysql and mariadb entrypoints' messages (\`[Note] [Entrypoint]: ...\`, \`[Warn]\`, \`[ERROR]\`) | \`2026-12-31 00:00:01+00:00 [Note] [Entrypoint]: ...\` (\`date --rfc-3339=seconds\`, strata's clock, UTC), notes on stdout, warnings and errors on stderr; with a \`TZ\`: refused | docker-library/mysql and MariaDB/mariadb-docker \`docker-entrypoint.sh\` mysql_log |
| mysqld's \`X Plugin ready for connections\`, \`ready for connections\`, \`Received SHUTDOWN from user <via user signal>\`, \`Shutdown complete\` (8.4 and 9: then \`MySQL Server - end.\`) | \`2026-12-31T00:00:01.000000Z 0 [System] [MY-...] [Server] ...\` on stderr: UTC (log_timestamps), microseconds \`.000000\`, thread 0 | real logs of the 8.0, 8.4 and 9 images; mysql-server \`share/messages_to_error_log.txt\` |
| mariadbd's \`ready for connections.\` (its \`Version: ...\` line bare), \`Normal shutdown\`, \`Shutdown complete\` | \`2026-12-31  0:00:01 0 [Note] mariadbd: ...\` (the hour space-padded, thread 0) on stderr | MariaDB \`sql/mysqld.cc\` print_buffer_to_file; real logs of the 10.11 and 11 images |
| mysqld's and mariadbd's start-up lines (\`starting as process N\`, InnoDB's, TLS), MariaDB's InnoDB shutdown lines and whether an empty line follows \`Shutdown complete\`, every line of \`mysqld --initialize\` and of the entrypoint's temporary mysqld, \`mysql_tzinfo_to_sql\`'s time zone warnings, a 26.x server's lines after \`Shutdown complete\`, and a server given \`--log-error\`, \`--log-timestamps\` (or a \`.cnf\` in \`conf.d\` setting them) | refused by name | |
| httpd's start-up notices after its two \`AH00558\` warnings (2.4.65 and later, Debian builds, the image's command) | \`[Thu Dec 31 00:00:01.000000 2026] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.68 (Unix) configured -- resuming normal operations\` and \`[...] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\` on stderr (microseconds \`.000000\`); other versions, the Alpine builds, other arguments, a \`TZ\`, and the stop's notice (\`AH00492: caught SIGWINCH ...\` or \`AH00491: caught SIGTERM ...\`: strata does not keep which signal came): refused by name | httpd \`server/log.c\`, \`server/util_time.c\` ap_recent_ctime_ex; real logs of the 2.4.65 and 2.4.68 images |
| the access log of each request strata's \`curl\`, \`wget\` and busybox \`wget\` make to an nginx or httpd container (health checks included) | nginx: \`172.17.0.1 - - [31/Dec/2026:00:00:02 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"\` (log_format main); httpd: \`172.17.0.1 - - [31/Dec/2026:00:00:02 +0000] "GET / HTTP/1.1" 200 45\` (common, \`-\` for no body), on stdout, at the request's second. The client: the network's gateway for the host through docker-proxy, \`127.0.0.1\` for the container's own \`wget localhost\`; a container on several networks or the host's network, or a request to its own host name: refused by name. The User-Agent: \`curl/7.88.1\`, \`Wget/1.21.3\` (GNU, \`--spider\`: \`HEAD\`), \`Wget\` (busybox). nginx's \`[error]\` line before a 403 or 404 and httpd's error line before a 403 (the worker's PID): refused by name | nginx \`nginx.conf\`, \`ngx_http_static_module.c\`; httpd \`httpd.conf\`, \`mod_log_config.c\`; curl \`src/tool_operate.c\`; busybox \`networking/wget.c\` |
| mongod's JSON lines (every run of the image's \`mongod\`; a first start with a root user: the temporary mongod's, around the entrypoint's lines) | refused by name (they name the container's host, its kernel, the PID, the build); the stand-in prints none, so a normal install never shows an empty log for them | docker-library/mongo \`docker-entrypoint.sh\` |
| nginx's notices after the entrypoint's \`Configuration complete; ready for start up\` (\`YYYY/MM/DD HH:MM:SS [notice] 1#1: ...\`, on stderr through \`error.log\`), and on a stop its workers' exits | refused by name: they name the host's kernel (\`OS: Linux ...\`), its limits (\`getrlimit(RLIMIT_NOFILE)\`), the build's compiler and one \`start worker process PID\` per CPU | nginx \`src/core/ngx_log.c\`, \`src/os/unix/ngx_posix_init.c\` ngx_os_status, \`src/os/unix/ngx_process_cycle.c\` |

So \`docker logs db\` of a postgres container is refused from its first start on, while
\`docker logs --tail 1 db\` prints the ready line, and \`docker logs web 2>/dev/null\` or \`docker logs
db 2>/dev/null\` the entrypoint's words (stdout), as the real ones do. A \`--tail\` reaching a refused
line is refused whatever the redirections (one refused entry may stand for several real lines).
\`docker compose logs\` refuses a catalog server's log holding such a line after its
\`--tail\` (and then prints no other service's either). Not simulated either: a postgres server's lines for client errors
(catalog/postgres/SOURCES.md), \`--timestamps\`, \`--since\` and \`--until\` (refused). 
The alpine tags behave the same (their entrypoints exec the server through su-exec or gosu).
A stand-in is built on busybox, also one of a Debian-, Ubuntu- or Oracle Linux-based image, where the
real image has GNU coreutils, tar, findutils, grep and sed, bash, and dash as \`/bin/sh\` (Oracle Linux:
bash). Such a stand-in says which system it stands for in \`/.strata-stand-in/userland\`, a file the
real engines ignore (written by its last \`RUN\`), and a container of it runs strata's GNU programs for
the commands the real image has (\`src/container/userland.ts\`, citing repo-info's package lists), with
\`sh\` speaking dash and \`bash\` bash, as a normal install's image does: \`docker run --rm ubuntu tar cvf
/backup/backup.tar /dbdata\` prints \`\` tar: Removing leading \`/' from member names \`\` and \`/dbdata/\`,
\`sh -c 'nope'\` prints \`sh: 1: nope: not found\`. The families: \`debian\`, \`ubuntu\`, \`python\` and
\`node\` (not alpine), \`postgres\` (not alpine), \`redis\` (not alpine), \`httpd\` (not alpine), \`nginx\`
(not alpine), \`php\`, \`wordpress\`, \`mariadb\` and \`mongo\` (Ubuntu), \`mysql\` (Oracle Linux 9, whose \`sh\`
is bash). The oracle builds the same contexts and runs them on busybox, so
its recordings of commands inside these images show busybox's words (\`tar: removing leading '/' from
member names\`, \`mkdir: can't create directory\`, \`sh: can't create\`, \`stat -c %N\` unquoted):
\`archive/backup-docs-dbstore-ubuntu\`, \`builds/rw-bash-pipefail\` (the stand-in's \`bash\` is busybox's sh there: \`$0\` is \`/bin/sh\`), \`catalog/gnu-standin-commands\` (busybox's \`ls\` words), \`catalog/nginx-latest-first-start-diff\`, \`catalog/php-apache-image-facts\`,
\`compose/tut-node-user-node-modules\`, \`compose/tut-php-apache-src-bind\`, \`exec/gnu-shells-dit\` (a
\`-dit\` debian's \`bash\` and \`sh\` greet with busybox's banner and prompt there; strata's dash prints \`# \`),
and the tutorial probes \`tutorials/pt-backup-volumes-from-ubuntu\`, \`pt-debian-volumes-from-readonly\`,
\`pt-node-run-rm-pwd\`, \`pt-postgres-cp-in-out\`, \`pt-postgres-entrypoint-override\`,
\`pt-python-user-workdir\` and \`pt-ubuntu-named-volume-users\` (both engines each). Like \`--bridge=none\`, that
is the oracle's environment, not a user's: \`npm test\` replays every recorded file with the stand-ins
on busybox (\`busyboxStandIns\`, \`test/conformance/conformance.test.ts\`), and \`strata check
--busybox-stand-ins\` (or \`replay --busybox-stand-ins\`) does the same for a file (\`--update\` refuses it:
a file holds what a normal install prints). Pages, scenarios and \`strata replay\` print GNU's words.
What still differs from the real images:

- the versions: strata prints this host's tools' words (Debian 12: coreutils 9.1, tar 1.34,
  findutils 4.9, grep 3.8, sed 4.9, dash 0.5.12) for every release. The real releases have coreutils 8.32
  (bullseye, jammy, Oracle Linux 9), 9.4 (noble), 9.7 (trixie) and tar 1.35 (noble, trixie). What a
  user can see differ from 9.1's words, by coreutils' NEWS (coreutils/coreutils@aa0c0de3508e9150eb0ea610f696ee353dd9353d
  \`NEWS\`, releases 9.0 to 9.7; not recorded here):
  - 8.32 (bullseye, jammy, Oracle Linux 9): \`stat FILE\` prints the device as \`Device: 801h/2049d\`
    where 9.0 and later print \`Device: 8,1\` (9.0); \`chown root.root f\` gives no
    \`warning: '.' should be ':'\` (9.1); \`sum FILE\` prints no file name (9.0);
  - 9.4 (noble): \`cp -n\` and \`mv -n\` onto an existing file say \`cp: not replacing 'b'\` and exit 1
    (9.2, 9.3; silent with status 0 again in 9.5); \`mv dir x\` onto a non-empty \`x/dir\` says
    \`mv: cannot overwrite 'x/dir': Directory not empty\`, not \`cannot move 'dir' to 'x/dir'\` (9.4, also
    trixie); \`du --apparent-size\` (\`du -b\`) no longer counts directories' own sizes (9.2, also trixie);
  - 9.7 (trixie): \`ls -f\` is \`ls -aU\` and keeps an earlier \`-l\` (9.6); \`printf '%d' ''\` fails with a
    diagnostic (9.6); \`base64 -d\` takes input without padding (9.5). \`ubuntu:latest\` (26.04) has uutils' coreutils as
  its \`coreutils\` (\`coreutils-from-uutils\`, with GNU's as \`gnu-coreutils\` 9.7:
  docker-library/repo-info@452725d72e4385dc0f330876d79baa89d328c41e \`repos/ubuntu/local/resolute.md\`),
  whose words strata does not simulate: it prints GNU's there too;
- \`$BASH_VERSION\` is each release's (\`5.2.15(1)-release\` in bookworm, \`5.1.8(1)-release\` in
  Oracle Linux 9, ...: src/container/userland.ts), the host's bash is Debian 12's 5.2.15; 26.04's bash
  5.3 has a patch level no source here names, so \`$BASH_VERSION\` is unset there. \`$BASH_VERSINFO\`,
  a read-only array in bash, is a plain variable holding its element 0 (the major version);
- the layout: as in the real images, \`/bin\`, \`/lib\`, \`/lib64\` and \`/sbin\` are links into \`/usr\`
  (merged /usr; bullseye's, \`postgres:13\`, are directories), made by a first \`RUN\` that moves busybox
  out of PATH and makes the links of the real image's commands in \`/usr/bin\` (one more layer,
  busybox's 1.98MB again in the image size; bullseye's too). jammy's
  stand-ins also have \`lib32\` and \`libx32\` links; whether noble's and 26.04's real images still have
  them was not found (their stand-ins do not). \`/usr/lib\`, \`/usr/lib64\` hold no libraries;
- the commands: such a stand-in keeps only the busybox applet links that name a command of the real
  image (its release's packages and the ones its Dockerfile installs: \`imageApplets\` in
  \`src/container/userland.ts\`, from repo-info's package lists; mysql:8.0's Oracle Linux 8, whose
  image repo-info keeps no list of, has Oracle Linux 9's), and busybox itself leaves PATH
  (\`/.strata-stand-in/busybox\`), so what the real image lacks is not found in its shell's words
  (\`sh: 1: wget: not found\`, \`bash: line 1: bc: command not found\`, \`exec: "ps": executable file not
  found in $PATH\` from \`docker run debian ps\`). A real command busybox has no applet for (\`comm\`,
  \`install\`, \`perl\`, \`curl\`, \`git\`) is not found in the stand-in either; one strata does not
  simulate (procps' \`ps\` in \`python:3.12\`, \`postgres:16\` and the Ubuntu images, GNU Wget in
  buildpack-deps' \`python\` and \`node\`, \`more\`, \`su\`) is refused by name; Oracle Linux's \`awk\`
  (gawk) and a program \`kill\` (procps') still print busybox's words. \`ls /usr/bin\` shows those links (and the stand-in's own programs), not the real
  image's files. On the oracle a missing command is not found only for Docker's own exec
  (\`docker run IMAGE wget\`): its busybox shell runs an applet without a link
  (FEATURE_SH_STANDALONE), so \`sh -c wget\` inside such a stand-in runs busybox's wget there;
- dash's own words are followed for its prefixes (\`sh: LINE: \`, \`FILE: LINE: \`, \`sh: 0: \` before the
  first line), \`cannot open\`/\`cannot create\` (status 2), \`cd\`, \`set\`, \`exit\`, \`-c\` and a script it
  cannot open, its syntax errors (\`Syntax error: end of file unexpected (expecting "then")\`) and its
  \`echo\` (no options but \`-n\`, escapes always); its \`printf\`, \`test\` and \`kill\` builtins print
  coreutils'/bash's error words (\`expected numeric value\`, \`Illegal number\` in dash), its \`trap\`
  and arithmetic errors ash's;
- \`bash --version\` prints the stand-in's text (the real image's version, as its SOURCES.md says).

The \`hello-world\` stand-in is one of these too, where the real image is \`FROM scratch\` with a
single static \`/hello\` of about 10 kB: it prints the same greeting and exits 0, and keeps busybox out
of \`PATH\` (in \`/.strata-stand-in/\`) so that \`docker run hello-world ls\` or \`sh\` fails with the
runtime's \`exec: "ls": executable file not found in $PATH\` as the real one does (recorded:
catalog/hello-world-first-run); \`docker images\` shows it 3.97MB (busybox's 1.98MB twice: the base
layer and the moved copy), and \`/.strata-stand-in/sh\` runs a shell the real image does not have.

### The servers' data files: names kept, bytes and sizes refused

The stand-ins of the servers that write data files of their own (postgres, mysql, mariadb, mongo,
redis, wordpress: \`DATA_SERVERS\` in src/image/catalog/data-dirs.ts) keep their rows and bookkeeping in
small files named like the real server's (postgres' \`global/1262\`, mysql's \`ibdata1\`, redis'
\`dump.rdb\`), often empty, where the real server writes binary files of kilobytes to megabytes (a
fresh postgres data directory holds about 40 MB, most of it the first 16 MB WAL segment). In a
normal install every file such a stand-in's own program writes (its entrypoint, \`psql\`, \`mysql\`,
\`redis-cli\`: a script whose text is one of theirs) is a placeholder (\`placeholder\` in
src/fs/node.ts): its name, type, mode, owner and link count are listed as they are, and whatever
reads its bytes or its size is refused by name, exit 125, nothing kept (\`strata does not simulate
the contents of /var/lib/postgresql/data/global/1262: ...\`): \`ls -l\` and \`ls -s\` (and their
\`total\`), \`du\`, \`stat -c %s\`, \`wc\`, \`test -s\`, \`find -size\`, \`cat\`, \`od\`, \`md5sum\`, \`grep\`,
a shell's \`<\` redirection, \`tar\` or \`docker cp\` of one to a pipe (\`-\`), and the sizes that add one up: the space
\`docker volume prune\` and \`docker system prune --volumes\` reclaim (they remove the volumes, as a
real engine does, print what they deleted, and refuse the total), \`docker system df\` (\`-v\`),
\`docker ps -s\` and \`docker inspect -s\` of a container whose writable layer holds one (the
server's lock files in \`/run\`). \`ls\` of names and \`find -name\` still answer, except in a
directory the real server fills with names the stand-in does not make (\`incompleteDirs\` in
src/image/catalog/data-dirs.ts: postgres' \`global/\`, \`base/<oid>/\`, \`pg_wal/\`, \`pg_xact/\` and the
other SLRU and statistics directories, and \`base/\` itself before 15; mysql's \`mysql/\`,
\`performance_schema/\`, \`#innodb_redo/\`, \`#innodb_temp/\`; mariadb's \`mysql/\` and \`sys/\`; all of
mongo's dbpath, whose WiredTiger files a real install names with random numbers; WordPress's
\`wp-admin/\`, \`wp-includes/\`, \`wp-content/plugins/\` and \`themes/\`): listing one (\`ls\`, \`find\`,
\`du\`, \`tar\`, \`cp -r\`, \`rm -rv\`, a glob in it) is refused by name (\`strata does not simulate the
entries of ...\`), while a name looked up there answers. \`rm -r\` without \`-v\` or \`-i\` removes such a
directory whole where every removal succeeds (the process may write in it, on a writable mount:
the server's files are its own user's), since the outcome does not depend on the names; elsewhere
each failure would name a file strata does not know, so it is refused (Namespace.entriesToRemove).
A copy (\`cp\`, \`cp -r\`, \`cp -a\`, \`mv\` to another volume or mount, \`docker cp\` to a path
either way, \`tar c\` into a file and \`tar x\` of it: the backup and restore recipes) carries the
mark instead of being refused: each copy of a placeholder is a placeholder of the same file, and the
copy of such a directory holds the real server's unknown files too (Namespace.entriesToCopy), with
the modes, owners and times the tool keeps or the copier's, so a server started on a restored copy
finds its rows while the copy's bytes, sizes and the unknown names stay refused. An archive of them
is a placeholder itself (its bytes and size are unknown; \`tar t\` lists its known members by name
and refuses a listing that would show the unknown ones). It runs where the outcome does not depend on
what strata does not know: the copier may read every file (root, or the directory's owner: the
server's files are its own user's), nothing prints a name (\`cp -v\`, \`tar -v\`), the copy's
directory is new or empty, and the file system has no set size (a \`--tmpfs\`: whether it fits is
refused by name). \`strata explain\`'s advice for an orphaned volume of a server's data looks at it
with \`ls -A\` (the names at its top) instead of \`ls -lR\`, and none for mongo's, whose names even
there are not known.
The data directory itself (postgres'
names are initdb's: src/bin/initdb/initdb.c), \`base/\` from 15 (\`1\`, \`4\`, \`5\`), the empty ones, a
mysql database of the user's (its tables' \`.ibd\`) and redis' \`/data\` are listed. The same goes
for the file once the volume is mounted anywhere else or copied. A file another program writes
whole (\`echo x > /var/lib/postgresql/data/note\`) is known again; an append keeps a placeholder.
A file the stand-in writes with the real server's bytes is none: postgres' \`PG_VERSION\` (the major
version and a newline, initdb.c write_version_file), and the \`.htaccess\` and \`wp-config-docker.php\`
of the wordpress entrypoint's copy (\`exactFiles\` in src/image/catalog/data-dirs.ts). Not yet
refused: the wordpress image's own \`/usr/src/wordpress\`, a skeleton of WordPress's tarball (empty
files, empty \`wp-admin/\` and \`wp-includes/\`), which a normal install lists as the stand-in has it.
A command the entrypoint runs instead of the server (\`docker run postgres:16 cat ...\`, its
\`exec "$@"\`) is the user's program and refused alike; a script the entrypoint runs itself
(\`/docker-entrypoint-initdb.d/*.sh\`) reads the placeholders as the stand-in does. With
\`--busybox-stand-ins\` the stand-ins are what ran on the oracle, so their bytes and sizes are the
answer there, as recorded.

A server's Unix socket (postgres' \`/var/run/postgresql/.s.PGSQL.5432\`, mysqld's and mariadbd's
\`mysqld.sock\` and \`mysqlx.sock\`, mongod's \`/tmp/mongodb-27017.sock\`: \`socketFiles\` in
src/image/catalog/data-dirs.ts) is, in a normal install, a socket to every program but the
stand-in's own: \`ls -l\` shows \`srwxrwxrwx\` (mongod's \`srwx------\`), \`test -S\` is true, \`stat\`
says \`socket\`, opening it fails with \`No such device or address\`, \`docker diff\` lists it, and
\`docker cp\`, \`docker export\`, \`docker commit\` and \`tar\` leave it out as they leave out any socket
(recorded with a socket busybox \`syslogd\` binds: fs/socket-in-writable-layer). The stand-in's
programs keep using it as the file they connect through (\`socket\` in src/fs/node.ts). With
\`--busybox-stand-ins\` it is the regular file the oracle's stand-ins made.

## The shells: the host's bash and a container's busybox sh

A scenario's \`$\` lines run in a simulated bash with GNU tools (the recorder's host), and a
container's commands in busybox sh with its applets (a Debian-, Ubuntu- or Oracle Linux-based image's
in dash or bash with the GNU tools, see above); all are interpreters of strata's own,
checked against the real programs by the shell differential test (\`npm run test:deep\`).
Not simulated, and what happens instead:

- **bash arrays** (\`a=(1 2 3)\`, \`\${a[1]}\`): refused by name (\`strata does not simulate bash arrays\`).
- **Readonly variables** are simulated in each shell (\`readonly\`, bash's \`declare -r\`, \`typeset -r\`,
  \`local -r\`, and its own readonly \`UID\` and \`EUID\`): what an assignment, \`export\`, \`unset\`,
  \`local\`, \`read\`, \`for\` or \`\$((X=1))\` does to one, in each shell's words and statuses. Refused
  by name: \`\$PPID\` (the parent's PID is not kept; a value a script assigns in ash or dash is kept),
  bash's \`\$SHELLOPTS\` and \`\$BASHOPTS\`, the listings of every variable (\`readonly -p\`,
  \`declare\`, \`declare -p\` with no name, which show those), and \`declare\` attributes but
  \`-r\`, \`-x\`, \`-g\` and \`-p NAME\` (\`-i\`, \`-a\`, \`-l\`, \`-n\`..., \`+x\`).
- **\`[[ ... ]]\`** is simulated as each shell has it: bash's parser reads it (operands not split or
  globbed, \`==\` a pattern unless quoted, \`=~\` an extended regex, its syntax errors' words and
  statuses); busybox sh passes the words, split and globbed, to its \`[[\` builtin, with \`&&\` and
  \`||\` as words. Refused by name: \`BASH_REMATCH\` (JavaScript's regexes match leftmost-first where
  POSIX's match leftmost-longest, so whether \`=~\` matches is right but the text could be wrong),
  bash's extended patterns (\`@(a|b)\`), \`-N\`, and \`-o\` of an option strata does not follow.
- **\`printf\`** reads a float argument as the real one does (bash's builtin and coreutils: x86's
  long double; busybox: a double) and prints the exact binary value, rounded half to even (\`%.0f\`
  of 2.5 is 2); \`%a\`, bash's \`%q\` and \`printf -v\` are simulated. Refused by name: \`%(...)T\`
  (a time), \`%n\` (it sets a variable), coreutils' own \`%q\`.
- **\`awk\`** is an interpreter of strata's own, as busybox 1.35's awk in a container and Debian's
  mawk 1.3.4 on the host (also as \`mawk\`), differing where they do: integral numbers print as
  integers (mawk within ±2147483647, busybox within 64 bits), busybox reads \`0x1F\` and \`010\`
  as numbers, its build has no math (\`^\`, \`sqrt\`, ... are \`Math support is not compiled in\`)
  and 1/0 is its error where mawk prints \`inf\`; each one's error words, exit statuses and output
  order. \`for (k in a)\` walks each one's own hash table, so keys come in the real order (recorded:
  \`shell/bb-awk\`, \`shell/host-awk\`). Refused by name: \`rand()\` and \`srand()\` (mawk seeds from
  the time). Not followed: the sign of a NaN (mawk prints every NaN as x86's \`-nan\`, so
  \`-log(-1)\` is \`-nan\` here and \`nan\` there), mawk's overflow error for a constant like \`1e400\`,
  and the exact words of mawk's rarer syntax errors (its yacc's \`syntax error at or near X\`, with
  \`missing )\`/\`missing }\` as it words them, is followed).
- **Named pipes and device nodes**: \`mkfifo\` and \`mknod NAME p\` make FIFOs, which \`ls\`, \`stat\`,
  \`test -p\`, \`find -type p\`, \`cp -a\`, \`mv\`, tar, \`docker cp\`, \`export\` and \`commit\` keep
  (recorded: \`fs/fifo-in-writable-layer\`); reading or writing one is refused by name, since it would
  wait for a reader or writer running at the same time. Device nodes (\`mknod NAME c 1 3\`) are refused
  by name: strata's file systems have only the standard character devices.
- **\`getopts\`**: not a builtin here (\`getopts: command not found\`).
- **Background jobs** (\`cmd &\`) run to their end when they start; whether one would still be running
  later is told from the time its sleeps and its parent's take. \`kill\` of a job's PID or \`%N\`
  (\`%\`, \`%%\`, \`%+\`, \`%-\`), \`wait [PID|%N]\` with the job's status (128+N after a signal) and
  busybox's \`jobs\` (\`[1]+  Terminated\`, padded to column 33, no command: ash records none without
  job control) follow busybox 1.35 and bash 5.2 (recorded: \`shell/busybox-kill-job\` on both engines;
  bash measured, test/shell/job-kill.test.ts), as do each one's errors (\`sh: kill: line 0: %2: no such
  job\` status 2 and nothing sent; bash \`kill: %2: no such job\` and status 0 when another operand
  succeeded). A job can be stopped part-way only when it is a lone \`sleep\` (or blocked in a
  background container): a signal to a job that did more (\`(sleep 100; echo never) & kill $!\`), one
  that stops or dumps core (STOP, QUIT, SEGV...), INT (ignored by a job of a shell without job control
  unless the kill comes first: a race), a job ending at the very moment it is asked about, \`jobs\` right
  after a kill, bash's \`jobs\` listing, bash's report of a KILL/HUP collected by a later command rather
  than \`wait\`, and dash's job specs are refused by name. **A race strata settles one way:** \`kill $!;
  wait $!\` in busybox prints the signal's words (\`Terminated\`) when \`wait\` collects the job, which the
  real shell does unless it collected it after an earlier command; strata always prints them (the
  outcome most of our recordings showed); after a \`sleep\` between the two neither prints them.
- **Brace expansion** (bash only) is done on the word's parts, not on its text: bash pastes an
  alternative to what follows before reading \`$name\`, so \`{$v,b}x\` is \`$vx bx\` there (the
  variable \`vx\`), and \`$v\` followed by \`x\` here. Lists, sequences, nesting, zero padding and
  steps are bash's.

- **A container's stdout and stderr** reach \`docker run\` (without \`-t\`) as two streams, and where
  one's writes fall among the other's varies from run to run on both engines, even inside a line
  (\`sh -x -c 'echo a; echo b'\` printed \`+ echoa\` once: busybox writes a trace's \`+ \`, \`echo\` and
  \` a\` apart). strata prints them in the order the program wrote them; recordings merge the streams
  in the container (\`exec 2>&1\`, \`2>&1\`).
- **busybox sh's banner and prompts** follow how the image's busybox was built
  (src/container/userland.ts busyboxBuildOf): busybox:latest's (docker-library: \`make defconfig\`,
  BusyBox 1.38) prints no banner (FEATURE_SH_EXTRA_QUIET), asks the terminal nothing after its
  prompt (FEATURE_EDITING_ASK_TERMINAL off: recorded with busybox built so,
  \`test/pages/pty/busybox-defconfig-exit.json\`) and, as 1.37 and later do, writes its prompts on
  stderr; Alpine's prints no banner, asks the cursor position (ESC \`[6n\`) and writes its prompts on
  stderr from Alpine 3.21 (busybox 1.37), stdout before. The oracle's Debian busybox-static 1.35
  prints the banner, asks, and writes its prompts on stdout, in every stand-in, the alpine ones
  too: \`--busybox-stand-ins\` shows that (recorded: \`test/pages/pty/ash-*.json\`,
  \`exec/stdin-prompts\`). On a terminal stdout and stderr are the same screen.
- **busybox's \`adduser\`, \`addgroup\`, \`deluser\` and \`delgroup\`** are the image's busybox's
  (src/shell/applets/users.ts): an Alpine image's (BusyBox 1.36.1, 1.37.0 from Alpine 3.21: the
  same code) with Alpine's options (ids up to 256000, system ids 100 to 999 and normal ones from
  1000, names checked) and patch (\`-S\` users get \`/sbin/nologin\`), on musl, whose \`id USER\` lists
  a group twice when the user is also a member of its primary group. Ground truth: Alpine 3.19.4's
  busybox in a chroot of its minirootfs, and that minirootfs imported into both engines
  (\`test/recorded/busybox-adduser/\`). The oracle's Debian busybox-static 1.35 has none of them
  (\`adduser: applet not found\`, \`users/busybox-adduser-oracle\`), so \`--busybox-stand-ins\` says so.
  The real busybox:latest's (1.38.0, \`make defconfig\` on glibc) write no GECOS, give \`-S\` users
  \`/bin/false\`, take ids up to 60000, check no names, read the files with busybox's own parser
  (\`/etc/group: bad record\` of a line with a wrong number of fields) and word option errors as
  glibc's getopt does (\`busybox-1.38.0.txt\` there, its rootfs in a chroot). The catalog's Alpine stand-ins
  have no \`/etc/shadow\` (the real one is 640 \`root:shadow\`): adduser writes none there. The
  shadow's last-change day is that of strata's clock: in a build, the step's own time (fixed by
  the step, in the year after 2024-06-01), where Docker's is the day the build ran. Without \`-D\`
  adduser runs \`passwd\`: nothing on stdin leaves the password unchanged and exits 1, so
  \`RUN adduser app\` fails the build, as on Docker; a password fed to it is refused by name.
- **A file without an execute bit earlier in \`PATH\`** than an executable one of the same name: the
  real busybox:latest's ash (1.38) passes over it as dash does (\`command -v\`, \`type\` and \`hash\`
  show the executable one; with no executable one \`sh: line 0: tool: Permission denied\`, status
  127, and \`command -v tool\` prints nothing), where the oracle's busybox 1.35 (and Alpine's 1.36 and
  1.37) take the first file for \`command -v\`, \`type\` and \`hash\`, run the later one all the same
  and give 126 when none can run: \`--busybox-stand-ins\` shows 1.35's (src/shell/programs.ts
  ExecBits; the real shells in chroots, \`test/recorded/shell-fidelity/\`, and
  \`shell/busybox-path-without-exec-bit\` on both engines).
- **Alpine's busybox** (the alpine stand-ins and every \`-alpine\` one): its applets are links
  \`-> /bin/busybox\` in \`/bin\`, \`/sbin\`, \`/usr/bin\` and \`/usr/sbin\` as the tag's Alpine version's
  minirootfs has them (304 from 3.19: \`which awk\` is \`/usr/bin/awk\`; src/image/alpine-busybox.ts, which
  says which versions are inferred from another's tarball), and its ash is not standalone: a name is
  found through \`PATH\` only (\`command -v ls\` is \`/bin/ls\`, \`PATH=/none; ls\` is \`sh: ls: not found\`), so
  the oracle's applets Alpine has no link of (\`dpkg\`, \`ar\`, \`patch\`, \`xz\`, ...) are not found, and
  \`busybox httpd\` is \`httpd: applet not found\` (checked in a chroot of the 3.17.10, 3.19.4 and edge
  minirootfs). An applet strata does not simulate (\`nohup\`, \`flock\`, ...) is refused by name; \`adduser\` and its kin run (above). The
  oracle's stand-ins run Debian's busybox-static 1.35 through those links: standalone, and without
  Alpine's own applets (\`adduser\`, \`nohup\`, \`comm\`, \`install\`, ...: \`nohup: applet not found\`, 127),
  which \`--busybox-stand-ins\` shows. The minirootfs's other programs (\`getent\`, \`getconf\`, \`iconv\`,
  \`ldd\`, \`ldconfig\`, \`scanelf\`, \`ssl_client\`) are refused by name everywhere (\`catalog/alpine-busybox-links\`).
- **Detached \`-i\` / \`-t\`** (\`docker run -dit busybox\`): the container's stdin stays open with nobody
  writing, so a shell or \`cat\` waits there and the container keeps running, as on both engines; with
  \`-t\` (or \`sh -i\`) busybox's sh is interactive and its banner, where its busybox prints one (the
  oracle's: see above), is in \`docker logs\`. Its prompt
  (PS1, \`\\w \\$ \`: \`/ # \`, \`/tmp $ \`, \`~ # \` for the home /etc/passwd gives, then on a terminal the
  cursor query ESC \`[6n\` where it asks) is no whole line: the log driver writes it only when the container stops,
  and so does strata (\`exec/interactive-prompts\`, \`exec/interactive-shell-logs\`); any process's
  unfinished last line waits so. An interactive shell ignores SIGTERM (and SIGQUIT, and catches
  SIGINT), also under \`--init\`, so \`docker stop\` with a SIGTERM stop signal waits its whole
  timeout and kills it (137; busybox's own stop signal is SIGKILL: at once). An interactive shell
  that is given commands to read (\`echo ls | docker run -i busybox sh -i\`) prints its prompts
  between them in a real one, which strata does not.
- **On a terminal** (a Markdown page, unless \`tty=no\`): the CLI's stdin and stdout are the reader's
  terminal, as for whoever follows the page, where a recording has none. \`docker run -it\` and
  \`docker exec -it\` then attach it, and so do \`docker compose exec\` and \`docker compose run\`, which allocate the process a TTY there unless \`-T\` (compose's \`cmd/compose/exec.go\`, \`run.go\`; \`run\` draws a \`Creating\` display for the networks and dependencies it creates, then a \`Running\` one for those it starts; recorded on a pty: \`test/pages/pty/compose-exec-tty-*.json\`, \`compose-run-tty-*.json\`): busybox sh and psql read the lines typed at their prompts, and a
  pull shows one line per layer with its last status (moby \`pkg/jsonmessage\`). \`docker compose\`
  draws its progress display (compose pkg/progress/tty.go): strata writes its last frame, with
  nominal durations (the oracle's: a container created in 0.1 s, stopped in 0.4 s, ...), which a
  page matches loosely (src/pages/timings.ts), and logrus' warnings in their terminal form
  (\`WARN[0000] msg\`). Two things vary on a real terminal: the header's count after the slash
  (the lines of the frame drawn before the last one), matched loosely too, and the order of
  objects compose works on in parallel (a network and a volume in \`down -v\`), where strata
  keeps one order. A line wider than 80 columns (the recorder's width, assumed for the reader's
  terminal) and a build's display inside compose's (\`up --build\`) are refused. Interactive bash and
  dash in the GNU stand-ins read what is typed too (\`docker run -it debian bash\`, \`docker exec -it
  C bash\`, Debian's \`sh\`): bash with the prompt the real image's startup files set (Debian's
  \`root@<host>:/# \`; Oracle Linux's \`bash-5.1# \`, mysql:8.0's Oracle Linux 8 \`bash-4.4# \`), which the stand-ins do not have as files,
  readline's bracketed-paste switches and \`exit\` at \`exit\` and Ctrl-D; dash with \`# \` and its
  messages numbered by the lines read. On a terminal ls lists in columns (GNU's and busybox's
  layouts); names GNU would quote there are refused. Ubuntu's bash (\`docker run -it ubuntu bash\`,
  \`docker exec -it C bash\` in 22.04, 24.04 and latest) shows the same prompt, which root's Ubuntu
  .bashrc (base-files' \`dot.bashrc\`) prefixes with an xterm window title (\`ESC ] 0 ;
  root@<host>: / BEL\`, for \`TERM=xterm\`, which docker sets with \`-t\`): not on a page's screen.
  Nothing else is printed at start: Ubuntu's \`/etc/bash.bashrc\` prints its "To run a command as
  administrator" hint only to a member of \`sudo\` or \`admin\` where \`/usr/bin/sudo\` is, and no
  image here has sudo; no login shell runs, so no message of the day (the minimized-system
  notice is part of it). The .bashrc texts are not the images' own files (there is no Ubuntu
  image or package on the recording host): they come from a Linux Mint fork of Ubuntu's
  base-files and from Ubuntu's bash packaging (src/container/userland.ts), and 26.04's is
  assumed to be 24.04's. Refused by name there: its aliases \`ll\`, \`la\` and \`l\`, commands that
  show its settings (\`alias\`, \`type\`, \`env\`, \`printenv\`, \`set\`, \`export\` and \`declare\` without
  operands, \`shopt\`, \`command -v\`: LS_COLORS, the aliases, the history variables), and the
  24.04 and 26.04 user \`ubuntu\`, whose ~/.bashrc is /etc/skel's (not known). Its \`ls\` and \`grep\`
  are aliased to \`--color=auto\`: colours only, which a page does not show. Refused by name too:
  an interactive bash that would read a startup file found in the container, a login
  shell, job control (\`&\`), bash's history expansion (\`!\`), prompt escapes of the clock, history
  and jobs. The history file an interactive bash writes as it ends (\`~/.bash_history\`, which a
  later \`docker diff\` lists) and its \`history\` builtin follow bash 5.2 and readline 8
  (src/shell/history.ts, recorded with this host's bash: \`test/pages/pty/bash-history.json\`);
  refused there: HISTIGNORE, HISTTIMEFORMAT, HISTCONTROL's erasedups, \`history\`'s options, and
  the joins of a command typed on several lines that the recordings do not show (a comment or a
  blank line inside it, a line ending in \`elif\` or \`)\`). The bytes come from sessions recorded on a pseudo-terminal (\`test/pages/pty\`; bash and
  dash: this Debian 12 host's, started as the image starts them).
- **busybox ash's history file** (\`docker run -it busybox sh\`, \`docker exec -it C sh\` in busybox and
  Alpine-based images): an interactive ash on a terminal sets \`HISTFILE\` (when unset) to
  \`$HOME/.ash_history\` and appends each line it reads to that file at once (created 0600), so a
  later \`docker diff\` lists \`C /root\` and \`A /root/.ash_history\` and \`docker commit\` keeps it:
  every line typed that is not empty and not the same as the one before (\`exit\` too; a command's
  further lines one by one); the file is read back at the next session's first prompt, and
  rewritten (0600) with its last HISTFILESIZE lines once it holds four times that many; changing
  HISTFILE later does nothing, and a file that cannot be written is left without a word. Its
  \`history\` builtin lists the lines numbered from 0 (\`%4d %s\`). That is how the real images'
  busybox is built: docker-library builds busybox:latest (1.38) with busybox's defconfig (a list
  of 255 lines; \`history\` on stderr from 1.37), Alpine with FEATURE_EDITING_SAVEHISTORY and
  8192 lines (src/container/userland.ts busyboxBuildOf). The oracle's busybox, Debian's
  busybox-static 1.35, saves none: no HISTFILE, no file, a list of 15 lines, \`history\` on
  stdout; \`--busybox-stand-ins\` does the same. Recorded on a pseudo-terminal with busybox built
  from its source with the defconfig and with the host's busybox-static
  (\`test/pages/pty/busybox-history*.json\`), not with the images themselves. Refused by name:
  \`history\` in a subshell (\`history | grep x\`).
- **psql's history file**: an interactive psql of the postgres stand-ins writes \`~/.psql_history\`
  as it ends (created 0600 even after Ctrl-D alone, so a later \`docker diff\` lists \`A
  /root/.psql_history\`), entry by entry as PostgreSQL 15's psql adds them (mainloop.c, input.c;
  recorded with this host's psql 15.18: \`test/pages/pty/psql-history.json\`). The stand-in
  assumes PostgreSQL 13, 16, 17 and 18 do the same; a history file psql may not write where it
  exists is refused by name.
- **mysql's and MariaDB's history file**: the interactive client of the mysql and mariadb
  stand-ins writes its history file as it ends (\`exit\`, \`quit\`, \`\\q\`, Ctrl-D): Oracle's
  \`~/.mysql_history\` or \`$MYSQL_HISTFILE\` (MariaDB 12.3's names below), so after a session a
  later \`docker diff\` lists \`C /root\` and \`A /root/.mysql_history\` (even after Ctrl-D alone): editline's format (a first line \`_HiStOrY_V2_\`, one entry a line, a space
  written \`\\040\`, a backslash \`\\134\`, a newline \`\\012\`), written to \`FILE.TMP\` and renamed,
  so 0600 and the user's own; each non-empty line typed, as typed, unless it repeats the entry
  before it, then a statement typed over several lines once more, joined (newlines outside
  strings made spaces) with its \`;\`; lines of a file without the first line are lost; nothing
  where Oracle's \`MYSQL_HISTFILE\` is empty or \`/dev/null\`, \`~/.mysql_history\` is a link to
  \`/dev/null\`, or the file cannot be made (no message), nor with \`-e\`, \`-B\` or a failed
  connection. MariaDB's client as Debian 12's 10.11 client (libedit) did it on a pseudo-terminal
  (\`test/pages/pty/mariadb-history.json\`; the 12.3 client is assumed to do the same); Oracle's
  from mysql/mysql-server \`client/mysql.cc\` (MySQL 8) and its bundled editline, not run: it also
  keeps a bare \`exit\` or \`quit\` (MariaDB's does not) and leaves out what matches
  \`*IDENTIFIED*\`, \`*PASSWORD*\` (either case) and the \`--histignore\`/\`$MYSQL_HISTIGNORE\`
  patterns. MariaDB's client since 11 has its own names (MDEV-26548): \`$MARIADB_HISTFILE\`, else
  \`~/.mariadb_history\`, or \`~/.mysql_history\` where only that one exists (the stand-in writes
  these two); but builds of mid-2026 write \`~/.mariadb_histor\` (MDEV-40313, seen in 11.8.8, fixed
  in 11.4.13 and 11.8.9) and whether 12.3.2 (May 2026) has the fault is not known, so a new file's
  name in HOME is refused by name at the end of the session (nothing where HOME cannot be written),
  as are \`$MYSQL_HISTFILE\` there, an existing \`~/.mariadb_history\` and links. Refused by name
  also: a tab typed at the prompt (editline completes names there), a
  character other than ASCII where the client's locale is not UTF-8 (the mysql images set no
  LANG: editline drops it from the line), the joined entry of a statement over several lines
  with a \`/* comment */\`, \`-q\` and \`-v\` at the prompt, a history file the client would
  re-encode or that is a directory. The stand-in's client connects only as root or mysql (it
  reads the server's files itself), so another \`docker exec -u\` user is not simulated there.
- **mysql's and MariaDB's interactive clients** (\`docker exec -it db mysql -uroot -psecret\` on the mysql images):
  the stand-in shows what Oracle's client prints on a terminal, taken from the source
  (mysql/mysql-server \`client/mysql.cc\` of MySQL 8: the banner, \`mysql> \` and the continuation
  prompts \`    -> \`, \`    '> \`, \`    "> \`, the summary after each statement, \`Database changed\`
  and the completion notice of a database with tables, \`Bye\`; \`include/welcome_copyright_notice.h\`):
  the oracle has no network and no MySQL, so no real session was recorded. What cannot be
  known from the source varies by run: the time after each statement (the stand-in prints 0.00;
  a page keeps its own, src/pages/varying.ts) and the connection ID (the stand-in counts its
  client connections since the server started, from 8, the first a MySQL 8 server gives in
  public transcripts; health checks and \`mysqladmin\` are not counted; a page keeps its own). The
  copyright year is the release's year (8.0.32: 2023, 9.2.0: 2025, 8.4.11 and 26.7.0: 2026, from
  the images' build dates). The client's bell before an error and its bold info lines (curses
  controls) are not written: a page does not show them. MariaDB's client (\`docker exec -it db
  mariadb ...\` on the mariadb images) shows the same with its own banner, \`MariaDB [(none)]> \` and
  times to the millisecond (\`(0.001 sec)\`), recorded with Debian 12's MariaDB 10.11 client on a
  pseudo-terminal (\`test/pages/pty/mariadb-*.json\`); the 12.3 banner's server version
  (\`12.3.2-MariaDB-ubu2404 mariadb.org binary distribution\`) and its GitHub line (\`Help others
  discover MariaDB. Star it on GitHub: ...\`, MDEV-38328) are taken from a public transcript of the
  12.3.1 image, not recorded (no 12.3 client or source was at hand); its first connection ID is 3.
  \`-p\` without a password (both clients) asks \`Enter password: \` (libmysql get_tty_password:
  getpass, recorded with the 10.11 client): on a terminal a page cannot show what was typed, so
  strata takes a page line of the prompt alone as the account's password typed and Enter, and the
  prompt followed on its line by \`ERROR 1045 ... (using password: NO)\` as Ctrl-D; without a
  terminal (\`docker exec\` without \`-t\`) the prompt goes to stderr and an empty stdin is an empty
  password; a password piped in is refused (getpass swallows the statements after it). Ctrl-D at
  an empty prompt (or continuation prompt) shows \`^D\` (editline writes it: NetBSD libedit
  emacs.c em_delete_or_list) and then \`Bye\`, status 0 (recorded with the 10.11 client, taken as
  the same for Oracle's, whose bundled editline has that code). Refused by
  name: the client's own commands other than \`exit\`, \`quit\`, \`\\q\` and \`use\`
  (\`help\`, \`status\`, \`source\`, \`\\G\`, ...), \`CREATE DATABASE IF NOT EXISTS\` of an existing one
  and \`CREATE USER IF NOT EXISTS\`/\`DROP USER IF EXISTS\` that change nothing (their summaries were
  not found in the source), ALTER TABLE, and the system schemas after \`USE\`.
- **TERM:** a process with a terminal (\`docker run -t\`, \`docker exec -t\`) gets \`TERM=xterm\` from
  the daemon unless the container's or the exec's environment sets TERM (moby's
  CreateDaemonEnvironment; recorded: \`exec/tty-term-env\`); \`docker inspect\` does not show it.
- **\`docker build\` without a terminal** (26.1, without \`-q\`): buildx prints BuildKit's plain
  progress on stderr (\`#1 [internal] load build definition from Dockerfile\`, each step's \`DONE
  0.3s\`), which strata does not write: refused by name where it would be the scenario's output;
  sent to \`/dev/null\` or a file it is nothing, and into a pipe strata writes nothing either (a
  real pipe gets the progress lines).
- **\`docker build\` on a terminal** (26.1, without \`-q\`): buildx shows BuildKit's tty display on
  stderr; a page shows its last frame (\`[+] Building 0.6s (8/8) FINISHED ... docker:default\`, a
  line per step and transfer, the durations right-aligned at 80 columns), then a failed RUN's
  output and buildx's error (src/image/build/progress.ts, test/pages/pty/buildkit-*.json). The
  durations, the fresh image's ID (\`writing image sha256:\` and 45 digits) and where the
  context's transfer starts beside a RUN vary from run to run (and with them where a long step
  name is cut: its last two characters are not compared): a page matches them loosely and
  \`--update\` keeps the page's own (src/pages/timings.ts); strata writes fixed durations. The
  transfer sizes are BuildKit's count of the packets it received, which hold each file's uid and
  gid: the oracle's files are root's (0, not written); by the same count a normal user's (1000)
  add 6 bytes a file (\`transferring context: 42B\` would be 48B: not recorded). The terminal is 80 columns wide everywhere (a wider
  one cuts fewer names). Several stages (test/pages/pty/buildkit-ms-*.json): each step is named
  after its stage (\`[build 2/2]\`, \`[stage-1 3/3]\`) once the Dockerfile has several, even for a
  \`--target\` of one; the stages' common FROM is one line, named after one of them (which varies
  from run to run: a page may name any); steps are listed as they start, stages that do not read
  each other side by side, so a page's order matches when the build can show it (a step after the
  step before it in its stage and the stages it copies from; src/pages/build-order.ts) and
  \`--update\` keeps it; stages from different images show a \`load metadata\` line and a FROM
  each, in an order that varies (a page may have either). \`FROM scratch\` shows no \`load
  metadata\` line and no FROM line, and its steps are counted without it (\`[1/1] COPY ...\`,
  test/pages/pty/buildkit-pb-scratch*.json). \`COPY --from\` an image (not a stage) adds a \`load
  metadata\` line and a FROM line for that image, named without a stage, and names every step
  after its stage, even in a Dockerfile of one (\`[stage-0 2/3] COPY --from=nginx ...\`;
  \`buildkit-pb-copy-image*.json\`). A multi-stage build whose RUN fails shows what ran beside it:
  steps that finished, steps still running \`CANCELED\`, and the steps that never started only in
  the header's count (\`(5/7)\`, no FINISHED; \`buildkit-pb-fail-*.json\`); strata's durations are
  plausible (a RUN's \`sleep\` counted), not measured, so a step that would end or start within
  0.1 s of the failure is refused by name. A stage that reads the failing one runs its own steps
  before that read beside the failure (\`buildkit-pb2-own-*.json\`). Of two stages whose RUNs
  fail, the build reports the failure that came first and cancels the other RUN
  (\`buildkit-pb2-two-fail-*.json\`): two failures within 0.1 s of each other, three failing
  stages, and a second failure other than a RUN's are refused by name. Refused by name on a
  terminal (\`-q\` or \`tty=no\` show them): the same step in two stages,
  \`FROM scratch\` without a step that makes a layer, a base image the build pulls, a context from stdin (a tar, or \`-f -\`
  with a directory; a Dockerfile alone from stdin is shown), here-documents,
  \`RUN --mount\`, ADD of a URL, a COPY source that is a pattern or quoted, a
  step name with a \`\${...}\` modifier, a base image's ONBUILD triggers, and failures other
  than a RUN's or the Dockerfile's parse. A page's build cache starts empty, as the recorder's
  (it prunes it): the first build's \`FROM\` is not \`CACHED\`; a build whose RUN failed keeps the
  steps it finished, \`CACHED\` in the next build. The 20.10 legacy builder prints on a terminal
  what it prints without one (\`legacy-build-t-app.json\`).
- **\`docker exec -d\`** runs the process in the background of the container: the CLI prints nothing,
  the output goes nowhere (not in \`docker logs\`), and what it writes to files stays. Without \`-t\`
  its stdin is empty (\`cat\`, \`sh\` end at once, even with \`-i\`); with \`-t\` it is a terminal nobody
  writes to, where they wait. One that waits (\`sleep N\` ends N seconds later on strata's clock, a
  script's loop goes on sleep after sleep) is in \`ExecIDs\` and \`docker top\` until it ends or the main
  process ends (\`docker stop\`, or the main process exiting, kills it, as it kills a foreground
  exec: 137). A failing start is the daemon's error, exit 1 (\`exec/exec-detached*\`). An exec's
  \`kill 1\` signals the main process from inside: SIGKILL and SIGSTOP never reach it, others only
  through a handler (\`exec/exec-main-exiting\`).
- **\`ps\`** in a busybox container is busybox 1.35's as Debian's busybox-static builds it (the
  oracle's base image): \`PID   USER     COMMAND\`, the rows from strata's table of the container's
  processes, \`-o\` columns (\`shell/ps-busybox\`, both engines). The busybox images of a normal
  install print a TIME column after USER (\`PID   USER     TIME  COMMAND\`):
  Docker Hub's busybox and alpine's are built with FEATURE_PS_TIME, whose default columns are
  \`pid,user,time,args\` (busybox \`procps/ps.c\`, DEFAULT_O_STR), and know \`-o time\` and
  \`-o etime\`; strata prints the oracle's columns, and refuses by name what it cannot give: ps
  started by a shell (\`sh -c 'ps'\`, \`ps | grep\`: the line busybox's shell gives the process it
  runs ps in reads \`{ps} sh -c ...\` there), a container whose other processes are scripts or their
  children, \`-o vsz,rss,stat,tty,sid,pgid\`, a column's own header (\`-o pid=ID\`), and ps on a
  terminal. A \`docker exec\`'s PID is strata's count (7, 13, ...: test/container/pids.test.ts), where
  the real one varies from run to run. procps' \`ps\` (the images built on Ubuntu, buildpack-deps'
  python and node, postgres) is refused by name.

## Stored and shown, not enforced

- **Restart policies** (\`--restart\` of \`docker run\`/\`create\` and \`docker update\`, whose other flags,
  the resource limits, are refused) are validated, stored (\`HostConfig.RestartPolicy\`), survive
  \`docker stop\`/\`start\`/\`restart\`, and conflict with \`--rm\`. A real daemon restarts a container whose
  main process ends as its policy says, again and again, with a back-off delay (100 ms doubled up to
  a minute), so what such a container shows (\`Restarting (1) ...\` or \`Up ...\`, \`RestartCount\`,
  how often its log repeats a run's output, the exit code a \`docker stop\` leaves) depends on the
  machine's speed: two engines counted 5 and 4 runs after the same commands. strata keeps the
  container as the daemon does, whatever the moment (the command that ended the process prints what
  it prints, the name stays taken, its volumes stay in use, prunes leave it, \`docker rm -f\` and
  \`docker compose down\` remove it: \`lifecycle/restart-loop-kept\`, \`compose/restart-loop-down\`),
  and refuses by name every command that would show its state (\`strata does not simulate the daemon
  restarting NAME: ...\`: \`ps\` and \`compose ps\` listings that could hold it, \`inspect\`, \`logs\`,
  \`exec\`, \`stop\`, \`rm\` without \`-f\`, \`system df\`, a request to a port it publishes). Its
  volumes and binds: strata runs the next run once more on a copy of the state; when that run leaves
  them as it found them (the usual misconfigured server: its entrypoint makes its directories and
  exits), every run does, and they stay simulated (times aside: a file a run writes again with the
  same bytes keeps them, its mtime is the first run's); otherwise the volume, with every container
  that mounts it, or the host directory, is refused to every later reader until the volume is
  removed (src/container/restart.ts, restart-rerun.ts, unfollowed.ts). The ends the daemon does not
  act on are simulated: a zero exit under \`on-failure\`, \`docker stop\`, \`docker kill\` with SIGKILL
  or the stop signal, and \`unless-stopped\` after any \`docker kill\`
  (\`lifecycle/restart-policy-not-acted-on\`).
- **Resources** (\`-m\`, \`--memory-swap\`, \`--cpus\`, \`-c\`, \`--ulimit\`): validated like the daemon does,
  stored, never enforced (no cgroups, no OOM kill).
- **Security and namespaces** (\`--cap-add\`, \`--cap-drop\`, \`--security-opt\`, \`--pid host\`): stored
  (26.1 normalizes capability names; \`--pid host\` adds \`label=disable\`). Of the capabilities, the
  file system's checks follow CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH and FOWNER (root without
  DAC_OVERRIDE is refused what the mode bits refuse it; a user other than root gets none of them,
  even added); the others, and the rest of what processes see, are not changed.
- **\`--init\`**: the read-only bind mount of docker-init at \`/sbin/docker-init\`, its mount point in the
  writable layer (\`docker diff\`: \`A /sbin\`, \`A /sbin/docker-init\`) and the signals it forwards (a
  terminating signal the main process does not trap ends it: \`docker stop\` with SIGTERM gives 143,
  not the 137 of a PID 1 that ignores it) are simulated; the process tree itself (tini as PID 1 in
  \`ps\`) is not.
- **DNS** (\`--dns\`, \`--dns-search\`, \`--dns-option\`): stored; \`/etc/resolv.conf\` is the host's, which
  scenarios never print.
- **Log drivers**: \`json-file\`, \`local\` (both readable by \`docker logs\`) and \`none\` (\`configured logging
  driver does not support reading\`); \`--log-opt\` keys are checked per driver and \`max-size\`, \`max-file\`
  and \`compress\` values at start, by each driver's rules (local: 5 compressed files by default); no rotation.
- **\`--platform\`** is parsed like the CLI does (\`error parsing specified platform\`); every local image is
  linux/amd64, so for another platform the daemon does not use it (\`--pull never\`: \`image with
  reference busybox was found but does not match the specified platform: wanted linux/arm64, actual:
  linux/amd64\`, recorded on both engines) and by default the CLI pulls (\`Unable to find image
  'busybox:latest' locally\`): what follows is strata's registry simulation, not an image of that
  platform.
- **Networks** are bookkeeping: names, IDs, subnets, addresses, aliases, published ports and their
  conflicts. Nothing is reachable but the nginx and httpd stand-ins' servers, from the host through their
  published ports and from inside their own containers (curl and wget, below): no other packets, no
  DNS answers between containers.

## Inspect, templates, docker cp, tmpfs and groups: where the engines differ

Recorded on both engines (\`test/recorded/docker-*/inspect/\`, \`cp/\`, \`mounts/tmpfs-*\`, \`users/\`,
\`sizes/system-df-verbose\`). The 26.1 column is the 26.1 daemon with the 28.2.2 CLI.

| what | 20.10 | 26.1 | rule (source) |
| --- | --- | --- | --- |
| \`docker inspect --type bogus X\` | \`"bogus" is not a valid value for --type\` | \`unknown type: "bogus": must be one of "config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume"\` | docker/cli \`cli/command/system/inspect.go\` runInspect |
| \`docker inspect --type '' X\` | no type (looks everywhere) | \`type is empty: must be one of ...\` | the same file, 28.2 checks \`Flags().Changed("type")\` |
| \`--type config\` | not a valid value | the swarm error (\`This node is not a swarm manager. ...\`), like \`node\`, \`service\`, \`task\`, \`secret\` on both | inspectAll: swarm objects need a manager |
| \`--type plugin X\` | \`[]\` then \`Error: No such plugin: X\` | \`[]\` then \`Error response from daemon: plugin "X" not found\` | the client's not-found wording |
| template errors of \`docker volume inspect\` (no raw JSON to fall back to) | \`can't evaluate field Nope in type types.Volume\` | \`... in type volume.Volume\` | docker/cli \`cli/command/volume/inspect.go\`; the others fall back to the raw JSON with \`missingkey=error\` (\`cli/command/inspect/inspector.go\`), same on both |
| \`docker cp FILE C:/path\` onto a single-file bind | \`Error response from daemon: Error processing tar file(exit status 1): unlinkat /path: device or resource busy\` | \`Error response from daemon: unlinkat /path: device or resource busy\` | moby \`pkg/chrootarchive\`: 20.10 unpacks in a re-executed \`docker-untar\` |
| \`docker cp\` into a missing directory under a tmpfs | \`Error: No such container:path: C:/t/nod\` | \`Error response from daemon: Could not find the file /t/nod in container C\` | the 20.10 client rewrites the archive endpoint's 404 |
| \`docker cp -a\` (refused by strata) | the container's user is looked up in the daemon host's passwd, then with \`getent\`: \`getent unable to find entry "2000:3000" in passwd database\` | \`unable to find getent command: exec: "getent": executable file not found in $PATH\` | moby \`daemon/archive_tarcopyoptions_unix.go\` (idtools.LookupUser): depends on the daemon's machine |
| \`docker system df -v\` volume rows | in the daemon's order (here \`dfvol\` before \`dfidle\`) | another order | the daemon lists a map; recorded cases filter or sort |
| \`docker export\`, \`docker cp C:path -\`: the tar headers' owner names | looked up in the container's own \`/etc/passwd\` and \`/etc/group\` (the archive is made chrooted into its root): \`tar -tv\` shows \`root/root\`, \`sync/tty\` in alpine; ids 0 and 65534 the files do not name are still \`root\`, \`nobody\` and \`nogroup\` (the daemon host's nss-systemd records; \`cp/pci-export-names2\`) | none: \`0/0\`, \`5/5\` | moby \`pkg/chrootarchive\` Tar and archive/tar's FileInfoHeader lookups; from 23.0 \`FileInfoHeaderNoLookups\` (\`shell/symlink-times\`) |
| \`docker export\`, \`docker cp C:path -\`: the tar headers' mode field | the file type bits too (\`0100600\`: \`archive.FileInfoHeader\`'s \`fillGo18FileTypeBits\`) | the permission bits only (\`0000600\`) | moby \`pkg/archive/archive.go\`; recorded \`archive/backup-docker-cp-pgdata\` |
| a health check while \`starting\` within its start period | every \`--health-interval\` | every \`--health-start-interval\`, whose default is the interval (27.0 made it 5 s) | moby \`daemon/health.go\` monitor, getInterval (v26.1.5) |
| a health check that times out | \`Output\` \`Health check exceeded timeout (1s)\` | \`Health check exceeded timeout (1s): \` and what it printed (\`health/probe-fails\`) | \`daemon/health.go\`: 20.10 monitor's context, 26.1 cmdProbe.run |
| \`docker save\` | the legacy layout: \`<layer>/VERSION\`, \`<layer>/json\`, \`<layer>/layer.tar\`, \`<image>.json\`, \`manifest.json\`, \`repositories\`, owners \`root/root\`; a layer's tar names its files' owners as the daemon's host does (\`daemon/bin\`, \`nobody/nogroup\`); every member's time is the image's created time or the epoch, so the same save twice is the same archive | an OCI layout (\`blobs/sha256/...\`, \`index.json\`, \`oci-layout\`) plus \`manifest.json\` (with \`LayerSources\`) and \`repositories\`, owners \`0/0\`; a layer's tar by number (\`1/2\`); \`index.json\` and \`blobs/sha256/\` have the save's time, so the same save twice differs (\`loadkeep-roundtrip\`, \`loadkeep-import\`) | moby \`image/tarexport/save.go\` (each layer's v1 JSON, a blob on 26.1, is the same on both: \`savev1-layer-json\`; owners: \`savev1-layer-owners\`); \`docker load\` of a non-tar or a cut archive or gzip stream: 20.10 \`Error processing tar file(exit status 1): unexpected EOF\` (\`archive/tar: invalid tar header\` for 512 bytes or more that are no tar), 26.1 the same without the prefix; a gzip stream whose trailer (CRC) is wrong: 20.10 \`Error processing tar file(gzip: invalid checksum): \`, 26.1 loads it; corrupt deflate data: 20.10 \`unexpected EOF\`, on 26.1 refused (Go's \`flate: corrupt input before offset N\`) (\`load-corrupt\`) |

Same on both: a path under a tmpfs is invisible to \`docker cp\` (it reads and writes the writable
layer beneath the mount, listed by \`docker diff\`); \`docker cp\` from the host keeps the host file's
uid:gid; a bad tmpfs \`size=\`/\`mode=\` value passes create and fails the start in runc
(\`flags: 0xe, data: size=abc: invalid argument\`), the container stays \`Created\`; tmpfs is
\`noexec\` unless \`exec\` is given (execve is \`Permission denied\`, 126); \`--group-add\` names are
looked up in the container's \`/etc/group\` at start (\`Unable to find group X: no matching entries in group file\`); \`docker load\` decompresses first (gzip, bzip2, xz: a \`docker save | gzip\` backup loads as it is).

## Health checks on strata's clock

A container with a probe (an image's \`HEALTHCHECK\`, \`docker run --health-*\`, compose's
\`healthcheck:\`) is checked as moby's monitor checks it (\`daemon/health.go\`): each check is an exec
of the test in the container (\`CMD-SHELL\` through \`/bin/sh -c\`, as the container's user, in its
working directory, with its environment), so it sees and changes the container's files; it is
\`starting\`, then \`healthy\` after a check exits 0 or \`unhealthy\` after \`--health-retries\` failures
in a row (failures while starting within the start period do not count); the log keeps the last 5
results (output cut at 4096 bytes); a stop or a pause leaves it \`unhealthy\` with its log, a start
makes it \`starting\` again (\`health/probe-runs\`, \`health/probe-fails\`). \`docker ps\` shows
\`(healthy)\`/\`(unhealthy)\`/\`(health: starting)\` and filters on it, \`docker inspect\` shows
\`.State.Health\`, and compose waits for a \`service_healthy\` dependency (\`health/compose-healthy\`).

What strata cannot time as a real engine does: its clock moves one second per command, and a
command that sleeps on the host (\`sleep 3\`) lasts as long as it sleeps; a check due at a time runs
after the commands at that time, and takes no time but what it sleeps (a real exec takes 50 to
300 ms, so a real engine fits fewer checks in the same time: count them with \`ge\`, not \`eq\`). A
\`sleep\` in \`docker exec\` or a foreground \`docker run\` moves the clock as a host \`sleep\` does;
the grace period of a \`docker stop\` does only for a container that sleeps on strata's clock. A check under way when a container is
killed may be logged as a failure on a real engine (26.1 showed a streak of 1 once). Timestamps
(\`Start\`, \`End\`) come from strata's clock. No \`health_status\` or \`exec_*\` events are kept.

## \`docker info\`: the storage model's part of the daemon's report

\`docker info\` (\`docker system info\`) with \`--format\`: the storage model's fields of the daemon's
report are simulated, \`{{.Driver}}\` (\`overlay2\`), \`{{.DockerRootDir}}\` (\`/var/lib/docker\`),
\`{{.Containers}}\`, \`{{.ContainersRunning}}\`, \`{{.ContainersPaused}}\`, \`{{.ContainersStopped}}\` (created and
exited ones) and \`{{.Images}}\` (every image in the store, the legacy builder's intermediate images
included), with the CLI's template errors (\`system.info\` on 20.10, \`system.dockerInfo\` on 28.2) and
the newline it prints after a failed template (recorded: \`system/info-format\`). The other fields
(kernel, CPUs, memory, plugins, versions, swarm) are the host's: a template that reads one is refused
by name, and so is \`docker info\` without \`--format\`, which prints them all
(src/docker/commands/system/info.ts, src/daemon/info.ts).

## Still refused, and why

- \`docker cp -a\`: the daemon resolves the container's user in its own host's passwd database
  (and with the host's \`getent\`), so the outcome depends on the machine the daemon runs on.
- \`--privileged\`: a privileged container sees the host's devices in \`/dev\`, gets a writable \`/sys\` and
  may mount file systems; all three change what the storage model shows, and the host's devices
  are machine-specific.
- Health checks strata cannot time: a container checked more than 1000 times while the clock moves
  once (a 1 ms interval over a \`sleep 2\`) is followed no further (what would show it, or what it
  can write, is refused until \`docker rm -f\`), and a test that names no command
  (\`["CMD"]\`) is refused when its check falls due.
- The other log drivers (\`syslog\`, \`journald\`, \`gelf\`, \`fluentd\`, ...): they need a service on the host.
- \`--security-opt seccomp=FILE\` (a profile file read by the CLI) and security options other than
  \`no-new-privileges\`, \`seccomp=unconfined\`, \`apparmor=\`, \`label=\` and \`systempaths=unconfined\`.
- Several \`--network\` values or the advanced \`--network name=...,alias=...\` syntax at create (connect
  more networks with \`docker network connect\`).
- \`docker network create\` with IPv6, \`--ip-range\`, \`--aux-address\`, another IPAM driver, several
  subnets, configuration-only networks and swarm options, and the \`macvlan\` and \`ipvlan\` drivers
  (they attach to a host interface; the oracle's \`operation not supported\` is its sandbox). \`overlay\`
  fails as the daemon does (not a swarm manager), \`host\` and \`null\` too (only one instance), and
  unknown drivers (plugin not found).
- \`docker network connect\` with \`--ip6\`, \`--link\`, \`--link-local-ip\`, \`--driver-opt\`, \`--gw-priority\`.
`;
