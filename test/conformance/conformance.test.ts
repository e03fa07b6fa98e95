// The recorded corpora (real Docker 20.10 and 26.1 engines) and our own scenarios, replayed by
// strata and compared byte for byte after normalization.
//
// Every file here was recorded on the oracle (shared/oracle/README.md), whose daemons run with
// `dockerd --bridge=none` (start-engine.sh): no default `bridge` network, and containers on the
// default network network-disabled. So each is replayed with the configuration of the daemon
// that printed it: `--bridge=none`, unless the file's own `# daemon:` header says otherwise
// (src/daemon/config.ts). The copies of the shared corpora under test/conformance/ stay unedited,
// so the configuration is given here, not written into them. A file without the header checked
// by `npx strata check` runs on a normal install (docs/compat.md, "Where strata follows a normal
// install"); every case of test/recorded/ and scenarios/ passes both ways, since none of them
// shows the default bridge (test/network/normal-install.test.ts pins the normal install).
//
// The oracle also runs the catalog's stand-ins as they are built, on busybox: a recorded command
// inside a Debian- or Ubuntu-based stand-in prints busybox's words where a normal install's image
// prints GNU's (src/container/userland.ts). So the recorded files are replayed with
// `busyboxStandIns`, and scenarios/ (strata's own, checked as a user's `strata check` does) without;
// a lesson there that shows busybox's own files is a 26.1 recording whose `# busybox: oracle` line
// gives it the oracle's busybox:latest (a normal install has the real image: src/image/busybox-real.ts).
//
// KNOWN_FAILING is a ratchet, not an allowance: each listed case is asserted to FAIL, so a fix
// that makes one pass turns this test red until the case is removed from the list, and a new
// failure anywhere else turns it red too. The list only ever shrinks.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseScenario } from '../../src/scenario/parse.ts';
import { checkScenario } from '../../src/scenario/replay.ts';
import { SimulatedDocker } from '../../src/engine/scenario-engine.ts';
import { expandPaths } from '../../src/cli/files.ts';
import { DEFAULT_ENGINE, type EngineName } from '../../src/engine/profile.ts';
import { KNOWN_FAILING } from './known-failing.ts';
import { parseDaemonFlags } from '../../src/daemon/config.ts';

/** The oracle's daemon flags that strata simulates (shared/oracle/start-engine.sh). */
const ORACLE_DAEMON = parseDaemonFlags('--bridge=none');

const root = join(import.meta.dirname, '..', '..');

const files = expandPaths([join(root, 'test', 'conformance'), join(root, 'test', 'recorded'), join(root, 'scenarios')]);

describe('recorded scenarios replay byte for byte', () => {
  for (const file of files) {
    const name = relative(root, file);
    const knownFailing = KNOWN_FAILING.has(name);
    it(`${knownFailing ? '[known failing] ' : ''}${name}`, () => {
      const s = parseScenario(readFileSync(file, 'utf8'), name);
      const recorded = !name.startsWith('scenarios/');
      const engine = new SimulatedDocker({ engine: (s.engine ?? DEFAULT_ENGINE) as EngineName, daemon: s.daemon ?? ORACLE_DAEMON, busyboxStandIns: recorded, ...(s.oracleBusybox ? { oracleBase: true } : {}) });
      let passed = false;
      let diff = '';
      try {
        const r = checkScenario(s, engine);
        passed = r.passed;
        diff = r.diff;
      } catch (e) {
        diff = `crashed: ${(e as Error).stack}`;
      }
      if (knownFailing) expect(passed, `${name} now passes: remove it from test/conformance/known-failing.ts`).toBe(false);
      else expect(passed, diff).toBe(true);
    });
  }
});
