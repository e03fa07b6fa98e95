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

describe('a copied directory and .dockerignore', () => {
  it('walks an excluded directory for the exceptions inside it, however deep, with the copy\'s owner, links kept as links; an exception through a file names nothing', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run('mkdir -p ctx/src/docs/a ctx/src/docs/b && echo k > ctx/src/docs/a/keep.md && echo o > ctx/src/docs/other.md && echo n > ctx/src/docs/b/no.md && ln -s ../other.md ctx/src/docs/a/link && echo st > ctx/src/docs/a/stale && echo s > ctx/src/secret && echo p > ctx/src/plain');
      d.run("printf 'src/docs\\n!src/docs/a/keep.md\\n!src/docs/a/link\\n!src/docs/a/stale/x\\nsrc/secret\\n' > ctx/.dockerignore");
      build(d, ['COPY --chown=7:8 src /out/', 'COPY src/*/*/*.md /md/']);
      expect(d.run("docker run --rm t sh -c 'cd /out && find . | sort; stat -c \"%u:%g %F %n\" docs/a/keep.md docs/a/link; ls /md'").output, engine).toBe(
        ['.', './docs', './docs/a', './docs/a/keep.md', './docs/a/link', './plain', '7:8 regular file docs/a/keep.md', '7:8 symbolic link docs/a/link', 'keep.md', ''].join('\n'),
      );
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
      d.run('mkdir -p ctx/h && echo one > ctx/h/a1 && ln ctx/h/a1 ctx/h/a2 && echo two > ctx/h/b1 && ln ctx/h/b1 ctx/h/b2');
      build(d, ['RUN mkdir /d && echo old > /d/a2 && echo old > /d/b2', 'COPY h /d']);
      const out = d.run("docker run --rm t sh -c 'cat /d/a2 /d/b2; stat -c \"%h %i\" /d/a1 /d/a2 /d/b1 /d/b2'").output.split('\n');
      expect(out.slice(0, 2), engine).toEqual(['one', 'two']);
      const [a1, a2, b1, b2] = out.slice(2, 6);
      expect(a1).toBe(a2);
      expect(b1).toBe(b2);
      expect(a1).not.toBe(b1);
      expect(a1.split(' ')[0]).toBe('2');
    }
  });
});

describe('ADD of a local tar', () => {
  // moby pkg/archive Untar / BuildKit's unpack: members keep their mode, owner (unless --chown)
  // and modification time, a directory's set once nothing more is made in it; `./` prefixes are
  // dropped; symlinks and hard links are extracted as such (hardlinks/build-context-links).
  it('unpacks ./-prefixed members, symlinks and hard links under the destination, with their times, or the --chown owner', () => {
    for (const engine of ENGINES) {
      const d = new SimulatedDocker({ engine });
      d.run('mkdir -p ctx/p/sub && echo f > ctx/p/sub/f && ln ctx/p/sub/f ctx/p/hl && ln -s sub/f ctx/p/sl && chmod 640 ctx/p/sub/f && chown 3:4 ctx/p/sub/f && chown -h 3:4 ctx/p/sl && touch -d @1000000000 ctx/p/sub && chmod 700 ctx/p && tar -C ctx/p -cf ctx/dot.tar . && tar -C ctx -cf ctx/p.tar p');
      const times = d.run('stat -c %Y ctx/p/sub ctx/p/sub/f').output;
      build(d, ['ADD dot.tar /x/', 'ADD --chown=5:6 p.tar /y', 'ADD p.tar /']);
      const show = (dir: string): string => d.run(`docker run --rm t sh -c 'cd ${dir} && stat -c %a . && find . | sort && stat -c "%a %u:%g %h %F %n" sub/f hl sl && readlink sl && stat -c %Y sub sub/f'`).output;
      const x = show('/x');
      expect(x, engine).toBe(['755', '.', './hl', './sl', './sub', './sub/f', '640 3:4 2 regular file sub/f', '640 3:4 2 regular file hl', '777 3:4 1 symbolic link sl', 'sub/f', times].join('\n'));
      // the archive's ./ entry leaves /x as it was made; p.tar's p/ is a member like any other
      expect(show('/y/p'), engine).toBe(x.replace(/^755/, '700').replace(/3:4/g, '5:6'));
      expect(show('/p'), engine).toBe(x.replace(/^755/, '700'));
    }
  });
});
