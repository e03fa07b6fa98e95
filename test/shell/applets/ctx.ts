// Test helper: run an applet directly over an in-memory file system and collect its output.

import { memoryFs } from '../../../src/fs/memory.ts';
import { Namespace, type Mount } from '../../../src/fs/namespace.ts';
import { entryOf, setEntry, dir, file, type DirNode, type Node } from '../../../src/fs/node.ts';
import { TreeBackend } from '../../../src/fs/tree-backend.ts';
import type { Vfs } from '../../../src/fs/vfs.ts';
import { getApplet } from '../../../src/shell/applets/index.ts';
import { BlockedSignal, defaultBudget, type AppletContext, type Budget, type Flavor, type ProcessIO } from '../../../src/shell/types.ts';

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface Harness {
  fs: Vfs;
  flavor: Flavor;
  cwd: string;
  budget: Budget;
  /** Run `argv` (argv[0] is the applet name). */
  run(argv: string[], stdin?: string): RunResult;
  /** Sleep durations requested. */
  slept: number[];
  /** Make sleep(Infinity) throw BlockedSignal like a background process. */
  blockForever: boolean;
}

export const PASSWD = 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\napp:x:1000:1000:app:/home/app:/bin/sh\n';
export const GROUP = 'root:x:0:\ndaemon:x:1:\nwheel:x:10:root\nnogroup:x:65534:\napp:x:1000:\n';

/** A tree with /etc/passwd, /etc/group, /tmp and /root. */
export function baseTree(extra: Record<string, Node> = {}): DirNode {
  return dir({}, {
    etc: dir({}, { passwd: file(PASSWD), group: file(GROUP) }),
    tmp: dir({ mode: 0o1777 }),
    root: dir({ mode: 0o700 }),
    ...extra,
  });
}

export function harness(opts: { flavor?: Flavor; fs?: Vfs; root?: DirNode; cwd?: string; budget?: Budget; now?: number; uid?: number; gid?: number } = {}): Harness {
  const now = opts.now ?? 1_700_000_000;
  const fs = opts.fs ?? memoryFs(opts.root ?? baseTree(), { clock: () => now, uid: opts.uid, gid: opts.gid });
  const h: Harness = {
    fs,
    flavor: opts.flavor ?? 'busybox',
    cwd: opts.cwd ?? '/',
    budget: opts.budget ?? defaultBudget(),
    slept: [],
    blockForever: false,
    run(argv: string[], stdin = ''): RunResult {
      let out = '';
      let err = '';
      const io: ProcessIO = { stdin, stdout: (s) => (out += s), stderr: (s) => (err += s) };
      const status = runArgv(argv, io);
      return { status, stdout: out, stderr: err };
    },
  };
  const runArgv = (argv: string[], io: ProcessIO): number => {
    const applet = getApplet(argv[0], h.flavor);
    if (!applet) {
      io.stderr(`sh: ${argv[0]}: not found\n`);
      return 127;
    }
    const ctx: AppletContext = {
      ...io,
      name: argv[0],
      fs: h.fs,
      cwd: h.cwd,
      env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root' },
      flavor: h.flavor,
      budget: h.budget,
      hostname: 'abc123def456',
      sleep: (s) => {
        h.slept.push(s);
        if (s === Infinity && h.blockForever) throw new BlockedSignal('sleep forever');
      },
      run: (a, io2) => runArgv(a, io2),
    };
    return applet(ctx, argv.slice(1));
  };
  return h;
}

/** A namespace with a root tree and a capacity-limited tmpfs mounted at `target`. */
export function withTmpfs(target: string, capacity: number, root: DirNode = baseTree()): Namespace {
  const parts = target.split('/').filter(Boolean);
  let d = root;
  for (const p of parts) {
    const next = entryOf(d, p);
    if (next && next.kind === 'dir') d = next;
    else {
      const created = dir();
      setEntry(d, p, created);
      d = created;
    }
  }
  const tmpfsRoot = dir({ mode: 0o1777 });
  const rootBackend = memoryFs(root);
  void rootBackend;
  const mounts: Mount[] = [
    { target: '/', backend: new TreeBackend(() => root), readonly: false, source: 'overlay' },
    { target, backend: new TreeBackend(() => tmpfsRoot, { fstype: 'tmpfs', device: 'tmpfs', capacity }), readonly: false, source: 'tmpfs' },
  ];
  return new Namespace(mounts, { clock: () => 1_700_000_000 });
}

/** A namespace whose /etc/app is a read-only bind mount. */
export function withReadonly(target: string, content: DirNode, root: DirNode = baseTree()): Namespace {
  const mounts: Mount[] = [
    { target: '/', backend: new TreeBackend(() => root), readonly: false, source: 'overlay' },
    { target, backend: new TreeBackend(() => content), readonly: true, source: '/dev/sda1' },
  ];
  return new Namespace(mounts, { clock: () => 1_700_000_000 });
}
