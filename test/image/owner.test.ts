// Who BuildKit makes the owner of what `COPY --chown=SPEC` and a `WORKDIR` after `USER SPEC`
// create: llb.WithUser splits SPEC at its first `:` and takes `root` and numbers
// (strconv.ParseInt, so a sign is allowed) as IDs; readUser (solver/llbsolver/ops/user_linux.go)
// looks a name up in the image's /etc/passwd and a group name in /etc/group. The cases are the
// ones recorded on 26.1 (test/recorded/docker-26.1/builds/workdir-user-ids, workdir-user-lookup,
// copy-chown-forms).

import { describe, expect, it } from 'vitest';
import { buildkitOwner } from '../../src/image/build/owner.ts';
import { databaseRows } from '../../src/fs/database.ts';
import { memoryFs } from '../../src/fs/memory.ts';

function image(): ReturnType<typeof memoryFs> {
  const fs = memoryFs();
  fs.mkdir('/etc');
  // the recording's busybox rows plus its `app` (2000:3000) and `grp` (4000), and two names with digits
  fs.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\napp:x:2000:3000::/home/app:/bin/sh\nsvc2:x:70:71::/:/bin/sh\n9lives:x:80:81::/:/bin/sh\n');
  fs.writeFile('/etc/group', 'root:x:0:\nnogroup:x:65534:\ngrp:x:4000:\n');
  return fs;
}

describe('buildkitOwner', () => {
  it('a number is the uid and the gid, whatever passwd says (workdir-user-ids: USER 2000 gives 2000:2000)', () => {
    const fs = image();
    expect(buildkitOwner(fs, '2000')).toEqual({ uid: 2000, gid: 2000 });
    expect(buildkitOwner(fs, '1234')).toEqual({ uid: 1234, gid: 1234 });
    expect(buildkitOwner(fs, 'root')).toEqual({ uid: 0, gid: 0 });
    // strconv.ParseInt takes a leading sign
    expect(buildkitOwner(fs, '+7')).toEqual({ uid: 7, gid: 7 });
  });

  it('a name takes its passwd row\'s uid and gid; a name with digits is still a name; an unknown one is 0:0', () => {
    const fs = image();
    expect(buildkitOwner(fs, 'app')).toEqual({ uid: 2000, gid: 3000 });
    expect(buildkitOwner(fs, 'nobody')).toEqual({ uid: 65534, gid: 65534 });
    expect(buildkitOwner(fs, 'svc2')).toEqual({ uid: 70, gid: 71 });
    expect(buildkitOwner(fs, '9lives')).toEqual({ uid: 80, gid: 81 });
    // workdir-user-lookup: USER ghost gives 0:0, without an error
    expect(buildkitOwner(fs, 'ghost')).toEqual({ uid: 0, gid: 0 });
  });

  it('a group by number or by name replaces the gid; a group name not found leaves it', () => {
    const fs = image();
    expect(buildkitOwner(fs, 'app:grp')).toEqual({ uid: 2000, gid: 4000 });
    expect(buildkitOwner(fs, 'app:nosuchgrp')).toEqual({ uid: 2000, gid: 3000 });
    expect(buildkitOwner(fs, '2000:grp')).toEqual({ uid: 2000, gid: 4000 });
    expect(buildkitOwner(fs, 'root:grp')).toEqual({ uid: 0, gid: 4000 });
    expect(buildkitOwner(fs, 'nobody:1234')).toEqual({ uid: 65534, gid: 1234 });
    expect(buildkitOwner(fs, '0:nogroup')).toEqual({ uid: 0, gid: 65534 });
    expect(buildkitOwner(fs, '1234:root')).toEqual({ uid: 1234, gid: 0 });
    // an empty user name is found in no row: 0, then the group
    expect(buildkitOwner(fs, ':grp')).toEqual({ uid: 0, gid: 4000 });
    // only the first colon splits
    expect(buildkitOwner(fs, 'app:grp:x')).toEqual({ uid: 2000, gid: 3000 });
  });

  it('without a group, a group of the user\'s name changes nothing; `root` is 0 as a user and as a group without a database', () => {
    const fs = image();
    fs.writeFile('/etc/group', 'app:x:5000:\n');
    expect(buildkitOwner(fs, 'app')).toEqual({ uid: 2000, gid: 3000 });
    // WithUser's parseUID takes `root` as 0 before any lookup, for the group too
    const bare = memoryFs();
    expect(buildkitOwner(bare, '1234:root')).toEqual({ uid: 1234, gid: 0 });
    expect(buildkitOwner(bare, 'root:5')).toEqual({ uid: 0, gid: 5 });
  });

  it('an image without /etc/passwd or /etc/group resolves names to nothing', () => {
    const fs = memoryFs();
    expect(databaseRows(fs, '/etc/passwd')).toEqual([]);
    expect(buildkitOwner(fs, 'app:grp')).toEqual({ uid: 0, gid: 0 });
    expect(buildkitOwner(fs, '5:grp')).toEqual({ uid: 5, gid: 5 });
    expect(databaseRows(image(), '/etc/group')).toEqual([['root', 'x', '0', ''], ['nogroup', 'x', '65534', ''], ['grp', 'x', '4000', '']]);
  });
});
