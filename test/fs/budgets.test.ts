// The file system's budgets and costs: trees deeper than the budget, files larger than it,
// reads of endless devices, and statfs summing usage only when asked.

import { describe, expect, it } from 'vitest';
import { dir, device, type RealNode } from '../../src/fs/node.ts';
import { LimitError, MAX_PATH_DEPTH } from '../../src/fs/errors.ts';
import { Namespace } from '../../src/fs/namespace.ts';
import { TreeBackend } from '../../src/fs/tree-backend.ts';

/** A tree backend that counts the walks over its whole tree (used()). */
class CountingBackend extends TreeBackend {
  walks = 0;
  override used(): number {
    this.walks++;
    return super.used();
  }
}

function fsWith(root: RealNode): { fs: Namespace; backend: CountingBackend } {
  const backend = new CountingBackend(() => root);
  return { fs: new Namespace([{ target: '/', backend, readonly: false, source: '/dev/sda1' }]), backend };
}

describe('file-system budgets', () => {
  it('statfs sums the usage only when it is read (ls -l asks each entry its type: it was quadratic)', () => {
    const { fs, backend } = fsWith(dir({}, { a: dir() }));
    for (let i = 0; i < 100; i++) expect(fs.statfs('/a').fstype).toBe('ext4');
    expect(backend.walks).toBe(0);
    expect(fs.statfs('/a').used).toBe(0);
    expect(backend.walks).toBe(1);
  });

  it(`a directory deeper than ${MAX_PATH_DEPTH} levels is the depth budget's refusal, created or moved there`, () => {
    const { fs } = fsWith(dir());
    let p = '';
    for (let i = 0; i < MAX_PATH_DEPTH; i++) fs.mkdir((p += '/d'));
    expect(() => fs.mkdir(p + '/d')).toThrow(LimitError);
    expect(() => fs.writeFile(p + '/f', 'x')).toThrow(`a path ${MAX_PATH_DEPTH + 1} levels deep exceeds the budget of ${MAX_PATH_DEPTH} levels`);
    fs.mkdir('/e');
    fs.mkdir('/e/f');
    expect(() => fs.rename('/e', `${p.slice(0, -2)}/e`)).toThrow(LimitError);
  });

  it('a file larger than the byte budget is refused, written at once or appended', () => {
    const { fs } = fsWith(dir());
    fs.writeFile('/f', 'x'.repeat(64 * 1024 * 1024));
    expect(() => fs.writeFile('/f', 'y', { append: true })).toThrow(LimitError);
    expect(() => fs.writeFile('/g', 'x'.repeat(64 * 1024 * 1024 + 1))).toThrow(LimitError);
  });

  it('an endless device gives what is asked, and reading it to its end is refused', () => {
    const { fs } = fsWith(dir({}, { dev: dir({}, { zero: device('zero'), urandom: device('urandom') }) }));
    expect(fs.readFile('/dev/urandom', 100_000).length).toBe(100_000);
    expect(fs.readFile('/dev/urandom', 300)).toBe(fs.readFile('/dev/urandom', 600).slice(0, 300));
    expect(() => fs.readFile('/dev/zero')).toThrow(LimitError);
    expect(() => fs.readFile('/dev/zero', 2 ** 30)).toThrow(LimitError);
  });
});
