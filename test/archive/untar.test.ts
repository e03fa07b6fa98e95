// archive.Untar's breakout checks (moby pkg/archive/archive.go createTarFile): a symlink whose
// target, joined to its directory, does not start with the extraction directory fails the
// extraction, as a plain string prefix; entries before it stay. Recorded end to end:
// test/recorded/docker-*/cp/pci-cp-breakout.scenario.

import { describe, expect, it } from 'vitest';
import { memoryFs } from '../../src/fs/memory.ts';
import { dir } from '../../src/fs/node.ts';
import { ExtractError, extractEntries } from '../../src/archive/untar.ts';
import type { TarEntry } from '../../src/archive/tar.ts';

const base = { mode: 0o644, uid: 0, gid: 0, mtime: 0 };
const link = (name: string, linkname: string): TarEntry => ({ ...base, name, type: 'symlink', linkname, mode: 0o777 });
const file = (name: string): TarEntry => ({ ...base, name, type: 'file', data: 'x' });

function fresh() {
  const fs = memoryFs(dir());
  fs.mkdir('/w', 0o755);
  return fs;
}

describe('extractEntries breakout checks', () => {
  it('refuses a relative symlink that leaves the destination, naming the link and its target', () => {
    const fs = fresh();
    expect(() => extractEntries(fs, '/w', [file('a'), link('up', '../x')], { chown: false })).toThrow(new ExtractError('invalid symlink "/w/up" -> "../x"'));
    // what came before the link is extracted, the link is not
    expect(fs.exists('/w/a')).toBe(true);
    expect(fs.exists('/w/up')).toBe(false);
  });

  it('accepts links that stay inside, absolute links, and anything under /', () => {
    const fs = fresh();
    extractEntries(fs, '/w', [{ ...base, name: 'd', type: 'dir', mode: 0o755 }, link('d/up', '../a'), link('abs', '/etc/x')], { chown: false });
    expect(fs.lstat('/w/d/up').target).toBe('../a');
    expect(fs.lstat('/w/abs').target).toBe('/etc/x');
    extractEntries(fs, '/', [link('top', '../../x')], { chown: false });
    expect(fs.lstat('/top').target).toBe('../../x');
  });

  it('compares as a string prefix, as strings.HasPrefix does: /wx passes for /w', () => {
    const fs = fresh();
    extractEntries(fs, '/w', [link('sib', '../wx/f')], { chown: false });
    expect(fs.lstat('/w/sib').target).toBe('../wx/f');
  });

  it('refuses a hard link whose target leaves the destination', () => {
    const fs = fresh();
    expect(() => extractEntries(fs, '/w', [{ ...base, name: 'h', type: 'hardlink', linkname: '../etc/passwd' }], { chown: false })).toThrow(
      new ExtractError('invalid hardlink "/etc/passwd" -> "../etc/passwd"'),
    );
  });

  it('refuses a member whose name leaves the destination, after making its parent', () => {
    const fs = fresh();
    expect(() => extractEntries(fs, '/w', [file('a/../../x')], { chown: false })).toThrow(new ExtractError('"../x" is outside of "/w"'));
    expect(fs.exists('/x')).toBe(false);
    expect(() => extractEntries(fs, '/w', [file('../new/x')], { chown: false })).toThrow(new ExtractError('"../new/x" is outside of "/w"'));
    expect(fs.stat('/new').kind).toBe('dir');
    // under / the same name stays inside
    extractEntries(fs, '/', [file('../y')], { chown: false });
    expect(fs.exists('/y')).toBe(true);
  });
});
