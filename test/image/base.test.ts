// The built-in base image (src/image/base.ts) against what the oracle engines hold: the file tree
// `shared/oracle/dump-base-image.sh` printed from `docker save busybox:latest` (copied unedited to
// test/recorded/base-image.txt), and the image's config and history row as shared/oracle/README.md
// ("Base image") and the recordings show them (image-layers/save-config: the history row's
// created_by and comment; pull.test.ts: a loaded image has no Parent).
//
// Each test calls the functions itself: the engine builds the base image once per process
// (busyboxLayer, sharedInitialState), so a recording replayed after the first one never builds it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryList, type Node } from '../../src/fs/node.ts';
import { BASE_IMAGE_ID, BASE_LAYER_ID, BASE_MTIME, busyboxImage, busyboxLayer, busyboxTree } from '../../src/image/base.ts';

/** base-image.txt's columns: PATH TYPE MODE SIZE [-> TARGET]. */
function treeLines(node: Node, path = '/'): string[] {
  if (node.kind === 'whiteout') throw new Error(`${path}: a whiteout in the base image`);
  const mode = (node.mode & 0o7777).toString(8).padStart(4, '0');
  let line: string;
  if (node.kind === 'dir') line = `${path} dir ${mode} 0`;
  else if (node.kind === 'file') line = `${path} file ${mode} ${node.data.length}`;
  else if (node.kind === 'symlink') line = `${path} symlink ${mode} ${node.target.length} -> ${node.target}`;
  else throw new Error(`${path}: a ${node.kind} in the base image`);
  const lines = [line];
  if (node.kind === 'dir') for (const [name, child] of entryList(node)) lines.push(...treeLines(child, path === '/' ? `/${name}` : `${path}/${name}`));
  return lines;
}

function walk(node: Node, visit: (n: Node, path: string) => void, path = '/'): void {
  visit(node, path);
  if (node.kind === 'dir') for (const [name, child] of entryList(node)) walk(child, visit, path === '/' ? `/${name}` : `${path}/${name}`);
}

const recorded = readFileSync(join(import.meta.dirname, '..', 'recorded', 'base-image.txt'), 'utf8')
  .split('\n')
  .filter((l) => l !== '' && !l.startsWith('#'));

describe('the base image busybox:latest', () => {
  it('has the file tree of the oracle engines, entry for entry: types, modes, sizes, link targets', () => {
    expect(treeLines(busyboxTree()).sort()).toEqual([...recorded].sort());
  });

  it('has owner 0:0 and mtime 2024-01-01T00:00:00Z everywhere (base-image.txt header)', () => {
    const odd: string[] = [];
    walk(busyboxTree(), (n, path) => {
      if (n.kind === 'whiteout' || n.uid !== 0 || n.gid !== 0 || n.mtime !== Date.UTC(2024, 0, 1) / 1000) odd.push(path);
    });
    expect(odd).toEqual([]);
    expect(BASE_MTIME).toBe(Date.UTC(2024, 0, 1) / 1000);
  });

  it('holds an amd64 ELF executable as /bin/busybox (strata runs a copied ELF file as an unsimulated binary)', () => {
    const bin = entryList(busyboxTree()).find(([n]) => n === 'bin')![1];
    const busybox = bin.kind === 'dir' ? entryList(bin).find(([n]) => n === 'busybox')![1] : undefined;
    // ELF magic, 64-bit class, little-endian, ELF version 1: the header of any x86-64 binary
    expect(busybox?.kind === 'file' && busybox.data.slice(0, 7)).toBe('\x7fELF\x02\x01\x01');
    expect(busybox?.kind === 'file' && busybox.data.slice(7).replace(/\0/g, '')).toBe('');
  });

  it('is one layer of the recorded size, frozen so that no state sharing it can change it', () => {
    const layer = busyboxLayer();
    expect(layer.id).toBe(BASE_LAYER_ID);
    // docker image inspect --format '{{.Size}}' busybox (shared/oracle/README.md)
    expect(layer.size).toBe(1984241);
    expect(Object.isFrozen(layer.tree)).toBe(true);
    const etc = entryList(layer.tree).find(([n]) => n === 'etc')![1];
    expect(Object.isFrozen(etc)).toBe(true);
  });

  it('has the recorded config and history row, no parent and no comment', () => {
    const image = busyboxImage(1984241);
    expect(image.id).toBe(BASE_IMAGE_ID);
    expect(image.layers).toEqual([BASE_LAYER_ID]);
    // Config: Cmd ["sh"], StopSignal SIGKILL, no Env (README "Base image"; base-image.txt header)
    expect(image.config).toEqual({ User: '', Env: null, Cmd: ['sh'], Entrypoint: null, WorkingDir: '', Volumes: null, Labels: null, StopSignal: 'SIGKILL' });
    // image-layers/save-config: the history row's created_by and comment
    expect(image.history).toEqual([
      { created: BASE_MTIME, createdBy: '/bin/sh -c #(nop) ADD busybox-static 1:1.35.0-4+deb12u1+b1 rootfs in / ', comment: 'dockersim oracle base image', emptyLayer: false, size: 1984241 },
    ]);
    expect(image.parent).toBe('');
    expect(image.comment).toBe('');
    expect(image.created).toBe(BASE_MTIME);
  });
});
