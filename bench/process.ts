// The acceptance figures that are whole processes: `node bin/strata.js --help` against
// `node -e 0`, and `strata check` of every recorded scenario (issue #14); `strata check` of one
// Markdown page, as a docs author runs it (issue #10: "a page is checked in well under a
// second", which we take as half a second of CPU or less for every tutorial page). CPU of the
// child (user + system, clock ticks of 10 ms), read from its parent shell's /proc/PID/stat after
// it ended.
//
// The sandbox this project is developed in sets NODE_EXTRA_CA_CERTS (its whole CA bundle, ~140
// certificates), and node reads and parses that file at every start, before any of strata's code
// runs: 415 M of the 500 M instructions `node -e 0` executes here (valgrind, 85 M without it),
// ~40-60 ms of CPU. A normal install does not set it, so the page and --help figures are also
// taken without it ("a normal install" rows): what a docs author's machine pays. strata makes no
// TLS connection and cannot avoid the cost where the variable is set.

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Figure } from './stats.ts';

const ROOT = join(import.meta.dirname, '..');

/** This process's environment without the sandbox's extra CA certificates (see above). */
const NORMAL_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS'));
/** Whether the variable is set here at all: without it the two kinds of rows would be the same. */
const EXTRA_CERTS = process.env.NODE_EXTRA_CA_CERTS !== undefined;

/** CPU milliseconds of `command` (a shell line run in the repository), `n` times. */
function childCpu(command: string, n: number, env: NodeJS.ProcessEnv = process.env): number[] {
  return childRuns(command, n, env).map((r) => r.cpu);
}

/** CPU and wall-clock milliseconds of `command` (a shell line run in the repository), `n` times. */
function childRuns(command: string, n: number, env: NodeJS.ProcessEnv = process.env): { cpu: number; wall: number }[] {
  const out: { cpu: number; wall: number }[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = spawnSync('sh', ['-c', `${command} >/dev/null 2>&1; cat /proc/$$/stat`], { cwd: ROOT, encoding: 'utf8', env });
    const wall = performance.now() - t0;
    // fields after the command name: state is 3rd; cutime and cstime are the 16th and 17th
    const fields = r.stdout.slice(r.stdout.lastIndexOf(')') + 2).split(' ');
    out.push({ cpu: (Number(fields[13]) + Number(fields[14])) * 10, wall });
  }
  return out;
}

export function benchProcesses(samples: number): Figure[] {
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const pages = readdirSync(join(ROOT, 'scenarios', 'tutorials')).filter((f) => f.endsWith('.md')).sort();
  // (as run here, then, where the sandbox sets the variable, as a normal install runs)
  const setups: { env: NodeJS.ProcessEnv; label: string }[] = [{ env: process.env, label: '' }, ...(EXTRA_CERTS ? [{ env: NORMAL_ENV, label: ', a normal install (no NODE_EXTRA_CA_CERTS)' }] : [])];
  const figures: Figure[] = [];
  for (const { env, label } of setups) {
    for (const page of pages) {
      const cpu = childCpu(`node bin/strata.js check scenarios/tutorials/${page}`, samples, env);
      figures.push({ name: `\`strata check\` of the page ${page}, whole process${label}`, samples: cpu, unit: 'ms CPU', target: '≤ 500 ms', met: med(cpu) <= 500 });
    }
  }
  for (const { env, label } of setups) {
    // taken in turns, so that the machine's load (shared, changing) weighs on both alike
    const node: number[] = [];
    const help: number[] = [];
    for (let i = 0; i < samples; i++) {
      node.push(...childCpu('node -e 0', 1, env));
      help.push(...childCpu('node bin/strata.js --help', 1, env));
    }
    const ratio = med(help) / med(node);
    figures.push({ name: `\`node -e 0\`${label}`, samples: node, unit: 'ms CPU' });
    figures.push({ name: `\`node bin/strata.js --help\` (${ratio.toFixed(2)}x)${label}`, samples: help, unit: 'ms CPU', target: '≤ 2x node -e 0', met: ratio <= 2 });
  }
  // `strata check` spreads many files over the cores (src/cli/parallel.ts): CPU of all its
  // threads, and the wall-clock time it takes (which the machine's other work lengthens)
  const threads = Math.min(availableParallelism(), 4);
  const check = childRuns('node bin/strata.js check test/conformance test/recorded scenarios', Math.max(1, Math.floor(samples / 2)));
  const cpu = check.map((r) => r.cpu);
  const wall = check.map((r) => Math.round(r.wall));
  figures.push({ name: '`strata check` of every recorded scenario, whole process', samples: cpu, unit: 'ms CPU', target: '< 3000 ms', met: med(cpu) < 3000 });
  figures.push({ name: `\`strata check\` of every recorded scenario, whole process, wall clock (${threads} threads)`, samples: wall, unit: 'ms', target: '< 3000 ms', met: med(wall) < 3000 });
  return figures;
}
