// `docker inspect` of a container: the daemon's ContainerJSON, fields in Go struct order,
// as GoValues for templates and JSON (see ../format/value.ts).

import type { Container, EngineState, MountPoint } from '../../engine/state.ts';
import { NIL_MAP, NIL_SLICE, type GoValue } from '../format/value.ts';
import { rfc3339 } from './time.ts';
import { treeSize } from '../../fs/node.ts';
import { imageSize } from '../../image/store.ts';
import { apiJson } from '../format/json.ts';
import { DATA_ROOT } from '../../container/runtime-fs.ts';

function goMap(rec: Record<string, unknown> | null, value: (v: unknown) => GoValue = (v) => v as GoValue): GoValue {
  if (rec === null) return NIL_MAP;
  return new Map(Object.entries(rec).map(([k, v]) => [k, value(v)]));
}

export function mountView(m: MountPoint, st: EngineState): GoValue {
  if (m.type === 'volume') {
    return {
      Type: 'volume',
      Name: m.source,
      Source: `${DATA_ROOT}/volumes/${m.source}/_data`,
      Destination: m.destination,
      Driver: st.volumes[m.source]?.driver ?? 'local',
      Mode: m.mode,
      RW: m.rw,
      Propagation: m.propagation,
    };
  }
  // Go's MountPoint has Name and Driver with omitempty: templates see "", JSON leaves them out.
  const view = { Type: m.type, Name: '', Source: m.source, Destination: m.destination, Driver: '', Mode: m.mode, RW: m.rw, Propagation: m.propagation };
  const json = { Type: m.type, Source: m.source, Destination: m.destination, Mode: m.mode, RW: m.rw, Propagation: m.propagation };
  Object.defineProperty(view, 'MarshalJSON', { value: () => apiJson(json), enumerable: false });
  return view;
}

/** Bytes of a container's own changes (SizeRw) and with its image (SizeRootFs). */
export function containerSizes(st: EngineState, c: Container): { rw: number; rootFs: number } {
  const rw = treeSize(c.upper);
  return { rw, rootFs: rw + imageSize(st, st.images[c.imageId]) };
}

export function inspectContainer(st: EngineState, c: Container, withSize = false): GoValue {
  const running = c.state.status === 'running';
  const sizes = withSize ? containerSizes(st, c) : undefined;
  return {
    Id: c.id,
    Created: rfc3339(c.created, true),
    Path: c.path,
    Args: c.args,
    State: {
      Status: c.state.paused ? 'paused' : c.state.status,
      Running: running,
      Paused: c.state.paused === true,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: running ? 1000 : 0,
      ExitCode: c.state.exitCode,
      Error: c.state.error,
      StartedAt: c.state.startedAt ? rfc3339(c.state.startedAt, true) : '0001-01-01T00:00:00Z',
      FinishedAt: c.state.finishedAt ? rfc3339(c.state.finishedAt, true) : '0001-01-01T00:00:00Z',
    },
    Image: `sha256:${c.imageId}`,
    ResolvConfPath: `${DATA_ROOT}/containers/${c.id}/resolv.conf`,
    HostnamePath: `${DATA_ROOT}/containers/${c.id}/hostname`,
    HostsPath: `${DATA_ROOT}/containers/${c.id}/hosts`,
    LogPath: `${DATA_ROOT}/containers/${c.id}/${c.id}-json.log`,
    Name: '/' + c.name,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    HostConfig: {
      Binds: c.hostConfig.Binds ?? NIL_SLICE,
      AutoRemove: c.hostConfig.AutoRemove,
      VolumesFrom: c.hostConfig.VolumesFrom ?? NIL_SLICE,
      ReadonlyRootfs: c.hostConfig.ReadonlyRootfs,
      Tmpfs: goMap(c.hostConfig.Tmpfs),
      Mounts: c.hostConfig.Mounts
        ? c.hostConfig.Mounts.map((m) => ({
            Type: m.Type,
            Source: m.Source || undefined,
            Target: m.Target,
            ReadOnly: m.ReadOnly || undefined,
            VolumeOptions: m.VolumeOptions
              ? {
                  NoCopy: m.VolumeOptions.NoCopy || undefined,
                  Labels: m.VolumeOptions.Labels ? new Map(Object.entries(m.VolumeOptions.Labels)) : undefined,
                  Subpath: m.VolumeOptions.Subpath,
                  DriverConfig: m.VolumeOptions.DriverConfig
                    ? {
                        Name: m.VolumeOptions.DriverConfig.Name,
                        Options: m.VolumeOptions.DriverConfig.Options ? new Map(Object.entries(m.VolumeOptions.DriverConfig.Options)) : undefined,
                      }
                    : undefined,
                }
              : undefined,
            TmpfsOptions: m.TmpfsOptions ? { SizeBytes: m.TmpfsOptions.SizeBytes, Mode: m.TmpfsOptions.Mode } : undefined,
          }))
        : undefined,
    },
    GraphDriver: {
      Data: new Map([
        ['MergedDir', `${DATA_ROOT}/overlay2/${c.layerId}/merged`],
        ['UpperDir', `${DATA_ROOT}/overlay2/${c.layerId}/diff`],
        ['WorkDir', `${DATA_ROOT}/overlay2/${c.layerId}/work`],
      ]),
      Name: 'overlay2',
    },
    // Go field order: after GraphDriver; present only with --size.
    SizeRw: sizes?.rw,
    SizeRootFs: sizes?.rootFs,
    Mounts: c.mounts.filter((m) => m.origin !== 'tmpfs-flag').map((m) => mountView(m, st)),
    Config: {
      Hostname: c.config.Hostname,
      Domainname: '',
      User: c.config.User,
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
      Tty: c.config.Tty,
      OpenStdin: c.config.OpenStdin,
      StdinOnce: false,
      Env: c.config.Env,
      Cmd: c.config.Cmd ?? NIL_SLICE,
      Image: c.config.Image,
      Volumes: c.config.Volumes ? new Map(Object.keys(c.config.Volumes).map((k) => [k, {}])) : NIL_MAP,
      WorkingDir: c.config.WorkingDir,
      Entrypoint: c.config.Entrypoint ?? NIL_SLICE,
      OnBuild: NIL_SLICE,
      Labels: goMap(c.config.Labels),
      StopSignal: c.config.StopSignal,
    },
  };
}
