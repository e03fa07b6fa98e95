// strata shell with commands piped on standard input: Docker's output with the data events below
// it, the colon commands, and :save giving a scenario that strata check replays.

import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { ShellSession } from '../../src/explain/shell.ts';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { strataProcess, tempDir } from './helpers.ts';

function shell(lines: string[], args: string[] = []): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const input = [...lines];
  const status = main(['node', 'strata', ...args, 'shell'], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readLine: () => input.shift() ?? null });
  return { status, stdout, stderr };
}

const RUN = 'docker run --name app -v /data busybox sh -c "echo hi > /data/f"';

describe('strata shell', () => {
  it('prints what Docker prints, then what happened to the data', () => {
    const r = shell([RUN, 'docker rm app', 'docker volume ls -q | wc -l']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`$ ${RUN}\nstrata: container app created from image busybox; /data is a new anonymous volume (-v /data)\n`);
    expect(r.stdout).toContain('$ docker rm app\napp\nstrata: container app removed (docker rm)');
    expect(r.stdout).toContain('is orphaned: no container uses it');
    expect(r.stdout).toContain('$ docker volume ls -q | wc -l\n1\n');
  });

  it(':where, with a container or the last one made', () => {
    const r = shell([RUN, ':where app:/data/f', ':where /data/f', ':where ghost:/x', ':where']);
    const where = r.stdout.split('$ :where')[1];
    expect(where).toContain('lives in: the anonymous volume made by command 1, mounted at /data (-v /data), as f');
    expect(r.stdout.split('$ :where')[2]).toContain('lives in: the anonymous volume made by command 1');
    expect(r.stdout).toContain('no container ghost');
    expect(r.stdout).toContain(':where needs a path');
  });

  it(':undo takes the last command back; :diagram draws the state', () => {
    const r = shell([RUN, 'docker rm app', ':undo', 'docker ps -a --format "{{.Names}}"', ':diagram', ':undo', ':undo', ':undo', ':undo']);
    expect(r.stdout).toContain('undone: docker rm app (the engine is as it was before it)');
    expect(r.stdout).toContain('$ docker ps -a --format "{{.Names}}"\napp\n');
    expect(r.stdout).toMatch(/CONTAINERS \(1\)/);
    expect(r.stdout).toContain('nothing to undo');
  });

  it(':engine replays the session on the other engine', () => {
    const s = new ShellSession('docker-26.1');
    s.input('docker volume create keep');
    s.input('docker volume prune -f');
    expect(s.commands).toHaveLength(2);
    const lines = (t: string): string => (s.input(t) as { lines: { text: string }[] }).lines.map((l) => l.text).join('\n');
    expect(lines('docker volume ls -q')).toBe('keep');
    expect(lines(':undo')).toContain('undone');
    const replayed = lines(':engine docker-20.10');
    expect(replayed).toContain('engine: docker-20.10; replaying 2 commands');
    // only the command whose output differs is shown again, with its output on the new engine
    expect(replayed).toContain('differs on docker-20.10:\n$ docker volume prune -f\nDeleted Volumes:\nkeep\n');
    expect(replayed).not.toContain('$ docker volume create keep');
    expect(lines('docker volume ls -q')).toBe('');
    expect(lines(':engine')).toBe('engine: docker-20.10');
    expect(lines(':engine docker-1')).toContain('unknown engine');
  });

  it(':save writes the session as a scenario that strata check replays', () => {
    const dir = tempDir();
    const file = join(dir, 'session.scenario');
    const r = shell(['docker volume create data', "docker build -q -t img - <<'EOF'", 'FROM busybox', 'RUN echo x > /x', 'EOF', 'docker run --rm -v data:/d img cat /x', `:save ${file}`]);
    expect(r.stdout).toContain('> FROM busybox\n> RUN echo x > /x\n> EOF\nsha256:');
    expect(r.stdout).toContain(`saved 3 commands to ${file}`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("$ docker build -q -t img - <<'EOF'\n> FROM busybox\n> RUN echo x > /x\n> EOF\n<img1>\n$ docker run --rm -v data:/d img cat /x\nx\n");
    const s = parseScenario(text, file);
    expect(checkScenario(s, new SimulatedDocker({ engine: 'docker-26.1' })).passed).toBe(true);
  });

  it('unknown colon commands and empty lines; end of input or :quit leaves with 0', () => {
    const r = shell(['', ':bogus', ':quit', 'docker ps']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(':bogus: unknown shell command (:help lists them)');
    expect(r.stdout).not.toContain('$ docker ps');
  });

  it('is one terminal: cd, variables and functions hold for the lines after', () => {
    const r = shell(['mkdir -p app/data', 'cd app', 'X=5; f() { echo "f sees $X"; }', 'pwd', 'f', 'export Y=7', 'sh -c \'echo $Y\'', 'cd data && docker run --rm -v "$(pwd)":/d busybox touch /d/made', 'ls']);
    expect(r.stdout).toMatch(/\$ pwd\n\/\S+\/app\n/);
    expect(r.stdout).toContain('$ f\nf sees 5\n');
    expect(r.stdout).toContain("$ sh -c 'echo $Y'\n7\n");
    expect(r.stdout).toContain('$ ls\nmade\n');
  });

  it(':undo takes back what a line left in the shell too', () => {
    const r = shell(['X=1', 'X=2', ':undo', 'echo $X']);
    expect(r.stdout).toContain('$ echo $X\n1\n');
  });

  it('reads on as a shell would: a final backslash, an open quote, a compound command', () => {
    const r = shell(['echo one \\', 'two', 'echo "a', 'b"', 'for w in x y; do', 'echo $w', 'done']);
    expect(r.stdout).toContain('$ echo one \\\n> two\none two\n');
    expect(r.stdout).toContain('$ echo "a\n> b"\na\nb\n');
    expect(r.stdout).toContain('> done\nx\ny\n');
  });

  it(':save of a session that needs its terminal: a page replays it, a scenario is refused', () => {
    const dir = tempDir();
    const lines = ['mkdir -p site', 'cd site', 'echo hello > index.html', 'docker run --rm -v "$(pwd)":/s busybox cat /s/index.html'];
    const r = shell([...lines, `:save ${join(dir, 's.scenario')}`, `:save ${join(dir, 's.md')}`], ['--engine', 'docker-20.10']);
    expect(r.stdout).toContain('not saved: command 3 (echo hello > index.html) does otherwise in a scenario');
    expect(r.stdout).toContain(`:save ${join(dir, 's')}.md`);
    expect(r.stdout).toContain(`saved 4 commands to ${join(dir, 's.md')}`);
    expect(existsSync(join(dir, 's.scenario'))).toBe(false);
    const page = readFileSync(join(dir, 's.md'), 'utf8');
    expect(page).toBe('# strata shell session\n\n<!-- strata engine=docker-20.10 -->\n\n```console\n$ mkdir -p site\n$ cd site\n$ echo hello > index.html\n$ docker run --rm -v "$(pwd)":/s busybox cat /s/index.html\nhello\n```\n');
    const check = main(['node', 'strata', 'check', join(dir, 's.md')], { stdout: () => {}, stderr: () => {} });
    expect(check).toBe(0);
    // a line whose output needs a variable of the line before
    const v = shell(['X=5', 'echo $X', `:save ${join(dir, 'v.scenario')}`]);
    expect(v.stdout).toContain('$ echo $X\n5\n');
    expect(v.stdout).toContain('not saved: command 2 (echo $X) does otherwise in a scenario');
    expect(existsSync(join(dir, 'v.scenario'))).toBe(false);
  });

  it('as a real process with commands piped in', () => {
    const r = strataProcess(['shell'], { input: `${RUN}\n:where app:/data/f\n`, cwd: tempDir() });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('lives in: the anonymous volume made by command 1');
  });
});
