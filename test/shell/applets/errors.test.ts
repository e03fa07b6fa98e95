import { describe, expect, it } from 'vitest';
import { removeEntry, dir, file } from '../../../src/fs/node.ts';
import { baseTree, harness, withReadonly } from './ctx.ts';

function fresh(flavor: 'busybox' | 'gnu') {
  const root = baseTree({ x: dir({}, { sub: dir({}, { f: file('1') }) }), home: undefined as never });
  removeEntry(root, 'home');
  return harness({ flavor, fs: withReadonly('/etc/app', dir({}, { 'app.conf': file('a=1\n') }), root) });
}

type Case = [argv: string[], busybox: [number, string], gnu: [number, string]];

const cases: Case[] = [
  [['cat', '/root/notes.txt'], [1, "cat: can't open '/root/notes.txt': No such file or directory\n"], [1, 'cat: /root/notes.txt: No such file or directory\n']],
  [['cat', '/x'], [1, 'cat: read error: Is a directory\n'], [1, 'cat: /x: Is a directory\n']],
  [['ls', '/home'], [1, 'ls: /home: No such file or directory\n'], [2, "ls: cannot access '/home': No such file or directory\n"]],
  [['rm', '/etc/nogroup'], [1, "rm: can't remove '/etc/nogroup': No such file or directory\n"], [1, "rm: cannot remove '/etc/nogroup': No such file or directory\n"]],
  [['rm', '/etc/app/app.conf'], [1, "rm: can't remove '/etc/app/app.conf': Read-only file system\n"], [1, "rm: cannot remove '/etc/app/app.conf': Read-only file system\n"]],
  [['rm', '/x'], [1, "rm: '/x' is a directory\n"], [1, "rm: cannot remove '/x': Is a directory\n"]],
  [['touch', '/etc/app/x'], [1, 'touch: /etc/app/x: Read-only file system\n'], [1, "touch: cannot touch '/etc/app/x': Read-only file system\n"]],
  [['mkdir', '/x'], [1, "mkdir: can't create directory '/x': File exists\n"], [1, "mkdir: cannot create directory '/x': File exists\n"]],
  [['mkdir', '/a/b'], [1, "mkdir: can't create directory '/a/b': No such file or directory\n"], [1, "mkdir: cannot create directory '/a/b': No such file or directory\n"]],
  [['rmdir', '/x'], [1, "rmdir: '/x': Directory not empty\n"], [1, "rmdir: failed to remove '/x': Directory not empty\n"]],
  [['stat', '/nope'], [1, "stat: can't stat '/nope': No such file or directory\n"], [1, "stat: cannot statx '/nope': No such file or directory\n"]],
  [['cp', '/nope', '/tmp/'], [1, "cp: can't stat '/nope': No such file or directory\n"], [1, "cp: cannot stat '/nope': No such file or directory\n"]],
  [['cp', '/x', '/tmp/'], [1, "cp: omitting directory '/x'\n"], [1, "cp: -r not specified; omitting directory '/x'\n"]],
  [['cp', '/etc/passwd', '/etc/app/p'], [1, "cp: can't create '/etc/app/p': Read-only file system\n"], [1, "cp: cannot create regular file '/etc/app/p': Read-only file system\n"]],
  [['mv', '/nope', '/tmp/'], [1, "mv: can't rename '/nope': No such file or directory\n"], [1, "mv: cannot stat '/nope': No such file or directory\n"]],
  [['mv', '/etc/app/app.conf', '/etc/app/b'], [1, "mv: can't rename '/etc/app/app.conf': Read-only file system\n"], [1, "mv: cannot move '/etc/app/app.conf' to '/etc/app/b': Read-only file system\n"]],
  [['chmod', '644', '/nope'], [1, 'chmod: /nope: No such file or directory\n'], [1, "chmod: cannot access '/nope': No such file or directory\n"]],
  [['chown', 'bob', '/etc/passwd'], [1, 'chown: unknown user bob\n'], [1, "chown: invalid user: 'bob'\n"]],
  [['grep', 'x', '/nope'], [2, 'grep: /nope: No such file or directory\n'], [2, 'grep: /nope: No such file or directory\n']],
  [['head', '/nope'], [1, 'head: /nope: No such file or directory\n'], [1, "head: cannot open '/nope' for reading: No such file or directory\n"]],
  [['tail', '/nope'], [1, "tail: can't open '/nope': No such file or directory\ntail: no files\n"], [1, "tail: cannot open '/nope' for reading: No such file or directory\n"]],
  [['wc', '/nope'], [1, 'wc: /nope: No such file or directory\n'], [1, 'wc: /nope: No such file or directory\n']],
  [['[', '-f', '/x'], [2, '[: missing ]\n'], [2, "[: missing ']'\n"]],
  [['rev', '/nope'], [1, 'rev: /nope: No such file or directory\n'], [1, 'rev: cannot open /nope: No such file or directory\n']],
  [['tac', '/nope'], [1, 'tac: /nope: No such file or directory\n'], [1, "tac: failed to open '/nope' for reading: No such file or directory\n"]],
  [['kill', '99999'], [1, "kill: can't kill pid 99999: No such process\n"], [1, 'kill: (99999): No such process\n']],
  [['tar', 'xf', '/nope.tar'], [1, "tar: can't open '/nope.tar': No such file or directory\n"], [2, 'tar: /nope.tar: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n']],
  [['ln', '-s', 'a', '/etc/passwd'], [1, '/etc/passwd: File exists\n'.replace(/^/, 'ln: ')], [1, "ln: failed to create symbolic link '/etc/passwd': File exists\n"]],
  [['find', '/nope'], [1, 'find: /nope: No such file or directory\n'], [1, "find: '/nope': No such file or directory\n"]],
  [['du', '/nope'], [1, 'du: /nope: No such file or directory\n'], [1, "du: cannot access '/nope': No such file or directory\n"]],
];

describe.each(['busybox', 'gnu'] as const)('error texts (%s)', (flavor) => {
  it.each(cases)('%j', (argv, bb, gnu) => {
    const r = fresh(flavor).run(argv);
    const [status, stderr] = flavor === 'busybox' ? bb : gnu;
    expect(r.stderr).toBe(stderr);
    expect(r.status).toBe(status);
  });
});

describe('rm -f and missing files', () => {
  it.each(['busybox', 'gnu'] as const)('%s: rm -f is silent', (flavor) => {
    const r = fresh(flavor).run(['rm', '-f', '/nope']);
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
