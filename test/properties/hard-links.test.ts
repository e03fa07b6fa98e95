// Laws of hard links (src/fs/hard-link.ts), checked against a small reference model of inodes:
// random sequences of link, write, append, chmod, unlink and rename over a few names, on a plain
// tree (a volume, the host) and on an overlay whose lower layer holds a hard-linked file (the
// names-share-inode and lower-copy-up probes show the rules: one inode per link group, copy-up
// makes a new inode, a lower inode keeps its count).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FsError } from '../../src/fs/errors.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { Namespace } from '../../src/fs/namespace.ts';
import { removeEntry, dir, treeSize, type DirNode } from '../../src/fs/node.ts';
import { UnionBackend } from '../../src/union/union-backend.ts';

const NAMES = ['/a', '/b', '/c', '/d/e', '/d/f'] as const;
type Name = (typeof NAMES)[number];

type Op =
  | { kind: 'link'; from: Name; to: Name }
  | { kind: 'write'; name: Name; data: string; append: boolean }
  | { kind: 'chmod'; name: Name; mode: number }
  | { kind: 'unlink'; name: Name }
  | { kind: 'rename'; from: Name; to: Name };

const name = fc.constantFrom(...NAMES);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('link' as const), from: name, to: name }),
  fc.record({ kind: fc.constant('write' as const), name, data: fc.constantFrom('x', 'yy', 'zzz\n'), append: fc.boolean() }),
  fc.record({ kind: fc.constant('chmod' as const), name, mode: fc.constantFrom(0o600, 0o640, 0o755) }),
  fc.record({ kind: fc.constant('unlink' as const), name }),
  fc.record({ kind: fc.constant('rename' as const), from: name, to: name }),
);

interface Inode {
  data: string;
  mode: number;
  /** A lower-layer inode: read-only, and it reports the count its layer has. */
  lowerCount?: number;
}

/** The reference: names point at inodes; an overlay copies a lower inode up before any change. */
class Model {
  readonly names = new Map<Name, Inode>();
  constructor(private readonly overlay: boolean) {}

  private writable(n: Name): Inode {
    const ino = this.names.get(n)!;
    if (ino.lowerCount === undefined) return ino;
    const copy = { data: ino.data, mode: ino.mode };
    this.names.set(n, copy);
    return copy;
  }

  nlink(n: Name): number {
    const ino = this.names.get(n)!;
    if (ino.lowerCount !== undefined) return ino.lowerCount;
    return [...this.names.values()].filter((i) => i === ino).length;
  }

  apply(o: Op): void {
    switch (o.kind) {
      case 'link':
        if (this.names.has(o.from) && !this.names.has(o.to)) this.names.set(o.to, this.writable(o.from));
        return;
      case 'write':
        if (!this.names.has(o.name)) this.names.set(o.name, { data: o.data, mode: 0o644 });
        else {
          const ino = this.writable(o.name);
          ino.data = o.append ? ino.data + o.data : o.data;
        }
        return;
      case 'chmod':
        if (this.names.has(o.name)) this.writable(o.name).mode = o.mode;
        return;
      case 'unlink':
        this.names.delete(o.name);
        return;
      case 'rename': {
        const ino = this.names.get(o.from);
        if (ino === undefined || o.from === o.to || this.names.get(o.to) === ino) return;
        // a lower entry moves by copy-up: a new inode
        const moved = this.overlay && ino.lowerCount !== undefined ? { data: ino.data, mode: ino.mode } : ino;
        this.names.delete(o.from);
        this.names.set(o.to, moved);
      }
    }
  }
}

function applyFs(fs: Namespace, o: Op): void {
  try {
    switch (o.kind) {
      case 'link':
        if (fs.exists(o.from) && !fs.exists(o.to)) fs.link(o.from, o.to);
        return;
      case 'write':
        fs.writeFile(o.name, o.data, { append: o.append });
        return;
      case 'chmod':
        if (fs.exists(o.name)) fs.chmod(o.name, o.mode);
        return;
      case 'unlink':
        if (fs.exists(o.name)) fs.unlink(o.name);
        return;
      case 'rename':
        if (fs.exists(o.from) && o.from !== o.to) fs.rename(o.from, o.to);
    }
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    throw new Error(`${JSON.stringify(o)} failed: ${e.message}`);
  }
}

/** Every name reads as its inode holds it, with its mode and link count; names of one inode share an ino. */
function agree(fs: Namespace, model: Model): void {
  for (const n of NAMES) {
    const ino = model.names.get(n);
    expect(fs.exists(n), n).toBe(ino !== undefined);
    if (ino === undefined) continue;
    expect(fs.readFile(n), n).toBe(ino.data);
    const st = fs.stat(n);
    expect(st.mode, n).toBe(ino.mode);
    expect(st.nlink ?? 1, n).toBe(model.nlink(n));
    for (const m of NAMES) {
      if (m === n || !model.names.has(m)) continue;
      const sameInode = model.names.get(m) === ino;
      expect(st.ino !== undefined && fs.stat(m).ino === st.ino, `${n} and ${m} share an inode`).toBe(sameInode);
    }
  }
}

describe('laws of hard links', () => {
  it('law: on one file system, a write or chmod through one name is seen through every name, and an unlink keeps the data while a name remains', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const fs = memoryFs(dir({}, { d: dir() }));
        const model = new Model(false);
        for (const o of ops) {
          applyFs(fs, o);
          model.apply(o);
        }
        agree(fs, model);
      }),
      { numRuns: 300 },
    );
  });

  it('law: over a lower hard link, copy-up makes a new inode for the name changed, the other names keep the lower inode and its count', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        // the lower layer, made like a RUN step makes it: /a and /b are one inode
        const lower = dir({}, { d: dir() });
        const build = memoryFs(lower);
        build.writeFile('/a', 'low');
        build.link('/a', '/b');
        removeEntry(lower, 'dev');
        const upper = dir();
        const fs = new Namespace([{ target: '/', backend: new UnionBackend(upper, [lower]), readonly: false, source: 'overlay' }]);
        const model = new Model(true);
        const low: Inode = { data: 'low', mode: 0o644, lowerCount: 2 };
        model.names.set('/a', low);
        model.names.set('/b', low);
        for (const o of ops) {
          applyFs(fs, o);
          model.apply(o);
        }
        agree(fs, model);
        // the lower layer never changes
        expect(memoryFs(lower).readFile('/b')).toBe('low');
      }),
      { numRuns: 300 },
    );
  });

  it('law: the size of a tree counts each inode once, however many names it has', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.integer({ min: 1, max: 4 }), (data, extra) => {
        const root: DirNode = dir();
        const fs = memoryFs(root);
        const before = treeSize(root);
        fs.writeFile('/f', data);
        for (let i = 0; i < extra; i++) fs.link('/f', `/l${i}`);
        expect(treeSize(root) - before).toBe(data.length);
      }),
    );
  });
});
