#!/bin/bash
# Ground truth for the Alpine stand-ins' /etc (scripts/catalog.ts alpineRootfsStep, catalog/alpine/etc/,
# catalog/alpine/baselayout/): every file, link and directory under etc/ of the real x86_64 minirootfs
# tarballs of alpinelinux/docker-alpine, as `tar` stores them: type, mode, numeric owner, size and the
# sha256 of a file's bytes (a link's target), one line each, sorted by path. Writes <version>.txt.
# Needs a clone of alpinelinux/docker-alpine ($1; the library's `fetch github:alpinelinux/docker-alpine`
# gives one); nothing is extracted (no root needed):
#   bash test/recorded/alpine-minirootfs-etc/record.sh /work/.mirror/alpinelinux+docker-alpine/repo
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d /tmp/alpine-etc.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
# version commit (the branch's "Update Alpine vX.Y - X.Y.Z" commit; edge: "Update Alpine edge - 20240923")
while read -r version commit; do
  tarball=$(git -C "$1" ls-tree -r --name-only "$commit" x86_64/ | grep -E '^x86_64/alpine-minirootfs-[^/]*-x86_64\.tar\.gz$')
  git -C "$1" show "$commit:$tarball" > "$WORK/rootfs.tar.gz"
  python3 - "$WORK/rootfs.tar.gz" "$version" "$commit" "$tarball" > "$HERE/$version.txt" <<'PY'
import hashlib, sys, tarfile
path, version, commit, tarball = sys.argv[1:]
print(f'# alpinelinux/docker-alpine@{commit}:{tarball}')
print('# TYPE MODE UID:GID SIZE SHA256-OR-TARGET PATH (d directory, f file, l symlink; a directory\'s size and hash are -)')
rows = []
with tarfile.open(path, 'r:gz') as t:
    for m in t.getmembers():
        name = m.name[2:] if m.name.startswith('./') else m.name
        name = name.rstrip('/')
        if name != 'etc' and not name.startswith('etc/'):
            continue
        if m.isdir():
            rows.append((name, f'd {m.mode:04o} {m.uid}:{m.gid} - - {name}'))
        elif m.issym():
            rows.append((name, f'l {m.mode:04o} {m.uid}:{m.gid} {len(m.linkname)} -> {m.linkname} {name}'))
        elif m.isfile():
            digest = hashlib.sha256(t.extractfile(m).read()).hexdigest()
            rows.append((name, f'f {m.mode:04o} {m.uid}:{m.gid} {m.size} {digest} {name}'))
        else:
            raise SystemExit(f'{name}: unexpected tar entry type {m.type!r}')
for _, row in sorted(rows):
    print(row)
PY
done <<'LIST'
3.17.10 1d3ddcf4766ef6085fe6005ce3ec8ca4e6b45ddd
3.19.4 0822e580809e816cdd92fdfc2677e71d01cba38c
3.20.3 7d63673353bd39d92ba42f6effcc199aeebd45ee
edge-20240923 446ba06f99cf635657b51b1a5a0e81a9b8073929
LIST
