// The real side of the shell differential test: a script run by GNU bash with the host's GNU tools,
// or by Debian's busybox sh with only busybox applets on PATH, each in its own throwaway temporary
// directory (the generated scripts use relative paths only), stdout and stderr into one file as a
// terminal shows them, in the order written. Starting a process from Node costs tens of
// milliseconds on a loaded machine, so scripts run in batches: one driver bash starts each script's
// shell in turn.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Flavour = 'gnu' | 'busybox';

export interface Outcome {
  /** stdout and stderr merged in the order written. */
  output: string;
  exitCode: number;
}

export interface RealShell {
  flavour: Flavour;
  /** Why the real programs cannot be used (the test says so loudly), or undefined. */
  missing?: string;
  /** What runs the scripts, for the test's name (`GNU bash, version 5.2.15(1)-release`). */
  version: string;
  run(scripts: readonly string[]): Outcome[];
  dispose(): void;
}

const which = (prog: string): string | undefined => {
  const r = spawnSync('sh', ['-c', `command -v ${prog}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '' ? r.stdout.trim() : undefined;
};

export function realShell(flavour: Flavour): RealShell {
  const root = mkdtempSync(join(tmpdir(), `strata-shell-diff-${flavour}-`));
  const dispose = (): void => rmSync(root, { recursive: true, force: true });
  const driverBash = which('bash');
  const unusable = (missing: string): RealShell => ({ flavour, missing, version: '', run: () => [], dispose });
  if (!driverBash) return unusable('bash is not installed');
  // The script's environment: what the simulated host gives a scenario line (src/engine/engine.ts),
  // and for busybox a PATH of applets only. `env -i` so that the driver's variables do not leak.
  let start: string;
  let version: string;
  if (flavour === 'gnu') {
    start = `env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LC_ALL=C TZ=UTC PWD="$PWD" bash -c "$script"`;
    version = spawnSync(driverBash, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0];
  } else {
    const busybox = which('busybox');
    if (!busybox) return unusable('busybox is not installed (apt-get install busybox)');
    // A Debian busybox is not built to prefer its applets: without a PATH of applet links, `ls` in
    // a script would run GNU ls. The image's busybox has every applet in /bin.
    const bin = join(root, 'bin');
    mkdirSync(bin);
    const list = spawnSync(busybox, ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter((a) => a !== '');
    for (const applet of list) symlinkSync(busybox, join(bin, applet));
    start = `env -i PATH=${bin} HOME=/root TZ=UTC PWD="$PWD" sh -c "$script"`;
    version = spawnSync(busybox, [], { encoding: 'utf8' }).stdout.split('\n')[0];
  }
  let batch = 0;
  return {
    flavour,
    version,
    dispose,
    run(scripts: readonly string[]): Outcome[] {
      const dir = join(root, `batch${batch++}`);
      mkdirSync(dir);
      scripts.forEach((s, i) => {
        writeFileSync(join(dir, `s${i}`), s);
        mkdirSync(join(dir, `w${i}`));
      });
      // Builtins only in the loop (read, cd, echo): each script costs one fork and three execs
      // (timeout, env, the shell); a script still running after 20 s is killed (exit 124).
      const driver = `cd ${dir} || exit 1
i=0
while [ $i -lt ${scripts.length} ]; do
  IFS= read -r -d '' script < s$i
  (cd w$i && exec timeout -k 1 20 ${start}) > o$i 2>&1 < /dev/null
  echo $? > r$i
  i=$((i+1))
done
`;
      const r = spawnSync(driverBash, ['-c', driver], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 + 5_000 * scripts.length, encoding: 'utf8' });
      if (r.error || r.status !== 0) throw new Error(`the real ${flavour} driver failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}`);
      const out = scripts.map((_, i) => ({
        output: readFileSync(join(dir, `o${i}`), 'utf8'),
        exitCode: Number(readFileSync(join(dir, `r${i}`), 'utf8')),
      }));
      rmSync(dir, { recursive: true, force: true });
      return out;
    },
  };
}
