// A local volume with `--opt type=none --opt o=bind --opt device=DIR` is the host directory DIR:
// the local driver bind-mounts DIR on the volume's _data when a container needs it (moby
// volume/local/local_unix.go mount: mount.Mount(device, path, type, opts), with `bind` giving
// MS_BIND), so copy-on-mount and every write land in DIR, and `docker volume rm` leaves DIR as it
// is (host-mounts/local-bind-volume). A DIR that is missing fails the mount at start.

import type { DirNode } from '../fs/node.ts';
import { FsError } from '../fs/errors.ts';
import { memoryFs } from '../fs/memory.ts';
import { nodeAt } from '../fs/locate.ts';
import type { EngineState, Volume } from '../engine/state.ts';

const DATA_ROOT = '/var/lib/docker';

export function isBindVolume(v: Volume): boolean {
  return v.options?.type === 'none' && (v.options.o ?? '').split(',').some((o) => o === 'bind' || o === 'rbind');
}

/**
 * The directory a volume's content lives in: its own `_data`, or the host directory of a bind
 * volume (symlinks followed, as mount(2) does); for a bind volume whose device is not there,
 * the daemon's error for the failed mount.
 */
export function volumeRoot(st: EngineState, v: Volume, readOnly = false): { ok: true; dir: DirNode } | { ok: false; error: string } {
  if (!isBindVolume(v)) return { ok: true, dir: v.data };
  const device = v.options?.device ?? '';
  const data = `${DATA_ROOT}/volumes/${v.name}/_data`;
  // MS_BIND, and MS_REC for rbind (local_unix.go's mount options, as runc's mount flags print)
  const flags = (v.options?.o ?? '').split(',').includes('rbind') ? '0x5000' : '0x1000';
  const fail = (why: string) => ({ ok: false as const, error: `error while mounting volume '${data}': failed to mount local volume: mount ${device}:${data}, flags: ${flags}: ${why}` });
  let real: string;
  try {
    real = memoryFs(st.host).realpath(device);
  } catch (e) {
    if (e instanceof FsError) return fail('no such file or directory');
    throw e;
  }
  // `readOnly`: only to read it (fs/locate.ts nodeAt: no drafts made on the way)
  const node = nodeAt(st.host, real, readOnly);
  if (node === undefined) return fail('no such file or directory');
  if (node.kind !== 'dir') return fail('not a directory');
  return { ok: true, dir: node };
}
