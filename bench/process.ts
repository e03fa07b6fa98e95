// The acceptance figures that are whole processes: `node bin/strata.js --help` against
// `node -e 0`, and `strata check` of every recorded scenario (issue #14); `strata check` of one
// Markdown page, as a docs author runs it (issue #10: "a page is checked in well under a
// second", which we take as half a second of CPU or less for every tutorial page). CPU of the
// child (user + system, clock ticks of 10 ms), read from its parent shell's /proc/PID/stat after
// it ended.

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './stats.ts';

const ROOT = join(import.meta.dirname, '..');

/** CPU milliseconds of `command` (a shell line run in the repository), `n` times. */
function childCpu(command: string, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = spawnSync('sh', ['-c', `${command} >/dev/null 2>&1; cat /proc/$$/stat`], { cwd: ROOT, encoding: 'utf8' });
    // fields after the command name: state is 3rd; cutime and cstime are the 16th and 17th
    const fields = r.stdout.slice(r.stdout.lastIndexOf(')') + 2).split(' ');
    out.push((Number(fields[13]) + Number(fields[14])) * 10);
  }
  return out;
}

export function benchProcesses(samples: number): Figure[] {
  const node = childCpu('node -e 0', samples);
  const help = childCpu('node bin/strata.js --help', samples);
  const med = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ratio = med(help) / med(node);
  const check = childCpu('node bin/strata.js check test/conformance test/recorded scenarios', Math.max(1, Math.floor(samples / 2)));
  const pages = readdirSync(join(ROOT, 'scenarios', 'tutorials')).filter((f) => f.endsWith('.md')).sort();
  const pageFigures = pages.map((page): Figure => {
    const cpu = childCpu(`node bin/strata.js check scenarios/tutorials/${page}`, samples);
    return { name: `\`strata check\` of the page ${page}, whole process`, samples: cpu, unit: 'ms CPU', target: '≤ 500 ms', met: med(cpu) <= 500 };
  });
  return [
    ...pageFigures,
    { name: '`node -e 0`', samples: node, unit: 'ms CPU' },
    { name: `\`node bin/strata.js --help\` (${ratio.toFixed(2)}x)`, samples: help, unit: 'ms CPU', target: '≤ 2x node -e 0', met: ratio <= 2 },
    { name: '`strata check` of every recorded scenario, whole process', samples: check, unit: 'ms CPU', target: '< 3000 ms', met: med(check) < 3000 },
  ];
}
