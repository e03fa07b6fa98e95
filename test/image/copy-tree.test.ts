// What COPY and ADD put in the layer (src/image/build/copy.ts): a directory's walk with
// .dockerignore's exceptions below an excluded directory, wildcards read from a stage, hard links
// kept as one inode (recorded: hardlinks/build-context-links), ADD's unpacking of a local tar
// (recorded: builds/add-archives), and the history line each builder writes.

import { describe, expect, it } from 'vitest';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';

const ENGINES = ['docker-20.10', 'docker-26.1'] as const;

function build(d: SimulatedDocker, lines: string[], tag = 't'): string {
  const r = d.run(`printf '${['FROM busybox', ...lines].join('\\n')}\\n' > ctx/Dockerfile && docker build -q -t ${tag} ctx`);
  expect(r.exitCode, r.output).toBe(0);
  return r.output;
}

describe('a copied directory\'s modes and owners', () => {
  // recorded: builds/copy-dir-modes (both engines), builds/copy-chmod-dirs (26.1)
  it('the destination is made 0755 (root\'s or the --chown owner\'s) or kept; below it the source\'s modes and the copy\'s owner, also over existing directories; a stage\'s entries keep their owner', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run('mkdir -p ctx/d/s && echo x > ctx/d/s/x && ln -s s/x ctx/d/l && chmod 700 ctx/d && chmod 750 ctx/d/s && chown -R 3:4 ctx/d');
      build(d, ['RUN mkdir -p /o/i && echo f > /o/i/f && chown -R 3:4 /o && chmod 700 /o', 'FROM busybox', 'RUN mkdir -p /e/s && chmod 700 /e/s && chown 9:9 /e/s', 'COPY d /new', 'COPY --chown=5:6 d /own', 'COPY d /tmp', 'COPY d /e', 'COPY --from=0 /o /fo']);
      const paths = '/new /new/s /new/s/x /new/l /own /own/s /own/s/x /tmp /tmp/s /e /e/s /fo /fo/i /fo/i/f';
      expect(d.run(`docker run --rm t stat -c '%a %u:%g %F %n' ${paths}`).output.split('\n'), engine).toEqual([
        '755 0:0 directory /new',
        '750 0:0 directory /new/s',
        '644 0:0 regular file /new/s/x',
        '777 0:0 symbolic link /new/l',
        '755 5:6 directory /own',
        '750 5:6 directory /own/s',
        '644 5:6 regular file /own/s/x',
        '1777 0:0 directory /tmp',
        '750 0:0 directory /tmp/s',
        '755 0:0 directory /e',
        '750 0:0 directory /e/s',
        '755 0:0 directory /fo',
        '755 3:4 directory /fo/i',
        '644 3:4 regular file /fo/i/f',
        '',
      ]);
    }
  });
  it('BuildKit --chmod gives every directory and file below the made destination the mode', () => {
    const d = new SimulatedDocker({ engine: 'docker-26.1' });
    d.run('mkdir -p ctx/d/s && echo x > ctx/d/s/x && chmod 700 ctx/d/s');
    build(d, ['COPY --chmod=751 d /cm']);
    expect(d.run('docker run --rm t stat -c %a /cm /cm/s /cm/s/x').output).toBe('755\n751\n751\n');
  });
  it('a file\'s missing parent directories are the --chown owner\'s on both builders; a directory\'s only on BuildKit (recorded: builds/copy-chown-dirs)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run('mkdir -p ctx/d && echo a > ctx/a && echo x > ctx/d/x');
      build(d, ['COPY --chown=5:6 a /p/q/a', 'COPY --chown=5:6 d /x/y/z']);
      const dirOwner = engine === 'docker-20.10' ? '0:0' : '5:6';
      expect(d.run('docker run --rm t stat -c %u:%g /p /p/q /p/q/a /x /x/y /x/y/z').output, engine).toBe(['5:6', '5:6', '5:6', dirOwner, dirOwner, '5:6', ''].join('\n'));
    }
  });
});

describe('a copied directory and .dockerignore', () => {
  it('walks an excluded directory for the exceptions inside it, however deep, with the copy\'s owner, links kept as links; an exception through a file names nothing', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run('mkdir -p ctx/src/docs/a ctx/src/docs/b && echo k > ctx/src/docs/a/keep.md && echo o > ctx/src/docs/other.md && echo n > ctx/src/docs/b/no.md && ln -s ../other.md ctx/src/docs/a/link && echo st > ctx/src/docs/a/stale && echo s > ctx/src/secret && echo p > ctx/src/plain');
      d.run("printf 'src/docs\\n!src/docs/a/keep.md\\n!src/docs/a/link\\n!src/docs/a/stale/x\\nsrc/secret\\n!src/secret/x\\n' > ctx/.dockerignore");
      build(d, ['COPY --chown=7:8 src /out/', 'COPY src/*/*/*.md /md/']);
      expect(d.run("docker run --rm t sh -c 'cd /out && find . | sort; stat -c \"%u:%g %F %n\" docs/a/keep.md docs/a/link; ls /md'").output, engine).toBe(
        ['.', './docs', './docs/a', './docs/a/keep.md', './docs/a/link', './plain', '7:8 regular file docs/a/keep.md', '7:8 symbolic link docs/a/link', 'keep.md', ''].join('\n'),
      );
    }
  });
  it('COPY . takes the context\'s root, whatever a pattern like * says of it: only the exceptions are copied (recorded: builds/dockerignore-allowlist)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run("mkdir -p ctx/d/s && echo a > ctx/a && echo b > ctx/b && echo x > ctx/d/s/x && printf '*\\n!a\\n!d\\n' > ctx/.dockerignore");
      build(d, ['COPY . /all', 'COPY ./a /one']);
      expect(d.run("docker run --rm t sh -c 'cd /all && find . | sort; cat /one'").output, engine).toBe(['.', './a', './d', './d/s', './d/s/x', 'a', ''].join('\n'));
    }
  });
  it('a wildcard reads a stage\'s whole tree', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run('mkdir ctx');
      build(d, ['COPY --from=busybox /etc/pass* /etc/gro* /out/']);
      expect(d.run('docker run --rm t ls /out').output, engine).toBe('group\npasswd\n');
    }
  });
});

describe('wildcard matches', () => {
  it('are copied in lexical order, whatever order the context made them in: of two with one name, the later wins', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run('mkdir -p ctx/b ctx/a && echo b > ctx/b/f && echo a > ctx/a/f');
      build(d, ['COPY */f /out/']);
      expect(d.run('docker run --rm t cat /out/f').output, engine).toBe('b\n');
    }
  });
});

describe('hard links in the context', () => {
  it('stay one inode per source inode, also over a file the image already has', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run('mkdir -p ctx/h && echo one > ctx/h/a1 && ln ctx/h/a1 ctx/h/a2 && echo two > ctx/h/b1 && ln ctx/h/b1 ctx/h/b2 && echo c > ctx/h/c1 && echo d > ctx/h/c2');
      build(d, ['RUN mkdir /d && echo old > /d/a2 && echo old > /d/b2', 'COPY h /d', 'COPY h /fresh']);
      const out = d.run("docker run --rm t sh -c 'cat /d/a2 /d/b2; stat -c \"%h %i\" /d/a1 /d/a2 /d/b1 /d/b2'").output.split('\n');
      expect(out.slice(0, 2), engine).toEqual(['one', 'two']);
      const [a1, a2, b1, b2] = out.slice(2, 6);
      expect(a1).toBe(a2);
      expect(b1).toBe(b2);
      expect(a1).not.toBe(b1);
      expect(a1.split(' ')[0]).toBe('2');
      // files of one name each stay apart
      expect(d.run('docker run --rm t sh -c "cat /fresh/c1 /fresh/c2; stat -c %h /fresh/c1 /fresh/c2"').output, engine).toBe('c\nd\n1\n1\n');
      const fresh = d.run('docker run --rm t stat -c %h:%i /fresh/a1 /fresh/a2 /fresh/b1 /fresh/b2').output.split('\n');
      expect(fresh[0], engine).toBe(fresh[1]);
      expect(fresh[2], engine).toBe(fresh[3]);
      expect(fresh[0], engine).not.toBe(fresh[2]);
      expect(fresh[0].split(':')[0], engine).toBe('2');
    }
  });
});

describe('ADD of a local tar', () => {
  // moby pkg/archive Untar / BuildKit's unpack: members keep their mode, owner (unless --chown)
  // and modification time, a directory's set once nothing more is made in it; `./` prefixes are
  // dropped; symlinks and hard links are extracted as such (hardlinks/build-context-links).
  it('unpacks ./-prefixed members, symlinks and hard links under the destination, with their times and owners, --chown or not (recorded: builds/realworld-add-tar-chown)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run('mkdir -p ctx/p/sub && echo f > ctx/p/sub/f && ln ctx/p/sub/f ctx/p/hl && ln -s sub/f ctx/p/sl && chmod 640 ctx/p/sub/f && chown 3:4 ctx/p/sub/f && chown -h 3:4 ctx/p/sl && touch -d @1000000000 ctx/p/sub && chmod 700 ctx/p && tar -C ctx/p -cf ctx/dot.tar . && tar -C ctx -cf ctx/p.tar p');
      const times = d.run('stat -c %Y ctx/p/sub ctx/p/sub/f').output;
      build(d, ['ADD dot.tar /x/', 'ADD --chown=5:6 p.tar /y', 'ADD p.tar /']);
      const show = (dir: string): string => d.run(`docker run --rm t sh -c 'cd ${dir} && stat -c %a . && find . | sort && stat -c "%a %u:%g %h %F %n" sub/f hl sl && readlink sl && stat -c %Y sub sub/f'`).output;
      const x = show('/x');
      expect(x, engine).toBe(['755', '.', './hl', './sl', './sub', './sub/f', '640 3:4 2 regular file sub/f', '640 3:4 2 regular file hl', '777 3:4 1 symbolic link sl', 'sub/f', times].join('\n'));
      // the archive's ./ entry leaves /x as it was made; p.tar's p/ is a member like any other
      expect(show('/y/p'), engine).toBe(x.replace(/^755/, '700'));
      expect(show('/p'), engine).toBe(x.replace(/^755/, '700'));
      // the directory the step makes: root's to the legacy builder, the --chown owner's to BuildKit
      expect(d.run('docker run --rm t stat -c %u:%g /y').output, engine).toBe(engine === 'docker-20.10' ? '0:0\n' : '5:6\n');
    }
  });
  it('only ADD unpacks, COPY copies the archive; a directory member that exists takes the member\'s mode, owner and time and keeps its content (recorded: builds/add-archives, builds/add-tar-existing)', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run('mkdir -p ctx p/x && echo f > p/x/f && chmod 750 p/x && chown 3:4 p/x && touch -d @1000000000 p/x/f p/x && tar -C p -cf ctx/t.tar x');
      build(d, ['RUN mkdir -m 700 /x && chown 7:8 /x && echo old > /x/old', 'ADD t.tar /', 'COPY t.tar /c/']);
      expect(d.run(`docker run --rm t sh -c 'stat -c "%a %u:%g %Y %n" /x /x/f; ls /x; stat -c %F /c/t.tar'`).output, engine).toBe('750 3:4 1000000000 /x\n644 0:0 1000000000 /x/f\nf\nold\nregular file\n');
    }
  });
  it('ADD copies a file that only starts like gzip as it is (recorded: builds/add-corrupt-gzip), and refuses by name what strata cannot unpack', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      // an xz stream of a later format version (xz.ts has no decoder for it); a tar holding a device
      d.run("mkdir ctx && printf '\\x1f\\x8b\\x08\\x00garbage' > ctx/bad.gz && printf '\\xfd7zXZ\\x00\\x01\\x00\\x00\\x00\\x00\\x00' > ctx/v.xz && tar -cf ctx/dev.tar -C / dev/null");
      build(d, ['ADD bad.gz /bad/']);
      expect(d.run('docker run --rm t stat -c "%a %s %F" /bad/bad.gz').output, engine).toBe('644 11 regular file\n');
      const refused = (line: string): string => d.run(`printf 'FROM busybox\\n${line}\\n' > ctx/Dockerfile && docker build -q ctx`).output;
      expect(refused('ADD v.xz /v/'), engine).toBe('strata does not simulate ADD of an xz-compressed archive\n');
      expect(refused('ADD dev.tar /d/'), engine).toBe('strata does not simulate ADD of a tar archive holding chardev entries\n');
    }
  });
});
