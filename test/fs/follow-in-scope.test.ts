// followInScope: a destination resolved as the classic builder resolves a COPY/ADD destination in
// the image root (moby pkg/symlink FollowSymlinkInScope, through containerfs
// ResolveScopedPath(path, true) in builder/dockerfile/copy.go): every symlink on the way is
// followed, the last component's too; an absolute target starts again at the root; `..` never
// climbs above the root; a part that does not exist is kept as written, so a dangling link's
// target is where the copy lands (recorded: builds/copy-dest-symlinks, where `COPY conf /dang/`
// with /dang -> /opt/missing made /opt/missing/a; builds/copy-dest-through-missing: `COPY conf
// /nope/../dang/` too, moby's walk going on past the missing /nope).

import { describe, expect, it } from 'vitest';
import { followInScope } from '../../src/fs/follow-in-scope.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { dir, file, symlink } from '../../src/fs/node.ts';

const image = (): ReturnType<typeof memoryFs> =>
  memoryFs(
    dir({}, {
      opt: dir({}, { real: dir({}, { f: file('x') }), rel: symlink('real'), t: file('old'), up: symlink('../../../opt/real'), abs: symlink('/opt/real') }),
      loop1: symlink('loop2'),
      loop2: symlink('/loop1'),
      app: symlink('/opt/real'),
      dang: symlink('/opt/missing'),
      tlink: symlink('/opt/t'),
      chain: symlink('app'),
      tricky: symlink('opt/./real//'),
      via: symlink('/nope/../opt/rel'),
    }),
  );

describe('followInScope (moby FollowSymlinkInScope)', () => {
  it('follows every link on the way and the last one, absolute targets from the root, relative ones from the link\'s directory', () => {
    const fs = image();
    expect(followInScope(fs, '/app')).toBe('/opt/real');
    expect(followInScope(fs, '/app/sub/x')).toBe('/opt/real/sub/x');
    expect(followInScope(fs, '/opt/rel')).toBe('/opt/real');
    expect(followInScope(fs, '/opt/rel/f')).toBe('/opt/real/f');
    expect(followInScope(fs, '/tlink')).toBe('/opt/t');
    // a link to a link, and a target written with `.` and empty parts
    expect(followInScope(fs, '/chain/f')).toBe('/opt/real/f');
    expect(followInScope(fs, '/tricky')).toBe('/opt/real');
    expect(followInScope(fs, '/opt/abs/f')).toBe('/opt/real/f');
    // what is no link is taken as it is
    expect(followInScope(fs, '/opt/real/f')).toBe('/opt/real/f');
    expect(followInScope(fs, '/')).toBe('/');
  });

  it('never climbs above the root, in the path or in a link\'s target', () => {
    const fs = image();
    expect(followInScope(fs, '/../../opt/./rel')).toBe('/opt/real');
    expect(followInScope(fs, '/opt/up/f')).toBe('/opt/real/f');
    expect(followInScope(fs, '/opt/real/../rel/..')).toBe('/opt');
  });

  it('keeps what does not exist as written, cleaned: a dangling link leads to its target', () => {
    const fs = image();
    expect(followInScope(fs, '/dang')).toBe('/opt/missing');
    expect(followInScope(fs, '/dang/sub/s')).toBe('/opt/missing/sub/s');
    expect(followInScope(fs, '/new//a/./b/')).toBe('/new/a/b');
    expect(followInScope(fs, '/new/a/../b')).toBe('/new/b');
    expect(followInScope(fs, '/new/../../c')).toBe('/c');
  });

  it('goes on walking past what is missing: a later `..` comes back to links that exist (recorded: builds/copy-dest-through-missing)', () => {
    const fs = image();
    expect(followInScope(fs, '/nope/../dang/')).toBe('/opt/missing');
    expect(followInScope(fs, '/nope/x/../../app/f')).toBe('/opt/real/f');
    expect(followInScope(fs, '/via')).toBe('/opt/real');
    expect(followInScope(fs, '/opt/t/x/../../rel')).toBe('/opt/real');
  });

  it('stops following a loop of links (moby gives up after 255 steps) and stays in the root', () => {
    expect(followInScope(image(), '/loop1/x')).toMatch(/^\//);
  });
});
