// The daemon's data root: where a normal install keeps layers, volumes and containers' files,
// and so the prefix of every host path the daemon prints (Mountpoint, GraphDriver dirs, the
// ResolvConfPath family, build errors that name a layer's merged directory).
//
// moby cmd/dockerd/config_unix.go: `defaultDataRoot = "/var/lib/docker"` (dockerd --data-root).
// A recording made with another data root is normalised to this one (src/scenario/normalize.ts).
export const DATA_ROOT = '/var/lib/docker';
