import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { archiveHead, createTar, memberName, readTar, TarFormatError, type TarEntry } from '../../src/archive/tar.ts';
import { clearMemos } from '../../src/engine/memos.ts';

const entries: TarEntry[] = [
  { name: 'app', type: 'dir', mode: 0o755, uid: 0, gid: 0, uname: 'root', gname: 'root', mtime: 1_700_000_000 },
  { name: 'app/hello.txt', type: 'file', mode: 0o644, uid: 1000, gid: 1000, uname: 'app', gname: 'app', mtime: 1_700_000_001, data: 'hello\n' },
  { name: 'app/bin', type: 'file', mode: 0o4755, uid: 0, gid: 0, mtime: 5, data: '\x00\xff\x80binary' },
  { name: 'app/link', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtime: 5, linkname: 'hello.txt' },
  { name: 'app/' + 'x'.repeat(150), type: 'file', mode: 0o600, uid: 0, gid: 0, mtime: 5, data: 'long' },
  { name: 'dev/null', type: 'chardev', mode: 0o666, uid: 0, gid: 0, mtime: 0, devmajor: 1, devminor: 3 },
];

describe('tar format', () => {
  it('round-trips entries', () => {
    const archive = createTar(entries);
    expect(archive.length % 512).toBe(0);
    expect(archive.endsWith('\0'.repeat(1024))).toBe(true);
    const back = readTar(archive);
    expect(back.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    expect(back[1]).toMatchObject({ type: 'file', mode: 0o644, uid: 1000, gid: 1000, uname: 'app', gname: 'app', mtime: 1_700_000_001, data: 'hello\n' });
    expect(back[2].data).toBe('\x00\xff\x80binary');
    expect(back[2].mode).toBe(0o4755);
    expect(back[3]).toMatchObject({ type: 'symlink', linkname: 'hello.txt' });
    expect(back[5]).toMatchObject({ type: 'chardev', devmajor: 1, devminor: 3 });
  });

  it('writes directories with a trailing slash and a valid ustar header', () => {
    const archive = createTar([entries[0]]);
    expect(archive.slice(0, 4)).toBe('app/');
    expect(archive[156]).toBe('5');
    expect(archive.slice(257, 262)).toBe('ustar');
    expect(memberName(entries[0])).toBe('app/');
    // header + two zero blocks
    expect(archive.length).toBe(512 * 3);
  });

  it('pads to the record size when asked (GNU tar)', () => {
    expect(createTar(entries.slice(0, 2), { recordSize: 10240 }).length).toBe(10240);
  });

  it('computes checksums', () => {
    const h = createTar([entries[1]]).slice(0, 512);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h.charCodeAt(i);
    expect(parseInt(h.slice(148, 154), 8)).toBe(sum);
  });

  it('rejects garbage', () => {
    expect(() => readTar('this is not a tar archive'.padEnd(1024, 'x'))).toThrow(TarFormatError);
    expect(() => readTar('')).toThrow(/empty archive/);
    const archive = createTar([entries[1]]);
    const corrupt = archive.slice(0, 10) + 'Z' + archive.slice(11);
    expect(() => readTar(corrupt)).toThrow(/checksum/);
    expect(() => readTar(archive.slice(0, 512 + 100).padEnd(600, '\0').slice(0, 515))).toThrow(TarFormatError);
  });

  it('reads an empty archive (two zero blocks)', () => {
    expect(readTar(createTar([]))).toEqual([]);
  });
});

describe('an archive createTar made', () => {
  // read from its pieces while createTar remembers it, from its text once forgotten
  const member = fc.record({
    name: fc.stringMatching(/^[a-z]{1,8}(\/[a-z]{1,120})?$/),
    type: fc.constantFrom<'file' | 'dir' | 'symlink'>('file', 'dir', 'symlink'),
    size: fc.oneof(fc.nat(1100), fc.constantFrom(0, 511, 512, 513, 1024)),
  });
  it('reads the same from its pieces as from its text', () => {
    fc.assert(
      fc.property(fc.array(member, { maxLength: 6 }), fc.constantFrom(undefined, 10240), (members, recordSize) => {
        const list: TarEntry[] = members.map((m, i) => ({
          name: `${m.name}${i}`,
          type: m.type,
          mode: 0o644,
          uid: 0,
          gid: 0,
          mtime: 5,
          ...(m.type === 'file' ? { data: String.fromCharCode(97 + (i % 26)).repeat(m.size) } : {}),
          ...(m.type === 'symlink' ? { linkname: 'x'.repeat(m.size % 150) } : {}),
        }));
        const archive = createTar(list, recordSize === undefined ? {} : { recordSize });
        const fromPieces = readTar(archive);
        // a head of more than one piece: the first header and what follows it
        const heads = [8, 700, 1500].map((n) => archiveHead(archive, n));
        clearMemos();
        expect(fromPieces).toEqual(readTar(archive));
        expect(heads).toEqual([8, 700, 1500].map((n) => archive.slice(0, n)));
      }),
    );
  });
  it('is still read whole when its pieces are forgotten or it was never made here', () => {
    const archive = createTar(entries);
    for (let i = 0; i < 4; i++) createTar([entries[i]]);
    expect(readTar(archive).map((e) => e.name)).toEqual(entries.map((e) => e.name));
    expect(archiveHead('\x1f\x8b\x08rest', 2)).toBe('\x1f\x8b');
  });
});
