// Test scaffolding: an in-memory file system and a few fake applets injected through
// ShellEnvironment.applets (the real applets live in src/shell/applets and are tested there).

import { FsError, STRERROR } from '../../src/fs/errors.ts';
import { memoryFs } from '../../src/fs/memory.ts';
import { join } from '../../src/fs/path.ts';
import type { Namespace } from '../../src/fs/namespace.ts';
import { execProgram, runShell } from '../../src/shell/index.ts';
import { type Applet, type Flavor, type ShellEnvironment, defaultBudget } from '../../src/shell/types.ts';

export const fakeApplets: Record<string, Applet> = {
  echo: (ctx, args) => {
    let nl = true;
    if (args[0] === '-n') {
      nl = false;
      args = args.slice(1);
    }
    ctx.stdout(args.join(' ') + (nl ? '\n' : ''));
    return 0;
  },
  cat: (ctx, args) => {
    if (args.length === 0) {
      ctx.stdout(ctx.stdin);
      return 0;
    }
    let status = 0;
    for (const a of args) {
      try {
        ctx.stdout(a === '-' ? ctx.stdin : ctx.fs.readFile(join(ctx.cwd, a)));
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        ctx.stderr(`cat: can't open '${a}': ${STRERROR[e.code]}\n`);
        status = 1;
      }
    }
    return status;
  },
  upper: (ctx) => {
    ctx.stdout(ctx.stdin.toUpperCase());
    return 0;
  },
  warn: (ctx, args) => {
    ctx.stderr(args.join(' ') + '\n');
    return 0;
  },
  ls: (ctx, args) => {
    const dir = join(ctx.cwd, args[0] ?? '.');
    ctx.stdout(
      ctx.fs
        .readdir(dir)
        .sort()
        .map((n) => n + '\n')
        .join(''),
    );
    return 0;
  },
  touch: (ctx, args) => {
    for (const a of args) ctx.fs.writeFile(join(ctx.cwd, a), '', { append: true });
    return 0;
  },
  printenv: (ctx, args) => {
    for (const a of args) if (ctx.env[a] !== undefined) ctx.stdout(ctx.env[a] + '\n');
    return 0;
  },
  env: (ctx, args) => ctx.run(args, ctx),
  exitwith: (_ctx, args) => Number(args[0]),
  boom: () => {
    throw new FsError('EROFS', '/x');
  },
  sleep: (ctx, args) => {
    ctx.sleep(Number(args[0]));
    return 0;
  },
};

export interface Setup {
  fs: Namespace;
  env: ShellEnvironment;
}

/** A shell environment over a fresh memoryFs. Busybox flavor gets /bin/busybox and applet links. */
export function setup(flavor: Flavor = 'busybox', files: Record<string, string> = {}): Setup {
  const fs = memoryFs();
  for (const d of ['/bin', '/tmp', '/root', '/usr', '/usr/local', '/usr/local/bin', '/work']) fs.mkdir(d);
  if (flavor === 'busybox') {
    fs.writeFile('/bin/busybox', '\x7fELF busybox', { mode: 0o755 });
    for (const name of [...Object.keys(fakeApplets), 'sh', 'ash', 'true', 'false']) fs.symlink('/bin/busybox', `/bin/${name}`);
  }
  for (const [path, data] of Object.entries(files)) fs.writeFile(path, data, { mode: 0o755 });
  const env: ShellEnvironment = {
    fs,
    flavor,
    cwd: '/',
    env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/root' },
    hostname: 'abc123',
    budget: defaultBudget(),
    sleep: () => undefined,
    shellName: flavor === 'gnu' ? 'bash' : 'sh',
    applets: (name) => fakeApplets[name],
  };
  return { fs, env };
}

export interface Result {
  status: number;
  out: string;
  err: string;
  /** stdout and stderr merged in the order written. */
  all: string;
}

export function sh(script: string, s: Setup = setup(), stdin = '', opts: { argv0?: string; positional?: string[] } = {}): Result {
  const r: Result = { status: 0, out: '', err: '', all: '' };
  r.status = runShell(script, s.env, {
    stdin,
    stdout: (d) => {
      r.out += d;
      r.all += d;
    },
    stderr: (d) => {
      r.err += d;
      r.all += d;
    },
  }, opts);
  return r;
}

export function exec(argv: string[], s: Setup): Result {
  const r: Result = { status: 0, out: '', err: '', all: '' };
  r.status = execProgram(argv, s.env, {
    stdin: '',
    stdout: (d) => {
      r.out += d;
      r.all += d;
    },
    stderr: (d) => {
      r.err += d;
      r.all += d;
    },
  });
  return r;
}
