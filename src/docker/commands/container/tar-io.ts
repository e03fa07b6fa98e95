// Walking a file system into tar entries and writing entries back, with docker cp's naming
// rules: copying X to an existing directory puts it inside; to a missing path renames it.

import type { Vfs } from '../../../fs/vfs.ts';
import type { TarEntry } from '../../../archive/tar.ts';

export function collectEntries(fs: Vfs, path: string, name: string): TarEntry[] {
  const st = fs.lstat(path);
  const base = { mode: st.mode, uid: st.uid, gid: st.gid, mtime: st.mtime };
  if (st.kind === 'dir') {
    const out: TarEntry[] = [{ ...base, name, type: 'dir' }];
    for (const child of fs.readdir(path).sort()) out.push(...collectEntries(fs, `${path === '/' ? '' : path}/${child}`, `${name}/${child}`));
    return out;
  }
  if (st.kind === 'symlink') return [{ ...base, name, type: 'symlink', linkname: st.target ?? '' }];
  return [{ ...base, name, type: 'file', data: fs.readFile(path) }];
}

export function writeEntries(fs: Vfs, entries: TarEntry[], target: string, name: string): void {
  const targetIsDir = fs.exists(target) && fs.stat(target).kind === 'dir';
  const root = entries[0];
  // Where entry `name/...` lands.
  const place = (entryName: string): string => {
    const clean = entryName.replace(/\/$/, '');
    if (name === '') return `${target}/${clean}`;
    const rest = clean === name ? '' : clean.slice(name.length);
    if (targetIsDir && !(root?.type !== 'dir' && false)) return `${target}/${name}${rest}`;
    return `${target}${rest}`;
  };
  for (const e of entries) {
    const to = place(e.name).replace(/\/+/g, '/');
    if (e.type === 'dir') {
      if (!fs.exists(to)) fs.mkdir(to, e.mode);
      fs.chmod(to, e.mode);
    } else if (e.type === 'symlink') {
      if (!fs.exists(to)) fs.symlink(e.linkname ?? '', to);
    } else {
      fs.writeFile(to, e.data ?? '');
      fs.chmod(to, e.mode);
    }
    fs.chown(to, e.uid, e.gid, true);
  }
}
