// `strata check --update`: writes only a complete, truthful transcript, keeps every byte outside
// output lines, reports every file it could not write (and exits non-zero), refuses undecodable
// files, and honours the update lock.

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRASH, strata, strataProcess, tempDir } from './helpers.ts';

function scenario(text: string | Uint8Array, name = 'a.scenario'): string {
  const d = tempDir();
  const p = join(d, name);
  writeFileSync(p, text);
  return p;
}

const bytes = (p: string): Buffer => readFileSync(p);
const leftovers = (d: string): string[] => readdirSync(d).filter((n) => n.includes('.strata-'));

describe('strata check --update writes outputs and nothing else', () => {
  it('fills outputs, keeping header, comments, blank lines, commands and a missing final newline', () => {
    const text = '# title: t\n# tags: a\n\n$ echo one\nstale\n# a comment\n\n$ printf "x\\r\\ny"\n$ cat <<EOF\n> two\n>\n> EOF\n[exit 3]';
    const p = scenario(text);
    const r = strata('check', '--update', p);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/0 passed, 1 updated, 0 failed\n$/);
    expect(readFileSync(p, 'utf8')).toBe('# title: t\n# tags: a\n\n$ echo one\none\n# a comment\n\n$ printf "x\\r\\ny"\nx\r\ny\n$ cat <<EOF\n> two\n>\n> EOF\ntwo\n<blank>');
    expect(leftovers(join(p, '..'))).toEqual([]);
    // and the result checks
    expect(strata('check', p).status).toBe(0);
  });

  it('leaves a file that passes untouched (same inode)', () => {
    const p = scenario('$ echo hi\nhi\n');
    const ino = statSync(p).ino;
    expect(strata('check', '--update', p).stdout).toBe('1 passed, 0 updated, 0 failed\n');
    expect(statSync(p).ino).toBe(ino);
  });

  it('never writes a refusal as if it were Docker output: the file is reported, unchanged, exit 125', () => {
    const text = '$ echo one\n$ docker run --privileged busybox true\n';
    const p = scenario(text);
    const r = strata('check', '--update', p);
    expect(r.status).toBe(125);
    expect(r.stdout).toContain(`${p}:2: $ docker run --privileged busybox true: strata does not simulate`);
    expect(r.stdout).toContain('not written');
    expect(r.stdout).toMatch(/0 passed, 0 updated, 1 failed\n$/);
    expect(readFileSync(p, 'utf8')).toBe(text);
  });

  it('never writes a budget message: an endless loop leaves the file unchanged, exit 125', () => {
    const text = '$ while true; do :; done\n';
    const p = scenario(text);
    const r = strata('check', '--update', p);
    expect(r.status).toBe(125);
    expect(r.stdout).toContain(`${p}:1: $ while true; do :; done: strata: script exceeded the step budget`);
    expect(readFileSync(p, 'utf8')).toBe(text);
  });

  it('an ambiguous output line: reported with file and line, no stack, and the other files are still updated', () => {
    const d = tempDir();
    const amb = join(d, 'a.scenario');
    const ok = join(d, 'b.scenario');
    writeFileSync(amb, '$ echo "\\$ x"\n');
    writeFileSync(ok, '$ echo fine\n');
    const r = strata('check', '--update', d);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${amb}:1: $ echo "\\$ x": output line is ambiguous in the scenario format: "$ x" (change the scenario); not written`);
    expect(r.stdout).not.toMatch(CRASH);
    expect(r.stdout).toMatch(/0 passed, 1 updated, 1 failed\n$/);
    expect(readFileSync(amb, 'utf8')).toBe('$ echo "\\$ x"\n');
    expect(readFileSync(ok, 'utf8')).toBe('$ echo fine\nfine\n');
  });

  it('writes through a symlink into the file it points to, keeping the link and the mode', () => {
    const d = tempDir();
    mkdirSync(join(d, 'real'));
    const target = join(d, 'real', 't.scenario');
    writeFileSync(target, '$ echo hi\n');
    chmodSync(target, 0o640);
    symlinkSync(join('real', 't.scenario'), join(d, 'link.scenario'));
    expect(strata('check', '--update', join(d, 'link.scenario')).status).toBe(0);
    expect(lstatSync(join(d, 'link.scenario')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('$ echo hi\nhi\n');
    expect(statSync(target).mode & 0o7777).toBe(0o640);
    expect(leftovers(join(d, 'real'))).toEqual([]);
  });

  it('cannot update standard input', () => {
    const r = strata('check', '--update', '-');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('cannot update standard input');
  });
});

describe('--engine with --update writes the header that matches the outputs', () => {
  it('rewrites an # engine: line in place', () => {
    const p = scenario('# title: t\n# engine: docker-26.1\n\n$ echo hi\n');
    expect(strata('--engine', 'docker-20.10', 'check', '--update', p).status).toBe(0);
    expect(readFileSync(p, 'utf8')).toBe('# title: t\n# engine: docker-20.10\n\n$ echo hi\nhi\n');
    // a later plain check replays it on the engine that wrote it
    expect(strata('check', p).status).toBe(0);
  });

  it('adds one after the title and tags when there is none and the engine is not the default', () => {
    const p = scenario('# title: t\n# tags: x\n# free text\n$ echo hi\nhi\n');
    const r = strata('--engine', 'docker-20.10', 'check', '--update', p);
    expect(r.status).toBe(0);
    expect(readFileSync(p, 'utf8')).toBe('# title: t\n# tags: x\n# engine: docker-20.10\n# free text\n$ echo hi\nhi\n');
  });

  it('changes nothing when the engine is the one the file already replays on', () => {
    const text = '$ echo hi\nhi\n';
    const p = scenario(text);
    expect(strata('--engine', 'docker-26.1', 'check', '--update', p).status).toBe(0);
    expect(readFileSync(p, 'utf8')).toBe(text);
  });
});

describe('files are decoded strictly, and --update never rewrites what it cannot read', () => {
  const cases: [string, Uint8Array, string][] = [
    ['invalid UTF-8', Buffer.from('# ok\n$ echo \xff\n', 'latin1'), ':2: not valid UTF-8 (scenario files are UTF-8 text)'],
    ['a lone continuation byte in an output line', Buffer.concat([Buffer.from('$ echo a\n'), Buffer.from([0x80]), Buffer.from('\n')]), ':2: not valid UTF-8'],
    ['a byte order mark', Buffer.from('\uFEFF$ echo hi\n', 'utf8'), ':1: starts with a byte order mark'],
    ['a NUL', Buffer.from('$ echo hi\nh\0i\n', 'utf8'), ':2: contains a NUL character'],
    ['CRLF line endings', Buffer.from('# title: t\r\n$ echo hi\r\n', 'utf8'), ':1: line ends with \\r\\n (CRLF)'],
  ];
  it.each(cases)('%s is refused with FILE:LINE, exit 2, and the bytes stay as they were', (_what, content, message) => {
    const p = scenario(content);
    for (const args of [['check'], ['check', '--update']]) {
      const r = strata(...args, p);
      expect(r.status).toBe(2);
      expect(r.stdout).toContain(`${p}${message}`);
      expect(bytes(p).equals(Buffer.from(content))).toBe(true);
    }
    const replay = strata('replay', p);
    expect(replay.status).toBe(2);
    expect(replay.stderr).toContain(`${p}${message}`);
  });

  it('multi-byte text and \\r inside output lines survive --update byte for byte', () => {
    const text = '# title: é 日本 🐳\n$ printf "é\\r\\n"\nstale ☃\n# commentaire: ça\n';
    const p = scenario(text);
    expect(strata('check', '--update', p).status).toBe(0);
    expect(readFileSync(p, 'utf8')).toBe('# title: é 日本 🐳\n$ printf "é\\r\\n"\né\r\n# commentaire: ça\n');
  });
});

describe('the update lock', () => {
  it('refuses, with exit 2, while another live strata holds the lock; the file is unchanged', async () => {
    const p = scenario('$ echo hi\n');
    const holder = spawn('sleep', ['30']);
    try {
      writeFileSync(join(p, '..', '.a.scenario.strata-lock'), `${holder.pid}\n`);
      const r = strata('check', '--update', p);
      expect(r.status).toBe(2);
      expect(r.stdout).toContain(`${p}: another strata (PID ${holder.pid}) is updating this file; not written`);
      expect(readFileSync(p, 'utf8')).toBe('$ echo hi\n');
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over a stale lock (its process is gone) and removes that process\'s temporary file', async () => {
    const p = scenario('$ echo hi\n');
    const dead = spawn('true');
    await new Promise((resolve) => dead.on('exit', resolve));
    const dir = join(p, '..');
    writeFileSync(join(dir, '.a.scenario.strata-lock'), `${dead.pid}\n`);
    writeFileSync(join(dir, `.a.scenario.strata-${dead.pid}.tmp`), '$ echo hi\nhalf-writ');
    const r = strata('check', '--update', p);
    expect(r.status).toBe(0);
    expect(readFileSync(p, 'utf8')).toBe('$ echo hi\nhi\n');
    expect(leftovers(dir)).toEqual([]);
  });
});

// Permission failures need a user the kernel holds to file modes (root bypasses them): the CLI
// runs as `nobody` when the tests run as root.
describe('a file that cannot be written is a failure, reported, never a stack trace', () => {
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const open = (d: string): void => chmodSync(d, 0o777);

  it('a read-only file: exit 2, unchanged, and the other files are still updated', () => {
    const d = tempDir();
    open(d);
    const ro = join(d, 'a.scenario');
    const ok = join(d, 'b.scenario');
    writeFileSync(ro, '$ echo hi\n');
    writeFileSync(ok, '$ echo ok\n');
    chmodSync(ro, 0o444);
    chmodSync(ok, 0o666);
    const r = strataProcess(['check', '--update', d], asUser);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${ro}: cannot update: permission denied; not written`);
    expect(r.stdout + r.stderr).not.toMatch(CRASH);
    expect(r.stdout).toMatch(/0 passed, 1 updated, 1 failed\n$/);
    expect(readFileSync(ro, 'utf8')).toBe('$ echo hi\n');
    expect(readFileSync(ok, 'utf8')).toBe('$ echo ok\nok\n');
  });

  it('a folder that cannot be read: reported, exit 2, the other paths still checked', () => {
    const d = tempDir();
    open(d);
    mkdirSync(join(d, 'closed'));
    writeFileSync(join(d, 'closed', 'x.scenario'), '$ echo hi\nhi\n');
    writeFileSync(join(d, 'ok.scenario'), '$ echo hi\nhi\n');
    chmodSync(join(d, 'ok.scenario'), 0o644);
    chmodSync(join(d, 'closed'), 0o300);
    const r = strataProcess(['check', d], asUser);
    chmodSync(join(d, 'closed'), 0o755);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${join(d, 'closed')}: cannot read directory: permission denied`);
    expect(r.stdout).toMatch(/1 passed, 1 failed\n$/);
    expect(r.stdout + r.stderr).not.toMatch(CRASH);
  });

  it('a folder where no temporary file can be made: exit 2, unchanged, nothing left behind', () => {
    const d = tempDir();
    const p = join(d, 'a.scenario');
    writeFileSync(p, '$ echo hi\n');
    chmodSync(p, 0o666);
    chmodSync(d, 0o555);
    const r = strataProcess(['check', '--update', p], asUser);
    chmodSync(d, 0o755);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${p}: cannot update: cannot create the lock file`);
    expect(r.stdout + r.stderr).not.toMatch(CRASH);
    expect(readFileSync(p, 'utf8')).toBe('$ echo hi\n');
    expect(existsSync(join(d, '.a.scenario.strata-lock'))).toBe(false);
  });
});

describe('a page --update cannot write is reported, not written (found by the fuzz campaign)', () => {
  it.each([
    // (without a terminal: on one, the page shows what the screen does, `a`)
    ['a carriage return (it ends a Markdown line)', "printf 'a\\r\\r\\n'", '"a\\r\\r"', '<!-- strata tty=no -->\n\n'],
    ['a line like the fence (it ends the block)', "echo '```'", '"```"', ''],
    ['a line like a command', "echo '$ rm -rf /'", '"$ rm -rf /"', ''],
  ])('%s', (_what, command, shown, options) => {
    const text = `# p\n\n${options}\`\`\`console\n$ ${command}\n\`\`\`\n`;
    const line = options === '' ? 4 : 6;
    const p = scenario(text, 'p.md');
    const r = strata('check', '--update', p);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${p}:${line}: $ ${command}: output line cannot be written in a console block: ${shown} (change the page); not written`);
    expect(readFileSync(p, 'utf8')).toBe(text);
  });
});
