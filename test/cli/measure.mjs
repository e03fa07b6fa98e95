// Runs `strata ARGS...` like bin/strata.js, then prints its peak resident memory (kB) as the last
// line of stderr: `maxrss <kB>`. For the memory-bound tests, which must measure a process of
// their own (a test worker's memory is shared with everything else it ran).
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../../src/cli/main.ts');
const status = main(process.argv);
process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\n`);
process.exitCode = status;
