// followInScope: a destination resolved as the classic builder resolves a COPY/ADD destination in
// the image root (moby pkg/symlink FollowSymlinkInScope, through containerfs
// ResolveScopedPath(path, true) in builder/dockerfile/copy.go): every symlink on the way is
// followed, the last component's too; an absolute target starts again at the root; `..` never
// climbs above the root; a part that does not exist is kept as written, so a dangling link's
// target is where the copy lands (recorded: builds/copy-dest-symlinks, where `COPY conf /dang/`
// with /dang -> /opt/missing made /opt/missing/a; builds/copy-dest-through-missing: `COPY conf
// /nope/../dang/` too, moby's walk going on past the missing /nope).

import { describe, expect, it } from 'vitest';
import { followInScope, TooManyLinks } from '../../src/fs/follow-in-scope.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { dir, file, setEntry, symlink } from '../../src/fs/node.ts';

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

  it('gives up on a loop, named by the path asked for, cleaned (recorded: fs/symlink-loop, "too many links in .../merged/self" for COPY f /self/)', () => {
    const fs = image();
    for (const count of ['steps', 'links'] as const) {
      for (const [path, named] of [['/loop1/x', '/loop1/x'], ['/loop2', '/loop2'], ['//loop1/./y/', '/loop1/y']]) {
        const e = thrown(() => followInScope(fs, path, count));
        expect(e).toBeInstanceOf(TooManyLinks);
        expect((e as TooManyLinks).path).toBe(named);
        expect((e as TooManyLinks).message).toBe(`too many links in ${named}`);
      }
    }
    const selfLoop = memoryFs(dir({}, { self: symlink('self') }));
    expect(thrown(() => followInScope(selfLoop, '/self/'))).toBeInstanceOf(TooManyLinks);
  });

  // /cN -> /c(N+1) for N = 1..256 and /c257 a directory, as recorded in fs/symlink-chain
  const chain = (last = '/c257'): ReturnType<typeof memoryFs> => {
    const root = dir({}, { c257: dir() });
    for (let n = 1; n <= 256; n++) setEntry(root, `c${n}`, symlink(n === 256 ? last : `/c${n + 1}`));
    return memoryFs(root);
  };

  it('counts as moby pkg/symlink does: every part taken off the path is a step, and 255 steps are all (legacy COPY /c131/x passes, /c130/x fails)', () => {
    const fs = chain();
    // 126 links: 2 steps each (the empty part before the target's `/`, then its name), plus
    // the path's own leading empty part, its name and `x`
    expect(followInScope(fs, '/c131/x', 'steps')).toBe('/c257/x');
    expect(thrown(() => followInScope(fs, '/c130/x', 'steps'))).toBeInstanceOf(TooManyLinks);
    // that is 255 steps; the walk stops at the 257th: the steps, not the links, count (a part
    // more; a `.` or a doubled `/` inside a link's target)
    expect(followInScope(fs, '/c131/x/y', 'steps')).toBe('/c257/x/y');
    expect(thrown(() => followInScope(fs, '/c131/x/y/z', 'steps'))).toBeInstanceOf(TooManyLinks);
    // (the path asked for is cleaned first, a link's target is not)
    expect(followInScope(fs, '/c131/./x//y', 'steps')).toBe('/c257/x/y');
    expect(thrown(() => followInScope(chain('/./c257'), '/c131/x/y', 'steps'))).toBeInstanceOf(TooManyLinks);
    expect(followInScope(chain('//c257'), '/c131/x', 'steps')).toBe('/c257/x');
    expect(thrown(() => followInScope(chain('//c257'), '/c131/x/y', 'steps'))).toBeInstanceOf(TooManyLinks);
    // a path of 255 parts and no link at all is fine; 256 are too many "links"
    const parts = (n: number): string => '/d'.repeat(n);
    expect(followInScope(fs, parts(255), 'steps')).toBe(parts(255));
    expect(thrown(() => followInScope(fs, parts(256), 'steps'))).toBeInstanceOf(TooManyLinks);
    expect(followInScope(fs, parts(256), 'links')).toBe(parts(256));
    // the default is moby's count
    expect(thrown(() => followInScope(fs, '/c130/x'))).toBeInstanceOf(TooManyLinks);
  });

  it('counts links as BuildKit (continuity) does: 255 are all (COPY /c2/x passes, /c1/x fails)', () => {
    const fs = chain();
    expect(followInScope(fs, '/c2/x', 'links')).toBe('/c257/x');
    expect(followInScope(fs, '/c130/x', 'links')).toBe('/c257/x');
    expect(thrown(() => followInScope(fs, '/c1/x', 'links'))).toBeInstanceOf(TooManyLinks);
  });
});

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}
